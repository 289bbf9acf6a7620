//! `#[s3_integration(bucket = CONST, ...)]`.

use syn::LitStr;
use syn::parse::ParseStream;

use crate::diag::Errors;
use crate::parse::common::{Shared, SharedOptions};
use crate::parse::{Attr, key, lit_list, option_name, options, value};

pub mod kw {
    syn::custom_keyword!(bucket);
    syn::custom_keyword!(method);
    syn::custom_keyword!(path);
    syn::custom_keyword!(binary_media_types);
    syn::custom_keyword!(response_content_handling);
}

pub const OPTIONS: &str = "`bucket = CONST`, `method = \"get\"`, `path = \"key/{param}\"`, `request_parameters(...)`, `responses = [...]`, `success_status = N`, `pass_headers = [...]`, `binary_media_types = [...]`, `content_handling = \"...\"`, `response_content_handling = \"...\"`, `passthrough = \"...\"` or `timeout_ms = N`";

pub struct S3Ast {
    pub bucket: Attr<syn::Path>,
    pub method: Attr<LitStr>,
    pub path: Attr<LitStr>,
    pub binary_media_types: Attr<Vec<LitStr>>,
    pub response_content_handling: Attr<LitStr>,
    pub shared: SharedOptions,
}

pub fn parse(input: ParseStream, errors: &mut Errors) -> syn::Result<S3Ast> {
    let mut a = S3Ast {
        bucket: Attr::new("bucket"),
        method: Attr::new("method"),
        path: Attr::new("path"),
        binary_media_types: Attr::new("binary_media_types"),
        response_content_handling: Attr::new("response_content_handling"),
        shared: SharedOptions::new(&[
            Shared::RequestParameters,
            Shared::Responses,
            Shared::SuccessStatus,
            Shared::PassHeaders,
        ]),
    };
    options(input, errors, |input, errors| {
        if a.shared.parse(input, errors)? {
        } else if let Some(span) = key!(input, kw::bucket) {
            a.bucket.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::method) {
            a.method.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::path) {
            a.path.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::binary_media_types) {
            input.parse::<syn::Token![=]>()?;
            a.binary_media_types.set(errors, span, lit_list(input)?);
        } else if let Some(span) = key!(input, kw::response_content_handling) {
            a.response_content_handling.set(errors, span, value(input)?);
        } else {
            let other = option_name(input)?;
            return Err(syn::Error::new(
                other.span(),
                format!("unknown s3_integration option `{other}`: expected {OPTIONS}"),
            ));
        }
        Ok(())
    });
    Ok(a)
}
