//! Packages: finding them, reading their manifests, and the file-level pass that checks
//! each file against its manifest entry while validating and staging its rows.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};


use chrono::NaiveDate;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::row::{self, Value};
use super::stage::{Origin, Sink};
use crate::layout::{self, Layout};
use crate::period::Period;

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub submitter_id: String,
    pub submitter_kind: String,
    #[serde(default)]
    pub submitter_name: String,
    pub period: String,
    pub sequence: i64,
    pub layout: String,
    pub files: BTreeMap<String, ManifestFile>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ManifestFile {
    pub rows: u64,
    pub sha256: String,
}

/// A folder holding a `manifest.json`, with what could be read of it.
#[derive(Debug, Clone)]
pub struct Package {
    pub dir: PathBuf,
    pub manifest: Result<Manifest, String>,
}

impl Package {
    /// Sort key: period, submitter, sequence (the contract's processing order), then folder.
    pub fn order_key(&self) -> (String, String, i64, PathBuf) {
        match &self.manifest {
            Ok(m) => (m.period.clone(), m.submitter_id.clone(), m.sequence, self.dir.clone()),
            Err(_) => (String::new(), String::new(), 0, self.dir.clone()),
        }
    }
}

/// Every folder under `input` that contains a `manifest.json`, in processing order. A
/// `manifest.json` that is not a regular file (a folder, a symbolic link) and a folder that
/// cannot be read are packages that fail, with the reason, rather than being skipped.
/// Symbolic links are never followed: a package's files must be in the package.
pub fn discover(input: &Path) -> io::Result<Vec<Package>> {
    let mut found = Vec::new();
    std::fs::read_dir(input)?;
    walk(input, &mut found);
    let mut packages: Vec<Package> = found
        .into_iter()
        .map(|(dir, problem)| {
            let path = dir.join("manifest.json");
            let manifest = match problem {
                Some(p) => Err(p),
                None => match std::fs::symlink_metadata(&path) {
                    Ok(m) if m.file_type().is_symlink() => Err("manifest.json: is a symbolic link; send the file itself".to_string()),
                    Ok(m) if !m.is_file() => Err("manifest.json: is not a file".to_string()),
                    _ => std::fs::read(&path)
                        .map_err(|e| format!("manifest.json: cannot read: {}", e.kind()))
                        .and_then(|b| serde_json::from_slice::<Manifest>(&b).map_err(|e| format!("manifest.json: {e}"))),
                },
            };
            Package { dir, manifest }
        })
        .collect();
    packages.sort_by_key(Package::order_key);
    Ok(packages)
}

/// Folders holding a `manifest.json` (of any kind), and folders that cannot be listed (with
/// the reason), depth first in name order; symbolic links are not followed.
fn walk(dir: &Path, out: &mut Vec<(PathBuf, Option<String>)>) {
    let is_package = std::fs::symlink_metadata(dir.join("manifest.json")).is_ok();
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) => {
            out.push((dir.to_path_buf(), Some(format!("the folder cannot be read: {}", e.kind()))));
            return;
        }
    };
    if is_package {
        out.push((dir.to_path_buf(), None));
    }
    let mut subdirs: Vec<PathBuf> =
        listing.filter_map(|e| e.ok()).filter(|e| e.file_type().is_ok_and(|t| t.is_dir())).map(|e| e.path()).collect();
    subdirs.sort();
    for d in subdirs {
        walk(&d, out);
    }
}

/// Checks the manifest's own fields against the contract; returns the layout to read with.
pub fn check_manifest(m: &Manifest) -> Result<(&'static Layout, Period), String> {
    let period: Period = m.period.parse().map_err(|e| format!("manifest.json: period: {e}"))?;
    // A quarter that has not begun cannot have records; accepting one would make it the
    // reporting quarter of every later run (and statements for the year 9999).
    let current = Period::containing(crate::period::today());
    if period > current {
        return Err(format!("manifest.json: period {period} is after the current quarter {current}"));
    }
    let expected_kind = if m.submitter_id.starts_with("county-") {
        let fips = &m.submitter_id[7..];
        if !crate::geography::is_mn_county(fips) {
            return Err(format!("manifest.json: submitter_id `{}` is not a Minnesota county", m.submitter_id));
        }
        "county"
    } else if m.submitter_id.starts_with("tribe-") {
        if !crate::geography::TRIBES.iter().any(|t| t.id == m.submitter_id) {
            return Err(format!("manifest.json: submitter_id `{}` is not a tribal nation of the contract", m.submitter_id));
        }
        "tribal"
    } else if let Some(slug) = m.submitter_id.strip_prefix("mco-") {
        if slug.is_empty() || !slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(format!("manifest.json: submitter_id `{}` is not an MCO id (mco-<slug>)", m.submitter_id));
        }
        "mco"
    } else {
        return Err(format!("manifest.json: submitter_id `{}` must start with county-, tribe- or mco-", m.submitter_id));
    };
    if m.submitter_kind != expected_kind {
        return Err(format!(
            "manifest.json: submitter_kind `{}` does not match submitter_id `{}` (expected `{expected_kind}`)",
            m.submitter_kind, m.submitter_id
        ));
    }
    let expected_layout = if expected_kind == "mco" { "mco-v1" } else { "standard-v1" };
    if m.layout != expected_layout {
        return Err(format!("manifest.json: layout `{}` is not the layout for a {expected_kind} (`{expected_layout}`)", m.layout));
    }
    if m.sequence < 1 {
        return Err(format!("manifest.json: sequence {} must be 1 or more", m.sequence));
    }
    let layout = layout::builtin(&m.layout).expect("built-in layout");
    Ok((layout, period))
}

/// Per-file outcome of the first pass.
#[derive(Debug, Default, Clone)]
pub struct FileCount {
    pub read: u64,
}

/// What the first pass learned about one package.
#[derive(Debug)]
pub struct Staged {
    /// Rows read per file (data records, header excluded).
    pub files: BTreeMap<String, FileCount>,
    /// Every problem that makes the package fail, one per failing file (or the manifest).
    pub problems: Vec<String>,
}

/// Reads, checks and stages every file of a package into `sink`. Row-level rejects go to
/// the quarantine staging; file-level problems make the whole package fail (its staged rows
/// are then left out by package number in the second pass).
pub fn stage_package(pkg: &Package, origin: &Origin, sink: &mut Sink) -> io::Result<Staged> {
    let mut staged = Staged { files: BTreeMap::new(), problems: Vec::new() };
    let manifest = match &pkg.manifest {
        Ok(m) => m,
        Err(e) => {
            staged.problems.push(e.clone());
            return Ok(staged);
        }
    };
    let (layout, period) = match check_manifest(manifest) {
        Ok(x) => x,
        Err(e) => {
            staged.problems.push(e);
            return Ok(staged);
        }
    };
    for f in &layout.files {
        staged.files.insert(f.name.clone(), FileCount::default());
    }
    // Files listed but absent, present but unlisted, or not part of the layout.
    let listing = match std::fs::read_dir(&pkg.dir) {
        Ok(l) => l,
        Err(e) => {
            staged.problems.push(format!("the package folder cannot be read: {}", e.kind()));
            return Ok(staged);
        }
    };
    let mut present: Vec<String> = Vec::new();
    for e in listing.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        match e.file_type() {
            // Never followed: a link could read a file outside the input, and a problem
            // quoting its first line would send that line back to the submitter.
            Ok(t) if t.is_symlink() => staged.problems.push(format!("{name}: is a symbolic link; send the file itself")),
            Ok(t) if t.is_file() && name != "manifest.json" => present.push(name),
            _ => {}
        }
    }
    present.sort();
    for name in &present {
        if !manifest.files.contains_key(name) {
            staged.problems.push(format!("{name}: present but not listed in manifest.json"));
        } else if layout.file(name).is_none() {
            staged.problems.push(format!("{name}: not a file of layout {}", layout.name));
        }
    }
    for f in &layout.files {
        let listed = manifest.files.contains_key(&f.name);
        let exists = present.contains(&f.name);
        match (listed, exists) {
            (true, false) => staged.problems.push(format!("{}: listed in manifest.json but absent", f.name)),
            (false, false) => staged.problems.push(format!("{}: required by layout {} but absent", f.name, layout.name)),
            _ => {}
        }
    }
    for name in manifest.files.keys() {
        if layout.file(name).is_none() && !present.contains(name) {
            staged.problems.push(format!("{name}: listed in manifest.json but not a file of layout {}", layout.name));
        }
    }

    for f in &layout.files {
        let path = pkg.dir.join(&f.name);
        if !present.contains(&f.name) {
            continue;
        }
        let expected = manifest.files.get(&f.name);
        match read_file(&path, f, layout, period.last_day(), origin, sink) {
            Ok((rows, sha)) => {
                staged.files.get_mut(&f.name).expect("file").read = rows;
                if let Some(e) = expected {
                    if e.rows != rows {
                        staged.problems.push(format!("{}: manifest says {} rows, file has {rows}", f.name, e.rows));
                    } else if !e.sha256.eq_ignore_ascii_case(&sha) {
                        staged.problems.push(format!("{}: sha256 {sha} does not match manifest {}", f.name, e.sha256));
                    }
                }
            }
            Err(FileProblem::Malformed(msg)) => staged.problems.push(format!("{}: {msg}", f.name)),
            Err(FileProblem::Io(e)) => return Err(e),
        }
    }
    Ok(staged)
}

enum FileProblem {
    Malformed(String),
    Io(io::Error),
}

impl From<io::Error> for FileProblem {
    fn from(e: io::Error) -> Self {
        FileProblem::Io(e)
    }
}

/// Hashes every byte the CSV reader pulls through it.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// The bytes of one record, without its line terminator, for the quarantine.
pub fn raw_bytes(file: &File, start: u64, end: u64) -> io::Result<String> {
    let mut buf = vec![0u8; (end - start) as usize];
    file.read_exact_at(&mut buf, start)?;
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

fn read_file(
    path: &Path,
    plan: &layout::FilePlan,
    layout: &Layout,
    period_end: NaiveDate,
    origin: &Origin,
    sink: &mut Sink,
) -> Result<(u64, String), FileProblem> {
    let d = &layout.dialect;
    let unreadable = |e: io::Error| FileProblem::Malformed(format!("cannot be read: {e}"));
    let raw_file = File::open(path).map_err(unreadable)?;
    let file_len = raw_file.metadata()?.len();
    let mut hashing =
        HashingReader { inner: io::BufReader::with_capacity(1 << 16, File::open(path).map_err(unreadable)?), hasher: Sha256::new() };
    let mut rows = 0u64;
    {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d.delimiter)
            .quoting(d.quoting)
            .has_headers(false)
            .flexible(true)
            // Split on LF only and drop a trailing CR ourselves: with the reader's own CRLF
            // handling a record's position lands on the previous line's LF.
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(&mut hashing);
        let mut record = csv::ByteRecord::new();
        let mut first = true;
        let file_name = plan.name.as_str();
        while reader.read_byte_record(&mut record).map_err(|e| FileProblem::Malformed(csv_problem(&e)))? {
            let mut start = record.position().map(|p| p.byte()).unwrap_or(0);
            let mut line = record.position().map(|p| p.line()).unwrap_or(0);
            let end = reader.position().byte();
            // The reader skips blank lines but counts them into the next record's position.
            // A record spans one line plus the newlines inside its fields; when it spans more
            // (or is the file's last, maybe unterminated, record) look at its bytes so `line`
            // and `raw` point at the record itself.
            let inner_newlines = record.as_slice().iter().filter(|b| **b == b'\n').count() as u64;
            if end == file_len || reader.position().line() > line + 1 + inner_newlines {
                let mut head = vec![0u8; (end - start) as usize];
                raw_file.read_exact_at(&mut head, start)?;
                let blank = head.iter().take_while(|b| **b == b'\n' || **b == b'\r').count();
                line += head[..blank].iter().filter(|b| **b == b'\n').count() as u64;
                start += blank as u64;
            }
            let mut fields: Vec<&str> = Vec::with_capacity(record.len());
            for field in record.iter() {
                fields.push(std::str::from_utf8(field).map_err(|_| {
                    FileProblem::Malformed(format!("line {line}: not UTF-8 text (the file must be encoded as UTF-8)"))
                })?);
            }
            if let Some(last) = fields.last_mut() {
                *last = last.strip_suffix('\r').unwrap_or(last);
            }
            if fields.len() == 1 && fields[0].is_empty() {
                continue; // a blank CRLF line, skipped like a blank LF line
            }
            if first {
                first = false;
                if let Some(f0) = fields.first_mut() {
                    *f0 = f0.trim_start_matches('\u{feff}');
                }
                if fields != plan.header {
                    return Err(FileProblem::Malformed(header_problem(&fields, plan, d.delimiter)));
                }
                continue;
            }
            rows += 1;
            match row::validate(plan, d, &fields, period_end) {
                Ok(row) => {
                    let batch = sink.table(plan.targets[row.target].table);
                    let mut values = row.values;
                    values.extend([
                        Value::Int(origin.pkg),
                        Value::Str(origin.submitter.clone()),
                        Value::Str(origin.kind.clone()),
                        Value::Str(origin.period.clone()),
                        Value::Int(origin.sequence),
                        Value::Str(file_name.to_string()),
                        Value::Int(line as i64),
                        Value::Int(start as i64),
                        Value::Int(end as i64),
                    ]);
                    batch.push(&values)?;
                }
                Err(rej) => {
                    let raw = raw_bytes(&raw_file, start, end)?;
                    sink.quarantine().push(&[
                        Value::Str(origin.submitter.clone()),
                        Value::Str(origin.period.clone()),
                        Value::Int(origin.sequence),
                        Value::Str(file_name.to_string()),
                        Value::Int(line as i64),
                        Value::Str(raw),
                        Value::Str(rej.reason.code().to_string()),
                        Value::Str(rej.detail),
                        Value::Int(origin.pkg),
                    ])?;
                }
            }
        }
        if first {
            return Err(FileProblem::Malformed("the file is empty: it needs at least the header row".into()));
        }
    }
    // Drain anything the reader did not pull (it reads to EOF, but be exact about the hash).
    io::copy(&mut hashing, &mut io::sink())?;
    let sha = hashing.hasher.finalize();
    Ok((rows, format!("{sha:x}")))
}

fn csv_problem(e: &csv::Error) -> String {
    match e.position() {
        Some(p) => format!("line {}: cannot be read as {}: {e}", p.line(), "delimited text"),
        None => format!("cannot be read: {e}"),
    }
}

fn header_problem(found: &[&str], plan: &layout::FilePlan, delimiter: u8) -> String {
    let expected = plan.header.join(&(delimiter as char).to_string());
    let found_text = found.join(&(delimiter as char).to_string());
    let other = if delimiter == b'|' { ',' } else { '|' };
    if found.len() == 1 && (found[0].contains(other) || found[0].contains('\t') || found[0].contains(';')) {
        format!("line 1: wrong delimiter: expected `{}`-separated columns {expected}, found `{found_text}`", delimiter as char)
    } else {
        format!("line 1: wrong header: expected `{expected}`, found `{found_text}`")
    }
}
