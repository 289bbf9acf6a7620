//! # apigw: type-safe AWS API Gateway APIs in Rust
//!
//! Declare operations with attribute macros next to their handlers; the compiler checks the API,
//! and one binary exports it (OpenAPI), serves it on Lambda, and later deploys it. See the README
//! for a tour.
//!
//! The architecture is one model, many outputs: `#[operation]` registers an
//! [`OperationDescriptor`]; the [`Registry`] validates the whole set at start-up; the OpenAPI
//! document, the Lambda [`Dispatcher`] and the CLI are pure functions of it.

pub mod app;
#[cfg(feature = "synth")]
pub mod cli;
mod deserialize;
pub mod dispatch;
pub mod extract;
pub mod function;
pub mod infra;
pub mod integration;
#[cfg(feature = "lambda")]
pub mod lambda;
pub mod model;
pub mod naming;
pub mod openapi;
#[cfg(feature = "synth")]
pub mod package;
pub mod registry;
pub mod request;
pub mod responses;
pub mod state;
#[cfg(feature = "synth")]
pub mod template;

pub use apigw_macros::{
    ApiResponses, aws_integration, http_integration, integration, lambda_integration,
    mock_integration, operation, s3_integration,
};
pub use app::App;
pub use dispatch::Dispatcher;
pub use extract::{FromRequest, Query, Rejection, RequestDoc};
pub use function::{Architecture, FunctionConfig};
pub use infra::{Bucket, EventBus, Express, Queue, Standard, StateMachine, Table, Topic, VpcLink};
pub use integration::Integration;
pub use model::{Backend, LambdaBackend, Method, OperationDescriptor, SourceLocation};
pub use registry::{Registry, RegistryError, RegistryErrors};
pub use request::Request;
pub use responses::{
    ApiError, ApiResponses, DeclaresStatus, HeaderDoc, Json, Response, ResponseBody, ResponseDoc,
};
pub use state::State;

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
    pub use crate::model::HandlerFuture;
    pub use crate::state::Shared;
    pub use inventory;
    pub use schemars::SchemaGenerator;
}
