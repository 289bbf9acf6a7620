use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum ListPetsResponses {
    #[status(200)]
    Ok,
}

#[operation(FETCH "/pets")]
pub async fn list_pets() -> ListPetsResponses {
    ListPetsResponses::Ok
}

fn main() {}
