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

use apigw::integration::{Integration, IntegrationObject, RenderContext};
use apigw::spec::options::IntegrationType;

pub struct Backend;

impl Integration for Backend {
    fn kind(&self) -> &'static str { "backend" }
    fn render(&self, _: &RenderContext<'_>) -> IntegrationObject {
        IntegrationObject::new(IntegrationType::Http)
    }
}

#[operation(GET "/inventory", responses = OkOrFail)]
#[integration(Backend)]
pub struct Inventory;
fn main() {}
