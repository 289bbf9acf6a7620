//! `$context`: the request's identity as API Gateway describes it to templates, parameter
//! mappings (`context.requestId`) and the Lambda proxy event's `requestContext`.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::request::MethodRequest;

/// What a request's context is built from.
pub(crate) struct ContextInput<'a> {
    pub request: &'a MethodRequest,
    pub resource_path: &'a str,
    pub operation_id: Option<&'a str>,
    pub stage: &'a str,
    pub api_id: &'a str,
    pub account_id: &'a str,
    pub request_id: &'a str,
    pub extended_request_id: &'a str,
}

/// The `$context` object (and the proxy event's `requestContext`, which adds nothing to it).
pub(crate) fn build(input: &ContextInput<'_>) -> Map<String, Value> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let epoch_ms = u64::try_from(now.as_millis()).unwrap_or(u64::MAX);
    let request_time =
        OffsetDateTime::from_unix_timestamp(i64::try_from(now.as_secs()).unwrap_or(0))
            .ok()
            .and_then(|t| {
                t.format(format_description!(
                    "[day]/[month repr:short]/[year]:[hour]:[minute]:[second] +0000"
                ))
                .ok()
            })
            .unwrap_or_default();
    let domain_name = input
        .request
        .header("Host")
        .map(String::from)
        .unwrap_or_else(|| format!("{}.execute-api.localhost", input.api_id));
    let domain_prefix = domain_name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_string();
    let user_agent = input.request.header("User-Agent");
    let mut context = Map::new();
    context.insert("accountId".into(), json!(input.account_id));
    context.insert("apiId".into(), json!(input.api_id));
    context.insert("domainName".into(), json!(domain_name));
    context.insert("domainPrefix".into(), json!(domain_prefix));
    context.insert("extendedRequestId".into(), json!(input.extended_request_id));
    context.insert("httpMethod".into(), json!(input.request.method));
    context.insert(
        "identity".into(),
        json!({
            "accessKey": null,
            "accountId": null,
            "caller": null,
            "cognitoAuthenticationProvider": null,
            "cognitoAuthenticationType": null,
            "cognitoIdentityId": null,
            "cognitoIdentityPoolId": null,
            "principalOrgId": null,
            "sourceIp": input.request.source_ip,
            "user": null,
            "userAgent": user_agent,
            "userArn": null,
        }),
    );
    if let Some(id) = input.operation_id {
        context.insert("operationName".into(), json!(id));
    }
    context.insert("path".into(), json!(input.request.full_path));
    context.insert("protocol".into(), json!("HTTP/1.1"));
    context.insert("requestId".into(), json!(input.request_id));
    context.insert("requestTime".into(), json!(request_time));
    context.insert("requestTimeEpoch".into(), json!(epoch_ms));
    context.insert("resourceId".into(), json!(resource_id(input.resource_path)));
    context.insert("resourcePath".into(), json!(input.resource_path));
    context.insert("stage".into(), json!(input.stage));
    context
}

/// A stable 6-character id per resource path (API Gateway's resource ids are random; a local
/// deployment keeps them stable across restarts).
fn resource_id(path: &str) -> String {
    // FNV-1a, base 36: short, stable, no dependency.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let alphabet = b"0123456789abcdefghijklmnopqrstuvwxyz";
    (0..6)
        .map(|i| char::from(alphabet[((hash >> (i * 6)) % 36) as usize]))
        .collect()
}

/// A dotted name in the context (`identity.sourceIp`), as text; `None` when absent or null.
pub(crate) fn lookup(context: &Map<String, Value>, dotted: &str) -> Option<String> {
    let mut parts = dotted.split('.');
    let mut value = context.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_and_ids() {
        let mut c = Map::new();
        c.insert(
            "identity".into(),
            json!({"sourceIp": "127.0.0.1", "user": null}),
        );
        c.insert("requestTimeEpoch".into(), json!(5));
        assert_eq!(
            lookup(&c, "identity.sourceIp").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(lookup(&c, "identity.user"), None);
        assert_eq!(lookup(&c, "requestTimeEpoch").as_deref(), Some("5"));
        assert_eq!(lookup(&c, "nope"), None);
        assert_eq!(resource_id("/pets"), resource_id("/pets"));
        assert_ne!(resource_id("/pets"), resource_id("/pets/{petId}"));
        assert_eq!(resource_id("/").len(), 6);
    }
}
