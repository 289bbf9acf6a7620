//! The infrastructure integrations reference: owned resources are created by the template,
//! imported ones come in as parameters. Logical ids and parameter names come from
//! [`Resource`](crate::infra::Resource), the same source the integrations use in their ARNs.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Section, TemplateError, get_att, reference, trust};
use crate::infra::{Provenance, Resource, ResourceKind, StateMachineType};
use crate::synth::Rendered;

/// Every resource the integrations reference, deduplicated and sorted, with the first operation
/// that references it.
pub fn referenced(rendered: &Rendered) -> Result<Vec<(Resource, &'static str)>, TemplateError> {
    let mut found: BTreeMap<(ResourceKind, &'static str), (Resource, &'static str)> =
        BTreeMap::new();
    for rop in &rendered.operations {
        let op = rop.op;
        for &r in &rop.resources {
            match found.get(&(r.kind, r.name)) {
                Some((first, first_op)) if *first != r => {
                    return Err(TemplateError::ConflictingResource {
                        kind: r.kind.as_str(),
                        name: r.name,
                        first: first_op,
                        second: op.id,
                    });
                }
                Some(_) => {}
                None => {
                    found.insert((r.kind, r.name), (r, op.id));
                }
            }
        }
    }
    Ok(found.into_values().collect())
}

/// What an imported resource's parameter holds.
fn parameter_description(r: &Resource) -> String {
    let what = match r.kind {
        ResourceKind::Bucket => "Name of the existing S3 bucket",
        ResourceKind::Table => "Name of the existing DynamoDB table",
        ResourceKind::Queue => "Name of the existing SQS queue",
        ResourceKind::Topic => "ARN of the existing SNS topic",
        ResourceKind::EventBus => "Name of the existing EventBridge event bus",
        ResourceKind::StateMachine => "ARN of the existing Step Functions state machine",
        ResourceKind::VpcLink => "Id of the existing API Gateway VPC link",
    };
    format!("{what} `{}` (imported by the API)", r.name)
}

/// `${AWS::StackName}-<name>`: a physical name unique per stack, for resources that need one.
fn stack_scoped(name: &str) -> Value {
    json!({ "Fn::Sub": format!("${{AWS::StackName}}-{name}") })
}

fn owned(
    r: &Resource,
    resources: &mut Section,
    parameters: &mut Section,
) -> Result<(), TemplateError> {
    let id = r.logical_id();
    let what = format!("{} `{}`", r.kind.as_str().to_lowercase(), r.name);
    let table_key = r
        .partition_key
        .unwrap_or(crate::infra::DEFAULT_PARTITION_KEY);
    let value = match r.kind {
        // Data stores are retained when the stack is deleted or the resource replaced (as CDK
        // does by default): deleting the stack must not delete the data.
        ResourceKind::Bucket => json!({
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": true,
                    "BlockPublicPolicy": true,
                    "IgnorePublicAcls": true,
                    "RestrictPublicBuckets": true,
                },
            },
        }),
        ResourceKind::Table => json!({
            "Type": "AWS::DynamoDB::Table",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{ "AttributeName": table_key, "AttributeType": "S" }],
                "KeySchema": [{ "AttributeName": table_key, "KeyType": "HASH" }],
            },
        }),
        ResourceKind::Queue => json!({ "Type": "AWS::SQS::Queue" }),
        ResourceKind::Topic => json!({ "Type": "AWS::SNS::Topic" }),
        ResourceKind::EventBus => json!({
            "Type": "AWS::Events::EventBus",
            "Properties": { "Name": stack_scoped(r.name) },
        }),
        ResourceKind::StateMachine => {
            let role = format!("{id}Role");
            resources.add(
                role.clone(),
                format!("the execution role of {what}"),
                json!({
                    "Type": "AWS::IAM::Role",
                    "Properties": { "AssumeRolePolicyDocument": trust("states.amazonaws.com") },
                }),
            )?;
            let ty = match r.state_machine_type {
                Some(StateMachineType::Express) => "EXPRESS",
                _ => "STANDARD",
            };
            // A placeholder definition: the API only starts executions; replace the definition
            // (and give the role what the states need) in your own stack or import the machine.
            json!({
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {
                    "StateMachineType": ty,
                    "RoleArn": get_att(&role, "Arn"),
                    "Definition": {
                        "Comment": format!("Placeholder for `{}` created by apigw: replace with the real workflow", r.name),
                        "StartAt": "Done",
                        "States": { "Done": { "Type": "Pass", "End": true } },
                    },
                },
            })
        }
        ResourceKind::VpcLink => {
            let target = format!("{id}TargetArn");
            parameters.add(
                target.clone(),
                format!("the target of {what}"),
                json!({
                    "Type": "String",
                    "Description": format!("ARN of the Network Load Balancer the VPC link `{}` reaches", r.name),
                }),
            )?;
            json!({
                "Type": "AWS::ApiGateway::VpcLink",
                "Properties": {
                    "Name": stack_scoped(r.name),
                    "TargetArns": [reference(&target)],
                },
            })
        }
    };
    resources.add(id, what, value)
}

pub(super) fn render(
    rendered: &Rendered,
    resources: &mut Section,
    parameters: &mut Section,
) -> Result<(), TemplateError> {
    for (r, _) in referenced(rendered)? {
        match r.provenance {
            Provenance::Owned => owned(&r, resources, parameters)?,
            Provenance::Imported => parameters.add(
                r.parameter_name(),
                format!("imported {} `{}`", r.kind.as_str().to_lowercase(), r.name),
                json!({ "Type": "String", "Description": parameter_description(&r) }),
            )?,
        }
    }
    Ok(())
}
