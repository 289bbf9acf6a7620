//! Test support for apigw: a Lambda Runtime API server that drives real function binaries, and
//! access to the committed fixtures.

pub mod binaries;
pub mod fixtures;
pub mod runtime_api;

pub use runtime_api::{InvocationResult, Outcome, RuntimeApi, RuntimeApiError};
