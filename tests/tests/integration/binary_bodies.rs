//! Binary bodies (`Binary<M>`) both ways, and request bodies on marker operations (`body = ...`):
//! a handler taking and returning JPEG bytes driven through Lambda events (base64 in, base64
//! out), the OpenAPI document (golden `tests/golden/binary-bodies/openapi.json`), and the media
//! types in the API's binary media types (document and template).

use std::sync::Arc;

use apigw::prelude::*;
use apigw::synth::TemplateOptions;
use apigw::{OperationDescriptor, Queue, Registry};
use apigw_tests::assert_golden;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

/// Not UTF-8 (0xFF, 0xD8 start every JPEG): text handling anywhere would mangle it.
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x80, 0xFE, 0xFF, 0xD9,
];

#[derive(ApiResponses)]
pub enum CoverResponses {
    /// The cover as stored: the JPEG itself.
    #[status(200)]
    Ok(Binary<ImageJpeg>),
    /// The cover is not a JPEG.
    #[status(422)]
    NotJpeg(Json<ApiError>),
}

/// Store a book's cover and answer it back.
#[operation(PUT "/covers/<isbn>")]
pub async fn put_cover(isbn: String, cover: Binary<ImageJpeg>) -> CoverResponses {
    if !cover.starts_with(&[0xFF, 0xD8]) || isbn.is_empty() {
        return CoverResponses::NotJpeg(Json(ApiError::new("the cover is not a JPEG")));
    }
    CoverResponses::Ok(Binary::new(cover.into_bytes()))
}

/// A media type apigw does not name, declared by the user.
pub enum Avif {}
impl apigw::MediaType for Avif {
    const MEDIA_TYPE: &'static str = "image/avif";
}

/// What the marker operations answer.
#[derive(ApiResponses)]
pub enum StoredResponses {
    #[status(200)]
    Stored,
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

pub const ARCHIVE: apigw::Bucket = apigw::Bucket::owned("archive");
pub const ORDERS: Queue = Queue::owned("binary-orders");

/// Archive a cover in S3, no function involved.
#[operation(PUT "/archive/<isbn>", responses = StoredResponses, body = Binary<Avif>)]
#[s3_integration(bucket = ARCHIVE, path = "covers/{isbn}.avif")]
pub struct ArchiveCover;

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct CoverOrder {
    pub isbn: String,
}

#[derive(ApiResponses)]
pub enum QueuedResponses {
    #[status(200)]
    Queued,
    #[status(500)]
    Failed(Json<ApiError>),
}

/// Queue a cover order: SQS reads the body as text, and JSON is text.
#[operation(POST "/cover-orders", responses = QueuedResponses, body = Json<CoverOrder>)]
#[aws_integration(sqs::send_message(queue = ORDERS))]
pub struct OrderCover;

fn registry() -> Registry {
    let ops: Vec<&'static OperationDescriptor> =
        apigw::__private::inventory::iter::<OperationDescriptor>
            .into_iter()
            .filter(|op| op.source.file.ends_with("binary_bodies.rs"))
            .collect();
    Registry::new(ops).unwrap()
}

fn app() -> App {
    App::new("Covers").version("1.0.0")
}

fn dispatcher() -> Arc<apigw::Dispatcher> {
    Arc::new(apigw::Dispatcher::new(
        &registry(),
        apigw::Shared::default(),
        |_| true,
    ))
}

/// A REST (payload 1.0) event for `PUT /covers/{isbn}` carrying `body` as API Gateway sends a
/// binary media type: base64, `isBase64Encoded: true`.
fn put_cover_event(content_type: &str, body: &[u8]) -> Value {
    json!({
        "resource": "/covers/{isbn}",
        "path": "/covers/978-0",
        "httpMethod": "PUT",
        "headers": {"Content-Type": content_type, "Accept": "image/jpeg"},
        "multiValueHeaders": {"Content-Type": [content_type], "Accept": ["image/jpeg"]},
        "queryStringParameters": null,
        "multiValueQueryStringParameters": null,
        "pathParameters": {"isbn": "978-0"},
        "stageVariables": null,
        "requestContext": {
            "resourcePath": "/covers/{isbn}",
            "httpMethod": "PUT",
            "stage": "prod",
            "requestId": "r1"
        },
        "body": STANDARD.encode(body),
        "isBase64Encoded": true
    })
}

async fn handle(event: Value) -> Value {
    apigw::lambda::handle_event(
        dispatcher(),
        lambda_runtime::LambdaEvent::new(event, lambda_runtime::Context::default()),
    )
    .await
    .expect("a proxy response")
}

#[tokio::test]
async fn jpeg_bytes_go_in_and_out_base64() {
    let out = handle(put_cover_event("image/jpeg", JPEG)).await;
    assert_eq!(out["statusCode"], 200);
    assert_eq!(out["headers"]["content-type"], "image/jpeg");
    assert_eq!(out["isBase64Encoded"], true);
    let body = STANDARD
        .decode(out["body"].as_str().expect("a body"))
        .expect("base64");
    assert_eq!(body, JPEG);
}

#[tokio::test]
async fn the_handler_sees_the_exact_bytes() {
    // Bytes that are not a JPEG reach the handler unchanged, and it answers with its own 422.
    let out = handle(put_cover_event("image/jpeg", &[0x00, 0xFE, 0x80])).await;
    assert_eq!(out["statusCode"], 422);
    assert_eq!(
        serde_json::from_str::<Value>(out["body"].as_str().unwrap()).unwrap(),
        json!({"message": "the cover is not a JPEG"})
    );
}

#[tokio::test]
async fn another_media_type_or_no_body_is_a_400_in_the_clients_terms() {
    let out = handle(put_cover_event("text/plain", JPEG)).await;
    assert_eq!(out["statusCode"], 400);
    assert_eq!(
        serde_json::from_str::<Value>(out["body"].as_str().unwrap()).unwrap(),
        json!({"message": "the request body must be `image/jpeg` content, but its Content-Type is `text/plain`: send `Content-Type: image/jpeg`"})
    );
    let out = handle(put_cover_event("image/jpeg", b"")).await;
    assert_eq!(out["statusCode"], 400);
    assert!(
        out["body"]
            .as_str()
            .unwrap()
            .contains("the request body is missing: send the `image/jpeg` content"),
        "{out}"
    );
}

#[test]
fn golden_document() {
    let doc = apigw_tests::synth::document(&app(), &registry());
    let mut text = serde_json::to_string_pretty(&doc).unwrap();
    text.push('\n');
    assert_golden("binary-bodies/openapi.json", &text);
}

#[test]
fn bodies_are_documented_under_their_media_types() {
    let doc = apigw_tests::synth::document(&app(), &registry());
    let bytes = json!({"type": "string", "format": "binary"});
    let put = &doc["paths"]["/covers/{isbn}"]["put"];
    assert_eq!(put["requestBody"]["content"]["image/jpeg"]["schema"], bytes);
    assert_eq!(
        put["responses"]["200"]["content"]["image/jpeg"]["schema"],
        bytes
    );
    let archive = &doc["paths"]["/archive/{isbn}"]["put"];
    assert_eq!(
        archive["requestBody"],
        json!({"required": true, "content": {"image/avif": {"schema": bytes}}})
    );
    let order = &doc["paths"]["/cover-orders"]["post"];
    assert_eq!(
        order["requestBody"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/CoverOrder"})
    );
}

#[test]
fn declared_media_types_are_binary_media_types_of_the_api() {
    let registry = registry();
    let doc = apigw_tests::synth::document(&app(), &registry);
    let expected = json!(["image/avif", "image/jpeg"]);
    assert_eq!(doc["x-amazon-apigateway-binary-media-types"], expected);
    let template =
        apigw_tests::synth::template(&app(), &registry, &TemplateOptions::default()).unwrap();
    let api = template["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|r| r["Type"] == "AWS::ApiGateway::RestApi")
        .expect("the REST API");
    assert_eq!(api["Properties"]["BinaryMediaTypes"], expected);
}
