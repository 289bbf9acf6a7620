//! The REST API itself: the `RestApi` whose body is the OpenAPI document, a deployment whose
//! logical id changes with the API, the stage, and the outputs.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::{Section, TemplateError, TemplateOptions, reference};
use crate::config::ApiConfig;
use crate::naming;
use crate::synth::Rendered;
use crate::synth::openapi::OpenApi;

/// `ApiDeployment` + the first 10 hex digits of the SHA-256 of the `RestApi` properties.
///
/// A deployment is a snapshot: CloudFormation only creates a new one when its logical id changes.
/// Deriving the id from the API makes every change of the API (body, binary media types, ...) a
/// new deployment that the stage then points at, while an unchanged API keeps its id.
pub fn deployment_logical_id(rest_api_properties: &Value) -> String {
    let digest = Sha256::digest(rest_api_properties.to_string().as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("{}{hex}", naming::DEPLOYMENT_PREFIX)
}

/// Adds the API, deployment and stage; returns the `Outputs`.
pub(super) fn render(
    config: &ApiConfig,
    rendered: &Rendered,
    openapi: &OpenApi,
    options: &TemplateOptions,
    resources: &mut Section,
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
    let deployment = deployment_logical_id(&props);

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
