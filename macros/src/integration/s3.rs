//! `#[s3_integration(bucket = PETS, ...)]`: API Gateway reads, writes or deletes an S3 object.
//!
//! Checked here: the key's `{param}` placeholders against the operation's path parameters,
//! request parameter mappings against what the operation declares, the timeout range, typed
//! enum values, and (as trait bounds) every status the composed response sets can answer.

use proc_macro2::Span;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitInt, LitStr, Token};

use super::options::{self, MappingOptions, PassthroughDefaults, RequestMapping, SetSpec};
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
    response_content_handling: Option<LitStr>,
    /// `passthrough`, `content_handling`, `timeout_ms`.
    mapping: MappingOptions,
}

impl Parse for S3Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut a = S3Args::default();
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            if a.mapping.parse_option(&key, input)? {
                options::comma(input)?;
                continue;
            }
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
                "pass_headers" => a.pass_headers = Some(options::lit_list(input)?),
                "binary_media_types" => a.binary_media_types = options::lit_list(input)?,
                "response_content_handling" => a.response_content_handling = Some(input.parse()?),
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown s3_integration option `{other}`: expected {OPTIONS}"),
                    ));
                }
            }
            options::comma(input)?;
        }
        Ok(a)
    }
}

pub fn plan(attr: &syn::Attribute, cx: &PlanCx) -> syn::Result<Plan> {
    let attr_span = attr.path().span();
    let args: S3Args = options::parse_args(
        attr,
        "write `#[s3_integration(bucket = MY_BUCKET)]`, naming a `const MY_BUCKET: apigw::Bucket`",
    )?;
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
            match options::template_placeholders(lit, "S3 path") {
                Ok(p) => {
                    errors.extend(options::check_placeholders(
                        &p,
                        |p| options::is_path_target(&args.request_parameters, p),
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

    let mapping = args.mapping.check(&mut errors);
    let response_ch = args.response_content_handling.as_ref().and_then(|l| {
        options::content_handling(l)
            .map_err(|e| errors.push(e))
            .ok()
    });

    let (success, success_span) =
        options::success_status(args.success_status.as_ref(), &mut errors);
    let pass_headers = options::pass_headers(
        args.pass_headers.as_deref(),
        quote!(::apigw::integration::s3::S3_PASS_HEADERS),
    );
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
        (Some(ch), _) => quote!(::core::option::Option::Some(#ch)),
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

    options::combine(errors)?;
    let (Some(method), Some(request_parameters), Some((responses, checks))) =
        (method, request_parameters, responses)
    else {
        return Ok(Plan::placeholder());
    };
    let method = Ident::new(method.1, Span::call_site());
    let passthrough = options::opt_tokens(&mapping.passthrough);
    let content_handling = options::opt_tokens(&mapping.content_handling);
    let timeout = options::opt_u32(mapping.timeout_ms);
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
