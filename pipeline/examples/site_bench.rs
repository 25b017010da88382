//! Benchmark: renders the whole site for about 1,000 providers.
//!
//! The sample data has 143 providers; this runs the pipeline on it, then copies every
//! provider (profile, results, caseload, survey rows) six more times under new ids, and times
//! `site::render` on the result. Run it with
//! `cargo run --release --example site_bench` (from the repository root; it reads
//! `sample-data/` and `measures/` next to the crate, wherever it is run from).

use std::path::Path;
use std::time::Instant;

use casecard::measures::results::{ResultRow, STATE};
use casecard::run::{run, RunOptions};
use casecard::site::{self, facts, SiteInput};

/// The n-th copy of a provider id: the same 10 digits with the first replaced.
fn copy_id(id: &str, n: usize) -> String {
    format!("{}{}", n, &id[1..])
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let opts = RunOptions { input: repo.join("sample-data"), out: out.clone(), period: None, measures: Some(repo.join("measures")), site: true, restricted: false };
    let summary = rt.block_on(run(&opts)).expect("pipeline runs");
    let m = summary.measures.expect("measures");
    let reporting = summary.period.expect("a reporting period");
    let set = casecard::measures::load(&repo.join("measures")).unwrap();

    let copies = 7;
    let widen = |rows: &[ResultRow]| -> Vec<ResultRow> {
        let mut all = rows.to_vec();
        for n in 1..copies {
            all.extend(rows.iter().filter(|r| r.provider_id != STATE).map(|r| ResultRow { provider_id: copy_id(&r.provider_id, n), ..r.clone() }));
        }
        all.sort_by(|a, b| a.key().cmp(&b.key()));
        all
    };
    let rows = widen(&m.rows);
    let public = casecard::suppress::suppress(&rows);
    let index = casecard::measures::disparity_index(&public);
    let mut f = rt.block_on(facts::read(&out.join("warehouse"), reporting)).unwrap();
    let profiles = f.profiles.clone();
    for n in 1..copies {
        for p in &profiles {
            f.profiles.push(facts::Profile { id: copy_id(&p.id, n), name: format!("{} {n}", p.name), ..p.clone() });
        }
    }
    let caseload = f.caseload.clone();
    for n in 1..copies {
        f.caseload.extend(caseload.iter().map(|c| facts::Caseload { provider_id: copy_id(&c.provider_id, n), ..c.clone() }));
    }
    f.survey_items = widen(&f.survey_items);
    let providers = f.profiles.len();
    let report = summary.outcome.report;
    let input = SiteInput {
        reporting,
        public: &public,
        definitions: &set,
        notes: &m.notes,
        models: &m.models,
        funnels: &m.funnels,
        index: &index,
        report: &report,
        facts: f,
    };
    let dir = tmp.path().join("site");
    let t = Instant::now();
    let written = site::render(&input, &dir).unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "site for {providers} providers ({} result rows): {} pages, {} files in {secs:.1} s",
        public.len(),
        written.pages,
        written.files
    );
    assert!(providers >= 1000);
    assert!(written.pages > 2 * providers);
}
