//! S3 integrations: API Gateway reads, writes or deletes an object itself (`type: aws`, the S3
//! path form), with a role allowed exactly that action on exactly the keys the path can name.

use super::object::{IntegrationObject, sub};
use super::{IamGrant, Integration, RenderContext, apply_options, render_responses};
use crate::infra::{Bucket, Resource};
use crate::spec::options::IntegrationType;
use crate::spec::s3::S3Method;
use crate::spec::{
    List, MappingOptions, PassthroughBehavior, RequestParameter, ResponseSet, StatusCode, Str,
    placeholder, responses,
};

/// `#[s3_integration(...)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct S3Integration {
    /// The bucket.
    pub bucket: Bucket,
    /// The object action.
    pub method: S3Method,
    /// The object key template, without a leading `/`: `my-pets/{petId}/details.json`.
    pub key: Str,
    /// Mappings besides the `{param}` <- path parameter ones the key implies.
    pub request_parameters: List<RequestParameter>,
    /// Composed in order (the macros resolve the defaults).
    pub responses: List<ResponseSet>,
    /// Content types served as binary (the API's `x-amazon-apigateway-binary-media-types`).
    pub binary_media_types: List<&'static str>,
    /// Passthrough, content handling, timeout.
    pub options: MappingOptions,
}

impl S3Integration {
    fn resource(&self) -> Resource {
        self.bucket.resource()
    }

    /// The key without a leading `/`, `${` escaped for `Fn::Sub`.
    fn key_sub(&self) -> String {
        escape_sub(self.key.trim_start_matches('/'))
    }

    /// `arn:aws:apigateway:${AWS::Region}:s3:path/<bucket>/<key>`.
    pub fn uri(&self) -> serde_json::Value {
        sub(format!(
            "arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:s3:path/{}/{}",
            self.resource().name_sub(),
            self.key_sub()
        ))
    }

    /// The object ARNs the key can name: each `{param}` becomes `*`.
    pub fn object_arn(&self) -> serde_json::Value {
        sub(format!(
            "{}/{}",
            self.resource().arn_sub(),
            placeholder::wildcard(&self.key_sub())
        ))
    }
}

/// A literal for `Fn::Sub`: `${` would start a reference, `${!` writes it literally.
fn escape_sub(s: &str) -> String {
    s.replace("${", "${!")
}

impl Integration for S3Integration {
    fn kind(&self) -> &'static str {
        "s3"
    }

    fn render(&self, _: &RenderContext<'_>) -> IntegrationObject {
        let mut obj = IntegrationObject::new(IntegrationType::Aws);
        obj.http_method = Some(self.method.as_str().into());
        obj.uri = Some(self.uri());
        obj.request_parameters =
            super::request_parameters(&self.key, self.request_parameters.iter());
        apply_options(&mut obj, &self.options);
        obj.passthrough_behavior = Some(
            self.options
                .passthrough
                .unwrap_or(PassthroughBehavior::WhenNoMatch),
        );
        obj.responses = render_responses(&self.responses);
        obj
    }

    fn grants(&self, _: &RenderContext<'_>) -> Vec<IamGrant> {
        vec![IamGrant {
            actions: vec![self.method.iam_action().into()],
            resources: vec![self.object_arn()],
        }]
    }

    fn resources(&self) -> Vec<Resource> {
        vec![self.resource()]
    }

    fn binary_media_types(&self) -> Vec<&'static str> {
        self.binary_media_types.to_vec()
    }

    fn answers(&self) -> Option<Vec<StatusCode>> {
        Some(responses::answers(&self.responses))
    }
}
