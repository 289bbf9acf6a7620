use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<String>),
    #[status(200)]
    Cached(Json<String>),
}

fn main() {}
