//! `#[mock_integration]` checked: typed (`with = fn`, whose return type the compiler checks) or
//! fixed (`status = N`, which must be declared), headers whose values API Gateway can quote.

use apigw_spec::StatusCode;
use apigw_spec::params::check_literal;
use syn::LitStr;

use super::super::{Answer, common};
use crate::diag::Errors;
use crate::parse::common::Template;
use crate::parse::integration::mock::MockAst;

pub enum Source {
    /// `with = f`.
    Typed(syn::Path),
    Fixed {
        status: StatusCode,
        body: Option<LitStr>,
    },
}

pub struct Mock {
    pub source: Source,
    pub headers: Vec<(LitStr, LitStr)>,
    pub templates: Vec<Template>,
}

pub fn check(a: &MockAst, errors: &mut Errors) -> Option<(Mock, Vec<Answer>)> {
    for (_, value) in &a.headers {
        if let Err(e) = check_literal(&value.value(), "a mock header value", "it") {
            errors.at(value.span(), e);
        }
    }
    common::templates(&a.templates, errors);
    let (source, answers) = match (a.with.get(), a.status.get()) {
        (Some(w), None) => {
            if a.body.is_set() {
                errors.at(
                    a.body.get().map_or(w.segments[0].ident.span(), LitStr::span),
                    "a typed mock (`with = ...`) takes its body from the response value: remove `body`",
                );
            }
            (Source::Typed(w.clone()), Vec::new())
        }
        (None, Some(status)) => {
            let code = errors.ok(common::status(status))?;
            (
                Source::Fixed {
                    status: code,
                    body: a.body.get().cloned(),
                },
                vec![(code, status.span())],
            )
        }
        (Some(w), Some(_)) => {
            errors.push(syn::Error::new_spanned(
                w,
                "use either `with = fn_name` (typed) or `status = N` (untyped), not both",
            ));
            return None;
        }
        (None, None) => {
            errors.at(
                a.end,
                "a mock needs `with = fn_name` (a `fn() -> YourResponses`) or `status = N`",
            );
            return None;
        }
    };
    Some((
        Mock {
            source,
            headers: a.headers.clone(),
            templates: a.templates.clone(),
        },
        answers,
    ))
}
