//! `#[http_integration]` checked: the URL and its placeholders, the backend method, options a
//! proxy would ignore, mappings, the cache key and the composed response sets.

use apigw_spec::http;
use apigw_spec::method::MethodUse;
use apigw_spec::{MappingOptions, Method, ParamSource, RequestParameter};
use proc_macro2::Span;
use syn::LitStr;

use super::super::responses::{self, Rules};
use super::super::{Cx, common};
use crate::diag::Errors;
use crate::parse::common::Template;
use crate::parse::integration::http::HttpAst;

pub struct Http {
    pub url: LitStr,
    pub method: Method,
    pub proxy: bool,
    pub vpc_link: Option<syn::Path>,
    pub request_parameters: Vec<RequestParameter>,
    pub request_templates: Vec<Template>,
    /// `None` for a proxy (it maps no response).
    pub responses: Option<responses::Checked>,
    pub options: MappingOptions,
    pub insecure: bool,
    pub cache_key: Vec<ParamSource>,
    pub cache_namespace: Option<LitStr>,
}

pub fn check(a: &HttpAst, attr_span: Span, cx: &Cx, errors: &mut Errors) -> Option<Http> {
    let Some(url) = a.url.get() else {
        errors.at(
            attr_span,
            format!(
                "`#[http_integration]` of operation `{}` needs `url = \"https://...\"`",
                cx.op_name
            ),
        );
        return None;
    };
    let mappings = a.shared.mappings();
    let placeholders = match http::check_url(&url.value(), a.insecure.is_set()) {
        Ok(p) => {
            let what = format!("URL `{}`", url.value());
            let mapped = common::mapped_placeholders(mappings);
            common::placeholders_filled(&p, &mapped, cx, url.span(), &what, errors);
            p
        }
        Err(e) => {
            let span = match e {
                http::UrlError::InsecureOnHttp => a.insecure.span().unwrap_or(url.span()),
                _ => url.span(),
            };
            errors.at(span, e.message(&url.value()));
            Vec::new()
        }
    };
    let method = match a.method.get() {
        Some(lit) => errors.ok(
            Method::parse_for(&lit.value(), MethodUse::HttpBackend).map_err(|_| {
                syn::Error::new(
                    lit.span(),
                    format!(
                        "unknown HTTP method `{}`: expected one of {}",
                        lit.value(),
                        Method::allowed(MethodUse::HttpBackend)
                            .iter()
                            .map(|m| m.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            }),
        ),
        None => Some(cx.method),
    };
    let proxy = a.proxy.is_set();
    // A proxy passes request and response through: mapping options would be silently ignored.
    if proxy {
        let ignored = [
            (a.shared.template_kw, "request_template"),
            (a.shared.responses.span(), "responses"),
            (a.shared.success_status.span(), "success_status"),
            (a.shared.pass_headers.span(), "pass_headers"),
            (a.shared.mapping.passthrough.span(), "passthrough"),
        ];
        for (span, name) in ignored {
            if let Some(span) = span {
                errors.at(
                    span,
                    format!(
                        "`{name}` has no effect on a `proxy` integration, which passes the request and the response through unchanged: remove `{name}`, or remove `proxy` to map the request and response"
                    ),
                );
            }
        }
    }
    let request_parameters = common::request_parameters(mappings, cx, &placeholders, "URL", errors);
    common::templates(&a.shared.request_templates, errors);
    let options = common::mapping(&a.shared.mapping, errors);
    let cache_key = a
        .cache_key
        .get()
        .map(|k| common::cache_key(k, cx, errors))
        .unwrap_or_default();
    let responses = if proxy {
        None
    } else {
        let success = common::success_status(a.shared.success_status.get(), errors);
        let pass_headers = common::pass_headers(
            a.shared.pass_headers.get().map(Vec::as_slice),
            http::PASS_HEADERS,
        );
        let rules = Rules {
            sets: http::SETS,
            status_patterns: Some("an HTTP integration"),
            success,
            pass_headers: pass_headers.clone(),
            content_handling: None,
            default_template: None,
            prepare: None,
        };
        Some(match a.shared.responses.get() {
            Some((span, items)) => responses::check(items, *span, &rules, errors)?,
            None => responses::defaults(
                http::default_sets(success.0, pass_headers, None),
                attr_span,
                &rules,
                errors,
            )?,
        })
    };
    Some(Http {
        url: url.clone(),
        method: method?,
        proxy,
        vpc_link: a.connection.get().cloned().flatten(),
        request_parameters,
        request_templates: a.shared.request_templates.clone(),
        responses,
        options,
        insecure: a.insecure.is_set(),
        cache_key,
        cache_namespace: a.cache_namespace.get().cloned(),
    })
}
