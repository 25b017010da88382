//! Package-level rules of extracts.md §1–§4 and outputs.md: manifest checks, missing and
//! extra files, supersession, BOM/CRLF tolerance, malformed files, byte-identical re-runs,
//! and the report's shape. What a run does to its output folder (`--out`, the lock,
//! temporary folders, killed runs, a full disk) is in `output_safety`.


use std::path::Path;

use crate::common::*;
use tempfile::TempDir;

const Q1: &str = "2026Q1";
const Q2: &str = "2026Q2";

/// The report entry of a failed package: status `failed`, every layout file listed with
/// read 0, and a message naming each of `files`.
fn assert_failed(r: &Ingest, submitter: &str, period: &str, seq: i64, files: &[&str]) {
    let p = r.report.pkg(submitter, period, seq);
    assert_eq!(p.status, "failed", "{submitter} {period} {seq}: {}", p.message);
    for f in files {
        assert!(p.message.contains(f), "{submitter} {period} {seq}: message `{}` does not name {f}", p.message);
    }
    for f in layout_files(submitter) {
        assert_eq!(
            p.files.get(f),
            Some(&FileReport::default()),
            "{submitter} {period} {seq}: {f} listed with read 0; files = {:?}",
            p.files
        );
    }
    assert_no_partition(r, submitter, period);
}

fn assert_loaded_base(r: &Ingest, submitter: &str, period: &str, seq: i64) {
    let p = r.report.pkg(submitter, period, seq);
    assert_eq!(p.status, "loaded", "{}", p.message);
    let two = ["persons.csv", "episodes.csv", "contacts.csv", "MEMBERS.txt", "ENROLL.txt", "CC_ACTIVITY.txt"];
    for (name, f) in &p.files {
        let n = if two.contains(&name.as_str()) { 2 } else { 1 };
        assert_eq!(f, &fr(n, n, &[]), "{submitter} {period} {seq} {name}");
    }
}

#[test]
fn manifest_row_count_mismatch_fails_the_package_only() {
    let input = TempDir::new().unwrap();
    hennepin(Q1, 1).write(input.path());
    let mut bad = hennepin(Q2, 1);
    bad.add(rows::contact("C9", "E1", &pid(1), HEN_PROV)); // only in the failed package
    bad.add(rows::event("V2", &pid(99))); // would be quarantined if the package loaded
    bad.manifest_rows("persons.csv", 3); // the file has 2
    bad.write(input.path());
    ramsey(Q2, 1).write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_failed(&r, HEN, Q2, 1, &["persons.csv"]);
    assert_loaded_base(&r, HEN, Q1, 1);
    assert_loaded_base(&r, RAM, Q2, 1);
    // Earlier packages stay in force: Hennepin's rows are the 2026Q1 ones.
    assert!(r.warehouse.find("contacts", "contact_id", "C9").is_empty());
    let hen_contacts: Vec<&WRow> = r.warehouse.rows("contacts").iter().filter(|w| w.submitter == HEN).collect();
    assert_eq!(hen_contacts.len(), 2);
    assert!(hen_contacts.iter().all(|w| w.period == Q1));
    assert_eq!(r.warehouse.one("persons", "person_id", &pid(1)).period, Q1);
    assert!(r.quarantine.is_empty(), "{:?}", r.quarantine);
}

#[test]
fn manifest_sha256_mismatch_fails_the_package_only() {
    let input = TempDir::new().unwrap();
    let mut bad = hennepin(Q2, 1);
    let other = sha256_hex(b"some other bytes");
    bad.manifest_sha("contacts.csv", &other);
    bad.add(rows::contact("C9", "E1", &pid(1), HEN_PROV));
    bad.write(input.path());
    ramsey(Q2, 1).write(input.path());
    ucare(Q2, 1).write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_failed(&r, HEN, Q2, 1, &["contacts.csv"]);
    assert_loaded_base(&r, RAM, Q2, 1);
    assert_loaded_base(&r, UCARE, Q2, 1);
    assert!(r.warehouse.find("persons", "person_id", &pid(1)).is_empty());
    assert_eq!(r.warehouse.keys("persons", "person_id"), vec![pid(3), pid(4), pid(7), pid(8)]);
}

#[test]
fn every_failing_file_is_named() {
    let input = TempDir::new().unwrap();
    let mut bad = hennepin(Q2, 1);
    bad.manifest_rows("persons.csv", 7);
    bad.manifest_sha("staffing.csv", &sha256_hex(b"x"));
    bad.write(input.path());
    let mut bad_mco = ucare(Q2, 1);
    bad_mco.manifest_rows("UTIL.txt", 0);
    bad_mco.manifest_sha("STAFF.txt", &"0".repeat(64));
    bad_mco.write(input.path());
    ramsey(Q2, 1).write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_failed(&r, HEN, Q2, 1, &["persons.csv", "staffing.csv"]);
    assert_failed(&r, UCARE, Q2, 1, &["UTIL.txt", "STAFF.txt"]);
    assert_loaded_base(&r, RAM, Q2, 1);
}

#[test]
fn listed_but_absent_file_fails_the_package() {
    let input = TempDir::new().unwrap();
    let mut bad = hennepin(Q2, 1);
    bad.absent("surveys.csv");
    bad.write(input.path());
    let mut bad_mco = ucare(Q2, 1);
    bad_mco.absent("ENROLL.txt");
    bad_mco.write(input.path());
    ramsey(Q2, 1).write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_failed(&r, HEN, Q2, 1, &["surveys.csv"]);
    assert_failed(&r, UCARE, Q2, 1, &["ENROLL.txt"]);
    assert_loaded_base(&r, RAM, Q2, 1);
}

#[test]
fn unlisted_file_fails_the_package() {
    let input = TempDir::new().unwrap();
    // A stray file that is in no layout and not in the manifest.
    let mut stray = hennepin(Q2, 1);
    stray.extra("notes.txt", b"call back Tuesday\n", false);
    stray.write(input.path());
    // A layout file that is present but left out of the manifest.
    let mut unlisted = ramsey(Q2, 1);
    unlisted.unlisted("staffing.csv");
    unlisted.write(input.path());
    leech_lake(Q2, 1).write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_failed(&r, HEN, Q2, 1, &["notes.txt"]);
    assert_failed(&r, RAM, Q2, 1, &["staffing.csv"]);
    assert_loaded_base(&r, LEECH, Q2, 1);
}

#[test]
fn every_layout_file_is_required() {
    let input = TempDir::new().unwrap();
    let mut bad = hennepin(Q2, 1);
    bad.omit("events.csv"); // neither listed nor present
    bad.write(input.path());
    let mut bad_mco = ucare(Q2, 1);
    bad_mco.omit("SURVEY.txt");
    bad_mco.write(input.path());
    ramsey(Q2, 1).write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    for (sub, file) in [(HEN, "events.csv"), (UCARE, "SURVEY.txt")] {
        let p = r.report.pkg(sub, Q2, 1);
        assert_eq!(p.status, "failed", "{sub}: {}", p.message);
        assert!(p.message.contains(file), "{sub}: message `{}` does not name {file}", p.message);
        assert_no_partition(&r, sub, Q2);
    }
    assert_loaded_base(&r, RAM, Q2, 1);
}

#[test]
fn unreadable_manifest_fails_only_that_package() {
    let input = TempDir::new().unwrap();
    let dir = hennepin(Q2, 1).write(input.path());
    std::fs::write(dir.join("manifest.json"), "{ \"submitter_id\": \"county-27053\", ").unwrap();
    ramsey(Q2, 1).write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let failed: Vec<&PackageReport> = r.report.packages.iter().filter(|p| p.status == "failed").collect();
    assert_eq!(failed.len(), 1, "{:#}", r.report.raw);
    assert!(failed[0].message.contains("manifest.json"), "{}", failed[0].message);
    assert_loaded_base(&r, RAM, Q2, 1);
    assert!(r.warehouse.find("persons", "person_id", &pid(1)).is_empty());
}

#[test]
fn later_sequence_supersedes_the_earlier_package_entirely() {
    let input = TempDir::new().unwrap();
    let mut seq1 = hennepin(Q2, 1);
    seq1.add(rows::person(&pid(9))); // only in sequence 1
    seq1.add(rows::episode("E9", &pid(9), HEN_PROV));
    seq1.add(rows::contact("C9", "E9", &pid(9), HEN_PROV));
    seq1.add(rows::event("V9", &pid(99))); // quarantined in sequence 1
    seq1.add(rows::staff(&cmid(9), HEN_PROV));
    seq1.write(input.path());
    let mut seq2 = hennepin(Q2, 2); // corrects C1's minutes from 45 to 60
    seq2.clear("contacts.csv");
    seq2.add(rows::contact("C1", "E1", &pid(1), HEN_PROV).set("minutes", "60"));
    seq2.add(rows::contact("C2", "E2", &pid(2), HEN_PROV));
    seq2.write(input.path());
    ramsey(Q2, 1).write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let s1 = r.report.pkg(HEN, Q2, 1);
    assert_eq!(s1.status, "superseded", "{}", s1.message);
    assert!(s1.files.is_empty());
    assert_loaded_base(&r, HEN, Q2, 2);
    assert_loaded_base(&r, RAM, Q2, 1);
    // Nothing of sequence 1 anywhere: not its extra rows, not its quarantined row.
    assert!(r.warehouse.find("persons", "person_id", &pid(9)).is_empty());
    assert!(r.warehouse.find("episodes", "episode_id", "E9").is_empty());
    assert!(r.warehouse.find("contacts", "contact_id", "C9").is_empty());
    assert!(r.warehouse.find("staffing", "case_manager_id", &cmid(9)).is_empty());
    assert!(r.quarantine.is_empty(), "{:?}", r.quarantine);
    // Sequence 2's values are the ones in force.
    let c1 = r.warehouse.one_of("contacts", HEN, "contact_id", "C1");
    assert_eq!(c1.get("minutes"), &Cell::Int(60));
    let hen: Vec<&WRow> = r.warehouse.rows("contacts").iter().filter(|w| w.submitter == HEN).collect();
    assert_eq!(hen.len(), 2);
}

#[test]
fn failed_later_sequence_leaves_the_earlier_one_in_force() {
    let input = TempDir::new().unwrap();
    // Hennepin: 1 superseded by 2; 3 fails, so 2 stays in force.
    hennepin(Q2, 1).write(input.path());
    let mut seq2 = hennepin(Q2, 2);
    seq2.add(rows::contact("C7", "E1", &pid(1), HEN_PROV));
    let orphan = rows::event("V7", &pid(99));
    seq2.add(orphan.clone());
    seq2.write(input.path());
    let mut seq3 = hennepin(Q2, 3);
    seq3.add(rows::contact("C8", "E1", &pid(1), HEN_PROV));
    seq3.manifest_rows("contacts.csv", 99);
    seq3.write(input.path());
    // Ramsey: 1 loaded, 2 fails, so 1 stays in force.
    let mut r1 = ramsey(Q2, 1);
    r1.add(rows::contact("C5", "E1", &pid(3), RAM_PROV));
    r1.write(input.path());
    let mut r2 = ramsey(Q2, 2);
    r2.absent("persons.csv");
    r2.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_eq!(r.report.pkg(HEN, Q2, 1).status, "superseded");
    assert_eq!(r.report.pkg(HEN, Q2, 2).status, "loaded");
    assert_eq!(r.report.pkg(HEN, Q2, 2).file("contacts.csv"), &fr(3, 3, &[]));
    assert_eq!(r.report.pkg(HEN, Q2, 2).file("events.csv"), &fr(2, 1, &[("unknown_person", 1)]));
    let s3 = r.report.pkg(HEN, Q2, 3);
    assert_eq!(s3.status, "failed");
    assert!(s3.message.contains("contacts.csv"), "{}", s3.message);
    assert_eq!(r.report.pkg(RAM, Q2, 1).status, "loaded");
    assert_eq!(r.report.pkg(RAM, Q2, 2).status, "failed");
    assert_eq!(r.report.pkg(RAM, Q2, 1).file("contacts.csv"), &fr(3, 3, &[]));

    let hen_c: Vec<String> = r
        .warehouse
        .rows("contacts")
        .iter()
        .filter(|w| w.submitter == HEN)
        .map(|w| w.s("contact_id").unwrap().to_string())
        .collect();
    assert_eq!(hen_c.len(), 3);
    assert!(hen_c.contains(&"C7".to_string()) && !hen_c.contains(&"C8".to_string()), "{hen_c:?}");
    assert_eq!(r.warehouse.find("contacts", "contact_id", "C5").len(), 1);
    assert_eq!(quarantined(&r, HEN, Q2, "events.csv"), vec![(3, "unknown_person".to_string(), orphan.line())]);
    assert_eq!(r.quarantine.iter().filter(|q| q.sequence != 2 || q.submitter != HEN).count(), 0);
}

#[test]
fn superseded_rows_do_not_resolve_references() {
    let input = TempDir::new().unwrap();
    let mut seq1 = hennepin(Q2, 1);
    seq1.add(rows::person(&pid(9)));
    seq1.write(input.path());
    hennepin(Q2, 2).write(input.path()); // no pid(9)
    let mut ram = ramsey(Q2, 1);
    let refers = rows::event("V2", &pid(9));
    assert_eq!(ram.add(refers.clone()), 3);
    ram.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_eq!(r.report.pkg(HEN, Q2, 1).status, "superseded");
    assert_quarantine(&r, RAM, Q2, "events.csv", &[(3, "unknown_person", &refers.line())]);
    assert_file(&r, RAM, Q2, 1, "events.csv", fr(2, 1, &[("unknown_person", 1)]));
}

#[test]
fn identical_copy_of_a_package_is_loaded_once() {
    let make = |root: &std::path::Path, copies: bool| {
        let mut p = hennepin(Q2, 1);
        p.add(rows::event("V2", &pid(99)));
        p.write(root);
        if copies {
            p.folder = Some(format!("resent/{Q2}/{HEN}"));
            p.write(root);
        }
        ramsey(Q2, 1).write(root);
    };
    let once = TempDir::new().unwrap();
    make(once.path(), false);
    let twice = TempDir::new().unwrap();
    make(twice.path(), true);

    let a = ingest(once.path());
    let b = ingest(twice.path());
    assert_accounting(&a);
    assert_accounting(&b);
    assert_eq!(a.warehouse.canonical(), b.warehouse.canonical(), "re-ingesting the same package is a no-op");
    assert_eq!(a.quarantine, b.quarantine);
    let loaded: Vec<&PackageReport> =
        b.report.packages.iter().filter(|p| p.submitter_id == HEN && p.status == "loaded").collect();
    assert_eq!(loaded.len(), 1, "{:#}", b.report.raw);
    assert_eq!(loaded[0].file("events.csv"), &fr(2, 1, &[("unknown_person", 1)]));
    assert!(
        b.report.warnings.iter().any(|w| w.kind == "duplicate_package"),
        "expected a duplicate_package warning: {:#}",
        b.report.raw["warnings"]
    );
}

/// A package with some rejected rows, to compare line numbers across encodings.
fn with_rejects(mut p: Pkg) -> Pkg {
    p.add(rows::person(&pid(20)).set("birth_date", "1958-02-30")); // persons line 4
    p.add(rows::contact("C3", "E1", &pid(99), HEN_PROV)); // contacts line 4
    p.add(rows::provider(HEN_PROV2, "private").set("mission", "Two\nlines")); // providers lines 3-4
    p.add(rows::provider("2705300003", "hospital")); // providers line 5
    p
}

#[test]
fn bom_and_crlf_standard_package_loads_identically() {
    let plain = TempDir::new().unwrap();
    with_rejects(hennepin(Q2, 1)).write(plain.path());
    let dos = TempDir::new().unwrap();
    let mut p = with_rejects(hennepin(Q2, 1));
    p.bom_crlf_all();
    p.write(dos.path());
    let bytes = std::fs::read(dos.path().join("2026Q2/county-27053/persons.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}person_id,".as_bytes()) && bytes.windows(2).any(|w| w == b"\r\n"));

    let a = ingest(plain.path());
    let b = ingest(dos.path());
    assert_accounting(&a);
    assert_accounting(&b);
    assert_eq!(a.warehouse.canonical(), b.warehouse.canonical());
    assert_eq!(b.warehouse.count("persons"), 2);
    assert_eq!(a.report.pkg(HEN, Q2, 1).files, b.report.pkg(HEN, Q2, 1).files);
    assert_eq!(b.report.pkg(HEN, Q2, 1).file("persons.csv"), &fr(3, 2, &[("bad_date", 1)]));
    assert_eq!(b.report.pkg(HEN, Q2, 1).file("providers.csv"), &fr(3, 2, &[("bad_code", 1)]));
    // Same lines, same raw text (no BOM, no CR), same reasons.
    assert_eq!(a.quarantine, b.quarantine);
    let mut lines: Vec<(String, i64)> = b.quarantine.iter().map(|q| (q.file.clone(), q.line)).collect();
    lines.sort();
    assert_eq!(
        lines,
        vec![("contacts.csv".to_string(), 4), ("persons.csv".to_string(), 4), ("providers.csv".to_string(), 5)]
    );
    for q in &b.quarantine {
        assert!(!q.raw.contains('\r') && !q.raw.contains('\u{feff}'), "{q:?}");
    }
    assert_eq!(b.warehouse.one("providers", "provider_id", HEN_PROV2).get("mission"), &s("Two\nlines"));
}

#[test]
fn bom_and_crlf_mco_file_loads_identically() {
    let make = |dos: bool| {
        let mut p = ucare(Q2, 1);
        p.add(mco::member(&pid(20)).set("DOB", "19450230")); // MEMBERS line 4
        p.add(mco::member(&pid(21)).set("HISP", "1")); // line 5
        if dos {
            p.bom_crlf("MEMBERS.txt");
            p.bom_crlf("CC_ACTIVITY.txt");
        }
        p
    };
    let plain = TempDir::new().unwrap();
    make(false).write(plain.path());
    let dos = TempDir::new().unwrap();
    make(true).write(dos.path());
    let a = ingest(plain.path());
    let b = ingest(dos.path());
    assert_accounting(&a);
    assert_accounting(&b);
    assert_eq!(b.report.pkg(UCARE, Q2, 1).status, "loaded", "{}", b.report.pkg(UCARE, Q2, 1).message);
    assert_eq!(a.warehouse.canonical(), b.warehouse.canonical());
    assert_eq!(a.quarantine, b.quarantine);
    assert_eq!(b.report.pkg(UCARE, Q2, 1).file("MEMBERS.txt"), &fr(4, 3, &[("bad_date", 1)]));
    assert_eq!(
        quarantined(&b, UCARE, Q2, "MEMBERS.txt"),
        vec![(4, "bad_date".to_string(), make(false).lines("MEMBERS.txt")[2].1.clone())]
    );
    assert_eq!(b.warehouse.one("persons", "person_id", &pid(21)).get("hispanic"), &s("Y"));
}

/// A malformed file fails its package with a message naming the file; the rest loads.
fn assert_malformed(build: impl Fn(&mut Pkg), submitter: &str, file: &str) {
    let input = TempDir::new().unwrap();
    let mut p = if submitter == UCARE { ucare(Q2, 1) } else { hennepin(Q2, 1) };
    build(&mut p);
    p.write(input.path());
    ramsey(Q2, 1).write(input.path());
    let r = ingest(input.path());
    assert_accounting(&r);
    assert_failed(&r, submitter, Q2, 1, &[file]);
    assert_loaded_base(&r, RAM, Q2, 1);
}

fn csv_of(p: &Pkg, file: &str) -> String {
    String::from_utf8(p.bytes(file)).unwrap()
}

#[test]
fn malformed_mco_file_wrong_delimiter() {
    assert_malformed(
        |p| {
            let comma = csv_of(p, "ENROLL.txt").replace('|', ",");
            p.replace("ENROLL.txt", comma.into_bytes(), 2);
        },
        UCARE,
        "ENROLL.txt",
    );
}

#[test]
fn malformed_mco_file_wrong_header() {
    assert_malformed(
        |p| {
            let renamed = csv_of(p, "SURVEY.txt").replacen("GOALS|", "GOALS_PROGRESS|", 1);
            p.replace("SURVEY.txt", renamed.into_bytes(), 1);
        },
        UCARE,
        "SURVEY.txt",
    );
    assert_malformed(
        |p| {
            let lower = csv_of(p, "STAFF.txt").replacen(
                "CC_ID|PROV_ID|FTE|PRODUCTS|LANGS",
                "cc_id|prov_id|fte|products|langs",
                1,
            );
            p.replace("STAFF.txt", lower.into_bytes(), 1);
        },
        UCARE,
        "STAFF.txt",
    );
}

#[test]
fn malformed_mco_file_not_utf8() {
    assert_malformed(
        |p| {
            // Latin-1 "Café" in a member's ETHNIC_DETAIL... as a stray byte in a data row.
            let mut bytes = p.bytes("MEMBERS.txt");
            let at = bytes.windows(5).position(|w| w == b"HMONG").unwrap();
            bytes.splice(at..at + 5, b"HMONG\xe9".iter().copied());
            p.replace("MEMBERS.txt", bytes, 2);
        },
        UCARE,
        "MEMBERS.txt",
    );
}

#[test]
fn malformed_standard_files() {
    // Semicolon-separated.
    assert_malformed(
        |p| {
            let semi = csv_of(p, "events.csv").replace(',', ";");
            p.replace("events.csv", semi.into_bytes(), 1);
        },
        HEN,
        "events.csv",
    );
    // A column missing from the header.
    assert_malformed(
        |p| {
            let hdr = csv_of(p, "staffing.csv").replacen(
                "case_manager_id,provider_id,fte,cm_types,languages",
                "case_manager_id,provider_id,fte,cm_types",
                1,
            );
            p.replace("staffing.csv", hdr.into_bytes(), 1);
        },
        HEN,
        "staffing.csv",
    );
    // Windows-1252 bytes.
    assert_malformed(
        |p| {
            let mut bytes = p.bytes("providers.csv");
            let at = bytes.windows(10).position(|w| w == b"North Star").unwrap();
            bytes.splice(at..at + 10, b"N\xf6rth Star".iter().copied());
            p.replace("providers.csv", bytes, 1);
        },
        HEN,
        "providers.csv",
    );
}

#[test]
fn header_only_files_are_valid() {
    let input = TempDir::new().unwrap();
    let mut p = Pkg::new(HEN, Q2, 1);
    p.add(rows::provider(HEN_PROV, "county"));
    p.add(rows::staff(&cmid(1), HEN_PROV));
    p.write(input.path());
    Pkg::new(UCARE, Q2, 1).write(input.path());
    let r = ingest(input.path());
    assert_accounting(&r);
    let hen = r.report.pkg(HEN, Q2, 1);
    assert_eq!(hen.status, "loaded", "{}", hen.message);
    for (name, f) in &hen.files {
        let n = if name == "providers.csv" || name == "staffing.csv" { 1 } else { 0 };
        assert_eq!(f, &fr(n, n, &[]), "{name}");
    }
    let uc = r.report.pkg(UCARE, Q2, 1);
    assert_eq!(uc.status, "loaded", "{}", uc.message);
    assert!(uc.files.values().all(|f| f == &fr(0, 0, &[])));
    assert_eq!(r.warehouse.count("providers"), 1);
    assert_eq!(r.warehouse.count("staffing"), 1);
}

#[test]
fn report_has_the_contract_shape() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    p.add(rows::event("V2", &pid(99)));
    p.write(input.path());
    let mut bad = ramsey(Q2, 1);
    bad.manifest_rows("events.csv", 5);
    bad.write(input.path());
    hennepin(Q1, 1).write(input.path());
    hennepin(Q1, 2).write(input.path());
    let r = ingest(input.path());
    assert_accounting(&r);

    let raw = &r.report.raw;
    let mut top: Vec<&String> = raw.as_object().unwrap().keys().collect();
    top.sort();
    assert_eq!(top, vec!["packages", "warnings"]);
    for p in raw["packages"].as_array().unwrap() {
        let o = p.as_object().unwrap();
        for k in ["submitter_id", "period", "sequence", "status", "message", "files"] {
            assert!(o.contains_key(k), "package entry lacks `{k}`: {p}");
        }
        assert!(o["sequence"].is_i64() && o["message"].is_string());
        for (_, f) in o["files"].as_object().unwrap() {
            let mut keys: Vec<&String> = f.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, vec!["accepted", "quarantined", "read"], "file entry {f}");
            assert!(f["read"].is_u64() && f["accepted"].is_u64() && f["quarantined"].is_object());
        }
    }
    // One entry per package, each with its own status.
    let statuses: Vec<(String, String, i64, String)> = r
        .report
        .packages
        .iter()
        .map(|p| (p.submitter_id.clone(), p.period.clone(), p.sequence, p.status.clone()))
        .collect();
    let mut sorted = statuses.clone();
    sorted.sort();
    let want: Vec<(String, String, i64, String)> = vec![
        (HEN.into(), Q1.into(), 1, "superseded".into()),
        (HEN.into(), Q1.into(), 2, "loaded".into()),
        (HEN.into(), Q2.into(), 1, "loaded".into()),
        (RAM.into(), Q2.into(), 1, "failed".into()),
    ];
    assert_eq!(sorted, want);
    assert_eq!(r.report.pkg(HEN, Q2, 1).file("events.csv"), &fr(2, 1, &[("unknown_person", 1)]));
    assert_eq!(r.report.pkg(HEN, Q1, 2).folder, "2026Q1/county-27053.2");
}

/// A few hundred rows over several packages of both layouts, with rejects, a supersession,
/// a failed package and persons sent by two submitters.
fn sizable_input(root: &std::path::Path) {
    let standard =
        [(HEN, HEN_PROV, "county", 0u64), (RAM, RAM_PROV, "county", 1000), (LEECH, LEECH_PROV, "tribal", 2000)];
    let mcos = [(UCARE, UCARE_PROV, 3000u64), (MEDICA, MEDICA_PROV, 4000)];
    for (pi, period) in [Q1, Q2].into_iter().enumerate() {
        let day =
            |m: u32, d: u32| if pi == 0 { format!("2026-{m:02}-{d:02}") } else { format!("2026-{:02}-{d:02}", m + 3) };
        for (sub, prov, kind, base) in standard {
            let mut p = Pkg::new(sub, period, 1);
            p.add(rows::provider(prov, kind));
            for i in 0..30u64 {
                let person = pid(base + i);
                p.add(
                    rows::person(&person)
                        .set("chronic_condition_count", (i % 5).to_string())
                        .set("zip", format!("55{:03}", 400 + i)),
                );
                let ep = format!("E{i}");
                p.add(rows::episode(&ep, &person, prov).set("start_date", "2025-09-15"));
                for k in 0..3u64 {
                    p.add(
                        rows::contact(&format!("C{pi}.{i}-{k}"), &ep, &person, prov)
                            .set("contact_date", day(1 + (k as u32 % 3), 1 + i as u32 % 28))
                            .set("minutes", (10 + i * k).to_string()),
                    );
                }
                p.add(rows::assessment(&format!("A{pi}.{i}"), &ep, &person, prov).set("completed_date", day(2, 10)));
                p.add(rows::event(&format!("V{pi}.{i}"), &person).set("start_date", day(3, 1 + i as u32 % 28)));
                p.add(
                    rows::survey(&format!("S{pi}.{i}"), &person, prov)
                        .set("overall", (i % 11).to_string())
                        .set("survey_date", day(3, 2)),
                );
            }
            for k in 0..3 {
                p.add(rows::staff(&cmid(base + k), prov).set("fte", format!("0.{}", 5 + k)));
            }
            p.add(rows::contact("CX", "E404", &pid(base), prov));
            p.add(rows::person(&pid(base + 99)).set("birth_date", "1960-02-31"));
            p.add(rows::contact(&format!("C{pi}.0-0"), "E0", &pid(base), prov)); // duplicate_key
            p.write(root);
        }
        for (sub, prov, base) in mcos {
            let mut p = Pkg::new(sub, period, 1);
            p.add(mco::provider(prov));
            let codes =
                ["VISIT_INPERSON", "VISIT_VIDEO", "CALL", "HRA", "SUPPORT_PLAN", "PLAN_REVIEW", "TRANSITION_PLAN"];
            let utils = ["IP", "IPPSY", "ED", "NF", "PREV", "MHOP", "DEATH"];
            let products = ["MSHO", "MSC", "SNBC", "EW"];
            let mday = |m: u32, d: u32| day(m, d).replace('-', "");
            for i in 0..30u64 {
                // The first five members are Hennepin's persons too, with other values.
                let person = if i < 5 { pid(i) } else { pid(base + i) };
                p.add(mco::member(&person).set("HISP", ["1", "0", "9"][i as usize % 3]));
                let enr = format!("N{i}");
                p.add(mco::enroll(&enr, &person, prov).set("PRODUCT", products[i as usize % 4]));
                for k in 0..3usize {
                    p.add(
                        mco::activity(&format!("K{pi}.{i}-{k}"), &enr, &person, prov, codes[(i as usize + k) % 7])
                            .set("ACT_DT", mday(1 + k as u32, 5)),
                    );
                }
                p.add(mco::util(&format!("U{pi}.{i}"), &person, utils[i as usize % 7]).set("FROM_DT", mday(2, 3)));
                p.add(
                    mco::survey(&format!("R{pi}.{i}"), &person, prov)
                        .set("PRODUCT", products[(i as usize + 1) % 4])
                        .set("SURVEY_DT", mday(3, 4)),
                );
            }
            p.add(mco::staff(&cmid(base), prov));
            p.add(mco::util("UX", &pid(base + 98), "OP"));
            p.write(root);
        }
    }
    // Hennepin corrects 2026Q2 with sequence 2; Leech Lake's sequence 2 fails.
    let mut corr = hennepin(Q2, 2);
    corr.add(rows::episode("E0", &pid(0), HEN_PROV).set("end_date", "2026-05-01").set("end_reason", "goals_met"));
    corr.write(root);
    let mut bad = leech_lake(Q2, 2);
    bad.manifest_sha("persons.csv", &sha256_hex(b"not it"));
    bad.write(root);
}

#[test]
fn rerun_gives_byte_identical_output() {
    let input = TempDir::new().unwrap();
    sizable_input(input.path());
    let out = TempDir::new().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    for dir in [&a, &b] {
        let o =
            casecard(["run".as_ref(), "--input".as_ref(), input.path().as_os_str(), "--out".as_ref(), dir.as_os_str()]);
        assert!(o.status.success(), "{}", text(&o));
    }
    let (ta, tb) = (tree(&a), tree(&b));
    let names_a: Vec<&std::path::PathBuf> = ta.keys().collect();
    let names_b: Vec<&std::path::PathBuf> = tb.keys().collect();
    assert_eq!(names_a, names_b, "same files");
    assert!(names_a.iter().any(|p| p.ends_with("results/ingest_report.json")));
    for t in ["providers", "persons", "episodes", "contacts", "assessments", "events", "surveys", "staffing"] {
        assert!(names_a.iter().any(|p| p.starts_with(format!("warehouse/{t}"))), "no warehouse/{t} files: {names_a:?}");
    }
    for (name, bytes) in &ta {
        assert!(bytes == &tb[name], "{} differs between runs", name.display());
    }
    // A third run over the first output replaces it with the same bytes.
    let o = casecard(["run".as_ref(), "--input".as_ref(), input.path().as_os_str(), "--out".as_ref(), a.as_os_str()]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(tree(&a), tb);

    let (report, quarantine, warehouse) = read_out(&a);
    assert_accounting_of(&report, &quarantine);
    assert_eq!(report.packages.len(), 12);
    assert_eq!(report.pkg(HEN, Q2, 1).status, "superseded");
    assert_eq!(report.pkg(LEECH, Q2, 2).status, "failed");
    assert_eq!(report.pkg(LEECH, Q2, 1).status, "loaded");
    assert!(report.warnings.iter().any(|w| w.kind == "person_conflict"), "{:#}", report.raw["warnings"]);
    assert!(!quarantine.is_empty());
    assert!(warehouse.count("contacts") > 300);
}

/// Issue 13: input rules. A quarter that has not begun, a symbolic link in a package and a
/// `manifest.json` that is not a file each fail their package, with the reason, and the
/// other packages load.
#[test]
fn future_quarters_links_and_odd_manifests_fail_their_package_only() {
    let input = TempDir::new().unwrap();
    hennepin(Q2, 1).write(input.path());
    ramsey("9999Q4", 1).write(input.path());
    // A package file that links to a file outside the input.
    let linked = ramsey(Q2, 1).write(input.path());
    let secret = TempDir::new().unwrap();
    std::fs::write(secret.path().join("passwd"), "root:x:0:0:secret line\n").unwrap();
    let contacts = linked.join("contacts.csv");
    std::fs::remove_file(&contacts).unwrap();
    std::os::unix::fs::symlink(secret.path().join("passwd"), &contacts).unwrap();
    // A manifest.json that is a folder.
    let odd = input.path().join("2026Q2").join("county-27123.9");
    std::fs::create_dir_all(odd.join("manifest.json")).unwrap();
    let out = TempDir::new().unwrap();
    let o = run_into(input.path(), &out.path().join("o"));
    assert!(o.status.success(), "{}", text(&o));
    let (report, _, _) = read_out(&out.path().join("o"));
    let status = |folder_part: &str| {
        report.packages.iter().find(|p| p.folder.contains(folder_part)).unwrap_or_else(|| panic!("no package {folder_part}: {:?}", report.packages))
    };
    let future = status("9999Q4");
    assert_eq!(future.status, "failed");
    assert!(future.message.contains("after the current quarter"), "{}", future.message);
    let link = report.packages.iter().find(|p| p.period == Q2 && p.message.contains("contacts.csv")).expect("the linked package");
    assert_eq!(link.status, "failed");
    assert!(link.message.contains("contacts.csv: is a symbolic link"), "{}", link.message);
    let raw = std::fs::read_to_string(out.path().join("o/results/ingest_report.json")).unwrap();
    assert!(!raw.contains("secret line") && !raw.contains(&secret.path().display().to_string()), "the link's target or content is quoted");
    let odd = status("county-27123.9");
    assert_eq!(odd.status, "failed");
    assert!(odd.message.contains("manifest.json: is not a file"), "{}", odd.message);
    assert!(report.packages.iter().any(|p| p.submitter_id.contains("27053") && p.status == "loaded"), "{:?}", report.packages);

    // The clock is injectable: on 2026-03-01, 2026Q2 has not begun.
    let input = TempDir::new().unwrap();
    hennepin(Q2, 1).write(input.path());
    let out = TempDir::new().unwrap();
    let o = std::process::Command::new(casecard_bin())
        .args(["ingest", "--input", input.path().to_str().unwrap(), "--out", out.path().join("o").to_str().unwrap()])
        .env("CASECARD_TODAY", "2026-03-01")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let (report, _, _) = read_out(&out.path().join("o"));
    assert_eq!(report.packages[0].status, "failed");
    assert!(report.packages[0].message.contains("2026Q2 is after the current quarter 2026Q1"), "{}", report.packages[0].message);
}

/// Issue 13: control characters in submitted free text never reach a page.
#[test]
fn control_characters_in_provider_text_do_not_reach_pages() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    p.add(rows::provider(HEN_PROV2, "private").set("provider_name", "Lakes\u{0} Community\u{1b}[31m Services").set("cm_types", "AMH-TCM"));
    p.write(input.path());
    let out = TempDir::new().unwrap();
    let o = run_into(input.path(), &out.path().join("o"));
    assert!(o.status.success(), "{}", text(&o));
    let page = std::fs::read_to_string(out.path().join("o/site/providers").join(format!("{HEN_PROV2}.html"))).unwrap();
    assert!(page.contains("Lakes Community [31m Services"), "the name, cleaned, is on its page");
    let text_files = files_under(&out.path().join("o/site"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| ["html", "js", "csv", "json", "svg", "css"].contains(&e.to_str().unwrap())));
    for f in text_files {
        let bytes = std::fs::read(&f).unwrap();
        assert!(!bytes.iter().any(|&b| b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t'), "{} holds a control character", f.display());
    }
}

/// Issue 13: a package folder that cannot be read fails as that package, not the run. Root
/// reads everything, so the run is made as `nobody` (with `setpriv`); skipped, saying so,
/// where that is not possible.
#[test]
fn an_unreadable_package_folder_fails_only_that_package() {
    use std::os::unix::fs::PermissionsExt;
    let base = TempDir::new().unwrap();
    let open = |p: &Path, mode: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    let input = base.path().join("in");
    hennepin(Q2, 1).write(&input);
    let locked = ramsey(Q2, 1).write(&input);
    // Everything readable by everyone, but the Ramsey package folder by no one.
    open(base.path(), 0o755);
    for f in files_under(&input) {
        open(&f, 0o644);
        let mut d = f.parent();
        while let Some(dir) = d.filter(|d| d.starts_with(&input)) {
            open(dir, 0o755);
            d = dir.parent();
        }
    }
    open(&locked, 0o000);
    let outdir = base.path().join("o");
    std::fs::create_dir_all(&outdir).unwrap();
    open(&outdir, 0o777);
    let o = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", casecard_bin(), "ingest", "--input"])
        .arg(&input)
        .arg("--out")
        .arg(outdir.join("out"))
        .output();
    open(&locked, 0o755);
    let Ok(o) = o else {
        eprintln!("skipped: setpriv is not available");
        return;
    };
    if String::from_utf8_lossy(&o.stderr).contains("setpriv:") {
        eprintln!("skipped: cannot run as nobody here: {}", text(&o));
        return;
    }
    assert!(o.status.success(), "{}", text(&o));
    let (report, _, _) = read_out(&outdir.join("out"));
    let failed: Vec<_> = report.packages.iter().filter(|p| p.status == "failed").collect();
    assert_eq!(failed.len(), 1, "{:?}", report.packages);
    assert!(failed[0].message.contains("cannot be read") && failed[0].message.contains("permission denied"), "{}", failed[0].message);
    assert!(report.packages.iter().any(|p| p.submitter_id == HEN && p.status == "loaded"));
}

/// Issue 13: an error names the path that failed and says the operating system's words once.
#[test]
fn errors_name_the_failing_path_once() {
    let missing = TempDir::new().unwrap().path().join("no-such-input");
    let out = TempDir::new().unwrap();
    let o = run_into(&missing, &out.path().join("o"));
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(missing.to_str().unwrap()), "{err}");
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}

#[test]
fn validate_explains_rejected_rows() {
    let input = TempDir::new().unwrap();
    let clean = hennepin(Q2, 1).write(input.path());
    let o = casecard(["validate".as_ref(), clean.as_os_str()]);
    assert!(o.status.success(), "a clean package validates with exit 0:\n{}", text(&o));

    let mut p = ramsey(Q2, 1);
    let bad = rows::contact("C3", "E1", &pid(3), RAM_PROV).set("mode", "video");
    assert_eq!(p.add(bad.clone()), 4);
    let dir = p.write(input.path());
    let o = casecard(["validate".as_ref(), dir.as_os_str()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    for part in ["contacts.csv", "4", "bad_code", "mode", "video", bad.line().as_str()] {
        assert!(out.contains(part), "validate output lacks `{part}`:\n{out}");
    }

    let mut f = hennepin(Q2, 1);
    f.folder = Some("broken".into());
    f.manifest_rows("persons.csv", 9);
    let dir = f.write(input.path());
    let o = casecard(["validate".as_ref(), dir.as_os_str()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("persons.csv"), "{}", text(&o));
}
