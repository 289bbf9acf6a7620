//! Test support for apigw: a Lambda Runtime API server that drives real function binaries,
//! access to the committed fixtures, the golden-file comparison, and the operations of each
//! example.

pub mod binaries;
pub mod fixtures;
pub mod golden;
pub mod operations;
pub mod runtime_api;
pub mod synth;

pub use golden::assert_golden;
pub use runtime_api::{InvocationResult, Outcome, RuntimeApi, RuntimeApiError};
