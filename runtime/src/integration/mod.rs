//! Integrations: how API Gateway serves an operation. Each built-in kind is a declaration (plain
//! data the macros emit, in the vocabulary of `apigw-spec`) that renders the typed
//! `x-amazon-apigateway-integration` object and declares the IAM grants and infrastructure it
//! needs. A custom integration implements [`Integration`] itself.

pub(crate) mod aws;
pub(crate) mod custom;
pub(crate) mod http;
pub(crate) mod lambda_custom;
pub(crate) mod lambda_proxy;
pub(crate) mod mock;
pub(crate) mod object;
pub(crate) mod s3;

/// The ready-made AWS calls, named like `#[aws_integration(dynamodb::get_item(...))]` writes them.
pub use aws::calls;
pub use aws::{AwsCall, AwsIntegration, Execution, InfraRef, SyncStart};
pub use custom::{DeclaredBy, IntegrationStatuses, Status, StatusSet, assert_custom};
pub use http::{HttpConnection, HttpIntegration};
pub use lambda_custom::{ENVELOPE_TAG, Envelope, LambdaCustom, Outcome, envelope_template};
pub use lambda_proxy::LambdaProxy;
pub use mock::{MockIntegration, MockSource};
pub use object::{CfnValue, DeployText, IntegrationObject, IntegrationResponse, TlsConfig, sub};
pub use s3::{BucketListing, ListedBucket, ListedObject, ObjectListing, S3Bucket, S3Integration};

use indexmap::IndexMap;

use crate::infra::Resource;
use crate::model::OperationDescriptor;
use crate::spec::responses::{self, ResponseMapping, ResponseSet};
use crate::spec::{MappingOptions, SelectionKey, StatusCode, Template};

/// What an integration knows about where it is rendered.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// The operation the integration serves.
    pub operation: &'a OperationDescriptor,
}

impl RenderContext<'_> {
    /// The CloudFormation logical id of the Lambda function that serves this operation.
    pub fn function_logical_id(&self) -> String {
        crate::naming::function_logical_id(self.operation.function)
    }
}

/// An IAM permission the role API Gateway assumes needs: exactly these actions on exactly these
/// resources (least privilege; the template renders one role per integration that has grants).
#[derive(Debug, Clone, PartialEq)]
pub struct IamGrant {
    /// IAM actions (`s3:GetObject`).
    pub actions: Vec<String>,
    /// ARNs, usually `{"Fn::Sub": ...}` built from an [`infra::Resource`](crate::infra::Resource).
    pub resources: Vec<CfnValue>,
}

/// A backend API Gateway talks to for an operation. The built-in attributes declare one; a
/// custom integration implements it to render its own object.
pub trait Integration: Send + Sync + 'static {
    /// Short kind name for summaries (`mock`, `s3`, ...).
    fn kind(&self) -> &'static str;

    /// The `x-amazon-apigateway-integration` object. When [`Integration::grants`] is not empty,
    /// leave `credentials` unset: the renderer points it at the role the template creates.
    fn render(&self, cx: &RenderContext<'_>) -> IntegrationObject;

    /// What the role API Gateway assumes may do for this integration.
    fn grants(&self, _cx: &RenderContext<'_>) -> Vec<IamGrant> {
        Vec::new()
    }

    /// The infrastructure it references: owned ones are created by the template, imported ones
    /// become parameters.
    fn resources(&self) -> Vec<Resource> {
        Vec::new()
    }

    /// Content types this integration sends or receives as binary: the API's
    /// `x-amazon-apigateway-binary-media-types` is the sorted union over all operations.
    fn binary_media_types(&self) -> Vec<&'static str> {
        Vec::new()
    }

    /// Every status the integration can answer, known from its declaration without rendering it
    /// (the registry checks them on every start). `None`: only rendering tells (a custom
    /// integration), so synth checks the rendered object instead.
    fn answers(&self) -> Option<Vec<StatusCode>> {
        None
    }
}

/// The `responses` object of `sets`, composed as the vocabulary defines it.
pub(crate) fn render_responses(
    sets: &[ResponseSet],
) -> IndexMap<SelectionKey, IntegrationResponse> {
    responses::compose(sets)
        .into_iter()
        .map(|c| (c.mapping.key.clone(), render_mapping(&c.mapping)))
        .collect()
}

/// One integration response.
pub(crate) fn render_mapping(m: &ResponseMapping) -> IntegrationResponse {
    let mut r = IntegrationResponse::status(m.status);
    for h in m.headers.iter() {
        r.response_parameters.insert(h.key(), h.source.expression());
    }
    for t in m.templates.iter() {
        r.response_templates
            .insert(t.content_type.to_string(), t.text.to_string());
    }
    r.content_handling = m.content_handling;
    r
}

/// `templates` keyed by content type, as written.
pub(crate) fn render_templates(templates: &[Template]) -> IndexMap<String, DeployText> {
    templates
        .iter()
        .map(|t| {
            (
                t.content_type.to_string(),
                DeployText::Plain(t.text.to_string()),
            )
        })
        .collect()
}

/// Sets the options every non-proxy kind shares.
pub(crate) fn apply_options(obj: &mut IntegrationObject, options: &MappingOptions) {
    obj.passthrough_behavior = options.passthrough;
    obj.content_handling = options.content_handling;
    obj.timeout_in_millis = options.timeout_ms;
}

/// The request parameters of an integration whose uri has `{name}` placeholders.
pub(crate) fn request_parameters<'a>(
    template: &str,
    explicit: impl IntoIterator<Item = &'a crate::spec::RequestParameter> + Clone,
) -> IndexMap<String, String> {
    crate::spec::params::with_placeholders(template, explicit)
        .into_iter()
        .collect()
}
