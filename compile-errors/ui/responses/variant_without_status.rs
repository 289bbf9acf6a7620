use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<String>),
    NotFound,
}

// The operations using the enum add no errors of their own.
#[operation(GET "/pets/<petId>")]
pub async fn get_pet(pet_id: String) -> GetPetResponses {
    GetPetResponses::Ok(Json(pet_id))
}

#[operation(GET "/pets/default", responses = GetPetResponses)]
#[mock_integration(status = 200, body = "\"rex\"")]
pub struct DefaultPet;

fn main() {}
