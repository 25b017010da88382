//! The publish stage: the measure stage's output, the warehouse and the ingest report in;
//! every number any public page or download may show out, each through the small-number
//! rules of [`suppress`].
//!
//! Input: [`MeasureOutput`] (unsuppressed rows, notes, risk models), the
//! warehouse (for the facts beside the measures: who each provider is, caseload, the survey
//! items, completeness of records) and the [`IngestReport`] (data quality). Output: the
//! analysts' and public files in `results/` ([`write_results`]) and one [`Public`] value
//! ([`collect`]), which is all the site stage receives. The site renders; it computes no
//! number and applies no privacy rule of its own.

pub mod facts;
pub mod funnel;
pub mod models;
pub mod quality;
pub mod suppress;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::ingest::report::{IngestReport, Status};
use crate::measures::results::{self, ResultRow, ALL, STATE};
use crate::measures::strata::ALL_STRATA;
use crate::measures::{MeasureError, MeasureOutput, Note};
use crate::period::Period;

pub use facts::{CaseloadRatio, CompletenessRow, Profile};
pub use funnel::Funnel;
pub use models::PublicModel;
pub use quality::Quality;

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("reading the warehouse for the public facts: {0}")]
    Toolkit(#[from] crate::toolkit::ToolkitError),
    #[error("writing the results: {0}")]
    Results(#[from] MeasureError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

pub type Result<T, E = PublishError> = std::result::Result<T, E>;

/// The files [`write_results`] creates in `results/`.
pub const WRITTEN: [&str; 6] =
    ["measure_results.parquet", "measure_results.csv", "measure_notes.json", "risk_models.json", "funnel_limits.json", "disparity_index.json"];

/// The result rows after small-number suppression, and what is computed from them alone.
#[derive(Debug, Default)]
pub struct Published {
    /// The result rows after small-number suppression (`measure_results.csv`).
    pub rows: Vec<ResultRow>,
    pub index: Vec<DisparityIndex>,
    pub funnels: Vec<Funnel>,
}

/// Writes into `results`: `measure_results.parquet` (every number, for the state's analysts;
/// `suppressed` says what the public table hides), `measure_results.csv` (the public table,
/// after small-number suppression), `measure_notes.json`, `risk_models.json`, and the
/// disparity index and funnel limits computed from the public rows (`disparity_index.json`,
/// `funnel_limits.json`). Returns the public rows with those two.
pub fn write_results(out: &MeasureOutput, results: &Path) -> Result<Published> {
    let public = suppress::suppress(&out.rows);
    let index = disparity_index(&public);
    let funnels = funnel::funnels(&public);
    let analysts: Vec<ResultRow> =
        out.rows.iter().zip(&public).map(|(r, p)| ResultRow { suppressed: p.suppressed, ..r.clone() }).collect();
    results::write_parquet(&analysts, &results.join("measure_results.parquet")).map_err(MeasureError::from)?;
    results::write_csv(&public, &results.join("measure_results.csv")).map_err(MeasureError::from)?;
    for (name, json) in [
        ("measure_notes.json", serde_json::to_string_pretty(&out.notes)),
        ("risk_models.json", serde_json::to_string_pretty(&out.models)),
        ("funnel_limits.json", serde_json::to_string(&funnels)),
        ("disparity_index.json", serde_json::to_string_pretty(&index)),
    ] {
        let path = results.join(name);
        let text = json.expect("plain data serializes") + "\n";
        std::fs::write(&path, text).map_err(|source| PublishError::Io { path, source })?;
    }
    Ok(Published { rows: public, index, funnels })
}

/// One submitted package as the public sees it: who sent which quarter and whether it
/// loaded (row counts reach the public only through [`Quality`]).
#[derive(Debug, Clone)]
pub struct Package {
    pub submitter_id: String,
    pub period: String,
    pub sequence: i64,
    pub status: Status,
}

/// Everything the site may show.
#[derive(Debug)]
pub struct Public {
    /// The reporting quarter: the site's headline period.
    pub reporting: Period,
    /// Result rows after small-number suppression (the public table).
    pub rows: Vec<ResultRow>,
    pub index: Vec<DisparityIndex>,
    pub notes: Vec<Note>,
    /// The risk models fitted (every period computed), with what privacy allows of each.
    pub models: Vec<PublicModel>,
    pub funnels: Vec<Funnel>,
    pub packages: Vec<Package>,
    /// Data quality per (quarter, submitter), counts after suppression.
    pub quality: Vec<Quality>,
    pub profiles: Vec<Profile>,
    /// provider_id → submitters whose episodes in the reporting window name the provider.
    pub provider_submitters: BTreeMap<String, BTreeSet<String>>,
    /// People per full-time case manager, per provider (and STATE) and cm_type (and `ALL`).
    pub caseload: Vec<CaseloadRatio>,
    /// The survey item rows after suppression.
    pub survey: Vec<ResultRow>,
    pub completeness: Vec<CompletenessRow>,
}

/// Gathers everything the site may show for `reporting`: the published rows and what goes
/// with them, the facts read from the warehouse (in a session spilling to `spill`) and the
/// data quality of every package.
pub async fn collect(
    m: &MeasureOutput,
    published: Published,
    report: &IngestReport,
    warehouse: &Path,
    spill: &Path,
    reporting: Period,
) -> Result<Public> {
    let f = facts::read(warehouse, spill, reporting).await?;
    let models = m.models.iter().map(|model| models::public(model, &published.rows)).collect();
    Ok(Public {
        reporting,
        models,
        notes: m.notes.clone(),
        funnels: published.funnels,
        packages: report
            .packages
            .iter()
            .map(|p| Package { submitter_id: p.submitter_id.clone(), period: p.period.clone(), sequence: p.sequence, status: p.status })
            .collect(),
        quality: quality::of(report, &f.completeness),
        caseload: facts::caseload_ratios(&f.caseload),
        survey: suppress::suppress(&f.survey_items),
        completeness: f.completeness.iter().map(CompletenessRow::of).collect(),
        profiles: f.profiles,
        provider_submitters: f.provider_submitters,
        rows: published.rows,
        index: published.index,
    })
}

/// How unequal a measure's results are across the groups of one stratifier, at one scope.
#[derive(Debug, Clone, Serialize)]
pub struct DisparityIndex {
    pub period: String,
    pub measure_id: String,
    pub provider_id: String,
    pub stratifier: String,
    /// The groups with a published rate that entered the index (`unknown` and `other`
    /// groups are not groups of people and are left out).
    pub groups: Vec<String>,
    /// Index of disparity: mean |group rate − overall rate| / overall rate, in percent.
    pub index: f64,
}

/// The index of disparity of every (period, measure, scope, stratifier) with at least two
/// groups, computed from the *published* rates (after suppression), so it reveals nothing
/// the public table does not.
pub fn disparity_index(public: &[ResultRow]) -> Vec<DisparityIndex> {
    let mut overall: BTreeMap<(&str, &str, &str), f64> = BTreeMap::new();
    let mut groups: BTreeMap<(&str, &str, &str, &str), Vec<(&str, f64)>> = BTreeMap::new();
    for r in public.iter().filter(|r| r.cm_type == ALL) {
        let Some(rate) = r.rate else { continue };
        if r.stratifier == ALL_STRATA {
            overall.insert((&r.period, &r.measure_id, &r.provider_id), rate);
        } else if r.stratum != "unknown" && r.stratum != "other" {
            groups.entry((&r.period, &r.measure_id, &r.provider_id, &r.stratifier)).or_default().push((&r.stratum, rate));
        }
    }
    groups
        .into_iter()
        .filter_map(|((period, measure, provider, stratifier), g)| {
            let o = *overall.get(&(period, measure, provider))?;
            let rates: Vec<f64> = g.iter().map(|(_, r)| *r).collect();
            let index = crate::stats::disparity::index_of_disparity(&rates, o)?;
            Some(DisparityIndex {
                period: period.to_string(),
                measure_id: measure.to_string(),
                provider_id: provider.to_string(),
                stratifier: stratifier.to_string(),
                groups: g.iter().map(|(s, _)| s.to_string()).collect(),
                index,
            })
        })
        .collect()
}

/// The statewide key of [`ResultRow`]s, for finding a STATE row among the published ones.
pub(crate) fn state_all<'a>(rows: &'a [ResultRow], period: &str, measure: &str) -> Option<&'a ResultRow> {
    rows.iter().find(|r| {
        r.period == period && r.measure_id == measure && r.provider_id == STATE && r.cm_type == ALL && r.stratifier == ALL_STRATA
    })
}
