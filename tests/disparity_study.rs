//! A study, not a check (run it with `cargo test --test disparity_study -- --ignored
//! --nocapture`): how often gaps are flagged on generated data with no planted disparity,
//! over several seeds, and how often the planted one is found when it is there.
//!
//! "False flag" here means flagged where nothing was planted. The generator still makes real
//! differences between groups (children get more contacts than adults, programs differ, and
//! language groups are spread unevenly over programs and providers), and gaps are not
//! adjusted for any of that, so the rate below is an upper bound on truly false flags.

mod common;

use std::collections::BTreeMap;

use common::*;
use tempfile::TempDir;

const SEEDS: std::ops::Range<u64> = 101..109;
const PERSONS: &str = "8000";

#[derive(Default)]
struct Tally {
    tested: usize,
    flagged: usize,
}

#[test]
#[ignore = "a study over several generated data sets; takes several minutes"]
fn false_flag_rate_over_seeds() {
    let mut by_stratifier: BTreeMap<String, Tally> = BTreeMap::new();
    let mut planted_found = 0;
    let mut planted_flagged_without = 0;
    for seed in SEEDS {
        for disparities in [false, true] {
            let input = TempDir::new().unwrap();
            let seed_s = seed.to_string();
            let mut args = vec!["generate", "--out", input.path().to_str().unwrap(), "--seed", &seed_s, "--persons", PERSONS];
            if !disparities {
                args.push("--no-disparities");
            }
            let o = casecard(args);
            assert!(o.status.success(), "{}", text(&o));
            let r = run(input.path());
            let (_, rows) = read_parquet(&r.out.join("results/measure_results.parquet"));
            let s = |row: &BTreeMap<String, Cell>, c: &str| row[c].str().unwrap_or_default().to_string();
            let last = rows.iter().map(|row| s(row, "period")).max().unwrap();
            for row in rows.iter().filter(|row| s(row, "period") == last && s(row, "stratifier") != "all") {
                let planted_cell = s(row, "measure_id") == "contact-monthly"
                    && s(row, "provider_id") == "8249897677"
                    && s(row, "stratifier") == "language"
                    && s(row, "stratum") == "som";
                let flagged = row["flagged"] == Cell::Bool(true);
                if planted_cell {
                    if disparities {
                        planted_found += usize::from(flagged);
                    } else {
                        planted_flagged_without += usize::from(flagged);
                    }
                }
                if disparities || matches!(row["gap_p"], Cell::Null) {
                    continue;
                }
                let scope = if s(row, "provider_id") == "STATE" { "state" } else { "provider" };
                let t = by_stratifier.entry(format!("{} @ {scope}", s(row, "stratifier"))).or_default();
                t.tested += 1;
                t.flagged += usize::from(flagged);
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
