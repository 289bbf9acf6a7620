//! `docs/compile-errors.md` quotes the reviewed `.stderr` of every ui case: a changed message must
//! change the documentation too.

use std::path::Path;

#[test]
fn every_compile_error_is_documented_verbatim() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("../docs/compile-errors.md"))
        .expect("docs/compile-errors.md exists");
    let mut cases = 0;
    for entry in std::fs::read_dir(root.join("ui")).expect("tests/ui exists") {
        let path = entry.expect("readable tests/ui").path();
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
