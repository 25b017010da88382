//! The privacy scan: every public output of a run on the bundled sample data (the public
//! results files and every file of the site) is read back and checked for person ids, case
//! manager ids, links to or copies of restricted outputs, counts from 1 to 10, and hidden counts that could
//! be recovered by subtracting published numbers from a published total.


use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

fn is_case_manager_id(word: &str) -> bool {
    word.len() == 10 && word.starts_with("CM") && word[2..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Every count of people or records on a page is a `<data value="N">` element (the page
/// builders write no other way); returns their values.
fn data_values(html: &str) -> Vec<i64> {
    html.match_indices("<data value=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            let end = rest.find('"').expect("closed attribute");
            rest[..end].parse::<i64>().unwrap_or_else(|_| panic!("non-numeric data value {}", &rest[..end]))
        })
        .collect()
}

fn is_person_id(word: &str) -> bool {
    word.len() == 13 && word.starts_with(['P', 'p']) && word[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn small(n: i64) -> bool {
    (1..=10).contains(&n.abs())
}

type Key = (String, String, String, String, String, String);

#[test]
fn public_outputs_hold_no_person_ids_and_no_recoverable_small_counts() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-data");
    let run = run(&sample);
    let files = public_files(&run.out);
    let (mut pages, mut counts) = (0, 0);
    for f in &files {
        if f.extension().is_some_and(|e| e == "parquet") {
            continue; // compared with the CSV below
        }
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            assert!(!is_person_id(word), "{} holds a person id: {word}", f.display());
            assert!(!is_case_manager_id(word), "{} holds a case manager id: {word}", f.display());
        }
        assert!(!text.contains("restricted/"), "{} refers to restricted outputs", f.display());
        if f.extension().is_some_and(|e| e == "html") {
            pages += 1;
            for n in data_values(&text) {
                assert!(!small(n), "{} shows a count of {n}", f.display());
                counts += 1;
            }
        }
    }
    assert!(pages > 300 && counts > 10_000, "{pages} pages and {counts} counts scanned");
    // The pages in every language and the choice sheets are among them.
    for part in ["site/es/providers/", "site/hmn/find.html", "site/so/sheets/", "site/sheets/hennepin.html"] {
        assert!(files.iter().any(|f| f.to_string_lossy().contains(part)), "no public file under {part}");
    }

    // The run also wrote person-level outputs; none of it reaches a public file.
    let (scanned, restricted) = assert_no_restricted_content_in_public_outputs(&run.out);
    assert!(scanned == files.len() && restricted > 100, "{scanned} public files against {restricted} restricted ones");

    // The site's downloads are the public table, not the analysts' one.
    let site_csv = std::fs::read(run.out.join("site/downloads/measure_results.csv")).unwrap();
    assert_eq!(site_csv, std::fs::read(run.out.join("results/measure_results.csv")).unwrap(), "site CSV = public CSV");
    let (_, site_parquet) = read_parquet(&run.out.join("site/downloads/measure_results.parquet"));
    let site_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.out.join("site/downloads/measure_results.json")).unwrap()).unwrap();
    let json_columns: Vec<&str> = site_json["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    let (jd, jn) = (json_columns.iter().position(|c| *c == "denominator").unwrap(), json_columns.iter().position(|c| *c == "numerator").unwrap());
    let site_json = site_json["data"].as_array().unwrap().clone();

    // The public table against the analysts' numbers.
    let mut rdr = csv::Reader::from_path(run.out.join("results/measure_results.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let key_of = |r: &csv::StringRecord| -> Key {
        (r[col("period")].into(), r[col("measure_id")].into(), r[col("provider_id")].into(), r[col("cm_type")].into(), r[col("stratifier")].into(), r[col("stratum")].into())
    };
    let mut public: BTreeMap<Key, Option<(i64, i64)>> = BTreeMap::new();
    for rec in rdr.records() {
        let r = rec.unwrap();
        let (d, n) = (&r[col("denominator")], &r[col("numerator")]);
        let counts = match (d.is_empty(), n.is_empty()) {
            (false, false) => Some((d.parse::<i64>().unwrap(), n.parse::<i64>().unwrap())),
            (true, true) => None,
            _ => panic!("one count without the other: {r:?}"),
        };
        if let Some((d, n)) = counts {
            assert!(!small(d) && !small(n) && !small(d - n), "small count published: {r:?}");
            assert!(d >= 30, "counts of a row under 30 published: {r:?}");
        } else {
            for c in ["ci_low", "ci_high", "expected", "oe", "rsr_low", "rsr_high", "gap_p"] {
                assert!(r[col(c)].is_empty(), "{c} published beside hidden counts: {r:?}");
            }
            assert_eq!(&r[col("suppressed")], "true");
        }
        public.insert(key_of(&r), counts);
    }
    let (_, analysts) = read_parquet(&run.out.join("results/measure_results.parquet"));
    assert_eq!(analysts.len(), public.len(), "the public table has every row");
    assert_eq!(site_parquet.len(), public.len());
    assert_eq!(site_json.len(), public.len());
    let count = |c: &Cell| match c {
        Cell::Int(v) => Some(*v),
        Cell::Null => None,
        other => panic!("count cell {other:?}"),
    };
    for (r, j) in site_parquet.iter().zip(&site_json) {
        let k: Key = (
            r["period"].str().unwrap().into(),
            r["measure_id"].str().unwrap().into(),
            r["provider_id"].str().unwrap().into(),
            r["cm_type"].str().unwrap().into(),
            r["stratifier"].str().unwrap().into(),
            r["stratum"].str().unwrap().into(),
        );
        let published = count(&r["denominator"]).zip(count(&r["numerator"]));
        assert_eq!(published, public[&k], "site Parquet row {k:?} = public CSV row");
        let json = j[jd].as_i64().zip(j[jn].as_i64());
        assert_eq!(json, public[&k], "site JSON row {k:?} = public CSV row");
    }
    let text = |r: &BTreeMap<String, Cell>, c: &str| r[c].str().unwrap().to_string();
    let int = |r: &BTreeMap<String, Cell>, c: &str| match r[c] {
        Cell::Int(v) => v,
        _ => panic!(),
    };
    let truth: BTreeMap<Key, (i64, i64)> = analysts
        .iter()
        .map(|r| {
            let k = (text(r, "period"), text(r, "measure_id"), text(r, "provider_id"), text(r, "cm_type"), text(r, "stratifier"), text(r, "stratum"));
            (k, (int(r, "denominator"), int(r, "numerator")))
        })
        .collect();

    // Relations: providers → STATE (per cm_type, stratifier, stratum); strata → the all row;
    // cm_type rows → the ALL row.
    let mut relations: BTreeMap<(Key, String), Vec<Key>> = BTreeMap::new();
    for k in truth.keys() {
        let (p, m, prov, t, st, sm) = k.clone();
        if prov != "STATE" {
            relations.entry(((p.clone(), m.clone(), "STATE".into(), t.clone(), st.clone(), sm.clone()), "providers".into())).or_default().push(k.clone());
        }
        if st != "all" {
            relations.entry(((p, m, prov, t, "all".into(), "all".into()), st)).or_default().push(k.clone());
        } else if t != "ALL" {
            relations.entry(((p, m, prov, "ALL".into(), "all".into(), "all".into()), "cm_types".into())).or_default().push(k.clone());
        }
    }
    let holds_small = |k: &Key| {
        let (d, n) = truth[k];
        small(d) || small(n) || small(d - n)
    };
    let mut checked = 0;
    for ((total, _), parts) in &relations {
        let Some(&(td, tn)) = truth.get(total) else { continue };
        let (rd, rn) = parts.iter().fold((td, tn), |(d, n), k| (d - truth[k].0, n - truth[k].1));
        let mut unknown: Vec<Option<&Key>> = parts.iter().filter(|k| public[*k].is_none()).map(Some).collect();
        if public[total].is_none() {
            unknown.push(Some(total));
        }
        if small(rd) || small(rn) || small(rd - rn) {
            unknown.push(None);
        }
        if let [only] = unknown[..] {
            assert!(!only.map_or(true, holds_small), "recoverable by subtraction: {only:?} from {total:?}");
        }
        checked += 1;
    }
    assert!(checked > 1000, "{checked} relations checked");

    // A type-standardized ALL row's expected is Σ over its cm_types of units × statewide rate:
    // published, it would give back the units of each type. For contact-monthly the units of
    // a type are exactly the provider's cm_type row, so wherever the public table shows an
    // ALL row's expected (or O/E, or standardized rate), none of that provider's cm_type rows
    // may hold 1 to 10 units.
    let mut rdr = csv::Reader::from_path(run.out.join("results/measure_results.csv")).unwrap();
    let (mut shown, mut hidden) = (0, 0);
    for rec in rdr.records() {
        let r = rec.unwrap();
        let k = key_of(&r);
        if k.1 != "contact-monthly" || k.2 == "STATE" || k.3 != "ALL" || k.4 != "all" {
            continue;
        }
        assert_eq!(&r[col("adjustment")], "type", "{k:?}");
        let types: Vec<(&Key, &(i64, i64))> =
            truth.iter().filter(|(t, _)| t.0 == k.0 && t.1 == k.1 && t.2 == k.2 && t.3 != "ALL" && t.4 == "all").collect();
        let any_small = types.iter().any(|(_, (d, _))| small(*d));
        let published = ["expected", "oe", "rsr", "rsr_low", "rsr_high"].iter().any(|c| !r[col(c)].is_empty());
        if published {
            assert!(!any_small, "standardized cells published beside a small type: {k:?} {types:?}");
            shown += 1;
        } else if any_small {
            hidden += 1;
        }
    }
    assert!(shown > 20 && hidden > 20, "{shown} ALL rows with standardized cells shown, {hidden} hidden for a small type");

    // Expected values add up like counts (strata → their all row, providers → STATE): no
    // relation of type-standardized rows may leave exactly one expected hidden, or it could
    // be recovered by subtraction.
    let mut rdr = csv::Reader::from_path(run.out.join("results/measure_results.csv")).unwrap();
    let mut expected: BTreeMap<Key, (bool, bool)> = BTreeMap::new(); // (type row with units, expected shown)
    for rec in rdr.records() {
        let r = rec.unwrap();
        let k = key_of(&r);
        let has_units = truth.get(&k).is_some_and(|(d, _)| *d > 0);
        expected.insert(k, (&r[col("adjustment")] == "type" && has_units, !r[col("expected")].is_empty()));
    }
    let mut e_checked = 0;
    for ((total, what), parts) in &relations {
        if what == "cm_types" || !expected.get(total).is_some_and(|e| e.0) {
            continue;
        }
        let cells: Vec<&Key> = parts.iter().chain([total]).filter(|k| expected[*k].0).collect();
        let hidden = cells.iter().filter(|k| !expected[**k].1).count();
        assert_ne!(hidden, 1, "one hidden expected, recoverable by subtraction, in {total:?} ← {what}");
        e_checked += 1;
    }
    assert!(e_checked > 500, "{e_checked} relations of expected values checked");

    // The funnel limits (a public download) are drawn around a statewide rate only where the
    // public table shows that row's counts, so the exact rate gives nothing hidden back; and
    // a curve runs no further than the largest published provider denominator of its scope.
    let funnels: serde_json::Value =
        serde_json::from_slice(&std::fs::read(run.out.join("site/downloads/funnel_limits.json")).unwrap()).unwrap();
    let mut rdr = csv::Reader::from_path(run.out.join("results/measure_results.csv")).unwrap();
    let mut rates: BTreeMap<Key, (String, String)> = BTreeMap::new();
    for rec in rdr.records() {
        let r = rec.unwrap();
        rates.insert(key_of(&r), (r[col("denominator")].to_string(), r[col("rate")].to_string()));
    }
    let funnels = funnels.as_array().unwrap();
    for f in funnels {
        let scope = |p: &str| -> Key {
            let s = |v: &serde_json::Value| v.as_str().unwrap().to_string();
            (s(&f["period"]), s(&f["measure_id"]), p.into(), s(&f["cm_type"]), "all".into(), "all".into())
        };
        let (den, rate) = &rates[&scope("STATE")];
        assert!(!den.is_empty(), "a funnel around a statewide row whose counts are hidden: {:?}", scope("STATE"));
        let exact = f["state_rate"].as_f64().unwrap();
        assert!((rate.parse::<f64>().unwrap() - exact).abs() < 1e-12, "{:?}: {rate} against {exact}", scope("STATE"));
        let largest = rates
            .iter()
            .filter(|(k, _)| (&k.0, &k.1, &k.3, &k.4) == (&scope("").0, &scope("").1, &scope("").3, &scope("").4) && k.2 != "STATE")
            .filter_map(|(_, (d, _))| d.parse::<f64>().ok())
            .fold(30.0, f64::max);
        let last = f["points"].as_array().unwrap().last().unwrap()[0].as_f64().unwrap();
        assert!(last <= largest, "{:?}: the curve reaches {last}, beyond the largest published denominator {largest}", scope("STATE"));
    }
    assert!(funnels.len() > 100, "{} funnels checked", funnels.len());
}
