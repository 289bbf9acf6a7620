//! `mock` integrations: no backend. The request template's output is a JSON object whose
//! `statusCode` is the integration status; with no template, the `default` entry answers.

use bytes::Bytes;
use serde_json::Value;

use crate::gateway_response::GatewayError;
use crate::mapping::request::IntegrationRequest;
use crate::mapping::response::{IntegrationResult, Selector};

/// The integration status a mock's mapped request names. `None`: no template ran, so the
/// `default` entry is used.
pub(crate) fn status(mapped: &IntegrationRequest) -> Result<Option<u16>, GatewayError> {
    if !mapped.templated {
        return Ok(None);
    }
    let unparsable = || {
        GatewayError::configuration(
            "Unable to parse statusCode. It should be an integer that is defined in the request template.",
        )
    };
    let value: Value = serde_json::from_slice(&mapped.body).map_err(|_| unparsable())?;
    let status = value
        .get("statusCode")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .ok_or_else(unparsable)?;
    Ok(Some(status))
}

/// The mock's integration result: an empty body with the status.
pub(crate) fn result(status: u16) -> IntegrationResult {
    IntegrationResult {
        selector: Selector::Status(status),
        headers: vec![],
        body: Bytes::new(),
    }
}
