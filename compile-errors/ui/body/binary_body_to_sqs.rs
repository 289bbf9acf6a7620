use apigw::prelude::*;
use apigw::Queue;

pub const SCANS: Queue = Queue::owned("scans");

#[derive(ApiResponses)]
pub enum QueuedResponses {
    #[status(200)]
    Queued,
    #[status(500)]
    Failed(Json<ApiError>),
}

#[operation(POST "/scans", responses = QueuedResponses, body = Binary<ImageJpeg>)]
#[aws_integration(sqs::send_message(queue = SCANS))]
pub struct QueueScan;

fn main() {}
