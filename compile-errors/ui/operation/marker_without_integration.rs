use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum HealthResponses {
    #[status(200)]
    Ok,
}

#[operation(GET "/health", responses = HealthResponses)]
pub struct HealthCheck;

fn main() {}
