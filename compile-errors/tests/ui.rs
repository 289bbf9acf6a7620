//! The compile errors users meet, each proven by a case under `ui/<topic>/` whose `.stderr` was
//! reviewed: span on the offending token, operation named, fix stated. Regenerate with
//! `TRYBUILD=overwrite cargo test -p apigw-compile-errors` and review the diff before committing.
//!
//! A package of its own (see its Cargo.toml): trybuild builds every case with cargo against this
//! package's dependencies only, and runs apart from the end-to-end tests' bounded waits.

use std::path::{Path, PathBuf};

/// The topics of the compile-fail cases, one folder each under `ui/`.
const TOPICS: [&str; 12] = [
    // `#[operation]` itself: methods, markers, integration attributes and their order.
    "operation",
    // Handler signatures: arguments, return type.
    "handler",
    // Path templates and their parameters.
    "path",
    // `#[derive(ApiResponses)]`.
    "responses",
    // `#[mock_integration]`.
    "mock",
    // `#[s3_integration]`.
    "s3",
    // `#[http_integration]` (and VPC links).
    "http",
    // `#[aws_integration]`: ready-made calls (DynamoDB, SQS, Step Functions, ...) and the general form.
    "aws",
    // `#[lambda_integration(custom)]`.
    "lambda",
    // Integration responses: selection patterns that do not compile or overlap.
    "selection",
    // `#[integration(...)]` with a user-defined integration.
    "custom",
    // `body = ...` on a marker operation, checked against its method and integration.
    "body",
];

/// Declarations that must compile.
const PASS: &str = "pass";

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")
}

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass(format!("ui/{PASS}/*.rs"));
    for topic in TOPICS {
        t.compile_fail(format!("ui/{topic}/*.rs"));
    }
}

/// A case outside the globbed folders would never run.
#[test]
fn every_case_is_in_a_tested_folder() {
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(ui_dir()).expect("ui/ exists") {
        let path = entry.expect("readable ui/").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            path.is_dir(),
            "ui/{name}: cases go in a topic folder ({})",
            TOPICS.join(", ")
        );
        assert!(
            name == PASS || TOPICS.contains(&name.as_str()),
            "ui/{name}/ is not in TOPICS of tests/ui.rs, so its cases never run"
        );
        folders.push(name);
    }
    assert_eq!(folders.len(), TOPICS.len() + 1, "a topic folder is missing");
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("readable directory entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// `docs/compile-errors.md` quotes the reviewed `.stderr` of every ui case: a changed message must
/// change the documentation too.
#[test]
fn every_compile_error_is_documented_verbatim() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("../docs/compile-errors.md"))
        .expect("docs/compile-errors.md exists");
    let mut cases = 0;
    for path in files(&ui_dir()) {
        if path.extension().is_none_or(|e| e != "stderr") {
            continue;
        }
        cases += 1;
        let stderr = std::fs::read_to_string(&path).expect("readable .stderr");
        for line in stderr.lines().filter(|l| l.starts_with("error")) {
            assert!(
                doc.contains(line),
                "docs/compile-errors.md does not quote this error of {}:\n{line}",
                path.display()
            );
        }
    }
    assert!(cases >= 20, "only {cases} ui cases found");
}

/// GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `docs/errors.md`, the short index for people, links into `docs/compile-errors.md`: every link
/// lands on a heading, and every topic of compile-errors.md is in the index.
#[test]
fn error_index_links_resolve() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let full = std::fs::read_to_string(docs.join("compile-errors.md"))
        .expect("docs/compile-errors.md exists");
    let index = std::fs::read_to_string(docs.join("errors.md")).expect("docs/errors.md exists");
    let anchors: Vec<String> = full
        .lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .map(anchor)
        .collect();
    let prefix = "(compile-errors.md#";
    let mut links = 0;
    for (at, _) in index.match_indices(prefix) {
        let rest = &index[at + prefix.len()..];
        let target = &rest[..rest.find(')').expect("a closed link")];
        assert!(
            anchors.iter().any(|a| a == target),
            "docs/errors.md links to compile-errors.md#{target}, which is no heading there"
        );
        links += 1;
    }
    assert!(links >= 20, "only {links} links in docs/errors.md");
    for topic in full.lines().filter_map(|l| l.strip_prefix("## ")) {
        assert!(
            index.contains(&format!("{prefix}{})", anchor(topic))),
            "docs/errors.md does not link the topic `{topic}` of compile-errors.md"
        );
    }
}

#[test]
fn anchors_are_githubs() {
    assert_eq!(
        anchor("`Json<T>` body whose type is not `Deserialize`"),
        "jsont-body-whose-type-is-not-deserialize"
    );
    assert_eq!(
        anchor("Marker operation without `responses = ...`"),
        "marker-operation-without-responses--"
    );
    assert_eq!(
        anchor("Responses (`#[derive(ApiResponses)]`)"),
        "responses-deriveapiresponses"
    );
}
