//! Lambda proxy: API Gateway invokes the function with the whole request (`aws_proxy`), and the
//! function (this binary) dispatches it to the handler.

use super::object::{IntegrationObject, sub};
use super::{Integration, RenderContext};
use crate::spec::options::IntegrationType;
use crate::spec::{PassthroughBehavior, StatusCode};

/// The `aws_proxy` integration of a handler operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LambdaProxy;

impl LambdaProxy {
    /// The invocation ARN of the function serving `cx.operation`.
    pub fn invocation_uri(cx: &RenderContext<'_>) -> serde_json::Value {
        sub(format!(
            "arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{{}.Arn}}/invocations",
            cx.function_logical_id()
        ))
    }
}

impl Integration for LambdaProxy {
    fn kind(&self) -> &'static str {
        "lambda"
    }

    fn render(&self, cx: &RenderContext<'_>) -> IntegrationObject {
        let mut obj = IntegrationObject::new(IntegrationType::AwsProxy);
        // Lambda Invoke only accepts POST, whatever the method of the operation.
        obj.http_method = Some("POST".into());
        obj.uri = Some(Self::invocation_uri(cx));
        obj.passthrough_behavior = Some(PassthroughBehavior::WhenNoMatch);
        obj
    }

    /// A proxy maps no status: the function's response is the method response.
    fn answers(&self) -> Option<Vec<StatusCode>> {
        Some(Vec::new())
    }
}
