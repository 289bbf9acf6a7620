//! The binaries the end-to-end tests run. `CARGO_BIN_EXE_*` only exists for a package's own
//! tests, so the example's binary is built (or found fresh) through cargo, once per test process.

use std::path::PathBuf;
use std::sync::OnceLock;

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

/// The petstore example's `synth` binary, built with the profile of the running tests.
///
/// `APIGW_PETSTORE_BIN` points at a prebuilt binary instead (e.g. one unpacked from a zip).
pub fn petstore() -> Result<PathBuf, String> {
    static BIN: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(path) = std::env::var_os("APIGW_PETSTORE_BIN") {
            return Ok(PathBuf::from(path));
        }
        escargot::CargoBuild::new()
            .manifest_path(workspace_root().join("Cargo.toml"))
            .package("petstore")
            .bin("synth")
            .current_release()
            .run()
            .map(|run| run.path().to_path_buf())
            .map_err(|e| format!("cannot build the petstore binary: {e}"))
    })
    .clone()
}
