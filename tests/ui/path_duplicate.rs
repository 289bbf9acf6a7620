use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum Responses {
    #[status(200)]
    Ok,
}

#[operation(GET "/owners/<id>/pets/<id>")]
pub async fn handler() -> Responses {
    Responses::Ok
}

fn main() {}
