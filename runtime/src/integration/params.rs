//! Request and response parameter mappings, typed: `integration.request.path.key` <-
//! `method.request.path.petId`, `method.response.header.ETag` <- `integration.response.header.ETag`.
//! Every integration kind that maps parameters builds them from these types, so the strings API
//! Gateway parses are spelled in one place.
//!
//! All types are plain data with `&'static str` fields, so generated code can build them in
//! constant (promoted `'static`) slices.

use indexmap::IndexMap;

/// Where a mapped value goes in the request to the backend: `integration.request.<location>.<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamTarget {
    /// A `{name}` placeholder of the integration uri.
    Path(&'static str),
    Query(&'static str),
    Header(&'static str),
}

impl ParamTarget {
    /// `integration.request.path.key`.
    pub fn key(&self) -> String {
        match self {
            ParamTarget::Path(n) => format!("integration.request.path.{n}"),
            ParamTarget::Query(n) => format!("integration.request.querystring.{n}"),
            ParamTarget::Header(n) => format!("integration.request.header.{n}"),
        }
    }
}

/// Where a request parameter's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamSource {
    /// A path parameter of the operation.
    Path(&'static str),
    /// A query parameter the operation declares (`query = [...]`).
    Query(&'static str),
    /// Every value of a repeated query parameter.
    MultiQuery(&'static str),
    /// A header the operation declares (`headers = [...]`).
    Header(&'static str),
    /// Every value of a repeated header.
    MultiHeader(&'static str),
    /// `$context.<name>` (e.g. `requestId`, `identity.sourceIp`).
    Context(&'static str),
    /// `$stageVariables.<name>`.
    StageVariable(&'static str),
    /// A fixed value.
    Literal(&'static str),
    /// The whole request body.
    Body,
    /// A JSONPath into the request body, without the leading `$.` (`pet.name`).
    BodyPath(&'static str),
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
}

/// One entry of an integration's `requestParameters`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestParameter {
    pub target: ParamTarget,
    pub source: ParamSource,
}

impl RequestParameter {
    /// `{name}` of the uri <- the operation's path parameter `name`: what every `{param}`
    /// placeholder needs unless mapped otherwise.
    pub const fn path(name: &'static str) -> Self {
        RequestParameter {
            target: ParamTarget::Path(name),
            source: ParamSource::Path(name),
        }
    }
}

/// The `requestParameters` object, in declaration order (a later mapping of the same target
/// replaces an earlier one).
pub fn request_parameters<'a>(
    params: impl IntoIterator<Item = &'a RequestParameter>,
) -> IndexMap<String, String> {
    params
        .into_iter()
        .map(|p| (p.target.key(), p.source.expression()))
        .collect()
}

/// Where a method response header's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResponseSource {
    /// A header of the backend's response.
    Header(&'static str),
    /// Every value of a repeated backend header.
    MultiHeader(&'static str),
    /// The whole backend body.
    Body,
    /// A JSONPath into the backend body, without the leading `$.`.
    BodyPath(&'static str),
    Context(&'static str),
    StageVariable(&'static str),
    Literal(&'static str),
}

impl ResponseSource {
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
}

/// One entry of an integration response's `responseParameters`: a header of the method response.
/// The OpenAPI renderer declares every mapped header on its method response, as API Gateway
/// requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResponseHeader {
    pub name: &'static str,
    pub source: ResponseSource,
}

impl ResponseHeader {
    /// The backend's header of the same name, passed through.
    pub const fn pass(name: &'static str) -> Self {
        ResponseHeader {
            name,
            source: ResponseSource::Header(name),
        }
    }

    /// `method.response.header.<name>`.
    pub fn key(&self) -> String {
        format!("{RESPONSE_HEADER_PREFIX}{}", self.name)
    }
}

/// The prefix of a `responseParameters` key that sets a method response header.
pub const RESPONSE_HEADER_PREFIX: &str = "method.response.header.";

/// A mapping literal: `'value'`. API Gateway has no escape for a quote inside one, so quotes are
/// dropped (the macros reject them at compile time).
pub fn literal(v: &str) -> String {
    format!("'{}'", v.replace('\'', ""))
}

/// `{petId}` placeholders of a uri or key template, in order, without duplicates (`{key+}` gives
/// `key`).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = after[..end].trim_end_matches('+');
        // `${AWS::Region}` and `${stageVariables.x}` are not placeholders.
        let is_sub = start > 0 && rest.as_bytes()[start - 1] == b'$';
        if !is_sub && !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
        rest = &after[end + 1..];
    }
    out
}

/// The request parameters of an integration with a uri template: the explicit mappings, plus
/// `{name}` <- path parameter `name` for every placeholder they do not map.
pub fn with_placeholders(
    template: &str,
    explicit: &[RequestParameter],
) -> IndexMap<String, String> {
    let mut out = IndexMap::new();
    for name in placeholders(template) {
        let mapped = explicit
            .iter()
            .any(|p| matches!(p.target, ParamTarget::Path(n) if n == name));
        if !mapped {
            out.insert(
                format!("integration.request.path.{name}"),
                format!("method.request.path.{name}"),
            );
        }
    }
    out.extend(request_parameters(explicit));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_skip_cfn_subs() {
        assert_eq!(
            placeholders("${AWS::Region}/a/{petId}/{rest+}/{petId}"),
            vec!["petId", "rest"]
        );
    }

    #[test]
    fn explicit_mapping_wins_over_placeholder_default() {
        let explicit = [RequestParameter {
            target: ParamTarget::Path("id"),
            source: ParamSource::Query("id"),
        }];
        let m = with_placeholders("pets/{id}/{kind}", &explicit);
        assert_eq!(
            m.get("integration.request.path.id").map(String::as_str),
            Some("method.request.querystring.id")
        );
        assert_eq!(
            m.get("integration.request.path.kind").map(String::as_str),
            Some("method.request.path.kind")
        );
    }
}
