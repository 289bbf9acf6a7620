//! # apigw: type-safe AWS API Gateway APIs in Rust
//!
//! Declare operations with attribute macros next to their handlers; the compiler checks the API,
//! and one binary exports it (OpenAPI, a CloudFormation template, the Lambda package) and serves
//! it on Lambda. See the README for a tour.
//!
//! The architecture is one model, many outputs: `#[operation]` registers an
//! [`OperationDescriptor`] (plain data in the vocabulary of [`spec`], the crate that defines
//! API Gateway's rules once for the macros and the runtime); the [`Registry`] validates the whole
//! set at start-up; the Lambda [`Dispatcher`] and [`synth`] (the OpenAPI document and the
//! template) are functions of it.

mod app;
mod config;
mod deserialize;
mod dispatch;
mod extract;
mod function;
mod infra;
pub mod integration;
#[cfg(feature = "lambda")]
pub mod lambda;
mod model;
// Most logical ids are only written by synth; a Lambda-only build uses a few.
#[cfg_attr(not(feature = "synth"), allow(dead_code))]
mod naming;
mod registry;
mod request;
mod responses;
mod state;
#[cfg(feature = "synth")]
pub mod synth;

/// API Gateway's vocabulary (methods, paths, placeholders, mappings, response sets, statuses):
/// the rules the macros check and the runtime renders with.
pub use apigw_spec as spec;

pub use apigw_macros::{
    ApiResponses, aws_integration, http_integration, integration, lambda_integration,
    mock_integration, operation, s3_integration,
};
pub use app::App;
pub use config::{ApiConfig, ApiInfo};
pub use dispatch::{Dispatcher, RouteRef};
pub use extract::{
    FromRequest, ParamDoc, ParamLocation, Query, Rejection, RequestBodyDoc, RequestDoc,
};
pub use function::{Architecture, FunctionConfig};
pub use infra::{
    Bucket, DEFAULT_PARTITION_KEY, EventBus, Express, Provenance, Queue, Resource, ResourceKind,
    Standard, StateMachine, StateMachineType, Table, Topic, VpcLink,
};
pub use model::{
    Backend, Handler, HandlerFuture, LambdaBackend, OperationDescriptor, SourceLocation,
};
pub use registry::{Registry, RegistryError, RegistryErrors};
pub use request::Request;
pub use responses::{
    ApiError, ApiResponses, BodyDoc, DeclaresStatus, HeaderDoc, Json, Response, ResponseBody,
    ResponseDoc,
};
pub use spec::Method;
pub use state::{Shared, State};

/// Everything a module declaring operations needs.
pub mod prelude {
    pub use crate::{
        ApiError, ApiResponses, App, Json, Query, Request, State, http_integration,
        mock_integration, operation, s3_integration,
    };
    pub use schemars::JsonSchema;
    pub use serde::{Deserialize, Serialize};
}

/// What generated code reaches through `::apigw`, so users depend on `apigw` alone.
#[doc(hidden)]
pub mod __private {
    pub use crate::extract::{header_optional, header_required, path_param};
    pub use inventory;
    pub use schemars::SchemaGenerator;
}
