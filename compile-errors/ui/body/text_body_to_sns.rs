use apigw::prelude::*;
use apigw::Topic;

pub const ALERTS: Topic = Topic::owned("alerts");

#[derive(ApiResponses)]
pub enum PublishedResponses {
    #[status(200)]
    Published,
    #[status(500)]
    Failed(Json<ApiError>),
}

#[operation(POST "/alerts", responses = PublishedResponses, body = String)]
#[aws_integration(sns::publish(topic = ALERTS))]
pub struct RaiseAlert;

fn main() {}
