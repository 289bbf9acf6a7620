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

#[operation(POST "/orders", responses = OkOrFail)]
#[aws_integration(sqs::send_message(queue = ORDERS), passthrough = "when_no_matches")]
pub struct PlaceOrder;
fn main() {}
