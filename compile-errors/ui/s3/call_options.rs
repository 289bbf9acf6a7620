// One S3 call per integration, and options that fit it.
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

#[operation(GET "/files", responses = R)]
#[s3_integration(bucket = FILES, list_objects = "csv")]
pub struct ListCsv;

#[operation(GET "/files/all", responses = R)]
#[s3_integration(bucket = FILES, list_objects = "xml", method = "get")]
pub struct ListWithMethod;

#[operation(PUT "/buckets/<name>", responses = R)]
#[s3_integration(bucket = path("name"), bucket_pattern = "b-*", create_bucket, delete_bucket)]
pub struct CreateAndDelete;

#[operation(GET "/buckets", responses = R)]
#[s3_integration(bucket = FILES, list_buckets = "xml")]
pub struct ListBucketsOfABucket;

fn main() {}
