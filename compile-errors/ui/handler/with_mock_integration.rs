use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum HealthResponses {
    #[status(200)]
    Ok,
}

#[operation(GET "/health")]
#[mock_integration(status = 200)]
pub async fn health() -> HealthResponses {
    HealthResponses::Ok
}

fn main() {}
