//! The statistics checked against independent reference values computed in Python with
//! statsmodels and scipy (`tests/reference/make_reference.py`, which anyone can re-run):
//! the spec's covariate coding and the logistic fit to 1e-6, Wilson and Byar intervals, and
//! funnel limits.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use casecard::stats::design::{Coding, Covariate, Design, Values};
use casecard::stats::{byar, funnel, logistic, wilson, Z95, Z998};
use serde_json::Value;

fn reference(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/reference").join(name)
}

fn json(name: &str) -> Value {
    let path = reference(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// The coding of each CSV column, as the risk-adjusted measures declare them.
const COLUMNS: &[(&str, Coding)] = &[
    ("age_band", Coding::Factor),
    ("sex", Coding::Factor),
    ("dual_eligible", Coding::Factor),
    ("homeless", Coding::Factor),
    ("smi", Coding::Factor),
    ("sud", Coding::Factor),
    ("chronic_condition_count", Coding::Capped(5)),
    ("prior_year_inpatient", Coding::ZeroOneTwoPlus),
    ("prior_year_ed", Coding::ZeroOneTwoPlus),
    ("cm_type", Coding::Factor),
];

/// Reads a reference CSV into (outcomes, covariates).
fn read_data(name: &str) -> (Vec<f64>, Vec<Covariate>) {
    let mut rdr = csv::Reader::from_path(reference(name)).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}"));
    let y = records.iter().map(|r| r[col("y")].parse::<f64>().unwrap()).collect();
    let covs = COLUMNS
        .iter()
        .map(|(name, coding)| {
            let raw = records.iter().map(|r| r[col(name)].to_string());
            let values = match coding {
                Coding::Factor => Values::Levels(raw.map(|v| (!v.is_empty()).then_some(v)).collect()),
                _ => Values::Counts(raw.map(|v| (!v.is_empty()).then(|| v.parse().unwrap())).collect()),
            };
            Covariate { name: name.to_string(), coding: *coding, values }
        })
        .collect();
    (y, covs)
}

/// Fits the way the measure engine does: coding learned on all rows, rows grouped by pattern.
fn fit(y: &[f64], covs: &[Covariate]) -> (Design, Vec<usize>, Vec<Vec<f64>>, Result<logistic::Fit, logistic::FitError>) {
    let n = y.len();
    let design = Design::learn(covs, &vec![true; n]);
    let (patterns, of_row) = design.patterns(n);
    let mut trials = vec![0.0; patterns.len()];
    let mut successes = vec![0.0; patterns.len()];
    for i in 0..n {
        trials[of_row[i]] += 1.0;
        successes[of_row[i]] += y[i];
    }
    let f = logistic::fit(&patterns, &trials, &successes);
    (design, of_row, patterns, f)
}

#[test]
fn logistic_regression_matches_statsmodels_to_1e6() {
    let want = json("logit_reference.json");
    let (y, covs) = read_data("logit_data.csv");
    let (design, of_row, patterns, f) = fit(&y, &covs);
    let f = f.expect("the reference data fits");
    let order: Vec<String> = want["term_order"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(design.names, order, "same terms, in the same order");
    for (name, coef) in design.names.iter().zip(&f.coef) {
        let w = want["terms"][name].as_f64().unwrap();
        assert!((coef - w).abs() < 1e-6, "{name}: casecard {coef} vs statsmodels {w}");
    }
    let predicted = want["predicted"].as_array().unwrap();
    assert_eq!(predicted.len(), y.len());
    let mut worst: f64 = 0.0;
    for (i, p) in predicted.iter().enumerate() {
        worst = worst.max((f.predict(&patterns[of_row[i]]) - p.as_f64().unwrap()).abs());
    }
    assert!(worst < 1e-6, "largest prediction difference {worst}");
    assert!((f.log_likelihood - want["llf"].as_f64().unwrap()).abs() < 1e-6);
    // Reference levels and the rare levels merged into them.
    for (cov, level) in want["reference_levels"].as_object().unwrap() {
        if let Some(mine) = design.reference.get(cov) {
            assert_eq!(mine, level.as_str().unwrap(), "reference level of {cov}");
        }
    }
    let merged: BTreeMap<String, Vec<String>> = want["merged_levels"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| !v.as_array().unwrap().is_empty())
        .map(|(k, v)| (k.clone(), v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()))
        .collect();
    assert_eq!(design.merged, merged);
}

#[test]
fn separation_is_a_failed_fit() {
    let (y, covs) = read_data("separation_data.csv");
    let (_, _, _, f) = fit(&y, &covs);
    // statsmodels: "Maximum Likelihood optimization failed to converge" (smi=Y → y = 1 always).
    let err = f.expect_err("separated data must not produce a model");
    assert!(matches!(err, logistic::FitError::Separation | logistic::FitError::NoConvergence(_)), "{err}");
}

#[test]
fn wilson_intervals_match_statsmodels_and_newcombe() {
    let want = json("intervals.json");
    let cases = want["wilson"].as_array().unwrap();
    assert!(cases.len() >= 12);
    for c in cases {
        let (x, n) = (c["x"].as_u64().unwrap(), c["n"].as_u64().unwrap());
        let (lo, hi) = wilson::interval(x, n, Z95).unwrap();
        // Newcombe's table is printed to 4 decimals; statsmodels to full precision.
        let tol = if c["source"].as_str().unwrap().starts_with("Newcombe") { 5e-5 } else { 1e-12 };
        let (wl, wh) = (c["low"].as_f64().unwrap(), c["high"].as_f64().unwrap());
        assert!((lo - wl).abs() < tol && (hi - wh).abs() < tol, "{x}/{n}: ({lo}, {hi}) vs ({wl}, {wh})");
    }
}

#[test]
fn byar_intervals_match_reference_and_bracket_the_exact_limits() {
    let want = json("intervals.json");
    for c in want["byar"].as_array().unwrap() {
        let (o, e) = (c["observed"].as_f64().unwrap(), c["expected"].as_f64().unwrap());
        let z = c["z"].as_f64().unwrap_or(Z95);
        let (lo, hi) = byar::oe_interval(o, e, z).unwrap();
        let (wl, wh) = (c["low"].as_f64().unwrap(), c["high"].as_f64().unwrap());
        assert!((lo - wl).abs() < 1e-9 && (hi - wh).abs() < 1e-9, "O={o} E={e}: ({lo}, {hi}) vs ({wl}, {wh})");
        // Byar approximates the exact Poisson limits closely (within 3% of the exact upper
        // limit from O = 1 on; the lower limit at O = 0 is 0 in both).
        if let (Some(el), Some(eh)) = (c["exact_low"].as_f64(), c["exact_high"].as_f64()) {
            if o >= 1.0 {
                assert!((hi - eh).abs() / eh < 0.03 && (lo - el).abs() / eh < 0.03, "O={o}: Byar ({lo}, {hi}) exact ({el}, {eh})");
            }
        }
    }
}

#[test]
fn funnel_limits_match_reference() {
    let want = json("intervals.json");
    assert!((want["z998"].as_f64().unwrap() - Z998).abs() < 1e-12);
    for c in want["funnel"].as_array().unwrap() {
        let (p0, n) = (c["p0"].as_f64().unwrap(), c["n"].as_f64().unwrap());
        let (l95, h95) = funnel::limits(p0, n, Z95);
        let (l998, h998) = funnel::limits(p0, n, Z998);
        for (got, key) in [(l95, "low95"), (h95, "high95"), (l998, "low998"), (h998, "high998")] {
            let w = c[key].as_f64().unwrap();
            assert!((got - w).abs() < 1e-12, "p0={p0} n={n} {key}: {got} vs {w}");
        }
    }
}
