//! The real petstore binary, run as a Lambda function against a local Runtime API server and fed
//! REST (v1) and HTTP API (v2, and payload 1.0) events derived from real payloads. Each test
//! starts its own function process, so pet ids are predictable (`pet-1`, `pet-2`, ...).

use std::time::Duration;

use apigw_tests::{RuntimeApi, binaries, fixtures};
use serde_json::{Map, Value, json};

/// The event payload format, which decides the response format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// REST API proxy events (payload 1.0).
    RestV1,
    /// HTTP API, payload format 2.0.
    HttpV2,
    /// HTTP API, payload format 1.0: answered in the 1.0 response format.
    HttpV1,
}

impl Format {
    fn dir(self) -> &'static str {
        match self {
            Format::RestV1 => "rest-v1",
            Format::HttpV2 => "http-v2",
            Format::HttpV1 => "http-v1",
        }
    }
}

/// One answer, checked against its format and decoded.
#[derive(Debug)]
struct Reply {
    status: u64,
    /// Header names in lower case.
    headers: Map<String, Value>,
    body: Option<String>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(Value::as_str)
    }

    /// The body parsed as JSON, after checking the response declares it as JSON.
    fn json(&self) -> Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "{self:?}"
        );
        let body = self
            .body
            .as_deref()
            .unwrap_or_else(|| panic!("no body: {self:?}"));
        serde_json::from_str(body).unwrap_or_else(|e| panic!("body is not JSON ({e}): {body}"))
    }

    /// An apigw error: the status and a JSON `{"message": ...}` body; returns the message.
    fn error(&self, status: u64) -> String {
        assert_eq!(self.status, status, "{self:?}");
        let body = self.json();
        let obj = body.as_object().expect("error body is an object");
        assert_eq!(obj.len(), 1, "only `message`: {body}");
        obj["message"]
            .as_str()
            .expect("message is a string")
            .to_string()
    }
}

/// The function under test.
struct Petstore {
    api: RuntimeApi,
    format: Format,
}

impl Petstore {
    fn start(format: Format) -> Petstore {
        let binary = binaries::petstore().unwrap_or_else(|e| panic!("{e}"));
        let mut api = RuntimeApi::start().expect("start the Runtime API");
        api.spawn(&binary, &[]).expect("spawn the petstore binary");
        Petstore { api, format }
    }

    /// Sends a derived event of this format (`derived/<format>/<name>.json`).
    fn send(&mut self, name: &str) -> Reply {
        let rel = format!("derived/{}/{name}.json", self.format.dir());
        self.send_raw(&rel, self.format)
    }

    /// Sends any fixture, whose answer must be in `format`'s response format.
    fn send_raw(&mut self, rel: &str, format: Format) -> Reply {
        let result = self
            .api
            .invoke(&fixtures::event(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        let raw = result
            .response_json()
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        decode(&raw, format)
    }
}

/// Checks the response object of `format` and decodes it.
fn decode(raw: &Value, format: Format) -> Reply {
    let obj = raw.as_object().expect("the response is a JSON object");
    let status = obj["statusCode"].as_u64().expect("statusCode is a number");
    let single = obj["headers"].as_object().expect("headers is an object");
    assert!(single.values().all(Value::is_string), "{raw}");
    let mut headers: Map<String, Value> = single
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect();
    let base64 = obj["isBase64Encoded"].as_bool().expect("isBase64Encoded");
    assert!(!base64, "petstore answers text only: {raw}");
    let body = match obj.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => panic!("body is not a string: {other}"),
    };
    match format {
        Format::RestV1 | Format::HttpV1 => {
            // Payload 1.0 response: API Gateway merges `headers` and `multiValueHeaders`, so a
            // header in both would be sent twice; there is no `cookies` field.
            assert!(!obj.contains_key("cookies"), "{raw}");
            let multi = obj["multiValueHeaders"]
                .as_object()
                .expect("multiValueHeaders is an object");
            for (name, values) in multi {
                let name = name.to_ascii_lowercase();
                let values = values
                    .as_array()
                    .expect("multiValueHeaders values are arrays");
                assert_eq!(
                    values.len(),
                    1,
                    "petstore sends single-valued headers: {raw}"
                );
                assert!(values[0].is_string(), "{raw}");
                let before = headers.insert(name.clone(), values[0].clone());
                assert!(
                    before.is_none(),
                    "`{name}` is in headers and multiValueHeaders: {raw}"
                );
            }
        }
        Format::HttpV2 => {
            assert!(
                obj["cookies"].is_array(),
                "v2 responses carry cookies: {raw}"
            );
            // HTTP APIs ignore multiValueHeaders; if lambda_http sends it, it must be empty.
            if let Some(multi) = obj.get("multiValueHeaders") {
                assert_eq!(multi, &json!({}), "{raw}");
            }
        }
    }
    Reply {
        status,
        headers,
        body,
    }
}

/// `Location` is the pet's absolute URL, built from the event's domain and stage.
fn assert_location(reply: &Reply, path: &str) {
    let location = reply.header("location").unwrap_or_default();
    assert!(
        location.starts_with("https://") && location.ends_with(path),
        "{reply:?}"
    );
}

fn rex() -> Value {
    json!({ "id": "pet-1", "name": "Rex", "tag": "dog", "status": "available" })
}

fn crud_lifecycle(format: Format) {
    let mut f = Petstore::start(format);

    let created = f.send("create-pet");
    assert_eq!(created.status, 201, "{created:?}");
    assert_location(&created, "/pets/pet-1");
    assert_eq!(created.json(), rex());

    let tom = f.send("create-pet-2");
    assert_eq!(tom.status, 201, "{tom:?}");
    assert_location(&tom, "/pets/pet-2");
    assert_eq!(
        tom.json(),
        json!({ "id": "pet-2", "name": "Tom", "tag": "cat", "status": "pending" })
    );

    assert_eq!(created.header("etag"), Some("\"1\""));

    let got = f.send("get-pet");
    assert_eq!(got.status, 200, "{got:?}");
    assert_eq!(got.json(), rex());
    assert_eq!(got.header("etag"), Some("\"1\""));

    // limit=10&status=available: Tom is pending.
    let listed = f.send("list-pets");
    assert_eq!(listed.status, 200, "{listed:?}");
    assert_eq!(listed.json(), json!([rex()]));

    // If-Match: "1" is Rex's version; the update makes him pending, version "2".
    let updated = f.send("update-pet");
    assert_eq!(updated.status, 200, "{updated:?}");
    let pending = json!({ "id": "pet-1", "name": "Rex", "tag": "dog", "status": "pending" });
    assert_eq!(updated.json(), pending);
    assert_eq!(updated.header("etag"), Some("\"2\""));

    // The same If-Match again is stale now: 412, and nothing changes.
    let stale = f.send("update-pet-stale");
    let message = stale.error(412);
    assert!(message.contains("`If-Match: \"1\"`"), "{message}");
    assert!(message.ends_with("current version \"2\""), "{message}");
    assert_eq!(f.send("get-pet").json(), pending);

    let deleted = f.send("delete-pet");
    assert_eq!(deleted.status, 204, "{deleted:?}");
    assert_eq!(deleted.body.as_deref().unwrap_or(""), "", "{deleted:?}");

    let gone = f.send("get-pet");
    assert_eq!(gone.error(404), "no pet `pet-1`");
    assert_eq!(f.send("delete-pet").error(404), "no pet `pet-1`");
}

#[test]
fn crud_lifecycle_rest_v1() {
    crud_lifecycle(Format::RestV1);
}

#[test]
fn crud_lifecycle_http_v2() {
    crud_lifecycle(Format::HttpV2);
}

fn bad_input(format: Format) {
    let mut f = Petstore::start(format);

    assert_eq!(f.send("get-pet-missing").error(404), "no pet `pet-999`");

    let malformed = f.send("create-pet-malformed").error(400);
    assert!(malformed.starts_with("malformed JSON body"), "{malformed}");

    let limit = f.send("list-pets-bad-limit").error(400);
    assert!(limit.starts_with("invalid query parameters"), "{limit}");
    assert!(
        limit.contains("abc") || limit.contains("invalid digit"),
        "{limit}"
    );

    let unknown = f.send("unknown-route").error(404);
    assert!(unknown.contains("`GET /owners`"), "{unknown}");

    // None of it hurt the function: the malformed create stored nothing.
    let created = f.send("create-pet");
    assert_eq!(created.status, 201, "{created:?}");
    assert_location(&created, "/pets/pet-1");
    assert!(f.api.is_running());
}

#[test]
fn bad_input_rest_v1() {
    bad_input(Format::RestV1);
}

#[test]
fn bad_input_http_v2() {
    bad_input(Format::HttpV2);
}

fn panic_then_success(format: Format) {
    let mut f = Petstore::start(format);
    assert_eq!(f.send("debug-panic").error(500), "Internal server error");
    let created = f.send("create-pet");
    assert_eq!(created.status, 201, "{created:?}");
    assert_eq!(created.json(), rex());
    assert!(f.api.is_running(), "the function survived the panic");
    let logged = "apigw: handler `debug_panic` (examples/petstore/src/lib.rs";
    assert!(
        f.api.wait_for_stderr(logged, Duration::from_secs(5)),
        "the panic is logged: {}",
        f.api.stderr()
    );
}

#[test]
fn panic_then_success_rest_v1() {
    panic_then_success(Format::RestV1);
}

#[test]
fn panic_then_success_http_v2() {
    panic_then_success(Format::HttpV2);
}

/// HTTP API events in payload format 1.0 route by `resourcePath` too, and get 1.0 responses.
#[test]
fn http_api_payload_1_0() {
    let mut f = Petstore::start(Format::HttpV1);
    let created = f.send("create-pet");
    assert_eq!(created.status, 201, "{created:?}");
    assert_location(&created, "/pets/pet-1");
    assert_eq!(f.send("get-pet").json(), rex());
}

/// A REST API with a binary media type hands the body over base64-encoded.
#[test]
fn base64_encoded_body() {
    let mut f = Petstore::start(Format::RestV1);
    let created = f.send("create-pet-base64");
    assert_eq!(created.status, 201, "{created:?}");
    assert_eq!(created.json(), rex());
}

/// The real payloads, unmodified, name routes the petstore does not serve: a JSON 404.
#[test]
fn real_events_for_other_routes_get_404() {
    let mut f = Petstore::start(Format::RestV1);
    let rest = f
        .send_raw("rest-v1/example-apigw-request.json", Format::RestV1)
        .error(404);
    assert!(rest.contains("`POST /{proxy+}`"), "{rest}");
    let http = f
        .send_raw(
            "http-v2/example-apigw-v2-request-no-authorizer.json",
            Format::HttpV2,
        )
        .error(404);
    // API Gateway matched no route of its own (`$default`): apigw does not route a second time.
    assert_eq!(http, "no operation of this function serves `$default`");
    let v1 = f
        .send_raw(
            "http-v1/powertools__apiGatewayProxyEvent.json",
            Format::HttpV1,
        )
        .error(404);
    assert!(v1.contains("`GET /my/path`"), "{v1}");
}

/// An event that is not an API Gateway event at all fails the invocation (the Runtime API's
/// `/error`), and the function keeps serving.
#[test]
fn non_http_event_is_an_invocation_error() {
    let mut f = Petstore::start(Format::RestV1);
    let result = f.api.invoke(br#"{"hello": "world"}"#).expect("an answer");
    assert!(
        matches!(result.outcome, apigw_tests::Outcome::Error { .. }),
        "{result:?}"
    );
    assert_eq!(f.send("create-pet").status, 201);
}
