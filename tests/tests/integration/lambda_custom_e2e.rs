//! Lambda custom (non-proxy) integrations end to end: the fixture API's synth renders the
//! document, the local gateway executes it (request template, invoke, selection patterns,
//! response templates), and the same binary answers each event over the Lambda Runtime API.
//!
//! What a client of the deployed API sees for a handler's success, its declared error, an
//! extraction failure (400), a panic (500), and parameters with an apostrophe or unicode.

use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use apigw_gateway::{
    Bindings, Gateway, GatewayConfig, InvokeError, InvokeOutcome, blocking_invoker,
};
use apigw_tests::runtime_api::{Outcome, RuntimeApi};
use serde_json::{Value, json};

const BINARY: &str = env!("CARGO_BIN_EXE_lambda-custom-api");
const FUNCTION_ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:fixture";

/// The document the fixture's synth writes.
fn document() -> Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT
        .get_or_init(|| {
            let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lambda_custom_e2e");
            let run = Command::new(BINARY)
                .args(["--no-package", "--out"])
                .arg(&out)
                .env_remove("AWS_LAMBDA_RUNTIME_API")
                .output()
                .expect("run synth");
            assert!(run.status.success(), "{run:?}");
            let text = std::fs::read_to_string(out.join("openapi.json")).expect("openapi.json");
            serde_json::from_str(&text).expect("JSON")
        })
        .clone()
}

/// A gateway serving the document, invoking the fixture binary over the Runtime API.
fn gateway() -> Gateway {
    let mut runtime = RuntimeApi::start().expect("runtime api");
    runtime
        .spawn(BINARY.as_ref(), &[])
        .expect("spawn the function");
    let runtime = Arc::new(Mutex::new(runtime));
    let invoker = blocking_invoker(move |invocation| {
        let mut runtime = runtime.lock().unwrap_or_else(|e| e.into_inner());
        let answered = runtime
            .invoke(&invocation.payload)
            .map_err(|e| InvokeError(e.to_string()))?;
        Ok(match answered.outcome {
            Outcome::Response(body) => InvokeOutcome::Success(body),
            Outcome::Error { error_type, body } => InvokeOutcome::FunctionError {
                error_type,
                payload: body,
            },
        })
    });
    let bindings = Bindings::new().bind("ApiFunction.Arn", FUNCTION_ARN);
    Gateway::from_rendered(&document(), &bindings, GatewayConfig::new().lambda(invoker))
        .unwrap_or_else(|e| panic!("{e}"))
}

struct Answer {
    status: u16,
    body: Value,
}

async fn send(
    gw: &Gateway,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut request = http::Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = gw
        .handle(request.body(body.to_string().into()).expect("request"))
        .await;
    let status = response.status().as_u16();
    let bytes = response.into_body();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{method} {uri}: the client gets no JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    Answer { status, body }
}

#[tokio::test(flavor = "multi_thread")]
async fn each_outcome_gets_its_declared_status() {
    let gw = gateway();

    let ok = send(&gw, "GET", "/prod/pets/rex", &[], "").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(
        ok.body,
        json!({"id": "rex", "name": "Rex", "owner": null, "tag": null})
    );

    let missing = send(&gw, "GET", "/prod/pets/missing", &[], "").await;
    assert_eq!(
        (missing.status, missing.body),
        (404, json!({"message": "Not found: pet missing"}))
    );

    // An extraction failure: before, the Lambda error matched no pattern and the client got 200.
    let bad = send(&gw, "GET", "/prod/pets/rex?limit=lots", &[], "").await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    let message = bad.body["message"].as_str().expect("a message");
    assert!(message.contains("limit"), "{message}");
    assert!(
        !message.contains("[apigw"),
        "the prefix is the gateway's, not the client's: {message}"
    );

    let malformed = send(
        &gw,
        "POST",
        "/prod/pets",
        &[("Content-Type", "application/json")],
        r#"{"name": 3}"#,
    )
    .await;
    assert_eq!(malformed.status, 400, "{}", malformed.body);
    assert!(
        malformed.body["message"]
            .as_str()
            .expect("a message")
            .contains("name")
    );

    let panicked = send(&gw, "GET", "/prod/pets/panic", &[], "").await;
    assert_eq!(panicked.status, 500, "{}", panicked.body);
    assert!(panicked.body["message"].is_string(), "{}", panicked.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn parameters_and_bodies_arrive_as_sent() {
    let gw = gateway();
    let answer = send(
        &gw,
        "GET",
        "/prod/pets/o'brien?owner=O%27Brien%20%C3%A9%F0%9F%90%95",
        &[("X-Tag", "l'été \"quoted\"")],
        "",
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["id"], "o'brien");
    assert_eq!(answer.body["owner"], "O'Brien é🐕");
    assert_eq!(answer.body["tag"], "l'été \"quoted\"");

    for name in ["O'Brien", "Zoë 🐈 \\ \"x\"", ""] {
        let body = json!({ "name": name }).to_string();
        let created = send(
            &gw,
            "POST",
            "/prod/pets",
            &[("Content-Type", "application/json")],
            &body,
        )
        .await;
        assert_eq!(created.status, 201, "{name:?}: {}", created.body);
        assert_eq!(created.body["name"], name);
    }

    // An empty body is not a pet: 400, not a 200 holding an error object.
    let empty = send(
        &gw,
        "POST",
        "/prod/pets",
        &[("Content-Type", "application/json")],
        "",
    )
    .await;
    assert_eq!(empty.status, 400, "{}", empty.body);
}
