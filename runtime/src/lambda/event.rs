//! Lambda events into apigw's [`Request`], decoded by apigw itself.
//!
//! API Gateway validates neither the headers nor the body it forwards, so nothing here depends on
//! them: no URI is built from `Host` or `X-Forwarded-*`, a header value is kept as the bytes it is
//! (refused only if HTTP cannot carry it), and a malformed body is the handler's extractors'
//! business. The event's own structure is read leniently where API Gateway's formats differ
//! (absent and `null` maps, `multiValueHeaders` or `headers`, `requestContext` fields or their
//! top-level copies), and strictly where a guess would change the request: a field of the wrong
//! JSON type answers 400 naming the field, never a silently dropped header.
//!
//! Own decoding rather than `aws_lambda_events`/`lambda_http`: their structs require fields that a
//! hand-written or console event may lack (`requestContext`, `httpMethod`), fail the whole event
//! on one odd header value, and `lambda_http` builds an `http::Uri` from `Host` and
//! `X-Forwarded-Proto`, panicking when a client sends an unusual one.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use http::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};

use super::SERVES;
use super::context::RequestContext;
use crate::deserialize::quoted;
use crate::dispatch::RouteRef;
use crate::{Request, Response};

/// The kinds of event this function recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// REST API proxy event (payload format 1.0).
    Rest,
    /// HTTP API proxy event, payload format 1.0 (`"version": "1.0"`).
    HttpV1,
    /// HTTP API proxy event, payload format 2.0.
    HttpV2,
    /// WebSocket API event: recognised and answered, not dispatched (no operation serves
    /// WebSocket routes yet).
    WebSocket,
    /// Application Load Balancer target-group event: recognised and answered, not dispatched
    /// (ALB names no route; apigw does not route a second time).
    Alb {
        /// The target group has multi-value headers on, so the answer must use
        /// `multiValueHeaders`.
        multi_value: bool,
    },
}

/// The route an event names, as API Gateway computed it. Also in the decoded request's
/// extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// REST and HTTP API 1.0: `httpMethod` + `resourcePath`.
    Resource {
        /// `httpMethod`.
        method: String,
        /// `resourcePath`: the route's path template.
        resource_path: String,
    },
    /// HTTP API 2.0: `routeKey`, whole, so `$default` is reported as such.
    RouteKey(String),
}

impl Route {
    /// The route's path template in API Gateway's form (`/pets/{petId}`); `None` for HTTP API's
    /// `$default` route, which has none.
    pub fn resource_path(&self) -> Option<&str> {
        match self {
            Route::Resource { resource_path, .. } => Some(resource_path),
            Route::RouteKey(key) => key.split_once(' ').map(|(_, path)| path),
        }
    }
}

impl Route {
    /// The route as the dispatcher looks it up.
    pub fn as_ref(&self) -> RouteRef<'_> {
        match self {
            Route::Resource {
                method,
                resource_path,
            } => RouteRef::Resource {
                method,
                resource_path,
            },
            Route::RouteKey(key) => RouteRef::RouteKey(key),
        }
    }
}

/// A proxy event, ready for dispatch.
#[derive(Debug)]
pub struct ProxyEvent {
    /// Its format, which the answer uses too.
    pub kind: EventKind,
    /// The route API Gateway matched.
    pub route: Route,
    /// The request, with the [`RequestContext`] in its extensions.
    pub request: Request,
}

/// Why an event reaches no handler.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not an event this function can answer in any format: a Lambda error (`InvalidEvent`).
    NotAnEvent(String),
    /// A recognised event that apigw answers itself, in the event's format: a malformed proxy
    /// event (400), an ALB or WebSocket event (404).
    Answer {
        /// The event's format.
        kind: EventKind,
        /// What apigw answers.
        response: Response,
    },
}

/// Decodes one event (not a Lambda custom envelope: those are recognised first).
pub fn decode(payload: Value) -> Result<ProxyEvent, Refusal> {
    let Value::Object(event) = payload else {
        return Err(Refusal::NotAnEvent(format!(
            "the event is {}, not a JSON object: {SERVES}",
            json_type(&payload)
        )));
    };
    let kind = recognise(&event).map_err(Refusal::NotAnEvent)?;
    let invalid = |message: String| Refusal::Answer {
        kind,
        response: Response::error(400, format!("invalid event: {message}")),
    };
    match kind {
        EventKind::Rest | EventKind::HttpV1 => decode_v1(kind, event).map_err(invalid),
        EventKind::HttpV2 => decode_v2(event).map_err(invalid),
        EventKind::WebSocket => Err(not_served_websocket(&event)),
        EventKind::Alb { .. } => Err(not_served_alb(kind, &event)),
    }
}

/// Which kind of event `event` is, from the fields each format always has.
fn recognise(event: &Map<String, Value>) -> Result<EventKind, String> {
    let present = |object: Option<&Map<String, Value>>, name: &str| {
        object
            .and_then(|o| o.get(name))
            .is_some_and(|v| !v.is_null())
    };
    let context = event.get("requestContext").and_then(Value::as_object);
    if context
        .and_then(|c| c.get("elb"))
        .is_some_and(Value::is_object)
    {
        let multi_value = present(Some(event), "multiValueHeaders")
            || present(Some(event), "multiValueQueryStringParameters");
        return Ok(EventKind::Alb { multi_value });
    }
    if present(context, "connectionId") || present(context, "eventType") {
        return Ok(EventKind::WebSocket);
    }
    if present(Some(event), "methodArn") || present(Some(event), "routeArn") {
        return Err(format!(
            "this is an API Gateway Lambda authorizer event, and this function is not an authorizer: {SERVES}"
        ));
    }
    match event.get("version") {
        Some(Value::String(v)) if v == "2.0" => return Ok(EventKind::HttpV2),
        Some(Value::String(v)) if v == "1.0" => return Ok(EventKind::HttpV1),
        None | Some(Value::Null) => {}
        Some(other) => {
            return Err(format!(
                "payload format version {} is not one this function reads (1.0, 2.0): {SERVES}",
                shown(other)
            ));
        }
    }
    let v1 = ["httpMethod", "resource"]
        .iter()
        .any(|n| present(Some(event), n))
        || ["httpMethod", "resourcePath"]
            .iter()
            .any(|n| present(context, n));
    if v1 {
        return Ok(EventKind::Rest);
    }
    if present(Some(event), "routeKey") || present(context, "routeKey") {
        return Ok(EventKind::HttpV2);
    }
    Err(format!(
        "the event names no route (no `httpMethod` and `resource`, no `routeKey`): {SERVES}"
    ))
}

/// REST and HTTP API 1.0 events.
fn decode_v1(kind: EventKind, mut event: Map<String, Value>) -> Result<ProxyEvent, String> {
    let context = take_object(&mut event, "requestContext")?.unwrap_or_default();
    let method = text(&event, "httpMethod")?
        .or(text(&context, "httpMethod")?)
        .ok_or("it has no `httpMethod`")?
        .to_string();
    let resource_path = text(&context, "resourcePath")?
        .or(text(&event, "resource")?)
        .ok_or("it has no `resource` (the route's path template)")?
        .to_string();
    let path = text(&context, "path")?
        .or(text(&event, "path")?)
        .unwrap_or_default()
        .to_string();
    let headers = headers_v1(&mut event)?;
    let query = query_v1(&mut event)?;
    let request = Request {
        method: http_method(&method)?,
        path,
        path_params: string_map(&mut event, "pathParameters")?,
        query,
        headers,
        body: body(&mut event)?,
        extensions: http::Extensions::new(),
    };
    finish(
        kind,
        Route::Resource {
            method,
            resource_path,
        },
        request,
        context,
        &mut event,
    )
}

/// HTTP API 2.0 events.
fn decode_v2(mut event: Map<String, Value>) -> Result<ProxyEvent, String> {
    let context = take_object(&mut event, "requestContext")?.unwrap_or_default();
    let http = object(&context, "http")?;
    let route_key = text(&event, "routeKey")?
        .or(text(&context, "routeKey")?)
        .ok_or("it has no `routeKey`")?
        .to_string();
    let method = match http.map(|h| text(h, "method")).transpose()?.flatten() {
        Some(m) => m,
        None => route_key
            .split_once(' ')
            .map(|(m, _)| m)
            .filter(|m| *m != "ANY")
            .ok_or("it has no `requestContext.http.method`")?,
    };
    let method = http_method(method)?;
    let path = match text(&event, "rawPath")? {
        Some(p) => p.to_string(),
        None => http
            .map(|h| text(h, "path"))
            .transpose()?
            .flatten()
            .unwrap_or_default()
            .to_string(),
    };
    let mut headers = HeaderMap::new();
    for (name, value) in take_object(&mut event, "headers")?.unwrap_or_default() {
        match value {
            Value::Null => {}
            Value::String(v) => append_header(&mut headers, &name, v)?,
            other => return Err(not_a_string(&format!("header `{name}`"), &other)),
        }
    }
    let cookies = strings(&mut event, "cookies")?;
    if !cookies.is_empty() {
        append_header(&mut headers, "cookie", cookies.join("; "))?;
    }
    let query = match text(&event, "rawQueryString")? {
        Some(raw) => form_urlencoded::parse(raw.as_bytes())
            .into_owned()
            .collect(),
        None => string_map(&mut event, "queryStringParameters")?,
    };
    let request = Request {
        method,
        path,
        path_params: string_map(&mut event, "pathParameters")?,
        query,
        headers,
        body: body(&mut event)?,
        extensions: http::Extensions::new(),
    };
    finish(
        EventKind::HttpV2,
        Route::RouteKey(route_key),
        request,
        context,
        &mut event,
    )
}

/// Puts the request context and the route in the request's extensions (the route tells
/// [`Request::base_path`] how much of the client's path is the API's).
fn finish(
    kind: EventKind,
    route: Route,
    mut request: Request,
    context: Map<String, Value>,
    event: &mut Map<String, Value>,
) -> Result<ProxyEvent, String> {
    let stage_variables = take_object(event, "stageVariables")?.unwrap_or_default();
    request
        .extensions
        .insert(RequestContext::new(kind, context, stage_variables));
    request.extensions.insert(route.clone());
    Ok(ProxyEvent {
        kind,
        route,
        request,
    })
}

fn not_served_websocket(event: &Map<String, Value>) -> Refusal {
    let route = event
        .get("requestContext")
        .and_then(|c| c.get("routeKey"))
        .map(shown)
        .unwrap_or_else(|| "(none)".into());
    Refusal::Answer {
        kind: EventKind::WebSocket,
        response: Response::error(
            404,
            format!(
                "no operation of this function serves WebSocket route {route}: {SERVES}, not WebSocket events"
            ),
        ),
    }
}

fn not_served_alb(kind: EventKind, event: &Map<String, Value>) -> Refusal {
    let request = match (event.get("httpMethod"), event.get("path")) {
        (Some(Value::String(m)), Some(Value::String(p))) => {
            format!(" (`{} {}`)", shorten(m), shorten(p))
        }
        _ => String::new(),
    };
    Refusal::Answer {
        kind,
        response: Response::error(
            404,
            format!(
                "this request{request} came from an Application Load Balancer, which names no API route: {SERVES}, not ALB target-group events"
            ),
        ),
    }
}

/// `name` as text: absent or `null` is `None`, another JSON type is an error.
fn text<'a>(object: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(not_a_string(&format!("`{name}`"), other)),
    }
}

fn object<'a>(
    object: &'a Map<String, Value>,
    name: &str,
) -> Result<Option<&'a Map<String, Value>>, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(other) => Err(format!(
            "`{name}` must be an object, not {}",
            json_type(other)
        )),
    }
}

fn take_object(
    object: &mut Map<String, Value>,
    name: &str,
) -> Result<Option<Map<String, Value>>, String> {
    match object.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(other) => Err(format!(
            "`{name}` must be an object, not {}",
            json_type(&other)
        )),
    }
}

/// An object of strings (`pathParameters`, `queryStringParameters`); `null` values are absent.
fn string_map<C: FromIterator<(String, String)>>(
    event: &mut Map<String, Value>,
    name: &str,
) -> Result<C, String> {
    take_object(event, name)?
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| match v {
            Value::String(s) => Ok((k, s)),
            other => Err(not_a_string(&format!("`{name}.{k}`"), &other)),
        })
        .collect()
}

/// An array of strings (`cookies`).
fn strings(event: &mut Map<String, Value>, name: &str) -> Result<Vec<String>, String> {
    match event.remove(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .into_iter()
            .filter(|v| !v.is_null())
            .map(|v| match v {
                Value::String(s) => Ok(s),
                other => Err(not_a_string(&format!("an element of `{name}`"), &other)),
            })
            .collect(),
        Some(other) => Err(format!(
            "`{name}` must be an array of strings, not {}",
            json_type(&other)
        )),
    }
}

/// The values of one name in a multi-value map: an array of strings (a lone string is accepted).
fn values(map: &str, name: &str, value: Value) -> Result<Vec<String>, String> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(vec![s]),
        Value::Array(items) => items
            .into_iter()
            .filter(|v| !v.is_null())
            .map(|v| match v {
                Value::String(s) => Ok(s),
                other => Err(not_a_string(&format!("a value of `{map}.{name}`"), &other)),
            })
            .collect(),
        other => Err(format!(
            "`{map}.{name}` must be an array of strings, not {}",
            json_type(&other)
        )),
    }
}

/// `multiValueHeaders` (every value) and `headers` (the last value of each name): a name in
/// both is taken from `multiValueHeaders`.
fn headers_v1(event: &mut Map<String, Value>) -> Result<HeaderMap, String> {
    let mut headers = HeaderMap::new();
    for (name, value) in take_object(event, "multiValueHeaders")?.unwrap_or_default() {
        for v in values("multiValueHeaders", &name, value)? {
            append_header(&mut headers, &name, v)?;
        }
    }
    let mut single = HeaderMap::new();
    for (name, value) in take_object(event, "headers")?.unwrap_or_default() {
        match value {
            Value::Null => {}
            Value::String(v) => append_header(&mut single, &name, v)?,
            other => return Err(not_a_string(&format!("header `{name}`"), &other)),
        }
    }
    for (name, value) in &single {
        if !headers.contains_key(name) {
            headers.append(name.clone(), value.clone());
        }
    }
    Ok(headers)
}

/// `multiValueQueryStringParameters` (every value) and `queryStringParameters` (the last value of
/// each name), the same way.
fn query_v1(event: &mut Map<String, Value>) -> Result<Vec<(String, String)>, String> {
    let mut query = Vec::new();
    let multi = take_object(event, "multiValueQueryStringParameters")?.unwrap_or_default();
    for (name, value) in &multi {
        for v in values("multiValueQueryStringParameters", name, value.clone())? {
            query.push((name.clone(), v));
        }
    }
    for (name, value) in take_object(event, "queryStringParameters")?.unwrap_or_default() {
        if multi.contains_key(&name) {
            continue;
        }
        match value {
            Value::Null => {}
            Value::String(v) => query.push((name, v)),
            other => {
                return Err(not_a_string(
                    &format!("`queryStringParameters.{name}`"),
                    &other,
                ));
            }
        }
    }
    Ok(query)
}

/// Adds a header, refusing what HTTP cannot carry (a control character in the value, a name that
/// is not a token) rather than dropping it.
fn append_header(headers: &mut HeaderMap, name: &str, value: String) -> Result<(), String> {
    let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        format!(
            "the header name {} is not a valid HTTP field name",
            quoted(name)
        )
    })?;
    let value = HeaderValue::try_from(value)
        .map_err(|_| format!("the value of header `{header}` contains a control character"))?;
    headers.append(header, value);
    Ok(())
}

fn http_method(method: &str) -> Result<http::Method, String> {
    http::Method::from_bytes(method.as_bytes())
        .map_err(|_| format!("the HTTP method {} is not a valid method", quoted(method)))
}

/// The body: text as it is, or base64 with `isBase64Encoded: true`.
fn body(event: &mut Map<String, Value>) -> Result<Vec<u8>, String> {
    let base64 = match event.get("isBase64Encoded") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            return Err(format!(
                "`isBase64Encoded` must be true or false, not {}",
                json_type(other)
            ));
        }
    };
    match event.remove("body") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(text)) if !base64 => Ok(text.into_bytes()),
        Some(Value::String(encoded)) => BASE64.decode(encoded.as_bytes()).map_err(|e| {
            format!(
                "the body is marked base64-encoded (`isBase64Encoded: true`) but is not base64: {}",
                base64_problem(e)
            )
        }),
        Some(other) => Err(format!(
            "`body` must be a string (the body as text, or base64 with `isBase64Encoded: true`), not {}",
            json_type(&other)
        )),
    }
}

/// The standard alphabet; padding optional (API Gateway pads, other senders may not).
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn base64_problem(error: base64::DecodeError) -> String {
    match error {
        base64::DecodeError::InvalidByte(offset, byte) => format!(
            "the character at offset {offset} ({}) is not in the base64 alphabet",
            quoted(&char::from(byte).to_string())
        ),
        base64::DecodeError::InvalidLength(_) => "its length cannot be base64".into(),
        base64::DecodeError::InvalidLastSymbol(offset, _) => {
            format!("the character at offset {offset} ends it with stray bits")
        }
        base64::DecodeError::InvalidPadding => "its padding is wrong".into(),
    }
}

fn not_a_string(what: &str, value: &Value) -> String {
    format!("{what} must be a string, not {}", json_type(value))
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value of the event, for a message: strings quoted and shortened, others by JSON type.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => quoted(s),
        Value::Number(n) => n.to_string(),
        other => json_type(other).to_string(),
    }
}

fn shorten(s: &str) -> String {
    let q = quoted(s);
    q[1..q.len() - 1].to_string()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn rest(extra: Value) -> Value {
        let mut event = json!({
            "resource": "/pets/{petId}",
            "path": "/pets/1",
            "httpMethod": "GET",
            "headers": {"Host": "bad host", "X-Forwarded-Proto": "ht tp"},
            "multiValueHeaders": null,
            "pathParameters": {"petId": "1"},
            "requestContext": {"resourcePath": "/pets/{petId}", "httpMethod": "GET", "stage": "prod",
                "identity": {"sourceIp": "192.0.2.1"}},
            "body": null,
            "isBase64Encoded": false
        });
        if let (Value::Object(e), Value::Object(x)) = (&mut event, extra) {
            e.extend(x);
        }
        event
    }

    fn answer(refusal: Refusal) -> (u16, String) {
        match refusal {
            Refusal::Answer { response, .. } => {
                let body: Value = serde_json::from_slice(&response.body).unwrap();
                (
                    response.status,
                    body["message"].as_str().unwrap().to_string(),
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn odd_host_and_forwarded_headers_do_not_matter() {
        let event = decode(rest(json!({}))).unwrap();
        assert_eq!(event.kind, EventKind::Rest);
        assert_eq!(
            event.route,
            Route::Resource {
                method: "GET".into(),
                resource_path: "/pets/{petId}".into()
            }
        );
        assert_eq!(event.request.header("host"), Some("bad host"));
        assert_eq!(event.request.path_params["petId"], "1");
        let context = event.request.lambda_request_context().unwrap();
        assert_eq!(context.stage(), Some("prod"));
        assert_eq!(context.source_ip(), Some("192.0.2.1"));
    }

    #[test]
    fn multi_value_headers_win_over_headers() {
        let event = decode(rest(json!({
            "headers": {"If-Match": "single", "Accept": "a"},
            "multiValueHeaders": {"if-match": ["one", "two"]}
        })))
        .unwrap();
        let values: Vec<_> = event.request.headers.get_all("if-match").iter().collect();
        assert_eq!(values, ["one", "two"]);
        assert_eq!(event.request.header("accept"), Some("a"));
    }

    #[test]
    fn non_ascii_header_values_are_kept() {
        let event = decode(rest(json!({"headers": {"If-Match": "verfügbar"}}))).unwrap();
        assert_eq!(event.request.header("if-match"), Some("verfügbar"));
    }

    #[test]
    fn malformed_fields_answer_400_naming_the_field() {
        let (status, message) = answer(decode(rest(json!({"headers": []}))).unwrap_err());
        assert_eq!(status, 400);
        assert_eq!(
            message,
            "invalid event: `headers` must be an object, not an array"
        );
        let (_, message) =
            answer(decode(rest(json!({"headers": {"X-A": "a\u{0}b"}}))).unwrap_err());
        assert!(message.contains("control character"), "{message}");
        let (_, message) =
            answer(decode(rest(json!({"body": "%%%", "isBase64Encoded": true}))).unwrap_err());
        assert!(message.contains("not base64"), "{message}");
    }

    #[test]
    fn base64_padding_is_optional() {
        let event = decode(rest(json!({"body": "e30", "isBase64Encoded": true}))).unwrap();
        assert_eq!(event.request.body, b"{}");
    }

    #[test]
    fn http_v2_query_comes_from_the_raw_query_string() {
        let event = decode(json!({
            "version": "2.0",
            "routeKey": "GET /pets",
            "rawPath": "/pets",
            "rawQueryString": "tag=a&tag=b+c&x=%C3%A9",
            "queryStringParameters": {"tag": "a,b c", "x": "é"},
            "cookies": ["a=1", "b=2"],
            "requestContext": {"http": {"method": "GET", "sourceIp": "192.0.2.2"}}
        }))
        .unwrap();
        assert_eq!(
            event.request.query,
            vec![
                ("tag".to_string(), "a".to_string()),
                ("tag".to_string(), "b c".to_string()),
                ("x".to_string(), "é".to_string())
            ]
        );
        assert_eq!(event.request.header("cookie"), Some("a=1; b=2"));
        assert_eq!(event.route, Route::RouteKey("GET /pets".into()));
        assert_eq!(
            event.request.lambda_request_context().unwrap().source_ip(),
            Some("192.0.2.2")
        );
    }

    #[test]
    fn other_shapes() {
        assert!(matches!(
            decode(json!({"hello": "world"})),
            Err(Refusal::NotAnEvent(_))
        ));
        assert!(matches!(decode(json!([1])), Err(Refusal::NotAnEvent(_))));
        assert!(matches!(
            decode(json!({"version": "3.0", "routeKey": "GET /"})),
            Err(Refusal::NotAnEvent(_))
        ));
        let (status, _) = answer(
            decode(json!({"requestContext": {"elb": {}}, "httpMethod": "GET", "path": "/"}))
                .unwrap_err(),
        );
        assert_eq!(status, 404);
        let (status, message) = answer(
            decode(json!({"requestContext": {"routeKey": "$connect", "connectionId": "x"}}))
                .unwrap_err(),
        );
        assert_eq!(status, 404);
        assert!(message.contains("\"$connect\""), "{message}");
    }
}
