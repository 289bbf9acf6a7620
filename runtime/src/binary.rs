//! Bodies that are bytes of a declared media type (`Binary<ImageJpeg>`), both ways: a response
//! body, a request body extractor, and a marker operation's `body = ...`. The media type is part
//! of the type, so the OpenAPI document lists it and the API's binary media types include it
//! (API Gateway passes a body as bytes only when its media type is one of them).

use std::fmt;
use std::marker::PhantomData;

use schemars::SchemaGenerator;

use crate::Request;
use crate::extract::{FromRequest, Rejection, RequestBody, RequestBodyDoc};
use crate::responses::{BodyDoc, Response, ResponseBody};
use crate::spec::template::media_type_matches;
use crate::state::Shared;

/// A media type as a type: what `Binary<M>` carries. Implement it for a type of your own to use
/// a media type apigw does not name:
///
/// ```
/// pub enum Avif {}
/// impl apigw::MediaType for Avif {
///     const MEDIA_TYPE: &'static str = "image/avif";
/// }
/// ```
pub trait MediaType {
    /// `type/subtype`, without parameters or wildcards: the response's `Content-Type`, the
    /// OpenAPI content key, and a binary media type of the API.
    const MEDIA_TYPE: &'static str;
}

/// Media types apigw names.
pub mod media {
    macro_rules! media_types {
        ($($(#[$doc:meta])* $name:ident = $value:literal;)*) => {$(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub enum $name {}
            impl super::MediaType for $name {
                const MEDIA_TYPE: &'static str = $value;
            }
        )*};
    }

    media_types! {
        /// `image/jpeg`
        ImageJpeg = "image/jpeg";
        /// `image/png`
        ImagePng = "image/png";
        /// `image/gif`
        ImageGif = "image/gif";
        /// `image/webp`
        ImageWebp = "image/webp";
        /// `application/pdf`
        Pdf = "application/pdf";
        /// `application/zip`
        Zip = "application/zip";
        /// `application/octet-stream`: bytes of no particular kind.
        OctetStream = "application/octet-stream";
    }
}

/// Bytes of media type `M`: `Binary<ImageJpeg>` is a JPEG image.
///
/// As a response body it is sent with `Content-Type: M` (base64 in the Lambda result; API
/// Gateway decodes it when the client's `Accept` names a binary media type). As a handler
/// argument it reads the request body, which API Gateway passes as bytes because `M` is one of
/// the API's binary media types; a request whose `Content-Type` is another type is refused with
/// 400 (API Gateway would have passed it as text, which mangles bytes that are not UTF-8).
pub struct Binary<M> {
    bytes: Vec<u8>,
    media: PhantomData<fn() -> M>,
}

impl<M> Binary<M> {
    /// These bytes, as a body of media type `M`.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Binary {
            bytes: bytes.into(),
            media: PhantomData,
        }
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl<M: MediaType> Binary<M> {
    /// The media type, `M::MEDIA_TYPE`.
    pub fn media_type(&self) -> &'static str {
        M::MEDIA_TYPE
    }
}

impl<M> From<Vec<u8>> for Binary<M> {
    fn from(bytes: Vec<u8>) -> Self {
        Binary::new(bytes)
    }
}

impl<M> std::ops::Deref for Binary<M> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl<M> Clone for Binary<M> {
    fn clone(&self) -> Self {
        Binary::new(self.bytes.clone())
    }
}

impl<M> PartialEq for Binary<M> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl<M> Eq for Binary<M> {}

impl<M: MediaType> fmt::Debug for Binary<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary<{}>({} bytes)", M::MEDIA_TYPE, self.bytes.len())
    }
}

/// OpenAPI's schema of raw bytes.
fn bytes_schema() -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "format": "binary" })
}

impl<M: MediaType> ResponseBody for Binary<M> {
    fn describe(_: &mut SchemaGenerator) -> BodyDoc {
        BodyDoc {
            content_type: M::MEDIA_TYPE,
            schema: bytes_schema(),
        }
    }

    fn write(self, response: &mut Response) {
        response.body = self.bytes;
        response.set_header("content-type", M::MEDIA_TYPE);
    }
}

impl<M: MediaType> RequestBody for Binary<M> {
    fn describe(_: &mut SchemaGenerator) -> RequestBodyDoc {
        RequestBodyDoc {
            content_type: M::MEDIA_TYPE,
            required: true,
            schema: bytes_schema(),
        }
    }
}

impl<M: MediaType> FromRequest for Binary<M> {
    fn from_request(request: &Request, _: &Shared) -> Result<Self, Rejection> {
        let expected = M::MEDIA_TYPE;
        if let Some(sent) = request.header("content-type")
            && !media_type_matches(expected, sent)
        {
            return Err(Rejection::bad_request(format!(
                "the request body must be `{expected}` content, but its Content-Type is `{sent}`: send `Content-Type: {expected}`"
            )));
        }
        if request.body.is_empty() {
            return Err(Rejection::bad_request(format!(
                "the request body is missing: send the `{expected}` content"
            )));
        }
        Ok(Binary::new(request.body.clone()))
    }

    fn document(generator: &mut SchemaGenerator, doc: &mut crate::RequestDoc) {
        doc.body = Some(<Self as RequestBody>::describe(generator));
    }
}

#[cfg(test)]
mod tests {
    use super::media::ImageJpeg;
    use super::*;

    const JPEG: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0xFF, 0xD9,
    ];

    fn request(content_type: Option<&str>, body: &[u8]) -> Request {
        let mut r = Request {
            body: body.to_vec(),
            ..Request::default()
        };
        if let Some(ct) = content_type {
            r.headers
                .insert("content-type", ct.parse().expect("a header value"));
        }
        r
    }

    fn extract(r: &Request) -> Result<Binary<ImageJpeg>, Rejection> {
        Binary::from_request(r, &Shared::default())
    }

    #[test]
    fn reads_bytes_of_its_media_type() {
        let body = extract(&request(Some("image/jpeg"), JPEG)).expect("extracted");
        assert_eq!(body.bytes(), JPEG);
        assert_eq!(body.media_type(), "image/jpeg");
        assert_eq!(
            extract(&request(None, JPEG)).expect("no type").bytes(),
            JPEG
        );
    }

    #[test]
    fn refuses_another_media_type_and_a_missing_body() {
        let wrong = extract(&request(Some("text/plain"), JPEG)).unwrap_err();
        assert_eq!(wrong.status, 400);
        assert_eq!(
            wrong.message,
            "the request body must be `image/jpeg` content, but its Content-Type is `text/plain`: send `Content-Type: image/jpeg`"
        );
        let missing = extract(&request(Some("image/jpeg"), b"")).unwrap_err();
        assert_eq!(
            missing.message,
            "the request body is missing: send the `image/jpeg` content"
        );
    }

    #[test]
    fn writes_bytes_with_its_content_type() {
        let mut response = Response::new(200);
        Binary::<ImageJpeg>::new(JPEG).write(&mut response);
        assert_eq!(response.body, JPEG);
        assert_eq!(response.header("content-type"), Some("image/jpeg"));
        let doc = <Binary<ImageJpeg> as ResponseBody>::describe(&mut SchemaGenerator::default());
        assert_eq!(doc.content_type, "image/jpeg");
        assert_eq!(
            doc.schema.to_value(),
            serde_json::json!({ "type": "string", "format": "binary" })
        );
    }
}
