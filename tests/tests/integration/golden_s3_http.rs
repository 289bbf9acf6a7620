//! The S3 and HTTP examples, synthesized and compared with their golden OpenAPI documents
//! (`tests/golden/<example>/openapi.json`). Regenerate with `EXPECTORATE=overwrite`.

use apigw::App;
use apigw_tests::{assert_golden, operations};

/// The document of the operations declared under `examples/<dir>/`, as its synth writes it.
fn synthesize(dir: &str, app: App) -> String {
    // Every example is linked into this binary: take each one's own operations.
    let registry = operations::example_registry(dir);
    let doc = apigw_tests::synth::document(&app, &registry);
    let mut out = serde_json::to_string_pretty(&doc).unwrap();
    out.push('\n');
    out
}

fn check(dir: &str, app: App) {
    let actual = synthesize(dir, app);
    assert_eq!(
        actual,
        synthesize(
            dir,
            match dir {
                "s3" => s3_example::app(),
                _ => http_example::app(),
            }
        ),
        "synth is deterministic"
    );
    assert_golden(&format!("{dir}/openapi.json"), &actual);
}

#[test]
fn s3_example_matches_golden() {
    check("s3", s3_example::app());
}

#[test]
fn http_example_matches_golden() {
    check("http", http_example::app());
}
