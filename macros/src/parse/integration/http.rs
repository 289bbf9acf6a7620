//! `#[http_integration(url = "https://...", ...)]`.

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::{Ident, LitInt, LitStr};

use crate::diag::Errors;
use crate::parse::common::{self, MappingOptions, RequestMapping, Selector, Template};
use crate::parse::responses::{self, ResponseItem};
use crate::parse::{Attr, key, lit_list, option_name, options, value};

pub mod kw {
    syn::custom_keyword!(url);
    syn::custom_keyword!(method);
    syn::custom_keyword!(proxy);
    syn::custom_keyword!(connection);
    syn::custom_keyword!(vpc_link);
    syn::custom_keyword!(internet);
    syn::custom_keyword!(request_parameters);
    syn::custom_keyword!(request_template);
    syn::custom_keyword!(responses);
    syn::custom_keyword!(success_status);
    syn::custom_keyword!(pass_headers);
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
    pub request_parameters: Attr<Vec<RequestMapping>>,
    /// One per content type; the span of the first `request_template`, for "a proxy ignores it".
    pub request_templates: Vec<Template>,
    pub template_kw: Option<Span>,
    pub responses: Attr<(Span, Vec<ResponseItem>)>,
    pub success_status: Attr<LitInt>,
    pub pass_headers: Attr<Vec<LitStr>>,
    pub mapping: MappingOptions,
    pub insecure: Attr<()>,
    pub cache_key: Attr<Vec<Selector>>,
    pub cache_namespace: Attr<LitStr>,
}

pub fn parse(input: ParseStream, errors: &mut Errors) -> syn::Result<HttpAst> {
    let mut a = HttpAst {
        url: Attr::new("url"),
        method: Attr::new("method"),
        proxy: Attr::new("proxy"),
        connection: Attr::new("connection"),
        request_parameters: Attr::new("request_parameters"),
        request_templates: Vec::new(),
        template_kw: None,
        responses: Attr::new("responses"),
        success_status: Attr::new("success_status"),
        pass_headers: Attr::new("pass_headers"),
        mapping: MappingOptions::default(),
        insecure: Attr::new("insecure_skip_verification"),
        cache_key: Attr::new("cache_key"),
        cache_namespace: Attr::new("cache_namespace"),
    };
    options(input, errors, |input, errors| {
        if a.mapping.parse(input, errors)? {
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
        } else if let Some(span) = key!(input, kw::request_parameters) {
            a.request_parameters
                .set(errors, span, common::request_parameters(input)?);
        } else if let Some(span) = key!(input, kw::request_template) {
            a.template_kw.get_or_insert(span);
            a.request_templates.push(common::template(input)?);
        } else if let Some(span) = key!(input, kw::responses) {
            input.parse::<syn::Token![=]>()?;
            a.responses.set(errors, span, responses::list(input)?);
        } else if let Some(span) = key!(input, kw::success_status) {
            a.success_status.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::pass_headers) {
            input.parse::<syn::Token![=]>()?;
            a.pass_headers.set(errors, span, lit_list(input)?);
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
