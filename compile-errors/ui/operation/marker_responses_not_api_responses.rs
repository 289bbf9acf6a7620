use apigw::prelude::*;

pub struct Health;

fn healthy() -> Health {
    Health
}

#[operation(GET "/health", responses = Health)]
#[mock_integration(with = healthy)]
pub struct HealthCheck;

fn main() {}
