//! The operation model: what `#[operation]` registers. Plain static data; every output (OpenAPI,
//! template, Lambda dispatch, local gateway) is a function of it.

use std::fmt;

use crate::extract::RequestDoc;
use crate::integration::Integration;
use crate::integration::lambda_proxy::LambdaProxy;
use crate::responses::ResponseDoc;
use crate::spec::Method;
use crate::{Request, Response};

/// Where an operation was declared, for start-up errors that point at the user's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLocation {
    /// The file, as `file!()` gives it.
    pub file: &'static str,
    /// The line of the item's name.
    pub line: u32,
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The future a generated handler wrapper returns: the handler's response, or the rejection of
/// an argument that could not be extracted.
pub type HandlerFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Response, crate::Rejection>> + Send>>;

/// A generated wrapper around a user's handler: extracts the arguments, calls it, converts the
/// result.
pub type Handler = fn(Request, crate::state::Shared) -> HandlerFuture;

/// An operation served by a handler in this binary.
#[derive(Clone, Copy)]
pub struct LambdaBackend {
    /// The generated wrapper of the handler.
    pub handler: Handler,
    /// `Some` for a Lambda custom (non-proxy) integration declared with `#[lambda_integration]`.
    pub custom: Option<fn() -> Box<dyn Integration>>,
}

/// Who answers an operation.
#[derive(Clone, Copy)]
pub enum Backend {
    /// A handler body: Lambda runs it.
    Lambda(LambdaBackend),
    /// A marker struct: API Gateway talks to the integration itself.
    Integration(fn() -> Box<dyn Integration>),
}

/// One operation as `#[operation]` registered it.
pub struct OperationDescriptor {
    /// The Rust item (`get_pet`, `DeletePet`), for messages and logical ids.
    pub name: &'static str,
    /// The OpenAPI `operationId`.
    pub id: &'static str,
    /// The HTTP method (`ANY`: every method).
    pub method: Method,
    /// OpenAPI form, already checked by the macro: `/pets/{petId}`, `/files/{rest+}`.
    pub path: &'static str,
    /// The doc comment's first line.
    pub summary: Option<&'static str>,
    /// The rest of the doc comment.
    pub description: Option<&'static str>,
    /// OpenAPI tags.
    pub tags: &'static [&'static str],
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// The Lambda function group that serves it (`None`: the default function).
    pub function: Option<&'static str>,
    /// Documents the declared responses (the responses type's `ApiResponses::describe`).
    pub responses: fn(&mut schemars::SchemaGenerator) -> Vec<ResponseDoc>,
    /// The statuses the responses type declares (`ApiResponses::STATUSES`), so checks need no
    /// schema generation.
    pub statuses: &'static [u16],
    /// Documents the parameters and body the operation reads.
    pub request: fn(&mut schemars::SchemaGenerator) -> RequestDoc,
    /// Who answers it.
    pub backend: Backend,
    /// Where it was declared.
    pub source: SourceLocation,
}

impl OperationDescriptor {
    /// `GET /pets/{petId}`: the HTTP API route key, and how messages name an operation.
    pub fn route_key(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// How API Gateway serves the operation: the Lambda proxy for a plain handler, the Lambda
    /// custom integration of `#[lambda_integration(custom)]`, or a marker's integration.
    pub fn integration(&self) -> Box<dyn Integration> {
        match self.backend {
            Backend::Lambda(LambdaBackend { custom: None, .. }) => Box::new(LambdaProxy),
            Backend::Lambda(LambdaBackend {
                custom: Some(make), ..
            }) => make(),
            Backend::Integration(make) => make(),
        }
    }

    /// Whether the operation answers `status` by its declaration: a status of its responses type,
    /// or, for a handler, one apigw answers by itself (documented in its OpenAPI responses).
    pub fn declares(&self, status: u16) -> bool {
        self.statuses.contains(&status)
            || (matches!(self.backend, Backend::Lambda(_))
                && crate::spec::lambda::FRAMEWORK_STATUSES.contains(&status))
    }

    /// The handler, for an operation Lambda serves.
    pub fn handler(&self) -> Option<Handler> {
        match self.backend {
            Backend::Lambda(l) => Some(l.handler),
            Backend::Integration(_) => None,
        }
    }
}

impl fmt::Debug for OperationDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OperationDescriptor")
            .field("id", &self.id)
            .field("route", &self.route_key())
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

inventory::collect!(OperationDescriptor);
