//! `aws_proxy` (Lambda proxy, REST payload 1.0): the event API Gateway builds, and the checks it
//! applies to what the function returns (semantics §6).

use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Response, StatusCode};
use serde_json::{Map, Value, json};

use super::lambda_custom::invoke;
use crate::gateway_response::{GatewayError, GatewayErrorKind};
use crate::lambda::{InvokeOutcome, LambdaInvoker};
use crate::media;
use crate::request::{MethodRequest, multi_values};

/// The keys a proxy response may have; any other is a 502.
const ALLOWED_KEYS: [&str; 5] = [
    "statusCode",
    "headers",
    "multiValueHeaders",
    "body",
    "isBase64Encoded",
];

/// The REST proxy event.
pub(crate) fn event(
    request: &MethodRequest,
    resource_path: &str,
    context: &Map<String, Value>,
    stage_variables: &[(String, String)],
    binary_types: &[String],
) -> Value {
    let map_or_null = |pairs: Vec<(String, String)>| {
        if pairs.is_empty() {
            Value::Null
        } else {
            Value::Object(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect(),
            )
        }
    };
    let multi_or_null = |pairs: Vec<(String, Vec<String>)>| {
        if pairs.is_empty() {
            Value::Null
        } else {
            Value::Object(pairs.into_iter().map(|(k, v)| (k, json!(v))).collect())
        }
    };
    let binary = media::is_binary(request.header("Content-Type"), binary_types);
    let (body, is_base64) = if request.body.is_empty() {
        (Value::Null, false)
    } else if binary {
        (
            Value::String(String::from_utf8_lossy(&media::encode(&request.body)).into_owned()),
            true,
        )
    } else {
        (
            Value::String(String::from_utf8_lossy(&request.body).into_owned()),
            false,
        )
    };
    let path = percent_encoding::percent_decode_str(&request.path)
        .decode_utf8_lossy()
        .into_owned();
    json!({
        "resource": resource_path,
        "path": if path.is_empty() { "/".to_string() } else { path },
        "httpMethod": request.method,
        "headers": map_or_null(request.single_headers()),
        "multiValueHeaders": multi_or_null(multi_values(&request.headers, true)),
        "queryStringParameters": map_or_null(request.single_query()),
        "multiValueQueryStringParameters": multi_or_null(multi_values(&request.query, false)),
        "pathParameters": map_or_null(request.path_params.clone()),
        "stageVariables": map_or_null(stage_variables.to_vec()),
        "requestContext": Value::Object(context.clone()),
        "body": body,
        "isBase64Encoded": is_base64,
    })
}

/// Invokes the function with the event and turns its answer into the client's response.
pub(crate) async fn call(
    function_arn: &str,
    invoker: Option<&Arc<dyn LambdaInvoker>>,
    event: &Value,
    accept: Option<&str>,
    binary_types: &[String],
    timeout: std::time::Duration,
) -> Result<Response<Bytes>, GatewayError> {
    let payload =
        serde_json::to_vec(event).map_err(|e| GatewayError::configuration(e.to_string()))?;
    let outcome = invoke(function_arn, invoker, payload, timeout)
        .await
        .map_err(|e| match e.kind {
            GatewayErrorKind::Configuration => {
                GatewayError::new(GatewayErrorKind::IntegrationFailure, e.detail)
            }
            _ => e,
        })?;
    match outcome {
        InvokeOutcome::FunctionError { payload, .. } => Err(GatewayError::new(
            GatewayErrorKind::IntegrationFailure,
            format!("the function failed: {}", String::from_utf8_lossy(&payload)),
        )),
        InvokeOutcome::Success(payload) => decode_response(&payload, accept, binary_types),
    }
}

fn malformed(why: impl Into<String>) -> GatewayError {
    GatewayError::new(
        GatewayErrorKind::IntegrationFailure,
        format!("Malformed Lambda proxy response: {}", why.into()),
    )
}

/// A header value as API Gateway writes it: strings as they are, numbers and booleans as text.
fn header_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Validates and decodes a proxy response (semantics §6).
pub(crate) fn decode_response(
    payload: &[u8],
    accept: Option<&str>,
    binary_types: &[String],
) -> Result<Response<Bytes>, GatewayError> {
    let value: Value =
        serde_json::from_slice(payload).map_err(|e| malformed(format!("not JSON ({e})")))?;
    let Value::Object(object) = value else {
        return Err(malformed("not a JSON object"));
    };
    if let Some(key) = object.keys().find(|k| !ALLOWED_KEYS.contains(&k.as_str())) {
        return Err(malformed(format!("unexpected key `{key}`")));
    }
    let status = match object.get("statusCode") {
        None | Some(Value::Null) => 200,
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .ok_or_else(|| malformed("statusCode is not an integer"))?,
        Some(Value::String(s)) => s
            .trim()
            .parse::<u16>()
            .map_err(|_| malformed("statusCode is not a number"))?,
        Some(_) => return Err(malformed("statusCode is not a number")),
    };
    let status = StatusCode::from_u16(status)
        .ok()
        .filter(|s| (100..=599).contains(&s.as_u16()))
        .ok_or_else(|| malformed(format!("statusCode {status} is not an HTTP status")))?;
    // Headers: the multi-value ones first, then the single ones; a name present in both becomes
    // one header (multi values, then the single value, joined with ", ") spelled as in
    // `multiValueHeaders`.
    let mut headers: Vec<(String, Vec<String>)> = Vec::new();
    match object.get("multiValueHeaders") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, values) in map {
                let Value::Array(values) = values else {
                    return Err(malformed(format!(
                        "multiValueHeaders.{name} is not an array"
                    )));
                };
                let values = values
                    .iter()
                    .map(|v| {
                        header_text(v).ok_or_else(|| {
                            malformed(format!("multiValueHeaders.{name} holds `{v}`"))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                headers.push((name.clone(), values));
            }
        }
        Some(_) => return Err(malformed("multiValueHeaders is not an object")),
    }
    match object.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, v) in map {
                if v.is_null() {
                    continue;
                }
                let v = header_text(v)
                    .ok_or_else(|| malformed(format!("headers.{name} holds `{v}`")))?;
                match headers
                    .iter_mut()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                {
                    Some((_, values)) => {
                        if !values.contains(&v) {
                            values.push(v);
                        }
                    }
                    None => headers.push((name.clone(), vec![v])),
                }
            }
        }
        Some(_) => return Err(malformed("headers is not an object")),
    }
    let body = match object.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(malformed("body is not a string")),
    };
    let base64 = match object.get("isBase64Encoded") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(malformed("isBase64Encoded is not a boolean")),
    };
    let accept_binary = media::is_binary(media::first_accept(accept).as_deref(), binary_types);
    let body = if base64 && accept_binary {
        media::decode(body.as_bytes())
            .map_err(|_| malformed("isBase64Encoded is true but the body is not base64"))?
    } else {
        Bytes::from(body)
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    for (name, values) in headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(values.join(", ")),
        ) {
            response.headers_mut().insert(n, v);
        }
    }
    if !response.headers().contains_key(http::header::CONTENT_TYPE) {
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(media::APPLICATION_JSON),
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(v: Value) -> Result<Response<Bytes>, GatewayError> {
        decode_response(v.to_string().as_bytes(), None, &[])
    }

    #[test]
    fn valid_responses() {
        let r =
            decode(json!({"statusCode": "201", "headers": {"X-A": true, "X-N": 1}, "body": "hi"}))
                .unwrap();
        assert_eq!(r.status(), 201);
        assert_eq!(r.headers()["x-a"], "true");
        assert_eq!(r.headers()["x-n"], "1");
        assert_eq!(r.headers()["content-type"], "application/json");
        assert_eq!(r.body(), "hi");
        let r = decode(json!({"headers": {"X-Only": "h"}})).unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.body(), "");
        let r = decode(json!({"statusCode": 200, "headers": null, "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"], "X-Both": ["m"]}, "headers": {"x-both": "s"}})).unwrap();
        assert_eq!(r.headers()["set-cookie"], "a=1, b=2");
        assert_eq!(r.headers()["x-both"], "m, s");
    }

    #[test]
    fn invalid_responses_are_502() {
        for bad in [
            json!("just a string"),
            json!([1]),
            json!({"statusCode": 200, "extra": 1}),
            json!({"statusCode": true}),
            json!({"statusCode": "abc"}),
            json!({"statusCode": 200.5}),
            json!({"statusCode": 99}),
            json!({"multiValueHeaders": {"X": "not-a-list"}}),
            json!({"headers": {"X": {"nested": 1}}}),
            json!({"body": {"a": 1}}),
            json!({"isBase64Encoded": "yes"}),
        ] {
            let e = decode(bad.clone()).unwrap_err();
            assert_eq!(e.kind, GatewayErrorKind::IntegrationFailure, "{bad}");
        }
        assert!(decode_response(b"not json", None, &[]).is_err());
    }

    #[test]
    fn base64_bodies_decode_only_for_binary_accept() {
        let types = vec!["image/png".to_string()];
        let payload = json!({"statusCode": 200, "body": "iVBORw==", "isBase64Encoded": true, "headers": {"Content-Type": "image/png"}}).to_string();
        let r = decode_response(payload.as_bytes(), Some("image/png"), &types).unwrap();
        assert_eq!(r.body().as_ref(), &[0x89, b'P', b'N', b'G']);
        let r = decode_response(payload.as_bytes(), Some("application/json"), &types).unwrap();
        assert_eq!(r.body(), "iVBORw==");
    }
}
