//! The synth pipeline, called the way tests need it: one artifact at a time, from an explicit
//! registry.

use apigw::synth::{self, SynthError, TemplateError, TemplateOptions};
use apigw::{App, Registry};
use serde_json::Value;

/// The CloudFormation template of `registry` with `app`'s configuration, or why it cannot be
/// rendered.
pub fn template(
    app: &App,
    registry: &Registry,
    options: &TemplateOptions,
) -> Result<Value, TemplateError> {
    match synth::documents(app.config(), registry, options) {
        Ok(d) => Ok(d.template),
        Err(SynthError::Template(e)) => Err(e),
        Err(e) => panic!("synth failed before the template: {e}"),
    }
}

/// The OpenAPI document of `registry`.
pub fn document(app: &App, registry: &Registry) -> Value {
    synth::documents(app.config(), registry, &TemplateOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .openapi
}

/// The rendered `x-amazon-apigateway-integration` of operation `id` in `registry`.
pub fn integration(app: &App, registry: &Registry, id: &str) -> Value {
    let rendered = synth::render(app.config(), registry).unwrap_or_else(|e| panic!("{e}"));
    rendered
        .operations
        .iter()
        .find(|r| r.op.id == id)
        .unwrap_or_else(|| panic!("no operation `{id}`"))
        .integration
        .to_json()
}
