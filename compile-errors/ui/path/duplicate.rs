use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum Responses {
    #[status(200)]
    Ok,
}

#[operation(GET "/owners/<id>/pets/<id>")]
pub async fn get_owner_pet(id: String) -> Responses {
    let _ = id;
    Responses::Ok
}

fn main() {}
