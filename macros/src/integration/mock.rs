//! `#[mock_integration(...)]`: API Gateway answers by itself.
//!
//! Typed: `with = healthy` where `fn healthy() -> TheResponses`; the status comes from the
//! variant, so it is declared by construction. Untyped: `status = 200, body = "..."`, whose status
//! must be declared. Both take `header("Name" = "value")` and
//! `response_template("content/type" = "...")`, repeatable.

use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitInt, LitStr, Token};

use super::options::{self, Template};
use super::{Plan, PlanCx};

enum MockArgs {
    Typed {
        with: syn::Path,
        headers: Vec<(LitStr, LitStr)>,
        templates: Vec<Template>,
    },
    Fixed {
        status: LitInt,
        body: Option<LitStr>,
        headers: Vec<(LitStr, LitStr)>,
        templates: Vec<Template>,
    },
}

impl Parse for MockArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut with = None;
        let mut status = None;
        let mut body = None;
        let mut headers = Vec::new();
        let mut templates = Vec::new();
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            match key.to_string().as_str() {
                "with" => {
                    input.parse::<Token![=]>()?;
                    with = Some(input.parse::<syn::Path>()?);
                }
                "status" => {
                    input.parse::<Token![=]>()?;
                    status = Some(input.parse::<LitInt>()?);
                }
                "body" => {
                    input.parse::<Token![=]>()?;
                    body = Some(input.parse::<LitStr>()?);
                }
                "header" => {
                    let content;
                    syn::parenthesized!(content in input);
                    let name: LitStr = content.parse()?;
                    content.parse::<Token![=]>()?;
                    let value: LitStr = content.parse()?;
                    if value.value().contains('\'') {
                        return Err(syn::Error::new(
                            value.span(),
                            "a mock header value cannot contain `'`: API Gateway writes it between single quotes and has no escape for them",
                        ));
                    }
                    headers.push((name, value));
                }
                "response_template" => {
                    templates.push(options::parse_template(input)?);
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown mock option `{other}`: expected `with = fn_name`, or `status = N` with optional `body = \"...\"`; either with `header(\"Name\" = \"value\")` and `response_template(\"content/type\" = \"...\")`"
                        ),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        match (with, status) {
            (Some(w), None) => {
                if let Some(b) = body {
                    return Err(syn::Error::new(
                        b.span(),
                        "a typed mock (`with = ...`) takes its body from the response value: remove `body`",
                    ));
                }
                Ok(MockArgs::Typed {
                    with: w,
                    headers,
                    templates,
                })
            }
            (None, Some(status)) => Ok(MockArgs::Fixed {
                status,
                body,
                headers,
                templates,
            }),
            (Some(w), Some(_)) => Err(syn::Error::new(
                w.span(),
                "use either `with = fn_name` (typed) or `status = N` (untyped), not both",
            )),
            (None, None) => Err(syn::Error::new(
                input.span(),
                "a mock needs `with = fn_name` (a `fn() -> YourResponses`) or `status = N`",
            )),
        }
    }
}

pub fn plan(attr: &syn::Attribute, cx: &PlanCx) -> syn::Result<Plan> {
    let args: MockArgs = options::parse_args(
        attr,
        "write `#[mock_integration(with = fn_name)]` or `#[mock_integration(status = 200)]`",
    )?;
    let r = &cx.responses;
    match args {
        MockArgs::Typed {
            with: f,
            headers,
            templates,
        } => {
            let check = quote_spanned!(f.span()=> const _: fn() = || { let _: fn() -> #r = #f; };);
            let names = headers.iter().map(|(n, _)| n);
            let values = headers.iter().map(|(_, v)| v);
            let templates = options::templates(&templates);
            Ok(Plan {
                // `<R as ApiResponses>` like the operation's own uses: a responses type that is
                // not one is reported once, on the type.
                constructor: quote!(::apigw::integration::MockIntegration::typed(|| <#r as ::apigw::ApiResponses>::into_response(#f()))
                    .with_headers(&[#((#names, #values)),*])
                    .with_templates(#templates)),
                checks: check,
            })
        }
        MockArgs::Fixed {
            status,
            body,
            headers,
            templates,
        } => {
            let code = options::status(&status)?;
            let body = match body {
                Some(b) => quote!(::core::option::Option::Some(#b)),
                None => quote!(::core::option::Option::None),
            };
            let names = headers.iter().map(|(n, _)| n);
            let values = headers.iter().map(|(_, v)| v);
            let templates = options::templates(&templates);
            Ok(Plan {
                constructor: quote!(::apigw::integration::MockIntegration::fixed(#code, #body, &[#((#names, #values)),*]).with_templates(#templates)),
                checks: cx.declares(code, status.span()),
            })
        }
    }
}
