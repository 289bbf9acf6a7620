//! The S3 and HTTP examples, synthesized and compared with their golden OpenAPI documents
//! (`tests/golden/<example>/openapi.json`). Regenerate with `APIGW_BLESS=1`.

use std::path::PathBuf;

use apigw::openapi::document;
use apigw::{App, OperationDescriptor, Registry};

/// The document of the operations declared under `examples/<dir>/`, as its synth writes it.
fn synthesize(dir: &str, app: App) -> String {
    let prefix = format!("examples/{dir}/");
    // Both examples are linked into this binary: take each one's own operations.
    let ops = apigw::__private::inventory::iter::<OperationDescriptor>
        .into_iter()
        .filter(|op| op.source.file.replace('\\', "/").starts_with(&prefix))
        .collect();
    let registry = Registry::new(ops).expect("the example has operations");
    let doc = document(&registry, app.info());
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
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(dir)
        .join("openapi.json");
    if std::env::var_os("APIGW_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run with APIGW_BLESS=1 to create it",
            golden.display()
        )
    });
    assert!(
        actual == expected,
        "{} differs from the synthesized document; review the change and rerun with APIGW_BLESS=1 to accept it:\n{actual}",
        golden.display()
    );
}

#[test]
fn s3_example_matches_golden() {
    check("s3", s3_example::app());
}

#[test]
fn http_example_matches_golden() {
    check("http", http_example::app());
}
