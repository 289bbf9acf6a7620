//! AWS service integrations (`type: aws`): API Gateway calls a service action itself, with a role
//! it assumes. [`AwsIntegration`] is the general form (any service, action or path, templates,
//! response mappings); the submodules build ready-made ones for the common services so users do
//! not write VTL. Every one declares exactly the IAM actions and resources it uses.

use indexmap::IndexMap;

use super::{
    ContentHandling, DeployTimeField, IamGrant, Integration, IntegrationObject,
    IntegrationResponse, IntegrationType, PassthroughBehavior, RenderContext, object::sub,
};
use crate::infra::{
    Bucket, EventBus, Express, Queue, Resource, StateMachine, Table, Topic, VpcLink,
};

/// How the integration names what it calls: `action/SendMessage` or `path/...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AwsTarget {
    Action(String),
    /// A path after `path/`; may hold `${...}` CloudFormation references (`${AWS::AccountId}`).
    Path(String),
}

/// The key of the mapping that catches a successful service call.
pub const SUCCESS: &str = "2\\d{2}";

/// An AWS service integration. Built by `#[aws_integration]`; public so a custom integration can
/// build on it.
#[derive(Debug, Clone, PartialEq)]
pub struct AwsIntegration {
    pub service: String,
    pub target: AwsTarget,
    pub http_method: String,
    pub request_parameters: IndexMap<String, String>,
    pub request_templates: IndexMap<String, String>,
    pub passthrough: Option<PassthroughBehavior>,
    pub content_handling: Option<ContentHandling>,
    pub timeout_ms: Option<u32>,
    /// Selection pattern (or `default`) -> response, in the order API Gateway tries them.
    pub responses: IndexMap<String, IntegrationResponse>,
    pub grants: Vec<IamGrant>,
    pub resources: Vec<Resource>,
}

impl AwsIntegration {
    /// `arn:aws:apigateway:{region}:{service}:action/{action}`, POST.
    pub fn action(service: &str, action: &str) -> Self {
        Self::new(service, AwsTarget::Action(action.to_string()))
    }

    /// `arn:aws:apigateway:{region}:{service}:path/{path}`, POST.
    pub fn path(service: &str, path: &str) -> Self {
        Self::new(
            service,
            AwsTarget::Path(path.trim_start_matches('/').to_string()),
        )
    }

    fn new(service: &str, target: AwsTarget) -> Self {
        AwsIntegration {
            service: service.to_string(),
            target,
            http_method: "POST".into(),
            request_parameters: IndexMap::new(),
            request_templates: IndexMap::new(),
            passthrough: None,
            content_handling: None,
            timeout_ms: None,
            responses: IndexMap::new(),
            grants: Vec::new(),
            resources: Vec::new(),
        }
    }

    pub fn http_method(mut self, method: &str) -> Self {
        self.http_method = method.to_ascii_uppercase();
        self
    }

    /// `integration.request.{path|querystring|header}.X` <- a method request value or `'literal'`.
    /// The query protocol of SQS and SNS: a form-encoded request, a JSON answer (so response
    /// templates can read it with `$input.path`).
    pub fn form_encoded_query(self) -> Self {
        self.request_parameter(
            "integration.request.header.Content-Type",
            "'application/x-www-form-urlencoded'",
        )
        .request_parameter("integration.request.header.Accept", "'application/json'")
    }

    pub fn request_parameter(mut self, key: &str, value: &str) -> Self {
        self.request_parameters
            .insert(key.to_string(), value.to_string());
        self
    }

    /// Sets the template of a content type (replacing a ready-made one).
    pub fn request_template(mut self, content_type: &str, template: &str) -> Self {
        self.request_templates
            .insert(content_type.to_string(), template.to_string());
        self
    }

    /// Drops every template (before the user's own replace a ready-made set).
    pub fn clear_request_templates(mut self) -> Self {
        self.request_templates.clear();
        self
    }

    super::mapping_builders!();

    /// The status of the success mapping (`2\d{2}`).
    pub fn success_status(mut self, status: u16) -> Self {
        if let Some(r) = self.responses.get_mut(SUCCESS) {
            r.status_code = status.to_string();
        }
        self
    }

    /// The role may call `actions` on `resources`.
    pub fn grant(mut self, actions: &[&str], resources: Vec<super::CfnValue>) -> Self {
        let actions = actions.iter().map(|a| a.to_string()).collect();
        match self.grants.iter_mut().find(|g| g.actions == actions) {
            Some(g) => g.resources.extend(resources),
            None => self.grants.push(IamGrant { actions, resources }),
        }
        self
    }

    /// Infrastructure the integration references (created or imported by the template).
    pub fn resource(mut self, r: Resource) -> Self {
        if !self.resources.contains(&r) {
            self.resources.push(r);
        }
        self
    }

    /// The integration URI.
    pub fn uri(&self) -> String {
        let target = match &self.target {
            AwsTarget::Action(a) => format!("action/{a}"),
            AwsTarget::Path(p) => format!("path/{p}"),
        };
        format!(
            "arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:{}:{target}",
            self.service
        )
    }
}

impl Integration for AwsIntegration {
    fn kind(&self) -> &'static str {
        "aws"
    }

    fn render(&self, _: &RenderContext<'_>) -> IntegrationObject {
        let mut obj = IntegrationObject::new(IntegrationType::Aws);
        obj.http_method = Some(self.http_method.clone());
        obj.uri = Some(sub(self.uri()));
        obj.request_parameters = self.request_parameters.clone();
        obj.request_templates = self.request_templates.clone();
        obj.passthrough_behavior = self.passthrough;
        obj.content_handling = self.content_handling;
        obj.timeout_in_millis = self.timeout_ms;
        obj.responses = self.responses.clone();
        // Text with `${...}` names a resource CloudFormation resolves at deploy time.
        for (k, v) in &self.request_templates {
            if v.contains("${") {
                obj.deploy_time
                    .push(DeployTimeField::RequestTemplate(k.clone()));
            }
        }
        for (k, v) in &self.request_parameters {
            if v.contains("${") {
                obj.deploy_time
                    .push(DeployTimeField::RequestParameter(k.clone()));
            }
        }
        obj
    }

    fn grants(&self, _: &RenderContext<'_>) -> Vec<IamGrant> {
        self.grants.clone()
    }

    fn resources(&self) -> Vec<Resource> {
        self.resources.clone()
    }
}

/// Any infrastructure reference const (`Table`, `Queue`, `StateMachine<_>`, ...), as the untyped
/// [`Resource`] grants and templates are built from.
pub trait InfraRef {
    fn resource(&self) -> Resource;
}

macro_rules! infra_ref {
    ($($t:ty),*) => {$(
        impl InfraRef for $t {
            fn resource(&self) -> Resource {
                self.0
            }
        }
    )*};
}
infra_ref!(Bucket, Table, Queue, Topic, EventBus, VpcLink);

impl<T> InfraRef for StateMachine<T> {
    fn resource(&self) -> Resource {
        self.resource
    }
}

/// Only Express state machines can be started synchronously.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be started synchronously: StartSyncExecution only accepts EXPRESS state machines",
    label = "not an Express state machine",
    note = "declare the machine with `StateMachine::express_owned(...)` / `StateMachine::express_imported(...)`, or use `step_functions::start_execution` (asynchronous)"
)]
pub trait SyncStart: InfraRef {}
impl SyncStart for StateMachine<Express> {}

/// A mapping that answers `status` with `template` as its `application/json` body.
fn mapping(status: u16, template: Option<&str>) -> IntegrationResponse {
    let mut r = IntegrationResponse::status(status);
    if let Some(t) = template {
        r.response_templates
            .insert("application/json".into(), t.to_string());
    }
    r
}

/// The ready-made response set: success -> 200 with `success_template`; anything else -> 500
/// with a message that names the call (never the backend's own error text).
fn standard_responses(what: &str, success_template: &str) -> Vec<(String, IntegrationResponse)> {
    vec![
        (SUCCESS.into(), mapping(200, Some(success_template))),
        (
            "default".into(),
            mapping(
                500,
                Some(&format!(
                    "{{\"message\": \"{what} failed\", \"requestId\": \"$context.requestId\"}}"
                )),
            ),
        ),
    ]
}

/// `$input.body` as the content of a JSON string (the AWS idiom: `escapeJavaScript` also escapes
/// `'`, which JSON does not allow, so undo that).
pub const BODY_AS_JSON_STRING: &str =
    "$util.escapeJavaScript($input.body).replaceAll(\"\\\\'\",\"'\")";

/// Ready-made DynamoDB integrations: a document store keyed by one attribute. `put_item` stores
/// the request body (as text, in attribute `payload`) under the key taken from the request
/// parameter of the same name; `get_item` and `query` give the stored bodies back.
pub mod dynamodb {
    use super::*;

    /// The attribute the request body is stored in.
    pub const PAYLOAD: &str = "payload";

    fn table_call(table: Table, action: &str) -> AwsIntegration {
        let r = table.resource();
        AwsIntegration::action("dynamodb", action)
            .grant(&[&format!("dynamodb:{action}")], vec![r.arn()])
            .resource(r)
    }

    fn key_value(key: &str) -> String {
        format!("{{\"S\": \"$util.escapeJavaScript($input.params('{key}'))\"}}")
    }

    /// PutItem: `{<partition key>: <param key>, payload: <body>}`; answers `{"<key>": "<value>"}`.
    /// `key` names the request parameter that holds the item's key; the item attribute is the
    /// table's declared partition key, the one an owned table is created with.
    pub fn put_item(table: Table, key: &str) -> AwsIntegration {
        let name = table.resource().name_sub();
        let attribute = table.partition_key();
        let template = format!(
            "{{\"TableName\": \"{name}\", \"Item\": {{\"{attribute}\": {}, \"{PAYLOAD}\": {{\"S\": \"{BODY_AS_JSON_STRING}\"}}}}}}",
            key_value(key)
        );
        let success = format!("{{\"{key}\": \"$util.escapeJavaScript($input.params('{key}'))\"}}");
        table_call(table, "PutItem")
            .request_template("application/json", &template)
            .responses(standard_responses("dynamodb PutItem", &success))
    }

    /// The 200 template of `get_item`: the stored body, or 404 when there is no item.
    pub const GET_ITEM_RESPONSE: &str = "#set($item = $input.path('$.Item'))\n#if(\"$!item\" == \"\")\n#set($context.responseOverride.status = 404)\n{\"message\": \"not found\"}\n#else\n$item.payload.S\n#end";

    /// GetItem by the key parameter (looked up under the table's partition key): answers the
    /// stored body (200) or 404.
    pub fn get_item(table: Table, key: &str) -> AwsIntegration {
        let name = table.resource().name_sub();
        let attribute = table.partition_key();
        let template = format!(
            "{{\"TableName\": \"{name}\", \"Key\": {{\"{attribute}\": {}}}}}",
            key_value(key)
        );
        table_call(table, "GetItem")
            .request_template("application/json", &template)
            .responses(standard_responses("dynamodb GetItem", GET_ITEM_RESPONSE))
    }

    /// The 200 template of `query`: a JSON array of the stored bodies.
    pub const QUERY_RESPONSE: &str =
        "[#foreach($i in $input.path('$.Items'))$i.payload.S#if($foreach.hasNext),#end#end]";

    /// Query: every item whose partition key equals the key parameter. On the table, the
    /// attribute is the table's partition key; on `index`, it is the attribute named like the
    /// parameter (the index's partition key).
    pub fn query(table: Table, key: &str, index: Option<&str>) -> AwsIntegration {
        let r = table.resource();
        let name = r.name_sub();
        let attribute = if index.is_some() {
            key
        } else {
            table.partition_key()
        };
        let index_field = index
            .map(|i| format!("\"IndexName\": \"{i}\", "))
            .unwrap_or_default();
        let template = format!(
            "{{\"TableName\": \"{name}\", {index_field}\"KeyConditionExpression\": \"#k = :v\", \"ExpressionAttributeNames\": {{\"#k\": \"{attribute}\"}}, \"ExpressionAttributeValues\": {{\":v\": {}}}}}",
            key_value(key)
        );
        let mut arns = vec![r.arn()];
        if let Some(i) = index {
            arns = vec![sub(format!("{}/index/{i}", r.arn_sub()))];
        }
        AwsIntegration::action("dynamodb", "Query")
            .grant(&["dynamodb:Query"], arns)
            .resource(r)
            .request_template("application/json", &template)
            .responses(standard_responses("dynamodb Query", QUERY_RESPONSE))
    }
}

/// Ready-made SQS integration.
pub mod sqs {
    use super::*;

    /// SendMessage through the queue's path (`sqs:path/<account>/<queue>`), the request body as
    /// the message; answers `{"messageId": ...}`.
    pub fn send_message(queue: Queue) -> AwsIntegration {
        let r = queue.resource();
        AwsIntegration::path("sqs", &format!("${{AWS::AccountId}}/{}", r.name_sub()))
            .grant(&["sqs:SendMessage"], vec![r.arn()])
            .resource(r)
            .form_encoded_query()
            .request_template(
                "application/json",
                "Action=SendMessage&MessageBody=$util.urlEncode($input.body)",
            )
            .responses(standard_responses(
                "sqs SendMessage",
                "{\"messageId\": \"$input.path('$.SendMessageResponse.SendMessageResult.MessageId')\"}",
            ))
    }
}

/// Ready-made SNS integration.
pub mod sns {
    use super::*;

    /// Publish the request body to the topic; answers `{"messageId": ...}`.
    pub fn publish(topic: Topic) -> AwsIntegration {
        let r = topic.resource();
        AwsIntegration::action("sns", "Publish")
            .grant(&["sns:Publish"], vec![r.arn()])
            .resource(r)
            .form_encoded_query()
            .request_template(
                "application/json",
                &format!(
                    "Action=Publish&TopicArn=$util.urlEncode('{}')&Message=$util.urlEncode($input.body)",
                    r.arn_sub()
                ),
            )
            .responses(standard_responses(
                "sns Publish",
                "{\"messageId\": \"$input.path('$.PublishResponse.PublishResult.MessageId')\"}",
            ))
    }
}

/// Ready-made EventBridge integration.
pub mod eventbridge {
    use super::*;

    /// The 200 template: PutEvents answers 200 even when it rejected the entry, so check.
    pub const PUT_EVENTS_RESPONSE: &str = "#if($input.path('$.FailedEntryCount') > 0)\n#set($context.responseOverride.status = 500)\n{\"message\": \"EventBridge rejected the event\", \"requestId\": \"$context.requestId\"}\n#else\n{\"eventId\": \"$input.path('$.Entries[0].EventId')\"}\n#end";

    /// PutEvents: one event with the request body as `Detail`. EventBridge needs the JSON 1.1
    /// target header, which the template sets itself (API Gateway does not add it).
    pub fn put_events(bus: EventBus, source: &str, detail_type: &str) -> AwsIntegration {
        let r = bus.resource();
        let template = format!(
            "#set($context.requestOverride.header.X-Amz-Target = \"AWSEvents.PutEvents\")\n#set($context.requestOverride.header.Content-Type = \"application/x-amz-json-1.1\")\n{{\"Entries\": [{{\"EventBusName\": \"{}\", \"Source\": \"{source}\", \"DetailType\": \"{detail_type}\", \"Detail\": \"{BODY_AS_JSON_STRING}\"}}]}}",
            r.name_sub()
        );
        AwsIntegration::action("events", "PutEvents")
            .grant(&["events:PutEvents"], vec![r.arn()])
            .resource(r)
            .request_template("application/json", &template)
            .responses(standard_responses("events PutEvents", PUT_EVENTS_RESPONSE))
    }
}

/// Ready-made Step Functions integrations.
pub mod step_functions {
    use super::*;

    fn start(r: Resource, action: &str, success: &str) -> AwsIntegration {
        let template = format!(
            "{{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"{}\"}}",
            r.arn_sub()
        );
        AwsIntegration::action("states", action)
            .grant(&[&format!("states:{action}")], vec![r.arn()])
            .resource(r)
            .request_template("application/json", &template)
            .responses(standard_responses(&format!("states {action}"), success))
    }

    /// StartExecution (any machine) with the request body as input; answers the execution ARN.
    pub fn start_execution<T>(machine: StateMachine<T>) -> AwsIntegration {
        start(
            machine.resource,
            "StartExecution",
            "{\"executionArn\": \"$input.path('$.executionArn')\", \"startDate\": $input.json('$.startDate')}",
        )
    }

    /// The 200 template of a synchronous start: the execution's output, or 500 when it failed.
    pub const SYNC_RESPONSE: &str = "#if($input.path('$.status') == \"SUCCEEDED\")\n$input.path('$.output')\n#else\n#set($context.responseOverride.status = 500)\n{\"message\": \"the execution ended $input.path('$.status')\", \"requestId\": \"$context.requestId\"}\n#end";

    /// StartSyncExecution (Express machines only: `M: SyncStart`); answers the output.
    pub fn start_sync_execution<M: SyncStart>(machine: M) -> AwsIntegration {
        start(machine.resource(), "StartSyncExecution", SYNC_RESPONSE)
    }

    /// Where StopExecution finds the execution.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Execution<'a> {
        /// The execution's name, from the request parameter of this name; the ARN is built from
        /// the machine's.
        NameParam(&'a str),
        /// The full execution ARN at this JSONPath of the request body (`$.executionArn`).
        ArnAt(&'a str),
    }

    /// The execution ARNs of a machine, for the grant: `...:execution:<machine name>:*`.
    pub fn executions_arn(r: &Resource) -> super::super::CfnValue {
        use crate::infra::Provenance;
        match r.provenance {
            Provenance::Owned => sub(format!(
                "arn:${{AWS::Partition}}:states:${{AWS::Region}}:${{AWS::AccountId}}:execution:{}:*",
                r.name_sub()
            )),
            // An imported machine is known by its ARN; its name is the ARN's 7th field.
            Provenance::Imported => serde_json::json!({ "Fn::Sub": [
                "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${MachineName}:*",
                { "MachineName": { "Fn::Select": [6, { "Fn::Split": [":", { "Ref": r.parameter_name() }] }] } }
            ] }),
        }
    }

    /// StopExecution of one execution of `machine`.
    pub fn stop_execution<T>(machine: StateMachine<T>, execution: Execution<'_>) -> AwsIntegration {
        let r = machine.resource;
        let template = match execution {
            Execution::NameParam(p) => format!(
                "#set($machine = \"{}\")\n{{\"executionArn\": \"$machine.replace(\":stateMachine:\", \":execution:\"):$util.escapeJavaScript($input.params('{p}'))\"}}",
                r.arn_sub()
            ),
            Execution::ArnAt(path) => {
                format!("{{\"executionArn\": \"$util.escapeJavaScript($input.path('{path}'))\"}}")
            }
        };
        AwsIntegration::action("states", "StopExecution")
            .grant(&["states:StopExecution"], vec![executions_arn(&r)])
            .resource(r)
            .request_template("application/json", &template)
            .responses(standard_responses(
                "states StopExecution",
                "{\"stopDate\": $input.json('$.stopDate')}",
            ))
    }
}
