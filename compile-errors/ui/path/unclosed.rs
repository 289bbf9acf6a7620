use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum Responses {
    #[status(200)]
    Ok,
}

#[operation(GET "/pets/<petId")]
pub async fn get_pet(pet_id: String) -> Responses {
    let _ = pet_id;
    Responses::Ok
}

fn main() {}
