//! The responses API Gateway sends by itself when a request cannot be served (semantics §8):
//! each with its status, its exact body and the `x-amzn-ErrorType` header.

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode};

/// Why API Gateway answered by itself. Internally, `detail` says what happened (what API
/// Gateway's execution log would say); the client never sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GatewayError {
    pub kind: GatewayErrorKind,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GatewayErrorKind {
    /// No resource or method matched (MISSING_AUTHENTICATION_TOKEN).
    MissingAuthenticationToken,
    /// The path names no deployed stage.
    UnknownStage,
    /// No request template for the content type and passthrough forbids passing it
    /// (UNSUPPORTED_MEDIA_TYPE).
    UnsupportedMediaType,
    /// The request body is over API Gateway's 10 MB limit (REQUEST_TOO_LARGE).
    RequestTooLarge,
    /// A body mapping (`method.request.body...`) on a body that is not JSON.
    InvalidJsonBody,
    /// A configuration error: a template that fails, no integration response for the result,
    /// an undeclared method response, a base64 conversion of non-base64 text, an unreachable
    /// backend (API_CONFIGURATION_ERROR).
    Configuration,
    /// The Lambda proxy integration failed or answered something API Gateway cannot read.
    IntegrationFailure,
    /// The backend did not answer within `timeoutInMillis` (INTEGRATION_TIMEOUT).
    Timeout,
}

impl GatewayError {
    pub fn new(kind: GatewayErrorKind, detail: impl Into<String>) -> GatewayError {
        GatewayError {
            kind,
            detail: detail.into(),
        }
    }

    pub fn configuration(detail: impl Into<String>) -> GatewayError {
        GatewayError::new(GatewayErrorKind::Configuration, detail)
    }

    /// The response the client receives.
    pub fn response(&self, request_id: &str) -> Response<Bytes> {
        let (status, body, error_type): (u16, &'static str, &'static str) = match self.kind {
            GatewayErrorKind::MissingAuthenticationToken => (
                403,
                r#"{"message":"Missing Authentication Token"}"#,
                "MissingAuthenticationTokenException",
            ),
            GatewayErrorKind::UnknownStage => {
                (403, r#"{"message":"Forbidden"}"#, "ForbiddenException")
            }
            GatewayErrorKind::UnsupportedMediaType => (
                415,
                r#"{"message":"Unsupported Media Type"}"#,
                "UnsupportedMediaTypeException",
            ),
            GatewayErrorKind::RequestTooLarge => (
                413,
                r#"{"message":"HTTP content length exceeded 10485760 bytes."}"#,
                "RequestTooLargeException",
            ),
            GatewayErrorKind::InvalidJsonBody => (
                400,
                r#"{"message":"Invalid JSON in request body"}"#,
                "BadRequestException",
            ),
            GatewayErrorKind::Configuration => (
                500,
                r#"{"message": "Internal server error"}"#,
                "InternalServerErrorException",
            ),
            GatewayErrorKind::IntegrationFailure => (
                502,
                r#"{"message": "Internal server error"}"#,
                "InternalServerErrorException",
            ),
            GatewayErrorKind::Timeout => (
                504,
                r#"{"message": "Endpoint request timed out"}"#,
                "InternalServerErrorException",
            ),
        };
        let mut response = Response::new(Bytes::from_static(body.as_bytes()));
        *response.status_mut() =
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert("x-amzn-ErrorType", HeaderValue::from_static(error_type));
        if let Ok(id) = HeaderValue::from_str(request_id) {
            headers.insert("x-amzn-RequestId", id);
        }
        response
    }
}

/// The maximum request body (REST and HTTP APIs).
pub(crate) const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
