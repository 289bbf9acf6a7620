// A proxy passes everything through: mapping options would be silently ignored.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
}

#[operation(POST "/pets", responses = R)]
#[http_integration(
    url = "https://api.example.com/pets",
    proxy,
    request_template("application/json" = "{}"),
    responses = [catch_all],
    passthrough = "never",
)]
pub struct CreatePet;

fn main() {}
