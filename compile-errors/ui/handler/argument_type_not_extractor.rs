use apigw::prelude::*;

#[derive(Deserialize, JsonSchema)]
pub struct NewPet {
    pub name: String,
}

#[derive(ApiResponses)]
pub enum CreatePetResponses {
    #[status(201)]
    Created,
}

#[operation(POST "/pets")]
pub async fn create_pet(pet: NewPet) -> CreatePetResponses {
    let _ = pet.name;
    CreatePetResponses::Created
}

fn main() {}
