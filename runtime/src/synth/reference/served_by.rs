//! "Served by": what an operation's `x-amazon-apigateway-integration` does, in words. The object
//! is read as API Gateway reads it (`type`, `uri`, `httpMethod`, `connectionType`, ...), with
//! CloudFormation intrinsics (`Fn::Sub`, `Ref`, `Fn::GetAtt`) shown as the `${Name}` references a
//! template author knows, and the resource a reference names pulled out (`bucket PetsBucket`).

use std::fmt::Write;

use serde_json::{Map, Value};

use crate::spec::s3::{S3Call, Scope};

use super::html::{code, escape};

/// What the page says about one integration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedBy {
    /// Short label for the route table: `Lambda proxy`, `S3`, `AWS: DynamoDB`.
    pub kind: String,
    /// A CSS class for the label's colour.
    pub class: &'static str,
    /// One sentence, HTML.
    pub summary: String,
    /// Label -> HTML value, in display order.
    pub details: Vec<(&'static str, String)>,
    /// (what, text): request and response mapping templates, shown collapsed.
    pub templates: Vec<(String, String)>,
}

/// The readable text of a CloudFormation value: a string, or `Fn::Sub`/`Ref`/`Fn::GetAtt`/
/// `Fn::Join` as `${Name}` text; anything else as compact JSON.
pub fn cfn_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(obj) if obj.len() == 1 => {
            let (key, arg) = obj
                .iter()
                .next()
                .map(|(k, v)| (k.as_str(), v))
                .unwrap_or(("", value));
            match (key, arg) {
                ("Fn::Sub", Value::String(s)) => s.clone(),
                ("Fn::Sub", Value::Array(parts)) => match (parts.first(), parts.get(1)) {
                    (Some(Value::String(s)), Some(Value::Object(vars))) => substitute(s, vars),
                    (Some(Value::String(s)), None) => s.clone(),
                    _ => compact(value),
                },
                ("Ref", Value::String(name)) => format!("${{{name}}}"),
                ("Fn::GetAtt", Value::Array(parts)) => {
                    let parts: Vec<String> = parts.iter().map(cfn_text).collect();
                    format!("${{{}}}", parts.join("."))
                }
                ("Fn::GetAtt", Value::String(s)) => format!("${{{s}}}"),
                ("Fn::Join", Value::Array(parts)) => match (parts.first(), parts.get(1)) {
                    (Some(Value::String(sep)), Some(Value::Array(items))) => {
                        items.iter().map(cfn_text).collect::<Vec<_>>().join(sep)
                    }
                    _ => compact(value),
                },
                ("Fn::ImportValue", name) => format!("${{import {}}}", cfn_text(name)),
                _ => compact(value),
            }
        }
        _ => compact(value),
    }
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `Fn::Sub` with a variable map: each `${var}` the map defines is replaced by its text.
fn substitute(template: &str, vars: &Map<String, Value>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 2..start + len];
        out.push_str(&rest[..start]);
        match vars.get(name) {
            Some(v) => out.push_str(&cfn_text(v)),
            None => out.push_str(&rest[start..=start + len]),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The resource a text names when it is exactly one reference: `${PetsBucket}` -> `PetsBucket`,
/// `${ApiFunction.Arn}` -> `ApiFunction` (the attribute is implied by where it is used).
pub fn referenced_resource(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("${")?.strip_suffix('}')?;
    // `${AWS::Region}` is a pseudo parameter; `${stageVariables.x}` is API Gateway's own syntax.
    if inner.contains(['$', '{', '}'])
        || inner.starts_with("AWS::")
        || inner.starts_with("stageVariables.")
        || inner.is_empty()
    {
        return None;
    }
    Some(inner.split('.').next().unwrap_or(inner))
}

/// `PetsBucket` as code, or the text as code when it is not a single reference.
fn resource(text: &str) -> String {
    code(referenced_resource(text).unwrap_or(text))
}

/// The service and target of an API Gateway service ARN,
/// `arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/bucket/key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceArn<'a> {
    pub service: &'a str,
    pub target: Target<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Action(&'a str),
    Path(&'a str),
}

pub fn parse_service_arn(uri: &str) -> Option<ServiceArn<'_>> {
    let after = &uri[uri.find(":apigateway:")? + ":apigateway:".len()..];
    // The region: a `${AWS::Region}` reference (which holds `::`) or a literal.
    let after_region = if after.starts_with("${") {
        after[after.find('}')? + 1..].strip_prefix(':')?
    } else {
        &after[after.find(':')? + 1..]
    };
    let (service, target) = after_region.split_once(':')?;
    let target = if let Some(action) = target.strip_prefix("action/") {
        Target::Action(action)
    } else {
        Target::Path(target.strip_prefix("path/")?)
    };
    Some(ServiceArn { service, target })
}

/// A service code as AWS names the service.
fn service_name(code: &str) -> String {
    let code = code.rsplit('.').next().unwrap_or(code);
    match code {
        "dynamodb" => "DynamoDB",
        "sqs" => "SQS",
        "sns" => "SNS",
        "events" => "EventBridge",
        "states" => "Step Functions",
        "kinesis" => "Kinesis",
        "firehose" => "Data Firehose",
        "s3" => "S3",
        "lambda" => "Lambda",
        "ecs" => "ECS",
        "execute-api" => "API Gateway",
        "ses" | "email" => "SES",
        "logs" => "CloudWatch Logs",
        "sts" => "STS",
        other => return other.to_string(),
    }
    .to_string()
}

/// The Lambda function of `path/2015-03-31/functions/<function>/invocations`.
fn lambda_function(path: &str) -> Option<&str> {
    let rest = &path[path.find("/functions/")? + "/functions/".len()..];
    Some(rest.strip_suffix("/invocations").unwrap_or(rest))
}

/// `Action=SendMessage&...` at the start of a form-encoded request template (the query protocol
/// of SQS and SNS puts the action there, not in the URI).
fn form_action(integration: &Map<String, Value>) -> Option<String> {
    let templates = integration.get("requestTemplates")?.as_object()?;
    templates.values().find_map(|t| {
        let text = cfn_text(t);
        let action = text.strip_prefix("Action=")?;
        let end = action.find('&').unwrap_or(action.len());
        let action = &action[..end];
        action
            .chars()
            .all(|c| c.is_ascii_alphanumeric())
            .then(|| action.to_string())
    })
}

/// `integration.request.header.X-Correlation-Id` -> `header <code>X-Correlation-Id</code>`, HTML.
fn parameter_place(key: &str, side: &str) -> String {
    let key = key.strip_prefix(side).unwrap_or(key);
    match key.split_once('.') {
        Some((place, name)) => {
            let place = if place == "querystring" {
                "query"
            } else {
                place
            };
            format!("{} {}", escape(place), code(name))
        }
        None => code(key),
    }
}

/// The statuses an integration can answer: `2\d{2}` -> 200; otherwise -> 500.
fn status_mapping(responses: &Map<String, Value>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut default = None;
    for (pattern, response) in responses {
        let status = response
            .get("statusCode")
            .map(cfn_text)
            .unwrap_or_else(|| "?".into());
        if pattern == "default" {
            default = Some(status);
        } else {
            parts.push(format!("{} → {}", code(pattern), escape(&status)));
        }
    }
    // API Gateway tries the patterns first, and `default` when none matches.
    if let Some(status) = default {
        let word = if parts.is_empty() {
            "always"
        } else {
            "otherwise"
        };
        parts.push(format!("{word} → {}", escape(&status)));
    }
    parts.join("; ")
}

/// The HTTP method of the integration request, if the object names one.
fn method(integration: &Map<String, Value>) -> Option<String> {
    integration
        .get("httpMethod")
        .map(|m| cfn_text(m).to_ascii_uppercase())
}

/// What serves an operation, from its `x-amazon-apigateway-integration` (or its absence).
pub fn served_by(integration: Option<&Value>) -> ServedBy {
    let Some(integration) = integration.and_then(Value::as_object) else {
        return ServedBy {
            kind: "none".into(),
            class: "none",
            summary: "No integration: the document does not say what serves this operation \
                      (no <code>x-amazon-apigateway-integration</code>)."
                .into(),
            details: Vec::new(),
            templates: Vec::new(),
        };
    };
    let kind = integration
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    let uri = integration.get("uri").map(cfn_text);
    let arn = uri.as_deref().and_then(parse_service_arn);
    let method = method(integration);
    let mut served = match (kind.as_str(), arn) {
        ("aws_proxy" | "aws", Some(arn)) if arn.service == "lambda" => {
            let function = match arn.target {
                Target::Path(path) => lambda_function(path).map(resource),
                Target::Action(_) => None,
            }
            .unwrap_or_else(|| code(uri.as_deref().unwrap_or_default()));
            if kind == "aws_proxy" {
                labelled(
                    "Lambda proxy",
                    "lambda",
                    format!(
                        "<strong>Lambda proxy</strong>: API Gateway passes the whole request to function {function}, and its answer is the response."
                    ),
                )
            } else {
                labelled(
                    "Lambda (custom)",
                    "lambda",
                    format!(
                        "<strong>Lambda, custom integration</strong>: function {function} is invoked with a mapped request, and its answer is mapped to a response."
                    ),
                )
            }
        }
        ("aws", Some(arn)) if service_name(arn.service) == "S3" => {
            s3(arn, method.as_deref(), integration)
        }
        ("aws" | "aws_proxy", Some(arn)) => aws_service(arn, integration),
        ("mock", _) => mock(integration),
        ("http" | "http_proxy", _) => {
            let proxy = kind == "http_proxy";
            let url = uri.as_deref().unwrap_or_default();
            let method = method.as_deref().unwrap_or("ANY");
            let how = if proxy {
                "request and response are passed through unchanged"
            } else {
                "request and response are mapped by the integration"
            };
            let mut summary = format!(
                "<strong>{}</strong>: <code class=\"http-call\">{} {}</code>",
                if proxy { "HTTP proxy" } else { "HTTP" },
                escape(method),
                escape(url)
            );
            let private = integration
                .get("connectionType")
                .map(cfn_text)
                .is_some_and(|c| c.eq_ignore_ascii_case("VPC_LINK"));
            if private {
                let link = integration
                    .get("connectionId")
                    .map(|c| resource(&cfn_text(c)))
                    .unwrap_or_else(|| "(no connectionId)".into());
                let _ = write!(summary, " over VPC link {link}");
            }
            let _ = write!(summary, "; {how}.");
            labelled(if proxy { "HTTP proxy" } else { "HTTP" }, "http", summary)
        }
        ("", _) => labelled(
            "unknown",
            "none",
            "An integration without a <code>type</code>.".into(),
        ),
        (other, _) => labelled(
            other,
            "none",
            format!(
                "An integration of type {}{}.",
                code(other),
                uri.as_deref()
                    .map(|u| format!(" calling {}", code(u)))
                    .unwrap_or_default()
            ),
        ),
    };
    served.details.extend(details(integration));
    served.templates = templates(integration);
    served
}

fn labelled(kind: &str, class: &'static str, summary: String) -> ServedBy {
    ServedBy {
        kind: kind.to_string(),
        class,
        summary,
        details: Vec::new(),
        templates: Vec::new(),
    }
}

fn s3(arn: ServiceArn<'_>, method: Option<&str>, integration: &Map<String, Value>) -> ServedBy {
    let method = method.unwrap_or("GET");
    let summary = match arn.target {
        Target::Path(path) => {
            // `${Bucket}/key` or `bucket/key`: a reference holds no `/`.
            let (bucket, key) = match path.find('}') {
                Some(end) if path.starts_with("${") => {
                    let (b, k) = path.split_at(end + 1);
                    (b, k.strip_prefix('/').unwrap_or(k))
                }
                _ => path.split_once('/').unwrap_or((path, "")),
            };
            let parameters = integration
                .get("requestParameters")
                .and_then(Value::as_object);
            let list_type = parameters
                .is_some_and(|p| p.contains_key("integration.request.querystring.list-type"));
            let scope = match (bucket.is_empty(), key.is_empty()) {
                (true, _) => Scope::Service,
                (false, true) => Scope::Bucket,
                (false, false) => Scope::Object,
            };
            let action = S3Call::identify(method, scope, list_type)
                .map(str::to_string)
                .unwrap_or_else(|| format!("{method} on the bucket"));
            // A bucket the request names: `{bucket}`, filled from a request parameter.
            let filled_from = bucket
                .strip_prefix('{')
                .and_then(|b| b.strip_suffix('}'))
                .and_then(|b| parameters?.get(&format!("integration.request.path.{b}")))
                .and_then(Value::as_str);
            let bucket = match filled_from {
                Some(source) => format!("the bucket named by {}", code(source)),
                None => format!("bucket {}", resource(bucket)),
            };
            match scope {
                Scope::Service => format!(
                    "<strong>S3 {}</strong>: the account's buckets.",
                    escape(&action)
                ),
                Scope::Bucket => format!("<strong>S3 {}</strong> on {bucket}.", escape(&action)),
                Scope::Object => format!(
                    "<strong>S3 {}</strong> on {bucket}, key {}.",
                    escape(&action),
                    code(key)
                ),
            }
        }
        Target::Action(action) => format!("<strong>S3 {}</strong>.", escape(action)),
    };
    labelled("S3", "s3", summary)
}

fn aws_service(arn: ServiceArn<'_>, integration: &Map<String, Value>) -> ServedBy {
    let service = service_name(arn.service);
    let summary = match arn.target {
        Target::Action(action) => format!(
            "<strong>{} {}</strong>: API Gateway calls the service itself.",
            escape(&service),
            escape(action)
        ),
        Target::Path(path) => {
            let action = form_action(integration)
                .map(|a| format!(" {}", escape(&a)))
                .unwrap_or_default();
            // SQS: `<account>/<queue>`.
            let target = match (service.as_str(), path.rsplit_once('/')) {
                ("SQS", Some((_, queue))) => format!("queue {}", resource(queue)),
                _ => format!("path {}", code(path)),
            };
            format!(
                "<strong>{}{action}</strong> on {target}: API Gateway calls the service itself.",
                escape(&service)
            )
        }
    };
    let mut served = labelled(&format!("AWS: {service}"), "aws", summary);
    let resources = template_references(integration);
    if !resources.is_empty() {
        let list: Vec<String> = resources.iter().map(|r| code(r)).collect();
        served.details.push(("Resources", list.join(", ")));
    }
    served
}

/// The template resources the request templates name (`${PetsTable}` in an `Fn::Sub` template):
/// what the service call acts on. Plain-string templates are not substituted by CloudFormation,
/// so a `${...}` in them is the mapping language's, not a resource.
fn template_references(integration: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let templates = integration
        .get("requestTemplates")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|t| t.values());
    for template in templates {
        let Some(text) = template.get("Fn::Sub").and_then(Value::as_str) else {
            continue;
        };
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let reference = &rest[start..=start + len];
            if let Some(name) = referenced_resource(reference)
                && !out.iter().any(|r| r == name)
            {
                out.push(name.to_string());
            }
            rest = &rest[start + len + 1..];
        }
    }
    out
}

fn mock(integration: &Map<String, Value>) -> ServedBy {
    // The request template's `{"statusCode": N}` picks the integration response.
    let requested = integration
        .get("requestTemplates")
        .and_then(Value::as_object)
        .and_then(|t| t.values().next())
        .map(cfn_text)
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v.get("statusCode").cloned())
        .map(|s| cfn_text(&s));
    let statuses: Vec<String> = integration
        .get("responses")
        .and_then(Value::as_object)
        .map(|r| {
            r.values()
                .filter_map(|r| r.get("statusCode").map(cfn_text))
                .collect()
        })
        .unwrap_or_default();
    let status = match statuses.as_slice() {
        [only] => Some(only.clone()),
        _ => requested,
    };
    let summary = match status {
        Some(status) => format!(
            "<strong>Mock</strong>: API Gateway answers <span class=\"status-inline\">{}</span> itself; no backend is called.",
            escape(&status)
        ),
        None => "<strong>Mock</strong>: API Gateway answers itself; no backend is called.".into(),
    };
    labelled("Mock", "mock", summary)
}

/// The facts every kind may have: role, timeout, mappings, TLS.
fn details(integration: &Map<String, Value>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(role) = integration.get("credentials") {
        out.push(("Role", resource(&cfn_text(role))));
    }
    if let Some(ms) = integration.get("timeoutInMillis") {
        out.push(("Timeout", format!("{} ms", escape(&cfn_text(ms)))));
    }
    if let Some(params) = integration
        .get("requestParameters")
        .and_then(Value::as_object)
    {
        let items: Vec<String> = params
            .iter()
            .map(|(target, source)| {
                let source = cfn_text(source);
                // A quoted value is a constant; anything else names a part of the request.
                let source = if source.starts_with('\'') {
                    code(&source)
                } else {
                    parameter_place(&source, "method.request.")
                };
                format!(
                    "<li>backend {} ← {source}</li>",
                    parameter_place(target, "integration.request.")
                )
            })
            .collect();
        if !items.is_empty() {
            out.push(("Request mapping", format!("<ul>{}</ul>", items.concat())));
        }
    }
    if let Some(responses) = integration.get("responses").and_then(Value::as_object)
        && !responses.is_empty()
    {
        out.push(("Status mapping", status_mapping(responses)));
    }
    if let Some(behavior) = integration.get("passthroughBehavior").map(cfn_text)
        && !behavior.eq_ignore_ascii_case("when_no_match")
    {
        out.push(("Passthrough", code(&behavior)));
    }
    if let Some(handling) = integration.get("contentHandling") {
        out.push(("Content handling", code(&cfn_text(handling))));
    }
    if integration
        .get("tlsConfig")
        .and_then(|t| t.get("insecureSkipVerification"))
        == Some(&Value::Bool(true))
    {
        out.push(("TLS", "the backend's certificate is not verified".into()));
    }
    if let Some(keys) = integration
        .get("cacheKeyParameters")
        .and_then(Value::as_array)
        && !keys.is_empty()
    {
        let keys: Vec<String> = keys
            .iter()
            .map(|k| parameter_place(&cfn_text(k), "method.request."))
            .collect();
        out.push(("Cache keys", keys.join(", ")));
    }
    out
}

/// Request templates, then each integration response's templates.
fn templates(integration: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(templates) = integration
        .get("requestTemplates")
        .and_then(Value::as_object)
    {
        for (content_type, template) in templates {
            out.push((format!("request, {content_type}"), cfn_text(template)));
        }
    }
    if let Some(responses) = integration.get("responses").and_then(Value::as_object) {
        for (pattern, response) in responses {
            let Some(templates) = response.get("responseTemplates").and_then(Value::as_object)
            else {
                continue;
            };
            let status = response.get("statusCode").map(cfn_text).unwrap_or_default();
            for (content_type, template) in templates {
                out.push((
                    format!("response {status} ({pattern}), {content_type}"),
                    cfn_text(template),
                ));
            }
        }
    }
    out
}
