// With the bucket named by the request, the key is written out, and `{bucket}` is the bucket's.
use apigw::prelude::*;

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
#[s3_integration(bucket = path("folder"), bucket_pattern = "f-*")]
pub struct GetItem;

#[operation(PUT "/<folder>/<bucket>", responses = R)]
#[s3_integration(bucket = path("folder"), bucket_pattern = "f-*", path = "{bucket}")]
pub struct PutItem;

#[operation(DELETE "/<item>", responses = R)]
#[s3_integration(bucket = path("folder"), bucket_pattern = "f-*", path = "{item}")]
pub struct DeleteItem;

fn main() {}
