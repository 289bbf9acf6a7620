//! Options shared by the non-proxy integrations of this family (AWS services, Lambda custom):
//! request parameters, request templates (inline or from a file), passthrough behavior, content
//! handling, timeout, and response mappings. Each option is parsed into typed values here, checked
//! (enumerations, ranges, parameters the operation has), and turned into builder calls.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::ParseStream;
use syn::{Ident, LitInt, LitStr, Token};

use super::PlanCx;

pub const PASSTHROUGH: &[(&str, &str)] = &[
    ("when_no_match", "WhenNoMatch"),
    ("when_no_templates", "WhenNoTemplates"),
    ("never", "Never"),
];
pub const CONTENT_HANDLING: &[(&str, &str)] = &[
    ("CONVERT_TO_TEXT", "ConvertToText"),
    ("CONVERT_TO_BINARY", "ConvertToBinary"),
];

/// A value of an API Gateway enumeration, written as API Gateway spells it (any case).
pub fn enum_value(lit: &LitStr, values: &[(&str, &str)], what: &str) -> syn::Result<Ident> {
    let v = lit.value();
    values
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(&v))
        .map(|(_, variant)| Ident::new(variant, lit.span()))
        .ok_or_else(|| {
            let valid: Vec<String> = values.iter().map(|(n, _)| format!("\"{n}\"")).collect();
            syn::Error::new(
                lit.span(),
                format!(
                    "unknown {what} `{v}`: valid values are {}",
                    valid.join(", ")
                ),
            )
        })
}

pub fn passthrough_tokens(lit: &LitStr) -> syn::Result<TokenStream> {
    let v = enum_value(lit, PASSTHROUGH, "passthrough behavior")?;
    Ok(quote!(::apigw::integration::PassthroughBehavior::#v))
}

pub fn content_handling_tokens(lit: &LitStr) -> syn::Result<TokenStream> {
    let v = enum_value(lit, CONTENT_HANDLING, "content handling")?;
    Ok(quote!(::apigw::integration::ContentHandling::#v))
}

/// `timeout_ms = N`: REST APIs accept 50..=29000.
pub fn timeout(lit: &LitInt) -> syn::Result<u32> {
    lit.base10_parse::<u32>()
        .ok()
        .filter(|t| (50..=29000).contains(t))
        .ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                format!(
                    "timeout `{lit}` ms is outside what API Gateway REST APIs accept: use 50..=29000"
                ),
            )
        })
}

/// A template: inline text, or a file relative to the crate (`include_str!` semantics, so a
/// missing file is a compile error at the path literal).
#[derive(Clone)]
pub enum Source {
    Inline(LitStr),
    File(LitStr),
}

impl Source {
    pub fn tokens(&self) -> TokenStream {
        match self {
            Source::Inline(l) => quote!(#l),
            Source::File(p) => quote_spanned!(p.span()=>
                ::core::include_str!(::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #p))
            ),
        }
    }
}

/// `= "text"` or `= file("path")`.
fn parse_source_after_eq(input: ParseStream) -> syn::Result<Source> {
    if input.peek(LitStr) {
        return Ok(Source::Inline(input.parse()?));
    }
    let kw: Ident = input.parse()?;
    if kw != "file" {
        return Err(syn::Error::new(
            kw.span(),
            "expected a template: `\"...\"` (inline VTL) or `file(\"templates/x.vm\")` (relative to the crate)",
        ));
    }
    let content;
    syn::parenthesized!(content in input);
    Ok(Source::File(content.parse()?))
}

/// A template option: `x = "..."`, `x = file("p")`, `x("ct" = "...")`, `x("ct" = file("p"))`,
/// `x(file = "p")`, `x("ct", file = "p")`. Returns (content type, source).
pub fn parse_template(input: ParseStream) -> syn::Result<(String, Source)> {
    const JSON: &str = "application/json";
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        return Ok((JSON.into(), parse_source_after_eq(input)?));
    }
    let content;
    syn::parenthesized!(content in input);
    if content.peek(LitStr) {
        let ct: LitStr = content.parse()?;
        if content.peek(Token![,]) {
            content.parse::<Token![,]>()?;
            let kw: Ident = content.parse()?;
            if kw != "file" {
                return Err(syn::Error::new(kw.span(), "expected `file = \"path\"`"));
            }
            content.parse::<Token![=]>()?;
            return Ok((ct.value(), Source::File(content.parse()?)));
        }
        content.parse::<Token![=]>()?;
        return Ok((ct.value(), parse_source_after_eq(&content)?));
    }
    let kw: Ident = content.parse()?;
    if kw != "file" {
        return Err(syn::Error::new(
            kw.span(),
            "expected `\"content/type\" = \"...\"` or `file = \"path\"`",
        ));
    }
    content.parse::<Token![=]>()?;
    Ok((JSON.into(), Source::File(content.parse()?)))
}

/// One entry of `responses(...)`.
pub struct ResponseEntry {
    /// `None`: `default`.
    pub pattern: Option<LitStr>,
    /// Written `error "..."` (Lambda custom).
    pub error_kw: Option<Ident>,
    pub status: LitInt,
    pub code: u16,
    pub templates: Vec<(String, Source)>,
    pub headers: Vec<(LitStr, LitStr)>,
    pub content_handling: Option<TokenStream>,
}

impl ResponseEntry {
    /// The selection pattern key: the regex, or `default`.
    pub fn key(&self) -> String {
        self.pattern
            .as_ref()
            .map(LitStr::value)
            .unwrap_or_else(|| "default".into())
    }

    /// An `(String, IntegrationResponse)` expression.
    pub fn tokens(&self, default_template: Option<&TokenStream>) -> TokenStream {
        let key = self.key();
        let code = self.code;
        let mut sets = Vec::new();
        if self.templates.is_empty()
            && let Some(t) = default_template
        {
            sets.push(quote!(__r.response_templates.insert("application/json".into(), ::std::string::String::from(#t));));
        }
        for (ct, src) in &self.templates {
            let t = src.tokens();
            sets.push(
                quote!(__r.response_templates.insert(#ct.into(), ::std::string::String::from(#t));),
            );
        }
        for (name, value) in &self.headers {
            let key = format!("method.response.header.{}", name.value());
            sets.push(quote!(__r.response_parameters.insert(#key.into(), ::std::string::String::from(#value));));
        }
        if let Some(ch) = &self.content_handling {
            sets.push(quote!(__r.content_handling = ::core::option::Option::Some(#ch);));
        }
        quote!((::std::string::String::from(#key), {
            #[allow(unused_mut)]
            let mut __r = ::apigw::integration::IntegrationResponse::status(#code);
            #(#sets)*
            __r
        }))
    }
}

fn status_code(lit: &LitInt) -> syn::Result<u16> {
    lit.base10_parse::<u16>()
        .ok()
        .filter(|c| (100..=599).contains(c))
        .ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                format!("`{lit}` is not an HTTP status code: use a number in 100..=599"),
            )
        })
}

pub fn parse_status(lit: &LitInt) -> syn::Result<u16> {
    status_code(lit)
}

/// `responses("2\\d{2}" => 200 { template = "...", header("X" = "...") }, default => 500)`.
pub fn parse_responses(input: ParseStream) -> syn::Result<Vec<ResponseEntry>> {
    let content;
    syn::parenthesized!(content in input);
    let mut out: Vec<ResponseEntry> = Vec::new();
    while !content.is_empty() {
        let mut error_kw = None;
        let pattern = if content.peek(LitStr) {
            Some(content.parse::<LitStr>()?)
        } else {
            let kw: Ident = content.parse()?;
            if kw == "error" {
                error_kw = Some(kw);
                Some(content.parse::<LitStr>()?)
            } else if kw == "default" {
                None
            } else {
                return Err(syn::Error::new(
                    kw.span(),
                    "expected a selection pattern (`\"4\\\\d{2}\" => 400`), `error \"regex\" => 404`, or `default => 200`",
                ));
            }
        };
        content.parse::<Token![=>]>()?;
        let status: LitInt = content.parse()?;
        let code = status_code(&status)?;
        let mut entry = ResponseEntry {
            pattern,
            error_kw,
            status,
            code,
            templates: vec![],
            headers: vec![],
            content_handling: None,
        };
        if content.peek(syn::token::Brace) {
            let opts;
            syn::braced!(opts in content);
            while !opts.is_empty() {
                let key: Ident = opts.parse()?;
                match key.to_string().as_str() {
                    "template" => entry.templates.push(parse_template(&opts)?),
                    "header" => {
                        let h;
                        syn::parenthesized!(h in opts);
                        let name: LitStr = h.parse()?;
                        h.parse::<Token![=]>()?;
                        entry.headers.push((name, h.parse()?));
                    }
                    "content_handling" => {
                        opts.parse::<Token![=]>()?;
                        entry.content_handling = Some(content_handling_tokens(&opts.parse()?)?);
                    }
                    other => {
                        return Err(syn::Error::new(
                            key.span(),
                            format!(
                                "unknown response option `{other}`: expected `template = \"...\"`, `template(\"content/type\" = \"...\")`, `header(\"Name\" = \"integration.response.header.X\")` or `content_handling = \"CONVERT_TO_TEXT\"`"
                            ),
                        ));
                    }
                }
                if !opts.is_empty() {
                    opts.parse::<Token![,]>()?;
                }
            }
        }
        if out.iter().any(|e| e.key() == entry.key()) {
            let span = entry
                .pattern
                .as_ref()
                .map(LitStr::span)
                .unwrap_or(entry.status.span());
            return Err(syn::Error::new(
                span,
                format!(
                    "selection pattern `{}` is mapped twice: API Gateway keeps one response per pattern",
                    entry.key()
                ),
            ));
        }
        out.push(entry);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(out)
}

/// `request_parameters("integration.request.header.X" = "'literal'", ...)`.
pub fn parse_request_parameters(input: ParseStream) -> syn::Result<Vec<(LitStr, LitStr)>> {
    let content;
    syn::parenthesized!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        let k: LitStr = content.parse()?;
        content.parse::<Token![=]>()?;
        let v: LitStr = content.parse()?;
        out.push((k, v));
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(out)
}

/// Checks one request parameter mapping: the key names an integration request location; a
/// `method.request.path.x` value names a path parameter the operation has.
pub fn check_request_parameter(cx: &PlanCx, key: &LitStr, value: &LitStr) -> syn::Result<()> {
    let k = key.value();
    let ok_key = ["path", "querystring", "header"].iter().any(|loc| {
        k.strip_prefix("integration.request.")
            .and_then(|r| r.strip_prefix(loc))
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|name| !name.is_empty())
    });
    if !ok_key {
        return Err(syn::Error::new(
            key.span(),
            format!(
                "`{k}` is not an integration request parameter: write `integration.request.path.NAME`, `integration.request.querystring.NAME` or `integration.request.header.NAME`"
            ),
        ));
    }
    let v = value.value();
    if let Some(name) = v.strip_prefix("method.request.path.") {
        return cx.path_param(name, value.span(), &format!("request parameter `{k}`"));
    }
    let ok_value = v.starts_with('\'') && v.ends_with('\'') && v.len() >= 2
        || [
            "method.request.querystring.",
            "method.request.multivaluequerystring.",
            "method.request.header.",
            "method.request.multivalueheader.",
            "method.request.body",
            "context.",
            "stageVariables.",
        ]
        .iter()
        .any(|p| v.starts_with(p));
    if !ok_value {
        return Err(syn::Error::new(
            value.span(),
            format!(
                "`{v}` is not a mapping API Gateway accepts: use `method.request.{{path|querystring|header}}.NAME`, `method.request.body[.JSONPATH]`, `context.VAR`, `stageVariables.VAR` or a quoted literal `'value'`"
            ),
        ));
    }
    Ok(())
}

/// `{name}` placeholders of a path (not `${...}` CloudFormation references).
pub fn placeholders(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{'
            && (i == 0 || bytes[i - 1] != b'$')
            && let Some(end) = path[i + 1..].find('}')
        {
            out.push(path[i + 1..i + 1 + end].trim_end_matches('+').to_string());
            i += end + 2;
            continue;
        }
        i += 1;
    }
    out
}

/// Declared-status checks for a response set, each spanned on its status literal.
pub fn declares_all(cx: &PlanCx, entries: &[ResponseEntry]) -> TokenStream {
    let checks = entries.iter().map(|e| cx.declares(e.code, e.status.span()));
    quote!(#(#checks)*)
}

/// `key` as an identifier-ish option key, accepting raw identifiers.
pub fn parse_key(input: ParseStream) -> syn::Result<Ident> {
    input.call(syn::ext::IdentExt::parse_any)
}

/// A comma, unless the input is finished.
pub fn comma(input: ParseStream) -> syn::Result<()> {
    if !input.is_empty() {
        input.parse::<Token![,]>()?;
    }
    Ok(())
}

/// An error at `span` for an option given twice.
pub fn twice(span: Span, what: &str) -> syn::Error {
    syn::Error::new(span, format!("`{what}` is given twice: keep one"))
}
