//! The Python environment moto runs in: created once per target directory, under a file lock.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{TestkitError, tail};

/// The moto release the tests are written against. Its behaviour (what it implements, how it
/// answers) is part of what the tests observe, so it is pinned.
pub const MOTO_VERSION: &str = "5.2.5";

/// What pip installs: moto with its server (`moto_server`, Flask and the service extras).
pub const MOTO_REQUIREMENT: &str = "moto[server]==5.2.5";

/// Written last into a complete environment: its content names what was installed.
const MARKER: &str = ".apigw-testkit-provisioned";

/// A ready environment.
#[derive(Debug, Clone)]
pub struct Provisioned {
    /// The environment's interpreter, which has moto installed.
    pub python: PathBuf,
    /// How long this call took to create it; `None` when it was ready already.
    pub took: Option<Duration>,
}

/// The environment for [`MOTO_REQUIREMENT`], created if needed. Safe to call from parallel
/// processes: one creates it while the others wait on the lock, then find it ready.
pub fn provision_moto() -> Result<Provisioned, TestkitError> {
    let root = testkit_dir();
    let dir = root.join(format!("moto-{MOTO_VERSION}"));
    let python = venv_python(&dir);
    if is_ready(&dir) {
        return Ok(Provisioned { python, took: None });
    }
    fs::create_dir_all(&root).map_err(TestkitError::io("create", &root))?;
    let lock_path = root.join(format!("moto-{MOTO_VERSION}.lock"));
    let lock = File::create(&lock_path).map_err(TestkitError::io("create", &lock_path))?;
    lock.lock().map_err(TestkitError::io("lock", &lock_path))?;
    // Another process may have finished while this one waited.
    if is_ready(&dir) {
        return Ok(Provisioned { python, took: None });
    }
    let started = Instant::now();
    if dir.exists() {
        // Left half-made by an interrupted run.
        fs::remove_dir_all(&dir).map_err(TestkitError::io("remove", &dir))?;
    }
    let interpreter = find_python()?;
    run_venv(&interpreter, &dir)?;
    run_pip(&python, &dir)?;
    let marker = dir.join(MARKER);
    fs::write(&marker, MOTO_REQUIREMENT).map_err(TestkitError::io("write", &marker))?;
    let took = started.elapsed();
    eprintln!(
        "apigw-testkit: installed {MOTO_REQUIREMENT} into {} in {:.1} s (once per target directory)",
        dir.display(),
        took.as_secs_f64()
    );
    Ok(Provisioned {
        python,
        took: Some(took),
    })
}

fn is_ready(dir: &Path) -> bool {
    fs::read_to_string(dir.join(MARKER)).is_ok_and(|m| m == MOTO_REQUIREMENT)
        && venv_python(dir).exists()
}

fn venv_python(dir: &Path) -> PathBuf {
    if cfg!(windows) {
        dir.join("Scripts").join("python.exe")
    } else {
        dir.join("bin").join("python")
    }
}

/// `<target>/apigw-testkit`: `CARGO_TARGET_DIR` when it is absolute, else the target directory
/// the running test binary was built in (the ancestor cargo marks with `CACHEDIR.TAG`), else
/// the workspace's `target/`.
pub(crate) fn testkit_dir() -> PathBuf {
    target_dir().join("apigw-testkit")
}

fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from)
        && dir.is_absolute()
    {
        return dir;
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.ancestors().find(|d| d.join("CACHEDIR.TAG").is_file())
    {
        return dir.to_path_buf();
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
}

/// The interpreter that creates the environment, checked to be Python 3.9 or newer.
fn find_python() -> Result<String, TestkitError> {
    let candidates: Vec<String> = match std::env::var("APIGW_TESTKIT_PYTHON") {
        Ok(p) if !p.is_empty() => vec![p],
        _ => vec!["python3".into(), "python".into()],
    };
    first_python(candidates)
}

fn first_python(candidates: Vec<String>) -> Result<String, TestkitError> {
    for candidate in &candidates {
        let Ok(out) = Command::new(candidate).arg("--version").output() else {
            continue;
        };
        if !out.status.success() {
            continue;
        }
        // "Python 3.11.7" (older interpreters print it on stderr).
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let version = text.trim().trim_start_matches("Python ").to_string();
        let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        if major == 3 && minor >= 9 {
            return Ok(candidate.clone());
        }
        if major == 3 || major == 2 {
            return Err(TestkitError::PythonTooOld {
                python: candidate.clone(),
                version,
            });
        }
    }
    Err(TestkitError::NoPython { tried: candidates })
}

fn run_venv(interpreter: &str, dir: &Path) -> Result<(), TestkitError> {
    let out = Command::new(interpreter)
        .args(["-m", "venv"])
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(TestkitError::io("run `python -m venv` for", dir))?;
    if out.status.success() {
        return Ok(());
    }
    let _ = fs::remove_dir_all(dir);
    Err(TestkitError::Venv {
        python: interpreter.to_string(),
        dir: dir.to_path_buf(),
        stderr: tail(&String::from_utf8_lossy(&out.stderr), 8),
    })
}

fn run_pip(python: &Path, dir: &Path) -> Result<(), TestkitError> {
    let out = Command::new(python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            MOTO_REQUIREMENT,
        ])
        .stdin(Stdio::null())
        .output()
        .map_err(TestkitError::io("run pip with", python))?;
    if out.status.success() {
        return Ok(());
    }
    Err(TestkitError::Pip {
        requirement: MOTO_REQUIREMENT.to_string(),
        dir: dir.to_path_buf(),
        stderr: tail(&String::from_utf8_lossy(&out.stderr), 12),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_interpreter_says_what_to_install() {
        let e = first_python(vec!["/nonexistent/python3".into()]).unwrap_err();
        let message = e.to_string();
        assert!(message.contains("tried /nonexistent/python3"), "{message}");
        assert!(message.contains("install Python 3.9 or newer"), "{message}");
    }

    #[test]
    fn the_environment_lives_in_the_target_directory() {
        let dir = testkit_dir();
        assert!(dir.ends_with("apigw-testkit"), "{}", dir.display());
        assert!(
            dir.parent()
                .is_some_and(|t| t.join("CACHEDIR.TAG").is_file())
                || std::env::var_os("CARGO_TARGET_DIR").is_some()
        );
    }
}
