//! The REST API itself: the `RestApi` whose body is the OpenAPI document, a deployment whose
//! logical id changes with the API, the stage, and the outputs.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::{Section, TemplateError, TemplateOptions, reference};
use crate::config::ApiConfig;
use crate::naming;
use crate::synth::Rendered;
use crate::synth::openapi::OpenApi;

/// `ApiDeployment` + the first 10 hex digits of the SHA-256 of what the deployed API is made of:
/// the `RestApi` properties and the definition of every resource and parameter they reference.
///
/// A deployment is a snapshot: CloudFormation only creates a new one when its logical id changes.
/// Deriving the id from the API makes every change of the API (body, binary media types, ...) a
/// new deployment that the stage then points at, and so does a change to a resource the body
/// names (an owned bucket or table replaced under a new name, a role): the snapshot holds the
/// resolved names. An unchanged API keeps its id. What no template text shows cannot be hashed:
/// a new *value* for a parameter (an imported resource's name) updates the `RestApi` but not the
/// stage's snapshot; docs/deploy.md says how to redeploy then.
pub fn deployment_logical_id(api: &Value) -> String {
    let digest = Sha256::digest(api.to_string().as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("{}{hex}", naming::DEPLOYMENT_PREFIX)
}

/// The logical ids and parameters `value` references (`Ref`, `Fn::GetAtt`, `${Name}` and
/// `${Name.Attr}` in `Fn::Sub`), pseudo parameters (`AWS::...`) aside.
fn references(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("Ref", Value::String(name)) => {
                        out.insert(name.clone());
                    }
                    ("Fn::GetAtt", Value::Array(parts)) => {
                        if let Some(Value::String(name)) = parts.first() {
                            out.insert(name.clone());
                        }
                    }
                    ("Fn::Sub", Value::String(text)) => sub_references(text, out),
                    ("Fn::Sub", Value::Array(parts)) => {
                        if let Some(Value::String(text)) = parts.first() {
                            sub_references(text, out);
                        }
                        parts.iter().skip(1).for_each(|p| references(p, out));
                    }
                    _ => references(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// `${Name}` / `${Name.Attr}` of an `Fn::Sub` text (`${!literal}` and `${AWS::...}` aside).
fn sub_references(text: &str, out: &mut BTreeSet<String>) {
    let mut rest = text;
    while let Some(open) = rest.find("${") {
        let after = &rest[open + 2..];
        let Some(close) = after.find('}') else { break };
        let inner = &after[..close];
        if !inner.starts_with('!') && !inner.starts_with("AWS::") {
            out.insert(inner.split('.').next().unwrap_or(inner).to_string());
        }
        rest = &after[close + 1..];
    }
}

/// What the deployment snapshot is made of: the `RestApi` properties, then the definition of
/// each resource and parameter they reference, by name.
fn deployed_content(props: &Value, resources: &Section, parameters: &Section) -> Value {
    let mut names = BTreeSet::new();
    references(props, &mut names);
    let referenced: Map<String, Value> = names
        .into_iter()
        .filter_map(|n| {
            let definition = resources.get(&n).or_else(|| parameters.get(&n))?;
            Some((n, definition.clone()))
        })
        .collect();
    json!({ "RestApi": props, "Referenced": referenced })
}

/// Adds the API, deployment and stage; returns the `Outputs`.
pub(super) fn render(
    config: &ApiConfig,
    rendered: &Rendered,
    openapi: &OpenApi,
    options: &TemplateOptions,
    resources: &mut Section,
    parameters: &Section,
) -> Result<Value, TemplateError> {
    let info = &config.info;
    let mut props = Map::new();
    props.insert("Name".into(), json!(info.title));
    if let Some(d) = &info.description {
        props.insert("Description".into(), json!(d));
    }
    let binary = openapi.binary_media_types(rendered);
    if !binary.is_empty() {
        props.insert("BinaryMediaTypes".into(), json!(binary));
    }
    props.insert(
        "EndpointConfiguration".into(),
        json!({ "Types": ["REGIONAL"] }),
    );
    // Import warnings (an integration response naming an undeclared status, ...) fail the
    // deployment instead of leaving a half-working API.
    props.insert("FailOnWarnings".into(), json!(true));
    props.insert("Body".into(), openapi.document.clone());
    let props = Value::Object(props);
    let deployment = deployment_logical_id(&deployed_content(&props, resources, parameters));

    resources.add(
        naming::REST_API.into(),
        "the REST API",
        json!({ "Type": "AWS::ApiGateway::RestApi", "Properties": props }),
    )?;
    resources.add(
        deployment.clone(),
        "the API deployment",
        json!({
            "Type": "AWS::ApiGateway::Deployment",
            "Properties": {
                "RestApiId": reference(naming::REST_API),
                "Description": format!("{} {}", info.title, info.version),
            },
        }),
    )?;
    resources.add(
        naming::STAGE.into(),
        "the API stage",
        json!({
            "Type": "AWS::ApiGateway::Stage",
            "Properties": {
                "RestApiId": reference(naming::REST_API),
                "DeploymentId": reference(&deployment),
                "StageName": options.stage,
            },
        }),
    )?;
    Ok(json!({
        "ApiUrl": {
            "Description": "The URL of the API's stage",
            "Value": {
                "Fn::Sub": format!(
                    "https://${{{}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/${{{}}}",
                    naming::REST_API,
                    naming::STAGE
                ),
            },
        },
        "ApiId": {
            "Description": "The id of the REST API",
            "Value": reference(naming::REST_API),
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deployment_follows_what_the_body_references() {
        let props = json!({ "Body": { "uri": { "Fn::Sub": "arn:${AWS::Partition}:s3:path/${PetsBucket}/${Role.Arn}/${!x}" } } });
        let mut names = BTreeSet::new();
        references(&props, &mut names);
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            ["PetsBucket", "Role"]
        );
        let mut resources = Section::default();
        resources
            .add(
                "PetsBucket".into(),
                "b",
                json!({ "Type": "AWS::S3::Bucket" }),
            )
            .unwrap();
        let parameters = Section::default();
        let before = deployment_logical_id(&deployed_content(&props, &resources, &parameters));
        let mut replaced = Section::default();
        replaced
            .add(
                "PetsBucket".into(),
                "b",
                json!({ "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "new" } }),
            )
            .unwrap();
        assert_ne!(
            before,
            deployment_logical_id(&deployed_content(&props, &replaced, &parameters)),
            "replacing a referenced resource redeploys"
        );
    }

    #[test]
    fn the_deployment_id_follows_the_api() {
        let a = deployment_logical_id(&json!({ "Body": { "paths": {} } }));
        let b = deployment_logical_id(&json!({ "Body": { "paths": { "/x": {} } } }));
        assert_eq!(
            a,
            deployment_logical_id(&json!({ "Body": { "paths": {} } }))
        );
        assert_ne!(a, b);
        assert_eq!(a.len(), "ApiDeployment".len() + 10);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
