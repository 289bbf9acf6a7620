//! Stage 2, check: syntax values against API Gateway's rules (from `apigw-spec`), into checked
//! values in the vocabulary's types with the spans of the tokens that introduced them kept beside.
//! Every mistake is pushed to the one error collector; a failed part yields `None` and the rest is
//! still checked.

pub mod api_responses;
pub mod body;
pub mod common;
pub mod integration;
pub mod operation;
pub mod responses;

use apigw_spec::StatusCode;
use apigw_spec::path::PathTemplate;
use proc_macro2::{Span, TokenStream};

/// What the operation tells an integration about itself.
pub struct Cx<'a> {
    pub op_name: &'a str,
    pub path: &'a PathTemplate,
    /// The operation's `ApiResponses` type, as tokens.
    pub responses: TokenStream,
    pub is_handler: bool,
    /// The operation's HTTP method.
    pub method: apigw_spec::Method,
    /// Query parameters the operation declares (`query = [...]`).
    pub query: &'a [String],
    /// Headers the operation declares (`headers = [...]`).
    pub headers: &'a [String],
}

/// A status an integration can answer, and the token that introduced it: the operation must
/// declare it, and the error points there when it does not.
pub type Answer = (StatusCode, Span);

impl Cx<'_> {
    /// A compile error unless `name` is one of the operation's path parameters.
    pub fn path_param(&self, name: &str, span: Span, what: &str) -> syn::Result<()> {
        if self.path.has(name) {
            return Ok(());
        }
        let fix = match crate::diag::closest(name, self.path.params.iter().map(|p| p.name.as_str()))
        {
            Some(p) => format!("did you mean `{{{p}}}`?"),
            None => format!("fix the name or add `<{name}>` to the operation's path"),
        };
        Err(syn::Error::new(
            span,
            format!(
                "{what} refers to `{{{name}}}`, but operation `{}` has no path parameter `{name}` (its path parameters: {}): {fix}",
                self.op_name,
                self.path.names()
            ),
        ))
    }

    /// A compile error unless the operation declares query parameter `name` (`query = [...]`).
    pub fn query_param(&self, name: &str, span: Span, what: &str) -> syn::Result<()> {
        self.declared("query parameter", "query", self.query, name, span, what)
    }

    /// A compile error unless the operation declares header `name` (`headers = [...]`).
    pub fn header_param(&self, name: &str, span: Span, what: &str) -> syn::Result<()> {
        self.declared("header", "headers", self.headers, name, span, what)
    }

    fn declared(
        &self,
        noun: &str,
        option: &str,
        list: &[String],
        name: &str,
        span: Span,
        what: &str,
    ) -> syn::Result<()> {
        if list.iter().any(|d| d == name) {
            return Ok(());
        }
        let listed = if list.is_empty() {
            "none".to_string()
        } else {
            list.iter()
                .map(|d| format!("`{d}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let hint = match list.iter().find(|d| d.eq_ignore_ascii_case(name)) {
            Some(d) => format!("write it as declared: `{d}`"),
            None => format!("add `{option} = [\"{name}\"]` to the operation"),
        };
        Err(syn::Error::new(
            span,
            format!(
                "{what} refers to {noun} `{name}`, which operation `{}` does not declare (its {option}: {listed}): {hint}",
                self.op_name
            ),
        ))
    }
}
