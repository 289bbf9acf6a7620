//! `responses = [...]`: the one spelling of integration responses for every kind. Items are
//! ready-made sets (`default_passthrough(status = 200)`, `s3_json_error_message`, `catch_all`)
//! and entries (`"4\\d{2}" => 400 { template = "...", header("X") = header("Y") }`,
//! `default => 500`, and for Lambda custom integrations `error "Not found.*" => 404`).

use apigw_spec::responses::SetKind;
use syn::parse::ParseStream;
use syn::{Ident, LitInt, LitStr, Token};

use super::common::{self, Selector, Template};

pub mod kw {
    syn::custom_keyword!(default);
    syn::custom_keyword!(error);
    syn::custom_keyword!(status);
    syn::custom_keyword!(template);
    syn::custom_keyword!(header);
    syn::custom_keyword!(content_handling);
}

/// What an entry's selection key was written as.
pub enum KeyAst {
    /// `default`.
    Default(Ident),
    /// `"pattern"`.
    Pattern(LitStr),
    /// `error "pattern"`: a Lambda `errorMessage` pattern.
    Error(Ident, LitStr),
}

/// `key => status { options }`.
pub struct EntryAst {
    pub key: KeyAst,
    pub status: LitInt,
    pub templates: Vec<Template>,
    /// `header("Name") = source`.
    pub headers: Vec<(LitStr, Selector)>,
    pub content_handling: Option<LitStr>,
}

/// One item of `responses = [...]`.
pub enum ResponseItem {
    Set {
        kind: SetKind,
        name: Ident,
        /// `default_passthrough(status = N)`.
        status: Option<LitInt>,
    },
    Entry(EntryAst),
}

/// What an item of the list may be, for messages.
pub const ITEMS: &str = "`default_passthrough(status = 200)`, `s3_json_error_message`, `catch_all` or an entry `\"pattern\" => status`";

/// `[item, ...]`, after `responses =`.
pub fn list(input: ParseStream) -> syn::Result<(proc_macro2::Span, Vec<ResponseItem>)> {
    let content;
    let brackets = syn::bracketed!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        out.push(item(&content)?);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok((brackets.span.join(), out))
}

fn item(input: ParseStream) -> syn::Result<ResponseItem> {
    let key = if input.peek(LitStr) {
        KeyAst::Pattern(input.parse()?)
    } else if input.peek(kw::default) && input.peek2(Token![=>]) {
        KeyAst::Default(input.call(syn::ext::IdentExt::parse_any)?)
    } else if input.peek(kw::error) && input.peek2(LitStr) {
        let kw: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        KeyAst::Error(kw, input.parse()?)
    } else {
        let name: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        let Some(kind) = SetKind::parse(&name.to_string()) else {
            return Err(syn::Error::new(
                name.span(),
                format!("unknown response set `{name}`: expected {ITEMS}"),
            ));
        };
        let mut status = None;
        if input.peek(syn::token::Paren) {
            let inner;
            syn::parenthesized!(inner in input);
            if !inner.is_empty() {
                if kind != SetKind::DefaultPassthrough || !inner.peek(kw::status) {
                    return Err(inner.error(format!(
                        "`{name}` takes no options{}",
                        if kind == SetKind::DefaultPassthrough {
                            " but `status = N`"
                        } else {
                            ""
                        }
                    )));
                }
                inner.parse::<kw::status>()?;
                status = Some(super::value(&inner)?);
            }
        }
        return Ok(ResponseItem::Set { kind, name, status });
    };
    input.parse::<Token![=>]>()?;
    let status: LitInt = input.parse()?;
    let mut entry = EntryAst {
        key,
        status,
        templates: Vec::new(),
        headers: Vec::new(),
        content_handling: None,
    };
    if input.peek(syn::token::Brace) {
        let opts;
        syn::braced!(opts in input);
        while !opts.is_empty() {
            if opts.peek(kw::template) {
                opts.parse::<kw::template>()?;
                entry.templates.push(common::template(&opts)?);
            } else if opts.peek(kw::header) {
                opts.parse::<kw::header>()?;
                let name;
                syn::parenthesized!(name in opts);
                let name: LitStr = name.parse()?;
                opts.parse::<Token![=]>()?;
                entry.headers.push((name, Selector::parse(&opts)?));
            } else if opts.peek(kw::content_handling) {
                opts.parse::<kw::content_handling>()?;
                entry.content_handling = Some(super::value(&opts)?);
            } else {
                let key = super::option_name(&opts)?;
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown response option `{key}`: expected `template = \"...\"`, `template(\"content/type\" = \"...\")`, `header(\"Name\") = header(\"X\")` or `content_handling = \"convert_to_text\"`"
                    ),
                ));
            }
            if !opts.is_empty() {
                opts.parse::<Token![,]>()?;
            }
        }
    }
    Ok(ResponseItem::Entry(entry))
}
