use apigw::prelude::*;

#[mock_integration(status = 200)]
pub struct HealthCheck;

fn main() {}
