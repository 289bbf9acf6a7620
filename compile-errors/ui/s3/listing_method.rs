// A listing is read with GET.
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
    #[status(500)]
    Failed,
}

#[operation(POST "/files/search", responses = R)]
#[s3_integration(bucket = FILES, list_objects = "xml")]
pub struct SearchFiles;

#[operation(PUT "/buckets", responses = R)]
#[s3_integration(list_buckets = "xml")]
pub struct PutBuckets;

fn main() {}
