//! `#[lambda_integration(custom, ...)]` on a handler.

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::Ident;

use crate::diag::Errors;
use crate::parse::common::{self, MappingOptions, Template};
use crate::parse::responses::{self, ResponseItem};
use crate::parse::{Attr, key, option_name, options};

pub mod kw {
    syn::custom_keyword!(request_template);
    syn::custom_keyword!(responses);
}

pub struct LambdaAst {
    /// The `custom` keyword.
    pub custom: Ident,
    pub template: Attr<Template>,
    pub responses: Attr<(Span, Vec<ResponseItem>)>,
    pub mapping: MappingOptions,
}

pub fn parse(input: ParseStream, errors: &mut Errors) -> syn::Result<LambdaAst> {
    let custom: Ident = input.parse()?;
    if custom != "custom" {
        return Err(syn::Error::new(
            custom.span(),
            "a handler is served through the Lambda proxy without any attribute; `#[lambda_integration(custom, ...)]` selects the non-proxy (custom) integration: start with `custom`",
        ));
    }
    if !input.is_empty() {
        input.parse::<syn::Token![,]>()?;
    }
    let mut a = LambdaAst {
        custom,
        template: Attr::new("request_template"),
        responses: Attr::new("responses"),
        mapping: MappingOptions::default(),
    };
    options(input, errors, |input, errors| {
        if a.mapping.parse(input, errors)? {
        } else if let Some(span) = key!(input, kw::request_template) {
            a.template.set(errors, span, common::template(input)?);
        } else if let Some(span) = key!(input, kw::responses) {
            input.parse::<syn::Token![=]>()?;
            a.responses.set(errors, span, responses::list(input)?);
        } else {
            let other = option_name(input)?;
            return Err(syn::Error::new(
                other.span(),
                format!(
                    "unknown lambda_integration option `{other}`: expected `request_template`, `responses = [...]`, `passthrough`, `content_handling` or `timeout_ms`"
                ),
            ));
        }
        Ok(())
    });
    Ok(a)
}
