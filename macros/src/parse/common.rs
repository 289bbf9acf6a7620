//! Grammar every integration kind shares: templates, parameter selectors (`path("petId")`,
//! `header("X")`, `literal("v")`, `raw("method.request.body")`), request parameter mappings, the
//! cache key, and the mapping options (`passthrough`, `content_handling`, `timeout_ms`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Ident, LitInt, LitStr, Token};

use super::responses::{self, ResponseItem};
use super::{Attr, key, lit_list};
use crate::diag::Errors;

pub mod kw {
    syn::custom_keyword!(passthrough);
    syn::custom_keyword!(content_handling);
    syn::custom_keyword!(timeout_ms);
    syn::custom_keyword!(file);
    syn::custom_keyword!(request_parameters);
    syn::custom_keyword!(request_template);
    syn::custom_keyword!(responses);
    syn::custom_keyword!(success_status);
    syn::custom_keyword!(pass_headers);
}

/// `name("value")` or a bare `name`: a parameter source or target.
#[derive(Clone)]
pub struct Selector {
    pub kind: Ident,
    pub arg: Option<LitStr>,
}

impl Selector {
    pub fn parse(input: ParseStream) -> syn::Result<Self> {
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

    pub fn span(&self) -> Span {
        self.kind.span()
    }

    /// The string argument, or an error showing `example`.
    pub fn need_arg(&self, example: &str) -> syn::Result<&LitStr> {
        self.arg.as_ref().ok_or_else(|| {
            syn::Error::new(
                self.kind.span(),
                format!("`{}` needs a name: `{example}`", self.kind),
            )
        })
    }
}

/// One `target = source` of `request_parameters(...)`.
pub struct RequestMapping {
    pub target: Selector,
    pub source: Selector,
}

/// `(path("key") = path("petId"), header("x-amz-acl") = literal("private"), ...)`.
pub fn request_parameters(input: ParseStream) -> syn::Result<Vec<RequestMapping>> {
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

/// `[path("petId"), query("q"), header("X")]`.
pub fn selector_list(input: ParseStream) -> syn::Result<Vec<Selector>> {
    let content;
    syn::bracketed!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        out.push(Selector::parse(&content)?);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(out)
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

    /// The text, when it is written inline.
    pub fn inline(&self) -> Option<String> {
        match self {
            Source::Inline(l) => Some(l.value()),
            _ => None,
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
fn source(input: ParseStream) -> syn::Result<Source> {
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

/// A template option, after its keyword: `= "..."`, `= file("p")` (both `application/json`),
/// `("ct" = "...")`, `("ct" = file("p"))`, `("ct" = include_str!("p"))`, `(file = "p")` or
/// `("ct", file = "p")`.
pub fn template(input: ParseStream) -> syn::Result<Template> {
    let json = |span| LitStr::new(apigw_spec::template::JSON, span);
    if input.peek(Token![=]) {
        let span = input.span();
        input.parse::<Token![=]>()?;
        return Ok(Template {
            content_type: json(span),
            source: source(input)?,
        });
    }
    let content;
    let paren = syn::parenthesized!(content in input);
    if content.peek(LitStr) {
        let ct: LitStr = content.parse()?;
        if content.peek(Token![,]) {
            content.parse::<Token![,]>()?;
            content.parse::<kw::file>()?;
            content.parse::<Token![=]>()?;
            return Ok(Template {
                content_type: ct,
                source: Source::File(content.parse()?),
            });
        }
        content.parse::<Token![=]>()?;
        return Ok(Template {
            content_type: ct,
            source: source(&content)?,
        });
    }
    if !content.peek(kw::file) {
        return Err(content.error("expected `\"content/type\" = \"...\"` or `file = \"path\"`"));
    }
    content.parse::<kw::file>()?;
    content.parse::<Token![=]>()?;
    Ok(Template {
        content_type: json(paren.span.join()),
        source: Source::File(content.parse()?),
    })
}

/// `passthrough = "..."`, `content_handling = "..."` and `timeout_ms = N`, as written.
pub struct MappingOptions {
    pub passthrough: Attr<LitStr>,
    pub content_handling: Attr<LitStr>,
    pub timeout_ms: Attr<LitInt>,
}

impl Default for MappingOptions {
    fn default() -> Self {
        MappingOptions {
            passthrough: Attr::new("passthrough"),
            content_handling: Attr::new("content_handling"),
            timeout_ms: Attr::new("timeout_ms"),
        }
    }
}

impl MappingOptions {
    /// Parses the option when the input starts with one of these keys; `false` leaves the input
    /// untouched.
    pub fn parse(&mut self, input: ParseStream, errors: &mut Errors) -> syn::Result<bool> {
        if let Some(span) = key!(input, kw::passthrough) {
            self.passthrough.set(errors, span, super::value(input)?);
        } else if let Some(span) = key!(input, kw::content_handling) {
            self.content_handling
                .set(errors, span, super::value(input)?);
        } else if let Some(span) = key!(input, kw::timeout_ms) {
            self.timeout_ms.set(errors, span, super::value(input)?);
        } else {
            return Ok(false);
        }
        Ok(true)
    }
}

/// The options several kinds share, each a kind may accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    RequestParameters,
    RequestTemplates,
    Responses,
    SuccessStatus,
    PassHeaders,
}

/// The shared options as written: one parser, so every kind reads and reports them alike.
pub struct SharedOptions {
    accepts: &'static [Shared],
    pub request_parameters: Attr<Vec<RequestMapping>>,
    /// One per content type.
    pub request_templates: Vec<Template>,
    /// Where the first `request_template` was written.
    pub template_kw: Option<Span>,
    pub responses: Attr<(Span, Vec<ResponseItem>)>,
    pub success_status: Attr<LitInt>,
    pub pass_headers: Attr<Vec<LitStr>>,
    pub mapping: MappingOptions,
}

impl SharedOptions {
    /// The options a kind accepts (the mapping options always).
    pub fn new(accepts: &'static [Shared]) -> Self {
        SharedOptions {
            accepts,
            request_parameters: Attr::new("request_parameters"),
            request_templates: Vec::new(),
            template_kw: None,
            responses: Attr::new("responses"),
            success_status: Attr::new("success_status"),
            pass_headers: Attr::new("pass_headers"),
            mapping: MappingOptions::default(),
        }
    }

    /// Parses the option when the input starts with one this kind accepts; `false` leaves the
    /// input untouched.
    pub fn parse(&mut self, input: ParseStream, errors: &mut Errors) -> syn::Result<bool> {
        let accepts = |s| self.accepts.contains(&s);
        if self.mapping.parse(input, errors)? {
        } else if accepts(Shared::RequestParameters)
            && let Some(span) = key!(input, kw::request_parameters)
        {
            self.request_parameters
                .set(errors, span, request_parameters(input)?);
        } else if accepts(Shared::RequestTemplates)
            && let Some(span) = key!(input, kw::request_template)
        {
            self.template_kw.get_or_insert(span);
            self.request_templates.push(template(input)?);
        } else if accepts(Shared::Responses)
            && let Some(span) = key!(input, kw::responses)
        {
            input.parse::<Token![=]>()?;
            self.responses.set(errors, span, responses::list(input)?);
        } else if accepts(Shared::SuccessStatus)
            && let Some(span) = key!(input, kw::success_status)
        {
            self.success_status.set(errors, span, super::value(input)?);
        } else if accepts(Shared::PassHeaders)
            && let Some(span) = key!(input, kw::pass_headers)
        {
            input.parse::<Token![=]>()?;
            self.pass_headers.set(errors, span, lit_list(input)?);
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    /// The `request_parameters(...)` given, or none.
    pub fn mappings(&self) -> &[RequestMapping] {
        self.request_parameters
            .get()
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}
