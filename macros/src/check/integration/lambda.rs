//! `#[lambda_integration(custom, ...)]` checked: only on a handler, its payload template, options,
//! and `errorMessage` patterns, completed with `default => 200` (a successful invoke has no
//! `errorMessage`).

use apigw_spec::{List, MappingOptions, StatusCode};
use proc_macro2::Span;

use super::super::responses::{self, Rules};
use super::super::{Cx, common};
use crate::diag::Errors;
use crate::parse::common::Source;
use crate::parse::integration::lambda::LambdaAst;

pub struct Lambda {
    pub payload_template: Option<Source>,
    pub responses: responses::Checked,
    pub options: MappingOptions,
}

pub fn check(a: &LambdaAst, attr_span: Span, cx: &Cx, errors: &mut Errors) -> Option<Lambda> {
    if !cx.is_handler {
        errors.at(
            a.custom.span(),
            format!(
                "`#[lambda_integration(custom)]` changes how Lambda calls a handler, but `{}` is a marker struct: make it an `async fn` handler",
                cx.op_name
            ),
        );
        return None;
    }
    let templates = &a.shared.request_templates;
    if let Some(t) = templates
        .iter()
        .find(|t| t.content_type.value() != apigw_spec::template::JSON)
    {
        errors.at(
            t.content_type.span(),
            "a Lambda custom request template produces the JSON the handler receives: it is the `application/json` template (write `request_template = \"...\"`)",
        );
    }
    if let Some(second) = templates.get(1) {
        errors.at(
            second.content_type.span(),
            "`request_template` is given twice: keep one",
        );
    }
    let options = common::mapping(&a.shared.mapping, errors);
    let rules = Rules {
        sets: &[],
        status_patterns: None,
        success: (StatusCode::OK, None),
        pass_headers: List::Borrowed(&[]),
        content_handling: None,
        default_template: Some(apigw_spec::lambda::ERROR_TEMPLATE),
        prepare: None,
    };
    let mut checked = match a.shared.responses.get() {
        Some((span, items)) => responses::check(items, *span, &rules, errors)?,
        None => responses::defaults(Vec::new(), attr_span, &rules, errors)?,
    };
    // The rule's own completion, reported at the attribute: apigw's own errors (documented by
    // apigw, not declared by the user) and, without a `default`, success as 200 (declared).
    let completed = apigw_spec::lambda::complete_responses(checked.sets.clone());
    let framework = |s: StatusCode| apigw_spec::lambda::FRAMEWORK_STATUSES.contains(&s.get());
    checked.complete(completed, attr_span, |s| !framework(s), errors)?;
    Some(Lambda {
        payload_template: templates.first().map(|t| t.source.clone()),
        responses: checked,
        options,
    })
}
