//! Mapping templates and media types: templates are keyed by content type, and API Gateway treats
//! a payload as text or binary by its media type.

use crate::Str;

/// A mapping template and the content type that selects it (`application/json`, or `$default`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Template {
    pub content_type: Str,
    /// VTL: API Gateway's mapping-template dialect.
    pub text: Str,
}

/// The key of the template API Gateway uses when no other content type matches.
pub const DEFAULT_CONTENT_TYPE: &str = "$default";

/// The content type templates and bodies have unless told otherwise.
pub const JSON: &str = "application/json";

/// The VTL expression `value` as the content of a JSON string (between `"` and `"`).
///
/// `$util.escapeJavaScript` escapes `"`, `\`, control and non-ASCII characters as JSON allows,
/// but also `'` as `\'`, which JSON does not: `{"name": "O\'Brien"}` is not JSON, and a backend
/// parsing it (DynamoDB, Step Functions, a Lambda function) fails. So the `\'` escape is undone,
/// the idiom AWS documents (`.replaceAll("\\'","'")`). Every template apigw generates that puts a
/// value inside a JSON string goes through here.
pub fn json_string(value: &str) -> String {
    format!("$util.escapeJavaScript({value}).replaceAll(\"\\\\'\",\"'\")")
}

/// `$input.body` as the content of a JSON string: [`json_string`] of the raw body.
pub const BODY_AS_JSON_STRING: &str =
    "$util.escapeJavaScript($input.body).replaceAll(\"\\\\'\",\"'\")";

/// A template key that is not a content type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{written}` is not a content type: templates are keyed by content type, e.g. `\"application/json\"`"
)]
pub struct ContentTypeError {
    pub written: String,
}

/// Checks a template's content type key.
pub fn check_content_type(content_type: &str) -> Result<(), ContentTypeError> {
    if content_type.contains('/') || content_type == DEFAULT_CONTENT_TYPE {
        Ok(())
    } else {
        Err(ContentTypeError {
            written: content_type.to_string(),
        })
    }
}

/// Whether a payload of `content_type` is text (API Gateway and Lambda pass it as a string);
/// everything else is binary and must be a binary media type, or API Gateway mangles the bytes.
pub fn is_text(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.starts_with("text/")
        || ct.contains("json")
        || ct.contains("xml")
        || ct.contains("javascript")
        || ct.contains("x-www-form-urlencoded")
}

/// Whether `written` can be a binary media type (`image/png`, `image/*`, `*/*`).
pub fn is_media_type(written: &str) -> bool {
    written.contains('/')
}

/// `type/subtype` of a `Content-Type` or `Accept` entry: parameters dropped, lower case.
pub fn media_type_essence(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a request `Content-Type` counts as the binary media type `declared`, as API Gateway
/// decides it: parameters (`; charset=...`) ignored, case-insensitive, `type/*` and `*/*`
/// matching any subtype and any type.
pub fn media_type_matches(declared: &str, content_type: &str) -> bool {
    let (declared, actual) = (
        media_type_essence(declared),
        media_type_essence(content_type),
    );
    let (Some((d_type, d_sub)), Some((a_type, a_sub))) =
        (declared.split_once('/'), actual.split_once('/'))
    else {
        return false;
    };
    (d_type == "*" || d_type == a_type) && (d_sub == "*" || d_sub == a_sub)
}

impl Template {
    /// An `application/json` template.
    pub const fn json(text: &'static str) -> Template {
        Template {
            content_type: Str::Borrowed(JSON),
            text: Str::Borrowed(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_key_templates() {
        assert!(check_content_type("application/json").is_ok());
        assert!(check_content_type("$default").is_ok());
        assert_eq!(
            check_content_type("html").unwrap_err().to_string(),
            "`html` is not a content type: templates are keyed by content type, e.g. `\"application/json\"`"
        );
    }

    #[test]
    fn json_strings_undo_the_apostrophe_escape() {
        assert_eq!(json_string("$input.body"), BODY_AS_JSON_STRING);
        assert_eq!(
            json_string("$input.params('id')"),
            "$util.escapeJavaScript($input.params('id')).replaceAll(\"\\\\'\",\"'\")"
        );
    }

    #[test]
    fn binary_media_types_match_like_api_gateway() {
        assert!(media_type_matches("image/jpeg", "image/jpeg"));
        assert!(media_type_matches("image/jpeg", "Image/JPEG; q=1"));
        assert!(media_type_matches("image/*", "image/png"));
        assert!(media_type_matches("*/*", "application/pdf"));
        assert!(!media_type_matches("image/jpeg", "image/png"));
        assert!(!media_type_matches("image/jpeg", "text/plain"));
        assert!(!media_type_matches("image/jpeg", "jpeg"));
        assert!(!media_type_matches("image/jpeg", ""));
    }

    #[test]
    fn text_and_binary_media_types() {
        for t in [
            "text/plain",
            "application/json",
            "application/problem+json",
            "application/xml",
            "application/x-www-form-urlencoded",
        ] {
            assert!(is_text(t), "{t}");
        }
        for b in ["image/png", "application/octet-stream", "application/pdf"] {
            assert!(!is_text(b), "{b}");
        }
    }
}
