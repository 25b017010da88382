//! What a run does to its `--out` folder (outputs.md, issue 13): the output is replaced whole
//! or not at all. A failed run, a run killed at any stage, a concurrent run (the lock), a
//! folder that is not an output (or the input), leftovers of killed runs (temporary and old
//! folders), an old output that cannot be removed and a full disk all leave the previous
//! output byte for byte and nothing else behind.
//!
//! These tests run the real `casecard` binary; those that need a tmpfs mount (root) skip,
//! saying so, where mounting is not allowed.

use std::path::Path;

use crate::common::*;
use tempfile::TempDir;

const Q2: &str = "2026Q2";

/// The names in a folder, sorted: what a run left beside its output.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// `casecard run --input INPUT --out OUT --period PERIOD`.
fn run_for(input: &Path, out: &Path, period: &str) -> std::process::Output {
    casecard(["run".as_ref(), "--input".as_ref(), input.as_os_str(), "--out".as_ref(), out.as_os_str(), "--period".as_ref(), period.as_ref()])
}

#[test]
fn run_with_an_unloaded_period_fails_and_keeps_the_previous_output() {
    let input = TempDir::new().unwrap();
    hennepin(Q2, 1).write(input.path());
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("site-out");
    // No output yet: a failed run leaves nothing behind.
    let o = run_for(input.path(), &out, "2025Q3");
    assert!(!o.status.success(), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2025Q3"), "{}", text(&o));
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, [".site-out.lock"], "a failed run leaves only the (empty) lock file");
    // With a previous output, a failed run leaves it untouched.
    let o = run_for(input.path(), &out, Q2);
    assert!(o.status.success(), "{}", text(&o));
    let before = tree(&out);
    ramsey(Q2, 1).write(input.path());
    let o = run_for(input.path(), &out, "2026Q3");
    assert!(!o.status.success(), "{}", text(&o));
    assert_eq!(tree(&out), before);
    let (report, quarantine, _) = read_out(&out);
    assert_accounting_of(&report, &quarantine);
    assert_eq!(report.packages.len(), 1);
}

/// Issue 13: `--out` never deletes what is not a casecard output, nor the input.
#[test]
fn out_never_replaces_the_input_or_a_folder_that_is_not_an_output() {
    let data = TempDir::new().unwrap();
    let input = data.path().join("in");
    hennepin(Q2, 1).write(&input);
    std::fs::write(data.path().join("notes.txt"), "an analyst's file").unwrap();
    let before = tree(data.path());
    for out in [data.path().to_path_buf(), input.clone(), input.join("out")] {
        let o = run_into(&input, &out);
        assert!(!o.status.success(), "--out {} accepted", out.display());
        assert!(String::from_utf8_lossy(&o.stderr).contains("overlaps --input"), "{}", text(&o));
        let mut after = tree(data.path());
        after.retain(|p, _| !p.to_string_lossy().ends_with(".lock"));
        assert_eq!(after, before, "--out {} changed the input folder", out.display());
    }
    // A folder of someone else's files is not replaced.
    let other = TempDir::new().unwrap();
    std::fs::write(other.path().join("keep.txt"), "keep").unwrap();
    let o = run_into(&input, other.path());
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a casecard output folder"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(other.path().join("keep.txt")).unwrap(), "keep");
}

/// Issue 13: leftovers of killed runs do not wedge later runs and are cleaned up; a second
/// run into the same output refuses at once; `casecard measures` replaces the output whole.
#[test]
fn killed_runs_concurrent_runs_and_remeasure_keep_the_output_whole() {
    let input = TempDir::new().unwrap();
    hennepin(Q2, 1).write(input.path());
    let parent = TempDir::new().unwrap();
    let out = parent.path().join("out");
    assert!(run_into(input.path(), &out).status.success());
    assert!(out.join(".casecard-output").is_file(), "outputs are marked");
    // What killed runs leave: a half-built folder, and an old output never removed.
    for stale in [".out.tmp-99999", ".out.old-4242"] {
        std::fs::create_dir_all(parent.path().join(stale).join("results")).unwrap();
        std::fs::write(parent.path().join(stale).join(".casecard-output"), "").unwrap();
    }
    let o = run_into(input.path(), &out);
    assert!(o.status.success(), "{}", text(&o));
    let names = listing(parent.path());
    assert_eq!(names, [".out.lock", "out"]);

    // While one run holds the lock, another refuses before doing any work.
    let lock = std::fs::File::options().write(true).open(parent.path().join(".out.lock")).unwrap();
    lock.lock().unwrap();
    let before = tree(&out);
    let o = run_into(input.path(), &out);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("another casecard run is writing"), "{}", text(&o));
    assert_eq!(tree(&out), before);
    lock.unlock().unwrap();

    // `casecard measures` builds a whole new output and swaps it in: the warehouse is the
    // same, the results and site are rewritten, nothing is left beside it.
    let warehouse = tree(&out.join("warehouse"));
    let o = casecard(["measures".as_ref(), "--out".as_ref(), out.as_os_str()]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(tree(&out.join("warehouse")), warehouse);
    assert_eq!(tree(&out), before, "the same input gives the same output, byte for byte");
    let names = listing(parent.path());
    assert_eq!(names, [".out.lock", "out"]);
}

/// Issue 13: a run killed (SIGKILL) at any stage leaves the previous output byte for byte,
/// and the next run cleans up after it.
#[test]
fn a_run_killed_at_any_stage_leaves_the_previous_output_whole() {
    use std::io::BufRead;
    let input = TempDir::new().unwrap();
    hennepin(Q2, 1).write(input.path());
    let parent = TempDir::new().unwrap();
    let out = parent.path().join("out");
    assert!(run_into(input.path(), &out).status.success());
    let before = tree(&out);
    let run_args: &[&str] = &["run", "--input", input.path().to_str().unwrap(), "--out", out.to_str().unwrap()];
    let measures_args: &[&str] = &["measures", "--out", out.to_str().unwrap()];
    let cases = [
        ("ingested", run_args),
        ("measured", run_args),
        ("site-written", run_args),
        ("built", run_args),
        ("exchanged", run_args),
        ("built", measures_args),
        ("exchanged", measures_args),
    ];
    for (stage, args) in cases {
        let mut child = std::process::Command::new(casecard_bin())
            .args(args)
            .env("CASECARD_PAUSE_AT", stage)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let paused = stderr.lines().map_while(Result::ok).any(|l| l.contains(&format!("paused at {stage}")));
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(paused, "`{}` never reached {stage}", args[0]);
        assert_eq!(tree(&out), before, "`{}` killed at {stage}: the output changed", args[0]);
        let o = run_into(input.path(), &out);
        assert!(o.status.success(), "after a kill at {stage}: {}", text(&o));
        let names = listing(parent.path());
        assert_eq!(names, [".out.lock", "out"], "after a kill at {stage}");
        assert_eq!(tree(&out), before);
    }
}

/// A tmpfs mounted for one test, unmounted however the test ends.
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs", dir.to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Unmounts every mount under a folder when dropped (a mount may have moved with a rename).
struct UnmountUnder(std::path::PathBuf);

impl Drop for UnmountUnder {
    fn drop(&mut self) {
        let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap_or_default();
        let prefix = self.0.to_string_lossy().into_owned();
        for point in mounts.lines().filter_map(|l| l.split(' ').nth(1)).filter(|p| p.starts_with(&prefix)) {
            let _ = std::process::Command::new("umount").arg(point).status();
        }
    }
}

/// Issue 13: an old output that cannot be removed (here: a read-only file system mounted
/// inside it, which even root cannot delete) no longer wedges later runs; once it can be
/// removed, the next run does.
#[test]
fn an_old_output_that_cannot_be_removed_does_not_wedge_later_runs() {
    let input = TempDir::new().unwrap();
    hennepin(Q2, 1).write(input.path());
    let parent = TempDir::new().unwrap();
    let _cleanup = UnmountUnder(parent.path().to_path_buf());
    let out = parent.path().join("out");
    assert!(run_into(input.path(), &out).status.success());
    std::fs::create_dir_all(out.join("stuck")).unwrap();
    let Some(fs) = Tmpfs::mount(&out.join("stuck"), "1m") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root and mount rights)");
        return;
    };
    std::mem::forget(fs); // unmounted by `_cleanup`, wherever it has moved
    for round in 0..2 {
        let o = run_into(input.path(), &out);
        assert!(o.status.success(), "round {round}: {}", text(&o));
        assert!(out.join(".casecard-output").is_file() && !out.join("stuck").exists(), "round {round}: the new output is in place");
    }
    assert!(
        listing(parent.path()).iter().any(|n| n.starts_with(".out.old-") || n.starts_with(".out.tmp-")),
        "the stuck old output was set aside: {:?}",
        listing(parent.path())
    );
    drop(_cleanup);
    assert!(run_into(input.path(), &out).status.success());
    assert_eq!(listing(parent.path()), [".out.lock", "out"], "cleaned up once it could be");
}

/// Issue 13: a disk that fills up mid-run fails the run naming the path, and leaves the
/// previous output whole and nothing else behind. Needs a tmpfs mount (root); skipped,
/// saying so, where mounting is not allowed.
#[test]
fn a_full_disk_fails_the_run_and_keeps_the_previous_output() {
    let input = TempDir::new().unwrap();
    hennepin(Q2, 1).write(input.path());
    let dir = TempDir::new().unwrap();
    let Some(_fs) = Tmpfs::mount(dir.path(), "64m") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root and mount rights)");
        return;
    };
    let out = dir.path().join("out");
    assert!(run_into(input.path(), &out).status.success());
    let before = tree(&out);
    // Leave about 100 KB free.
    let filler = dir.path().join("filler");
    let free = {
        let o = std::process::Command::new("df").args(["--output=avail", "-B1", dir.path().to_str().unwrap()]).output().unwrap();
        String::from_utf8_lossy(&o.stdout).lines().nth(1).unwrap().trim().parse::<u64>().unwrap()
    };
    std::fs::write(&filler, vec![0u8; (free - 100_000) as usize]).unwrap();
    let o = run_into(input.path(), &out);
    assert!(!o.status.success(), "a run on a full disk succeeded");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("No space left") || err.contains("StorageFull") || err.contains("storage full"), "{err}");
    assert!(err.contains(dir.path().to_str().unwrap()), "the error names the path: {err}");
    assert_eq!(tree(&out), before);
    std::fs::remove_file(&filler).unwrap();
    // The failed run removes its folder (what a write still in flight on the full disk kept
    // from being removed is a temporary folder of ours), and the next run leaves nothing but
    // the output and its lock.
    for name in listing(dir.path()).iter().filter(|n| !matches!(n.as_str(), ".out.lock" | "out")) {
        assert!(name.starts_with(".out.tmp-"), "{name} left behind");
    }
    assert!(run_into(input.path(), &out).status.success());
    assert_eq!(tree(&out), before);
    assert_eq!(listing(dir.path()), [".out.lock", "out"]);
}
