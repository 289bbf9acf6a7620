//! Objects in S3 served by API Gateway's S3 integration: no Lambda function runs. Each operation
//! is a marker struct; the compiler checks that every status its integration can answer is
//! declared (and that a listing declares the body it answers), and the role API Gateway assumes is
//! allowed exactly the S3 call each operation makes.
//!
//! - `/pets/...`, `/photos/...`: documents and photos in buckets named in Rust, with key
//!   templates, header mappings, response sets and a binary download.
//! - `/files`, `/files/<key..>`: a bucket as a file store: a JSON listing with prefix, delimiter,
//!   page size and continuation token, and keys with slashes.
//! - `/buckets/...`: AWS's tutorial "Create a REST API as an Amazon S3 proxy" in Rust: the
//!   account's buckets (`GET /` there), a bucket's objects, bucket creation and deletion, and
//!   objects read, written, inspected and deleted, with the bucket taken from the path.
//!
//! The tutorial's methods use IAM authorization (`AWS_IAM`, SigV4 callers); apigw declares
//! authorization in a later release, and these operations will then use it.

use apigw::Bucket;
use apigw::Xml;
use apigw::integration::{BucketListing, ObjectListing};
use apigw::prelude::*;

/// The documents bucket, created by the template.
pub const PETS: Bucket = Bucket::owned("pets");
/// Photos, in a bucket that exists already (the template takes its name as a parameter).
pub const PHOTOS: Bucket = Bucket::imported("photos");
/// Files of any kind, under keys with slashes; created by the template.
pub const FILES: Bucket = Bucket::owned("files");

/// What S3 answers for an object, success and errors alike.
#[derive(ApiResponses)]
pub enum ObjectResponses {
    /// The object, as stored.
    #[status(200)]
    Ok,
    /// S3 rejected the request.
    #[status(400)]
    BadRequest(Json<ApiError>),
    /// The key is out of the role's reach.
    #[status(403)]
    Forbidden(Json<ApiError>),
    /// No such object (or bucket).
    #[status(404)]
    NotFound(Json<ApiError>),
    /// S3 failed, or answered an error no other status describes.
    #[status(500)]
    Failed(Json<ApiError>),
}

/// Get a pet's document.
#[operation(GET "/pets/<petId>", tags = ["pets"], responses = ObjectResponses)]
#[s3_integration(bucket = PETS, path = "pets/{petId}.json")]
pub struct GetPet;

/// Store a pet's document.
///
/// The client's `Content-Type` is stored with the object, and `X-Owner` as its metadata.
#[operation(PUT "/pets/<petId>", tags = ["pets"], responses = ObjectResponses, headers = ["Content-Type", "X-Owner"])]
#[s3_integration(
    bucket = PETS,
    path = "pets/{petId}.json",
    request_parameters(
        header("Content-Type") = header("Content-Type"),
        header("x-amz-meta-owner") = header("X-Owner"),
    ),
    pass_headers = ["ETag"],
)]
pub struct PutPet;

/// What deleting answers.
#[derive(ApiResponses)]
pub enum DeleteResponses {
    /// Gone (S3 answers the same whether or not the object existed).
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

/// Delete a pet's document.
#[operation(DELETE "/pets/<petId>", tags = ["pets"], responses = DeleteResponses)]
#[s3_integration(bucket = PETS, path = "pets/{petId}.json", success_status = 204, pass_headers = [])]
pub struct DeletePet;

/// Whether a pet's document exists, and its size and ETag.
#[operation(HEAD "/pets/<petId>", tags = ["pets"], responses = ObjectResponses)]
#[s3_integration(bucket = PETS, path = "pets/{petId}.json")]
pub struct HeadPet;

/// What a photo download answers: the bytes, or one error for anything S3 refuses.
#[derive(ApiResponses)]
pub enum PhotoResponses {
    /// The photo.
    #[status(200)]
    Ok,
    /// No such photo.
    #[status(404)]
    NotFound(Json<ApiError>),
    /// Anything else went wrong.
    #[status(500)]
    Failed(Json<ApiError>),
}

/// Download a photo (binary).
///
/// `?size=thumb` picks the thumbnail rendition.
#[operation(GET "/photos/<name>", tags = ["photos"], responses = PhotoResponses, query = ["size"])]
#[s3_integration(
    bucket = PHOTOS,
    path = "photos/{size}/{name}",
    request_parameters(path("size") = query("size")),
    binary_media_types = ["image/jpeg", "image/png"],
    responses = [
        default_passthrough,
        "404" => 404 { template = "{\"message\": \"no such photo\"}" },
        default => 500,
    ],
    timeout_ms = 10000,
)]
pub struct GetPhoto;

/// A page of a bucket's objects, as JSON.
#[derive(ApiResponses)]
pub enum FileListResponses {
    /// The files of this page: `nextContinuationToken` asks for the next one.
    #[status(200)]
    Ok(Json<ObjectListing>),
    /// S3 rejected the request (e.g. a continuation token it did not issue).
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    /// No such bucket.
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

/// List files.
///
/// `prefix` keeps the keys that start with it; `delimiter` (usually `/`) rolls the keys below it
/// up into `prefixes`; `limit` is the page size (at most 1000); `token` continues a listing.
#[operation(GET "/files", tags = ["files"], responses = FileListResponses, query = ["prefix", "delimiter", "limit", "token"])]
#[s3_integration(
    bucket = FILES,
    list_objects = "json",
    request_parameters(
        query("prefix") = query("prefix"),
        query("delimiter") = query("delimiter"),
        query("max-keys") = query("limit"),
        query("continuation-token") = query("token"),
    ),
)]
pub struct ListFiles;

/// Download a file: its key is the rest of the path, slashes included.
#[operation(GET "/files/<key..>", tags = ["files"], responses = ObjectResponses)]
#[s3_integration(bucket = FILES, path = "{key}")]
pub struct GetFile;

/// Upload a file (any content type; `application/octet-stream` bodies pass as bytes).
#[operation(PUT "/files/<key..>", tags = ["files"], responses = ObjectResponses, headers = ["Content-Type"])]
#[s3_integration(
    bucket = FILES,
    path = "{key}",
    request_parameters(header("Content-Type") = header("Content-Type")),
    binary_media_types = ["application/octet-stream"],
    pass_headers = ["ETag"],
)]
pub struct PutFile;

/// Delete a file.
#[operation(DELETE "/files/<key..>", tags = ["files"], responses = DeleteResponses)]
#[s3_integration(bucket = FILES, path = "{key}", success_status = 204, pass_headers = [])]
pub struct DeleteFile;

/// An S3 listing, as S3 writes it.
#[derive(ApiResponses)]
pub enum XmlListingResponses {
    /// S3's XML listing (`ListAllMyBucketsResult`, `ListBucketResult`).
    #[status(200)]
    Ok(Xml),
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    /// No such bucket.
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

/// The account's buckets, as JSON.
#[derive(ApiResponses)]
pub enum BucketListResponses {
    /// The buckets.
    #[status(200)]
    Ok(Json<BucketListing>),
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

/// The buckets of the account (the tutorial's `GET /`), as S3's XML.
#[operation(GET "/buckets", tags = ["buckets"], responses = XmlListingResponses)]
#[s3_integration(list_buckets = "xml")]
pub struct ListBuckets;

/// The buckets of the account whose names start with `prefix`, as JSON.
#[operation(GET "/bucket-names", tags = ["buckets"], responses = BucketListResponses, query = ["prefix"])]
#[s3_integration(list_buckets = "json", request_parameters(query("prefix") = query("prefix")))]
pub struct ListBucketNames;

/// The objects of a bucket (the tutorial's `GET /{folder}`), as S3's XML.
#[operation(GET "/buckets/<folder>", tags = ["buckets"], responses = XmlListingResponses, query = ["prefix"])]
#[s3_integration(
    bucket = path("folder"),
    bucket_pattern = "apigw-demo-*",
    list_objects = "xml",
    request_parameters(query("prefix") = query("prefix")),
)]
pub struct ListFolder;

/// What creating or deleting a bucket answers.
#[derive(ApiResponses)]
pub enum BucketResponses {
    /// Done.
    #[status(200)]
    Ok,
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    /// No such bucket.
    #[status(404)]
    NotFound(Json<ApiError>),
    /// The bucket exists already, or is not empty.
    #[status(409)]
    Conflict(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

/// Create a bucket (the tutorial's `PUT /{folder}`), in the API's region.
#[operation(PUT "/buckets/<folder>", tags = ["buckets"], responses = BucketResponses)]
#[s3_integration(bucket = path("folder"), bucket_pattern = "apigw-demo-*", create_bucket)]
pub struct CreateFolder;

/// Delete an empty bucket (the tutorial's `DELETE /{folder}`).
#[operation(DELETE "/buckets/<folder>", tags = ["buckets"], responses = BucketResponses)]
#[s3_integration(bucket = path("folder"), bucket_pattern = "apigw-demo-*", delete_bucket)]
pub struct DeleteFolder;

/// Get an object of a bucket (the tutorial's `GET /{folder}/{item}`); its key may hold slashes.
#[operation(GET "/buckets/<folder>/<item..>", tags = ["buckets"], responses = ObjectResponses)]
#[s3_integration(bucket = path("folder"), bucket_pattern = "apigw-demo-*", path = "{item}")]
pub struct GetItem;

/// Store an object in a bucket (the tutorial's `PUT /{folder}/{item}`).
#[operation(PUT "/buckets/<folder>/<item..>", tags = ["buckets"], responses = ObjectResponses, headers = ["Content-Type"])]
#[s3_integration(
    bucket = path("folder"),
    bucket_pattern = "apigw-demo-*",
    path = "{item}",
    request_parameters(header("Content-Type") = header("Content-Type")),
    pass_headers = ["ETag"],
)]
pub struct PutItem;

/// Whether an object exists, and its type, size and ETag (the tutorial's `HEAD /{folder}/{item}`).
#[operation(HEAD "/buckets/<folder>/<item..>", tags = ["buckets"], responses = ObjectResponses)]
#[s3_integration(bucket = path("folder"), bucket_pattern = "apigw-demo-*", path = "{item}")]
pub struct HeadItem;

/// Delete an object of a bucket (the tutorial's `DELETE /{folder}/{item}`).
#[operation(DELETE "/buckets/<folder>/<item..>", tags = ["buckets"], responses = DeleteResponses)]
#[s3_integration(
    bucket = path("folder"),
    bucket_pattern = "apigw-demo-*",
    path = "{item}",
    success_status = 204,
    pass_headers = [],
)]
pub struct DeleteItem;

/// Upload a photo (a JPEG, stored as sent).
///
/// The body is declared, so the document describes it and `image/jpeg` is one of the API's
/// binary media types: API Gateway passes the bytes to S3 unchanged.
#[operation(PUT "/photos/<name>", tags = ["photos"], responses = ObjectResponses, body = Binary<ImageJpeg>)]
#[s3_integration(
    bucket = PHOTOS,
    path = "photos/full/{name}",
    request_parameters(header("Content-Type") = literal("image/jpeg")),
)]
pub struct PutPhoto;

/// The S3 example application.
pub fn app() -> App {
    App::new("Objects in S3")
        .version(env!("CARGO_PKG_VERSION"))
        .description("Documents, photos, files and buckets in S3, served by API Gateway without Lambda (AWS's S3 proxy tutorial among them).")
}
