// A listing reads no object: a key (and its placeholders) has nothing to name.
use apigw::prelude::*;
use apigw::{Bucket, Xml};

const FILES: Bucket = Bucket::owned("files");

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok(Xml),
    #[status(400)]
    BadRequest,
    #[status(403)]
    Forbidden,
    #[status(404)]
    NotFound,
    #[status(409)]
    Conflict,
    #[status(500)]
    Failed,
}

#[operation(GET "/folders/<name>", responses = R)]
#[s3_integration(bucket = FILES, list_objects = "xml", path = "folders/{name}/")]
pub struct ListFolder;

#[operation(PUT "/buckets/<name>", responses = R)]
#[s3_integration(bucket = path("name"), bucket_pattern = "b-*", create_bucket, path = "{name}")]
pub struct CreateBucket;

fn main() {}
