//! The Lambda side: `lambda_http` decodes REST (v1) and HTTP API (v2) events and encodes the
//! response in the event's format; apigw only maps them to and from its own `Request`/`Response`.

use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::request::RequestContext;
use lambda_http::{Body, RequestExt, service_fn};

use crate::dispatch::{Dispatcher, RouteRef};
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

/// Serves events from the Lambda Runtime API until the process is stopped.
pub async fn serve(dispatcher: Dispatcher) -> Result<(), lambda_http::Error> {
    let dispatcher = Arc::new(dispatcher);
    lambda_http::run(service_fn(move |event: lambda_http::Request| {
        let dispatcher = dispatcher.clone();
        async move { Ok::<_, Infallible>(handle(&dispatcher, event).await) }
    }))
    .await
}
