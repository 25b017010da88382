//! Person-level outputs for the state's own use, written only under `<out>/restricted/`:
//! monthly itemized service statements for people receiving waiver case management
//! ([`statements`]) and the billing-integrity review lists ([`billing`]).
//!
//! Input: the warehouse (and which quarters loaded). Output: `restricted/` and, for the
//! quality council, the per-provider counts of each billing check in
//! `results/billing_review_counts.json`. Nothing here passes through the site: the site stage
//! never reads `restricted/`, and no page links to it (`tests/privacy_scan.rs` checks both).

pub mod billing;
pub mod statements;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use datafusion::prelude::SessionContext;

use crate::period::{Month, Period};

#[derive(Debug, thiserror::Error)]
pub enum RestrictedError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("reading the warehouse for the restricted outputs: {0}")]
    DataFusion(#[from] datafusion::error::DataFusionError),
    #[error("reading the warehouse for the restricted outputs: {0}")]
    Toolkit(#[from] crate::toolkit::ToolkitError),
    #[error("writing a billing review list: {0}")]
    Arrow(#[from] datafusion::arrow::error::ArrowError),
    #[error("writing a billing review list: {0}")]
    Parquet(#[from] datafusion::parquet::errors::ParquetError),
    #[error("rendering the statement for {person} ({month}): {source}")]
    Render { person: String, month: Month, source: askama::Error },
    #[error("`{0}` is not a person id: expected P followed by 12 hexadecimal digits")]
    BadPerson(String),
    #[error("{person} has no waiver case management episode (EW, CADI, DD, BI, CAC, AC) open in {month}, so there is no statement for them")]
    NoStatement { person: String, month: Month },
    #[error("{month} is in {quarter}, for which no package loaded (loaded quarters: {loaded}); a statement would wrongly say no contact was recorded")]
    MonthNotLoaded { month: Month, quarter: Period, loaded: String },
    #[error("writing {path}: {message}")]
    Write { path: PathBuf, message: String },
}

/// The result of this module's operations.
pub type Result<T, E = RestrictedError> = std::result::Result<T, E>;

pub(crate) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> RestrictedError + '_ {
    move |source| RestrictedError::Io { path: path.to_path_buf(), source }
}

/// What was written.
#[derive(Debug, Default)]
pub struct RestrictedSummary {
    /// Statements written per month.
    pub statements: BTreeMap<Month, usize>,
    /// Rows in each billing review list, by check id.
    pub findings: BTreeMap<&'static str, usize>,
}

/// The notice at the top of `restricted/`: what is in it and how it must be handled.
const README: &str = include_str!("README.restricted.md");

/// Writes everything under `restricted` for the reporting quarter: the statements of its
/// three months, the billing review lists, and the per-provider counts in
/// `results/billing_review_counts.json`.
pub async fn write(
    warehouse: &Path,
    spill: &Path,
    restricted: &Path,
    results: &Path,
    reporting: Period,
    loaded: &BTreeSet<Period>,
) -> Result<RestrictedSummary> {
    std::fs::create_dir_all(restricted).map_err(io_err(restricted))?;
    let readme = restricted.join("README.md");
    std::fs::write(&readme, README).map_err(io_err(&readme))?;
    let ctx = session(warehouse, spill).await?;
    let mut summary = RestrictedSummary::default();
    for month in reporting.months() {
        let n = statements::write_month(&ctx, &restricted.join("statements"), month, None).await?;
        summary.statements.insert(month, n);
    }
    // The billing checks' shared tables are work files, kept beside the spill files (and
    // removed with them at the end of the run).
    summary.findings = billing::write(&ctx, &restricted.join("billing"), &spill.join("billing"), results, reporting, loaded).await?;
    crate::toolkit::timing("  billing review lists written");
    Ok(summary)
}

/// A session over the warehouse tables, spilling to `spill`.
pub async fn session(warehouse: &Path, spill: &Path) -> Result<SessionContext> {
    let ctx = crate::toolkit::session(spill)?;
    crate::warehouse::register(&ctx, warehouse, "").await?;
    Ok(ctx)
}

/// Errors unless `month`'s quarter loaded: without its package, every statement would say
/// that nobody was contacted.
pub fn check_loaded(month: Month, loaded: &BTreeSet<Period>) -> Result<()> {
    if loaded.contains(&month.quarter()) {
        return Ok(());
    }
    let list: Vec<String> = loaded.iter().map(Period::to_string).collect();
    Err(RestrictedError::MonthNotLoaded {
        month,
        quarter: month.quarter(),
        loaded: if list.is_empty() { "none".into() } else { list.join(", ") },
    })
}
