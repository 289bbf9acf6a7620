//! The API reference page (`api.html`) of every example: rendered from the example's golden
//! OpenAPI document (itself pinned to what synth writes by the OpenAPI golden tests) and compared
//! byte-for-byte with `tests/golden/<example>/api.html` (`EXPECTORATE=overwrite` rewrites them). The
//! page's behaviour in a real browser is checked by `tests/browser/check-reference.mjs` in CI.

use std::path::PathBuf;

use apigw_tests::assert_golden;

use serde_json::Value;

const EXAMPLES: [&str; 4] = ["petstore", "s3", "http", "aws"];

fn golden_dir(example: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(example)
}

fn document(example: &str) -> Value {
    let path = golden_dir(example).join("openapi.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("the golden document is JSON")
}

#[test]
fn every_example_matches_its_golden_page() {
    for example in EXAMPLES {
        let doc = document(example);
        let page = apigw::synth::reference_page(&doc);
        assert_eq!(
            page,
            apigw::synth::reference_page(&doc),
            "{example}: deterministic"
        );
        assert_golden(&format!("{example}/api.html"), &page);
    }
}

/// Every operation of every example is on its page, with its method, path and the integration
/// that serves it, and nothing on the page loads from elsewhere.
#[test]
fn every_operation_is_on_the_page() {
    for example in EXAMPLES {
        let doc = document(example);
        let page = apigw::synth::reference_page(&doc);
        let mut operations = 0;
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, op) in item.as_object().expect("path item") {
                let method = match method.as_str() {
                    "x-amazon-apigateway-any-method" => "ANY".to_string(),
                    m => m.to_ascii_uppercase(),
                };
                let article = format!("data-method=\"{method}\" data-path=\"{path}\"");
                assert!(page.contains(&article), "{example}: no {method} {path}");
                let id = op["operationId"].as_str().expect("operationId");
                assert!(
                    page.contains(&format!("id=\"op-{id}\"")),
                    "{example}: no anchor for {id}"
                );
                operations += 1;
            }
        }
        assert!(operations > 0, "{example}");
        for forbidden in ["http://", "https://", "<script", "<link", "@import", "url("] {
            // HTTP integrations name their backend's URL: as text in a code span, never a link.
            let loads = page.matches(forbidden).count();
            let shown = page
                .matches(&format!("<code class=\"http-call\">GET {forbidden}"))
                .count()
                + page
                    .matches(&format!("<code class=\"http-call\">POST {forbidden}"))
                    .count()
                + page
                    .matches(&format!("<code class=\"http-call\">ANY {forbidden}"))
                    .count()
                // An XML namespace in a mapping template is text too (S3's CreateBucket body).
                + page.matches(&format!("xmlns=&quot;{forbidden}")).count();
            assert_eq!(loads, shown, "{example}: the page references {forbidden}");
        }
    }
}

/// synth writes the page next to `openapi.json`: the page of the document it wrote.
#[test]
fn synth_writes_the_page_of_its_document() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reference_page_synth");
    let _ = std::fs::remove_dir_all(&out);
    let app = petstore::app();
    let registry = apigw_tests::operations::example_registry("petstore");
    let written = apigw::synth::synth(
        app.config(),
        &registry,
        &apigw::synth::SynthOptions::new(&out),
    )
    .expect("synth")
    .written;
    let names: Vec<String> = written
        .iter()
        .map(|w| {
            w.path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["openapi.json", "template.json", "api.html"]);
    let doc: Value = serde_json::from_slice(&std::fs::read(out.join("openapi.json")).expect("doc"))
        .expect("JSON");
    let page = std::fs::read_to_string(out.join("api.html")).expect("page");
    assert_eq!(written[2].bytes, page.len());
    assert_eq!(page, apigw::synth::reference_page(&doc));
    assert_eq!(
        page,
        std::fs::read_to_string(golden_dir("petstore").join("api.html")).expect("golden page"),
        "synth's page differs from the golden page"
    );
}
