use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum HealthResponses {
    #[status(200)]
    Ok,
}

#[operation(GET "/health", responses = HealthResponses)]
#[mock_integration(status = 200)]
#[mock_integration(status = 200, body = "{}")]
pub struct HealthCheck;

fn main() {}
