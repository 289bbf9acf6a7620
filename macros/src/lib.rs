//! The macros of [apigw](https://docs.rs/apigw): they parse and check API declarations against
//! API Gateway's rules (the vocabulary crate `apigw-spec`) and emit plain data registered with
//! `inventory`. No runtime logic lives here; users depend on `apigw`, which re-exports these.
//!
//! Each macro runs in three stages, as serde_derive and dropshot do:
//! [`parse`] (tokens into syntax values that keep their spans), [`check`] (every rule, every
//! mistake reported at its token, into the vocabulary's values) and [`emit`] (const data and
//! compile-time checks). [`expand`] runs them with one error collector ([`diag`]).

mod check;
mod diag;
mod emit;
mod expand;
#[cfg(test)]
mod expand_snapshots;
mod parse;

use parse::integration::IntegrationKind;
use proc_macro::TokenStream;

/// Declares an API operation on an `async fn` (served by Lambda) or a marker struct (served by the
/// integration attribute below it). See the `apigw` crate documentation.
#[proc_macro_attribute]
pub fn operation(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::operation(args.into(), item.into()).into()
}

/// Derives `ApiResponses` for an enum whose variants are the operation's responses.
#[proc_macro_derive(ApiResponses, attributes(status, header))]
pub fn derive_api_responses(input: TokenStream) -> TokenStream {
    expand::api_responses(input.into()).into()
}

macro_rules! integration_attributes {
    ($($name:ident => $kind:ident),* $(,)?) => {$(
        /// An integration attribute: written below `#[operation]`, which reads it.
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            expand::standalone(IntegrationKind::$kind, args.into(), item.into()).into()
        }
    )*};
}

integration_attributes!(
    mock_integration => Mock,
    s3_integration => S3,
    http_integration => Http,
    aws_integration => Aws,
    lambda_integration => Lambda,
    integration => Custom,
);
