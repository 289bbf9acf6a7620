// A `{param}` of the S3 path that the operation's path does not have.
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

#[operation(GET "/pets/<petId>", responses = R)]
#[s3_integration(bucket = PETS, path = "pets/{id}/details.json")]
pub struct GetPet;

#[operation(GET "/owners/<ownerId>", responses = R)]
#[s3_integration(bucket = PETS, path = "owners/{ownerId", method = "get")]
pub struct GetOwner;

fn main() {}
