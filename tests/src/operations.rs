//! The operations of one example. The integration test binary links every example and every
//! test module, and `inventory` collects all of their operations into one list, so a test takes
//! the operations it means by where they were declared, never with `Registry::collect()`.

use apigw::{OperationDescriptor, Registry};

/// The operations declared in source files under `examples/<dir>/`.
pub fn of_example(dir: &str) -> Vec<&'static OperationDescriptor> {
    let prefix = format!("examples/{dir}/");
    apigw::__private::inventory::iter::<OperationDescriptor>
        .into_iter()
        .filter(|op| op.source.file.replace('\\', "/").starts_with(&prefix))
        .collect()
}

/// The validated registry of the example under `examples/<dir>/`, as its own `synth` binary
/// (which links only that example) builds it with `App::registry()`.
pub fn example_registry(dir: &str) -> Registry {
    Registry::new(of_example(dir))
        .unwrap_or_else(|e| panic!("the operations of examples/{dir} form a registry: {e}"))
}
