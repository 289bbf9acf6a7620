//! Integrations: how API Gateway serves an operation. One module per kind; each renders the
//! typed `x-amazon-apigateway-integration` object and declares the IAM grants it needs.

pub mod aws;
pub mod custom;
pub mod http;
pub mod lambda;
pub mod lambda_custom;
pub mod mock;
pub mod object;
pub mod params;
pub mod response_sets;
pub mod s3;

pub use aws::AwsIntegration;
pub use custom::{IntegrationStatuses, Status, StatusSet};
pub use http::{HttpConnection, HttpIntegration};
pub use lambda::LambdaProxy;
pub use lambda_custom::LambdaCustom;
pub use mock::MockIntegration;
pub use object::*;
pub use params::{ParamSource, ParamTarget, RequestParameter, ResponseHeader, ResponseSource};
pub use response_sets::{CustomResponse, ResponseSet};
pub use s3::{S3Integration, S3Method};

use crate::model::OperationDescriptor;

/// What an integration knows about where it is rendered.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
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
    pub actions: Vec<String>,
    /// ARNs, usually `{"Fn::Sub": ...}` built from an [`infra::Resource`](crate::infra::Resource).
    pub resources: Vec<CfnValue>,
}

/// A backend API Gateway talks to for an operation. The built-in attributes construct one; a
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
    fn resources(&self) -> Vec<crate::infra::Resource> {
        Vec::new()
    }

    /// Content types this integration sends or receives as binary: the API's
    /// `x-amazon-apigateway-binary-media-types` is the sorted union over all operations.
    fn binary_media_types(&self) -> Vec<&'static str> {
        Vec::new()
    }
}

/// The builder methods every `type: aws` integration with response mappings shares
/// (`passthrough`, `content_handling`, `timeout_ms`, `responses`), written once. The
/// `passthrough` field may be optional or not: `into()` fills either.
macro_rules! mapping_builders {
    () => {
        pub fn passthrough(mut self, p: $crate::integration::PassthroughBehavior) -> Self {
            self.passthrough = p.into();
            self
        }

        pub fn content_handling(mut self, c: $crate::integration::ContentHandling) -> Self {
            self.content_handling = Some(c);
            self
        }

        pub fn timeout_ms(mut self, ms: u32) -> Self {
            self.timeout_ms = Some(ms);
            self
        }

        /// Replaces every response mapping.
        pub fn responses(
            mut self,
            responses: Vec<(String, $crate::integration::IntegrationResponse)>,
        ) -> Self {
            self.responses = responses.into_iter().collect();
            self
        }
    };
}
pub(crate) use mapping_builders;
