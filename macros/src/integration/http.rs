//! `#[http_integration(url = "https://...", ...)]`: API Gateway calls an HTTP backend, either as
//! a pass-through proxy (`proxy`) or with templates and integration responses, over the internet
//! or through a VPC link (`connection = vpc_link(LINK)`).
//!
//! Checked here: the URL (absolute http/https, well formed, placeholders known), the timeout
//! range, typed enum values, options that a proxy ignores, mappings against the operation, and
//! (as trait bounds) every status the composed response sets can answer.

use proc_macro2::Span;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitInt, LitStr, Token};

use super::options::{
    self, CacheKey, MappingOptions, PassthroughDefaults, RequestMapping, SetSpec, Template,
};
use super::{Plan, PlanCx};

const OPTIONS: &str = "`url = \"https://...\"`, `method = \"GET\"`, `proxy`, `connection = vpc_link(LINK)`, `request_parameters(...)`, `request_template(\"content/type\" = \"...\")`, `responses = [...]`, `success_status = N`, `pass_headers = [...]`, `passthrough = \"...\"`, `content_handling = \"...\"`, `timeout_ms = N`, `insecure_skip_verification`, `cache_key = [...]` or `cache_namespace = \"...\"`";

const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY",
];

#[derive(Default)]
struct HttpArgs {
    url: Option<LitStr>,
    method: Option<LitStr>,
    proxy: Option<Ident>,
    vpc_link: Option<syn::Path>,
    request_parameters: Vec<RequestMapping>,
    request_templates: Vec<Template>,
    /// The first `request_template` keyword, for "a proxy ignores it".
    template_kw: Option<Ident>,
    responses: Option<(Ident, Vec<SetSpec>)>,
    success_status: Option<LitInt>,
    pass_headers: Option<(Ident, Vec<LitStr>)>,
    /// `passthrough`, `content_handling`, `timeout_ms`.
    mapping: MappingOptions,
    insecure: Option<Ident>,
    cache_key: Option<CacheKey>,
    cache_namespace: Option<LitStr>,
}

impl Parse for HttpArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut a = HttpArgs::default();
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            if a.mapping.parse_option(&key, input)? {
                options::comma(input)?;
                continue;
            }
            let k = key.to_string();
            let eq = |input: ParseStream| input.parse::<Token![=]>().map(|_| ());
            match k.as_str() {
                "url" => {
                    eq(input)?;
                    a.url = Some(input.parse()?);
                }
                "method" => {
                    eq(input)?;
                    a.method = Some(input.parse()?);
                }
                "proxy" => a.proxy = Some(key),
                "insecure_skip_verification" => a.insecure = Some(key),
                "connection" => {
                    eq(input)?;
                    let kind: Ident = input.parse()?;
                    match kind.to_string().as_str() {
                        "vpc_link" => {
                            let content;
                            syn::parenthesized!(content in input);
                            a.vpc_link = Some(content.parse()?);
                        }
                        "internet" => a.vpc_link = None,
                        other => {
                            return Err(syn::Error::new(
                                kind.span(),
                                format!(
                                    "unknown connection `{other}`: expected `internet` (the default) or `vpc_link(LINK)` naming a `const LINK: apigw::VpcLink`"
                                ),
                            ));
                        }
                    }
                }
                "request_parameters" => {
                    a.request_parameters = options::parse_request_parameters(input)?
                }
                "request_template" => {
                    a.template_kw.get_or_insert(key);
                    a.request_templates.push(options::parse_template(input)?);
                }
                "responses" => {
                    eq(input)?;
                    let sets = options::parse_response_sets(
                        input,
                        &["default_passthrough", "catch_all", "custom"],
                    )?;
                    a.responses = Some((key, sets));
                }
                "success_status" => {
                    eq(input)?;
                    a.success_status = Some(input.parse()?);
                }
                "pass_headers" => {
                    eq(input)?;
                    a.pass_headers = Some((key, options::lit_list(input)?));
                }
                "cache_key" => {
                    eq(input)?;
                    a.cache_key = Some(options::parse_cache_key(input)?);
                }
                "cache_namespace" => {
                    eq(input)?;
                    a.cache_namespace = Some(input.parse()?);
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown http_integration option `{other}`: expected {OPTIONS}"),
                    ));
                }
            }
            options::comma(input)?;
        }
        Ok(a)
    }
}

/// Checks `url` and returns its `{param}` placeholders. `${stageVariables.x}` may stand anywhere.
fn check_url(lit: &LitStr, insecure: Option<&Ident>) -> syn::Result<Vec<String>> {
    let v = lit.value();
    let placeholders = options::template_placeholders(lit, "URL")?;
    // What the URL looks like once API Gateway filled it in.
    let mut probe = String::new();
    let mut rest = v.as_str();
    while let Some(open) = rest.find('{') {
        let is_stage = open > 0 && rest.as_bytes()[open - 1] == b'$';
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        if is_stage {
            let inner = &rest[open + 1..close];
            if !inner.starts_with("stageVariables.") {
                return Err(syn::Error::new(
                    lit.span(),
                    format!(
                        "URL `{v}`: `${{{inner}}}` is not something API Gateway fills in; only `${{stageVariables.name}}` is"
                    ),
                ));
            }
            probe.push_str(&rest[..open - 1]);
            probe.push_str("stagevalue");
        } else {
            probe.push_str(&rest[..open]);
            probe.push_str("value");
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    probe.push_str(rest);
    let malformed = |why: String| {
        syn::Error::new(
            lit.span(),
            format!(
                "malformed URL `{v}`: {why}; write an absolute URL such as `https://api.example.com/pets/{{petId}}`"
            ),
        )
    };
    let url = url::Url::parse(&probe).map_err(|e| malformed(e.to_string()))?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(malformed(format!(
                "scheme `{other}` is not `http` or `https`"
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(malformed("it has no host".into()));
    }
    if url.fragment().is_some() {
        return Err(malformed("a `#fragment` is never sent to a server".into()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(malformed(
            "credentials do not belong in the URL; map an `Authorization` header instead".into(),
        ));
    }
    if let Some(kw) = insecure
        && url.scheme() == "http"
    {
        return Err(syn::Error::new(
            kw.span(),
            format!(
                "`insecure_skip_verification` only applies to `https` URLs, and `{v}` is `http`: remove it"
            ),
        ));
    }
    Ok(placeholders)
}

pub fn plan(attr: &syn::Attribute, cx: &PlanCx) -> syn::Result<Plan> {
    let attr_span = attr.path().span();
    let args: HttpArgs = options::parse_args(
        attr,
        "write `#[http_integration(url = \"https://api.example.com/...\")]`",
    )?;
    let mut errors = Vec::new();
    let Some(url) = args.url.clone() else {
        return Err(syn::Error::new(
            attr_span,
            format!(
                "`#[http_integration]` of operation `{}` needs `url = \"https://...\"`",
                cx.op_name
            ),
        ));
    };
    let placeholders = match check_url(&url, args.insecure.as_ref()) {
        Ok(p) => {
            errors.extend(options::check_placeholders(
                &p,
                |p| options::is_path_target(&args.request_parameters, p),
                cx,
                url.span(),
                &format!("URL `{}`", url.value()),
            ));
            p
        }
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    let method = match &args.method {
        Some(lit) => {
            let v = lit.value().to_ascii_uppercase();
            if !METHODS.contains(&v.as_str()) {
                errors.push(syn::Error::new(
                    lit.span(),
                    format!(
                        "unknown HTTP method `{}`: expected one of {}",
                        lit.value(),
                        METHODS.join(", ")
                    ),
                ));
            }
            v
        }
        None => cx.method.to_string(),
    };

    // A proxy passes request and response through: mapping options would be silently ignored.
    if args.proxy.is_some() {
        let ignored: Vec<(Span, &str)> = [
            args.template_kw
                .as_ref()
                .map(|k| (k.span(), "request_template")),
            args.responses
                .as_ref()
                .map(|(k, _)| (k.span(), "responses")),
            args.success_status
                .as_ref()
                .map(|l| (l.span(), "success_status")),
            args.pass_headers
                .as_ref()
                .map(|(k, _)| (k.span(), "pass_headers")),
            args.mapping
                .passthrough
                .as_ref()
                .map(|l| (l.span(), "passthrough")),
        ]
        .into_iter()
        .flatten()
        .collect();
        for (span, name) in ignored {
            errors.push(syn::Error::new(
                span,
                format!(
                    "`{name}` has no effect on a `proxy` integration, which passes the request and the response through unchanged: remove `{name}`, or remove `proxy` to map the request and response"
                ),
            ));
        }
    }

    let request_parameters =
        options::request_parameters(&args.request_parameters, cx, &placeholders, "URL")
            .map_err(|e| errors.push(e))
            .ok();
    let mapping = args.mapping.check(&mut errors);
    let cache_key = match &args.cache_key {
        Some(k) => options::cache_key(k, cx).map_err(|e| errors.push(e)).ok(),
        None => Some(quote!(&[])),
    };

    let (responses, checks) = if args.proxy.is_some() {
        (Some(quote!(&[])), quote!())
    } else {
        let (success, success_span) =
            options::success_status(args.success_status.as_ref(), &mut errors);
        let pass_headers = options::pass_headers(
            args.pass_headers.as_ref().map(|(_, l)| l.as_slice()),
            quote!(::apigw::integration::http::HTTP_PASS_HEADERS),
        );
        let default_sets;
        let sets: &[SetSpec] = match &args.responses {
            Some((_, s)) => s,
            None => {
                default_sets = [SetSpec::DefaultPassthrough {
                    name: Ident::new("default_passthrough", attr_span),
                    status: None,
                }];
                &default_sets
            }
        };
        let none = quote!(::core::option::Option::None);
        let defaults = PassthroughDefaults {
            status: success,
            status_span: success_span,
            headers: pass_headers,
            content_handling: &none,
        };
        match options::response_sets(sets, &defaults, cx) {
            Ok((r, c)) => (Some(r), c),
            Err(e) => {
                errors.push(e);
                (None, quote!())
            }
        }
    };

    options::combine(errors)?;
    let (Some(request_parameters), Some(responses), Some(cache_key)) =
        (request_parameters, responses, cache_key)
    else {
        return Ok(Plan::placeholder());
    };
    let connection = match &args.vpc_link {
        Some(link) => quote!(::apigw::integration::HttpConnection::VpcLink(#link)),
        None => quote!(::apigw::integration::HttpConnection::Internet),
    };
    let proxy = args.proxy.is_some();
    let templates = options::templates(&args.request_templates);
    let passthrough = options::opt_tokens(&mapping.passthrough);
    let content_handling = options::opt_tokens(&mapping.content_handling);
    let timeout = options::opt_u32(mapping.timeout_ms);
    let insecure = args.insecure.is_some();
    let cache_namespace = match &args.cache_namespace {
        Some(ns) => quote!(::core::option::Option::Some(#ns)),
        None => quote!(::core::option::Option::None),
    };
    let url_lit = &url;
    let constructor = quote!({
        const __APIGW_INTEGRATION: ::apigw::integration::HttpIntegration =
            ::apigw::integration::HttpIntegration {
                url: #url_lit,
                method: #method,
                proxy: #proxy,
                connection: #connection,
                request_parameters: #request_parameters,
                request_templates: #templates,
                responses: #responses,
                passthrough: #passthrough,
                content_handling: #content_handling,
                timeout_ms: #timeout,
                insecure_skip_verification: #insecure,
                cache_key_parameters: #cache_key,
                cache_namespace: #cache_namespace,
            };
        __APIGW_INTEGRATION
    });
    Ok(Plan {
        constructor,
        checks,
    })
}
