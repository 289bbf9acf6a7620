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

/// GetItem answers 404 when there is no item; `OkOrFail` does not declare it.
#[operation(GET "/pets/<petId>", responses = OkOrFail)]
#[aws_integration(dynamodb::get_item(table = PETS, key = "petId"))]
pub struct GetPet;
fn main() {}
