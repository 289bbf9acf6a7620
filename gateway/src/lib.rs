//! # apigw-gateway: a rendered REST API, executed
//!
//! An artifact is correct when it behaves. This crate takes the OpenAPI document apigw renders
//! (with its `x-amazon-apigateway-*` extensions) and serves it as API Gateway (REST, v1) would:
//! it routes each request to a resource and method, runs the integration's mapping templates
//! (with [`apigw_vtl`]), builds the backend request exactly as API Gateway builds it, sends it to
//! a real backend (AWS service endpoints such as a moto server, HTTP servers, Lambda functions
//! through a [`LambdaInvoker`]) and runs the answer back through the integration responses.
//!
//! ```no_run
//! # async fn run(document: serde_json::Value) -> Result<(), Box<dyn std::error::Error>> {
//! use apigw_gateway::{Bindings, Gateway, GatewayConfig};
//!
//! let bindings = Bindings::new().bind("PetsBucket", "pets").bind("GetPetIntegrationRole.Arn", "arn:aws:iam::123456789012:role/r");
//! let gateway = Gateway::from_rendered(&document, &bindings, GatewayConfig::new().aws_endpoint("http://127.0.0.1:5000"))?;
//! let response = gateway
//!     .handle(http::Request::get("/prod/pets/1").body(bytes::Bytes::new())?)
//!     .await;
//! let server = gateway.serve(0).await?; // or over HTTP, on 127.0.0.1
//! # Ok(()) }
//! ```
//!
//! ## Architecture
//!
//! | module | role |
//! |---|---|
//! | [`resolve`] | deployment resolution: CloudFormation intrinsics (`Fn::Sub`, `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Split`, `Fn::Select`) replaced by bound values; [`resolve_document`] gives the import-ready document |
//! | `deploy` | the resolved document read and checked once: resources, methods, integrations, templates parsed, selection patterns compiled |
//! | `route` | resources as a tree: literal, then `{param}`, then greedy `{param+}`; `ANY` as fallback |
//! | `request`, `context`, `media` | the method request (multi-value headers and query), `$context`, binary media types and `contentHandling` |
//! | `mapping` | the non-proxy mapping engine: request parameters, templates, passthrough, overrides, selection patterns, response parameters and templates |
//! | `backend::{mock, lambda_proxy, lambda_custom, aws, http}` | one module per integration kind; `sign` (SigV4 through `aws-sigv4`) |
//! | `gateway_response` | API Gateway's own error responses |
//! | `gateway`, `server` | [`Gateway::handle`] in process, [`Gateway::serve`] over HTTP (hyper, 127.0.0.1 only) |
//!
//! ## What is emulated
//!
//! - **Stage**: requests are served under `/{stage}/...`; another first segment answers 403
//!   `{"message":"Forbidden"}`.
//! - **Routing** (semantics §3, §8): exact segments before `{param}` before greedy `{param+}`,
//!   with fallback when a more specific branch fails deeper down; a greedy parameter matches one
//!   or more segments and never its parent; a trailing slash is ignored; the resource's method,
//!   else its `ANY` (`x-amazon-apigateway-any-method`). No resource or method: 403
//!   `{"message":"Missing Authentication Token"}`. Path parameters are percent-decoded.
//! - **Method request**: headers and query parameters with every value (single-value views take
//!   the last one); the body as bytes, binary when its `Content-Type` matches
//!   `x-amazon-apigateway-binary-media-types` (wildcards included). Bodies over 10 MB: 413.
//! - **Mapping** (`mock`, `aws`, `http`): `requestParameters` from every source form
//!   (`method.request.{path,querystring,multivaluequerystring,header,multivalueheader}.X`,
//!   `method.request.body[.JSONPATH]`, `context.X`, `stageVariables.X`, `'literal'`); the
//!   request template chosen by `Content-Type` (absent: `application/json`; then `$default`);
//!   `passthroughBehavior` (`when_no_match`, `when_no_templates`, `never` -> 415
//!   `{"message":"Unsupported Media Type"}`); `contentHandling` per AWS's conversion tables;
//!   `$context.requestOverride.{header,querystring,path}`. Responses: selection patterns as
//!   whole-string regular expressions against the backend status (Lambda custom: the
//!   `errorMessage`; a success matches as the empty string), first match in document order, then
//!   `default`; no match and no default: 500 `{"message": "Internal server error"}` (an
//!   unmatched Lambda error instead reaches the client as 200 with the error object); a status
//!   the method does not declare: 500; `responseParameters` (`integration.response.header.X`,
//!   `.multivalueheader.X` comma-joined, `.body[.JSONPATH]`, literals, context, stage
//!   variables); the template for the client's first `Accept` type, else `application/json`'s,
//!   else the first; `$context.responseOverride.{status,header.X}` (statuses outside 100..599
//!   ignored). The response `Content-Type` is the mapped one, else the template's key, else
//!   `application/json`. A template that fails to render: 500.
//! - **`mock`**: the template's `statusCode` is the integration status (not an integer: 500); no
//!   template: the `default` entry.
//! - **`aws_proxy`** (Lambda): the REST (v1) proxy event (null for absent maps, multi-value maps,
//!   `requestContext` with `resourcePath`, `httpMethod`, `stage`, `requestId`, `identity`,
//!   `operationName`; base64 bodies for binary types), and API Gateway's checks of the answer:
//!   only `statusCode`, `headers`, `multiValueHeaders`, `body`, `isBase64Encoded`; a numeric or
//!   numeric-string status (absent: 200); header merging; base64 decoded only for a binary
//!   `Accept`; anything else, a function error or a failed invoke: 502
//!   `{"message": "Internal server error"}`.
//! - **`aws` toward Lambda** (custom): the template output is the event; see responses above.
//! - **`aws` services**: path form (`s3:path/{bucket}/{key}`, `sqs:path/{account}/{queue}`) with
//!   the integration's method, placeholders percent-encoded (a greedy parameter keeps its `/`);
//!   action form: JSON 1.0/1.1 with `X-Amz-Target` for DynamoDB, Step Functions and Kinesis,
//!   `Action=` query parameter for query-protocol services (SNS, SQS, ...), S3's
//!   `GetObject`/`PutObject`/`DeleteObject`/`HeadObject` as their REST calls; `Accept:
//!   application/json` and the caller's `Content-Type` by default; SigV4 with the configured
//!   credentials; per-service endpoints ([`GatewayConfig::service_endpoint`]).
//! - **`http` / `http_proxy`**: a real HTTP request (reqwest, redirects not followed), uri
//!   placeholders and `${stageVariables.x}` filled; `http` sends only mapped headers and query
//!   parameters, `http_proxy` the client's request (mapped ones added) and returns the answer
//!   unchanged; VPC links and any origin can be pointed at local servers
//!   ([`GatewayConfig::vpc_link`], [`GatewayConfig::http_backend`]) with the original host as
//!   `Host`; `tlsConfig.insecureSkipVerification`.
//! - **Timeouts**: `timeoutInMillis` (default 29 s) -> 504 `{"message": "Endpoint request timed
//!   out"}`. An unreachable backend: 500.
//! - Every error response carries `x-amzn-ErrorType`; every response `x-amzn-RequestId`. HEAD
//!   responses have no body.
//!
//! ## What is not
//!
//! - Authorizers, API keys and usage plans, request validators, throttling, caching, CORS
//!   preflight beyond what the document's own `OPTIONS` methods do, custom domain names,
//!   canary settings, WAF, resource policies, mutual TLS, access logs.
//! - `x-amazon-apigateway-gateway-responses`: errors always use API Gateway's default bodies.
//! - IAM: the integration's `credentials` role is not assumed or evaluated; requests are signed
//!   with the configured credentials, so a backend never answers "access denied" the way AWS
//!   would for a role lacking a grant (for S3: a missing key is 404 here, while AWS answers 403
//!   unless the role may `s3:ListBucket`).
//! - Header names reach templates and events in canonical capitalisation (`Content-Type`),
//!   because HTTP/1 servers lower-case them; API Gateway passes the client's spelling, and its
//!   `method.request.header.X` lookups are case-sensitive where these are not.
//! - HTTP API (v2) and WebSocket APIs; Firehose `aws_proxy` targets; `FROM` stage-variable
//!   function ARNs (`${stageVariables.fn}` in a Lambda uri is not substituted).
//! - The 6 MB Lambda payload limit and the 10240-byte header limit.
//!
//! The `engine` feature (default) is the gateway; without it the crate is only [`resolve`].

pub mod resolve;

#[cfg(feature = "engine")]
mod backend;
#[cfg(feature = "engine")]
mod config;
#[cfg(feature = "engine")]
mod context;
#[cfg(feature = "engine")]
mod deploy;
#[cfg(feature = "engine")]
mod error;
#[cfg(feature = "engine")]
mod gateway;
#[cfg(feature = "engine")]
mod gateway_response;
#[cfg(feature = "engine")]
mod lambda;
#[cfg(feature = "engine")]
mod mapping;
#[cfg(feature = "engine")]
mod media;
#[cfg(feature = "engine")]
mod request;
#[cfg(feature = "engine")]
mod route;
#[cfg(feature = "engine")]
mod server;

pub use resolve::{Bindings, ResolveError, Unresolved, resolve_document, resolve_value};

#[cfg(feature = "engine")]
pub use config::{Credentials, GatewayConfig};
#[cfg(feature = "engine")]
pub use error::DeployError;
#[cfg(feature = "engine")]
pub use gateway::{ClientAddress, Gateway};
#[cfg(feature = "engine")]
pub use lambda::{
    Invocation, InvokeError, InvokeFuture, InvokeOutcome, LambdaInvoker, blocking_invoker,
    invoker_fn,
};
#[cfg(feature = "engine")]
pub use server::Server;
