//! `http` and `http_proxy` integrations: a real HTTP request to the uri (placeholders filled,
//! `${stageVariables.x}` substituted), over a VPC link when the integration has one (its target
//! comes from the configuration), or to a configured replacement of the uri's origin.

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Response, StatusCode};

use crate::backend::{BackendResponse, Clients, OutgoingRequest, fill_placeholders};
use crate::config::GatewayConfig;
use crate::deploy::Integration;
use crate::gateway_response::GatewayError;
use crate::mapping::request::IntegrationRequest;
use crate::media::APPLICATION_JSON;
use crate::request::{MethodRequest, multi_values};

/// Request headers never forwarded (hop-by-hop, or set by the client library).
const NOT_FORWARDED: [&str; 9] = [
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "te",
    "upgrade",
    "expect",
    "content-encoding",
];

/// Response headers of the backend not passed on by a proxy (the server recomputes them).
const NOT_RETURNED: [&str; 4] = [
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
];

/// The URL the request goes to, and the `Host` it carries when redirected.
fn target_url(
    uri: &str,
    integration: &Integration,
    mapped: &IntegrationRequest,
    config: &GatewayConfig,
) -> Result<(String, Option<String>), GatewayError> {
    let mut url = fill_placeholders(uri, &mapped.path);
    for (name, value) in &config.stage_variables {
        url = url.replace(&format!("${{stageVariables.{name}}}"), value);
    }
    let origin_end = url
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| url[start..].find('/').map(|p| start + p))
        .unwrap_or(url.len());
    let (origin, rest) = url.split_at(origin_end);
    if let Some(link) = &integration.vpc_link {
        let base = config.vpc_links.get(link).ok_or_else(|| {
            GatewayError::configuration(format!(
                "VPC link `{link}` has no target: configure one with GatewayConfig::vpc_link"
            ))
        })?;
        let host = origin.split("://").nth(1).map(String::from);
        return Ok((format!("{base}{rest}"), host));
    }
    if let Some((_, replacement)) = config.http_backends.iter().find(|(o, _)| o == origin) {
        let host = origin.split("://").nth(1).map(String::from);
        return Ok((format!("{replacement}{rest}"), host));
    }
    Ok((url, None))
}

fn with_query(mut url: String, query: &[(String, String)]) -> String {
    if query.is_empty() {
        return url;
    }
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(
        &form_urlencoded::Serializer::new(String::new())
            .extend_pairs(query)
            .finish(),
    );
    url
}

/// `http`: the mapped request (only mapped headers and query parameters go out).
pub(crate) async fn call(
    uri: &str,
    integration: &Integration,
    request: &MethodRequest,
    mut mapped: IntegrationRequest,
    config: &GatewayConfig,
    clients: &Clients,
) -> Result<BackendResponse, GatewayError> {
    let (url, host) = target_url(uri, integration, &mapped, config)?;
    let method = integration
        .http_method
        .clone()
        .unwrap_or_else(|| request.method.clone());
    if !matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS")
        && let Some(ct) = request.header("Content-Type")
    {
        mapped.default_header("Content-Type", ct);
    }
    mapped.default_header("Accept", APPLICATION_JSON);
    if let Some(host) = host {
        mapped.default_header("Host", &host);
    }
    let body = if matches!(method.as_str(), "GET" | "HEAD") {
        Bytes::new()
    } else {
        mapped.body
    };
    clients
        .send(OutgoingRequest {
            url: with_query(url, &mapped.query),
            method,
            headers: mapped.headers,
            body,
            timeout: integration.timeout,
            insecure: integration.insecure_skip_verification,
        })
        .await
}

/// `http_proxy`: the client's request passed on (with mapped headers and query parameters
/// added), the backend's answer returned unchanged.
pub(crate) async fn proxy(
    uri: &str,
    integration: &Integration,
    request: &MethodRequest,
    mapped: IntegrationRequest,
    config: &GatewayConfig,
    clients: &Clients,
) -> Result<Response<Bytes>, GatewayError> {
    let (url, host) = target_url(uri, integration, &mapped, config)?;
    let method = integration
        .http_method
        .clone()
        .unwrap_or_else(|| request.method.clone());
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(k, _)| !NOT_FORWARDED.contains(&k.to_ascii_lowercase().as_str()))
        .cloned()
        .collect();
    for (name, value) in mapped.headers {
        headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
        headers.push((name, value));
    }
    if let Some(host) = host {
        headers.push(("Host".into(), host));
    }
    let mut query: Vec<(String, String)> = Vec::new();
    for (name, values) in multi_values(&request.query, false) {
        query.extend(values.into_iter().map(|v| (name.clone(), v)));
    }
    query.extend(mapped.query);
    let answer = clients
        .send(OutgoingRequest {
            url: with_query(url, &query),
            method,
            headers,
            body: request.body.clone(),
            timeout: integration.timeout,
            insecure: integration.insecure_skip_verification,
        })
        .await?;
    let mut response = Response::new(answer.body);
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY);
    for (name, value) in answer.headers {
        if NOT_RETURNED.contains(&name.to_ascii_lowercase().as_str()) {
            continue;
        }
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            response.headers_mut().append(n, v);
        }
    }
    Ok(response)
}
