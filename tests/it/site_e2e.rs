//! The report-card site end to end: the real binary runs on the bundled sample data, then
//! `tests/e2e/check-site.mjs` loads the pages in headless Chromium and checks them with
//! axe-core (WCAG 2.1 A/AA: no serious or critical violation, at phone and desktop widths),
//! validates every page's HTML, resolves every internal link, checks that the core pages
//! read without JavaScript, and uses the script's enhancements (find filters against the
//! static county list, the three-way compare, sorting) as a person would. `bash scripts/setup-e2e.sh` installs Chromium and the
//! npm packages (the test command in the README runs it first).
//!
//! The monthly statements under restricted/ get the same browser checks, and are printed to
//! PDF to count their pages.
//!
//! Set `CASECARD_SHOTS=DIR` to also save screenshots of the home, a provider and the
//! quarterly review pages at phone and desktop widths.


use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use crate::common::*;

#[test]
fn site_passes_accessibility_html_and_link_checks_in_chromium() {
    let e2e = e2e_tools();
    let run = sample();
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

/// tests/e2e, after checking that its tools are installed.
fn e2e_tools() -> std::path::PathBuf {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e");
    assert!(
        e2e.join("node_modules/playwright-core").is_dir() && Path::new("/usr/bin/chromium").exists(),
        "the browser checks need Chromium and tests/e2e/node_modules: run `bash scripts/setup-e2e.sh` first"
    );
    e2e
}

/// One run on the sample data, shared by the tests of this file.
fn sample() -> &'static Ingest {
    static RUN: OnceLock<Ingest> = OnceLock::new();
    RUN.get_or_init(|| run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-data")))
}

/// outputs.md: running twice on the same input gives byte-identical output: the site, the
/// results and the restricted outputs.
#[test]
fn outputs_are_byte_identical_across_runs() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (a, b) = (sample(), run(&repo.join("sample-data")));
    for part in ["site", "results", "restricted"] {
        let (da, db) = (a.out.join(part), b.out.join(part));
        let rel = |root: &Path| files_under(root).into_iter().map(|p| p.strip_prefix(root).unwrap().to_path_buf()).collect::<Vec<_>>();
        let list = rel(&da);
        assert_eq!(list, rel(&db), "the same files under {part}/");
        assert!(list.len() > 5, "{} files under {part}/", list.len());
        for f in &list {
            assert!(std::fs::read(da.join(f)).unwrap() == std::fs::read(db.join(f)).unwrap(), "{part}/{} differs between runs", f.display());
        }
    }
}

/// Statements rendered for the sample data open in headless Chromium: valid HTML, no
/// serious or critical axe violation at phone and desktop widths, readable without
/// JavaScript, and a typical month (one provider, up to six contacts) and a month with no
/// contact each print on one Letter page. `CASECARD_SHOTS=DIR` saves screenshots.
#[test]
fn statements_pass_browser_checks_and_print_on_one_page() {
    let e2e = e2e_tools();
    let run = sample();
    let period = reporting_period(&run.out);
    let last_month = period.parse::<casecard::period::Period>().unwrap().months()[2];
    let month_dir = run.out.join("restricted/statements").join(last_month.to_string());
    let mut rdr = csv::Reader::from_path(month_dir.join("index.csv")).unwrap();
    let index: Vec<(String, usize, usize)> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_string(), r[2].parse().unwrap(), r[3].parse().unwrap())
        })
        .collect();
    assert!(index.len() > 50, "{} statements in {}", index.len(), month_dir.display());
    let none = index.iter().find(|(_, _, c)| *c == 0).expect("a person with no contact that month");
    let typical = index.iter().filter(|(_, p, c)| *p == 1 && *c <= 6).max_by_key(|(_, _, c)| *c).expect("a one-provider month");
    let mut pick = vec![none.0.clone(), typical.0.clone()];
    if let Some(two) = index.iter().filter(|(_, p, _)| *p >= 2).max_by_key(|(_, _, c)| *c) {
        pick.push(two.0.clone());
    }
    let busiest = index.iter().max_by_key(|(_, _, c)| *c).unwrap();
    if !pick.contains(&busiest.0) {
        pick.push(busiest.0.clone());
    }
    let tmp = tempfile::TempDir::new().unwrap();
    for f in &pick {
        std::fs::copy(month_dir.join(f), tmp.path().join(f)).unwrap();
    }
    let mut cmd = Command::new("node");
    cmd.arg(e2e.join("check-site.mjs")).arg("--site").arg(tmp.path()).arg("--axe").args(&pick).arg("--nojs").args(&pick);
    if let Ok(dir) = std::env::var("CASECARD_SHOTS") {
        cmd.arg("--screenshots").arg(dir).arg("--shot").args(&pick);
    }
    let out = cmd.output().expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "check-site failed on the statements:\n{stdout}");
    assert!(stdout.lines().last().unwrap_or_default().contains(&format!("{} axe pages", pick.len())), "{stdout}");

    let out = Command::new("node")
        .arg(e2e.join("print-pages.mjs"))
        .args(pick.iter().map(|f| tmp.path().join(f)))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(out.status.success(), "printing failed:\n{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let pages: Vec<(usize, String)> = stdout
        .lines()
        .map(|l| {
            let (n, f) = l.split_once('\t').unwrap();
            (n.parse().unwrap(), f.to_string())
        })
        .collect();
    assert_eq!(pages.len(), pick.len());
    assert_eq!(pages[0].0, 1, "the no-contact month prints on one page: {stdout}");
    assert_eq!(pages[1].0, 1, "a month with {} contacts prints on one page: {stdout}", typical.2);
    assert!(pages.iter().all(|(n, _)| *n >= 1 && *n <= 3), "{stdout}");
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
    let run = sample();
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
