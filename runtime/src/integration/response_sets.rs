//! Integration response sets: ready-made groups of `responses` entries, composed in order so a
//! later set overrides an earlier one key by key (selection pattern by selection pattern).
//!
//! `#[s3_integration(responses = [...])]` and `#[http_integration(responses = [...])]` build
//! these; the macros compute the same composition at compile time to check that every status the
//! result can answer is declared by the operation.

use indexmap::IndexMap;

use super::params::ResponseHeader;
use super::{ContentHandling, IntegrationResponse};

/// The key of the entry API Gateway uses when no selection pattern matches.
pub const DEFAULT_KEY: &str = "default";

/// The selection pattern of [`ResponseSet::CatchAll`]: any 4xx or 5xx backend status.
pub const CATCH_ALL_PATTERN: &str = "(4|5)\\d{2}";

/// The statuses [`ResponseSet::S3JsonErrorMessage`] maps (S3's status -> the same status).
pub const S3_ERROR_STATUSES: [u16; 4] = [400, 403, 404, 500];

/// Turns S3's XML error (`<Error><Code>..</Code><Message>..</Message></Error>`) into
/// `{"message": "..."}`. `escapeJavaScript` escapes `'` as `\'`, which JSON does not allow, so
/// that escape is undone.
pub const S3_JSON_ERROR_TEMPLATE: &str = "#set($message = $input.body.split('<Message>')[1].split('</Message>')[0])\n{\"message\": \"$util.escapeJavaScript($message).replaceAll(\"\\\\'\", \"'\")\"}\n";

/// One entry a user spells out: `custom("404" => 200, ...)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomResponse {
    /// Selection pattern (a Java regex over the backend status, or `default`).
    pub pattern: &'static str,
    pub status: u16,
    pub headers: &'static [ResponseHeader],
    /// `(content type, VTL template)`.
    pub templates: &'static [(&'static str, &'static str)],
    pub content_handling: Option<ContentHandling>,
}

impl CustomResponse {
    pub fn render(&self) -> IntegrationResponse {
        let mut r = IntegrationResponse::status(self.status);
        for h in self.headers {
            r.response_parameters.insert(h.key(), h.source.expression());
        }
        for (ct, t) in self.templates {
            r.response_templates.insert((*ct).into(), (*t).into());
        }
        r.content_handling = self.content_handling;
        r
    }
}

/// A group of integration responses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ResponseSet {
    /// `default` -> `status`, the backend's body passed through, `headers` mapped.
    DefaultPassthrough {
        status: u16,
        headers: &'static [ResponseHeader],
        content_handling: Option<ContentHandling>,
    },
    /// S3's 400/403/404/500 -> the same status with a JSON `{"message": ...}` body.
    S3JsonErrorMessage,
    /// Any 4xx/5xx -> 500, body passed through.
    CatchAll,
    /// Entries spelled out by the user.
    Custom(&'static [CustomResponse]),
}

impl ResponseSet {
    /// The entries of this set alone, in order.
    pub fn entries(&self) -> Vec<(String, IntegrationResponse)> {
        match self {
            ResponseSet::DefaultPassthrough {
                status,
                headers,
                content_handling,
            } => {
                let mut r = IntegrationResponse::status(*status);
                for h in *headers {
                    r.response_parameters.insert(h.key(), h.source.expression());
                }
                r.content_handling = *content_handling;
                vec![(DEFAULT_KEY.into(), r)]
            }
            ResponseSet::S3JsonErrorMessage => S3_ERROR_STATUSES
                .iter()
                .map(|s| {
                    let mut r = IntegrationResponse::status(*s);
                    r.response_templates
                        .insert("application/json".into(), S3_JSON_ERROR_TEMPLATE.into());
                    (s.to_string(), r)
                })
                .collect(),
            ResponseSet::CatchAll => {
                vec![(CATCH_ALL_PATTERN.into(), IntegrationResponse::status(500))]
            }
            ResponseSet::Custom(entries) => entries
                .iter()
                .map(|e| (e.pattern.to_string(), e.render()))
                .collect(),
        }
    }
}

/// The `responses` object of `sets` composed in order: a later entry with the same selection
/// pattern replaces the earlier one (keeping its position).
pub fn compose(sets: &[ResponseSet]) -> IndexMap<String, IntegrationResponse> {
    let mut out = IndexMap::new();
    for set in sets {
        for (key, response) in set.entries() {
            out.insert(key, response);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_sets_override_key_by_key() {
        const CUSTOM: &[CustomResponse] = &[CustomResponse {
            pattern: "404",
            status: 200,
            headers: &[],
            templates: &[("application/json", "[]")],
            content_handling: None,
        }];
        let out = compose(&[
            ResponseSet::DefaultPassthrough {
                status: 200,
                headers: &[],
                content_handling: None,
            },
            ResponseSet::S3JsonErrorMessage,
            ResponseSet::Custom(CUSTOM),
        ]);
        let keys: Vec<&str> = out.keys().map(String::as_str).collect();
        assert_eq!(keys, ["default", "400", "403", "404", "500"]);
        assert_eq!(out["404"].status_code, "200");
        assert_eq!(out["404"].response_templates["application/json"], "[]");
        assert_eq!(out["403"].status_code, "403");
    }
}
