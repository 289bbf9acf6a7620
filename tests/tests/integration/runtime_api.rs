//! The Runtime API test server itself: a function that dies or never answers is reported, with
//! its stderr, within the timeout instead of hanging the test.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use apigw_tests::{RuntimeApi, RuntimeApiError};

/// An executable shell script in this test's scratch directory.
fn script(name: &str, body: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("runtime_api");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn a_function_that_dies_is_reported_with_its_stderr() {
    let bin = script(
        "dies.sh",
        "echo \"runtime api at $AWS_LAMBDA_RUNTIME_API for $AWS_LAMBDA_FUNCTION_NAME\" >&2\nexit 3",
    );
    let mut api = RuntimeApi::start().expect("server");
    api.spawn(&bin, &[]).expect("spawn");
    let started = Instant::now();
    let err = api
        .invoke(b"{}")
        .expect_err("no answer from a dead function");
    assert!(started.elapsed() < Duration::from_secs(10));
    match err {
        RuntimeApiError::Exited { status, stderr, .. } => {
            assert_eq!(status.code(), Some(3));
            let expected = format!("runtime api at {} for apigw-test", api.address());
            assert!(stderr.contains(&expected), "{stderr}");
        }
        other => panic!("expected Exited, got {other}"),
    }
}

#[test]
fn a_function_that_never_answers_times_out() {
    let bin = script("hangs.sh", "echo waiting >&2\nexec sleep 60");
    let mut api = RuntimeApi::start()
        .expect("server")
        .with_timeout(Duration::from_millis(500));
    api.spawn(&bin, &[("EXTRA", "1")]).expect("spawn");
    let started = Instant::now();
    let err = api.invoke(b"{}").expect_err("no answer");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        matches!(err, RuntimeApiError::Timeout { .. }),
        "expected Timeout, got {err}"
    );
    assert!(api.is_running());
    drop(api); // kills the process; must not hang.
}

#[test]
fn a_missing_binary_is_a_spawn_error() {
    let mut api = RuntimeApi::start().expect("server");
    let err = api
        .spawn(&PathBuf::from("/nonexistent/bootstrap"), &[])
        .expect_err("no such file");
    assert!(err.to_string().contains("/nonexistent/bootstrap"), "{err}");
}
