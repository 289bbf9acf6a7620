//! `synth`: writes the artifacts of the API (`openapi.json`, `template.json`, the reference page
//! `api.html`, `lambda/<function>/bootstrap.zip`) and prints a summary of its routes.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::app::App;
use crate::package::{BinaryInfo, Linkage, PackageError, Packaged};
use crate::registry::{Registry, RegistryErrors};
use crate::template::{TemplateError, TemplateOptions};

/// Synthesizes the API's deployment artifacts.
#[derive(Debug, Parser)]
#[command(
    name = "synth",
    about = "Write the OpenAPI document, the CloudFormation template and the Lambda package of this API"
)]
struct Args {
    /// Directory to write the artifacts into (created if missing).
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// The API Gateway stage to deploy (the last segment of the API's URL).
    #[arg(long, default_value = crate::template::DEFAULT_STAGE)]
    stage: String,
    /// The Linux binary to package as `bootstrap` (default: this binary). Build it with
    /// `cargo build --release --target x86_64-unknown-linux-musl` (see docs/deploy.md).
    #[arg(long, value_name = "PATH", conflicts_with = "no_package")]
    binary: Option<PathBuf>,
    /// Do not write the Lambda packages (only `openapi.json` and `template.json`).
    #[arg(long)]
    no_package: bool,
}

/// Which binary synth packages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageSource {
    /// The binary running synth (`std::env::current_exe`).
    Running,
    /// A binary built separately (`--binary PATH`).
    Binary(PathBuf),
    /// No package (`--no-package`).
    None,
}

/// Everything synth does, as options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthOptions {
    pub out: PathBuf,
    pub template: TemplateOptions,
    pub package: PackageSource,
}

impl SynthOptions {
    /// Writes `openapi.json` and `template.json` into `out`, no package.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        SynthOptions {
            out: out.into(),
            template: TemplateOptions::default(),
            package: PackageSource::None,
        }
    }
}

/// What synth wrote, and what it found out about the binary it packaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthReport {
    pub written: Vec<Written>,
    pub binary: Option<BinaryInfo>,
    pub packaged: Vec<Packaged>,
}

/// What can stop synth, with what the user needs to fix it.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error(transparent)]
    Registry(#[from] RegistryErrors),
    #[error("cannot render the template: {0}")]
    Template(#[from] TemplateError),
    #[error("cannot write the Lambda package: {0}")]
    Package(#[from] PackageError),
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

/// Writes `openapi.json` and `template.json` of `registry` into `out` (no package).
pub fn synth(app: &App, registry: &Registry, out: &Path) -> Result<Vec<Written>, SynthError> {
    Ok(synth_with(app, registry, &SynthOptions::new(out))?.written)
}

/// Writes every artifact: the documents are rendered and the binary checked before anything is
/// written, so an error leaves the output directory as it was.
pub fn synth_with(
    app: &App,
    registry: &Registry,
    options: &SynthOptions,
) -> Result<SynthReport, SynthError> {
    let doc = crate::openapi::document(registry, app.info());
    let template = crate::template::template(app, registry, &options.template)?;
    let functions = crate::template::plan_functions(registry, app.functions())?;
    let binary = match &options.package {
        // Every operation is answered by API Gateway itself: there is no function to package.
        _ if functions.is_empty() => None,
        PackageSource::None => None,
        PackageSource::Running => {
            let (path, debug) = crate::package::current_binary()?;
            Some(crate::package::inspect(&path, Some(debug))?)
        }
        PackageSource::Binary(path) => Some(crate::package::inspect(path, None)?),
    };
    let out = &options.out;
    prepare_out(out)?;
    let mut written = vec![
        write(
            out.join("openapi.json"),
            &to_json(&doc, "OpenAPI document")?,
        )?,
        write(
            out.join("template.json"),
            &to_json(&template, "CloudFormation template")?,
        )?,
        write(
            out.join("api.html"),
            crate::reference::render(&doc).as_bytes(),
        )?,
    ];
    let mut packaged = Vec::new();
    let mut info = None;
    if let Some((binary_info, bytes)) = binary {
        packaged = crate::package::package(&binary_info, &bytes, &functions, out)?;
        written.extend(packaged.iter().map(|p| Written {
            path: p.path.clone(),
            bytes: p.bytes,
        }));
        info = Some(binary_info);
    }
    Ok(SynthReport {
        written,
        binary: info,
        packaged,
    })
}

/// `packaged target/release/petstore (x86_64, statically linked, release, 4.1 MB) as bootstrap
/// for functions: admin, api`.
pub fn describe_package(info: &BinaryInfo, packaged: &[Packaged]) -> String {
    let linkage = match &info.linkage {
        Linkage::Static => "statically linked".to_string(),
        Linkage::Dynamic {
            max_glibc: Some((a, b)),
            ..
        } => format!("dynamically linked, needs glibc {a}.{b}"),
        Linkage::Dynamic { .. } => "dynamically linked".to_string(),
    };
    let functions: Vec<&str> = packaged.iter().map(|p| p.function.as_str()).collect();
    format!(
        "packaged {} ({}, {linkage}, {} build, {:.1} MB) as bootstrap for function{}: {}",
        info.path.display(),
        info.architecture,
        if info.debug_build { "debug" } else { "release" },
        info.size as f64 / 1e6,
        if functions.len() == 1 { "" } else { "s" },
        functions.join(", ")
    )
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
    let options = SynthOptions {
        out: args.out,
        template: TemplateOptions { stage: args.stage },
        package: match (args.no_package, args.binary) {
            (true, _) => PackageSource::None,
            (false, Some(path)) => PackageSource::Binary(path),
            (false, None) => PackageSource::Running,
        },
    };
    let result = app
        .registry()
        .map_err(SynthError::from)
        .and_then(|registry| {
            let report = synth_with(app, &registry, &options)?;
            Ok((registry, report))
        });
    match result {
        Ok((registry, report)) => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(summary(app, &registry).as_bytes());
            for w in &report.written {
                let _ = writeln!(stdout, "wrote {} ({} bytes)", w.path.display(), w.bytes);
            }
            if let Some(info) = &report.binary {
                let _ = writeln!(stdout, "{}", describe_package(info, &report.packaged));
                for w in info.warnings() {
                    eprintln!("warning: {w}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
