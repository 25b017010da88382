//! Output folders that are never lost: a run builds everything in a temporary sibling and
//! swaps it into place only when the whole run succeeded.
//!
//! Why each rule (issue 13 found each one missing):
//! - **Only a casecard output is ever replaced.** Every output carries a marker file
//!   ([`MARKER`]); a folder without it (unless empty) is refused, and so is an `--out` that is,
//!   holds, or lies inside the input. Otherwise `--out data` would delete `data/in`.
//! - **An output is in place at every instant.** On Linux the new folder and the old one are
//!   exchanged in one `renameat2(RENAME_EXCHANGE)`; elsewhere the old one is renamed aside
//!   first (a brief gap). The old output is then removed; if that fails (a read-only
//!   subfolder) it stays under a unique name and the run still succeeds.
//! - **One run at a time per output.** A lock file beside the output is held for the whole
//!   run; a second run refuses at once, naming it, instead of failing after all its work.
//! - **Leftovers of killed runs are cleaned up** by the next run, under the lock (so they
//!   cannot belong to a live run).

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The environment variable naming a stage at which a run stops and waits (see
/// [`checkpoint`]): how the failure-injection tests kill a run at a chosen moment.
pub const PAUSE_ENV: &str = "CASECARD_PAUSE_AT";

/// A named moment of a run. When `CASECARD_PAUSE_AT` names it, the run says so on stderr
/// and waits (up to ten minutes), so a test can kill it exactly there. Stages: `ingested`,
/// `measured`, `site-written`, `built` (everything written, before the swap) and
/// `exchanged` (the new output in place, the old one not yet removed).
pub fn checkpoint(stage: &str) {
    if std::env::var(PAUSE_ENV).is_ok_and(|s| s == stage) {
        eprintln!("casecard: paused at {stage}");
        std::thread::sleep(std::time::Duration::from_secs(600));
    }
}

/// The marker file every casecard output folder holds.
pub const MARKER: &str = ".casecard-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{out} exists and is not a casecard output folder (it has no {MARKER} file and is not empty); refusing to replace it — choose a new or empty folder")]
    NotAnOutput { out: PathBuf },
    #[error("--out {out} overlaps --input {input} (one is inside the other); the output folder is replaced whole, so it must be separate from the input")]
    Overlap { out: PathBuf, input: PathBuf },
    #[error("another casecard run is writing {out} (lock {lock} is held); wait for it to finish")]
    Busy { out: PathBuf, lock: PathBuf },
}

/// The result of this module's operations.
pub type Result<T, E = OutputError> = std::result::Result<T, E>;

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

/// An output being built: the temporary folder, and the lock held until it is committed or
/// abandoned.
#[derive(Debug)]
pub struct Publication {
    out: PathBuf,
    tmp: PathBuf,
    parent: PathBuf,
    name: String,
    _lock: File,
}

/// The absolute form of `p`, resolving the parts that exist (a folder not yet created is
/// taken as named under its resolved parent).
fn absolute(p: &Path) -> io::Result<PathBuf> {
    if let Ok(c) = p.canonicalize() {
        return Ok(c);
    }
    let abs = std::path::absolute(p)?;
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => Ok(absolute(parent)?.join(name)),
        _ => Ok(abs),
    }
}

/// Whether `dir` may be replaced: it does not exist, is empty, or is a casecard output (it
/// holds the marker, or, written before the marker existed, both `warehouse/` and
/// `results/ingest_report.json`).
fn replaceable(dir: &Path) -> Result<bool> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(io_err(dir)(e)),
        Ok(m) if !m.is_dir() => Ok(false),
        Ok(_) => Ok(dir.join(MARKER).is_file()
            || (dir.join("warehouse").is_dir() && dir.join("results").join("ingest_report.json").is_file())
            || std::fs::read_dir(dir).map_err(io_err(dir))?.next().is_none()),
    }
}

/// Fills `dst` with hard links to the files of `src` (copies where the file system cannot
/// link), leaving out the paths (relative to `src`) for which `skip` is true. A stage that
/// rewrites only some files of an output builds its new output this way without copying the
/// warehouse; it must create, never open for writing, the files it rewrites, which is why
/// those are left out (writing through a link would change the old output).
pub fn link_tree(src: &Path, dst: &Path, skip: &dyn Fn(&Path) -> bool) -> Result<()> {
    fn walk(root: &Path, rel: &Path, dst: &Path, skip: &dyn Fn(&Path) -> bool) -> Result<()> {
        let dir = root.join(rel);
        for e in std::fs::read_dir(&dir).map_err(io_err(&dir))? {
            let e = e.map_err(io_err(&dir))?;
            let rel = rel.join(e.file_name());
            if skip(&rel) {
                continue;
            }
            let (from, to) = (root.join(&rel), dst.join(&rel));
            let kind = e.file_type().map_err(io_err(&from))?;
            if kind.is_dir() {
                std::fs::create_dir_all(&to).map_err(io_err(&to))?;
                walk(root, &rel, dst, skip)?;
            } else if kind.is_file() && std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).map_err(io_err(&to))?;
            }
        }
        Ok(())
    }
    walk(src, Path::new(""), dst, skip)
}

/// Takes the lock of the output `out` (the file `.NAME.lock` beside it) for as long as the
/// returned file is open; refuses at once when another run holds it.
pub fn lock(out: &Path) -> Result<File> {
    let (parent, name) = parent_and_name(out)?;
    std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let lock_path = parent.join(format!(".{name}.lock"));
    let lock = File::options().create(true).truncate(false).write(true).open(&lock_path).map_err(io_err(&lock_path))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(std::fs::TryLockError::WouldBlock) => Err(OutputError::Busy { out: out.to_path_buf(), lock: lock_path }),
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(&lock_path)(e)),
    }
}

/// The resolved parent folder and the name of `out`; `.`, `..` and `/` name no folder of
/// their own to replace.
fn parent_and_name(out: &Path) -> Result<(PathBuf, String)> {
    let abs = absolute(out).map_err(io_err(out))?;
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) if !matches!(name.to_str(), Some(".") | Some("..")) => {
            Ok((parent.to_path_buf(), name.to_string_lossy().into_owned()))
        }
        _ => Err(OutputError::NotAnOutput { out: out.to_path_buf() }),
    }
}

/// A name no other run of this output uses, even where every run has the same process id
/// (containers): the process id and the time in nanoseconds.
fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

impl Publication {
    /// Checks that `out` may be replaced (and is separate from `input`, when given), takes
    /// the lock, removes leftovers of killed runs, and creates the temporary folder with its
    /// marker. Nothing is created before the checks pass (but the lock file).
    pub fn begin(out: &Path, input: Option<&Path>) -> Result<Publication> {
        let (parent, name) = parent_and_name(out)?;
        if let Some(input) = input {
            let (o, i) = (parent.join(&name), absolute(input).map_err(io_err(input))?);
            if o.starts_with(&i) || i.starts_with(&o) {
                return Err(OutputError::Overlap { out: out.to_path_buf(), input: input.to_path_buf() });
            }
        }
        let lock = lock(out)?;
        let out_abs = parent.join(&name);
        if !replaceable(&out_abs)? {
            return Err(OutputError::NotAnOutput { out: out.to_path_buf() });
        }
        let p = Publication { tmp: parent.join(format!(".{name}.tmp-{}", unique_suffix())), out: out_abs, parent, name, _lock: lock };
        p.recover_or_remove_leftovers();
        std::fs::create_dir(&p.tmp).map_err(io_err(&p.tmp))?;
        std::fs::write(p.tmp.join(MARKER), "casecard output folder: replaced whole by each run\n").map_err(io_err(&p.tmp))?;
        Ok(p)
    }

    /// The folder to build the new output in.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Temporary and old folders of earlier runs of this output (killed, or whose old output
    /// could not be removed). Only called under the lock, so none belongs to a live run.
    /// Where a run was killed between the two renames of the fallback swap, there is no
    /// output but its `.old-` folder: the newest one is put back first.
    fn recover_or_remove_leftovers(&self) {
        let (tmp_prefix, old_prefix) = (format!(".{}.tmp-", self.name), format!(".{}.old-", self.name));
        let Ok(entries) = std::fs::read_dir(&self.parent) else { return };
        let mut ours: Vec<(std::time::SystemTime, PathBuf, bool)> = entries
            .flatten()
            .filter_map(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                let old = n.starts_with(&old_prefix);
                let rest = if old { &n[old_prefix.len()..] } else { n.strip_prefix(&tmp_prefix).unwrap_or("") };
                // Ours: it holds the marker, or its name is exactly one this code makes
                // (a folder a full disk kept from being removed may have lost its marker).
                let named = rest.split_once('-').is_some_and(|(a, b)| {
                    !a.is_empty() && !b.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit())
                });
                let marked = e.path().join(MARKER).is_file();
                ((old || n.starts_with(&tmp_prefix)) && (marked || named))
                    .then(|| (e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), e.path(), old))
            })
            .collect();
        ours.sort();
        if std::fs::symlink_metadata(&self.out).is_err() {
            if let Some(i) = ours.iter().rposition(|(_, _, old)| *old) {
                if std::fs::rename(&ours[i].1, &self.out).is_ok() {
                    ours.remove(i);
                }
            }
        }
        for (_, path, _) in ours {
            remove_or_keep_marked(&path);
        }
    }

    /// Puts the new output in place of the old one. The old output is removed when it can
    /// be; one that cannot (e.g. a read-only subfolder) stays beside it, marked, for a later
    /// run to clean up, which does not fail this run.
    pub fn commit(self) -> Result<()> {
        checkpoint("built");
        // Someone may have put files into an empty `--out` during the run.
        if !replaceable(&self.out)? {
            return Err(OutputError::NotAnOutput { out: self.out.clone() });
        }
        if std::fs::symlink_metadata(&self.out).is_err() {
            return std::fs::rename(&self.tmp, &self.out).map_err(io_err(&self.out));
        }
        match exchange(&self.tmp, &self.out) {
            Ok(()) => {
                // `tmp` now holds the previous output.
                checkpoint("exchanged");
                remove_or_keep_marked(&self.tmp);
            }
            Err(e) if exchange_unsupported(&e) => {
                let old = self.parent.join(format!(".{}.old-{}", self.name, unique_suffix()));
                std::fs::rename(&self.out, &old).map_err(io_err(&self.out))?;
                if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
                    // Put the previous output back rather than leave none.
                    let _ = std::fs::rename(&old, &self.out);
                    return Err(io_err(&self.out)(e));
                }
                remove_or_keep_marked(&old);
            }
            Err(e) => return Err(io_err(&self.out)(e)),
        }
        Ok(())
    }

    /// Removes the temporary folder after a failed run (best effort; the next run removes
    /// whatever is left). A write still in flight when a stage failed (DataFusion's tasks
    /// end on their own) can recreate a file meanwhile, so removal is tried a few times.
    pub fn abandon(self) {
        for _ in 0..3 {
            if remove_same_device(&self.tmp).is_ok() || !self.tmp.exists() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        remove_or_keep_marked(&self.tmp);
    }
}

/// Removes an old or temporary output folder, never crossing into another file system
/// mounted inside it (a web server's folder bind-mounted at `site/` must not be emptied);
/// when that fails part-way (the marker may already be gone), the marker is written back so
/// a later run still knows it as ours.
fn remove_or_keep_marked(dir: &Path) {
    if remove_same_device(dir).is_err() && dir.is_dir() {
        let _ = std::fs::write(dir.join(MARKER), "casecard output folder: replaced whole by each run\n");
    }
}

fn remove_same_device(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    fn walk(dir: &Path, dev: u64) -> io::Result<()> {
        let mut first_error = None;
        for e in std::fs::read_dir(dir)? {
            let path = e?.path();
            let m = std::fs::symlink_metadata(&path)?;
            let r = if m.is_dir() {
                if m.dev() != dev {
                    Err(io::Error::other(format!("{} is another file system", path.display())))
                } else {
                    walk(&path, dev).and_then(|()| std::fs::remove_dir(&path))
                }
            } else {
                std::fs::remove_file(&path)
            };
            if let Err(e) = r {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
    let dev = std::fs::symlink_metadata(dir)?.dev();
    walk(dir, dev)?;
    std::fs::remove_dir(dir)
}

/// Whether a failed exchange means the file system cannot exchange (rather than a real
/// failure, which must not be papered over by the two-rename fallback).
fn exchange_unsupported(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(22 | 38 | 95)) || e.kind() == io::ErrorKind::Unsupported // EINVAL, ENOSYS, EOPNOTSUPP
}

/// Swaps two paths atomically where the platform can.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no atomic exchange on this platform"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_an_output_and_replaces_what_is() {
        let t = tempfile::TempDir::new().unwrap();
        let out = t.path().join("out");
        // A folder with someone's files and no marker is never replaced.
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        assert!(matches!(Publication::begin(&out, None), Err(OutputError::NotAnOutput { .. })));
        assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        std::fs::remove_file(out.join("notes.txt")).unwrap();
        // An empty folder may be; the new output carries the marker; a second run replaces it.
        for round in ["one", "two"] {
            let p = Publication::begin(&out, None).unwrap();
            std::fs::write(p.dir().join("x"), round).unwrap();
            p.commit().unwrap();
            assert_eq!(std::fs::read_to_string(out.join("x")).unwrap(), round);
            assert!(out.join(MARKER).is_file());
        }
        let names: Vec<String> = std::fs::read_dir(t.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names.iter().filter(|n| n.contains(".tmp-") || n.contains(".old-")).count(), 0, "{names:?}");
    }

    #[test]
    fn overlap_with_the_input_and_a_second_run_are_refused() {
        let t = tempfile::TempDir::new().unwrap();
        let input = t.path().join("data").join("in");
        std::fs::create_dir_all(&input).unwrap();
        for out in [t.path().join("data"), input.clone(), input.join("out")] {
            assert!(matches!(Publication::begin(&out, Some(&input)), Err(OutputError::Overlap { .. })), "{}", out.display());
        }
        let out = t.path().join("out");
        let first = Publication::begin(&out, Some(&input)).unwrap();
        let second = Publication::begin(&out, Some(&input));
        assert!(matches!(second, Err(OutputError::Busy { .. })), "{second:?}");
        first.abandon();
        Publication::begin(&out, Some(&input)).unwrap().commit().unwrap();
    }

    #[test]
    fn leftovers_of_killed_runs_are_removed() {
        let t = tempfile::TempDir::new().unwrap();
        let out = t.path().join("out");
        Publication::begin(&out, None).unwrap().commit().unwrap();
        for stale in [".out.tmp-99999", ".out.old-12345"] {
            std::fs::create_dir_all(t.path().join(stale).join("results")).unwrap();
            std::fs::write(t.path().join(stale).join(MARKER), "").unwrap();
        }
        // A folder that merely looks like one, without the marker, is not ours: kept.
        std::fs::create_dir_all(t.path().join(".out.tmp-foreign")).unwrap();
        Publication::begin(&out, None).unwrap().commit().unwrap();
        let mut names: Vec<String> = std::fs::read_dir(t.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, [".out.lock", ".out.tmp-foreign", "out"]);
    }
}
