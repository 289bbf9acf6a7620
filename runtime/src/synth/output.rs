//! The output directory, replaced as a whole: `--out` always holds one run's complete set of
//! artifacts, the previous one or the new one, never a mix, whatever stops synth (an error, a
//! full disk, a kill).
//!
//! 1. The artifacts are written into a fresh staging directory next to `--out` (same parent, so
//!    same filesystem): `.<name>.synth-<pid>`. Each file is flushed to disk (`fsync`), then the
//!    directories.
//! 2. The staging directory takes the place of `--out` in one step: `renameat2(RENAME_EXCHANGE)`
//!    on Linux, `renameatx_np(RENAME_SWAP)` on macOS, a plain rename when `--out` does not exist
//!    yet. Where no atomic exchange exists (another OS, a filesystem without it), `--out` is
//!    renamed aside and the staging directory renamed in: a kill between the two leaves `--out`
//!    missing (not mixed) until the next run.
//! 3. The previous set, now at the staging path, is deleted.
//!
//! synth owns its output directory: it refuses one that holds anything it did not write (a
//! user's file would vanish with the previous set), and names what is in the way. A directory
//! written by an earlier synth (only `openapi.json`, `template.json`, `api.html` and
//! `lambda/<function>/bootstrap.zip`) is replaced, so a package of an earlier run that this run
//! did not write (`--no-package`, a function removed) does not outlive it.
//!
//! Runs that share a parent directory take an exclusive lock on it (`flock`) while they write and
//! swap; holding it, a run deletes the staging directories killed runs left behind.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::SynthError;
use super::package::{PACKAGE_FILE, PACKAGES_DIR, PackageError};

/// The documents synth writes at the top of the output directory.
pub(crate) const DOCUMENTS: [&str; 3] = ["openapi.json", "template.json", "api.html"];

/// The import-ready document, written when `--bind` is given (and ours when a later run is not).
pub(crate) const RESOLVED_DOCUMENT: &str = "openapi.resolved.json";

/// Which error names a failed write: the documents' or the package's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Document,
    Package,
}

/// One file of the set: its path relative to the output directory (`/`-separated), its bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Artifact<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
    pub kind: Kind,
}

/// The steps of a replacement, where the tests inject failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step<'a> {
    /// Creating the staging directory.
    Stage,
    /// Writing (and flushing) one artifact.
    Write(&'a str),
    /// Flushing the staging directories.
    Sync,
    /// Putting the staging directory in place of `--out`.
    Swap,
    /// Deleting the previous set.
    Discard,
}

/// Replaces `out` with exactly `artifacts`.
pub(crate) fn replace(out: &Path, artifacts: &[Artifact<'_>]) -> Result<(), SynthError> {
    let pause_before = std::env::var(PAUSE_BEFORE_VAR).ok();
    replace_with(out, artifacts, &mut |step| {
        if pause_before.as_deref() == Some(step.label().as_str()) {
            pause(&step);
        }
        Ok(())
    })
}

/// A test hook: with `APIGW_SYNTH_PAUSE_BEFORE=<step>` (`stage`, `write:<path>`, `sync`, `swap`,
/// `discard`) synth stops before that step, says so on stderr and waits to be killed, so a test
/// can kill the real binary at an exact point of the replacement.
pub(crate) const PAUSE_BEFORE_VAR: &str = "APIGW_SYNTH_PAUSE_BEFORE";

fn pause(step: &Step<'_>) {
    eprintln!("synth: paused before {}", step.label());
    // Bounded: a forgotten variable costs a minute, not a hung build.
    std::thread::sleep(std::time::Duration::from_secs(60));
}

impl Step<'_> {
    /// The step's name in `APIGW_SYNTH_PAUSE_BEFORE`.
    fn label(&self) -> String {
        match self {
            Step::Stage => "stage".into(),
            Step::Write(path) => format!("write:{path}"),
            Step::Sync => "sync".into(),
            Step::Swap => "swap".into(),
            Step::Discard => "discard".into(),
        }
    }
}

/// [`replace`], calling `inject` before each step (an `Err` fails that step).
pub(crate) fn replace_with(
    out: &Path,
    artifacts: &[Artifact<'_>],
    inject: &mut dyn FnMut(Step<'_>) -> io::Result<()>,
) -> Result<(), SynthError> {
    let create_error = |source| SynthError::CreateOut {
        path: out.to_path_buf(),
        source,
    };
    let replace_error = |source| SynthError::Replace {
        path: out.to_path_buf(),
        source,
    };
    if out.exists() && !out.is_dir() {
        return Err(SynthError::OutNotADirectory {
            path: out.to_path_buf(),
        });
    }
    // A symbolic link to a directory stays a link: its target is what is replaced.
    let target = if out.exists() {
        fs::canonicalize(out).map_err(create_error)?
    } else {
        out.to_path_buf()
    };
    let existing = target.exists();
    if existing {
        let foreign = foreign_entries(&target).map_err(create_error)?;
        if !foreign.is_empty() {
            return Err(SynthError::OutNotSynthOutput {
                path: out.to_path_buf(),
                foreign,
            });
        }
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            create_error(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the path names no directory",
            ))
        })?;
    fs::create_dir_all(&parent).map_err(create_error)?;
    let lock = lock(&parent);
    let prefix = format!(".{name}.synth-");
    if lock.is_some() {
        remove_stale(&parent, &prefix);
    }

    inject(Step::Stage).map_err(create_error)?;
    let staging = Staging::create(parent.join(format!("{prefix}{}", std::process::id())))
        .map_err(create_error)?;
    if existing {
        // Keep the mode the user gave the directory (a fresh one gets the umask's, as before).
        if let Ok(meta) = fs::metadata(&target) {
            fs::set_permissions(staging.path(), meta.permissions()).map_err(create_error)?;
        }
    }
    // Every directory of the set, flushed once its files are (deepest first).
    let mut dirs = vec![staging.path().to_path_buf()];
    for artifact in artifacts {
        let path = staging.path().join(artifact.path);
        let shown = out.join(artifact.path);
        inject(Step::Write(artifact.path)).map_err(|e| write_error(artifact, &shown, false, e))?;
        if let Some(dir) = path.parent()
            && !dirs.iter().any(|d| d == dir)
        {
            fs::create_dir_all(dir).map_err(|e| write_error(artifact, &shown, true, e))?;
            for d in dir.ancestors().take_while(|d| *d != staging.path()) {
                if !dirs.iter().any(|x| x == d) {
                    dirs.push(d.to_path_buf());
                }
            }
        }
        write_synced(&path, artifact.bytes).map_err(|e| write_error(artifact, &shown, false, e))?;
    }
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    inject(Step::Sync)
        .and_then(|()| dirs.iter().try_for_each(|d| sync_dir(d)))
        .map_err(replace_error)?;

    inject(Step::Swap).map_err(replace_error)?;
    if existing {
        swap(staging.path(), &target, &prefix, &parent).map_err(replace_error)?;
    } else {
        fs::rename(staging.path(), &target).map_err(replace_error)?;
    }
    // From here `--out` is the new set; what is left at the staging path is the previous one.
    let _ = sync_dir(&parent);
    if inject(Step::Discard).is_err() {
        // Left for the next run's clean-up: `--out` is complete either way.
        staging.keep();
    }
    drop(lock);
    Ok(())
}

/// The error a failed write is reported as: the one synth always gave for that artifact.
fn write_error(
    artifact: &Artifact<'_>,
    shown: &Path,
    creating_dir: bool,
    source: io::Error,
) -> SynthError {
    match (artifact.kind, creating_dir) {
        (Kind::Document, _) => SynthError::Write {
            path: shown.to_path_buf(),
            source,
        },
        (Kind::Package, true) => SynthError::Package(PackageError::CreateDir {
            path: shown.parent().unwrap_or(shown).to_path_buf(),
            source,
        }),
        (Kind::Package, false) => SynthError::Package(PackageError::Write {
            path: shown.to_path_buf(),
            source,
        }),
    }
}

/// The entries of a directory synth did not write, as paths relative to it (sorted).
fn foreign_entries(dir: &Path) -> io::Result<Vec<String>> {
    let mut foreign = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        if kind.is_file() && (DOCUMENTS.contains(&name.as_str()) || name == RESOLVED_DOCUMENT) {
            continue;
        }
        if kind.is_dir() && name == PACKAGES_DIR {
            for function in fs::read_dir(entry.path())? {
                let function = function?;
                let fname = function.file_name().to_string_lossy().into_owned();
                if !function.file_type()?.is_dir() {
                    foreign.push(format!("{PACKAGES_DIR}/{fname}"));
                    continue;
                }
                for file in fs::read_dir(function.path())? {
                    let file = file?;
                    let file_name = file.file_name().to_string_lossy().into_owned();
                    if !(file.file_type()?.is_file() && file_name == PACKAGE_FILE) {
                        foreign.push(format!("{PACKAGES_DIR}/{fname}/{file_name}"));
                    }
                }
            }
            continue;
        }
        foreign.push(name);
    }
    foreign.sort();
    Ok(foreign)
}

/// A staging directory, deleted when dropped (an error, or the previous set after the swap).
struct Staging {
    path: PathBuf,
    keep: bool,
}

impl Staging {
    fn create(path: PathBuf) -> io::Result<Staging> {
        match fs::create_dir(&path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                // A leftover of a killed run with the same process id.
                fs::remove_dir_all(&path)?;
                fs::create_dir(&path)?;
            }
            other => other?,
        }
        Ok(Staging { path, keep: false })
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes a directory's entries to disk, where the OS can (Unix).
fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

/// An exclusive lock on the parent directory, held while writing and swapping. `None` where
/// directories cannot be locked: the run goes on, leaving stale staging directories alone.
fn lock(parent: &Path) -> Option<File> {
    let dir = File::open(parent).ok()?;
    dir.lock().ok()?;
    Some(dir)
}

/// Deletes the staging directories killed runs left (only called holding the lock: no live run
/// has one then).
fn remove_stale(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts `staging` in place of the existing `target`; the previous set ends up at `staging`.
fn swap(staging: &Path, target: &Path, prefix: &str, parent: &Path) -> io::Result<()> {
    match exchange(staging, target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() != io::ErrorKind::Unsupported => Err(e),
        Err(_) => {
            // No atomic exchange here: aside, then in.
            let aside = parent.join(format!("{prefix}{}-old", std::process::id()));
            fs::rename(target, &aside)?;
            if let Err(e) = fs::rename(staging, target) {
                let _ = fs::rename(&aside, target);
                return Err(e);
            }
            fs::rename(&aside, staging)
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(|e| {
        // An old kernel, or a filesystem without the exchange.
        if [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP, Errno::OPNOTSUPP].contains(&e) {
            io::ErrorKind::Unsupported.into()
        } else {
            io::Error::from(e)
        }
    })
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A fresh directory for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join(format!("apigw-output-{}", std::process::id()))
            .join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Every file under `dir`, relative path -> content.
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    let rel = path
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    out.insert(rel, fs::read(&path).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    /// What is in the parent besides `out`: leftovers of staging.
    fn leftovers(parent: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "out")
            .collect();
        names.sort();
        names
    }

    const PREVIOUS: &[(&str, &[u8], Kind)] = &[
        ("openapi.json", b"old openapi", Kind::Document),
        ("template.json", b"old template", Kind::Document),
        ("api.html", b"old page", Kind::Document),
        ("lambda/api/bootstrap.zip", b"old zip", Kind::Package),
        (
            "lambda/admin/bootstrap.zip",
            b"old admin zip",
            Kind::Package,
        ),
    ];

    const NEW: &[(&str, &[u8], Kind)] = &[
        ("openapi.json", b"new openapi", Kind::Document),
        ("template.json", b"new template", Kind::Document),
        ("api.html", b"new page", Kind::Document),
        ("lambda/api/bootstrap.zip", b"new zip", Kind::Package),
    ];

    fn artifacts(set: &'static [(&'static str, &'static [u8], Kind)]) -> Vec<Artifact<'static>> {
        set.iter()
            .map(|&(path, bytes, kind)| Artifact { path, bytes, kind })
            .collect()
    }

    fn expected(set: &[(&str, &[u8], Kind)]) -> BTreeMap<String, Vec<u8>> {
        set.iter()
            .map(|(p, b, _)| (p.to_string(), b.to_vec()))
            .collect()
    }

    /// A parent with `out` holding the previous set.
    fn previous(name: &str) -> (PathBuf, PathBuf) {
        let parent = scratch(name);
        let out = parent.join("out");
        replace(&out, &artifacts(PREVIOUS)).unwrap();
        assert_eq!(tree(&out), expected(PREVIOUS));
        (parent, out)
    }

    #[test]
    fn a_new_directory_gets_the_set_and_nothing_else_is_left() {
        let parent = scratch("fresh");
        let out = parent.join("nested").join("out");
        replace(&out, &artifacts(NEW)).unwrap();
        assert_eq!(tree(&out), expected(NEW));
        assert_eq!(leftovers(&parent.join("nested")), Vec::<String>::new());
    }

    #[test]
    fn a_previous_set_is_replaced_whole() {
        let (parent, out) = previous("replace");
        replace(&out, &artifacts(NEW)).unwrap();
        // The `admin` package of the previous run is gone with it.
        assert_eq!(tree(&out), expected(NEW));
        assert_eq!(leftovers(&parent), Vec::<String>::new());
    }

    #[test]
    fn every_failure_before_the_swap_leaves_the_previous_set() {
        let new = artifacts(NEW);
        let mut steps = vec![Step::Stage];
        steps.extend(new.iter().map(|a| Step::Write(a.path)));
        steps.extend([Step::Sync, Step::Swap]);
        for failing in steps {
            let (parent, out) = previous(&format!("fail-{failing:?}").replace(['"', '/'], "_"));
            let err = replace_with(&out, &new, &mut |step| {
                if step == failing {
                    Err(io::Error::other("injected"))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
            let message = err.to_string();
            let expected_message = match failing {
                Step::Stage => format!("cannot create the output directory `{}`", out.display()),
                Step::Write("lambda/api/bootstrap.zip") => format!(
                    "cannot write the Lambda package: cannot write the package `{}`",
                    out.join("lambda/api/bootstrap.zip").display()
                ),
                Step::Write(path) => format!("cannot write `{}`", out.join(path).display()),
                _ => format!(
                    "cannot put the new artifacts in place of `{}` (it still holds the previous ones)",
                    out.display()
                ),
            };
            assert!(
                message.starts_with(&expected_message) && message.ends_with("injected"),
                "{failing:?}: {message}"
            );
            assert_eq!(tree(&out), expected(PREVIOUS), "{failing:?}");
            assert_eq!(leftovers(&parent), Vec::<String>::new(), "{failing:?}");
        }
    }

    #[test]
    fn a_failure_after_the_swap_leaves_the_new_set_and_the_next_run_cleans_up() {
        let (parent, out) = previous("discard");
        replace_with(&out, &artifacts(NEW), &mut |step| {
            if step == Step::Discard {
                Err(io::Error::other("injected"))
            } else {
                Ok(())
            }
        })
        .unwrap();
        assert_eq!(tree(&out), expected(NEW));
        let left = leftovers(&parent);
        assert_eq!(left.len(), 1, "{left:?}");
        assert!(left[0].starts_with(".out.synth-"), "{left:?}");
        // The previous set, whole, is what was left.
        assert_eq!(tree(&parent.join(&left[0])), expected(PREVIOUS));
        replace(&out, &artifacts(PREVIOUS)).unwrap();
        assert_eq!(leftovers(&parent), Vec::<String>::new());
    }

    #[test]
    fn staging_left_by_a_killed_run_is_removed() {
        let (parent, out) = previous("stale");
        let stale = parent.join(".out.synth-4194999");
        fs::create_dir_all(stale.join("lambda/api")).unwrap();
        fs::write(stale.join("openapi.json"), b"half").unwrap();
        // Another output directory's staging is not this run's business.
        fs::create_dir_all(parent.join(".other.synth-1")).unwrap();
        replace(&out, &artifacts(NEW)).unwrap();
        assert_eq!(leftovers(&parent), vec![".other.synth-1".to_string()]);
    }

    #[test]
    fn a_directory_with_other_files_is_refused_untouched() {
        let (parent, out) = previous("foreign");
        fs::write(out.join("notes.txt"), b"mine").unwrap();
        fs::write(out.join("lambda/api/config.json"), b"mine").unwrap();
        let err = replace(&out, &artifacts(NEW)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write into `{}`: it holds files synth did not write (`lambda/api/config.json`, `notes.txt`); synth replaces its output directory as a whole, so pass a directory of its own (`--out`) or move them out",
                out.display()
            )
        );
        let mut before = expected(PREVIOUS);
        before.insert("notes.txt".into(), b"mine".to_vec());
        before.insert("lambda/api/config.json".into(), b"mine".to_vec());
        assert_eq!(tree(&out), before);
        assert_eq!(leftovers(&parent), Vec::<String>::new());
        // An empty directory is fine.
        let empty = parent.join("empty");
        fs::create_dir(&empty).unwrap();
        replace(&empty, &artifacts(NEW)).unwrap();
        assert_eq!(tree(&empty), expected(NEW));
    }

    #[test]
    fn a_file_in_place_of_the_directory_is_refused() {
        let parent = scratch("file");
        let out = parent.join("out");
        fs::write(&out, b"not a directory").unwrap();
        let err = replace(&out, &artifacts(NEW)).unwrap_err();
        assert!(matches!(err, SynthError::OutNotADirectory { .. }), "{err}");
        assert_eq!(fs::read(&out).unwrap(), b"not a directory");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_directory_stays_a_link_and_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let parent = scratch("symlink");
        let real = parent.join("real");
        fs::create_dir(&real).unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o750)).unwrap();
        let out = parent.join("out");
        std::os::unix::fs::symlink(&real, &out).unwrap();
        replace(&out, &artifacts(NEW)).unwrap();
        assert!(fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
        assert_eq!(tree(&real), expected(NEW));
        let mode = fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o750);
    }
}
