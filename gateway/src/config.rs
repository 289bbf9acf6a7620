//! What a deployment needs beyond the document: the stage, where each AWS service and HTTP
//! backend is reached, the credentials requests are signed with, and the Lambda invoker.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::lambda::LambdaInvoker;
use crate::resolve::DEFAULT_PSEUDO_PARAMETERS;

/// Credentials AWS service requests are signed with (SigV4). Local emulators such as moto accept
/// any; the default is the conventional dummy pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            access_key_id: "testing".into(),
            secret_access_key: "testing".into(),
            session_token: None,
        }
    }
}

/// The gateway's configuration. Build it with the methods below:
///
/// ```
/// use apigw_gateway::GatewayConfig;
/// let config = GatewayConfig::new()
///     .stage("prod")
///     .aws_endpoint("http://127.0.0.1:5000")          // every AWS service (e.g. moto)
///     .service_endpoint("s3", "http://127.0.0.1:9000")  // one service elsewhere
///     .stage_variable("env", "local")
///     .vpc_link("abc123", "http://127.0.0.1:8080")      // a VPC link's target
///     .http_backend("https://petstore.example.com", "http://127.0.0.1:8081");
/// ```
#[derive(Clone)]
pub struct GatewayConfig {
    pub(crate) stage: String,
    pub(crate) stage_variables: Vec<(String, String)>,
    pub(crate) api_id: String,
    pub(crate) region: String,
    pub(crate) account_id: String,
    pub(crate) aws_endpoint: Option<String>,
    pub(crate) service_endpoints: BTreeMap<String, String>,
    pub(crate) credentials: Credentials,
    pub(crate) vpc_links: BTreeMap<String, String>,
    pub(crate) http_backends: Vec<(String, String)>,
    pub(crate) lambda: Option<Arc<dyn LambdaInvoker>>,
}

impl std::fmt::Debug for GatewayConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GatewayConfig")
            .field("stage", &self.stage)
            .field("stage_variables", &self.stage_variables)
            .field("api_id", &self.api_id)
            .field("region", &self.region)
            .field("account_id", &self.account_id)
            .field("aws_endpoint", &self.aws_endpoint)
            .field("service_endpoints", &self.service_endpoints)
            .field("vpc_links", &self.vpc_links)
            .field("http_backends", &self.http_backends)
            .field("lambda", &self.lambda.is_some())
            .finish_non_exhaustive()
    }
}

impl Default for GatewayConfig {
    fn default() -> Self {
        GatewayConfig::new()
    }
}

impl GatewayConfig {
    /// Stage `prod`, region and account of a local deployment ([`DEFAULT_PSEUDO_PARAMETERS`]),
    /// AWS services at their public endpoints, no Lambda invoker.
    pub fn new() -> GatewayConfig {
        GatewayConfig {
            stage: "prod".into(),
            stage_variables: Vec::new(),
            api_id: "apigwlocal".into(),
            region: DEFAULT_PSEUDO_PARAMETERS[0].1.into(),
            account_id: DEFAULT_PSEUDO_PARAMETERS[1].1.into(),
            aws_endpoint: None,
            service_endpoints: BTreeMap::new(),
            credentials: Credentials::default(),
            vpc_links: BTreeMap::new(),
            http_backends: Vec::new(),
            lambda: None,
        }
    }

    /// The stage name: requests are served under `/{stage}/...`.
    pub fn stage(mut self, stage: impl Into<String>) -> Self {
        self.stage = stage.into();
        self
    }

    /// A stage variable (`$stageVariables.name`, `stageVariables.name`).
    pub fn stage_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.stage_variables.push((name.into(), value.into()));
        self
    }

    /// The REST API id (`$context.apiId`).
    pub fn api_id(mut self, id: impl Into<String>) -> Self {
        self.api_id = id.into();
        self
    }

    /// The region requests are signed for (and `$context` reports).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// `$context.accountId`.
    pub fn account_id(mut self, account: impl Into<String>) -> Self {
        self.account_id = account.into();
        self
    }

    /// One endpoint for every AWS service (`http://127.0.0.1:5000` for moto).
    pub fn aws_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.aws_endpoint = Some(trim(endpoint.into()));
        self
    }

    /// The endpoint of one service, by the name its integration uris use (`s3`, `dynamodb`,
    /// `sqs`, `sns`, `events`, `states`, `kinesis`, `lambda`).
    pub fn service_endpoint(
        mut self,
        service: impl Into<String>,
        endpoint: impl Into<String>,
    ) -> Self {
        self.service_endpoints
            .insert(service.into(), trim(endpoint.into()));
        self
    }

    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Where a VPC link (its `connectionId`) leads: requests over it go to `base` (scheme, host
    /// and port) instead of the integration uri's host, which is sent as `Host`.
    pub fn vpc_link(mut self, connection_id: impl Into<String>, base: impl Into<String>) -> Self {
        self.vpc_links
            .insert(connection_id.into(), trim(base.into()));
        self
    }

    /// Sends HTTP integrations whose uri starts with `origin` (`https://petstore.example.com`)
    /// to `replacement` (`http://127.0.0.1:8081`) instead, keeping the rest of the uri.
    pub fn http_backend(
        mut self,
        origin: impl Into<String>,
        replacement: impl Into<String>,
    ) -> Self {
        self.http_backends
            .push((trim(origin.into()), trim(replacement.into())));
        self
    }

    /// The invoker of Lambda integrations (proxy and custom).
    pub fn lambda(mut self, invoker: Arc<dyn LambdaInvoker>) -> Self {
        self.lambda = Some(invoker);
        self
    }

    /// The endpoint for `service` (with an optional subdomain, e.g. S3's bucket form): the
    /// configured one, else the public one.
    pub(crate) fn endpoint_for(&self, service: &str, subdomain: Option<&str>) -> String {
        if let Some(e) = self
            .service_endpoints
            .get(service)
            .or(self.aws_endpoint.as_ref())
        {
            return e.clone();
        }
        let host = match subdomain {
            Some(s) => format!("{s}.{service}"),
            None => service.to_string(),
        };
        format!("https://{host}.{}.amazonaws.com", self.region)
    }
}

fn trim(s: String) -> String {
    s.trim_end_matches('/').to_string()
}
