//! `#[aws_integration(...)]`: API Gateway calls an AWS service action itself (`type: aws`).
//!
//! Two forms, one attribute:
//! - general: `service = "sqs", action = "SendMessage"` (or `path = "..."`), with templates,
//!   request parameters, response mappings and the IAM grants (`actions`, `resources`);
//! - ready-made: `dynamodb::get_item(table = PETS, key = "petId")` and the other shapes of
//!   [`SHAPES`], which carry their own templates and response set. Every common option
//!   (`request_template`, `responses`, `success_status`, `timeout_ms`, ...) overrides theirs.
//!
//! One attribute rather than one per service: the options are the same for all of them, and a
//! shape reads like the call it makes.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitInt, LitStr, Token};

use super::options::{self as common, MappingOptions, ResponseEntry, Template};
use super::{Plan, PlanCx};

#[derive(Clone, Copy, PartialEq)]
enum ArgKind {
    /// An infrastructure const (`table = PETS`).
    Infra,
    /// A string.
    Str,
}

struct ShapeSpec {
    name: &'static str,
    args: &'static [(&'static str, ArgKind, bool)],
    /// What the ready-made response set answers (200 is the success status).
    statuses: &'static [u16],
}

/// The ready-made shapes: `service::call(args)`.
const SHAPES: &[ShapeSpec] = &[
    ShapeSpec {
        name: "dynamodb::put_item",
        args: &[("table", ArgKind::Infra, true), ("key", ArgKind::Str, true)],
        statuses: &[200, 500],
    },
    ShapeSpec {
        name: "dynamodb::get_item",
        args: &[("table", ArgKind::Infra, true), ("key", ArgKind::Str, true)],
        statuses: &[200, 404, 500],
    },
    ShapeSpec {
        name: "dynamodb::query",
        args: &[
            ("table", ArgKind::Infra, true),
            ("key", ArgKind::Str, true),
            ("index", ArgKind::Str, false),
        ],
        statuses: &[200, 500],
    },
    ShapeSpec {
        name: "sqs::send_message",
        args: &[("queue", ArgKind::Infra, true)],
        statuses: &[200, 500],
    },
    ShapeSpec {
        name: "sns::publish",
        args: &[("topic", ArgKind::Infra, true)],
        statuses: &[200, 500],
    },
    ShapeSpec {
        name: "eventbridge::put_events",
        args: &[
            ("bus", ArgKind::Infra, true),
            ("source", ArgKind::Str, true),
            ("detail_type", ArgKind::Str, true),
        ],
        statuses: &[200, 500],
    },
    ShapeSpec {
        name: "step_functions::start_execution",
        args: &[("machine", ArgKind::Infra, true)],
        statuses: &[200, 500],
    },
    ShapeSpec {
        name: "step_functions::start_sync_execution",
        args: &[("machine", ArgKind::Infra, true)],
        statuses: &[200, 500],
    },
    ShapeSpec {
        name: "step_functions::stop_execution",
        args: &[
            ("machine", ArgKind::Infra, true),
            ("execution", ArgKind::Str, false),
            ("execution_arn", ArgKind::Str, false),
        ],
        statuses: &[200, 500],
    },
];

enum ArgValue {
    Infra(syn::Expr),
    Str(LitStr),
}

struct Shape {
    path: syn::Path,
    spec: &'static ShapeSpec,
    args: Vec<(Ident, ArgValue)>,
}

impl Shape {
    fn get(&self, name: &str) -> Option<&ArgValue> {
        self.args.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    fn str(&self, name: &str) -> Option<&LitStr> {
        match self.get(name) {
            Some(ArgValue::Str(s)) => Some(s),
            _ => None,
        }
    }
}

fn path_string(p: &syn::Path) -> String {
    p.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn parse_shape(input: ParseStream) -> syn::Result<Shape> {
    let path: syn::Path = input.call(syn::Path::parse_mod_style)?;
    let name = path_string(&path);
    let Some(spec) = SHAPES.iter().find(|s| s.name == name) else {
        let known: Vec<&str> = SHAPES.iter().map(|s| s.name).collect();
        return Err(syn::Error::new(
            path.span(),
            format!(
                "unknown ready-made integration `{name}`: available are {}; for any other call write `service = \"...\", action = \"...\"`",
                known.join(", ")
            ),
        ));
    };
    let content;
    syn::parenthesized!(content in input);
    let mut args: Vec<(Ident, ArgValue)> = Vec::new();
    while !content.is_empty() {
        let key: Ident = content.parse()?;
        let Some((_, kind, _)) = spec.args.iter().find(|(n, _, _)| key == n) else {
            let names: Vec<String> = spec.args.iter().map(|(n, _, _)| format!("`{n}`")).collect();
            return Err(syn::Error::new(
                key.span(),
                format!(
                    "`{name}` has no argument `{key}`: its arguments are {}",
                    names.join(", ")
                ),
            ));
        };
        if args.iter().any(|(k, _)| *k == key) {
            return Err(common::twice(key.span(), &key.to_string()));
        }
        content.parse::<Token![=]>()?;
        let value = match kind {
            ArgKind::Infra => ArgValue::Infra(content.parse()?),
            ArgKind::Str => ArgValue::Str(content.parse()?),
        };
        args.push((key, value));
        common::comma(&content)?;
    }
    for (n, _, required) in spec.args {
        if *required && !args.iter().any(|(k, _)| k == n) {
            return Err(syn::Error::new(
                path.span(),
                format!("`{name}` needs `{n} = ...`"),
            ));
        }
    }
    Ok(Shape { path, spec, args })
}

#[derive(Default)]
struct AwsArgs {
    shape: Option<Shape>,
    service: Option<LitStr>,
    action: Option<LitStr>,
    path: Option<LitStr>,
    http_method: Option<LitStr>,
    request_parameters: Vec<(LitStr, LitStr)>,
    templates: Vec<Template>,
    /// `passthrough`, `content_handling`, `timeout_ms`.
    mapping: MappingOptions,
    responses: Option<Vec<ResponseEntry>>,
    success_status: Option<LitInt>,
    actions: Option<Vec<LitStr>>,
    resources: Vec<syn::Expr>,
    resource_arns: Vec<LitStr>,
}

impl Parse for AwsArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut a = AwsArgs::default();
        if input.peek(Ident) && input.peek2(Token![::]) {
            a.shape = Some(parse_shape(input)?);
            common::comma(input)?;
        }
        while !input.is_empty() {
            let key = common::parse_key(input)?;
            if a.mapping.parse_option(&key, input)? {
                common::comma(input)?;
                continue;
            }
            let k = key.to_string();
            let set_once = |slot: &mut Option<LitStr>, input: ParseStream| -> syn::Result<()> {
                if slot.is_some() {
                    return Err(common::twice(key.span(), &k));
                }
                input.parse::<Token![=]>()?;
                *slot = Some(input.parse()?);
                Ok(())
            };
            match k.as_str() {
                "service" => set_once(&mut a.service, input)?,
                "action" => set_once(&mut a.action, input)?,
                "path" => set_once(&mut a.path, input)?,
                "http_method" => set_once(&mut a.http_method, input)?,
                "request_parameters" => a
                    .request_parameters
                    .extend(common::parse_raw_request_parameters(input)?),
                "request_template" => a.templates.push(common::parse_template(input)?),
                "responses" => {
                    if a.responses.is_some() {
                        return Err(common::twice(key.span(), "responses"));
                    }
                    let entries = common::parse_responses(input)?;
                    if let Some(kw) = entries.iter().find_map(|e| e.error_kw.as_ref()) {
                        return Err(syn::Error::new(
                            kw.span(),
                            "`error \"...\"` matches a Lambda errorMessage; the selection patterns of an AWS service integration match the service's HTTP status: write `\"4\\\\d{2}\" => 400`",
                        ));
                    }
                    a.responses = Some(entries);
                }
                "success_status" => {
                    input.parse::<Token![=]>()?;
                    let lit: LitInt = input.parse()?;
                    common::status(&lit)?;
                    a.success_status = Some(lit);
                }
                "actions" => {
                    input.parse::<Token![=]>()?;
                    a.actions = Some(common::lit_list(input)?);
                }
                "resources" => {
                    input.parse::<Token![=]>()?;
                    let content;
                    syn::bracketed!(content in input);
                    a.resources = content
                        .parse_terminated(syn::Expr::parse, Token![,])?
                        .into_iter()
                        .collect();
                }
                "resource_arns" => {
                    input.parse::<Token![=]>()?;
                    a.resource_arns = common::lit_list(input)?;
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown aws_integration option `{other}`: expected a ready-made call (`dynamodb::get_item(...)`, ...) or `service`, `action`/`path`, `http_method`, `request_parameters(...)`, `request_template`, `passthrough`, `content_handling`, `timeout_ms`, `responses(...)`, `success_status`, `actions`, `resources`, `resource_arns`"
                        ),
                    ));
                }
            }
            common::comma(input)?;
        }
        Ok(a)
    }
}

/// The shape's constructor call and the checks its arguments need.
fn shape_call(shape: &Shape, cx: &PlanCx) -> syn::Result<TokenStream> {
    let infra = |name: &str| match shape.get(name) {
        Some(ArgValue::Infra(e)) => quote_spanned!(e.span()=> #e),
        _ => quote!(),
    };
    let name = shape.spec.name;
    if let Some(key) = shape.str("key") {
        cx.path_param(&key.value(), key.span(), &format!("`{name}` key"))?;
    }
    let key = shape.str("key");
    Ok(match name {
        "dynamodb::put_item" | "dynamodb::get_item" => {
            let f = Ident::new(
                name.rsplit("::").next().unwrap_or_default(),
                shape.path.span(),
            );
            let t = infra("table");
            quote!(::apigw::integration::aws::dynamodb::#f(#t, #key))
        }
        "dynamodb::query" => {
            let t = infra("table");
            let index = match shape.str("index") {
                Some(i) => quote!(::core::option::Option::Some(#i)),
                None => quote!(::core::option::Option::None),
            };
            quote!(::apigw::integration::aws::dynamodb::query(#t, #key, #index))
        }
        "sqs::send_message" => {
            let q = infra("queue");
            quote!(::apigw::integration::aws::sqs::send_message(#q))
        }
        "sns::publish" => {
            let t = infra("topic");
            quote!(::apigw::integration::aws::sns::publish(#t))
        }
        "eventbridge::put_events" => {
            let b = infra("bus");
            let s = shape.str("source");
            let d = shape.str("detail_type");
            quote!(::apigw::integration::aws::eventbridge::put_events(#b, #s, #d))
        }
        "step_functions::start_execution" => {
            let m = infra("machine");
            quote!(::apigw::integration::aws::step_functions::start_execution(#m))
        }
        "step_functions::start_sync_execution" => {
            let m = infra("machine");
            // `#m` keeps the const's span: a Standard machine fails `SyncStart` right there.
            quote!(::apigw::integration::aws::step_functions::start_sync_execution(#m))
        }
        "step_functions::stop_execution" => {
            let m = infra("machine");
            let execution = match (shape.str("execution"), shape.str("execution_arn")) {
                (Some(e), None) => {
                    let v = e.value();
                    let Some(param) = v.strip_prefix('{').and_then(|v| v.strip_suffix('}')) else {
                        return Err(syn::Error::new(
                            e.span(),
                            "`execution` names the path parameter that holds the execution's name: write `execution = \"{executionName}\"`",
                        ));
                    };
                    cx.path_param(param, e.span(), "`execution`")?;
                    quote!(::apigw::integration::aws::step_functions::Execution::NameParam(#param))
                }
                (None, Some(a)) => {
                    if !a.value().starts_with("$.") {
                        return Err(syn::Error::new(
                            a.span(),
                            "`execution_arn` is a JSONPath into the request body, e.g. `execution_arn = \"$.executionArn\"`",
                        ));
                    }
                    quote!(::apigw::integration::aws::step_functions::Execution::ArnAt(#a))
                }
                (Some(e), Some(_)) => {
                    return Err(syn::Error::new(
                        e.span(),
                        "give either `execution = \"{name}\"` or `execution_arn = \"$.path\"`, not both",
                    ));
                }
                (None, None) => {
                    return Err(syn::Error::new(
                        shape.path.span(),
                        format!(
                            "StopExecution needs to know which execution to stop, and operation `{}` does not say: add `execution = \"{{executionName}}\"` (a path parameter holding the execution's name) or `execution_arn = \"$.executionArn\"` (the ARN's JSONPath in the request body)",
                            cx.op_name
                        ),
                    ));
                }
            };
            quote!(::apigw::integration::aws::step_functions::stop_execution(#m, #execution))
        }
        other => {
            return Err(syn::Error::new(
                shape.path.span(),
                format!("`{other}` has no constructor in this version of apigw"),
            ));
        }
    })
}

pub fn plan(attr: &syn::Attribute, cx: &PlanCx) -> syn::Result<Plan> {
    let args: AwsArgs = common::parse_args(
        attr,
        "write `#[aws_integration(dynamodb::get_item(table = PETS, key = \"petId\"))]` or `#[aws_integration(service = \"sqs\", action = \"SendMessage\", ...)]`",
    )?;
    let mut checks = Vec::new();
    let mut chain = Vec::new();
    let base = match &args.shape {
        Some(shape) => {
            if let Some(s) = args
                .service
                .as_ref()
                .or(args.action.as_ref())
                .or(args.path.as_ref())
            {
                return Err(syn::Error::new(
                    s.span(),
                    format!(
                        "`{}` already names the service call: remove `service`/`action`/`path`",
                        shape.spec.name
                    ),
                ));
            }
            if args.actions.is_some()
                || !args.resources.is_empty()
                || !args.resource_arns.is_empty()
            {
                return Err(syn::Error::new(
                    shape.path.span(),
                    format!(
                        "`{}` declares its own least-privilege grant: remove `actions`/`resources`/`resource_arns`",
                        shape.spec.name
                    ),
                ));
            }
            shape_call(shape, cx)?
        }
        None => general(&args, attr, cx, &mut chain)?,
    };
    if let Some(m) = &args.http_method {
        let v = m.value().to_ascii_uppercase();
        if !["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"].contains(&v.as_str()) {
            return Err(syn::Error::new(
                m.span(),
                format!(
                    "unknown HTTP method `{}`: use GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS",
                    m.value()
                ),
            ));
        }
        chain.push(quote!(.http_method(#v)));
    }
    for (k, v) in &args.request_parameters {
        common::check_raw_request_parameter(cx, k, v)?;
        chain.push(quote!(.request_parameter(#k, #v)));
    }
    if !args.templates.is_empty() {
        chain.push(quote!(.clear_request_templates()));
        for t in &args.templates {
            let ct = &t.content_type;
            let text = t.source.tokens();
            chain.push(quote!(.request_template(#ct, #text)));
        }
    }
    let mut errors = Vec::new();
    chain.push(args.mapping.check(&mut errors).builder_calls());
    common::combine(errors)?;
    // Statuses: the user's mappings, else the shape's set (success status substituted), else a
    // general integration's `default => 200`.
    match (&args.responses, &args.shape) {
        (Some(entries), _) => {
            if let Some(s) = &args.success_status {
                return Err(syn::Error::new(
                    s.span(),
                    "`success_status` adjusts the ready-made responses; with `responses(...)` write the success status there",
                ));
            }
            checks.push(common::response_checks(entries, cx)?);
            let items = entries.iter().map(|e| e.tokens(None));
            chain.push(quote!(.responses(::std::vec![#(#items),*])));
        }
        (None, Some(shape)) => {
            let success = match &args.success_status {
                Some(s) => {
                    let code = common::status(s)?;
                    chain.push(quote!(.success_status(#code)));
                    Some((code, s.span()))
                }
                None => None,
            };
            for status in shape.spec.statuses {
                let (code, span) = match success {
                    Some((code, span)) if *status == 200 => (code, span),
                    _ => (*status, shape.path.span()),
                };
                checks.push(cx.declares(code, span));
            }
        }
        (None, None) => {
            let code = match &args.success_status {
                Some(s) => (common::status(s)?, s.span()),
                None => (200, attr.path().span()),
            };
            checks.push(cx.declares(code.0, code.1));
            let c = code.0;
            chain.push(quote!(.responses(::std::vec![(::std::string::String::from("default"), ::apigw::integration::IntegrationResponse::status(#c))])));
        }
    }
    Ok(Plan {
        constructor: quote!(#base #(#chain)*),
        checks: quote!(#(#checks)*),
    })
}

/// `service = ..., action = ... | path = ...`: the base call, its grants and its `{param}`
/// mappings.
fn general(
    args: &AwsArgs,
    attr: &syn::Attribute,
    cx: &PlanCx,
    chain: &mut Vec<TokenStream>,
) -> syn::Result<TokenStream> {
    let Some(service) = &args.service else {
        return Err(syn::Error::new(
            attr.path().span(),
            "say which call API Gateway makes: `service = \"sqs\", action = \"SendMessage\"` (or `path = \"...\"`), or a ready-made one such as `sqs::send_message(queue = QUEUE)`",
        ));
    };
    let svc = service.value();
    if svc.is_empty()
        || !svc
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return Err(syn::Error::new(
            service.span(),
            format!("`{svc}` is not an AWS service name (e.g. `sqs`, `dynamodb`, `states`)"),
        ));
    }
    let base = match (&args.action, &args.path) {
        (Some(a), None) => quote!(::apigw::integration::AwsIntegration::action(#service, #a)),
        (None, Some(p)) => {
            let names = common::template_placeholders(p, "integration path")?;
            common::combine(common::check_placeholders(
                &names,
                |_| false,
                cx,
                p.span(),
                "the integration path",
            ))?;
            for name in names {
                let key = format!("integration.request.path.{name}");
                if !args
                    .request_parameters
                    .iter()
                    .any(|(k, _)| k.value() == key)
                {
                    let value = format!("method.request.path.{name}");
                    chain.push(quote!(.request_parameter(#key, #value)));
                }
            }
            quote!(::apigw::integration::AwsIntegration::path(#service, #p))
        }
        (Some(a), Some(_)) => {
            return Err(syn::Error::new(
                a.span(),
                "give either `action` or `path`, not both",
            ));
        }
        (None, None) => {
            return Err(syn::Error::new(
                service.span(),
                "AWS integrations name an `action = \"SendMessage\"` or a `path = \"...\"` (API Gateway rejects an ARN with neither)",
            ));
        }
    };
    let actions: Vec<String> = match (&args.actions, &args.action) {
        (Some(list), _) => {
            if list.is_empty() {
                return Err(syn::Error::new(
                    attr.path().span(),
                    "`actions = []` grants nothing: name the IAM actions the call needs",
                ));
            }
            list.iter().map(LitStr::value).collect()
        }
        (None, Some(a)) => vec![format!("{svc}:{}", a.value())],
        (None, None) => {
            return Err(syn::Error::new(
                args.path
                    .as_ref()
                    .map(LitStr::span)
                    .unwrap_or_else(Span::call_site),
                "a path integration does not say which IAM action it performs: add `actions = [\"service:Action\"]`",
            ));
        }
    };
    if args.resources.is_empty() && args.resource_arns.is_empty() {
        return Err(syn::Error::new(
            service.span(),
            "the role API Gateway assumes is least-privilege: name what the call touches with `resources = [TABLE, ...]` (infrastructure consts) or `resource_arns = [\"arn:...\"]`",
        ));
    }
    let infra = args
        .resources
        .iter()
        .map(|e| quote_spanned!(e.span()=> ::apigw::integration::aws::InfraRef::resource(&#e)));
    let infra2 = infra.clone();
    let arns = &args.resource_arns;
    chain.push(quote!(.grant(&[#(#actions),*], ::std::vec![#(#infra.arn(),)* #(::apigw::integration::sub(#arns)),*])));
    chain.extend(infra2.map(|r| quote!(.resource(#r))));
    Ok(base)
}
