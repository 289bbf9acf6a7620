//! Integration attributes. `#[operation]` reads them off the item it decorates and asks the kind's
//! module for a [`Plan`]: the expression that builds the runtime integration, plus the compile-time
//! checks (statuses declared, path parameters present) spanned onto the user's tokens.

mod aws;
mod custom;
mod http;
mod lambda_custom;
mod mock;
mod options;
mod s3;

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::path::PathTemplate;

/// Every integration attribute `#[operation]` recognises, by its last path segment.
pub const KINDS: &[&str] = &[
    "mock_integration",
    "s3_integration",
    "http_integration",
    "aws_integration",
    "lambda_integration",
    "integration",
];

pub fn attr_kind(attr: &syn::Attribute) -> Option<&'static str> {
    let last = attr.path().segments.last()?.ident.to_string();
    KINDS.iter().copied().find(|k| *k == last)
}

/// What the operation tells an integration about itself.
pub struct PlanCx<'a> {
    pub op_name: &'a str,
    pub path: &'a PathTemplate,
    /// The operation's `ApiResponses` type, as tokens.
    pub responses: TokenStream,
    pub is_handler: bool,
    /// The operation's HTTP method (`GET`, ..., `ANY`).
    pub method: &'a str,
    /// Query parameters the operation declares (`query = [...]`).
    pub query: &'a [String],
    /// Headers the operation declares (`headers = [...]`).
    pub headers: &'a [String],
}

impl PlanCx<'_> {
    /// A bound `Responses: DeclaresStatus<code>`, reported at `span` when it does not hold.
    /// Every token carries `span`, so rustc underlines the user's literal (not the responses type
    /// named elsewhere), and the bound is a direct trait path, so no "required by" note points
    /// into apigw.
    pub fn declares(&self, code: u16, span: Span) -> TokenStream {
        let r = respan(self.responses.clone(), span);
        let code = proc_macro2::Literal::u16_unsuffixed(code);
        let check =
            quote_spanned!(span=> const _: () = <#r as ::apigw::DeclaresStatus<#code>>::DECLARED;);
        respan(check, span)
    }

    /// A compile error unless `name` is one of the operation's path parameters.
    pub fn path_param(&self, name: &str, span: Span, what: &str) -> syn::Result<()> {
        if self.path.has(name) {
            return Ok(());
        }
        Err(syn::Error::new(
            span,
            format!(
                "{what} refers to `{{{name}}}`, but operation `{}` has no path parameter `{name}` (its path parameters: {}): fix the name or add `<{name}>` to the operation's path",
                self.op_name,
                self.path.names()
            ),
        ))
    }
}

impl PlanCx<'_> {
    /// A compile error unless the operation declares query parameter `name` (`query = [...]`).
    pub fn query_param(&self, name: &str, span: Span, what: &str) -> syn::Result<()> {
        declared(
            self.op_name,
            "query parameter",
            "query",
            self.query,
            name,
            span,
            what,
        )
    }

    /// A compile error unless the operation declares header `name` (`headers = [...]`).
    pub fn header_param(&self, name: &str, span: Span, what: &str) -> syn::Result<()> {
        declared(
            self.op_name,
            "header",
            "headers",
            self.headers,
            name,
            span,
            what,
        )
    }
}

fn declared(
    op_name: &str,
    noun: &str,
    option: &str,
    list: &[String],
    name: &str,
    span: Span,
    what: &str,
) -> syn::Result<()> {
    if list.iter().any(|d| d == name) {
        return Ok(());
    }
    let listed = if list.is_empty() {
        "none".to_string()
    } else {
        list.iter()
            .map(|d| format!("`{d}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let hint = match list.iter().find(|d| d.eq_ignore_ascii_case(name)) {
        Some(d) => format!("write it as declared: `{d}`"),
        None => format!("add `{option} = [\"{name}\"]` to the operation"),
    };
    Err(syn::Error::new(
        span,
        format!(
            "{what} refers to {noun} `{name}`, which operation `{op_name}` does not declare (its {option}: {listed}): {hint}"
        ),
    ))
}

/// `tokens` with every span (inside groups too) replaced by `span`.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Group(g) => {
                let mut out = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                out.set_span(span);
                proc_macro2::TokenTree::Group(out)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

pub struct Plan {
    pub constructor: TokenStream,
    pub checks: TokenStream,
}

impl Plan {
    /// Stands in for an integration whose attribute failed to parse, so "no integration" is not
    /// reported on top of the real error.
    pub fn placeholder() -> Self {
        Plan {
            constructor: quote!(()),
            checks: quote!(),
        }
    }
}

pub fn plan(attr: &syn::Attribute, cx: &PlanCx) -> syn::Result<Plan> {
    let kind = attr_kind(attr).unwrap_or("integration");
    match kind {
        "mock_integration" => mock::plan(attr, cx),
        "aws_integration" => aws::plan(attr, cx),
        "lambda_integration" => lambda_custom::plan(attr, cx),
        "integration" => custom::plan(attr, cx),
        "s3_integration" => s3::plan(attr, cx),
        "http_integration" => http::plan(attr, cx),
        other => Err(syn::Error::new_spanned(
            attr.path(),
            format!("`#[{other}]` is not available in this version of apigw"),
        )),
    }
}

/// The attribute macro of an integration kind, used on its own: either it sits above
/// `#[operation]` (then it moves itself below, where `#[operation]` reads it), or there is no
/// operation at all, which is a mistake.
pub fn standalone(kind: &str, args: TokenStream, item: TokenStream) -> TokenStream {
    let ident = syn::Ident::new(kind, Span::call_site());
    if let Ok(mut parsed) = syn::parse2::<syn::Item>(item.clone()) {
        let attrs = match &mut parsed {
            syn::Item::Fn(f) => Some(&mut f.attrs),
            syn::Item::Struct(s) => Some(&mut s.attrs),
            _ => None,
        };
        if let Some(attrs) = attrs
            && let Some(pos) = attrs.iter().position(|a| {
                a.path()
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "operation")
            })
        {
            let me: syn::Attribute = syn::parse_quote!(#[::apigw::#ident(#args)]);
            attrs.insert(pos + 1, me);
            return quote!(#parsed);
        }
    }
    // Located on the attribute, but resolved like the user's item: rustc then shows the
    // attribute without a "this error originates in the attribute macro" note.
    let span = match item.clone().into_iter().next() {
        Some(first) => Span::call_site().resolved_at(first.span()),
        None => Span::call_site(),
    };
    let name = match syn::parse2::<syn::Item>(item.clone()) {
        Ok(syn::Item::Fn(f)) => format!("`{}` has `#[{kind}]` but no `#[operation]`", f.sig.ident),
        Ok(syn::Item::Struct(s)) => format!("`{}` has `#[{kind}]` but no `#[operation]`", s.ident),
        _ => format!("`#[{kind}]` without `#[operation]`"),
    };
    let err = syn::Error::new(
        span,
        format!(
            "{name}: an integration serves an operation, so put `#[operation(METHOD \"/path\", responses = ...)]` above it"
        ),
    )
    .to_compile_error();
    quote!(#item #err)
}
