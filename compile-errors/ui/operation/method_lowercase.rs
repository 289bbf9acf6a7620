use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum ListPetsResponses {
    #[status(200)]
    Ok,
}

#[operation(get "/pets")]
pub async fn list_pets() -> ListPetsResponses {
    ListPetsResponses::Ok
}

fn main() {}
