//! The Lambda side. The function receives two kinds of event:
//! - proxy events (REST v1, HTTP API v2): `lambda_http` decodes them and encodes the response in
//!   the event's format (through its `Adapter`, exactly what `lambda_http::run` does); apigw only
//!   maps them to and from its own `Request`/`Response`;
//! - Lambda custom integration envelopes ([`Envelope`]): dispatched by operation id; the handler's
//!   response becomes the Lambda result, or a Lambda error whose `errorMessage` the integration's
//!   selection patterns match.

use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::request::{LambdaRequest, RequestContext};
use lambda_http::{Body, RequestExt, Service, service_fn};
use lambda_runtime::{Context, Diagnostic, LambdaEvent};

use crate::dispatch::{Dispatcher, RouteRef};
use crate::integration::lambda_custom::{Envelope, Outcome};
use crate::{Request, Response};

/// The route the event names, as API Gateway computed it.
enum EventRoute {
    /// REST (v1) and HTTP API payload 1.0: `httpMethod` + `resourcePath`.
    Resource { method: String, path: String },
    /// HTTP API payload 2.0: `routeKey`, kept whole so `$default` is reported as such.
    RouteKey(String),
}

impl EventRoute {
    fn as_ref(&self) -> RouteRef<'_> {
        match self {
            EventRoute::Resource { method, path } => RouteRef::Resource {
                method,
                resource_path: path,
            },
            EventRoute::RouteKey(key) => RouteRef::RouteKey(key),
        }
    }
}

fn route_of(ctx: Option<&RequestContext>) -> Option<EventRoute> {
    match ctx? {
        RequestContext::ApiGatewayV1(c) => Some(EventRoute::Resource {
            method: c.http_method.as_str().to_string(),
            path: c.resource_path.clone()?,
        }),
        RequestContext::ApiGatewayV2(c) => c.route_key.clone().map(EventRoute::RouteKey),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// A `lambda_http` request as apigw's `Request`.
pub fn to_request(event: lambda_http::Request) -> Request {
    let mut path_params: Vec<(String, String)> = event
        .path_parameters_ref()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .unwrap_or_default();
    path_params.sort();
    let mut query: Vec<(String, String)> = event
        .query_string_parameters_ref()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .unwrap_or_default();
    // QueryMap is a hash map: order keys for determinism, keep the order of repeated values.
    query.sort_by(|a, b| a.0.cmp(&b.0));
    let (parts, body) = event.into_parts();
    let body = match body {
        Body::Empty => Vec::new(),
        Body::Text(t) => t.into_bytes(),
        Body::Binary(b) => b,
        _ => Vec::new(),
    };
    Request {
        method: parts.method,
        path: parts.uri.path().to_string(),
        path_params: path_params.into_iter().collect(),
        query,
        headers: parts.headers,
        body,
        extensions: parts.extensions,
    }
}

fn is_text(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|ct| {
        let ct = ct.to_ascii_lowercase();
        ct.starts_with("text/")
            || ct.contains("json")
            || ct.contains("xml")
            || ct.contains("javascript")
            || ct.contains("x-www-form-urlencoded")
    })
}

/// apigw's `Response` as a `lambda_http` response; binary bodies go out base64-encoded.
pub fn to_lambda_response(response: Response) -> http::Response<Body> {
    let text = is_text(response.header("content-type"));
    let mut builder = http::Response::builder().status(response.status);
    for (name, value) in &response.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let body = if response.body.is_empty() {
        Body::Empty
    } else if text {
        match String::from_utf8(response.body) {
            Ok(s) => Body::Text(s),
            Err(e) => Body::Binary(e.into_bytes()),
        }
    } else {
        Body::Binary(response.body)
    };
    builder.body(body).unwrap_or_else(|e| {
        let r = Response::error(
            500,
            format!("the handler's response is not valid HTTP: {e}"),
        );
        let mut out =
            http::Response::new(Body::Text(String::from_utf8_lossy(&r.body).into_owned()));
        *out.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
        out.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        out
    })
}

/// One event through the dispatcher.
pub async fn handle(dispatcher: &Dispatcher, event: lambda_http::Request) -> http::Response<Body> {
    let route = route_of(event.request_context_ref());
    let request = to_request(event);
    to_lambda_response(
        dispatcher
            .dispatch(route.as_ref().map(EventRoute::as_ref), request)
            .await,
    )
}

/// A Lambda error with this type and message.
fn diagnostic(error_type: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        error_type: error_type.into(),
        error_message: message.into(),
    }
}

/// One Lambda custom integration envelope through the dispatcher.
pub async fn handle_envelope(
    dispatcher: &Dispatcher,
    envelope: Envelope,
    context: Option<Context>,
) -> Result<serde_json::Value, Diagnostic> {
    let Some((op, handler)) = dispatcher.lookup_id(&envelope.operation_id) else {
        return Err(diagnostic(
            "UnknownOperation",
            format!(
                "no operation of this function has id `{}`: the integration's request template names an operation this binary does not serve",
                envelope.operation_id
            ),
        ));
    };
    let mut request = envelope.into_request();
    if let Some(context) = context {
        request.extensions.insert(context);
    }
    match Outcome::of(&dispatcher.run(op, handler, request).await) {
        Outcome::Result(value) => Ok(value),
        Outcome::Error {
            error_type,
            error_message,
        } => Err(diagnostic(&error_type, error_message)),
    }
}

/// One proxy event, decoded and encoded by `lambda_http` as `lambda_http::run` would.
async fn handle_proxy(
    dispatcher: Arc<Dispatcher>,
    payload: serde_json::Value,
    context: Context,
) -> Result<serde_json::Value, Diagnostic> {
    let request: LambdaRequest = serde_json::from_value(payload).map_err(|e| {
        diagnostic(
            "InvalidEvent",
            format!("this function expects an API Gateway proxy event or an apigw Lambda custom integration envelope: {e}"),
        )
    })?;
    let mut adapter = lambda_http::Adapter::from(service_fn(move |event: lambda_http::Request| {
        let dispatcher = dispatcher.clone();
        async move { Ok::<_, Infallible>(handle(&dispatcher, event).await) }
    }));
    let response = match adapter.call(LambdaEvent::new(request, context)).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    serde_json::to_value(response).map_err(|e| diagnostic("InvalidResponse", e.to_string()))
}

/// One raw Lambda event: an envelope goes to [`handle_envelope`], anything else is a proxy event.
pub async fn handle_event(
    dispatcher: Arc<Dispatcher>,
    event: LambdaEvent<serde_json::Value>,
) -> Result<serde_json::Value, Diagnostic> {
    let LambdaEvent { payload, context } = event;
    match Envelope::recognise(&payload) {
        Some(Ok(envelope)) => handle_envelope(&dispatcher, envelope, Some(context)).await,
        Some(Err(e)) => Err(diagnostic(
            "InvalidEnvelope",
            format!(
                "the Lambda custom integration envelope is malformed (check the request template): {e}"
            ),
        )),
        None => handle_proxy(dispatcher, payload, context).await,
    }
}

/// Serves events from the Lambda Runtime API until the process is stopped.
pub async fn serve(dispatcher: Dispatcher) -> Result<(), lambda_http::Error> {
    let dispatcher = Arc::new(dispatcher);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| {
        handle_event(dispatcher.clone(), event)
    }))
    .await
}
