//! Method request -> integration request: `requestParameters`, the request template chosen by
//! `Content-Type` (or passthrough, or 415), `contentHandling`, `$context.requestOverride`.

use apigw_spec::{ParamTarget, PassthroughBehavior};
use apigw_vtl::{OverrideValue, Template};
use bytes::Bytes;
use serde_json::{Map, Value, json};

use super::params::{Mapped, request_value};
use super::{Exchange, template_for};
use crate::deploy::Integration;
use crate::gateway_response::{GatewayError, GatewayErrorKind};
use crate::media;

/// A value for a `{placeholder}` of the integration uri.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathValue {
    pub name: String,
    pub value: String,
    /// Taken from a greedy path parameter: its `/` stay path separators.
    pub keep_slashes: bool,
}

/// What the mapping gives the backend.
#[derive(Debug, Clone, Default)]
pub(crate) struct IntegrationRequest {
    pub path: Vec<PathValue>,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    /// Whether a request template produced the body.
    pub templated: bool,
}

impl IntegrationRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets a header unless one of that name is there.
    pub fn default_header(&mut self, name: &str, value: &str) {
        if self.header(name).is_none() {
            self.headers.push((name.to_string(), value.to_string()));
        }
    }
}

/// `requestParameters` alone (what `http_proxy` applies too).
pub(crate) fn map_parameters(
    integration: &Integration,
    ex: &Exchange<'_>,
) -> Result<IntegrationRequest, GatewayError> {
    let mut out = IntegrationRequest::default();
    for (target, source) in &integration.request_parameters {
        let Some(value) = request_value(source, ex)? else {
            continue;
        };
        match target {
            ParamTarget::Path(name) => {
                let keep_slashes = matches!(source, apigw_spec::ParamSource::Path(p) if ex.request.greedy_params.iter().any(|g| g == p.as_ref()));
                let value = match value {
                    Mapped::One(v) => v,
                    Mapped::Many(vs) => vs.join(","),
                };
                set_path(&mut out.path, name, value, keep_slashes);
            }
            ParamTarget::Query(name) => {
                out.query.retain(|(k, _)| k != name.as_ref());
                match value {
                    Mapped::One(v) => out.query.push((name.to_string(), v)),
                    Mapped::Many(vs) => out
                        .query
                        .extend(vs.into_iter().map(|v| (name.to_string(), v))),
                }
            }
            ParamTarget::Header(name) => {
                out.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
                let value = match value {
                    Mapped::One(v) => v,
                    Mapped::Many(vs) => vs.join(","),
                };
                out.headers.push((name.to_string(), value));
            }
        }
    }
    Ok(out)
}

fn set_path(path: &mut Vec<PathValue>, name: &str, value: String, keep_slashes: bool) {
    path.retain(|p| p.name != name);
    path.push(PathValue {
        name: name.to_string(),
        value,
        keep_slashes,
    });
}

/// The whole request mapping of a non-proxy integration.
pub(crate) fn map_request(
    integration: &Integration,
    ex: &mut Exchange<'_>,
) -> Result<IntegrationRequest, GatewayError> {
    let mut out = map_parameters(integration, ex)?;
    let content_type = ex
        .request
        .content_type()
        .unwrap_or_else(|| media::APPLICATION_JSON.to_string());
    let template = select_template(integration, &content_type)?;
    let binary = media::is_binary(Some(&content_type), ex.binary_types);
    let body = media::convert_request(
        ex.request.body.clone(),
        binary,
        integration.content_handling,
    )
    .map_err(|_| {
        GatewayError::configuration(
            "the request body is not base64 text, so CONVERT_TO_BINARY failed",
        )
    })?;
    let Some(template) = template else {
        out.body = body;
        return Ok(out);
    };
    let input = ex.template_input(String::from_utf8_lossy(&body).into_owned());
    let rendered = template.render(&input).map_err(|e| {
        GatewayError::configuration(format!(
            "Unable to transform request: the `{content_type}` template failed at {e}"
        ))
    })?;
    out.templated = true;
    out.body = Bytes::from(rendered.body);
    let overrides = rendered.request_override;
    let mut visible = Map::new();
    let mut headers = Map::new();
    for (name, value) in &overrides.header {
        out.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        match value {
            OverrideValue::Single(v) => out.headers.push((name.clone(), v.clone())),
            OverrideValue::Multi(vs) => out.headers.push((name.clone(), vs.join(","))),
        }
        headers.insert(name.clone(), override_json(value));
    }
    let mut query = Map::new();
    for (name, value) in &overrides.querystring {
        out.query.retain(|(k, _)| k != name);
        match value {
            OverrideValue::Single(v) => out.query.push((name.clone(), v.clone())),
            OverrideValue::Multi(vs) => out
                .query
                .extend(vs.iter().map(|v| (name.clone(), v.clone()))),
        }
        query.insert(name.clone(), override_json(value));
    }
    let mut path = Map::new();
    for (name, value) in &overrides.path {
        let v = match value {
            OverrideValue::Single(v) => v.clone(),
            OverrideValue::Multi(vs) => vs.join(","),
        };
        set_path(&mut out.path, name, v, false);
        path.insert(name.clone(), override_json(value));
    }
    visible.insert("header".into(), Value::Object(headers));
    visible.insert("querystring".into(), Value::Object(query));
    visible.insert("path".into(), Value::Object(path));
    ex.context
        .insert("requestOverride".into(), Value::Object(visible));
    Ok(out)
}

fn override_json(value: &OverrideValue) -> Value {
    match value {
        OverrideValue::Single(v) => json!(v),
        OverrideValue::Multi(vs) => json!(vs),
    }
}

/// The template for the request's content type (absent: `application/json`), else `$default`;
/// when there is none, `passthroughBehavior` decides between passing the body and 415.
pub(crate) fn select_template<'i>(
    integration: &'i Integration,
    content_type: &str,
) -> Result<Option<&'i Template>, GatewayError> {
    let templates = &integration.request_templates;
    if let Some(t) =
        template_for(templates, content_type).or_else(|| template_for(templates, "$default"))
    {
        return Ok(Some(t));
    }
    let unsupported = || {
        GatewayError::new(
            GatewayErrorKind::UnsupportedMediaType,
            format!(
                "no request template for `{content_type}` and passthroughBehavior forbids passing the body"
            ),
        )
    };
    match integration.passthrough {
        PassthroughBehavior::WhenNoMatch => Ok(None),
        PassthroughBehavior::WhenNoTemplates if templates.is_empty() => Ok(None),
        PassthroughBehavior::WhenNoTemplates | PassthroughBehavior::Never => Err(unsupported()),
    }
}
