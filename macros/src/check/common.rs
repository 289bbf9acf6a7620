//! Checks every integration kind shares: statuses, mapping options, `{placeholder}`s, request
//! parameter mappings, response header sources, the cache key and template content types. Each
//! turns syntax into the vocabulary's values, reporting every mistake at its token.

use apigw_spec::params::{self, ParamSource, ParamTarget, ResponseHeader, ResponseSource};
use apigw_spec::{
    ContentHandling, List, MappingOptions, PassthroughBehavior, RequestParameter, StatusCode, Str,
    TimeoutMs, placeholder, template,
};
use proc_macro2::Span;
use syn::{LitInt, LitStr};

use super::Cx;
use crate::diag::Errors;
use crate::parse::common::{MappingOptions as MappingAst, RequestMapping, Selector, Template};

/// An HTTP status literal.
pub fn status(lit: &LitInt) -> syn::Result<StatusCode> {
    lit.base10_parse::<u16>()
        .ok()
        .and_then(StatusCode::new)
        .ok_or_else(|| {
            let e = apigw_spec::status::StatusError {
                written: lit.to_string(),
            };
            syn::Error::new(lit.span(), e)
        })
}

/// `success_status = N`: the status of a successful call (200 when omitted) and the token that
/// chose it.
pub fn success_status(lit: Option<&LitInt>, errors: &mut Errors) -> (StatusCode, Option<Span>) {
    match lit {
        Some(lit) => (
            errors.ok(status(lit)).unwrap_or(StatusCode::OK),
            Some(lit.span()),
        ),
        None => (StatusCode::OK, None),
    }
}

pub fn passthrough(lit: &LitStr) -> syn::Result<PassthroughBehavior> {
    PassthroughBehavior::parse(&lit.value()).map_err(|e| syn::Error::new(lit.span(), e))
}

pub fn content_handling(lit: &LitStr) -> syn::Result<ContentHandling> {
    ContentHandling::parse(&lit.value()).map_err(|e| syn::Error::new(lit.span(), e))
}

/// `passthrough`, `content_handling` and `timeout_ms`, checked alike for every kind.
pub fn mapping(ast: &MappingAst, errors: &mut Errors) -> MappingOptions {
    MappingOptions {
        passthrough: ast
            .passthrough
            .get()
            .and_then(|l| errors.ok(passthrough(l))),
        content_handling: ast
            .content_handling
            .get()
            .and_then(|l| errors.ok(content_handling(l))),
        timeout_ms: ast.timeout_ms.get().and_then(|l| {
            errors.ok(TimeoutMs::parse(l.base10_digits()).map_err(|_| {
                let e = apigw_spec::options::TimeoutError {
                    written: l.to_string(),
                };
                syn::Error::new(l.span(), e)
            }))
        }),
    }
}

/// The distinct `{name}` placeholders of a key, URL or path template.
pub fn placeholders(template: &LitStr, what: &str) -> syn::Result<Vec<String>> {
    let v = template.value();
    let found =
        placeholder::scan(&v).map_err(|e| syn::Error::new(template.span(), e.message(what, &v)))?;
    let mut out: Vec<String> = Vec::new();
    for p in found {
        if !out.iter().any(|o| o == p.name) {
            out.push(p.name.to_string());
        }
    }
    Ok(out)
}

/// The `{name}` placeholders `mappings` set (`path("name")`, or the raw
/// `integration.request.path.name`), read from the syntax so a mapping with another mistake
/// still counts.
pub fn mapped_placeholders(mappings: &[RequestMapping]) -> Vec<String> {
    mappings
        .iter()
        .filter_map(|m| {
            let arg = m.target.arg.as_ref()?.value();
            match m.target.kind.to_string().as_str() {
                "path" => Some(arg),
                "raw" => arg
                    .strip_prefix("integration.request.path.")
                    .map(String::from),
                _ => None,
            }
        })
        .collect()
}

/// Every placeholder is either mapped explicitly or filled from the operation's path parameter of
/// the same name, which must exist.
pub fn placeholders_filled(
    placeholders: &[String],
    mapped: &[String],
    cx: &Cx,
    span: Span,
    what: &str,
    errors: &mut Errors,
) {
    for p in placeholders {
        if !mapped.contains(p)
            && let Err(e) = cx.path_param(p, span, what)
        {
            errors.push(e);
        }
    }
}

const REQUEST_SOURCES: &str = "`path(\"name\")`, `query(\"name\")`, `multi_query(\"name\")`, `header(\"Name\")`, `multi_header(\"Name\")`, `context(\"requestId\")`, `stage(\"name\")`, `literal(\"value\")`, `body`, `body(\"json.path\")` or `raw(\"method.request...\")`";
const RESPONSE_SOURCES: &str = "`header(\"Name\")`, `multi_header(\"Name\")`, `context(\"requestId\")`, `stage(\"name\")`, `literal(\"value\")`, `body`, `body(\"json.path\")` or `raw(\"integration.response...\")`";

fn owned(lit: &LitStr) -> Str {
    Str::Owned(lit.value())
}

fn literal(lit: &LitStr) -> syn::Result<()> {
    params::check_literal(&lit.value(), "a mapping literal", "literals")
        .map_err(|e| syn::Error::new(lit.span(), e))
}

/// A request mapping's target; `uri_what` names what its `path("x")` placeholders are in.
fn target(s: &Selector, placeholders: &[String], uri_what: &str) -> syn::Result<ParamTarget> {
    let kind = s.kind.to_string();
    if kind == "raw" {
        let lit = s.need_arg("raw(\"integration.request.header.Name\")")?;
        return ParamTarget::parse_expression(&lit.value())
            .map_err(|e| syn::Error::new(lit.span(), e));
    }
    if !["path", "query", "header"].contains(&kind.as_str()) {
        return Err(syn::Error::new(
            s.span(),
            format!(
                "unknown mapping target `{kind}`: a request parameter goes to `path(\"name\")` (a `{{name}}` of the {uri_what}), `query(\"name\")`, `header(\"Name\")` or `raw(\"integration.request...\")`"
            ),
        ));
    }
    let lit = s.need_arg("path(\"name\")")?;
    let v = lit.value();
    Ok(match kind.as_str() {
        "path" => {
            if !placeholders.contains(&v) {
                return Err(syn::Error::new(
                    lit.span(),
                    format!(
                        "`path(\"{v}\")` sets the `{{{v}}}` placeholder, but the {uri_what} has none (its placeholders: {}): add `{{{v}}}` to it, or map a `query(...)` or `header(...)` instead",
                        if placeholders.is_empty() {
                            "none".to_string()
                        } else {
                            placeholders
                                .iter()
                                .map(|p| format!("`{{{p}}}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ),
                ));
            }
            ParamTarget::Path(owned(lit))
        }
        "query" => ParamTarget::Query(owned(lit)),
        _ => ParamTarget::Header(owned(lit)),
    })
}

/// A request mapping's source, checked against what the operation declares.
pub fn source(s: &Selector, cx: &Cx, what: &str) -> syn::Result<ParamSource> {
    let kind = s.kind.to_string();
    let source = match kind.as_str() {
        "body" => match &s.arg {
            None => ParamSource::Body,
            Some(p) => ParamSource::BodyPath(owned(p)),
        },
        "raw" => {
            let lit = s.need_arg("raw(\"method.request.body\")")?;
            ParamSource::parse_expression(&lit.value())
                .map_err(|e| syn::Error::new(lit.span(), e))?
        }
        "path" | "query" | "multi_query" | "header" | "multi_header" | "context" | "stage"
        | "literal" => {
            let lit = s.need_arg(&format!("{kind}(\"...\")"))?;
            let v = owned(lit);
            match kind.as_str() {
                "path" => ParamSource::Path(v),
                "query" => ParamSource::Query(v),
                "multi_query" => ParamSource::MultiQuery(v),
                "header" => ParamSource::Header(v),
                "multi_header" => ParamSource::MultiHeader(v),
                "context" => ParamSource::Context(v),
                "stage" => ParamSource::StageVariable(v),
                _ => ParamSource::Literal(v),
            }
        }
        other => {
            return Err(syn::Error::new(
                s.span(),
                format!("unknown mapping source `{other}`: expected {REQUEST_SOURCES}"),
            ));
        }
    };
    // What the operation must declare, checked whichever way the source was written.
    let span = s.arg.as_ref().map_or(s.span(), LitStr::span);
    match &source {
        ParamSource::Path(n) => cx.path_param(n, span, what)?,
        ParamSource::Query(n) | ParamSource::MultiQuery(n) => cx.query_param(n, span, what)?,
        ParamSource::Header(n) | ParamSource::MultiHeader(n) => cx.header_param(n, span, what)?,
        ParamSource::Literal(_) => {
            if let Some(lit) = &s.arg
                && kind == "literal"
            {
                literal(lit)?;
            }
        }
        _ => {}
    }
    Ok(source)
}

/// `request_parameters(...)` checked against the operation (sources) and the uri's placeholders
/// (targets).
pub fn request_parameters(
    mappings: &[RequestMapping],
    cx: &Cx,
    placeholders: &[String],
    uri_what: &str,
    errors: &mut Errors,
) -> Vec<RequestParameter> {
    let what = "this request parameter mapping";
    let mut out = Vec::new();
    for m in mappings {
        let target = errors.ok(target(&m.target, placeholders, uri_what));
        let source = errors.ok(source(&m.source, cx, what));
        if let (Some(target), Some(source)) = (target, source) {
            out.push(RequestParameter { target, source });
        }
    }
    out
}

/// `header("Name") = source` of an integration response.
pub fn response_header(name: &LitStr, s: &Selector) -> syn::Result<ResponseHeader> {
    let kind = s.kind.to_string();
    let source = match kind.as_str() {
        "body" => match &s.arg {
            None => ResponseSource::Body,
            Some(p) => ResponseSource::BodyPath(owned(p)),
        },
        "raw" => {
            let lit = s.need_arg("raw(\"integration.response.header.Name\")")?;
            ResponseSource::parse_expression(&lit.value())
                .map_err(|e| syn::Error::new(lit.span(), e))?
        }
        "header" | "multi_header" | "context" | "stage" | "literal" => {
            let lit = s.need_arg(&format!("{kind}(\"...\")"))?;
            let v = owned(lit);
            match kind.as_str() {
                "header" => ResponseSource::Header(v),
                "multi_header" => ResponseSource::MultiHeader(v),
                "context" => ResponseSource::Context(v),
                "stage" => ResponseSource::StageVariable(v),
                _ => {
                    literal(lit)?;
                    ResponseSource::Literal(v)
                }
            }
        }
        other => {
            return Err(syn::Error::new(
                s.span(),
                format!("unknown response header source `{other}`: expected {RESPONSE_SOURCES}"),
            ));
        }
    };
    Ok(ResponseHeader {
        name: owned(name),
        source,
    })
}

/// `cache_key = [path("petId"), query("q"), header("X")]`, each declared by the operation.
pub fn cache_key(key: &[Selector], cx: &Cx, errors: &mut Errors) -> Vec<ParamSource> {
    let what = "this cache key parameter";
    let mut out = Vec::new();
    for s in key {
        let kind = s.kind.to_string();
        let Some(lit) = errors.ok(s.need_arg(&format!("{kind}(\"name\")"))) else {
            continue;
        };
        let v = lit.value();
        let (check, source) = match kind.as_str() {
            "path" => (
                cx.path_param(&v, lit.span(), what),
                ParamSource::Path(owned(lit)),
            ),
            "query" => (
                cx.query_param(&v, lit.span(), what),
                ParamSource::Query(owned(lit)),
            ),
            "header" => (
                cx.header_param(&v, lit.span(), what),
                ParamSource::Header(owned(lit)),
            ),
            other => {
                errors.at(
                    s.span(),
                    format!(
                        "unknown cache key parameter `{other}`: expected `path(\"name\")`, `query(\"name\")` or `header(\"Name\")`"
                    ),
                );
                continue;
            }
        };
        if let Err(e) = check {
            errors.push(e);
        }
        out.push(source);
    }
    out
}

/// The content type of every template is one API Gateway can key it by.
pub fn templates(templates: &[Template], errors: &mut Errors) {
    for t in templates {
        if let Err(e) = template::check_content_type(&t.content_type.value()) {
            errors.at(t.content_type.span(), e);
        }
    }
}

/// `pass_headers = ["ETag", ...]`: headers passed through from the backend's response; `default`
/// when omitted.
pub fn pass_headers(
    list: Option<&[LitStr]>,
    default: &'static [ResponseHeader],
) -> List<ResponseHeader> {
    match list {
        None => List::Borrowed(default),
        Some(list) => List::Owned(
            list.iter()
                .map(|h| ResponseHeader {
                    name: owned(h),
                    source: ResponseSource::Header(owned(h)),
                })
                .collect(),
        ),
    }
}
