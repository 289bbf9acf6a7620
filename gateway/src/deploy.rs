//! Deployment: a resolved OpenAPI document read into what the gateway executes. Everything that
//! can be checked once is checked here (integration types, uris, templates, selection patterns,
//! mapping expressions), so serving a request never meets a malformed declaration.

use std::time::Duration;

use apigw_spec::options::{ConnectionType, IntegrationType};
use apigw_spec::params::RESPONSE_HEADER_PREFIX;
use apigw_spec::selection::{SelectionKey, pattern_regex};
use apigw_spec::{ContentHandling, ParamSource, ParamTarget, PassthroughBehavior, ResponseSource};
use apigw_vtl::Template;
use regex::Regex;
use serde_json::{Map, Value};

use crate::error::DeployError;
use crate::route::Router;

/// The OpenAPI key of an operation for `ANY`.
const ANY_METHOD_KEY: &str = "x-amazon-apigateway-any-method";
const INTEGRATION_KEY: &str = "x-amazon-apigateway-integration";
const BINARY_TYPES_KEY: &str = "x-amazon-apigateway-binary-media-types";

/// The operation keys of an OpenAPI path item, with the method each declares.
const METHOD_KEYS: [(&str, &str); 8] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("patch", "PATCH"),
    ("head", "HEAD"),
    ("options", "OPTIONS"),
    (ANY_METHOD_KEY, "ANY"),
];

/// REST APIs' default (and largest) integration timeout.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_millis(29_000);

/// A deployed API.
pub(crate) struct Api {
    pub binary_media_types: Vec<String>,
    pub router: Router,
    pub methods: Vec<Method>,
}

/// One method of one resource.
pub(crate) struct Method {
    pub resource_path: String,
    pub operation_id: Option<String>,
    /// The statuses the operation's responses declare (`Output mapping refers to an invalid
    /// method response` otherwise).
    pub declared_statuses: Vec<u16>,
    pub integration: Integration,
}

/// What the integration calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Backend {
    Mock,
    /// `aws_proxy` toward a Lambda function.
    LambdaProxy {
        function_arn: String,
    },
    /// `aws` toward a Lambda function's invocation uri.
    LambdaCustom {
        function_arn: String,
    },
    /// `aws` toward another service.
    Aws(AwsUri),
    /// `http` or `http_proxy`.
    Http {
        uri: String,
        proxy: bool,
    },
}

/// `arn:aws:apigateway:{region}:{subdomain.service}:{path|action}/{rest}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AwsUri {
    pub region: String,
    pub service: String,
    pub subdomain: Option<String>,
    pub target: AwsTarget,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AwsTarget {
    /// `path/...`: the path of the service request (may hold `{placeholders}`).
    Path(String),
    /// `action/Name&Key=Value...`.
    Action {
        name: String,
        params: Vec<(String, String)>,
    },
}

pub(crate) struct Integration {
    pub backend: Backend,
    /// The method toward the backend; `None` (or `ANY`) reuses the caller's.
    pub http_method: Option<String>,
    pub request_parameters: Vec<(ParamTarget, ParamSource)>,
    pub request_templates: Vec<(String, Template)>,
    pub passthrough: PassthroughBehavior,
    pub content_handling: Option<ContentHandling>,
    pub timeout: Duration,
    pub responses: Vec<IntegrationResponse>,
    /// `connectionId` of a `VPC_LINK` connection.
    pub vpc_link: Option<String>,
    pub insecure_skip_verification: bool,
}

pub(crate) struct IntegrationResponse {
    pub key: SelectionKey,
    /// The compiled pattern; `None` for `default`.
    pub pattern: Option<Regex>,
    pub status: u16,
    pub headers: Vec<(String, ResponseSource)>,
    pub templates: Vec<(String, Template)>,
    pub content_handling: Option<ContentHandling>,
}

/// Reads a resolved document.
pub(crate) fn deploy(document: &Value) -> Result<Api, DeployError> {
    if let Some(at) = find_intrinsic(document, &mut String::new()) {
        return Err(DeployError::Document(format!(
            "{at} holds a CloudFormation intrinsic: resolve the document first (`Gateway::from_rendered` with bindings, or `resolve_document`)"
        )));
    }
    let paths = document
        .get("paths")
        .and_then(Value::as_object)
        .ok_or_else(|| DeployError::Document("it has no `paths` object".into()))?;
    let binary_media_types = match document.get(BINARY_TYPES_KEY) {
        None => vec![],
        Some(Value::Array(items)) => items
            .iter()
            .map(|t| {
                t.as_str().map(|s| s.replace("~1", "/")).ok_or_else(|| {
                    DeployError::Document(format!(
                        "`{BINARY_TYPES_KEY}` holds `{t}`, not a media type"
                    ))
                })
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(DeployError::Document(format!(
                "`{BINARY_TYPES_KEY}` is `{other}`, not a list of media types"
            )));
        }
    };
    let mut router = Router::default();
    let mut methods = Vec::new();
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            return Err(DeployError::Path {
                path: path.clone(),
                problem: "the path item is not an object".into(),
            });
        };
        for (key, method) in METHOD_KEYS {
            let Some(operation) = item.get(key) else {
                continue;
            };
            let label = format!("{method} {path}");
            let parsed = read_method(path, &label, operation)?;
            router.add(path, method, methods.len())?;
            methods.push(parsed);
        }
    }
    Ok(Api {
        binary_media_types,
        router,
        methods,
    })
}

/// Where a document still holds `{"Ref": ..}` or `{"Fn::...": ..}`.
fn find_intrinsic(value: &Value, at: &mut String) -> Option<String> {
    match value {
        Value::Object(map) => {
            if map.len() == 1
                && map
                    .keys()
                    .next()
                    .is_some_and(|k| k == "Ref" || k.starts_with("Fn::"))
            {
                return Some(if at.is_empty() {
                    "/".into()
                } else {
                    at.clone()
                });
            }
            for (k, v) in map {
                let len = at.len();
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                if let Some(found) = find_intrinsic(v, at) {
                    return Some(found);
                }
                at.truncate(len);
            }
            None
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let len = at.len();
            at.push('/');
            at.push_str(&i.to_string());
            let found = find_intrinsic(v, at);
            at.truncate(len);
            found
        }),
        _ => None,
    }
}

fn read_method(path: &str, label: &str, operation: &Value) -> Result<Method, DeployError> {
    let fail = |problem: String| DeployError::Operation {
        operation: label.to_string(),
        problem,
    };
    let operation = operation
        .as_object()
        .ok_or_else(|| fail("the operation is not an object".into()))?;
    let integration = operation
        .get(INTEGRATION_KEY)
        .and_then(Value::as_object)
        .ok_or_else(|| {
            fail(format!(
                "no integration defined for method: add `{INTEGRATION_KEY}` (API Gateway refuses to deploy without one)"
            ))
        })?;
    let declared = operation.get("responses").and_then(Value::as_object);
    let declared_statuses: Vec<u16> = declared
        .map(|r| r.keys().filter_map(|k| k.parse::<u16>().ok()).collect())
        .unwrap_or_default();
    let integration = read_integration(integration, declared, &fail)?;
    Ok(Method {
        resource_path: path.to_string(),
        operation_id: operation
            .get("operationId")
            .and_then(Value::as_str)
            .map(String::from),
        declared_statuses,
        integration,
    })
}

fn text<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    fail: &impl Fn(String) -> DeployError,
) -> Result<Option<&'a str>, DeployError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(fail(format!("`{key}` is `{other}`, expected text"))),
    }
}

fn read_integration(
    map: &Map<String, Value>,
    declared: Option<&Map<String, Value>>,
    fail: &impl Fn(String) -> DeployError,
) -> Result<Integration, DeployError> {
    let kind =
        text(map, "type", fail)?.ok_or_else(|| fail("the integration has no `type`".into()))?;
    let kind = IntegrationType::parse(kind).map_err(|e| fail(e.to_string()))?;
    let uri = text(map, "uri", fail)?;
    let http_method = text(map, "httpMethod", fail)?
        .filter(|m| !m.eq_ignore_ascii_case("ANY"))
        .map(str::to_ascii_uppercase);
    let backend = match kind {
        IntegrationType::Mock => Backend::Mock,
        IntegrationType::Http | IntegrationType::HttpProxy => {
            let uri = uri.ok_or_else(|| fail("an HTTP integration needs a `uri`".into()))?;
            if !(uri.starts_with("http://") || uri.starts_with("https://")) {
                return Err(fail(format!(
                    "`uri` `{uri}` is not an http(s) URL: HTTP integrations call a full URL"
                )));
            }
            Backend::Http {
                uri: uri.to_string(),
                proxy: kind == IntegrationType::HttpProxy,
            }
        }
        IntegrationType::Aws | IntegrationType::AwsProxy => {
            let uri = uri.ok_or_else(|| fail("an AWS integration needs a `uri`".into()))?;
            let parsed = parse_aws_uri(uri).map_err(fail)?;
            let lambda = lambda_function(&parsed);
            match (kind, lambda) {
                (IntegrationType::AwsProxy, Some(function_arn)) => {
                    Backend::LambdaProxy { function_arn }
                }
                (IntegrationType::AwsProxy, None) => {
                    return Err(fail(
                        "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.".into(),
                    ));
                }
                (_, Some(function_arn)) => Backend::LambdaCustom { function_arn },
                (_, None) => Backend::Aws(parsed),
            }
        }
    };
    let mut request_parameters = Vec::new();
    if let Some(params) = map.get("requestParameters") {
        let params = params
            .as_object()
            .ok_or_else(|| fail("`requestParameters` is not an object".into()))?;
        for (target, source) in params {
            let target = ParamTarget::parse_expression(target).map_err(|e| fail(e.to_string()))?;
            let source = source.as_str().ok_or_else(|| {
                fail(format!(
                    "`requestParameters` maps {} to `{source}`",
                    target.expression()
                ))
            })?;
            let source = ParamSource::parse_expression(source).map_err(|e| fail(e.to_string()))?;
            request_parameters.push((target, source));
        }
    }
    let request_templates = templates(map.get("requestTemplates"), "requestTemplates", fail)?;
    let passthrough = match text(map, "passthroughBehavior", fail)? {
        None => PassthroughBehavior::WhenNoMatch,
        Some(p) => PassthroughBehavior::parse(p).map_err(|e| fail(e.to_string()))?,
    };
    let content_handling = content_handling(map, fail)?;
    let timeout = match map.get("timeoutInMillis") {
        None | Some(Value::Null) => DEFAULT_TIMEOUT,
        Some(v) => {
            let written = v
                .as_u64()
                .map(|n| n.to_string())
                .unwrap_or_else(|| v.to_string());
            let ms = apigw_spec::TimeoutMs::parse(&written).map_err(|e| fail(e.to_string()))?;
            Duration::from_millis(u64::from(ms.get()))
        }
    };
    let vpc_link = match text(map, "connectionType", fail)? {
        Some(c)
            if ConnectionType::parse(c).map_err(|e| fail(e.to_string()))?
                == ConnectionType::VpcLink =>
        {
            Some(
                text(map, "connectionId", fail)?
                    .ok_or_else(|| fail("a VPC_LINK connection needs a `connectionId`".into()))?
                    .to_string(),
            )
        }
        _ => None,
    };
    let insecure_skip_verification = map
        .get("tlsConfig")
        .and_then(|t| t.get("insecureSkipVerification"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut responses = Vec::new();
    if let Some(entries) = map.get("responses") {
        let entries = entries
            .as_object()
            .ok_or_else(|| fail("`responses` is not an object".into()))?;
        for (key, entry) in entries {
            responses.push(read_response(key, entry, declared, fail)?);
        }
    }
    Ok(Integration {
        backend,
        http_method,
        request_parameters,
        request_templates,
        passthrough,
        content_handling,
        timeout,
        responses,
        vpc_link,
        insecure_skip_verification,
    })
}

fn content_handling(
    map: &Map<String, Value>,
    fail: &impl Fn(String) -> DeployError,
) -> Result<Option<ContentHandling>, DeployError> {
    text(map, "contentHandling", fail)?
        .map(|c| ContentHandling::parse(c).map_err(|e| fail(e.to_string())))
        .transpose()
}

fn read_response(
    key: &str,
    entry: &Value,
    declared: Option<&Map<String, Value>>,
    fail: &impl Fn(String) -> DeployError,
) -> Result<IntegrationResponse, DeployError> {
    let entry = entry
        .as_object()
        .ok_or_else(|| fail(format!("integration response `{key}` is not an object")))?;
    let key = SelectionKey::parse(key);
    let pattern = match &key {
        SelectionKey::Default => None,
        SelectionKey::Pattern(p) => Some(pattern_regex(p).map_err(|e| fail(e.to_string()))?),
    };
    let status = match entry.get("statusCode") {
        Some(Value::String(s)) => s.parse::<u16>().ok(),
        Some(Value::Number(n)) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        _ => None,
    }
    .filter(|s| (100..=599).contains(s))
    .ok_or_else(|| {
        fail(format!(
            "integration response {} has no valid `statusCode`",
            key.describe()
        ))
    })?;
    let mut headers = Vec::new();
    if let Some(params) = entry.get("responseParameters") {
        let params = params.as_object().ok_or_else(|| {
            fail(format!(
                "integration response {}: `responseParameters` is not an object",
                key.describe()
            ))
        })?;
        for (target, source) in params {
            let name = target
                .strip_prefix(RESPONSE_HEADER_PREFIX)
                .filter(|n| !n.is_empty())
                .ok_or_else(|| {
                    fail(format!(
                        "`{target}` is not a method response header: write `{RESPONSE_HEADER_PREFIX}NAME`"
                    ))
                })?;
            if let Some(declared) = declared
                && !header_declared(declared, status, name)
            {
                return Err(fail(format!(
                    "Invalid mapping expression specified: {target}: the {status} method response does not declare header `{name}`"
                )));
            }
            let source = source.as_str().ok_or_else(|| {
                fail(format!(
                    "`{target}` is mapped from `{source}`, expected text"
                ))
            })?;
            let source =
                ResponseSource::parse_expression(source).map_err(|e| fail(e.to_string()))?;
            headers.push((name.to_string(), source));
        }
    }
    let templates = templates(entry.get("responseTemplates"), "responseTemplates", fail)?;
    Ok(IntegrationResponse {
        key,
        pattern,
        status,
        headers,
        templates,
        content_handling: content_handling(entry, fail)?,
    })
}

/// Whether the method response for `status` declares header `name` (OpenAPI 2 or 3 shape).
fn header_declared(responses: &Map<String, Value>, status: u16, name: &str) -> bool {
    responses
        .get(&status.to_string())
        .and_then(|r| r.get("headers"))
        .and_then(Value::as_object)
        .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case(name)))
}

fn templates(
    value: Option<&Value>,
    what: &str,
    fail: &impl Fn(String) -> DeployError,
) -> Result<Vec<(String, Template)>, DeployError> {
    let Some(value) = value else {
        return Ok(vec![]);
    };
    let map = value
        .as_object()
        .ok_or_else(|| fail(format!("`{what}` is not an object")))?;
    let mut out = Vec::with_capacity(map.len());
    for (content_type, source) in map {
        let source = match source {
            Value::String(s) => s.as_str(),
            Value::Null => continue,
            other => {
                return Err(fail(format!(
                    "`{what}.{content_type}` is `{other}`, expected a template"
                )));
            }
        };
        let template = Template::parse(source).map_err(|e| {
            fail(format!(
                "the `{content_type}` template of `{what}` is not valid: {e}"
            ))
        })?;
        out.push((content_type.clone(), template));
    }
    Ok(out)
}

/// Reads `arn:aws:apigateway:{region}:{service}:{path|action}/{rest}`.
pub(crate) fn parse_aws_uri(uri: &str) -> Result<AwsUri, String> {
    let parts: Vec<&str> = uri.splitn(6, ':').collect();
    let [arn, _partition, apigateway, region, service, rest] = parts.as_slice() else {
        return Err(format!(
            "`uri` `{uri}` is not an AWS integration uri: expected `arn:aws:apigateway:{{region}}:{{service}}:{{path|action}}/...`"
        ));
    };
    if *arn != "arn" || *apigateway != "apigateway" {
        return Err(format!(
            "`uri` `{uri}` is not an API Gateway service uri (`arn:aws:apigateway:...`)"
        ));
    }
    let (subdomain, service) = match service.rsplit_once('.') {
        Some((sub, svc)) => (Some(sub.to_string()), svc.to_string()),
        None => (None, service.to_string()),
    };
    let target = if let Some(path) = rest.strip_prefix("path/") {
        AwsTarget::Path(path.to_string())
    } else if let Some(action) = rest.strip_prefix("action/") {
        let mut pieces = action.split('&');
        let name = pieces.next().unwrap_or_default().to_string();
        if name.is_empty() {
            return Err(format!("`uri` `{uri}` names no action after `action/`"));
        }
        let params = pieces
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (p.to_string(), String::new()),
            })
            .collect();
        AwsTarget::Action { name, params }
    } else {
        return Err(format!(
            "`uri` `{uri}`: AWS ARN for integration must contain path or action"
        ));
    };
    Ok(AwsUri {
        region: region.to_string(),
        service,
        subdomain,
        target,
    })
}

/// The function of a Lambda invocation uri (`lambda:path/2015-03-31/functions/{arn}/invocations`).
fn lambda_function(uri: &AwsUri) -> Option<String> {
    if uri.service != "lambda" {
        return None;
    }
    let AwsTarget::Path(path) = &uri.target else {
        return None;
    };
    let rest = path.split_once("/functions/")?.1;
    let arn = rest.strip_suffix("/invocations")?;
    Some(arn.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn aws_uris() {
        let s3 =
            parse_aws_uri("arn:aws:apigateway:us-east-1:s3:path/bucket/pets/{petId}.json").unwrap();
        assert_eq!(s3.service, "s3");
        assert_eq!(
            s3.target,
            AwsTarget::Path("bucket/pets/{petId}.json".into())
        );
        let ddb = parse_aws_uri("arn:aws:apigateway:us-east-1:dynamodb:action/GetItem").unwrap();
        assert_eq!(
            ddb.target,
            AwsTarget::Action {
                name: "GetItem".into(),
                params: vec![]
            }
        );
        let get = parse_aws_uri("arn:aws:apigateway:us-east-1:s3:action/GetObject&Bucket=b&Key=k")
            .unwrap();
        assert_eq!(
            get.target,
            AwsTarget::Action {
                name: "GetObject".into(),
                params: vec![("Bucket".into(), "b".into()), ("Key".into(), "k".into())]
            }
        );
        let lambda = parse_aws_uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:api/invocations").unwrap();
        assert_eq!(
            lambda_function(&lambda).as_deref(),
            Some("arn:aws:lambda:us-east-1:123456789012:function:api")
        );
        assert!(
            parse_aws_uri("arn:aws:apigateway:us-east-1:sqs:queue")
                .unwrap_err()
                .contains("path or action")
        );
        assert!(parse_aws_uri("https://example.com").is_err());
    }

    fn deploy_op(integration: Value) -> Result<Api, DeployError> {
        deploy(
            &json!({"paths": {"/x": {"get": {"responses": {"200": {"description": "ok"}}, INTEGRATION_KEY: integration}}}}),
        )
    }

    #[test]
    fn bad_declarations_name_the_operation() {
        let cases = [
            (
                json!({"type": "mock", "responses": {"(4": {"statusCode": "200"}}}),
                "not a valid regular expression",
            ),
            (json!({"type": "lambda"}), "unknown integration type"),
            (
                json!({"type": "mock", "requestTemplates": {"application/json": "#if("}}),
                "template",
            ),
            (
                json!({"type": "mock", "passthroughBehavior": "sometimes"}),
                "passthrough",
            ),
            (
                json!({"type": "mock", "timeoutInMillis": 30000}),
                "out of range",
            ),
            (json!({"type": "http", "uri": "ftp://x"}), "http(s)"),
            (
                json!({"type": "aws_proxy", "uri": "arn:aws:apigateway:us-east-1:sqs:path/1/q"}),
                "AWS_PROXY",
            ),
            (
                json!({"type": "mock", "requestParameters": {"integration.request.body": "'x'"}}),
                "integration request parameter",
            ),
            (
                json!({"type": "mock", "responses": {"default": {"statusCode": "200", "responseParameters": {"method.response.header.X-Y": "'v'"}}}}),
                "does not declare header",
            ),
            (
                json!({"type": "mock", "responses": {"default": {"statusCode": "abc"}}}),
                "statusCode",
            ),
        ];
        for (integration, needle) in cases {
            let message = deploy_op(integration.clone())
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(message.starts_with("GET /x: "), "{integration}: {message}");
            assert!(message.contains(needle), "{integration}: {message}");
        }
        let message = deploy(&json!({"paths": {"/x": {"get": {}}}}))
            .err()
            .unwrap()
            .to_string();
        assert!(
            message.contains("no integration defined for method"),
            "{message}"
        );
    }

    #[test]
    fn unresolved_intrinsics_are_refused_with_their_place() {
        let e = deploy_op(json!({"type": "aws", "uri": {"Fn::Sub": "${X}"}}))
            .err()
            .unwrap();
        assert!(
            e.to_string()
                .contains("/paths/~1x/get/x-amazon-apigateway-integration/uri"),
            "{e}"
        );
    }

    #[test]
    fn responses_keep_document_order() {
        let api = deploy_op(json!({"type": "mock", "responses": {
            "default": {"statusCode": "200"}, "4\\d{2}": {"statusCode": "400"}, ".*": {"statusCode": "500"}}}))
        .unwrap();
        let keys: Vec<&str> = api.methods[0]
            .integration
            .responses
            .iter()
            .map(|r| r.key.as_str())
            .collect();
        assert_eq!(keys, vec!["default", "4\\d{2}", ".*"]);
    }
}
