use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum HealthResponses {
    #[status(200)]
    Ok,
}

#[operation(GET "/health", responses = HealthResponses)]
#[mock_integration(status = 503, body = "{\"message\": \"down\"}")]
pub struct HealthCheck;

fn main() {}
