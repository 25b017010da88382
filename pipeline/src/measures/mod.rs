//! The measure stage: warehouse → one result row per (period, measure, provider, cm_type).
//!
//! Every measure is data (see [`definition`]): a denominator query returning one row per
//! unit with its provider and scope, and a numerator query returning the units that meet the
//! measure. This module runs them for every period whose window the data covers, counts
//! them in DataFusion, fits the risk model for adjusted measures, and turns the counts into
//! rates, intervals and comparison categories with [`crate::stats`].

pub mod definition;
pub mod engine;
pub mod results;
pub mod strata;
pub mod window;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use definition::{load, Definition, MeasureSet};
pub use results::ResultRow;

use crate::period::Period;

#[derive(Debug, thiserror::Error)]
pub enum MeasureError {
    #[error(transparent)]
    Definition(#[from] definition::DefinitionError),
    #[error("{path}: sql.{part}: {message}")]
    Sql { path: PathBuf, part: &'static str, message: String },
    #[error("{path}: {message}")]
    Shape { path: PathBuf, message: String },
    #[error(transparent)]
    DataFusion(#[from] datafusion::error::DataFusionError),
    #[error(transparent)]
    Arrow(#[from] datafusion::arrow::error::ArrowError),
    #[error(transparent)]
    Parquet(#[from] datafusion::parquet::errors::ParquetError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// The result of this module's operations.
pub type Result<T, E = MeasureError> = std::result::Result<T, E>;

/// Something a reader of the results must know: a period a measure could not be computed
/// for, or a risk model that failed so the measure is published unadjusted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub period: String,
    pub measure_id: String,
    pub kind: NoteKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// The window reads a quarter with no loaded package: no rows for that period.
    NotComputed,
    /// The risk model failed: the measure's rows carry no expected, O/E or RSR.
    Unadjusted,
}

/// A fitted risk model, published so analysts can see what the adjustment did and why the
/// model looks the way it does (measures.md v2, `results/risk_models.json`).
#[derive(Debug, Clone, Serialize)]
pub struct RiskModel {
    pub period: String,
    pub measure_id: String,
    /// `ml` (maximum likelihood) or `firth` (bias-reduced, after the ML fit separated).
    pub estimator: crate::stats::logistic::Estimator,
    /// Why maximum likelihood was set aside for Firth's estimator (Firth fits only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firth_reason: Option<String>,
    /// Rows the model was fitted on (the providers' `ALL` denominator rows), and how many of
    /// them met the measure.
    pub rows: u64,
    pub events: u64,
    /// Distinct covariate patterns among those rows (the size of the grouped fit).
    pub patterns: usize,
    pub iterations: usize,
    pub log_likelihood: f64,
    /// Area under the ROC curve of the predictions on the fitting rows.
    pub c_statistic: f64,
    /// Each fitted term with its coefficient (log-odds) and standard error.
    pub terms: Vec<ModelTerm>,
    pub reference_levels: std::collections::BTreeMap<String, String>,
    pub merged_levels: std::collections::BTreeMap<String, Vec<String>>,
    /// Terms constant over the fitting rows.
    pub dropped_terms: Vec<String>,
    /// Terms that are linear combinations of the terms before them (R's pivoted QR).
    pub aliased_terms: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelTerm {
    pub term: String,
    pub coefficient: f64,
    pub standard_error: f64,
}

impl RiskModel {
    pub fn new(def: &Definition, w: &window::Window, design: &crate::stats::design::Design, fit: &crate::stats::logistic::Fit) -> RiskModel {
        RiskModel {
            period: w.period.to_string(),
            measure_id: def.id.clone(),
            estimator: fit.estimator,
            firth_reason: fit.separation.as_ref().map(ToString::to_string),
            rows: fit.rows as u64,
            events: fit.events as u64,
            patterns: fit.patterns,
            iterations: fit.iterations,
            log_likelihood: fit.log_likelihood,
            c_statistic: fit.c_statistic,
            terms: fit
                .kept
                .iter()
                .zip(fit.coef.iter().zip(&fit.se))
                .map(|(&j, (&coefficient, &standard_error))| ModelTerm { term: design.names[j].clone(), coefficient, standard_error })
                .collect(),
            reference_levels: design.reference.clone(),
            merged_levels: design.merged.clone(),
            dropped_terms: design.dropped.clone(),
            aliased_terms: fit.aliased.iter().map(|&j| design.names[j].clone()).collect(),
        }
    }
}

/// What the measure stage produced.
#[derive(Debug, Default)]
pub struct MeasureOutput {
    pub rows: Vec<ResultRow>,
    pub notes: Vec<Note>,
    pub models: Vec<RiskModel>,
}

/// measures.md: `gap_p` is the two-proportion p-value after Benjamini–Hochberg correction
/// over every (measure, scope, stratifier, stratum) test of one period; `flagged` when < 0.05.
fn correct_disparity_tests(rows: &mut [ResultRow]) {
    let mut by_period: std::collections::BTreeMap<String, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.gap_p.is_some()) {
        by_period.entry(r.period.clone()).or_default().push(i);
    }
    for idx in by_period.values() {
        let raw: Vec<f64> = idx.iter().map(|&i| rows[i].gap_p.expect("tested")).collect();
        for (&i, adjusted) in idx.iter().zip(crate::stats::disparity::benjamini_hochberg(&raw)) {
            rows[i].gap_p = Some(adjusted);
            rows[i].flagged = Some(adjusted < FLAG_LEVEL);
        }
    }
}

/// The corrected p-value below which a gap is flagged.
pub const FLAG_LEVEL: f64 = 0.05;

/// Computes every measure of `set` over the warehouse at `warehouse`, for each period up to
/// `reporting` whose window is covered by `loaded` quarters. With `cluster` a URL
/// (`df://HOST:PORT`) every measure query runs on that Ballista cluster; the statistics run
/// here as always.
pub async fn compute(
    set: &MeasureSet,
    warehouse: &Path,
    work: &Path,
    loaded: &BTreeSet<Period>,
    reporting: Period,
    cluster: Option<&str>,
) -> Result<MeasureOutput> {
    crate::toolkit::timing("measure stage start");
    let mut engine = engine::Engine::new(set, warehouse, work, cluster).await?;
    crate::toolkit::timing("warehouse registered");
    engine.check_all(reporting).await?;
    let mut out = MeasureOutput::default();
    for def in &set.measures {
        let (windows, missing) = window::coverable(loaded, reporting, def.lookback_quarters);
        for (period, quarter) in missing {
            out.notes.push(Note {
                period: period.to_string(),
                measure_id: def.id.clone(),
                kind: NoteKind::NotComputed,
                message: format!(
                    "not computed for {period}: its window reads {quarter}, and no package for {quarter} was loaded"
                ),
            });
        }
        engine.start_measure().await?;
        for w in windows {
            crate::toolkit::timing(&format!("measure {} {}", def.id, w.period));
            engine.measure(def, &w, &mut out).await?;
        }
    }
    out.rows.sort_by(|a, b| a.key().cmp(&b.key()));
    correct_disparity_tests(&mut out.rows);
    out.notes.sort_by(|a, b| (&a.period, &a.measure_id).cmp(&(&b.period, &b.measure_id)));
    Ok(out)
}
