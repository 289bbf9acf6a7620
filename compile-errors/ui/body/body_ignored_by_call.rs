use apigw::prelude::*;
use apigw::Table;

pub const PETS: Table = Table::owned("pets");

#[derive(ApiResponses)]
pub enum PetResponses {
    #[status(200)]
    Ok(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[derive(Serialize, Deserialize, JsonSchema)]
pub struct Lookup {
    pub fields: Vec<String>,
}

#[operation(POST "/pets/<petId>/lookup", responses = PetResponses, body = Json<Lookup>)]
#[aws_integration(dynamodb::get_item(table = PETS, key = "petId"))]
pub struct LookupPet;

fn main() {}
