// Typed enums: unknown passthrough behavior, content handling and S3 method, and an operation
// method with no S3 equivalent.
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
#[s3_integration(bucket = PETS, passthrough = "when_no_template", content_handling = "binary")]
pub struct A;

#[operation(GET "/b/<petId>", responses = R)]
#[s3_integration(bucket = PETS, method = "post")]
pub struct B;

#[operation(POST "/c/<petId>", responses = R)]
#[s3_integration(bucket = PETS)]
pub struct C;

fn main() {}
