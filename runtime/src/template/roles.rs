//! The roles API Gateway assumes for integrations (S3, AWS services, custom ones): one per
//! operation whose integration declares grants, with exactly those grants as its only policy.

use serde_json::{Value, json};

use super::{POLICY_VERSION, Section, TemplateError, integration_of, trust};
use crate::integration::{IamGrant, RenderContext, object::sub};
use crate::model::OperationDescriptor;
use crate::naming;
use crate::registry::Registry;

/// The policy statements of `grants`, in their order: one `Allow` statement per grant.
pub fn statements(grants: &[IamGrant]) -> Vec<Value> {
    grants
        .iter()
        .map(|g| {
            json!({
                "Effect": "Allow",
                "Action": g.actions,
                "Resource": g.resources,
            })
        })
        .collect()
}

/// The grants of `op`'s integration when the OpenAPI document points its `credentials` at the
/// generated role (an integration that sets its own `credentials` gets no role).
fn role_grants(op: &OperationDescriptor) -> Option<Vec<IamGrant>> {
    let integration = integration_of(op)?;
    let grants = integration.grants(&RenderContext { operation: op });
    let rendered = crate::openapi::integration_of(op)?;
    let expected = sub(format!(
        "${{{}.Arn}}",
        naming::integration_role_logical_id(op.id)
    ));
    (!grants.is_empty() && rendered.credentials.as_ref() == Some(&expected)).then_some(grants)
}

pub(super) fn render(registry: &Registry, resources: &mut Section) -> Result<(), TemplateError> {
    for op in registry.operations() {
        let Some(grants) = role_grants(op) else {
            continue;
        };
        resources.add(
            naming::integration_role_logical_id(op.id),
            format!("the integration role of operation `{}`", op.id),
            json!({
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "Description": format!(
                        "API Gateway assumes this role to call the integration of `{}` ({})",
                        op.id,
                        op.route_key()
                    ),
                    "AssumeRolePolicyDocument": trust("apigateway.amazonaws.com"),
                    "Policies": [{
                        "PolicyName": "integration",
                        "PolicyDocument": {
                            "Version": POLICY_VERSION,
                            "Statement": statements(&grants),
                        },
                    }],
                },
            }),
        )?;
    }
    Ok(())
}
