//! Shared helpers for the ingest integration tests: package fixtures ([`fixture`]), running
//! the real `casecard` binary, reading what it wrote (ingest_report.json, the warehouse and
//! quarantine Parquet) and the accounting check every test makes.
#![allow(dead_code)]

pub mod fixture;
pub mod measure_fx;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int32Type, Int64Type};
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde::Deserialize;
use tempfile::TempDir;

pub use fixture::*;

// ---------------------------------------------------------------------------------------
// Running the binary.

pub fn casecard_bin() -> &'static str {
    env!("CARGO_BIN_EXE_casecard")
}

/// Runs `casecard` with `args`; returns its output whatever the exit status.
pub fn casecard<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(casecard_bin()).args(args).output().expect("spawn casecard")
}

/// `casecard run --input INPUT --out OUT`; returns its output whatever the exit status.
pub fn run_into(input: &Path, out: &Path) -> Output {
    casecard(["run".as_ref(), "--input".as_ref(), input.as_os_str(), "--out".as_ref(), out.as_os_str()])
}

pub fn text(o: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}\n--- stderr\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// What one ingest left behind, read back.
pub struct Ingest {
    pub tmp: TempDir,
    pub out: PathBuf,
    pub stdout: String,
    pub report: Report,
    pub quarantine: Vec<QRow>,
    pub warehouse: Warehouse,
}

/// `casecard ingest --input INPUT --out <fresh temp dir>`; asserts exit 0 and reads the output.
pub fn ingest(input: &Path) -> Ingest {
    ingest_with("ingest", input)
}

/// Same through `casecard run` (which also ingests).
pub fn run(input: &Path) -> Ingest {
    ingest_with("run", input)
}

fn ingest_with(cmd: &str, input: &Path) -> Ingest {
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("out");
    let o = casecard([cmd.as_ref(), "--input".as_ref(), input.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert!(o.status.success(), "casecard {cmd} failed:\n{}", text(&o));
    let (report, quarantine, warehouse) = read_out(&out);
    Ingest { tmp, out, stdout: String::from_utf8_lossy(&o.stdout).into_owned(), report, quarantine, warehouse }
}

/// Reads results/ingest_report.json, quarantine/ and warehouse/ of an output folder.
pub fn read_out(out: &Path) -> (Report, Vec<QRow>, Warehouse) {
    let path = out.join("results").join("ingest_report.json");
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let raw: serde_json::Value = serde_json::from_str(&json).expect("ingest_report.json is JSON");
    let mut report: Report =
        serde_json::from_value(raw.clone()).unwrap_or_else(|e| panic!("ingest_report.json shape: {e}\n{json}"));
    report.raw = raw;
    (report, read_quarantine(&out.join("quarantine")), read_warehouse(&out.join("warehouse")))
}

// ---------------------------------------------------------------------------------------
// ingest_report.json (outputs.md).

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Report {
    pub packages: Vec<PackageReport>,
    pub warnings: Vec<Warning>,
    #[serde(skip)]
    pub raw: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PackageReport {
    pub submitter_id: String,
    pub period: String,
    pub sequence: i64,
    pub status: String,
    pub message: String,
    #[serde(default)]
    pub folder: String,
    pub files: BTreeMap<String, FileReport>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Default)]
pub struct FileReport {
    pub read: u64,
    pub accepted: u64,
    pub quarantined: BTreeMap<String, u64>,
}

impl FileReport {
    pub fn quarantined_total(&self) -> u64 {
        self.quarantined.values().sum()
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Warning {
    pub kind: String,
    pub key: String,
    pub period: String,
    pub submitters: Vec<String>,
    pub message: String,
}

/// A file report: `read`, `accepted` and the quarantine counts by reason.
pub fn fr(read: u64, accepted: u64, quarantined: &[(&str, u64)]) -> FileReport {
    FileReport { read, accepted, quarantined: quarantined.iter().map(|(r, n)| (r.to_string(), *n)).collect() }
}

impl Report {
    pub fn pkg(&self, submitter: &str, period: &str, seq: i64) -> &PackageReport {
        self.packages
            .iter()
            .find(|p| p.submitter_id == submitter && p.period == period && p.sequence == seq)
            .unwrap_or_else(|| panic!("no package {submitter} {period} sequence {seq} in report:\n{:#}", self.raw))
    }

    pub fn all_of(&self, submitter: &str, period: &str) -> Vec<&PackageReport> {
        self.packages.iter().filter(|p| p.submitter_id == submitter && p.period == period).collect()
    }
}

impl PackageReport {
    pub fn file(&self, name: &str) -> &FileReport {
        self.files.get(name).unwrap_or_else(|| {
            panic!("{} {}: no file {name} in report: {:?}", self.submitter_id, self.period, self.files)
        })
    }
}

// ---------------------------------------------------------------------------------------
// Parquet.

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Str(String),
    Date(NaiveDate),
    Bool(bool),
    Int(i64),
    Float(f64),
}

impl Cell {
    pub fn str(&self) -> Option<&str> {
        match self {
            Cell::Str(s) => Some(s),
            _ => None,
        }
    }
}

pub fn s(v: &str) -> Cell {
    Cell::Str(v.to_string())
}

pub fn d(v: &str) -> Cell {
    Cell::Date(NaiveDate::parse_from_str(v, "%Y-%m-%d").expect("test date"))
}

fn cell(a: &ArrayRef, i: usize) -> Cell {
    if a.is_null(i) {
        return Cell::Null;
    }
    match a.data_type() {
        DataType::Utf8 => Cell::Str(a.as_string::<i32>().value(i).to_string()),
        DataType::LargeUtf8 => Cell::Str(a.as_string::<i64>().value(i).to_string()),
        DataType::Utf8View => Cell::Str(a.as_string_view().value(i).to_string()),
        DataType::Date32 => {
            let days = a.as_primitive::<datafusion::arrow::datatypes::Date32Type>().value(i);
            Cell::Date(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(days as i64))
        }
        DataType::Boolean => Cell::Bool(a.as_boolean().value(i)),
        DataType::Int64 => Cell::Int(a.as_primitive::<Int64Type>().value(i)),
        DataType::Int32 => Cell::Int(a.as_primitive::<Int32Type>().value(i) as i64),
        DataType::Float64 => Cell::Float(a.as_primitive::<Float64Type>().value(i)),
        DataType::Dictionary(_, _) => {
            let c = datafusion::arrow::compute::cast(a, &DataType::Utf8).expect("cast dictionary");
            cell(&c, i)
        }
        other => panic!("unexpected Parquet column type {other}"),
    }
}

/// Columns (name, type) and rows of one Parquet file.
pub fn read_parquet(path: &Path) -> (Vec<(String, DataType)>, Vec<BTreeMap<String, Cell>>) {
    let f = File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let builder = ParquetRecordBatchReaderBuilder::try_new(f).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema = builder.schema().clone();
    let columns = schema.fields().iter().map(|f| (f.name().clone(), f.data_type().clone())).collect();
    let mut rows = Vec::new();
    for batch in builder.build().expect("parquet reader") {
        let b = batch.expect("parquet batch");
        for i in 0..b.num_rows() {
            rows.push(
                schema.fields().iter().enumerate().map(|(j, f)| (f.name().clone(), cell(b.column(j), i))).collect(),
            );
        }
    }
    (columns, rows)
}

/// `<root>/submitter_id=<s>/period=<p>/<file>.parquet` → (s, p, path), sorted.
pub fn partitions(root: &Path) -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(subs) = std::fs::read_dir(root) else { return out };
    for sub in subs {
        let sub = sub.unwrap().path();
        let sname = sub.file_name().unwrap().to_string_lossy().into_owned();
        let submitter = sname
            .strip_prefix("submitter_id=")
            .unwrap_or_else(|| panic!("not a hive partition: {}", sub.display()))
            .to_string();
        for per in std::fs::read_dir(&sub).unwrap() {
            let per = per.unwrap().path();
            let pname = per.file_name().unwrap().to_string_lossy().into_owned();
            let period = pname
                .strip_prefix("period=")
                .unwrap_or_else(|| panic!("not a hive partition: {}", per.display()))
                .to_string();
            for f in std::fs::read_dir(&per).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "parquet") {
                    out.push((submitter.clone(), period.clone(), f));
                }
            }
        }
    }
    out.sort();
    out
}

/// One quarantined row.
#[derive(Debug, Clone, PartialEq)]
pub struct QRow {
    pub submitter: String,
    pub period: String,
    pub sequence: i64,
    pub file: String,
    pub line: i64,
    pub raw: String,
    pub reason: String,
    pub detail: String,
}

pub fn read_quarantine(root: &Path) -> Vec<QRow> {
    let mut out = Vec::new();
    for (submitter, period, path) in partitions(root) {
        let (_, rows) = read_parquet(&path);
        for r in rows {
            let get = |c: &str| {
                r.get(c).cloned().unwrap_or_else(|| panic!("quarantine {} has no column {c}", path.display()))
            };
            let (
                Cell::Int(sequence),
                Cell::Str(file),
                Cell::Int(line),
                Cell::Str(raw),
                Cell::Str(reason),
                Cell::Str(detail),
            ) = (get("sequence"), get("file"), get("line"), get("raw"), get("reason"), get("detail"))
            else {
                panic!("quarantine row with unexpected types: {r:?}")
            };
            out.push(QRow {
                submitter: submitter.clone(),
                period: period.clone(),
                sequence,
                file,
                line,
                raw,
                reason,
                detail,
            });
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
pub struct WRow {
    pub submitter: String,
    pub period: String,
    pub cells: BTreeMap<String, Cell>,
}

impl WRow {
    pub fn get(&self, col: &str) -> &Cell {
        self.cells.get(col).unwrap_or_else(|| panic!("warehouse row has no column {col}: {self:?}"))
    }
    pub fn s(&self, col: &str) -> Option<&str> {
        self.get(col).str()
    }
}

#[derive(Debug, Default, Clone)]
pub struct WTable {
    /// Columns of every file of the table (asserted identical across partitions).
    pub columns: Vec<(String, DataType)>,
    pub rows: Vec<WRow>,
    /// Files relative to warehouse/<table>/.
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Default, Clone)]
pub struct Warehouse {
    pub tables: BTreeMap<String, WTable>,
}

pub fn read_warehouse(root: &Path) -> Warehouse {
    let mut wh = Warehouse::default();
    let Ok(entries) = std::fs::read_dir(root) else { return wh };
    for t in entries {
        let t = t.unwrap().path();
        let name = t.file_name().unwrap().to_string_lossy().into_owned();
        let mut table = WTable::default();
        for (submitter, period, path) in partitions(&t) {
            let (columns, rows) = read_parquet(&path);
            if table.files.is_empty() {
                table.columns = columns;
            } else {
                assert_eq!(table.columns, columns, "{}: columns differ between partitions", path.display());
            }
            table.files.push(path.strip_prefix(&t).unwrap().to_path_buf());
            for cells in rows {
                table.rows.push(WRow { submitter: submitter.clone(), period: period.clone(), cells });
            }
        }
        wh.tables.insert(name, table);
    }
    wh
}

impl Warehouse {
    pub fn rows(&self, table: &str) -> &[WRow] {
        self.tables.get(table).map(|t| t.rows.as_slice()).unwrap_or(&[])
    }

    pub fn count(&self, table: &str) -> usize {
        self.rows(table).len()
    }

    pub fn total(&self) -> usize {
        self.tables.values().map(|t| t.rows.len()).sum()
    }

    /// Rows whose text column `col` equals `value`.
    pub fn find(&self, table: &str, col: &str, value: &str) -> Vec<&WRow> {
        self.rows(table).iter().filter(|r| r.get(col).str() == Some(value)).collect()
    }

    /// The single row whose `col` equals `value`.
    pub fn one(&self, table: &str, col: &str, value: &str) -> &WRow {
        let found = self.find(table, col, value);
        assert_eq!(found.len(), 1, "{table}.{col} = {value}: expected exactly one row, found {found:#?}");
        found[0]
    }

    /// The single row of `submitter` whose `col` equals `value` (for submitter-local keys).
    pub fn one_of(&self, table: &str, submitter: &str, col: &str, value: &str) -> &WRow {
        let found: Vec<&WRow> = self.find(table, col, value).into_iter().filter(|w| w.submitter == submitter).collect();
        assert_eq!(
            found.len(),
            1,
            "{table}.{col} = {value} of {submitter}: expected exactly one row, found {found:#?}"
        );
        found[0]
    }

    /// Every (submitter, period) partition of a table.
    pub fn partitions(&self, table: &str) -> BTreeSet<(String, String)> {
        self.rows(table).iter().map(|r| (r.submitter.clone(), r.period.clone())).collect()
    }

    /// Values of `col` in a table, sorted (for comparing which keys are present).
    pub fn keys(&self, table: &str, col: &str) -> Vec<String> {
        let mut v: Vec<String> = self.rows(table).iter().filter_map(|r| r.s(col).map(str::to_string)).collect();
        v.sort();
        v
    }

    /// All rows of all tables, sorted, as comparable text (for "same content" checks).
    pub fn canonical(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, t) in &self.tables {
            for r in &t.rows {
                out.push(format!("{name} {} {} {:?}", r.submitter, r.period, r.cells));
            }
        }
        out.sort();
        out
    }
}

// ---------------------------------------------------------------------------------------
// Assertions.

/// The contract's accounting (extracts.md §4, outputs.md), checked on one output:
/// - a `loaded` package reports every file of its layout, and for each file
///   read == accepted + Σ quarantined;
/// - a `failed` package reports files with read = accepted = 0 and nothing quarantined;
/// - a `superseded` package reports `files: {}`;
/// - at most one package is in force (loaded) per submitter and period;
/// - the quarantine Parquet, counted per (submitter, period, file, reason), equals the report's
///   counts over loaded packages, and every quarantined row belongs to a loaded package.
pub fn assert_accounting(r: &Ingest) {
    assert_accounting_of(&r.report, &r.quarantine);
}

pub fn assert_accounting_of(report: &Report, quarantine: &[QRow]) {
    let mut in_force: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut expected: BTreeMap<(String, String, String, String), u64> = BTreeMap::new();
    for p in &report.packages {
        let who = format!("{} {} sequence {} ({})", p.submitter_id, p.period, p.sequence, p.status);
        match p.status.as_str() {
            "loaded" => {
                if let Some(other) = in_force.insert((p.submitter_id.clone(), p.period.clone()), p.sequence) {
                    panic!("{who}: sequence {other} of the same submitter and period is also loaded");
                }
                let names: BTreeSet<&str> = p.files.keys().map(String::as_str).collect();
                let layout: BTreeSet<&str> = layout_files(&p.submitter_id).into_iter().collect();
                assert_eq!(names, layout, "{who}: a loaded package reports every file of its layout");
                for (name, f) in &p.files {
                    assert_eq!(
                        f.read,
                        f.accepted + f.quarantined_total(),
                        "{who} {name}: read {} != accepted {} + quarantined {:?}",
                        f.read,
                        f.accepted,
                        f.quarantined
                    );
                    for (reason, n) in &f.quarantined {
                        assert!(*n > 0, "{who} {name}: reason {reason} listed with 0 rows");
                        *expected
                            .entry((p.submitter_id.clone(), p.period.clone(), name.clone(), reason.clone()))
                            .or_default() += n;
                    }
                }
            }
            "failed" => {
                for (name, f) in &p.files {
                    assert_eq!(f, &FileReport::default(), "{who} {name}: a failed package lists its files with read 0");
                }
            }
            "superseded" => {
                assert!(p.files.is_empty(), "{who}: a superseded package has files {{}}, got {:?}", p.files)
            }
            other => panic!("{who}: status `{other}` is not loaded, superseded or failed"),
        }
    }
    let mut got: BTreeMap<(String, String, String, String), u64> = BTreeMap::new();
    for q in quarantine {
        assert_eq!(
            in_force.get(&(q.submitter.clone(), q.period.clone())),
            Some(&q.sequence),
            "quarantined row from a package that is not loaded: {q:?}"
        );
        *got.entry((q.submitter.clone(), q.period.clone(), q.file.clone(), q.reason.clone())).or_default() += 1;
    }
    assert_eq!(got, expected, "quarantine Parquet rows per (submitter, period, file, reason) vs ingest_report.json");
}

pub fn assert_file(r: &Ingest, submitter: &str, period: &str, seq: i64, file: &str, expected: FileReport) {
    let p = r.report.pkg(submitter, period, seq);
    assert_eq!(p.status, "loaded", "{submitter} {period} {seq}: {}", p.message);
    assert_eq!(p.file(file), &expected, "{submitter} {period} sequence {seq} {file}: report counts");
}

/// Quarantined rows of one file of one package, as (line, reason, raw), sorted by line.
pub fn quarantined(r: &Ingest, submitter: &str, period: &str, file: &str) -> Vec<(i64, String, String)> {
    let mut v: Vec<(i64, String, String)> = r
        .quarantine
        .iter()
        .filter(|q| q.submitter == submitter && q.period == period && q.file == file)
        .map(|q| (q.line, q.reason.clone(), q.raw.clone()))
        .collect();
    v.sort();
    v
}

/// The quarantine of one file holds exactly these (line, reason, raw line) rows.
pub fn assert_quarantine(r: &Ingest, submitter: &str, period: &str, file: &str, expected: &[(u64, &str, &str)]) {
    let mut want: Vec<(i64, String, String)> =
        expected.iter().map(|(l, re, raw)| (*l as i64, re.to_string(), raw.to_string())).collect();
    want.sort();
    assert_eq!(quarantined(r, submitter, period, file), want, "quarantine of {submitter} {period} {file}");
}

/// The quarantined row at `line` has a detail mentioning every one of `parts`
/// (the contract: the detail names the source column and value).
pub fn assert_detail(r: &Ingest, submitter: &str, period: &str, file: &str, line: u64, parts: &[&str]) {
    let q = r
        .quarantine
        .iter()
        .find(|q| q.submitter == submitter && q.period == period && q.file == file && q.line == line as i64)
        .unwrap_or_else(|| panic!("no quarantined row {submitter} {period} {file} line {line}"));
    for p in parts {
        assert!(
            q.detail.contains(p),
            "{file} line {line} ({}): detail `{}` does not mention `{p}`",
            q.reason,
            q.detail
        );
    }
}

/// Nothing of this submitter and period anywhere in the warehouse or quarantine.
pub fn assert_no_partition(r: &Ingest, submitter: &str, period: &str) {
    for (name, t) in &r.warehouse.tables {
        assert!(
            !t.rows.iter().any(|w| w.submitter == submitter && w.period == period),
            "warehouse/{name} holds rows of {submitter} {period}"
        );
    }
    assert!(
        !r.quarantine.iter().any(|q| q.submitter == submitter && q.period == period),
        "quarantine holds rows of {submitter} {period}"
    );
}

/// Every file under `root` (relative path → bytes), for byte-identity checks.
pub fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

// ---------------------------------------------------------------------------------------
// Restricted outputs stay out of the public ones.

/// Every file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The public outputs of a run: the public results files and everything under site/.
pub fn public_files(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["results/measure_results.csv", "results/disparity_index.json", "results/funnel_limits.json"]
        .iter()
        .map(|f| out.join(f))
        .collect();
    files.extend(files_under(&out.join("site")));
    files
}

/// Nothing public links to, names or copies anything under `restricted/`: no public file is
/// byte-identical to a restricted one, none mentions the folder, its sub-folders, the
/// billing lists or the statements, and no public path has `restricted` in it. Returns how
/// many public files were scanned against how many restricted ones.
pub fn assert_no_restricted_content_in_public_outputs(out: &Path) -> (usize, usize) {
    let restricted = files_under(&out.join("restricted"));
    assert!(!restricted.is_empty(), "the run wrote restricted outputs");
    let restricted_bytes: BTreeSet<Vec<u8>> = restricted.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let public = public_files(out);
    for f in &public {
        let bytes = std::fs::read(f).unwrap();
        assert!(!restricted_bytes.contains(&bytes), "{} is a copy of a restricted file", f.display());
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for needle in [
            "restricted",
            "statements/",
            "billing/",
            "billing_review",
            "duplicate-tcm",
            "cw-tcm-contact",
            "tribal-encounter-limit",
            "case management statement",
        ] {
            assert!(!text.contains(needle), "{} contains `{needle}`", f.display());
        }
        assert!(!f.strip_prefix(out).unwrap().to_string_lossy().contains("restricted"), "{}", f.display());
    }
    (public.len(), restricted.len())
}
