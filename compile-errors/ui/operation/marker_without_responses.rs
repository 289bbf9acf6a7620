use apigw::prelude::*;

#[operation(GET "/health")]
#[mock_integration(status = 200)]
pub struct HealthCheck;

fn main() {}
