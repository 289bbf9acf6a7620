// `success_status = 204` answers 204, which the responses do not declare.
use apigw::prelude::*;
use apigw::Bucket;

const PETS: Bucket = Bucket::owned("pets");

#[derive(ApiResponses)]
pub enum DeleteResponses {
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

#[operation(DELETE "/pets/<petId>", responses = DeleteResponses)]
#[s3_integration(bucket = PETS, success_status = 204)]
pub struct DeletePet;

fn main() {}
