//! `results/measure_results.parquet` (outputs.md): one row per (period, measure, provider,
//! cm_type, stratifier, stratum), unsuppressed, for the state's own analysts.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::parquet::arrow::ArrowWriter;

/// The provider id of statewide rows.
pub const STATE: &str = "STATE";
/// The cm_type of rows that span types.
pub const ALL: &str = "ALL";

/// One row of `measure_results`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultRow {
    pub period: String,
    pub measure_id: String,
    pub provider_id: String,
    pub cm_type: String,
    pub stratifier: String,
    pub stratum: String,
    pub denominator: Option<i64>,
    pub numerator: Option<i64>,
    pub rate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub expected: Option<f64>,
    pub oe: Option<f64>,
    pub rsr: Option<f64>,
    pub rsr_low: Option<f64>,
    pub rsr_high: Option<f64>,
    /// Which comparison the row's expected, O/E and RSR come from (measures.md v2).
    pub adjustment: Adjustment,
    pub category: Option<String>,
    pub gap: Option<f64>,
    pub gap_p: Option<f64>,
    pub flagged: Option<bool>,
    pub suppressed: bool,
    /// Not a column: the fewest units of one cm_type behind this row's type-standardized
    /// expected. Where that is a small number, the expected (and everything that gives it
    /// back: O/E, RSR) could be solved for it, so suppression hides them (measures.md: no
    /// count of 1 to 10 may be derivable from what is published).
    pub min_type_count: Option<u64>,
}

/// measures.md "Risk adjustment": `risk` on every row of a measure whose model was fitted
/// for the period; otherwise `type` (standardized for the mix of cm_types) on `ALL` rows and
/// their strata and `none` on cm_type rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Adjustment {
    Risk,
    Type,
    #[default]
    None,
}

impl Adjustment {
    /// The code written to `measure_results.adjustment`.
    pub fn code(self) -> &'static str {
        match self {
            Adjustment::Risk => "risk",
            Adjustment::Type => "type",
            Adjustment::None => "none",
        }
    }

    /// Whether the row carries expected, O/E and RSR, and is categorized on the RSR interval.
    pub fn is_adjusted(self) -> bool {
        self != Adjustment::None
    }
}

impl ResultRow {
    /// The sort key of the file: stable across runs.
    pub fn key(&self) -> (&str, &str, &str, &str, &str, &str) {
        (&self.period, &self.measure_id, &self.provider_id, &self.cm_type, &self.stratifier, &self.stratum)
    }
}

/// The schema of `measure_results`, in the column order of outputs.md.
pub fn schema() -> SchemaRef {
    let s = |n: &str| Field::new(n, DataType::Utf8, false);
    let f = |n: &str| Field::new(n, DataType::Float64, true);
    Arc::new(Schema::new(vec![
        s("period"),
        s("measure_id"),
        s("provider_id"),
        s("cm_type"),
        s("stratifier"),
        s("stratum"),
        Field::new("denominator", DataType::Int64, true),
        Field::new("numerator", DataType::Int64, true),
        f("rate"),
        f("ci_low"),
        f("ci_high"),
        f("expected"),
        f("oe"),
        f("rsr"),
        f("rsr_low"),
        f("rsr_high"),
        s("adjustment"),
        Field::new("category", DataType::Utf8, true),
        f("gap"),
        f("gap_p"),
        Field::new("flagged", DataType::Boolean, true),
        Field::new("suppressed", DataType::Boolean, false),
    ]))
}

/// The rows as one record batch.
pub fn to_batch(rows: &[ResultRow]) -> Result<RecordBatch, datafusion::arrow::error::ArrowError> {
    let text = |f: fn(&ResultRow) -> &str| Arc::new(StringArray::from_iter_values(rows.iter().map(f))) as ArrayRef;
    let num = |f: fn(&ResultRow) -> Option<f64>| Arc::new(Float64Array::from_iter(rows.iter().map(f))) as ArrayRef;
    let columns: Vec<ArrayRef> = vec![
        text(|r| &r.period),
        text(|r| &r.measure_id),
        text(|r| &r.provider_id),
        text(|r| &r.cm_type),
        text(|r| &r.stratifier),
        text(|r| &r.stratum),
        Arc::new(Int64Array::from_iter(rows.iter().map(|r| r.denominator))),
        Arc::new(Int64Array::from_iter(rows.iter().map(|r| r.numerator))),
        num(|r| r.rate),
        num(|r| r.ci_low),
        num(|r| r.ci_high),
        num(|r| r.expected),
        num(|r| r.oe),
        num(|r| r.rsr),
        num(|r| r.rsr_low),
        num(|r| r.rsr_high),
        text(|r| r.adjustment.code()),
        Arc::new(StringArray::from_iter(rows.iter().map(|r| r.category.as_deref()))),
        num(|r| r.gap),
        num(|r| r.gap_p),
        Arc::new(BooleanArray::from_iter(rows.iter().map(|r| r.flagged))),
        Arc::new(BooleanArray::from_iter(rows.iter().map(|r| Some(r.suppressed)))),
    ];
    RecordBatch::try_new(schema(), columns)
}

/// Writes `rows` as CSV with the same columns; a missing value is an empty field.
pub fn write_csv(rows: &[ResultRow], path: &Path) -> Result<(), super::MeasureError> {
    let io = |source: std::io::Error| super::MeasureError::Io { path: path.to_path_buf(), source };
    let mut w = csv::Writer::from_path(path).map_err(|e| io(e.into()))?;
    let header: Vec<String> = schema().fields().iter().map(|f| f.name().clone()).collect();
    w.write_record(&header).map_err(|e| io(e.into()))?;
    let f = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let i = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    for r in rows {
        let record = [
            r.period.clone(),
            r.measure_id.clone(),
            r.provider_id.clone(),
            r.cm_type.clone(),
            r.stratifier.clone(),
            r.stratum.clone(),
            i(r.denominator),
            i(r.numerator),
            f(r.rate),
            f(r.ci_low),
            f(r.ci_high),
            f(r.expected),
            f(r.oe),
            f(r.rsr),
            f(r.rsr_low),
            f(r.rsr_high),
            r.adjustment.code().to_string(),
            r.category.clone().unwrap_or_default(),
            f(r.gap),
            f(r.gap_p),
            r.flagged.map(|b| b.to_string()).unwrap_or_default(),
            r.suppressed.to_string(),
        ];
        w.write_record(&record).map_err(|e| io(e.into()))?;
    }
    w.flush().map_err(io)?;
    Ok(())
}

/// Writes `rows` (already in file order) as one Parquet file.
pub fn write_parquet(rows: &[ResultRow], path: &Path) -> Result<(), super::MeasureError> {
    let io = |source| super::MeasureError::Io { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let file = File::create(path).map_err(io)?;
    let mut w = ArrowWriter::try_new(file, schema(), Some(crate::toolkit::writer_properties()))?;
    for chunk in rows.chunks(8192) {
        w.write(&to_batch(chunk)?)?;
    }
    w.close()?;
    Ok(())
}
