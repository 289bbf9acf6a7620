//! Integration attributes checked, by kind. Each yields the checked declaration and the statuses
//! it can answer, each with the token that introduced it.

pub mod aws;
pub mod http;
pub mod lambda;
pub mod mock;
pub mod s3;

use syn::spanned::Spanned;

use super::{Answer, Cx};
use crate::diag::Errors;
use crate::parse::integration::IntegrationAst;

pub enum Checked {
    Mock(mock::Mock),
    S3(s3::S3),
    Http(http::Http),
    Aws(aws::Aws),
    Lambda(lambda::Lambda),
    /// `#[integration(expr)]`: the compiler checks its type (and statuses).
    Custom(syn::Expr),
}

/// A checked integration and what it answers.
pub struct Integration {
    pub checked: Checked,
    pub answers: Vec<Answer>,
}

pub fn check(
    ast: &IntegrationAst,
    attr: &syn::Attribute,
    cx: &Cx,
    errors: &mut Errors,
) -> Option<Integration> {
    let attr_span = attr.path().span();
    let (checked, answers) = match ast {
        IntegrationAst::Mock(a) => {
            let (m, answers) = mock::check(a, errors)?;
            (Checked::Mock(m), answers)
        }
        IntegrationAst::S3(a) => {
            let s = s3::check(a, attr_span, cx, errors)?;
            let answers = s.responses.answers.clone();
            (Checked::S3(s), answers)
        }
        IntegrationAst::Http(a) => {
            let h = http::check(a, attr_span, cx, errors)?;
            let answers = h
                .responses
                .as_ref()
                .map(|r| r.answers.clone())
                .unwrap_or_default();
            (Checked::Http(h), answers)
        }
        IntegrationAst::Aws(a) => {
            let (aws, answers) = aws::check(a, attr_span, cx, errors)?;
            (Checked::Aws(aws), answers)
        }
        IntegrationAst::Lambda(a) => {
            let l = lambda::check(a, attr_span, cx, errors)?;
            let answers = l.responses.answers.clone();
            (Checked::Lambda(l), answers)
        }
        IntegrationAst::Custom(expr) => {
            if cx.is_handler {
                errors.at(expr.span(), "a custom integration serves a marker struct");
                return None;
            }
            (Checked::Custom(expr.clone()), Vec::new())
        }
    };
    Some(Integration { checked, answers })
}
