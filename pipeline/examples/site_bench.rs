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
use casecard::measures::MeasureOutput;
use casecard::publish;
use casecard::run::{run, RunOptions};
use casecard::site::{self, SiteInput};

/// The n-th copy of a provider id: the same 10 digits with the first replaced.
fn copy_id(id: &str, n: usize) -> String {
    format!("{}{}", n, &id[1..])
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let opts = RunOptions { input: repo.join("sample-data"), out: out.clone(), period: None, measures: Some(repo.join("measures")), site: false, restricted: false, cluster: None };
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
    let wide = MeasureOutput { rows: widen(&m.rows), notes: m.notes.clone(), models: m.models.clone() };
    let results = tmp.path().join("results");
    std::fs::create_dir_all(&results).unwrap();
    let published = publish::write_results(&wide, &results).unwrap();
    let report = summary.outcome.report;
    let mut public = rt
        .block_on(publish::collect(&wide, published, &report, &out.join("warehouse"), &tmp.path().join("spill"), reporting))
        .unwrap();
    let profiles = public.profiles.clone();
    let caseload = public.caseload.clone();
    for n in 1..copies {
        public.profiles.extend(profiles.iter().map(|p| publish::Profile { id: copy_id(&p.id, n), name: format!("{} {n}", p.name), ..p.clone() }));
        public
            .caseload
            .extend(caseload.iter().filter(|c| c.provider_id != STATE).map(|c| publish::CaseloadRatio { provider_id: copy_id(&c.provider_id, n), ..c.clone() }));
    }
    public.survey = widen(&public.survey);
    let providers = public.profiles.len();
    let dir = tmp.path().join("site");
    let t = Instant::now();
    let written = site::render(&SiteInput { definitions: &set, public: &public }, &dir).unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "site for {providers} providers ({} result rows): {} pages, {} files in {secs:.1} s",
        public.rows.len(),
        written.pages,
        written.files
    );
    assert!(providers >= 1000);
    assert!(written.pages > 2 * providers);
}
