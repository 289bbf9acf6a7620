// An argument that is no path parameter (and no typo of one): the parameter to add is spelled
// like the path's own, `<ownerId>` (which binds `owner_id`), never `<owner_id>`.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<String>),
}

#[operation(GET "/pets/<petId>")]
pub async fn get_pet(pet_id: String, owner_id: String) -> GetPetResponses {
    GetPetResponses::Ok(Json(format!("{pet_id} of {owner_id}")))
}

fn main() {}
