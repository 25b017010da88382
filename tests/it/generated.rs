//! The generator and the ingest checked against each other: generated packages load, every
//! injected bad row is quarantined with exactly the reason it was made for, and the same
//! seed gives the same bytes.


use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;
use tempfile::TempDir;

fn generate(out: &Path, seed: &str, bad_rows: &str) {
    let o = casecard([
        "generate",
        "--out",
        out.to_str().unwrap(),
        "--seed",
        seed,
        "--persons",
        "400",
        "--quarters",
        "2025Q4..2026Q2",
        "--bad-rows",
        bad_rows,
    ]);
    assert!(o.status.success(), "generate failed:\n{}", text(&o));
}

fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(root).unwrap().display().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn injected_bad_rows_are_quarantined_with_their_reason() {
    let input = TempDir::new().unwrap();
    generate(input.path(), "11", "3");
    let expected: BTreeMap<String, u64> =
        serde_json::from_slice(&std::fs::read(input.path().join("expected_quarantine.json")).unwrap()).unwrap();
    assert_eq!(expected.len(), 10, "one entry per row-level reason: {expected:?}");
    assert!(expected.values().all(|n| *n == 3), "{expected:?}");

    let r = ingest(input.path());
    assert_accounting(&r);
    assert!(r.report.packages.iter().all(|p| p.status == "loaded"), "every generated package loads");
    // 106 submitters (87 counties, 11 tribal nations, 8 MCOs) × 3 quarters.
    assert_eq!(r.report.packages.len(), 106 * 3);
    let mut got: BTreeMap<String, u64> = BTreeMap::new();
    for q in &r.quarantine {
        *got.entry(q.reason.clone()).or_default() += 1;
    }
    assert_eq!(got, expected, "quarantine by reason vs what the generator injected");
    // Both layouts are exercised.
    assert!(r.quarantine.iter().any(|q| q.file.ends_with(".txt")));
    assert!(r.quarantine.iter().any(|q| q.file.ends_with(".csv")));
}

#[test]
fn clean_generation_loads_without_rejects_and_is_deterministic() {
    let a = TempDir::new().unwrap();
    let b = TempDir::new().unwrap();
    generate(a.path(), "5", "0");
    generate(b.path(), "5", "0");
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    assert!(ta == tb, "same seed, same bytes");

    let r = ingest(a.path());
    assert_accounting(&r);
    assert!(r.quarantine.is_empty(), "clean generated data has no rejects: {:?}", &r.quarantine[..r.quarantine.len().min(5)]);
    for table in ["providers", "persons", "episodes", "contacts", "assessments", "events", "surveys", "staffing"] {
        assert!(r.warehouse.count(table) > 0, "{table} is populated");
    }
    let c = TempDir::new().unwrap();
    generate(c.path(), "6", "0");
    assert!(tree(c.path()) != ta, "another seed gives other data");
}
