//! S3, HTTP, VPC-link and mock-extra integrations: every option, checked field by field in the
//! rendered `x-amazon-apigateway-integration` and OpenAPI operation.

use apigw::integration::RenderContext;
use apigw::prelude::*;
use apigw::{Bucket, OperationDescriptor, Registry, VpcLink};
use serde_json::{Value, json};

const PETS: Bucket = Bucket::owned("pets");
const ARCHIVE: Bucket = Bucket::imported("archive");
const LINK: VpcLink = VpcLink::owned("backend");
const SHARED_LINK: VpcLink = VpcLink::imported("shared");

#[derive(ApiResponses)]
pub enum ObjectResponses {
    /// The object.
    #[status(200)]
    Ok,
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[derive(ApiResponses)]
pub enum DeletedResponses {
    #[status(204)]
    Deleted,
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[derive(ApiResponses)]
pub enum OkOr500 {
    #[status(200)]
    Ok,
    #[status(500)]
    Failed,
}

#[derive(ApiResponses)]
pub enum OkNotFoundOr500 {
    #[status(200)]
    Ok,
    #[status(404)]
    NotFound,
    #[status(500)]
    Failed,
}

#[derive(ApiResponses)]
pub enum OnlyOk {
    #[status(200)]
    Ok,
}

/// Defaults: the operation's method and path.
#[operation(GET "/pets/<petId>", responses = ObjectResponses)]
#[s3_integration(bucket = PETS)]
pub struct S3Defaults;

#[operation(DELETE "/pets/<petId>", responses = DeletedResponses)]
#[s3_integration(bucket = PETS, path = "my-pets/{petId}/details.json", success_status = 204)]
pub struct S3Delete;

#[operation(PUT "/archive/<petId>", responses = OkOr500, query = ["version"], headers = ["X-Owner", "Content-Type"])]
#[s3_integration(
    bucket = ARCHIVE,
    path = "/archive/{petId}/{version}",
    request_parameters(
        path("version") = query("version"),
        header("x-amz-meta-owner") = header("X-Owner"),
        header("Content-Type") = header("Content-Type"),
        header("x-amz-acl") = literal("private"),
        query("requester") = context("requestId"),
    ),
    responses = [default_passthrough, catch_all],
    pass_headers = ["ETag"],
    passthrough = "when_no_templates",
    content_handling = "CONVERT_TO_BINARY",
    timeout_ms = 5000,
)]
pub struct S3Put;

#[operation(GET "/photos/<name>", responses = ObjectResponses)]
#[s3_integration(bucket = PETS, method = "head", path = "photos/{name}")]
pub struct S3Head;

#[operation(GET "/images/<name>", responses = ObjectResponses)]
#[s3_integration(
    bucket = PETS,
    path = "images/{name}",
    binary_media_types = ["image/png", "image/jpeg"],
    responses = [
        default_passthrough(status = 200),
        s3_json_error_message,
        "404" => 404 { header("X-Error") = literal("s3"), template = "{\"message\": \"failed\"}", content_handling = "convert_to_text" },
    ],
)]
pub struct S3Binary;

#[operation(GET "/files/<rest..>", responses = ObjectResponses)]
#[s3_integration(bucket = PETS)]
pub struct S3Greedy;

#[operation(GET "/proxy/<petId>", responses = OnlyOk)]
#[http_integration(
    url = "https://api.example.com/pets/{petId}",
    proxy,
    timeout_ms = 5000,
    insecure_skip_verification
)]
pub struct HttpProxy;

#[operation(POST "/http/<petId>", responses = OkNotFoundOr500, query = ["q"], headers = ["X-Trace"])]
#[http_integration(
    url = "https://api.example.com/v2/pets/{petId}/${stageVariables.suffix}",
    method = "put",
    request_parameters(query("search") = query("q"), header("X-Trace-Id") = header("X-Trace")),
    request_template("application/json" = "{\"id\": \"$input.params('petId')\"}"),
    request_template("application/xml" = "<id>$input.params('petId')</id>"),
    responses = [default_passthrough, catch_all, "404" => 404 { template = "[]" }],
    pass_headers = ["Content-Type", "Cache-Control"],
    passthrough = "never",
    content_handling = "convert_to_text",
    cache_key = [path("petId"), query("q")],
    cache_namespace = "pets",
)]
pub struct HttpMapped;

#[operation(POST "/included/<petId>", responses = OnlyOk)]
#[http_integration(
    url = "https://api.example.com/pets/{petId}",
    request_template("application/json" = include_str!("templates/pet.vtl")),
    passthrough = "WHEN_NO_TEMPLATES",
)]
pub struct HttpIncludedTemplate;

#[operation(GET "/private/<id>", responses = OnlyOk)]
#[http_integration(url = "http://internal-nlb.example.com/items/{id}", proxy, connection = vpc_link(LINK))]
pub struct HttpPrivate;

#[operation(ANY "/shared/<rest..>", responses = OnlyOk)]
#[http_integration(url = "http://shared.internal/{rest}", proxy, connection = vpc_link(SHARED_LINK))]
pub struct HttpPrivateImported;

fn healthy() -> OnlyOk {
    OnlyOk::Ok
}

#[operation(GET "/mock/typed", responses = OnlyOk)]
#[mock_integration(with = healthy, header("Cache-Control" = "no-store"), response_template("text/html" = "<p>ok</p>"))]
pub struct MockTyped;

#[operation(GET "/mock/fixed", responses = OnlyOk)]
#[mock_integration(status = 200, body = "{\"ok\": true}", header("X-Mock" = "yes"), response_template("text/html" = "<p>ok</p>"))]
pub struct MockFixed;

fn op(name: &str) -> &'static OperationDescriptor {
    apigw::__private::inventory::iter::<OperationDescriptor>
        .into_iter()
        .find(|o| o.name == name && o.source.file.ends_with("integrations_s3_http.rs"))
        .unwrap_or_else(|| panic!("operation {name} is registered"))
}

/// The OpenAPI document of `ops`.
fn document(ops: Vec<&'static OperationDescriptor>) -> Value {
    apigw_tests::synth::document(&App::new("t").version("1"), &Registry::new(ops).unwrap())
}

fn integration(name: &str) -> Value {
    let op = op(name);
    document(vec![op])["paths"][op.path][op.method.openapi_key()]["x-amazon-apigateway-integration"]
        .clone()
}

/// The OpenAPI operation object of `name` (with its integration).
fn operation(name: &str) -> Value {
    let op = op(name);
    document(vec![op])["paths"][op.path][op.method.openapi_key()].clone()
}

fn grants(name: &str) -> Vec<apigw::integration::IamGrant> {
    let op = op(name);
    op.integration().grants(&RenderContext { operation: op })
}

fn resources(name: &str) -> Vec<apigw::Resource> {
    op(name).integration().resources()
}

/// S3's error entry template for `status` (its message, or what the status means).
fn s3_error_template(status: u16) -> &'static str {
    apigw::spec::s3::error_template(status)
}

/// S3's success entry: any 2xx, nothing else.
const S3_SUCCESS: &str = "2\\d{2}";

#[test]
fn the_operations_of_this_file_form_a_valid_registry() {
    let ops = apigw::__private::inventory::iter::<OperationDescriptor>
        .into_iter()
        .filter(|o| o.source.file.ends_with("integrations_s3_http.rs"))
        .collect();
    Registry::new(ops).expect("statuses declared, routes unique");
}

#[test]
fn s3_defaults_follow_the_operation() {
    let i = integration("S3Defaults");
    assert_eq!(i["type"], "aws");
    assert_eq!(i["httpMethod"], "GET");
    assert_eq!(
        i["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/${PetsBucket}/pets/{petId}"})
    );
    assert_eq!(
        i["requestParameters"],
        json!({"integration.request.path.petId": "method.request.path.petId"})
    );
    assert_eq!(i["passthroughBehavior"], "when_no_match");
    assert_eq!(
        i["credentials"],
        json!({"Fn::Sub": "${S3DefaultsIntegrationRole.Arn}"})
    );
    let responses = i["responses"].as_object().unwrap();
    let keys: Vec<&str> = responses.keys().map(String::as_str).collect();
    assert_eq!(keys, [S3_SUCCESS, "400", "403", "404", "default"]);
    assert_eq!(
        i["responses"][S3_SUCCESS],
        json!({
            "statusCode": "200",
            "responseParameters": {
                "method.response.header.Content-Type": "integration.response.header.Content-Type",
                "method.response.header.Content-Length": "integration.response.header.Content-Length",
                "method.response.header.Date": "integration.response.header.Date",
                "method.response.header.ETag": "integration.response.header.ETag",
            }
        })
    );
    for s in ["400", "403", "404"] {
        assert_eq!(
            i["responses"][s],
            json!({"statusCode": s, "responseTemplates": {"application/json": s3_error_template(s.parse().unwrap())}})
        );
    }
    // Whatever else S3 answers (its 500, a 503 SlowDown, a 412) is 500 `{"message": ...}`.
    assert_eq!(
        i["responses"]["default"],
        json!({"statusCode": "500", "responseTemplates": {"application/json": s3_error_template(500)}})
    );
    assert!(i.get("contentHandling").is_none());
    assert!(i.get("timeoutInMillis").is_none());
}

#[test]
fn s3_error_template_reads_the_message_or_says_what_the_status_means() {
    let t = s3_error_template(404);
    assert!(t.contains("$body.indexOf('<Message>')"));
    assert!(t.contains("#set($message = 'Not Found')"));
    assert!(t.contains("{\"message\": \"$util.escapeJavaScript($message)"));
}

#[test]
fn s3_mapped_headers_are_declared_on_the_method_response() {
    let o = operation("S3Defaults");
    for h in ["Content-Type", "Content-Length", "Date", "ETag"] {
        assert_eq!(
            o["responses"]["200"]["headers"][h],
            json!({"required": false, "schema": {"type": "string"}}),
            "{h}"
        );
    }
    assert!(o["responses"]["404"].get("headers").is_none());
    assert_eq!(
        o["parameters"],
        json!([{"name": "petId", "in": "path", "required": true, "schema": {"type": "string"}}])
    );
}

#[test]
fn s3_path_override_and_success_status() {
    let i = integration("S3Delete");
    assert_eq!(i["httpMethod"], "DELETE");
    assert_eq!(
        i["uri"]["Fn::Sub"],
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/${PetsBucket}/my-pets/{petId}/details.json"
    );
    assert_eq!(i["responses"][S3_SUCCESS]["statusCode"], "204");
    let g = grants("S3Delete");
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].actions, ["s3:DeleteObject"]);
    assert_eq!(
        g[0].resources,
        [json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${PetsBucket}/my-pets/*/details.json"})]
    );
}

#[test]
fn s3_leading_slash_does_not_double() {
    let i = integration("S3Put");
    let uri = i["uri"]["Fn::Sub"].as_str().unwrap();
    assert_eq!(
        uri,
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/${ArchiveBucketName}/archive/{petId}/{version}"
    );
    assert!(!uri.contains("//"));
    for name in ["S3Defaults", "S3Delete", "S3Head", "S3Binary", "S3Greedy"] {
        let i = integration(name);
        assert!(
            !i["uri"]["Fn::Sub"].as_str().unwrap().contains("//"),
            "{name}"
        );
    }
}

#[test]
fn s3_every_option_renders() {
    let i = integration("S3Put");
    assert_eq!(i["httpMethod"], "PUT");
    assert_eq!(
        i["requestParameters"],
        json!({
            "integration.request.path.petId": "method.request.path.petId",
            "integration.request.path.version": "method.request.querystring.version",
            "integration.request.header.x-amz-meta-owner": "method.request.header.X-Owner",
            "integration.request.header.Content-Type": "method.request.header.Content-Type",
            "integration.request.header.x-amz-acl": "'private'",
            "integration.request.querystring.requester": "context.requestId",
        })
    );
    assert_eq!(i["passthroughBehavior"], "when_no_templates");
    assert_eq!(i["contentHandling"], "CONVERT_TO_BINARY");
    assert_eq!(i["timeoutInMillis"], 5000);
    assert_eq!(
        i["responses"],
        json!({
            S3_SUCCESS: {
                "statusCode": "200",
                "responseParameters": {"method.response.header.ETag": "integration.response.header.ETag"}
            },
            // S3's use of `catch_all` answers JSON, not S3's XML labelled `application/json`.
            "(4|5)\\d{2}": {"statusCode": "500", "responseTemplates": {"application/json": s3_error_template(500)}}
        })
    );
    let g = grants("S3Put");
    assert_eq!(g[0].actions, ["s3:PutObject"]);
    assert_eq!(
        g[0].resources,
        [json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${ArchiveBucketName}/archive/*/*"})]
    );
    let r = resources("S3Put");
    assert_eq!(r, [ARCHIVE.resource()]);
    let o = operation("S3Put");
    let names: Vec<(&str, &str)> = o["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["in"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("path", "petId"),
            ("query", "version"),
            ("header", "X-Owner"),
            ("header", "Content-Type")
        ]
    );
}

#[test]
fn s3_head_is_authorized_by_get_object() {
    let i = integration("S3Head");
    assert_eq!(i["httpMethod"], "HEAD");
    assert_eq!(grants("S3Head")[0].actions, ["s3:GetObject"]);
    // Its responses map 404: S3 answers a missing key 404 only to a role that may list the
    // bucket (403 otherwise), so the role may, on the bucket, without a prefix condition.
    let g = grants("S3Head");
    assert_eq!(g.len(), 2);
    assert_eq!(g[1].actions, ["s3:ListBucket"]);
    assert_eq!(
        g[1].resources,
        [json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${PetsBucket}"})]
    );
    // Writes and deletes need no listing.
    assert_eq!(grants("S3Put").len(), 1);
    assert_eq!(grants("S3Delete").len(), 1);
    assert_eq!(
        grants("S3Defaults")[0].resources,
        [json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${PetsBucket}/pets/*"})]
    );
    assert_eq!(resources("S3Defaults"), [PETS.resource()]);
}

#[test]
fn s3_greedy_path_maps_the_plain_name() {
    let i = integration("S3Greedy");
    assert_eq!(
        i["uri"]["Fn::Sub"],
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/${PetsBucket}/files/{rest}"
    );
    assert_eq!(
        i["requestParameters"],
        json!({"integration.request.path.rest": "method.request.path.rest"})
    );
    assert_eq!(
        grants("S3Greedy")[0].resources,
        [json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${PetsBucket}/files/*"})]
    );
}

#[test]
fn s3_response_sets_compose_key_by_key() {
    let i = integration("S3Binary");
    let keys: Vec<&str> = i["responses"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // The custom "404" replaced S3's "404" in place.
    assert_eq!(keys, [S3_SUCCESS, "400", "403", "404", "default"]);
    assert_eq!(
        i["responses"]["404"],
        json!({
            "statusCode": "404",
            "responseParameters": {"method.response.header.X-Error": "'s3'"},
            "responseTemplates": {"application/json": "{\"message\": \"failed\"}"},
            "contentHandling": "CONVERT_TO_TEXT"
        })
    );
    assert_eq!(
        i["responses"]["403"]["responseTemplates"]["application/json"],
        s3_error_template(403)
    );
}

#[test]
fn s3_binary_objects() {
    let i = integration("S3Binary");
    assert_eq!(
        i["responses"][S3_SUCCESS]["contentHandling"],
        "CONVERT_TO_BINARY"
    );
    let op = op("S3Binary");
    let doc = document(vec![op, self::op("S3Defaults")]);
    assert_eq!(
        doc["x-amazon-apigateway-binary-media-types"],
        json!(["image/jpeg", "image/png"])
    );
    let plain = document(vec![self::op("S3Defaults")]);
    assert!(
        plain
            .get("x-amazon-apigateway-binary-media-types")
            .is_none()
    );
    // The error header a custom response maps is declared on its status.
    assert_eq!(
        operation("S3Binary")["responses"]["404"]["headers"]["X-Error"]["schema"],
        json!({"type": "string"})
    );
}

#[test]
fn http_proxy() {
    let i = integration("HttpProxy");
    assert_eq!(
        i,
        json!({
            "type": "http_proxy",
            "httpMethod": "GET",
            "uri": "https://api.example.com/pets/{petId}",
            "requestParameters": {"integration.request.path.petId": "method.request.path.petId"},
            "passthroughBehavior": "when_no_match",
            "timeoutInMillis": 5000,
            "tlsConfig": {"insecureSkipVerification": true}
        })
    );
    assert!(grants("HttpProxy").is_empty());
    assert!(resources("HttpProxy").is_empty());
}

#[test]
fn http_with_mappings() {
    let i = integration("HttpMapped");
    assert_eq!(i["type"], "http");
    assert_eq!(i["httpMethod"], "PUT");
    assert_eq!(
        i["uri"],
        "https://api.example.com/v2/pets/{petId}/${stageVariables.suffix}"
    );
    assert_eq!(
        i["requestParameters"],
        json!({
            "integration.request.path.petId": "method.request.path.petId",
            "integration.request.querystring.search": "method.request.querystring.q",
            "integration.request.header.X-Trace-Id": "method.request.header.X-Trace",
        })
    );
    assert_eq!(
        i["requestTemplates"],
        json!({
            "application/json": "{\"id\": \"$input.params('petId')\"}",
            "application/xml": "<id>$input.params('petId')</id>",
        })
    );
    assert_eq!(i["passthroughBehavior"], "never");
    assert_eq!(i["contentHandling"], "CONVERT_TO_TEXT");
    assert_eq!(
        i["cacheKeyParameters"],
        json!(["method.request.path.petId", "method.request.querystring.q"])
    );
    assert_eq!(i["cacheNamespace"], "pets");
    assert!(i.get("credentials").is_none());
    assert_eq!(
        i["responses"],
        json!({
            "default": {
                "statusCode": "200",
                "responseParameters": {
                    "method.response.header.Content-Type": "integration.response.header.Content-Type",
                    "method.response.header.Cache-Control": "integration.response.header.Cache-Control",
                }
            },
            // The catch-all leaves out the statuses the other entries select: disjoint patterns.
            "40[0-35-9]|4[1-9]\\d|5\\d{2}": {"statusCode": "500"},
            "404": {"statusCode": "404", "responseTemplates": {"application/json": "[]"}},
        })
    );
    let o = operation("HttpMapped");
    assert_eq!(
        o["responses"]["200"]["headers"]["Cache-Control"]["schema"],
        json!({"type": "string"})
    );
}

#[test]
fn http_template_from_a_file() {
    let i = integration("HttpIncludedTemplate");
    assert_eq!(i["type"], "http");
    assert_eq!(i["httpMethod"], "POST");
    assert_eq!(
        i["requestTemplates"]["application/json"],
        include_str!("templates/pet.vtl")
    );
    assert_eq!(i["passthroughBehavior"], "when_no_templates");
    assert_eq!(
        i["responses"],
        json!({"default": {
            "statusCode": "200",
            "responseParameters": {"method.response.header.Content-Type": "integration.response.header.Content-Type"}
        }})
    );
}

#[test]
fn http_private_over_vpc_link() {
    let i = integration("HttpPrivate");
    assert_eq!(i["type"], "http_proxy");
    assert_eq!(i["connectionType"], "VPC_LINK");
    assert_eq!(i["connectionId"], json!({"Fn::Sub": "${BackendVpcLink}"}));
    assert_eq!(i["uri"], "http://internal-nlb.example.com/items/{id}");
    assert_eq!(resources("HttpPrivate"), [LINK.resource()]);

    let i = integration("HttpPrivateImported");
    assert_eq!(i["httpMethod"], "ANY");
    assert_eq!(i["connectionId"], json!({"Fn::Sub": "${SharedVpcLinkId}"}));
    assert_eq!(
        i["requestParameters"],
        json!({"integration.request.path.rest": "method.request.path.rest"})
    );
}

#[test]
fn mock_typed_with_template_and_header() {
    let i = integration("MockTyped");
    assert_eq!(
        i["responses"]["default"],
        json!({
            "statusCode": "200",
            "responseParameters": {"method.response.header.Cache-Control": "'no-store'"},
            "responseTemplates": {"text/html": "<p>ok</p>"}
        })
    );
    assert_eq!(
        operation("MockTyped")["responses"]["200"]["headers"]["Cache-Control"],
        json!({"required": false, "schema": {"type": "string"}})
    );
}

#[test]
fn mock_fixed_with_templates_and_headers() {
    let i = integration("MockFixed");
    assert_eq!(
        i["responses"]["default"],
        json!({
            "statusCode": "200",
            "responseParameters": {"method.response.header.X-Mock": "'yes'"},
            "responseTemplates": {
                "application/json": "{\"ok\": true}",
                "text/html": "<p>ok</p>"
            }
        })
    );
    assert!(
        operation("MockFixed")["responses"]["200"]["headers"]
            .get("X-Mock")
            .is_some()
    );
}
