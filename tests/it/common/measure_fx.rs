//! Measure fixtures: one reporting quarter's package (Hennepin, county-27053) holding every
//! record of a fixture, earlier quarters with only the provider rows (so that a measure's
//! window counts as loaded), and a run of the pipeline through the library, in-process, with
//! the site and the restricted outputs off. Used by the measure case files
//! (`measure_cases`) and the equity fixtures.
//!
//! The record builders here are the `rows::*` builders of [`super::fixture`] with the few
//! values a measure fixture states; every other column keeps the builder's default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::*;

/// The reporting quarter of every measure fixture: W = 2025-07-01 … 2026-06-30.
pub const PERIOD: &str = "2026Q2";
/// The three quarters before 2026Q2 (W is the four quarters ending with 2026Q2).
pub const BEFORE_4: &[&str] = &["2025Q3", "2025Q4", "2026Q1"];
/// The seven quarters before 2026Q2 (`cw-recurrence-12m` reads W and the 12 months before it).
pub const BEFORE_8: &[&str] = &["2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1"];
/// The default person's birth date (the `rows::person` default): an adult.
pub const ADULT: &str = "1958-04-12";
pub const STATE: &str = "STATE";
pub const ALL: &str = "ALL";

/// One fixture: providers, persons, and the records of the reporting quarter's package.
pub struct Fx {
    providers: Vec<Rec>,
    persons: BTreeMap<String, Rec>,
    records: Vec<Rec>,
    period: String,
    before: Vec<String>,
    next_id: u32,
}

impl Fx {
    /// `providers`: (provider_id, cm_types). HEN_PROV is a county provider, any other a
    /// private one. Reports on 2026Q2 with 2025Q3 … 2026Q1 loaded before it.
    pub fn new(providers: &[(&str, &str)]) -> Fx {
        let with_kinds: Vec<(&str, &str, &str)> = providers
            .iter()
            .map(|(id, types)| (*id, if *id == HEN_PROV { "county" } else { "private" }, *types))
            .collect();
        Fx::with_kinds(&with_kinds)
    }

    /// `providers`: (provider_id, provider_kind, cm_types).
    pub fn with_kinds(providers: &[(&str, &str, &str)]) -> Fx {
        let providers =
            providers.iter().map(|(id, kind, types)| rows::provider(id, kind).set("cm_types", *types)).collect();
        Fx {
            providers,
            persons: BTreeMap::new(),
            records: Vec::new(),
            period: PERIOD.to_string(),
            before: BEFORE_4.iter().map(|q| q.to_string()).collect(),
            next_id: 0,
        }
    }

    /// The reporting quarter (the package holding every record).
    pub fn period(mut self, period: &str) -> Fx {
        self.period = period.to_string();
        self
    }

    /// Only these quarters before the reporting one get a package (with the provider rows).
    pub fn quarters_before(mut self, quarters: &[&str]) -> Fx {
        self.before = quarters.iter().map(|q| q.to_string()).collect();
        self
    }

    /// Packages for the eight quarters 2024Q3 … 2026Q2 instead of four.
    pub fn eight_quarters(self) -> Fx {
        self.quarters_before(BEFORE_8)
    }

    /// Declares person `n`: the default person with `attrs` set (persons referenced by
    /// records and not declared are added as the default person, born 1958-04-12).
    pub fn person(&mut self, n: u64, attrs: &[(&str, &str)]) {
        let mut p = rows::person(&pid(n)).set("birth_date", ADULT);
        for (col, v) in attrs {
            p = p.set(col, *v);
        }
        self.persons.insert(pid(n), p);
    }

    /// Declares a persons.csv record as given (replacing an earlier one of the same id).
    pub fn person_rec(&mut self, rec: Rec) {
        self.persons.insert(rec.get("person_id").to_string(), rec);
    }

    /// Sets a person's birth date.
    pub fn born(&mut self, n: u64, birth: &str) {
        self.person(n, &[("birth_date", birth)]);
    }

    /// Adds a record to the reporting quarter's package; an empty key gets a fresh id
    /// (`X1`, `X2`, …), and the person it references is added to persons.csv if missing.
    pub fn add(&mut self, mut rec: Rec) {
        if rec.vals[0].is_empty() {
            self.next_id += 1;
            rec.vals[0] = format!("X{}", self.next_id);
        }
        let (header, _) = header_of(rec.file);
        if header.contains(&"person_id") {
            let p = rec.get("person_id").to_string();
            self.persons.entry(p.clone()).or_insert_with(|| rows::person(&p).set("birth_date", ADULT));
        }
        self.records.push(rec);
    }

    pub fn add_all(&mut self, recs: Vec<Rec>) {
        for r in recs {
            self.add(r);
        }
    }

    /// Writes the packages under `root`.
    pub fn write(&self, root: &Path) {
        for q in &self.before {
            let mut p = Pkg::new(HEN, q, 1);
            for pr in &self.providers {
                p.add(pr.clone());
            }
            p.write(root);
        }
        let mut p = Pkg::new(HEN, &self.period, 1);
        for pr in &self.providers {
            p.add(pr.clone());
        }
        for person in self.persons.values() {
            p.add(person.clone());
        }
        for r in &self.records {
            p.add(r.clone());
        }
        p.write(root);
    }

    /// Writes the packages, runs the pipeline in-process (site and restricted outputs off),
    /// checks that every package loaded and nothing was quarantined (so the fixture is what
    /// its comments say), and returns the output folder.
    pub fn run(&self) -> MeasureRun {
        let tmp = TempDir::new().expect("temp dir");
        let input = tmp.path().join("in");
        self.write(&input);
        let out = tmp.path().join("out");
        run_library(&input, &out).unwrap_or_else(|e| panic!("the pipeline failed on the fixture: {e}"));
        let (report, quarantine, _) = read_out(&out);
        for pkg in &report.packages {
            assert_eq!(pkg.status, "loaded", "{} {}: {}", pkg.submitter_id, pkg.period, pkg.message);
        }
        assert!(quarantine.is_empty(), "the fixture should load whole, quarantined: {quarantine:#?}");
        MeasureRun { _tmp: tmp, out }
    }
}

/// The output of one fixture run (its temporary folder lives as long as this).
pub struct MeasureRun {
    _tmp: TempDir,
    pub out: PathBuf,
}

/// The repository root (where `measures/`, `sample-data/` and `tests/` are).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `casecard::run::run` on `input` into `out` with the repository's measure definitions, the
/// site and the restricted outputs off, on a runtime of its own.
pub fn run_library(input: &Path, out: &Path) -> Result<casecard::run::RunSummary, casecard::run::RunError> {
    let opts = casecard::run::RunOptions {
        input: input.to_path_buf(),
        out: out.to_path_buf(),
        period: None,
        measures: Some(repo_root().join("measures")),
        site: false,
        restricted: false,
        cluster: None,
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio runtime");
    rt.block_on(casecard::run::run(&opts))
}

// ---------------------------------------------------------------------------------------
// Records of a measure fixture (`Pn` is `pid(n)`).

/// An episode of person `who`; payer MCO for the CC-* types, FFS otherwise.
pub fn episode(id: &str, who: u64, provider: &str, cm_type: &str, start: &str, end: &str) -> Rec {
    rows::episode(id, &pid(who), provider)
        .set("cm_type", cm_type)
        .set("start_date", start)
        .set("end_date", end)
        .set("payer", payer_of(cm_type))
}

/// The payer an episode of `cm_type` gets unless stated: MCO for the CC-* types, else FFS.
pub fn payer_of(cm_type: &str) -> &'static str {
    if cm_type.starts_with("CC-") {
        "MCO"
    } else {
        "FFS"
    }
}

/// An in-person contact with the person by cmid(1), of episode `ep`.
pub fn contact(ep: &str, who: u64, provider: &str, date: &str) -> Rec {
    rows::contact("", ep, &pid(who), provider).set("contact_date", date)
}

/// An assessments.csv record (`kind`: assessment, mnchoices, hra, care_plan, plan_review, …).
pub fn record(ep: &str, who: u64, provider: &str, kind: &str, date: &str) -> Rec {
    rows::assessment("", ep, &pid(who), provider).set("kind", kind).set("completed_date", date)
}

pub fn event(who: u64, kind: &str, start: &str, end: &str) -> Rec {
    rows::event("", &pid(who)).set("kind", kind).set("start_date", start).set("end_date", end)
}

pub fn survey(who: u64, provider: &str, cm_type: &str, date: &str, overall: &str) -> Rec {
    rows::survey("", &pid(who), provider).set("cm_type", cm_type).set("survey_date", date).set("overall", overall)
}

// ---------------------------------------------------------------------------------------
// Reading results/measure_results.parquet.

/// One row of measure_results, by column name.
pub type ResultRow = BTreeMap<String, Cell>;

/// All rows of `results/measure_results.parquet` under an output folder.
pub fn measure_results(out: &Path) -> Vec<ResultRow> {
    let path = out.join("results").join("measure_results.parquet");
    assert!(path.is_file(), "{} was not written", path.display());
    read_parquet(&path).1
}

pub fn text_of<'a>(row: &'a ResultRow, col: &str) -> &'a str {
    match row.get(col) {
        Some(Cell::Str(v)) => v,
        other => panic!("measure_results.{col}: expected text, got {other:?} in {row:?}"),
    }
}

pub fn int(row: &ResultRow, col: &str) -> i64 {
    match row.get(col) {
        Some(Cell::Int(v)) => *v,
        other => panic!("measure_results.{col}: expected an integer, got {other:?} in {row:?}"),
    }
}

pub fn float(row: &ResultRow, col: &str) -> Option<f64> {
    match row.get(col) {
        Some(Cell::Float(v)) => Some(*v),
        Some(Cell::Null) => None,
        other => panic!("measure_results.{col}: expected a float or null, got {other:?} in {row:?}"),
    }
}

pub fn boolean(row: &ResultRow, col: &str) -> Option<bool> {
    match row.get(col) {
        Some(Cell::Bool(v)) => Some(*v),
        Some(Cell::Null) => None,
        other => panic!("measure_results.{col}: expected a boolean or null, got {other:?} in {row:?}"),
    }
}
