//! Lambda events through `apigw::lambda::handle`, the entry point the function runs for every
//! event, with the petstore's registry (its handlers, extractors and state), and the oracle: no
//! panic, and every answer is well formed in the event's own format (or one of apigw's documented
//! Lambda errors when there is no format to answer in).

use std::sync::OnceLock;

use apigw::lambda::EventKind;
use apigw::lambda::event::{self, Refusal};
use apigw::{Dispatcher, Registry};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use lambda_runtime::{Context, Diagnostic};
use serde_json::{Map, Value};

/// The petstore's registry and a runtime to drive the async handlers, built once per process.
pub struct Harness {
    runtime: tokio::runtime::Runtime,
    registry: Registry,
}

/// The petstore operation that panics on purpose (`GET /debug/panic`). libFuzzer's panic hook
/// aborts on any panic, even one apigw catches, so the fuzzed dispatcher does not serve it: a
/// panic that reaches the hook is then always apigw's own.
const PANICS_ON_PURPOSE: &str = "debugPanic";

impl Harness {
    pub fn get() -> &'static Harness {
        static HARNESS: OnceLock<Harness> = OnceLock::new();
        HARNESS.get_or_init(|| Harness {
            runtime: tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a current-thread runtime"),
            registry: petstore::app()
                .registry()
                .expect("the petstore registry is valid"),
        })
    }

    /// One event through `apigw::lambda::handle`, with fresh petstore state (so an input always
    /// gives the same answer, and memory does not grow over millions of runs).
    pub fn answer(&self, payload: Value) -> Result<Value, Diagnostic> {
        let mut app = petstore::app();
        let shared = self.runtime.block_on(app.build_state());
        let dispatcher = Dispatcher::new(&self.registry, shared, |op| op.id != PANICS_ON_PURPOSE);
        self.runtime.block_on(apigw::lambda::handle(
            &dispatcher,
            payload,
            Some(Context::default()),
        ))
    }

    /// The whole check for one event: its answer, judged against what the event is.
    pub fn check(&self, payload: Value) -> Result<(), String> {
        let expected = expected(&payload);
        let answer = self.answer(payload);
        check_answer(expected, &answer)
    }
}

/// What kind of answer an event must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A proxy response in this event's format.
    Proxy(EventKind),
    /// A Lambda custom integration envelope: its handler's result, or a Lambda error.
    Envelope,
    /// Not an event any format can answer: the Lambda error `InvalidEvent`.
    NotAnEvent,
}

/// How the decoder classifies `payload` (envelopes are recognised before proxy events).
pub fn expected(payload: &Value) -> Expected {
    if apigw::integration::Envelope::recognise(payload).is_some() {
        return Expected::Envelope;
    }
    match event::decode(payload.clone()) {
        Ok(proxy) => Expected::Proxy(proxy.kind),
        Err(Refusal::Answer { kind, .. }) => Expected::Proxy(kind),
        Err(Refusal::NotAnEvent(_)) => Expected::NotAnEvent,
    }
}

/// `HttpStatus<N>`: a Lambda custom integration handler answered the non-2xx status N.
fn http_status_error(error_type: &str) -> bool {
    error_type.strip_prefix("HttpStatus").is_some_and(|n| {
        n.len() == 3
            && n.bytes().all(|b| b.is_ascii_digit())
            && !n.starts_with('2')
            && ('1'..='5').contains(&n.chars().next().unwrap_or('0'))
    })
}

/// The oracle: the answer `handle` gave is the one the event calls for.
pub fn check_answer(expected: Expected, answer: &Result<Value, Diagnostic>) -> Result<(), String> {
    match (expected, answer) {
        (_, Err(e)) if e.error_type == "HandlerPanic" => Err(format!(
            "apigw panicked while handling the event: {}",
            e.error_message
        )),
        (Expected::Proxy(kind), Ok(result)) => proxy_response(kind, result),
        (Expected::Proxy(kind), Err(e)) => Err(format!(
            "a {kind:?} event got the Lambda error {} ({}), not a response in its format",
            e.error_type, e.error_message
        )),
        (Expected::NotAnEvent, Err(e)) if e.error_type == "InvalidEvent" => {
            if e.error_message.is_empty() {
                Err("InvalidEvent without a message".into())
            } else {
                Ok(())
            }
        }
        (Expected::NotAnEvent, other) => Err(format!(
            "an event the decoder refuses got {other:?}, not the Lambda error InvalidEvent"
        )),
        (Expected::Envelope, Ok(_)) => Ok(()),
        (Expected::Envelope, Err(e))
            if matches!(
                e.error_type.as_str(),
                "InvalidEnvelope" | "UnknownOperation"
            ) || http_status_error(&e.error_type) =>
        {
            Ok(())
        }
        (Expected::Envelope, Err(e)) => Err(format!(
            "an envelope got the undocumented Lambda error type `{}`",
            e.error_type
        )),
    }
}

/// The keys a result of this format has, every one of them.
fn format_keys(kind: EventKind) -> &'static [&'static str] {
    match kind {
        EventKind::Rest | EventKind::HttpV1 | EventKind::WebSocket => &[
            "statusCode",
            "headers",
            "multiValueHeaders",
            "body",
            "isBase64Encoded",
        ],
        EventKind::HttpV2 => &[
            "statusCode",
            "headers",
            "cookies",
            "body",
            "isBase64Encoded",
        ],
        EventKind::Alb { multi_value: false } => &[
            "statusCode",
            "statusDescription",
            "headers",
            "body",
            "isBase64Encoded",
        ],
        EventKind::Alb { multi_value: true } => &[
            "statusCode",
            "statusDescription",
            "multiValueHeaders",
            "body",
            "isBase64Encoded",
        ],
    }
}

/// A proxy result that API Gateway (or ALB) accepts for an event of `kind`: exactly the format's
/// keys, a valid status, header names and values HTTP can carry and each name once, cookies as
/// strings, a body that is text or valid base64, and a JSON body where the type says JSON.
pub fn proxy_response(kind: EventKind, result: &Value) -> Result<(), String> {
    let object = result
        .as_object()
        .ok_or_else(|| format!("the result is not a JSON object: {result}"))?;
    let keys = format_keys(kind);
    let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
    found.sort_unstable();
    let mut wanted = keys.to_vec();
    wanted.sort_unstable();
    if found != wanted {
        return Err(format!(
            "a {kind:?} result has the keys {found:?}, the format has {wanted:?}"
        ));
    }
    let status = object["statusCode"]
        .as_u64()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| format!("statusCode {} is not an HTTP status", object["statusCode"]))?;
    // Every (name, values) pair of both header maps; a name (case-insensitively) appears once.
    let mut groups: Vec<(&str, Vec<&Value>)> = Vec::new();
    if let Some(single) = object.get("headers") {
        for (name, value) in as_object(single, "headers")? {
            groups.push((name, vec![value]));
        }
    }
    if let Some(multi) = object.get("multiValueHeaders") {
        for (name, values) in as_object(multi, "multiValueHeaders")? {
            let values = values
                .as_array()
                .ok_or_else(|| format!("multiValueHeaders `{name}` is not an array"))?;
            // One value goes in `headers` (1.0 formats); an ALB multi-value group has any count.
            if values.len() < 2 && !matches!(kind, EventKind::Alb { .. }) {
                return Err(format!(
                    "multiValueHeaders `{name}` has {} value(s): one belongs in `headers`",
                    values.len()
                ));
            }
            groups.push((name, values.iter().collect()));
        }
    }
    let mut names: Vec<String> = Vec::new();
    let mut content_type = None;
    for (name, values) in groups {
        let lower = name.to_ascii_lowercase();
        if names.contains(&lower) {
            return Err(format!("header `{name}` is given twice"));
        }
        http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("`{name}` is not an HTTP header name"))?;
        for value in values {
            let value = value
                .as_str()
                .ok_or_else(|| format!("header `{name}` has the non-string value {value}"))?;
            http::HeaderValue::from_bytes(value.as_bytes())
                .map_err(|_| format!("header `{name}` has a value HTTP cannot carry: {value:?}"))?;
            if lower == "content-type" {
                content_type = Some(value.to_string());
            }
        }
        names.push(lower);
    }
    if kind == EventKind::HttpV2 {
        let cookies = object["cookies"]
            .as_array()
            .ok_or("cookies is not an array")?;
        if let Some(bad) = cookies.iter().find(|c| !c.is_string()) {
            return Err(format!("the cookie {bad} is not a string"));
        }
        if names.iter().any(|n| n == "set-cookie") {
            return Err("a 2.0 result carries Set-Cookie in headers, not in cookies".into());
        }
    }
    if let EventKind::Alb { .. } = kind {
        let description = object["statusDescription"]
            .as_str()
            .ok_or("statusDescription is not a string")?;
        if !description.starts_with(&status.to_string()) {
            return Err(format!(
                "statusDescription `{description}` does not start with the status {status}"
            ));
        }
    }
    let base64 = object["isBase64Encoded"]
        .as_bool()
        .ok_or("isBase64Encoded is not a boolean")?;
    let body = object["body"].as_str().ok_or("body is not a string")?;
    let bytes = if base64 {
        STANDARD
            .decode(body)
            .map_err(|e| format!("the body is marked base64 but is not: {e}"))?
    } else {
        body.as_bytes().to_vec()
    };
    let json_type = content_type.as_deref().is_some_and(|t| {
        t.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if json_type && !bytes.is_empty() && serde_json::from_slice::<Value>(&bytes).is_err() {
        return Err(format!(
            "the body says application/json but is not JSON: {}",
            String::from_utf8_lossy(&bytes)
        ));
    }
    Ok(())
}

fn as_object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("`{what}` is not an object: {value}"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_fixture_event_gets_a_well_formed_answer() {
        let harness = Harness::get();
        let fixtures = crate::mutate::Fixtures::get();
        assert!(fixtures.events.len() > 30, "{}", fixtures.events.len());
        for (name, event) in &fixtures.events {
            if let Err(e) = harness.check(event.clone()) {
                panic!("{name}: {e}");
            }
        }
    }

    #[test]
    fn the_oracle_rejects_malformed_results() {
        let good = json!({"statusCode": 200, "headers": {"content-type": "application/json"},
            "multiValueHeaders": {}, "body": "{}", "isBase64Encoded": false});
        assert_eq!(proxy_response(EventKind::Rest, &good), Ok(()));
        let bad = |edit: Value| {
            let mut v = good.clone();
            if let (Value::Object(v), Value::Object(e)) = (&mut v, edit) {
                v.extend(e);
            }
            proxy_response(EventKind::Rest, &v).unwrap_err()
        };
        assert!(bad(json!({"statusCode": 700})).contains("statusCode"));
        assert!(bad(json!({"body": "{"})).contains("not JSON"));
        assert!(bad(json!({"isBase64Encoded": true, "body": "%%"})).contains("base64"));
        assert!(bad(json!({"multiValueHeaders": {"Content-Type": ["a", "b"]}})).contains("twice"));
        assert!(bad(json!({"headers": {"x": "a\nb"}})).contains("cannot carry"));
        assert!(
            proxy_response(EventKind::HttpV2, &good)
                .unwrap_err()
                .contains("keys")
        );
        assert!(
            check_answer(Expected::NotAnEvent, &Ok(good.clone()))
                .unwrap_err()
                .contains("InvalidEvent")
        );
    }

    #[test]
    fn non_events_are_invalid_event_errors() {
        let harness = Harness::get();
        for payload in [json!(null), json!([1]), json!({"hello": 1}), json!("x")] {
            assert_eq!(expected(&payload), Expected::NotAnEvent);
            assert_eq!(harness.check(payload), Ok(()));
        }
    }
}
