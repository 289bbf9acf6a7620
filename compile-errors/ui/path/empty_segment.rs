use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum Responses {
    #[status(200)]
    Ok,
}

#[operation(GET "/pets//toys")]
pub async fn list_toys() -> Responses {
    Responses::Ok
}

fn main() {}
