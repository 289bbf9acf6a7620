//! The mapping engine on small documents written here: every parameter source form, template
//! selection and passthrough, overrides, selection order, Accept negotiation, and the errors
//! API Gateway answers with. HTTP integrations call a local server that records what it receives.

mod common;

use apigw_gateway::{Gateway, GatewayConfig, InvokeOutcome, invoker_fn};
use common::*;
use serde_json::{Value, json};

/// A one-route document: `method path` served by `integration`, declaring `statuses`.
fn one_route(
    method: &str,
    path: &str,
    integration: Value,
    statuses: &[u16],
    headers: &[(u16, &str)],
) -> Value {
    let mut responses = serde_json::Map::new();
    for s in statuses {
        let declared: serde_json::Map<String, Value> = headers
            .iter()
            .filter(|(status, _)| status == s)
            .map(|(_, h)| (h.to_string(), json!({"schema": {"type": "string"}})))
            .collect();
        responses.insert(
            s.to_string(),
            json!({"description": "r", "headers": declared}),
        );
    }
    json!({"openapi": "3.0.3", "paths": {path: {method: {"responses": responses, "x-amazon-apigateway-integration": integration}}}})
}

fn deploy(doc: &Value, config: GatewayConfig) -> Gateway {
    Gateway::new(doc, config).unwrap_or_else(|e| panic!("{e}"))
}

/// An HTTP backend that answers the status named by the `status` query parameter (default
/// 200) with a JSON body and two `X-Multi` headers.
async fn backend() -> Backend {
    Backend::start(|request| {
        let status = request
            .uri
            .split("status=")
            .nth(1)
            .and_then(|s| s.split('&').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(200);
        (
            status,
            vec![
                ("content-type", "application/json".into()),
                ("x-one", "1".into()),
                ("x-multi", "a".into()),
            ],
            br#"{"data": {"id": "b-1", "n": 7}, "list": [1, 2]}"#.to_vec(),
        )
    })
    .await
}

#[tokio::test]
async fn every_request_parameter_source() {
    let server = backend().await;
    let doc = one_route(
        "post",
        "/items/{id}",
        json!({
            "type": "http", "httpMethod": "POST", "uri": format!("{}/in/{{id}}/{{fromQuery}}", server.url()),
            "requestParameters": {
                "integration.request.path.id": "method.request.path.id",
                "integration.request.path.fromQuery": "method.request.querystring.q",
                "integration.request.querystring.single": "method.request.querystring.tag",
                "integration.request.querystring.multi": "method.request.multivaluequerystring.tag",
                "integration.request.header.X-Path": "method.request.path.id",
                "integration.request.header.X-Header": "method.request.header.X-In",
                "integration.request.header.X-Multi-Header": "method.request.multivalueheader.X-In",
                "integration.request.header.X-Body": "method.request.body",
                "integration.request.header.X-Body-Path": "method.request.body.pet.name",
                "integration.request.header.X-Context": "context.resourcePath",
                "integration.request.header.X-Source-Ip": "context.identity.sourceIp",
                "integration.request.header.X-Stage-Var": "stageVariables.env",
                "integration.request.header.X-Literal": "'fixed value'",
                "integration.request.header.X-Absent": "method.request.header.Not-Sent"
            },
            "responses": {"default": {"statusCode": "200"}}
        }),
        &[200],
        &[],
    );
    let gw = deploy(&doc, GatewayConfig::new().stage_variable("env", "test"));
    let answer = send(
        &gw,
        "POST",
        "/prod/items/x%20y?q=a/b&tag=t1&tag=t2",
        &[
            ("X-In", "first"),
            ("X-In", "second"),
            ("Content-Type", "application/json"),
        ],
        r#"{"pet":{"name":"Rex"}}"#,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    let seen = &server.requests()[0];
    // A non-greedy value's `/` is encoded; the client's query is not forwarded, only mappings.
    assert_eq!(seen.uri, "/in/x%20y/a%2Fb?single=t2&multi=t1&multi=t2");
    let h = |name: &str| {
        seen.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!(h("x-path").as_deref(), Some("x y"));
    assert_eq!(h("x-header").as_deref(), Some("second"));
    assert_eq!(h("x-multi-header").as_deref(), Some("first,second"));
    assert_eq!(h("x-body").as_deref(), Some(r#"{"pet":{"name":"Rex"}}"#));
    assert_eq!(h("x-body-path").as_deref(), Some("Rex"));
    assert_eq!(h("x-context").as_deref(), Some("/items/{id}"));
    assert_eq!(h("x-source-ip").as_deref(), Some("127.0.0.1"));
    assert_eq!(h("x-stage-var").as_deref(), Some("test"));
    assert_eq!(h("x-literal").as_deref(), Some("fixed value"));
    assert_eq!(h("x-absent"), None);
    // Client headers are not forwarded by a non-proxy integration.
    assert_eq!(h("x-in"), None);
    // The body passes through (no template, when_no_match).
    assert_eq!(seen.body.as_ref(), br#"{"pet":{"name":"Rex"}}"#);

    // A body mapping on a body that looks like JSON but is not: 400.
    let bad = send(&gw, "POST", "/prod/items/1", &[], "{not json").await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.json(),
        json!({"message": "Invalid JSON in request body"})
    );
}

#[tokio::test]
async fn every_response_parameter_source_and_overrides() {
    let server = backend().await;
    let doc = one_route(
        "get",
        "/r",
        json!({
            "type": "http", "httpMethod": "GET", "uri": format!("{}/out", server.url()),
            "requestParameters": {"integration.request.querystring.status": "method.request.querystring.status"},
            "requestTemplates": {"application/json": "#set($context.requestOverride.header.X-Override = \"from-template\")\n#set($context.requestOverride.querystring.extra = \"q\")"},
            "responses": {"default": {
                "statusCode": "200",
                "responseParameters": {
                    "method.response.header.X-One": "integration.response.header.X-One",
                    "method.response.header.X-Multi": "integration.response.multivalueheader.X-Multi",
                    "method.response.header.X-Body-Id": "integration.response.body.data.id",
                    "method.response.header.X-Body-N": "integration.response.body.data.n",
                    "method.response.header.X-Request": "context.requestId",
                    "method.response.header.X-Stage": "stageVariables.env",
                    "method.response.header.X-Literal": "'lit'"
                },
                "responseTemplates": {"application/json": "#set($context.responseOverride.status = 203)\n#set($context.responseOverride.header.X-Late = \"$context.requestOverride.header.X-Override\")\n{\"id\": \"$input.path('$.data.id')\", \"q\": \"$input.params('status')\"}"}
            }}
        }),
        &[200],
        &[
            (200, "X-One"),
            (200, "X-Multi"),
            (200, "X-Body-Id"),
            (200, "X-Body-N"),
            (200, "X-Request"),
            (200, "X-Stage"),
            (200, "X-Literal"),
        ],
    );
    let gw = deploy(&doc, GatewayConfig::new().stage_variable("env", "s"));
    let answer = send(&gw, "GET", "/prod/r?status=201", &[], "").await;
    assert_eq!(answer.status, 203, "{}", answer.text());
    assert_eq!(answer.json(), json!({"id": "b-1", "q": "201"}));
    assert_eq!(answer.header("x-one"), Some("1"));
    assert_eq!(answer.header("x-multi"), Some("a"));
    assert_eq!(answer.header("x-body-id"), Some("b-1"));
    assert_eq!(answer.header("x-body-n"), Some("7"));
    assert_eq!(
        answer.header("x-request"),
        answer.header("x-amzn-requestid")
    );
    assert_eq!(answer.header("x-stage"), Some("s"));
    assert_eq!(answer.header("x-literal"), Some("lit"));
    assert_eq!(answer.header("x-late"), Some("from-template"));
    let seen = &server.requests()[0];
    assert_eq!(seen.headers["x-override"], "from-template");
    assert_eq!(seen.uri, "/out?status=201&extra=q");
}

#[tokio::test]
async fn selection_in_document_order_then_default_and_declared_statuses() {
    let server = backend().await;
    let doc = one_route(
        "get",
        "/s",
        json!({
            "type": "http", "httpMethod": "GET", "uri": format!("{}/s", server.url()),
            "requestParameters": {"integration.request.querystring.status": "method.request.querystring.status"},
            "responses": {
                "4\\d{2}": {"statusCode": "400", "responseTemplates": {"application/json": "{\"kind\": \"client\"}"}},
                "404": {"statusCode": "404"},
                "5\\d{2}": {"statusCode": "599"},
                "default": {"statusCode": "200"}
            }
        }),
        &[200, 400, 404],
        &[],
    );
    let gw = deploy(&doc, GatewayConfig::new());
    let status = |s: u16| {
        let gw = gw.clone();
        async move { send(&gw, "GET", &format!("/prod/s?status={s}"), &[], "").await }
    };
    // 404 matches `4\d{2}` first: the later `404` entry is not used.
    let not_found = status(404).await;
    assert_eq!(
        (not_found.status, not_found.json()),
        (400, json!({"kind": "client"}))
    );
    // 201 matches no pattern: `default`.
    assert_eq!(status(201).await.status, 200);
    // 503 maps to 599, which the method does not declare: API Gateway answers 500.
    let undeclared = status(503).await;
    assert_eq!(undeclared.status, 500);
    assert_eq!(undeclared.text(), r#"{"message": "Internal server error"}"#);

    // No default and no match: 500.
    let doc = one_route(
        "get",
        "/s",
        json!({"type": "http", "httpMethod": "GET", "uri": format!("{}/s", server.url()),
               "responses": {"2\\d{2}": {"statusCode": "200"}},
               "requestParameters": {"integration.request.querystring.status": "method.request.querystring.status"}}),
        &[200],
        &[],
    );
    let gw = deploy(&doc, GatewayConfig::new());
    assert_eq!(
        send(&gw, "GET", "/prod/s?status=200", &[], "").await.status,
        200
    );
    let unmatched = send(&gw, "GET", "/prod/s?status=500", &[], "").await;
    assert_eq!(unmatched.status, 500);
    assert_eq!(
        unmatched.header("x-amzn-errortype"),
        Some("InternalServerErrorException")
    );
}

fn mock(passthrough: &str, templates: Value) -> Value {
    one_route(
        "post",
        "/m",
        json!({
            "type": "mock",
            "passthroughBehavior": passthrough,
            "requestTemplates": templates,
            "responses": {
                "default": {"statusCode": "200", "responseTemplates": {
                    "application/json": "{\"accept\": \"json\", \"body\": $input.json('$')}",
                    "application/xml": "<accept>xml</accept>",
                    "text/plain": "plain"
                }},
                "4\\d{2}": {"statusCode": "418"}
            }
        }),
        &[200, 418],
        &[],
    )
}

#[tokio::test]
async fn template_selection_and_passthrough() {
    let templated = json!({"application/json": "{\"statusCode\": 200}", "$default": "#if($input.body == \"teapot\"){\"statusCode\": 418}#else{\"statusCode\": 200}#end"});
    // when_no_match: JSON uses its template, other types the `$default` one.
    let gw = deploy(
        &mock("when_no_match", templated.clone()),
        GatewayConfig::new(),
    );
    assert_eq!(send(&gw, "POST", "/prod/m", &[], "").await.status, 200);
    assert_eq!(
        send(
            &gw,
            "POST",
            "/prod/m",
            &[("Content-Type", "text/plain")],
            "teapot"
        )
        .await
        .status,
        418
    );

    // Only a JSON template: `never` and `when_no_templates` refuse text/plain, `when_no_match`
    // passes it (a mock then has no status: the body is not a template output).
    let json_only = json!({"application/json": "{\"statusCode\": 200}"});
    for passthrough in ["never", "when_no_templates"] {
        let gw = deploy(&mock(passthrough, json_only.clone()), GatewayConfig::new());
        let refused = send(
            &gw,
            "POST",
            "/prod/m",
            &[("Content-Type", "text/plain")],
            "x",
        )
        .await;
        assert_eq!(refused.status, 415, "{passthrough}");
        assert_eq!(refused.text(), r#"{"message":"Unsupported Media Type"}"#);
        // No Content-Type counts as application/json.
        assert_eq!(
            send(&gw, "POST", "/prod/m", &[], "").await.status,
            200,
            "{passthrough}"
        );
    }
    let gw = deploy(
        &mock("when_no_match", json_only.clone()),
        GatewayConfig::new(),
    );
    assert_eq!(
        send(
            &gw,
            "POST",
            "/prod/m",
            &[("Content-Type", "text/plain")],
            "x"
        )
        .await
        .status,
        200
    );

    // No templates at all: when_no_templates passes (the default entry answers), never refuses.
    let gw = deploy(&mock("when_no_templates", json!({})), GatewayConfig::new());
    assert_eq!(
        send(
            &gw,
            "POST",
            "/prod/m",
            &[("Content-Type", "text/plain")],
            "x"
        )
        .await
        .status,
        200
    );
    let gw = deploy(&mock("never", json!({})), GatewayConfig::new());
    assert_eq!(send(&gw, "POST", "/prod/m", &[], "").await.status, 415);
}

#[tokio::test]
async fn response_templates_by_accept() {
    let gw = deploy(
        &mock(
            "when_no_match",
            json!({"application/json": "{\"statusCode\": 200}"}),
        ),
        GatewayConfig::new(),
    );
    let by = |accept: &'static str| {
        let gw = gw.clone();
        async move { send(&gw, "POST", "/prod/m", &[("Accept", accept)], "").await }
    };
    let xml = by("application/xml, application/json").await;
    assert_eq!(
        (xml.text(), xml.header("content-type")),
        ("<accept>xml</accept>".to_string(), Some("application/xml"))
    );
    assert_eq!(by("text/plain;q=0.9").await.text(), "plain");
    // The first Accept type only; unknown types fall back to application/json's template.
    assert_eq!(
        by("image/png, application/xml").await.json(),
        json!({"accept": "json", "body": {}})
    );
    assert_eq!(by("*/*").await.json()["accept"], "json");
}

#[tokio::test]
async fn mock_status_errors() {
    for template in ["{\"statusCode\": \"200\"}", "not json", "{}"] {
        let gw = deploy(
            &mock("when_no_match", json!({"application/json": template})),
            GatewayConfig::new(),
        );
        let answer = send(&gw, "POST", "/prod/m", &[], "").await;
        assert_eq!(answer.status, 500, "{template}");
        assert_eq!(answer.text(), r#"{"message": "Internal server error"}"#);
    }
    // A template that fails to render (an index out of range) is a 500 too.
    let gw = deploy(
        &mock(
            "when_no_match",
            json!({"application/json": "$input.body.split(',')[5]"}),
        ),
        GatewayConfig::new(),
    );
    assert_eq!(send(&gw, "POST", "/prod/m", &[], "a,b").await.status, 500);
}

#[tokio::test]
async fn content_handling_on_requests() {
    let server = backend().await;
    let doc = json!({
        "x-amazon-apigateway-binary-media-types": ["application/octet-stream"],
        "paths": {"/b": {"post": {"responses": {"200": {"description": "ok"}}, "x-amazon-apigateway-integration": {
            "type": "http", "httpMethod": "POST", "uri": format!("{}/b", server.url()),
            "contentHandling": "CONVERT_TO_TEXT",
            "requestTemplates": {"application/octet-stream": "{\"data\": \"$input.body\"}"},
            "responses": {"default": {"statusCode": "200"}}
        }}}}
    });
    let gw = deploy(&doc, GatewayConfig::new());
    let answer = send(
        &gw,
        "POST",
        "/prod/b",
        &[("Content-Type", "application/octet-stream")],
        vec![0u8, 255, 1],
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(server.requests()[0].body.as_ref(), br#"{"data": "AP8B"}"#);
}

#[tokio::test]
async fn lambda_custom_selection_on_error_messages() {
    let invoker = invoker_fn(|invocation| async move {
        let event: Value = serde_json::from_slice(&invocation.payload).unwrap();
        Ok(match event["kind"].as_str() {
            Some("ok") => InvokeOutcome::Success(br#"{"fine": true}"#.to_vec()),
            Some(kind) => InvokeOutcome::FunctionError {
                error_type: None,
                payload:
                    json!({"errorMessage": format!("{kind} went wrong"), "errorType": "Error"})
                        .to_string()
                        .into_bytes(),
            },
            None => unreachable!(),
        })
    });
    let doc = one_route(
        "post",
        "/l",
        json!({
            "type": "aws", "httpMethod": "POST",
            "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
            "requestTemplates": {"application/json": "{\"kind\": \"$input.params('kind')\"}"},
            "responses": {"Bad.*": {"statusCode": "400", "responseTemplates": {"application/json": "{\"message\": $input.json('$.errorMessage')}"}}}
        }),
        &[200, 400],
        &[],
    );
    let gw = deploy(&doc, GatewayConfig::new().lambda(invoker));
    let bad = send(&gw, "POST", "/prod/l?kind=Bad", &[], "").await;
    assert_eq!(
        (bad.status, bad.json()),
        (400, json!({"message": "Bad went wrong"}))
    );
    // An error no pattern matches, with no default: 200 with the error object.
    let other = send(&gw, "POST", "/prod/l?kind=Other", &[], "").await;
    assert_eq!(other.status, 200);
    assert_eq!(other.json()["errorMessage"], "Other went wrong");
    // A success has no errorMessage: with no default, nothing matches: 500.
    assert_eq!(
        send(&gw, "POST", "/prod/l?kind=ok", &[], "").await.status,
        500
    );
}

#[tokio::test]
async fn deploy_errors_are_typed_and_name_the_operation() {
    let e = Gateway::new(&json!({"paths": {"/a/{x}": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}}, "/a/{y}": {"put": {"x-amazon-apigateway-integration": {"type": "mock"}}}}}), GatewayConfig::new())
        .err()
        .unwrap();
    assert!(e.to_string().contains("sibling"), "{e}");
    let e = Gateway::new(&json!({"openapi": "3.0.3"}), GatewayConfig::new())
        .err()
        .unwrap();
    assert!(e.to_string().contains("no `paths`"), "{e}");
    let e = Gateway::from_rendered(
        &golden("s3"),
        &apigw_gateway::Bindings::new(),
        GatewayConfig::new(),
    )
    .err()
    .unwrap();
    let message = e.to_string();
    assert!(
        message.contains("`PetsBucket`") && message.contains("`PhotosBucketName`"),
        "{message}"
    );
}

/// Odd requests against every example document, and odd documents: answers and typed errors,
/// never a panic.
#[tokio::test]
async fn odd_requests_and_documents_never_panic() {
    let invoker = invoker_fn(|invocation| async move {
        Ok(match invocation.payload.len() % 3 {
            0 => InvokeOutcome::Success(b"\xff\xfe not json".to_vec()),
            1 => InvokeOutcome::Success(
                br#"{"statusCode": 200, "body": "x", "isBase64Encoded": true}"#.to_vec(),
            ),
            _ => InvokeOutcome::FunctionError {
                error_type: None,
                payload: b"[]".to_vec(),
            },
        })
    });
    let bindings = apigw_gateway::Bindings::new()
        .bind("PetsBucket", "b")
        .bind("PhotosBucketName", "p")
        .bind("FilesBucket", "f")
        .bind("PetsTable", "t")
        .bind("OwnershipsTableName", "o")
        .bind("OrdersQueue.QueueName", "q")
        .bind("AlertsTopic", "arn:aws:sns:us-east-1:123456789012:a")
        .bind("DefaultEventBusName", "default")
        .bind(
            "AdoptionStateMachine",
            "arn:aws:states:us-east-1:123456789012:stateMachine:a",
        )
        .bind(
            "QuoteStateMachine",
            "arn:aws:states:us-east-1:123456789012:stateMachine:q",
        )
        .bind(
            "ApiFunction.Arn",
            "arn:aws:lambda:us-east-1:123456789012:function:f",
        )
        .bind("InventoryVpcLinkId", "v")
        .bind("InventoryVpcLink", "v")
        .bind("LegacyVpcLinkId", "l");
    // Every backend is a closed port: requests fail fast.
    let config = GatewayConfig::new()
        .aws_endpoint("http://127.0.0.1:9")
        .http_backend("https://petstore.example.com", "http://127.0.0.1:9")
        .lambda(invoker);
    let paths = [
        "",
        "/",
        "//",
        "/prod",
        "/prod/",
        "/prod//",
        "/prod/%",
        "/prod/%ff%fe",
        "/prod/pets/%2e%2e",
        "/prod/pets/%00",
        "/prod/pets/1?%zz=&&=&a",
        "/prod/photos/x?size=%ff",
        "/prod/files/../../etc",
        "/prod/inventory/a/b/c/d/e/f",
        "/prod/legacy/pets/%22%27%5C",
        "/prod/search?q=%E2%80%A8",
        "/prod/owners/%F0%9F%90%95/pets",
    ];
    let bodies: [&[u8]; 4] = [
        b"",
        b"\xff\xfe\x00",
        b"{\"unterminated",
        b"[1, {\"a\": null}]",
    ];
    for example in ["petstore", "s3", "http", "aws"] {
        let gw = gateway(&golden(example), bindings.clone(), config.clone());
        for path in paths {
            for method in ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"] {
                for (i, body) in bodies.iter().enumerate() {
                    let mut request = http::Request::builder()
                        .method(method)
                        .uri(if path.is_empty() { "/" } else { path });
                    if i % 2 == 1 {
                        request = request
                            .header(
                                "Content-Type",
                                http::HeaderValue::from_bytes(b"application/json; \xff").unwrap(),
                            )
                            .header("Accept", "image/png, */*");
                    }
                    let response = gw
                        .handle(request.body(bytes::Bytes::from_static(body)).unwrap())
                        .await;
                    assert!(
                        (200..600).contains(&response.status().as_u16()),
                        "{example} {method} {path}"
                    );
                }
            }
        }
    }
    let too_big = vec![b'a'; 10 * 1024 * 1024 + 1];
    let gw = gateway(&golden("http"), bindings.clone(), config.clone());
    assert_eq!(
        send(&gw, "POST", "/prod/status", &[], too_big).await.status,
        413
    );

    for doc in [
        json!([]),
        json!({"paths": []}),
        json!({"paths": {"/x": 3}}),
        json!({"paths": {"/x": {"get": 3}}}),
        json!({"paths": {"x": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}}}}),
        json!({"paths": {"/x": {"get": {"x-amazon-apigateway-integration": {"type": 3}}}}}),
        json!({"paths": {"/x": {"get": {"x-amazon-apigateway-integration": {"type": "aws", "uri": "arn:aws:apigateway:r:s3"}}}}}),
        json!({"paths": {"/x": {"get": {"x-amazon-apigateway-integration": {"type": "mock", "responses": {"default": 3}}}}}}),
        json!({"paths": {"/x": {"get": {"x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"a/b": 1}}}}}}),
        json!({"paths": {"/x": {"get": {"x-amazon-apigateway-integration": {"type": "mock", "requestParameters": {"integration.request.header.X": 1}}}}}}),
        json!({"x-amazon-apigateway-binary-media-types": 3, "paths": {}}),
        json!({"paths": {"/{a+}/b": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}}}}),
        json!({"paths": {"/{}": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}}}}),
    ] {
        assert!(Gateway::new(&doc, GatewayConfig::new()).is_err(), "{doc}");
    }
}
