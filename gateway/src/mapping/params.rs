//! Parameter mapping expressions evaluated: `requestParameters` sources (`method.request.*`,
//! `context.*`, `stageVariables.*`, `'literal'`) and `responseParameters` sources
//! (`integration.response.*`, ...). A source with no value maps nothing.

use apigw_spec::{ParamSource, ResponseSource};
use apigw_vtl::{Input, Template};

use super::Exchange;
use crate::context;
use crate::gateway_response::{GatewayError, GatewayErrorKind};

/// A mapped value: one, or every value of a multi-value source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mapped {
    One(String),
    Many(Vec<String>),
}

/// The value of a request parameter source.
pub(crate) fn request_value(
    source: &ParamSource,
    ex: &Exchange<'_>,
) -> Result<Option<Mapped>, GatewayError> {
    let request = ex.request;
    let one = |v: Option<&str>| v.map(|s| Mapped::One(s.to_string()));
    Ok(match source {
        ParamSource::Path(n) => one(request.path_param(n)),
        ParamSource::Query(n) => one(request.query_param(n)),
        ParamSource::MultiQuery(n) => {
            let values = request.query_values(n);
            (!values.is_empty())
                .then(|| Mapped::Many(values.into_iter().map(String::from).collect()))
        }
        ParamSource::Header(n) => one(request.header(n)),
        ParamSource::MultiHeader(n) => {
            let values = request.header_values(n);
            (!values.is_empty()).then(|| Mapped::One(values.join(",")))
        }
        ParamSource::Context(n) => context::lookup(&ex.context, n).map(Mapped::One),
        ParamSource::StageVariable(n) => ex.stage_variable(n).map(Mapped::One),
        ParamSource::Literal(v) => Some(Mapped::One(v.to_string())),
        ParamSource::Body => {
            let body = body_text(&request.body);
            check_json(&body)?;
            Some(Mapped::One(if body.trim().is_empty() {
                "{}".into()
            } else {
                body
            }))
        }
        ParamSource::BodyPath(p) => {
            let body = body_text(&request.body);
            check_json(&body)?;
            json_path(&body, p)?.map(Mapped::One)
        }
    })
}

/// The value of a response header source, `backend` being the integration response.
pub(crate) fn response_value(
    source: &ResponseSource,
    headers: &[(String, String)],
    body: &[u8],
    ex: &Exchange<'_>,
) -> Result<Option<String>, GatewayError> {
    let header_values = |name: &str| -> Vec<&str> {
        headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    };
    Ok(match source {
        ResponseSource::Header(n) => header_values(n).last().map(|v| v.to_string()),
        ResponseSource::MultiHeader(n) => {
            let values = header_values(n);
            (!values.is_empty()).then(|| values.join(","))
        }
        ResponseSource::Body => Some(body_text(body)),
        ResponseSource::BodyPath(p) => json_path(&body_text(body), p)?,
        ResponseSource::Context(n) => context::lookup(&ex.context, n),
        ResponseSource::StageVariable(n) => ex.stage_variable(n),
        ResponseSource::Literal(v) => Some(v.to_string()),
    })
}

pub(crate) fn body_text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// A body mapping reads JSON; a body that starts like JSON but is not is a 400.
fn check_json(body: &str) -> Result<(), GatewayError> {
    let trimmed = body.trim_start();
    if trimmed.starts_with(['{', '[', '"'])
        && serde_json::from_str::<serde_json::Value>(body).is_err()
    {
        return Err(GatewayError::new(
            GatewayErrorKind::InvalidJsonBody,
            "a `method.request.body` mapping met a body that is not JSON",
        ));
    }
    Ok(())
}

/// `body.a.b` (a JSONPath without `$.`) read as `$input.json` reads it: a string value gives the
/// string, anything else its JSON text; an absent path gives nothing.
fn json_path(body: &str, path: &str) -> Result<Option<String>, GatewayError> {
    if path.contains('\'') {
        return Err(GatewayError::configuration(format!(
            "the JSONPath `{path}` of a body mapping cannot be evaluated"
        )));
    }
    let template = Template::parse(&format!("$input.json('$.{path}')"))
        .map_err(|e| GatewayError::configuration(format!("body mapping `{path}`: {e}")))?;
    let rendered = template
        .render(&Input::with_body(body))
        .map_err(|e| GatewayError::configuration(format!("body mapping `{path}`: {e}")))?;
    let text = rendered.body;
    if text == "\"\"" || text.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::String(s)) => s,
            _ => text,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_paths_give_strings_unquoted_and_json_otherwise() {
        let body = r#"{"a": {"b": "x y", "n": 1, "o": {"k": [1, 2]}}}"#;
        assert_eq!(json_path(body, "a.b").unwrap().as_deref(), Some("x y"));
        assert_eq!(json_path(body, "a.n").unwrap().as_deref(), Some("1"));
        assert_eq!(
            json_path(body, "a.o").unwrap().as_deref(),
            Some(r#"{"k":[1,2]}"#)
        );
        assert_eq!(json_path(body, "a.missing").unwrap(), None);
        assert!(json_path(body, "a['b']").is_err());
    }

    #[test]
    fn non_json_bodies_are_refused_only_when_they_look_like_json() {
        assert!(check_json("{broken").is_err());
        assert!(check_json("token=a&b=c").is_ok());
        assert!(check_json("").is_ok());
    }
}
