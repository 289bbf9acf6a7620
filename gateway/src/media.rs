//! Media types: which payloads are binary (`x-amazon-apigateway-binary-media-types`), and the
//! payload conversions of `contentHandling` (AWS "Content type conversions in API Gateway").

use apigw_spec::ContentHandling;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;

/// The media type API Gateway assumes when a request has no `Content-Type`.
pub(crate) const APPLICATION_JSON: &str = "application/json";

pub(crate) use apigw_spec::template::media_type_essence as essence;

/// The first media type of an `Accept` header: the only one API Gateway honours.
pub(crate) fn first_accept(accept: Option<&str>) -> Option<String> {
    accept
        .and_then(|a| a.split(',').next())
        .map(essence)
        .filter(|t| !t.is_empty())
}

/// Whether `media_type` is one of the binary types (`image/png`, `image/*`, `*/*`), as API
/// Gateway matches them (the rule is the vocabulary's).
pub(crate) fn is_binary(media_type: Option<&str>, binary_types: &[String]) -> bool {
    media_type.is_some_and(|m| {
        binary_types
            .iter()
            .any(|t| apigw_spec::template::media_type_matches(t, m))
    })
}

/// A payload that claimed to be base64 text (CONVERT_TO_BINARY) and is not: API Gateway answers
/// 500 (API configuration error).
#[derive(Debug)]
pub(crate) struct NotBase64;

/// The integration request payload from the method request payload (request table).
pub(crate) fn convert_request(
    body: Bytes,
    binary: bool,
    handling: Option<ContentHandling>,
) -> Result<Bytes, NotBase64> {
    match (binary, handling) {
        (true, Some(ContentHandling::ConvertToText)) => Ok(encode(&body)),
        (false, Some(ContentHandling::ConvertToBinary)) => decode(&body),
        _ => Ok(body),
    }
}

/// The method response payload from the integration response payload (response table):
/// `binary` is whether the integration's `Content-Type` is a binary type, `accept_binary`
/// whether the client's first `Accept` type is.
pub(crate) fn convert_response(
    body: Bytes,
    binary: bool,
    accept_binary: bool,
    handling: Option<ContentHandling>,
) -> Result<Bytes, NotBase64> {
    match (binary, handling) {
        (true, Some(ContentHandling::ConvertToText)) => Ok(encode(&body)),
        (true, Some(ContentHandling::ConvertToBinary)) => Ok(body),
        (true, None) if accept_binary => Ok(body),
        (true, None) => Ok(encode(&body)),
        (false, Some(ContentHandling::ConvertToText)) => Ok(body),
        (false, Some(ContentHandling::ConvertToBinary)) => decode(&body),
        (false, None) if accept_binary => decode(&body),
        (false, None) => Ok(body),
    }
}

pub(crate) fn encode(body: &[u8]) -> Bytes {
    Bytes::from(STANDARD.encode(body))
}

pub(crate) fn decode(body: &[u8]) -> Result<Bytes, NotBase64> {
    let text: Vec<u8> = body
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    STANDARD
        .decode(text)
        .map(Bytes::from)
        .map_err(|_| NotBase64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_types_match_with_wildcards_and_parameters() {
        let types = vec!["image/png".to_string(), "application/*".to_string()];
        assert!(is_binary(Some("image/PNG; q=1"), &types));
        assert!(is_binary(Some("application/octet-stream"), &types));
        assert!(!is_binary(Some("image/jpeg"), &types));
        assert!(!is_binary(None, &types));
        assert!(is_binary(Some("text/plain"), &["*/*".to_string()]));
        assert_eq!(
            first_accept(Some("image/webp,image/*;q=0.8")).as_deref(),
            Some("image/webp")
        );
    }

    #[test]
    fn the_response_table() {
        let text = Bytes::from_static(b"aGk=");
        let bin = Bytes::from_static(&[0xff, 0x00]);
        assert_eq!(
            convert_response(text.clone(), false, false, None).unwrap(),
            text
        );
        assert_eq!(
            convert_response(text.clone(), false, true, None).unwrap(),
            "hi"
        );
        assert_eq!(
            convert_response(
                text.clone(),
                false,
                true,
                Some(ContentHandling::ConvertToText)
            )
            .unwrap(),
            text
        );
        assert_eq!(
            convert_response(bin.clone(), true, false, None).unwrap(),
            "/wA="
        );
        assert_eq!(
            convert_response(bin.clone(), true, true, None).unwrap(),
            bin
        );
        assert_eq!(
            convert_response(
                bin.clone(),
                true,
                false,
                Some(ContentHandling::ConvertToBinary)
            )
            .unwrap(),
            bin
        );
        assert!(
            convert_response(
                Bytes::from_static(b"{not base64"),
                false,
                false,
                Some(ContentHandling::ConvertToBinary)
            )
            .is_err()
        );
    }

    #[test]
    fn the_request_table() {
        let bin = Bytes::from_static(&[1, 2, 3]);
        assert_eq!(convert_request(bin.clone(), true, None).unwrap(), bin);
        assert_eq!(
            convert_request(bin.clone(), true, Some(ContentHandling::ConvertToText)).unwrap(),
            "AQID"
        );
        assert_eq!(
            convert_request(
                Bytes::from_static(b"AQID"),
                false,
                Some(ContentHandling::ConvertToBinary)
            )
            .unwrap(),
            bin
        );
    }
}
