//! The public downloads under `site/downloads/`: the suppressed results as CSV, JSON and
//! Parquet, the disparity index and funnel limits, a data dictionary and a metadata file.
//! All of them hold exactly what the public CSV holds: the Parquet is written from the
//! suppressed rows, never copied from the analysts' file.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::names::submitter_name;
use super::views::{DictionaryColumn, DownloadFile};
use super::{SiteError, SiteInput, Writer};
use crate::ingest::report::Status;
use crate::measures::results;
use crate::measures::window::Window;
use crate::period::Period;

/// A stable id for the dataset, the same in every release, so catalogs can track it.
pub const DATASET_ID: &str = "mn-case-management-quality-measures";

/// Days after the end of a quarter by which its results are expected: extracts are due 45
/// days after the quarter ends, and publishing follows within 30 days.
pub const PUBLISH_LAG_DAYS: u64 = 75;

/// When the next quarter's results are expected: deterministic from the period, so a re-run
/// writes the same bytes.
pub fn next_update(reporting: Period) -> NaiveDate {
    reporting.next().last_day() + Days::new(PUBLISH_LAG_DAYS)
}

pub(super) fn listing() -> Vec<DownloadFile> {
    let f = |href: &str, name: &str, format: &str, about: &str| DownloadFile {
        href: format!("downloads/{href}"),
        name: name.into(),
        format: format.into(),
        about: about.into(),
    };
    vec![
        f("measure_results.csv", "Measure results", "CSV", "Every published result: one row per quarter, measure, provider, type of case management and group. Small numbers are suppressed."),
        f("measure_results.json", "Measure results", "JSON", "The same rows as the CSV: the column names once (\"columns\"), then one array per row (\"data\")."),
        f("measure_results.parquet", "Measure results", "Parquet", "The same rows as the CSV, for analysis tools."),
        f("disparity_index.json", "Index of disparity", "JSON", "For each measure, scope and grouping: the average distance of the groups' published results from the overall result."),
        f("funnel_limits.json", "Funnel plot limits", "JSON", "The 95% and 99.8% control limits around each statewide result."),
        f("data_dictionary.csv", "Data dictionary", "CSV", "What each column of the results means (also on the data dictionary page)."),
        f("metadata.json", "Metadata", "JSON", "Dataset id, reporting period, data sources, file checksums and the date of the next expected update."),
    ]
}

/// The columns of `measure_results`, described for the public.
pub(super) fn dictionary() -> Vec<DictionaryColumn> {
    let c = |name, kind, about| DictionaryColumn { name, kind, about };
    vec![
        c("period", "text", "Reporting quarter, YYYYQn. Results cover the 12 months ending on the quarter's last day."),
        c("measure_id", "text", "The measure (see the measure pages)."),
        c("provider_id", "text", "The provider's 10-digit id, or STATE for the statewide row."),
        c("cm_type", "text", "Type of case management, or ALL where the row spans every type."),
        c("stratifier", "text", "The grouping: all, race_ethnicity, language, interpreter, age_band, sex, region or tribal."),
        c("stratum", "text", "The group within the grouping; all for the whole population."),
        c("denominator", "integer", "People or events counted. Blank when suppressed."),
        c("numerator", "integer", "Those among the denominator who met the measure. Blank when suppressed."),
        c("rate", "decimal", "numerator / denominator. Rounded to a whole percent when the counts are suppressed; blank when the denominator is under 30."),
        c("ci_low", "decimal", "Lower end of the 95% Wilson score interval of the rate."),
        c("ci_high", "decimal", "Upper end of the 95% Wilson score interval of the rate."),
        c("expected", "decimal", "Expected number meeting the measure: from the risk model (adjustment risk), or the sum over the row's people of the statewide rate of their type of case management (adjustment type). Blank where adjustment is none."),
        c("oe", "decimal", "Observed / expected."),
        c("rsr", "decimal", "Standardized rate: O/E times the statewide rate of the same scope."),
        c("rsr_low", "decimal", "Lower end of the 95% interval of the standardized rate (Byar's method)."),
        c("rsr_high", "decimal", "Upper end of the 95% interval of the standardized rate."),
        c("adjustment", "text", "risk: compared after risk adjustment for the health and needs of the people served; type: compared with what providers serving the same types of case management achieve (ALL rows); none: compared as is (rows of one type)."),
        c("category", "text", "better, no different, worse (than the state), or too few (denominator under 30). Blank for statewide and group rows."),
        c("gap", "decimal", "Group rate minus the rate of everyone else at the same scope (group rows only)."),
        c("gap_p", "decimal", "p-value of the two-proportion test of the gap, Benjamini-Hochberg corrected over the quarter."),
        c("flagged", "boolean", "true when gap_p is under 0.05."),
        c("suppressed", "boolean", "true when any cell of the row is blank because of small numbers."),
    ]
}

#[derive(Serialize)]
struct Metadata {
    dataset_id: &'static str,
    title: &'static str,
    description: &'static str,
    publisher: &'static str,
    reporting_period: String,
    window_start: String,
    window_end: String,
    periods_included: Vec<String>,
    measures: Vec<String>,
    sources: Vec<Source>,
    suppression: &'static str,
    next_expected_update: String,
    files: Vec<FileSum>,
}

#[derive(Serialize)]
struct Source {
    submitter_id: String,
    name: String,
    periods_loaded: Vec<String>,
}

#[derive(Serialize)]
struct FileSum {
    name: String,
    sha256: String,
    bytes: u64,
}

pub fn write_all(input: &SiteInput, w: &mut Writer) -> Result<(), SiteError> {
    let err = |e: &dyn std::fmt::Display| SiteError::Downloads(e.to_string());
    std::fs::create_dir_all(w.path("downloads")).map_err(|source| SiteError::Io { path: w.path("downloads"), source })?;
    results::write_csv(&input.public.rows, &w.path("downloads/measure_results.csv")).map_err(|e| err(&e))?;
    results::write_parquet(&input.public.rows, &w.path("downloads/measure_results.parquet")).map_err(|e| err(&e))?;
    // Columns once, then one array per row (pandas' "split" orientation): a third of the
    // size of an array of objects, and read by the same tools.
    let columns: Vec<String> = results::schema().fields().iter().map(|f| f.name().clone()).collect();
    let data: Vec<serde_json::Value> = input.public.rows.iter().map(row_json).collect();
    let json = serde_json::json!({ "columns": columns, "data": data });
    w.file("downloads/measure_results.json", (serde_json::to_string(&json).map_err(|e| err(&e))? + "\n").as_bytes())?;
    w.file("downloads/disparity_index.json", (serde_json::to_string_pretty(&input.public.index).map_err(|e| err(&e))? + "\n").as_bytes())?;
    w.file("downloads/funnel_limits.json", (serde_json::to_string(&input.public.funnels).map_err(|e| err(&e))? + "\n").as_bytes())?;
    let mut dict = csv::Writer::from_writer(Vec::new());
    dict.write_record(["column", "type", "meaning"]).map_err(|e| err(&e))?;
    for c in dictionary() {
        dict.write_record([c.name, c.kind, c.about]).map_err(|e| err(&e))?;
    }
    w.file("downloads/data_dictionary.csv", &dict.into_inner().map_err(|e| err(&e))?)?;

    let mut files = Vec::new();
    for f in listing().iter().filter(|f| !f.href.ends_with("metadata.json")) {
        let bytes = std::fs::read(w.path(&f.href)).map_err(|source| SiteError::Io { path: w.path(&f.href), source })?;
        files.push(FileSum {
            name: f.href.trim_start_matches("downloads/").to_string(),
            sha256: format!("{:x}", Sha256::digest(&bytes)),
            bytes: bytes.len() as u64,
        });
    }
    let mut sources: std::collections::BTreeMap<&str, std::collections::BTreeSet<String>> = Default::default();
    for p in input.public.packages.iter().filter(|p| p.status == Status::Loaded) {
        sources.entry(&p.submitter_id).or_default().insert(p.period.clone());
    }
    let periods: std::collections::BTreeSet<&str> = input.public.rows.iter().map(|r| r.period.as_str()).collect();
    let win = Window::of(input.public.reporting, 0);
    let meta = Metadata {
        dataset_id: DATASET_ID,
        title: "Minnesota case management quality measures",
        description: "Quality measures for Medical Assistance case management providers in Minnesota (counties, tribal nations, contracted agencies and health plans), statewide and by provider, type of case management and population group, after small-number suppression.",
        publisher: "State of Minnesota, Department of Human Services",
        reporting_period: input.public.reporting.to_string(),
        window_start: win.start.to_string(),
        window_end: win.end.to_string(),
        periods_included: periods.into_iter().map(str::to_string).collect(),
        measures: input.definitions.measures.iter().map(|d| d.id.clone()).collect(),
        sources: sources
            .into_iter()
            .map(|(id, ps)| Source { submitter_id: id.to_string(), name: submitter_name(id), periods_loaded: ps.into_iter().collect() })
            .collect(),
        suppression: "Rates need a denominator of at least 30. Counts are shown only when the numerator and the denominator minus the numerator are 0 or at least 11; otherwise counts, intervals, expected and O/E are blank and the rate is rounded to a whole percent. Expected, O/E and the standardized rate of a type-standardized row are blank where a type of case management behind it has 1 to 10 people. A second cell is suppressed where one blank cell could be recovered by subtraction.",
        next_expected_update: next_update(input.public.reporting).to_string(),
        files,
    };
    w.file("downloads/metadata.json", (serde_json::to_string_pretty(&meta).map_err(|e| err(&e))? + "\n").as_bytes())
}

/// One result row as a JSON array in the CSV's column order (blanks are null).
fn row_json(r: &results::ResultRow) -> serde_json::Value {
    serde_json::json!([
        r.period, r.measure_id, r.provider_id, r.cm_type, r.stratifier, r.stratum, r.denominator, r.numerator,
        r.rate, r.ci_low, r.ci_high, r.expected, r.oe, r.rsr, r.rsr_low, r.rsr_high, r.adjustment.code(), r.category, r.gap,
        r.gap_p, r.flagged, r.suppressed,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_update_is_75_days_after_the_next_quarter() {
        // 2026Q2 → 2026Q3 ends 2026-09-30; + 75 days = 2026-12-14.
        assert_eq!(next_update("2026Q2".parse().unwrap()).to_string(), "2026-12-14");
        assert_eq!(next_update("2026Q4".parse().unwrap()).to_string(), "2027-06-14");
    }
}
