//! AWS service integrations, Lambda custom (non-proxy) and a custom integration, declared in
//! Rust. API Gateway talks to DynamoDB, SQS, SNS, EventBridge, Step Functions and Kinesis itself,
//! with a least-privilege role apigw derives from each declaration.

pub mod ecs;

use apigw::prelude::*;
use apigw::{EventBus, Express, Queue, Standard, StateMachine, Table, Topic, VpcLink};

pub use ecs::EcsService;

/// Pet documents, keyed by `petId`: the template creates the table with that partition key, and
/// the ready-made calls read and write it.
pub const PETS: Table = Table::owned("pets").with_partition_key("petId");
/// An existing table of pet ownerships with an index `byOwner` (imported: a template parameter).
pub const OWNERSHIPS: Table = Table::imported("ownerships");
/// Orders waiting to be processed.
pub const ORDERS: Queue = Queue::owned("orders");
/// Alerts for the staff.
pub const ALERTS: Topic = Topic::owned("alerts");
/// The account's default event bus.
pub const EVENTS: EventBus = EventBus::imported("default");
/// The adoption workflow: long-running, so Standard.
pub const ADOPTION: StateMachine<Standard> = StateMachine::standard_owned("adoption");
/// Price quotes: short, so Express, and started synchronously.
pub const QUOTE: StateMachine<Express> = StateMachine::express_owned("quote");
/// The VPC link to the inventory service's NLB.
pub const INVENTORY_LINK: VpcLink = VpcLink::imported("inventory");

/// The error body of every operation here.
pub type Error = Json<ApiError>;

/// A pet document, stored as sent.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PetDoc {
    pub name: String,
    pub owner: Option<String>,
}

/// An order, queued as the message's text.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Order {
    pub pet_id: String,
    pub quantity: u32,
}

/// An alert, published as the message's text.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Alert {
    pub message: String,
}

/// What a service call answers: the id of what it created.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    pub pet_id: Option<String>,
    pub message_id: Option<String>,
    pub event_id: Option<String>,
    pub execution_arn: Option<String>,
}

/// A price quote, computed by the `quote` state machine.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PriceQuote {
    pub price: f64,
    pub currency: String,
}

/// One line of the inventory.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct StockLine {
    pub sku: String,
    pub count: u32,
}

#[derive(ApiResponses)]
pub enum StoreResponses {
    /// Stored (or accepted).
    #[status(200)]
    Ok(Json<Receipt>),
    /// The service call failed.
    #[status(500)]
    Failed(Error),
}

#[derive(ApiResponses)]
pub enum GetResponses {
    /// The stored document.
    #[status(200)]
    Ok(Json<PetDoc>),
    /// Nothing is stored under this key.
    #[status(404)]
    NotFound(Error),
    /// The service call failed.
    #[status(500)]
    Failed(Error),
}

#[derive(ApiResponses)]
pub enum AcceptedResponses {
    /// Queued.
    #[status(202)]
    Accepted(Json<Receipt>),
    /// The service call failed.
    #[status(500)]
    Failed(Error),
}

/// Store a pet document.
#[operation(PUT "/pets/<petId>", tags = ["dynamodb"], responses = StoreResponses)]
#[aws_integration(dynamodb::put_item(table = PETS, key = "petId"))]
pub struct PutPet;

/// Get a pet document.
#[operation(GET "/pets/<petId>", tags = ["dynamodb"], responses = GetResponses)]
#[aws_integration(dynamodb::get_item(table = PETS, key = "petId"))]
pub struct GetPet;

#[derive(ApiResponses)]
pub enum ListResponses {
    /// The owner's pet documents.
    #[status(200)]
    Ok(Json<Vec<PetDoc>>),
    /// The service call failed.
    #[status(500)]
    Failed(Error),
}

#[derive(ApiResponses)]
pub enum QuoteResponses {
    /// The quote.
    #[status(200)]
    Ok(Json<PriceQuote>),
    /// The execution failed.
    #[status(500)]
    Failed(Error),
}

/// The pets of one owner.
#[operation(GET "/owners/<owner>/pets", tags = ["dynamodb"], responses = ListResponses)]
#[aws_integration(dynamodb::query(table = OWNERSHIPS, key = "owner", index = "byOwner"))]
pub struct OwnerPets;

/// Queue an order.
#[operation(POST "/orders", tags = ["sqs"], responses = AcceptedResponses, body = Json<Order>)]
#[aws_integration(sqs::send_message(queue = ORDERS), success_status = 202)]
pub struct PlaceOrder;

/// Alert the staff.
#[operation(POST "/alerts", tags = ["sns"], responses = StoreResponses, body = Json<Alert>)]
#[aws_integration(sns::publish(topic = ALERTS))]
pub struct RaiseAlert;

/// Publish a pet event.
#[operation(POST "/events", tags = ["eventbridge"], responses = StoreResponses)]
#[aws_integration(eventbridge::put_events(bus = EVENTS, source = "petstore", detail_type = "PetEvent"))]
pub struct PublishEvent;

/// Start an adoption.
#[operation(POST "/adoptions", tags = ["stepfunctions"], responses = StoreResponses)]
#[aws_integration(step_functions::start_execution(machine = ADOPTION))]
pub struct StartAdoption;

/// Cancel an adoption.
#[operation(DELETE "/adoptions/<executionName>", tags = ["stepfunctions"], responses = StoreResponses)]
#[aws_integration(step_functions::stop_execution(machine = ADOPTION, execution = "{executionName}"))]
pub struct CancelAdoption;

/// Get a price quote (synchronous Express execution).
#[operation(POST "/quotes", tags = ["stepfunctions"], responses = QuoteResponses)]
#[aws_integration(step_functions::start_sync_execution(machine = QUOTE), timeout_ms = 10000)]
pub struct Quote;

/// Record a click in a Kinesis stream: the general form, template from a file.
#[operation(POST "/clicks", tags = ["kinesis"], responses = StoreResponses)]
#[aws_integration(
    service = "kinesis",
    action = "PutRecord",
    request_template(file = "templates/put_record.vm"),
    request_parameters(header("Content-Type") = literal("application/x-amz-json-1.1")),
    passthrough = "never",
    timeout_ms = 5000,
    resource_arns = ["arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/clicks"],
    responses = [
        "2\\d{2}" => 200 { template = "{\"sequence\": \"$input.path('$.SequenceNumber')\"}" },
        default => 500 { template = "{\"message\": \"could not record the click\"}" },
    ],
)]
pub struct RecordClick;

/// A pet as the legacy handler returns it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LegacyPet {
    pub id: String,
    pub name: String,
}

#[derive(ApiResponses)]
pub enum LegacyPetResponses {
    /// The pet.
    #[status(200)]
    Ok(Json<LegacyPet>),
    /// No pet has this id.
    #[status(404)]
    NotFound(Error),
}

/// Get a pet through a Lambda custom (non-proxy) integration.
#[operation(GET "/legacy/pets/<petId>", tags = ["lambda"])]
#[lambda_integration(custom, responses = [error "Not found.*" => 404])]
pub async fn legacy_get_pet(pet_id: String) -> LegacyPetResponses {
    if pet_id == "1" {
        LegacyPetResponses::Ok(Json(LegacyPet {
            id: pet_id,
            name: "Rex".into(),
        }))
    } else {
        LegacyPetResponses::NotFound(Json(ApiError::new(format!("Not found: pet {pet_id}"))))
    }
}

#[derive(ApiResponses)]
pub enum InventoryResponses {
    /// The inventory.
    #[status(200)]
    Ok(Json<Vec<StockLine>>),
    /// The inventory service is unavailable.
    #[status(503)]
    Unavailable(Error),
}

/// The inventory, from an ECS service behind an NLB (custom integration).
#[operation(GET "/inventory", tags = ["custom"], responses = InventoryResponses)]
#[integration(EcsService { link: INVENTORY_LINK, host: "inventory.internal", port: 8080, path: "/inventory" })]
pub struct Inventory;

/// The application.
pub fn app() -> App {
    App::new("Pet services")
        .version(env!("CARGO_PKG_VERSION"))
        .description("API Gateway calling AWS services directly, a Lambda custom integration and an ECS service over a VPC link.")
}
