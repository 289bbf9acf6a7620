//! The roles API Gateway assumes for integrations (S3, AWS services, custom ones): one per
//! operation whose integration declares grants (and sets no `credentials` of its own), with
//! exactly those grants as its only policy.

use serde_json::{Value, json};

use super::{POLICY_VERSION, Section, TemplateError, trust};
use crate::integration::IamGrant;
use crate::synth::Rendered;

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

pub(super) fn render(rendered: &Rendered, resources: &mut Section) -> Result<(), TemplateError> {
    for r in &rendered.operations {
        let Some((id, grants)) = &r.role else {
            continue;
        };
        let op = r.op;
        resources.add(
            id.clone(),
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
                            "Statement": statements(grants),
                        },
                    }],
                },
            }),
        )?;
    }
    Ok(())
}
