// A handler returning a variant its responses do not declare.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<String>),
}

#[operation(GET "/pets/<petId>")]
pub async fn get_pet(pet_id: String) -> GetPetResponses {
    if pet_id.is_empty() {
        return GetPetResponses::NotFound;
    }
    GetPetResponses::Ok(Json(pet_id))
}

fn main() {}
