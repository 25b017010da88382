//! Measure set v1 on small hand-built fixtures: every expected denominator and numerator
//! below was worked out by hand from `shared/spec/measures.md` ("Common terms", "Measure set
//! v1") as read by `measures/INTERPRETATION.md`, independently of the measure engine.
//!
//! Every fixture reports on 2026Q2, so W = 2025-07-01 … 2026-06-30 (12 calendar months,
//! 2025-07 … 2026-06). The quarters before 2026Q2 that a measure reads get a valid package
//! holding only the provider rows (a quarter counts as loaded when one of its packages
//! loaded); all real records sit in the 2026Q2 package (records dated in earlier quarters are
//! accepted there; nothing is dated after 2026-06-30, which would be `date_out_of_range`).
//!
//! Two providers, both in Hennepin's packages: A = 2705300001 (county) and B = 2705300002
//! (private); each fixture sets their `cm_types`. `Pn` below is `pid(n)`. Episodes use
//! explicit ids (E1, E2, …); other records get generated ids.
//!
//! Besides the (denominator, numerator) tables, every run checks on every unstratified row of
//! 2026Q2: stratum `all`, 0 ≤ numerator ≤ denominator, `rate` = numerator / denominator when
//! the denominator is positive, a null `category` on STATE rows and `too few` on provider rows
//! with a denominator under 30 (all of them here), and one row per (measure, provider,
//! cm_type).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use tempfile::TempDir;

const PERIOD: &str = "2026Q2";
const A: &str = HEN_PROV;
const B: &str = HEN_PROV2;
const STATE: &str = "STATE";
const ALL: &str = "ALL";
const ADULT: &str = "1958-04-12";

/// The three quarters before 2026Q2 (W is the four quarters ending with 2026Q2).
const BEFORE_4: &[&str] = &["2025Q3", "2025Q4", "2026Q1"];
/// The seven quarters before 2026Q2 (`cw-recurrence-12m` reads W and the 12 months before it).
const BEFORE_8: &[&str] = &["2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1"];

// ---------------------------------------------------------------------------------------
// Reading measure_results.parquet.

/// (period, measure_id, provider_id, cm_type).
type Key = (String, String, String, String);

fn int(row: &BTreeMap<String, Cell>, col: &str) -> i64 {
    match row.get(col) {
        Some(Cell::Int(v)) => *v,
        other => panic!("measure_results.{col}: expected an integer, got {other:?} in {row:?}"),
    }
}

fn text_of<'a>(row: &'a BTreeMap<String, Cell>, col: &str) -> &'a str {
    match row.get(col) {
        Some(Cell::Str(v)) => v,
        other => panic!("measure_results.{col}: expected text, got {other:?} in {row:?}"),
    }
}

fn key_of(row: &BTreeMap<String, Cell>) -> Key {
    (
        text_of(row, "period").to_string(),
        text_of(row, "measure_id").to_string(),
        text_of(row, "provider_id").to_string(),
        text_of(row, "cm_type").to_string(),
    )
}

/// The unstratified (`stratifier` = `all`) rows of `results/measure_results.parquet` under
/// an output folder.
fn unstratified_rows(out: &Path) -> Vec<BTreeMap<String, Cell>> {
    let path = out.join("results").join("measure_results.parquet");
    assert!(path.is_file(), "{} was not written", path.display());
    let (_, rows) = read_parquet(&path);
    rows.into_iter().filter(|r| text_of(r, "stratifier") == "all").collect()
}

/// (period, measure_id, provider_id, cm_type) → (denominator, numerator) of the unstratified
/// rows of `results/measure_results.parquet` under an output folder.
fn measure_counts(out: &Path) -> BTreeMap<Key, (i64, i64)> {
    let mut map = BTreeMap::new();
    for r in unstratified_rows(out) {
        let k = key_of(&r);
        let v = (int(&r, "denominator"), int(&r, "numerator"));
        if let Some(prev) = map.insert(k.clone(), v) {
            panic!("two unstratified rows for {k:?}: {prev:?} and {v:?}");
        }
    }
    map
}

/// What one run of a fixture produced: the unstratified rows of 2026Q2.
struct Results {
    rows: Vec<BTreeMap<String, Cell>>,
    counts: BTreeMap<Key, (i64, i64)>,
}

impl Results {
    fn read(out: &Path) -> Results {
        let counts: BTreeMap<Key, (i64, i64)> =
            measure_counts(out).into_iter().filter(|(k, _)| k.0 == PERIOD).collect();
        let rows: Vec<_> = unstratified_rows(out).into_iter().filter(|r| text_of(r, "period") == PERIOD).collect();
        let res = Results { rows, counts };
        res.check_rows();
        res
    }

    /// Rules that hold for every unstratified row (measures.md "Risk adjustment", "Small
    /// numbers"; outputs.md): see the module comment.
    fn check_rows(&self) {
        for r in &self.rows {
            let k = key_of(r);
            assert_eq!(text_of(r, "stratum"), "all", "{k:?}: the unstratified row has stratum `all`");
            let (den, num) = (int(r, "denominator"), int(r, "numerator"));
            assert!(0 <= num && num <= den, "{k:?}: numerator {num} must be within 0..=denominator {den}");
            if den > 0 {
                match r.get("rate") {
                    Some(Cell::Float(rate)) => assert!(
                        (rate - num as f64 / den as f64).abs() < 1e-9,
                        "{k:?}: rate {rate} is not the unadjusted {num}/{den}"
                    ),
                    other => panic!("{k:?}: rate {other:?} with denominator {den}"),
                }
            }
            let category = r.get("category").cloned().unwrap_or(Cell::Null);
            if k.2 == STATE {
                assert_eq!(category, Cell::Null, "{k:?}: STATE rows have a null category");
            } else if den < 30 {
                assert_eq!(category, s("too few"), "{k:?}: denominator {den} < 30 is `too few`");
            }
        }
    }

    fn measure_rows(&self, measure: &str) -> String {
        self.counts
            .iter()
            .filter(|(k, _)| k.1 == measure)
            .map(|(k, v)| format!("  {} {}: {v:?}", k.2, k.3))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Asserts (denominator, numerator) of each (provider, cm_type) row of `measure`,
    /// reporting every mismatch at once.
    fn expect(&self, measure: &str, want: &[(&str, &str, i64, i64)]) {
        let mut bad = Vec::new();
        for (provider, cm_type, den, num) in want {
            let k = (PERIOD.to_string(), measure.to_string(), provider.to_string(), cm_type.to_string());
            match self.counts.get(&k) {
                Some(got) if *got == (*den, *num) => {}
                Some(got) => bad.push(format!(
                    "{provider} {cm_type}: expected (denominator, numerator) = ({den}, {num}), got {got:?}"
                )),
                None => bad.push(format!("{provider} {cm_type}: no row (expected ({den}, {num}))")),
            }
        }
        assert!(
            bad.is_empty(),
            "{measure} {PERIOD}:\n{}\nrows written:\n{}",
            bad.join("\n"),
            self.measure_rows(measure)
        );
    }

    /// Asserts that there is no unstratified row for (measure, provider, cm_type).
    fn absent(&self, measure: &str, provider: &str, cm_type: &str) {
        let k = (PERIOD.to_string(), measure.to_string(), provider.to_string(), cm_type.to_string());
        assert!(
            !self.counts.contains_key(&k),
            "{measure} {provider} {cm_type}: expected no row, got {:?}",
            self.counts[&k]
        );
    }

    fn category(&self, measure: &str, provider: &str, cm_type: &str) -> Cell {
        let r = self
            .rows
            .iter()
            .find(|r| {
                text_of(r, "measure_id") == measure && text_of(r, "provider_id") == provider && text_of(r, "cm_type") == cm_type
            })
            .unwrap_or_else(|| panic!("{measure} {provider} {cm_type}: no row"));
        r.get("category").cloned().unwrap_or(Cell::Null)
    }

    fn measures(&self) -> Vec<String> {
        let mut m: Vec<String> = self.counts.keys().map(|k| k.1.clone()).collect();
        m.dedup();
        m
    }
}

// ---------------------------------------------------------------------------------------
// Fixtures.

/// One fixture: providers A and/or B, persons, and the records of the 2026Q2 package.
struct Fx {
    providers: Vec<Rec>,
    persons: BTreeMap<String, Rec>,
    records: Vec<Rec>,
    before: &'static [&'static str],
    next_id: u32,
}

impl Fx {
    /// `providers`: (provider_id, cm_types). A is a county provider, B a private one.
    fn new(providers: &[(&str, &str)]) -> Fx {
        let providers = providers
            .iter()
            .map(|(id, types)| {
                let kind = if *id == A { "county" } else { "private" };
                rows::provider(id, kind).set("cm_types", *types)
            })
            .collect();
        Fx { providers, persons: BTreeMap::new(), records: Vec::new(), before: BEFORE_4, next_id: 0 }
    }

    /// Packages for the eight quarters 2024Q3 … 2026Q2 instead of four.
    fn eight_quarters(mut self) -> Fx {
        self.before = BEFORE_8;
        self
    }

    /// Only these quarters before 2026Q2 get a package.
    fn quarters_before(mut self, q: &'static [&'static str]) -> Fx {
        self.before = q;
        self
    }

    /// Sets a person's birth date (persons referenced by records are added automatically,
    /// born 1958-04-12).
    fn born(&mut self, n: u64, birth: &str) {
        self.persons.insert(pid(n), rows::person(&pid(n)).set("birth_date", birth));
    }

    /// Adds a record to the 2026Q2 package; an empty key gets a fresh id, and the person it
    /// references is added to persons.csv.
    fn add(&mut self, mut rec: Rec) {
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

    fn add_all(&mut self, recs: Vec<Rec>) {
        for r in recs {
            self.add(r);
        }
    }

    /// Writes the packages, runs `casecard run`, checks that everything loaded and nothing
    /// was quarantined (so the fixture is what the comments say), and reads the results.
    fn run(&self) -> Results {
        let input = TempDir::new().unwrap();
        for q in self.before {
            let mut p = Pkg::new(HEN, q, 1);
            for pr in &self.providers {
                p.add(pr.clone());
            }
            p.write(input.path());
        }
        let mut p = Pkg::new(HEN, PERIOD, 1);
        for pr in &self.providers {
            p.add(pr.clone());
        }
        for person in self.persons.values() {
            p.add(person.clone());
        }
        for r in &self.records {
            p.add(r.clone());
        }
        p.write(input.path());
        let r = common::run(input.path());
        for pkg in &r.report.packages {
            assert_eq!(pkg.status, "loaded", "{} {}: {}", pkg.submitter_id, pkg.period, pkg.message);
        }
        assert!(r.quarantine.is_empty(), "the fixture should load whole, quarantined: {:#?}", r.quarantine);
        Results::read(&r.out)
    }
}

fn episode(id: &str, who: u64, provider: &str, cm_type: &str, start: &str, end: &str) -> Rec {
    rows::episode(id, &pid(who), provider)
        .set("cm_type", cm_type)
        .set("start_date", start)
        .set("end_date", end)
        .set("payer", if cm_type.starts_with("CC-") { "MCO" } else { "FFS" })
}

/// An in-person contact with the person by cmid(1), of episode `ep`.
fn contact(ep: &str, who: u64, provider: &str, date: &str) -> Rec {
    rows::contact("", ep, &pid(who), provider).set("contact_date", date)
}

/// An assessments.csv record (`kind`: assessment, mnchoices, hra, care_plan, plan_review, …).
fn record(ep: &str, who: u64, provider: &str, kind: &str, date: &str) -> Rec {
    rows::assessment("", ep, &pid(who), provider).set("kind", kind).set("completed_date", date)
}

fn event(who: u64, kind: &str, start: &str, end: &str) -> Rec {
    rows::event("", &pid(who)).set("kind", kind).set("start_date", start).set("end_date", end)
}

fn survey(who: u64, provider: &str, cm_type: &str, date: &str, overall: &str) -> Rec {
    rows::survey("", &pid(who), provider).set("cm_type", cm_type).set("survey_date", date).set("overall", overall)
}

// ---------------------------------------------------------------------------------------
// contact-monthly: episode-months in W; numerator months with ≥1 contact of that episode with
// the person or family, dated in the month on a day the episode is open.

#[test]
fn contact_monthly() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "AMH-TCM;EW")]);
    // P1: E1 at A, AMH-TCM, 2025-07-01 (W's first day) … 2025-09-15 (ends mid-month):
    // episode-months Jul, Aug, Sep.
    f.add(episode("E1", 1, A, "AMH-TCM", "2025-07-01", "2025-09-15"));
    f.add(contact("E1", 1, A, "2025-07-01")); // W's first day: July counts
    f.add(contact("E1", 1, A, "2025-07-31")); // July again: still one month
    f.add(contact("E1", 1, A, "2025-08-10").set("with_whom", "provider")); // not person/family: Aug 0
    f.add(contact("E1", 1, A, "2025-09-16")); // day after the end: Sep 0
    // P2: E2 at A, CADI, from 2026-04-10: Apr, May, Jun.
    f.add(episode("E2", 2, A, "CADI", "2026-04-10", ""));
    f.add(contact("E2", 2, A, "2026-04-09")); // April, but before the start: Apr 0
    f.add(contact("E2", 2, A, "2026-05-20").set("with_whom", "family").set("mode", "phone")); // May 1
    f.add(contact("E2", 2, A, "2026-06-30")); // W's last day: Jun 1
    // P3 at two providers: E3 at A (AMH-TCM) from 2026-05-01 (May, Jun), E4 at B (AMH-TCM)
    // from 2026-06-01 (Jun). Contacts count only for their own episode.
    f.add(episode("E3", 3, A, "AMH-TCM", "2026-05-01", ""));
    f.add(episode("E4", 3, B, "AMH-TCM", "2026-06-01", ""));
    f.add(contact("E3", 3, A, "2026-05-15")); // E3 May 1 (E3 June has no contact of its own)
    f.add(contact("E4", 3, B, "2026-06-05")); // E4 Jun 1 (not E3's June)
    // P4: E5 at A ended the day before W: no episode-month in W.
    f.add(episode("E5", 4, A, "AMH-TCM", "2025-03-01", "2025-06-30"));
    f.add(contact("E5", 4, A, "2025-06-30"));
    // P5: E6 at B, AMH-TCM, open since 2024-06-01: all 12 months of W.
    f.add(episode("E6", 5, B, "AMH-TCM", "2024-06-01", ""));
    f.add(contact("E6", 5, B, "2025-06-15")); // before W: nothing
    f.add(contact("E6", 5, B, "2026-01-31")); // Jan 1
    f.add(contact("E6", 5, B, "2026-02-01")); // Feb 1
    let r = f.run();
    r.expect(
        "contact-monthly",
        &[
            // E1 (3 months, July) + E3 (2 months, May) + E5 (none in W) = 5 months, 2 with contact.
            (A, "AMH-TCM", 5, 2),
            // E2: Apr, May, Jun; May (family) and Jun (W's last day); April's contact precedes the start.
            (A, "CADI", 3, 2),
            // A's ALL row is the union of its cm_type rows: 5 + 3 months, 2 + 2.
            (A, ALL, 8, 4),
            // E4 (Jun, with contact) + E6 (12 months, Jan and Feb).
            (B, "AMH-TCM", 13, 3),
            // B lists EW but has no EW episode: the row exists with denominator 0.
            (B, "EW", 0, 0),
            (B, ALL, 13, 3),
            // STATE = union of providers' rows: A ALL + B ALL (P3 counts at both).
            (STATE, ALL, 21, 7),
            (STATE, "AMH-TCM", 18, 5), // A 5/2 + B 13/3
            (STATE, "CADI", 3, 2),     // A only
            (STATE, "EW", 0, 0),       // B's empty EW row
        ],
    );
    assert_eq!(r.category("contact-monthly", B, "EW"), s("too few"), "denominator 0 is `too few`");
    assert_eq!(r.category("contact-monthly", A, ALL), s("too few"), "denominator 8 < 30 is `too few`");
    assert_eq!(r.category("contact-monthly", STATE, ALL), Cell::Null, "STATE rows have no category");
    // Only four quarters are loaded: cw-recurrence-12m (which reads eight) is not computed.
    assert!(
        !r.measures().iter().any(|m| m == "cw-recurrence-12m"),
        "cw-recurrence-12m needs 2024Q3 … 2026Q2 loaded; its rows must be omitted"
    );
}

// ---------------------------------------------------------------------------------------
// assessment-timely: episodes starting in W with start ≤ W end − 30 = 2026-05-31; numerator
// an assessment, mnchoices or hra of the person by the same provider, start − 30 ≤ date ≤
// start + 30.

#[test]
fn assessment_timely() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "AMH-TCM")]);
    // E1: starts on W's first day; assessment on start − 30 (2025-06-01): counts.
    f.add(episode("E1", 1, A, "AMH-TCM", "2025-07-01", ""));
    f.add(record("E1", 1, A, "assessment", "2025-06-01"));
    // E2: starts on W end − 30 (2026-05-31, the last start that qualifies); mnchoices on
    // start + 30 (2026-06-30): counts.
    f.add(episode("E2", 2, A, "AMH-TCM", "2026-05-31", ""));
    f.add(record("E2", 2, A, "mnchoices", "2026-06-30"));
    // E3: starts 2026-06-01 > W end − 30: not in the denominator.
    f.add(episode("E3", 3, A, "CADI", "2026-06-01", ""));
    f.add(record("E3", 3, A, "assessment", "2026-06-02"));
    // E4: starts 2025-06-30, before W: not in the denominator.
    f.add(episode("E4", 4, A, "CADI", "2025-06-30", ""));
    f.add(record("E4", 4, A, "assessment", "2025-07-01"));
    // E5: starts 2025-10-01; assessments on start − 31 and start + 31, a care_plan (wrong
    // kind) inside the window: none counts.
    f.add(episode("E5", 5, A, "CADI", "2025-10-01", ""));
    f.add(record("E5", 5, A, "assessment", "2025-08-31"));
    f.add(record("E5", 5, A, "assessment", "2025-11-01"));
    f.add(record("E5", 5, A, "care_plan", "2025-10-05"));
    // P6 starts at A (E6, CADI) and B (E7, AMH-TCM) on 2026-01-10; the hra is B's: it counts
    // for E7 only.
    f.add(episode("E6", 6, A, "CADI", "2026-01-10", ""));
    f.add(episode("E7", 6, B, "AMH-TCM", "2026-01-10", ""));
    f.add(record("E7", 6, B, "hra", "2026-01-12"));
    // P7: E8 (CADI) starts 2026-02-01; the assessment is on P7's older AMH-TCM episode E9 at
    // the same provider (any of the provider's episodes counts). E9 started before W.
    f.add(episode("E8", 7, A, "CADI", "2026-02-01", ""));
    f.add(episode("E9", 7, A, "AMH-TCM", "2025-01-01", ""));
    f.add(record("E9", 7, A, "assessment", "2026-02-15"));
    let r = f.run();
    r.expect(
        "assessment-timely",
        &[
            (A, "AMH-TCM", 2, 2), // E1 (start − 30) and E2 (start + 30); E9 started before W
            (A, "CADI", 3, 1),    // E5 no, E6 no (the hra is B's), E8 yes; E3, E4 excluded
            (A, ALL, 5, 3),
            (B, "AMH-TCM", 1, 1), // E7 with B's hra two days after the start
            (B, ALL, 1, 1),
            (STATE, ALL, 6, 4),
            (STATE, "AMH-TCM", 3, 3),
            (STATE, "CADI", 3, 1),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// plan-timely: episodes starting in W with start ≤ W end − 60 = 2026-05-01; numerator a
// care_plan by the same provider, start − 30 ≤ date ≤ start + 60.

#[test]
fn plan_timely() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "AMH-TCM")]);
    // E1: starts on W end − 60; care_plan on start + 60 = 2026-06-30: counts.
    f.add(episode("E1", 1, A, "AMH-TCM", "2026-05-01", ""));
    f.add(record("E1", 1, A, "care_plan", "2026-06-30"));
    // E2: starts 2026-05-02 > W end − 60: excluded.
    f.add(episode("E2", 2, A, "AMH-TCM", "2026-05-02", ""));
    f.add(record("E2", 2, A, "care_plan", "2026-05-10"));
    // E3: starts 2025-09-15; care_plan on start − 30 = 2025-08-16: counts.
    f.add(episode("E3", 3, A, "AMH-TCM", "2025-09-15", ""));
    f.add(record("E3", 3, A, "care_plan", "2025-08-16"));
    // E4: starts 2025-09-15; care_plans on start − 31 (08-15) and start + 61 (11-15), a
    // plan_review (wrong kind) inside: none counts.
    f.add(episode("E4", 4, A, "CADI", "2025-09-15", ""));
    f.add(record("E4", 4, A, "care_plan", "2025-08-15"));
    f.add(record("E4", 4, A, "care_plan", "2025-11-15"));
    f.add(record("E4", 4, A, "plan_review", "2025-09-20"));
    // E5: starts 2025-12-01; care_plan on start + 60 = 2026-01-30: counts.
    f.add(episode("E5", 5, A, "CADI", "2025-12-01", ""));
    f.add(record("E5", 5, A, "care_plan", "2026-01-30"));
    let r = f.run();
    r.expect(
        "plan-timely",
        &[
            (A, "AMH-TCM", 2, 2), // E1, E3 (E2 starts too late)
            (A, "CADI", 2, 1),    // E4 no, E5 yes
            (A, ALL, 4, 3),
            (B, "AMH-TCM", 0, 0), // B has no episodes: denominator 0, `too few`
            (B, ALL, 0, 0),
            (STATE, ALL, 4, 3),
            (STATE, "AMH-TCM", 2, 2),
            (STATE, "CADI", 2, 1),
        ],
    );
    assert_eq!(r.category("plan-timely", B, ALL), s("too few"));
}

// ---------------------------------------------------------------------------------------
// plan-review-annual: episodes open on W end (2026-06-30) with start ≤ W end − 365 =
// 2025-06-30; numerator a care_plan or plan_review by the same provider dated in W.

#[test]
fn plan_review_annual() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "AMH-TCM")]);
    // E1: starts exactly on W end − 365; plan_review on W's first day: counts.
    f.add(episode("E1", 1, A, "AMH-TCM", "2025-06-30", ""));
    f.add(record("E1", 1, A, "plan_review", "2025-07-01"));
    // E2: starts 2025-07-01, one day too late: excluded.
    f.add(episode("E2", 2, A, "AMH-TCM", "2025-07-01", ""));
    f.add(record("E2", 2, A, "care_plan", "2025-08-01"));
    // E3: ends on W end (open that day): included; its care_plan is the day before W and the
    // assessment in W is the wrong kind: no.
    f.add(episode("E3", 3, A, "CADI", "2020-01-01", "2026-06-30"));
    f.add(record("E3", 3, A, "care_plan", "2025-06-30"));
    f.add(record("E3", 3, A, "assessment", "2026-01-15"));
    // E4: ends 2026-06-29, not open on W end: excluded.
    f.add(episode("E4", 4, A, "CADI", "2020-01-01", "2026-06-29"));
    f.add(record("E4", 4, A, "care_plan", "2025-09-01"));
    // E5: care_plan on W's last day: counts.
    f.add(episode("E5", 5, A, "CADI", "2024-03-01", ""));
    f.add(record("E5", 5, A, "care_plan", "2026-06-30"));
    // P6: E6 at A qualifies; the plan_review is B's (on E7, which starts in 2026 and is not
    // in B's denominator): no for E6.
    f.add(episode("E6", 6, A, "CADI", "2024-03-01", ""));
    f.add(episode("E7", 6, B, "AMH-TCM", "2026-01-01", ""));
    f.add(record("E7", 6, B, "plan_review", "2026-02-01"));
    let r = f.run();
    r.expect(
        "plan-review-annual",
        &[
            (A, "AMH-TCM", 1, 1), // E1
            (A, "CADI", 3, 1),    // E3 no, E5 yes, E6 no
            (A, ALL, 4, 2),
            (B, "AMH-TCM", 0, 0), // E7 starts after W end − 365
            (B, ALL, 0, 0),
            (STATE, ALL, 4, 2),
            (STATE, "AMH-TCM", 1, 1),
            (STATE, "CADI", 3, 1),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// preventive-visit: persons with ≥6 episode-months in W at the provider (per scope);
// numerator ≥1 preventive_visit dated in W, enrolled or not.

#[test]
fn preventive_visit() {
    let mut f = Fx::new(&[(A, "CADI;EW"), (B, "CADI")]);
    // P1: CADI 2025-07-01 … 2025-12-15, Jul–Dec = 6 months; visit on W's first day: yes.
    f.add(episode("E1", 1, A, "CADI", "2025-07-01", "2025-12-15"));
    f.add(event(1, "preventive_visit", "2025-07-01", ""));
    // P2: 3 months CADI (Dec–Feb) + 4 months EW (Mar–Jun) at A: 7 months in ALL only;
    // visit on W's last day: yes in ALL.
    f.add(episode("E2", 2, A, "CADI", "2025-12-01", "2026-02-28"));
    f.add(episode("E3", 2, A, "EW", "2026-03-01", ""));
    f.add(event(2, "preventive_visit", "2026-06-30", ""));
    // P3: CADI Jan–Jun = 6 months; visit the day before W: no.
    f.add(episode("E4", 3, A, "CADI", "2026-01-01", ""));
    f.add(event(3, "preventive_visit", "2025-06-30", ""));
    // P4: EW 2025-07-15 … 2025-12-01 = Jul–Dec, 6 months (December by one day); visit in
    // March after the episode ended: counts (no enrollment needed).
    f.add(episode("E5", 4, A, "EW", "2025-07-15", "2025-12-01"));
    f.add(event(4, "preventive_visit", "2026-03-10", ""));
    // P5: CADI Aug–Dec = 5 months: not in any denominator.
    f.add(episode("E6", 5, A, "CADI", "2025-08-02", "2025-12-31"));
    f.add(event(5, "preventive_visit", "2025-09-01", ""));
    // P6: CADI all year at A and at B; one visit: counts at both.
    f.add(episode("E7", 6, A, "CADI", "2025-07-01", ""));
    f.add(episode("E8", 6, B, "CADI", "2025-07-01", ""));
    f.add(event(6, "preventive_visit", "2026-01-05", ""));
    let r = f.run();
    r.expect(
        "preventive-visit",
        &[
            (A, "CADI", 3, 2), // P1 yes, P3 no, P6 yes (P2 has 3 CADI months, P5 5)
            (A, "EW", 1, 1),   // P4 (P2 has 4 EW months)
            (A, ALL, 5, 4),    // P1, P2, P3, P4, P6; all but P3 have a visit
            (B, "CADI", 1, 1), // P6
            (B, ALL, 1, 1),
            (STATE, ALL, 6, 5), // A's 5 + B's 1: P6 counts twice
            (STATE, "CADI", 4, 3),
            (STATE, "EW", 1, 1),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// same-case-manager: persons with ≥6 episode-months in W at the provider (per scope);
// numerator ≥1 contact in W of the provider's in-scope episodes, all with one and the same
// non-empty case_manager_id. Every episode here is open all of W.

#[test]
fn same_case_manager() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "AMH-TCM")]);
    let cm = |n| cmid(n);
    // P1: two contacts, both by cmid(1): yes.
    f.add(episode("E1", 1, A, "AMH-TCM", "2025-01-01", ""));
    f.add(contact("E1", 1, A, "2025-08-01").set("case_manager_id", cm(1)));
    f.add(contact("E1", 1, A, "2026-02-01").set("case_manager_id", cm(1)));
    // P2: cmid(1) and cmid(2) (the second a contact with another provider, still a contact):
    // no.
    f.add(episode("E2", 2, A, "AMH-TCM", "2025-01-01", ""));
    f.add(contact("E2", 2, A, "2025-08-01").set("case_manager_id", cm(1)));
    f.add(contact("E2", 2, A, "2026-02-01").set("case_manager_id", cm(2)).set("with_whom", "provider"));
    // P3: no contact at all: no.
    f.add(episode("E3", 3, A, "AMH-TCM", "2025-01-01", ""));
    // P4: one contact without a case manager: no.
    f.add(episode("E4", 4, A, "AMH-TCM", "2025-01-01", ""));
    f.add(contact("E4", 4, A, "2025-09-01").set("case_manager_id", ""));
    // P5: cmid(2) the day before W (ignored), cmid(1) on W's first and last days: yes.
    f.add(episode("E5", 5, A, "AMH-TCM", "2025-01-01", ""));
    f.add(contact("E5", 5, A, "2025-06-30").set("case_manager_id", cm(2)));
    f.add(contact("E5", 5, A, "2025-07-01").set("case_manager_id", cm(1)));
    f.add(contact("E5", 5, A, "2026-06-30").set("case_manager_id", cm(1)));
    // P6: AMH-TCM (E6) contacts by cmid(1), CADI (E7) by cmid(3): yes in each type, no in ALL.
    f.add(episode("E6", 6, A, "AMH-TCM", "2025-01-01", ""));
    f.add(episode("E7", 6, A, "CADI", "2025-01-01", ""));
    f.add(contact("E6", 6, A, "2025-10-01").set("case_manager_id", cm(1)));
    f.add(contact("E7", 6, A, "2025-11-01").set("case_manager_id", cm(3)));
    // P7 at A (cmid(1)) and at B (cmid(4)): each provider sees only its own: yes at both.
    f.add(episode("E8", 7, A, "AMH-TCM", "2025-01-01", ""));
    f.add(episode("E9", 7, B, "AMH-TCM", "2025-01-01", ""));
    f.add(contact("E8", 7, A, "2025-10-01").set("case_manager_id", cm(1)));
    f.add(contact("E9", 7, B, "2025-10-02").set("case_manager_id", cm(4)));
    let r = f.run();
    r.expect(
        "same-case-manager",
        &[
            (A, "AMH-TCM", 7, 4), // P1..P7; yes: P1, P5, P6 (its AMH contacts only), P7
            (A, "CADI", 1, 1),    // P6 (CADI contacts only: cmid(3))
            (A, ALL, 7, 3),       // P1, P5, P7; P6 has two case managers across its types
            (B, "AMH-TCM", 1, 1), // P7
            (B, ALL, 1, 1),
            (STATE, ALL, 8, 4),
            (STATE, "AMH-TCM", 8, 5),
            (STATE, "CADI", 1, 1),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// ed-visit: persons with ≥6 episode-months in W at the provider (per scope); numerator ≥1
// ed_visit on a day in W on which an in-scope episode of the person at the provider is open.

#[test]
fn ed_visit() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "AMH-TCM")]);
    // P1: AMH all of W; ED on W's first day: yes.
    f.add(episode("E1", 1, A, "AMH-TCM", "2025-07-01", ""));
    f.add(event(1, "ed_visit", "2025-07-01", ""));
    // P2: AMH Jul–Mar (9 months); ED in April after the end: no.
    f.add(episode("E2", 2, A, "AMH-TCM", "2025-07-01", "2026-03-31"));
    f.add(event(2, "ed_visit", "2026-04-05", ""));
    // P3: AMH since 2024; ED the day before W: no.
    f.add(episode("E3", 3, A, "AMH-TCM", "2024-01-01", ""));
    f.add(event(3, "ed_visit", "2025-06-30", ""));
    // P4: CADI Oct–Jun (9 months, ends on W's last day); ED on W's last day: yes.
    f.add(episode("E4", 4, A, "CADI", "2025-10-01", "2026-06-30"));
    f.add(event(4, "ed_visit", "2026-06-30", ""));
    // P5: AMH Jul–Dec (6) then CADI Jan–Jun (6); ED in February while in CADI: no in
    // AMH-TCM (not enrolled in that type that day), yes in CADI and ALL.
    f.add(episode("E5", 5, A, "AMH-TCM", "2025-07-01", "2025-12-31"));
    f.add(episode("E6", 5, A, "CADI", "2026-01-01", ""));
    f.add(event(5, "ed_visit", "2026-02-10", ""));
    // P6: AMH Jul–Sep (3) + CADI Mar–Jun (4): ALL only (7 months); ED in August: yes.
    f.add(episode("E7", 6, A, "AMH-TCM", "2025-07-01", "2025-09-30"));
    f.add(episode("E8", 6, A, "CADI", "2026-03-01", ""));
    f.add(event(6, "ed_visit", "2025-08-15", ""));
    // P7: AMH at A all year, at B Jan–Jun (6); ED in September: yes at A, no at B.
    f.add(episode("E9", 7, A, "AMH-TCM", "2025-07-01", ""));
    f.add(episode("E10", 7, B, "AMH-TCM", "2026-01-01", ""));
    f.add(event(7, "ed_visit", "2025-09-01", ""));
    let r = f.run();
    r.expect(
        "ed-visit",
        &[
            (A, "AMH-TCM", 5, 2), // P1 y, P2 n, P3 n, P5 n, P7 y
            (A, "CADI", 2, 2),    // P4 y, P5 y
            (A, ALL, 7, 5),       // P1..P7; no: P2, P3
            (B, "AMH-TCM", 1, 0), // P7, not enrolled at B on the ED day
            (B, ALL, 1, 0),
            (STATE, ALL, 8, 5),
            (STATE, "AMH-TCM", 6, 2),
            (STATE, "CADI", 2, 2),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// experience-top-box: survey responses dated in W, at the survey's own provider and cm_type;
// numerator overall ≥ 9.

#[test]
fn experience_top_box() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "AMH-TCM")]);
    f.add(survey(1, A, "AMH-TCM", "2025-07-01", "9")); // W's first day, 9: yes
    f.add(survey(2, A, "AMH-TCM", "2026-06-30", "8")); // W's last day, 8: no
    f.add(survey(3, A, "AMH-TCM", "2025-06-30", "10")); // before W: not a unit
    f.add(survey(1, A, "CADI", "2026-01-15", "10").set("respondent", "proxy")); // P1 again: own unit, yes
    f.add(survey(5, A, "CADI", "2026-03-01", "0").set("language", "spa")); // 0: no
    f.add(survey(4, B, "AMH-TCM", "2026-02-01", "9")); // yes
    // B does not list CADI, but a CADI response about B is a unit: the row exists.
    f.add(survey(6, B, "CADI", "2026-05-01", "9"));
    let r = f.run();
    r.expect(
        "experience-top-box",
        &[
            (A, "AMH-TCM", 2, 1), // 9 yes, 8 no
            (A, "CADI", 2, 1),    // 10 yes, 0 no
            (A, ALL, 4, 2),
            (B, "AMH-TCM", 1, 1),
            (B, "CADI", 1, 1), // a cm_type not in B's cm_types but with units
            (B, ALL, 2, 2),
            (STATE, ALL, 6, 4),
            (STATE, "AMH-TCM", 3, 2),
            (STATE, "CADI", 3, 2),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// fuh-7, fuh-30, psych-readmit-30 share one fixture. Discharge D = end of a psychiatric stay
// with D in [2025-07-01, W end − 30 = 2026-05-31], an AMH-TCM or CMH-TCM episode open on D.
// fuh-*: minus discharges with a readmission (another psychiatric stay starting in
// (D, D + 30]) or a death in [D, D + 30]; numerator a mh_followup_visit in (D, D + 7] or
// (D, D + 30]. psych-readmit-30: no exclusions; numerator a readmission.

fn psych_fixture() -> Fx {
    let mut f = Fx::new(&[(A, "AMH-TCM;CMH-TCM"), (B, "CMH-TCM")]);
    let amh = |f: &mut Fx, ep: &str, who: u64| f.add(episode(ep, who, A, "AMH-TCM", "2025-01-01", ""));
    let psych = |who, s: &str, e: &str| event(who, "psych_admit", s, e);
    let fu = |who, d: &str| event(who, "mh_followup_visit", d, "");
    // P1: D = 2025-07-01 (W's first day); follow-up on D + 7.
    amh(&mut f, "E1", 1);
    f.add_all(vec![psych(1, "2025-06-20", "2025-07-01"), fu(1, "2025-07-08")]);
    // P2: stay 1, D = 2025-09-10, follow-up on D + 8 (2025-09-18); stay 2 starts on D + 31
    // (2025-10-11: not a readmission), D2 = 2025-10-15, no follow-up after it.
    amh(&mut f, "E2", 2);
    f.add_all(vec![
        psych(2, "2025-09-01", "2025-09-10"),
        fu(2, "2025-09-18"),
        psych(2, "2025-10-11", "2025-10-15"),
    ]);
    // P3: D = 2025-10-05; the only follow-up is on D itself (does not count); death on D + 31
    // (2025-11-05) does not exclude.
    amh(&mut f, "E3", 3);
    f.add_all(vec![psych(3, "2025-10-01", "2025-10-05"), fu(3, "2025-10-05"), event(3, "death", "2025-11-05", "")]);
    // P4: stay 1, D = 2025-11-10, readmitted on D + 30 (2025-12-10): excluded from fuh, a
    // readmission for psych-readmit-30. Stay 2, D2 = 2025-12-20, follow-up on D2 + 30
    // (2026-01-19).
    amh(&mut f, "E4", 4);
    f.add_all(vec![
        psych(4, "2025-11-01", "2025-11-10"),
        fu(4, "2025-11-12"),
        psych(4, "2025-12-10", "2025-12-20"),
        fu(4, "2026-01-19"),
    ]);
    // P5: D = 2026-01-10, death on D + 30 (2026-02-09): excluded from fuh despite a follow-up.
    amh(&mut f, "E5", 5);
    f.add_all(vec![psych(5, "2026-01-01", "2026-01-10"), fu(5, "2026-01-12"), event(5, "death", "2026-02-09", "")]);
    // P6: a transfer: the second psych_admit starts on the first's discharge date, so one stay
    // 2026-02-01 … 2026-02-20, D = 2026-02-20. The follow-up on 02-15 is before D; the one on
    // D + 7 (02-27) counts.
    amh(&mut f, "E6", 6);
    f.add_all(vec![
        psych(6, "2026-02-01", "2026-02-10"),
        psych(6, "2026-02-10", "2026-02-20"),
        fu(6, "2026-02-15"),
        fu(6, "2026-02-27"),
    ]);
    // P7: AMH-TCM only from 2026-03-01; D = 2026-02-25: not enrolled on D, excluded.
    f.add(episode("E7", 7, A, "AMH-TCM", "2026-03-01", ""));
    f.add_all(vec![psych(7, "2026-02-01", "2026-02-25"), fu(7, "2026-02-27")]);
    // P8: D = 2026-06-01 > W end − 30: excluded.
    amh(&mut f, "E8", 8);
    f.add_all(vec![psych(8, "2026-05-25", "2026-06-01"), fu(8, "2026-06-03")]);
    // P9: D = 2026-05-31 = W end − 30 (the last one included); follow-up on D + 7.
    amh(&mut f, "E9", 9);
    f.add_all(vec![psych(9, "2026-05-20", "2026-05-31"), fu(9, "2026-06-07")]);
    // P10: AMH-TCM at A and CMH-TCM at B, both open on D = 2026-03-10; follow-up on D + 10.
    amh(&mut f, "E10", 10);
    f.add(episode("E11", 10, B, "CMH-TCM", "2025-01-01", ""));
    f.add_all(vec![psych(10, "2026-03-01", "2026-03-10"), fu(10, "2026-03-20")]);
    // P11: a stay still open (no end_date): no discharge.
    amh(&mut f, "E12", 11);
    f.add_all(vec![psych(11, "2026-04-01", ""), fu(11, "2026-04-05")]);
    // P12: enrolled only in CADI (not a type of these measures): no unit anywhere.
    f.add(episode("E13", 12, A, "CADI", "2025-01-01", ""));
    f.add_all(vec![psych(12, "2025-08-01", "2025-08-03"), fu(12, "2025-08-04")]);
    // P13: an inpatient_admit only: not a psychiatric stay.
    amh(&mut f, "E14", 13);
    f.add_all(vec![event(13, "inpatient_admit", "2025-08-01", "2025-08-05"), fu(13, "2025-08-06")]);
    f
}

#[test]
fn fuh_7() {
    let r = psych_fixture().run();
    r.expect(
        "fuh-7",
        &[
            // Units: P1, P2 (both stays), P3, P4 (second stay only), P6 (one stay), P9, P10 = 8.
            // Follow-up in (D, D + 7]: P1, P6, P9 (each on D + 7); P2's is on D + 8, P3's on D,
            // P4's on D + 30, P10's on D + 10.
            (A, "AMH-TCM", 8, 3),
            (A, "CMH-TCM", 0, 0), // A lists CMH-TCM but has no CMH-TCM episode
            (A, ALL, 8, 3),
            (B, "CMH-TCM", 1, 0), // P10 (D + 10)
            (B, ALL, 1, 0),
            (STATE, ALL, 9, 3), // P10 counts at A and at B
            (STATE, "AMH-TCM", 8, 3),
            (STATE, "CMH-TCM", 1, 0),
        ],
    );
    // CADI does not apply to fuh-7: no row for A's CADI episode (P12).
    r.absent("fuh-7", A, "CADI");
    r.absent("fuh-7", STATE, "CADI");
}

#[test]
fn fuh_30() {
    let r = psych_fixture().run();
    r.expect(
        "fuh-30",
        &[
            // Same 8 units as fuh-7. Follow-up in (D, D + 30]: P1, P2 stay 1 (D + 8), P4 stay 2
            // (D + 30), P6, P9, P10 (D + 10); not P2 stay 2 (none after D2) nor P3 (only on D).
            (A, "AMH-TCM", 8, 6),
            (A, "CMH-TCM", 0, 0),
            (A, ALL, 8, 6),
            (B, "CMH-TCM", 1, 1), // P10
            (B, ALL, 1, 1),
            (STATE, ALL, 9, 7),
            (STATE, "AMH-TCM", 8, 6),
            (STATE, "CMH-TCM", 1, 1),
        ],
    );
}

#[test]
fn psych_readmit_30() {
    let r = psych_fixture().run();
    r.expect(
        "psych-readmit-30",
        &[
            // Units (no readmission/death exclusion): P1, P2 stay 1, P2 stay 2, P3, P4 stay 1,
            // P4 stay 2, P5, P6 (the transfer is one stay), P9, P10 = 10. Readmitted within
            // (D, D + 30]: only P4 stay 1 (on D + 30); P2's second stay starts on D + 31.
            (A, "AMH-TCM", 10, 1),
            (A, "CMH-TCM", 0, 0),
            (A, ALL, 10, 1),
            (B, "CMH-TCM", 1, 0), // P10
            (B, ALL, 1, 0),
            (STATE, ALL, 11, 1),
            (STATE, "AMH-TCM", 10, 1),
            (STATE, "CMH-TCM", 1, 0),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// transition-followup-7: inpatient or psychiatric stays with D in [2025-07-01, W end − 7 =
// 2026-06-23], an in-scope episode of the person at the provider open on D; numerator a
// contact with the person or family (any mode) of one of the provider's in-scope episodes
// open on D, dated in (D, D + 7]. One unit per (stay, provider, scope).

#[test]
fn transition_followup_7() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "CADI")]);
    let since_2025 = |ep: &str, who, prov, t| episode(ep, who, prov, t, "2025-01-01", "");
    let ip = |who, s: &str, e: &str| event(who, "inpatient_admit", s, e);
    // P1: D = 2025-07-01 (W's first day); phone contact with the person on D + 7: yes.
    f.add(since_2025("E1", 1, A, "AMH-TCM"));
    f.add(ip(1, "2025-06-25", "2025-07-01"));
    f.add(contact("E1", 1, A, "2025-07-08").set("mode", "phone"));
    // P2: D = 2025-09-10; contact on D + 8: no.
    f.add(since_2025("E2", 2, A, "CADI"));
    f.add(ip(2, "2025-09-01", "2025-09-10"));
    f.add(contact("E2", 2, A, "2025-09-18"));
    // P3: psychiatric stay, D = 2025-10-05; a contact on D itself and one with a provider on
    // D + 3: no.
    f.add(since_2025("E3", 3, A, "CADI"));
    f.add(event(3, "psych_admit", "2025-10-01", "2025-10-05"));
    f.add(contact("E3", 3, A, "2025-10-05"));
    f.add(contact("E3", 3, A, "2025-10-08").set("with_whom", "provider"));
    // P4: D = 2025-11-10; video contact with family on D + 2: yes.
    f.add(since_2025("E4", 4, A, "AMH-TCM"));
    f.add(ip(4, "2025-11-01", "2025-11-10"));
    f.add(contact("E4", 4, A, "2025-11-12").set("mode", "itv").set("with_whom", "family"));
    // P5: D = 2026-06-23 = W end − 7 (the last included); contact on D + 7 = W's last day: yes.
    f.add(since_2025("E5", 5, A, "AMH-TCM"));
    f.add(ip(5, "2026-06-20", "2026-06-23"));
    f.add(contact("E5", 5, A, "2026-06-30"));
    // P6: D = 2026-06-24 > W end − 7: excluded.
    f.add(since_2025("E6", 6, A, "AMH-TCM"));
    f.add(ip(6, "2026-06-20", "2026-06-24"));
    f.add(contact("E6", 6, A, "2026-06-25"));
    // P7: episode starts 2026-01-01, D = 2025-12-31: not enrolled on D, excluded.
    f.add(episode("E7", 7, A, "AMH-TCM", "2026-01-01", ""));
    f.add(ip(7, "2025-12-01", "2025-12-31"));
    f.add(contact("E7", 7, A, "2026-01-02"));
    // P8: inpatient to 2026-02-05, psych_admit from 2026-02-05 (a transfer): one stay,
    // D = 2026-02-12. The contact on 02-08 is before D; the one on D + 7 (02-19) counts.
    f.add(since_2025("E8", 8, A, "CADI"));
    f.add(ip(8, "2026-02-01", "2026-02-05"));
    f.add(event(8, "psych_admit", "2026-02-05", "2026-02-12"));
    f.add(contact("E8", 8, A, "2026-02-08"));
    f.add(contact("E8", 8, A, "2026-02-19"));
    // P9: AMH-TCM at A, CADI at B; D = 2026-03-10; only B's episode has a contact (D + 2):
    // yes at B, no at A.
    f.add(since_2025("E9", 9, A, "AMH-TCM"));
    f.add(since_2025("E10", 9, B, "CADI"));
    f.add(ip(9, "2026-03-01", "2026-03-10"));
    f.add(contact("E10", 9, B, "2026-03-12"));
    // P10: AMH-TCM and CADI both at A, both open on D = 2026-04-05; the contact (D + 2) is of
    // the CADI episode: CADI yes, AMH-TCM no, ALL one unit, yes.
    f.add(since_2025("E11", 10, A, "AMH-TCM"));
    f.add(since_2025("E12", 10, A, "CADI"));
    f.add(ip(10, "2026-04-01", "2026-04-05"));
    f.add(contact("E12", 10, A, "2026-04-07"));
    // P11: a stay still open: no discharge.
    f.add(since_2025("E13", 11, A, "AMH-TCM"));
    f.add(ip(11, "2026-05-01", ""));
    f.add(contact("E13", 11, A, "2026-05-03"));
    let r = f.run();
    r.expect(
        "transition-followup-7",
        &[
            (A, "AMH-TCM", 5, 3), // P1 y, P4 y, P5 y, P9 n, P10 n
            (A, "CADI", 4, 2),    // P2 n, P3 n, P8 y (one stay), P10 y
            (A, ALL, 8, 5),       // P1 P2 P3 P4 P5 P8 P9 P10 (P10 once); yes P1 P4 P5 P8 P10
            (B, "CADI", 1, 1),    // P9
            (B, ALL, 1, 1),
            (STATE, ALL, 9, 6), // A 8/5 + B 1/1: P9 counts at both
            (STATE, "AMH-TCM", 5, 3),
            (STATE, "CADI", 5, 3), // A 4/2 + B 1/1
        ],
    );
}

// ---------------------------------------------------------------------------------------
// cw-in-person-monthly: CW-TCM episode-months in W in which a placement of the person is
// open for ≥1 day; numerator months with an in_person contact with the person, of the
// episode, in the month on a day the episode is open.

#[test]
fn cw_in_person_monthly() {
    let mut f = Fx::new(&[(A, "CW-TCM"), (B, "AMH-TCM")]);
    for n in 1..=5 {
        f.born(n, "2015-06-01");
    }
    // P1: CW-TCM open all of W; placement 2025-08-15 … 2025-10-10 spans Aug, Sep, Oct.
    f.add(episode("E1", 1, A, "CW-TCM", "2025-01-01", ""));
    f.add(event(1, "placement", "2025-08-15", "2025-10-10"));
    f.add(contact("E1", 1, A, "2025-07-10")); // July: no placement, not a unit
    f.add(contact("E1", 1, A, "2025-08-20")); // Aug: yes
    f.add(contact("E1", 1, A, "2025-09-05").set("mode", "itv")); // Sep: video, no
    f.add(contact("E1", 1, A, "2025-09-30").set("with_whom", "family")); // Sep: family, no
    f.add(contact("E1", 1, A, "2025-10-10")); // Oct (placement's last day): yes
    // P2: placement open since 2026-01-10; episode from 2026-03-15: Mar, Apr, May, Jun.
    f.add(episode("E2", 2, A, "CW-TCM", "2026-03-15", ""));
    f.add(event(2, "placement", "2026-01-10", ""));
    f.add(contact("E2", 2, A, "2026-03-10")); // March, before the episode starts: no
    f.add(contact("E2", 2, A, "2026-04-01")); // Apr: yes
    f.add(contact("E2", 2, A, "2026-06-30")); // Jun (W's last day): yes
    // P3: no placement: no unit.
    f.add(episode("E3", 3, A, "CW-TCM", "2025-07-01", ""));
    f.add(contact("E3", 3, A, "2025-07-15"));
    // P4: placement 2025-06-15 … 2025-07-01 overlaps July by its last day.
    f.add(episode("E4", 4, A, "CW-TCM", "2025-01-01", ""));
    f.add(event(4, "placement", "2025-06-15", "2025-07-01"));
    f.add(contact("E4", 4, A, "2025-07-31")); // Jul: yes (the placement need not be open that day)
    // P5: an AMH-TCM episode at A with a placement: not a CW-TCM unit.
    f.add(episode("E5", 5, A, "AMH-TCM", "2025-01-01", ""));
    f.add(event(5, "placement", "2025-09-01", ""));
    f.add(contact("E5", 5, A, "2025-09-10"));
    let r = f.run();
    r.expect(
        "cw-in-person-monthly",
        &[
            (A, "CW-TCM", 8, 5), // P1 3 months (Aug, Oct), P2 4 (Apr, Jun), P4 1 (Jul)
            (A, ALL, 8, 5),
            (B, ALL, 0, 0), // every provider has an ALL row, even with no applicable type
            (STATE, ALL, 8, 5),
            (STATE, "CW-TCM", 8, 5),
        ],
    );
    // AMH-TCM does not apply: no row, even for A, which has an AMH-TCM episode.
    r.absent("cw-in-person-monthly", A, "AMH-TCM");
    r.absent("cw-in-person-monthly", B, "AMH-TCM");
}

// ---------------------------------------------------------------------------------------
// cw-recurrence-12m: X = the earliest maltreatment_substantiated of the person in
// [W start − 12 months, W start − 1 day] = [2024-07-01, 2025-06-30]; the person is under 18
// on X and has a CW-TCM episode at the provider open on X; numerator another one with
// X + 14 < date ≤ X + 365. Needs the eight quarters 2024Q3 … 2026Q2 loaded.

#[test]
fn cw_recurrence_12m() {
    let mut f = Fx::new(&[(A, "CW-TCM"), (B, "CW-TCM")]).eight_quarters();
    for n in [1, 2, 3, 6, 7, 8, 9, 10] {
        f.born(n, "2012-01-01");
    }
    f.born(4, "2007-03-01"); // 18 on 2025-03-01
    f.born(5, "2007-03-02"); // still 17 on 2025-03-01
    let cw = |ep: &str, who, prov| episode(ep, who, prov, "CW-TCM", "2024-01-01", "");
    let mal = |who, d: &str| event(who, "maltreatment_substantiated", d, "");
    // P1: X = 2024-07-01 (first day of the look-back); next on X + 14: the same incident, no.
    f.add(cw("E1", 1, A));
    f.add_all(vec![mal(1, "2024-07-01"), mal(1, "2024-07-15")]);
    // P2: X = 2024-08-01; next on X + 15: yes.
    f.add(cw("E2", 2, A));
    f.add_all(vec![mal(2, "2024-08-01"), mal(2, "2024-08-16")]);
    // P3: X = 2025-06-30 (last day of the look-back); next on X + 365 = 2026-06-30: yes.
    f.add(cw("E3", 3, A));
    f.add_all(vec![mal(3, "2025-06-30"), mal(3, "2026-06-30")]);
    // P4: X = 2025-03-01, the 18th birthday: not under 18, excluded.
    f.add(cw("E4", 4, A));
    f.add_all(vec![mal(4, "2025-03-01"), mal(4, "2025-05-01")]);
    // P5: X = 2025-03-01, the day before the 18th birthday; next on X + 19: yes.
    f.add(cw("E5", 5, A));
    f.add_all(vec![mal(5, "2025-03-01"), mal(5, "2025-03-20")]);
    // P6: a report on 2024-06-30 is before the look-back; X = 2024-09-01, nothing after: no.
    f.add(cw("E6", 6, A));
    f.add_all(vec![mal(6, "2024-06-30"), mal(6, "2024-09-01")]);
    // P7: CW-TCM from 2024-10-01, X = 2024-09-15: not enrolled on X, excluded.
    f.add(episode("E7", 7, A, "CW-TCM", "2024-10-01", ""));
    f.add_all(vec![mal(7, "2024-09-15"), mal(7, "2024-12-01")]);
    // P8: X = 2024-10-01; next on X + 366 = 2025-10-02: no.
    f.add(cw("E8", 8, A));
    f.add_all(vec![mal(8, "2024-10-01"), mal(8, "2025-10-02")]);
    // P9: CW-TCM at A and at B; X = 2024-11-01, next 2025-01-01 (X + 61): yes at both.
    f.add(cw("E9", 9, A));
    f.add(cw("E10", 9, B));
    f.add_all(vec![mal(9, "2024-11-01"), mal(9, "2025-01-01")]);
    // P10: only a report inside W (2025-08-01): no X, not a unit.
    f.add(cw("E11", 10, A));
    f.add(mal(10, "2025-08-01"));
    let r = f.run();
    r.expect(
        "cw-recurrence-12m",
        &[
            (A, "CW-TCM", 7, 4), // P1 n, P2 y, P3 y, P5 y, P6 n, P8 n, P9 y
            (A, ALL, 7, 4),
            (B, "CW-TCM", 1, 1), // P9
            (B, ALL, 1, 1),
            (STATE, ALL, 8, 5),
            (STATE, "CW-TCM", 8, 5),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// nf-admission: types EW, CADI, DD, BI, CAC, AC, VADD-TCM, CC-*; persons with ≥6 months of
// applicable episodes in W at the provider (per scope); numerator ≥1 nursing_facility_admit
// (dated by its start) on a day in W on which an in-scope episode is open.

#[test]
fn nf_admission() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI;EW"), (B, "CADI")]);
    let nf = |who, s: &str, e: &str| event(who, "nursing_facility_admit", s, e);
    // P1: EW all of W; admitted on W's last day: yes.
    f.add(episode("E1", 1, A, "EW", "2025-01-01", ""));
    f.add(nf(1, "2026-06-30", ""));
    // P2: EW Jul–Dec (6); admitted the day after the end: no.
    f.add(episode("E2", 2, A, "EW", "2025-07-01", "2025-12-31"));
    f.add(nf(2, "2026-01-01", "2026-01-20"));
    // P3: CADI Jul–Sep (3) + EW Dec–Mar (4): ALL only (7 months); admitted in August: yes.
    f.add(episode("E3", 3, A, "CADI", "2025-07-01", "2025-09-30"));
    f.add(episode("E4", 3, A, "EW", "2025-12-01", "2026-03-31"));
    f.add(nf(3, "2025-08-01", "2025-08-20"));
    // P4: AMH-TCM only (not applicable): no unit.
    f.add(episode("E5", 4, A, "AMH-TCM", "2025-01-01", ""));
    f.add(nf(4, "2025-10-01", ""));
    // P5: AMH-TCM all year + CADI Mar–Jun (4): only applicable months count, 4 < 6: no unit.
    f.add(episode("E6", 5, A, "AMH-TCM", "2025-01-01", ""));
    f.add(episode("E7", 5, A, "CADI", "2026-03-01", ""));
    f.add(nf(5, "2026-04-01", ""));
    // P6: CADI all of W at A and at B; admitted on W's first day: yes at both.
    f.add(episode("E8", 6, A, "CADI", "2025-07-01", ""));
    f.add(episode("E9", 6, B, "CADI", "2025-07-01", ""));
    f.add(nf(6, "2025-07-01", ""));
    // P7: CADI since 2024; admitted 2025-06-20 (before W), discharged in July: no.
    f.add(episode("E10", 7, A, "CADI", "2024-01-01", ""));
    f.add(nf(7, "2025-06-20", "2025-07-20"));
    let r = f.run();
    r.expect(
        "nf-admission",
        &[
            (A, "EW", 2, 1),   // P1 y, P2 n
            (A, "CADI", 2, 1), // P6 y, P7 n
            (A, ALL, 5, 3),    // P1 y, P2 n, P3 y, P6 y, P7 n
            (B, "CADI", 1, 1), // P6
            (B, ALL, 1, 1),
            (STATE, ALL, 6, 4),
            (STATE, "EW", 2, 1),
            (STATE, "CADI", 3, 2),
        ],
    );
    // AMH-TCM does not apply to nf-admission, though A lists it.
    r.absent("nf-admission", A, "AMH-TCM");
    r.absent("nf-admission", STATE, "AMH-TCM");
}

// ---------------------------------------------------------------------------------------
// cc-hra-30: CC-MSHO, CC-MSC, CC-SNBC episodes starting in W with start ≤ W end − 30 =
// 2026-05-31; numerator an hra of the person by the same provider, start ≤ date ≤ start + 30.

#[test]
fn cc_hra_30() {
    let mut f = Fx::new(&[(A, "CC-MSHO;CC-MSC;CC-SNBC;EW"), (B, "CC-MSC")]);
    // E1: MSHO from W's first day; hra on start + 30: yes.
    f.add(episode("E1", 1, A, "CC-MSHO", "2025-07-01", ""));
    f.add(record("E1", 1, A, "hra", "2025-07-31"));
    // E2: MSHO from 2025-08-01; hra the day before the start, an assessment (not an hra)
    // after it: no.
    f.add(episode("E2", 2, A, "CC-MSHO", "2025-08-01", ""));
    f.add(record("E2", 2, A, "hra", "2025-07-31"));
    f.add(record("E2", 2, A, "assessment", "2025-08-05"));
    // E3: MSC from W end − 30 (the last start included); hra on the start day: yes.
    f.add(episode("E3", 3, A, "CC-MSC", "2026-05-31", ""));
    f.add(record("E3", 3, A, "hra", "2026-05-31"));
    // E4: SNBC from 2026-01-01; hra on start + 31: no.
    f.add(episode("E4", 4, A, "CC-SNBC", "2026-01-01", ""));
    f.add(record("E4", 4, A, "hra", "2026-02-01"));
    // E5: SNBC from 2026-06-01 > W end − 30: excluded.
    f.add(episode("E5", 5, A, "CC-SNBC", "2026-06-01", ""));
    f.add(record("E5", 5, A, "hra", "2026-06-02"));
    // E6: EW is not a type of cc-hra-30: no unit.
    f.add(episode("E6", 6, A, "EW", "2026-01-01", ""));
    f.add(record("E6", 6, A, "hra", "2026-01-02"));
    // P7: SNBC at A (E7) and MSC at B (E8) from 2026-02-01; the hra is B's: yes at B only.
    f.add(episode("E7", 7, A, "CC-SNBC", "2026-02-01", ""));
    f.add(episode("E8", 7, B, "CC-MSC", "2026-02-01", ""));
    f.add(record("E8", 7, B, "hra", "2026-02-03"));
    // E9: MSHO from 2025-06-30, before W: excluded.
    f.add(episode("E9", 8, A, "CC-MSHO", "2025-06-30", ""));
    f.add(record("E9", 8, A, "hra", "2025-07-01"));
    let r = f.run();
    r.expect(
        "cc-hra-30",
        &[
            (A, "CC-MSHO", 2, 1), // E1 y, E2 n
            (A, "CC-MSC", 1, 1),  // E3 y
            (A, "CC-SNBC", 2, 0), // E4 n, E7 n
            (A, ALL, 5, 2),
            (B, "CC-MSC", 1, 1), // E8
            (B, ALL, 1, 1),
            (STATE, ALL, 6, 3),
            (STATE, "CC-MSHO", 2, 1),
            (STATE, "CC-MSC", 2, 2),
            (STATE, "CC-SNBC", 2, 0),
        ],
    );
    r.absent("cc-hra-30", A, "EW");
    r.absent("cc-hra-30", STATE, "EW");
}

// ---------------------------------------------------------------------------------------
// A measure is computed only when every quarter of its window is loaded.

#[test]
fn a_window_with_a_quarter_missing_has_no_rows() {
    // 2025Q4 has no package: every v1 measure reads it (W = 2025Q3 … 2026Q2), so no row of
    // 2026Q2 is written, although the episode and its contacts would make units.
    let mut f = Fx::new(&[(A, "AMH-TCM")]).quarters_before(&["2025Q3", "2026Q1"]);
    f.add(episode("E1", 1, A, "AMH-TCM", "2025-01-01", ""));
    f.add(contact("E1", 1, A, "2026-04-15"));
    let r = f.run();
    assert!(r.counts.is_empty(), "no measure rows expected for {PERIOD}, got {:#?}", r.counts);
}
