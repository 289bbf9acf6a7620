//! The S3 example's rendered document (`tests/golden/s3/openapi.json`) executed against S3 (moto):
//! the client's requests go through the gateway, the objects land in (and come from) real
//! buckets, and S3's answers (objects, listings, errors with and without a body) run through the
//! rendered integration responses.
//!
//! moto does not evaluate IAM: what the integration roles allow is pinned by the template tests
//! (`tests/tests/integration/integrations_s3_*.rs`). A missing key is 404 here; on AWS it is 404
//! because the roles of reads that map 404 may `s3:ListBucket` (403 otherwise).

mod common;

use apigw_gateway::{Bindings, Gateway, GatewayConfig};
use common::*;
use serde_json::{Value, json};

/// The S3 example's buckets, created fresh.
struct Buckets {
    pets: String,
    photos: String,
    files: String,
}

async fn create_bucket(name: &str) {
    let created = aws("s3", "PUT", &format!("/{name}"), &[], "").await;
    assert_eq!(created.status, 200, "{}", created.text());
}

/// A gateway for the S3 example with fresh buckets, in `region` (`us-east-1` by default).
async fn s3_api_in(region: Option<&str>) -> (Gateway, Buckets) {
    let buckets = Buckets {
        pets: unique("pets"),
        photos: unique("photos"),
        files: unique("files"),
    };
    for bucket in [&buckets.pets, &buckets.photos, &buckets.files] {
        create_bucket(bucket).await;
    }
    let doc = golden("s3");
    let mut bindings = Bindings::new()
        .bind("PetsBucket", &buckets.pets)
        .bind("PhotosBucketName", &buckets.photos)
        .bind("FilesBucket", &buckets.files);
    let mut config = GatewayConfig::new().aws_endpoint(moto());
    if let Some(region) = region {
        bindings = bindings.bind("AWS::Region", region);
        config = config.region(region);
    }
    (gateway(&doc, bindings, config), buckets)
}

async fn s3_api() -> (Gateway, Buckets) {
    s3_api_in(None).await
}

/// The bytes of a small PNG (signature, IHDR, a byte of every value).
fn png() -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    bytes.extend(0u8..=255);
    bytes
}

/// Every answer of an error entry is `{"message": ...}` JSON.
fn assert_json_error(answer: &Answer, status: u16, message: &str) {
    assert_eq!(answer.status, status, "{}", answer.text());
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.json(), json!({ "message": message }));
}

#[tokio::test]
async fn put_get_head_delete_a_document() {
    let (gw, b) = s3_api().await;
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
    let stored = aws("s3", "GET", &format!("/{}/pets/rex.json", b.pets), &[], "").await;
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
    let gone = aws("s3", "GET", &format!("/{}/pets/rex.json", b.pets), &[], "").await;
    assert_eq!(gone.status, 404);
}

#[tokio::test]
async fn keys_are_url_encoded_as_api_gateway_encodes_them() {
    let (gw, b) = s3_api().await;
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
        &format!("/{}/pets/a%20b%C3%A9.json", b.pets),
        &[],
        "",
    )
    .await;
    assert_eq!(stored.text(), "spaced");
}

/// A missing key is S3's 404 NoSuchKey, turned into `{"message": ...}` by
/// `s3_json_error_message`.
#[tokio::test]
async fn a_missing_key_is_404_with_s3s_message() {
    let (gw, _) = s3_api().await;
    let missing = send(&gw, "GET", "/prod/pets/nobody", &[], "").await;
    assert_json_error(&missing, 404, "The specified key does not exist.");
}

/// S3 answers a HEAD of a missing key with 404 and no body at all: the error template says what
/// the status means instead of failing on the missing `<Message>` (which gave 500), and the
/// client gets the declared 404 (a HEAD answer has no body).
#[tokio::test]
async fn head_of_a_missing_key_is_404() {
    let (gw, _) = s3_api().await;
    let missing = send(&gw, "HEAD", "/prod/pets/nobody", &[], "").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), Some("application/json"));
    assert!(missing.body.is_empty());
    assert!(missing.header("x-amzn-errortype").is_none());
    // The same integration response, for a GET of the tutorial's routes (a body to read).
    let item = send(&gw, "HEAD", "/prod/buckets/apigw-demo-none/a/b", &[], "").await;
    assert_eq!(item.status, 404);
}

#[tokio::test]
async fn binary_round_trip() {
    let (gw, b) = s3_api().await;
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
    let stored = aws("s3", "GET", &format!("/{}/pets/pic.json", b.pets), &[], "").await;
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
        &format!("/{}/photos/small/cat.png", b.photos),
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

    // Any bytes through the files route (`application/octet-stream` is a binary type).
    let bytes: Vec<u8> = (0u8..=255).rev().collect();
    let put = send(
        &gw,
        "PUT",
        "/prod/files/blobs/x.bin",
        &[("Content-Type", "application/octet-stream")],
        bytes.clone(),
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.text());
    let stored = aws("s3", "GET", &format!("/{}/blobs/x.bin", b.files), &[], "").await;
    assert_eq!(stored.body.as_ref(), bytes.as_slice());
    let got = send(
        &gw,
        "GET",
        "/prod/files/blobs/x.bin",
        &[("Accept", "application/octet-stream")],
        "",
    )
    .await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body.as_ref(), bytes.as_slice());
}

/// The photo route maps `2\d{2}` -> 200, `404` -> 404 and `default` -> 500: disjoint, so S3's 404
/// selects its own entry whatever order API Gateway tries patterns in, and answers the route's own
/// message.
#[tokio::test]
async fn a_missing_photo_is_404() {
    let (gw, _) = s3_api().await;
    let no_photo = send(&gw, "GET", "/prod/photos/dog.png?size=small", &[], "").await;
    assert_eq!(no_photo.status, 404);
    assert_eq!(
        no_photo.json(),
        serde_json::json!({"message": "no such photo"})
    );
}

/// Keys with slashes: a greedy path parameter is the key, its `/` kept as `/`.
#[tokio::test]
async fn greedy_keys_keep_their_slashes() {
    let (gw, b) = s3_api().await;
    for key in ["a/b/c.txt", "a/b/d e.txt", "z/é/ü/🐕.txt"] {
        let path = key
            .split('/')
            .map(|s| {
                percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("/");
        let put = send(
            &gw,
            "PUT",
            &format!("/prod/files/{path}"),
            &[("Content-Type", "text/plain")],
            format!("at {key}"),
        )
        .await;
        assert_eq!(put.status, 200, "{key}: {}", put.text());
        let stored = aws("s3", "GET", &format!("/{}/{path}", b.files), &[], "").await;
        assert_eq!(stored.status, 200, "{key}");
        assert_eq!(stored.text(), format!("at {key}"));
        let got = send(&gw, "GET", &format!("/prod/files/{path}"), &[], "").await;
        assert_eq!(got.text(), format!("at {key}"));
    }
    let deleted = send(&gw, "DELETE", "/prod/files/a/b/c.txt", &[], "").await;
    assert_eq!(deleted.status, 204);
    let gone = send(&gw, "GET", "/prod/files/a/b/c.txt", &[], "").await;
    assert_json_error(&gone, 404, "The specified key does not exist.");
}

async fn put_file(b: &Buckets, key: &str, body: &str) -> String {
    let path = key
        .split('/')
        .map(|s| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        })
        .collect::<Vec<_>>()
        .join("/");
    let put = aws(
        "s3",
        "PUT",
        &format!("/{}/{path}", b.files),
        &[("Content-Type", "text/plain")],
        body.to_string(),
    )
    .await;
    assert_eq!(put.status, 200, "{key}: {}", put.text());
    put.header("etag").unwrap().to_string()
}

fn keys(listing: &Value) -> Vec<&str> {
    listing["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["key"].as_str().unwrap())
        .collect()
}

/// The JSON listing, on ListObjectsV2's real XML: an empty bucket, a page, truncated pages
/// followed by their continuation token, prefixes, and keys with `&`, `'`, `"`, `<`, `+`, spaces
/// and non-ASCII characters.
#[tokio::test]
async fn json_listing_pages() {
    let (gw, b) = s3_api().await;
    let empty = send(&gw, "GET", "/prod/files", &[], "").await;
    assert_eq!(empty.status, 200, "{}", empty.text());
    assert_eq!(empty.header("content-type"), Some("application/json"));
    assert_eq!(
        empty.json(),
        json!({"objects": [], "prefixes": [], "truncated": false, "nextContinuationToken": null})
    );

    let odd = [
        "docs/a&b.txt",
        "docs/it's \"quoted\".txt",
        "docs/café 🐕.txt",
        "docs/x+y<z>.txt",
        "docs/sub/deep.txt",
        "readme.txt",
    ];
    let mut etags = Vec::new();
    for (i, key) in odd.iter().enumerate() {
        etags.push(put_file(&b, key, &"x".repeat(i + 1)).await);
    }
    let page = send(&gw, "GET", "/prod/files", &[], "").await;
    assert_eq!(page.status, 200, "{}", page.text());
    let listing = page.json();
    // The answer is the body the operation declares.
    let typed: apigw::integration::ObjectListing =
        serde_json::from_value(listing.clone()).expect("an ObjectListing");
    assert_eq!(typed.objects.len(), odd.len());
    let mut sorted = odd.to_vec();
    sorted.sort();
    assert_eq!(keys(&listing), sorted);
    assert_eq!(listing["truncated"], false);
    assert_eq!(listing["nextContinuationToken"], Value::Null);
    for object in listing["objects"].as_array().unwrap() {
        let i = odd.iter().position(|k| *k == object["key"]).unwrap();
        assert_eq!(object["size"], i + 1, "{object}");
        assert_eq!(object["etag"], etags[i], "{object}");
        let modified = object["lastModified"].as_str().unwrap();
        assert!(
            modified.len() >= 20 && modified.ends_with('Z') && modified.contains('T'),
            "{modified}"
        );
    }

    // A prefix and a delimiter: the keys below roll up into prefixes.
    let folder = send(&gw, "GET", "/prod/files?prefix=docs/&delimiter=/", &[], "").await;
    let folder = folder.json();
    assert_eq!(
        keys(&folder),
        [
            "docs/a&b.txt",
            "docs/café 🐕.txt",
            "docs/it's \"quoted\".txt",
            "docs/x+y<z>.txt"
        ]
    );
    assert_eq!(folder["prefixes"], json!(["docs/sub/"]));
    let top = send(&gw, "GET", "/prod/files?delimiter=/", &[], "")
        .await
        .json();
    assert_eq!(keys(&top), ["readme.txt"]);
    assert_eq!(top["prefixes"], json!(["docs/"]));

    // Pages of two, followed by their tokens, give every key once, in order.
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &token {
            None => "/prod/files?limit=2".to_string(),
            Some(t) => format!(
                "/prod/files?limit=2&token={}",
                percent_encoding::utf8_percent_encode(t, percent_encoding::NON_ALPHANUMERIC)
            ),
        };
        let page = send(&gw, "GET", &path, &[], "").await;
        assert_eq!(page.status, 200, "{}", page.text());
        let page = page.json();
        serde_json::from_value::<apigw::integration::ObjectListing>(page.clone())
            .expect("an ObjectListing");
        pages += 1;
        seen.extend(keys(&page).into_iter().map(String::from));
        if page["truncated"] == true {
            token = Some(page["nextContinuationToken"].as_str().unwrap().to_string());
            assert_eq!(keys(&page).len(), 2);
        } else {
            assert_eq!(page["nextContinuationToken"], Value::Null);
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, sorted);

    // S3 refuses a token it did not issue: 400 with S3's message, as JSON.
    let bad = send(&gw, "GET", "/prod/files?token=", &[], "").await;
    assert_eq!(bad.status, 400, "{}", bad.text());
    assert!(bad.json()["message"].is_string());
}

/// AWS's S3 proxy tutorial, with the bucket taken from the path: create a bucket, write, read,
/// inspect and list its objects (XML, as S3 writes it), delete them and the bucket; conflicts are
/// 409, missing buckets and keys 404, all as JSON.
#[tokio::test]
async fn the_tutorials_api_with_the_bucket_from_the_path() {
    let (gw, _) = s3_api().await;
    let folder = unique("apigw-demo");
    let created = send(&gw, "PUT", &format!("/prod/buckets/{folder}"), &[], "").await;
    assert_eq!(created.status, 200, "{}", created.text());
    assert_eq!(
        aws("s3", "HEAD", &format!("/{folder}"), &[], "")
            .await
            .status,
        200
    );

    let put = send(
        &gw,
        "PUT",
        &format!("/prod/buckets/{folder}/notes/2024/a.txt"),
        &[("Content-Type", "text/plain")],
        "first",
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.text());
    assert!(put.header("etag").is_some());
    let stored = aws("s3", "GET", &format!("/{folder}/notes/2024/a.txt"), &[], "").await;
    assert_eq!(stored.text(), "first");

    let got = send(
        &gw,
        "GET",
        &format!("/prod/buckets/{folder}/notes/2024/a.txt"),
        &[],
        "",
    )
    .await;
    assert_eq!(got.status, 200);
    assert_eq!(got.text(), "first");
    assert_eq!(got.header("content-type"), Some("text/plain"));
    let head = send(
        &gw,
        "HEAD",
        &format!("/prod/buckets/{folder}/notes/2024/a.txt"),
        &[],
        "",
    )
    .await;
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-length"), Some("5"));

    let listed = send(&gw, "GET", &format!("/prod/buckets/{folder}"), &[], "").await;
    assert_eq!(listed.status, 200, "{}", listed.text());
    assert_eq!(listed.header("content-type"), Some("application/xml"));
    let xml = listed.text();
    assert!(xml.contains("<ListBucketResult"), "{xml}");
    assert_eq!(xml_value(&xml, "Key").as_deref(), Some("notes/2024/a.txt"));
    assert_eq!(xml_value(&xml, "KeyCount").as_deref(), Some("1"));
    let none = send(
        &gw,
        "GET",
        &format!("/prod/buckets/{folder}?prefix=other/"),
        &[],
        "",
    )
    .await;
    assert_eq!(xml_value(&none.text(), "KeyCount").as_deref(), Some("0"));

    // Not empty: S3's BucketNotEmpty is a 409.
    let busy = send(&gw, "DELETE", &format!("/prod/buckets/{folder}"), &[], "").await;
    assert_eq!(busy.status, 409, "{}", busy.text());
    assert_eq!(busy.header("content-type"), Some("application/json"));
    assert!(
        busy.json()["message"]
            .as_str()
            .unwrap()
            .contains("not empty")
    );

    let deleted = send(
        &gw,
        "DELETE",
        &format!("/prod/buckets/{folder}/notes/2024/a.txt"),
        &[],
        "",
    )
    .await;
    assert_eq!(deleted.status, 204, "{}", deleted.text());
    let gone = send(
        &gw,
        "GET",
        &format!("/prod/buckets/{folder}/notes/2024/a.txt"),
        &[],
        "",
    )
    .await;
    assert_json_error(&gone, 404, "The specified key does not exist.");
    let removed = send(&gw, "DELETE", &format!("/prod/buckets/{folder}"), &[], "").await;
    assert_eq!(removed.status, 200, "{}", removed.text());

    // The bucket is gone: listing it, reading from it, deleting it again are 404 NoSuchBucket.
    for (method, path) in [
        ("GET", format!("/prod/buckets/{folder}")),
        ("GET", format!("/prod/buckets/{folder}/a")),
        ("DELETE", format!("/prod/buckets/{folder}")),
    ] {
        let answer = send(&gw, method, &path, &[], "").await;
        assert_json_error(&answer, 404, "The specified bucket does not exist");
    }
}

/// ListBuckets (the tutorial's `GET /`), as S3's XML and as JSON.
#[tokio::test]
async fn the_accounts_buckets() {
    let (gw, b) = s3_api().await;
    let xml = send(&gw, "GET", "/prod/buckets", &[], "").await;
    assert_eq!(xml.status, 200, "{}", xml.text());
    assert_eq!(xml.header("content-type"), Some("application/xml"));
    assert!(xml.text().contains("<ListAllMyBucketsResult"));
    assert!(xml.text().contains(&format!("<Name>{}</Name>", b.files)));

    let json = send(
        &gw,
        "GET",
        &format!("/prod/bucket-names?prefix={}", b.files),
        &[],
        "",
    )
    .await;
    assert_eq!(json.status, 200, "{}", json.text());
    assert_eq!(json.header("content-type"), Some("application/json"));
    let listing = json.json();
    let typed: apigw::integration::BucketListing =
        serde_json::from_value(listing.clone()).expect("a BucketListing");
    assert_eq!(typed.buckets.len(), 1);
    assert_eq!(listing["buckets"].as_array().unwrap().len(), 1);
    assert_eq!(listing["buckets"][0]["name"], b.files.as_str());
    assert!(listing["buckets"][0]["creationDate"].is_string());
    assert_eq!(listing["nextContinuationToken"], Value::Null);
}

/// Outside us-east-1, CreateBucket needs the region in its body: the rendered request template
/// writes it from `${AWS::Region}`.
#[tokio::test]
async fn create_a_bucket_outside_us_east_1() {
    let (gw, _) = s3_api_in(Some("eu-west-1")).await;
    let folder = unique("apigw-demo");
    let created = send(&gw, "PUT", &format!("/prod/buckets/{folder}"), &[], "").await;
    assert_eq!(created.status, 200, "{}", created.text());
    let location = aws("s3", "GET", &format!("/{folder}?location"), &[], "").await;
    assert!(
        location.text().contains(">eu-west-1</LocationConstraint>"),
        "{}",
        location.text()
    );
    let again = send(&gw, "PUT", &format!("/prod/buckets/{folder}"), &[], "").await;
    assert_eq!(again.status, 409, "{}", again.text());
    assert_eq!(again.header("content-type"), Some("application/json"));
    let removed = send(&gw, "DELETE", &format!("/prod/buckets/{folder}"), &[], "").await;
    assert_eq!(removed.status, 200, "{}", removed.text());
}

/// Headers of a request, as `(name, value)`.
type Headers<'a> = &'a [(&'a str, &'a str)];

/// A request to the gateway: method, path (with its query) and headers.
type Request<'a> = (&'a str, &'a str, Headers<'a>);

/// What each route sends to S3 (method, bucket, key, query, headers), recorded by a stand-in
/// that answers every request with `status` and `body`.
async fn recorded(
    status: u16,
    body: &'static str,
    requests: &[Request<'_>],
) -> Vec<(Received, Answer)> {
    let backend = Backend::start(move |r: &Received| {
        // The photo route converts its answer to binary: it must be one (an image).
        let content_type = if r.uri.contains("/photos/") && status < 300 {
            "image/png"
        } else {
            "application/xml"
        };
        (
            status,
            vec![("Content-Type", content_type.to_string())],
            body.as_bytes().to_vec(),
        )
    })
    .await;
    let bindings = Bindings::new()
        .bind("PetsBucket", "pets-bucket")
        .bind("PhotosBucketName", "photos-bucket")
        .bind("FilesBucket", "files-bucket");
    let gw = gateway(
        &golden("s3"),
        bindings,
        GatewayConfig::new().service_endpoint("s3", backend.url()),
    );
    let mut out = Vec::new();
    for (method, path, headers) in requests {
        let answer = send(&gw, method, path, headers, "").await;
        let received = backend.requests().pop().expect("the route called S3");
        out.push((received, answer));
    }
    out
}

#[tokio::test]
async fn every_route_renders_its_s3_request() {
    // The request, then the S3 method and path it must become.
    let cases: &[(&str, &str, Headers<'_>, &str, &str)] = &[
        (
            "GET",
            "/prod/pets/rex",
            &[],
            "GET",
            "/pets-bucket/pets/rex.json",
        ),
        (
            "HEAD",
            "/prod/pets/rex",
            &[],
            "HEAD",
            "/pets-bucket/pets/rex.json",
        ),
        (
            "DELETE",
            "/prod/pets/rex",
            &[],
            "DELETE",
            "/pets-bucket/pets/rex.json",
        ),
        (
            "GET",
            "/prod/photos/cat.png?size=thumb",
            &[],
            "GET",
            "/photos-bucket/photos/thumb/cat.png",
        ),
        (
            "GET",
            "/prod/files/a/b%20c/d.txt",
            &[],
            "GET",
            "/files-bucket/a/b%20c/d.txt",
        ),
        (
            "DELETE",
            "/prod/files/a/b.txt",
            &[],
            "DELETE",
            "/files-bucket/a/b.txt",
        ),
        (
            "GET",
            "/prod/files?prefix=a/&delimiter=/&limit=10&token=t%2B1",
            &[],
            "GET",
            "/files-bucket?list-type=2&encoding-type=url&prefix=a%2F&delimiter=%2F&max-keys=10&continuation-token=t%2B1",
        ),
        (
            "GET",
            "/prod/files",
            &[],
            "GET",
            "/files-bucket?list-type=2&encoding-type=url",
        ),
        ("GET", "/prod/buckets", &[], "GET", "/"),
        (
            "GET",
            "/prod/bucket-names?prefix=p",
            &[],
            "GET",
            "/?max-buckets=1000&prefix=p",
        ),
        (
            "GET",
            "/prod/buckets/apigw-demo-1?prefix=x",
            &[],
            "GET",
            "/apigw-demo-1?list-type=2&prefix=x",
        ),
        (
            "PUT",
            "/prod/buckets/apigw-demo-1",
            &[],
            "PUT",
            "/apigw-demo-1",
        ),
        (
            "DELETE",
            "/prod/buckets/apigw-demo-1",
            &[],
            "DELETE",
            "/apigw-demo-1",
        ),
        (
            "GET",
            "/prod/buckets/apigw-demo-1/x/y.txt",
            &[],
            "GET",
            "/apigw-demo-1/x/y.txt",
        ),
        (
            "HEAD",
            "/prod/buckets/apigw-demo-1/x/y.txt",
            &[],
            "HEAD",
            "/apigw-demo-1/x/y.txt",
        ),
        (
            "DELETE",
            "/prod/buckets/apigw-demo-1/x/y.txt",
            &[],
            "DELETE",
            "/apigw-demo-1/x/y.txt",
        ),
        (
            "PUT",
            "/prod/buckets/apigw-demo-1/x/y.txt",
            &[("Content-Type", "text/plain")],
            "PUT",
            "/apigw-demo-1/x/y.txt",
        ),
    ];
    let requests: Vec<Request<'_>> = cases.iter().map(|(m, p, h, _, _)| (*m, *p, *h)).collect();
    // As little of a listing as the JSON listings read.
    let answers = recorded(200, "<ok><IsTruncated>false</IsTruncated></ok>", &requests).await;
    for ((received, answer), (method, path, _, s3_method, s3_path)) in answers.iter().zip(cases) {
        assert_eq!(
            (received.method.as_str(), received.uri.as_str()),
            (*s3_method, *s3_path),
            "{method} {path}"
        );
        assert!(
            received.headers.contains_key("authorization"),
            "{method} {path}: signed"
        );
        assert!(answer.status < 300, "{method} {path}: {}", answer.status);
    }
    // Headers the integrations map.
    let put = recorded(
        200,
        "",
        &[(
            "PUT",
            "/prod/pets/rex",
            &[("Content-Type", "application/json"), ("X-Owner", "alice")],
        )],
    )
    .await;
    let (received, _) = &put[0];
    assert_eq!(received.method, "PUT");
    assert_eq!(received.headers["x-amz-meta-owner"], "alice");
    assert_eq!(received.headers["content-type"], "application/json");
}

/// What S3 answers that no entry lists (503 SlowDown, 412, a redirect, a 500) is 500 with S3's
/// message as JSON: never a 200 carrying S3's XML error. Without an S3 message (a proxy's page,
/// an empty body), the message says what went wrong.
#[tokio::test]
async fn unlisted_s3_errors_are_never_a_success() {
    let error = |code: &str, message: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>1</RequestId></Error>"
        )
    };
    let cases: Vec<(u16, String, &str, u16, &str)> = vec![
        (
            503,
            error("SlowDown", "Please reduce your request rate."),
            "/prod/pets/rex",
            500,
            "Please reduce your request rate.",
        ),
        (
            412,
            error(
                "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold",
            ),
            "/prod/pets/rex",
            500,
            "At least one of the pre-conditions you specified did not hold",
        ),
        (
            301,
            error(
                "PermanentRedirect",
                "The bucket you are attempting to access must be addressed using the specified endpoint.",
            ),
            "/prod/files",
            500,
            "The bucket you are attempting to access must be addressed using the specified endpoint.",
        ),
        (
            500,
            error(
                "InternalError",
                "We encountered an internal error &amp; it&apos;s &quot;odd&quot;.",
            ),
            "/prod/buckets",
            500,
            "We encountered an internal error & it's \"odd\".",
        ),
        (
            502,
            "<html><body>Bad Gateway</body></html>".into(),
            "/prod/pets/rex",
            500,
            "S3 could not complete the request",
        ),
        (403, String::new(), "/prod/files/a", 403, "Forbidden"),
        // The photo route's own sets: anything but a 2xx and its 404 is `default` -> 500, JSON.
        (
            403,
            error("AccessDenied", "Access Denied"),
            "/prod/photos/dog.png?size=small",
            500,
            "Access Denied",
        ),
        (
            400,
            error("InvalidArgument", "Invalid Argument"),
            "/prod/buckets/apigw-demo-1",
            400,
            "Invalid Argument",
        ),
        (
            409,
            error(
                "BucketAlreadyExists",
                "The requested bucket name is not available.",
            ),
            "/prod/buckets/apigw-demo-1",
            409,
            "The requested bucket name is not available.",
        ),
    ];
    for (status, body, path, want, message) in cases {
        let body: &'static str = Box::leak(body.into_boxed_str());
        let method = if want == 409 { "PUT" } else { "GET" };
        let answers = recorded(status, body, &[(method, path, &[])]).await;
        let (_, answer) = &answers[0];
        assert_json_error(answer, want, message);
    }
}

/// The action form of the S3 uri (`s3:action/GetObject&Bucket=...&Key=...`) is the same REST
/// call as the path form.
#[tokio::test]
async fn action_form_get_object() {
    let (_, b) = s3_api().await;
    let pets = &b.pets;
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
