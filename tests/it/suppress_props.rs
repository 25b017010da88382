//! Property test of small-number suppression over random result tables shaped like the real
//! ones (providers with cm_type rows and strata, STATE totals, remainders that are not
//! published rows): after suppression no count from 1 to 10 is published, and no additive
//! relation leaves exactly one unknown cell, so nothing can be recovered by subtraction.

use std::collections::BTreeMap;

use casecard::measures::results::ResultRow;
use casecard::publish::suppress::suppress;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn row(provider: &str, cm_type: &str, stratifier: &str, stratum: &str, den: i64, num: i64) -> ResultRow {
    ResultRow {
        period: "2026Q2".into(),
        measure_id: "m".into(),
        provider_id: provider.into(),
        cm_type: cm_type.into(),
        stratifier: stratifier.into(),
        stratum: stratum.into(),
        denominator: Some(den),
        numerator: Some(num),
        rate: (den > 0).then(|| num as f64 / den as f64),
        ci_low: (den > 0).then_some(0.0),
        ci_high: (den > 0).then_some(1.0),
        expected: (den > 0).then_some(num as f64),
        ..ResultRow::default()
    }
}

/// (den, num) split into `k` random parts (parts may be empty).
fn split(rng: &mut ChaCha8Rng, den: i64, num: i64, k: usize) -> Vec<(i64, i64)> {
    let mut parts = vec![(0, 0); k];
    for unit in 0..den {
        let p = rng.random_range(0..k);
        parts[p].0 += 1;
        parts[p].1 += i64::from(unit < num);
    }
    parts
}

/// A random table: providers × cm_types, their ALL rows (with a random non-additive
/// remainder, as for person-level measures), strata of the ALL rows (an age-like stratifier
/// leaves a remainder of people in no stratum), and STATE rows summing the providers.
fn table(seed: u64) -> (Vec<ResultRow>, Vec<(usize, Vec<usize>, (i64, i64))>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut rows = Vec::new();
    let n_providers = rng.random_range(1..=6);
    for p in 0..n_providers {
        let id = format!("{:010}", p + 1);
        let mut all = (0i64, 0i64);
        for t in ["AMH-TCM", "CADI", "EW"] {
            if rng.random_bool(0.4) {
                continue;
            }
            let den = rng.random_range(0..90);
            let num = rng.random_range(0..=den);
            all = (all.0 + den, all.1 + num);
            rows.push(row(&id, t, "all", "all", den, num));
        }
        if rng.random_bool(0.3) {
            let extra = rng.random_range(0..4);
            all = (all.0 + extra, all.1 + rng.random_range(0..=extra));
        }
        rows.push(row(&id, "ALL", "all", "all", all.0, all.1));
        for (stratifier, codes, leave_out) in [("sex", vec!["F", "M", "U"], false), ("age_band", vec!["18-44", "45-64", "75+"], true)] {
            let k = codes.len() + usize::from(leave_out);
            for (code, (d, n)) in codes.iter().zip(split(&mut rng, all.0, all.1, k)) {
                if d > 0 {
                    rows.push(row(&id, "ALL", stratifier, code, d, n));
                }
            }
        }
    }
    // STATE = Σ providers, for every (cm_type, stratifier, stratum).
    let mut state: BTreeMap<(String, String, String), (i64, i64)> = BTreeMap::new();
    for r in &rows {
        let s = state.entry((r.cm_type.clone(), r.stratifier.clone(), r.stratum.clone())).or_default();
        s.0 += r.denominator.unwrap();
        s.1 += r.numerator.unwrap();
    }
    for ((t, st, sm), (d, n)) in state {
        rows.push(row("STATE", &t, &st, &sm, d, n));
    }
    // The additive relations, found independently of the suppression code.
    let find = |rows: &[ResultRow], p: &str, t: &str, st: &str, sm: &str| {
        rows.iter().position(|r| r.provider_id == p && r.cm_type == t && r.stratifier == st && r.stratum == sm)
    };
    let mut relations = Vec::new();
    let mut add = |rows: &[ResultRow], total: usize, parts: Vec<usize>| {
        let (d, n) = parts.iter().fold((rows[total].denominator.unwrap(), rows[total].numerator.unwrap()), |(d, n), &p| {
            (d - rows[p].denominator.unwrap(), n - rows[p].numerator.unwrap())
        });
        relations.push((total, parts, (d, n)));
    };
    let providers: Vec<String> = rows.iter().map(|r| r.provider_id.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    for p in &providers {
        let all = find(&rows, p, "ALL", "all", "all").unwrap();
        let types: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].provider_id == *p && rows[i].cm_type != "ALL" && rows[i].stratifier == "all").collect();
        add(&rows, all, types);
        for st in ["sex", "age_band"] {
            let parts: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].provider_id == *p && rows[i].stratifier == st).collect();
            add(&rows, all, parts);
        }
    }
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.provider_id == "STATE") {
        let parts: Vec<usize> = (0..rows.len())
            .filter(|&j| rows[j].provider_id != "STATE" && rows[j].cm_type == r.cm_type && rows[j].stratifier == r.stratifier && rows[j].stratum == r.stratum)
            .collect();
        add(&rows, i, parts);
    }
    (rows, relations)
}

fn small(n: i64) -> bool {
    (1..=10).contains(&n.abs())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn nothing_small_is_published_or_recoverable(seed in any::<u64>()) {
        let (rows, relations) = table(seed);
        let public = suppress(&rows);
        prop_assert_eq!(public.len(), rows.len());
        for (r, p) in rows.iter().zip(&public) {
            if let (Some(d), Some(n)) = (p.denominator, p.numerator) {
                prop_assert!(!small(d) && !small(n) && !small(d - n), "published small count: {:?}", p);
                prop_assert!(d >= 30, "counts under 30 published: {:?}", p);
            } else {
                prop_assert!(p.denominator.is_none() && p.numerator.is_none(), "both counts go together");
                prop_assert!(p.suppressed && p.ci_low.is_none() && p.ci_high.is_none() && p.expected.is_none());
                // A rate, when shown for hidden counts, is rounded to a whole percent.
                if let Some(rate) = p.rate {
                    prop_assert!(((rate * 100.0).round() - rate * 100.0).abs() < 1e-9);
                    prop_assert!(r.denominator.unwrap() >= 30);
                }
            }
        }
        // A relation whose cells are all known but one gives that one away by subtraction;
        // that is a leak when the cell holds a small number (its denominator, numerator or
        // the difference from 1 to 10).
        let holds_small = |i: usize| {
            let (d, n) = (rows[i].denominator.unwrap(), rows[i].numerator.unwrap());
            small(d) || small(n) || small(d - n)
        };
        for (total, parts, (rd, rn)) in &relations {
            let remainder_small = small(*rd) || small(*rn) || small(rd - rn);
            let mut unknown: Vec<Option<usize>> = parts.iter().copied().filter(|&p| public[p].denominator.is_none()).map(Some).collect();
            if public[*total].denominator.is_none() {
                unknown.push(Some(*total));
            }
            if remainder_small {
                unknown.push(None);
            }
            if let [only] = unknown[..] {
                let leaks = only.map_or(true, holds_small);
                prop_assert!(!leaks, "the only unknown of a relation can be recovered by subtraction: total {:?}, parts {:?}",
                    rows[*total], parts.iter().map(|&p| &rows[p]).collect::<Vec<_>>());
            }
        }
    }
}

/// The generated tables do exercise complementary suppression: rows whose own counts are
/// publishable get hidden to protect a neighbour.
#[test]
fn random_tables_exercise_complementary_suppression() {
    let mut complementary = 0;
    let mut rows_seen = 0;
    for seed in 0..50 {
        let (rows, _) = table(seed);
        let public = suppress(&rows);
        rows_seen += rows.len();
        complementary += rows
            .iter()
            .zip(&public)
            .filter(|(r, p)| {
                let (d, n) = (r.denominator.unwrap(), r.numerator.unwrap());
                d >= 30 && !small(n) && !small(d - n) && p.denominator.is_none()
            })
            .count();
    }
    assert!(rows_seen > 500 && complementary >= 20, "{complementary} complementary suppressions in {rows_seen} rows");
}
