//! Why a document cannot be deployed. Requests never fail with a Rust error: whatever goes wrong
//! while serving one becomes the response API Gateway would send (see `gateway_response`).

use crate::resolve::ResolveError;

/// A document the gateway cannot deploy: what API Gateway's import would reject, or what this
/// emulator cannot execute. Each message names the operation and says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// The document still holds CloudFormation references the bindings do not give.
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    /// Not an OpenAPI document with `paths`.
    #[error("not an OpenAPI document API Gateway can import: {0}")]
    Document(String),
    /// A path API Gateway would not create as resources.
    #[error("path `{path}`: {problem}")]
    Path { path: String, problem: String },
    /// An operation whose integration API Gateway would reject or this gateway cannot run.
    #[error("{operation}: {problem}")]
    Operation { operation: String, problem: String },
}
