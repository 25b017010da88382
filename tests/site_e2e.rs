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

#[test]
fn site_is_byte_identical_across_runs() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (a, b) = (run(&repo.join("sample-data")), run(&repo.join("sample-data")));
    let files = |root: &Path| {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p.strip_prefix(root).unwrap().to_path_buf());
                }
            }
        }
        out.sort();
        out
    };
    let (sa, sb) = (a.out.join("site"), b.out.join("site"));
    let list = files(&sa);
    assert_eq!(list, files(&sb), "the same files");
    assert!(list.len() > 300, "{} files", list.len());
    for f in &list {
        assert!(std::fs::read(sa.join(f)).unwrap() == std::fs::read(sb.join(f)).unwrap(), "{} differs between runs", f.display());
    }
}

/// A rate as the site writes it (an independent copy of the rule in the README: whole
/// percent, one decimal under 10%).
fn pct(x: f64) -> String {
    let p = x * 100.0;
    if p != 0.0 && p < 9.95 {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

#[test]
fn provider_page_shows_the_published_rows() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let run = run(&repo.join("sample-data"));
    let site = run.out.join("site");
    let page_name = busiest_provider(&site);
    let provider = page_name.trim_start_matches("providers/").trim_end_matches(".html").to_string();
    let page = std::fs::read_to_string(site.join(&page_name)).unwrap();
    let period = reporting_period(&run.out);

    let mut rdr = csv::Reader::from_path(run.out.join("results/measure_results.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let mut state: std::collections::BTreeMap<String, String> = Default::default();
    let mut ours: Vec<csv::StringRecord> = Vec::new();
    for rec in rdr.records() {
        let r = rec.unwrap();
        if r[col("period")] != *period || &r[col("cm_type")] != "ALL" || &r[col("stratifier")] != "all" {
            continue;
        }
        if &r[col("provider_id")] == "STATE" {
            state.insert(r[col("measure_id")].to_string(), r[col("rate")].to_string());
        } else if r[col("provider_id")] == *provider {
            ours.push(r);
        }
    }
    let (mut rated, mut too_few) = (0, 0);
    for r in &ours {
        let id = &r[col("measure_id")];
        let Some(start) = page.find(&format!("<article class=\"measure\" aria-labelledby=\"h-{id}\">")) else {
            // Not an article: a measure too few to rate (listed in a table), the survey
            // measure (its own section), or one that does not apply to the provider's types.
            if r[col("rate")].is_empty() && page.contains(&format!("<th scope=\"row\"><a href=\"../measures/{id}.html\">")) {
                too_few += 1;
            }
            continue;
        };
        let article = &page[start..start + page[start..].find("</article>").unwrap()];
        let rsr = &r[col("rsr")];
        let shown = if rsr.is_empty() { &r[col("rate")] } else { rsr };
        assert!(!shown.is_empty(), "{id}: an article for a row without a rate");
        let value: f64 = shown.parse().unwrap();
        assert!(article.contains(&format!("<span class=\"value\">{}</span>", pct(value))), "{id}: value {} not on the page", pct(value));
        let s: f64 = state[id].parse().unwrap();
        assert!(article.contains(&format!("<span class=\"value\">{}</span>", pct(s))), "{id}: statewide {} not on the page", pct(s));
        if !r[col("numerator")].is_empty() {
            for c in ["numerator", "denominator"] {
                assert!(article.contains(&format!("<data value=\"{}\">", &r[col(c)])), "{id}: {c} {} not on the page", &r[col(c)]);
            }
        } else {
            assert!(!article.contains("<data"), "{id}: counts shown although hidden in the public table");
        }
        let words = match &r[col("category")] {
            "better" => "Better than the state",
            "worse" => "Worse than the state",
            "no different" => "About the same as the state",
            other => panic!("{id}: a rated article with category {other}"),
        };
        assert!(article.contains(words), "{id}: category words {words} missing");
        rated += 1;
    }
    assert!(rated >= 5 && too_few >= 3, "{rated} rated and {too_few} too-few measures checked on {page_name}");
}
