// The URL must be an absolute http(s) URL.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
}

#[operation(GET "/a", responses = R)]
#[http_integration(url = "api.example.com/pets", proxy)]
pub struct A;

#[operation(GET "/b", responses = R)]
#[http_integration(url = "ftp://files.example.com/pets", proxy)]
pub struct B;

#[operation(GET "/c", responses = R)]
#[http_integration(url = "https://exa mple.com/pets", proxy)]
pub struct C;

#[operation(GET "/d", responses = R)]
#[http_integration(url = "https://api.example.com/pets#top", proxy)]
pub struct D;

#[operation(GET "/e", responses = R)]
#[http_integration(url = "https://${AWS::Region}.example.com/pets", proxy)]
pub struct E;

fn main() {}
