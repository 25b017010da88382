//! Ingest: packages in, warehouse + quarantine + ingest report out.
//!
//! Two passes. The first ([`package`], [`row`], [`stage`]) reads every file once, checking
//! it against its manifest entry and validating each row on its own; it runs per package,
//! in parallel. The second ([`resolve`]) is a set of DataFusion plans over the staged rows:
//! duplicate keys and references, then the merge across packages, then the warehouse.

pub mod package;
pub mod report;
pub mod resolve;
pub mod row;
pub mod stage;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use datafusion::arrow::array::AsArray;
use datafusion::arrow::datatypes::{DataType, Field, Int64Type, Schema};

use crate::period::Period;
use crate::schema::TABLES;
use package::{Package, Staged};
use report::{FileReport, IngestReport, PackageReport, Status, Warning};
use crate::reason::Reason;
use resolve::ResolveError;
use crate::toolkit::{self, string_at, timing};
use stage::Origin;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("input folder {path}: {source}")]
    Input { path: PathBuf, source: std::io::Error },
    #[error("package {package}: {source}")]
    Package { package: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("internal accounting error: {0}")]
    Accounting(String),
}

/// The result of this module's operations.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;

/// What one ingest produced besides its files.
#[derive(Debug)]
pub struct IngestOutcome {
    pub report: IngestReport,
    /// Quarters with at least one loaded package, in order.
    pub loaded_periods: Vec<Period>,
    /// Rows per warehouse table after the merge.
    pub table_rows: BTreeMap<String, u64>,
}

/// Memory DataFusion may use before it spills to disk.

/// Ingests every package under `input` into `out` (`warehouse/`, `quarantine/`,
/// `results/ingest_report.json`). `out` should be a fresh folder.
pub async fn ingest(input: &Path, out: &Path) -> Result<IngestOutcome> {
    ingest_on(input, out, None).await
}

/// [`ingest`], with the set checks, merge and warehouse write run on a Ballista cluster when
/// `cluster` is a URL (`df://HOST:PORT`; every path must be one the cluster's processes see).
pub async fn ingest_on(input: &Path, out: &Path, cluster: Option<&str>) -> Result<IngestOutcome> {
    timing("ingest start");
    let mut packages = package::discover(input).map_err(|source| IngestError::Input { path: input.into(), source })?;
    let mut warnings = Vec::new();
    let mut pre_failed: BTreeMap<usize, String> = BTreeMap::new();
    dedupe_copies(&mut packages, input, &mut warnings, &mut pre_failed);

    let work = out.join(".work");
    let staging = work.join("staging");
    let origins: Vec<Origin> = packages.iter().enumerate().map(|(i, p)| origin(i, p)).collect();

    // Pass one, in parallel over packages; each worker stages into its own files.
    let results: Mutex<Vec<Option<Staged>>> = Mutex::new((0..packages.len()).map(|_| None).collect());
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).min(4);
    std::thread::scope(|s| -> Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                let (results, next, packages, origins, pre_failed, staging) =
                    (&results, &next, &packages, &origins, &pre_failed, &staging);
                s.spawn(move || -> Result<()> {
                    let mut sink = stage::Sink::new(staging, w);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= packages.len() {
                            break;
                        }
                        let staged = match pre_failed.get(&i) {
                            Some(msg) => Staged { files: BTreeMap::new(), problems: vec![msg.clone()] },
                            None => package::stage_package(&packages[i], &origins[i], &mut sink)
                                .map_err(|source| IngestError::Package { package: packages[i].dir.clone(), source })?,
                        };
                        results.lock().expect("results")[i] = Some(staged);
                    }
                    sink.finish()?;
                    Ok(())
                })
            })
            .collect();
        for w in workers {
            w.join().expect("staging worker panicked")?;
        }
        Ok(())
    })?;
    let staged: Vec<Staged> = results.into_inner().expect("results").into_iter().map(|r| r.expect("every package staged")).collect();

    // Which packages are in force: a loaded package supersedes lower sequences of its
    // submitter and period; a failed one supersedes nothing.
    let mut status: Vec<Status> = staged.iter().map(|s| if s.problems.is_empty() { Status::Loaded } else { Status::Failed }).collect();
    let mut winner: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (i, o) in origins.iter().enumerate() {
        if status[i] == Status::Loaded {
            winner.insert((o.submitter.clone(), o.period.clone()), i); // processing order: last is highest sequence
        }
    }
    for (i, o) in origins.iter().enumerate() {
        if status[i] == Status::Loaded && winner[&(o.submitter.clone(), o.period.clone())] != i {
            status[i] = Status::Superseded;
        }
    }
    let mut files: BTreeMap<(i64, String), PathBuf> = BTreeMap::new();
    for (i, s) in staged.iter().enumerate() {
        if status[i] == Status::Loaded {
            for name in s.files.keys() {
                files.insert((i as i64, name.clone()), packages[i].dir.join(name));
            }
        }
    }
    let in_force: Vec<i64> = (0..packages.len()).filter(|i| status[*i] == Status::Loaded).map(|i| i as i64).collect();

    // Pass two: set checks, merge, warehouse, quarantine.
    timing("staged packages");
    let ctx = toolkit::heavy_session(&work.join("spill"), cluster).await.map_err(ResolveError::from)?;
    resolve::check_sets(&ctx, &work, &staging, &files, &in_force).await?;
    timing("set checks");
    let (conflicts, table_rows) = resolve::merge_and_write(&ctx, &work, &out.join("warehouse")).await?;
    timing("merged and wrote warehouse");
    for c in conflicts {
        let what = if c.table == "persons" { "person" } else { "provider" };
        let rule = if c.table == "persons" {
            "its own episodes include the latest episode start for this person"
        } else {
            "its kind matches the provider_kind, else lowest submitter_id"
        };
        warnings.push(Warning {
            kind: format!("{what}_conflict"),
            message: format!(
                "{} submitters sent different {what} rows for {} in {}; kept the row from {} ({rule})",
                c.submitters.len(),
                c.key,
                c.period,
                c.winner
            ),
            key: c.key,
            period: c.period,
            submitters: c.submitters,
        });
    }
    toolkit::register_dir(&ctx, "quarantine_all", &staging.join("quarantine"), &stage::staged_quarantine_schema()).await.map_err(ResolveError::from)?;
    toolkit::exec(&ctx, &format!("CREATE VIEW quarantine_staged AS SELECT * FROM quarantine_all WHERE {}", resolve::in_force_filter(&in_force)))
        .await
        .map_err(ResolveError::from)?;
    let qschema = std::sync::Arc::new(Schema::new(vec![
        Field::new("sequence", DataType::Int64, false),
        Field::new("file", DataType::Utf8, false),
        Field::new("line", DataType::Int64, false),
        Field::new("raw", DataType::Utf8, false),
        Field::new("reason", DataType::Utf8, false),
        Field::new("detail", DataType::Utf8, false),
    ]));
    toolkit::bounded(&ctx, || async {
        let stream = ctx
            .sql(
                "SELECT sequence, file, line, raw, reason, detail, submitter_id, period FROM quarantine_staged
                 ORDER BY submitter_id, period, file, line",
            )
            .await?
            .execute_stream()
            .await?;
        resolve::write_partitioned(stream, &out.join("quarantine"), &qschema).await
    })
    .await?;

    timing("wrote quarantine");
    let counts = count_rows(&ctx).await?;
    let report = build_report(&packages, input, &origins, &staged, &status, &counts, warnings)?;
    let results_dir = out.join("results");
    std::fs::create_dir_all(&results_dir)?;
    std::fs::write(results_dir.join("ingest_report.json"), report.to_json())?;
    drop(ctx);
    std::fs::remove_dir_all(&work)?;

    let loaded_periods: BTreeSet<Period> = origins
        .iter()
        .zip(&status)
        .filter(|(_, s)| **s == Status::Loaded)
        .filter_map(|(o, _)| o.period.parse().ok())
        .collect();
    timing("ingest done");
    Ok(IngestOutcome { report, loaded_periods: loaded_periods.into_iter().collect(), table_rows })
}

fn origin(i: usize, p: &Package) -> Origin {
    match &p.manifest {
        Ok(m) => Origin {
            pkg: i as i64,
            submitter: m.submitter_id.clone(),
            kind: m.submitter_kind.clone(),
            period: m.period.clone(),
            sequence: m.sequence,
        },
        Err(_) => {
            // The folder name is informational, but it is the best label we have.
            let name = p.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let period = p.dir.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let submitter = name.split('.').next().unwrap_or("").to_string();
            Origin { pkg: i as i64, submitter, kind: String::new(), period, sequence: 0 }
        }
    }
}

/// Two folders with the same submitter, period and sequence: an identical copy is ignored
/// (re-ingesting the same package is a no-op); a different one fails.
fn dedupe_copies(packages: &mut Vec<Package>, input: &Path, warnings: &mut Vec<Warning>, failed: &mut BTreeMap<usize, String>) {
    let mut seen: BTreeMap<(String, String, i64), usize> = BTreeMap::new();
    let mut keep = Vec::new();
    for p in packages.drain(..) {
        let Ok(m) = &p.manifest else {
            keep.push(p);
            continue;
        };
        let id = (m.submitter_id.clone(), m.period.clone(), m.sequence);
        match seen.get(&id) {
            Some(&first) => {
                let first_m = keep[first].manifest.as_ref().expect("manifest");
                let same = first_m.files.len() == m.files.len()
                    && first_m.files.iter().zip(&m.files).all(|((a, fa), (b, fb))| {
                        a == b && fa.rows == fb.rows && fa.sha256.eq_ignore_ascii_case(&fb.sha256)
                    });
                let here = rel(&p.dir, input);
                let there = rel(&keep[first].dir, input);
                if same {
                    warnings.push(Warning {
                        kind: "duplicate_package".into(),
                        key: here.clone(),
                        period: m.period.clone(),
                        submitters: vec![m.submitter_id.clone()],
                        message: format!("{here} is an identical copy of {there} (same sequence {}); loaded once", m.sequence),
                    });
                } else {
                    failed.insert(
                        keep.len(),
                        format!("sequence {} was already submitted with different files in {there}; use a higher sequence", m.sequence),
                    );
                    keep.push(p);
                }
            }
            None => {
                seen.insert(id, keep.len());
                keep.push(p);
            }
        }
    }
    *packages = keep;
}

fn rel(dir: &Path, input: &Path) -> String {
    dir.strip_prefix(input).unwrap_or(dir).display().to_string()
}

type FileKey = (String, String, i64, String);

#[derive(Default)]
struct Counts {
    accepted: BTreeMap<FileKey, u64>,
    quarantined: BTreeMap<FileKey, BTreeMap<Reason, u64>>,
}

async fn count_rows(ctx: &datafusion::prelude::SessionContext) -> Result<Counts, ResolveError> {
    let mut counts = Counts::default();
    let unions: Vec<String> = TABLES
        .iter()
        .map(|t| format!("SELECT _submitter, _period, _sequence, _file FROM acc_{}", t.name))
        .collect();
    let sql = format!(
        "SELECT _submitter, _period, _sequence, _file, COUNT(*) AS n FROM ({}) GROUP BY 1, 2, 3, 4",
        unions.join(" UNION ALL ")
    );
    for b in toolkit::collect(ctx, &sql).await? {
        let seq = b.column(2).as_primitive::<Int64Type>();
        let n = b.column(4).as_primitive::<Int64Type>();
        for i in 0..b.num_rows() {
            let k = (string_at(b.column(0), i), string_at(b.column(1), i), seq.value(i), string_at(b.column(3), i));
            counts.accepted.insert(k, n.value(i) as u64);
        }
    }
    let sql = "SELECT submitter_id, period, sequence, file, reason, COUNT(*) FROM quarantine_staged GROUP BY 1, 2, 3, 4, 5";
    for b in toolkit::collect(ctx, sql).await? {
        let seq = b.column(2).as_primitive::<Int64Type>();
        let n = b.column(5).as_primitive::<Int64Type>();
        for i in 0..b.num_rows() {
            let k = (string_at(b.column(0), i), string_at(b.column(1), i), seq.value(i), string_at(b.column(3), i));
            let code = string_at(b.column(4), i);
            let reason = Reason::from_code(&code).ok_or_else(|| {
                ResolveError::from(datafusion::error::DataFusionError::Internal(format!("unknown rejection reason `{code}` in the quarantine")))
            })?;
            counts.quarantined.entry(k).or_default().insert(reason, n.value(i) as u64);
        }
    }
    Ok(counts)
}

fn build_report(
    packages: &[Package],
    input: &Path,
    origins: &[Origin],
    staged: &[Staged],
    status: &[Status],
    counts: &Counts,
    warnings: Vec<Warning>,
) -> Result<IngestReport> {
    let mut report = IngestReport { packages: Vec::new(), warnings };
    for (i, o) in origins.iter().enumerate() {
        let s = &staged[i];
        let mut files = BTreeMap::new();
        let message = match status[i] {
            Status::Failed => {
                let mut names: BTreeSet<String> = s.files.keys().cloned().collect();
                if let Ok(m) = &packages[i].manifest {
                    names.extend(m.files.keys().cloned());
                }
                for n in names {
                    files.insert(n, FileReport::default());
                }
                format!("failed, nothing loaded: {}", s.problems.join("; "))
            }
            Status::Superseded => {
                let later = origins
                    .iter()
                    .zip(status)
                    .find(|(p, st)| **st == Status::Loaded && p.submitter == o.submitter && p.period == o.period)
                    .map(|(p, _)| p.sequence)
                    .unwrap_or_default();
                format!("superseded by sequence {later}; its rows and quarantined rows are withdrawn")
            }
            Status::Loaded => {
                let (mut acc, mut quar) = (0, 0);
                for (name, fc) in &s.files {
                    let k = (o.submitter.clone(), o.period.clone(), o.sequence, name.clone());
                    let fr = FileReport {
                        read: fc.read,
                        accepted: counts.accepted.get(&k).copied().unwrap_or(0),
                        quarantined: counts.quarantined.get(&k).cloned().unwrap_or_default(),
                    };
                    if fr.read != fr.accepted + fr.quarantined_total() {
                        return Err(IngestError::Accounting(format!(
                            "{}/{name}: read {} != accepted {} + quarantined {}",
                            rel(&packages[i].dir, input),
                            fr.read,
                            fr.accepted,
                            fr.quarantined_total()
                        )));
                    }
                    acc += fr.accepted;
                    quar += fr.quarantined_total();
                    files.insert(name.clone(), fr);
                }
                format!("loaded: {acc} rows accepted, {quar} quarantined")
            }
        };
        report.packages.push(PackageReport {
            submitter_id: o.submitter.clone(),
            period: o.period.clone(),
            sequence: o.sequence,
            status: status[i],
            message,
            folder: rel(&packages[i].dir, input),
            files,
        });
    }
    Ok(report)
}
