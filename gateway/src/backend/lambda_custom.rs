//! `aws` integrations toward a Lambda function ("Lambda custom"): the request template's output
//! is the event; a result is `$input` of the response templates, and a function error's
//! `errorMessage` is what the selection patterns match.

use std::sync::Arc;

use serde_json::Value;

use crate::gateway_response::{GatewayError, GatewayErrorKind};
use crate::lambda::{Invocation, InvokeOutcome, LambdaInvoker};
use crate::mapping::request::IntegrationRequest;
use crate::mapping::response::{IntegrationResult, Selector};

pub(crate) async fn call(
    function_arn: &str,
    invoker: Option<&Arc<dyn LambdaInvoker>>,
    mapped: IntegrationRequest,
    timeout: std::time::Duration,
) -> Result<IntegrationResult, GatewayError> {
    let outcome = invoke(function_arn, invoker, mapped.body.to_vec(), timeout).await?;
    let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    Ok(match outcome {
        InvokeOutcome::Success(payload) => IntegrationResult {
            selector: Selector::Lambda {
                error_message: None,
            },
            headers,
            body: payload.into(),
        },
        InvokeOutcome::FunctionError { payload, .. } => {
            let error_message = serde_json::from_slice::<Value>(&payload)
                .ok()
                .and_then(|v| {
                    v.get("errorMessage")
                        .and_then(Value::as_str)
                        .map(String::from)
                })
                .unwrap_or_default();
            IntegrationResult {
                selector: Selector::Lambda {
                    error_message: Some(error_message),
                },
                headers,
                body: payload.into(),
            }
        }
    })
}

/// One invocation within the integration's timeout.
pub(crate) async fn invoke(
    function_arn: &str,
    invoker: Option<&Arc<dyn LambdaInvoker>>,
    payload: Vec<u8>,
    timeout: std::time::Duration,
) -> Result<InvokeOutcome, GatewayError> {
    let invoker = invoker.ok_or_else(|| {
        GatewayError::configuration(format!(
            "no Lambda invoker is configured for {function_arn}: set one with GatewayConfig::lambda"
        ))
    })?;
    let invocation = Invocation {
        function_arn: function_arn.to_string(),
        payload,
    };
    match tokio::time::timeout(timeout, invoker.invoke(invocation)).await {
        Err(_) => Err(GatewayError::new(
            GatewayErrorKind::Timeout,
            format!("{function_arn} did not answer within {timeout:?}"),
        )),
        Ok(Err(e)) => Err(GatewayError::configuration(e.to_string())),
        Ok(Ok(outcome)) => Ok(outcome),
    }
}
