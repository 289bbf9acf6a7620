//! `$input`: the body as text, as JSON through JSONPath, and the method request parameters.
//!
//! The body is read the way API Gateway's JSONPath library (Jayway JsonPath with json-smart in
//! permissive mode) reads it:
//! - an empty body is `{}` (also for `$input.body`, as recorded from API Gateway);
//! - JSON is JSON; trailing text after a complete JSON value is ignored;
//! - text that does not start like JSON (`token=a&b=c`, `<Error>..</Error>`, `hello`) is one JSON
//!   string, the trimmed text: `$input.path('$')` is that string, `$input.json('$')` is it quoted,
//!   and any `$.x` is absent;
//! - text that starts like JSON (`{`, `[`, `"`) but is not is an error
//!   ([`RenderErrorKind::InvalidJsonBody`]).

use std::rc::Rc;

use serde_json::Value as Json;

use crate::error::RenderErrorKind;
use crate::jsonpath::{self, Found};
use crate::render::{Renderer, kind_of};
use crate::value::{JsonStyle, ListKind, Value, java_double, json_escape};

impl Renderer<'_> {
    /// `$input.body`: the payload, `{}` when empty.
    pub(crate) fn body_text(&self) -> &str {
        if self.input.body.is_empty() {
            "{}"
        } else {
            &self.input.body
        }
    }

    fn body_doc(&mut self, function: &'static str) -> Result<Rc<Json>, RenderErrorKind> {
        if self.body_doc.is_none() {
            self.body_doc = Some(parse_body(self.body_text()).map(Rc::new));
        }
        match &self.body_doc {
            Some(Ok(doc)) => Ok(doc.clone()),
            Some(Err(reason)) => Err(RenderErrorKind::InvalidJsonBody {
                function,
                reason: reason.clone(),
            }),
            None => Err(RenderErrorKind::InvalidJsonBody {
                function,
                reason: String::new(),
            }),
        }
    }

    pub(crate) fn input_method(
        &mut self,
        name: &str,
        args: &[Value],
    ) -> Result<Option<Value>, RenderErrorKind> {
        match (name, args) {
            ("getBody", []) => Ok(Some(Value::str(self.body_text()))),
            ("params", []) => self.params_map().map(Some),
            ("params", [Value::Str(name)]) => Ok(Some(self.param(name))),
            ("path", [Value::Str(path)]) => {
                let doc = self.body_doc("path")?;
                match eval_path(path, &doc)? {
                    Found::One(None) => Ok(Some(Value::Null)),
                    Found::One(Some(v)) => self.heap.alloc_json(v, ListKind::Json).map(Some),
                    Found::Many(items) => {
                        let mut values = Vec::with_capacity(items.len());
                        for item in items {
                            values.push(self.heap.alloc_json(item, ListKind::Json)?);
                        }
                        self.heap.new_list(values, ListKind::Json).map(Some)
                    }
                }
            }
            ("json", [Value::Str(path)]) => {
                let doc = self.body_doc("json")?;
                let mut out = String::new();
                match eval_path(path, &doc)? {
                    // A path that finds nothing gives an empty JSON string (as LocalStack
                    // reproduces API Gateway).
                    Found::One(None) => out.push_str("\"\""),
                    Found::One(Some(v)) => write_json(v, &mut out),
                    Found::Many(items) => {
                        out.push('[');
                        for (i, item) in items.into_iter().enumerate() {
                            if i > 0 {
                                out.push(',');
                            }
                            write_json(item, &mut out);
                        }
                        out.push(']');
                    }
                }
                self.check_string(&out, 0).map_err(kind_of)?;
                Ok(Some(Value::str(out)))
            }
            _ => Ok(None),
        }
    }

    /// `$input.params('name')`: the path parameter, else the query string parameter, else the
    /// header (header names compare case-insensitively when no exact match exists).
    fn param(&self, name: &str) -> Value {
        let params = &self.input.params;
        let exact = |pairs: &[(String, String)]| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        exact(&params.path)
            .or_else(|| exact(&params.querystring))
            .or_else(|| exact(&params.header))
            .or_else(|| {
                params
                    .header
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            })
            .map_or(Value::Null, Value::str)
    }
}

fn eval_path<'a>(path: &str, doc: &'a Json) -> Result<Found<'a>, RenderErrorKind> {
    jsonpath::evaluate(path, doc).map_err(|reason| RenderErrorKind::UnsupportedJsonPath {
        path: path.to_string(),
        reason,
    })
}

/// Reads a body as json-smart's permissive parser would (see the module documentation).
pub(crate) fn parse_body(text: &str) -> Result<Json, String> {
    let strict = match serde_json::from_str::<Json>(text) {
        Ok(doc) => return Ok(doc),
        Err(e) => e,
    };
    // A complete JSON value followed by other text: json-smart stops after the value.
    if let Some(Ok(doc)) = serde_json::Deserializer::from_str(text)
        .into_iter::<Json>()
        .next()
    {
        return Ok(doc);
    }
    let trimmed = text.trim();
    match trimmed.as_bytes().first() {
        Some(b'{' | b'[' | b'"') => Err(strict.to_string()),
        Some(b'\'') => match trimmed[1..].find('\'') {
            Some(end) => Ok(Json::String(trimmed[1..1 + end].to_string())),
            None => Err("unterminated single-quoted string".into()),
        },
        _ => Ok(Json::String(trimmed.to_string())),
    }
}

/// JSON text of a path result: compact, strings escaped as json-smart's `LT_COMPRESS` style
/// does (`/` kept), doubles as Java prints them.
fn write_json(v: &Json, out: &mut String) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (None, Some(u)) => out.push_str(&u.to_string()),
            _ => out.push_str(&java_double(n.as_f64().unwrap_or(0.0))),
        },
        Json::String(s) => {
            out.push('"');
            json_escape(s, JsonStyle::Plain, out);
            out.push('"');
        }
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Json::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                json_escape(k, JsonStyle::Plain, out);
                out.push_str("\":");
                write_json(item, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies_read_like_json_smart() {
        assert_eq!(parse_body("{\"a\":1}").unwrap(), json!({"a": 1}));
        assert_eq!(parse_body("{\"a\":1} trailing").unwrap(), json!({"a": 1}));
        assert_eq!(
            parse_body("token=abc&team=x").unwrap(),
            json!("token=abc&team=x")
        );
        assert_eq!(
            parse_body("  some raw data \n").unwrap(),
            json!("some raw data")
        );
        assert_eq!(
            parse_body("<Error><Code>NoSuchKey</Code></Error>").unwrap(),
            json!("<Error><Code>NoSuchKey</Code></Error>")
        );
        assert_eq!(parse_body("'single'").unwrap(), json!("single"));
        assert!(parse_body("{broken").is_err());
        assert!(parse_body("[1,").is_err());
    }
}
