//! Request and response parameter mappings, typed: `integration.request.path.key` <-
//! `method.request.path.petId`, `method.response.header.ETag` <- `integration.response.header.ETag`.
//! The strings API Gateway parses are spelled here only; the raw spelling (the escape hatch of
//! the macros, and what the AWS documentation shows) parses back into the same types.

use std::fmt;

use crate::Str;

/// Where a mapped value goes in the request to the backend: `integration.request.<location>.<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ParamTarget {
    /// A `{name}` placeholder of the integration uri.
    Path(Str),
    Query(Str),
    Header(Str),
}

/// Where a request parameter's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ParamSource {
    /// A path parameter of the operation.
    Path(Str),
    /// A query parameter the operation declares.
    Query(Str),
    /// Every value of a repeated query parameter.
    MultiQuery(Str),
    /// A header the operation declares.
    Header(Str),
    /// Every value of a repeated header.
    MultiHeader(Str),
    /// `$context.<name>` (e.g. `requestId`, `identity.sourceIp`).
    Context(Str),
    /// `$stageVariables.<name>`.
    StageVariable(Str),
    /// A fixed value.
    Literal(Str),
    /// The whole request body.
    Body,
    /// A JSONPath into the request body, without the leading `$.` (`pet.name`).
    BodyPath(Str),
}

/// Where a method response header's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ResponseSource {
    /// A header of the backend's response.
    Header(Str),
    /// Every value of a repeated backend header.
    MultiHeader(Str),
    /// The whole backend body.
    Body,
    /// A JSONPath into the backend body, without the leading `$.`.
    BodyPath(Str),
    Context(Str),
    StageVariable(Str),
    Literal(Str),
}

/// One entry of an integration's `requestParameters`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestParameter {
    pub target: ParamTarget,
    pub source: ParamSource,
}

/// One entry of an integration response's `responseParameters`: a header of the method response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResponseHeader {
    pub name: Str,
    pub source: ResponseSource,
}

/// The prefix of a `responseParameters` key that sets a method response header.
pub const RESPONSE_HEADER_PREFIX: &str = "method.response.header.";

/// A mapping expression API Gateway would not accept. `Display` lists what it accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExpressionError {
    #[error(
        "`{0}` is not an integration request parameter: write `integration.request.path.NAME`, `integration.request.querystring.NAME` or `integration.request.header.NAME`"
    )]
    Target(String),
    #[error(
        "`{0}` is not a mapping API Gateway accepts: use `method.request.{{path|querystring|header}}.NAME`, `method.request.body[.JSONPATH]`, `context.VAR`, `stageVariables.VAR` or a quoted literal `'value'`"
    )]
    RequestSource(String),
    #[error(
        "`{0}` is not a response mapping API Gateway accepts: use `integration.response.header.NAME`, `integration.response.body[.JSONPATH]`, `context.VAR`, `stageVariables.VAR` or a quoted literal `'value'`"
    )]
    ResponseSource(String),
}

/// A literal that cannot be written: API Gateway quotes literals with `'` and has no escape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{what} cannot contain `'`: API Gateway writes {it} between single quotes and has no escape for them"
)]
pub struct LiteralError {
    /// `a mapping literal`, `a mock header value`.
    pub what: &'static str,
    /// How the message refers to such values (`literals`, `it`).
    pub it: &'static str,
}

/// Checks that `value` can be a mapping literal.
pub fn check_literal(
    value: &str,
    what: &'static str,
    it: &'static str,
) -> Result<(), LiteralError> {
    if value.contains('\'') {
        Err(LiteralError { what, it })
    } else {
        Ok(())
    }
}

/// A mapping literal: `'value'`. Quotes cannot be escaped, so they are dropped (the macros reject
/// them at compile time).
pub fn literal(v: &str) -> String {
    format!("'{}'", v.replace('\'', ""))
}

/// `rest` after `prefix`, when it is a non-empty name.
fn named<'a>(expression: &'a str, prefix: &str) -> Option<&'a str> {
    expression.strip_prefix(prefix).filter(|n| !n.is_empty())
}

/// A quoted literal `'value'` without its quotes.
fn quoted(expression: &str) -> Option<&str> {
    expression
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
}

impl ParamTarget {
    /// `integration.request.path.key`.
    pub fn expression(&self) -> String {
        match self {
            ParamTarget::Path(n) => format!("integration.request.path.{n}"),
            ParamTarget::Query(n) => format!("integration.request.querystring.{n}"),
            ParamTarget::Header(n) => format!("integration.request.header.{n}"),
        }
    }

    /// The typed form of an `integration.request.*` expression.
    pub fn parse_expression(e: &str) -> Result<ParamTarget, ExpressionError> {
        let owned = |n: &str| Str::Owned(n.to_string());
        if let Some(n) = named(e, "integration.request.path.") {
            Ok(ParamTarget::Path(owned(n)))
        } else if let Some(n) = named(e, "integration.request.querystring.") {
            Ok(ParamTarget::Query(owned(n)))
        } else if let Some(n) = named(e, "integration.request.header.") {
            Ok(ParamTarget::Header(owned(n)))
        } else {
            Err(ExpressionError::Target(e.to_string()))
        }
    }

    /// The `{name}` placeholder this target fills, if it is one.
    pub fn path_name(&self) -> Option<&str> {
        match self {
            ParamTarget::Path(n) => Some(n),
            _ => None,
        }
    }
}

impl ParamSource {
    /// `method.request.path.petId`, `'literal'`, ...
    pub fn expression(&self) -> String {
        match self {
            ParamSource::Path(n) => format!("method.request.path.{n}"),
            ParamSource::Query(n) => format!("method.request.querystring.{n}"),
            ParamSource::MultiQuery(n) => format!("method.request.multivaluequerystring.{n}"),
            ParamSource::Header(n) => format!("method.request.header.{n}"),
            ParamSource::MultiHeader(n) => format!("method.request.multivalueheader.{n}"),
            ParamSource::Context(n) => format!("context.{n}"),
            ParamSource::StageVariable(n) => format!("stageVariables.{n}"),
            ParamSource::Literal(v) => literal(v),
            ParamSource::Body => "method.request.body".into(),
            ParamSource::BodyPath(p) => format!("method.request.body.{p}"),
        }
    }

    /// The typed form of a `method.request.*` (or `context.*`, `stageVariables.*`, `'literal'`)
    /// expression.
    pub fn parse_expression(e: &str) -> Result<ParamSource, ExpressionError> {
        let owned = |n: &str| Str::Owned(n.to_string());
        let source = if let Some(v) = quoted(e) {
            ParamSource::Literal(owned(v))
        } else if e == "method.request.body" {
            ParamSource::Body
        } else if let Some(n) = named(e, "method.request.body.") {
            ParamSource::BodyPath(owned(n))
        } else if let Some(n) = named(e, "method.request.path.") {
            ParamSource::Path(owned(n))
        } else if let Some(n) = named(e, "method.request.querystring.") {
            ParamSource::Query(owned(n))
        } else if let Some(n) = named(e, "method.request.multivaluequerystring.") {
            ParamSource::MultiQuery(owned(n))
        } else if let Some(n) = named(e, "method.request.header.") {
            ParamSource::Header(owned(n))
        } else if let Some(n) = named(e, "method.request.multivalueheader.") {
            ParamSource::MultiHeader(owned(n))
        } else if let Some(n) = named(e, "context.") {
            ParamSource::Context(owned(n))
        } else if let Some(n) = named(e, "stageVariables.") {
            ParamSource::StageVariable(owned(n))
        } else {
            return Err(ExpressionError::RequestSource(e.to_string()));
        };
        Ok(source)
    }
}

impl ResponseSource {
    /// `integration.response.header.ETag`, `'literal'`, ...
    pub fn expression(&self) -> String {
        match self {
            ResponseSource::Header(n) => format!("integration.response.header.{n}"),
            ResponseSource::MultiHeader(n) => format!("integration.response.multivalueheader.{n}"),
            ResponseSource::Body => "integration.response.body".into(),
            ResponseSource::BodyPath(p) => format!("integration.response.body.{p}"),
            ResponseSource::Context(n) => format!("context.{n}"),
            ResponseSource::StageVariable(n) => format!("stageVariables.{n}"),
            ResponseSource::Literal(v) => literal(v),
        }
    }

    /// The typed form of an `integration.response.*` (or `context.*`, `stageVariables.*`,
    /// `'literal'`) expression.
    pub fn parse_expression(e: &str) -> Result<ResponseSource, ExpressionError> {
        let owned = |n: &str| Str::Owned(n.to_string());
        let source = if let Some(v) = quoted(e) {
            ResponseSource::Literal(owned(v))
        } else if e == "integration.response.body" {
            ResponseSource::Body
        } else if let Some(n) = named(e, "integration.response.body.") {
            ResponseSource::BodyPath(owned(n))
        } else if let Some(n) = named(e, "integration.response.header.") {
            ResponseSource::Header(owned(n))
        } else if let Some(n) = named(e, "integration.response.multivalueheader.") {
            ResponseSource::MultiHeader(owned(n))
        } else if let Some(n) = named(e, "context.") {
            ResponseSource::Context(owned(n))
        } else if let Some(n) = named(e, "stageVariables.") {
            ResponseSource::StageVariable(owned(n))
        } else {
            return Err(ExpressionError::ResponseSource(e.to_string()));
        };
        Ok(source)
    }
}

impl RequestParameter {
    /// `{name}` of the uri <- the operation's path parameter `name`: what every `{param}`
    /// placeholder needs unless mapped otherwise.
    pub const fn path(name: &'static str) -> Self {
        RequestParameter {
            target: ParamTarget::Path(Str::Borrowed(name)),
            source: ParamSource::Path(Str::Borrowed(name)),
        }
    }
}

impl ResponseHeader {
    /// The backend's header of the same name, passed through.
    pub const fn pass(name: &'static str) -> Self {
        ResponseHeader {
            name: Str::Borrowed(name),
            source: ResponseSource::Header(Str::Borrowed(name)),
        }
    }

    /// `method.response.header.<name>`.
    pub fn key(&self) -> String {
        format!("{RESPONSE_HEADER_PREFIX}{}", self.name)
    }
}

impl fmt::Display for ParamSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.expression())
    }
}

/// The request parameters of an integration whose uri has `{name}` placeholders: `{name}` <-
/// path parameter `name` for every placeholder `explicit` does not map, then `explicit` in order
/// (a later mapping of one target replaces an earlier one, keeping its place).
pub fn with_placeholders<'a>(
    template: &str,
    explicit: impl IntoIterator<Item = &'a RequestParameter> + Clone,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for name in crate::placeholder::names(template) {
        let mapped = explicit
            .clone()
            .into_iter()
            .any(|p| p.target.path_name() == Some(name));
        if !mapped {
            out.push((
                ParamTarget::Path(Str::Owned(name.to_string())).expression(),
                ParamSource::Path(Str::Owned(name.to_string())).expression(),
            ));
        }
    }
    for p in explicit {
        insert(&mut out, p.target.expression(), p.source.expression());
    }
    out
}

/// Insert-or-replace keeping the first position: how API Gateway's maps (and `IndexMap`) behave.
pub fn insert(map: &mut Vec<(String, String)>, key: String, value: String) {
    match map.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = value,
        None => map.push((key, value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &'static str) -> Str {
        Str::Borrowed(v)
    }

    #[test]
    fn expressions_round_trip() {
        let sources = [
            ParamSource::Path(s("petId")),
            ParamSource::Query(s("q")),
            ParamSource::MultiQuery(s("tag")),
            ParamSource::Header(s("X-Id")),
            ParamSource::MultiHeader(s("Accept")),
            ParamSource::Context(s("identity.sourceIp")),
            ParamSource::StageVariable(s("host")),
            ParamSource::Literal(s("application/json")),
            ParamSource::Body,
            ParamSource::BodyPath(s("pet.name")),
        ];
        for source in sources {
            assert_eq!(
                ParamSource::parse_expression(&source.expression()),
                Ok(source.clone())
            );
        }
        for target in [
            ParamTarget::Path(s("key")),
            ParamTarget::Query(s("v")),
            ParamTarget::Header(s("Content-Type")),
        ] {
            assert_eq!(
                ParamTarget::parse_expression(&target.expression()),
                Ok(target.clone())
            );
        }
        assert_eq!(
            ResponseSource::parse_expression("integration.response.header.ETag"),
            Ok(ResponseSource::Header(s("ETag")))
        );
    }

    #[test]
    fn raw_expressions_api_gateway_rejects_are_named() {
        assert!(ParamTarget::parse_expression("integration.request.body").is_err());
        assert!(ParamTarget::parse_expression("integration.request.header.").is_err());
        assert!(
            ParamSource::parse_expression("method.request.cookie.x")
                .unwrap_err()
                .to_string()
                .contains("is not a mapping API Gateway accepts")
        );
    }

    #[test]
    fn explicit_mapping_wins_over_placeholder_default() {
        let explicit = [RequestParameter {
            target: ParamTarget::Path(s("id")),
            source: ParamSource::Query(s("id")),
        }];
        let m = with_placeholders("pets/{id}/{kind}", &explicit);
        assert_eq!(
            m,
            vec![
                (
                    "integration.request.path.kind".to_string(),
                    "method.request.path.kind".to_string()
                ),
                (
                    "integration.request.path.id".to_string(),
                    "method.request.querystring.id".to_string()
                ),
            ]
        );
    }

    #[test]
    fn literals_cannot_hold_quotes() {
        assert_eq!(literal("a'b"), "'ab'");
        assert_eq!(
            check_literal("it's", "a mapping literal", "literals")
                .unwrap_err()
                .to_string(),
            "a mapping literal cannot contain `'`: API Gateway writes literals between single quotes and has no escape for them"
        );
    }
}
