use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<String>),
    #[status(99)]
    Weird,
}

fn main() {}
