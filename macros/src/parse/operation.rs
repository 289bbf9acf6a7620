//! `#[operation(METHOD "/path", options...)]`.

use syn::parse::ParseStream;
use syn::{Ident, LitStr};

use super::{Attr, key, lit_list, option_name, options, value};
use crate::diag::Errors;

pub mod kw {
    syn::custom_keyword!(id);
    syn::custom_keyword!(tags);
    syn::custom_keyword!(deprecated);
    syn::custom_keyword!(responses);
    syn::custom_keyword!(function);
    syn::custom_keyword!(query);
    syn::custom_keyword!(headers);
    syn::custom_keyword!(body);
}

/// The arguments of `#[operation]`, as written.
pub struct OperationArgs {
    pub method: Ident,
    pub path: LitStr,
    pub id: Attr<LitStr>,
    pub tags: Attr<Vec<LitStr>>,
    pub deprecated: Attr<()>,
    pub responses: Attr<syn::Type>,
    pub function: Attr<LitStr>,
    /// Query parameters a marker's integration maps.
    pub query: Attr<Vec<LitStr>>,
    /// Headers a marker's integration maps.
    pub headers: Attr<Vec<LitStr>>,
    /// The request body a marker's integration receives (`body = Binary<ImageJpeg>`).
    pub body: Attr<syn::Type>,
}

/// `METHOD "/path"` then the options; the method and path are required, an option's mistake is
/// pushed and the others still read.
pub fn parse(input: ParseStream, errors: &mut Errors) -> syn::Result<OperationArgs> {
    let method: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `METHOD \"/path\"`, e.g. `#[operation(GET \"/pets/<petId>\")]`",
        )
    })?;
    let path: LitStr = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected the path as a string after the method, e.g. `GET \"/pets/<petId>\"`",
        )
    })?;
    let mut args = OperationArgs {
        method,
        path,
        id: Attr::new("id"),
        tags: Attr::new("tags"),
        deprecated: Attr::new("deprecated"),
        responses: Attr::new("responses"),
        function: Attr::new("function"),
        query: Attr::new("query"),
        headers: Attr::new("headers"),
        body: Attr::new("body"),
    };
    if !input.is_empty() {
        input.parse::<syn::Token![,]>()?;
    }
    options(input, errors, |input, errors| {
        if let Some(span) = key!(input, kw::id) {
            args.id.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::tags) {
            input.parse::<syn::Token![=]>()?;
            args.tags.set(errors, span, lit_list(input)?);
        } else if let Some(span) = key!(input, kw::deprecated) {
            args.deprecated.set(errors, span, ());
        } else if let Some(span) = key!(input, kw::responses) {
            args.responses.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::function) {
            args.function.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::query) {
            input.parse::<syn::Token![=]>()?;
            args.query.set(errors, span, lit_list(input)?);
        } else if let Some(span) = key!(input, kw::headers) {
            input.parse::<syn::Token![=]>()?;
            args.headers.set(errors, span, lit_list(input)?);
        } else if let Some(span) = key!(input, kw::body) {
            args.body.set(errors, span, value(input)?);
        } else {
            let other = option_name(input)?;
            return Err(syn::Error::new(
                other.span(),
                format!(
                    "unknown operation option `{other}`: expected `id = \"...\"`, `tags = [...]`, `responses = Type`, `deprecated`, `function = \"...\"`, `query = [...]`, `headers = [...]` or `body = Type`"
                ),
            ));
        }
        Ok(())
    });
    Ok(args)
}
