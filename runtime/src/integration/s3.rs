//! S3 integrations: API Gateway reads, writes or deletes an object itself (`type: aws`, the S3
//! path form), with a role allowed exactly that action on exactly the keys the path can name.

use super::params::{self, RequestParameter, ResponseHeader};
use super::response_sets::{self, ResponseSet};
use super::{
    ContentHandling, IamGrant, Integration, IntegrationObject, IntegrationType,
    PassthroughBehavior, RenderContext, object::sub,
};
use crate::infra::{Bucket, Resource};

/// The S3 operation, chosen by the integration's HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum S3Method {
    /// GetObject.
    Get,
    /// PutObject.
    Put,
    /// DeleteObject.
    Delete,
    /// HeadObject (authorized by `s3:GetObject`).
    Head,
}

impl S3Method {
    pub fn as_str(self) -> &'static str {
        match self {
            S3Method::Get => "GET",
            S3Method::Put => "PUT",
            S3Method::Delete => "DELETE",
            S3Method::Head => "HEAD",
        }
    }

    /// The one IAM action the method needs.
    pub fn iam_action(self) -> &'static str {
        match self {
            S3Method::Get | S3Method::Head => "s3:GetObject",
            S3Method::Put => "s3:PutObject",
            S3Method::Delete => "s3:DeleteObject",
        }
    }
}

/// The headers of S3's answer a client expects on a successful response.
pub const S3_PASS_HEADERS: &[ResponseHeader] = &[
    ResponseHeader::pass("Content-Type"),
    ResponseHeader::pass("Content-Length"),
    ResponseHeader::pass("Date"),
    ResponseHeader::pass("ETag"),
];

/// The response sets used when none are given: the object passed through, S3's errors as JSON.
pub const S3_DEFAULT_RESPONSES: &[ResponseSet] = &[
    ResponseSet::DefaultPassthrough {
        status: 200,
        headers: S3_PASS_HEADERS,
        content_handling: None,
    },
    ResponseSet::S3JsonErrorMessage,
];

/// `#[s3_integration(...)]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct S3Integration {
    pub bucket: Bucket,
    pub method: S3Method,
    /// The object key template, without a leading `/`: `my-pets/{petId}/details.json`.
    pub key: &'static str,
    /// Mappings besides the `{param}` <- path parameter ones the key implies.
    pub request_parameters: &'static [RequestParameter],
    pub responses: &'static [ResponseSet],
    /// Content types served as binary (the API's `x-amazon-apigateway-binary-media-types`).
    pub binary_media_types: &'static [&'static str],
    pub content_handling: Option<ContentHandling>,
    pub passthrough: Option<PassthroughBehavior>,
    pub timeout_ms: Option<u32>,
}

impl S3Integration {
    /// `method` on `bucket/key` with the default responses; set the other fields as needed.
    pub const fn new(bucket: Bucket, method: S3Method, key: &'static str) -> Self {
        S3Integration {
            bucket,
            method,
            key,
            request_parameters: &[],
            responses: S3_DEFAULT_RESPONSES,
            binary_media_types: &[],
            content_handling: None,
            passthrough: None,
            timeout_ms: None,
        }
    }

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
            key_pattern(&self.key_sub())
        ))
    }
}

/// `my-pets/{petId}/details.json` -> `my-pets/*/details.json`.
pub fn key_pattern(key: &str) -> String {
    let mut out = String::new();
    let mut rest = key;
    while let Some(start) = rest.find('{') {
        let is_sub = start > 0 && rest.as_bytes()[start - 1] == b'$';
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        out.push_str(&rest[..start]);
        if is_sub {
            out.push_str(&rest[start..start + end + 1]);
        } else {
            out.push('*');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
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
        obj.request_parameters = params::with_placeholders(self.key, self.request_parameters);
        obj.passthrough_behavior =
            Some(self.passthrough.unwrap_or(PassthroughBehavior::WhenNoMatch));
        obj.content_handling = self.content_handling;
        obj.timeout_in_millis = self.timeout_ms;
        obj.responses = response_sets::compose(self.responses);
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_pattern_replaces_placeholders_only() {
        assert_eq!(key_pattern("a/{x}/b/{y}.json"), "a/*/b/*.json");
        assert_eq!(key_pattern("a/${!x}/{y}"), "a/${!x}/*");
        assert_eq!(key_pattern("plain"), "plain");
    }
}
