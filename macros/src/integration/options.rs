//! Options every integration kind shares, parsed and checked once so each reads and fails the
//! same way whichever attribute it is written in: typed enums (`passthrough`,
//! `content_handling`), `timeout_ms`, status literals, templates (inline or from a file),
//! request parameter mappings, `{param}` placeholders, response mappings and their one-response-
//! per-status check. Each parser keeps the user's tokens so checks are spanned on them.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
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
/// API Gateway does): `::apigw::integration::Ty::Variant`.
pub fn enum_value(
    lit: &LitStr,
    option: &str,
    ty: &str,
    values: &[(&str, &str)],
) -> syn::Result<TokenStream> {
    let v = lit.value();
    match values.iter().find(|(k, _)| k.eq_ignore_ascii_case(&v)) {
        Some((_, variant)) => {
            let ty = Ident::new(ty, lit.span());
            let variant = Ident::new(variant, lit.span());
            Ok(quote!(::apigw::integration::#ty::#variant))
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
        .ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                format!("`{lit}` is not an HTTP status code: use a number in 100..=599"),
            )
        })
}

/// `Option<u32>` as tokens.
pub fn opt_u32(v: Option<u32>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// `Some(tokens)` or `None` as tokens.
pub fn opt_tokens(v: &Option<TokenStream>) -> TokenStream {
    match v {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    }
}

/// `["a", "b"]`.
pub fn lit_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::bracketed!(content in input);
    Ok(content
        .parse_terminated(<LitStr as Parse>::parse, Token![,])?
        .into_iter()
        .collect())
}

/// All the errors as one (each keeps its span), or `Ok` when there are none.
pub fn combine(errors: Vec<syn::Error>) -> syn::Result<()> {
    let mut it = errors.into_iter();
    match it.next() {
        None => Ok(()),
        Some(mut first) => {
            for e in it {
                first.combine(e);
            }
            Err(first)
        }
    }
}

/// The attribute's arguments; `usage` when it has none (`#[kind]` alone).
pub fn parse_args<T: Parse>(attr: &syn::Attribute, usage: &str) -> syn::Result<T> {
    attr.parse_args().map_err(|e| {
        if attr.meta.require_list().is_err() {
            syn::Error::new(attr.span(), usage)
        } else {
            e
        }
    })
}

/// `success_status = N`: the status of `default_passthrough` (200 when omitted) and the token
/// that chose it.
pub fn success_status(lit: Option<&LitInt>, errors: &mut Vec<syn::Error>) -> (u16, Option<Span>) {
    match lit {
        Some(lit) => match status(lit) {
            Ok(c) => (c, Some(lit.span())),
            Err(e) => {
                errors.push(e);
                (200, Some(lit.span()))
            }
        },
        None => (200, None),
    }
}

/// `pass_headers = ["ETag", ...]`: the `&[ResponseHeader]` passed through from the backend's
/// response; `default` when omitted.
pub fn pass_headers(list: Option<&[LitStr]>, default: TokenStream) -> TokenStream {
    let Some(list) = list else {
        return default;
    };
    let items = list.iter().map(|h| {
        quote!(::apigw::integration::ResponseHeader {
            name: #h,
            source: ::apigw::integration::ResponseSource::Header(#h),
        })
    });
    quote!(&[#(#items),*])
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

/// `passthrough = "..."`, `content_handling = "..."` and `timeout_ms = N`, as written; checked by
/// [`MappingOptions::check`] so every kind reports them alike.
#[derive(Default)]
pub struct MappingOptions {
    pub passthrough: Option<LitStr>,
    pub content_handling: Option<LitStr>,
    pub timeout_ms: Option<LitInt>,
}

/// [`MappingOptions`] checked: the enum values' tokens and the timeout.
pub struct CheckedMapping {
    pub passthrough: Option<TokenStream>,
    pub content_handling: Option<TokenStream>,
    pub timeout_ms: Option<u32>,
}

impl MappingOptions {
    /// Parses `= value` when `key` is one of these options; `false` leaves the input untouched.
    pub fn parse_option(&mut self, key: &Ident, input: ParseStream) -> syn::Result<bool> {
        let k = key.to_string();
        if !["passthrough", "content_handling", "timeout_ms"].contains(&k.as_str()) {
            return Ok(false);
        }
        input.parse::<Token![=]>()?;
        match k.as_str() {
            "passthrough" => self.passthrough = Some(input.parse()?),
            "content_handling" => self.content_handling = Some(input.parse()?),
            _ => self.timeout_ms = Some(input.parse()?),
        }
        Ok(true)
    }

    /// Checks every value, pushing the errors (all of them, each on its literal).
    pub fn check(&self, errors: &mut Vec<syn::Error>) -> CheckedMapping {
        let mut ok = |r: syn::Result<TokenStream>| r.map_err(|e| errors.push(e)).ok();
        let passthrough = self.passthrough.as_ref().and_then(|l| ok(passthrough(l)));
        let content_handling = self
            .content_handling
            .as_ref()
            .and_then(|l| ok(content_handling(l)));
        let timeout_ms = self
            .timeout_ms
            .as_ref()
            .and_then(|l| timeout(l).map_err(|e| errors.push(e)).ok());
        CheckedMapping {
            passthrough,
            content_handling,
            timeout_ms,
        }
    }
}

impl CheckedMapping {
    /// The builder calls (`.passthrough(..)`, `.content_handling(..)`, `.timeout_ms(..)`) of the
    /// options that were given.
    pub fn builder_calls(&self) -> TokenStream {
        let p = self.passthrough.iter();
        let c = self.content_handling.iter();
        let t = self.timeout_ms.iter();
        quote!(#(.passthrough(#p))* #(.content_handling(#c))* #(.timeout_ms(#t))*)
    }
}

/// `{name}` placeholders of a key, url or path template (not `${...}` references), or an error
/// for a malformed brace.
pub fn template_placeholders(template: &LitStr, what: &str) -> syn::Result<Vec<String>> {
    let v = template.value();
    let mut out = Vec::new();
    let mut rest = v.as_str();
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err(syn::Error::new(
                template.span(),
                format!(
                    "{what} `{v}` has a `}}` without `{{`: placeholders are written `{{name}}`"
                ),
            ));
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(syn::Error::new(
                template.span(),
                format!("{what} `{v}` opens `{{` without closing it: write `{{name}}`"),
            ));
        };
        let is_stage = open > 0 && rest.as_bytes()[open - 1] == b'$';
        let name = after[..close].trim_end_matches('+');
        if !is_stage {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(syn::Error::new(
                    template.span(),
                    format!(
                        "{what} `{v}`: `{{{}}}` is not a valid placeholder: names are letters, digits and `_`",
                        &after[..close]
                    ),
                ));
            }
            if !out.iter().any(|o| o == name) {
                out.push(name.to_string());
            }
        }
        rest = &after[close + 1..];
    }
    Ok(out)
}

/// Every placeholder is either mapped explicitly (`mapped(name)`) or filled from the operation's
/// path parameter of the same name, which must exist.
pub fn check_placeholders(
    placeholders: &[String],
    mapped: impl Fn(&str) -> bool,
    cx: &PlanCx,
    span: Span,
    what: &str,
) -> Vec<syn::Error> {
    placeholders
        .iter()
        .filter(|p| !mapped(p))
        .filter_map(|p| cx.path_param(p, span, what).err())
        .collect()
}

/// A template's text: inline, a file relative to the crate (`include_str!` semantics, so a
/// missing file is a compile error at the path literal), or a macro such as `include_str!`.
#[derive(Clone)]
pub enum Source {
    Inline(LitStr),
    File(LitStr),
    Macro(syn::ExprMacro),
}

impl Source {
    /// A `&'static str` expression (usable in a `const`).
    pub fn tokens(&self) -> TokenStream {
        match self {
            Source::Inline(l) => quote!(#l),
            Source::File(p) => quote_spanned!(p.span()=>
                ::core::include_str!(::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #p))
            ),
            Source::Macro(m) => quote!(#m),
        }
    }
}

/// One template: its content type and its text.
#[derive(Clone)]
pub struct Template {
    pub content_type: LitStr,
    pub source: Source,
}

const TEMPLATE_FORMS: &str = "a template is a string literal, `file(\"templates/x.vm\")` (relative to the crate) or `include_str!(\"file.vtl\")`";

/// The text after `=`: `"..."`, `file("path")` or `include_str!("path")`.
fn parse_source(input: ParseStream) -> syn::Result<Source> {
    if input.peek(LitStr) {
        return Ok(Source::Inline(input.parse()?));
    }
    if input.peek(Ident) && input.peek2(syn::token::Paren) {
        let kw: Ident = input.parse()?;
        if kw != "file" {
            return Err(syn::Error::new(kw.span(), TEMPLATE_FORMS));
        }
        let content;
        syn::parenthesized!(content in input);
        return Ok(Source::File(content.parse()?));
    }
    match input.parse::<syn::Expr>()? {
        syn::Expr::Macro(m) => Ok(Source::Macro(m)),
        other => Err(syn::Error::new(other.span(), TEMPLATE_FORMS)),
    }
}

fn content_type(ct: LitStr) -> syn::Result<LitStr> {
    if !ct.value().contains('/') && ct.value() != "$default" {
        return Err(syn::Error::new(
            ct.span(),
            format!(
                "`{}` is not a content type: templates are keyed by content type, e.g. `\"application/json\"`",
                ct.value()
            ),
        ));
    }
    Ok(ct)
}

/// A template option, after its keyword: `= "..."`, `= file("p")` (both `application/json`),
/// `("ct" = "...")`, `("ct" = file("p"))`, `("ct" = include_str!("p"))`, `(file = "p")` or
/// `("ct", file = "p")`.
pub fn parse_template(input: ParseStream) -> syn::Result<Template> {
    let json = |span| LitStr::new("application/json", span);
    if input.peek(Token![=]) {
        let span = input.span();
        input.parse::<Token![=]>()?;
        return Ok(Template {
            content_type: json(span),
            source: parse_source(input)?,
        });
    }
    let content;
    let paren = syn::parenthesized!(content in input);
    if content.peek(LitStr) {
        let ct = content_type(content.parse()?)?;
        if content.peek(Token![,]) {
            content.parse::<Token![,]>()?;
            let kw: Ident = content.parse()?;
            if kw != "file" {
                return Err(syn::Error::new(kw.span(), "expected `file = \"path\"`"));
            }
            content.parse::<Token![=]>()?;
            return Ok(Template {
                content_type: ct,
                source: Source::File(content.parse()?),
            });
        }
        content.parse::<Token![=]>()?;
        return Ok(Template {
            content_type: ct,
            source: parse_source(&content)?,
        });
    }
    let kw: Ident = content.parse()?;
    if kw != "file" {
        return Err(syn::Error::new(
            kw.span(),
            "expected `\"content/type\" = \"...\"` or `file = \"path\"`",
        ));
    }
    content.parse::<Token![=]>()?;
    Ok(Template {
        content_type: json(paren.span.join()),
        source: Source::File(content.parse()?),
    })
}

/// `&[("content/type", "template"), ...]`.
pub fn templates(t: &[Template]) -> TokenStream {
    let cts = t.iter().map(|t| &t.content_type);
    let bodies = t.iter().map(|t| t.source.tokens());
    quote!(&[#((#cts, #bodies)),*])
}

/// How a response entry is named in messages.
fn pattern_name(key: &str) -> String {
    if key == "default" {
        "default (no pattern matched)".into()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\"))
    }
}

/// The status checks of a kind's final response entries (selection pattern or `default`, status,
/// the token that introduced it). API Gateway keeps one integration response per status, so two
/// entries answering one status are an error on the later one; otherwise each status is checked
/// as declared by the operation, once.
pub fn status_checks(entries: &[(String, u16, Span)], cx: &PlanCx) -> syn::Result<TokenStream> {
    let mut errors = Vec::new();
    for (i, (key, code, span)) in entries.iter().enumerate() {
        if let Some((first, _, _)) = entries[..i].iter().find(|(_, c, _)| c == code) {
            errors.push(syn::Error::new(
                *span,
                format!(
                    "two integration responses answer {code}: `{}` and `{}`. API Gateway keeps one integration response per status, so one would be lost: map one of them to another status, or drop it",
                    pattern_name(first),
                    pattern_name(key)
                ),
            ));
        }
    }
    combine(errors)?;
    let mut seen = Vec::new();
    let mut checks = Vec::new();
    for (_, code, span) in entries {
        if !seen.contains(code) {
            seen.push(*code);
            checks.push(cx.declares(*code, *span));
        }
    }
    Ok(quote!(#(#checks)*))
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

/// Whether a mapping sets the `{name}` placeholder.
pub fn is_path_target(mappings: &[RequestMapping], name: &str) -> bool {
    mappings
        .iter()
        .any(|m| m.path_target().as_deref() == Some(name))
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

/// One entry `custom("pattern" => status, ...)`.
pub struct CustomSpec {
    pattern: LitStr,
    status: LitInt,
    headers: Vec<HeaderMapping>,
    templates: Vec<Template>,
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
                        Ok(t) => quote!(::core::option::Option::Some(#t)),
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
    match (errors, status_checks(&merged, cx)) {
        (None, Ok(checks)) => Ok((quote!(&[#(#items),*]), checks)),
        (Some(mut e), Err(dup)) => {
            e.combine(dup);
            Err(e)
        }
        (Some(e), Ok(_)) | (None, Err(e)) => Err(e),
    }
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

/// One entry of `responses(...)`.
pub struct ResponseEntry {
    /// `None`: `default`.
    pub pattern: Option<LitStr>,
    /// Written `error "..."` (Lambda custom).
    pub error_kw: Option<Ident>,
    pub status: LitInt,
    pub code: u16,
    pub templates: Vec<Template>,
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
        for Template {
            content_type: ct,
            source,
        } in &self.templates
        {
            let t = source.tokens();
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
        let code = self::status(&status)?;
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
                        entry.content_handling = Some(content_handling(&opts.parse()?)?);
                    }
                    other => {
                        return Err(syn::Error::new(
                            key.span(),
                            format!(
                                "unknown response option `{other}`: expected `template = \"...\"`, `template(\"content/type\" = \"...\")`, `header(\"Name\" = \"integration.response.header.X\")` or `content_handling = \"convert_to_text\"`"
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

/// `request_parameters("integration.request.header.X" = "'literal'", ...)`: raw API Gateway
/// mapping expressions (AWS service integrations), where the typed [`RequestMapping`] form names
/// its sources and targets (`path("x") = query("y")`).
pub fn parse_raw_request_parameters(input: ParseStream) -> syn::Result<Vec<(LitStr, LitStr)>> {
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
pub fn check_raw_request_parameter(cx: &PlanCx, key: &LitStr, value: &LitStr) -> syn::Result<()> {
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

/// The status checks of `responses(...)`: one response per status, each declared.
pub fn response_checks(entries: &[ResponseEntry], cx: &PlanCx) -> syn::Result<TokenStream> {
    let keyed: Vec<(String, u16, Span)> = entries
        .iter()
        .map(|e| (e.key(), e.code, e.status.span()))
        .collect();
    status_checks(&keyed, cx)
}
