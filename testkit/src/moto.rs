//! A moto server process on 127.0.0.1.

use std::fs::{self, File};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::provision::{provision_moto, testkit_dir};
use crate::{TestkitError, tail};

/// How long a starting server may take to accept connections (importing moto takes a second or
/// two on a quiet machine; parallel test binaries make it slower).
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// Starts tried when the free port found was taken by someone else before moto bound it.
const PORT_ATTEMPTS: usize = 3;

/// Runs moto's server (what `moto_server -H 127.0.0.1 -p <port>` runs) and exits when its
/// standard input closes: the test process holds that pipe, so the server never outlives it.
const LAUNCHER: &str = "\
import os, sys, threading
def watch_parent():
    sys.stdin.buffer.read()
    os._exit(0)
threading.Thread(target=watch_parent, daemon=True).start()
from moto.server import main
main(['-H', '127.0.0.1', '-p', sys.argv[1]])
";

/// A moto server. Dropping it stops the process (one started by [`Moto::start`]).
#[derive(Debug)]
pub struct Moto {
    endpoint: String,
    process: Option<Process>,
}

#[derive(Debug)]
struct Process {
    child: Child,
    /// Held open: the server exits when it closes.
    _stdin: Option<ChildStdin>,
    log_path: PathBuf,
}

static SHARED: OnceLock<Result<Moto, TestkitError>> = OnceLock::new();

impl Moto {
    /// A server of one's own on a free port, provisioned first if needed; stopped on drop.
    pub fn start() -> Result<Moto, TestkitError> {
        if let Some(endpoint) = external_endpoint() {
            return Ok(Moto {
                endpoint,
                process: None,
            });
        }
        let python = provision_moto()?.python;
        let logs = testkit_dir().join("logs");
        fs::create_dir_all(&logs).map_err(TestkitError::io("create", &logs))?;
        let mut last_error = None;
        for _ in 0..PORT_ATTEMPTS {
            let port = free_port(&logs)?;
            match spawn(&python, port, &logs) {
                Ok(moto) => return Ok(moto),
                Err(e @ TestkitError::Exited { .. }) if e.to_string().contains("in use") => {
                    last_error = Some(e);
                }
                Err(e) => return Err(e),
            }
        }
        Err(last_error.unwrap_or_else(|| TestkitError::NotReady {
            endpoint: "127.0.0.1".into(),
            waited: Duration::ZERO,
            log_path: logs.clone(),
            log: String::new(),
        }))
    }

    /// One server for the whole test process, started on first use. Tests share it, so each
    /// should create resources under names of its own.
    pub fn shared() -> Result<&'static Moto, &'static TestkitError> {
        SHARED.get_or_init(Moto::start).as_ref()
    }

    /// `http://127.0.0.1:<port>`: the endpoint of every service.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The server's log (every request, and any Python traceback), when this kit started it.
    pub fn log(&self) -> Option<String> {
        self.process
            .as_ref()
            .map(|p| fs::read_to_string(&p.log_path).unwrap_or_default())
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Some(process) = &mut self.process {
            let _ = process.child.kill();
            let _ = process.child.wait();
            let _ = fs::remove_file(&process.log_path);
        }
    }
}

fn external_endpoint() -> Option<String> {
    std::env::var("APIGW_MOTO_ENDPOINT")
        .ok()
        .filter(|e| !e.is_empty())
        .map(|e| e.trim_end_matches('/').to_string())
}

/// A port nobody listens on now (the OS picks it; moto binds it a moment later).
fn free_port(logs: &std::path::Path) -> Result<u16, TestkitError> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(TestkitError::io("bind a port on 127.0.0.1 for", logs))?;
    let port = listener
        .local_addr()
        .map_err(TestkitError::io("read the port bound for", logs))?
        .port();
    Ok(port)
}

fn spawn(
    python: &std::path::Path,
    port: u16,
    logs: &std::path::Path,
) -> Result<Moto, TestkitError> {
    let log_path = logs.join(format!("moto-{}-{port}.log", std::process::id()));
    let log = File::create(&log_path).map_err(TestkitError::io("create", &log_path))?;
    let log_err = log
        .try_clone()
        .map_err(TestkitError::io("open", &log_path))?;
    let mut child = Command::new(python)
        .args(["-c", LAUNCHER, &port.to_string()])
        .stdin(Stdio::piped())
        .stdout(log)
        .stderr(log_err)
        .spawn()
        .map_err(TestkitError::io("start moto_server with", python))?;
    let stdin = child.stdin.take();
    let mut process = Process {
        child,
        _stdin: stdin,
        log_path,
    };
    let endpoint = format!("http://127.0.0.1:{port}");
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = process.child.try_wait() {
            return Err(TestkitError::Exited {
                status: status.to_string(),
                log: tail(&read_log(&process.log_path), 20),
                log_path: process.log_path.clone(),
            });
        }
        if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return Ok(Moto {
                endpoint,
                process: Some(process),
            });
        }
        if started.elapsed() > READY_TIMEOUT {
            let _ = process.child.kill();
            let _ = process.child.wait();
            return Err(TestkitError::NotReady {
                endpoint,
                waited: READY_TIMEOUT,
                log: tail(&read_log(&process.log_path), 20),
                log_path: process.log_path.clone(),
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read_log(path: &std::path::Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}
