// Two entries of one integration whose patterns select the same status: API Gateway does not
// document which one wins. Each overlap is reported on the later entry. (Lambda errorMessage
// patterns are not compared: whether two regular expressions share a match is not checked.)
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[operation(GET "/pets/<petId>", responses = R)]
#[http_integration(
    url = "https://api.example.com/pets/{petId}",
    responses = [default_passthrough, "[45]\\d{2}" => 500, "404" => 404],
)]
pub struct GetPet;

// Overlapping patterns that answer one status: one entry does what both do.
#[operation(GET "/toys/<toyId>", responses = R)]
#[http_integration(
    url = "https://api.example.com/toys/{toyId}",
    responses = [default_passthrough, "4\\d{2}" => 404, "404" => 404],
)]
pub struct GetToy;

fn main() {}
