//! The REST API itself: the `RestApi` whose body is the OpenAPI document, a deployment whose
//! logical id changes with the API, the stage, and the outputs.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::{Section, TemplateError, TemplateOptions, reference};
use crate::app::App;
use crate::naming;
use crate::registry::Registry;

/// The OpenAPI extension listing binary media types.
const BINARY_EXTENSION: &str = "x-amazon-apigateway-binary-media-types";

/// Whether API Gateway may treat `content_type` as text (the rest must be binary media types,
/// or API Gateway mangles the bytes).
fn is_text(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.starts_with("text/")
        || ct.contains("json")
        || ct.contains("xml")
        || ct.contains("javascript")
        || ct.contains("x-www-form-urlencoded")
}

/// The binary media types of the API: those the document lists in
/// `x-amazon-apigateway-binary-media-types`, plus every non-text content type of a request or
/// response body. Sorted and deduplicated.
pub fn binary_media_types(document: &Value) -> Vec<String> {
    let mut out = BTreeSet::new();
    if let Some(list) = document.get(BINARY_EXTENSION).and_then(Value::as_array) {
        out.extend(list.iter().filter_map(Value::as_str).map(String::from));
    }
    let operations = document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values());
    for op in operations {
        let request = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object);
        let responses = op
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|r| r.values())
            .filter_map(|r| r.get("content").and_then(Value::as_object));
        for content in request.into_iter().chain(responses) {
            out.extend(content.keys().filter(|ct| !is_text(ct)).cloned());
        }
    }
    out.into_iter().collect()
}

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
    app: &App,
    registry: &Registry,
    options: &TemplateOptions,
    resources: &mut Section,
) -> Result<Value, TemplateError> {
    let info = app.info();
    let body = crate::openapi::document(registry, info);
    let mut props = Map::new();
    props.insert("Name".into(), json!(info.title));
    if let Some(d) = &info.description {
        props.insert("Description".into(), json!(d));
    }
    let binary = binary_media_types(&body);
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
    props.insert("Body".into(), body);
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
    fn binary_types_come_from_the_extension_and_non_text_bodies() {
        let doc = json!({
            "x-amazon-apigateway-binary-media-types": ["image/png"],
            "paths": { "/f": {
                "put": { "requestBody": { "content": { "application/octet-stream": {} } },
                         "responses": { "200": { "content": { "application/json": {}, "image/png": {} } } } },
                "get": { "responses": { "200": { "content": { "text/plain": {}, "application/pdf": {} } } } },
            } },
        });
        assert_eq!(
            binary_media_types(&doc),
            ["application/octet-stream", "application/pdf", "image/png"]
        );
        assert!(binary_media_types(&json!({ "paths": {} })).is_empty());
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
