// Statuses of explicit response sets: `catch_all` answers 500, a custom mapping its own status.
// An entry replaced by a later set no longer counts (`"404" => 410` replaces S3's 404).
use apigw::prelude::*;
use apigw::Bucket;

const PETS: Bucket = Bucket::owned("pets");

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok,
    #[status(400)]
    BadRequest,
    #[status(403)]
    Forbidden,
}

#[operation(GET "/pets/<petId>", responses = GetPetResponses)]
#[s3_integration(
    bucket = PETS,
    responses = [default_passthrough, s3_json_error_message, catch_all, custom("404" => 410), custom("500" => 400)],
)]
pub struct GetPet;

fn main() {}
