//! AWS service, Lambda custom and custom integrations: the rendered `x-amazon-apigateway-integration`
//! of every kind and option, field by field; the IAM grants and resources of every shape; the
//! Lambda custom dispatch; the golden document of `examples/aws`.

use std::sync::Arc;

use apigw::integration::{IamGrant, Integration, IntegrationStatuses, RenderContext, StatusSet};
use apigw::{OperationDescriptor, Provenance, Registry, ResourceKind};
use apigw_tests::{assert_golden, operations};
use serde_json::{Value, json};

fn registry() -> Registry {
    // Naming the crate links it, so its operations are registered.
    let _ = aws_example::app();
    operations::example_registry("aws")
}

fn op(id: &str) -> &'static OperationDescriptor {
    registry()
        .operations()
        .iter()
        .copied()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no operation `{id}`"))
}

fn integration(id: &str) -> Value {
    apigw_tests::synth::integration(&aws_example::app(), &registry(), id)
}

/// The integration value and its grants/resources as the template sees them.
fn built(id: &str) -> (Vec<IamGrant>, Vec<apigw::Resource>) {
    let o = op(id);
    let cx = RenderContext { operation: o };
    let i: Box<dyn Integration> = o.integration();
    (i.grants(&cx), i.resources())
}

fn grant(actions: &[&str], resources: Value) -> (Vec<String>, Value) {
    (actions.iter().map(|a| a.to_string()).collect(), resources)
}

fn grants_of(id: &str) -> Vec<(Vec<String>, Value)> {
    built(id)
        .0
        .into_iter()
        .map(|g| (g.actions, Value::Array(g.resources)))
        .collect()
}

fn template(i: &Value) -> &Value {
    &i["requestTemplates"]["application/json"]
}

fn statuses(i: &Value) -> Vec<(String, String)> {
    i["responses"]
        .as_object()
        .expect("responses")
        .iter()
        .map(|(k, v)| (k.clone(), v["statusCode"].as_str().unwrap().to_string()))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn dynamodb_put_item() {
    let i = integration("putPet");
    assert_eq!(i["type"], "aws");
    assert_eq!(i["httpMethod"], "POST");
    assert_eq!(
        i["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:dynamodb:action/PutItem"})
    );
    assert_eq!(
        i["credentials"],
        json!({"Fn::Sub": "${PutPetIntegrationRole.Arn}"})
    );
    let t = template(&i)["Fn::Sub"]
        .as_str()
        .expect("a Fn::Sub template");
    assert!(t.starts_with("{\"TableName\": \"${PetsTable}\", \"Item\": {\"petId\": {\"S\": \"$util.escapeJavaScript($input.params('petId')).replaceAll(\"\\\\'\",\"'\")\"}, \"payload\": {\"S\": "));
    assert_eq!(
        statuses(&i),
        pairs(&[("2\\d{2}", "200"), ("default", "500")])
    );
    assert_eq!(
        i["responses"]["default"]["responseTemplates"]["application/json"],
        "{\"message\": \"dynamodb PutItem failed\", \"requestId\": \"$context.requestId\"}"
    );
    // A template exists: other content types get 415, never reach DynamoDB as they are.
    assert_eq!(i["passthroughBehavior"], "never");
    assert_eq!(
        grants_of("putPet"),
        vec![grant(
            &["dynamodb:PutItem"],
            json!([{"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${PetsTable}"}])
        )]
    );
    let (_, resources) = built("putPet");
    assert_eq!(resources.len(), 1);
    assert_eq!(resources[0].kind, ResourceKind::Table);
    assert_eq!(resources[0].name, "pets");
    assert_eq!(resources[0].provenance, Provenance::Owned);
}

#[test]
fn dynamodb_get_item_answers_404_from_its_template() {
    let i = integration("getPet");
    assert_eq!(
        template(&i),
        &json!({"Fn::Sub": "{\"TableName\": \"${PetsTable}\", \"Key\": {\"petId\": {\"S\": \"$util.escapeJavaScript($input.params('petId')).replaceAll(\"\\\\'\",\"'\")\"}}}"})
    );
    let ok = i["responses"]["2\\d{2}"]["responseTemplates"]["application/json"]
        .as_str()
        .unwrap();
    assert!(ok.contains("#set($context.responseOverride.status = 404)"));
    assert!(ok.contains("$item.payload.S"));
    assert_eq!(
        grants_of("getPet"),
        vec![grant(
            &["dynamodb:GetItem"],
            json!([{"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${PetsTable}"}])
        )]
    );
}

#[test]
fn dynamodb_query_on_an_index_grants_the_index_only() {
    let i = integration("ownerPets");
    assert_eq!(
        i["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:dynamodb:action/Query"})
    );
    let t = template(&i)["Fn::Sub"].as_str().unwrap();
    assert!(t.contains("\"IndexName\": \"byOwner\""));
    assert!(t.contains("\"ExpressionAttributeNames\": {\"#k\": \"owner\"}"));
    assert!(t.contains("$input.params('owner')"));
    assert_eq!(
        grants_of("ownerPets"),
        vec![grant(
            &["dynamodb:Query"],
            json!([{"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OwnershipsTableName}/index/byOwner"}])
        )]
    );
}

#[test]
fn sqs_send_message_path_form_and_success_status() {
    let i = integration("placeOrder");
    assert_eq!(
        i["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${OrdersQueue.QueueName}"})
    );
    assert_eq!(
        i["requestParameters"],
        json!({
            "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'",
            "integration.request.header.Accept": "'application/json'"
        })
    );
    assert_eq!(
        template(&i),
        "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"
    );
    assert_eq!(
        statuses(&i),
        pairs(&[("2\\d{2}", "202"), ("default", "500")])
    );
    assert_eq!(
        grants_of("placeOrder"),
        vec![grant(
            &["sqs:SendMessage"],
            json!([{"Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${OrdersQueue.QueueName}"}])
        )]
    );
}

#[test]
fn sns_publish() {
    let i = integration("raiseAlert");
    assert_eq!(
        i["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:sns:action/Publish"})
    );
    assert_eq!(
        template(&i),
        &json!({"Fn::Sub": "Action=Publish&TopicArn=$util.urlEncode('${AlertsTopic}')&Message=$util.urlEncode($input.body)"})
    );
    assert_eq!(
        grants_of("raiseAlert"),
        vec![grant(
            &["sns:Publish"],
            json!([{"Fn::Sub": "${AlertsTopic}"}])
        )]
    );
}

#[test]
fn eventbridge_put_events_sets_its_own_target_header() {
    let i = integration("publishEvent");
    let t = template(&i)["Fn::Sub"].as_str().unwrap();
    assert!(t.starts_with("#set($context.requestOverride.header.X-Amz-Target = \"AWSEvents.PutEvents\")\n#set($context.requestOverride.header.Content-Type = \"application/x-amz-json-1.1\")\n"));
    assert!(t.contains("\"EventBusName\": \"${DefaultEventBusName}\", \"Source\": \"petstore\", \"DetailType\": \"PetEvent\""));
    assert_eq!(
        grants_of("publishEvent"),
        vec![grant(
            &["events:PutEvents"],
            json!([{"Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${DefaultEventBusName}"}])
        )]
    );
    let (_, r) = built("publishEvent");
    assert_eq!(r[0].provenance, Provenance::Imported);
}

#[test]
fn step_functions_start_sync_and_stop() {
    let start = integration("startAdoption");
    assert_eq!(
        start["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution"})
    );
    assert_eq!(
        template(&start),
        &json!({"Fn::Sub": "{\"input\": \"$util.escapeJavaScript($input.json('$')).replaceAll(\"\\\\'\",\"'\")\", \"stateMachineArn\": \"${AdoptionStateMachine}\"}"})
    );
    assert_eq!(
        grants_of("startAdoption"),
        vec![grant(
            &["states:StartExecution"],
            json!([{"Fn::Sub": "${AdoptionStateMachine}"}])
        )]
    );

    let sync = integration("quote");
    assert_eq!(
        sync["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartSyncExecution"})
    );
    assert_eq!(sync["timeoutInMillis"], 10000);
    assert_eq!(
        grants_of("quote"),
        vec![grant(
            &["states:StartSyncExecution"],
            json!([{"Fn::Sub": "${QuoteStateMachine}"}])
        )]
    );

    let stop = integration("cancelAdoption");
    let t = template(&stop)["Fn::Sub"].as_str().unwrap();
    assert_eq!(
        t,
        "#set($machine = \"${AdoptionStateMachine}\")\n{\"executionArn\": \"$machine.replace(\":stateMachine:\", \":execution:\"):$util.escapeJavaScript($input.params('executionName')).replaceAll(\"\\\\'\",\"'\")\"}"
    );
    assert_eq!(
        grants_of("cancelAdoption"),
        vec![grant(
            &["states:StopExecution"],
            json!([{"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${AdoptionStateMachine.Name}:*"}])
        )]
    );
}

#[test]
fn stop_execution_of_an_imported_machine_derives_the_execution_arn_from_its_arn() {
    use apigw::integration::AwsIntegration;
    use apigw::integration::calls::step_functions::stop_execution;
    const M: apigw::StateMachine<apigw::Standard> =
        apigw::StateMachine::standard_imported("billing");
    let i = AwsIntegration::new(stop_execution(M, None, Some("$.executionArn")));
    let cx = RenderContext {
        operation: op("cancelAdoption"),
    };
    let v = i.render(&cx).to_json();
    assert_eq!(
        template(&v),
        "{\"executionArn\": \"$util.escapeJavaScript($input.path('$.executionArn')).replaceAll(\"\\\\'\",\"'\")\"}"
    );
    assert_eq!(
        Value::Array(i.grants(&cx)[0].resources.clone()),
        json!([{"Fn::Sub": [
            "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${MachineName}:*",
            {"MachineName": {"Fn::Select": [6, {"Fn::Split": [":", {"Ref": "BillingStateMachineArn"}]}]}}
        ]}])
    );
}

#[test]
fn general_form_every_option() {
    let i = integration("recordClick");
    assert_eq!(
        i["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:kinesis:action/PutRecord"})
    );
    // From `templates/put_record.vm`, verbatim (no `${`: a plain string).
    assert_eq!(
        template(&i),
        &json!(include_str!(
            "../../../examples/aws/templates/put_record.vm"
        ))
    );
    assert_eq!(
        i["requestParameters"],
        json!({"integration.request.header.Content-Type": "'application/x-amz-json-1.1'"})
    );
    assert_eq!(i["passthroughBehavior"], "never");
    assert_eq!(i["timeoutInMillis"], 5000);
    assert_eq!(
        i["responses"],
        json!({
            "2\\d{2}": {"statusCode": "200", "responseTemplates": {"application/json": "{\"sequence\": \"$input.path('$.SequenceNumber')\"}"}},
            "default": {"statusCode": "500", "responseTemplates": {"application/json": "{\"message\": \"could not record the click\"}"}}
        })
    );
    assert_eq!(
        grants_of("recordClick"),
        vec![grant(
            &["kinesis:PutRecord"],
            json!([{"Fn::Sub": "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/clicks"}])
        )]
    );
    assert!(built("recordClick").1.is_empty());
}

#[test]
fn general_builder_path_form_and_content_handling() {
    use apigw::integration::{AwsCall, AwsIntegration};
    use apigw::spec::aws::AwsTarget;
    use apigw::spec::{ContentHandling, MappingOptions, Method, PassthroughBehavior, params};
    use std::borrow::Cow;
    let i = AwsIntegration {
        http_method: Some(Method::Get),
        request_parameters: Cow::Owned(vec![apigw::spec::RequestParameter {
            target: params::ParamTarget::Path("key".into()),
            source: params::ParamSource::Path("key".into()),
        }]),
        options: MappingOptions {
            content_handling: Some(ContentHandling::ConvertToText),
            passthrough: Some(PassthroughBehavior::WhenNoTemplates),
            timeout_ms: None,
        },
        ..AwsIntegration::new(AwsCall::Service {
            service: "s3".into(),
            target: AwsTarget::Path("/{bucket}/{key}".into()),
            actions: Cow::Owned(vec!["s3:GetObject".into()]),
            resources: Cow::Borrowed(&[]),
            resource_arns: Cow::Owned(vec!["arn:${AWS::Partition}:s3:::b/*".into()]),
        })
    };
    assert_eq!(
        i.uri(),
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/{bucket}/{key}"
    );
    let cx = RenderContext {
        operation: op("putPet"),
    };
    let v = i.render(&cx).to_json();
    assert_eq!(v["httpMethod"], "GET");
    assert_eq!(v["contentHandling"], "CONVERT_TO_TEXT");
    assert_eq!(v["passthroughBehavior"], "when_no_templates");
    assert_eq!(
        v["requestParameters"]["integration.request.path.key"],
        "method.request.path.key"
    );
}

#[test]
fn lambda_custom_renders_an_aws_integration_toward_the_invocation_uri() {
    let i = integration("legacyGetPet");
    assert_eq!(i["type"], "aws");
    assert_eq!(i["httpMethod"], "POST");
    assert_eq!(
        i["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ApiFunction.Arn}/invocations"})
    );
    assert!(i.get("credentials").is_none());
    assert_eq!(i["passthroughBehavior"], "never");
    let t = template(&i).as_str().unwrap();
    assert!(t.contains("\"apigw\": \"lambda-custom/1\""));
    assert!(t.contains("\"operationId\": \"legacyGetPet\""));
    assert!(t.contains("$input.params().path.keySet()"));
    // The user's pattern first, then apigw's own errors (400, 500), then success.
    let error = json!({"application/json": apigw::spec::lambda::ERROR_TEMPLATE});
    assert_eq!(
        i["responses"],
        json!({
            "Not found.*": {"statusCode": "404", "responseTemplates": error},
            "(?s:\\[apigw 400\\] .*)": {"statusCode": "400", "responseTemplates": error},
            "(?s:\\[apigw 500\\] .*)": {"statusCode": "500", "responseTemplates": error},
            "default": {"statusCode": "200"}
        })
    );
    assert!(built("legacyGetPet").0.is_empty());
}

#[test]
fn lambda_custom_payload_template_and_options() {
    use apigw::integration::LambdaCustom;
    use apigw::spec::{ContentHandling, MappingOptions, PassthroughBehavior, TimeoutMs};
    let i = LambdaCustom {
        payload_template: Some("{\"id\": \"$input.params('petId')\"}".into()),
        options: MappingOptions {
            passthrough: Some(PassthroughBehavior::WhenNoMatch),
            content_handling: Some(ContentHandling::ConvertToText),
            timeout_ms: Some(TimeoutMs::of(3000)),
        },
        ..LambdaCustom::default()
    };
    let cx = RenderContext {
        operation: op("legacyGetPet"),
    };
    let v = i.render(&cx).to_json();
    let t = template(&v).as_str().unwrap();
    assert!(t.ends_with("\"payload\": {\"id\": \"$input.params('petId')\"}\n}"));
    assert!(!t.contains("\"body\""));
    assert_eq!(v["passthroughBehavior"], "when_no_match");
    assert_eq!(v["contentHandling"], "CONVERT_TO_TEXT");
    assert_eq!(v["timeoutInMillis"], 3000);
}

#[test]
fn custom_integration_renders_itself_and_declares_its_statuses() {
    let i = integration("inventory");
    assert_eq!(
        i,
        json!({
            "type": "http",
            "httpMethod": "GET",
            "uri": "http://inventory.internal:8080/inventory",
            "connectionType": "VPC_LINK",
            "connectionId": {"Fn::Sub": "${InventoryVpcLinkId}"},
            "passthroughBehavior": "when_no_match",
            "timeoutInMillis": 10000,
            "responses": {
                "2\\d{2}": {"statusCode": "200"},
                "default": {"statusCode": "503", "responseTemplates": {"application/json": "{\"message\": \"the inventory service is unavailable\"}"}}
            }
        })
    );
    assert_eq!(
        <<aws_example::EcsService as IntegrationStatuses>::Answers as StatusSet>::codes(),
        vec![200, 503]
    );
    let (grants, resources) = built("inventory");
    assert!(grants.is_empty());
    assert_eq!(resources[0].kind, ResourceKind::VpcLink);
}

fn dispatcher() -> Arc<apigw::Dispatcher> {
    Arc::new(apigw::Dispatcher::new(
        &registry(),
        apigw::Shared::default(),
        |_| true,
    ))
}

fn envelope(pet_id: &str) -> Value {
    json!({
        "apigw": "lambda-custom/1",
        "operationId": "legacyGetPet",
        "httpMethod": "GET",
        "path": format!("/legacy/pets/{pet_id}"),
        "pathParameters": {"petId": pet_id},
        "queryStringParameters": {},
        "headers": {"Accept": "application/json"},
        "body": ""
    })
}

fn event(payload: Value) -> lambda_runtime::LambdaEvent<Value> {
    lambda_runtime::LambdaEvent::new(payload, lambda_runtime::Context::default())
}

#[tokio::test]
async fn lambda_custom_envelope_is_dispatched_by_operation_id() {
    let out = apigw::lambda::handle_event(dispatcher(), event(envelope("1")))
        .await
        .expect("a result");
    assert_eq!(out, json!({"id": "1", "name": "Rex"}));
}

#[tokio::test]
async fn lambda_custom_error_status_is_a_lambda_error_the_selection_pattern_matches() {
    let err = apigw::lambda::handle_event(dispatcher(), event(envelope("7")))
        .await
        .expect_err("a Lambda error");
    assert_eq!(err.error_type, "HttpStatus404");
    assert_eq!(err.error_message, "Not found: pet 7");
    // What API Gateway does with it: the pattern of the 404 mapping matches the whole message.
    let i = integration("legacyGetPet");
    let pattern = i["responses"]
        .as_object()
        .unwrap()
        .keys()
        .find(|k| i["responses"][k.as_str()]["statusCode"] == "404")
        .unwrap()
        .clone();
    assert_eq!(pattern, "Not found.*");
    assert!(err.error_message.starts_with("Not found"));
}

#[tokio::test]
async fn lambda_custom_unknown_operation_and_malformed_envelope_are_errors() {
    let mut e = envelope("1");
    e["operationId"] = json!("nope");
    let err = apigw::lambda::handle_event(dispatcher(), event(e))
        .await
        .expect_err("unknown operation");
    assert_eq!(err.error_type, "UnknownOperation");
    assert!(err.error_message.contains("`nope`"));

    let err = apigw::lambda::handle_event(
        dispatcher(),
        event(json!({"apigw": "lambda-custom/1", "pathParameters": 3})),
    )
    .await
    .expect_err("malformed");
    assert_eq!(err.error_type, "InvalidEnvelope");
}

#[tokio::test]
async fn payload_envelope_becomes_a_json_body() {
    let envelope: apigw::integration::Envelope = serde_json::from_value(json!({
        "apigw": "lambda-custom/1",
        "operationId": "x",
        "httpMethod": "PUT",
        "path": "/p",
        "queryStringParameters": {"a": "1"},
        "payload": {"name": "Rex"}
    }))
    .unwrap();
    let r = envelope.into_request().expect("a request");
    assert_eq!(r.method.as_str(), "PUT");
    assert_eq!(r.body, br#"{"name":"Rex"}"#);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.query, vec![("a".to_string(), "1".to_string())]);
}

#[test]
fn an_envelope_that_cannot_be_a_request_is_an_error_not_a_guess() {
    let envelope = |extra: serde_json::Value| -> apigw::integration::Envelope {
        let mut e = json!({"apigw": "lambda-custom/1", "operationId": "x", "httpMethod": "GET"});
        e.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        serde_json::from_value(e).unwrap()
    };
    let err = envelope(json!({"headers": {"X-A": "one\ntwo"}}))
        .into_request()
        .expect_err("a header value with a newline");
    assert_eq!(
        err,
        "header `X-A` has a value HTTP cannot carry (a control character)"
    );
    let err = envelope(json!({"headers": {"bad name": "v"}}))
        .into_request()
        .expect_err("a header name with a space");
    assert_eq!(
        err,
        "header name `bad name` is not a valid HTTP header name"
    );
    let err = envelope(json!({"httpMethod": ""}))
        .into_request()
        .expect_err("no method");
    assert_eq!(err, "`httpMethod` `` is not an HTTP method");
}

#[tokio::test]
async fn proxy_events_still_go_through_lambda_http() {
    let rest = json!({
        "resource": "/legacy/pets/{petId}",
        "path": "/legacy/pets/1",
        "httpMethod": "GET",
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {"Accept": ["application/json"]},
        "queryStringParameters": null,
        "multiValueQueryStringParameters": null,
        "pathParameters": {"petId": "1"},
        "stageVariables": null,
        "requestContext": {
            "accountId": "123456789012",
            "resourceId": "abc",
            "stage": "prod",
            "requestId": "r1",
            "identity": {"sourceIp": "127.0.0.1"},
            "resourcePath": "/legacy/pets/{petId}",
            "httpMethod": "GET",
            "apiId": "api"
        },
        "body": null,
        "isBase64Encoded": false
    });
    let out = apigw::lambda::handle_event(dispatcher(), event(rest))
        .await
        .expect("a proxy response");
    assert_eq!(out["statusCode"], 200);
    assert_eq!(
        serde_json::from_str::<Value>(out["body"].as_str().unwrap()).unwrap(),
        json!({"id": "1", "name": "Rex"})
    );
    assert_eq!(out["isBase64Encoded"], false);

    let err = apigw::lambda::handle_event(dispatcher(), event(json!({"hello": "world"})))
        .await
        .expect_err("not an event this function serves");
    assert_eq!(err.error_type, "InvalidEvent");
}

#[test]
fn golden_document() {
    let app = aws_example::app();
    let doc = apigw_tests::synth::document(&app, &registry());
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    assert_golden("aws/openapi.json", &text);
}

/// `synth` writes the example's document: the golden one, with every operation. (The real OpenAPI
/// validator runs on it in `.ci/run`, which installs it; a test cannot assume Python packages.)
#[test]
fn synth_writes_the_document() {
    let app = aws_example::app();
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("aws-synth");
    let written = apigw::synth::synth(
        app.config(),
        &registry(),
        &apigw::synth::SynthOptions::new(&out),
    )
    .expect("synth")
    .written;
    let path = &written[0].path;
    let text = std::fs::read_to_string(path).expect("synth wrote openapi.json");
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["paths"].as_object().expect("paths").len(), 11);
    assert_golden("aws/openapi.json", &text);
}

/// The table's declared partition key is the one the template creates the table with and the one
/// the ready-made calls read and write: a deployed GetItem cannot ask for a key the table lacks.
#[test]
fn dynamodb_calls_and_the_owned_table_agree_on_the_partition_key() {
    use apigw::synth::TemplateOptions;
    use apigw_tests::synth::template;
    let app = aws_example::app();
    let t = template(&app, &registry(), &TemplateOptions::default()).expect("template");
    let table = &t["Resources"]["PetsTable"]["Properties"];
    assert_eq!(
        table["KeySchema"],
        json!([{ "AttributeName": "petId", "KeyType": "HASH" }])
    );
    assert_eq!(
        table["AttributeDefinitions"],
        json!([{ "AttributeName": "petId", "AttributeType": "S" }])
    );
    for id in ["getPet", "putPet"] {
        let template = integration(id)["requestTemplates"]["application/json"].to_string();
        assert!(
            template.contains(
                r#"\"petId\": {\"S\": \"$util.escapeJavaScript($input.params('petId')).replaceAll(\"\\\\'\",\"'\")\"}"#
            ),
            "{id}: {template}"
        );
    }
    // A table that names no key is keyed by the default attribute.
    assert_eq!(
        apigw::Table::owned("t").partition_key(),
        apigw::DEFAULT_PARTITION_KEY
    );
}
