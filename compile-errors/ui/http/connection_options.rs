// `vpc_link(...)` takes an `apigw::VpcLink`; TLS options need https; cache keys are declared.
use apigw::prelude::*;
use apigw::Bucket;

const PETS: Bucket = Bucket::owned("pets");

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
}

#[operation(GET "/a", responses = R)]
#[http_integration(url = "http://nlb.internal/a", proxy, connection = vpc_link(PETS))]
pub struct A;

#[operation(GET "/b", responses = R)]
#[http_integration(url = "http://api.example.com/b", proxy, insecure_skip_verification)]
pub struct B;

#[operation(GET "/c/<id>", responses = R)]
#[http_integration(url = "https://api.example.com/c/{id}", proxy, cache_key = [path("id"), query("page")])]
pub struct C;

fn main() {}
