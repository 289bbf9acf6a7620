// A listing's query mappings are ListObjectsV2's own parameters.
use apigw::prelude::*;
use apigw::Bucket;
use apigw::integration::ObjectListing;

const FILES: Bucket = Bucket::owned("files");

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok(Json<ObjectListing>),
    #[status(400)]
    BadRequest,
    #[status(403)]
    Forbidden,
    #[status(404)]
    NotFound,
    #[status(500)]
    Failed,
}

#[operation(GET "/files", responses = R, query = ["limit", "type", "page"])]
#[s3_integration(
    bucket = FILES,
    list_objects = "json",
    request_parameters(
        query("max_keys") = query("limit"),
        query("list-type") = query("type"),
        raw("integration.request.querystring.page") = query("page"),
    ),
)]
pub struct ListFiles;

fn main() {}
