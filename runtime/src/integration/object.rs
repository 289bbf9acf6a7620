//! `x-amazon-apigateway-integration`, every field typed. Enumerations are Rust enums; values that
//! CloudFormation resolves at deploy time (`uri`, `credentials`, `connectionId`) are `CfnValue`s.

use indexmap::IndexMap;
use serde::Serialize;

/// A string, or a CloudFormation intrinsic (`{"Fn::Sub": ...}`, `{"Ref": ...}`) resolved at deploy.
pub type CfnValue = serde_json::Value;

/// `{"Fn::Sub": template}`.
pub fn sub(template: impl Into<String>) -> CfnValue {
    serde_json::json!({ "Fn::Sub": template.into() })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrationType {
    Aws,
    AwsProxy,
    Http,
    HttpProxy,
    Mock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassthroughBehavior {
    WhenNoMatch,
    WhenNoTemplates,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContentHandling {
    ConvertToText,
    ConvertToBinary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConnectionType {
    Internet,
    VpcLink,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationResponse {
    pub status_code: String,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub response_parameters: IndexMap<String, String>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub response_templates: IndexMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<ContentHandling>,
}

impl IntegrationResponse {
    pub fn status(code: u16) -> Self {
        IntegrationResponse {
            status_code: code.to_string(),
            ..Default::default()
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
    pub request_templates: IndexMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passthrough_behavior: Option<PassthroughBehavior>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<ContentHandling>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_in_millis: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_namespace: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cache_key_parameters: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_config: Option<TlsConfig>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub responses: IndexMap<String, IntegrationResponse>,
    /// `requestTemplates` / `requestParameters` entries whose text holds `${...}` CloudFormation
    /// references (a table name, a topic ARN): [`IntegrationObject::to_json`] renders them as
    /// `{"Fn::Sub": text}`, so the deployed API sees resolved names. Plain strings otherwise.
    #[serde(skip)]
    pub deploy_time: Vec<DeployTimeField>,
}

/// An entry of the object whose value CloudFormation completes at deploy time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeployTimeField {
    RequestTemplate(String),
    RequestParameter(String),
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
            deploy_time: Vec::new(),
        }
    }

    /// The object as it goes into the OpenAPI document: serialized, with the
    /// [`deploy_time`](IntegrationObject::deploy_time) entries wrapped in `Fn::Sub`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        for field in &self.deploy_time {
            let (map, key) = match field {
                DeployTimeField::RequestTemplate(k) => ("requestTemplates", k),
                DeployTimeField::RequestParameter(k) => ("requestParameters", k),
            };
            if let Some(slot) = v.get_mut(map).and_then(|m| m.get_mut(key.as_str()))
                && let serde_json::Value::String(text) = slot
            {
                *slot = sub(std::mem::take(text));
            }
        }
        v
    }

    /// Every status code the integration responses can produce.
    pub fn statuses(&self) -> impl Iterator<Item = &str> {
        self.responses.values().map(|r| r.status_code.as_str())
    }
}
