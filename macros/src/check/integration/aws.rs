//! `#[aws_integration]` checked: a ready-made call's arguments (against the vocabulary's table) or
//! the general form's service, target and least-privilege grant; then the options every kind
//! shares, and the statuses: the user's response mappings, else the call's own.

use apigw_spec::aws::{self, ArgKind, AwsTarget, ReadyCall};
use apigw_spec::method::MethodUse;
use apigw_spec::responses::SetKind;
use apigw_spec::{List, MappingOptions, Method, RequestParameter, StatusCode, Str};
use proc_macro2::Span;
use syn::LitStr;
use syn::spanned::Spanned;

use super::super::responses::{self, Rules};
use super::super::{Answer, Cx, common};
use crate::diag::Errors;
use crate::parse::common::Template;
use crate::parse::integration::aws::{AwsAst, CallAst};

/// An argument of a ready-made call, in the table's order.
pub enum ReadyArg {
    Resource(syn::Expr),
    /// A required string, or an optional one (`None`: not given).
    Text {
        required: bool,
        value: Option<(String, Span)>,
    },
}

pub enum Call {
    Ready {
        spec: &'static ReadyCall,
        path: syn::Path,
        args: Vec<ReadyArg>,
    },
    General {
        service: LitStr,
        target: AwsTarget,
        actions: Vec<String>,
        resources: Vec<syn::Expr>,
        resource_arns: Vec<LitStr>,
    },
}

pub struct Aws {
    pub call: Call,
    pub http_method: Option<Method>,
    pub request_parameters: Vec<RequestParameter>,
    /// Replaces the call's own templates.
    pub templates: Option<Vec<Template>>,
    /// Replaces the call's own response mappings.
    pub responses: Option<responses::Checked>,
    pub success_status: Option<StatusCode>,
    pub options: MappingOptions,
}

/// The sets an AWS integration may use besides entries.
const SETS: &[SetKind] = &[SetKind::DefaultPassthrough, SetKind::CatchAll];

fn ready(call: &CallAst, cx: &Cx, errors: &mut Errors) -> Option<Call> {
    let name = call.spec.name;
    if let Some(key) = call.text("key") {
        errors.ok(cx.path_param(&key.value(), key.span(), &format!("`{name}` key")));
    }
    let mut execution = None;
    if name == "step_functions::stop_execution" {
        execution = stop_execution(call, cx, errors)?;
    }
    let args = call
        .spec
        .args
        .iter()
        .map(|a| match a.kind {
            ArgKind::Resource => ReadyArg::Resource(
                call.resource(a.name)
                    .cloned()
                    .unwrap_or_else(|| syn::parse_quote!(())),
            ),
            ArgKind::Text => ReadyArg::Text {
                required: a.required,
                value: match (a.name, &execution) {
                    ("execution", Some((param, span))) => Some((param.clone(), *span)),
                    ("execution", None) => None,
                    _ => call.text(a.name).map(|l| (l.value(), l.span())),
                },
            },
        })
        .collect();
    Some(Call::Ready {
        spec: call.spec,
        path: call.path.clone(),
        args,
    })
}

/// StopExecution's execution: a path parameter holding its name, or a JSONPath to its ARN.
/// `Some(None)`: the ARN form.
fn stop_execution(call: &CallAst, cx: &Cx, errors: &mut Errors) -> Option<Option<(String, Span)>> {
    match (call.text("execution"), call.text("execution_arn")) {
        (Some(e), None) => {
            let v = e.value();
            let Some(param) = v.strip_prefix('{').and_then(|v| v.strip_suffix('}')) else {
                errors.at(
                    e.span(),
                    "`execution` names the path parameter that holds the execution's name: write `execution = \"{executionName}\"`",
                );
                return None;
            };
            errors.ok(cx.path_param(param, e.span(), "`execution`"))?;
            Some(Some((param.to_string(), e.span())))
        }
        (None, Some(a)) => {
            if !a.value().starts_with("$.") {
                errors.at(
                    a.span(),
                    "`execution_arn` is a JSONPath into the request body, e.g. `execution_arn = \"$.executionArn\"`",
                );
                return None;
            }
            Some(None)
        }
        (Some(e), Some(_)) => {
            errors.at(
                e.span(),
                "give either `execution = \"{name}\"` or `execution_arn = \"$.path\"`, not both",
            );
            None
        }
        (None, None) => {
            errors.at(
                call.path.span(),
                format!(
                    "StopExecution needs to know which execution to stop, and operation `{}` does not say: add `execution = \"{{executionName}}\"` (a path parameter holding the execution's name) or `execution_arn = \"$.executionArn\"` (the ARN's JSONPath in the request body)",
                    cx.op_name
                ),
            );
            None
        }
    }
}

/// `service = ..., action = ... | path = ...` and the grant. Also returns the path's placeholders.
fn general(
    a: &AwsAst,
    attr_span: Span,
    cx: &Cx,
    errors: &mut Errors,
) -> Option<(Call, Vec<String>)> {
    let Some(service) = a.service.get() else {
        errors.at(
            attr_span,
            "say which call API Gateway makes: `service = \"sqs\", action = \"SendMessage\"` (or `path = \"...\"`), or a ready-made one such as `sqs::send_message(queue = QUEUE)`",
        );
        return None;
    };
    let svc = service.value();
    errors.ok(aws::check_service(&svc).map_err(|e| syn::Error::new(service.span(), e)))?;
    let mut placeholders = Vec::new();
    let target = match (a.action.get(), a.path.get()) {
        (Some(action), None) => AwsTarget::Action(Str::Owned(action.value())),
        (None, Some(p)) => {
            placeholders = errors.ok(common::placeholders(p, "integration path"))?;
            let mapped = common::mapped_placeholders(a.shared.mappings());
            common::placeholders_filled(
                &placeholders,
                &mapped,
                cx,
                p.span(),
                "the integration path",
                errors,
            );
            AwsTarget::Path(Str::Owned(p.value()))
        }
        (Some(action), Some(_)) => {
            errors.at(action.span(), "give either `action` or `path`, not both");
            return None;
        }
        (None, None) => {
            errors.at(
                service.span(),
                "AWS integrations name an `action = \"SendMessage\"` or a `path = \"...\"` (API Gateway rejects an ARN with neither)",
            );
            return None;
        }
    };
    let actions: Vec<String> = match (a.actions.get(), a.action.get()) {
        (Some(list), _) => {
            if list.is_empty() {
                errors.at(
                    attr_span,
                    "`actions = []` grants nothing: name the IAM actions the call needs",
                );
                return None;
            }
            list.iter().map(LitStr::value).collect()
        }
        (None, Some(action)) => vec![format!("{svc}:{}", action.value())],
        (None, None) => {
            errors.at(
                a.path.get().map_or(attr_span, LitStr::span),
                "a path integration does not say which IAM action it performs: add `actions = [\"service:Action\"]`",
            );
            return None;
        }
    };
    let resources = a.resources.get().cloned().unwrap_or_default();
    let resource_arns = a.resource_arns.get().cloned().unwrap_or_default();
    if resources.is_empty() && resource_arns.is_empty() {
        errors.at(
            service.span(),
            "the role API Gateway assumes is least-privilege: name what the call touches with `resources = [TABLE, ...]` (infrastructure consts) or `resource_arns = [\"arn:...\"]`",
        );
        return None;
    }
    Some((
        Call::General {
            service: service.clone(),
            target,
            actions,
            resources,
            resource_arns,
        },
        placeholders,
    ))
}

pub fn check(
    a: &AwsAst,
    attr_span: Span,
    cx: &Cx,
    errors: &mut Errors,
) -> Option<(Aws, Vec<Answer>)> {
    let (call, placeholders) = match &a.call {
        Some(c) => {
            let given = [&a.service, &a.action, &a.path];
            if let Some(lit) = given.iter().find_map(|g| g.get()) {
                errors.at(
                    lit.span(),
                    format!(
                        "`{}` already names the service call: remove `service`/`action`/`path`",
                        c.spec.name
                    ),
                );
                return None;
            }
            if a.actions.is_set() || a.resources.is_set() || a.resource_arns.is_set() {
                errors.at(
                    c.path.span(),
                    format!(
                        "`{}` declares its own least-privilege grant: remove `actions`/`resources`/`resource_arns`",
                        c.spec.name
                    ),
                );
                return None;
            }
            (ready(c, cx, errors), Vec::new())
        }
        None => match general(a, attr_span, cx, errors) {
            Some((call, p)) => (Some(call), p),
            None => (None, Vec::new()),
        },
    };
    let http_method = a.http_method.get().and_then(|m| {
        errors.ok(
            Method::parse_for(&m.value(), MethodUse::AwsBackend).map_err(|_| {
                syn::Error::new(
                    m.span(),
                    format!(
                        "unknown HTTP method `{}`: use GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS",
                        m.value()
                    ),
                )
            }),
        )
    });
    let mappings = a.shared.mappings();
    let request_parameters =
        common::request_parameters(mappings, cx, &placeholders, "integration path", errors);
    common::templates(&a.shared.request_templates, errors);
    let options = common::mapping(&a.shared.mapping, errors);
    let success_status = a
        .shared
        .success_status
        .get()
        .and_then(|s| errors.ok(common::status(s)));
    let call = call?;
    // Statuses: the user's mappings, else the call's own (success status substituted), else a
    // general integration's `default => 200`.
    let (responses, answers) = match (a.shared.responses.get(), &call) {
        (Some((span, items)), _) => {
            if let Some(s) = a.shared.success_status.get() {
                errors.at(
                    s.span(),
                    "`success_status` adjusts the ready-made responses; with `responses = [...]` write the success status there",
                );
                return None;
            }
            let rules = Rules {
                sets: SETS,
                status_patterns: Some("an AWS service integration"),
                success: (StatusCode::OK, None),
                pass_headers: List::Borrowed(&[]),
                content_handling: None,
                default_template: None,
                prepare: None,
            };
            let checked = responses::check(items, *span, &rules, errors)?;
            let answers = checked.answers.clone();
            (Some(checked), answers)
        }
        (None, Call::Ready { spec, path, .. }) => {
            let success_span = a.shared.success_status.get().map(|s| s.span());
            let answers = spec
                .answers(success_status)
                .into_iter()
                .enumerate()
                .map(|(i, s)| match (i, success_span) {
                    (0, Some(span)) => (s, span),
                    _ => (s, path.span()),
                })
                .collect();
            (None, answers)
        }
        (None, Call::General { .. }) => {
            let span = a
                .shared
                .success_status
                .get()
                .map_or(attr_span, |s| s.span());
            (None, vec![(success_status.unwrap_or(StatusCode::OK), span)])
        }
    };
    Some((
        Aws {
            call,
            http_method,
            request_parameters,
            templates: (!a.shared.request_templates.is_empty())
                .then(|| a.shared.request_templates.clone()),
            responses,
            success_status,
            options,
        },
        answers,
    ))
}
