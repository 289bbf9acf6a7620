//! `#[mock_integration(with = fn_name)]` or `#[mock_integration(status = N, body = "...")]`,
//! either with `header("Name" = "value")` and `response_template("content/type" = "...")`.

use syn::parse::ParseStream;
use syn::{LitInt, LitStr, Token};

use crate::diag::Errors;
use crate::parse::common::{self, Template};
use crate::parse::{Attr, key, option_name, options, value};

pub mod kw {
    syn::custom_keyword!(with);
    syn::custom_keyword!(status);
    syn::custom_keyword!(body);
    syn::custom_keyword!(header);
    syn::custom_keyword!(response_template);
}

pub struct MockAst {
    pub with: Attr<syn::Path>,
    pub status: Attr<LitInt>,
    pub body: Attr<LitStr>,
    /// `header("Name" = "value")`: a fixed response header.
    pub headers: Vec<(LitStr, LitStr)>,
    pub templates: Vec<Template>,
    /// Where the attribute's arguments end, for "needs `with` or `status`".
    pub end: proc_macro2::Span,
}

pub fn parse(input: ParseStream, errors: &mut Errors) -> syn::Result<MockAst> {
    let mut a = MockAst {
        with: Attr::new("with"),
        status: Attr::new("status"),
        body: Attr::new("body"),
        headers: Vec::new(),
        templates: Vec::new(),
        end: input.span(),
    };
    options(input, errors, |input, errors| {
        if let Some(span) = key!(input, kw::with) {
            a.with.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::status) {
            a.status.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::body) {
            a.body.set(errors, span, value(input)?);
        } else if key!(input, kw::header).is_some() {
            let content;
            syn::parenthesized!(content in input);
            let name: LitStr = content.parse()?;
            content.parse::<Token![=]>()?;
            a.headers.push((name, content.parse()?));
        } else if key!(input, kw::response_template).is_some() {
            a.templates.push(common::template(input)?);
        } else {
            let other = option_name(input)?;
            return Err(syn::Error::new(
                other.span(),
                format!(
                    "unknown mock option `{other}`: expected `with = fn_name`, or `status = N` with optional `body = \"...\"`; either with `header(\"Name\" = \"value\")` and `response_template(\"content/type\" = \"...\")`"
                ),
            ));
        }
        Ok(())
    });
    a.end = input.span();
    Ok(a)
}
