//! The report-card site end to end: the real binary runs on the bundled sample data, then
//! `tests/e2e/check-site.mjs` loads the pages in headless Chromium and checks them with
//! axe-core (WCAG 2.1 A/AA: no serious or critical violation, at phone and desktop widths),
//! validates every page's HTML, resolves every internal link, checks that the core pages
//! read without JavaScript, and uses the script's enhancements (find filters against the
//! static county list, the three-way compare, sorting) as a person would. `bash scripts/setup-e2e.sh` installs Chromium and the
//! npm packages (the test command in the README runs it first).
//!
//! Set `CASECARD_SHOTS=DIR` to also save screenshots of the home, a provider and the
//! quarterly review pages at phone and desktop widths.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

#[test]
fn site_passes_accessibility_html_and_link_checks_in_chromium() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let e2e = repo.join("tests/e2e");
    assert!(
        e2e.join("node_modules/playwright-core").is_dir() && Path::new("/usr/bin/chromium").exists(),
        "the browser checks need Chromium and tests/e2e/node_modules: run `bash scripts/setup-e2e.sh` first"
    );
    let run = run(&repo.join("sample-data"));
    let site = run.out.join("site");
    let provider = busiest_provider(&site);
    let review = format!("review/{}.html", reporting_period(&run.out));
    let details = provider.replace(".html", "-details.html");
    let county = "compare/county-27053.html".to_string();
    let axe: Vec<&str> = vec![
        "index.html",
        "find.html",
        &provider,
        &details,
        "compare.html",
        &county,
        "measures/index.html",
        "measures/ed-visit.html",
        &review,
        "methodology.html",
        "downloads.html",
        "data-dictionary.html",
        "sources.html",
    ];
    let nojs: Vec<&str> = vec!["index.html", "find.html", &provider, &details, "compare.html", &county, "measures/ed-visit.html", &review, "methodology.html"];
    let mut cmd = Command::new("node");
    cmd.arg(e2e.join("check-site.mjs")).arg("--site").arg(&site).arg("--axe").args(&axe).arg("--nojs").args(&nojs).arg("--interact");
    if let Ok(dir) = std::env::var("CASECARD_SHOTS") {
        cmd.arg("--screenshots").arg(dir).arg("--shot").args(["index.html", &provider, &review]);
    }
    let out = cmd.output().expect("run node (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}\n{stderr}");
    assert!(out.status.success(), "check-site failed:\n{stdout}\n{stderr}");
    let summary = stdout.lines().last().unwrap_or_default();
    assert!(summary.contains("passed") && summary.contains(&format!("{} axe pages", axe.len())), "unexpected summary: {summary}");
}

/// The provider page with the most published numbers (the largest page), so the checks see
/// every part of a provider page.
fn busiest_provider(site: &Path) -> String {
    let mut best = (0, String::new());
    for e in std::fs::read_dir(site.join("providers")).expect("providers folder") {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with("-details.html") {
            continue;
        }
        let len = e.metadata().unwrap().len();
        if len > best.0 {
            best = (len, name);
        }
    }
    format!("providers/{}", best.1)
}

fn reporting_period(out: &Path) -> String {
    let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("site/downloads/metadata.json")).unwrap()).unwrap();
    meta["reporting_period"].as_str().unwrap().to_string()
}
