//! Integration response -> method response: the entry chosen by selection pattern (whole-string
//! Java regex, first match in document order, then `default`), its `responseParameters`, its
//! template chosen by `Accept`, `$context.responseOverride`, `contentHandling`.

use apigw_spec::selection::SelectionKey;
use apigw_vtl::OverrideValue;
use bytes::Bytes;
use http::{HeaderName, HeaderValue, Response, StatusCode};

use super::Exchange;
use super::params::response_value;
use crate::deploy::{Integration, IntegrationResponse};
use crate::gateway_response::GatewayError;
use crate::media;

/// What a non-proxy backend answered.
#[derive(Debug, Clone)]
pub(crate) struct IntegrationResult {
    pub selector: Selector,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

/// What selection patterns are matched against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Selector {
    /// The backend's status (HTTP, AWS services, mock).
    Status(u16),
    /// A Lambda custom invocation: `errorMessage` of a function error, `None` for a success.
    Lambda { error_message: Option<String> },
}

impl IntegrationResult {
    fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Type"))
            .map(|(_, v)| v.as_str())
    }
}

/// The entry for a selection value: the first pattern (in document order) matching the whole
/// value, else `default`.
pub(crate) fn select<'i>(
    responses: &'i [IntegrationResponse],
    value: &str,
) -> Option<&'i IntegrationResponse> {
    responses
        .iter()
        .find(|r| r.pattern.as_ref().is_some_and(|p| p.is_match(value)))
        .or_else(|| responses.iter().find(|r| r.key == SelectionKey::Default))
}

/// The method response for an integration result.
pub(crate) fn map_response(
    integration: &Integration,
    declared_statuses: &[u16],
    result: IntegrationResult,
    ex: &Exchange<'_>,
) -> Result<Response<Bytes>, GatewayError> {
    let value = match &result.selector {
        Selector::Status(s) => s.to_string(),
        Selector::Lambda { error_message } => error_message.clone().unwrap_or_default(),
    };
    let Some(entry) = select(&integration.responses, &value) else {
        if let Selector::Lambda {
            error_message: Some(_),
        } = &result.selector
        {
            // An unmapped Lambda error reaches the client as 200 with the error object.
            return Ok(plain(200, "application/json", result.body));
        }
        return Err(GatewayError::configuration(format!(
            "No match for output mapping and no default output mapping configured. Endpoint Response Status Code: {value}"
        )));
    };
    if !declared_statuses.contains(&entry.status) {
        return Err(GatewayError::configuration(format!(
            "Output mapping refers to an invalid method response: {}",
            entry.status
        )));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, source) in &entry.headers {
        if let Some(v) = response_value(source, &result.headers, &result.body, ex)? {
            headers.push((name.clone(), v));
        }
    }
    let accept = media::first_accept(ex.request.header("Accept"));
    let binary = media::is_binary(result.content_type(), ex.binary_types);
    let accept_binary = media::is_binary(accept.as_deref(), ex.binary_types);
    let body = media::convert_response(result.body, binary, accept_binary, entry.content_handling)
        .map_err(|_| {
            GatewayError::configuration(
                "the integration response is not base64 text, so CONVERT_TO_BINARY failed",
            )
        })?;
    let mut status = entry.status;
    let mut content_type = media::APPLICATION_JSON.to_string();
    let body = match choose_template(entry, accept.as_deref()) {
        None => body,
        Some((key, template)) => {
            content_type = key.to_string();
            let input = ex.template_input(String::from_utf8_lossy(&body).into_owned());
            let rendered = template.render(&input).map_err(|e| {
                GatewayError::configuration(format!(
                    "Unable to transform response: the `{key}` template failed at {e}"
                ))
            })?;
            if let Some(s) = rendered.response_override.status_code() {
                status = s;
            }
            for (name, value) in rendered.response_override.header {
                headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
                let v = match value {
                    OverrideValue::Single(v) => v,
                    OverrideValue::Multi(vs) => vs.join(","),
                };
                headers.push((name, v));
            }
            Bytes::from(rendered.body)
        }
    };
    let mut response = plain(status, &content_type, body);
    for (name, value) in headers {
        let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) else {
            continue;
        };
        if name == http::header::CONTENT_TYPE {
            response.headers_mut().insert(name, value);
        } else {
            response.headers_mut().append(name, value);
        }
    }
    Ok(response)
}

/// The response template for the client's first `Accept` type; else `application/json`'s; else
/// the first one. No templates: the body passes through.
fn choose_template<'e>(
    entry: &'e IntegrationResponse,
    accept: Option<&str>,
) -> Option<(&'e str, &'e apigw_vtl::Template)> {
    let templates = &entry.templates;
    let key_of = |media_type: &str| {
        templates
            .iter()
            .find(|(k, _)| media::essence(k) == media_type)
            .map(|(k, t)| (k.as_str(), t))
    };
    accept
        .and_then(key_of)
        .or_else(|| key_of(media::APPLICATION_JSON))
        .or_else(|| templates.first().map(|(k, t)| (k.as_str(), t)))
}

fn plain(status: u16, content_type: &str, body: Bytes) -> Response<Bytes> {
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    if let Ok(v) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(http::header::CONTENT_TYPE, v);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_spec::selection::pattern_regex;

    fn entry(key: &str, status: u16) -> IntegrationResponse {
        let key = SelectionKey::parse(key);
        IntegrationResponse {
            pattern: match &key {
                SelectionKey::Default => None,
                SelectionKey::Pattern(p) => Some(pattern_regex(p).unwrap()),
            },
            key,
            status,
            headers: vec![],
            templates: vec![],
            content_handling: None,
        }
    }

    #[test]
    fn first_match_in_document_order_then_default() {
        let responses = vec![
            entry("default", 200),
            entry("4\\d{2}", 400),
            entry("404", 404),
            entry(".+", 502),
        ];
        assert_eq!(select(&responses, "404").unwrap().status, 400);
        assert_eq!(select(&responses, "500").unwrap().status, 502);
        // Patterns match the whole value: "40" is not "4\d{2}".
        assert_eq!(select(&responses, "").unwrap().status, 200);
        let no_default = vec![entry("2\\d{2}", 200)];
        assert!(select(&no_default, "500").is_none());
        // A `.*` entry catches a successful Lambda call (empty errorMessage).
        let lambda = vec![entry("Not found.*", 404), entry(".*", 200)];
        assert_eq!(select(&lambda, "").unwrap().status, 200);
        assert_eq!(select(&lambda, "Not found: pet 2").unwrap().status, 404);
    }
}
