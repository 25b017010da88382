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
    // The pages where people choose, in every language (issue 16).
    let sheet = largest_sheet(&site);
    let choosing: Vec<String> = ["", "es/", "hmn/", "so/"]
        .iter()
        .flat_map(|l| ["index.html", "find.html", provider.as_str(), "compare.html", "find/county-27053.html", sheet.as_str()].map(|p| format!("{l}{p}")))
        .collect();
    let mut axe: Vec<&str> = vec![
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
    for p in &choosing {
        if !axe.contains(&p.as_str()) {
            axe.push(p);
        }
    }
    axe.push("sheets/index.html");
    let es_provider = format!("es/{provider}");
    let nojs: Vec<&str> = vec!["index.html", "find.html", &provider, &details, "compare.html", &county, "measures/ed-visit.html", &review, "methodology.html", &sheet, "so/find.html", &es_provider];
    let mut cmd = Command::new("node");
    cmd.arg(e2e.join("check-site.mjs")).arg("--site").arg(&site).arg("--axe").args(&axe).arg("--nojs").args(&nojs).arg("--interact");
    if let Ok(dir) = std::env::var("CASECARD_SHOTS") {
        cmd.arg("--screenshots").arg(dir).arg("--shot").args(["index.html", "find.html", &provider, &review, &sheet, "es/find.html"]);
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

/// Issue 16, the point of choice in the browser, in every language: the find page sorted by
/// a measure follows the published results (best first, too few to rate last, ties by name),
/// with no type chosen and with one; the language switcher of every consumer page reaches the
/// same page in every language; no page scrolls sideways at 390 px; each type group of the largest county's choice sheet prints
/// on at most two US Letter pages; and the printed sheet uses no color.
#[test]
fn choosing_pages_sort_switch_and_print_in_every_language() {
    let e2e = e2e_tools();
    let run = sample();
    let site = run.out.join("site");
    let period = reporting_period(&run.out);
    let langs = ["en", "es", "hmn", "so"];
    let prefix = |l: &str| if l == "en" { String::new() } else { format!("{l}/") };
    let provider = busiest_provider(&site);
    let sheet = largest_sheet(&site);
    let pages = ["index.html", "find.html", provider.as_str(), "compare.html", "find/county-27053.html", "find/type-amh-tcm.html", "sheets/index.html", sheet.as_str()];
    let (measures, ty) = (["contact-monthly", "ed-visit", "plan-review-annual"], "amh-tcm");
    let out = Command::new("node")
        .arg(e2e.join("choice.mjs"))
        .arg("--site")
        .arg(&site)
        .args(["--langs", &langs.join(","), "--sort", &measures.join(","), "--type", ty, "--pages", &pages.join(","), "--print", &sheet])
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "choice.mjs failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let seen: serde_json::Value = serde_json::from_str(&stdout).expect("JSON from choice.mjs");

    // The oracle: the published estimates (the standardized rate where published, else the
    // rate) of the reporting period, read from the public download, and each measure's
    // direction from its definition.
    let mut rdr = csv::Reader::from_path(site.join("downloads/measure_results.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let mut estimate: std::collections::HashMap<(String, String, String), f64> = Default::default();
    for r in rdr.records().map(Result::unwrap) {
        if r[col("period")] != *period || r[col("stratifier")] != *"all" {
            continue;
        }
        let v = [&r[col("rsr")], &r[col("rate")]].into_iter().find(|s| !s.is_empty()).map(|s| s.parse::<f64>().unwrap());
        if let Some(v) = v {
            estimate.insert((r[col("measure_id")].to_string(), r[col("provider_id")].to_string(), r[col("cm_type")].to_string()), v);
        }
    }
    let lower = |m: &str| {
        let def: toml::Value = toml::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../measures/{m}.toml"))).unwrap()).unwrap();
        def["direction"].as_str() == Some("lower")
    };
    let sorts = seen["sorts"].as_array().unwrap();
    let ids = |x: &serde_json::Value| x["ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect::<Vec<_>>();
    let mut checked = 0;
    for lang in langs {
        for scope in ["", ty] {
            let of = |m: &str| sorts.iter().find(|s| s["lang"] == lang && s["type"] == scope && s["measure"] == m).unwrap_or_else(|| panic!("no sort {lang} {scope} {m}"));
            let by_name = ids(of(""));
            assert!(by_name.len() > 50, "{lang} {scope}: {} providers", by_name.len());
            let cm_type = if scope.is_empty() { "ALL".to_string() } else { scope.to_uppercase() };
            for m in measures {
                let value = |id: &String| estimate.get(&(m.to_string(), id.clone(), cm_type.clone())).copied();
                let mut expected = by_name.clone();
                expected.sort_by(|a, b| match (value(a), value(b)) {
                    (Some(x), Some(y)) => if lower(m) { x.total_cmp(&y) } else { y.total_cmp(&x) },
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                });
                assert_eq!(ids(of(m)), expected, "{lang} find page sorted by {m} (type {scope:?}) against the published results");
                let rated = by_name.iter().filter(|id| value(id).is_some()).count();
                if rated >= 10 {
                    assert_ne!(expected, by_name, "{m} {scope:?}: sorting changes the order");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= langs.len() * 2, "{checked} sorts with ten or more rated providers were checked");

    // The switcher: from every page in every language, each language's same page.
    let switches = seen["switches"].as_array().unwrap();
    assert_eq!(switches.len(), langs.len() * pages.len());
    for s in switches {
        let from = s["from"].as_str().unwrap();
        let lang = langs.iter().find(|l| **l != "en" && from.starts_with(&format!("{l}/"))).copied().unwrap_or("en");
        let page = from.strip_prefix(&prefix(lang)).unwrap();
        assert_eq!(s["lang"], lang, "{from}: <html lang>");
        let links = s["links"].as_array().unwrap();
        assert_eq!(links.len(), langs.len(), "{from}: one switcher link per language");
        for (l, code) in links.iter().zip(langs) {
            assert_eq!(l["code"], code, "{from}: switcher order");
            assert_eq!(l["landed"].as_str().unwrap(), format!("{}{page}", prefix(code)), "{from} → {code}");
            assert_eq!(l["landedLang"], code, "{from} → {code}: the page's lang");
            assert_eq!(l["lang"], code, "{from}: the link's own lang attribute");
            assert_eq!(l["current"].as_bool(), Some(code == lang), "{from}: aria-current on its own language only");
        }
    }

    // Nothing scrolls sideways at a phone's width.
    let widths = seen["widths"].as_array().unwrap();
    assert_eq!(widths.len(), langs.len() * pages.len());
    for w in widths {
        assert!(w["width"].as_u64().unwrap() <= 390, "{} is {} px wide at 390 px", w["page"], w["width"]);
    }

    // Printed, in black and white.
    for c in seen["colors"].as_array().unwrap() {
        assert!(c["found"].as_array().unwrap().is_empty(), "{} prints in color: {}", c["page"], c["found"]);
    }
    assert_eq!(seen["colors"].as_array().unwrap().len(), langs.len());

    // At most two Letter pages per type group, in every language.
    let files: Vec<_> = langs.iter().map(|l| site.join(format!("{}{sheet}", prefix(l)))).collect();
    let out = Command::new("node").arg(e2e.join("print-pages.mjs")).args(["--format", "Letter", "--each", "section.sheet-group"]).args(&files).output().expect("run node");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "print-pages failed:\n{printed}");
    let groups = std::fs::read_to_string(&files[0]).unwrap().matches("class=\"sheet-group\"").count();
    assert!(groups >= 5, "{sheet}: {groups} type groups");
    let lines: Vec<(usize, &str)> = printed.lines().map(|l| l.split_once('\t').map(|(n, f)| (n.parse().unwrap(), f)).unwrap()).collect();
    assert_eq!(lines.len(), groups * langs.len(), "one printout per group and language:\n{printed}");
    for (n, f) in &lines {
        assert!((1..=2).contains(n), "{f} prints on {n} Letter pages");
    }
    println!("{printed}");
}

/// The choice sheet of the county with the most type groups (largest file).
fn largest_sheet(site: &Path) -> String {
    let mut best = (0, String::new());
    for e in std::fs::read_dir(site.join("sheets")).unwrap().map(Result::unwrap) {
        let name = e.file_name().to_string_lossy().to_string();
        let len = e.metadata().unwrap().len();
        if name != "index.html" && len > best.0 {
            best = (len, name);
        }
    }
    format!("sheets/{}", best.1)
}
