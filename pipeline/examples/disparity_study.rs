//! A study, not a check (run it with `cargo run --release --example disparity_study`): how
//! often gaps are flagged on generated data with no planted disparity, over several seeds,
//! and how often the planted one is found when it is there.
//!
//! "False flag" here means flagged where nothing was planted. The generator still makes real
//! differences between groups (children get more contacts than adults, programs differ, and
//! language groups are spread unevenly over programs and providers), and gaps are not
//! adjusted for any of that, so the rate below is an upper bound on truly false flags.
//!
//! Each data set is generated with `casecard::generate` (as `casecard generate --seed S
//! --persons 8000 [--no-disparities]` would) and run through the library with the site and
//! the restricted outputs off: only `results/measure_results.parquet` is read.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;

use casecard::generate::{generate, GenerateOptions};
use casecard::run::{run, RunOptions};
use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use tempfile::TempDir;

const SEEDS: std::ops::Range<u64> = 101..109;
const PERSONS: u64 = 8000;

#[derive(Default)]
struct Tally {
    tested: usize,
    flagged: usize,
}

/// The columns of `measure_results.parquet` this study reads, one struct per row.
struct Row {
    period: String,
    measure_id: String,
    provider_id: String,
    stratifier: String,
    stratum: String,
    /// `gap_p` is not null: the row was tested.
    tested: bool,
    flagged: bool,
}

fn read_rows(path: &Path) -> Vec<Row> {
    let f = File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = ParquetRecordBatchReaderBuilder::try_new(f).expect("parquet").build().expect("parquet reader");
    let mut rows = Vec::new();
    for batch in reader {
        let b = batch.expect("parquet batch");
        let text = |name: &str| {
            let c = cast(b.column_by_name(name).unwrap_or_else(|| panic!("no column {name}")), &DataType::Utf8).unwrap();
            let a = c.as_string::<i32>();
            (0..a.len()).map(|i| if a.is_null(i) { String::new() } else { a.value(i).to_string() }).collect::<Vec<_>>()
        };
        let (period, measure, provider, stratifier, stratum) =
            (text("period"), text("measure_id"), text("provider_id"), text("stratifier"), text("stratum"));
        let gap_p = b.column_by_name("gap_p").expect("gap_p");
        let flagged = b.column_by_name("flagged").expect("flagged").as_boolean().clone();
        for i in 0..b.num_rows() {
            rows.push(Row {
                period: period[i].clone(),
                measure_id: measure[i].clone(),
                provider_id: provider[i].clone(),
                stratifier: stratifier[i].clone(),
                stratum: stratum[i].clone(),
                tested: !gap_p.is_null(i),
                flagged: !flagged.is_null(i) && flagged.value(i),
            });
        }
    }
    rows
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    let mut by_stratifier: BTreeMap<String, Tally> = BTreeMap::new();
    let mut planted_found = 0;
    let mut planted_flagged_without = 0;
    for seed in SEEDS {
        for disparities in [false, true] {
            let input = TempDir::new().unwrap();
            let gen = GenerateOptions {
                out: input.path().to_path_buf(),
                seed,
                persons: PERSONS,
                from: "2024Q3".parse().unwrap(),
                to: "2026Q2".parse().unwrap(),
                bad_rows_per_reason: 0,
                disparities,
            };
            generate(&gen).expect("generate");
            let out = TempDir::new().unwrap();
            let opts = RunOptions {
                input: input.path().to_path_buf(),
                out: out.path().join("out"),
                period: None,
                measures: Some(repo.join("measures")),
                site: false,
                restricted: false,
                cluster: None,
            };
            rt.block_on(run(&opts)).expect("pipeline runs");
            let rows = read_rows(&opts.out.join("results/measure_results.parquet"));
            let last = rows.iter().map(|r| r.period.clone()).max().unwrap();
            for row in rows.iter().filter(|r| r.period == last && r.stratifier != "all") {
                let planted_cell = row.measure_id == "contact-monthly"
                    && row.provider_id == "8249897677"
                    && row.stratifier == "language"
                    && row.stratum == "som";
                if planted_cell {
                    if disparities {
                        planted_found += usize::from(row.flagged);
                    } else {
                        planted_flagged_without += usize::from(row.flagged);
                    }
                }
                if disparities || !row.tested {
                    continue;
                }
                let scope = if row.provider_id == "STATE" { "state" } else { "provider" };
                let t = by_stratifier.entry(format!("{} @ {scope}", row.stratifier)).or_default();
                t.tested += 1;
                t.flagged += usize::from(row.flagged);
            }
        }
    }
    let n = SEEDS.count();
    println!("seeds {}..{} ({n} data sets of {PERSONS} persons each way), last period, all measures:", SEEDS.start, SEEDS.end - 1);
    println!("{:<28} {:>8} {:>8} {:>8}", "stratifier @ scope", "tested", "flagged", "rate");
    let (mut tested, mut flagged) = (0, 0);
    for (k, t) in &by_stratifier {
        tested += t.tested;
        flagged += t.flagged;
        println!("{k:<28} {:>8} {:>8} {:>7.2}%", t.tested, t.flagged, 100.0 * t.flagged as f64 / t.tested.max(1) as f64);
    }
    println!("{:<28} {tested:>8} {flagged:>8} {:>7.2}%", "all", 100.0 * flagged as f64 / tested.max(1) as f64);
    println!("planted gap (Hennepin, som, contact-monthly) flagged: {planted_found} of {n} with it planted, {planted_flagged_without} of {n} without");
}
