use apigw::prelude::*;

#[derive(JsonSchema)]
pub struct NewPet {
    pub name: String,
}

#[derive(ApiResponses)]
pub enum CreatePetResponses {
    #[status(201)]
    Created,
}

#[operation(POST "/pets")]
pub async fn create_pet(pet: Json<NewPet>) -> CreatePetResponses {
    let _ = pet.0.name;
    CreatePetResponses::Created
}

fn main() {}
