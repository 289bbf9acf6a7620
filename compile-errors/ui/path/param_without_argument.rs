use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<String>),
}

#[operation(GET "/pets/<petId>")]
pub async fn get_pet() -> GetPetResponses {
    GetPetResponses::Ok(Json("rex".into()))
}

fn main() {}
