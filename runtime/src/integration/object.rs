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
    /// The text, references unresolved.
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

/// `tlsConfig` of an HTTP integration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsConfig {
    /// `insecureSkipVerification`: accept any certificate of the backend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insecure_skip_verification: Option<bool>,
    /// `serverNameToVerify`: the name the certificate must carry (private integrations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_name_to_verify: Option<String>,
}

/// One entry of `responses`: how a backend result becomes a method response.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationResponse {
    /// The method response it becomes.
    pub status_code: StatusCode,
    /// `method.response.header.X` <- source.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub response_parameters: IndexMap<String, String>,
    /// Response templates by content type.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub response_templates: IndexMap<String, String>,
    /// Conversion of the backend's body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<ContentHandling>,
}

impl IntegrationResponse {
    /// A response of status `code`, nothing mapped.
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
    /// `type`: `aws`, `aws_proxy`, `http`, `http_proxy` or `mock`.
    #[serde(rename = "type")]
    pub kind: IntegrationType,
    /// `httpMethod`: the method toward the backend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_method: Option<String>,
    /// `uri`: the backend (a URL, or an `arn:aws:apigateway:...` service URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<CfnValue>,
    /// `credentials`: the role API Gateway assumes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<CfnValue>,
    /// `connectionType`: `INTERNET` or `VPC_LINK`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_type: Option<ConnectionType>,
    /// `connectionId`: the VPC link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<CfnValue>,
    /// `requestParameters`: `integration.request.*` <- source.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub request_parameters: IndexMap<String, String>,
    /// `requestTemplates` by content type.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub request_templates: IndexMap<String, DeployText>,
    /// `passthroughBehavior`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passthrough_behavior: Option<PassthroughBehavior>,
    /// `contentHandling` of the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<ContentHandling>,
    /// `timeoutInMillis`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_in_millis: Option<TimeoutMs>,
    /// `cacheNamespace`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_namespace: Option<String>,
    /// `cacheKeyParameters`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cache_key_parameters: Vec<String>,
    /// `tlsConfig`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_config: Option<TlsConfig>,
    /// `responses`, by selection key, in the order API Gateway tries them.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub responses: IndexMap<SelectionKey, IntegrationResponse>,
}

impl IntegrationObject {
    /// An integration of type `kind`, nothing else set.
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
