// A `{param}` of the URL that the operation's path does not have.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
}

#[operation(GET "/pets/<petId>", responses = R)]
#[http_integration(url = "https://api.example.com/pets/{id}", proxy)]
pub struct GetPet;

#[operation(GET "/owners/<ownerId>", responses = R)]
#[http_integration(url = "https://api.example.com/owners/{ownerId}", proxy, request_parameters(path("owner") = path("ownerId")))]
pub struct GetOwner;

fn main() {}
