use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<String>),
}

#[operation(GET "/pets/<petId>")]
pub async fn get_pet(pet_id: String, owner: String) -> GetPetResponses {
    GetPetResponses::Ok(Json(format!("{pet_id} of {owner}")))
}

fn main() {}
