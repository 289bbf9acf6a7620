// Request parameter mappings may only read what the operation declares.
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

#[operation(PUT "/pets/<petId>", responses = R, query = ["version"], headers = ["X-Owner"])]
#[s3_integration(
    bucket = PETS,
    path = "pets/{petId}/{version}",
    request_parameters(
        path("version") = query("versionId"),
        header("x-amz-meta-owner") = header("x-owner"),
        header("x-amz-meta-pet") = path("pet"),
        path("nothing") = literal("it's"),
    ),
)]
pub struct PutPet;

fn main() {}
