//! One pipeline run: ingest → (measures → site, in later stages) into an output folder
//! that is replaced atomically only when every stage succeeded.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::ingest::{self, report::Status, IngestError, IngestOutcome};
use crate::output;
use crate::period::Period;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error("output folder {path}: {source}")]
    Output { path: String, source: std::io::Error },
    #[error("no package for {0} loaded, so it cannot be reported on (loaded quarters: {1})")]
    PeriodNotLoaded(Period, String),
}

/// What a run did, for the terminal.
#[derive(Debug)]
pub struct RunSummary {
    pub outcome: IngestOutcome,
    pub period: Option<Period>,
    pub out: String,
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
        Ok(())
    }
}

/// Runs the pipeline from `input` into `out`.
///
/// Today the pipeline is the ingest stage; measures, statistics and the site are later
/// stages of this same function, so `casecard ingest` and `casecard run` differ once they land.
pub async fn run(input: &Path, out: &Path, period: Option<Period>) -> Result<RunSummary, RunError> {
    let out_err = |source| RunError::Output { path: out.display().to_string(), source };
    let tmp = output::begin(out).map_err(out_err)?;
    let result = stages_into(input, &tmp, period).await;
    match result {
        Ok((outcome, period)) => {
            output::commit(&tmp, out).map_err(out_err)?;
            Ok(RunSummary { outcome, period, out: out.display().to_string() })
        }
        Err(e) => {
            output::abandon(&tmp);
            Err(e)
        }
    }
}

async fn stages_into(
    input: &Path,
    tmp: &Path,
    period: Option<Period>,
) -> Result<(IngestOutcome, Option<Period>), RunError> {
    let outcome = ingest::ingest(input, tmp).await?;
    let period = match period {
        Some(p) if !outcome.loaded_periods.contains(&p) => {
            let loaded: Vec<String> = outcome.loaded_periods.iter().map(|p| p.to_string()).collect();
            return Err(RunError::PeriodNotLoaded(p, if loaded.is_empty() { "none".into() } else { loaded.join(", ") }));
        }
        Some(p) => Some(p),
        None => outcome.loaded_periods.last().copied(),
    };
    Ok((outcome, period))
}
