//! Pet documents and photos stored in S3, served by API Gateway's S3 integration: no Lambda
//! function runs. Each operation is a marker struct; the compiler checks that every status its
//! integration can answer is declared, and the role API Gateway assumes is allowed exactly the
//! object action each operation performs.

use apigw::Bucket;
use apigw::prelude::*;

/// The documents bucket, created by the template.
pub const PETS: Bucket = Bucket::owned("pets");
/// Photos, in a bucket that exists already (the template takes its name as a parameter).
pub const PHOTOS: Bucket = Bucket::imported("photos");

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
    /// No such object.
    #[status(404)]
    NotFound(Json<ApiError>),
    /// S3 failed.
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
        catch_all,
        "404" => 404 { template = "{\"message\": \"no such photo\"}" },
    ],
    timeout_ms = 10000,
)]
pub struct GetPhoto;

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
    App::new("Pet documents")
        .version(env!("CARGO_PKG_VERSION"))
        .description("Pet documents and photos in S3, served by API Gateway without Lambda.")
}
