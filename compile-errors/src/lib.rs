//! The compile errors users of apigw meet: see `tests/ui.rs` and `docs/compile-errors.md`.
