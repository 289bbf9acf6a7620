//! Every mapping template the examples render, evaluated (apigw-vtl, API Gateway's dialect) on
//! awkward inputs, and its output parsed as its backend parses it: JSON for DynamoDB, Step
//! Functions, EventBridge, Kinesis, Lambda and JSON HTTP backends, form encoding for SQS and SNS.
//! A client's apostrophe, unicode, empty body or missing parameter must never give a backend
//! text it cannot read, and never a value other than the one sent (no `\'` left behind).
//!
//! Response templates get what their backend answers (success and error bodies, an empty body)
//! and must produce the JSON their method response declares.

use apigw::App;
use apigw_gateway::{Bindings, ResolveError, resolve_document};
use apigw_tests::operations;
use apigw_vtl::{Input, Params, Template};
use serde_json::{Map, Value, json};

/// The example's document, every CloudFormation reference bound to a stand-in value.
fn document(dir: &str, app: App) -> Value {
    let document = apigw_tests::synth::document(&app, &operations::example_registry(dir));
    let mut bindings = Bindings::new();
    if let Err(ResolveError::Unresolved { unresolved }) = resolve_document(&document, &bindings) {
        for u in unresolved {
            let value = format!("{}-value", u.reference.replace('.', "-"));
            bindings.insert(u.reference, value);
        }
    }
    resolve_document(&document, &bindings).unwrap_or_else(|e| panic!("{dir}: {e}"))
}

/// How a backend reads the request an integration sends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Wire {
    Json,
    Form,
}

fn wire(integration: &Value) -> Wire {
    let content_type = integration["requestParameters"]["integration.request.header.Content-Type"]
        .as_str()
        .unwrap_or("");
    if content_type.contains("x-www-form-urlencoded") {
        Wire::Form
    } else {
        Wire::Json
    }
}

/// A family of backend, for the bodies its responses can carry.
fn family(integration: &Value) -> &'static str {
    let uri = integration["uri"].as_str().unwrap_or("");
    match integration["type"].as_str().unwrap_or("") {
        "mock" => "mock",
        "http" | "http_proxy" => "http",
        _ if uri.contains(":lambda:path/") => "lambda",
        _ if uri.contains(":s3:") => "s3",
        _ if uri.contains(":dynamodb:") => "dynamodb",
        _ if uri.contains(":states:") => "states",
        _ => "aws-json",
    }
}

/// What each family's backend answers (success, errors, nothing), apostrophes and unicode
/// included.
fn backend_bodies(family: &str) -> Vec<&'static str> {
    let mut bodies = vec![""];
    bodies.extend(match family {
        "dynamodb" => vec![
            "{}",
            r#"{"Item": {"petId": {"S": "o'brien"}, "name": {"S": "Zoë 🐕 \"Rex\""}, "payload": {"S": "{\"name\":\"O'Brien\"}"}}}"#,
            r#"{"Items": [{"ownershipId": {"S": "1"}, "payload": {"S": "{\"n\":1}"}}], "Count": 1}"#,
            r#"{"__type": "com.amazonaws.dynamodb.v20120810#ValidationException", "message": "It's invalid: \"key\""}"#,
        ],
        "states" => vec![
            r#"{"executionArn": "arn:aws:states:us-east-1:123456789012:execution:m:o'brien", "startDate": 1.7E9}"#,
            r#"{"stopDate": 1.7E9}"#,
            r#"{"status": "SUCCEEDED", "output": "{\"price\": 42, \"note\": \"it's 🐕\"}"}"#,
            r#"{"status": "FAILED", "error": "It's broken", "cause": "a \"cause\""}"#,
            r#"{"__type": "ExecutionDoesNotExist", "message": "Execution doesn't exist"}"#,
        ],
        "lambda" => vec![
            r#"{"id": "o'brien", "name": "Zoë 🐕"}"#,
            r#"{"errorMessage": "Not found: pet o'brien", "errorType": "HttpStatus<404>"}"#,
            r#"{"errorMessage": "[apigw 400] `name`: it's not a string \"x\"\nline 2", "errorType": "apigw.BadRequest"}"#,
            r#"{"errorMessage": "[apigw 500] the handler panicked", "errorType": "apigw.HandlerPanicked"}"#,
        ],
        "http" => vec![
            r#"{"hits": [1], "note": "it's 🐕"}"#,
            r#"{"message": "Didn't work: \"x\""}"#,
            "<html>Bad gateway</html>",
        ],
        "aws-json" => vec![
            r#"{"SendMessageResponse": {"SendMessageResult": {"MessageId": "5fea7756-0ea4"}}}"#,
            r#"{"PublishResponse": {"PublishResult": {"MessageId": "a1"}}}"#,
            r#"{"Entries": [{"EventId": "e1"}], "FailedEntryCount": 0}"#,
            r#"{"SequenceNumber": "1", "ShardId": "shardId-000"}"#,
            r#"{"__type": "AccessDenied", "message": "You aren't allowed"}"#,
        ],
        _ => vec![],
    });
    bodies
}

/// A client request: every declared parameter set to `value` (or absent), and a body.
struct Case {
    what: &'static str,
    value: Option<&'static str>,
    body: &'static str,
}

const CASES: &[Case] = &[
    Case {
        what: "an apostrophe",
        value: Some("O'Brien"),
        body: r#"{"name": "O'Brien", "by": "O'Brien", "petId": "o'brien", "qty": 1, "note": "it's"}"#,
    },
    Case {
        what: "unicode, quotes and a backslash",
        value: Some("Zoë 🐕 \"q\" \\ </x> l'été"),
        body: r#"{"name": "Zoë 🐕 \"q\" \\ l'été", "qty": 2, "tags": ["é", "🐈"]}"#,
    },
    Case {
        what: "an empty body and empty parameters",
        value: Some(""),
        body: "",
    },
    Case {
        what: "missing parameters",
        value: None,
        body: "{}",
    },
];

/// The declared parameters of an operation, by location (`path`, `querystring`, `header`).
fn params(path: &str, operation: &Value, value: Option<&str>) -> Params {
    let mut params = Params::default();
    let Some(value) = value else { return params };
    for segment in path.split('/') {
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            params
                .path
                .push((name.trim_end_matches('+').to_string(), value.to_string()));
        }
    }
    for p in operation["parameters"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or_default().to_string();
        match p["in"].as_str() {
            Some("query") => params.querystring.push((name, value.to_string())),
            Some("header") => params.header.push((name, value.to_string())),
            _ => {}
        }
    }
    params
}

fn input(body: &str, params: Params, method: &str, path: &str) -> Input {
    let mut context = Map::new();
    context.insert("httpMethod".into(), json!(method.to_uppercase()));
    context.insert("path".into(), json!(format!("/prod{path}")));
    context.insert(
        "requestId".into(),
        json!("c6af9ac6-7b61-11e6-9a41-93e8deadbeef"),
    );
    context.insert("stage".into(), json!("prod"));
    context.insert("requestTimeEpoch".into(), json!(1_700_000_000_000_i64));
    Input {
        body: body.to_string(),
        params,
        context,
        stage_variables: Vec::new(),
    }
}

/// Every string of a JSON value, the JSON held in strings included (a Step Functions `input`, a
/// DynamoDB attribute holding the client's body).
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            if let Ok(inner @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str(s) {
                strings(&inner, out);
            }
            out.push(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out)
        }),
        _ => {}
    }
}

/// The strings a backend reads from the rendered text, or why it cannot read it.
fn read_as(wire: Wire, text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    match wire {
        Wire::Json => {
            let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
            strings(&value, &mut out);
        }
        Wire::Form => {
            if text.contains(|c: char| c.is_whitespace() || !c.is_ascii()) {
                return Err("not form encoded (unencoded whitespace or non-ASCII)".into());
            }
            for (k, v) in form_urlencoded::parse(text.as_bytes()) {
                out.push(k.into_owned());
                if let Ok(value) = serde_json::from_str::<Value>(&v) {
                    strings(&value, &mut out);
                }
                out.push(v.into_owned());
            }
        }
    }
    Ok(out)
}

/// The problems of one example's templates.
fn check_example(dir: &str, app: App) -> Vec<String> {
    let doc = document(dir, app);
    let mut problems = Vec::new();
    let mut evaluated = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let Some(integration) = operation.get("x-amazon-apigateway-integration") else {
                continue;
            };
            let at = format!("{dir}: {} {path}", method.to_uppercase());
            let wire = wire(integration);
            let family = family(integration);
            for (media, template) in integration["requestTemplates"]
                .as_object()
                .into_iter()
                .flatten()
            {
                let template = Template::parse(template.as_str().expect("text"))
                    .unwrap_or_else(|e| panic!("{at}: request template {media}: {e}"));
                for case in CASES {
                    evaluated += 1;
                    let params = params(path, operation, case.value);
                    let rendered = match template.render(&input(case.body, params, method, path)) {
                        Ok(r) => r.body,
                        Err(e) => {
                            problems.push(format!(
                                "{at}, {}: the request template fails: {e}",
                                case.what
                            ));
                            continue;
                        }
                    };
                    // A mock's request template only selects the status.
                    let wire = if family == "mock" { Wire::Json } else { wire };
                    match read_as(wire, &rendered) {
                        Err(e) => problems.push(format!(
                            "{at}, {}: the backend cannot read the request: {e}:\n{rendered}",
                            case.what
                        )),
                        Ok(read) => {
                            if let Some(bad) = read.iter().find(|s| s.contains("\\'")) {
                                problems.push(format!(
                                    "{at}, {}: the backend reads `{bad}`, an escaped apostrophe",
                                    case.what
                                ));
                            }
                        }
                    }
                }
            }
            for (selection, response) in integration["responses"].as_object().into_iter().flatten()
            {
                for (media, template) in response["responseTemplates"]
                    .as_object()
                    .into_iter()
                    .flatten()
                {
                    let template = Template::parse(template.as_str().expect("text"))
                        .unwrap_or_else(|e| {
                            panic!("{at}: response template {selection} {media}: {e}")
                        });
                    for body in backend_bodies(family) {
                        evaluated += 1;
                        let params = params(path, operation, Some("O'Brien"));
                        let rendered = match template.render(&input(body, params, method, path)) {
                            Ok(r) => r.body,
                            Err(e) => {
                                problems.push(format!(
                                    "{at}, response `{selection}` on backend body {body:?}: the template fails: {e}"
                                ));
                                continue;
                            }
                        };
                        if media == "application/json"
                            && let Err(e) = read_as(Wire::Json, &rendered)
                        {
                            problems.push(format!(
                                "{at}, response `{selection}` on backend body {body:?}: the client gets {e}:\n{rendered}"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        evaluated > 0 || dir == "petstore",
        "{dir}: no template evaluated"
    );
    eprintln!("{dir}: {evaluated} template evaluations");
    problems
}

#[test]
fn every_template_of_every_example_gives_its_backend_and_client_what_they_read() {
    let examples = [
        ("petstore", petstore::app()),
        ("http", http_example::app()),
        ("aws", aws_example::app()),
    ];
    let problems: Vec<String> = examples
        .into_iter()
        .flat_map(|(dir, app)| check_example(dir, app))
        .collect();
    assert!(
        problems.is_empty(),
        "{} problem(s):\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}
