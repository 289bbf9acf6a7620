//! The macros of [apigw](https://docs.rs/apigw): they parse and check API declarations and emit
//! plain data registered with `inventory`. No runtime logic lives here; users depend on `apigw`,
//! which re-exports these.

mod diag;
#[cfg(test)]
mod expand_snapshots;
mod integration;
mod operation;
mod path;
mod responses;

use proc_macro::TokenStream;

/// Declares an API operation. See the `apigw` crate documentation.
#[proc_macro_attribute]
pub fn operation(args: TokenStream, item: TokenStream) -> TokenStream {
    operation::expand(args.into(), item.into()).into()
}

/// Derives `ApiResponses` for an enum whose variants are the operation's responses.
#[proc_macro_derive(ApiResponses, attributes(status, header))]
pub fn derive_api_responses(input: TokenStream) -> TokenStream {
    responses::expand(input.into()).into()
}

macro_rules! integration_attributes {
    ($($name:ident),* $(,)?) => {$(
        /// An integration attribute: written below `#[operation]`, which reads it.
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            integration::standalone(stringify!($name), args.into(), item.into()).into()
        }
    )*};
}

integration_attributes!(
    mock_integration,
    s3_integration,
    http_integration,
    aws_integration,
    lambda_integration,
    integration,
);

pub(crate) fn operation_option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(tp) = ty else { return None };
    let seg = tp.path.segments.last()?;
    if seg.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(ab) = &seg.arguments else {
        return None;
    };
    match ab.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}
