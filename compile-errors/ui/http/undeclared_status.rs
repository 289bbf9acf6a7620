// Every status the integration responses answer must be declared; S3's error set does not apply.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
}

#[operation(GET "/pets/<petId>", responses = R)]
#[http_integration(
    url = "https://api.example.com/pets/{petId}",
    responses = [default_passthrough(status = 201), "404" => 404],
)]
pub struct GetPet;

#[operation(GET "/owners", responses = R)]
#[http_integration(url = "https://api.example.com/owners", responses = [s3_json_error_message])]
pub struct ListOwners;

fn main() {}
