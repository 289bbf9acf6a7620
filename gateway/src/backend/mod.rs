//! The backends, one module per integration kind, and what they share: the HTTP client (with the
//! integration's timeout) and uri placeholder filling.

pub(crate) mod aws;
pub(crate) mod http;
pub(crate) mod lambda_custom;
pub(crate) mod lambda_proxy;
pub(crate) mod mock;
pub(crate) mod sign;

use std::time::Duration;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::gateway_response::{GatewayError, GatewayErrorKind};
use crate::mapping::request::PathValue;

/// What a path placeholder's value is encoded with: everything but RFC 3986's unreserved
/// characters, as API Gateway (and SigV4) encode path segments.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// The same, keeping `/`: a greedy parameter's value spans segments.
const GREEDY: &AsciiSet = &SEGMENT.remove(b'/');

/// `template` with each `{name}` / `{name+}` replaced by its encoded value (absent: empty).
/// `${...}` is not a placeholder.
pub(crate) fn fill_placeholders(template: &str, values: &[PathValue]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let is_reference = open > 0 && rest.as_bytes()[open - 1] == b'$';
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..open + close];
        if is_reference {
            out.push_str(&rest[open..=open + close]);
        } else {
            let name = inner.trim_end_matches('+');
            if let Some(v) = values.iter().find(|v| v.name == name) {
                let set = if v.keep_slashes { GREEDY } else { SEGMENT };
                out.extend(utf8_percent_encode(&v.value, set));
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A request to a backend.
#[derive(Debug)]
pub(crate) struct OutgoingRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    pub timeout: Duration,
    pub insecure: bool,
}

/// A backend's answer.
#[derive(Debug, Clone)]
pub(crate) struct BackendResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

/// The HTTP clients the gateway sends with (one verifying TLS, one for
/// `tlsConfig.insecureSkipVerification`). Redirects are not followed: API Gateway passes them on.
#[derive(Debug, Clone)]
pub(crate) struct Clients {
    verifying: reqwest::Client,
    insecure: reqwest::Client,
}

impl Clients {
    pub fn new() -> Result<Clients, reqwest::Error> {
        let build = |insecure: bool| {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .danger_accept_invalid_certs(insecure)
                .build()
        };
        Ok(Clients {
            verifying: build(false)?,
            insecure: build(true)?,
        })
    }

    /// Sends `request`; a timeout is a 504, a backend that cannot be reached a 500 (API Gateway's
    /// "Execution failed due to configuration error").
    pub async fn send(&self, request: OutgoingRequest) -> Result<BackendResponse, GatewayError> {
        let client = if request.insecure {
            &self.insecure
        } else {
            &self.verifying
        };
        let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|_| {
            GatewayError::configuration(format!("`{}` is not an HTTP method", request.method))
        })?;
        let mut builder = client.request(method, &request.url);
        for (k, v) in &request.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let url = request.url.clone();
        let call = async move {
            let response = builder.body(request.body).send().await?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        crate::request::canonical_header_name(k.as_str()),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>(BackendResponse {
                status,
                headers,
                body,
            })
        };
        match tokio::time::timeout(request.timeout, call).await {
            Err(_) => Err(GatewayError::new(
                GatewayErrorKind::Timeout,
                format!("{url} did not answer within {:?}", request.timeout),
            )),
            Ok(Err(e)) if e.is_timeout() => {
                Err(GatewayError::new(GatewayErrorKind::Timeout, e.to_string()))
            }
            Ok(Err(e)) => Err(GatewayError::configuration(format!(
                "Invalid endpoint address or unreachable backend {url}: {e}"
            ))),
            Ok(Ok(r)) => Ok(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(name: &str, value: &str, keep_slashes: bool) -> PathValue {
        PathValue {
            name: name.into(),
            value: value.into(),
            keep_slashes,
        }
    }

    #[test]
    fn placeholders_are_encoded_and_greedy_ones_keep_slashes() {
        let values = [
            v("petId", "a b/c'é", false),
            v("key", "dir/sub file.png", true),
        ];
        assert_eq!(
            fill_placeholders("bucket/pets/{petId}.json", &values),
            "bucket/pets/a%20b%2Fc%27%C3%A9.json"
        );
        assert_eq!(
            fill_placeholders("files/{key+}", &values),
            "files/dir/sub%20file.png"
        );
        assert_eq!(
            fill_placeholders("a/{missing}/${stageVariables.x}", &values),
            "a//${stageVariables.x}"
        );
        assert_eq!(fill_placeholders("no {close", &values), "no {close");
    }
}
