use apigw::prelude::*;
use apigw::{Table, Queue, StateMachine, Standard};

pub const PETS: Table = Table::owned("pets");
pub const ORDERS: Queue = Queue::owned("orders");
pub const ADOPTION: StateMachine<Standard> = StateMachine::standard_owned("adoption");

#[derive(ApiResponses)]
pub enum OkOrFail {
    #[status(200)]
    Ok(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<ApiError>),
}

#[operation(GET "/pets/<petId>")]
#[lambda_integration(custom, responses = [error "Not found.*" => 404])]
pub async fn get_pet(pet_id: String) -> GetPetResponses {
    let _ = pet_id;
    GetPetResponses::Ok(Json(ApiError::new("x")))
}
fn main() {}
