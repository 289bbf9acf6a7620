//! What API Gateway tells the function about a request beyond HTTP: the event's
//! `requestContext` (stage, request id, source IP, authorizer output, domain name, ...) and the
//! stage variables, with typed accessors that read both payload formats.

use serde_json::{Map, Value};

use super::event::EventKind;

/// The request context of a proxy event, as API Gateway sent it. Handlers reach it through
/// [`Request::lambda_request_context`](crate::Request::lambda_request_context).
///
/// The accessors read the field wherever the event's format puts it (`identity.sourceIp` in
/// REST and HTTP API 1.0 events, `http.sourceIp` in HTTP API 2.0 events); a field that is absent
/// or has another JSON type reads as `None`. [`get`](Self::get) reaches any other field.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestContext {
    kind: EventKind,
    context: Map<String, Value>,
    stage_variables: Map<String, Value>,
}

impl RequestContext {
    /// The context of an event of `kind`: its `requestContext` object and its `stageVariables`.
    pub fn new(
        kind: EventKind,
        context: Map<String, Value>,
        stage_variables: Map<String, Value>,
    ) -> Self {
        RequestContext {
            kind,
            context,
            stage_variables,
        }
    }

    /// Which kind of event carried the request.
    pub fn kind(&self) -> EventKind {
        self.kind
    }

    /// `requestContext.<name>`, as sent.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.context.get(name)
    }

    fn text(&self, path: &[&str]) -> Option<&str> {
        let (last, parents) = path.split_last()?;
        let mut object = &self.context;
        for parent in parents {
            object = object.get(*parent)?.as_object()?;
        }
        object.get(*last)?.as_str()
    }

    /// `requestId`: API Gateway's id of the request (not the Lambda invocation's).
    pub fn request_id(&self) -> Option<&str> {
        self.text(&["requestId"])
    }

    /// `stage`: the stage the request came through (`$default` on HTTP APIs' default stage).
    pub fn stage(&self) -> Option<&str> {
        self.text(&["stage"])
    }

    /// `apiId`.
    pub fn api_id(&self) -> Option<&str> {
        self.text(&["apiId"])
    }

    /// `accountId`: the AWS account of the API's owner.
    pub fn account_id(&self) -> Option<&str> {
        self.text(&["accountId"])
    }

    /// `domainName`: the host name the client called (execute-api or a custom domain).
    pub fn domain_name(&self) -> Option<&str> {
        self.text(&["domainName"])
    }

    /// The client's IP address: `identity.sourceIp` (REST, HTTP API 1.0) or `http.sourceIp`
    /// (HTTP API 2.0).
    pub fn source_ip(&self) -> Option<&str> {
        self.text(&["identity", "sourceIp"])
            .or_else(|| self.text(&["http", "sourceIp"]))
    }

    /// The client's `User-Agent`, as API Gateway recorded it.
    pub fn user_agent(&self) -> Option<&str> {
        self.text(&["identity", "userAgent"])
            .or_else(|| self.text(&["http", "userAgent"]))
    }

    /// When API Gateway received the request, in milliseconds since the epoch
    /// (`requestTimeEpoch`, or `timeEpoch` in HTTP API 2.0 events).
    pub fn request_time_epoch_ms(&self) -> Option<i64> {
        ["requestTimeEpoch", "timeEpoch"]
            .iter()
            .find_map(|name| self.context.get(*name)?.as_i64())
    }

    /// `identity` (REST and HTTP API 1.0 events): caller, user ARN, API key, Cognito ids.
    pub fn identity(&self) -> Option<&Map<String, Value>> {
        self.context.get("identity")?.as_object()
    }

    /// `authorizer`: what the API's authorizer returned, as API Gateway passed it on. REST: the
    /// Lambda authorizer's `context` entries and `principalId`, or Cognito `claims`; HTTP API
    /// 2.0: `jwt` (`claims`, `scopes`), `lambda` or `iam`.
    pub fn authorizer(&self) -> Option<&Map<String, Value>> {
        self.context.get("authorizer")?.as_object()
    }

    /// The stage variable `name`.
    pub fn stage_variable(&self, name: &str) -> Option<&str> {
        self.stage_variables.get(name)?.as_str()
    }
}
