//! Atomic output folders: a run builds everything in a temporary sibling and moves it into
//! place only when the whole run succeeded, so a failed run never leaves half a site.

use std::io;
use std::path::{Path, PathBuf};

/// A temporary sibling of `out`, created empty.
pub fn begin(out: &Path) -> io::Result<PathBuf> {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    std::fs::create_dir_all(&tmp)?;
    Ok(tmp)
}

/// Replaces `out` with `tmp` (the previous contents of `out` are removed).
pub fn commit(tmp: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let old = tmp.with_extension("old");
        std::fs::rename(out, &old)?;
        std::fs::rename(tmp, out)?;
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(tmp, out)?;
    }
    Ok(())
}

/// Removes a temporary folder after a failed run (best effort).
pub fn abandon(tmp: &Path) {
    let _ = std::fs::remove_dir_all(tmp);
}
