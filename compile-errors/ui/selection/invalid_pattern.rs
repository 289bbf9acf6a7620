// A selection pattern API Gateway cannot compile fails the deployment: it does not compile here.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
    #[status(404)]
    NotFound(Json<ApiError>),
}

#[operation(GET "/pets/<petId>", responses = R)]
#[http_integration(
    url = "https://api.example.com/pets/{petId}",
    responses = [default_passthrough, "40(4" => 404],
)]
pub struct GetPet;

fn main() {}
