//! # apigw-testkit: test support shared by the workspace
//!
//! [`Moto`] is a [moto](https://github.com/getmoto/moto) server on 127.0.0.1: one process that
//! speaks S3, DynamoDB, SQS, SNS, EventBridge, Step Functions (and most other AWS services), so
//! tests can send rendered integrations to real service endpoints instead of asserting on JSON.
//!
//! Nothing has to be installed by hand: on first use the kit creates a Python virtual
//! environment under the cargo target directory (`<target>/apigw-testkit/moto-<version>/`) and
//! installs the pinned [`MOTO_REQUIREMENT`] into it with pip. A file lock makes parallel test
//! binaries provision once; later runs find the environment ready and start in about a second.
//! A machine needs only Python 3 with pip (and `venv`) and access to PyPI.
//!
//! ```no_run
//! let moto = apigw_testkit::Moto::shared()?;        // one server for the whole test binary
//! let endpoint = moto.endpoint();                    // "http://127.0.0.1:<port>"
//! # Ok::<(), &'static apigw_testkit::TestkitError>(())
//! ```
//!
//! [`Moto::start`] gives a server of one's own, stopped when dropped. The shared one lives as
//! long as the test process: the server watches its standard input and exits when the test
//! process closes it (at exit, even on a crash), so no server outlives its tests.
//!
//! Environment:
//! - `APIGW_MOTO_ENDPOINT=http://host:port`: use a moto server that is already running (nothing is
//!   provisioned or started).
//! - `APIGW_TESTKIT_PYTHON=/path/to/python3`: the interpreter that creates the environment
//!   (default: `python3`, then `python`).
//! - `CARGO_TARGET_DIR`: where the environment goes (default: the target directory the test
//!   binary was built in).

mod moto;
mod provision;

pub use moto::Moto;
pub use provision::{MOTO_REQUIREMENT, MOTO_VERSION, Provisioned, provision_moto};

use std::path::PathBuf;
use std::time::Duration;

/// Why moto could not be provisioned or started. Each message says what to install or check.
#[derive(Debug, thiserror::Error)]
pub enum TestkitError {
    #[error(
        "no Python 3 interpreter found (tried {}): install Python 3.9 or newer with pip and venv (Debian/Ubuntu: `apt-get install python3 python3-venv python3-pip`), or set APIGW_TESTKIT_PYTHON to one",
        tried.join(", ")
    )]
    NoPython { tried: Vec<String> },
    #[error(
        "{python} is Python {version}; moto {MOTO_VERSION} needs Python 3.9 or newer: install a newer Python 3, or set APIGW_TESTKIT_PYTHON to one"
    )]
    PythonTooOld { python: String, version: String },
    #[error(
        "`{python} -m venv` could not create {}: {stderr}\ninstall Python's venv module (Debian/Ubuntu: `apt-get install python3-venv`)",
        dir.display()
    )]
    Venv {
        python: String,
        dir: PathBuf,
        stderr: String,
    },
    #[error(
        "pip could not install `{requirement}` into {}: {stderr}\npip must reach PyPI (or the index set in PIP_INDEX_URL); check the network, then run the tests again",
        dir.display()
    )]
    Pip {
        requirement: String,
        dir: PathBuf,
        stderr: String,
    },
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("moto_server exited before it was ready ({status}); its log ({}):\n{log}", log_path.display())]
    Exited {
        status: String,
        log_path: PathBuf,
        log: String,
    },
    #[error(
        "moto_server did not accept connections on {endpoint} within {waited:?}; its log ({}):\n{log}",
        log_path.display()
    )]
    NotReady {
        endpoint: String,
        waited: Duration,
        log_path: PathBuf,
        log: String,
    },
}

impl TestkitError {
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| TestkitError::Io {
            action,
            path,
            source,
        }
    }
}

/// The last lines of a text, for error messages that quote a tool's output.
pub(crate) fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.trim_end().lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
