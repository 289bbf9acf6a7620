//! The AWS example's rendered document (`tests/golden/aws/openapi.json`) executed against moto:
//! DynamoDB, SQS, SNS, EventBridge, Step Functions, Kinesis, a Lambda custom integration (through
//! an invoker written here) and an HTTP integration over a VPC link.

mod common;

use apigw_gateway::{Bindings, Gateway, GatewayConfig, InvokeOutcome, invoker_fn};
use common::*;
use serde_json::{Value, json};

const DDB: &str = "application/x-amz-json-1.0";
const MACHINE_ROLE: &str = "arn:aws:iam::123456789012:role/machine";

/// Resources the example's template creates, created in moto under fresh names.
struct Stack {
    bindings: Bindings,
    pets_table: String,
    ownerships_table: String,
    queue_url_path: String,
    topic_arn: String,
    adoption_arn: String,
}

async fn create_table(name: &str, key: &str, index: Option<&str>) {
    let mut request = json!({
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": key, "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": key, "KeyType": "HASH"}],
    });
    if let Some(index_key) = index {
        request["AttributeDefinitions"]
            .as_array_mut()
            .unwrap()
            .push(json!({"AttributeName": index_key, "AttributeType": "S"}));
        request["GlobalSecondaryIndexes"] = json!([{
            "IndexName": "byOwner",
            "KeySchema": [{"AttributeName": index_key, "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"},
        }]);
    }
    aws_json("dynamodb", "DynamoDB_20120810.CreateTable", DDB, request).await;
}

async fn create_machine(name: &str, kind: &str) -> String {
    let definition = json!({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}});
    let created = aws_json(
        "states",
        "AWSStepFunctions.CreateStateMachine",
        DDB,
        json!({"name": name, "definition": definition.to_string(), "roleArn": MACHINE_ROLE, "type": kind}),
    )
    .await;
    created["stateMachineArn"].as_str().unwrap().to_string()
}

async fn stack() -> Stack {
    let pets_table = unique("pets");
    let ownerships_table = unique("ownerships");
    create_table(&pets_table, "petId", None).await;
    create_table(&ownerships_table, "ownershipId", Some("owner")).await;
    let queue = unique("orders");
    aws_query(
        "sqs",
        "/",
        &[("Action", "CreateQueue"), ("QueueName", &queue)],
    )
    .await;
    let topic = aws_query(
        "sns",
        "/",
        &[("Action", "CreateTopic"), ("Name", &unique("alerts"))],
    )
    .await;
    let topic_arn = xml_value(&topic, "TopicArn").unwrap();
    let adoption_arn = create_machine(&unique("adoption"), "STANDARD").await;
    let quote_arn = create_machine(&unique("quote"), "EXPRESS").await;
    let bindings = Bindings::new()
        .bind("PetsTable", &pets_table)
        .bind("OwnershipsTableName", &ownerships_table)
        .bind("OrdersQueue.QueueName", &queue)
        .bind("AlertsTopic", &topic_arn)
        .bind("DefaultEventBusName", "default")
        .bind("AdoptionStateMachine", &adoption_arn)
        .bind("QuoteStateMachine", &quote_arn)
        .bind(
            "ApiFunction.Arn",
            format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:api"),
        )
        .bind("InventoryVpcLinkId", "vpclink-inventory");
    Stack {
        bindings,
        pets_table,
        ownerships_table,
        queue_url_path: format!("/{ACCOUNT}/{queue}"),
        topic_arn,
        adoption_arn,
    }
}

fn api(stack: &Stack, config: GatewayConfig) -> Gateway {
    gateway(
        &golden("aws"),
        stack.bindings.clone(),
        config.aws_endpoint(moto()),
    )
}

#[tokio::test]
async fn dynamodb_put_get_query() {
    let stack = stack().await;
    let gw = api(&stack, GatewayConfig::new());
    let pet = r#"{"name": "Rex d'Artagnan", "note": "crème brûlée 🐕 \"quoted\" / slash"}"#;
    let put = send(
        &gw,
        "PUT",
        "/prod/pets/rex",
        &[("Content-Type", "application/json")],
        pet,
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.text());
    assert_eq!(put.json(), json!({"petId": "rex"}));

    // The item holds the body as text, exactly.
    let item = aws_json(
        "dynamodb",
        "DynamoDB_20120810.GetItem",
        DDB,
        json!({"TableName": stack.pets_table, "Key": {"petId": {"S": "rex"}}}),
    )
    .await;
    assert_eq!(item["Item"]["payload"]["S"], pet);

    let got = send(&gw, "GET", "/prod/pets/rex", &[], "").await;
    assert_eq!(got.status, 200, "{}", got.text());
    assert_eq!(got.text().trim(), pet);

    let missing = send(&gw, "GET", "/prod/pets/nobody", &[], "").await;
    assert_eq!(missing.status, 404, "{}", missing.text());
    assert_eq!(missing.json(), json!({"message": "not found"}));

    for (id, owner, payload) in [
        ("o1", "alice", r#"{"n":1}"#),
        ("o2", "alice", r#"{"n":2}"#),
        ("o3", "bob", r#"{"n":3}"#),
    ] {
        aws_json(
            "dynamodb",
            "DynamoDB_20120810.PutItem",
            DDB,
            json!({"TableName": stack.ownerships_table, "Item": {"ownershipId": {"S": id}, "owner": {"S": owner}, "payload": {"S": payload}}}),
        )
        .await;
    }
    let owned = send(&gw, "GET", "/prod/owners/alice/pets", &[], "").await;
    assert_eq!(owned.status, 200, "{}", owned.text());
    let mut ns: Vec<i64> = owned
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["n"].as_i64().unwrap())
        .collect();
    ns.sort();
    assert_eq!(ns, vec![1, 2]);
    let nobody = send(&gw, "GET", "/prod/owners/carol/pets", &[], "").await;
    assert_eq!(nobody.json(), json!([]));
}

/// A pet id with an apostrophe: `$util.escapeJavaScript` alone would write `\'` into the JSON
/// of the key, which DynamoDB rejects; the template undoes it (`.replaceAll("\\'","'")`).
#[tokio::test]
async fn dynamodb_key_with_an_apostrophe() {
    let stack = stack().await;
    let gw = api(&stack, GatewayConfig::new());
    let put = send(&gw, "PUT", "/prod/pets/o'brien", &[], r#"{"name":"x"}"#).await;
    assert_eq!(put.status, 200, "{}", put.text());
    let got = send(&gw, "GET", "/prod/pets/o'brien", &[], "").await;
    assert_eq!(got.status, 200, "{}", got.text());
}

/// A ready-made call's template is the only way to the service: a raw API call sent with
/// another content type is refused (415, `passthroughBehavior: never`) instead of reaching the
/// service verbatim. Before, a raw PutItem body sent as `text/plain` stored the client's own
/// item, and a raw StartExecution body named the execution.
#[tokio::test]
async fn raw_service_calls_in_other_content_types_are_refused() {
    let stack = stack().await;
    let gw = api(&stack, GatewayConfig::new());
    let raw_put = json!({"TableName": stack.pets_table, "Item": {"petId": {"S": "raw"}, "admin": {"BOOL": true}}}).to_string();
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/x-amz-json-1.0",
    ] {
        let put = send(
            &gw,
            "PUT",
            "/prod/pets/raw",
            &[("Content-Type", content_type)],
            raw_put.clone(),
        )
        .await;
        assert_eq!(put.status, 415, "{content_type}: {}", put.text());
        assert_eq!(put.json(), json!({"message": "Unsupported Media Type"}));
    }
    let item = aws_json(
        "dynamodb",
        "DynamoDB_20120810.GetItem",
        DDB,
        json!({"TableName": stack.pets_table, "Key": {"petId": {"S": "raw"}}}),
    )
    .await;
    assert_eq!(item.get("Item"), None, "nothing was written: {item}");

    let raw_start =
        json!({"stateMachineArn": stack.adoption_arn, "name": "chosen-by-client", "input": "{}"})
            .to_string();
    let started = send(
        &gw,
        "POST",
        "/prod/adoptions",
        &[("Content-Type", "text/plain")],
        raw_start,
    )
    .await;
    assert_eq!(started.status, 415, "{}", started.text());
    let orders = send(
        &gw,
        "POST",
        "/prod/orders",
        &[("Content-Type", "text/plain")],
        "Action=SendMessage&MessageBody=forged",
    )
    .await;
    assert_eq!(orders.status, 415, "{}", orders.text());
    // A request without a body or content type still uses the template, as API Gateway does.
    let got = send(&gw, "GET", "/prod/pets/raw", &[], "").await;
    assert_eq!(got.status, 404, "{}", got.text());
}

#[tokio::test]
async fn sqs_send_message() {
    let stack = stack().await;
    let gw = api(&stack, GatewayConfig::new());
    let order = r#"{"item": "kibble & treats", "qty": 2, "note": "l'été + 🐕"}"#;
    let sent = send(
        &gw,
        "POST",
        "/prod/orders",
        &[("Content-Type", "application/json")],
        order,
    )
    .await;
    assert_eq!(sent.status, 202, "{}", sent.text());
    let received = aws_query(
        "sqs",
        &stack.queue_url_path,
        &[("Action", "ReceiveMessage"), ("MaxNumberOfMessages", "10")],
    )
    .await;
    let body = xml_value(&received, "Body").expect("a message in the queue");
    assert_eq!(html_unescape(&body), order);
}

/// The success template reads `$.SendMessageResponse.SendMessageResult.MessageId`: the JSON
/// answer SQS's query API gives for `Accept: application/json` (which the integration sends).
/// moto 5.2.5 answers XML whatever the Accept header, so a stand-in answering as SQS documents
/// it takes moto's place here.
#[tokio::test]
async fn sqs_send_message_answers_the_message_id() {
    let stack = stack().await;
    let sqs = Backend::start(|request| {
        let form: Vec<(String, String)> = form_urlencoded::parse(&request.body)
            .into_owned()
            .collect();
        let json_asked = request.headers["accept"] == "application/json";
        let is_send = form.iter().any(|(k, v)| k == "Action" && v == "SendMessage");
        if !(json_asked && is_send) {
            return (400, vec![], b"unexpected request".to_vec());
        }
        let answer = json!({"SendMessageResponse": {
            "ResponseMetadata": {"RequestId": "r-1"},
            "SendMessageResult": {"MessageId": "5fea7756-0ea4-451a-a703-a558b933e274", "MD5OfMessageBody": "x"}
        }});
        (
            200,
            vec![("content-type", "application/json".to_string())],
            answer.to_string().into_bytes(),
        )
    })
    .await;
    let gw = api(
        &stack,
        GatewayConfig::new().service_endpoint("sqs", sqs.url()),
    );
    let sent = send(&gw, "POST", "/prod/orders", &[], r#"{"qty": 1}"#).await;
    assert_eq!(sent.status, 202, "{}", sent.text());
    assert_eq!(
        sent.json()["messageId"],
        "5fea7756-0ea4-451a-a703-a558b933e274"
    );
}

#[tokio::test]
async fn sns_publish() {
    let stack = stack().await;
    // Deliveries to an SQS queue subscribed to the topic show what was published.
    let queue = unique("alerts-copy");
    aws_query(
        "sqs",
        "/",
        &[("Action", "CreateQueue"), ("QueueName", &queue)],
    )
    .await;
    let queue_arn = format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{queue}");
    aws_query(
        "sns",
        "/",
        &[
            ("Action", "Subscribe"),
            ("TopicArn", &stack.topic_arn),
            ("Protocol", "sqs"),
            ("Endpoint", &queue_arn),
            ("Attributes.entry.1.key", "RawMessageDelivery"),
            ("Attributes.entry.1.value", "true"),
        ],
    )
    .await;
    let gw = api(&stack, GatewayConfig::new());
    let alert = r#"{"level": "high", "text": "l'chien a faim & soif"}"#;
    let published = send(
        &gw,
        "POST",
        "/prod/alerts",
        &[("Content-Type", "application/json")],
        alert,
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.text());
    let received = aws_query(
        "sqs",
        &format!("/{ACCOUNT}/{queue}"),
        &[("Action", "ReceiveMessage")],
    )
    .await;
    let body = xml_value(&received, "Body").expect("the alert was delivered");
    assert_eq!(html_unescape(&body), alert);
}

#[tokio::test]
async fn eventbridge_put_events() {
    let stack = stack().await;
    let gw = api(&stack, GatewayConfig::new());
    let event = r#"{"petId": "rex", "what": "adopted by O'Brien"}"#;
    let put = send(
        &gw,
        "POST",
        "/prod/events",
        &[("Content-Type", "application/json")],
        event,
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.text());
    let id = put.json()["eventId"].as_str().unwrap().to_string();
    assert!(!id.is_empty(), "{}", put.text());
}

#[tokio::test]
async fn step_functions_start_and_stop() {
    let stack = stack().await;
    let gw = api(&stack, GatewayConfig::new());
    let started = send(
        &gw,
        "POST",
        "/prod/adoptions",
        &[("Content-Type", "application/json")],
        r#"{"petId": "rex", "by": "Zoë"}"#,
    )
    .await;
    assert_eq!(started.status, 200, "{}", started.text());
    let answer = started.json();
    let execution_arn = answer["executionArn"].as_str().unwrap().to_string();
    assert!(
        execution_arn.starts_with(&stack.adoption_arn.replace(":stateMachine:", ":execution:")),
        "{answer}"
    );
    assert!(answer["startDate"].is_number(), "{answer}");
    let described = aws_json(
        "states",
        "AWSStepFunctions.DescribeExecution",
        DDB,
        json!({"executionArn": execution_arn}),
    )
    .await;
    let input: Value = serde_json::from_str(described["input"].as_str().unwrap()).unwrap();
    assert_eq!(input, json!({"petId": "rex", "by": "Zoë"}));

    let name = execution_arn.rsplit(':').next().unwrap();
    let stopped = send(&gw, "DELETE", &format!("/prod/adoptions/{name}"), &[], "").await;
    assert_eq!(stopped.status, 200, "{}", stopped.text());
    assert!(stopped.json()["stopDate"].is_number(), "{}", stopped.text());
}

/// A body with an apostrophe: `"input": "$util.escapeJavaScript($input.json('$'))"` alone
/// would send `\'`, which is not JSON; the execution gets the client's body as it was.
#[tokio::test]
async fn step_functions_input_with_an_apostrophe() {
    let stack = stack().await;
    let gw = api(&stack, GatewayConfig::new());
    let started = send(&gw, "POST", "/prod/adoptions", &[], r#"{"by": "O'Brien"}"#).await;
    assert_eq!(started.status, 200, "{}", started.text());
    let execution_arn = started.json()["executionArn"].as_str().unwrap().to_string();
    let described = aws_json(
        "states",
        "AWSStepFunctions.DescribeExecution",
        DDB,
        json!({"executionArn": execution_arn}),
    )
    .await;
    let input: Value = serde_json::from_str(described["input"].as_str().unwrap()).unwrap();
    assert_eq!(input, json!({"by": "O'Brien"}));
}

/// moto 5.2.5 does not implement StartSyncExecution (it answers 500): the client gets the
/// default mapping's 500.
#[tokio::test]
async fn step_functions_sync_against_moto() {
    let stack = stack().await;
    let gw = api(&stack, GatewayConfig::new());
    let quote = send(&gw, "POST", "/prod/quotes", &[], r#"{"petId": "rex"}"#).await;
    assert_eq!(quote.status, 500, "{}", quote.text());
    assert_eq!(quote.json()["message"], "states StartSyncExecution failed");
}

/// StartSyncExecution against a local stand-in answering as the Step Functions API documents
/// it: the rendered request reaches it, and the execution's output is what the client gets.
#[tokio::test]
async fn step_functions_sync_execution() {
    let stack = stack().await;
    let states = Backend::start(|request| {
        let call: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let input: Value =
            serde_json::from_str(call["input"].as_str().unwrap_or("null")).unwrap_or(Value::Null);
        let succeeded = input["petId"] != "fail";
        let answer = json!({
            "executionArn": "arn:aws:states:us-east-1:123456789012:express:quote:x:y",
            "stateMachineArn": call["stateMachineArn"],
            "status": if succeeded { "SUCCEEDED" } else { "FAILED" },
            "output": json!({"price": 42, "for": input["petId"]}).to_string(),
            "startDate": 1.0, "stopDate": 2.0,
        });
        (
            200,
            vec![("content-type", "application/x-amz-json-1.0".to_string())],
            answer.to_string().into_bytes(),
        )
    })
    .await;
    let gw = api(
        &stack,
        GatewayConfig::new().service_endpoint("states", states.url()),
    );
    let quote = send(&gw, "POST", "/prod/quotes", &[], r#"{"petId": "rex"}"#).await;
    assert_eq!(quote.status, 200, "{}", quote.text());
    assert_eq!(quote.json(), json!({"price": 42, "for": "rex"}));
    let failed = send(&gw, "POST", "/prod/quotes", &[], r#"{"petId": "fail"}"#).await;
    assert_eq!(failed.status, 500, "{}", failed.text());
    assert_eq!(failed.json()["message"], "the execution ended FAILED");
    let seen = &states.requests()[0];
    assert_eq!(
        seen.headers["x-amz-target"],
        "AWSStepFunctions.StartSyncExecution"
    );
    assert_eq!(seen.headers["content-type"], "application/x-amz-json-1.0");
    assert!(
        seen.headers["authorization"]
            .to_str()
            .unwrap()
            .starts_with("AWS4-HMAC-SHA256 Credential=testing/")
    );
}

#[tokio::test]
async fn kinesis_put_record() {
    let stack = stack().await;
    // The example's template names the stream `clicks` itself.
    let created = aws(
        "kinesis",
        "POST",
        "/",
        &[
            ("X-Amz-Target", "Kinesis_20131202.CreateStream"),
            ("Content-Type", "application/x-amz-json-1.1"),
        ],
        json!({"StreamName": "clicks", "ShardCount": 1}).to_string(),
    )
    .await;
    assert!(
        created.status == 200 || created.text().contains("ResourceInUse"),
        "{}",
        created.text()
    );
    let gw = api(&stack, GatewayConfig::new());
    let click = send(
        &gw,
        "POST",
        "/prod/clicks",
        &[("Content-Type", "application/json")],
        r#"{"x": 1}"#,
    )
    .await;
    assert_eq!(click.status, 200, "{}", click.text());
    assert!(
        !click.json()["sequence"].as_str().unwrap().is_empty(),
        "{}",
        click.text()
    );
    // passthroughBehavior never: a text body has no template.
    let text = send(
        &gw,
        "POST",
        "/prod/clicks",
        &[("Content-Type", "text/plain")],
        "x",
    )
    .await;
    assert_eq!(text.status, 415);
}

/// The Lambda custom integration, with an invoker that answers as the example's handler does
/// (dispatching the envelope by operation id).
#[tokio::test]
async fn lambda_custom_integration() {
    let stack = stack().await;
    let invoker = invoker_fn(|invocation| async move {
        let event: Value = match serde_json::from_slice(&invocation.payload) {
            Ok(v) => v,
            Err(e) => {
                return Ok(InvokeOutcome::FunctionError {
                    error_type: Some("Runtime.UnmarshalError".into()),
                    payload: json!({"errorMessage": format!("invalid event: {e}"), "errorType": "Runtime.UnmarshalError"}).to_string().into_bytes(),
                });
            }
        };
        assert_eq!(event["apigw"], "lambda-custom/1");
        assert_eq!(event["operationId"], "legacyGetPet");
        let id = event["pathParameters"]["petId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if id == "1" {
            Ok(InvokeOutcome::Success(
                json!({"id": id, "name": "Rex", "q": event["queryStringParameters"]})
                    .to_string()
                    .into_bytes(),
            ))
        } else {
            Ok(InvokeOutcome::FunctionError {
                error_type: Some("HttpStatus<404>".into()),
                payload: json!({"errorMessage": format!("Not found: pet {id}"), "errorType": "HttpStatus<404>"}).to_string().into_bytes(),
            })
        }
    });
    let gw = api(&stack, GatewayConfig::new().lambda(invoker));
    let found = send(&gw, "GET", "/prod/legacy/pets/1?color=brown", &[], "").await;
    assert_eq!(found.status, 200, "{}", found.text());
    assert_eq!(
        found.json(),
        json!({"id": "1", "name": "Rex", "q": {"color": "brown"}})
    );
    let missing = send(&gw, "GET", "/prod/legacy/pets/2", &[], "").await;
    assert_eq!(missing.status, 404, "{}", missing.text());
    assert_eq!(missing.json(), json!({"message": "Not found: pet 2"}));
    // passthroughBehavior never: only JSON requests reach the function.
    let form = send(
        &gw,
        "GET",
        "/prod/legacy/pets/1",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        "",
    )
    .await;
    assert_eq!(form.status, 415);
    assert_eq!(form.json(), json!({"message": "Unsupported Media Type"}));
}

/// A query value with an apostrophe: the envelope template must give the function JSON (with
/// `$util.escapeJavaScript` alone it would hold `\'`).
#[tokio::test]
async fn lambda_custom_parameters_with_an_apostrophe() {
    let stack = stack().await;
    let invoker = invoker_fn(|invocation| async move {
        match serde_json::from_slice::<Value>(&invocation.payload) {
            Ok(event) => Ok(InvokeOutcome::Success(
                event["queryStringParameters"].to_string().into_bytes(),
            )),
            Err(e) => Ok(InvokeOutcome::FunctionError {
                error_type: None,
                payload: json!({"errorMessage": e.to_string()})
                    .to_string()
                    .into_bytes(),
            }),
        }
    });
    let gw = api(&stack, GatewayConfig::new().lambda(invoker));
    let answer = send(&gw, "GET", "/prod/legacy/pets/1?owner=O%27Brien", &[], "").await;
    assert_eq!(answer.json(), json!({"owner": "O'Brien"}));
}

#[tokio::test]
async fn http_integration_over_a_vpc_link() {
    let stack = stack().await;
    let inventory = Backend::start(|request| match request.uri.as_str() {
        "/inventory" => (
            200,
            vec![("content-type", "application/json".into())],
            br#"{"kibble": 3}"#.to_vec(),
        ),
        _ => (500, vec![], vec![]),
    })
    .await;
    let gw = api(
        &stack,
        GatewayConfig::new().vpc_link("vpclink-inventory", inventory.url()),
    );
    let answer = send(&gw, "GET", "/prod/inventory", &[], "").await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json(), json!({"kibble": 3}));
    // The NLB's name goes out as Host.
    assert_eq!(
        inventory.requests()[0].headers["host"],
        "inventory.internal:8080"
    );
}

/// Decodes the five XML entities of a query-API answer.
fn html_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
