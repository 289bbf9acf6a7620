//! `x-amazon-apigateway-integration`, every field typed. Enumerations and keys are the
//! vocabulary's types; values that CloudFormation resolves at deploy time (`uri`, `credentials`,
//! `connectionId`, templates naming a resource) say so in their type.

use indexmap::IndexMap;
use serde::Serialize;

use crate::spec::options::{ConnectionType, IntegrationType};
use crate::spec::{ContentHandling, PassthroughBehavior, SelectionKey, StatusCode, TimeoutMs};

/// A string, or a CloudFormation intrinsic (`{"Fn::Sub": ...}`, `{"Ref": ...}`) resolved at deploy.
pub type CfnValue = serde_json::Value;

/// `{"Fn::Sub": template}`.
pub fn sub(template: impl Into<String>) -> CfnValue {
    serde_json::json!({ "Fn::Sub": template.into() })
}

/// Text of the object that CloudFormation may complete at deploy time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeployText {
    /// Sent as written.
    Plain(String),
    /// Holds `${...}` CloudFormation references (a table name, a topic ARN): rendered as
    /// `{"Fn::Sub": text}`, so the deployed API sees resolved names.
    Sub(String),
}

impl DeployText {
    pub fn as_str(&self) -> &str {
        match self {
            DeployText::Plain(s) | DeployText::Sub(s) => s,
        }
    }
}

impl From<&str> for DeployText {
    fn from(s: &str) -> Self {
        DeployText::Plain(s.to_string())
    }
}

impl From<String> for DeployText {
    fn from(s: String) -> Self {
        DeployText::Plain(s)
    }
}

impl Serialize for DeployText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DeployText::Plain(t) => s.serialize_str(t),
            DeployText::Sub(t) => sub(t.as_str()).serialize(s),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insecure_skip_verification: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_name_to_verify: Option<String>,
}

/// One entry of `responses`: how a backend result becomes a method response.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationResponse {
    pub status_code: StatusCode,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub response_parameters: IndexMap<String, String>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub response_templates: IndexMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<ContentHandling>,
}

impl IntegrationResponse {
    pub fn status(code: StatusCode) -> Self {
        IntegrationResponse {
            status_code: code,
            response_parameters: IndexMap::new(),
            response_templates: IndexMap::new(),
            content_handling: None,
        }
    }
}

/// The whole `x-amazon-apigateway-integration` object. Maps keep insertion order: the order of
/// `responses` is the order API Gateway tries selection patterns in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationObject {
    #[serde(rename = "type")]
    pub kind: IntegrationType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<CfnValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<CfnValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_type: Option<ConnectionType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<CfnValue>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub request_parameters: IndexMap<String, String>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub request_templates: IndexMap<String, DeployText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passthrough_behavior: Option<PassthroughBehavior>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<ContentHandling>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_in_millis: Option<TimeoutMs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_namespace: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cache_key_parameters: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_config: Option<TlsConfig>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub responses: IndexMap<SelectionKey, IntegrationResponse>,
}

impl IntegrationObject {
    pub fn new(kind: IntegrationType) -> Self {
        IntegrationObject {
            kind,
            http_method: None,
            uri: None,
            credentials: None,
            connection_type: None,
            connection_id: None,
            request_parameters: IndexMap::new(),
            request_templates: IndexMap::new(),
            passthrough_behavior: None,
            content_handling: None,
            timeout_in_millis: None,
            cache_namespace: None,
            cache_key_parameters: Vec::new(),
            tls_config: None,
            responses: IndexMap::new(),
        }
    }

    /// The object as it goes into the OpenAPI document.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Every status code the integration responses can produce.
    pub fn statuses(&self) -> impl Iterator<Item = StatusCode> + '_ {
        self.responses.values().map(|r| r.status_code)
    }
}
