// `<param>` is how an operation's path names a parameter; an S3 path writes `{param}`.
use apigw::prelude::*;
use apigw::Bucket;

const COVERS: Bucket = Bucket::owned("covers");

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

#[operation(PUT "/covers/<isbn>", responses = R)]
#[s3_integration(bucket = COVERS, path = "covers/<isbn>.jpg")]
pub struct PutCover;

fn main() {}
