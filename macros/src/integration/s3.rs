//! `#[s3_integration(bucket = PETS, ...)]`: API Gateway reads, writes or deletes an S3 object.
//!
//! Checked here: the key's `{param}` placeholders against the operation's path parameters,
//! request parameter mappings against what the operation declares, the timeout range, typed
//! enum values, and (as trait bounds) every status the composed response sets can answer.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitInt, LitStr, Token};

use super::options::{self, PassthroughDefaults, RequestMapping, SetSpec};
use super::{Plan, PlanCx};

const OPTIONS: &str = "`bucket = CONST`, `method = \"get\"`, `path = \"key/{param}\"`, `request_parameters(...)`, `responses = [...]`, `success_status = N`, `pass_headers = [...]`, `binary_media_types = [...]`, `content_handling = \"...\"`, `response_content_handling = \"...\"`, `passthrough = \"...\"` or `timeout_ms = N`";

const METHODS: &[(&str, &str)] = &[
    ("get", "Get"),
    ("put", "Put"),
    ("delete", "Delete"),
    ("head", "Head"),
];

#[derive(Default)]
struct S3Args {
    bucket: Option<syn::Path>,
    method: Option<LitStr>,
    path: Option<LitStr>,
    request_parameters: Vec<RequestMapping>,
    responses: Option<Vec<SetSpec>>,
    success_status: Option<LitInt>,
    pass_headers: Option<Vec<LitStr>>,
    binary_media_types: Vec<LitStr>,
    content_handling: Option<LitStr>,
    response_content_handling: Option<LitStr>,
    passthrough: Option<LitStr>,
    timeout_ms: Option<LitInt>,
}

fn lit_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::bracketed!(content in input);
    Ok(content
        .parse_terminated(<LitStr as Parse>::parse, Token![,])?
        .into_iter()
        .collect())
}

impl Parse for S3Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut a = S3Args::default();
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            let k = key.to_string();
            if k != "request_parameters" {
                input.parse::<Token![=]>()?;
            }
            match k.as_str() {
                "bucket" => a.bucket = Some(input.parse()?),
                "method" => a.method = Some(input.parse()?),
                "path" => a.path = Some(input.parse()?),
                "request_parameters" => {
                    a.request_parameters = options::parse_request_parameters(input)?
                }
                "responses" => {
                    a.responses = Some(options::parse_response_sets(
                        input,
                        &[
                            "default_passthrough",
                            "s3_json_error_message",
                            "catch_all",
                            "custom",
                        ],
                    )?)
                }
                "success_status" => a.success_status = Some(input.parse()?),
                "pass_headers" => a.pass_headers = Some(lit_list(input)?),
                "binary_media_types" => a.binary_media_types = lit_list(input)?,
                "content_handling" => a.content_handling = Some(input.parse()?),
                "response_content_handling" => a.response_content_handling = Some(input.parse()?),
                "passthrough" => a.passthrough = Some(input.parse()?),
                "timeout_ms" => a.timeout_ms = Some(input.parse()?),
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown s3_integration option `{other}`: expected {OPTIONS}"),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(a)
    }
}

/// `{name}` placeholders of a key or url template: each name with the template's span, or an
/// error for a malformed brace.
pub fn template_placeholders(template: &LitStr, what: &str) -> syn::Result<Vec<String>> {
    let v = template.value();
    let mut out = Vec::new();
    let mut rest = v.as_str();
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err(syn::Error::new(
                template.span(),
                format!(
                    "{what} `{v}` has a `}}` without `{{`: placeholders are written `{{name}}`"
                ),
            ));
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(syn::Error::new(
                template.span(),
                format!("{what} `{v}` opens `{{` without closing it: write `{{name}}`"),
            ));
        };
        let is_stage = open > 0 && rest.as_bytes()[open - 1] == b'$';
        let name = after[..close].trim_end_matches('+');
        if !is_stage {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(syn::Error::new(
                    template.span(),
                    format!(
                        "{what} `{v}`: `{{{}}}` is not a valid placeholder: names are letters, digits and `_`",
                        &after[..close]
                    ),
                ));
            }
            if !out.iter().any(|o| o == name) {
                out.push(name.to_string());
            }
        }
        rest = &after[close + 1..];
    }
    Ok(out)
}

/// Every placeholder is either mapped explicitly (`request_parameters(path("x") = ...)`) or filled
/// from the operation's path parameter of the same name, which must exist.
pub fn check_placeholders(
    placeholders: &[String],
    mappings: &[RequestMapping],
    cx: &PlanCx,
    span: Span,
    what: &str,
) -> Vec<syn::Error> {
    placeholders
        .iter()
        .filter(|p| !mappings.iter().any(|m| m.path_target().as_ref() == Some(p)))
        .filter_map(|p| cx.path_param(p, span, what).err())
        .collect()
}

fn combine(errors: Vec<syn::Error>) -> syn::Result<()> {
    let mut it = errors.into_iter();
    match it.next() {
        None => Ok(()),
        Some(mut first) => {
            for e in it {
                first.combine(e);
            }
            Err(first)
        }
    }
}

pub fn plan(attr: &syn::Attribute, cx: &PlanCx) -> syn::Result<Plan> {
    let attr_span = attr.path().span();
    let args: S3Args = match &attr.meta {
        syn::Meta::List(_) => attr.parse_args()?,
        _ => {
            return Err(syn::Error::new(
                attr.span(),
                "write `#[s3_integration(bucket = MY_BUCKET)]`, naming a `const MY_BUCKET: apigw::Bucket`",
            ));
        }
    };
    let mut errors = Vec::new();
    let Some(bucket) = args.bucket.clone() else {
        return Err(syn::Error::new(
            attr_span,
            format!(
                "`#[s3_integration]` of operation `{}` needs `bucket = CONST`, naming a `const CONST: apigw::Bucket = Bucket::owned(\"name\")` (or `Bucket::imported`)",
                cx.op_name
            ),
        ));
    };

    // The S3 operation: explicit, or the operation's own method.
    let method = match &args.method {
        Some(lit) => {
            let v = lit.value();
            match METHODS.iter().find(|(k, _)| k.eq_ignore_ascii_case(&v)) {
                Some((k, variant)) => Some((k.to_string(), *variant)),
                None => {
                    errors.push(syn::Error::new(
                        lit.span(),
                        format!(
                            "unknown S3 method `{v}`: expected one of \"get\", \"put\", \"delete\", \"head\""
                        ),
                    ));
                    None
                }
            }
        }
        None => match METHODS
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(cx.method))
        {
            Some((k, variant)) => Some((k.to_string(), *variant)),
            None => {
                errors.push(syn::Error::new(
                    attr_span,
                    format!(
                        "operation `{}` is `{}`, which is not an S3 object method: add `method = \"get\"`, `\"put\"`, `\"delete\"` or `\"head\"`",
                        cx.op_name, cx.method
                    ),
                ));
                None
            }
        },
    };

    // The key: explicit (`{param}` placeholders) or the operation's path.
    let (key, placeholders) = match &args.path {
        Some(lit) => {
            let key = lit.value().trim_start_matches('/').to_string();
            if key.is_empty() {
                errors.push(syn::Error::new(
                    lit.span(),
                    "the S3 path names no object: write the object key, e.g. `path = \"pets/{petId}.json\"`",
                ));
            }
            match template_placeholders(lit, "S3 path") {
                Ok(p) => {
                    errors.extend(check_placeholders(
                        &p,
                        &args.request_parameters,
                        cx,
                        lit.span(),
                        &format!("S3 path `{}`", lit.value()),
                    ));
                    (key, p)
                }
                Err(e) => {
                    errors.push(e);
                    (key, Vec::new())
                }
            }
        }
        None => {
            // `{rest+}` of a greedy parameter is the plain placeholder `{rest}` in a uri.
            let key = match cx.path.params.iter().find(|p| p.greedy) {
                Some(g) => cx
                    .path
                    .openapi
                    .replace(&format!("{{{}+}}", g.name), &format!("{{{}}}", g.name)),
                None => cx.path.openapi.clone(),
            }
            .trim_start_matches('/')
            .to_string();
            if key.is_empty() {
                errors.push(syn::Error::new(
                    attr_span,
                    format!(
                        "operation `{}` is on `/`, which names no S3 object: add `path = \"key\"`",
                        cx.op_name
                    ),
                ));
            }
            let placeholders = cx.path.params.iter().map(|p| p.name.clone()).collect();
            (key, placeholders)
        }
    };

    let request_parameters =
        options::request_parameters(&args.request_parameters, cx, &placeholders, "S3 path")
            .map_err(|e| errors.push(e))
            .ok();

    let mut opt = |r: syn::Result<TokenStream>| r.map_err(|e| errors.push(e)).ok();
    let passthrough = args
        .passthrough
        .as_ref()
        .and_then(|l| opt(options::passthrough(l)));
    let content_handling = args
        .content_handling
        .as_ref()
        .and_then(|l| opt(options::content_handling(l)));
    let response_ch = args
        .response_content_handling
        .as_ref()
        .and_then(|l| opt(options::content_handling(l)));
    let timeout = args
        .timeout_ms
        .as_ref()
        .and_then(|l| options::timeout(l).map_err(|e| errors.push(e)).ok());

    let (success, success_span) = match &args.success_status {
        Some(lit) => match options::status(lit) {
            Ok(c) => (c, Some(lit.span())),
            Err(e) => {
                errors.push(e);
                (200, Some(lit.span()))
            }
        },
        None => (200, None),
    };
    let pass_headers = match &args.pass_headers {
        None => quote!(::apigw::integration::s3::S3_PASS_HEADERS),
        Some(list) => {
            let items = list.iter().map(|h| {
                quote!(::apigw::integration::ResponseHeader {
                    name: #h,
                    source: ::apigw::integration::ResponseSource::Header(#h),
                })
            });
            quote!(&[#(#items),*])
        }
    };
    for ct in &args.binary_media_types {
        if !ct.value().contains('/') {
            errors.push(syn::Error::new(
                ct.span(),
                format!(
                    "`{}` is not a media type: write e.g. `\"image/png\"` or `\"image/*\"`",
                    ct.value()
                ),
            ));
        }
    }
    // Binary objects reach the client as bytes whatever its `Accept`.
    let passthrough_ch = match (&response_ch, method.as_ref().map(|m| m.1)) {
        (Some(ch), _) => ch.clone(),
        (None, Some("Get")) if !args.binary_media_types.is_empty() => {
            quote!(::core::option::Option::Some(
                ::apigw::integration::ContentHandling::ConvertToBinary
            ))
        }
        _ => quote!(::core::option::Option::None),
    };

    let default_sets;
    let sets: &[SetSpec] = match &args.responses {
        Some(s) => s,
        None => {
            default_sets = [
                SetSpec::DefaultPassthrough {
                    name: Ident::new("default_passthrough", attr_span),
                    status: None,
                },
                SetSpec::S3JsonErrorMessage {
                    name: Ident::new("s3_json_error_message", attr_span),
                },
            ];
            &default_sets
        }
    };
    let defaults = PassthroughDefaults {
        status: success,
        status_span: success_span,
        headers: pass_headers,
        content_handling: &passthrough_ch,
    };
    let responses = options::response_sets(sets, &defaults, cx)
        .map_err(|e| errors.push(e))
        .ok();

    combine(errors)?;
    let (Some(method), Some(request_parameters), Some((responses, checks))) =
        (method, request_parameters, responses)
    else {
        return Ok(Plan::placeholder());
    };
    let method = Ident::new(method.1, Span::call_site());
    let passthrough = options::opt_tokens(&passthrough);
    let content_handling = options::opt_tokens(&content_handling);
    let timeout = options::opt_u32(timeout);
    let binary = &args.binary_media_types;
    let constructor = quote!({
        const __APIGW_INTEGRATION: ::apigw::integration::S3Integration =
            ::apigw::integration::S3Integration {
                bucket: #bucket,
                method: ::apigw::integration::S3Method::#method,
                key: #key,
                request_parameters: #request_parameters,
                responses: #responses,
                binary_media_types: &[#(#binary),*],
                content_handling: #content_handling,
                passthrough: #passthrough,
                timeout_ms: #timeout,
            };
        __APIGW_INTEGRATION
    });
    Ok(Plan {
        constructor,
        checks,
    })
}
