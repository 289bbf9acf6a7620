//! The Lambda package: `lambda/<function>/bootstrap.zip`, the binary named `bootstrap` with mode
//! 0755 and fixed timestamps, so the same binary always gives the same zip (and an unchanged
//! function is not redeployed).
//!
//! Before zipping, the binary is inspected, so a package Lambda cannot run is caught here rather
//! than at the first invocation: it must be a 64-bit Linux ELF executable for the function's
//! architecture, and, when dynamically linked, must not need a glibc newer than Amazon Linux
//! 2023's (2.34). See `docs/deploy.md` for how to build one.

use std::fmt;
use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use object::elf;
use object::read::elf::{FileHeader, ProgramHeader};
use object::{Endianness, FileKind};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::template::FunctionPlan;
use crate::function::Architecture;

/// The name Lambda's OS-only runtimes execute.
pub const ENTRY: &str = "bootstrap";
/// `rwxr-xr-x`: Lambda must be able to execute it.
pub const MODE: u32 = 0o755;
/// The directory of the packages in the output directory: `lambda/<function>/bootstrap.zip`.
pub const PACKAGES_DIR: &str = "lambda";
/// The package of one function, in `lambda/<function>/`.
pub const PACKAGE_FILE: &str = "bootstrap.zip";
/// The glibc of Amazon Linux 2023, which `provided.al2023` runs on.
pub const LAMBDA_GLIBC: (u32, u32) = (2, 34);

/// Why a package cannot be written, with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// The running binary's path is unknown.
    #[error(
        "cannot find the running binary to package it: {source}; pass `--binary PATH` (or `--no-package`)"
    )]
    CurrentExe {
        /// Why.
        source: std::io::Error,
    },
    /// The binary cannot be read.
    #[error("cannot read the binary `{}`: {source}", path.display())]
    Read {
        /// The binary.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    #[error(
        "`{}` is not a 64-bit Linux ELF executable ({found}), so Lambda cannot run it. Build one for Linux (see docs/deploy.md: `cargo build --release --target {target}`) and pass it with `--binary`, or skip packaging with `--no-package`",
        path.display()
    )]
    /// The binary is not one Lambda can run.
    NotLinuxElf {
        /// The binary.
        path: PathBuf,
        /// What it is instead.
        found: String,
        /// The target to build for.
        target: &'static str,
    },
    #[error(
        "function `{function}` is configured for {configured}, but `{}` is built for {binary}. Build for `{}` (`cargo build --release --target {}`) and pass it with `--binary`, or set `architecture: Architecture::{}` in `App::function(\"{function}\", ..)`",
        path.display(),
        configured.musl_target(),
        configured.musl_target(),
        match binary { Architecture::X86_64 => "X86_64", Architecture::Arm64 => "Arm64" }
    )]
    /// The binary's architecture is not the function's.
    ArchitectureMismatch {
        /// The function.
        function: String,
        /// Its configured architecture.
        configured: Architecture,
        /// The binary's.
        binary: Architecture,
        /// The binary.
        path: PathBuf,
    },
    /// A package directory cannot be created.
    #[error("cannot create the package directory `{}`: {source}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A package cannot be written.
    #[error("cannot write the package `{}`: {source}", path.display())]
    Write {
        /// The zip file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The zip archive cannot be built.
    #[error("cannot build the zip archive: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// How the binary is linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Linkage {
    /// No interpreter (musl, or `-C target-feature=+crt-static`): runs on any Linux.
    Static,
    /// Needs the dynamic loader and these libraries.
    Dynamic {
        /// The highest `GLIBC_x.y` symbol version it needs, if any.
        max_glibc: Option<(u32, u32)>,
        /// `DT_NEEDED`-style library names from the version needs (`libc.so.6`, ...), sorted.
        libraries: Vec<String>,
    },
}

/// What synth found out about the binary it packages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryInfo {
    /// The binary.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// The instruction set it is built for.
    pub architecture: Architecture,
    /// How it is linked.
    pub linkage: Linkage,
    /// It has `.debug_*` sections (not stripped).
    pub debug_info: bool,
    /// A debug (unoptimised) build: `cfg!(debug_assertions)` when packaging the running binary,
    /// else guessed from a `target/debug/` path.
    pub debug_build: bool,
}

/// Something that will not stop the package from being written but that the user should fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// An unoptimised build: large and slow to start.
    DebugBuild,
    /// Not stripped: the zip is larger than needed.
    DebugInfo,
    /// It needs a glibc newer than Lambda's.
    GlibcTooNew {
        /// The glibc version it needs.
        required: (u32, u32),
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::DebugBuild => write!(
                f,
                "this is a debug build: it is large and slow to start; package a release build (`cargo build --release ...`, then `--binary target/<target>/release/<name>`)"
            ),
            Warning::DebugInfo => write!(
                f,
                "the binary carries debug info: the zip is larger than needed (set `strip = true` in `[profile.release]`)"
            ),
            Warning::GlibcTooNew { required: (a, b) } => write!(
                f,
                "the binary needs glibc {a}.{b}, but Lambda's Amazon Linux 2023 has glibc {}.{}: it will fail to start there. Build a static binary (`--target x86_64-unknown-linux-musl` or `aarch64-unknown-linux-musl`), or link against an older glibc (`cargo zigbuild --target x86_64-unknown-linux-gnu.2.34`)",
                LAMBDA_GLIBC.0, LAMBDA_GLIBC.1
            ),
        }
    }
}

impl BinaryInfo {
    /// What the user should know before deploying this binary.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        if self.debug_build {
            out.push(Warning::DebugBuild);
        }
        if self.debug_info {
            out.push(Warning::DebugInfo);
        }
        if let Linkage::Dynamic {
            max_glibc: Some(v), ..
        } = &self.linkage
            && *v > LAMBDA_GLIBC
        {
            out.push(Warning::GlibcTooNew { required: *v });
        }
        out
    }
}

/// `GLIBC_2.34` -> `(2, 34)`.
fn glibc_version(name: &[u8]) -> Option<(u32, u32)> {
    let v = std::str::from_utf8(name).ok()?.strip_prefix("GLIBC_")?;
    let mut parts = v.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    Some((major, minor))
}

/// The target a user on this machine would build for `architecture`, for messages.
fn host_target() -> &'static str {
    if cfg!(target_arch = "aarch64") {
        Architecture::Arm64.musl_target()
    } else {
        Architecture::X86_64.musl_target()
    }
}

fn not_elf(path: &Path, found: impl Into<String>) -> PackageError {
    PackageError::NotLinuxElf {
        path: path.to_path_buf(),
        found: found.into(),
        target: host_target(),
    }
}

/// Reads what matters for Lambda out of an ELF image.
fn inspect_elf(path: &Path, data: &[u8]) -> Result<(Architecture, Linkage, bool), PackageError> {
    let kind = FileKind::parse(data).map_err(|_| not_elf(path, "an unknown file format"))?;
    if kind != FileKind::Elf64 {
        return Err(not_elf(path, format!("{kind:?}")));
    }
    let parse_err = |e: object::read::Error| not_elf(path, format!("a malformed ELF file: {e}"));
    let header = elf::FileHeader64::<Endianness>::parse(data).map_err(parse_err)?;
    let endian = header.endian().map_err(parse_err)?;
    let architecture = match header.e_machine(endian) {
        elf::EM_X86_64 => Architecture::X86_64,
        elf::EM_AARCH64 => Architecture::Arm64,
        other => return Err(not_elf(path, format!("an ELF file for machine {other}"))),
    };
    if header.e_type(endian) != elf::ET_EXEC && header.e_type(endian) != elf::ET_DYN {
        return Err(not_elf(path, "an ELF object that is not an executable"));
    }
    let segments = header.program_headers(endian, data).map_err(parse_err)?;
    let dynamic = segments.iter().any(|s| s.p_type(endian) == elf::PT_INTERP);
    let sections = header.sections(endian, data).map_err(parse_err)?;
    let debug_info = sections.section_by_name(endian, b".debug_info").is_some();
    let linkage = if !dynamic {
        Linkage::Static
    } else {
        let mut max_glibc = None;
        let mut libraries = Vec::new();
        // A binary without section headers (sstrip) has no readable version needs: no check.
        if let Ok(Some((mut needs, link))) = sections.gnu_verneed(endian, data)
            && let Ok(strings) = sections.strings(endian, data, link)
        {
            while let Ok(Some((need, mut aux))) = needs.next() {
                if let Ok(file) = need.file(endian, strings) {
                    libraries.push(String::from_utf8_lossy(file).into_owned());
                }
                while let Ok(Some(a)) = aux.next() {
                    if let Some(v) = a.name(endian, strings).ok().and_then(glibc_version) {
                        max_glibc = max_glibc.max(Some(v));
                    }
                }
            }
        }
        libraries.sort();
        libraries.dedup();
        Linkage::Dynamic {
            max_glibc,
            libraries,
        }
    };
    Ok((architecture, linkage, debug_info))
}

/// Whether a path looks like cargo's debug output (`target/debug/x`, `target/<t>/debug/x`).
fn in_debug_dir(path: &Path) -> bool {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str()).collect();
    parts
        .iter()
        .position(|c| *c == "target")
        .is_some_and(|t| parts[t + 1..].iter().any(|c| *c == "debug"))
}

/// Reads and inspects a binary. `debug_build` is what the caller knows (the running binary
/// knows its own profile); `None` guesses from the path.
pub fn inspect(
    path: &Path,
    debug_build: Option<bool>,
) -> Result<(BinaryInfo, Vec<u8>), PackageError> {
    let data = fs::read(path).map_err(|source| PackageError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let (architecture, linkage, debug_info) = inspect_elf(path, &data)?;
    let info = BinaryInfo {
        path: path.to_path_buf(),
        size: data.len() as u64,
        architecture,
        linkage,
        debug_info,
        debug_build: debug_build.unwrap_or_else(|| in_debug_dir(path)),
    };
    Ok((info, data))
}

/// The running binary and its build profile.
pub fn current_binary() -> Result<(PathBuf, bool), PackageError> {
    let path = std::env::current_exe().map_err(|source| PackageError::CurrentExe { source })?;
    Ok((path, cfg!(debug_assertions)))
}

/// The zip of `binary` as `bootstrap`: mode 0755, Unix attributes, the DOS epoch as timestamp,
/// deflate at a fixed level (6: level 9 is ~1% smaller and 3x slower). Byte-identical for
/// identical input.
pub fn zip_bootstrap(binary: &[u8]) -> Result<Vec<u8>, PackageError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .system(System::Unix)
        .last_modified_time(DateTime::default())
        .unix_permissions(MODE)
        .large_file(binary.len() as u64 >= u64::from(u32::MAX));
    zip.start_file(ENTRY, options)?;
    zip.write_all(binary)
        .map_err(|e| PackageError::Zip(zip::result::ZipError::Io(e)))?;
    Ok(zip.finish()?.into_inner())
}

/// One package written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packaged {
    /// The function it is the package of.
    pub function: String,
    /// The zip file.
    pub path: PathBuf,
    /// Its size.
    pub bytes: usize,
}

/// The package every function gets (they share one binary), after checking the binary suits each
/// function's architecture. synth writes it as `lambda/<function>/bootstrap.zip`.
pub fn package_zip(
    info: &BinaryInfo,
    binary: &[u8],
    functions: &[FunctionPlan],
) -> Result<Vec<u8>, PackageError> {
    for f in functions {
        if f.config.architecture != info.architecture {
            return Err(PackageError::ArchitectureMismatch {
                function: f.name.to_string(),
                configured: f.config.architecture,
                binary: info.architecture,
                path: info.path.clone(),
            });
        }
    }
    zip_bootstrap(binary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glibc_versions_parse() {
        assert_eq!(glibc_version(b"GLIBC_2.34"), Some((2, 34)));
        assert_eq!(glibc_version(b"GLIBC_2.2.5"), Some((2, 2)));
        assert_eq!(glibc_version(b"GLIBC_3"), Some((3, 0)));
        assert_eq!(glibc_version(b"GLIBC_PRIVATE"), None);
        assert_eq!(glibc_version(b"GCC_3.0"), None);
        assert!((2, 35) > LAMBDA_GLIBC && (2, 17) < LAMBDA_GLIBC);
    }

    #[test]
    fn debug_dirs_are_recognised() {
        assert!(in_debug_dir(Path::new("/w/target/debug/petstore")));
        assert!(in_debug_dir(Path::new(
            "target/x86_64-unknown-linux-musl/debug/petstore"
        )));
        assert!(!in_debug_dir(Path::new("/w/target/release/petstore")));
        assert!(!in_debug_dir(Path::new("/home/debug/bin/petstore")));
    }

    #[test]
    fn the_zip_is_reproducible() {
        let a = zip_bootstrap(b"\x7fELF not really").unwrap();
        let b = zip_bootstrap(b"\x7fELF not really").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn a_non_elf_file_is_refused_with_the_fix() {
        let err = inspect_elf(Path::new("x.exe"), b"MZ\x90\x00 not elf").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("`x.exe` is not a 64-bit Linux ELF executable"),
            "{msg}"
        );
        assert!(msg.contains("--binary"), "{msg}");
    }

    #[test]
    fn the_running_test_binary_is_inspected() {
        let (path, debug) = current_binary().unwrap();
        let (info, _) = inspect(&path, Some(debug)).unwrap();
        let expected = if cfg!(target_arch = "aarch64") {
            Architecture::Arm64
        } else {
            Architecture::X86_64
        };
        assert_eq!(info.architecture, expected);
        if cfg!(target_env = "gnu") {
            let Linkage::Dynamic {
                max_glibc,
                libraries,
            } = &info.linkage
            else {
                panic!(
                    "a gnu test binary is dynamically linked: {:?}",
                    info.linkage
                );
            };
            assert!(max_glibc.is_some_and(|v| v >= (2, 2)), "{max_glibc:?}");
            assert!(
                libraries.iter().any(|l| l.starts_with("libc.so")),
                "{libraries:?}"
            );
        }
    }
}
