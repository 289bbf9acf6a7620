//! Options several integration kinds share, parsed and checked once: typed enums
//! (`passthrough`, `content_handling`), `timeout_ms`, request parameter mappings, templates and
//! response sets. Each parser keeps the user's tokens so checks are spanned on them.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Ident, LitInt, LitStr, Token};

use super::PlanCx;

/// `passthrough = "..."`: `PassthroughBehavior`.
pub const PASSTHROUGH: &[(&str, &str)] = &[
    ("when_no_match", "WhenNoMatch"),
    ("when_no_templates", "WhenNoTemplates"),
    ("never", "Never"),
];

/// `content_handling = "..."`: `ContentHandling`.
pub const CONTENT_HANDLING: &[(&str, &str)] = &[
    ("convert_to_text", "ConvertToText"),
    ("convert_to_binary", "ConvertToBinary"),
];

/// A string option whose value is one of a Rust enum's variants (either case is accepted, as
/// API Gateway does): `Some(::apigw::integration::Ty::Variant)`.
pub fn enum_value(
    lit: &LitStr,
    option: &str,
    ty: &str,
    values: &[(&str, &str)],
) -> syn::Result<TokenStream> {
    let v = lit.value();
    match values.iter().find(|(k, _)| k.eq_ignore_ascii_case(&v)) {
        Some((_, variant)) => {
            let ty = format_ident!("{}", ty);
            let variant = format_ident!("{}", variant);
            Ok(quote!(::core::option::Option::Some(::apigw::integration::#ty::#variant)))
        }
        None => Err(syn::Error::new(
            lit.span(),
            format!(
                "unknown {option} `{v}`: expected one of {}",
                values
                    .iter()
                    .map(|(k, _)| format!("\"{k}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

pub fn passthrough(lit: &LitStr) -> syn::Result<TokenStream> {
    enum_value(
        lit,
        "passthrough behavior",
        "PassthroughBehavior",
        PASSTHROUGH,
    )
}

pub fn content_handling(lit: &LitStr) -> syn::Result<TokenStream> {
    enum_value(lit, "content handling", "ContentHandling", CONTENT_HANDLING)
}

/// `timeout_ms = N`: API Gateway (REST) accepts 50..=29000.
pub fn timeout(lit: &LitInt) -> syn::Result<u32> {
    lit.base10_parse::<u32>()
        .ok()
        .filter(|t| (50..=29000).contains(t))
        .ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                format!(
                    "`timeout_ms = {lit}` is out of range: API Gateway (REST) accepts 50 to 29000 milliseconds (the default, when omitted, is 29000)"
                ),
            )
        })
}

/// An HTTP status literal, 100..=599.
pub fn status(lit: &LitInt) -> syn::Result<u16> {
    lit.base10_parse::<u16>()
        .ok()
        .filter(|c| (100..=599).contains(c))
        .ok_or_else(|| syn::Error::new(lit.span(), "expected an HTTP status code in 100..=599"))
}

/// `Option<u32>` as tokens.
pub fn opt_u32(v: Option<u32>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// `Some(tokens)` or `None` for an already-`Option` token stream.
pub fn opt_tokens(v: &Option<TokenStream>) -> TokenStream {
    match v {
        Some(t) => t.clone(),
        None => quote!(::core::option::Option::None),
    }
}

/// `name("value")` or a bare `name`.
struct Selector {
    kind: Ident,
    arg: Option<LitStr>,
}

impl Selector {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let kind: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        let arg = if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            let lit: LitStr = content.parse()?;
            if !content.is_empty() {
                return Err(content.error("expected one string"));
            }
            Some(lit)
        } else {
            None
        };
        Ok(Selector { kind, arg })
    }

    fn span(&self) -> Span {
        self.kind.span()
    }

    fn need_arg(&self, example: &str) -> syn::Result<&LitStr> {
        self.arg.as_ref().ok_or_else(|| {
            syn::Error::new(
                self.kind.span(),
                format!("`{}` needs a name: `{example}`", self.kind),
            )
        })
    }
}

const REQUEST_SOURCES: &str = "`path(\"name\")`, `query(\"name\")`, `multi_query(\"name\")`, `header(\"Name\")`, `multi_header(\"Name\")`, `context(\"requestId\")`, `stage(\"name\")`, `literal(\"value\")`, `body` or `body(\"json.path\")`";
const RESPONSE_SOURCES: &str = "`header(\"Name\")`, `multi_header(\"Name\")`, `context(\"requestId\")`, `stage(\"name\")`, `literal(\"value\")`, `body` or `body(\"json.path\")`";

fn check_literal(lit: &LitStr) -> syn::Result<()> {
    if lit.value().contains('\'') {
        return Err(syn::Error::new(
            lit.span(),
            "a mapping literal cannot contain `'`: API Gateway writes literals between single quotes and has no escape for them",
        ));
    }
    Ok(())
}

/// One `target = source` of `request_parameters(...)`.
pub struct RequestMapping {
    target: Selector,
    source: Selector,
}

impl RequestMapping {
    /// The target's uri placeholder name, when it maps `path("x")`.
    pub fn path_target(&self) -> Option<String> {
        (self.target.kind == "path")
            .then(|| self.target.arg.as_ref().map(LitStr::value))
            .flatten()
    }
}

/// `request_parameters(path("key") = path("petId"), header("x-amz-acl") = literal("private"))`.
pub fn parse_request_parameters(input: ParseStream) -> syn::Result<Vec<RequestMapping>> {
    let content;
    syn::parenthesized!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        let target = Selector::parse(&content)?;
        content.parse::<Token![=]>()?;
        let source = Selector::parse(&content)?;
        out.push(RequestMapping { target, source });
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(out)
}

/// Checks `request_parameters` against the operation (sources) and the uri (targets), and
/// returns the `&[RequestParameter]` expression.
pub fn request_parameters(
    mappings: &[RequestMapping],
    cx: &PlanCx,
    placeholders: &[String],
    uri_what: &str,
) -> syn::Result<TokenStream> {
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    let mut items = Vec::new();
    for m in mappings {
        let what = "this request parameter mapping";
        let target = match m.target.kind.to_string().as_str() {
            "path" | "query" | "header" => match m.target.need_arg("path(\"name\")") {
                Ok(lit) => {
                    let v = lit.value();
                    if m.target.kind == "path" && !placeholders.contains(&v) {
                        push(syn::Error::new(
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
                    let variant = match m.target.kind.to_string().as_str() {
                        "path" => quote!(Path),
                        "query" => quote!(Query),
                        _ => quote!(Header),
                    };
                    quote!(::apigw::integration::ParamTarget::#variant(#lit))
                }
                Err(e) => {
                    push(e);
                    continue;
                }
            },
            other => {
                push(syn::Error::new(
                    m.target.span(),
                    format!(
                        "unknown mapping target `{other}`: a request parameter goes to `path(\"name\")` (a `{{name}}` of the {uri_what}), `query(\"name\")` or `header(\"Name\")`"
                    ),
                ));
                continue;
            }
        };
        let s = &m.source;
        let source = match s.kind.to_string().as_str() {
            "body" => match &s.arg {
                None => quote!(::apigw::integration::ParamSource::Body),
                Some(p) => quote!(::apigw::integration::ParamSource::BodyPath(#p)),
            },
            kind @ ("path" | "query" | "multi_query" | "header" | "multi_header" | "context"
            | "stage" | "literal") => {
                let lit = match s.need_arg(&format!("{kind}(\"...\")")) {
                    Ok(l) => l,
                    Err(e) => {
                        push(e);
                        continue;
                    }
                };
                let v = lit.value();
                let check = match kind {
                    "path" => cx.path_param(&v, lit.span(), what),
                    "query" | "multi_query" => cx.query_param(&v, lit.span(), what),
                    "header" | "multi_header" => cx.header_param(&v, lit.span(), what),
                    "literal" => check_literal(lit),
                    _ => Ok(()),
                };
                if let Err(e) = check {
                    push(e);
                }
                let variant = match kind {
                    "path" => quote!(Path),
                    "query" => quote!(Query),
                    "multi_query" => quote!(MultiQuery),
                    "header" => quote!(Header),
                    "multi_header" => quote!(MultiHeader),
                    "context" => quote!(Context),
                    "stage" => quote!(StageVariable),
                    _ => quote!(Literal),
                };
                quote!(::apigw::integration::ParamSource::#variant(#lit))
            }
            other => {
                push(syn::Error::new(
                    s.span(),
                    format!("unknown mapping source `{other}`: expected {REQUEST_SOURCES}"),
                ));
                continue;
            }
        };
        items.push(
            quote!(::apigw::integration::RequestParameter { target: #target, source: #source }),
        );
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(quote!(&[#(#items),*])),
    }
}

/// `header("Name") = source` of a custom response.
struct HeaderMapping {
    name: LitStr,
    source: Selector,
}

fn response_header(h: &HeaderMapping) -> syn::Result<TokenStream> {
    let name = &h.name;
    let s = &h.source;
    let source = match s.kind.to_string().as_str() {
        "body" => match &s.arg {
            None => quote!(::apigw::integration::ResponseSource::Body),
            Some(p) => quote!(::apigw::integration::ResponseSource::BodyPath(#p)),
        },
        kind @ ("header" | "multi_header" | "context" | "stage" | "literal") => {
            let lit = s.need_arg(&format!("{kind}(\"...\")"))?;
            if kind == "literal" {
                check_literal(lit)?;
            }
            let variant = match kind {
                "header" => quote!(Header),
                "multi_header" => quote!(MultiHeader),
                "context" => quote!(Context),
                "stage" => quote!(StageVariable),
                _ => quote!(Literal),
            };
            quote!(::apigw::integration::ResponseSource::#variant(#lit))
        }
        other => {
            return Err(syn::Error::new(
                s.span(),
                format!("unknown response header source `{other}`: expected {RESPONSE_SOURCES}"),
            ));
        }
    };
    Ok(quote!(::apigw::integration::ResponseHeader { name: #name, source: #source }))
}

/// `("content/type" = "template" | include_str!("file"))`: one template.
pub fn parse_template(input: ParseStream) -> syn::Result<(LitStr, syn::Expr)> {
    let content;
    syn::parenthesized!(content in input);
    let ct: LitStr = content.parse()?;
    if !ct.value().contains('/') && ct.value() != "$default" {
        return Err(syn::Error::new(
            ct.span(),
            format!(
                "`{}` is not a content type: templates are keyed by content type, e.g. `\"application/json\"`",
                ct.value()
            ),
        ));
    }
    content.parse::<Token![=]>()?;
    let body: syn::Expr = content.parse()?;
    match &body {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(_),
            ..
        })
        | syn::Expr::Macro(_) => {}
        other => {
            return Err(syn::Error::new(
                other.span(),
                "a template is a string literal or `include_str!(\"file.vtl\")`",
            ));
        }
    }
    Ok((ct, body))
}

pub fn templates(t: &[(LitStr, syn::Expr)]) -> TokenStream {
    let cts = t.iter().map(|(c, _)| c);
    let bodies = t.iter().map(|(_, b)| b);
    quote!(&[#((#cts, #bodies)),*])
}

/// One entry `custom("pattern" => status, ...)`.
pub struct CustomSpec {
    pattern: LitStr,
    status: LitInt,
    headers: Vec<HeaderMapping>,
    templates: Vec<(LitStr, syn::Expr)>,
    content_handling: Option<LitStr>,
}

/// A response set in `responses = [...]`.
pub enum SetSpec {
    DefaultPassthrough { name: Ident, status: Option<LitInt> },
    S3JsonErrorMessage { name: Ident },
    CatchAll { name: Ident },
    Custom { entry: CustomSpec },
}

pub const SETS: &str = "`default_passthrough(status = 200)`, `s3_json_error_message`, `catch_all` or `custom(\"pattern\" => status, ...)`";

fn parse_custom(input: ParseStream) -> syn::Result<SetSpec> {
    let content;
    syn::parenthesized!(content in input);
    let pattern: LitStr = content.parse()?;
    content.parse::<Token![=>]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            "write `custom(\"selection pattern\" => status, ...)`, e.g. `custom(\"404\" => 200)`",
        )
    })?;
    let status: LitInt = content.parse()?;
    let mut entry = CustomSpec {
        pattern,
        status,
        headers: Vec::new(),
        templates: Vec::new(),
        content_handling: None,
    };
    while !content.is_empty() {
        content.parse::<Token![,]>()?;
        if content.is_empty() {
            break;
        }
        let key: Ident = content.parse()?;
        match key.to_string().as_str() {
            "header" => {
                let inner;
                syn::parenthesized!(inner in content);
                let name: LitStr = inner.parse()?;
                content.parse::<Token![=]>()?;
                let source = Selector::parse(&content)?;
                entry.headers.push(HeaderMapping { name, source });
            }
            "template" => entry.templates.push(parse_template(&content)?),
            "content_handling" => {
                content.parse::<Token![=]>()?;
                entry.content_handling = Some(content.parse()?);
            }
            other => {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown `custom` option `{other}`: expected `header(\"Name\") = source`, `template(\"content/type\" = \"...\")` or `content_handling = \"...\"`"
                    ),
                ));
            }
        }
    }
    Ok(SetSpec::Custom { entry })
}

/// `[default_passthrough(status = 204), s3_json_error_message, custom(...)]`; `allowed` names
/// the sets this integration kind supports.
pub fn parse_response_sets(input: ParseStream, allowed: &[&str]) -> syn::Result<Vec<SetSpec>> {
    let content;
    syn::bracketed!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        let name: Ident = content.parse()?;
        let n = name.to_string();
        if !allowed.contains(&n.as_str()) && SETS.contains(&format!("`{n}")) {
            return Err(syn::Error::new(
                name.span(),
                format!(
                    "response set `{n}` does not apply to this integration: use {}",
                    allowed
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let set = match n.as_str() {
            "default_passthrough" => {
                let mut status = None;
                if content.peek(syn::token::Paren) {
                    let inner;
                    syn::parenthesized!(inner in content);
                    if !inner.is_empty() {
                        let key: Ident = inner.parse()?;
                        if key != "status" {
                            return Err(syn::Error::new(
                                key.span(),
                                "`default_passthrough` takes `status = N` only",
                            ));
                        }
                        inner.parse::<Token![=]>()?;
                        status = Some(inner.parse()?);
                    }
                }
                SetSpec::DefaultPassthrough { name, status }
            }
            "s3_json_error_message" => SetSpec::S3JsonErrorMessage { name },
            "catch_all" => SetSpec::CatchAll { name },
            "custom" => parse_custom(&content)?,
            other => {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unknown response set `{other}`: expected {SETS}"),
                ));
            }
        };
        out.push(set);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    if out.is_empty() {
        return Err(content.error(format!(
            "`responses = []` maps nothing, so every call would fail with 500: list at least one of {SETS}"
        )));
    }
    Ok(out)
}

/// How a composed entry is named in messages.
fn pattern_name(key: &str) -> String {
    if key == "default" {
        "default (no pattern matched)".into()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\"))
    }
}

/// What the integration contributes to every `default_passthrough` set.
pub struct PassthroughDefaults<'a> {
    /// The status of a `default_passthrough` with no `status =`, and the token that chose it
    /// (`success_status = N`; `None`: the set's own name carries the span).
    pub status: u16,
    pub status_span: Option<Span>,
    /// `&[ResponseHeader]` passed through.
    pub headers: TokenStream,
    /// `Option<ContentHandling>` of the passthrough entry.
    pub content_handling: &'a TokenStream,
}

/// The composed sets: the `&[ResponseSet]` expression and the status checks of the entries that
/// survive composition (a later set replaces an earlier one's entry for the same key), each
/// spanned on the token that introduced the status.
pub fn response_sets(
    sets: &[SetSpec],
    defaults: &PassthroughDefaults,
    cx: &PlanCx,
) -> syn::Result<(TokenStream, TokenStream)> {
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    // key -> (status, span), in first-insertion order like the runtime's IndexMap.
    let mut merged: Vec<(String, u16, Span)> = Vec::new();
    let mut put = |key: String, status: u16, span: Span| match merged
        .iter_mut()
        .find(|(k, _, _)| *k == key)
    {
        Some(slot) => *slot = (key, status, span),
        None => merged.push((key, status, span)),
    };
    let mut items = Vec::new();
    for set in sets {
        match set {
            SetSpec::DefaultPassthrough { name, status } => {
                let (code, span) = match status {
                    Some(lit) => match self::status(lit) {
                        Ok(c) => (c, lit.span()),
                        Err(e) => {
                            push(e);
                            continue;
                        }
                    },
                    None => (defaults.status, defaults.status_span.unwrap_or(name.span())),
                };
                put("default".into(), code, span);
                let headers = &defaults.headers;
                let ch = defaults.content_handling;
                items.push(
                    quote!(::apigw::integration::ResponseSet::DefaultPassthrough {
                        status: #code, headers: #headers, content_handling: #ch
                    }),
                );
            }
            SetSpec::S3JsonErrorMessage { name } => {
                for code in [400u16, 403, 404, 500] {
                    put(code.to_string(), code, name.span());
                }
                items.push(quote!(
                    ::apigw::integration::ResponseSet::S3JsonErrorMessage
                ));
            }
            SetSpec::CatchAll { name } => {
                put("(4|5)\\d{2}".into(), 500, name.span());
                items.push(quote!(::apigw::integration::ResponseSet::CatchAll));
            }
            SetSpec::Custom { entry } => {
                let code = match self::status(&entry.status) {
                    Ok(c) => c,
                    Err(e) => {
                        push(e);
                        continue;
                    }
                };
                put(entry.pattern.value(), code, entry.status.span());
                let mut headers = Vec::new();
                for h in &entry.headers {
                    match response_header(h) {
                        Ok(t) => headers.push(t),
                        Err(e) => push(e),
                    }
                }
                let ch = match &entry.content_handling {
                    Some(lit) => match content_handling(lit) {
                        Ok(t) => t,
                        Err(e) => {
                            push(e);
                            continue;
                        }
                    },
                    None => quote!(::core::option::Option::None),
                };
                let pattern = &entry.pattern;
                let templates = templates(&entry.templates);
                items.push(quote!(::apigw::integration::ResponseSet::Custom(&[
                    ::apigw::integration::CustomResponse {
                        pattern: #pattern,
                        status: #code,
                        headers: &[#(#headers),*],
                        templates: #templates,
                        content_handling: #ch,
                    }
                ])));
            }
        }
    }
    // API Gateway keys integration responses by status code: two entries with one status would
    // leave one of them out of the deployed API.
    for (i, (key, code, span)) in merged.iter().enumerate() {
        if let Some((first, _, _)) = merged[..i].iter().find(|(_, c, _)| c == code) {
            push(syn::Error::new(
                *span,
                format!(
                    "two integration responses answer {code}: `{}` and `{}`. API Gateway keeps one integration response per status, so one would be lost: map one of them to another status, or drop it",
                    pattern_name(first),
                    pattern_name(key)
                ),
            ));
        }
    }
    if let Some(e) = errors {
        return Err(e);
    }
    let mut seen = Vec::new();
    let mut checks = Vec::new();
    for (_, code, span) in &merged {
        if !seen.contains(code) {
            seen.push(*code);
            checks.push(cx.declares(*code, *span));
        }
    }
    Ok((quote!(&[#(#items),*]), quote!(#(#checks)*)))
}

/// `cache_key = [path("petId"), query("q"), header("X")]`: method request parameters forming
/// the cache key.
pub struct CacheKey(Vec<Selector>);

pub fn parse_cache_key(input: ParseStream) -> syn::Result<CacheKey> {
    let content;
    syn::bracketed!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        out.push(Selector::parse(&content)?);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(CacheKey(out))
}

/// The `&[&str]` of `method.request.*` names, each checked against the operation.
pub fn cache_key(key: &CacheKey, cx: &PlanCx) -> syn::Result<TokenStream> {
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    let mut items = Vec::new();
    let what = "this cache key parameter";
    for s in &key.0 {
        let kind = s.kind.to_string();
        let lit = match s.need_arg(&format!("{kind}(\"name\")")) {
            Ok(l) => l,
            Err(e) => {
                push(e);
                continue;
            }
        };
        let v = lit.value();
        let (check, prefix) = match kind.as_str() {
            "path" => (cx.path_param(&v, lit.span(), what), "path"),
            "query" => (cx.query_param(&v, lit.span(), what), "querystring"),
            "header" => (cx.header_param(&v, lit.span(), what), "header"),
            other => {
                push(syn::Error::new(
                    s.span(),
                    format!(
                        "unknown cache key parameter `{other}`: expected `path(\"name\")`, `query(\"name\")` or `header(\"Name\")`"
                    ),
                ));
                continue;
            }
        };
        if let Err(e) = check {
            push(e);
        }
        items.push(format!("method.request.{prefix}.{v}"));
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(quote!(&[#(#items),*])),
    }
}
