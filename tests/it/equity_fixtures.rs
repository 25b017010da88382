//! Equity stratification, disparity tests and small-number suppression on small hand-built
//! fixtures. Every expected stratum count, gap, flag and public CSV cell below was worked out
//! by hand from `shared/spec/measures.md` ("Equity stratification", "Small numbers and
//! privacy") and `shared/spec/outputs.md`, independently of the pipeline: the tests read only
//! what a run writes (`results/measure_results.parquet` and `.csv`) and call the crate only
//! to run the pipeline (in-process, with the site and the restricted outputs off, through the
//! shared fixture builder `common::measure_fx`). The p-values are recomputed here with a
//! normal tail written in this file and corrected with a Benjamini–Hochberg written from its
//! textbook definition.
//!
//! The fixtures use `contact-monthly` (unit: an episode-month, so one person enrolled all year
//! is 12 units and a few persons reach the 30 units a test and a published rate need) and
//! `preventive-visit` (unit: a person with ≥6 episode-months at the provider).
//!
//! Every fixture reports on 2026Q2: W = 2025-07-01 … 2026-06-30, whose months are numbered
//! here 0 (2025-07) … 11 (2026-06); age bands are taken on 2026-06-30. As in the measure
//! case files (`tests/measures/`), 2025Q3 … 2026Q1 get a package with only the provider rows,
//! and all records sit in Hennepin's 2026Q2 package. Providers: A = 2705300001 (county), B =
//! 2705300002 and C = 2705300003 (private). `Pn` is `pid(n)`. A person not described
//! otherwise is the default person: born 1958-04-12 (65-74), sex F, race WHITE, hispanic N,
//! language eng, interpreter N, county 27053 (Hennepin, metro), no tribal affiliation.
//! "k = n" means the person's episode has a contact with the person on the 15th of its first
//! n months in W, so n of its episode-months are in the numerator.
//!
//! Besides its own hand values, every fixture runs two whole-file checks:
//! - `check_disparities`: on every strata row, the gap from the Parquet counts, which rows are
//!   tested (both sides ≥ 30), the BH-corrected p-value and `flagged`; unstratified rows have
//!   null gap, gap_p and flagged. The p-values are compared to 1e-9 relative in most tests,
//!   and to 1e-12 in `gap_p_to_1e_12`;
//! - `check_public`: the CSV row by row against the Parquet (same rows, same `suppressed`,
//!   the cells each rule blanks or rounds, everything else identical), no count 1–10 in the
//!   CSV, and no additive relation left with exactly one hidden cell.


use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::common::measure_fx::*;
use crate::common::*;

const A: &str = HEN_PROV;
const B: &str = HEN_PROV2;
const C: &str = "2705300003";
/// Born 1990-01-01: 36 on 2026-06-30, age band 18-44.
const YOUNG: &str = "1990-01-01";
/// An episode open since before W: all 12 months of W are episode-months.
const LONG_AGO: &str = "2024-01-01";
const CM: &str = "contact-monthly";
const PV: &str = "preventive-visit";

// ---------------------------------------------------------------------------------------
// A normal tail and Benjamini–Hochberg, written here (not the crate's).

/// erfc(x) for x ≥ 0, to about 1e-15 relative (checked against 30-digit values below).
/// Below 1: 1 − erf(x) with erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (all
/// terms positive; 1 − erf loses nothing much while erf < 0.85). From 1 on: the continued
/// fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated
/// from the tail with 400 terms.
fn erfc(x: f64) -> f64 {
    assert!(x >= 0.0 && x.is_finite(), "erfc({x})");
    let sqrt_pi = std::f64::consts::PI.sqrt();
    if x < 1.0 {
        let mut term = x;
        let mut sum = x;
        let mut n = 0u32;
        loop {
            n += 1;
            term *= 2.0 * x * x / f64::from(2 * n + 1);
            sum += term;
            if term <= 1e-18 * sum || n > 500 {
                break;
            }
        }
        1.0 - 2.0 / sqrt_pi * (-x * x).exp() * sum
    } else {
        let mut t = x;
        for k in (1..=400).rev() {
            t = x + (f64::from(k) / 2.0) / t;
        }
        (-x * x).exp() / sqrt_pi / t
    }
}

/// Two-sided p-value of a standard normal statistic z: 2·(1 − Φ(|z|)) = erfc(|z|/√2).
fn two_sided_p(z: f64) -> f64 {
    erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// The pooled two-proportion z statistic of x1/n1 against x2/n2; `None` when the pooled rate
/// is 0 or 1 (no variance: z is undefined).
fn pooled_z(x1: i64, n1: i64, x2: i64, n2: i64) -> Option<f64> {
    let (x1, n1, x2, n2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let p = (x1 + x2) / (n1 + n2);
    if p <= 0.0 || p >= 1.0 {
        return None;
    }
    Some((x1 / n1 - x2 / n2) / (p * (1.0 - p) * (1.0 / n1 + 1.0 / n2)).sqrt())
}

/// Benjamini–Hochberg adjusted p-values by the definition: with m tests and rank(p) = the
/// number of p-values ≤ p, q_i = min(1, min over every p_j ≥ p_i of m·p_j / rank(p_j)).
fn bh_by_definition(p: &[f64]) -> Vec<f64> {
    let m = p.len() as f64;
    p.iter()
        .map(|&pi| {
            let best = p
                .iter()
                .filter(|&&pj| pj >= pi)
                .map(|&pj| m * pj / p.iter().filter(|&&pk| pk <= pj).count() as f64)
                .fold(f64::INFINITY, f64::min);
            best.min(1.0)
        })
        .collect()
}

#[test]
fn normal_tail_and_bh_helpers_match_tables() {
    // Reference erfc values (30-digit values, mpmath, rounded to f64; 0.999 and 1.0 straddle
    // the switch from the series to the continued fraction).
    for (x, want) in [
        (0.0, 1.0),
        (0.5, 0.479_500_122_186_953_5),
        (0.999, 0.157_714_729_793_503_07),
        (1.0, 0.157_299_207_050_285_13),
        (2.0, 0.004_677_734_981_047_266),
        (2.999, 2.223_016_859_983_407e-5),
        (3.0, 2.209_049_699_858_544e-5),
        (5.0, 1.537_459_794_428_035e-12),
    ] {
        let got = erfc(x);
        assert!((got - want).abs() <= 1e-14 * want, "erfc({x}) = {got}, want {want}");
    }
    // The 1.96 rule: two-sided p of z = 1.96 is 0.04999579…
    assert!((two_sided_p(1.96) - 0.049_995_790_296_440_87).abs() < 1e-14);
    assert!((two_sided_p(-1.96) - two_sided_p(1.96)).abs() == 0.0);
    // 30/100 vs 50/100: pooled 0.4, z = −0.2/√(0.24·0.02) = −2.886751…, p = 0.0038924…
    let z = pooled_z(30, 100, 50, 100).unwrap();
    assert!((z + 2.886_751_345_948_129).abs() < 1e-12, "{z}");
    assert!((two_sided_p(z) - 0.003_892_417_122_778_629).abs() < 1e-16, "{}", two_sided_p(z));
    assert_eq!(pooled_z(0, 40, 0, 40), None);
    // BH, m = 4: sorted 0.01, 0.02, 0.03, 0.5 → 0.04, 0.04, 0.04, 0.5.
    let q = bh_by_definition(&[0.03, 0.5, 0.01, 0.02]);
    for (a, w) in q.iter().zip([0.04, 0.5, 0.04, 0.04]) {
        assert!((a - w).abs() < 1e-15, "{q:?}");
    }
    // Ties share the larger rank; the running minimum from the top caps at 1.
    assert_eq!(bh_by_definition(&[0.9, 0.8]), [0.9, 0.9]);
    let q = bh_by_definition(&[0.02, 0.02, 0.9]);
    for (a, w) in q.iter().zip([0.03, 0.03, 0.9]) {
        assert!((a - w).abs() < 1e-15, "{q:?}");
    }
}

// ---------------------------------------------------------------------------------------
// What one run wrote.

type Row = ResultRow;
type CsvRow = BTreeMap<String, String>;

/// The whole `measure_results.parquet` and `measure_results.csv` of one run.
struct Out {
    rows: Vec<Row>,
    csv: Vec<CsvRow>,
}





/// (period, measure_id, provider_id, cm_type, stratifier, stratum).
type Key = (String, String, String, String, String, String);

fn key(row: &Row) -> Key {
    let t = |c: &str| text_of(row, c).to_string();
    (t("period"), t("measure_id"), t("provider_id"), t("cm_type"), t("stratifier"), t("stratum"))
}

fn csv_key(row: &CsvRow) -> Key {
    let t = |c: &str| row[c].clone();
    (t("period"), t("measure_id"), t("provider_id"), t("cm_type"), t("stratifier"), t("stratum"))
}

fn show(k: &Key) -> String {
    format!("{} {} {} {} {}={}", k.0, k.1, k.2, k.3, k.4, k.5)
}

impl Out {
    fn read(out: &Path) -> Out {
        let results = out.join("results");
        let (_, rows) = read_parquet(&results.join("measure_results.parquet"));
        let mut reader = csv::Reader::from_path(results.join("measure_results.csv")).expect("measure_results.csv");
        let header: Vec<String> = reader.headers().expect("CSV header").iter().map(str::to_string).collect();
        let csv = reader
            .records()
            .map(|r| {
                let r = r.expect("CSV record");
                header.iter().cloned().zip(r.iter().map(str::to_string)).collect()
            })
            .collect();
        Out { rows, csv }
    }

    /// The Parquet row of (measure, provider, cm_type, stratifier, stratum) in 2026Q2.
    fn row(&self, measure: &str, provider: &str, cm_type: &str, stratifier: &str, stratum: &str) -> &Row {
        self.position(measure, provider, cm_type, stratifier, stratum)
            .map(|i| &self.rows[i])
            .unwrap_or_else(|| panic!("no row {measure} {provider} {cm_type} {stratifier}={stratum}"))
    }

    fn position(&self, measure: &str, provider: &str, cm_type: &str, stratifier: &str, stratum: &str) -> Option<usize> {
        let want = (PERIOD, measure, provider, cm_type, stratifier, stratum);
        self.rows.iter().position(|r| {
            let k = key(r);
            (k.0.as_str(), k.1.as_str(), k.2.as_str(), k.3.as_str(), k.4.as_str(), k.5.as_str()) == want
        })
    }

    /// The CSV row of the same key (the CSV has the Parquet's rows in the same order; checked
    /// by `check_public`).
    fn public(&self, measure: &str, provider: &str, cm_type: &str, stratifier: &str, stratum: &str) -> &CsvRow {
        let i = self
            .position(measure, provider, cm_type, stratifier, stratum)
            .unwrap_or_else(|| panic!("no row {measure} {provider} {cm_type} {stratifier}={stratum}"));
        &self.csv[i]
    }

    /// (stratifier, stratum) → (denominator, numerator) of every strata row of `measure` at
    /// `provider` (cm_type ALL) in 2026Q2.
    fn strata(&self, measure: &str, provider: &str) -> BTreeMap<(String, String), (i64, i64)> {
        self.rows
            .iter()
            .filter(|r| {
                text_of(r, "period") == PERIOD
                    && text_of(r, "measure_id") == measure
                    && text_of(r, "provider_id") == provider
                    && text_of(r, "stratifier") != "all"
            })
            .map(|r| {
                assert_eq!(text_of(r, "cm_type"), ALL, "strata rows exist only for cm_type ALL: {:?}", key(r));
                (
                    (text_of(r, "stratifier").to_string(), text_of(r, "stratum").to_string()),
                    (int(r, "denominator"), int(r, "numerator")),
                )
            })
            .collect()
    }

    /// Asserts the exact set of strata rows (no more, no fewer) of `measure` at `provider`.
    fn expect_strata(&self, measure: &str, provider: &str, want: &[(&str, &str, i64, i64)]) {
        let want: BTreeMap<(String, String), (i64, i64)> =
            want.iter().map(|(a, b, d, n)| ((a.to_string(), b.to_string()), (*d, *n))).collect();
        let got = self.strata(measure, provider);
        let mut bad = Vec::new();
        for (k, w) in &want {
            match got.get(k) {
                Some(g) if g == w => {}
                Some(g) => bad.push(format!("{}={}: expected (den, num) {w:?}, got {g:?}", k.0, k.1)),
                None => bad.push(format!("{}={}: no row (expected {w:?})", k.0, k.1)),
            }
        }
        for (k, g) in &got {
            if !want.contains_key(k) {
                bad.push(format!("{}={}: unexpected row {g:?}", k.0, k.1));
            }
        }
        assert!(bad.is_empty(), "{measure} {provider} strata:\n{}", bad.join("\n"));
    }
}

// ---------------------------------------------------------------------------------------
// Fixtures: the shared measure fixture builder (`common::measure_fx`), with two helpers of
// this module's own and a run that adds the whole-file checks.

trait EquityFx {
    /// An episode of person `who` at `provider` from `start` (open-ended), with a contact with
    /// the person on the 15th of months `first`, `first + 1`, … (`k` of them) of W.
    #[allow(clippy::too_many_arguments)]
    fn episode_with_contacts(&mut self, ep: &str, who: u64, provider: &str, cm_type: &str, start: &str, first: usize, k: usize);

    /// A person enrolled all of W (12 episode-months) with k months with a contact.
    fn full_year(&mut self, ep: &str, who: u64, provider: &str, cm_type: &str, k: usize);

    /// Runs the fixture (`Fx::run`: in-process, every package loaded, nothing quarantined),
    /// reads the results and runs the whole-file check of the public CSV.
    fn results(&self) -> Out;
}

impl EquityFx for Fx {
    fn episode_with_contacts(&mut self, ep: &str, who: u64, provider: &str, cm_type: &str, start: &str, first: usize, k: usize) {
        self.add(episode(ep, who, provider, cm_type, start, ""));
        for m in first..first + k {
            assert!(m < 12, "month {m} is not in W");
            self.add(contact(ep, who, provider, &w_month_day(m, 15)));
        }
    }

    fn full_year(&mut self, ep: &str, who: u64, provider: &str, cm_type: &str, k: usize) {
        self.episode_with_contacts(ep, who, provider, cm_type, LONG_AGO, 0, k);
    }

    fn results(&self) -> Out {
        let run = self.run();
        let out = Out::read(&run.out);
        check_public(&out);
        out
    }
}

/// Day `day` of month `m` of W (0 = 2025-07 … 11 = 2026-06).
fn w_month_day(m: usize, day: u32) -> String {
    let (y, mo) = if m < 6 { (2025, 7 + m) } else { (2026, m - 5) };
    format!("{y}-{mo:02}-{day:02}")
}

// ---------------------------------------------------------------------------------------
// Whole-file checks.

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// How closely the pipeline's gap_p must match the BH value computed here.
#[derive(Clone, Copy, Debug)]
enum PTol {
    /// |gap_p − expected| ≤ 1e-12: the contract's precision.
    Strict,
    /// |gap_p − expected| ≤ 1e-9 · expected: what the pipeline's normal tail can meet today
    /// (statrs 0.18's erfc is only accurate to about 1e-10 relative: its per-interval constants
    /// were transcribed with 10 significant digits, statrs-dev/statrs#412). Used by the
    /// whole-file check so that every other disparity rule (gap, which rows are tested, BH
    /// ranks, flagged) keeps running; the 1e-12 comparison is `gap_p_to_1e_12`, ignored.
    Loose,
}

impl PTol {
    fn ok(self, got: f64, want: f64) -> bool {
        match self {
            PTol::Strict => close(got, want, 1e-12),
            PTol::Loose => close(got, want, 1e-9 * want.abs()),
        }
    }
}

/// Checks gap, gap_p and flagged on every row of 2026Q2 from the Parquet's own counts, and
/// returns the number of tested strata rows:
/// - unstratified rows: gap, gap_p and flagged null;
/// - strata rows (cm_type ALL): rest = the ALL row of the same provider (or STATE) minus the
///   group; gap = group rate − rest rate (1e-12), null when the rest is empty; tested when the
///   group's and the rest's denominators are both ≥ 30 (and the pooled rate is strictly between
///   0 and 1, otherwise z is undefined); untested rows have gap_p null and flagged false;
/// - tested rows: gap_p = BH over all tested rows of the period of the two-sided pooled
///   two-proportion p-value (to `tol`), and flagged = gap_p < 0.05.
fn check_disparities(out: &Out, tol: PTol) -> usize {
    let totals: BTreeMap<(String, String, String), (i64, i64)> = out
        .rows
        .iter()
        .filter(|r| text_of(r, "period") == PERIOD && text_of(r, "stratifier") == "all" && text_of(r, "cm_type") == ALL)
        .map(|r| {
            let k = key(r);
            ((k.1, k.2, k.3), (int(r, "denominator"), int(r, "numerator")))
        })
        .collect();
    let mut tested: Vec<(usize, f64)> = Vec::new();
    let mut bad = Vec::new();
    for (i, r) in out.rows.iter().enumerate().filter(|(_, r)| text_of(r, "period") == PERIOD) {
        let k = key(r);
        let (gap, gap_p, flagged) = (float(r, "gap"), float(r, "gap_p"), boolean(r, "flagged"));
        if k.4 == "all" {
            if gap.is_some() || gap_p.is_some() || flagged.is_some() {
                bad.push(format!(
                    "{}: an unstratified row has gap {gap:?}, gap_p {gap_p:?}, flagged {flagged:?}",
                    show(&k)
                ));
            }
            continue;
        }
        assert_eq!(k.3, ALL, "{}: strata rows exist only for cm_type ALL", show(&k));
        let (n1, x1) = (int(r, "denominator"), int(r, "numerator"));
        assert!(n1 > 0, "{}: a stratum row with denominator 0", show(&k));
        let (tn, tx) = totals[&(k.1.clone(), k.2.clone(), ALL.to_string())];
        let (n2, x2) = (tn - n1, tx - x1);
        assert!(n2 >= 0 && x2 >= 0 && x2 <= n2, "{}: the stratum exceeds its ALL row", show(&k));
        let want_gap = (n2 > 0).then(|| x1 as f64 / n1 as f64 - x2 as f64 / n2 as f64);
        match (gap, want_gap) {
            (None, None) => {}
            (Some(g), Some(w)) if close(g, w, 1e-12) => {}
            _ => {
                bad.push(format!("{}: gap {gap:?}, expected {want_gap:?} ({x1}/{n1} vs the rest {x2}/{n2})", show(&k)))
            }
        }
        let z = if n1 >= 30 && n2 >= 30 { pooled_z(x1, n1, x2, n2) } else { None };
        match z {
            Some(z) => {
                if gap_p.is_none() {
                    bad.push(format!("{}: {x1}/{n1} vs {x2}/{n2} is tested but gap_p is null", show(&k)));
                }
                tested.push((i, two_sided_p(z)));
            }
            None => {
                if gap_p.is_some() || flagged != Some(false) {
                    bad.push(format!(
                        "{}: untested ({x1}/{n1} vs {x2}/{n2}) but gap_p {gap_p:?}, flagged {flagged:?}",
                        show(&k)
                    ));
                }
            }
        }
    }
    let raw: Vec<f64> = tested.iter().map(|(_, p)| *p).collect();
    for ((i, p), q) in tested.iter().zip(bh_by_definition(&raw)) {
        let r = &out.rows[*i];
        let (gap_p, flagged) = (float(r, "gap_p"), boolean(r, "flagged"));
        if !gap_p.is_some_and(|g| tol.ok(g, q)) || flagged != Some(q < 0.05) {
            bad.push(format!(
                "{}: gap_p {gap_p:?} flagged {flagged:?}, expected BH {q} (raw {p}, {} tests) flagged {} ({tol:?})",
                show(&key(r)),
                raw.len(),
                q < 0.05
            ));
        }
    }
    assert!(bad.is_empty(), "disparity columns:\n{}", bad.join("\n"));
    tested.len()
}

/// Counts 1 to 10 may never be published.
fn small(n: i64) -> bool {
    (1..=10).contains(&n)
}

/// A rate, RSR or gap published to a whole percent.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

const FLOAT_COLUMNS: &[&str] =
    &["rate", "ci_low", "ci_high", "expected", "oe", "rsr", "rsr_low", "rsr_high", "gap", "gap_p"];
/// What a hidden row loses whatever its denominator.
const HIDDEN_ALWAYS: &[&str] =
    &["denominator", "numerator", "ci_low", "ci_high", "expected", "oe", "rsr_low", "rsr_high", "gap_p"];
/// What a type-standardized row loses when a cm_type behind its expected has 1 to 10 units.
const TYPE_HIDDEN: &[&str] = &["expected", "oe", "rsr", "rsr_low", "rsr_high"];
/// What a hidden row with denominator ≥ 30 shows rounded (and a denominator < 30 hides).
const ROUNDED: &[&str] = &["rate", "rsr", "gap"];

fn csv_float(row: &CsvRow, col: &str) -> Option<f64> {
    let v = &row[col];
    (!v.is_empty()).then(|| v.parse().unwrap_or_else(|e| panic!("CSV {col} `{v}`: {e}")))
}

fn csv_int(row: &CsvRow, col: &str) -> Option<i64> {
    let v = &row[col];
    (!v.is_empty()).then(|| v.parse().unwrap_or_else(|e| panic!("CSV {col} `{v}`: {e}")))
}

/// The public CSV against the Parquet, on every row of every period (see the module comment),
/// then the complementary-suppression fixed point.
fn check_public(out: &Out) {
    assert_eq!(out.rows.len(), out.csv.len(), "the CSV has the Parquet's rows");
    let mut bad = Vec::new();
    for (pq, cv) in out.rows.iter().zip(&out.csv) {
        let k = key(pq);
        assert_eq!(csv_key(cv), k, "the CSV rows are the Parquet rows in the same order");
        let who = show(&k);
        let suppressed = boolean(pq, "suppressed").expect("suppressed is never null");
        if cv["suppressed"] != suppressed.to_string() {
            bad.push(format!("{who}: suppressed {suppressed} in the Parquet, `{}` in the CSV", cv["suppressed"]));
        }
        let category = match pq.get("category") {
            Some(Cell::Str(c)) => c.clone(),
            _ => String::new(),
        };
        if cv["category"] != category {
            bad.push(format!("{who}: category `{category}` vs CSV `{}`", cv["category"]));
        }
        let flagged = boolean(pq, "flagged").map(|b| b.to_string()).unwrap_or_default();
        if cv["flagged"] != flagged {
            bad.push(format!("{who}: flagged `{flagged}` vs CSV `{}`", cv["flagged"]));
        }
        for col in ["denominator", "numerator"] {
            if let Some(n) = csv_int(cv, col) {
                if small(n) {
                    bad.push(format!("{who}: the CSV publishes {col} {n}"));
                }
            }
        }
        let (den, num) = (int(pq, "denominator"), int(pq, "numerator"));
        if (den < 30 || small(num) || small(den - num)) && !suppressed {
            bad.push(format!("{who}: {num}/{den} must be suppressed"));
        }
        if cv["adjustment"] != text_of(pq, "adjustment") {
            bad.push(format!("{who}: adjustment `{}` vs Parquet `{}`", cv["adjustment"], text_of(pq, "adjustment")));
        }
        // Rule 4: a type-standardized row whose expected would give back a small per-type
        // count keeps its counts but loses expected, O/E and the standardized rate.
        let counts_shown = !cv["denominator"].is_empty();
        let type_hidden = suppressed && counts_shown;
        if type_hidden && text_of(pq, "adjustment") != "type" {
            bad.push(format!("{who}: suppressed with its counts shown, but adjustment is not type"));
        }
        if !suppressed || type_hidden {
            for col in ["denominator", "numerator"] {
                if csv_int(cv, col) != Some(int(pq, col)) {
                    bad.push(format!("{who}: {col} `{}` vs {}", cv[col], int(pq, col)));
                }
            }
            for col in FLOAT_COLUMNS {
                let want = if type_hidden && TYPE_HIDDEN.contains(col) { None } else { float(pq, col) };
                if csv_float(cv, col) != want {
                    bad.push(format!("{who}: published {col} `{}` vs {want:?} (Parquet {:?})", cv[*col], float(pq, col)));
                }
            }
            continue;
        }
        for col in HIDDEN_ALWAYS {
            if !cv[*col].is_empty() {
                bad.push(format!("{who}: suppressed but {col} `{}` is shown", cv[*col]));
            }
        }
        for col in ROUNDED {
            let want = if den < 30 { None } else { float(pq, col).map(round2) };
            // A type-standardized RSR may also be blank by rule 4 (which per-type counts
            // are small is not a column, so either is accepted here).
            if *col == "rsr" && text_of(pq, "adjustment") == "type" && cv["rsr"].is_empty() {
                continue;
            }
            if csv_float(cv, col) != want {
                bad.push(format!("{who}: {num}/{den} suppressed: {col} `{}`, expected {want:?}", cv[*col]));
            }
        }
    }
    assert!(bad.is_empty(), "public CSV:\n{}", bad.join("\n"));
    check_no_lonely_hidden_cell(out);
}

/// After complementary suppression no additive relation has exactly one hidden cell:
/// - strata of one stratifier → the unstratified row of the same provider (or STATE) and
///   cm_type;
/// - a provider's (or STATE's) cm_type rows → its ALL row;
/// - the providers' rows → the STATE row of the same cm_type, stratifier and stratum.
///
/// A hidden cell is a suppressed row, or the implicit remainder total − Σ parts when its
/// denominator, numerator or denominator − numerator is 1..10 in absolute value (a negative
/// remainder, e.g. a person counted in two cm_type rows but once in ALL, reveals as much).
fn check_no_lonely_hidden_cell(out: &Out) {
    let index: BTreeMap<Key, usize> = out.rows.iter().enumerate().map(|(i, r)| (key(r), i)).collect();
    let mut relations: BTreeMap<(Key, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in out.rows.iter().enumerate() {
        let (period, measure, provider, cm_type, stratifier, stratum) = key(r);
        let total = |p: &str, c: &str, s: &str, t: &str| {
            index.get(&(period.clone(), measure.clone(), p.to_string(), c.to_string(), s.to_string(), t.to_string()))
        };
        if stratifier != "all" {
            if let Some(&t) = total(&provider, &cm_type, "all", "all") {
                relations.entry((key(&out.rows[t]), format!("strata {stratifier}"))).or_default().push(i);
            }
        } else if cm_type != ALL {
            if let Some(&t) = total(&provider, ALL, "all", "all") {
                relations.entry((key(&out.rows[t]), "cm_types".into())).or_default().push(i);
            }
        }
        if provider != STATE {
            if let Some(&t) = total(STATE, &cm_type, &stratifier, &stratum) {
                relations.entry((key(&out.rows[t]), "providers".into())).or_default().push(i);
            }
        }
    }
    // Hidden counts: a suppressed row whose public denominator is blank (a type-standardized
    // row can be suppressed for its expected alone, its counts shown).
    let hidden = |i: usize| boolean(&out.rows[i], "suppressed") == Some(true) && out.csv.get(i).is_none_or(|c| c["denominator"].is_empty());
    let counts = |i: usize| (int(&out.rows[i], "denominator"), int(&out.rows[i], "numerator"));
    let mut bad = Vec::new();
    for ((total, what), parts) in &relations {
        let t = index[total];
        let (mut rd, mut rn) = counts(t);
        for &p in parts {
            rd -= counts(p).0;
            rn -= counts(p).1;
        }
        let remainder = small(rd.abs()) || small(rn.abs()) || small((rd - rn).abs());
        let n = usize::from(hidden(t)) + parts.iter().filter(|&&p| hidden(p)).count() + usize::from(remainder);
        if n == 1 {
            bad.push(format!(
                "{} ← {what} ({} parts, remainder {rn}/{rd}): exactly one hidden cell",
                show(total),
                parts.len()
            ));
        }
    }
    assert!(bad.is_empty(), "complementary suppression left a cell recoverable by subtraction:\n{}", bad.join("\n"));
}

/// A minimal `measure_results` row for checking the checker.
fn synthetic(provider: &str, cm_type: &str, stratifier: &str, stratum: &str, den: i64, num: i64, hidden: bool) -> Row {
    let mut r = Row::new();
    for (c, v) in [
        ("period", PERIOD),
        ("measure_id", CM),
        ("provider_id", provider),
        ("cm_type", cm_type),
        ("stratifier", stratifier),
        ("stratum", stratum),
    ] {
        r.insert(c.to_string(), s(v));
    }
    r.insert("denominator".into(), Cell::Int(den));
    r.insert("numerator".into(), Cell::Int(num));
    r.insert("suppressed".into(), Cell::Bool(hidden));
    r
}

#[test]
fn the_relation_checker_finds_a_lonely_hidden_cell() {
    let lonely = |rows: Vec<Row>| {
        let out = Out { rows, csv: Vec::new() };
        std::panic::catch_unwind(|| check_no_lonely_hidden_cell(&out)).is_err()
    };
    // STATE 200 = A 150 + B 35 + C 15: C alone hidden is recoverable; C and B hidden is not.
    let providers = |b_hidden: bool| {
        vec![
            synthetic(A, ALL, "all", "all", 150, 75, false),
            synthetic(B, ALL, "all", "all", 35, 20, b_hidden),
            synthetic(C, ALL, "all", "all", 15, 12, true),
            synthetic(STATE, ALL, "all", "all", 200, 107, false),
        ]
    };
    assert!(lonely(providers(false)));
    assert!(!lonely(providers(true)));
    // 103 = 60 + 40 + a remainder of 3 persons without an age band: the remainder is one
    // hidden cell unless a band is hidden with it.
    let ages = |hide: bool| {
        vec![
            synthetic(STATE, ALL, "all", "all", 103, 60, false),
            synthetic(STATE, ALL, "age_band", "18-44", 60, 30, false),
            synthetic(STATE, ALL, "age_band", "45-64", 40, 22, hide),
        ]
    };
    assert!(lonely(ages(false)));
    assert!(!lonely(ages(true)));
    // A provider's cm_type rows → its ALL row.
    let types = vec![
        synthetic(A, ALL, "all", "all", 72, 43, false),
        synthetic(A, "AMH-TCM", "all", "all", 48, 32, false),
        synthetic(A, "CADI", "all", "all", 24, 11, true),
    ];
    assert!(lonely(types));
}

/// Asserts the Parquet gap of one strata row against a hand value (1e-12), or null.
fn assert_gap(out: &Out, measure: &str, provider: &str, stratifier: &str, stratum: &str, want: Option<f64>) {
    let r = out.row(measure, provider, ALL, stratifier, stratum);
    let got = float(r, "gap");
    match (got, want) {
        (None, None) => {}
        (Some(g), Some(w)) if close(g, w, 1e-12) => {}
        _ => panic!("{measure} {provider} {stratifier}={stratum}: gap {got:?}, by hand {want:?}"),
    }
}

/// Asserts gap_p and flagged of one strata row: `None` = untested (gap_p null, flagged
/// false), `Some(flag)` = tested with that flag.
fn assert_test(out: &Out, measure: &str, provider: &str, stratifier: &str, stratum: &str, want: Option<bool>) {
    let r = out.row(measure, provider, ALL, stratifier, stratum);
    let (gap_p, flagged) = (float(r, "gap_p"), boolean(r, "flagged"));
    match want {
        None => assert!(
            gap_p.is_none() && flagged == Some(false),
            "{measure} {provider} {stratifier}={stratum}: untested, got gap_p {gap_p:?} flagged {flagged:?}"
        ),
        Some(f) => assert!(
            gap_p.is_some() && flagged == Some(f),
            "{measure} {provider} {stratifier}={stratum}: tested, flagged {f}; got gap_p {gap_p:?} flagged {flagged:?}"
        ),
    }
}

// ---------------------------------------------------------------------------------------
// 1. Strata by hand.
//
// Providers A (AMH-TCM;CADI) and B (AMH-TCM). Persons (race / language / interpreter / age
// band / sex / region / tribal → their strata):
//
// | person | attributes | strata |
// |---|---|---|
// | P1 | race BLACK;WHITE, hispanic N, som, interpreter Y, born 1990-01-01, M, 27053 | multiracial, som, yes, 18-44, M, metro, none |
// | P2 | race WHITE, hispanic Y, spa, N, born 2010-03-15 (16), F, 27001 Aitkin | hispanic, spa, no, 0-17, F, greater, none |
// | P3 | race OTHER;DECLINED, hispanic N, language, interpreter, birth date, sex, county all empty | unknown, unknown, unknown, (no age band), U, unknown, none |
// | P4 | race WHITE;WHITE;OTHER, hispanic N, vie, N, born 1948-05-01 (78), X, 27137 St. Louis, tribe-leech-lake | white, other, no, 75+, X, greater, tribal |
// | P5 | race ASIAN, hispanic N, hmn, N, born 1981-06-30 (45 on W's last day), M, 27123 Ramsey | asian, hmn, no, 45-64, M, metro, none |
// | P6 | race AIAN, hispanic U, eng, N, born 1958-04-12 (68), F, 27007 Beltrami, tribe-red-lake | aian, eng, no, 65-74, F, greater, tribal |
// | P7 | the default person | white, eng, no, 65-74, F, metro, none |
//
// contact-monthly units (episode-months / with a contact):
// - P1: A AMH-TCM all year, k = 5 → A 12/5
// - P2: A CADI from 2026-01-10 (Jan–Jun = 6 months), contacts Jan–Apr → A 6/4
// - P3: A AMH-TCM from 2025-10-01 (Oct–Jun = 9), contacts Oct–Dec → A 9/3
// - P4: B AMH-TCM all year, k = 7 → B 12/7; A CADI from 2026-04-01 (Apr–Jun = 3), contacts
//   Apr, May → A 3/2 (P4 counts at both providers)
// - P5: B AMH-TCM all year, k = 12 → B 12/12
// - P6: B AMH-TCM from 2025-11-01 (Nov–Jun = 8), no contact → B 8/0
// - P7: A AMH-TCM all year, k = 6 → A 12/6
//
// A ALL = 12 + 6 + 9 + 3 + 12 = 42 / 5 + 4 + 3 + 2 + 6 = 20; B ALL = 32/19; STATE ALL = 74/39.

fn strata_fixture() -> Fx {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI"), (B, "AMH-TCM")]);
    f.person(
        1,
        &[
            ("race", "BLACK;WHITE"),
            ("preferred_language", "som"),
            ("interpreter_needed", "Y"),
            ("birth_date", YOUNG),
            ("sex", "M"),
        ],
    );
    f.person(
        2,
        &[("hispanic", "Y"), ("preferred_language", "spa"), ("birth_date", "2010-03-15"), ("county_fips", "27001")],
    );
    f.person(
        3,
        &[
            ("race", "OTHER;DECLINED"),
            ("preferred_language", ""),
            ("interpreter_needed", ""),
            ("birth_date", ""),
            ("sex", ""),
            ("county_fips", ""),
            ("zip", ""),
        ],
    );
    f.person(
        4,
        &[
            ("race", "WHITE;WHITE;OTHER"),
            ("preferred_language", "vie"),
            ("birth_date", "1948-05-01"),
            ("sex", "X"),
            ("county_fips", "27137"),
            ("tribal_affiliation", "tribe-leech-lake"),
        ],
    );
    f.person(
        5,
        &[
            ("race", "ASIAN"),
            ("preferred_language", "hmn"),
            ("birth_date", "1981-06-30"),
            ("sex", "M"),
            ("county_fips", "27123"),
        ],
    );
    f.person(
        6,
        &[("race", "AIAN"), ("hispanic", "U"), ("county_fips", "27007"), ("tribal_affiliation", "tribe-red-lake")],
    );
    f.person(7, &[]);
    f.full_year("E1", 1, A, "AMH-TCM", 5);
    f.episode_with_contacts("E2", 2, A, "CADI", "2026-01-10", 6, 4);
    f.episode_with_contacts("E3", 3, A, "AMH-TCM", "2025-10-01", 3, 3);
    f.full_year("E4", 4, B, "AMH-TCM", 7);
    f.episode_with_contacts("E5", 4, A, "CADI", "2026-04-01", 9, 2);
    f.full_year("E6", 5, B, "AMH-TCM", 12);
    f.episode_with_contacts("E7", 6, B, "AMH-TCM", "2025-11-01", 4, 0);
    f.full_year("E8", 7, A, "AMH-TCM", 6);
    // preventive-visit: P1 (at A) and P5 (at B) had a checkup in W.
    f.add(event(1, "preventive_visit", "2026-02-01", ""));
    f.add(event(5, "preventive_visit", "2025-08-01", ""));
    f
}

#[test]
fn strata_by_hand() {
    let out = strata_fixture().results();
    let unstratified = |m: &str, p: &str, c: &str| {
        let r = out.row(m, p, c, "all", "all");
        (int(r, "denominator"), int(r, "numerator"))
    };
    // The totals the strata add up to.
    assert_eq!(unstratified(CM, A, ALL), (42, 20));
    assert_eq!(unstratified(CM, A, "AMH-TCM"), (33, 14)); // P1, P3, P7
    assert_eq!(unstratified(CM, A, "CADI"), (9, 6)); // P2, P4
    assert_eq!(unstratified(CM, B, ALL), (32, 19));
    assert_eq!(unstratified(CM, STATE, ALL), (74, 39));

    // A: P1 12/5, P2 6/4, P3 9/3, P4 3/2, P7 12/6. Every stratifier but age_band sums to
    // 42/20; age_band misses P3 (no birth date): 33/17. No row for a stratum nobody is in.
    out.expect_strata(
        CM,
        A,
        &[
            ("race_ethnicity", "multiracial", 12, 5), // P1 BLACK;WHITE
            ("race_ethnicity", "hispanic", 6, 4),     // P2 hispanic Y, race WHITE
            ("race_ethnicity", "unknown", 9, 3),      // P3 OTHER;DECLINED
            ("race_ethnicity", "white", 15, 8),       // P4 WHITE;WHITE;OTHER 3/2 + P7 12/6
            ("language", "som", 12, 5),
            ("language", "spa", 6, 4),
            ("language", "unknown", 9, 3), // P3 empty
            ("language", "other", 3, 2),   // P4 vie
            ("language", "eng", 12, 6),
            ("interpreter", "yes", 12, 5),
            ("interpreter", "no", 21, 12), // P2 6/4 + P4 3/2 + P7 12/6
            ("interpreter", "unknown", 9, 3),
            ("age_band", "18-44", 12, 5),
            ("age_band", "0-17", 6, 4),
            ("age_band", "75+", 3, 2),
            ("age_band", "65-74", 12, 6),
            ("sex", "M", 12, 5),
            ("sex", "F", 18, 10), // P2 + P7
            ("sex", "U", 9, 3),   // P3 empty
            ("sex", "X", 3, 2),
            ("region", "metro", 24, 11), // P1 + P7 (27053)
            ("region", "greater", 9, 6), // P2 (27001) + P4 (27137)
            ("region", "unknown", 9, 3), // P3 empty
            ("tribal", "none", 39, 18),  // P1, P2, P3, P7
            ("tribal", "tribal", 3, 2),  // P4
        ],
    );
    // B: P4 12/7, P5 12/12, P6 8/0.
    out.expect_strata(
        CM,
        B,
        &[
            ("race_ethnicity", "white", 12, 7),
            ("race_ethnicity", "asian", 12, 12),
            ("race_ethnicity", "aian", 8, 0), // P6: hispanic U is not hispanic
            ("language", "other", 12, 7),
            ("language", "hmn", 12, 12),
            ("language", "eng", 8, 0),
            ("interpreter", "no", 32, 19),
            ("age_band", "75+", 12, 7),
            ("age_band", "45-64", 12, 12), // P5 turns 45 on W's last day
            ("age_band", "65-74", 8, 0),
            ("sex", "X", 12, 7),
            ("sex", "M", 12, 12),
            ("sex", "F", 8, 0),
            ("region", "greater", 20, 7), // P4 + P6 (27007)
            ("region", "metro", 12, 12),  // P5 (27123)
            ("tribal", "tribal", 20, 7),  // P4 leech-lake + P6 red-lake
            ("tribal", "none", 12, 12),
        ],
    );
    // STATE = A + B (P4 counts at both).
    out.expect_strata(
        CM,
        STATE,
        &[
            ("race_ethnicity", "multiracial", 12, 5),
            ("race_ethnicity", "hispanic", 6, 4),
            ("race_ethnicity", "unknown", 9, 3),
            ("race_ethnicity", "white", 27, 15),
            ("race_ethnicity", "asian", 12, 12),
            ("race_ethnicity", "aian", 8, 0),
            ("language", "som", 12, 5),
            ("language", "spa", 6, 4),
            ("language", "unknown", 9, 3),
            ("language", "other", 15, 9),
            ("language", "eng", 20, 6),
            ("language", "hmn", 12, 12),
            ("interpreter", "yes", 12, 5),
            ("interpreter", "no", 53, 31),
            ("interpreter", "unknown", 9, 3),
            ("age_band", "18-44", 12, 5),
            ("age_band", "0-17", 6, 4),
            ("age_band", "75+", 15, 9),
            ("age_band", "65-74", 20, 6),
            ("age_band", "45-64", 12, 12),
            ("sex", "M", 24, 17),
            ("sex", "F", 26, 10),
            ("sex", "U", 9, 3),
            ("sex", "X", 15, 9),
            ("region", "metro", 36, 23),
            ("region", "greater", 29, 13),
            ("region", "unknown", 9, 3),
            ("tribal", "none", 51, 30),
            ("tribal", "tribal", 23, 9),
        ],
    );

    // preventive-visit (persons with ≥6 episode-months at the provider): A: P1 (12), P2 (6),
    // P3 (9), P7 (12) — P4 has 3 months at A; B: P4, P5, P6 (8). Visits: P1, P5.
    assert_eq!(unstratified(PV, A, ALL), (4, 1));
    assert_eq!(unstratified(PV, B, ALL), (3, 1));
    assert_eq!(unstratified(PV, STATE, ALL), (7, 2));
    let pv = |provider: &str, stratifier: &str| -> BTreeMap<String, (i64, i64)> {
        out.strata(PV, provider).into_iter().filter(|((s, _), _)| s == stratifier).map(|((_, t), v)| (t, v)).collect()
    };
    let m = |v: &[(&str, i64, i64)]| -> BTreeMap<String, (i64, i64)> {
        v.iter().map(|(t, d, n)| (t.to_string(), (*d, *n))).collect()
    };
    assert_eq!(
        pv(A, "race_ethnicity"),
        m(&[("multiracial", 1, 1), ("hispanic", 1, 0), ("unknown", 1, 0), ("white", 1, 0)])
    );
    assert_eq!(pv(B, "race_ethnicity"), m(&[("white", 1, 0), ("asian", 1, 1), ("aian", 1, 0)]));
    assert_eq!(
        pv(STATE, "race_ethnicity"),
        m(&[
            ("multiracial", 1, 1),
            ("hispanic", 1, 0),
            ("unknown", 1, 0),
            ("white", 2, 0),
            ("asian", 1, 1),
            ("aian", 1, 0)
        ])
    );
    // P3 (no birth date) is in no age band.
    assert_eq!(pv(A, "age_band"), m(&[("18-44", 1, 1), ("0-17", 1, 0), ("65-74", 1, 0)]));
    assert_eq!(
        pv(STATE, "age_band"),
        m(&[("18-44", 1, 1), ("0-17", 1, 0), ("65-74", 2, 0), ("75+", 1, 0), ("45-64", 1, 1)])
    );
    assert_eq!(pv(STATE, "tribal"), m(&[("none", 5, 2), ("tribal", 2, 0)]));

    // 2. Gaps by hand (group rate − rest of the same scope); these rows are untested.
    // A white 8/15 vs the rest (42−15, 20−8) = 12/27: 8/15 − 4/9 = 4/45.
    assert_gap(&out, CM, A, "race_ethnicity", "white", Some(4.0 / 45.0));
    // A 18-44 5/12 vs 15/30 (the rest includes P3, who has no age band): −1/12.
    assert_gap(&out, CM, A, "age_band", "18-44", Some(-1.0 / 12.0));
    // A region unknown 3/9 vs 17/33: 1/3 − 17/33 = −2/11.
    assert_gap(&out, CM, A, "region", "unknown", Some(-2.0 / 11.0));
    // B tribal none 12/12 vs 7/20: 13/20.
    assert_gap(&out, CM, B, "tribal", "none", Some(13.0 / 20.0));
    // B interpreter no is all of B: the rest is empty, no gap.
    assert_gap(&out, CM, B, "interpreter", "no", None);
    // STATE tribal 9/23 vs 30/51: 9/23 − 10/17 = −77/391.
    assert_gap(&out, CM, STATE, "tribal", "tribal", Some(-77.0 / 391.0));
    // STATE sex U 3/9 vs 36/65: −43/195.
    assert_gap(&out, CM, STATE, "sex", "U", Some(-43.0 / 195.0));
    // preventive-visit STATE asian 1/1 vs 1/6: 5/6.
    assert_gap(&out, PV, STATE, "race_ethnicity", "asian", Some(5.0 / 6.0));
    for (p, s, t) in [
        (A, "race_ethnicity", "white"),
        (B, "interpreter", "no"),
        (STATE, "interpreter", "no"),
        (STATE, "tribal", "none"),
    ] {
        assert_test(&out, CM, p, s, t, None);
    }
    // One row only has 30 units on both sides: STATE metro 36/23 against the rest 38/16 (STATE
    // interpreter no is 53 but its rest 21; tribal none 51 against 23). z = (23/36 − 16/38) /
    // √(39/74 · 35/74 · (1/36 + 1/38)) = 1.87596, p = 0.060661 (one test: BH leaves it).
    assert_test(&out, CM, STATE, "region", "metro", Some(false));
    assert_gap(&out, CM, STATE, "region", "metro", Some(23.0 / 36.0 - 8.0 / 19.0));
    assert_test(&out, CM, STATE, "region", "greater", None);
    assert_eq!(check_disparities(&out, PTol::Loose), 1, "one strata row of this fixture is tested");
}

// ---------------------------------------------------------------------------------------
// 2 and 3. Disparity tests by hand, and an independent Benjamini–Hochberg.
//
// Providers A and B (AMH-TCM). Every person is enrolled all year (12 units):
//
// | person | provider | sex | race | born | language | county | k |
// |---|---|---|---|---|---|---|---|
// | P1 | A | F | WHITE | 1990 (18-44) | eng | 27137 (greater) | 12 |
// | P2 | A | F | WHITE | 1990 | eng | 27053 (metro) | 12 |
// | P3 | A | F | BLACK | 1958 (65-74) | eng | metro | 12 |
// | P4 | A | F | BLACK | 1958 | eng | metro | 11 |
// | P5 | A | M | WHITE | 1990 | eng | metro | 2 |
// | P6 | A | M | WHITE | 1958 | eng | greater | 3 |
// | P7 | A | M | BLACK | 1958 | eng | metro | 1 |
// | P8 | A | M | BLACK | 1958 | spa | greater | 0 |
// | P9 | B | F | WHITE | 1958 | eng | metro | 6 |
// | P10 | B | M | WHITE | 1958 | eng | metro | 6 |
// | P11 | B | F | BLACK | 1958 | eng | metro | 6 |
//
// A ALL 96/53, B ALL 36/18, STATE ALL 132/71. Tested strata rows (both sides ≥ 30), with
// the two-sided pooled p-value (computed by hand) and its BH value over these 16 tests:
//
// | row | group | rest | raw p | BH | flagged |
// |---|---|---|---|---|---|
// | A sex F / M | 47/48 | 6/48 | 3.93e-17 | 3.15e-16 | yes |
// | A race white / black | 29/48 | 24/48 | 0.3048 | 0.3483 | no |
// | A age 18-44 / 65-74 | 26/36 | 27/60 | 0.009414 | 0.018827 | yes |
// | A region greater / metro | 15/36 | 38/60 | 0.03876 | 0.06202 | no (raw p < 0.05, BH not) |
// | STATE sex F / M | 59/72 | 12/60 | 1.18e-12 | 4.72e-12 | yes |
// | STATE race white / black | 41/72 | 30/60 | 0.4255 | 0.4255 | no |
// | STATE age 18-44 / 65-74 | 26/36 | 45/96 | 0.009284 | 0.018827 (step-up from A's) | yes |
// | STATE region greater / metro | 15/36 | 56/96 | 0.08717 | 0.1162 | no |
//
// Untested: B's strata (36 units in all); language (spa is P8 alone, 12 units); interpreter,
// tribal (everyone in one stratum: no rest, no gap); B's age band (everyone 65-74).

fn disparity_fixture() -> &'static Out {
    static OUT: OnceLock<Out> = OnceLock::new();
    OUT.get_or_init(|| {
        let mut f = Fx::new(&[(A, "AMH-TCM"), (B, "AMH-TCM")]);
        let people: [(u64, &str, &str, &str, &str, &str, usize, &str); 11] = [
            (1, A, "F", "WHITE", YOUNG, "eng", 12, "27137"),
            (2, A, "F", "WHITE", YOUNG, "eng", 12, "27053"),
            (3, A, "F", "BLACK", ADULT, "eng", 12, "27053"),
            (4, A, "F", "BLACK", ADULT, "eng", 11, "27053"),
            (5, A, "M", "WHITE", YOUNG, "eng", 2, "27053"),
            (6, A, "M", "WHITE", ADULT, "eng", 3, "27137"),
            (7, A, "M", "BLACK", ADULT, "eng", 1, "27053"),
            (8, A, "M", "BLACK", ADULT, "spa", 0, "27137"),
            (9, B, "F", "WHITE", ADULT, "eng", 6, "27053"),
            (10, B, "M", "WHITE", ADULT, "eng", 6, "27053"),
            (11, B, "F", "BLACK", ADULT, "eng", 6, "27053"),
        ];
        for (n, provider, sex, race, born, lang, k, county) in people {
            f.person(
                n,
                &[
                    ("sex", sex),
                    ("race", race),
                    ("birth_date", born),
                    ("preferred_language", lang),
                    ("county_fips", county),
                ],
            );
            f.full_year(&format!("E{n}"), n, provider, "AMH-TCM", k);
        }
        f.results()
    })
}

#[test]
fn disparity_gaps_and_flags_by_hand() {
    let out = disparity_fixture();
    let t = |p: &str, c: &str| {
        let r = out.row(CM, p, c, "all", "all");
        (int(r, "denominator"), int(r, "numerator"))
    };
    assert_eq!((t(A, ALL), t(B, ALL), t(STATE, ALL)), ((96, 53), (36, 18), (132, 71)));
    out.expect_strata(
        CM,
        A,
        &[
            ("race_ethnicity", "white", 48, 29),
            ("race_ethnicity", "black", 48, 24),
            ("language", "eng", 84, 53),
            ("language", "spa", 12, 0),
            ("interpreter", "no", 96, 53),
            ("age_band", "18-44", 36, 26),
            ("age_band", "65-74", 60, 27),
            ("sex", "F", 48, 47),
            ("sex", "M", 48, 6),
            ("region", "greater", 36, 15),
            ("region", "metro", 60, 38),
            ("tribal", "none", 96, 53),
        ],
    );

    // Gaps by hand.
    assert_gap(out, CM, A, "sex", "F", Some(41.0 / 48.0)); // 47/48 − 6/48
    assert_gap(out, CM, A, "sex", "M", Some(-41.0 / 48.0));
    assert_gap(out, CM, A, "race_ethnicity", "white", Some(5.0 / 48.0)); // 29/48 − 24/48
    assert_gap(out, CM, A, "age_band", "18-44", Some(26.0 / 36.0 - 0.45)); // 26/36 − 27/60
    assert_gap(out, CM, A, "region", "greater", Some(-13.0 / 60.0)); // 25/60 − 38/60
    assert_gap(out, CM, A, "language", "eng", Some(53.0 / 84.0)); // vs 0/12
    assert_gap(out, CM, A, "language", "spa", Some(-53.0 / 84.0));
    assert_gap(out, CM, A, "interpreter", "no", None); // no rest
    assert_gap(out, CM, B, "sex", "F", Some(0.0)); // 12/24 − 6/12
    assert_gap(out, CM, B, "age_band", "65-74", None);
    assert_gap(out, CM, STATE, "sex", "F", Some(59.0 / 72.0 - 0.2)); // 59/72 − 12/60
    assert_gap(out, CM, STATE, "race_ethnicity", "white", Some(41.0 / 72.0 - 0.5)); // − 30/60
    assert_gap(out, CM, STATE, "age_band", "18-44", Some(26.0 / 36.0 - 45.0 / 96.0));
    assert_gap(out, CM, STATE, "region", "greater", Some(15.0 / 36.0 - 56.0 / 96.0));

    // Which rows are tested, and flagged after BH (see the table above).
    for (p, s, t, want) in [
        (A, "sex", "F", Some(true)),
        (A, "sex", "M", Some(true)),
        (A, "race_ethnicity", "white", Some(false)),
        (A, "race_ethnicity", "black", Some(false)),
        (A, "age_band", "18-44", Some(true)),
        (A, "age_band", "65-74", Some(true)),
        (A, "region", "greater", Some(false)),
        (A, "region", "metro", Some(false)),
        (STATE, "sex", "F", Some(true)),
        (STATE, "sex", "M", Some(true)),
        (STATE, "race_ethnicity", "white", Some(false)),
        (STATE, "race_ethnicity", "black", Some(false)),
        (STATE, "age_band", "18-44", Some(true)),
        (STATE, "age_band", "65-74", Some(true)),
        (STATE, "region", "greater", Some(false)),
        (STATE, "region", "metro", Some(false)),
        (A, "language", "eng", None), // the rest is 12 units
        (A, "language", "spa", None),
        (A, "interpreter", "no", None),
        (A, "tribal", "none", None),
        (B, "sex", "F", None),
        (B, "race_ethnicity", "white", None),
        (STATE, "language", "eng", None),
        (STATE, "interpreter", "no", None),
    ] {
        assert_test(out, CM, p, s, t, want);
    }
    // BH step-up: STATE 18-44 (raw 0.009284, rank 6 of 16 → 0.024757) takes A's 0.018827
    // (raw 0.009414, rank 8 → 0.009414 · 16/8): the two rows end up with one value.
    let gap_p = |p: &str, s: &str, t: &str| float(out.row(CM, p, ALL, s, t), "gap_p").unwrap();
    assert_eq!(gap_p(STATE, "age_band", "18-44"), gap_p(A, "age_band", "18-44"));
}

/// The corrected p-values of the table, computed by hand (30-digit arithmetic, rounded).
const HAND_GAP_P: &[(&str, &str, &str, f64)] = &[
    (A, "region", "greater", 0.062_016_306_237_881_77),
    (A, "race_ethnicity", "white", 0.348_337_953_151_980_8),
    (STATE, "race_ethnicity", "black", 0.425_542_758_460_276_8),
    (STATE, "age_band", "18-44", 0.018_827_398_267_748_43),
    (A, "age_band", "65-74", 0.018_827_398_267_748_43),
    (STATE, "region", "metro", 0.116_226_020_542_481_86),
    (STATE, "sex", "M", 4.715_221_976_869_822e-12),
    (A, "sex", "F", 3.146_699_139_891_303e-16),
];

#[test]
fn benjamini_hochberg_over_the_whole_period() {
    let out = disparity_fixture();
    // Every strata row of every measure, provider and STATE in 2026Q2: raw pooled p from the
    // Parquet counts and the ALL row of the same scope, BH by definition over all of them —
    // tested rows, BH ranks and flags exactly, the p-values to 1e-9 relative (see `PTol`).
    assert_eq!(check_disparities(out, PTol::Loose), 16, "the 16 tests of the table above, and no other");
    for (p, s, t, want) in HAND_GAP_P {
        let got = float(out.row(CM, p, ALL, s, t), "gap_p").unwrap();
        assert!(PTol::Loose.ok(got, *want), "{p} {s}={t}: gap_p {got}, by hand {want}");
    }
}

/// The same, at 1e-12 (the normal tail comes from libm's erfc, accurate to the last bits).
#[test]
fn gap_p_to_1e_12() {
    let out = disparity_fixture();
    let mut bad = Vec::new();
    for (p, s, t, want) in HAND_GAP_P {
        let got = float(out.row(CM, p, ALL, s, t), "gap_p").unwrap();
        if !close(got, *want, 1e-12) {
            bad.push(format!("{p} {s}={t}: gap_p {got}, by hand {want} (off by {:e})", got - want));
        }
    }
    assert!(bad.is_empty(), "gap_p to 1e-12:\n{}", bad.join("\n"));
    assert_eq!(check_disparities(out, PTol::Strict), 16);
}

// ---------------------------------------------------------------------------------------
// 4. The public CSV.
//
// Fixture S1 (providers → STATE): A, B, C, all AMH-TCM only; every person is the default
// person (so each stratifier has one stratum, equal to the provider's ALL row) enrolled all
// year:
// - A: P1–P5, k = 12, 12, 9, 0, 0 → 60/33 (33 and 27 ≥ 11: published);
// - B: P6–P9, k = 5, 0, 0, 0 → 48/5: numerator 5 → counts hidden, rate 5/48 = 0.1042 shown
//   as 0.1;
// - C: P10–P12, k = 12, 8, 0 → 36/20: publishable on its own, but STATE 144/58 = A + B + C
//   with only B hidden would give B away (144 − 60 − 36), so the smallest published part,
//   C (36 < 60), is hidden too: rate 20/36 = 0.5556 shown as 0.56. C's strata follow (each
//   equals C's ALL row), and so does C's AMH-TCM row (STATE AMH-TCM = A + B + C as well).

#[test]
fn public_csv_providers_to_state() {
    let mut f = Fx::new(&[(A, "AMH-TCM"), (B, "AMH-TCM"), (C, "AMH-TCM")]);
    for (n, provider, k) in [
        (1, A, 12),
        (2, A, 12),
        (3, A, 9),
        (4, A, 0),
        (5, A, 0),
        (6, B, 5),
        (7, B, 0),
        (8, B, 0),
        (9, B, 0),
        (10, C, 12),
        (11, C, 8),
        (12, C, 0),
    ] {
        f.full_year(&format!("E{n}"), n, provider, "AMH-TCM", k);
    }
    let out = f.results();
    let counts = |p: &str, c: &str, s: &str, t: &str| {
        let r = out.row(CM, p, c, s, t);
        (int(r, "denominator"), int(r, "numerator"), boolean(r, "suppressed").unwrap())
    };
    // The Parquet keeps every number; `suppressed` says what the CSV hides.
    assert_eq!(counts(A, ALL, "all", "all"), (60, 33, false));
    assert_eq!(counts(B, ALL, "all", "all"), (48, 5, true));
    assert_eq!(counts(C, ALL, "all", "all"), (36, 20, true));
    assert_eq!(counts(STATE, ALL, "all", "all"), (144, 58, false));
    let cells = |p: &str, c: &str, s: &str, t: &str| {
        let r = out.public(CM, p, c, s, t);
        ["denominator", "numerator", "rate", "ci_low", "ci_high", "gap", "gap_p", "suppressed"].map(|c| r[c].clone())
    };
    let blank = String::new;
    // A: everything published, rate 33/60 = 0.55 exactly.
    let a = cells(A, ALL, "all", "all");
    assert_eq!((&a[0][..], &a[1][..], &a[2][..], &a[7][..]), ("60", "33", "0.55", "false"));
    assert!(!a[3].is_empty() && !a[4].is_empty(), "A's interval is published: {a:?}");
    // B: rule 2 (numerator 5 of 48): counts and interval blank, rate to a whole percent.
    assert_eq!(
        cells(B, ALL, "all", "all"),
        [blank(), blank(), "0.1".into(), blank(), blank(), blank(), blank(), "true".into()]
    );
    // C: complementary (providers → STATE).
    assert_eq!(
        cells(C, ALL, "all", "all"),
        [blank(), blank(), "0.56".into(), blank(), blank(), blank(), blank(), "true".into()]
    );
    assert_eq!(cells(C, "AMH-TCM", "all", "all")[..3], [blank(), blank(), "0.56".to_string()]);
    assert_eq!(cells(B, "AMH-TCM", "all", "all")[..3], [blank(), blank(), "0.1".to_string()]);
    for (s, t) in [("race_ethnicity", "white"), ("sex", "F"), ("age_band", "65-74"), ("region", "metro")] {
        assert_eq!(counts(C, ALL, s, t), (36, 20, true), "C {s}={t}");
        assert_eq!(cells(C, ALL, s, t)[..3], [blank(), blank(), "0.56".to_string()], "C {s}={t}");
        assert_eq!(counts(B, ALL, s, t), (48, 5, true), "B {s}={t}");
        // A's and STATE's strata stay published (one stratum = the whole ALL row: no gap).
        assert_eq!(cells(A, ALL, s, t)[..3], ["60".to_string(), "33".into(), "0.55".into()], "A {s}={t}");
        assert_eq!(cells(STATE, ALL, s, t)[..2], ["144".to_string(), "58".into()], "STATE {s}={t}");
        assert_eq!(cells(STATE, ALL, s, t)[5], blank(), "STATE {s}={t}: no rest, no gap");
    }
    // STATE: published, rate 58/144.
    let st = cells(STATE, ALL, "all", "all");
    assert_eq!((&st[0][..], &st[1][..], &st[7][..]), ("144", "58", "false"));
    assert_eq!(st[2].parse::<f64>().unwrap(), 58.0 / 144.0);
    assert_eq!(check_disparities(&out, PTol::Loose), 0);
}

// Fixture S2 (strata, cm_types, the age-band remainder; one provider, so every STATE row
// equals A's row and is hidden exactly when A's is). A lists AMH-TCM and CADI; every person
// is enrolled all year, language eng, interpreter N, county 27053, no tribal affiliation:
//
// | person | type | sex | race | born | k |
// |---|---|---|---|---|---|
// | P1 | AMH-TCM | F | WHITE | 1990 | 12 |
// | P2 | AMH-TCM | F | WHITE | 1990 | 12 |
// | P3 | AMH-TCM | F | BLACK | 1990 | 6 |
// | P4 | AMH-TCM | M | WHITE | 1990 | 2 |
// | P5 | CADI | M | WHITE | 1990 | 3 |
// | P6 | CADI | M | UNKNOWN | (empty) | 8 |
//
// A ALL 72/43 (43, 29: published). Hand-run of the rules:
// - CADI 24/11: denominator < 30 → every count and rate blank (rule 1). A's cm_type rows then
//   have one hidden cell, so AMH-TCM 48/32 (publishable on its own) is hidden: rate 0.67.
// - sex F 36/30: 36 − 30 = 6 → counts hidden, rate 30/36 → 0.83 (rule 3); gap 30/36 − 13/36
//   = 17/36 → 0.47; F and M are both ≥ 30, so the row is tested and its gap_p (in the Parquet)
//   is blank in the CSV. M 36/13 is publishable but is the only other part: hidden, rate
//   0.36, gap −0.47.
// - race white 48/29 is published exactly (gap 29/48 − 14/24 = 1/48, untested: the rest is
//   24); black 12/6 and unknown 12/8 are under 30 (rule 1, gap blank although the Parquet has
//   one): two hidden cells, no complementary suppression needed.
// - age_band 18-44 60/35 is publishable, but P6 (no birth date) leaves a remainder of 12/8
//   (numerator 8 is small): one hidden cell, so 18-44 is hidden: rate 0.58, gap 35/60 − 8/12
//   = −1/12 → −0.08.
// - language eng, interpreter no, region metro, tribal none = 72/43: published.
// - STATE: STATE AMH-TCM = A AMH-TCM alone, so once A's is hidden the only cell left to hide
//   is STATE's (likewise STATE sex M, 18-44).

#[test]
fn public_csv_strata_cm_types_and_remainder() {
    let mut f = Fx::new(&[(A, "AMH-TCM;CADI")]);
    let people: [(u64, &str, &str, &str, &str, usize); 6] = [
        (1, "AMH-TCM", "F", "WHITE", YOUNG, 12),
        (2, "AMH-TCM", "F", "WHITE", YOUNG, 12),
        (3, "AMH-TCM", "F", "BLACK", YOUNG, 6),
        (4, "AMH-TCM", "M", "WHITE", YOUNG, 2),
        (5, "CADI", "M", "WHITE", YOUNG, 3),
        (6, "CADI", "M", "UNKNOWN", "", 8),
    ];
    for (n, cm_type, sex, race, born, k) in people {
        f.person(n, &[("sex", sex), ("race", race), ("birth_date", born)]);
        f.full_year(&format!("E{n}"), n, A, cm_type, k);
    }
    let out = f.results();
    let blank = String::new;
    let cells = |p: &str, c: &str, s: &str, t: &str| {
        let r = out.public(CM, p, c, s, t);
        ["denominator", "numerator", "rate", "ci_low", "ci_high", "gap", "gap_p", "suppressed"].map(|c| r[c].clone())
    };
    let hidden = |rate: &str, gap: &str| {
        [blank(), blank(), rate.to_string(), blank(), blank(), gap.to_string(), blank(), "true".into()]
    };
    let parquet = |p: &str, c: &str, s: &str, t: &str| {
        let r = out.row(CM, p, c, s, t);
        (int(r, "denominator"), int(r, "numerator"), boolean(r, "suppressed").unwrap())
    };
    for p in [A, STATE] {
        // The Parquet keeps the counts of every hidden row.
        assert_eq!(parquet(p, ALL, "all", "all"), (72, 43, false), "{p}");
        assert_eq!(parquet(p, "CADI", "all", "all"), (24, 11, true), "{p}");
        assert_eq!(parquet(p, "AMH-TCM", "all", "all"), (48, 32, true), "{p}");
        assert_eq!(parquet(p, ALL, "sex", "F"), (36, 30, true), "{p}");
        assert_eq!(parquet(p, ALL, "sex", "M"), (36, 13, true), "{p}");
        assert_eq!(parquet(p, ALL, "race_ethnicity", "white"), (48, 29, false), "{p}");
        assert_eq!(parquet(p, ALL, "race_ethnicity", "black"), (12, 6, true), "{p}");
        assert_eq!(parquet(p, ALL, "race_ethnicity", "unknown"), (12, 8, true), "{p}");
        assert_eq!(parquet(p, ALL, "age_band", "18-44"), (60, 35, true), "{p}");
        assert!(out.position(CM, p, ALL, "age_band", "65-74").is_none(), "{p}: nobody is 65-74");
        // The public cells.
        let all = cells(p, ALL, "all", "all");
        assert_eq!((&all[0][..], &all[1][..], &all[7][..]), ("72", "43", "false"), "{p}");
        assert_eq!(all[2].parse::<f64>().unwrap(), 43.0 / 72.0, "{p}");
        // Rule 1.
        assert_eq!(cells(p, "CADI", "all", "all"), hidden("", ""), "{p} CADI");
        assert_eq!(out.public(CM, p, "CADI", "all", "all")["category"], if p == A { "too few" } else { "" });
        // Complementary, cm_types → ALL.
        assert_eq!(cells(p, "AMH-TCM", "all", "all"), hidden("0.67", ""), "{p} AMH-TCM");
        // Rule 3, and complementary among the strata of sex.
        assert_eq!(cells(p, ALL, "sex", "F"), hidden("0.83", "0.47"), "{p} sex F");
        assert_eq!(cells(p, ALL, "sex", "M"), hidden("0.36", "-0.47"), "{p} sex M");
        assert!(float(out.row(CM, p, ALL, "sex", "F"), "gap_p").is_some(), "{p} sex F is tested (36 vs 36)");
        assert_eq!(out.public(CM, p, ALL, "sex", "F")["flagged"], "true", "{p} sex F: 30/36 vs 13/36");
        // Two hidden race strata: white stays published, exactly.
        let white = cells(p, ALL, "race_ethnicity", "white");
        assert_eq!((&white[0][..], &white[1][..], &white[6][..], &white[7][..]), ("48", "29", "", "false"), "{p}");
        assert_eq!(white[2].parse::<f64>().unwrap(), 29.0 / 48.0);
        assert!(close(white[5].parse::<f64>().unwrap(), 1.0 / 48.0, 1e-12), "{p} white gap {}", white[5]);
        assert_eq!(cells(p, ALL, "race_ethnicity", "black"), hidden("", ""), "{p} black");
        assert!(float(out.row(CM, p, ALL, "race_ethnicity", "black"), "gap").is_some(), "the Parquet keeps the gap");
        assert_eq!(cells(p, ALL, "race_ethnicity", "unknown"), hidden("", ""), "{p} race unknown");
        // The implicit remainder of age_band (P6, 12/8) hides 18-44.
        assert_eq!(cells(p, ALL, "age_band", "18-44"), hidden("0.58", "-0.08"), "{p} 18-44");
        for (s, t) in [("language", "eng"), ("interpreter", "no"), ("region", "metro"), ("tribal", "none")] {
            let c = cells(p, ALL, s, t);
            assert_eq!((&c[0][..], &c[1][..], &c[5][..], &c[7][..]), ("72", "43", "", "false"), "{p} {s}={t}");
        }
    }
    assert_gap(&out, CM, A, "sex", "F", Some(17.0 / 36.0));
    assert_gap(&out, CM, A, "age_band", "18-44", Some(-1.0 / 12.0));
    assert_gap(&out, CM, A, "race_ethnicity", "black", Some(0.5 - 37.0 / 60.0)); // 6/12 vs 37/60
                                                                                 // The tests: sex F and M at A and at STATE (36 vs 36 each), raw p 4.41e-5, all four equal.
    assert_eq!(check_disparities(&out, PTol::Loose), 4);
}
