//! The ready-made AWS calls: what each sends (request template, parameters), how its answer maps
//! back (response templates), and the least-privilege grant it needs. Their names, arguments and
//! statuses are the vocabulary's table (`apigw_spec::aws::READY_CALLS`); the constructors below are
//! what `#[aws_integration(dynamodb::get_item(...))]` calls, one per entry, named like it.

use indexmap::IndexMap;

use super::{AwsCall, Base, Execution, SyncStart, general_responses};
use crate::infra::{EventBus, Provenance, Queue, Resource, StateMachine, Table, Topic};
use crate::integration::IamGrant;
use crate::integration::object::{CfnValue, DeployText, sub};
use crate::spec::aws::{AwsTarget, ReadyCall, SUCCESS_PATTERN};
use crate::spec::template::{BODY_AS_JSON_STRING, JSON, json_string};
use crate::spec::{List, ResponseMapping, ResponseSet, SelectionKey, StatusCode, Str, Template};

/// The attribute the ready-made DynamoDB calls store the request body in.
pub const PAYLOAD: &str = "payload";

/// The 200 template of `get_item`: the stored body, or 404 when there is no item.
pub const GET_ITEM_RESPONSE: &str = "#set($item = $input.path('$.Item'))\n#if(\"$!item\" == \"\")\n#set($context.responseOverride.status = 404)\n{\"message\": \"not found\"}\n#else\n$item.payload.S\n#end";

/// The 200 template of `query`: a JSON array of the stored bodies.
pub const QUERY_RESPONSE: &str =
    "[#foreach($i in $input.path('$.Items'))$i.payload.S#if($foreach.hasNext),#end#end]";

/// The 200 template of `put_events`: PutEvents answers 200 even when it rejected the entry, so
/// check.
pub const PUT_EVENTS_RESPONSE: &str = "#if($input.path('$.FailedEntryCount') > 0)\n#set($context.responseOverride.status = 500)\n{\"message\": \"EventBridge rejected the event\", \"requestId\": \"$context.requestId\"}\n#else\n{\"eventId\": \"$input.path('$.Entries[0].EventId')\"}\n#end";

/// The 200 template of a synchronous start: the execution's output, or 500 when it failed.
pub const SYNC_RESPONSE: &str = "#if($input.path('$.status') == \"SUCCEEDED\")\n$input.path('$.output')\n#else\n#set($context.responseOverride.status = 500)\n{\"message\": \"the execution ended $input.path('$.status')\", \"requestId\": \"$context.requestId\"}\n#end";

/// `dynamodb::put_item(table = T, key = "k")` and friends.
pub mod dynamodb {
    use super::*;

    /// PutItem: `{<partition key>: <param key>, payload: <body>}`; answers `{"<key>": "<value>"}`.
    pub const fn put_item(table: Table, key: &'static str) -> AwsCall {
        AwsCall::DynamoDbPutItem {
            table,
            key: Str::Borrowed(key),
        }
    }

    /// GetItem by the key parameter (under the table's partition key): the stored body or 404.
    pub const fn get_item(table: Table, key: &'static str) -> AwsCall {
        AwsCall::DynamoDbGetItem {
            table,
            key: Str::Borrowed(key),
        }
    }

    /// Query: every item whose partition key (on the table) or the attribute named like the
    /// parameter (on `index`) equals the key parameter.
    pub const fn query(table: Table, key: &'static str, index: Option<&'static str>) -> AwsCall {
        AwsCall::DynamoDbQuery {
            table,
            key: Str::Borrowed(key),
            index: match index {
                Some(i) => Some(Str::Borrowed(i)),
                None => None,
            },
        }
    }
}

/// `sqs::send_message(queue = Q)`.
pub mod sqs {
    use super::*;

    /// SendMessage through the queue's path, the request body as the message.
    pub const fn send_message(queue: Queue) -> AwsCall {
        AwsCall::SqsSendMessage { queue }
    }
}

/// `sns::publish(topic = T)`.
pub mod sns {
    use super::*;

    /// Publish the request body to the topic.
    pub const fn publish(topic: Topic) -> AwsCall {
        AwsCall::SnsPublish { topic }
    }
}

/// `eventbridge::put_events(bus = B, source = "...", detail_type = "...")`.
pub mod eventbridge {
    use super::*;

    /// PutEvents: one event with the request body as `Detail`.
    pub const fn put_events(
        bus: EventBus,
        source: &'static str,
        detail_type: &'static str,
    ) -> AwsCall {
        AwsCall::EventBridgePutEvents {
            bus,
            source: Str::Borrowed(source),
            detail_type: Str::Borrowed(detail_type),
        }
    }
}

/// `step_functions::start_execution(machine = M)` and friends.
pub mod step_functions {
    use super::*;

    /// StartExecution (any machine) with the request body as input.
    pub const fn start_execution<T>(machine: StateMachine<T>) -> AwsCall {
        AwsCall::StepFunctionsStart {
            machine: machine.resource,
        }
    }

    /// StartSyncExecution: Express machines only (`M: SyncStart`).
    pub fn start_sync_execution<M: SyncStart>(machine: M) -> AwsCall {
        AwsCall::StepFunctionsStartSync {
            machine: machine.resource(),
        }
    }

    /// StopExecution of one execution: named by a path parameter (`execution = "{name}"`) or
    /// found at a JSONPath of the body (`execution_arn = "$.arn"`); the macros require exactly one.
    pub const fn stop_execution<T>(
        machine: StateMachine<T>,
        execution: Option<&'static str>,
        execution_arn: Option<&'static str>,
    ) -> AwsCall {
        let execution = match (execution, execution_arn) {
            (Some(name), _) => Execution::NameParam(Str::Borrowed(name)),
            (None, Some(arn)) => Execution::ArnAt(Str::Borrowed(arn)),
            (None, None) => Execution::ArnAt(Str::Borrowed("$.executionArn")),
        };
        AwsCall::StepFunctionsStop {
            machine: machine.resource,
            execution,
        }
    }
}

/// The execution ARNs of a machine, for the grant: `...:execution:<machine name>:*`.
pub fn executions_arn(r: &Resource) -> CfnValue {
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

/// The ready-made response mappings: success -> `success` with `success_template`; anything else
/// -> 500 with a message that names the call (never the backend's own error text).
fn standard_responses(
    call: &ReadyCall,
    success: Option<StatusCode>,
    success_template: String,
) -> Vec<ResponseSet> {
    let failed = format!(
        "{{\"message\": \"{} {} failed\", \"requestId\": \"$context.requestId\"}}",
        call.service, call.action
    );
    let mapping = |key: SelectionKey, status: StatusCode, template: String| {
        ResponseSet::Mapping(ResponseMapping {
            key,
            status,
            headers: List::Borrowed(&[]),
            templates: List::Owned(vec![Template {
                content_type: Str::Borrowed(JSON),
                text: Str::Owned(template),
            }]),
            content_handling: None,
        })
    };
    vec![
        mapping(
            SelectionKey::Pattern(Str::Borrowed(SUCCESS_PATTERN)),
            success.unwrap_or(ReadyCall::DEFAULT_SUCCESS),
            success_template,
        ),
        mapping(
            SelectionKey::Default,
            StatusCode::INTERNAL_SERVER_ERROR,
            failed,
        ),
    ]
}

/// A DynamoDB key value: the request parameter `key` as a string attribute.
fn key_value(key: &str) -> String {
    format!(
        "{{\"S\": \"{}\"}}",
        json_string(&format!("$input.params('{key}')"))
    )
}

/// What `call` sends and grants before the user's overrides; `success` is the status of a
/// successful call.
pub(crate) fn base(call: &AwsCall, success: Option<StatusCode>) -> Base {
    let ready = call.ready();
    let mut b = Base {
        service: String::new(),
        target: AwsTarget::Action(Str::Borrowed("")),
        request_parameters: Vec::new(),
        request_templates: IndexMap::new(),
        responses: Vec::new(),
        grants: Vec::new(),
        resources: Vec::new(),
    };
    if let Some(ready) = ready {
        b.service = ready.service.to_string();
        b.target = AwsTarget::Action(Str::Borrowed(ready.action));
    }
    // Built here, so a `${` can only be a CloudFormation reference to the call's resource.
    let mut template = |text: String| {
        let text = if text.contains("${") {
            DeployText::Sub(text)
        } else {
            DeployText::Plain(text)
        };
        b.request_templates.insert(JSON.into(), text);
    };
    let success_template: String;
    match call {
        AwsCall::Service {
            service,
            target,
            actions,
            resources,
            resource_arns,
        } => {
            b.service = service.to_string();
            b.target = target.clone();
            let mut arns: Vec<CfnValue> = resources.iter().map(Resource::arn).collect();
            arns.extend(resource_arns.iter().map(|a| sub(a.as_ref())));
            b.grants.push(IamGrant {
                actions: actions.iter().map(|a| a.to_string()).collect(),
                resources: arns,
            });
            for r in resources.iter() {
                if !b.resources.contains(r) {
                    b.resources.push(*r);
                }
            }
            b.responses = general_responses(success);
            return b;
        }
        AwsCall::DynamoDbPutItem { table, key } => {
            let r = table.resource();
            template(format!(
                "{{\"TableName\": \"{}\", \"Item\": {{\"{}\": {}, \"{PAYLOAD}\": {{\"S\": \"{BODY_AS_JSON_STRING}\"}}}}}}",
                r.name_sub(),
                table.partition_key(),
                key_value(key)
            ));
            success_template = format!(
                "{{\"{key}\": \"{}\"}}",
                json_string(&format!("$input.params('{key}')"))
            );
            b.grants.push(grant("dynamodb:PutItem", r.arn()));
            b.resources.push(r);
        }
        AwsCall::DynamoDbGetItem { table, key } => {
            let r = table.resource();
            template(format!(
                "{{\"TableName\": \"{}\", \"Key\": {{\"{}\": {}}}}}",
                r.name_sub(),
                table.partition_key(),
                key_value(key)
            ));
            success_template = GET_ITEM_RESPONSE.into();
            b.grants.push(grant("dynamodb:GetItem", r.arn()));
            b.resources.push(r);
        }
        AwsCall::DynamoDbQuery { table, key, index } => {
            let r = table.resource();
            let attribute = if index.is_some() {
                key.as_ref()
            } else {
                table.partition_key()
            };
            let index_field = index
                .as_ref()
                .map(|i| format!("\"IndexName\": \"{i}\", "))
                .unwrap_or_default();
            template(format!(
                "{{\"TableName\": \"{}\", {index_field}\"KeyConditionExpression\": \"#k = :v\", \"ExpressionAttributeNames\": {{\"#k\": \"{attribute}\"}}, \"ExpressionAttributeValues\": {{\":v\": {}}}}}",
                r.name_sub(),
                key_value(key)
            ));
            success_template = QUERY_RESPONSE.into();
            let arn = match index {
                Some(i) => sub(format!("{}/index/{i}", r.arn_sub())),
                None => r.arn(),
            };
            b.grants.push(grant("dynamodb:Query", arn));
            b.resources.push(r);
        }
        AwsCall::SqsSendMessage { queue } => {
            let r = queue.resource();
            b.target = AwsTarget::Path(Str::Owned(format!("${{AWS::AccountId}}/{}", r.name_sub())));
            b.request_parameters = form_encoded_query();
            template("Action=SendMessage&MessageBody=$util.urlEncode($input.body)".into());
            success_template = "{\"messageId\": \"$input.path('$.SendMessageResponse.SendMessageResult.MessageId')\"}".into();
            b.grants.push(grant("sqs:SendMessage", r.arn()));
            b.resources.push(r);
        }
        AwsCall::SnsPublish { topic } => {
            let r = topic.resource();
            b.request_parameters = form_encoded_query();
            template(format!(
                "Action=Publish&TopicArn=$util.urlEncode('{}')&Message=$util.urlEncode($input.body)",
                r.arn_sub()
            ));
            success_template =
                "{\"messageId\": \"$input.path('$.PublishResponse.PublishResult.MessageId')\"}"
                    .into();
            b.grants.push(grant("sns:Publish", r.arn()));
            b.resources.push(r);
        }
        AwsCall::EventBridgePutEvents {
            bus,
            source,
            detail_type,
        } => {
            let r = bus.resource();
            // EventBridge needs the JSON 1.1 target header, which the template sets itself (API
            // Gateway does not add it).
            template(format!(
                "#set($context.requestOverride.header.X-Amz-Target = \"AWSEvents.PutEvents\")\n#set($context.requestOverride.header.Content-Type = \"application/x-amz-json-1.1\")\n{{\"Entries\": [{{\"EventBusName\": \"{}\", \"Source\": \"{source}\", \"DetailType\": \"{detail_type}\", \"Detail\": \"{BODY_AS_JSON_STRING}\"}}]}}",
                r.name_sub()
            ));
            success_template = PUT_EVENTS_RESPONSE.into();
            b.grants.push(grant("events:PutEvents", r.arn()));
            b.resources.push(r);
        }
        AwsCall::StepFunctionsStart { machine } | AwsCall::StepFunctionsStartSync { machine } => {
            let action = ready.map_or("", |c| c.action);
            template(format!(
                "{{\"input\": \"{}\", \"stateMachineArn\": \"{}\"}}",
                json_string("$input.json('$')"),
                machine.arn_sub()
            ));
            success_template = match call {
                AwsCall::StepFunctionsStartSync { .. } => SYNC_RESPONSE.into(),
                _ => "{\"executionArn\": \"$input.path('$.executionArn')\", \"startDate\": $input.json('$.startDate')}".into(),
            };
            b.grants
                .push(grant(&format!("states:{action}"), machine.arn()));
            b.resources.push(*machine);
        }
        AwsCall::StepFunctionsStop { machine, execution } => {
            template(match execution {
                Execution::NameParam(p) => format!(
                    "#set($machine = \"{}\")\n{{\"executionArn\": \"$machine.replace(\":stateMachine:\", \":execution:\"):{}\"}}",
                    machine.arn_sub(),
                    json_string(&format!("$input.params('{p}')"))
                ),
                Execution::ArnAt(path) => format!(
                    "{{\"executionArn\": \"{}\"}}",
                    json_string(&format!("$input.path('{path}')"))
                ),
            });
            success_template = "{\"stopDate\": $input.json('$.stopDate')}".into();
            b.grants
                .push(grant("states:StopExecution", executions_arn(machine)));
            b.resources.push(*machine);
        }
    }
    if let Some(ready) = ready {
        b.responses = standard_responses(ready, success, success_template);
    }
    b
}

/// One action on one resource.
fn grant(action: &str, resource: CfnValue) -> IamGrant {
    IamGrant {
        actions: vec![action.to_string()],
        resources: vec![resource],
    }
}

/// The query protocol of SQS and SNS: a form-encoded request, a JSON answer (so response
/// templates can read it with `$input.path`).
fn form_encoded_query() -> Vec<(String, String)> {
    vec![
        (
            "integration.request.header.Content-Type".into(),
            "'application/x-www-form-urlencoded'".into(),
        ),
        (
            "integration.request.header.Accept".into(),
            "'application/json'".into(),
        ),
    ]
}
