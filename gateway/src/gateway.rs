//! The gateway: a deployed API answering requests, in process ([`Gateway::handle`]) or over HTTP
//! ([`Gateway::serve`]).

use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderValue, Request, Response};
use serde_json::Value;

use crate::backend::{self, Clients};
use crate::config::GatewayConfig;
use crate::context::{self, ContextInput};
use crate::deploy::{self, Api, Backend, Method};
use crate::error::DeployError;
use crate::gateway_response::{GatewayError, GatewayErrorKind, MAX_BODY_BYTES};
use crate::mapping::Exchange;
use crate::mapping::request::{map_parameters, map_request};
use crate::mapping::response::{IntegrationResult, Selector, map_response};
use crate::request::{MethodRequest, canonical_header_name, parse_query};
use crate::resolve::{Bindings, resolve_document};
use crate::route::NoRoute;

/// A deployed REST API. Cheap to clone (shared); `Send + Sync`.
#[derive(Clone)]
pub struct Gateway {
    inner: Arc<Inner>,
}

struct Inner {
    api: Api,
    config: GatewayConfig,
    clients: Clients,
}

/// The client's address, when the request came over the network (`$context.identity.sourceIp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::SocketAddr);

impl Gateway {
    /// Deploys a resolved document (no CloudFormation intrinsic left; see
    /// [`Gateway::from_rendered`]).
    pub fn new(document: &Value, config: GatewayConfig) -> Result<Gateway, DeployError> {
        let api = deploy::deploy(document)?;
        let clients = Clients::new()
            .map_err(|e| DeployError::Document(format!("cannot create the HTTP client: {e}")))?;
        Ok(Gateway {
            inner: Arc::new(Inner {
                api,
                config,
                clients,
            }),
        })
    }

    /// Deploys a document as synth renders it: its intrinsics resolved with `bindings`, whose
    /// region and account also become the configuration's.
    pub fn from_rendered(
        document: &Value,
        bindings: &Bindings,
        config: GatewayConfig,
    ) -> Result<Gateway, DeployError> {
        let resolved = resolve_document(document, bindings)?;
        let config = config
            .region(bindings.region())
            .account_id(bindings.account_id());
        Gateway::new(&resolved, config)
    }

    /// The stage requests are served under (`/{stage}/...`).
    pub fn stage(&self) -> &str {
        &self.inner.config.stage
    }

    /// Answers one request as API Gateway would. Never fails: errors are API Gateway's own
    /// responses (403, 415, 500, 502, 504, ...).
    pub async fn handle(&self, request: Request<Bytes>) -> Response<Bytes> {
        let request_id = uuid::Uuid::new_v4().to_string();
        let head_request = request.method() == http::Method::HEAD;
        let mut response = match self.serve_one(request, &request_id).await {
            Ok(r) => r,
            Err(e) => e.response(&request_id),
        };
        if let Ok(id) = HeaderValue::from_str(&request_id) {
            response.headers_mut().insert("x-amzn-RequestId", id);
        }
        if head_request {
            *response.body_mut() = Bytes::new();
        }
        response
    }

    async fn serve_one(
        &self,
        request: Request<Bytes>,
        request_id: &str,
    ) -> Result<Response<Bytes>, GatewayError> {
        let inner = &*self.inner;
        let config = &inner.config;
        let (parts, body) = request.into_parts();
        let full_path = parts.uri.path().to_string();
        let Some(path) = strip_stage(&full_path, &config.stage) else {
            return Err(GatewayError::new(
                GatewayErrorKind::UnknownStage,
                format!("`{full_path}` is not under the stage `/{}`", config.stage),
            ));
        };
        if body.len() > MAX_BODY_BYTES {
            return Err(GatewayError::new(
                GatewayErrorKind::RequestTooLarge,
                format!("{} bytes", body.len()),
            ));
        }
        let method_name = parts.method.as_str().to_ascii_uppercase();
        let matched = inner.api.router.find(path, &method_name).map_err(|why| {
            GatewayError::new(
                GatewayErrorKind::MissingAuthenticationToken,
                match why {
                    NoRoute::NoResource => format!("no resource matches {path}"),
                    NoRoute::NoMethod => {
                        format!("the resource of {path} has no {method_name} method")
                    }
                },
            )
        })?;
        let method: &Method = inner
            .api
            .methods
            .get(matched.method)
            .ok_or_else(|| GatewayError::configuration("the route names no method"))?;
        let source_ip = parts
            .extensions
            .get::<ClientAddress>()
            .map_or_else(|| "127.0.0.1".to_string(), |a| a.0.ip().to_string());
        let method_request = MethodRequest {
            method: method_name,
            path: path.to_string(),
            full_path: full_path.clone(),
            headers: parts
                .headers
                .iter()
                .map(|(k, v)| {
                    (
                        canonical_header_name(k.as_str()),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            query: parse_query(parts.uri.query()),
            path_params: matched.params,
            greedy_params: matched.greedy,
            body,
            source_ip,
        };
        let extended_request_id = extended_id(request_id);
        let context = context::build(&ContextInput {
            request: &method_request,
            resource_path: &method.resource_path,
            operation_id: method.operation_id.as_deref(),
            stage: &config.stage,
            api_id: &config.api_id,
            account_id: &config.account_id,
            request_id,
            extended_request_id: &extended_request_id,
        });
        let mut exchange = Exchange {
            request: &method_request,
            context,
            stage_variables: &config.stage_variables,
            binary_types: &inner.api.binary_media_types,
        };
        let integration = &method.integration;
        let accept = method_request.header("Accept");
        match &integration.backend {
            Backend::LambdaProxy { function_arn } => {
                let event = backend::lambda_proxy::event(
                    &method_request,
                    &method.resource_path,
                    &exchange.context,
                    &config.stage_variables,
                    &inner.api.binary_media_types,
                );
                backend::lambda_proxy::call(
                    function_arn,
                    config.lambda.as_ref(),
                    &event,
                    accept,
                    &inner.api.binary_media_types,
                    integration.timeout,
                )
                .await
            }
            Backend::Http { uri, proxy: true } => {
                let mapped = map_parameters(integration, &exchange)?;
                backend::http::proxy(
                    uri,
                    integration,
                    &method_request,
                    mapped,
                    config,
                    &inner.clients,
                )
                .await
            }
            backend_kind => {
                let mapped = map_request(integration, &mut exchange)?;
                let result = match backend_kind {
                    Backend::Mock => {
                        match backend::mock::status(&mapped)? {
                            Some(status) => backend::mock::result(status),
                            None => {
                                // No template: the `default` entry answers whatever its status.
                                let status = integration
                                .responses
                                .iter()
                                .find(|r| r.pattern.is_none())
                                .map(|r| r.status)
                                .ok_or_else(|| GatewayError::configuration("a mock with no request template and no default response"))?;
                                IntegrationResult {
                                    selector: Selector::Status(status),
                                    ..backend::mock::result(status)
                                }
                            }
                        }
                    }
                    Backend::LambdaCustom { function_arn } => {
                        backend::lambda_custom::call(
                            function_arn,
                            config.lambda.as_ref(),
                            mapped,
                            integration.timeout,
                        )
                        .await?
                    }
                    Backend::Aws(uri) => {
                        let answer = backend::aws::call(
                            uri,
                            integration,
                            &method_request.method,
                            method_request.header("Content-Type"),
                            mapped,
                            config,
                            &inner.clients,
                        )
                        .await?;
                        status_result(answer)
                    }
                    Backend::Http { uri, .. } => {
                        let answer = backend::http::call(
                            uri,
                            integration,
                            &method_request,
                            mapped,
                            config,
                            &inner.clients,
                        )
                        .await?;
                        status_result(answer)
                    }
                    Backend::LambdaProxy { .. } => {
                        return Err(GatewayError::configuration(
                            "a Lambda proxy reached the mapping engine",
                        ));
                    }
                };
                map_response(integration, &method.declared_statuses, result, &exchange)
            }
        }
    }
}

fn status_result(answer: backend::BackendResponse) -> IntegrationResult {
    IntegrationResult {
        selector: Selector::Status(answer.status),
        headers: answer.headers,
        body: answer.body,
    }
}

/// The path after `/{stage}`, or `None` when the request is not under the stage.
fn strip_stage<'p>(path: &'p str, stage: &str) -> Option<&'p str> {
    let rest = path.strip_prefix('/')?.strip_prefix(stage)?;
    if rest.is_empty() || rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

/// A short id in the shape of API Gateway's extended request ids.
fn extended_id(request_id: &str) -> String {
    let compact: String = request_id.chars().filter(|c| *c != '-').take(14).collect();
    format!("{compact}=")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_prefix() {
        assert_eq!(strip_stage("/prod/pets", "prod"), Some("/pets"));
        assert_eq!(strip_stage("/prod", "prod"), Some(""));
        assert_eq!(strip_stage("/prod/", "prod"), Some("/"));
        assert_eq!(strip_stage("/production/pets", "prod"), None);
        assert_eq!(strip_stage("/pets", "prod"), None);
    }
}
