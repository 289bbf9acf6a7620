use apigw::prelude::*;
use apigw::Bucket;

pub const COVERS: Bucket = Bucket::owned("covers");

#[derive(ApiResponses)]
pub enum CoverResponses {
    #[status(200)]
    Ok(Binary<ImageJpeg>),
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[operation(GET "/covers/<isbn>", responses = CoverResponses, body = Binary<ImageJpeg>)]
#[s3_integration(bucket = COVERS, path = "covers/{isbn}.jpg")]
pub struct GetCover;

fn main() {}
