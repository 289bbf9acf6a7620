//! The integration tests of apigw, in one binary: each test file of this folder is a module here,
//! so the examples, the runtime and the test support are linked once instead of once per file.
//! Run one group with `cargo test -p apigw-tests --test integration <module>::`.
//!
//! Every example and every module's operations are linked into this binary, so `inventory` holds
//! all of them: a test takes its operations by where they were declared
//! ([`apigw_tests::operations`], or a filter on `source.file`), never with `Registry::collect()`.
//!
//! The compile-fail cases are not here: they are the package `compile-errors/`.

// Public, as each file's items were at the root of its own binary: the marker structs and response
// enums that only the macros use are then not dead code.
pub mod bad_input;
pub mod binary_bodies;
pub mod deploy_template;
pub mod golden_s3_http;
pub mod integrations_aws;
pub mod integrations_s3_calls;
pub mod integrations_s3_http;
pub mod lambda_custom_e2e;
pub mod lambda_e2e;
pub mod openapi_golden;
pub mod package;
pub mod reference_page;
pub mod registry;
pub mod runtime_api;
pub mod synth_cli;
pub mod template_size;
pub mod templates_evaluated;
