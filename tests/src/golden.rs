//! Golden files: every comparison of an artifact with its committed copy under `tests/golden/`
//! goes through [`assert_golden`], so there is one way to see a difference and one switch to
//! accept it: `EXPECTORATE=overwrite cargo test --workspace` rewrites the files, and `git diff`
//! shows what changed for review.

use std::path::PathBuf;

/// The path of a golden file, relative to `tests/golden`.
pub fn golden_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(rel)
}

/// Panics with a line diff if `actual` differs from `tests/golden/<rel>`; with
/// `EXPECTORATE=overwrite`, writes `actual` there instead.
#[track_caller]
pub fn assert_golden(rel: &str, actual: &str) {
    expectorate::assert_contents(golden_path(rel), actual);
}
