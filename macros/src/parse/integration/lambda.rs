//! `#[lambda_integration(custom, ...)]` on a handler.

use syn::Ident;
use syn::parse::ParseStream;

use crate::diag::Errors;
use crate::parse::common::{Shared, SharedOptions};
use crate::parse::{option_name, options};

pub struct LambdaAst {
    /// The `custom` keyword.
    pub custom: Ident,
    pub shared: SharedOptions,
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
        shared: SharedOptions::new(&[Shared::RequestTemplates, Shared::Responses]),
    };
    options(input, errors, |input, errors| {
        if !a.shared.parse(input, errors)? {
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
