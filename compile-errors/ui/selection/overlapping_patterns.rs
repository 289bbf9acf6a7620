// Two entries of one integration whose patterns select the same status: API Gateway does not
// document which one wins. Each overlap is reported on the later entry.
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
    responses = [default_passthrough, "(4|5)\\d{2}" => 500, "404" => 404],
)]
pub struct GetPet;

fn main() {}
