//! The macros of [apigw](https://docs.rs/apigw): they parse and check API declarations against
//! API Gateway's rules (the vocabulary crate `apigw-spec`) and emit plain data registered with
//! `inventory`. No runtime logic lives here; users depend on `apigw`, which re-exports these.
//!
//! Each macro runs in three stages, as serde_derive and dropshot do:
//! [`parse`] (tokens into syntax values that keep their spans), [`check`] (every rule, every
//! mistake reported at its token, into the vocabulary's values) and [`emit`] (const data and
//! compile-time checks). [`expand`] runs them with one error collector ([`diag`]).
//!
//! Each macro's documentation is a page of `doc/`; its examples need `apigw`, so they run as
//! doctests of the `apigw` crate (`cargo test --doc -p apigw`), not of this one.

mod check;
mod diag;
mod emit;
mod expand;
#[cfg(test)]
mod expand_snapshots;
mod parse;

use parse::integration::IntegrationKind;
use proc_macro::TokenStream;

#[doc = include_str!("../doc/operation.md")]
#[proc_macro_attribute]
pub fn operation(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::operation(args.into(), item.into()).into()
}

#[doc = include_str!("../doc/api_responses.md")]
#[proc_macro_derive(ApiResponses, attributes(status, header))]
pub fn derive_api_responses(input: TokenStream) -> TokenStream {
    expand::api_responses(input.into()).into()
}

/// One attribute entry point per integration kind, each documented by its page in `doc/`.
macro_rules! integration_attributes {
    ($($name:ident => $kind:ident, $doc:literal;)*) => {$(
        #[doc = include_str!($doc)]
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            expand::standalone(IntegrationKind::$kind, args.into(), item.into()).into()
        }
    )*};
}

integration_attributes!(
    mock_integration => Mock, "../doc/mock_integration.md";
    s3_integration => S3, "../doc/s3_integration.md";
    http_integration => Http, "../doc/http_integration.md";
    aws_integration => Aws, "../doc/aws_integration.md";
    lambda_integration => Lambda, "../doc/lambda_integration.md";
    integration => Custom, "../doc/integration.md";
);
