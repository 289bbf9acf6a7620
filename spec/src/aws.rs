//! AWS service integrations (`type: aws`): how an integration names the call it makes, and the
//! ready-made calls apigw knows (`dynamodb::get_item(...)`, ...) as a table: their arguments and
//! every status their response mappings can answer. The macros read the table to parse and check a
//! call; the runtime reads it to render one.

use crate::Str;
use crate::status::StatusCode;

/// How the integration names what it calls: `action/SendMessage` or `path/...`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AwsTarget {
    Action(Str),
    /// A path after `path/`; may hold `${...}` CloudFormation references (`${AWS::AccountId}`)
    /// and `{param}` placeholders.
    Path(Str),
}

impl AwsTarget {
    /// The part of the integration uri after the service: `action/SendMessage`, `path/...`.
    pub fn uri_suffix(&self) -> String {
        match self {
            AwsTarget::Action(a) => format!("action/{a}"),
            AwsTarget::Path(p) => format!("path/{}", p.trim_start_matches('/')),
        }
    }
}

/// The selection pattern of a successful service call.
pub const SUCCESS_PATTERN: &str = "2\\d{2}";

/// What kind of value a ready-made call's argument takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// An infrastructure const (`table = PETS`); its Rust type is checked by the compiler.
    Resource,
    /// A string.
    Text,
}

/// One argument of a ready-made call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallArg {
    pub name: &'static str,
    pub kind: ArgKind,
    pub required: bool,
}

/// What a ready-made call's request template reads of the request body: what a body declared on
/// its operation (`body = ...`) must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyUse {
    /// The template ignores the body (`GetItem`, `Query`): declaring one documents nothing true.
    Ignored,
    /// The body is put in a string (an SQS message, an SNS message, a DynamoDB attribute).
    Text,
    /// The body is parsed or embedded as JSON (EventBridge's `Detail`, a Step Functions input).
    Json,
}

impl BodyUse {
    /// How a message names what the template needs.
    pub fn describe(self) -> &'static str {
        match self {
            BodyUse::Ignored => "does not read the request body",
            BodyUse::Text => "reads the request body as text",
            BodyUse::Json => "reads the request body as JSON",
        }
    }
}

/// A ready-made call: `service::call(args)` in the attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadyCall {
    /// As written: `dynamodb::get_item`.
    pub name: &'static str,
    /// The service as it appears in the integration uri (`dynamodb`, `states`).
    pub service: &'static str,
    /// The API action (`GetItem`).
    pub action: &'static str,
    pub args: &'static [CallArg],
    /// What its request template reads of the body.
    pub body: BodyUse,
    /// What the call answers besides its success status: statuses its templates set
    /// (`GetItem`'s 404 when there is no item) and the 500 of a failed call.
    pub other_statuses: &'static [u16],
}

const fn arg(name: &'static str, kind: ArgKind, required: bool) -> CallArg {
    CallArg {
        name,
        kind,
        required,
    }
}

const TABLE_KEY: &[CallArg] = &[
    arg("table", ArgKind::Resource, true),
    arg("key", ArgKind::Text, true),
];

/// Every ready-made call.
pub const READY_CALLS: &[ReadyCall] = &[
    ReadyCall {
        name: "dynamodb::put_item",
        service: "dynamodb",
        action: "PutItem",
        args: TABLE_KEY,
        body: BodyUse::Text,
        other_statuses: &[500],
    },
    ReadyCall {
        name: "dynamodb::get_item",
        service: "dynamodb",
        action: "GetItem",
        args: TABLE_KEY,
        body: BodyUse::Ignored,
        other_statuses: &[404, 500],
    },
    ReadyCall {
        name: "dynamodb::query",
        service: "dynamodb",
        action: "Query",
        args: &[
            arg("table", ArgKind::Resource, true),
            arg("key", ArgKind::Text, true),
            arg("index", ArgKind::Text, false),
        ],
        body: BodyUse::Ignored,
        other_statuses: &[500],
    },
    ReadyCall {
        name: "sqs::send_message",
        service: "sqs",
        action: "SendMessage",
        args: &[arg("queue", ArgKind::Resource, true)],
        body: BodyUse::Text,
        other_statuses: &[500],
    },
    ReadyCall {
        name: "sns::publish",
        service: "sns",
        action: "Publish",
        args: &[arg("topic", ArgKind::Resource, true)],
        body: BodyUse::Text,
        other_statuses: &[500],
    },
    ReadyCall {
        name: "eventbridge::put_events",
        service: "events",
        action: "PutEvents",
        args: &[
            arg("bus", ArgKind::Resource, true),
            arg("source", ArgKind::Text, true),
            arg("detail_type", ArgKind::Text, true),
        ],
        body: BodyUse::Json,
        other_statuses: &[500],
    },
    ReadyCall {
        name: "step_functions::start_execution",
        service: "states",
        action: "StartExecution",
        args: &[arg("machine", ArgKind::Resource, true)],
        body: BodyUse::Json,
        other_statuses: &[500],
    },
    ReadyCall {
        name: "step_functions::start_sync_execution",
        service: "states",
        action: "StartSyncExecution",
        args: &[arg("machine", ArgKind::Resource, true)],
        body: BodyUse::Json,
        other_statuses: &[500],
    },
    ReadyCall {
        name: "step_functions::stop_execution",
        service: "states",
        action: "StopExecution",
        args: &[
            arg("machine", ArgKind::Resource, true),
            arg("execution", ArgKind::Text, false),
            arg("execution_arn", ArgKind::Text, false),
        ],
        body: BodyUse::Json,
        other_statuses: &[500],
    },
];

impl ReadyCall {
    /// The call written `name` (`dynamodb::get_item`).
    pub fn find(name: &str) -> Option<&'static ReadyCall> {
        READY_CALLS.iter().find(|c| c.name == name)
    }

    /// The success status when none is chosen.
    pub const DEFAULT_SUCCESS: StatusCode = StatusCode::OK;

    /// Every status the call answers: `success` (or 200), then the others.
    pub fn answers(&self, success: Option<StatusCode>) -> Vec<StatusCode> {
        let mut out = vec![success.unwrap_or(Self::DEFAULT_SUCCESS)];
        out.extend(self.other_statuses.iter().map(|&s| StatusCode::of(s)));
        out
    }

    pub fn arg(&self, name: &str) -> Option<&CallArg> {
        self.args.iter().find(|a| a.name == name)
    }
}

/// A service name that cannot appear in an integration uri.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an AWS service name (e.g. `sqs`, `dynamodb`, `states`)")]
pub struct ServiceNameError(pub String);

/// Checks a service name as written in `service = "..."`.
pub fn check_service(name: &str) -> Result<(), ServiceNameError> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if valid {
        Ok(())
    } else {
        Err(ServiceNameError(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_answers_success_then_the_rest() {
        let get = ReadyCall::find("dynamodb::get_item").unwrap();
        let codes: Vec<u16> = get.answers(None).into_iter().map(StatusCode::get).collect();
        assert_eq!(codes, [200, 404, 500]);
        let send = ReadyCall::find("sqs::send_message").unwrap();
        let codes: Vec<u16> = send
            .answers(Some(StatusCode::of(202)))
            .into_iter()
            .map(StatusCode::get)
            .collect();
        assert_eq!(codes, [202, 500]);
        assert!(ReadyCall::find("s3::get_object").is_none());
    }

    #[test]
    fn every_call_has_a_unique_name_and_a_required_first_argument() {
        for (i, c) in READY_CALLS.iter().enumerate() {
            assert!(READY_CALLS[..i].iter().all(|o| o.name != c.name));
            assert!(c.args[0].required && c.args[0].kind == ArgKind::Resource);
            assert!(c.name.starts_with(&c.name[..c.name.find("::").unwrap()]));
        }
    }

    #[test]
    fn service_names() {
        assert!(check_service("states").is_ok());
        assert!(check_service("execute-api").is_ok());
        assert!(check_service("").is_err());
        assert!(check_service("s q s").is_err());
    }

    #[test]
    fn targets_render_their_uri_suffix() {
        assert_eq!(
            AwsTarget::Action(Str::Borrowed("SendMessage")).uri_suffix(),
            "action/SendMessage"
        );
        assert_eq!(
            AwsTarget::Path(Str::Borrowed("/a/b")).uri_suffix(),
            "path/a/b"
        );
    }
}
