//! The S3 example's rendered document (`tests/golden/s3/openapi.json`) executed against S3 (moto):
//! the client's requests go through the gateway, the objects land in (and come from) a real
//! bucket.

mod common;

use apigw_gateway::{Bindings, Gateway, GatewayConfig};
use common::*;

/// A gateway for the S3 example with fresh buckets.
async fn s3_api() -> (Gateway, String, String) {
    let pets = unique("pets");
    let photos = unique("photos");
    for bucket in [&pets, &photos] {
        let created = aws("s3", "PUT", &format!("/{bucket}"), &[], "").await;
        assert_eq!(created.status, 200, "{}", created.text());
    }
    let doc = golden("s3");
    let bindings = Bindings::new()
        .bind("PetsBucket", &pets)
        .bind("PhotosBucketName", &photos);
    let gateway = gateway(&doc, bindings, GatewayConfig::new().aws_endpoint(moto()));
    (gateway, pets, photos)
}

/// The bytes of a small PNG (signature, IHDR, a byte of every value).
fn png() -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    bytes.extend(0u8..=255);
    bytes
}

#[tokio::test]
async fn put_get_head_delete_a_document() {
    let (gw, pets, _) = s3_api().await;
    let doc = r#"{"name": "Rex", "owner": "O'Brien", "city": "Zürich 🐕"}"#;
    let put = send(
        &gw,
        "PUT",
        "/prod/pets/rex",
        &[("Content-Type", "application/json"), ("X-Owner", "alice")],
        doc,
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.text());
    assert!(
        put.header("etag").is_some_and(|e| e.starts_with('"')),
        "{:?}",
        put.headers
    );

    // The object is in the bucket, under the key the integration names, with its metadata.
    let stored = aws("s3", "GET", &format!("/{pets}/pets/rex.json"), &[], "").await;
    assert_eq!(stored.status, 200);
    assert_eq!(stored.text(), doc);
    assert_eq!(stored.header("x-amz-meta-owner"), Some("alice"));
    assert_eq!(stored.header("content-type"), Some("application/json"));

    let got = send(&gw, "GET", "/prod/pets/rex", &[], "").await;
    assert_eq!(got.status, 200);
    assert_eq!(got.text(), doc);
    assert_eq!(got.header("content-type"), Some("application/json"));
    assert_eq!(
        got.header("content-length"),
        Some(doc.len().to_string().as_str())
    );
    assert!(got.header("etag").is_some() && got.header("date").is_some());

    let head = send(&gw, "HEAD", "/prod/pets/rex", &[], "").await;
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(doc.len().to_string().as_str())
    );

    let deleted = send(&gw, "DELETE", "/prod/pets/rex", &[], "").await;
    assert_eq!(deleted.status, 204, "{}", deleted.text());
    let gone = aws("s3", "GET", &format!("/{pets}/pets/rex.json"), &[], "").await;
    assert_eq!(gone.status, 404);
}

#[tokio::test]
async fn keys_are_url_encoded_as_api_gateway_encodes_them() {
    let (gw, pets, _) = s3_api().await;
    let put = send(
        &gw,
        "PUT",
        "/prod/pets/a%20b%C3%A9",
        &[("Content-Type", "text/plain")],
        "spaced",
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.text());
    let stored = aws(
        "s3",
        "GET",
        &format!("/{pets}/pets/a%20b%C3%A9.json"),
        &[],
        "",
    )
    .await;
    assert_eq!(stored.text(), "spaced");
}

/// Observed with moto: a missing key is S3's 404 NoSuchKey, turned into `{"message": ...}` by
/// `s3_json_error_message`. (AWS answers 403 AccessDenied instead unless the integration's role
/// may `s3:ListBucket`; moto does not evaluate IAM.)
#[tokio::test]
async fn a_missing_key_is_404_with_s3s_message() {
    let (gw, _, _) = s3_api().await;
    let missing = send(&gw, "GET", "/prod/pets/nobody", &[], "").await;
    assert_eq!(missing.status, 404, "{}", missing.text());
    assert_eq!(
        missing.json(),
        serde_json::json!({"message": "The specified key does not exist."})
    );
    assert_eq!(missing.header("content-type"), Some("application/json"));
}

/// S3 answers a HEAD of a missing key with 404 and no body. The rendered 404 entry's template
/// reads `<Message>` out of the body, which fails on an empty one: the client gets 500.
#[tokio::test]
#[ignore = "defect: the S3 error template fails on HEAD's empty error body (500 instead of 404), issue 8"]
async fn head_of_a_missing_key_is_404() {
    let (gw, _, _) = s3_api().await;
    let missing = send(&gw, "HEAD", "/prod/pets/nobody", &[], "").await;
    assert_eq!(missing.status, 404);
}

/// What today's rendering gives for HEAD of a missing key (the defect above, pinned so a change
/// is noticed).
#[tokio::test]
async fn head_of_a_missing_key_today() {
    let (gw, _, _) = s3_api().await;
    let missing = send(&gw, "HEAD", "/prod/pets/nobody", &[], "").await;
    assert_eq!(missing.status, 500);
    assert_eq!(
        missing.header("x-amzn-errortype"),
        Some("InternalServerErrorException")
    );
}

#[tokio::test]
async fn binary_round_trip() {
    let (gw, pets, photos) = s3_api().await;
    let image = png();
    // PUT of a binary media type: the bytes pass through unchanged.
    let put = send(
        &gw,
        "PUT",
        "/prod/pets/pic",
        &[("Content-Type", "image/png")],
        image.clone(),
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.text());
    let stored = aws("s3", "GET", &format!("/{pets}/pets/pic.json"), &[], "").await;
    assert_eq!(stored.body.as_ref(), image.as_slice());

    // GET with a binary Accept: the bytes; with a text Accept and no contentHandling, API
    // Gateway base64-encodes a binary payload.
    let got = send(&gw, "GET", "/prod/pets/pic", &[("Accept", "image/png")], "").await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body.as_ref(), image.as_slice());
    assert_eq!(got.header("content-type"), Some("image/png"));
    let as_text = send(
        &gw,
        "GET",
        "/prod/pets/pic",
        &[("Accept", "application/json")],
        "",
    )
    .await;
    use base64::Engine;
    assert_eq!(
        as_text.text(),
        base64::engine::general_purpose::STANDARD.encode(&image)
    );

    // The photo route converts to binary whatever the Accept.
    let uploaded = aws(
        "s3",
        "PUT",
        &format!("/{photos}/photos/small/cat.png"),
        &[("Content-Type", "image/png")],
        image.clone(),
    )
    .await;
    assert_eq!(uploaded.status, 200);
    let photo = send(
        &gw,
        "GET",
        "/prod/photos/cat.png?size=small",
        &[("Accept", "text/html")],
        "",
    )
    .await;
    assert_eq!(photo.status, 200, "{}", photo.text());
    assert_eq!(photo.body.as_ref(), image.as_slice());
    assert_eq!(photo.header("content-type"), Some("image/png"));
}

/// The photo route maps S3's 404 to its own 404, next to a catch-all: the catch-all's pattern
/// leaves 404 out (patterns are disjoint), so the order of the entries does not matter.
#[tokio::test]
async fn a_missing_photo_is_404() {
    let (gw, _, _) = s3_api().await;
    let no_photo = send(&gw, "GET", "/prod/photos/dog.png?size=small", &[], "").await;
    assert_eq!(no_photo.status, 404);
    assert_eq!(
        no_photo.json(),
        serde_json::json!({"message": "no such photo"})
    );
}

/// The action form of the S3 uri (`s3:action/GetObject&Bucket=...&Key=...`) is the same REST
/// call as the path form.
#[tokio::test]
async fn action_form_get_object() {
    let (_, pets, _) = s3_api().await;
    let stored = aws(
        "s3",
        "PUT",
        &format!("/{pets}/deep/a%20b.txt"),
        &[("Content-Type", "text/plain")],
        "by action",
    )
    .await;
    assert_eq!(stored.status, 200);
    let doc = serde_json::json!({"paths": {"/objects/{key+}": {"get": {
    "responses": {"200": {"description": "ok", "headers": {"Content-Type": {"schema": {"type": "string"}}}}},
    "x-amazon-apigateway-integration": {
        "type": "aws", "httpMethod": "GET",
        "uri": format!("arn:aws:apigateway:us-east-1:s3:action/GetObject&Bucket={pets}&Key={{key}}"),
        "requestParameters": {"integration.request.path.key": "method.request.path.key"},
        "responses": {"default": {"statusCode": "200", "responseParameters": {"method.response.header.Content-Type": "integration.response.header.Content-Type"}}}
    }}}}});
    let gw = Gateway::new(&doc, GatewayConfig::new().aws_endpoint(moto())).unwrap();
    let got = send(&gw, "GET", "/prod/objects/deep/a%20b.txt", &[], "").await;
    assert_eq!(got.status, 200, "{}", got.text());
    assert_eq!(got.text(), "by action");
    assert_eq!(got.header("content-type"), Some("text/plain"));
}
