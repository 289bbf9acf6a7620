//! The fuzz targets' harnesses and oracles, one module per target family. The targets in
//! `fuzz_targets/` only turn libFuzzer's bytes into a call here and panic with what an oracle
//! reports, so every check can also run on stable as a unit test over the seed corpora.

pub mod event;
pub mod mutate;
pub mod path;
pub mod vtl;

use std::path::{Path, PathBuf};

/// The repository root (the parent of `fuzz/`).
pub fn repo_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// Every file under `dir`, recursively, sorted (so an index into the list is stable).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
