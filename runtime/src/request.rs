//! The request a handler sees: the same whatever carried it (REST v1 event, HTTP API v2 event,
//! or the local gateway).

use std::collections::BTreeMap;

/// An incoming request, already routed to its operation.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: http::Method,
    /// The request path as the client sent it (not the template).
    pub path: String,
    /// Path parameters by template name (`petId`, or `rest` for `{rest+}`).
    pub path_params: BTreeMap<String, String>,
    /// Query parameters in order; a repeated name appears once per value.
    pub query: Vec<(String, String)>,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
    /// What the carrier knows beyond HTTP, e.g. the Lambda `RequestContext` and `Context`.
    pub extensions: http::Extensions,
}

impl Request {
    /// The first value of header `name` as text. Header values are bytes: any UTF-8 value is
    /// returned (`to_str` would only accept visible ASCII); `headers.get_all` has every value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
    }

    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(feature = "lambda")]
impl Request {
    /// The API Gateway request context of the Lambda event: stage, request id, source IP,
    /// authorizer output, domain name.
    pub fn lambda_request_context(&self) -> Option<&crate::lambda::RequestContext> {
        self.extensions.get()
    }

    /// The Lambda invocation context: request id, deadline, function ARN.
    pub fn lambda_context(&self) -> Option<&lambda_runtime::Context> {
        self.extensions.get()
    }
}
