//! `synth`: writes the artifacts of the API (`openapi.json`) and prints a summary of its routes.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::app::App;
use crate::registry::{Registry, RegistryErrors};

/// Synthesizes the API's deployment artifacts.
#[derive(Debug, Parser)]
#[command(name = "synth", about = "Write the OpenAPI document of this API")]
struct Args {
    /// Directory to write the artifacts into (created if missing).
    #[arg(long, default_value = "out")]
    out: PathBuf,
}

/// What can stop synth, with what the user needs to fix it.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error(transparent)]
    Registry(#[from] RegistryErrors),
    #[error("cannot use `{}` as the output directory: it exists and is not a directory; pass another `--out`", path.display())]
    OutNotADirectory { path: PathBuf },
    #[error("cannot create the output directory `{}`: {source}", path.display())]
    CreateOut {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot serialize the {what}: {source}")]
    Serialize {
        what: &'static str,
        source: serde_json::Error,
    },
}

/// One file synth wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: usize,
}

/// Pretty JSON with a final newline: the form every JSON artifact is written in.
pub fn to_json(value: &serde_json::Value, what: &'static str) -> Result<Vec<u8>, SynthError> {
    let mut out = serde_json::to_vec_pretty(value)
        .map_err(|source| SynthError::Serialize { what, source })?;
    out.push(b'\n');
    Ok(out)
}

fn write(path: PathBuf, bytes: &[u8]) -> Result<Written, SynthError> {
    fs::write(&path, bytes).map_err(|source| SynthError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(Written {
        path,
        bytes: bytes.len(),
    })
}

fn prepare_out(out: &Path) -> Result<(), SynthError> {
    if out.exists() && !out.is_dir() {
        return Err(SynthError::OutNotADirectory {
            path: out.to_path_buf(),
        });
    }
    fs::create_dir_all(out).map_err(|source| SynthError::CreateOut {
        path: out.to_path_buf(),
        source,
    })
}

/// Writes every artifact of `registry` into `out`.
pub fn synth(app: &App, registry: &Registry, out: &Path) -> Result<Vec<Written>, SynthError> {
    prepare_out(out)?;
    let doc = crate::openapi::document(registry, app.info());
    Ok(vec![write(
        out.join("openapi.json"),
        &to_json(&doc, "OpenAPI document")?,
    )?])
}

/// The route table printed after synth.
pub fn summary(app: &App, registry: &Registry) -> String {
    let rows: Vec<[String; 4]> = registry
        .operations()
        .iter()
        .map(|op| {
            [
                op.method.to_string(),
                op.path.to_string(),
                op.id.to_string(),
                crate::openapi::integration_kind(op).to_string(),
            ]
        })
        .collect();
    let header = ["METHOD", "PATH", "OPERATION", "INTEGRATION"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: [&str; 4]| {
        let mut s = String::from(" ");
        for (cell, w) in cells.iter().zip(widths) {
            s.push_str(&format!(" {cell:<w$}"));
        }
        s.trim_end().to_string() + "\n"
    };
    let n = rows.len();
    let mut out = format!(
        "{} {}: {n} operation{}\n",
        app.info().title,
        app.info().version,
        if n == 1 { "" } else { "s" }
    );
    out.push_str(&line(header));
    for row in &rows {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3]]));
    }
    out
}

/// The CLI entry point.
pub fn run(app: &App, args: Vec<OsString>) -> ExitCode {
    let args = match Args::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = app
        .registry()
        .map_err(SynthError::from)
        .and_then(|registry| {
            let written = synth(app, &registry, &args.out)?;
            Ok((registry, written))
        });
    match result {
        Ok((registry, written)) => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(summary(app, &registry).as_bytes());
            for w in written {
                let _ = writeln!(stdout, "wrote {} ({} bytes)", w.path.display(), w.bytes);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
