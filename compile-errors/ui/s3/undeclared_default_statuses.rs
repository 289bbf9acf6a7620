// The default response sets answer 200 and S3's 400/403/404/500: each must be declared.
use apigw::prelude::*;
use apigw::Bucket;

const PETS: Bucket = Bucket::owned("pets");

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok,
    #[status(404)]
    NotFound(Json<ApiError>),
}

#[operation(GET "/pets/<petId>", responses = GetPetResponses)]
#[s3_integration(bucket = PETS)]
pub struct GetPet;

fn main() {}
