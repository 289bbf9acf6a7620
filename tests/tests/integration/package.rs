//! The Lambda package, end to end: synth packages the petstore binary, the zip holds `bootstrap`
//! with mode 0755 and is reproducible, and the `bootstrap` unpacked from it serves real REST events
//! through the Lambda Runtime API ([`apigw_tests::runtime_api`]).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use apigw_tests::{RuntimeApi, RuntimeApiError, binaries, fixtures};
use serde_json::{Value, json};

/// The petstore `synth` binary: it packages itself.
fn petstore() -> PathBuf {
    binaries::petstore().unwrap_or_else(|e| panic!("{e}"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// One packaged synth shared by every test that reads its output: zipping the debug binary is the
/// slow part of this file, so it is done once. The output directory and what synth printed.
fn packaged() -> &'static (PathBuf, Output) {
    static OUT: OnceLock<(PathBuf, Output)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tmp("package");
        // The test profile's binary: a debug build is only packaged when asked.
        let output = synth(&out, &["--package-debug"]);
        (out, output)
    })
}

/// The `bootstrap` unpacked (once) from the shared package.
fn bootstrap() -> &'static Path {
    static BOOTSTRAP: OnceLock<PathBuf> = OnceLock::new();
    BOOTSTRAP.get_or_init(|| {
        extract_bootstrap(
            &packaged().0.join("lambda/api/bootstrap.zip"),
            &tmp("package-run"),
        )
    })
}

fn synth(out: &Path, extra: &[&str]) -> Output {
    let output = Command::new(petstore())
        .arg("--out")
        .arg(out)
        .args(extra)
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "synth failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A derived REST (v1) event (`tests/fixtures/events/derived/rest-v1/<name>.json`).
fn rest_event(name: &str) -> Vec<u8> {
    fixtures::event(&format!("derived/rest-v1/{name}.json"))
}

/// Extracts `bootstrap` from the zip into `dir`, with the mode the zip records.
fn extract_bootstrap(zip_path: &Path, dir: &Path) -> PathBuf {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip_path).unwrap()).unwrap();
    let mut entry = archive.by_name("bootstrap").unwrap();
    let mode = entry.unix_mode().unwrap();
    let path = dir.join("bootstrap");
    let mut file = fs::File::create(&path).unwrap();
    std::io::copy(&mut entry, &mut file).unwrap();
    drop(file);
    fs::set_permissions(&path, fs::Permissions::from_mode(mode & 0o7777)).unwrap();
    path
}

/// A Runtime API server. The timeout only keeps a broken binary from hanging the suite (a debug
/// build on a busy machine is slow); it is not a performance assertion.
fn runtime_api() -> RuntimeApi {
    RuntimeApi::start()
        .expect("start the Runtime API")
        .with_timeout(Duration::from_secs(120))
}

/// Starts `bootstrap` as the function serving function group `group`.
fn spawn(api: &mut RuntimeApi, bootstrap: &Path, group: &str) {
    api.spawn(bootstrap, &[("APIGW_FUNCTION", group)])
        .expect("spawn the bootstrap");
}

/// Sends a derived REST event and returns the function's (JSON) response.
fn invoke(api: &mut RuntimeApi, name: &str) -> Value {
    let result = api
        .invoke(&rest_event(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    result
        .response_json()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_package_holds_bootstrap_0755_and_is_reproducible() {
    let (out, output) = packaged();
    let binary = petstore();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains(&format!("packaged {} (x86_64", binary.display()))
            || cfg!(target_arch = "aarch64"),
        "{stdout}"
    );
    assert!(
        stdout.contains("as bootstrap for function: api"),
        "{stdout}"
    );
    if cfg!(debug_assertions) {
        assert!(
            stderr.contains("warning: this is a debug build"),
            "{stderr}"
        );
    }

    let zip_path = out.join("lambda/api/bootstrap.zip");
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip_path).unwrap()).unwrap();
    assert_eq!(archive.len(), 1);
    let entry = archive.by_index(0).unwrap();
    assert_eq!(entry.name().unwrap(), "bootstrap");
    let mode = entry.unix_mode().unwrap();
    assert_eq!(mode & 0o777, 0o755, "mode {mode:o}");
    assert_eq!(mode & 0o170000, 0o100000, "a regular file, mode {mode:o}");
    let t = entry.last_modified().unwrap();
    assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1));
    assert_eq!(entry.size(), fs::metadata(&binary).unwrap().len());
    drop(entry);

    // Byte-identical on re-synth, template and package alike. The template and OpenAPI document
    // do not depend on the binary, and the zip of a binary depends on nothing else (no time, path
    // or order), so the two runs package a small ELF (synth's own `--binary`): zipping the 80 MB
    // debug petstore again would take seconds and check nothing more.
    let small = small_elf();
    let (a, b) = (tmp("package-small-a"), tmp("package-small-b"));
    synth(&a, &["--binary", small]);
    synth(&b, &["--binary", small]);
    for f in ["lambda/api/bootstrap.zip", "template.json", "openapi.json"] {
        assert!(
            fs::read(a.join(f)).unwrap() == fs::read(b.join(f)).unwrap(),
            "{f} differs between two synth runs"
        );
    }
    for f in ["template.json", "openapi.json"] {
        assert!(
            fs::read(out.join(f)).unwrap() == fs::read(a.join(f)).unwrap(),
            "{f} depends on the packaged binary"
        );
    }
}

/// A small 64-bit Linux executable of this machine's architecture, for runs that only need some
/// binary to package.
fn small_elf() -> &'static str {
    ["/bin/true", "/usr/bin/true"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("`true` is on every Linux")
}

#[test]
fn a_debug_build_is_packaged_only_when_asked() {
    let out = tmp("package-debug-default");
    let output = synth(&out, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    if cfg!(debug_assertions) {
        // The binary is built with the tests' profile: here, a debug build.
        assert!(!out.join("lambda").exists(), "{stdout}");
        assert!(
            stdout.contains("not packaged: this is a debug build")
                && stdout.contains("`cargo run --release --bin synth`")
                && stdout.contains("`--package-debug`"),
            "{stdout}"
        );
    } else {
        assert!(out.join("lambda/api/bootstrap.zip").exists(), "{stdout}");
        assert!(!stdout.contains("not packaged"), "{stdout}");
    }
    assert!(out.join("template.json").exists());
}

#[test]
fn package_debug_conflicts_with_no_package_and_binary() {
    for extra in [&["--no-package"][..], &["--binary", "/bin/true"][..]] {
        let output = Command::new(petstore())
            .arg("--package-debug")
            .args(extra)
            .env_remove("AWS_LAMBDA_RUNTIME_API")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("cannot be used with"), "{stderr}");
    }
}

#[test]
fn no_package_and_stage_options() {
    let out = tmp("package-none");
    synth(&out, &["--no-package", "--stage", "v1"]);
    assert!(!out.join("lambda").exists());
    let t: Value = serde_json::from_slice(&fs::read(out.join("template.json")).unwrap()).unwrap();
    assert_eq!(t["Resources"]["ApiStage"]["Properties"]["StageName"], "v1");
    assert_eq!(
        t["Resources"]["ApiFunction"]["Properties"]["Code"],
        "lambda/api/bootstrap.zip"
    );
}

#[test]
fn a_binary_that_is_not_elf_is_refused() {
    let out = tmp("package-not-elf");
    let fake = out.join("not-a-binary");
    fs::write(&fake, b"#!/bin/sh\necho hi\n").unwrap();
    let output = Command::new(petstore())
        .arg("--out")
        .arg(out.join("out"))
        .arg("--binary")
        .arg(&fake)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is not a 64-bit Linux ELF executable"),
        "{stderr}"
    );
    // Nothing is written when the package cannot be.
    assert!(!out.join("out").exists());
}

#[test]
fn the_packaged_bootstrap_serves_real_events_through_the_runtime_api() {
    let mut api = runtime_api();
    let started = Instant::now();
    spawn(&mut api, bootstrap(), "api");

    let created = invoke(&mut api, "create-pet");
    let first_response = started.elapsed();
    assert_eq!(created["statusCode"], 201, "{created}");
    // A header with one value is in `headers`, under the name the responses type declares.
    assert_eq!(
        created["headers"]["Location"],
        "https://gy415nuibc.execute-api.us-east-2.amazonaws.com/pets/pet-1",
        "{created}"
    );
    let pet: Value = serde_json::from_str(created["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        pet,
        json!({ "id": "pet-1", "name": "Rex", "tag": "dog", "status": "available" })
    );

    let got = invoke(&mut api, "get-pet");
    assert_eq!(got["statusCode"], 200, "{got}");
    let body: Value = serde_json::from_str(got["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["name"], "Rex");

    let panicked = invoke(&mut api, "debug-panic");
    assert_eq!(panicked["statusCode"], 500, "{panicked}");

    // The function keeps serving after a panic, with its state.
    let list = invoke(&mut api, "list-pets");
    assert_eq!(list["statusCode"], 200, "{list}");
    let pets: Value = serde_json::from_str(list["body"].as_str().unwrap()).unwrap();
    assert_eq!(pets.as_array().map(Vec::len), Some(1));

    // `/health` is an API Gateway mock: the function does not serve it.
    let health = invoke(&mut api, "health");
    assert_eq!(health["statusCode"], 404, "{health}");

    eprintln!("cold start to first response (debug test binary): {first_response:?}");
}

#[test]
fn a_function_told_a_group_it_does_not_have_stops_with_a_message() {
    let mut api = runtime_api();
    spawn(&mut api, bootstrap(), "admin");
    // Lambda would hand it an event; it stops before asking for one.
    match api.invoke(&rest_event("list-pets")) {
        Err(RuntimeApiError::Exited { status, stderr, .. }) => {
            assert!(!status.success());
            assert!(
                stderr.contains(
                    "APIGW_FUNCTION=admin, but no handler of this binary belongs to function `admin`"
                ),
                "{stderr}"
            );
        }
        other => panic!("expected the function to exit, got {other:?}"),
    }
}

/// Not a check: measures cold starts of a built binary for `docs/benchmarks.md`.
/// `APIGW_BOOTSTRAP=target/x86_64-unknown-linux-musl/release/synth cargo test -p apigw-tests --test
/// integration package::cold_start_numbers -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, run by hand"]
fn cold_start_numbers() {
    let Some(bootstrap) = std::env::var_os("APIGW_BOOTSTRAP") else {
        eprintln!("set APIGW_BOOTSTRAP to the binary to measure");
        return;
    };
    // Relative to the workspace root, where the command above is run (tests run in `tests/`).
    let bootstrap = binaries::workspace_root().join(bootstrap);
    let runs = 30;
    let (mut init, mut first) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let mut api = runtime_api();
        let started = Instant::now();
        spawn(&mut api, Path::new(&bootstrap), "api");
        // Init: exec, the async runtime, the registry (collect + validate), the dispatcher.
        assert!(
            api.wait_for_poll(Duration::from_secs(60)),
            "the function never asked for an event: {}",
            api.stderr()
        );
        init.push(started.elapsed());
        let asked = Instant::now();
        let r = invoke(&mut api, "list-pets");
        assert_eq!(r["statusCode"], 200);
        // First dispatch, including the event's HTTP round trip on 127.0.0.1.
        first.push(asked.elapsed());
    }
    init.sort();
    first.sort();
    let pct = |v: &[Duration], p: usize| v[(v.len() - 1) * p / 100];
    eprintln!(
        "{runs} cold starts of {}: init p50 {:?} p90 {:?}; first event p50 {:?} p90 {:?}",
        Path::new(&bootstrap).display(),
        pct(&init, 50),
        pct(&init, 90),
        pct(&first, 50),
        pct(&first, 90)
    );
}
