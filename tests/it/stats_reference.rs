//! The statistics checked against independent reference values computed in Python with
//! statsmodels and scipy (`tests/reference/make_reference.py`, which anyone can re-run):
//! the spec's covariate coding and the logistic fit to 1e-6, Wilson and Byar intervals, and
//! funnel limits; and the risk models of spec v2 (aliasing, maximum likelihood, Firth)
//! against R's `qr`, `glm` and `brglm2` (`tests/reference/make_r_reference.sh`).

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
    assert_eq!(f.estimator, logistic::Estimator::Ml);
    assert!(f.aliased.is_empty(), "no column of this design is aliased");
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
fn quasi_separation_is_fitted_by_firth() {
    let (y, covs) = read_data("separation_data.csv");
    let (design, _, _, f) = fit(&y, &covs);
    // statsmodels: "Maximum Likelihood optimization failed to converge" (smi=Y → y = 1 always);
    // spec v2 refits such data with Firth's estimator, whose coefficients are finite.
    let f = f.expect("Firth's estimator fits separated data");
    assert_eq!(f.estimator, logistic::Estimator::Firth);
    assert!(f.separation.is_some());
    let smi = f.kept.iter().position(|&j| design.names[j] == "smi=Y").expect("smi=Y is fitted");
    let b = f.coef[smi];
    assert!(b.is_finite() && b > 1.0 && b < 10.0, "smi=Y under Firth: {b}");
}

/// R's reference fits (`tests/reference/make_r_reference.sh`: designs written by the
/// pipeline and synthetic ones, fitted with `glm` and `brglm2::brglmFit`).
fn r_designs() -> Vec<(String, Vec<String>, Vec<Vec<f64>>, Vec<f64>, Vec<f64>, Value)> {
    let want = json("r_reference.json");
    let mut out = Vec::new();
    for (name, fit) in want.as_object().unwrap().iter().filter(|(k, _)| *k != "versions") {
        let mut rdr = csv::Reader::from_path(reference(&format!("r/{name}.csv"))).unwrap();
        let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
        let p = headers.len() - 2;
        let (mut rows, mut trials, mut events) = (Vec::new(), Vec::new(), Vec::new());
        for rec in rdr.records() {
            let v: Vec<f64> = rec.unwrap().iter().map(|x| x.parse().unwrap()).collect();
            rows.push(v[..p].to_vec());
            trials.push(v[p]);
            events.push(v[p + 1]);
        }
        out.push((name.clone(), headers[..p].to_vec(), rows, trials, events, fit.clone()));
    }
    assert!(out.len() >= 8, "three synthetic designs and five from the pipeline");
    out
}

fn close(got: f64, want: f64, abs: f64, rel: f64) -> bool {
    (got - want).abs() <= abs.max(rel * want.abs())
}

/// Compares one estimate (coefficients, standard errors, predictions, c-statistic) with R's.
fn check_estimate(name: &str, names: &[&str], coef: &[f64], se: &[f64], predicted: &[f64], c: f64, want: &Value, tol: f64) {
    for (k, term) in names.iter().enumerate() {
        let w = want["coefficients"][term].as_f64().unwrap_or_else(|| panic!("{name}: R has no coefficient {term}"));
        assert!(close(coef[k], w, tol, 0.0), "{name} {term}: casecard {} vs R {w}", coef[k]);
        let ws = want["std_errors"][term].as_f64().unwrap();
        assert!(close(se[k], ws, 0.0, 1e-4), "{name} {term} SE: casecard {} vs R {ws}", se[k]);
    }
    let wp = want["predicted"].as_array().unwrap();
    assert_eq!(wp.len(), predicted.len());
    for (p, w) in predicted.iter().zip(wp) {
        assert!(close(*p, w.as_f64().unwrap(), tol, 0.0), "{name}: prediction {p} vs R {w}");
    }
    let wc = want["c_statistic"].as_f64().unwrap();
    assert!(close(c, wc, 1e-6, 0.0), "{name}: c-statistic {c} vs R {wc}");
}

#[test]
fn risk_models_match_r_glm_and_brglm2() {
    let mut firth_designs = 0;
    for (name, terms, rows, trials, events, want) in r_designs() {
        let f = logistic::fit(&rows, &trials, &events).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Aliased columns: the same as R's qr(X, tol = 1e-7).
        let aliased: Vec<&str> = f.aliased.iter().map(|&j| terms[j].as_str()).collect();
        let want_aliased: Vec<&str> = want["aliased"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(aliased, want_aliased, "{name}: aliased columns");
        // The estimator the separation rule picks on R's own default glm fit.
        let estimator = want["estimator"].as_str().unwrap();
        assert_eq!(serde_json::to_value(f.estimator).unwrap(), estimator, "{name}: estimator (R: {})", want["separation"]);
        let names: Vec<&str> = f.kept.iter().map(|&j| terms[j].as_str()).collect();
        let predicted: Vec<f64> = rows.iter().map(|r| f.predict(r)).collect();
        let (reference, tol) = if estimator == "ml" { (&want["ml"], 1e-6) } else { (&want["firth"], 1e-5) };
        check_estimate(&name, &names, &f.coef, &f.se, &predicted, f.c_statistic, reference, tol);
        if estimator == "ml" {
            let ll = reference["log_likelihood"].as_f64().unwrap();
            assert!(close(f.log_likelihood, ll, 1e-6, 0.0), "{name}: log-likelihood {} vs R {ll}", f.log_likelihood);
        }
        // Firth's estimator on every design (it exists whether or not ML separates).
        let firth = logistic::fit_firth(&rows, &f.kept, &trials, &events).unwrap_or_else(|e| panic!("{name}: Firth {e}"));
        let p: Vec<f64> = rows.iter().map(|r| 1.0 / (1.0 + (-f.kept.iter().zip(&firth.coef).map(|(&j, b)| r[j] * b).sum::<f64>()).exp())).collect();
        let c = logistic::c_statistic(&p, &trials, &events).unwrap();
        check_estimate(&format!("{name} (Firth)"), &names, &firth.coef, &firth.se, &p, c, &want["firth"], 1e-5);
        firth_designs += usize::from(estimator == "firth");
    }
    assert!(firth_designs >= 3, "separated designs are covered: {firth_designs}");
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
