//! The OpenAPI 3.0 document (what API Gateway imports), from the rendered operations: paths,
//! parameters, request bodies, `components/schemas` from `schemars`, declared responses plus the
//! statuses apigw itself answers, and `x-amazon-apigateway-integration` per operation.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::{Rendered, RenderedOperation};
use crate::config::ApiInfo;
use crate::integration::object::IntegrationObject;
use crate::model::Backend;
use crate::responses::{ApiError, ResponseDoc};
use crate::spec::params::RESPONSE_HEADER_PREFIX;
use crate::spec::template::is_text;

/// The OpenAPI version API Gateway imports.
pub const OPENAPI_VERSION: &str = "3.0.3";

/// Schema settings for OpenAPI 3.0 (`nullable`, `#/components/schemas/` references).
/// Integer types declare their whole range (`DeclareIntegerBounds`), as the deserializer enforces it.
pub fn schema_settings() -> schemars::generate::SchemaSettings {
    schemars::generate::SchemaSettings::openapi3().with_transform(crate::DeclareIntegerBounds)
}

fn default_description(status: u16) -> String {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(String::from)
        .unwrap_or_else(|| format!("{status} response"))
}

fn response_object(r: &ResponseDoc) -> Value {
    let mut obj = Map::new();
    obj.insert(
        "description".into(),
        json!(
            r.description
                .map(String::from)
                .unwrap_or_else(|| default_description(r.status))
        ),
    );
    if !r.headers.is_empty() {
        let headers: Map<String, Value> = r
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_string(),
                    json!({ "required": h.required, "schema": h.schema }),
                )
            })
            .collect();
        obj.insert("headers".into(), Value::Object(headers));
    }
    if let Some(body) = &r.body {
        obj.insert(
            "content".into(),
            json!({ body.content_type: { "schema": body.schema } }),
        );
    }
    Value::Object(obj)
}

/// The responses apigw answers by itself for a Lambda operation, unless the user declared them.
fn framework_responses(
    generator: &mut schemars::SchemaGenerator,
    can_reject: bool,
) -> Vec<ResponseDoc> {
    let error = crate::responses::BodyDoc {
        content_type: "application/json",
        schema: generator.subschema_for::<ApiError>(),
    };
    let mut out = Vec::new();
    if can_reject {
        out.push(ResponseDoc {
            status: 400,
            description: Some("The request was rejected before the handler ran: a malformed body, a path, query or header parameter that does not parse, or a value that breaks a constraint its schema declares. The message names each field or parameter and what was expected."),
            body: Some(error.clone()),
            headers: vec![],
        });
    }
    out.push(ResponseDoc {
        status: 500,
        description: Some("The handler failed (it panicked, or its response could not be built)."),
        body: Some(error),
        headers: vec![],
    });
    out
}

/// The OpenAPI document, and the media types its bodies use.
#[derive(Debug, Clone)]
pub struct OpenApi {
    /// The document, as written to `openapi.json`.
    pub document: Value,
    /// Every content type of a request or response body (for the API's binary media types).
    pub body_media_types: BTreeSet<String>,
}

fn operation_object(
    rendered: &RenderedOperation,
    generator: &mut schemars::SchemaGenerator,
    body_media_types: &mut BTreeSet<String>,
) -> Value {
    let op = rendered.op;
    let mut obj = Map::new();
    obj.insert("operationId".into(), json!(op.id));
    if let Some(s) = op.summary {
        obj.insert("summary".into(), json!(s));
    }
    if let Some(d) = op.description {
        obj.insert("description".into(), json!(d));
    }
    if !op.tags.is_empty() {
        obj.insert("tags".into(), json!(op.tags));
    }
    if op.deprecated {
        obj.insert("deprecated".into(), json!(true));
    }
    let request = (op.request)(generator);
    if !request.params.is_empty() {
        let params: Vec<Value> = request
            .params
            .iter()
            .map(|p| {
                let mut v = json!({ "name": p.name, "in": p.location.as_str(), "required": p.required, "schema": p.schema });
                if let Some(d) = &p.description {
                    v["description"] = json!(d);
                }
                v
            })
            .collect();
        obj.insert("parameters".into(), Value::Array(params));
    }
    if let Some(body) = &request.body {
        body_media_types.insert(body.content_type.to_string());
        obj.insert(
            "requestBody".into(),
            json!({ "required": body.required, "content": { body.content_type: { "schema": body.schema } } }),
        );
    }
    let mut responses = (op.responses)(generator);
    if let Backend::Lambda(lambda) = op.backend {
        // A Lambda custom integration maps apigw's own 400 in every case (a malformed envelope is
        // one), so its method response must exist.
        let can_reject = request.can_reject() || lambda.custom.is_some();
        for r in framework_responses(generator, can_reject) {
            if !responses.iter().any(|d| d.status == r.status) {
                responses.push(r);
            }
        }
    }
    responses.sort_by_key(|r| r.status);
    body_media_types.extend(
        responses
            .iter()
            .filter_map(|r| r.body.as_ref())
            .map(|b| b.content_type.to_string()),
    );
    let mut responses: Map<String, Value> = responses
        .iter()
        .map(|r| (r.status.to_string(), response_object(r)))
        .collect();
    declare_mapped_headers(&mut responses, &rendered.integration);
    obj.insert("responses".into(), Value::Object(responses));
    obj.insert(
        "x-amazon-apigateway-integration".into(),
        rendered.integration.to_json(),
    );
    Value::Object(obj)
}

/// API Gateway rejects a `method.response.header.X` mapping unless the method response declares
/// header `X`. The integration's mappings are the source of truth, so every header they set is
/// declared here (as an optional string) on the response of the mapped status, unless the
/// response type already declares it.
fn declare_mapped_headers(responses: &mut Map<String, Value>, integration: &IntegrationObject) {
    for r in integration.responses.values() {
        let Some(Value::Object(response)) = responses.get_mut(&r.status_code.to_string()) else {
            // An undeclared status is reported by the registry.
            continue;
        };
        for key in r.response_parameters.keys() {
            let Some(name) = key.strip_prefix(RESPONSE_HEADER_PREFIX) else {
                continue;
            };
            let headers = response
                .entry("headers")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(headers) = headers
                && !headers.keys().any(|h| h.eq_ignore_ascii_case(name))
            {
                headers.insert(
                    name.to_string(),
                    json!({ "required": false, "schema": { "type": "string" } }),
                );
            }
        }
    }
}

/// The `x-amazon-apigateway-binary-media-types` of the API: what its integrations need, sorted.
pub fn binary_media_types(rendered: &Rendered) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = rendered
        .operations
        .iter()
        .flat_map(|r| r.binary_media_types.iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl OpenApi {
    /// The binary media types the deployed API needs: what its integrations declare, plus every
    /// content type of a body that is not text (API Gateway mangles binary bodies otherwise).
    /// Sorted and deduplicated; the document's `x-amazon-apigateway-binary-media-types`.
    pub fn binary_media_types(&self, rendered: &Rendered) -> Vec<String> {
        all_binary_media_types(rendered, &self.body_media_types)
    }
}

fn all_binary_media_types(rendered: &Rendered, body_media_types: &BTreeSet<String>) -> Vec<String> {
    let mut out: BTreeSet<String> = binary_media_types(rendered)
        .into_iter()
        .map(String::from)
        .collect();
    out.extend(body_media_types.iter().filter(|ct| !is_text(ct)).cloned());
    out.into_iter().collect()
}

/// The whole document. Deterministic: operations come sorted from the registry and schemas are
/// sorted by name.
pub fn document(info: &ApiInfo, rendered: &Rendered) -> OpenApi {
    let mut generator = schema_settings().into_generator();
    let mut body_media_types = BTreeSet::new();
    let mut paths = Map::new();
    for r in &rendered.operations {
        let item = paths
            .entry(r.op.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(
                r.op.method.openapi_key().into(),
                operation_object(r, &mut generator, &mut body_media_types),
            );
        }
    }
    let mut schemas: Vec<(String, Value)> = generator.take_definitions(true).into_iter().collect();
    schemas.sort_by(|a, b| a.0.cmp(&b.0));
    let mut info_obj = json!({ "title": info.title, "version": info.version });
    if let Some(d) = &info.description {
        info_obj["description"] = json!(d);
    }
    let mut doc = json!({
        "openapi": OPENAPI_VERSION,
        "info": info_obj,
        "paths": paths,
        "components": { "schemas": Map::from_iter(schemas) },
    });
    let binary = all_binary_media_types(rendered, &body_media_types);
    if !binary.is_empty() {
        doc["x-amazon-apigateway-binary-media-types"] = json!(binary);
    }
    replace_bool_schemas(&mut doc);
    OpenApi {
        document: doc,
        body_media_types,
    }
}

/// OpenAPI 3.0 has no boolean schemas. schemars rewrites them inside definitions, but a schema
/// placed inline (a `serde_json::Value` body is `true`) escapes its transforms: `true` becomes
/// `{}` (anything) and `false` becomes `{"not": {}}` (nothing), wherever a schema sits.
fn replace_bool_schemas(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "schema"
                    && let Value::Bool(b) = v
                {
                    *v = if *b { json!({}) } else { json!({ "not": {} }) };
                } else {
                    replace_bool_schemas(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(replace_bool_schemas),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boolean_schemas_become_objects_wherever_they_sit() {
        let mut doc = json!({
            "paths": { "/x": { "post": {
                "requestBody": { "content": { "application/json": { "schema": true } } },
                "parameters": [ { "name": "q", "schema": false } ],
                "responses": { "200": { "headers": { "H": { "schema": true } } } }
            } } },
            "components": { "schemas": { "Keep": { "type": "boolean", "default": true } } }
        });
        replace_bool_schemas(&mut doc);
        let op = &doc["paths"]["/x"]["post"];
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"],
            json!({})
        );
        assert_eq!(op["parameters"][0]["schema"], json!({ "not": {} }));
        assert_eq!(op["responses"]["200"]["headers"]["H"]["schema"], json!({}));
        // Booleans that are values, not schemas, are untouched.
        assert_eq!(doc["components"]["schemas"]["Keep"]["default"], json!(true));
    }
}
