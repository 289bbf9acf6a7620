//! HTTP integrations: API Gateway forwards the request to a URL, either untouched (`http_proxy`)
//! or through request templates and integration responses (`http`). Over the internet, or
//! privately through a VPC link to a Network Load Balancer.

use super::object::{IntegrationObject, TlsConfig, sub};
use super::{Integration, RenderContext, apply_options, render_responses, render_templates};
use crate::infra::{Resource, VpcLink};
use crate::spec::options::{ConnectionType, IntegrationType};
use crate::spec::{
    List, MappingOptions, Method, ParamSource, PassthroughBehavior, RequestParameter, ResponseSet,
    StatusCode, Str, Template, responses,
};

/// How API Gateway reaches the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpConnection {
    /// Over the internet (the default).
    Internet,
    /// Through a VPC link to a Network Load Balancer; the URL's host is the NLB's DNS name (or
    /// a name that resolves to it) and is sent as the `Host` header.
    VpcLink(VpcLink),
}

/// `#[http_integration(...)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpIntegration {
    /// `http(s)://host/path/{param}`; `{param}` placeholders are filled from request parameters.
    pub url: Str,
    /// The method toward the backend (`ANY`: the caller's).
    pub method: Method,
    /// `http_proxy`: request and response pass through, `responses` and templates do not apply.
    pub proxy: bool,
    /// How API Gateway reaches the URL.
    pub connection: HttpConnection,
    /// Request parameter mappings, besides the `{param}` <- path parameter ones the URL implies.
    pub request_parameters: List<RequestParameter>,
    /// Non-proxy only.
    pub request_templates: List<Template>,
    /// Non-proxy only; composed in order.
    pub responses: List<ResponseSet>,
    /// Passthrough, content handling, timeout.
    pub options: MappingOptions,
    /// `tlsConfig.insecureSkipVerification` (https URLs only).
    pub insecure_skip_verification: bool,
    /// Method request parameters that form the cache key.
    pub cache_key_parameters: List<ParamSource>,
    /// `cacheNamespace`.
    pub cache_namespace: Option<Str>,
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
        obj.http_method = Some(self.method.as_str().into());
        obj.uri = Some(self.url.as_ref().into());
        if let HttpConnection::VpcLink(link) = self.connection {
            obj.connection_type = Some(ConnectionType::VpcLink);
            obj.connection_id = Some(sub(link.resource().name_sub()));
        }
        obj.request_parameters =
            super::request_parameters(&self.url, self.request_parameters.iter());
        obj.request_templates = render_templates(&self.request_templates);
        apply_options(&mut obj, &self.options);
        obj.passthrough_behavior = Some(
            self.options
                .passthrough
                .unwrap_or(PassthroughBehavior::WhenNoMatch),
        );
        if self.insecure_skip_verification {
            obj.tls_config = Some(TlsConfig {
                insecure_skip_verification: Some(true),
                server_name_to_verify: None,
            });
        }
        obj.cache_key_parameters = self
            .cache_key_parameters
            .iter()
            .map(ParamSource::expression)
            .collect();
        obj.cache_namespace = self.cache_namespace.as_ref().map(|n| n.to_string());
        if !self.proxy {
            obj.responses = render_responses(&self.responses);
        }
        obj
    }

    fn resources(&self) -> Vec<Resource> {
        match self.connection {
            HttpConnection::VpcLink(link) => vec![link.resource()],
            HttpConnection::Internet => Vec::new(),
        }
    }

    fn answers(&self) -> Option<Vec<StatusCode>> {
        Some(if self.proxy {
            Vec::new()
        } else {
            responses::answers(&self.responses)
        })
    }
}
