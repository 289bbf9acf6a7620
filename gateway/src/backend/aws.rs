//! `aws` integrations toward services (S3, DynamoDB, SQS, SNS, EventBridge, Step Functions,
//! Kinesis, ...): the service request API Gateway builds from the uri and the mapped request,
//! signed with SigV4 and sent to the service's endpoint.
//!
//! - Path form (`s3:path/{bucket}/{key}`, `sqs:path/{account}/{queue}`): the integration's
//!   `httpMethod` on that path, placeholders filled and encoded.
//! - Action form (`dynamodb:action/GetItem`): `POST /`; JSON-protocol services get the
//!   `X-Amz-Target` header API Gateway adds for them (DynamoDB, Step Functions, Kinesis; not
//!   EventBridge, whose templates set it); query-protocol services get `Action=<name>` (and the
//!   uri's `&Key=Value` pairs) as query parameters. S3's object actions become their REST calls.

use crate::backend::{BackendResponse, Clients, OutgoingRequest, fill_placeholders, sign};
use crate::config::GatewayConfig;
use crate::deploy::{AwsTarget, AwsUri, Integration};
use crate::gateway_response::GatewayError;
use crate::mapping::request::{IntegrationRequest, PathValue};
use crate::media::APPLICATION_JSON;

/// Services whose action form API Gateway sends as JSON with an `X-Amz-Target` header: the
/// target prefix and the content type.
const JSON_TARGETS: [(&str, &str, &str); 3] = [
    (
        "dynamodb",
        "DynamoDB_20120810",
        "application/x-amz-json-1.0",
    ),
    ("states", "AWSStepFunctions", "application/x-amz-json-1.0"),
    ("kinesis", "Kinesis_20131202", "application/x-amz-json-1.1"),
];

/// S3 object actions of the action form, as the REST calls they are.
const S3_ACTIONS: [(&str, &str); 4] = [
    ("GetObject", "GET"),
    ("PutObject", "PUT"),
    ("DeleteObject", "DELETE"),
    ("HeadObject", "HEAD"),
];

/// Calls the service.
pub(crate) async fn call(
    uri: &AwsUri,
    integration: &Integration,
    caller_method: &str,
    caller_content_type: Option<&str>,
    mut mapped: IntegrationRequest,
    config: &GatewayConfig,
    clients: &Clients,
) -> Result<BackendResponse, GatewayError> {
    let endpoint = config.endpoint_for(&uri.service, uri.subdomain.as_deref());
    let mut method = integration
        .http_method
        .clone()
        .unwrap_or_else(|| caller_method.to_string());
    let path = match &uri.target {
        AwsTarget::Path(p) => {
            let filled = fill_placeholders(p, &mapped.path);
            // `s3:path//` (AWS's spelling of ListBuckets' uri) is the service root.
            if filled.trim_matches('/').is_empty() {
                "/".to_string()
            } else {
                format!("/{filled}")
            }
        }
        AwsTarget::Action { name, params } => {
            let params: Vec<(String, String)> = params
                .iter()
                .map(|(k, v)| (k.clone(), fill_raw(v, &mapped.path)))
                .collect();
            if uri.service == "s3"
                && let Some((_, s3_method)) = S3_ACTIONS.iter().find(|(a, _)| a == name)
            {
                let value = |key: &str| {
                    params
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.as_str())
                        .unwrap_or_default()
                };
                method = (*s3_method).to_string();
                let key: Vec<PathValue> = vec![PathValue {
                    name: "key".into(),
                    value: value("Key").to_string(),
                    keep_slashes: true,
                }];
                format!(
                    "/{}/{}",
                    encode_segment(value("Bucket")),
                    fill_placeholders("{key}", &key)
                )
            } else if let Some((_, prefix, content_type)) =
                JSON_TARGETS.iter().find(|(s, _, _)| *s == uri.service)
            {
                mapped.default_header("X-Amz-Target", &format!("{prefix}.{name}"));
                mapped.default_header("Content-Type", content_type);
                "/".to_string()
            } else {
                mapped.query.insert(0, ("Action".to_string(), name.clone()));
                mapped.query.extend(params);
                "/".to_string()
            }
        }
    };
    if !matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS")
        && let Some(ct) = caller_content_type
    {
        mapped.default_header("Content-Type", ct);
    }
    mapped.default_header("Accept", APPLICATION_JSON);
    let mut url = format!("{endpoint}{path}");
    if !mapped.query.is_empty() {
        url.push('?');
        url.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&mapped.query)
                .finish(),
        );
    }
    let body = if matches!(method.as_str(), "GET" | "HEAD") {
        Default::default()
    } else {
        mapped.body
    };
    let mut request = OutgoingRequest {
        method,
        url,
        headers: mapped.headers,
        body,
        timeout: integration.timeout,
        insecure: false,
    };
    let region = if uri.region.is_empty() {
        config.region.as_str()
    } else {
        uri.region.as_str()
    };
    sign::sign_request(&mut request, &config.credentials, &uri.service, region)?;
    clients.send(request).await
}

fn encode_segment(value: &str) -> String {
    fill_placeholders(
        "{v}",
        &[PathValue {
            name: "v".into(),
            value: value.to_string(),
            keep_slashes: false,
        }],
    )
}

/// Placeholders in an action parameter's value, filled without encoding (the query serializer
/// encodes the whole value).
fn fill_raw(template: &str, values: &[PathValue]) -> String {
    let mut out = template.to_string();
    for v in values {
        out = out.replace(&format!("{{{}}}", v.name), &v.value);
    }
    out
}
