// API Gateway keeps one integration response per status: `catch_all` (500) next to S3's "500"
// entry, or a custom mapping onto the success status, would lose one of them.
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

#[operation(GET "/a/<petId>", responses = R)]
#[s3_integration(bucket = PETS, responses = [default_passthrough, s3_json_error_message, catch_all])]
pub struct A;

#[operation(GET "/b/<petId>", responses = R)]
#[s3_integration(bucket = PETS, responses = [default_passthrough, "404" => 200])]
pub struct B;

fn main() {}
