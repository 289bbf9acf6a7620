//! The `synth` command line: parses the arguments, runs the synth pipeline, prints what it
//! wrote.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use super::summary::{describe_package, summary};
use super::template::TemplateOptions;
use super::{Bindings, PackageSource, REQUIRED_BINDINGS, SynthOptions};
use crate::config::ApiConfig;
use crate::registry::Registry;

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
    #[arg(long, default_value = super::template::DEFAULT_STAGE)]
    stage: String,
    /// The Linux binary to package as `bootstrap` (default: this binary). Build it with
    /// `cargo build --release --target x86_64-unknown-linux-musl` (see docs/deploy.md).
    #[arg(long, value_name = "PATH", conflicts_with = "no_package")]
    binary: Option<PathBuf>,
    /// Do not write the Lambda packages (only `openapi.json`, `template.json` and `api.html`).
    #[arg(long)]
    no_package: bool,
    /// Package this binary even though it is a debug build (by default a debug build writes no
    /// package: zipping it is slow, and it is large and slow to start on Lambda).
    #[arg(long, conflicts_with_all = ["no_package", "binary"])]
    package_debug: bool,
    /// Also write `openapi.resolved.json`, the document `aws apigateway import-rest-api` takes on
    /// its own: every CloudFormation reference replaced by the value bound here. Repeat it for
    /// `AWS::Region`, `AWS::AccountId` (both required) and each parameter or resource the
    /// document names (synth lists what is missing).
    #[arg(long, value_name = "NAME=VALUE", value_parser = parse_binding)]
    bind: Vec<(String, String)>,
}

fn parse_binding(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
        _ => Err(format!(
            "expected NAME=VALUE (e.g. `AWS::Region=eu-west-1`), got `{arg}`"
        )),
    }
}

/// The bindings `--bind` gave, once both required pseudo parameters are among them.
fn bindings(pairs: Vec<(String, String)>) -> Result<Option<Bindings>, String> {
    if pairs.is_empty() {
        return Ok(None);
    }
    let missing: Vec<_> = REQUIRED_BINDINGS
        .iter()
        .filter(|name| !pairs.iter().any(|(n, _)| n == *name))
        .map(|name| format!("`--bind {name}=...`"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the import-ready document needs the account and region it is imported into: add {}",
            missing.join(" and ")
        ));
    }
    let mut bindings = Bindings::new();
    for (name, value) in pairs {
        bindings.insert(name, value);
    }
    Ok(Some(bindings))
}

/// Whether the running binary is a debug build, which synth does not package unless asked.
const RUNNING_DEBUG_BUILD: bool = cfg!(debug_assertions);

/// The CLI entry point.
pub fn run(config: &ApiConfig, args: Vec<OsString>) -> ExitCode {
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
    let bindings = match bindings(args.bind) {
        Ok(b) => b,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let options = SynthOptions {
        bindings,
        out: args.out,
        template: TemplateOptions { stage: args.stage },
        package: match (args.no_package, args.binary) {
            (true, _) => PackageSource::None,
            (false, Some(path)) => PackageSource::Binary(path),
            (false, None) if RUNNING_DEBUG_BUILD && !args.package_debug => PackageSource::None,
            (false, None) => PackageSource::Running,
        },
    };
    let debug_not_packaged =
        !args.no_package && options.package == PackageSource::None && RUNNING_DEBUG_BUILD;
    let result = Registry::collect()
        .map_err(super::SynthError::from)
        .and_then(|registry| super::synth(config, &registry, &options));
    match result {
        Ok(report) => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(summary(&config.info, &report.rendered).as_bytes());
            for w in &report.written {
                let _ = writeln!(stdout, "wrote {} ({} bytes)", w.path.display(), w.bytes);
            }
            if let Some(info) = &report.binary {
                let _ = writeln!(stdout, "{}", describe_package(info, &report.packaged));
                for w in info.warnings() {
                    eprintln!("warning: {w}");
                }
            }
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            if debug_not_packaged && !report.rendered.functions.is_empty() {
                let _ = writeln!(stdout, "{}", debug_build_note());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What synth says instead of packaging a debug build: how to get a package.
fn debug_build_note() -> String {
    let name = std::env::current_exe()
        .ok()
        .and_then(|path| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "synth".into());
    format!(
        "not packaged: this is a debug build (large, slow to start on Lambda, slow to zip). To write the Lambda package, run a release build: `cargo run --release --bin {name}` (see docs/deploy.md for a build Lambda runs), or pass `--package-debug` to package this one"
    )
}
