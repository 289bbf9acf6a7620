//! S3 as API Gateway calls it (`type: aws`, the S3 path form): which object operations exist and
//! the IAM action each needs, the headers worth passing back, S3's error statuses and the default
//! response sets.

use crate::List;
use crate::options::{ContentHandling, setting};
use crate::params::ResponseHeader;
use crate::responses::{ResponseSet, SetKind};
use crate::status::StatusCode;

setting!(
    /// The S3 operation, chosen by the integration's HTTP method.
    S3Method, "S3 method", {
        /// GetObject.
        Get = ("get", "GET"),
        /// PutObject.
        Put = ("put", "PUT"),
        /// DeleteObject.
        Delete = ("delete", "DELETE"),
        /// HeadObject (authorized by `s3:GetObject`).
        Head = ("head", "HEAD"),
    }
);

impl S3Method {
    /// The one IAM action the method needs.
    pub const fn iam_action(self) -> &'static str {
        match self {
            S3Method::Get | S3Method::Head => "s3:GetObject",
            S3Method::Put => "s3:PutObject",
            S3Method::Delete => "s3:DeleteObject",
        }
    }
}

/// The headers of S3's answer a client expects on a successful response.
pub const PASS_HEADERS: &[ResponseHeader] = &[
    ResponseHeader::pass("Content-Type"),
    ResponseHeader::pass("Content-Length"),
    ResponseHeader::pass("Date"),
    ResponseHeader::pass("ETag"),
];

/// The statuses of S3's errors that [`ResponseSet::S3JsonErrorMessage`] maps (each to itself).
pub const ERROR_STATUSES: [u16; 4] = [400, 403, 404, 500];

/// Turns S3's XML error (`<Error><Code>..</Code><Message>..</Message></Error>`) into
/// `{"message": "..."}`. `escapeJavaScript` escapes `'` as `\'`, which JSON does not allow, so
/// that escape is undone.
pub const JSON_ERROR_TEMPLATE: &str = "#set($message = $input.body.split('<Message>')[1].split('</Message>')[0])\n{\"message\": \"$util.escapeJavaScript($message).replaceAll(\"\\\\'\", \"'\")\"}\n";

/// The response sets an S3 integration may use.
pub const SETS: &[SetKind] = &SetKind::ALL;

/// The sets used when none are given: the object passed through with `success` and `headers`,
/// S3's errors as JSON.
pub fn default_sets(
    success: StatusCode,
    headers: List<ResponseHeader>,
    content_handling: Option<ContentHandling>,
) -> Vec<ResponseSet> {
    vec![
        ResponseSet::DefaultPassthrough {
            status: success,
            headers,
            content_handling,
        },
        ResponseSet::S3JsonErrorMessage,
    ]
}

/// The object key an operation's own path names (when the integration gives no `path`): the path
/// without its leading `/`, a greedy `{key+}` written as the plain placeholder `{key}` a uri uses.
pub fn key_of_path(resource_path: &str) -> String {
    resource_path.trim_start_matches('/').replace("+}", "}")
}

/// Why a key names no object.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the S3 path names no object: write the object key, e.g. `path = \"pets/{{petId}}.json\"`")]
pub struct EmptyKey;

/// The key as written in `path = "..."`, without a leading `/`.
pub fn key(written: &str) -> Result<String, EmptyKey> {
    let key = written.trim_start_matches('/');
    if key.is_empty() {
        Err(EmptyKey)
    } else {
        Ok(key.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_and_their_actions() {
        assert_eq!(S3Method::parse("GET"), Ok(S3Method::Get));
        assert_eq!(S3Method::Head.iam_action(), "s3:GetObject");
        assert_eq!(
            S3Method::parse("post").unwrap_err().to_string(),
            "unknown S3 method `post`: expected one of \"get\", \"put\", \"delete\", \"head\""
        );
    }

    #[test]
    fn keys_from_paths() {
        assert_eq!(key_of_path("/files/{key+}"), "files/{key}");
        assert_eq!(key_of_path("/pets/{petId}"), "pets/{petId}");
        assert_eq!(key("/a/{b}"), Ok("a/{b}".to_string()));
        assert!(key("/").is_err());
    }
}
