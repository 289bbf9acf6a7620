//! `#[http_integration(url = "https://...", ...)]`.

use syn::parse::ParseStream;
use syn::{Ident, LitStr};

use crate::diag::Errors;
use crate::parse::common::{self, Selector, Shared, SharedOptions};
use crate::parse::{Attr, key, option_name, options, value};

pub mod kw {
    syn::custom_keyword!(url);
    syn::custom_keyword!(method);
    syn::custom_keyword!(proxy);
    syn::custom_keyword!(connection);
    syn::custom_keyword!(vpc_link);
    syn::custom_keyword!(internet);
    syn::custom_keyword!(insecure_skip_verification);
    syn::custom_keyword!(cache_key);
    syn::custom_keyword!(cache_namespace);
}

pub const OPTIONS: &str = "`url = \"https://...\"`, `method = \"GET\"`, `proxy`, `connection = vpc_link(LINK)`, `request_parameters(...)`, `request_template(\"content/type\" = \"...\")`, `responses = [...]`, `success_status = N`, `pass_headers = [...]`, `passthrough = \"...\"`, `content_handling = \"...\"`, `timeout_ms = N`, `insecure_skip_verification`, `cache_key = [...]` or `cache_namespace = \"...\"`";

pub struct HttpAst {
    pub url: Attr<LitStr>,
    pub method: Attr<LitStr>,
    pub proxy: Attr<()>,
    /// `Some(LINK)`: `vpc_link(LINK)`; `None`: `internet`.
    pub connection: Attr<Option<syn::Path>>,
    pub insecure: Attr<()>,
    pub cache_key: Attr<Vec<Selector>>,
    pub cache_namespace: Attr<LitStr>,
    pub shared: SharedOptions,
}

pub fn parse(input: ParseStream, errors: &mut Errors) -> syn::Result<HttpAst> {
    let mut a = HttpAst {
        url: Attr::new("url"),
        method: Attr::new("method"),
        proxy: Attr::new("proxy"),
        connection: Attr::new("connection"),
        insecure: Attr::new("insecure_skip_verification"),
        cache_key: Attr::new("cache_key"),
        cache_namespace: Attr::new("cache_namespace"),
        shared: SharedOptions::new(&[
            Shared::RequestParameters,
            Shared::RequestTemplates,
            Shared::Responses,
            Shared::SuccessStatus,
            Shared::PassHeaders,
        ]),
    };
    options(input, errors, |input, errors| {
        if a.shared.parse(input, errors)? {
        } else if let Some(span) = key!(input, kw::url) {
            a.url.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::method) {
            a.method.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::proxy) {
            a.proxy.set(errors, span, ());
        } else if let Some(span) = key!(input, kw::insecure_skip_verification) {
            a.insecure.set(errors, span, ());
        } else if let Some(span) = key!(input, kw::connection) {
            input.parse::<syn::Token![=]>()?;
            let connection = if input.peek(kw::vpc_link) {
                input.parse::<kw::vpc_link>()?;
                let content;
                syn::parenthesized!(content in input);
                Some(content.parse()?)
            } else if input.peek(kw::internet) {
                input.parse::<kw::internet>()?;
                None
            } else {
                let other: Ident = input.parse()?;
                return Err(syn::Error::new(
                    other.span(),
                    format!(
                        "unknown connection `{other}`: expected `internet` (the default) or `vpc_link(LINK)` naming a `const LINK: apigw::VpcLink`"
                    ),
                ));
            };
            a.connection.set(errors, span, connection);
        } else if let Some(span) = key!(input, kw::cache_key) {
            input.parse::<syn::Token![=]>()?;
            a.cache_key.set(errors, span, common::selector_list(input)?);
        } else if let Some(span) = key!(input, kw::cache_namespace) {
            a.cache_namespace.set(errors, span, value(input)?);
        } else {
            let other = option_name(input)?;
            return Err(syn::Error::new(
                other.span(),
                format!("unknown http_integration option `{other}`: expected {OPTIONS}"),
            ));
        }
        Ok(())
    });
    Ok(a)
}
