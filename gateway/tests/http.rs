//! The HTTP example's rendered document (`tests/golden/http/openapi.json`): HTTP proxy, HTTP with
//! templates and response mappings, private integrations over VPC links, and a mock, against
//! local HTTP servers; plus the gateway served over real HTTP.

mod common;

use apigw_gateway::{Bindings, Gateway, GatewayConfig};
use common::*;
use serde_json::json;

async fn http_api() -> (Gateway, Backend) {
    let backend = Backend::start(|request| {
        let path = request
            .uri
            .split('?')
            .next()
            .unwrap_or_default()
            .to_string();
        match path.as_str() {
            "/v2/query" => {
                let query: serde_json::Value =
                    serde_json::from_slice(&request.body).unwrap_or_default();
                match query["text"].as_str() {
                    Some("none") => (404, vec![], b"nothing".to_vec()),
                    Some("boom") => (503, vec![], b"down".to_vec()),
                    _ => (
                        200,
                        vec![("content-type", "application/json".into())],
                        br#"{"hits": [1]}"#.to_vec(),
                    ),
                }
            }
            _ => {
                let echo = json!({
                    "method": request.method,
                    "uri": request.uri,
                    "host": request.headers.get("host").and_then(|h| h.to_str().ok()),
                    "x-custom": request.headers.get("x-custom").and_then(|h| h.to_str().ok()),
                    "body": String::from_utf8_lossy(&request.body),
                });
                (
                    201,
                    vec![
                        ("content-type", "application/json".into()),
                        ("x-backend", "yes".into()),
                    ],
                    echo.to_string().into_bytes(),
                )
            }
        }
    })
    .await;
    let config = GatewayConfig::new()
        .http_backend("https://petstore.example.com", backend.url())
        .http_backend("https://search.example.com", backend.url())
        .vpc_link("vpclink-inventory", backend.url())
        .vpc_link("vpclink-legacy", backend.url());
    let bindings = Bindings::new()
        .bind("InventoryVpcLink", "vpclink-inventory")
        .bind("LegacyVpcLinkId", "vpclink-legacy");
    (gateway(&golden("http"), bindings, config), backend)
}

#[tokio::test]
async fn http_proxy_passes_request_and_response_through() {
    let (gw, _backend) = http_api().await;
    let answer = send(
        &gw,
        "GET",
        "/prod/pets/a%20b?x=1&x=2",
        &[("X-Custom", "kept")],
        "",
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.text());
    assert_eq!(answer.header("x-backend"), Some("yes"));
    let echo = answer.json();
    assert_eq!(echo["uri"], "/v1/pets/a%20b?x=1&x=2");
    assert_eq!(echo["x-custom"], "kept");
    assert_eq!(echo["host"], "petstore.example.com");
}

#[tokio::test]
async fn greedy_proxy_over_a_vpc_link_keeps_the_path_and_method() {
    let (gw, _backend) = http_api().await;
    let answer = send(
        &gw,
        "PATCH",
        "/prod/inventory/shelves/3/items",
        &[],
        "moved",
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.text());
    let echo = answer.json();
    assert_eq!(echo["method"], "PATCH");
    assert_eq!(echo["uri"], "/shelves/3/items");
    assert_eq!(echo["host"], "inventory.internal.example.com");
    assert_eq!(echo["body"], "moved");
    // `/inventory` itself is not a route: the greedy parameter needs a segment.
    let parent = send(&gw, "GET", "/prod/inventory", &[], "").await;
    assert_eq!(parent.status, 403);
    assert_eq!(
        parent.json(),
        json!({"message": "Missing Authentication Token"})
    );
}

#[tokio::test]
async fn http_integration_maps_request_and_responses() {
    let (gw, backend) = http_api().await;
    let found = send(
        &gw,
        "GET",
        "/prod/search?q=rex%20%22dor%22",
        &[("X-Request-Id", "req-1")],
        "",
    )
    .await;
    assert_eq!(found.status, 200, "{}", found.text());
    assert_eq!(found.json(), json!({"hits": [1]}));
    let seen = backend
        .requests()
        .into_iter()
        .find(|r| r.uri.starts_with("/v2/query"))
        .unwrap();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.headers["x-correlation-id"], "req-1");
    assert_eq!(seen.headers["content-type"], "application/json");
    let sent: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
    assert_eq!(sent, json!({"text": "rex \"dor\"", "index": "pets"}));

    let none = send(&gw, "GET", "/prod/search?q=none", &[], "").await;
    assert_eq!(
        (none.status, none.json()),
        (404, json!({"message": "no pet matches"}))
    );
    let down = send(&gw, "GET", "/prod/search?q=boom", &[], "").await;
    assert_eq!(
        (down.status, down.json()),
        (502, json!({"message": "the search service failed"}))
    );
}

/// A query with an apostrophe: the example's search template undoes `$util.escapeJavaScript`'s
/// `\'`, so the backend receives JSON.
#[tokio::test]
async fn http_integration_query_with_an_apostrophe() {
    let (gw, backend) = http_api().await;
    send(&gw, "GET", "/prod/search?q=rex%20d%27or", &[], "").await;
    let seen = backend
        .requests()
        .into_iter()
        .find(|r| r.uri.starts_with("/v2/query"))
        .unwrap();
    let sent: serde_json::Value =
        serde_json::from_slice(&seen.body).expect("the backend receives JSON");
    assert_eq!(sent["text"], "rex d'or");
}

/// `passthroughBehavior: never` with only an `application/json` template.
#[tokio::test]
async fn passthrough_never_refuses_other_content_types() {
    let (gw, backend) = http_api().await;
    let before = backend.requests().len();
    let refused = send(
        &gw,
        "GET",
        "/prod/search?q=x",
        &[("Content-Type", "text/plain")],
        "x",
    )
    .await;
    assert_eq!(refused.status, 415);
    assert_eq!(refused.text(), r#"{"message":"Unsupported Media Type"}"#);
    assert_eq!(
        refused.header("x-amzn-errortype"),
        Some("UnsupportedMediaTypeException")
    );
    assert_eq!(backend.requests().len(), before, "the backend was called");
    // A charset parameter does not change the media type.
    let json = send(
        &gw,
        "GET",
        "/prod/search?q=x",
        &[("Content-Type", "application/json; charset=utf-8")],
        "",
    )
    .await;
    assert_eq!(json.status, 200);
}

#[tokio::test]
async fn mock_answers_by_accept() {
    let (gw, _) = http_api().await;
    let json = send(&gw, "GET", "/prod/status", &[], "").await;
    assert_eq!(json.status, 200);
    assert_eq!(json.text(), r#"{"status":"up"}"#);
    assert_eq!(json.header("cache-control"), Some("no-store"));
    assert_eq!(json.header("content-type"), Some("application/json"));
    let html = send(
        &gw,
        "GET",
        "/prod/status",
        &[("Accept", "text/html,application/xhtml+xml")],
        "",
    )
    .await;
    assert_eq!(html.text(), "<!doctype html><title>Status</title><p>up</p>");
    assert_eq!(html.header("content-type"), Some("text/html"));
    // An Accept with no template of its own gets application/json's.
    let other = send(&gw, "GET", "/prod/status", &[("Accept", "image/png")], "").await;
    assert_eq!(other.text(), r#"{"status":"up"}"#);
}

#[tokio::test]
async fn routing_errors() {
    let (gw, _) = http_api().await;
    for (method, path) in [
        ("GET", "/prod/nothing"),
        ("POST", "/prod/status"),
        ("GET", "/prod"),
        ("DELETE", "/prod/search"),
    ] {
        let answer = send(&gw, method, path, &[], "").await;
        assert_eq!(answer.status, 403, "{method} {path}");
        assert_eq!(
            answer.text(),
            r#"{"message":"Missing Authentication Token"}"#
        );
        assert_eq!(
            answer.header("x-amzn-errortype"),
            Some("MissingAuthenticationTokenException")
        );
    }
    let wrong_stage = send(&gw, "GET", "/dev/status", &[], "").await;
    assert_eq!(wrong_stage.status, 403);
    assert_eq!(wrong_stage.text(), r#"{"message":"Forbidden"}"#);
    let trailing = send(&gw, "GET", "/prod/status/", &[], "").await;
    assert_eq!(trailing.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_timeouts_and_unreachable_backends() {
    let slow = Backend::start(|_| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        (200, vec![], vec![])
    })
    .await;
    let doc = json!({"paths": {"/slow": {"get": {
        "responses": {"200": {"description": "ok"}},
        "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET", "uri": format!("{}/x", slow.url()), "timeoutInMillis": 100}
    }}, "/gone": {"get": {
        "responses": {"200": {"description": "ok"}},
        "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET", "uri": "http://127.0.0.1:9/x"}
    }}}});
    let gw = Gateway::new(&doc, GatewayConfig::new()).unwrap();
    let timed_out = send(&gw, "GET", "/prod/slow", &[], "").await;
    assert_eq!(timed_out.status, 504);
    assert_eq!(
        timed_out.json(),
        json!({"message": "Endpoint request timed out"})
    );
    let gone = send(&gw, "GET", "/prod/gone", &[], "").await;
    assert_eq!(gone.status, 500);
    assert_eq!(gone.json(), json!({"message": "Internal server error"}));
}

/// The same gateway over real HTTP on 127.0.0.1.
#[tokio::test]
async fn served_over_http() {
    let (gw, _backend) = http_api().await;
    let server = gw.serve(0).await.unwrap();
    assert!(server.address().ip().is_loopback());
    let client = reqwest::Client::new();
    let status = client
        .get(format!("{}/status", server.url("prod")))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), 200);
    assert!(status.headers().contains_key("x-amzn-requestid"));
    assert_eq!(
        status.text().await.unwrap(),
        "<!doctype html><title>Status</title><p>up</p>"
    );
    let proxied = client
        .get(format!("{}/pets/7", server.url("prod")))
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), 201);
    let echo: serde_json::Value = serde_json::from_slice(&proxied.bytes().await.unwrap()).unwrap();
    assert_eq!(echo["uri"], "/v1/pets/7");
    let missing = client
        .post(format!("{}/nothing", server.url("prod")))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 403);
    server.shutdown().await;
}
