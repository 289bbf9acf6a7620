//! A Lambda Runtime API server on 127.0.0.1 for tests: it hands queued events to a real function
//! process over the real protocol (`/2018-06-01/runtime/...`) and records what the function
//! answers. It drives the example binary in `cargo test`, and any `bootstrap` (e.g. one unpacked
//! from a deployment zip): [`RuntimeApi::spawn`] takes a path.
//!
//! Every wait is bounded, and a function process that dies is reported with its stderr instead
//! of hanging the test.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::sync::{mpsc as tokio_mpsc, oneshot};

/// The API version prefix of every Runtime API path.
const PREFIX: &str = "/2018-06-01/runtime";

/// The function ARN the server hands out with each event.
pub const FUNCTION_ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:apigw-test";

/// How long [`RuntimeApi::invoke`] waits for an answer unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What went wrong while driving a function.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeApiError {
    #[error("cannot start the Runtime API server: {0}")]
    Start(#[source] std::io::Error),
    #[error("cannot start the function `{}`: {source}", path.display())]
    Spawn {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("a function process is already running; each RuntimeApi drives one")]
    AlreadySpawned,
    #[error("the Runtime API server has stopped")]
    ServerGone,
    #[error(
        "the function process exited ({status}) before answering event {request_id}; its stderr:\n{stderr}"
    )]
    Exited {
        request_id: String,
        status: ExitStatus,
        stderr: String,
    },
    #[error("the function reported an init error ({error_type}): {body}; its stderr:\n{stderr}")]
    Init {
        error_type: String,
        body: String,
        stderr: String,
    },
    #[error("no answer to event {request_id} within {timeout:?}; the function's stderr:\n{stderr}")]
    Timeout {
        request_id: String,
        timeout: Duration,
        stderr: String,
    },
}

/// How the function answered one event.
#[derive(Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `POST /runtime/invocation/{id}/response`: the function's result.
    Response(Vec<u8>),
    /// `POST /runtime/invocation/{id}/error`: the function failed the invocation.
    Error {
        /// The `Lambda-Runtime-Function-Error-Type` header, if sent.
        error_type: Option<String>,
        body: Vec<u8>,
    },
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Response(body) => f
                .debug_tuple("Response")
                .field(&String::from_utf8_lossy(body))
                .finish(),
            Outcome::Error { error_type, body } => f
                .debug_struct("Error")
                .field("error_type", error_type)
                .field("body", &String::from_utf8_lossy(body))
                .finish(),
        }
    }
}

/// One answered event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvocationResult {
    pub request_id: String,
    pub outcome: Outcome,
}

impl InvocationResult {
    /// The response body as JSON; `Err` with a readable description for an error outcome or a
    /// body that is not JSON.
    pub fn response_json(&self) -> Result<serde_json::Value, String> {
        match &self.outcome {
            Outcome::Response(body) => serde_json::from_slice(body).map_err(|e| {
                format!(
                    "the response to {} is not JSON ({e}): {}",
                    self.request_id,
                    String::from_utf8_lossy(body)
                )
            }),
            Outcome::Error { error_type, body } => Err(format!(
                "event {} failed ({}): {}",
                self.request_id,
                error_type.as_deref().unwrap_or("no error type"),
                String::from_utf8_lossy(body)
            )),
        }
    }
}

/// What the server tells the test thread.
enum Report {
    /// The function asked for its next event (`GET /invocation/next`).
    Polled,
    Done(InvocationResult),
    InitError {
        error_type: String,
        body: String,
    },
}

/// An event waiting for the function's next `GET /invocation/next`.
struct Queued {
    request_id: String,
    deadline_ms: u128,
    trace_id: String,
    body: Vec<u8>,
}

struct ServerState {
    events: tokio::sync::Mutex<tokio_mpsc::UnboundedReceiver<Queued>>,
    reports: Mutex<mpsc::Sender<Report>>,
}

/// A running function process and the output it has written so far.
struct Function {
    child: Child,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
}

/// The Runtime API server, and the function process it drives (once spawned).
pub struct RuntimeApi {
    addr: SocketAddr,
    events: tokio_mpsc::UnboundedSender<Queued>,
    reports: mpsc::Receiver<Report>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    function: Option<Function>,
    next_id: u64,
    /// Answers that arrived for other events (should not happen; kept for diagnosis).
    stray: HashMap<String, InvocationResult>,
    timeout: Duration,
    /// The `Lambda-Runtime-Trace-Id` of every event; `None`: a new one per event, as Lambda does.
    fixed_trace_id: Option<String>,
}

impl RuntimeApi {
    /// Starts the server on an ephemeral port of 127.0.0.1.
    pub fn start() -> Result<RuntimeApi, RuntimeApiError> {
        let listener =
            std::net::TcpListener::bind("127.0.0.1:0").map_err(RuntimeApiError::Start)?;
        listener
            .set_nonblocking(true)
            .map_err(RuntimeApiError::Start)?;
        let addr = listener.local_addr().map_err(RuntimeApiError::Start)?;
        let (events_tx, events_rx) = tokio_mpsc::unbounded_channel();
        let (reports_tx, reports_rx) = mpsc::channel();
        let (shutdown_tx, shutdown_rx) = oneshot::channel();
        let state = Arc::new(ServerState {
            events: tokio::sync::Mutex::new(events_rx),
            reports: Mutex::new(reports_tx),
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(RuntimeApiError::Start)?;
        let server = std::thread::Builder::new()
            .name("runtime-api".into())
            .spawn(move || runtime.block_on(serve(listener, state, shutdown_rx)))
            .map_err(RuntimeApiError::Start)?;
        Ok(RuntimeApi {
            addr,
            events: events_tx,
            reports: reports_rx,
            shutdown: Some(shutdown_tx),
            server: Some(server),
            function: None,
            next_id: 0,
            stray: HashMap::new(),
            timeout: DEFAULT_TIMEOUT,
            fixed_trace_id: None,
        })
    }

    /// `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`.
    pub fn address(&self) -> String {
        self.addr.to_string()
    }

    /// How long [`invoke`](Self::invoke) waits for each answer.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Hands every event the same X-Ray trace id. `lambda_runtime` copies each event's trace id
    /// into the process environment (`_X_AMZN_TRACE_ID`), and glibc keeps every distinct value it
    /// was ever set to: a memory measurement of the function's own work needs one id.
    pub fn with_fixed_trace_id(mut self) -> Self {
        self.fixed_trace_id = Some(
            "Root=1-00000000-000000000000000000000000;Parent=0000000000000001;Sampled=0".into(),
        );
        self
    }

    /// Starts `binary` as the function, with the environment Lambda gives a custom runtime plus
    /// `extra_env`. The process is killed when `self` is dropped.
    pub fn spawn(
        &mut self,
        binary: &Path,
        extra_env: &[(&str, &str)],
    ) -> Result<(), RuntimeApiError> {
        if self.function.is_some() {
            return Err(RuntimeApiError::AlreadySpawned);
        }
        let mut cmd = Command::new(binary);
        // Nothing from the host's AWS environment leaks into the function.
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("AWS_") {
                cmd.env_remove(&key);
            }
        }
        cmd.env("AWS_LAMBDA_RUNTIME_API", self.address())
            .env("AWS_LAMBDA_FUNCTION_NAME", "apigw-test")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env(
                "AWS_LAMBDA_LOG_STREAM_NAME",
                "2024/01/01/[$LATEST]0123456789abcdef",
            )
            .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/apigw-test")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("RUST_BACKTRACE", "0");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|source| RuntimeApiError::Spawn {
            path: binary.to_path_buf(),
            source,
        })?;
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut readers = Vec::new();
        if let Some(out) = child.stdout.take() {
            readers.push(drain(out, stdout.clone()));
        }
        if let Some(err) = child.stderr.take() {
            readers.push(drain(err, stderr.clone()));
        }
        self.function = Some(Function {
            child,
            stdout,
            stderr,
            readers,
        });
        Ok(())
    }

    /// What the function has written to stderr so far.
    pub fn stderr(&self) -> String {
        self.function
            .as_ref()
            .map(|f| String::from_utf8_lossy(&lock(&f.stderr)).into_owned())
            .unwrap_or_default()
    }

    /// What the function has written to stdout so far.
    pub fn stdout(&self) -> String {
        self.function
            .as_ref()
            .map(|f| String::from_utf8_lossy(&lock(&f.stdout)).into_owned())
            .unwrap_or_default()
    }

    /// Waits (at most `timeout`) until the function's stderr contains `needle`: the process
    /// writes its logs before it answers, but the pipe is read asynchronously.
    pub fn wait_for_stderr(&self, needle: &str, timeout: Duration) -> bool {
        let started = Instant::now();
        loop {
            if self.stderr().contains(needle) {
                return true;
            }
            if started.elapsed() > timeout {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits (at most `timeout`) until the function asks for an event: the end of its init, which
    /// is what a cold-start measurement needs. `false` if it did not (it died, failed its init or
    /// is too slow; see [`stderr`](Self::stderr)).
    pub fn wait_for_poll(&mut self, timeout: Duration) -> bool {
        let started = Instant::now();
        while started.elapsed() <= timeout {
            match self.reports.recv_timeout(Duration::from_millis(50)) {
                Ok(Report::Polled) => return true,
                Ok(Report::Done(other)) => {
                    self.stray.insert(other.request_id.clone(), other);
                }
                Ok(Report::InitError { .. }) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return false;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
            if !self.is_running() {
                return false;
            }
        }
        false
    }

    /// Queues `event` and waits for the function's answer to it.
    pub fn invoke(&mut self, event: &[u8]) -> Result<InvocationResult, RuntimeApiError> {
        self.next_id += 1;
        let request_id = format!("00000000-0000-4000-8000-{:012x}", self.next_id);
        let deadline_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .saturating_add(self.timeout)
            .as_millis();
        self.events
            .send(Queued {
                request_id: request_id.clone(),
                deadline_ms,
                trace_id: self.fixed_trace_id.clone().unwrap_or_else(|| {
                    format!(
                        "Root=1-00000000-{:0>24};Parent=0000000000000001;Sampled=0",
                        request_id.rsplit('-').next().unwrap_or_default()
                    )
                }),
                body: event.to_vec(),
            })
            .map_err(|_| RuntimeApiError::ServerGone)?;
        let started = Instant::now();
        loop {
            match self.reports.recv_timeout(Duration::from_millis(50)) {
                Ok(Report::Polled) => {}
                Ok(Report::Done(result)) if result.request_id == request_id => return Ok(result),
                Ok(Report::Done(other)) => {
                    self.stray.insert(other.request_id.clone(), other);
                }
                Ok(Report::InitError { error_type, body }) => {
                    return Err(RuntimeApiError::Init {
                        error_type,
                        body,
                        stderr: self.settled_stderr(),
                    });
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(RuntimeApiError::ServerGone);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
            if let Some(f) = &mut self.function
                && let Ok(Some(status)) = f.child.try_wait()
            {
                // The answer may have raced the exit: take it if it is there.
                while let Ok(report) = self.reports.try_recv() {
                    if let Report::Done(result) = report
                        && result.request_id == request_id
                    {
                        return Ok(result);
                    }
                }
                return Err(RuntimeApiError::Exited {
                    request_id,
                    status,
                    stderr: self.settled_stderr(),
                });
            }
            if started.elapsed() > self.timeout {
                return Err(RuntimeApiError::Timeout {
                    request_id,
                    timeout: self.timeout,
                    stderr: self.stderr(),
                });
            }
        }
    }

    /// [`invoke`](Self::invoke) with a JSON event.
    pub fn invoke_json(
        &mut self,
        event: &serde_json::Value,
    ) -> Result<InvocationResult, RuntimeApiError> {
        self.invoke(event.to_string().as_bytes())
    }

    /// The function process' id (for process-level checks such as its memory use).
    pub fn pid(&self) -> Option<u32> {
        self.function.as_ref().map(|f| f.child.id())
    }

    /// Whether the function process is still running.
    pub fn is_running(&mut self) -> bool {
        self.function
            .as_mut()
            .is_some_and(|f| matches!(f.child.try_wait(), Ok(None)))
    }

    /// stderr once the readers have drained the pipe of an exited process.
    fn settled_stderr(&mut self) -> String {
        if let Some(f) = &mut self.function {
            for reader in f.readers.drain(..) {
                let _ = reader.join();
            }
        }
        self.stderr()
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        if let Some(mut f) = self.function.take() {
            let _ = f.child.kill();
            let _ = f.child.wait();
            for reader in f.readers {
                let _ = reader.join();
            }
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn drain(mut pipe: impl Read + Send + 'static, into: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => lock(&into).extend_from_slice(&buf[..n]),
            }
        }
    })
}

async fn serve(
    listener: std::net::TcpListener,
    state: Arc<ServerState>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let state = state.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| route(req, state.clone()));
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        }
    }
}

type HttpResponse = hyper::Response<Full<Bytes>>;

fn reply(status: StatusCode, body: &'static str) -> HttpResponse {
    let mut r = hyper::Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *r.status_mut() = status;
    r
}

fn header(req: &hyper::Request<Incoming>, name: &str) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(String::from)
}

async fn route(
    req: hyper::Request<Incoming>,
    state: Arc<ServerState>,
) -> Result<HttpResponse, Infallible> {
    let path = req.uri().path().to_string();
    let Some(rest) = path.strip_prefix(PREFIX) else {
        return Ok(reply(
            StatusCode::NOT_FOUND,
            "{\"errorMessage\":\"unknown path\"}",
        ));
    };
    let method = req.method().clone();
    if method == Method::GET && rest == "/invocation/next" {
        let _ = lock(&state.reports).send(Report::Polled);
        // Long poll, as the real API does: the function waits here until an event is queued.
        let Some(event) = state.events.lock().await.recv().await else {
            return Ok(reply(
                StatusCode::GONE,
                "{\"errorMessage\":\"shutting down\"}",
            ));
        };
        let response = hyper::Response::builder()
            .status(StatusCode::OK)
            .header("Content-Type", "application/json")
            .header("Lambda-Runtime-Aws-Request-Id", &event.request_id)
            .header("Lambda-Runtime-Deadline-Ms", event.deadline_ms.to_string())
            .header("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN)
            .header("Lambda-Runtime-Trace-Id", &event.trace_id)
            .body(Full::new(Bytes::from(event.body)))
            .unwrap_or_else(|_| reply(StatusCode::INTERNAL_SERVER_ERROR, "{}"));
        return Ok(response);
    }
    if method != Method::POST {
        return Ok(reply(
            StatusCode::METHOD_NOT_ALLOWED,
            "{\"errorMessage\":\"method not allowed\"}",
        ));
    }
    let error_type = header(&req, "Lambda-Runtime-Function-Error-Type");
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes().to_vec(),
        Err(_) => {
            return Ok(reply(
                StatusCode::BAD_REQUEST,
                "{\"errorMessage\":\"unreadable body\"}",
            ));
        }
    };
    let report = if rest == "/init/error" {
        Report::InitError {
            error_type: error_type.unwrap_or_else(|| "no error type".into()),
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    } else if let Some(inv) = rest.strip_prefix("/invocation/") {
        let outcome = match inv.rsplit_once('/') {
            Some((_, "response")) => Outcome::Response(body),
            Some((_, "error")) => Outcome::Error { error_type, body },
            _ => {
                return Ok(reply(
                    StatusCode::NOT_FOUND,
                    "{\"errorMessage\":\"unknown path\"}",
                ));
            }
        };
        let request_id = inv
            .rsplit_once('/')
            .map(|(id, _)| id.to_string())
            .unwrap_or_default();
        Report::Done(InvocationResult {
            request_id,
            outcome,
        })
    } else {
        return Ok(reply(
            StatusCode::NOT_FOUND,
            "{\"errorMessage\":\"unknown path\"}",
        ));
    };
    let _ = lock(&state.reports).send(report);
    Ok(reply(StatusCode::ACCEPTED, "{\"status\":\"OK\"}"))
}
