//! Lambda custom (non-proxy) integrations: `type: aws` toward the Lambda invocation URI, with a
//! request template and `errorMessage` selection patterns.
//!
//! The request template always produces an [`Envelope`]: a JSON object that names the operation
//! and carries its parameters and body, so the function (this same binary) recognises it among
//! proxy events and dispatches it to the handler by operation id. The handler's response comes
//! back as the Lambda result (2xx: its body) or as a Lambda error whose `errorMessage` the
//! selection patterns match (other statuses).

use indexmap::IndexMap;
use serde::Deserialize;

use super::lambda_proxy::LambdaProxy;
use super::object::IntegrationObject;
use super::{Integration, RenderContext, apply_options, render_responses};
use crate::Response;
use crate::spec::options::IntegrationType;
use crate::spec::template::json_string;
use crate::spec::{
    List, MappingOptions, PassthroughBehavior, ResponseSet, StatusCode, Str, responses,
};

/// The value of the envelope's `apigw` field: how the binary tells an envelope from a proxy event.
pub const ENVELOPE_TAG: &str = "lambda-custom/1";

/// A request template's parameter maps as JSON objects (`path`, `querystring`, `header`).
fn params_object(kind: &str) -> String {
    format!(
        "{{#foreach($k in $input.params().{kind}.keySet())\"{}\": \"{}\"#if($foreach.hasNext), #end#end}}",
        json_string("$k"),
        json_string(&format!("$input.params().{kind}.get($k)"))
    )
}

/// The request template: the envelope of operation `operation_id`. With `payload`, the user's
/// template output (a JSON value) is what the handler receives as its body; otherwise the raw
/// request body is.
pub fn envelope_template(operation_id: &str, payload: Option<&str>) -> String {
    let body = match payload {
        Some(p) => format!("\"payload\": {p}"),
        None => format!("\"body\": \"{}\"", json_string("$input.body")),
    };
    let path = json_string("$context.path");
    format!(
        "{{\n  \"apigw\": \"{ENVELOPE_TAG}\",\n  \"operationId\": \"{operation_id}\",\n  \"httpMethod\": \"$context.httpMethod\",\n  \"path\": \"{path}\",\n  \"pathParameters\": {},\n  \"queryStringParameters\": {},\n  \"headers\": {},\n  {body}\n}}",
        params_object("path"),
        params_object("querystring"),
        params_object("header"),
    )
}

/// What API Gateway sends the function for a Lambda custom integration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    /// [`ENVELOPE_TAG`]: what tells an envelope from a proxy event.
    pub apigw: String,
    /// The operation the handler serves.
    pub operation_id: String,
    /// `$context.httpMethod`.
    #[serde(default)]
    pub http_method: String,
    /// `$context.path`.
    #[serde(default)]
    pub path: String,
    /// The request's path parameters.
    #[serde(default)]
    pub path_parameters: IndexMap<String, String>,
    /// The request's query parameters.
    #[serde(default)]
    pub query_string_parameters: IndexMap<String, String>,
    /// The request's headers.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// The request body as text (no payload template).
    #[serde(default)]
    pub body: Option<String>,
    /// The output of the user's payload template (the handler's body).
    #[serde(default)]
    pub payload: Option<serde_json::Value>,
}

impl Envelope {
    /// `Some` when `event` is an envelope (its `apigw` field is [`ENVELOPE_TAG`]); proxy events
    /// have no such field.
    pub fn recognise(event: &serde_json::Value) -> Option<Result<Envelope, serde_json::Error>> {
        (event.get("apigw")?.as_str()? == ENVELOPE_TAG)
            .then(|| serde_json::from_value(event.clone()))
    }

    /// The request the handler sees, or why a header cannot be carried (nothing is dropped).
    pub fn into_request(self) -> Result<crate::Request, String> {
        let method = http::Method::from_bytes(self.http_method.as_bytes()).map_err(|_| {
            format!(
                "`httpMethod` `{}` is not an HTTP method",
                self.http_method.escape_debug()
            )
        })?;
        let mut headers = http::HeaderMap::new();
        for (k, v) in &self.headers {
            let name = http::HeaderName::from_bytes(k.as_bytes()).map_err(|_| {
                format!(
                    "header name `{}` is not a valid HTTP header name",
                    k.escape_debug()
                )
            })?;
            let value = http::HeaderValue::from_bytes(v.as_bytes()).map_err(|_| {
                format!("header `{k}` has a value HTTP cannot carry (a control character)")
            })?;
            headers.append(name, value);
        }
        let body = match (self.payload, self.body) {
            (Some(p), _) => {
                if !headers.contains_key(http::header::CONTENT_TYPE) {
                    headers.insert(
                        http::header::CONTENT_TYPE,
                        http::HeaderValue::from_static("application/json"),
                    );
                }
                p.to_string().into_bytes()
            }
            (None, Some(b)) => b.into_bytes(),
            (None, None) => Vec::new(),
        };
        Ok(crate::Request {
            method,
            path: self.path,
            path_params: self.path_parameters.into_iter().collect(),
            query: self.query_string_parameters.into_iter().collect(),
            headers,
            body,
            extensions: http::Extensions::new(),
        })
    }
}

/// How a handler's response becomes the Lambda result.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// 2xx: the body as JSON (a JSON body as is, text as a JSON string, nothing as `null`).
    Result(serde_json::Value),
    /// Any other status: a Lambda error. `error_type` is `HttpStatus<N>`; `error_message` is the
    /// `message` of a JSON body (an `ApiError`), else the body text, else the status' reason.
    Error {
        /// `HttpStatus<N>`.
        error_type: String,
        /// What the integration's `error "..."` patterns match.
        error_message: String,
    },
}

impl Outcome {
    /// The outcome of `response`.
    pub fn of(response: &Response) -> Outcome {
        let json: Option<serde_json::Value> = serde_json::from_slice(&response.body).ok();
        if (200..300).contains(&response.status) {
            let value = match json {
                Some(v) => v,
                None if response.body.is_empty() => serde_json::Value::Null,
                None => serde_json::Value::String(String::from_utf8_lossy(&response.body).into()),
            };
            return Outcome::Result(value);
        }
        let message = json
            .as_ref()
            .and_then(|v| v.get("message"))
            .and_then(|m| m.as_str())
            .map(String::from)
            .or_else(|| {
                (!response.body.is_empty())
                    .then(|| String::from_utf8_lossy(&response.body).into_owned())
            })
            .unwrap_or_else(|| {
                http::StatusCode::from_u16(response.status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("error")
                    .to_string()
            });
        Outcome::Error {
            error_type: format!("HttpStatus{}", response.status),
            error_message: message,
        }
    }
}

/// The integration of a handler declared with `#[lambda_integration(custom, ...)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaCustom {
    /// The user's payload template (a JSON value), embedded in the envelope.
    pub payload_template: Option<Str>,
    /// Selection patterns match the Lambda error's `errorMessage`; composed in order. The macros
    /// add `default => 200` when the user gives no `default`: a successful invoke has no
    /// `errorMessage`, so it would match nothing.
    pub responses: List<ResponseSet>,
    /// `passthrough` defaults to `never`: the envelope is JSON, and any other request content
    /// type would reach the function unwrapped and could not be dispatched, so API Gateway
    /// answers 415 instead.
    pub options: MappingOptions,
}

impl Default for LambdaCustom {
    /// No payload template; every successful invoke answers 200.
    fn default() -> Self {
        LambdaCustom {
            payload_template: None,
            responses: List::Owned(crate::spec::lambda::complete_responses(Vec::new())),
            options: MappingOptions::NONE,
        }
    }
}

impl Integration for LambdaCustom {
    fn kind(&self) -> &'static str {
        "lambda-custom"
    }

    fn render(&self, cx: &RenderContext<'_>) -> IntegrationObject {
        let mut obj = IntegrationObject::new(IntegrationType::Aws);
        // Lambda Invoke only accepts POST.
        obj.http_method = Some("POST".into());
        obj.uri = Some(LambdaProxy::invocation_uri(cx));
        obj.request_templates.insert(
            crate::spec::template::JSON.into(),
            envelope_template(cx.operation.id, self.payload_template.as_deref()).into(),
        );
        apply_options(&mut obj, &self.options);
        obj.passthrough_behavior = Some(
            self.options
                .passthrough
                .unwrap_or(PassthroughBehavior::Never),
        );
        obj.responses = render_responses(&self.responses);
        obj
    }

    fn answers(&self) -> Option<Vec<StatusCode>> {
        Some(responses::answers(&self.responses))
    }
}
