//! The petstore's rendered document (`tests/golden/petstore/openapi.json`): Lambda proxy
//! operations through an invoker written here (it records the events and answers what each test
//! sets), and the mock health check.

mod common;

use std::sync::{Arc, Mutex};

use apigw_gateway::{
    Bindings, Gateway, GatewayConfig, InvokeError, InvokeOutcome, blocking_invoker, invoker_fn,
};
use common::*;
use serde_json::{Value, json};

const FUNCTION: &str = "arn:aws:lambda:us-east-1:123456789012:function:api";

/// A petstore gateway whose function answers `answer`; the events it received are returned.
fn petstore(answer: Value) -> (Gateway, Arc<Mutex<Vec<Value>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let invoker = invoker_fn(move |invocation| {
        let seen = seen.clone();
        let answer = answer.clone();
        async move {
            assert_eq!(invocation.function_arn, FUNCTION);
            seen.lock()
                .unwrap()
                .push(serde_json::from_slice::<Value>(&invocation.payload).unwrap());
            Ok(InvokeOutcome::Success(answer.to_string().into_bytes()))
        }
    });
    let bindings = Bindings::new().bind("ApiFunction.Arn", FUNCTION);
    (
        gateway(
            &golden("petstore"),
            bindings,
            GatewayConfig::new()
                .lambda(invoker)
                .stage_variable("env", "test"),
        ),
        events,
    )
}

#[tokio::test]
async fn the_rest_proxy_event() {
    let (gw, events) = petstore(json!({"statusCode": 200, "body": "{}"}));
    let answer = send(
        &gw,
        "PUT",
        "/prod/pets/a%20b?tag=x&tag=y&limit=5",
        &[
            ("Content-Type", "application/json"),
            ("X-Multi", "1"),
            ("X-Multi", "2"),
            ("User-Agent", "tests"),
        ],
        r#"{"name": "Rex"}"#,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    let event = events.lock().unwrap()[0].clone();
    assert_eq!(event["resource"], "/pets/{petId}");
    assert_eq!(event["path"], "/pets/a b");
    assert_eq!(event["httpMethod"], "PUT");
    assert_eq!(event["pathParameters"], json!({"petId": "a b"}));
    assert_eq!(
        event["queryStringParameters"],
        json!({"tag": "y", "limit": "5"})
    );
    assert_eq!(
        event["multiValueQueryStringParameters"],
        json!({"tag": ["x", "y"], "limit": ["5"]})
    );
    assert_eq!(event["headers"]["X-Multi"], "2");
    assert_eq!(event["multiValueHeaders"]["X-Multi"], json!(["1", "2"]));
    assert_eq!(event["headers"]["Content-Type"], "application/json");
    assert_eq!(event["stageVariables"], json!({"env": "test"}));
    assert_eq!(event["body"], r#"{"name": "Rex"}"#);
    assert_eq!(event["isBase64Encoded"], false);
    let context = &event["requestContext"];
    assert_eq!(context["resourcePath"], "/pets/{petId}");
    assert_eq!(context["httpMethod"], "PUT");
    assert_eq!(context["stage"], "prod");
    assert_eq!(context["path"], "/prod/pets/a%20b");
    assert_eq!(context["operationName"], "updatePet");
    assert_eq!(context["accountId"], ACCOUNT);
    assert_eq!(context["identity"]["sourceIp"], "127.0.0.1");
    assert_eq!(context["identity"]["userAgent"], "tests");
    assert!(context["requestTimeEpoch"].is_u64());
    assert_eq!(
        context["requestId"],
        answer.header("x-amzn-requestid").unwrap()
    );
    // The event is what lambda_http reads as a REST request.
    let keys: Vec<&str> = event
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "resource",
        "path",
        "httpMethod",
        "headers",
        "multiValueHeaders",
        "queryStringParameters",
        "multiValueQueryStringParameters",
        "pathParameters",
        "stageVariables",
        "requestContext",
        "body",
        "isBase64Encoded",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
}

#[tokio::test]
async fn absent_maps_are_null() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let invoker = invoker_fn(move |invocation| {
        let seen = seen.clone();
        async move {
            seen.lock()
                .unwrap()
                .push(serde_json::from_slice::<Value>(&invocation.payload).unwrap());
            Ok(InvokeOutcome::Success(br#"{"statusCode": 204}"#.to_vec()))
        }
    });
    let gw = gateway(
        &golden("petstore"),
        Bindings::new().bind("ApiFunction.Arn", FUNCTION),
        GatewayConfig::new().lambda(invoker),
    );
    let answer = send(&gw, "GET", "/prod/pets", &[], "").await;
    assert_eq!(answer.status, 204);
    let event = events.lock().unwrap()[0].clone();
    for key in [
        "headers",
        "multiValueHeaders",
        "queryStringParameters",
        "multiValueQueryStringParameters",
        "pathParameters",
        "stageVariables",
        "body",
    ] {
        assert_eq!(event[key], Value::Null, "{key}");
    }
}

#[tokio::test]
async fn the_function_answer_reaches_the_client() {
    let (gw, _) = petstore(json!({
        "statusCode": "201",
        "headers": {"Location": "/pets/9", "X-Flag": true},
        "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
        "body": "{\"id\":\"9\"}",
        "isBase64Encoded": false
    }));
    let answer = send(
        &gw,
        "POST",
        "/prod/pets",
        &[("Content-Type", "application/json")],
        "{}",
    )
    .await;
    assert_eq!(answer.status, 201);
    assert_eq!(answer.header("location"), Some("/pets/9"));
    assert_eq!(answer.header("x-flag"), Some("true"));
    assert_eq!(answer.header("set-cookie"), Some("a=1, b=2"));
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.json(), json!({"id": "9"}));
}

#[tokio::test]
async fn malformed_answers_are_502() {
    for bad in [
        json!({"statusCode": 200, "unexpected": 1}),
        json!("text"),
        json!({"statusCode": "two hundred"}),
    ] {
        let (gw, _) = petstore(bad.clone());
        let answer = send(&gw, "GET", "/prod/pets/1", &[], "").await;
        assert_eq!(answer.status, 502, "{bad}");
        assert_eq!(answer.text(), r#"{"message": "Internal server error"}"#);
    }
}

#[tokio::test]
async fn function_errors_and_failed_invokes_are_502() {
    let failing = invoker_fn(|invocation| async move {
        if invocation.payload.windows(5).any(|w| w == b"/pets") {
            Ok(InvokeOutcome::FunctionError {
                error_type: Some("Unhandled".into()),
                payload: br#"{"errorMessage": "boom", "errorType": "Panic"}"#.to_vec(),
            })
        } else {
            Err(InvokeError("no such function".into()))
        }
    });
    let gw = gateway(
        &golden("petstore"),
        Bindings::new().bind("ApiFunction.Arn", FUNCTION),
        GatewayConfig::new().lambda(failing),
    );
    assert_eq!(send(&gw, "GET", "/prod/pets/1", &[], "").await.status, 502);
    assert_eq!(
        send(&gw, "GET", "/prod/debug/panic", &[], "").await.status,
        502
    );
    // Without an invoker the gateway cannot reach the function at all.
    let unwired = gateway(
        &golden("petstore"),
        Bindings::new().bind("ApiFunction.Arn", FUNCTION),
        GatewayConfig::new(),
    );
    assert_eq!(
        send(&unwired, "GET", "/prod/pets", &[], "").await.status,
        502
    );
}

#[tokio::test]
async fn a_blocking_invoker_is_served_from_the_blocking_pool() {
    let invoker = blocking_invoker(|invocation| {
        std::thread::sleep(std::time::Duration::from_millis(10));
        let event: Value =
            serde_json::from_slice(&invocation.payload).map_err(|e| InvokeError(e.to_string()))?;
        Ok(InvokeOutcome::Success(
            json!({"body": event["pathParameters"]["petId"]})
                .to_string()
                .into_bytes(),
        ))
    });
    let gw = gateway(
        &golden("petstore"),
        Bindings::new().bind("ApiFunction.Arn", FUNCTION),
        GatewayConfig::new().lambda(invoker),
    );
    let answer = send(&gw, "GET", "/prod/pets/42", &[], "").await;
    assert_eq!((answer.status, answer.text()), (200, "42".to_string()));
}

#[tokio::test]
async fn mock_health_and_binary_proxy_bodies() {
    let (gw, _) = petstore(json!({}));
    let health = send(&gw, "GET", "/prod/health", &[], "").await;
    assert_eq!(health.status, 200);
    assert_eq!(health.json(), json!({"status": "ok"}));

    // A binary request body reaches the function base64-encoded; a base64 answer is decoded for
    // a binary Accept only.
    let mut doc = golden("petstore");
    doc["x-amazon-apigateway-binary-media-types"] = json!(["image/png"]);
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let invoker = invoker_fn(move |invocation| {
        let seen = seen.clone();
        async move {
            seen.lock()
                .unwrap()
                .push(serde_json::from_slice::<Value>(&invocation.payload).unwrap());
            Ok(InvokeOutcome::Success(
                json!({"statusCode": 200, "headers": {"Content-Type": "image/png"}, "body": "AAEC/w==", "isBase64Encoded": true}).to_string().into_bytes(),
            ))
        }
    });
    let gw = gateway(
        &doc,
        Bindings::new().bind("ApiFunction.Arn", FUNCTION),
        GatewayConfig::new().lambda(invoker),
    );
    let answer = send(
        &gw,
        "POST",
        "/prod/pets",
        &[("Content-Type", "image/png"), ("Accept", "image/png")],
        vec![0u8, 1, 2, 255],
    )
    .await;
    assert_eq!(answer.body.as_ref(), &[0u8, 1, 2, 255]);
    let event = events.lock().unwrap()[0].clone();
    assert_eq!(
        (event["body"].clone(), event["isBase64Encoded"].clone()),
        (json!("AAEC/w=="), json!(true))
    );
    let as_text = send(
        &gw,
        "POST",
        "/prod/pets",
        &[("Content-Type", "image/png")],
        vec![0u8],
    )
    .await;
    assert_eq!(as_text.text(), "AAEC/w==");
}
