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

use apigw::integration::{Integration, IntegrationObject, IntegrationResponse, IntegrationStatuses, RenderContext, Status};
use apigw::spec::{options::IntegrationType, SelectionKey, StatusCode};

pub struct Backend;

impl Integration for Backend {
    fn kind(&self) -> &'static str { "backend" }
    fn render(&self, _: &RenderContext<'_>) -> IntegrationObject {
        let mut o = IntegrationObject::new(IntegrationType::Http);
        o.responses.insert(SelectionKey::Default, IntegrationResponse::status(StatusCode::of(503)));
        o
    }
}

impl IntegrationStatuses for Backend {
    type Answers = (Status<200>, Status<503>);
}

#[operation(GET "/inventory", responses = OkOrFail)]
#[integration(Backend)]
pub struct Inventory;
fn main() {}
