//! The petstore binary as the synth CLI: what a user runs.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use apigw_tests::{assert_golden, binaries};

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("synth_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn synth(args: &[&std::ffi::OsStr]) -> Output {
    let binary = binaries::petstore().unwrap_or_else(|e| panic!("{e}"));
    Command::new(binary)
        .args(args)
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .output()
        .expect("run synth")
}

/// Packaging (zipping the 80 MB debug binary) is the package test's subject; these runs skip it.
fn synth_into(out: &Path) -> Output {
    synth(&["--out".as_ref(), out.as_os_str(), "--no-package".as_ref()])
}

#[test]
fn writes_the_golden_document_byte_identically_on_rerun() {
    let dir = scratch("rerun");
    let (a, b) = (dir.join("a"), dir.join("b"));
    for out in [&a, &b] {
        let run = synth_into(out);
        assert!(run.status.success(), "{run:?}");
    }
    let first = std::fs::read(a.join("openapi.json")).expect("first");
    let second = std::fs::read(b.join("openapi.json")).expect("second");
    assert!(first == second, "two runs differ");
    let read = |dir: &Path| std::fs::read(dir.join("template.json")).expect("template");
    assert!(read(&a) == read(&b), "two runs give different templates");
    // The same golden file as the in-process document of the openapi_golden tests.
    let text = String::from_utf8(first.clone()).expect("the document is UTF-8");
    assert_golden("petstore/openapi.json", &text);
    // Rerunning into the same directory overwrites with the same bytes.
    let run = synth_into(&a);
    assert!(run.status.success(), "{run:?}");
    assert!(std::fs::read(a.join("openapi.json")).expect("rerun") == first);
}

#[test]
fn prints_the_route_table() {
    let dir = scratch("table");
    let run = synth_into(&dir);
    assert!(run.status.success(), "{run:?}");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("Petstore {}: 7 operations", env!("CARGO_PKG_VERSION"))
    );
    let rows: Vec<Vec<&str>> = lines[1..8]
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["METHOD", "PATH", "OPERATION", "INTEGRATION"],
            vec!["GET", "/debug/panic", "debugPanic", "lambda"],
            vec!["GET", "/health", "health", "mock"],
            vec!["GET", "/pets", "listPets", "lambda"],
            vec!["POST", "/pets", "createPet", "lambda"],
            vec!["GET", "/pets/{petId}", "getPet", "lambda"],
            vec!["PUT", "/pets/{petId}", "updatePet", "lambda"],
        ]
    );
    assert!(
        lines[8]
            .split_whitespace()
            .eq(["DELETE", "/pets/{petId}", "deletePet", "lambda"])
    );
    assert!(
        lines[9].starts_with("wrote ") && lines[9].contains("openapi.json"),
        "{stdout}"
    );
}

#[test]
fn out_pointing_at_a_file_is_a_clear_error() {
    let dir = scratch("out-is-file");
    let file = dir.join("openapi.json");
    std::fs::write(&file, "not a directory").expect("write");
    let run = synth_into(&file);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "error: cannot use `{}` as the output directory: it exists and is not a directory; pass another `--out`",
            file.display()
        )
    );
    assert!(run.stdout.is_empty(), "nothing reported as written");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "not a directory",
        "the file is left alone"
    );
}

#[test]
fn out_below_a_file_is_a_clear_error() {
    let dir = scratch("out-below-file");
    let file = dir.join("file");
    std::fs::write(&file, "x").expect("write");
    let run = synth_into(&file.join("sub"));
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: cannot create the output directory `{}`",
            file.join("sub").display()
        )),
        "{stderr}"
    );
}

#[test]
fn unknown_arguments_are_usage_errors() {
    let run = synth(&["--bogus".as_ref()]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("--bogus"), "{stderr}");
}

/// Every file under `dir` (relative `/`-separated path -> bytes); `None` when `dir` is absent.
fn tree(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).expect("below root");
                let name = name.to_string_lossy().replace('\\', "/");
                out.insert(name, std::fs::read(&path).expect("read file"));
            }
        }
    }
    if !dir.exists() {
        return None;
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    Some(out)
}

/// The entries of `parent` other than `keep` (staging directories a run left behind).
fn leftovers(parent: &Path, keep: &str) -> Vec<String> {
    std::fs::read_dir(parent)
        .expect("read parent")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect()
}

/// Starts synth into `out` paused before `step` (the `APIGW_SYNTH_PAUSE_BEFORE` test hook),
/// waits until it says it is there, and kills it (SIGKILL): no clean-up code runs.
fn kill_synth_before(out: &Path, step: &str) {
    let binary = binaries::petstore().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(binary)
        .args(["--out".as_ref(), out.as_os_str(), "--no-package".as_ref()])
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .env("APIGW_SYNTH_PAUSE_BEFORE", step)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start synth");
    let stderr = child.stderr.take().expect("stderr");
    let mut said = String::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("stderr line");
        said.push_str(&line);
        said.push('\n');
        if line == format!("synth: paused before {step}") {
            break;
        }
    }
    assert!(
        said.ends_with(&format!("synth: paused before {step}\n")),
        "synth never reached `{step}`: {said}"
    );
    child.kill().expect("kill synth");
    let status = child.wait().expect("wait for synth");
    assert!(!status.success(), "synth was killed, not finished");
}

#[test]
fn a_killed_run_leaves_the_previous_output_or_the_new_one_never_a_mix() {
    let dir = scratch("killed");
    let out = dir.join("out");
    // What a complete run writes.
    let run = synth_into(&out);
    assert!(run.status.success(), "{run:?}");
    let new = tree(&out).expect("out written");
    assert_eq!(
        new.keys().collect::<Vec<_>>(),
        ["api.html", "openapi.json", "template.json"]
    );
    // A previous set that differs from it in every file.
    let previous: BTreeMap<String, Vec<u8>> = new
        .keys()
        .map(|k| (k.clone(), format!("previous {k}").into_bytes()))
        .collect();
    let before_the_swap = [
        "stage",
        "write:openapi.json",
        "write:template.json",
        "write:api.html",
        "sync",
        "swap",
    ];
    for step in before_the_swap.iter().chain(&["discard"]) {
        for (name, bytes) in &previous {
            std::fs::write(out.join(name), bytes).expect("write the previous set");
        }
        kill_synth_before(&out, step);
        let after = tree(&out).expect("out still exists");
        if before_the_swap.contains(step) {
            assert!(after == previous, "killed before `{step}`: out/ changed");
        } else {
            assert!(
                after == new,
                "killed before `{step}`: out/ is not the new set"
            );
        }
        // The next run cleans up what the killed one left, and writes the new set.
        let run = synth_into(&out);
        assert!(
            run.status.success(),
            "after a kill before `{step}`: {run:?}"
        );
        assert!(tree(&out).as_ref() == Some(&new), "rerun after `{step}`");
        assert_eq!(
            leftovers(&dir, "out"),
            Vec::<String>::new(),
            "after `{step}`"
        );
    }
    // A first run killed midway leaves no output directory at all.
    let fresh = dir.join("fresh");
    kill_synth_before(&fresh, "write:template.json");
    assert!(tree(&fresh).is_none(), "a half-written out/ exists");
    kill_synth_before(&fresh, "swap");
    assert!(
        tree(&fresh).is_none(),
        "a complete but unswapped out/ exists"
    );
}

#[test]
fn a_directory_with_foreign_files_is_refused_and_left_alone() {
    let dir = scratch("foreign");
    std::fs::write(dir.join("notes.txt"), "mine").expect("write");
    let run = synth_into(&dir);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("holds files synth did not write (`notes.txt`)")
            && stderr.contains("pass a directory of its own (`--out`) or move them out"),
        "{stderr}"
    );
    assert_eq!(leftovers(&dir, ""), ["notes.txt"]);
}

/// Every object of `value` that is a CloudFormation intrinsic, as JSON pointers.
fn intrinsics(value: &serde_json::Value, at: String, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.keys().any(|k| k == "Ref" || k.starts_with("Fn::")) {
                found.push(at);
                return;
            }
            for (k, v) in map {
                intrinsics(v, format!("{at}/{k}"), found);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                intrinsics(v, format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

const FUNCTION_ARN: &str = "arn:aws:lambda:eu-west-1:111122223333:function:pets";

#[test]
fn bind_writes_an_import_ready_document() {
    let out = scratch("bind");
    let run = synth(&[
        "--out".as_ref(),
        out.as_os_str(),
        "--no-package".as_ref(),
        "--bind".as_ref(),
        "AWS::Region=eu-west-1".as_ref(),
        "--bind".as_ref(),
        "AWS::AccountId=111122223333".as_ref(),
        "--bind".as_ref(),
        format!("ApiFunction.Arn={FUNCTION_ARN}").as_ref(),
    ]);
    assert!(run.status.success(), "{run:?}");
    let text = std::fs::read_to_string(out.join("openapi.resolved.json")).expect("written");
    let resolved: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut found = Vec::new();
    intrinsics(&resolved, String::new(), &mut found);
    assert!(found.is_empty(), "intrinsics left at {found:?}");
    let uri = resolved["paths"]["/pets"]["get"]["x-amazon-apigateway-integration"]["uri"]
        .as_str()
        .expect("uri");
    assert_eq!(
        uri,
        format!(
            "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/{FUNCTION_ARN}/invocations"
        )
    );
    // The template's document is still the one with references: only the extra file resolves.
    let unresolved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("openapi.json")).expect("openapi.json"))
            .expect("JSON");
    let mut found = Vec::new();
    intrinsics(&unresolved, String::new(), &mut found);
    assert!(!found.is_empty());
}

#[test]
fn bind_requires_the_account_and_region() {
    let out = scratch("bind-no-account");
    let run = synth(&[
        "--out".as_ref(),
        out.join("out").as_os_str(),
        "--no-package".as_ref(),
        "--bind".as_ref(),
        "AWS::Region=eu-west-1".as_ref(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert_eq!(
        String::from_utf8_lossy(&run.stderr).trim_end(),
        "error: the import-ready document needs the account and region it is imported into: add `--bind AWS::AccountId=...`"
    );
    assert!(!out.join("out").exists(), "nothing written");

    let run = synth(&["--bind".as_ref(), "AWS::Region".as_ref()]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("expected NAME=VALUE (e.g. `AWS::Region=eu-west-1`), got `AWS::Region`"),
        "{stderr}"
    );
}

#[test]
fn bind_names_each_missing_value_once_and_writes_nothing() {
    let out = scratch("bind-missing").join("out");
    let run = synth(&[
        "--out".as_ref(),
        out.as_os_str(),
        "--no-package".as_ref(),
        "--bind".as_ref(),
        "AWS::Region=eu-west-1".as_ref(),
        "--bind".as_ref(),
        "AWS::AccountId=111122223333".as_ref(),
    ]);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    assert_eq!(
        String::from_utf8_lossy(&run.stderr).trim_end(),
        "error: cannot write the import-ready document: 1 unresolved name: `ApiFunction.Arn` (at /paths/~1debug~1panic/get/x-amazon-apigateway-integration/uri and 5 more); bind each to the value the deployment gives it (`--bind NAME=VALUE`)"
    );
    assert!(!out.exists(), "an error leaves no output");
}
