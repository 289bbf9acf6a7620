//! HTTP integrations: API Gateway forwards the request to a URL, either untouched (`http_proxy`)
//! or through request templates and integration responses (`http`). Over the internet, or
//! privately through a VPC link to a Network Load Balancer.

use super::params::{self, RequestParameter, ResponseHeader};
use super::response_sets::{self, ResponseSet};
use super::{
    ConnectionType, ContentHandling, Integration, IntegrationObject, IntegrationType,
    PassthroughBehavior, RenderContext, TlsConfig, object::sub,
};
use crate::infra::{Resource, VpcLink};

/// The headers of the backend's answer passed through by default (non-proxy).
pub const HTTP_PASS_HEADERS: &[ResponseHeader] = &[ResponseHeader::pass("Content-Type")];

/// The response sets of a non-proxy HTTP integration when none are given.
pub const HTTP_DEFAULT_RESPONSES: &[ResponseSet] = &[ResponseSet::DefaultPassthrough {
    status: 200,
    headers: HTTP_PASS_HEADERS,
    content_handling: None,
}];

/// How API Gateway reaches the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpConnection {
    Internet,
    /// Through a VPC link to a Network Load Balancer; the URL's host is the NLB's DNS name (or
    /// a name that resolves to it) and is sent as the `Host` header.
    VpcLink(VpcLink),
}

/// `#[http_integration(...)]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HttpIntegration {
    /// `http(s)://host/path/{param}`; `{param}` placeholders are filled from request parameters.
    pub url: &'static str,
    /// The method toward the backend (`GET`, ..., or `ANY` for "the caller's").
    pub method: &'static str,
    /// `http_proxy`: request and response pass through, `responses` and templates do not apply.
    pub proxy: bool,
    pub connection: HttpConnection,
    pub request_parameters: &'static [RequestParameter],
    /// `(content type, VTL template)`; non-proxy only.
    pub request_templates: &'static [(&'static str, &'static str)],
    /// Non-proxy only.
    pub responses: &'static [ResponseSet],
    pub passthrough: Option<PassthroughBehavior>,
    pub content_handling: Option<ContentHandling>,
    pub timeout_ms: Option<u32>,
    pub insecure_skip_verification: bool,
    /// Method request parameters (`method.request.path.petId`) that form the cache key.
    pub cache_key_parameters: &'static [&'static str],
    pub cache_namespace: Option<&'static str>,
}

impl HttpIntegration {
    /// A pass-through proxy to `url` with the caller's method.
    pub const fn proxy(url: &'static str) -> Self {
        HttpIntegration {
            url,
            method: "ANY",
            proxy: true,
            connection: HttpConnection::Internet,
            request_parameters: &[],
            request_templates: &[],
            responses: &[],
            passthrough: None,
            content_handling: None,
            timeout_ms: None,
            insecure_skip_verification: false,
            cache_key_parameters: &[],
            cache_namespace: None,
        }
    }
}

impl Integration for HttpIntegration {
    fn kind(&self) -> &'static str {
        match (self.proxy, self.connection) {
            (true, HttpConnection::Internet) => "http_proxy",
            (false, HttpConnection::Internet) => "http",
            (true, HttpConnection::VpcLink(_)) => "http_proxy (vpc link)",
            (false, HttpConnection::VpcLink(_)) => "http (vpc link)",
        }
    }

    fn render(&self, _: &RenderContext<'_>) -> IntegrationObject {
        let kind = if self.proxy {
            IntegrationType::HttpProxy
        } else {
            IntegrationType::Http
        };
        let mut obj = IntegrationObject::new(kind);
        obj.http_method = Some(self.method.into());
        obj.uri = Some(self.url.into());
        if let HttpConnection::VpcLink(link) = self.connection {
            obj.connection_type = Some(ConnectionType::VpcLink);
            obj.connection_id = Some(sub(link.resource().name_sub()));
        }
        obj.request_parameters = params::with_placeholders(self.url, self.request_parameters);
        for (ct, t) in self.request_templates {
            obj.request_templates.insert((*ct).into(), (*t).into());
        }
        obj.passthrough_behavior =
            Some(self.passthrough.unwrap_or(PassthroughBehavior::WhenNoMatch));
        obj.content_handling = self.content_handling;
        obj.timeout_in_millis = self.timeout_ms;
        if self.insecure_skip_verification {
            obj.tls_config = Some(TlsConfig {
                insecure_skip_verification: Some(true),
                server_name_to_verify: None,
            });
        }
        obj.cache_key_parameters = self
            .cache_key_parameters
            .iter()
            .map(|s| (*s).into())
            .collect();
        obj.cache_namespace = self.cache_namespace.map(Into::into);
        if !self.proxy {
            obj.responses = response_sets::compose(self.responses);
        }
        obj
    }

    fn resources(&self) -> Vec<Resource> {
        match self.connection {
            HttpConnection::VpcLink(link) => vec![link.resource()],
            HttpConnection::Internet => Vec::new(),
        }
    }
}
