// A listing's success response must declare the body the listing answers.
use apigw::prelude::*;
use apigw::Bucket;

const FILES: Bucket = Bucket::owned("files");

#[derive(Serialize, JsonSchema)]
pub struct Files {
    pub names: Vec<String>,
}

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok(Json<Files>),
    #[status(400)]
    BadRequest,
    #[status(403)]
    Forbidden,
    #[status(404)]
    NotFound,
    #[status(500)]
    Failed,
}

#[operation(GET "/files", responses = R)]
#[s3_integration(bucket = FILES, list_objects = "json")]
pub struct ListFiles;

#[operation(GET "/files.xml", responses = R)]
#[s3_integration(bucket = FILES, list_objects = "xml")]
pub struct ListFilesXml;

fn main() {}
