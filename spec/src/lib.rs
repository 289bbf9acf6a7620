//! # apigw-spec: API Gateway's vocabulary, defined once
//!
//! Everything apigw knows about how API Gateway reads a declaration lives here, once: HTTP methods,
//! path templates and `{placeholder}`s, status codes and selection patterns, request and response
//! parameter mappings, passthrough behaviours, content handling, timeouts, integration response
//! sets and what they can answer, the S3 and HTTP defaults, and the ready-made AWS service calls.
//!
//! Two crates use it, for two purposes:
//! - `apigw-macros` parses attributes into these values and checks them at compile time (every
//!   status an integration can answer is declared, every placeholder names a parameter, every
//!   value is one API Gateway accepts);
//! - `apigw` (the runtime) renders the same values into the OpenAPI document and the template.
//!
//! So a rule is never written twice, and the check and the rendering cannot disagree. The crate
//! has no `syn`/`quote`: the macros turn these values into tokens themselves.
//!
//! Values are const-constructible ([`Str`] and [`List`] are `Cow`s): the macros build owned values
//! while checking, and emit borrowed ones as `const` data for the runtime.

pub mod aws;
pub mod http;
pub mod lambda;
pub mod method;
pub mod naming;
pub mod options;
pub mod params;
pub mod path;
pub mod placeholder;
pub mod responses;
pub mod route;
pub mod s3;
pub mod selection;
pub mod status;
pub mod template;

use std::borrow::Cow;

/// Text in a declaration: borrowed (`'static`, in generated const data) or owned (while the macros
/// check a declaration).
pub type Str = Cow<'static, str>;

/// A list in a declaration, borrowed or owned like [`Str`].
pub type List<T> = Cow<'static, [T]>;

pub use method::Method;
pub use options::{ContentHandling, MappingOptions, PassthroughBehavior, TimeoutMs};
pub use params::{ParamSource, ParamTarget, RequestParameter, ResponseHeader, ResponseSource};
pub use responses::{ResponseMapping, ResponseSet};
pub use selection::SelectionKey;
pub use status::StatusCode;
pub use template::Template;
