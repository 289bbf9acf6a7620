//! The petstore's OpenAPI document: byte-for-byte against the committed golden file, then field by
//! field, so a change in the golden diff is reviewed and the important fields stay pinned even if
//! someone blesses a bad document. `EXPECTORATE=overwrite cargo test -p apigw-tests --test
//! integration openapi_golden` rewrites the golden file.

use apigw_tests::{assert_golden, operations};
use serde_json::{Value, json};

const GOLDEN: &str = "petstore/openapi.json";

/// The document as `synth` writes it, rendered in-process from the petstore's operations.
fn synth() -> Vec<u8> {
    let app = petstore::app();
    let registry = operations::example_registry("petstore");
    let doc = apigw_tests::synth::document(&app, &registry);
    apigw::synth::to_json(&doc, "OpenAPI document").expect("serializable")
}

fn document() -> Value {
    serde_json::from_slice(&synth()).expect("valid JSON")
}

#[test]
fn matches_the_golden_file() {
    let actual = String::from_utf8(synth()).expect("the document is UTF-8");
    assert_golden(GOLDEN, &actual);
}

#[test]
fn synth_is_deterministic_in_process() {
    assert_eq!(synth(), synth());
}

fn op<'a>(doc: &'a Value, path: &str, method: &str) -> &'a Value {
    let op = &doc["paths"][path][method];
    assert!(op.is_object(), "no {method} {path}");
    op
}

/// The operation's parameters by (in, name).
fn param<'a>(op: &'a Value, location: &str, name: &str) -> &'a Value {
    op["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["in"] == location && p["name"] == name))
        .unwrap_or_else(|| panic!("no {location} parameter {name} in {op}"))
}

fn statuses(op: &Value) -> Vec<&str> {
    op["responses"]
        .as_object()
        .expect("responses")
        .keys()
        .map(String::as_str)
        .collect()
}

fn json_ref(name: &str) -> Value {
    json!({ "application/json": { "schema": { "$ref": format!("#/components/schemas/{name}") } } })
}

const LAMBDA_OPS: [(&str, &str, &str); 6] = [
    ("/debug/panic", "get", "debugPanic"),
    ("/pets", "get", "listPets"),
    ("/pets", "post", "createPet"),
    ("/pets/{petId}", "get", "getPet"),
    ("/pets/{petId}", "put", "updatePet"),
    ("/pets/{petId}", "delete", "deletePet"),
];

#[test]
fn header_and_paths() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.0.3");
    assert_eq!(doc["info"]["title"], "Petstore");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(paths, ["/debug/panic", "/health", "/pets", "/pets/{petId}"]);
    let methods: Vec<&str> = doc["paths"]["/pets/{petId}"]
        .as_object()
        .expect("path item")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(methods, ["get", "put", "delete"]);
}

#[test]
fn lambda_operations_use_the_proxy_integration() {
    let doc = document();
    for (path, method, id) in LAMBDA_OPS {
        let op = op(&doc, path, method);
        assert_eq!(op["operationId"], id);
        assert_eq!(
            op["x-amazon-apigateway-integration"],
            json!({
                "type": "aws_proxy",
                "httpMethod": "POST",
                "uri": { "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ApiFunction.Arn}/invocations" },
                "passthroughBehavior": "when_no_match"
            }),
            "{method} {path}"
        );
        // Every Lambda operation can fail in its handler: the framework's 500 is documented.
        assert_eq!(
            op["responses"]["500"]["content"],
            json_ref("ApiError"),
            "{method} {path}"
        );
    }
}

#[test]
fn the_mock_operation() {
    let doc = document();
    let health = op(&doc, "/health", "get");
    assert_eq!(health["operationId"], "health");
    assert_eq!(health["tags"], json!(["ops"]));
    assert_eq!(
        health["x-amazon-apigateway-integration"],
        json!({
            "type": "mock",
            "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
            "passthroughBehavior": "when_no_match",
            "responses": {
                "default": {
                    "statusCode": "200",
                    "responseTemplates": { "application/json": "{\"status\":\"ok\"}" }
                }
            }
        })
    );
    // API Gateway answers it: no framework 400/500, no parameters.
    assert_eq!(statuses(health), ["200"]);
    assert_eq!(health["responses"]["200"]["content"], json_ref("Health"));
    assert!(health.get("parameters").is_none());
}

#[test]
fn parameters() {
    let doc = document();
    for method in ["get", "put", "delete"] {
        let op = op(&doc, "/pets/{petId}", method);
        assert_eq!(
            param(op, "path", "petId"),
            &json!({ "name": "petId", "in": "path", "required": true, "schema": { "$ref": "#/components/schemas/PetId" } }),
            "{method}"
        );
    }
    let update = op(&doc, "/pets/{petId}", "put");
    // A typed header: its grammar is declared (and enforced) as a pattern.
    let if_match = param(update, "header", "If-Match");
    assert_eq!(if_match["required"], false);
    assert_eq!(
        if_match["schema"]["pattern"],
        r#"^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$"#
    );
    assert_eq!(update["parameters"].as_array().map(Vec::len), Some(2));

    let list = op(&doc, "/pets", "get");
    assert_eq!(list["parameters"].as_array().map(Vec::len), Some(2));
    let limit = param(list, "query", "limit");
    assert_eq!(limit["required"], false);
    // OpenAPI 3.0: a single type, no `null` (an absent parameter is not a null one). The
    // declared range and default are the schema's, not prose in the description.
    assert_eq!(
        limit["schema"],
        json!({ "type": "integer", "format": "uint32", "minimum": 1, "default": 20, "maximum": 100 })
    );
    assert_eq!(limit["description"], "At most this many pets.");
    let status = param(list, "query", "status");
    assert_eq!(status["required"], false);
    assert_eq!(
        status["schema"],
        json!({ "$ref": "#/components/schemas/PetStatus" })
    );

    for (path, method) in [("/pets", "post"), ("/debug/panic", "get")] {
        assert!(op(&doc, path, method).get("parameters").is_none());
    }
}

#[test]
fn request_bodies() {
    let doc = document();
    for (path, method) in [("/pets", "post"), ("/pets/{petId}", "put")] {
        let body = &op(&doc, path, method)["requestBody"];
        assert_eq!(body["required"], true, "{method} {path}");
        assert_eq!(body["content"], json_ref("NewPet"), "{method} {path}");
    }
    for (path, method) in [
        ("/pets", "get"),
        ("/pets/{petId}", "get"),
        ("/pets/{petId}", "delete"),
    ] {
        assert!(op(&doc, path, method).get("requestBody").is_none());
    }
}

#[test]
fn responses() {
    let doc = document();
    let create = op(&doc, "/pets", "post");
    assert_eq!(statuses(create), ["201", "400", "500"]);
    let created = &create["responses"]["201"];
    assert_eq!(created["description"], "The pet was created.");
    assert_eq!(
        created["headers"]["Location"],
        json!({ "required": true, "schema": { "type": "string" } })
    );
    assert_eq!(
        created["headers"]["ETag"]["schema"]["pattern"],
        r#"^(W/)?"[!#-~]*"$"#
    );
    assert_eq!(created["content"], json_ref("Pet"));

    // Framework 400: only where extraction can reject (parameters or a body).
    let rejected = &create["responses"]["400"];
    assert!(
        rejected["description"]
            .as_str()
            .is_some_and(|d| d.contains("malformed body")),
        "{rejected}"
    );
    assert_eq!(rejected["content"], json_ref("ApiError"));
    let panic = op(&doc, "/debug/panic", "get");
    assert_eq!(statuses(panic), ["200", "500"]);
    assert_eq!(panic["deprecated"], true);
    assert!(panic["responses"]["200"].get("content").is_none());

    // The constraints are the framework's 400: the handler declares none of its own.
    let list = op(&doc, "/pets", "get");
    assert_eq!(statuses(list), ["200", "400", "500"]);
    assert_eq!(
        list["responses"]["400"]["description"],
        rejected["description"]
    );
    assert_eq!(
        list["responses"]["200"]["content"],
        json!({ "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Pet" } } } })
    );

    assert_eq!(
        statuses(op(&doc, "/pets/{petId}", "get")),
        ["200", "400", "404", "500"]
    );
    assert_eq!(
        statuses(op(&doc, "/pets/{petId}", "put")),
        ["200", "400", "404", "412", "500"]
    );
    let delete = op(&doc, "/pets/{petId}", "delete");
    assert_eq!(statuses(delete), ["204", "400", "404", "500"]);
    assert!(delete["responses"]["204"].get("content").is_none());
}

#[test]
fn component_schemas() {
    let doc = document();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let names: Vec<&str> = schemas.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "ApiError",
            "Health",
            "NewPet",
            "Pet",
            "PetId",
            "PetName",
            "PetStatus"
        ]
    );

    assert_eq!(schemas["ApiError"]["required"], json!(["message"]));
    assert_eq!(
        schemas["ApiError"]["properties"]["message"]["type"],
        "string"
    );

    let pet = &schemas["Pet"];
    assert_eq!(pet["type"], "object");
    assert_eq!(pet["required"], json!(["id", "name", "status"]));
    assert_eq!(pet["properties"]["tag"]["type"], "string");
    assert_eq!(pet["properties"]["tag"]["nullable"], true);
    assert_eq!(
        pet["properties"]["status"],
        json!({ "$ref": "#/components/schemas/PetStatus" })
    );

    // Each constraint declared once, on its type, referenced wherever the type is used.
    assert_eq!(
        pet["properties"]["name"],
        json!({ "$ref": "#/components/schemas/PetName" })
    );
    assert_eq!(
        pet["properties"]["id"],
        json!({ "$ref": "#/components/schemas/PetId" })
    );
    assert_eq!(schemas["PetName"]["maxLength"], 100);
    assert_eq!(schemas["PetName"]["pattern"], apigw::NON_BLANK);
    assert_eq!(schemas["PetId"]["pattern"], "^pet-[1-9][0-9]{0,18}$");

    let new_pet = &schemas["NewPet"];
    assert_eq!(
        new_pet["properties"]["name"],
        json!({ "$ref": "#/components/schemas/PetName" })
    );
    assert_eq!(new_pet["required"], json!(["name"]));
    assert_eq!(new_pet["additionalProperties"], false);
    assert_eq!(new_pet["properties"]["status"]["default"], "available");

    assert_eq!(
        schemas["PetStatus"],
        json!({
            "type": "string",
            "enum": ["available", "pending", "adopted"],
            "description": "Where a pet is in the adoption process."
        })
    );

    // OpenAPI 3.0 has no `"type": [..]` arrays and no `"null"` type anywhere.
    fn no_type_arrays(v: &Value, at: &str) {
        match v {
            Value::Object(o) => {
                if let Some(t) = o.get("type") {
                    assert!(t.is_string(), "type at {at} is {t}");
                    assert_ne!(t, "null", "null type at {at}");
                }
                for (k, v) in o {
                    no_type_arrays(v, &format!("{at}/{k}"));
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    no_type_arrays(v, &format!("{at}/{i}"));
                }
            }
            _ => {}
        }
    }
    no_type_arrays(&doc, "#");
}

#[test]
fn summaries_and_descriptions_come_from_doc_comments() {
    let doc = document();
    let list = op(&doc, "/pets", "get");
    assert_eq!(list["summary"], "List pets.");
    assert_eq!(
        list["description"],
        "Pets are ordered by id; filter by `status` and cap the page with `limit`."
    );
    assert_eq!(list["tags"], json!(["pets"]));
    let create = op(&doc, "/pets", "post");
    assert_eq!(create["summary"], "Create a pet.");
    assert!(create.get("description").is_none());
}
