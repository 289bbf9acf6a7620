// Statuses of explicit response sets. A later set replaces an earlier entry with the same
// pattern (`"404" => 410` replaces S3's 404), so only the composed result must be declared.
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
    responses = [default_passthrough, s3_json_error_message, "404" => 410, "500" => 503],
)]
pub struct GetPet;

#[derive(ApiResponses)]
pub enum OnlyOk {
    #[status(200)]
    Ok,
}

#[operation(GET "/owners/<ownerId>", responses = OnlyOk)]
#[s3_integration(bucket = PETS, responses = [default_passthrough(status = 202), catch_all])]
pub struct GetOwner;

fn main() {}
