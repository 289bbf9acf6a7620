//! The compile errors users meet, each proven by a case whose `.stderr` was reviewed: span on the
//! offending token, operation named, fix stated. Regenerate with `TRYBUILD=overwrite` and review
//! the diff before committing.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/*.rs");
}
