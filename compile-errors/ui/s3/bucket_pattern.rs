// A bucket the request names needs the pattern the role is limited to.
use apigw::prelude::*;
use apigw::Bucket;

const PETS: Bucket = Bucket::owned("pets");

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
    #[status(400)]
    BadRequest,
    #[status(403)]
    Forbidden,
    #[status(404)]
    NotFound,
    #[status(500)]
    Failed,
}

#[operation(GET "/<folder>/<item>", responses = R)]
#[s3_integration(bucket = path("folder"), path = "{item}")]
pub struct GetItem;

#[operation(PUT "/<folder>/<item>", responses = R)]
#[s3_integration(bucket = path("folder"), bucket_pattern = "Photos_*", path = "{item}")]
pub struct PutItem;

#[operation(DELETE "/pets/<item>", responses = R)]
#[s3_integration(bucket = PETS, bucket_pattern = "pets-*", path = "{item}")]
pub struct DeleteItem;

#[operation(HEAD "/<folder>/<item>", responses = R)]
#[s3_integration(bucket = literal("photos"), bucket_pattern = "photos", path = "{item}")]
pub struct HeadItem;

fn main() {}
