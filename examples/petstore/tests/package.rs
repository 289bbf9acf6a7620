//! The Lambda package, end to end: synth packages the petstore binary, the zip holds `bootstrap`
//! with mode 0755 and is reproducible, and the extracted `bootstrap` serves real REST events
//! through the Lambda Runtime API.
//!
//! The Runtime API test server below is deliberately minimal and local to this file (a reusable
//! one is being written in `tests/src/runtime_api.rs` on another branch; they should be unified).

use std::collections::VecDeque;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

// ---- a minimal Lambda Runtime API ---------------------------------------------------------

/// What the function posted back for one invocation.
// The payloads of the failure variants are read through `Debug`, in assertion messages.
#[allow(dead_code)]
#[derive(Debug)]
enum Outcome {
    Response {
        request_id: String,
        body: Value,
    },
    Error {
        request_id: String,
        body: String,
    },
    InitError(String),
    /// The function asked for the next event (`GET .../invocation/next`).
    Next,
}

struct Shared {
    events: Mutex<VecDeque<(String, Value)>>,
    outcomes: Mutex<Sender<Outcome>>,
    stop: AtomicBool,
}

/// A Runtime API on 127.0.0.1 that hands out `events` in order, reports what the function posts
/// back, and keeps `next` pending once the events run out.
struct RuntimeApi {
    addr: String,
    shared: Arc<Shared>,
    outcomes: Receiver<Outcome>,
}

struct HttpRequest {
    method: String,
    path: String,
    body: Vec<u8>,
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<HttpRequest> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut length = 0usize;
    let mut chunked = false;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (name, value) = h.split_once(':')?;
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        if name == "content-length" {
            length = value.parse().ok()?;
        } else if name == "transfer-encoding" && value.eq_ignore_ascii_case("chunked") {
            chunked = true;
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim().split(';').next()?, 16).ok()?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        body.resize(length, 0);
        reader.read_exact(&mut body).ok()?;
    }
    Some(HttpRequest { method, path, body })
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\ncontent-type: application/json\r\n",
        body.len()
    );
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn serve_connection(stream: TcpStream, shared: Arc<Shared>) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    while let Some(req) = read_request(&mut reader) {
        let send = |o: Outcome| {
            let _ = shared.outcomes.lock().unwrap().send(o);
        };
        let path = req.path.trim_start_matches("/2018-06-01/runtime");
        match (req.method.as_str(), path) {
            ("GET", "/invocation/next") => {
                send(Outcome::Next);
                let next = shared.events.lock().unwrap().pop_front();
                let Some((id, event)) = next else {
                    // No more events: keep the function waiting, as Lambda does between
                    // invocations, until the test is over.
                    while !shared.stop.load(Ordering::Relaxed) {
                        thread::sleep(Duration::from_millis(20));
                    }
                    return;
                };
                let headers = [
                    ("lambda-runtime-aws-request-id", id),
                    ("lambda-runtime-deadline-ms", "4102444800000".to_string()),
                    (
                        "lambda-runtime-invoked-function-arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:petstore".to_string(),
                    ),
                    (
                        "lambda-runtime-trace-id",
                        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
                            .to_string(),
                    ),
                ];
                respond(
                    &mut writer,
                    "200 OK",
                    &headers,
                    event.to_string().as_bytes(),
                );
            }
            ("POST", "/init/error") => {
                send(Outcome::InitError(
                    String::from_utf8_lossy(&req.body).into_owned(),
                ));
                respond(&mut writer, "202 Accepted", &[], b"{}");
            }
            ("POST", p) if p.starts_with("/invocation/") => {
                let rest = &p["/invocation/".len()..];
                let (id, kind) = rest.split_once('/').unwrap_or((rest, ""));
                let outcome = if kind == "response" {
                    Outcome::Response {
                        request_id: id.to_string(),
                        body: serde_json::from_slice(&req.body).unwrap_or_else(|e| {
                            json!({ "unparseable": e.to_string(), "raw": String::from_utf8_lossy(&req.body) })
                        }),
                    }
                } else {
                    Outcome::Error {
                        request_id: id.to_string(),
                        body: String::from_utf8_lossy(&req.body).into_owned(),
                    }
                };
                send(outcome);
                respond(&mut writer, "202 Accepted", &[], b"{\"status\":\"OK\"}");
            }
            _ => respond(&mut writer, "404 Not Found", &[], b"{}"),
        }
    }
}

impl RuntimeApi {
    fn start(events: Vec<Value>) -> RuntimeApi {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared {
            events: Mutex::new(
                events
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| (format!("request-{i}"), e))
                    .collect(),
            ),
            outcomes: Mutex::new(tx),
            stop: AtomicBool::new(false),
        });
        let accept = shared.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                let shared = accept.clone();
                thread::spawn(move || serve_connection(stream, shared));
            }
        });
        RuntimeApi {
            addr,
            shared,
            outcomes: rx,
        }
    }

    /// The next outcome other than `Next`. The timeout only keeps a broken binary from hanging
    /// the test suite; it is not a performance assertion.
    fn next_result(&self) -> Outcome {
        loop {
            match self.outcomes.recv_timeout(Duration::from_secs(120)) {
                Ok(Outcome::Next) => continue,
                Ok(o) => return o,
                Err(e) => panic!("the function posted nothing back: {e}"),
            }
        }
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
    }
}

// ---- helpers --------------------------------------------------------------------------------

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// One packaged synth shared by the tests that only read its output (packaging a debug binary
/// takes seconds): the output directory and what synth printed.
fn packaged() -> &'static (PathBuf, Output) {
    static OUT: OnceLock<(PathBuf, Output)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tmp("package");
        let output = synth(&out, &[]);
        (out, output)
    })
}

fn synth(out: &Path, extra: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_synth"))
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

/// A REST (v1) proxy event for `method path` (matched by `resource`), derived from the real
/// payload in `fixtures/`.
fn rest_event(method: &str, resource: &str, path: &str, body: Option<Value>) -> Value {
    let mut e: Value = serde_json::from_str(include_str!(
        "fixtures/lambda_http__apigw_proxy_request.json"
    ))
    .unwrap();
    e["httpMethod"] = json!(method);
    e["path"] = json!(path);
    e["resource"] = json!(resource);
    e["requestContext"]["httpMethod"] = json!(method);
    e["requestContext"]["resourcePath"] = json!(resource);
    e["queryStringParameters"] = Value::Null;
    let params: serde_json::Map<String, Value> = resource
        .split('/')
        .zip(path.split('/'))
        .filter_map(|(r, p)| {
            let name = r.strip_prefix('{')?.strip_suffix('}')?;
            Some((name.to_string(), json!(p)))
        })
        .collect();
    e["pathParameters"] = if params.is_empty() {
        Value::Null
    } else {
        Value::Object(params)
    };
    if let Some(b) = body {
        e["body"] = json!(b.to_string());
        e["headers"]["Content-Type"] = json!("application/json");
    }
    e
}

/// Extracts `bootstrap` from the zip into `dir`, with the mode the zip records.
fn extract_bootstrap(zip_path: &Path, dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
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

fn spawn_function(bootstrap: &Path, api: &RuntimeApi, group: &str) -> Child {
    Command::new(bootstrap)
        .env("AWS_LAMBDA_RUNTIME_API", &api.addr)
        .env("AWS_LAMBDA_FUNCTION_NAME", "petstore")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "test")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/petstore")
        .env("APIGW_FUNCTION", group)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn response(outcome: Outcome, id: &str) -> Value {
    match outcome {
        Outcome::Response { request_id, body } => {
            assert_eq!(request_id, id);
            body
        }
        other => panic!("expected a response to {id}, got {other:?}"),
    }
}

// ---- tests ----------------------------------------------------------------------------------

#[test]
fn the_package_holds_bootstrap_0755_and_is_reproducible() {
    let (out, output) = packaged();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains(&format!("packaged {} (x86_64", env!("CARGO_BIN_EXE_synth")))
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
    assert_eq!(
        entry.size(),
        fs::metadata(env!("CARGO_BIN_EXE_synth")).unwrap().len()
    );
    drop(entry);

    // Byte-identical on re-synth, template and package alike.
    let again = tmp("package-again");
    synth(&again, &[]);
    for f in ["lambda/api/bootstrap.zip", "template.json", "openapi.json"] {
        assert!(
            fs::read(out.join(f)).unwrap() == fs::read(again.join(f)).unwrap(),
            "{f} differs between two synth runs"
        );
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
    let output = Command::new(env!("CARGO_BIN_EXE_synth"))
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
    let dir = tmp("package-run");
    let bootstrap = extract_bootstrap(&packaged().0.join("lambda/api/bootstrap.zip"), &dir);

    let api = RuntimeApi::start(vec![
        rest_event(
            "POST",
            "/pets",
            "/pets",
            Some(json!({ "name": "Rex", "tag": "dog" })),
        ),
        rest_event("GET", "/pets/{petId}", "/pets/pet-1", None),
        rest_event("GET", "/debug/panic", "/debug/panic", None),
        rest_event("GET", "/pets", "/pets", None),
        rest_event("GET", "/health", "/health", None),
    ]);
    let started = Instant::now();
    let mut child = spawn_function(&bootstrap, &api, "api");

    let created = response(api.next_result(), "request-0");
    let first_response = started.elapsed();
    assert_eq!(created["statusCode"], 201, "{created}");
    assert_eq!(
        created["multiValueHeaders"]["location"],
        json!(["/pets/pet-1"]),
        "{created}"
    );
    let pet: Value = serde_json::from_str(created["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        pet,
        json!({ "id": "pet-1", "name": "Rex", "tag": "dog", "status": "available" })
    );

    let got = response(api.next_result(), "request-1");
    assert_eq!(got["statusCode"], 200, "{got}");
    let body: Value = serde_json::from_str(got["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["name"], "Rex");

    let panicked = response(api.next_result(), "request-2");
    assert_eq!(panicked["statusCode"], 500, "{panicked}");

    // The function keeps serving after a panic, with its state.
    let list = response(api.next_result(), "request-3");
    assert_eq!(list["statusCode"], 200, "{list}");
    let pets: Value = serde_json::from_str(list["body"].as_str().unwrap()).unwrap();
    assert_eq!(pets.as_array().map(Vec::len), Some(1));

    // `/health` is an API Gateway mock: the function does not serve it.
    let health = response(api.next_result(), "request-4");
    assert_eq!(health["statusCode"], 404, "{health}");

    eprintln!("cold start to first response (debug test binary): {first_response:?}");
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn a_function_told_a_group_it_does_not_have_stops_with_a_message() {
    let dir = tmp("package-group");
    let bootstrap = extract_bootstrap(&packaged().0.join("lambda/api/bootstrap.zip"), &dir);
    let api = RuntimeApi::start(vec![]);
    let child = spawn_function(&bootstrap, &api, "admin");
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "APIGW_FUNCTION=admin, but no handler of this binary belongs to function `admin`"
        ),
        "{stderr}"
    );
}

/// Not a check: measures cold starts of a built binary for `docs/benchmarks.md`.
/// `APIGW_BOOTSTRAP=target/x86_64-unknown-linux-musl/release/synth cargo test -p petstore --test
/// package cold_start_numbers -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, run by hand"]
fn cold_start_numbers() {
    let Some(bootstrap) = std::env::var_os("APIGW_BOOTSTRAP") else {
        eprintln!("set APIGW_BOOTSTRAP to the binary to measure");
        return;
    };
    let runs = 30;
    let (mut init, mut first) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let api = RuntimeApi::start(vec![rest_event("GET", "/pets", "/pets", None)]);
        let started = Instant::now();
        let mut child = spawn_function(Path::new(&bootstrap), &api, "api");
        // Init: exec, the async runtime, the registry (collect + validate), the dispatcher.
        match api.outcomes.recv_timeout(Duration::from_secs(60)) {
            Ok(Outcome::Next) => init.push(started.elapsed()),
            other => panic!("expected the first `next`, got {other:?}"),
        }
        let asked = Instant::now();
        let r = response(api.next_result(), "request-0");
        assert_eq!(r["statusCode"], 200);
        // First dispatch, including the event's HTTP round trip on 127.0.0.1.
        first.push(asked.elapsed());
        child.kill().unwrap();
        let _ = child.wait();
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
