//! `#[integration(expr)]`: a user value whose type implements `apigw::Integration` (renders its
//! own object, declares grants and resources) and `apigw::integration::IntegrationStatuses` (the
//! statuses it answers). The statuses are checked against the operation's responses at compile
//! time, spanned on `expr`, exactly like the built-in kinds.

use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Plan, PlanCx};

pub fn plan(attr: &syn::Attribute, cx: &PlanCx) -> syn::Result<Plan> {
    let expr: syn::Expr = super::options::parse_args(
        attr,
        "write `#[integration(EXPR)]`, where EXPR's type implements `apigw::Integration` and `apigw::integration::IntegrationStatuses`",
    )?;
    if cx.is_handler {
        return Err(syn::Error::new(
            expr.span(),
            "a custom integration serves a marker struct",
        ));
    }
    let r = &cx.responses;
    let check = quote_spanned!(expr.span()=>
        const _: fn() = || { ::apigw::integration::custom::assert_custom::<#r, _>(&(#expr)); };
    );
    Ok(Plan {
        constructor: quote!(#expr),
        checks: check,
    })
}
