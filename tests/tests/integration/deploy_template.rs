//! The template of an API with integrations that need IAM grants and infrastructure, and with
//! handlers split into two functions. The integrations of ISSUE-3 (S3, AWS services) are written
//! in parallel, so a custom integration stands in for them here: it renders a plain `aws`
//! integration and declares grants and resources through the public `Integration` trait, exactly
//! as the built-in kinds do.

use apigw::integration::{
    IamGrant, Integration, IntegrationObject, IntegrationResponse, RenderContext, sub,
};
use apigw::prelude::*;
use apigw::spec::options::IntegrationType;
use apigw::spec::{SelectionKey, StatusCode};
use apigw::synth::{TemplateError, TemplateOptions, source_arn};
use apigw::{
    Backend, Bucket, EventBus, Express, FunctionConfig, Method, OperationDescriptor, Queue,
    Registry, Resource, SourceLocation, StateMachine, Table, Topic, VpcLink,
};
use apigw_tests::synth::template;
use serde_json::{Value, json};

// ---- infrastructure, declared once --------------------------------------------------------

const UPLOADS: Bucket = Bucket::owned("uploads");
const ORDERS: Queue = Queue::owned("orders");
const CUSTOMERS: Table = Table::imported("customers");
const AUDIT: Table = Table::owned("audit");
const CHECKOUT: StateMachine<Express> = StateMachine::express_owned("checkout");
const ALERTS: Topic = Topic::imported("alerts");
const EVENTS: EventBus = EventBus::owned("events");
const BACKEND: VpcLink = VpcLink::owned("backend");

// ---- a custom integration with grants ------------------------------------------------------

/// One grant: these actions on this resource's ARN followed by `suffix`.
type GrantSpec = (&'static [&'static str], Resource, &'static str);

/// Calls an AWS service with the given grants; optionally brings its own credentials.
struct TestAws {
    grants: &'static [GrantSpec],
    /// Resources it references without a grant (a VPC link).
    extra: &'static [Resource],
    own_credentials: bool,
}

impl Integration for TestAws {
    fn kind(&self) -> &'static str {
        "test-aws"
    }

    fn render(&self, _cx: &RenderContext<'_>) -> IntegrationObject {
        let mut obj = IntegrationObject::new(IntegrationType::Aws);
        obj.http_method = Some("POST".into());
        obj.uri = Some(sub(
            "arn:${AWS::Partition}:apigateway:${AWS::Region}:sqs:action/SendMessage",
        ));
        if self.own_credentials {
            obj.credentials = Some(json!("arn:aws:iam::*:user/*"));
        }
        obj.responses.insert(
            SelectionKey::Default,
            IntegrationResponse::status(StatusCode::OK),
        );
        obj
    }

    fn grants(&self, _cx: &RenderContext<'_>) -> Vec<IamGrant> {
        self.grants
            .iter()
            .map(|(actions, r, suffix)| IamGrant {
                actions: actions.iter().map(|a| a.to_string()).collect(),
                resources: vec![sub(format!("{}{suffix}", r.arn_sub()))],
            })
            .collect()
    }

    fn resources(&self) -> Vec<Resource> {
        let mut out: Vec<Resource> = self.grants.iter().map(|g| g.1).collect();
        out.extend(self.extra);
        out
    }
}

#[derive(ApiResponses)]
pub enum Accepted {
    /// Done.
    #[status(200)]
    Ok,
}

fn no_request(_: &mut apigw::__private::SchemaGenerator) -> apigw::RequestDoc {
    apigw::RequestDoc::default()
}

/// An operation served by a `TestAws` integration, registered by hand (the `#[integration(..)]`
/// attribute is ISSUE-3's).
macro_rules! custom_op {
    ($static:ident, $id:literal, $method:ident, $path:literal,
     grants: [$($g:expr),* $(,)?], extra: [$($e:expr),*], own_credentials: $own:expr) => {
        static $static: OperationDescriptor = OperationDescriptor {
            name: $id,
            id: $id,
            method: Method::$method,
            path: $path,
            summary: None,
            description: None,
            tags: &[],
            deprecated: false,
            function: None,
            responses: <Accepted as ApiResponses>::describe,
            statuses: <Accepted as ApiResponses>::STATUSES,
            request: no_request,
            backend: Backend::Integration({
                fn make() -> Box<dyn Integration> {
                    const GRANTS: &[GrantSpec] = &[$($g),*];
                    const EXTRA: &[Resource] = &[$($e),*];
                    Box::new(TestAws {
                        grants: GRANTS,
                        extra: EXTRA,
                        own_credentials: $own,
                    })
                }
                make
            }),
            source: SourceLocation {
                file: file!(),
                line: line!(),
            },
        };
    };
}

custom_op!(UPLOAD, "uploadObject", Put, "/uploads/{key}",
    grants: [(&["s3:PutObject"], UPLOADS.0, "/uploads/*")],
    extra: [],
    own_credentials: false
);
custom_op!(ORDER, "placeOrder", Post, "/orders",
    grants: [(&["sqs:SendMessage"], ORDERS.0, ""),
            (&["dynamodb:GetItem"], CUSTOMERS.0, ""),
            (&["dynamodb:PutItem"], AUDIT.0, ""),],
    extra: [],
    own_credentials: false
);
custom_op!(CHECK_OUT, "checkOut", Post, "/checkout",
    grants: [(&["states:StartSyncExecution"], CHECKOUT.resource, ""),
            (&["sns:Publish"], ALERTS.0, ""),
            (&["events:PutEvents"], EVENTS.0, ""),],
    extra: [BACKEND.0],
    own_credentials: false
);
custom_op!(PASS_THROUGH, "passThrough", Get, "/caller",
    grants: [(&["sqs:SendMessage"], ORDERS.0, "")],
    extra: [],
    own_credentials: true
);

// ---- handlers in two functions -------------------------------------------------------------

#[derive(ApiResponses)]
pub enum Stats {
    /// The stats.
    #[status(200)]
    Ok(Json<Vec<String>>),
}

/// Served by the `admin` function.
#[operation(GET "/admin/stats", function = "admin")]
pub async fn admin_stats() -> Stats {
    Stats::Ok(Json(vec![]))
}

/// Served by the `admin` function.
#[operation(DELETE "/admin/cache/<rest..>", function = "admin")]
pub async fn admin_flush(rest: String) -> Stats {
    Stats::Ok(Json(vec![rest]))
}

/// Served by the default function.
#[operation(GET "/items/<itemId>")]
pub async fn get_item(item_id: String) -> Stats {
    Stats::Ok(Json(vec![item_id]))
}

// ---- helpers -------------------------------------------------------------------------------

/// The handlers of this file (inventory) plus the custom-integration operations.
fn registry() -> Registry {
    let mut ops: Vec<&'static OperationDescriptor> =
        apigw::__private::inventory::iter::<OperationDescriptor>
            .into_iter()
            .filter(|op| op.source.file.ends_with("deploy_template.rs"))
            .collect();
    ops.extend([&UPLOAD, &ORDER, &CHECK_OUT, &PASS_THROUGH]);
    Registry::new(ops).unwrap()
}

fn app() -> App {
    App::new("Shop").version("2.0.0").function(
        "admin",
        FunctionConfig::new()
            .arm64()
            .memory_mb(512)
            .timeout_secs(10)
            .reserved_concurrency(2)
            .env("LOG_LEVEL", "debug"),
    )
}

fn render() -> Value {
    template(&app(), &registry(), &TemplateOptions::default()).unwrap()
}

fn resource<'a>(t: &'a Value, id: &str) -> &'a Value {
    t["Resources"]
        .get(id)
        .unwrap_or_else(|| panic!("no resource `{id}`; resources: {:?}", ids(t)))
}

fn ids(t: &Value) -> Vec<&str> {
    t["Resources"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn statements(t: &Value, role: &str) -> Vec<Value> {
    let r = resource(t, role);
    assert_eq!(r["Type"], "AWS::IAM::Role");
    let policies = r["Properties"]["Policies"].as_array().unwrap();
    assert_eq!(policies.len(), 1, "exactly one inline policy on {role}");
    assert_eq!(policies[0]["PolicyDocument"]["Version"], "2012-10-17");
    policies[0]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap()
        .clone()
}

fn apigw_trust() -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": "apigateway.amazonaws.com" },
            "Action": "sts:AssumeRole",
        }],
    })
}

// ---- roles: exactly the grants -------------------------------------------------------------

#[test]
fn the_upload_role_may_put_objects_under_the_key_prefix_only() {
    let t = render();
    let role = resource(&t, "UploadObjectIntegrationRole");
    assert_eq!(
        role["Properties"]["AssumeRolePolicyDocument"],
        apigw_trust()
    );
    assert!(role["Properties"].get("ManagedPolicyArns").is_none());
    assert_eq!(
        statements(&t, "UploadObjectIntegrationRole"),
        [json!({
            "Effect": "Allow",
            "Action": ["s3:PutObject"],
            "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:s3:::${UploadsBucket}/uploads/*" }],
        })]
    );
    // The OpenAPI body points the integration at that role.
    let body = &resource(&t, "Api")["Properties"]["Body"];
    assert_eq!(
        body["paths"]["/uploads/{key}"]["put"]["x-amazon-apigateway-integration"]["credentials"],
        json!({ "Fn::Sub": "${UploadObjectIntegrationRole.Arn}" })
    );
}

#[test]
fn the_order_role_has_one_statement_per_grant_in_order() {
    let t = render();
    assert_eq!(
        statements(&t, "PlaceOrderIntegrationRole"),
        [
            json!({
                "Effect": "Allow",
                "Action": ["sqs:SendMessage"],
                "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${OrdersQueue.QueueName}" }],
            }),
            json!({
                "Effect": "Allow",
                "Action": ["dynamodb:GetItem"],
                "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${CustomersTableName}" }],
            }),
            json!({
                "Effect": "Allow",
                "Action": ["dynamodb:PutItem"],
                "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${AuditTable}" }],
            }),
        ]
    );
}

#[test]
fn the_checkout_role_names_the_state_machine_topic_and_bus() {
    let t = render();
    assert_eq!(
        statements(&t, "CheckOutIntegrationRole"),
        [
            json!({
                "Effect": "Allow",
                "Action": ["states:StartSyncExecution"],
                "Resource": [{ "Fn::Sub": "${CheckoutStateMachine}" }],
            }),
            json!({
                "Effect": "Allow",
                "Action": ["sns:Publish"],
                "Resource": [{ "Fn::Sub": "${AlertsTopicArn}" }],
            }),
            json!({
                "Effect": "Allow",
                "Action": ["events:PutEvents"],
                "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${EventsEventBus}" }],
            }),
        ]
    );
}

#[test]
fn an_integration_with_its_own_credentials_gets_no_role() {
    let t = render();
    assert!(t["Resources"].get("PassThroughIntegrationRole").is_none());
    let body = &resource(&t, "Api")["Properties"]["Body"];
    assert_eq!(
        body["paths"]["/caller"]["get"]["x-amazon-apigateway-integration"]["credentials"],
        "arn:aws:iam::*:user/*"
    );
}

#[test]
fn roles_exist_only_for_integrations_with_grants() {
    let t = render();
    let mut roles: Vec<&str> = ids(&t)
        .into_iter()
        .filter(|id| resource(&t, id)["Type"] == "AWS::IAM::Role")
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            "AdminFunctionRole",
            "ApiFunctionRole",
            "CheckOutIntegrationRole",
            "CheckoutStateMachineRole",
            "PlaceOrderIntegrationRole",
            "UploadObjectIntegrationRole",
        ]
    );
}

// ---- infrastructure: owned -> resources, imported -> parameters ----------------------------

#[test]
fn owned_resources_are_created() {
    let t = render();
    let bucket = resource(&t, "UploadsBucket");
    assert_eq!(bucket["Type"], "AWS::S3::Bucket");
    assert_eq!(bucket["DeletionPolicy"], "Retain");
    assert_eq!(bucket["UpdateReplacePolicy"], "Retain");
    assert_eq!(
        bucket["Properties"]["PublicAccessBlockConfiguration"]["BlockPublicPolicy"],
        true
    );
    let table = resource(&t, "AuditTable");
    assert_eq!(table["Type"], "AWS::DynamoDB::Table");
    assert_eq!(table["Properties"]["BillingMode"], "PAY_PER_REQUEST");
    assert_eq!(
        table["Properties"]["KeySchema"],
        json!([{ "AttributeName": "pk", "KeyType": "HASH" }])
    );
    assert_eq!(resource(&t, "OrdersQueue")["Type"], "AWS::SQS::Queue");
    let bus = resource(&t, "EventsEventBus");
    assert_eq!(bus["Type"], "AWS::Events::EventBus");
    assert_eq!(
        bus["Properties"]["Name"],
        json!({ "Fn::Sub": "${AWS::StackName}-events" })
    );
    let sm = resource(&t, "CheckoutStateMachine");
    assert_eq!(sm["Type"], "AWS::StepFunctions::StateMachine");
    assert_eq!(sm["Properties"]["StateMachineType"], "EXPRESS");
    assert_eq!(
        sm["Properties"]["RoleArn"],
        json!({ "Fn::GetAtt": ["CheckoutStateMachineRole", "Arn"] })
    );
    assert_eq!(
        sm["Properties"]["Definition"]["States"]["Done"]["Type"],
        "Pass"
    );
    let link = resource(&t, "BackendVpcLink");
    assert_eq!(link["Type"], "AWS::ApiGateway::VpcLink");
    assert_eq!(
        link["Properties"]["TargetArns"],
        json!([{ "Ref": "BackendVpcLinkTargetArn" }])
    );
}

#[test]
fn imported_resources_and_the_vpc_link_target_are_parameters() {
    let t = render();
    let params = t["Parameters"].as_object().unwrap();
    assert_eq!(
        params.keys().collect::<Vec<_>>(),
        [
            "AlertsTopicArn",
            "BackendVpcLinkTargetArn",
            "CustomersTableName"
        ]
    );
    assert_eq!(
        t["Parameters"]["CustomersTableName"],
        json!({ "Type": "String", "Description": "Name of the existing DynamoDB table `customers` (imported by the API)" })
    );
    assert_eq!(t["Parameters"]["AlertsTopicArn"]["Type"], "String");
    // Imported resources are not created.
    assert!(t["Resources"].get("CustomersTable").is_none());
    assert!(t["Resources"].get("AlertsTopic").is_none());
}

// ---- functions and their permissions -------------------------------------------------------

#[test]
fn each_function_group_is_a_function_told_its_group() {
    let t = render();
    let admin = resource(&t, "AdminFunction");
    assert_eq!(admin["Type"], "AWS::Lambda::Function");
    let p = &admin["Properties"];
    assert_eq!(p["Runtime"], "provided.al2023");
    assert_eq!(p["Handler"], "bootstrap");
    assert_eq!(p["Architectures"], json!(["arm64"]));
    assert_eq!(p["MemorySize"], 512);
    assert_eq!(p["Timeout"], 10);
    assert_eq!(p["ReservedConcurrentExecutions"], 2);
    assert_eq!(p["Code"], "lambda/admin/bootstrap.zip");
    assert_eq!(
        p["Role"],
        json!({ "Fn::GetAtt": ["AdminFunctionRole", "Arn"] })
    );
    assert_eq!(
        p["Environment"]["Variables"],
        json!({ "APIGW_FUNCTION": "admin", "LOG_LEVEL": "debug" })
    );

    let api = &resource(&t, "ApiFunction")["Properties"];
    assert_eq!(api["Architectures"], json!(["x86_64"]));
    assert_eq!(api["MemorySize"], 128);
    assert_eq!(api["Timeout"], 29);
    assert!(api.get("ReservedConcurrentExecutions").is_none());
    assert_eq!(api["Code"], "lambda/api/bootstrap.zip");
    assert_eq!(
        api["Environment"]["Variables"],
        json!({ "APIGW_FUNCTION": "api" })
    );
}

#[test]
fn invoke_permissions_are_scoped_to_each_route() {
    let t = render();
    let permission = |id: &str| {
        let p = resource(&t, id);
        assert_eq!(p["Type"], "AWS::Lambda::Permission");
        assert_eq!(p["Properties"]["Action"], "lambda:InvokeFunction");
        assert_eq!(p["Properties"]["Principal"], "apigateway.amazonaws.com");
        (
            p["Properties"]["FunctionName"]["Fn::GetAtt"][0]
                .as_str()
                .unwrap()
                .to_string(),
            p["Properties"]["SourceArn"]["Fn::Sub"]
                .as_str()
                .unwrap()
                .to_string(),
        )
    };
    let api = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}";
    assert_eq!(
        permission("AdminStatsInvokePermission"),
        ("AdminFunction".into(), format!("{api}/*/GET/admin/stats"))
    );
    assert_eq!(
        permission("AdminFlushInvokePermission"),
        (
            "AdminFunction".into(),
            format!("{api}/*/DELETE/admin/cache/*")
        )
    );
    assert_eq!(
        permission("GetItemInvokePermission"),
        ("ApiFunction".into(), format!("{api}/*/GET/items/*"))
    );
    let n = ids(&t)
        .into_iter()
        .filter(|id| resource(&t, id)["Type"] == "AWS::Lambda::Permission")
        .count();
    assert_eq!(
        n, 3,
        "one permission per handler, none for API Gateway integrations"
    );
}

#[test]
fn source_arns_of_any_and_root() {
    let mut op = clone_of(&UPLOAD);
    op.method = Method::Any;
    op.path = "/";
    assert_eq!(
        source_arn(&op),
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/*/"
    );
    op.path = "/files/{key+}";
    op.method = Method::Head;
    assert!(source_arn(&op).ends_with("${Api}/*/HEAD/files/*"));
}

fn clone_of(op: &OperationDescriptor) -> OperationDescriptor {
    OperationDescriptor {
        name: op.name,
        id: op.id,
        method: op.method,
        path: op.path,
        summary: op.summary,
        description: op.description,
        tags: op.tags,
        deprecated: op.deprecated,
        function: op.function,
        responses: op.responses,
        statuses: op.statuses,
        request: op.request,
        backend: op.backend,
        source: op.source,
    }
}

// ---- determinism and configuration errors --------------------------------------------------

#[test]
fn the_template_is_byte_identical_on_rerender() {
    let a = serde_json::to_vec_pretty(&render()).unwrap();
    let b = serde_json::to_vec_pretty(&render()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn configuring_an_unknown_function_is_an_error() {
    let app = app().function("admn", FunctionConfig::new());
    let err = template(&app, &registry(), &TemplateOptions::default()).unwrap_err();
    assert_eq!(
        err,
        TemplateError::UnknownFunction {
            name: "admn".into(),
            known: "`admin`, `api`".into()
        }
    );
    assert!(err.to_string().contains("`App::function(\"admn\", ..)`"));
}

#[test]
fn a_misconfigured_function_is_an_error() {
    let app = app().function("api", FunctionConfig::new().memory_mb(64));
    let err = template(&app, &registry(), &TemplateOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "function `api` is misconfigured: memory_mb = 64 is outside 128..=10240"
    );
}

#[test]
fn a_bad_stage_name_is_an_error() {
    let err = template(
        &app(),
        &registry(),
        &TemplateOptions {
            stage: "my stage".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        err,
        TemplateError::InvalidStage {
            stage: "my stage".into()
        }
    );
}

custom_op!(OWNED_AUDIT, "auditA", Post, "/audit-a",
    grants: [(&["dynamodb:PutItem"], AUDIT.0, "")],
    extra: [],
    own_credentials: false
);
custom_op!(IMPORTED_AUDIT, "auditB", Post, "/audit-b",
    grants: [(&["dynamodb:PutItem"], Table::imported("audit").0, "")],
    extra: [],
    own_credentials: false
);

#[test]
fn one_resource_declared_two_ways_is_an_error() {
    let registry = Registry::new(vec![&OWNED_AUDIT, &IMPORTED_AUDIT]).unwrap();
    let err = template(&App::new("x"), &registry, &TemplateOptions::default()).unwrap_err();
    assert_eq!(
        err,
        TemplateError::ConflictingResource {
            kind: "Table",
            name: "audit",
            first: "auditA",
            second: "auditB"
        }
    );
}

/// Writes the template where the cfn-lint step of CI (and a developer) can lint it:
/// `target/tmp/deploy_template/template.json`.
#[test]
fn write_for_cfn_lint() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("deploy_template");
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = serde_json::to_vec_pretty(&render()).unwrap();
    bytes.push(b'\n');
    std::fs::write(dir.join("template.json"), bytes).unwrap();
}
