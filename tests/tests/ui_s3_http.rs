//! Compile errors of the S3, HTTP and mock-extra integration attributes, each with a reviewed
//! `.stderr` (span on the offending token, operation named, fix stated).

#[test]
fn ui_s3_http() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/s3_*.rs");
    t.compile_fail("ui/http_*.rs");
    t.compile_fail("ui/mock_extras_*.rs");
}
