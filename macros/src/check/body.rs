//! A marker operation's `body = Type` checked: its method must define a request body, and an AWS
//! ready-made call must read the body, as `application/json` (its templates are keyed by it): the
//! compiler checks that through a `JsonBody` bound emitted on the type.

use apigw_spec::aws::BodyUse;

use super::operation::Operation;
use crate::diag::{Errors, type_str};
use crate::parse::integration::IntegrationAst;

/// The declared body, and what the integration needs it to be (`None`: any request body).
pub struct Body {
    pub ty: syn::Type,
    pub needs: Option<BodyUse>,
}

/// Checks `body = ty` of marker operation `op` served by `integration` (when it parsed).
pub fn check(
    op: &Operation,
    ty: &syn::Type,
    integration: Option<&IntegrationAst>,
    errors: &mut Errors,
) -> Option<Body> {
    let name = &op.name;
    let written = type_str(ty);
    if let Some(method) = op.method
        && !method.takes_body()
    {
        errors.push(syn::Error::new_spanned(
            ty,
            format!(
                "operation `{name}` is a {method} request, which carries no body (HTTP defines none for GET, HEAD, DELETE and OPTIONS), so `body = {written}` would document content nobody reads: remove `body = ...`, or make it a PUT, POST or PATCH operation"
            ),
        ));
        return None;
    }
    let needs = match integration {
        // A user's own request templates decide what is read; apigw cannot tell.
        Some(IntegrationAst::Aws(aws)) if aws.shared.request_templates.is_empty() => {
            aws.call.as_ref().map(|c| (c.spec, c.spec.body))
        }
        _ => None,
    };
    match needs {
        Some((call, BodyUse::Ignored)) => {
            errors.push(syn::Error::new_spanned(
                ty,
                format!(
                    "operation `{name}` declares `body = {written}`, but `{}` {}: remove `body = ...`",
                    call.name,
                    BodyUse::Ignored.describe()
                ),
            ));
            None
        }
        other => Some(Body {
            ty: ty.clone(),
            needs: other.map(|(_, needs)| needs),
        }),
    }
}
