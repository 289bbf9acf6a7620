//! AWS service integrations (`type: aws`): API Gateway calls a service action itself, with a role
//! it assumes. An [`AwsIntegration`] names its call ([`AwsCall`]: the general form, any service,
//! action or path; or a ready-made call from the vocabulary's table, whose templates and response
//! mappings are in [`calls`]) and the user's overrides. Every one declares exactly the IAM actions
//! and resources it uses.

pub mod calls;

use indexmap::IndexMap;

use super::object::{DeployText, IntegrationObject, sub};
use super::{
    IamGrant, Integration, RenderContext, apply_options, render_responses, render_templates,
};
use crate::infra::{
    Bucket, EventBus, Express, Queue, Resource, StateMachine, Table, Topic, VpcLink,
};
use crate::spec::aws::{AwsTarget, ReadyCall};
use crate::spec::options::IntegrationType;
use crate::spec::{
    List, MappingOptions, Method, PassthroughBehavior, RequestParameter, ResponseSet, SelectionKey,
    StatusCode, Str, Template, responses,
};

/// `#[aws_integration(...)]`: the call, and what the user changed of it.
#[derive(Debug, Clone, PartialEq)]
pub struct AwsIntegration {
    /// The call: a ready-made one or the general form.
    pub call: AwsCall,
    /// The method toward the service (POST when omitted).
    pub http_method: Option<Method>,
    /// Added to (or replacing, target by target) the call's own.
    pub request_parameters: List<RequestParameter>,
    /// `Some`: replaces the call's own templates.
    pub request_templates: Option<List<Template>>,
    /// `Some`: replaces the call's own response mappings.
    pub responses: Option<List<ResponseSet>>,
    /// The status of a successful call (200 when omitted), when `responses` is not given.
    pub success_status: Option<StatusCode>,
    /// Passthrough, content handling, timeout.
    pub options: MappingOptions,
}

/// Where StopExecution finds the execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Execution {
    /// The execution's name, from the request parameter of this name; the ARN is built from the
    /// machine's.
    NameParam(Str),
    /// The full execution ARN at this JSONPath of the request body (`$.executionArn`).
    ArnAt(Str),
}

/// The call an AWS integration makes.
#[derive(Debug, Clone, PartialEq)]
pub enum AwsCall {
    /// Any service: `service = "kinesis", action = "PutRecord"` (or `path = "..."`), with the
    /// grant the user names.
    Service {
        /// The service's endpoint prefix (`kinesis`).
        service: Str,
        /// The action or path called.
        target: AwsTarget,
        /// IAM actions the role may perform.
        actions: List<Str>,
        /// Infrastructure the call touches (its ARNs are granted, and the template creates or
        /// imports it).
        resources: List<Resource>,
        /// Further ARNs (an `Fn::Sub` template each).
        resource_arns: List<Str>,
    },
    /// `dynamodb::put_item`: stores the request body under the key.
    DynamoDbPutItem {
        /// The table.
        table: Table,
        /// The request parameter holding the item's key.
        key: Str,
    },
    /// `dynamodb::get_item`: answers the stored body, 404 when there is none.
    DynamoDbGetItem {
        /// The table.
        table: Table,
        /// The request parameter holding the item's key.
        key: Str,
    },
    /// `dynamodb::query`: answers the stored bodies under the key, as a JSON array.
    DynamoDbQuery {
        /// The table.
        table: Table,
        /// The request parameter holding the key.
        key: Str,
        /// The index queried, if not the table's key.
        index: Option<Str>,
    },
    /// `sqs::send_message`: queues the request body.
    SqsSendMessage {
        /// The queue.
        queue: Queue,
    },
    /// `sns::publish`: publishes the request body.
    SnsPublish {
        /// The topic.
        topic: Topic,
    },
    /// `eventbridge::put_events`: puts the request body as an event's detail.
    EventBridgePutEvents {
        /// The event bus.
        bus: EventBus,
        /// The event's `Source`.
        source: Str,
        /// The event's `DetailType`.
        detail_type: Str,
    },
    /// `step_functions::start_execution`.
    StepFunctionsStart {
        /// The state machine.
        machine: Resource,
    },
    /// `step_functions::start_sync_execution` (Express machines only).
    StepFunctionsStartSync {
        /// The state machine.
        machine: Resource,
    },
    /// `step_functions::stop_execution`.
    StepFunctionsStop {
        /// The state machine.
        machine: Resource,
        /// Which execution to stop.
        execution: Execution,
    },
}

/// What a call contributes before the user's overrides.
pub(crate) struct Base {
    pub service: String,
    pub target: AwsTarget,
    pub request_parameters: Vec<(String, String)>,
    pub request_templates: IndexMap<String, DeployText>,
    pub responses: Vec<ResponseSet>,
    pub grants: Vec<IamGrant>,
    pub resources: Vec<Resource>,
}

impl AwsCall {
    /// The ready-made call of the vocabulary's table, or `None` for the general form.
    pub fn ready(&self) -> Option<&'static ReadyCall> {
        let name = match self {
            AwsCall::Service { .. } => return None,
            AwsCall::DynamoDbPutItem { .. } => "dynamodb::put_item",
            AwsCall::DynamoDbGetItem { .. } => "dynamodb::get_item",
            AwsCall::DynamoDbQuery { .. } => "dynamodb::query",
            AwsCall::SqsSendMessage { .. } => "sqs::send_message",
            AwsCall::SnsPublish { .. } => "sns::publish",
            AwsCall::EventBridgePutEvents { .. } => "eventbridge::put_events",
            AwsCall::StepFunctionsStart { .. } => "step_functions::start_execution",
            AwsCall::StepFunctionsStartSync { .. } => "step_functions::start_sync_execution",
            AwsCall::StepFunctionsStop { .. } => "step_functions::stop_execution",
        };
        ReadyCall::find(name)
    }
}

impl AwsIntegration {
    /// `call` as it comes, nothing overridden.
    pub const fn new(call: AwsCall) -> Self {
        AwsIntegration {
            call,
            http_method: None,
            request_parameters: List::Borrowed(&[]),
            request_templates: None,
            responses: None,
            success_status: None,
            options: MappingOptions::NONE,
        }
    }

    /// The call as declared, with the user's overrides applied.
    pub(crate) fn resolved(&self) -> Base {
        let mut base = calls::base(&self.call, self.success_status);
        match &base.target {
            // A path's `{param}`s are filled like an S3 key's or a URL's.
            AwsTarget::Path(path) if matches!(self.call, AwsCall::Service { .. }) => {
                base.request_parameters =
                    crate::spec::params::with_placeholders(path, self.request_parameters.iter());
            }
            _ => {
                for p in self.request_parameters.iter() {
                    crate::spec::params::insert(
                        &mut base.request_parameters,
                        p.target.expression(),
                        p.source.expression(),
                    );
                }
            }
        }
        if let Some(templates) = &self.request_templates {
            base.request_templates = render_templates(templates);
        }
        if let Some(r) = &self.responses {
            base.responses = r.to_vec();
        }
        base
    }

    /// The integration URI.
    pub fn uri(&self) -> String {
        let base = calls::base(&self.call, None);
        uri(&base.service, &base.target)
    }
}

fn uri(service: &str, target: &AwsTarget) -> String {
    format!(
        "arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:{service}:{}",
        target.uri_suffix()
    )
}

impl Integration for AwsIntegration {
    fn kind(&self) -> &'static str {
        "aws"
    }

    fn render(&self, _: &RenderContext<'_>) -> IntegrationObject {
        let base = self.resolved();
        let mut obj = IntegrationObject::new(IntegrationType::Aws);
        obj.http_method = Some(self.http_method.unwrap_or(Method::Post).as_str().into());
        obj.uri = Some(sub(uri(&base.service, &base.target)));
        obj.request_parameters = base.request_parameters.into_iter().collect();
        apply_options(&mut obj, &self.options);
        obj.passthrough_behavior = Some(PassthroughBehavior::resolve(
            self.options.passthrough,
            !base.request_templates.is_empty(),
        ));
        obj.request_templates = base.request_templates;
        obj.responses = render_responses(&base.responses);
        obj
    }

    fn grants(&self, _: &RenderContext<'_>) -> Vec<IamGrant> {
        calls::base(&self.call, None).grants
    }

    fn resources(&self) -> Vec<Resource> {
        calls::base(&self.call, None).resources
    }

    fn answers(&self) -> Option<Vec<StatusCode>> {
        Some(match (&self.responses, self.call.ready()) {
            (Some(sets), _) => responses::answers(sets),
            (None, Some(ready)) => ready.answers(self.success_status),
            (None, None) => vec![self.success_status.unwrap_or(StatusCode::OK)],
        })
    }
}

/// The general form's responses when none are given: every answer is the success.
pub(crate) fn general_responses(success: Option<StatusCode>) -> Vec<ResponseSet> {
    vec![ResponseSet::Mapping(crate::spec::ResponseMapping::status(
        SelectionKey::Default,
        success.unwrap_or(StatusCode::OK),
    ))]
}

/// Any infrastructure reference const (`Table`, `Queue`, `StateMachine<_>`, ...), as the untyped
/// [`Resource`] grants and templates are built from.
pub trait InfraRef {
    /// The untyped reference.
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
