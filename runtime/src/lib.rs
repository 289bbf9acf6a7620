#![doc = include_str!("../../README.md")]
//!
//! # The crate
//!
//! The architecture is one model, many outputs: `#[operation]` registers an
//! [`OperationDescriptor`] (plain data in the vocabulary of [`spec`], the crate that defines
//! API Gateway's rules once for the macros and the runtime); the [`Registry`] validates the whole
//! set at start-up; the Lambda [`Dispatcher`], the in-process [`testing::TestClient`] and
//! [`synth`] (the OpenAPI document and the template) are functions of it.
//!
//! Start with the [`prelude`]; the attributes are documented on [`operation`],
//! [`ApiResponses`](derive@ApiResponses), [`mock_integration`], [`s3_integration`],
//! [`http_integration`], [`aws_integration`], [`lambda_integration`] and
//! [`integration`](macro@integration).
#![warn(missing_docs)]

mod app;
mod binary;
mod conditional;
mod config;
mod constraints;
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
#[cfg(feature = "lambda")]
pub mod testing;

/// API Gateway's vocabulary (methods, paths, placeholders, mappings, response sets, statuses):
/// the rules the macros check and the runtime renders with.
pub use apigw_spec as spec;

pub use apigw_macros::{
    ApiResponses, aws_integration, http_integration, integration, lambda_integration,
    mock_integration, operation, s3_integration,
};
pub use app::App;
pub use binary::{Binary, MediaType, media};
pub use conditional::{ETag, IfMatch};
pub use config::{ApiConfig, ApiInfo};
pub use constraints::{ConstraintError, DeclareIntegerBounds, InvalidPattern, NON_BLANK};
pub use dispatch::{Dispatcher, RouteRef};
pub use extract::{
    FromRequest, JsonBody, ParamDoc, ParamLocation, Query, Rejection, RequestBody, RequestBodyDoc,
    RequestDoc,
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
    ApiError, ApiResponses, BodyDoc, DeclaresBody, DeclaresStatus, HeaderDoc, Json, Response,
    ResponseBody, ResponseDoc, Xml,
};
/// What [`ResponseBody::describe`] and [`FromRequest::document`] describe with: schemars' schema
/// generator and schema, for implementing those traits without depending on schemars.
pub use schemars::{Schema, SchemaGenerator};
pub use spec::Method;
pub use state::{Shared, State};

/// Everything a module declaring an API needs: `use apigw::prelude::*;`.
///
/// The attributes ([`operation`], every integration attribute), the derive
/// [`ApiResponses`](derive@ApiResponses), what handlers take and return ([`Json`], [`Query`],
/// [`State`], [`Request`], [`ApiError`]), the [`App`] and its [`FunctionConfig`], and the typed
/// infrastructure references integrations name ([`Bucket`], [`Table`], [`Queue`], [`Topic`],
/// [`EventBus`], [`StateMachine`] with [`Standard`] and [`Express`], [`VpcLink`]).
///
/// It also re-exports serde's `Serialize` and `Deserialize` and schemars' `JsonSchema`, traits
/// and derives, for the types of bodies and query parameters. The derives generate code that
/// names the crates `serde` and `schemars`, so a crate deriving them depends on both itself:
/// `serde = { version = "1", features = ["derive"] }` and `schemars = "1"` (the README's
/// "Starting a crate" section has the whole `Cargo.toml`).
///
/// A glob import never warns about the names a module does not use. Integration attributes are
/// read (and removed) by the `#[operation]` above them; an explicit import of one
/// (`use apigw::s3_integration;`) counts as used all the same.
pub mod prelude {
    pub use crate::media::*;
    pub use crate::{
        ApiError, ApiResponses, App, Architecture, Binary, Bucket, EventBus, Express,
        FunctionConfig, Json, Query, Queue, Request, Standard, State, StateMachine, Table, Topic,
        VpcLink, aws_integration, http_integration, integration, lambda_integration,
        mock_integration, operation, s3_integration,
    };
    pub use schemars::JsonSchema;
    pub use serde::{Deserialize, Serialize};
}

/// The attributes' documentation (`macros/doc/*.md`), whose examples need this crate: they run as
/// its doctests.
#[cfg(doctest)]
mod attribute_docs {
    #[doc = include_str!("../../macros/doc/operation.md")]
    struct Operation;
    #[doc = include_str!("../../macros/doc/api_responses.md")]
    struct ApiResponses;
    #[doc = include_str!("../../macros/doc/mock_integration.md")]
    struct MockIntegration;
    #[doc = include_str!("../../macros/doc/s3_integration.md")]
    struct S3Integration;
    #[doc = include_str!("../../macros/doc/http_integration.md")]
    struct HttpIntegration;
    #[doc = include_str!("../../macros/doc/aws_integration.md")]
    struct AwsIntegration;
    #[doc = include_str!("../../macros/doc/lambda_integration.md")]
    struct LambdaIntegration;
    #[doc = include_str!("../../macros/doc/integration.md")]
    struct Integration;
}

/// What generated code reaches through `::apigw`, so users depend on `apigw` alone.
#[doc(hidden)]
pub mod __private {
    pub use crate::extract::{header_optional, header_required, path_param};
    pub use inventory;
    pub use schemars::SchemaGenerator;
}
