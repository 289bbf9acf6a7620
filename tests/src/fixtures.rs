//! The committed event payloads under `tests/fixtures/events` (see its README for their origin).

use std::path::PathBuf;

/// The path of a fixture, relative to `tests/fixtures/events`.
pub fn event_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/events")
        .join(rel)
}

/// The bytes of a fixture event; panics with the path if it cannot be read (tests only).
pub fn event(rel: &str) -> Vec<u8> {
    let path = event_path(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}
