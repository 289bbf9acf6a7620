//! S3 integrations: API Gateway calls S3 itself (`type: aws`, the S3 path form) to read, write or
//! delete an object, list a bucket or the account's buckets, or create or delete a bucket, with
//! a role allowed exactly that call on exactly what the uri can name.
//!
//! The JSON listings' shapes are types here ([`ObjectListing`], [`BucketListing`]): an operation
//! declares them as its success body, and the templates that produce them
//! ([`s3::OBJECT_LISTING_TEMPLATE`](crate::spec::s3::OBJECT_LISTING_TEMPLATE)) are proven against
//! them on real S3 XML.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::object::{DeployText, IntegrationObject, sub};
use super::{IamGrant, Integration, RenderContext, apply_options, render_mapping};
use crate::infra::{Bucket, Resource};
use crate::spec::options::IntegrationType;
use crate::spec::s3::{self, S3Call, Scope};
use crate::spec::{
    List, MappingOptions, ParamSource, ParamTarget, PassthroughBehavior, RequestParameter,
    ResponseSet, StatusCode, Str,
};

/// `#[s3_integration(...)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct S3Integration {
    /// The bucket; `None` only for ListBuckets, which names none.
    pub bucket: Option<S3Bucket>,
    /// The S3 call (an object action, a listing, a bucket call).
    pub call: S3Call,
    /// The object key template of an object call, without a leading `/`:
    /// `my-pets/{petId}/details.json`. Empty for bucket and service calls.
    pub key: Str,
    /// Mappings besides the `{param}` <- path parameter ones the key implies, the bucket's and
    /// the call's own query parameters.
    pub request_parameters: List<RequestParameter>,
    /// Composed in order as S3 reads them ([`s3::compose`]); the macros resolve the defaults.
    pub responses: List<ResponseSet>,
    /// Content types served as binary (the API's `x-amazon-apigateway-binary-media-types`).
    pub binary_media_types: List<&'static str>,
    /// Passthrough, content handling, timeout.
    pub options: MappingOptions,
}

/// The bucket an S3 integration calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum S3Bucket {
    /// A bucket named in Rust (`bucket = PETS`): created by the template or imported.
    Named(Bucket),
    /// A bucket the request names (`bucket = path("folder")`): `{bucket}` in the uri, filled from
    /// `source`. The role may use the buckets `pattern` matches, and no others.
    Request {
        /// The request parameter that names the bucket.
        source: ParamSource,
        /// The bucket names the role may use (`apigw-demo-*`).
        pattern: Str,
    },
}

impl S3Bucket {
    /// The bucket's name in the uri (inside an `Fn::Sub`).
    fn uri_name(&self) -> String {
        match self {
            S3Bucket::Named(b) => b.resource().name_sub(),
            S3Bucket::Request { .. } => format!("{{{}}}", s3::BUCKET_PLACEHOLDER),
        }
    }

    /// The bucket ARN (pattern) the role is granted, inside an `Fn::Sub`.
    fn arn_sub(&self) -> String {
        match self {
            S3Bucket::Named(b) => b.resource().arn_sub(),
            S3Bucket::Request { pattern, .. } => {
                format!("arn:${{AWS::Partition}}:s3:::{}", escape_sub(pattern))
            }
        }
    }
}

/// One object of an [`ObjectListing`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListedObject {
    /// The object's key, slashes and all.
    pub key: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its entity tag, quotes included, as S3's `ETag` header gives it.
    pub etag: String,
    /// When it was last written (ISO 8601, UTC).
    pub last_modified: String,
}

/// A page of a bucket's objects: what `#[s3_integration(list_objects = "json")]` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ObjectListing {
    /// The objects of this page, in key order.
    pub objects: Vec<ListedObject>,
    /// With a delimiter: the key prefixes rolled up into one entry each ("folders").
    pub prefixes: Vec<String>,
    /// Whether more keys follow.
    pub truncated: bool,
    /// The token that asks for the next page, when there is one.
    pub next_continuation_token: Option<String>,
}

/// One bucket of a [`BucketListing`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListedBucket {
    /// The bucket's name.
    pub name: String,
    /// When it was created (ISO 8601).
    pub creation_date: String,
}

/// A page of the account's buckets: what `#[s3_integration(list_buckets = "json")]` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BucketListing {
    /// The buckets of this page.
    pub buckets: Vec<ListedBucket>,
    /// The token that asks for the next page, when there is one.
    pub next_continuation_token: Option<String>,
}

/// The request template of CreateBucket: outside `us-east-1`, S3 refuses a bucket created
/// without a `LocationConstraint` naming the region of the endpoint it was sent to.
const CREATE_BUCKET_TEMPLATE: &str = "#if(\"${AWS::Region}\" != \"us-east-1\")<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>${AWS::Region}</LocationConstraint></CreateBucketConfiguration>#end";

impl S3Integration {
    /// The key without a leading `/`, `${` escaped for `Fn::Sub`.
    fn key_sub(&self) -> String {
        escape_sub(self.key.trim_start_matches('/'))
    }

    fn bucket_uri_name(&self) -> String {
        self.bucket
            .as_ref()
            .map(S3Bucket::uri_name)
            .unwrap_or_default()
    }

    /// `arn:aws:apigateway:${AWS::Region}:s3:path/<bucket>/<key>`; `s3:path/<bucket>` for a
    /// bucket call; `s3:path//` for ListBuckets (AWS's own spelling of the service root).
    pub fn uri(&self) -> Value {
        let path = match self.call.scope() {
            Scope::Service => "/".to_string(),
            Scope::Bucket => self.bucket_uri_name(),
            Scope::Object => format!("{}/{}", self.bucket_uri_name(), self.key_sub()),
        };
        sub(format!(
            "arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:s3:path/{path}"
        ))
    }

    /// The object ARNs the key can name: each `{param}` becomes `*`.
    pub fn object_arn(&self) -> Value {
        let bucket = self
            .bucket
            .as_ref()
            .map(S3Bucket::arn_sub)
            .unwrap_or_default();
        sub(format!("{bucket}/{}", s3::key_wildcard(&self.key_sub())))
    }

    /// The bucket's ARN (for a bucket the request names, the declared pattern's).
    pub fn bucket_arn(&self) -> Value {
        sub(self
            .bucket
            .as_ref()
            .map(S3Bucket::arn_sub)
            .unwrap_or_default())
    }

    /// The bucket's mapping, the call's own query parameters, then the user's.
    fn explicit_parameters(&self) -> Vec<RequestParameter> {
        let mut out = Vec::new();
        if let Some(S3Bucket::Request { source, .. }) = &self.bucket {
            out.push(RequestParameter {
                target: ParamTarget::Path(Str::Borrowed(s3::BUCKET_PLACEHOLDER)),
                source: source.clone(),
            });
        }
        for (name, value) in self.call.fixed_query() {
            out.push(RequestParameter {
                target: ParamTarget::Query(Str::Borrowed(name)),
                source: ParamSource::Literal(Str::Borrowed(value)),
            });
        }
        out.extend(self.request_parameters.iter().cloned());
        out
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
        obj.http_method = Some(self.call.http_method().into());
        obj.uri = Some(self.uri());
        obj.request_parameters =
            super::request_parameters(&self.key, self.explicit_parameters().iter());
        if self.call == S3Call::CreateBucket {
            obj.request_templates.insert(
                crate::spec::template::JSON.to_string(),
                DeployText::Sub(CREATE_BUCKET_TEMPLATE.to_string()),
            );
        }
        apply_options(&mut obj, &self.options);
        obj.passthrough_behavior = Some(
            self.options
                .passthrough
                .unwrap_or(PassthroughBehavior::WhenNoMatch),
        );
        obj.responses = s3::compose(self.call, &self.responses)
            .into_iter()
            .map(|c| (c.mapping.key.clone(), render_mapping(&c.mapping)))
            .collect();
        obj
    }

    fn grants(&self, _: &RenderContext<'_>) -> Vec<IamGrant> {
        let action = vec![self.call.iam_action().to_string()];
        match self.call.scope() {
            Scope::Service => vec![IamGrant {
                actions: action,
                // ListAllMyBuckets has no resource type: IAM only accepts `*` for it.
                resources: vec![Value::String("*".into())],
            }],
            Scope::Bucket => vec![IamGrant {
                actions: action,
                resources: vec![self.bucket_arn()],
            }],
            Scope::Object => {
                let mut grants = vec![IamGrant {
                    actions: action,
                    resources: vec![self.object_arn()],
                }];
                if s3::needs_list_bucket(self.call, &s3::compose(self.call, &self.responses)) {
                    grants.push(IamGrant {
                        actions: vec![s3::LIST_BUCKET_ACTION.to_string()],
                        resources: vec![self.bucket_arn()],
                    });
                }
                grants
            }
        }
    }

    fn resources(&self) -> Vec<Resource> {
        match &self.bucket {
            Some(S3Bucket::Named(b)) => vec![b.resource()],
            _ => Vec::new(),
        }
    }

    fn binary_media_types(&self) -> Vec<&'static str> {
        self.binary_media_types.to_vec()
    }

    fn answers(&self) -> Option<Vec<StatusCode>> {
        Some(s3::answers(self.call, &self.responses))
    }
}
