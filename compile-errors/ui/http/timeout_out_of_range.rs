// API Gateway (REST) accepts integration timeouts of 50 to 29000 ms.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
}

#[operation(GET "/slow", responses = R)]
#[http_integration(url = "https://api.example.com/slow", proxy, timeout_ms = 30000)]
pub struct Slow;

#[operation(GET "/fast", responses = R)]
#[http_integration(url = "https://api.example.com/fast", proxy, timeout_ms = 10)]
pub struct Fast;

fn main() {}
