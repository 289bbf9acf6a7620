//! HTTP integrations (`http`, `http_proxy`): what a backend URL may look like, the headers passed
//! back by default, and the response sets that apply.

use crate::List;
use crate::options::ContentHandling;
use crate::params::ResponseHeader;
use crate::placeholder::{self, PlaceholderError};
use crate::responses::{ResponseSet, SetKind};
use crate::status::StatusCode;

/// The headers of the backend's answer passed through by default (non-proxy).
pub const PASS_HEADERS: &[ResponseHeader] = &[ResponseHeader::pass("Content-Type")];

/// The response sets an HTTP integration may use (S3's error set does not apply).
pub const SETS: &[SetKind] = &[SetKind::DefaultPassthrough, SetKind::CatchAll];

/// The sets used when none are given: the backend's answer passed through.
pub fn default_sets(
    success: StatusCode,
    headers: List<ResponseHeader>,
    content_handling: Option<ContentHandling>,
) -> Vec<ResponseSet> {
    vec![ResponseSet::DefaultPassthrough {
        status: success,
        headers,
        content_handling,
    }]
}

/// A backend URL API Gateway would reject or mis-send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    Placeholder(PlaceholderError),
    /// `${x}` other than `${stageVariables.name}`.
    NotStageVariable {
        inner: String,
    },
    Malformed {
        why: String,
    },
    /// `insecure_skip_verification` on an `http` URL.
    InsecureOnHttp,
}

impl UrlError {
    /// The message for `url`.
    pub fn message(&self, url: &str) -> String {
        match self {
            UrlError::Placeholder(p) => p.message("URL", url),
            UrlError::NotStageVariable { inner } => format!(
                "URL `{url}`: `${{{inner}}}` is not something API Gateway fills in; only `${{stageVariables.name}}` is"
            ),
            UrlError::Malformed { why } => format!(
                "malformed URL `{url}`: {why}; write an absolute URL such as `https://api.example.com/pets/{{petId}}`"
            ),
            UrlError::InsecureOnHttp => format!(
                "`insecure_skip_verification` only applies to `https` URLs, and `{url}` is `http`: remove it"
            ),
        }
    }
}

/// Checks a backend URL and returns its `{param}` placeholder names (distinct, in order).
/// `${stageVariables.x}` may stand anywhere; `insecure` is `insecure_skip_verification`.
pub fn check_url(url: &str, insecure: bool) -> Result<Vec<String>, UrlError> {
    let names: Vec<String> = placeholder::scan(url)
        .map_err(UrlError::Placeholder)?
        .into_iter()
        .fold(Vec::new(), |mut out, p| {
            if !out.iter().any(|n: &String| n == p.name) {
                out.push(p.name.to_string());
            }
            out
        });
    // What the URL looks like once API Gateway filled it in.
    let mut probe = String::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let is_stage = open > 0 && rest.as_bytes()[open - 1] == b'$';
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        if is_stage {
            let inner = &rest[open + 1..close];
            if !inner.starts_with("stageVariables.") {
                return Err(UrlError::NotStageVariable {
                    inner: inner.to_string(),
                });
            }
            probe.push_str(&rest[..open - 1]);
            probe.push_str("stagevalue");
        } else {
            probe.push_str(&rest[..open]);
            probe.push_str("value");
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    probe.push_str(rest);
    let malformed = |why: String| UrlError::Malformed { why };
    let parsed = url::Url::parse(&probe).map_err(|e| malformed(e.to_string()))?;
    match parsed.scheme() {
        "http" | "https" => {}
        other => {
            return Err(malformed(format!(
                "scheme `{other}` is not `http` or `https`"
            )));
        }
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(malformed("it has no host".into()));
    }
    if parsed.fragment().is_some() {
        return Err(malformed("a `#fragment` is never sent to a server".into()));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(malformed(
            "credentials do not belong in the URL; map an `Authorization` header instead".into(),
        ));
    }
    if insecure && parsed.scheme() == "http" {
        return Err(UrlError::InsecureOnHttp);
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(url: &str) -> String {
        check_url(url, false).unwrap_err().message(url)
    }

    #[test]
    fn good_urls_give_their_placeholders() {
        assert_eq!(
            check_url("https://api.example.com/pets/{petId}/{rest+}", false),
            Ok(vec!["petId".to_string(), "rest".to_string()])
        );
        assert_eq!(
            check_url("https://${stageVariables.host}/pets", true),
            Ok(vec![])
        );
    }

    #[test]
    fn bad_urls_say_why() {
        assert_eq!(
            err("ftp://files.example.com/pets"),
            "malformed URL `ftp://files.example.com/pets`: scheme `ftp` is not `http` or `https`; write an absolute URL such as `https://api.example.com/pets/{petId}`"
        );
        assert!(err("api.example.com/pets").contains("relative URL without a base"));
        assert!(err("https://a.example.com/p#top").contains("`#fragment`"));
        assert!(err("https://u:p@a.example.com/").contains("credentials"));
        assert!(
            err("https://${AWS::Region}.example.com/").contains("only `${stageVariables.name}`")
        );
        assert_eq!(
            check_url("http://a.example.com/", true)
                .unwrap_err()
                .message("http://a.example.com/"),
            "`insecure_skip_verification` only applies to `https` URLs, and `http://a.example.com/` is `http`: remove it"
        );
    }
}
