//! One pipeline run: ingest → measures → site into an output folder that is replaced
//! atomically only when every stage succeeded.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::ingest::{self, report::IngestReport, report::Status, IngestError, IngestOutcome};
use crate::measures::{self, MeasureError, MeasureOutput, NoteKind};
use crate::publish::{self, PublishError};
use crate::site::{self, SiteError, SiteSummary};
use crate::output;
use crate::period::{Month, Period};
use crate::restricted::{self, RestrictedError, RestrictedSummary};

/// What to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Folder holding the submitted packages.
    pub input: std::path::PathBuf,
    /// Output folder, replaced atomically when the run succeeds.
    pub out: std::path::PathBuf,
    /// Reporting quarter (default: the latest quarter loaded).
    pub period: Option<Period>,
    /// Folder of measure definitions; `None` stops after the ingest.
    pub measures: Option<std::path::PathBuf>,
    /// Render the site (`site/`) from the published results. Off for measure tests, which
    /// read only `results/`.
    pub site: bool,
    /// Write `restricted/` (statements and billing review lists) for the reporting quarter.
    pub restricted: bool,
    /// An Apache Ballista cluster (`df://HOST:PORT`) to run the ingest's and the measures'
    /// SQL on; `None` runs everything in this process. Needs the `ballista` feature.
    pub cluster: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Measures(#[from] MeasureError),
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error(transparent)]
    Site(#[from] SiteError),
    #[error(transparent)]
    Restricted(#[from] RestrictedError),
    #[error("output folder {path}: {source}")]
    Output { path: String, source: std::io::Error },
    #[error(transparent)]
    Publication(#[from] output::OutputError),
    #[error("could not write the new output in {dir}: {cause}; the previous output is unchanged")]
    Writing { dir: std::path::PathBuf, cause: std::io::Error },
    #[error("no package for {0} loaded, so it cannot be reported on (loaded quarters: {1})")]
    PeriodNotLoaded(Period, String),
}

/// The result of this module's operations.
pub type Result<T, E = RunError> = std::result::Result<T, E>;

/// What a run did, for the terminal.
#[derive(Debug)]
pub struct RunSummary {
    pub outcome: IngestOutcome,
    pub period: Option<Period>,
    pub out: String,
    /// The measure stage's output (`None` for an ingest-only run).
    pub measures: Option<MeasureOutput>,
    /// What the site stage wrote (`None` when no measures were computed).
    pub site: Option<SiteSummary>,
    /// What was written under `restricted/` (`None` when not asked for or nothing loaded).
    pub restricted: Option<RestrictedSummary>,
}

impl fmt::Display for RunSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.outcome.report;
        let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &r.packages {
            *by_status
                .entry(match p.status {
                    Status::Loaded => "loaded",
                    Status::Superseded => "superseded",
                    Status::Failed => "failed",
                })
                .or_default() += 1;
        }
        writeln!(f, "casecard run → {}", self.out)?;
        let statuses: Vec<String> = by_status.iter().map(|(s, n)| format!("{n} {s}")).collect();
        writeln!(f, "packages: {} ({})", r.packages.len(), statuses.join(", "))?;
        for p in r.packages.iter().filter(|p| p.status == Status::Failed) {
            writeln!(f, "  FAILED {} {} sequence {}: {}", p.submitter_id, p.period, p.sequence, p.message)?;
        }
        writeln!(f, "warehouse rows (current, after merging packages):")?;
        for (t, n) in &self.outcome.table_rows {
            writeln!(f, "  {t:<12} {n:>10}")?;
        }
        let (accepted, quarantined, by_reason) = r.totals();
        writeln!(f, "rows accepted: {accepted}, quarantined: {quarantined}")?;
        for (reason, n) in &by_reason {
            writeln!(f, "  {reason:<18} {n:>8}")?;
        }
        writeln!(f, "warnings: {}", r.warnings.len())?;
        match self.period {
            Some(p) => writeln!(f, "reporting quarter: {p}")?,
            None => writeln!(f, "reporting quarter: none (no package loaded)")?,
        }
        if let Some(m) = &self.measures {
            let periods: std::collections::BTreeSet<&str> = m.rows.iter().map(|r| r.period.as_str()).collect();
            let ids: std::collections::BTreeSet<&str> = m.rows.iter().map(|r| r.measure_id.as_str()).collect();
            writeln!(
                f,
                "measures: {} measures × {} periods ({}), {} result rows, {} risk models",
                ids.len(),
                periods.len(),
                periods.iter().copied().collect::<Vec<_>>().join(", "),
                m.rows.len(),
                m.models.len()
            )?;
            for n in m.notes.iter().filter(|n| n.kind == NoteKind::Unadjusted) {
                writeln!(f, "  note: {} {}: {}", n.measure_id, n.period, n.message)?;
            }
            let not_computed = m.notes.iter().filter(|n| n.kind == NoteKind::NotComputed).count();
            if not_computed > 0 {
                writeln!(f, "  {not_computed} (measure, period) pairs not computed: their window reaches quarters not loaded (see results/measure_notes.json)")?;
            }
        }
        if let Some(s) = &self.site {
            writeln!(f, "site: {} pages, {} files in {}/site", s.pages, s.files, self.out)?;
        }
        if let Some(r) = &self.restricted {
            let months: Vec<String> = r.statements.iter().map(|(m, n)| format!("{m}: {n}")).collect();
            writeln!(f, "restricted (not for publication) in {}/restricted:", self.out)?;
            writeln!(f, "  statements: {}", months.join(", "))?;
            let lists: Vec<String> = r.findings.iter().map(|(c, n)| format!("{c} {n}")).collect();
            writeln!(f, "  billing review rows: {}", lists.join(", "))?;
        }
        Ok(())
    }
}

/// Runs the pipeline from `input` into `out`: ingest, then (with a measure set) measures,
/// statistics and the site.
pub async fn run(opts: &RunOptions) -> Result<RunSummary> {
    let out = opts.out.as_path();
    // Definitions are read before any work, so a broken one fails the run at once.
    let set = opts.measures.as_deref().map(measures::load).transpose().map_err(MeasureError::from)?;
    let publication = output::Publication::begin(out, Some(&opts.input))?;
    let result = stages_into(opts, publication.dir(), set.as_ref()).await;
    match result {
        Ok(Stages { outcome, period, measures, site, restricted }) => {
            publication.commit()?;
            Ok(RunSummary { outcome, period, out: out.display().to_string(), measures, site, restricted })
        }
        Err(e) => {
            let dir = publication.dir().to_path_buf();
            publication.abandon();
            Err(storage_failure(e, &dir))
        }
    }
}

/// A run that failed because the output's file system is full (or read-only) says so once,
/// naming the folder it was writing, instead of DataFusion's nested repetition of the OS text.
fn storage_failure(e: RunError, dir: &Path) -> RunError {
    use std::io::ErrorKind::{QuotaExceeded, ReadOnlyFilesystem, StorageFull};
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    let mut found = None;
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            found = Some((io.kind(), io.raw_os_error()));
        }
        source = s.source();
    }
    match found {
        Some((kind @ (StorageFull | QuotaExceeded | ReadOnlyFilesystem), os)) => RunError::Writing {
            dir: dir.to_path_buf(),
            cause: os.map_or_else(|| std::io::Error::from(kind), std::io::Error::from_raw_os_error),
        },
        _ => e,
    }
}

/// Recomputes the measure results of an existing output folder from its warehouse, for a
/// measure author changing a definition, or a benchmark of the measure stage alone. The
/// quarters loaded are read from its `results/ingest_report.json`. The site is rendered
/// again from the new results.
pub async fn remeasure(out: &Path, period: Option<Period>, measures_dir: &Path, cluster: Option<&str>) -> Result<(MeasureOutput, SiteSummary)> {
    let set = measures::load(measures_dir).map_err(MeasureError::from)?;
    // The new output is built beside the old one (which stays whole and in place until the
    // swap): everything but the site and the files the measure stage writes is linked over.
    // The lock is taken first, so the output read is the one replaced.
    let publication = output::Publication::begin(out, None)?;
    let tmp = publication.dir().to_path_buf();
    let result = async {
        let (report, loaded) = loaded_quarters(out)?;
        let reporting = match period {
            Some(p) if !loaded.contains(&p) => {
                let list: Vec<String> = loaded.iter().map(|p| p.to_string()).collect();
                return Err(RunError::PeriodNotLoaded(p, list.join(", ")));
            }
            Some(p) => p,
            None => match loaded.iter().next_back() {
                Some(p) => *p,
                None => return Err(RunError::PeriodNotLoaded(Period::containing(chrono::Utc::now().date_naive()), "none".into())),
            },
        };
        output::link_tree(out, &tmp, &|rel: &Path| {
            rel == Path::new("site") || rel == Path::new(output::MARKER) || rel == Path::new(".measures-work") || publish::WRITTEN.iter().any(|f| rel == Path::new("results").join(f))
        })?;
        let work = tmp.join(".measures-work");
        let m = measures::compute(&set, &tmp.join("warehouse"), &work, &loaded, reporting, cluster).await?;
        let published = publish::write_results(&m, &tmp.join("results"))?;
        std::fs::remove_dir_all(&work).map_err(|source| MeasureError::Io { path: work.clone(), source })?;
        crate::toolkit::timing("measures written");
        let site = render_site(&tmp, reporting, &set, &m, published, &report).await?;
        remove_spill(&tmp.join(SPILL))?;
        Ok::<_, RunError>((m, site))
    }
    .await;
    match result {
        Ok(done) => {
            publication.commit()?;
            Ok(done)
        }
        Err(e) => {
            publication.abandon();
            Err(e)
        }
    }
}

/// The ingest report of an output folder and the quarters with a loaded package.
fn loaded_quarters(out: &Path) -> Result<(IngestReport, std::collections::BTreeSet<Period>)> {
    let report_path = out.join("results").join("ingest_report.json");
    let io = |source| RunError::Output { path: report_path.display().to_string(), source };
    let report: IngestReport = serde_json::from_str(&std::fs::read_to_string(&report_path).map_err(io)?)
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    let loaded = report.packages.iter().filter(|p| p.status == Status::Loaded).filter_map(|p| p.period.parse().ok()).collect();
    Ok((report, loaded))
}

/// Writes the statements of `month` (everyone's, or one person's) into
/// `<out>/restricted/statements/<month>/` from an existing output folder's warehouse.
/// Returns how many were written.
pub async fn statements(out: &Path, month: Month, person: Option<&str>) -> Result<usize> {
    // Written into the output in place: hold its lock, so no run swaps it away meanwhile.
    let _lock = output::lock(out)?;
    let (_, loaded) = loaded_quarters(out)?;
    restricted::check_loaded(month, &loaded)?;
    let spill = out.join(SPILL);
    let ctx = restricted::session(&out.join("warehouse"), &spill).await?;
    let written = restricted::statements::write_month(&ctx, &out.join("restricted").join("statements"), month, person).await;
    drop(ctx);
    remove_spill(&spill)?;
    Ok(written?)
}

/// Gathers what the public may see ([`publish::collect`]) and renders `<out>/site` from it
/// (replacing an earlier site).
async fn render_site(
    out: &Path,
    reporting: Period,
    set: &measures::MeasureSet,
    m: &MeasureOutput,
    published: publish::Published,
    report: &IngestReport,
) -> Result<SiteSummary> {
    let public = publish::collect(m, published, report, &out.join("warehouse"), &out.join(SPILL), reporting).await?;
    crate::toolkit::timing("public facts gathered");
    let dir = out.join("site");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|source| SiteError::Io { path: dir.clone(), source })?;
    }
    let summary = site::render(&site::SiteInput { definitions: set, public: &public }, &dir)?;
    crate::toolkit::timing("site written");
    Ok(summary)
}

/// What the stages of one run produced.
struct Stages {
    outcome: IngestOutcome,
    period: Option<Period>,
    measures: Option<MeasureOutput>,
    site: Option<SiteSummary>,
    restricted: Option<RestrictedSummary>,
}

async fn stages_into(opts: &RunOptions, tmp: &Path, set: Option<&measures::MeasureSet>) -> Result<Stages> {
    let outcome = ingest::ingest_on(&opts.input, tmp, opts.cluster.as_deref()).await?;
    output::checkpoint("ingested");
    let period = match opts.period {
        Some(p) if !outcome.loaded_periods.contains(&p) => {
            let loaded: Vec<String> = outcome.loaded_periods.iter().map(|p| p.to_string()).collect();
            return Err(RunError::PeriodNotLoaded(p, if loaded.is_empty() { "none".into() } else { loaded.join(", ") }));
        }
        Some(p) => Some(p),
        None => outcome.loaded_periods.last().copied(),
    };
    let loaded: std::collections::BTreeSet<Period> = outcome.loaded_periods.iter().copied().collect();
    let (measured, site) = match (set, period) {
        (Some(set), Some(reporting)) => {
            let work = tmp.join(".measures-work");
            let m = measures::compute(set, &tmp.join("warehouse"), &work, &loaded, reporting, opts.cluster.as_deref()).await?;
            let published = publish::write_results(&m, &tmp.join("results"))?;
            std::fs::remove_dir_all(&work).map_err(|source| MeasureError::Io { path: work.clone(), source })?;
            crate::toolkit::timing("measures written");
            output::checkpoint("measured");
            let site = match opts.site {
                true => Some(render_site(tmp, reporting, set, &m, published, &outcome.report).await?),
                false => None,
            };
            output::checkpoint("site-written");
            (Some(m), site)
        }
        (Some(_), None) => (Some(MeasureOutput::default()), None),
        (None, _) => (None, None),
    };
    let restricted = match period {
        Some(reporting) if opts.restricted => {
            let r = restricted::write(&tmp.join("warehouse"), &tmp.join(SPILL), &tmp.join("restricted"), &tmp.join("results"), reporting, &loaded).await?;
            crate::toolkit::timing("restricted outputs written");
            Some(r)
        }
        _ => None,
    };
    remove_spill(&tmp.join(SPILL))?;
    Ok(Stages { outcome, period, measures: measured, site, restricted })
}

/// Where the sessions after the measure stage spill (inside the output being built, so on
/// its disk); removed before the output is published.
const SPILL: &str = ".spill";

fn remove_spill(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(RunError::Output { path: dir.display().to_string(), source: e }),
        _ => Ok(()),
    }
}
