//! Lambda proxy: API Gateway invokes the function with the whole request (`aws_proxy`), and the
//! function (this binary) dispatches it to the handler.

use super::{IntegrationObject, IntegrationType, PassthroughBehavior, RenderContext, object::sub};

/// The `aws_proxy` integration of a handler operation.
pub struct LambdaProxy;

impl LambdaProxy {
    /// The invocation ARN of the function serving `cx.operation`.
    pub fn invocation_uri(cx: &RenderContext<'_>) -> serde_json::Value {
        sub(format!(
            "arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{{}.Arn}}/invocations",
            cx.function_logical_id()
        ))
    }

    pub fn render(cx: &RenderContext<'_>) -> IntegrationObject {
        let mut obj = IntegrationObject::new(IntegrationType::AwsProxy);
        // Lambda Invoke only accepts POST, whatever the method of the operation.
        obj.http_method = Some("POST".into());
        obj.uri = Some(Self::invocation_uri(cx));
        obj.passthrough_behavior = Some(PassthroughBehavior::WhenNoMatch);
        obj
    }
}
