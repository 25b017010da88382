//! One test per quarantine reason code of extracts.md §4, plus the check order. Each test
//! writes real packages, runs `casecard ingest`, and asserts the exact quarantined rows
//! (file, line, reason, raw line), the detail naming the column and value, the report's
//! counts, and what reached the warehouse.


use crate::common::*;
use tempfile::TempDir;

const Q1: &str = "2026Q1";
const Q2: &str = "2026Q2";

/// A person row with every optional column empty.
fn bare_person(id: &str) -> Rec {
    PERSONS[1..].iter().fold(rows::person(id), |r, c| r.set(c, ""))
}

fn without_last(rec: &Rec) -> String {
    let mut v = rec.vals.clone();
    v.pop();
    encode(rec.file, &v)
}

fn with_extra(rec: &Rec, extra: &str) -> String {
    let mut v = rec.vals.clone();
    v.push(extra.to_string());
    encode(rec.file, &v)
}

#[test]
fn bad_date_unparseable_dates() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let feb30 = rows::person(&pid(20)).set("birth_date", "1958-02-30");
    let slashes = rows::person(&pid(21)).set("birth_date", "1958/04/12");
    let unpadded = rows::person(&pid(22)).set("birth_date", "1958-4-12");
    assert_eq!(p.add(feb30.clone()), 4);
    assert_eq!(p.add(slashes.clone()), 5);
    assert_eq!(p.add(unpadded.clone()), 6);
    let apr31 = rows::event("V2", &pid(1)).set("start_date", "2026-04-31");
    assert_eq!(p.add(apr31.clone()), 3);
    let word = rows::contact("C3", "E1", &pid(1), HEN_PROV).set("contact_date", "tomorrow");
    assert_eq!(p.add(word.clone()), 4);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "persons.csv",
        &[(4, "bad_date", &feb30.line()), (5, "bad_date", &slashes.line()), (6, "bad_date", &unpadded.line())],
    );
    assert_quarantine(&r, HEN, Q2, "events.csv", &[(3, "bad_date", &apr31.line())]);
    assert_quarantine(&r, HEN, Q2, "contacts.csv", &[(4, "bad_date", &word.line())]);
    assert_detail(&r, HEN, Q2, "persons.csv", 4, &["birth_date", "1958-02-30"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 5, &["birth_date", "1958/04/12"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 6, &["birth_date", "1958-4-12"]);
    assert_detail(&r, HEN, Q2, "events.csv", 3, &["start_date", "2026-04-31"]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 4, &["contact_date", "tomorrow"]);
    assert_file(&r, HEN, Q2, 1, "persons.csv", fr(5, 2, &[("bad_date", 3)]));
    assert_file(&r, HEN, Q2, 1, "events.csv", fr(2, 1, &[("bad_date", 1)]));
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(3, 2, &[("bad_date", 1)]));
    assert_file(&r, HEN, Q2, 1, "episodes.csv", fr(2, 2, &[]));
    assert_eq!(r.warehouse.keys("persons", "person_id"), vec![pid(1), pid(2)]);
    assert_eq!(r.warehouse.keys("events", "event_id"), vec!["V1"]);
    assert_eq!(r.warehouse.keys("contacts", "contact_id"), vec!["C1", "C2"]);
}

#[test]
fn bad_date_end_before_start() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let backwards =
        rows::episode("E3", &pid(1), HEN_PROV).set("start_date", "2026-03-01").set("end_date", "2026-02-01");
    let same_day = rows::episode("E4", &pid(2), HEN_PROV)
        .set("start_date", "2026-03-01")
        .set("end_date", "2026-03-01")
        .set("end_reason", "person_choice");
    assert_eq!(p.add(backwards.clone()), 4);
    assert_eq!(p.add(same_day), 5);
    let exit_before_entry = rows::event("V2", &pid(1))
        .set("kind", "placement")
        .set("start_date", "2026-03-10")
        .set("end_date", "2026-03-09");
    let open_placement = rows::event("V3", &pid(2)).set("kind", "placement").set("start_date", "2026-03-10");
    assert_eq!(p.add(exit_before_entry.clone()), 3);
    assert_eq!(p.add(open_placement), 4);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_quarantine(&r, HEN, Q2, "episodes.csv", &[(4, "bad_date", &backwards.line())]);
    assert_quarantine(&r, HEN, Q2, "events.csv", &[(3, "bad_date", &exit_before_entry.line())]);
    assert_detail(&r, HEN, Q2, "episodes.csv", 4, &["end_date", "2026-02-01"]);
    assert_detail(&r, HEN, Q2, "events.csv", 3, &["end_date", "2026-03-09"]);
    assert_file(&r, HEN, Q2, 1, "episodes.csv", fr(4, 3, &[("bad_date", 1)]));
    assert_file(&r, HEN, Q2, 1, "events.csv", fr(3, 2, &[("bad_date", 1)]));
    let e4 = r.warehouse.one("episodes", "episode_id", "E4");
    assert_eq!(e4.get("end_date"), &d("2026-03-01"));
    let v3 = r.warehouse.one("events", "event_id", "V3");
    assert_eq!(v3.get("end_date"), &Cell::Null, "an ongoing placement is sent with an empty end_date");
}

#[test]
fn bad_code_values_outside_code_lists_and_malformed_ids() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let persons = [
        rows::person(&pid(20)).set("sex", "Q"),
        rows::person(&pid(21)).set("race", "WHITE;PURPLE"),
        rows::person("P12345"),
        rows::person(&pid(23)).set("county_fips", "19053"), // an Iowa county, not Minnesota
        rows::person(&pid(24)).set("interpreter_needed", "Yes"),
        rows::person(&pid(25)).set("tribal_affiliation", "tribe-atlantis"),
        rows::person(&pid(26)).set("preferred_language", "english"),
        rows::person("P3f9c0a1b00zz"),
    ];
    for (i, rec) in persons.iter().enumerate() {
        assert_eq!(p.add(rec.clone()), 4 + i as u64);
    }
    let fine = rows::person(&pid(27))
        .set("race", "AIAN;BLACK")
        .set("hispanic", "U")
        .set("sex", "X")
        .set("tribal_affiliation", "tribe-leech-lake");
    assert_eq!(p.add(fine), 12);
    let hospital = rows::provider("2705300009", "hospital");
    let nine_digits = rows::provider("270530001", "county");
    assert_eq!(p.add(hospital.clone()), 3);
    assert_eq!(p.add(nine_digits.clone()), 4);
    let short_cm = rows::contact("C3", "E1", &pid(1), HEN_PROV).set("case_manager_id", "CM12");
    let video = rows::contact("C4", "E1", &pid(1), HEN_PROV).set("mode", "video");
    assert_eq!(p.add(short_cm.clone()), 4);
    assert_eq!(p.add(video.clone()), 5);
    let types = rows::staff(&cmid(2), HEN_PROV).set("cm_types", "AMH-TCM;XYZ");
    assert_eq!(p.add(types.clone()), 3);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let expected: Vec<(u64, &str, String)> =
        persons.iter().enumerate().map(|(i, rec)| (4 + i as u64, "bad_code", rec.line())).collect();
    let expected: Vec<(u64, &str, &str)> = expected.iter().map(|(l, re, raw)| (*l, *re, raw.as_str())).collect();
    assert_quarantine(&r, HEN, Q2, "persons.csv", &expected);
    assert_detail(&r, HEN, Q2, "persons.csv", 4, &["sex", "Q"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 5, &["race", "PURPLE"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 6, &["person_id", "P12345"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 7, &["county_fips", "19053"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 8, &["interpreter_needed", "Yes"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 9, &["tribal_affiliation", "tribe-atlantis"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 10, &["preferred_language", "english"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 11, &["person_id", "P3f9c0a1b00zz"]);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "providers.csv",
        &[(3, "bad_code", &hospital.line()), (4, "bad_code", &nine_digits.line())],
    );
    assert_detail(&r, HEN, Q2, "providers.csv", 3, &["provider_kind", "hospital"]);
    assert_detail(&r, HEN, Q2, "providers.csv", 4, &["provider_id", "270530001"]);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "contacts.csv",
        &[(4, "bad_code", &short_cm.line()), (5, "bad_code", &video.line())],
    );
    assert_detail(&r, HEN, Q2, "contacts.csv", 4, &["case_manager_id", "CM12"]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 5, &["mode", "video"]);
    assert_quarantine(&r, HEN, Q2, "staffing.csv", &[(3, "bad_code", &types.line())]);
    assert_detail(&r, HEN, Q2, "staffing.csv", 3, &["cm_types", "XYZ"]);

    assert_file(&r, HEN, Q2, 1, "persons.csv", fr(11, 3, &[("bad_code", 8)]));
    assert_file(&r, HEN, Q2, 1, "providers.csv", fr(3, 1, &[("bad_code", 2)]));
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(4, 2, &[("bad_code", 2)]));
    assert_file(&r, HEN, Q2, 1, "staffing.csv", fr(2, 1, &[("bad_code", 1)]));
    let p27 = r.warehouse.one("persons", "person_id", &pid(27));
    assert_eq!(p27.get("race"), &s("AIAN;BLACK"));
    assert_eq!(p27.get("tribal_affiliation"), &s("tribe-leech-lake"));
    assert_eq!(r.warehouse.keys("persons", "person_id"), vec![pid(1), pid(2), pid(27)]);
}

#[test]
fn missing_required_columns() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let ep = |id: &str| rows::episode(id, &pid(1), HEN_PROV);
    let episodes = [
        (ep("E3").set("cm_type", ""), "cm_type"),
        (ep("E4").set("start_date", ""), "start_date"),
        (ep("E5").set("person_id", ""), "person_id"),
        (ep("").set("provider_id", ""), "episode_id"), // the left-most empty required column is named
    ];
    for (i, (rec, _)) in episodes.iter().enumerate() {
        assert_eq!(p.add(rec.clone()), 4 + i as u64);
    }
    let ct = |id: &str| rows::contact(id, "E1", &pid(1), HEN_PROV);
    let contacts = [
        (ct("C3").set("mode", ""), "mode"),
        (ct("C4").set("contact_date", ""), "contact_date"),
        (ct("C5").set("episode_id", ""), "episode_id"),
        (ct("C6").set("provider_id", ""), "provider_id"),
    ];
    for (i, (rec, _)) in contacts.iter().enumerate() {
        assert_eq!(p.add(rec.clone()), 4 + i as u64);
    }
    // Every optional column empty is fine.
    let optional_empty = [
        "case_manager_id",
        "location",
        "with_whom",
        "procedure_code",
        "modifiers",
        "place_of_service",
        "billed",
        "minutes",
    ]
    .iter()
    .fold(ct("C7"), |r, c| r.set(c, ""));
    assert_eq!(p.add(optional_empty), 8);
    let no_person = rows::person("");
    assert_eq!(p.add(no_person.clone()), 4);
    assert_eq!(p.add(bare_person(&pid(30))), 5);
    let no_fte = rows::staff(&cmid(2), HEN_PROV).set("fte", "");
    assert_eq!(p.add(no_fte.clone()), 3);
    let no_survey_date = rows::survey("S2", &pid(1), HEN_PROV).set("survey_date", "");
    let no_survey_type = rows::survey("S3", &pid(1), HEN_PROV).set("cm_type", "");
    assert_eq!(p.add(no_survey_date.clone()), 3);
    assert_eq!(p.add(no_survey_type.clone()), 4);
    let no_kind = rows::assessment("A2", "E1", &pid(1), HEN_PROV).set("kind", "");
    let no_completed = rows::assessment("A3", "E1", &pid(1), HEN_PROV).set("completed_date", "");
    assert_eq!(p.add(no_kind.clone()), 3);
    assert_eq!(p.add(no_completed.clone()), 4);
    let no_event_kind = rows::event("V2", &pid(1)).set("kind", "");
    let no_event_start = rows::event("V3", &pid(1)).set("start_date", "");
    assert_eq!(p.add(no_event_kind.clone()), 3);
    assert_eq!(p.add(no_event_start.clone()), 4);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let mr = "missing_required";
    let want: Vec<(u64, &str, String)> =
        episodes.iter().enumerate().map(|(i, (rec, _))| (4 + i as u64, mr, rec.line())).collect();
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "episodes.csv",
        &want.iter().map(|(l, re, raw)| (*l, *re, raw.as_str())).collect::<Vec<_>>(),
    );
    for (i, (_, col)) in episodes.iter().enumerate() {
        assert_detail(&r, HEN, Q2, "episodes.csv", 4 + i as u64, &[*col]);
    }
    let want: Vec<(u64, &str, String)> =
        contacts.iter().enumerate().map(|(i, (rec, _))| (4 + i as u64, mr, rec.line())).collect();
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "contacts.csv",
        &want.iter().map(|(l, re, raw)| (*l, *re, raw.as_str())).collect::<Vec<_>>(),
    );
    for (i, (_, col)) in contacts.iter().enumerate() {
        assert_detail(&r, HEN, Q2, "contacts.csv", 4 + i as u64, &[*col]);
    }
    assert_quarantine(&r, HEN, Q2, "persons.csv", &[(4, mr, &no_person.line())]);
    assert_detail(&r, HEN, Q2, "persons.csv", 4, &["person_id"]);
    assert_quarantine(&r, HEN, Q2, "staffing.csv", &[(3, mr, &no_fte.line())]);
    assert_detail(&r, HEN, Q2, "staffing.csv", 3, &["fte"]);
    assert_quarantine(&r, HEN, Q2, "surveys.csv", &[(3, mr, &no_survey_date.line()), (4, mr, &no_survey_type.line())]);
    assert_detail(&r, HEN, Q2, "surveys.csv", 3, &["survey_date"]);
    assert_detail(&r, HEN, Q2, "surveys.csv", 4, &["cm_type"]);
    assert_quarantine(&r, HEN, Q2, "assessments.csv", &[(3, mr, &no_kind.line()), (4, mr, &no_completed.line())]);
    assert_detail(&r, HEN, Q2, "assessments.csv", 3, &["kind"]);
    assert_detail(&r, HEN, Q2, "assessments.csv", 4, &["completed_date"]);
    assert_quarantine(&r, HEN, Q2, "events.csv", &[(3, mr, &no_event_kind.line()), (4, mr, &no_event_start.line())]);

    assert_file(&r, HEN, Q2, 1, "episodes.csv", fr(6, 2, &[(mr, 4)]));
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(7, 3, &[(mr, 4)]));
    assert_file(&r, HEN, Q2, 1, "persons.csv", fr(4, 3, &[(mr, 1)]));
    assert_file(&r, HEN, Q2, 1, "staffing.csv", fr(2, 1, &[(mr, 1)]));
    assert_file(&r, HEN, Q2, 1, "surveys.csv", fr(3, 1, &[(mr, 2)]));
    assert_file(&r, HEN, Q2, 1, "assessments.csv", fr(3, 1, &[(mr, 2)]));
    assert_file(&r, HEN, Q2, 1, "events.csv", fr(3, 1, &[(mr, 2)]));

    // Empty optional fields are unknown: NULL in the warehouse.
    let bare = r.warehouse.one("persons", "person_id", &pid(30));
    for c in &PERSONS[1..] {
        assert_eq!(bare.get(c), &Cell::Null, "persons.{c} of a row that left it empty");
    }
    let c7 = r.warehouse.one("contacts", "contact_id", "C7");
    assert_eq!(c7.get("minutes"), &Cell::Null);
    assert_eq!(c7.get("billed"), &Cell::Null);
    assert_eq!(c7.get("mode"), &s("in_person"));
}

#[test]
fn duplicate_key_only_against_earlier_accepted_rows() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    assert_eq!(p.add(rows::provider(HEN_PROV2, "private")), 3);
    let c1 = rows::contact("C1", "E1", &pid(1), HEN_PROV);
    let c1_again = c1.clone();
    let c1_changed = c1.clone().set("minutes", "50");
    let c7_bad = rows::contact("C7", "E1", &pid(1), HEN_PROV).set("mode", "telepathy");
    let c7_good = rows::contact("C7", "E1", &pid(1), HEN_PROV).set("minutes", "20");
    let c8_orphan = rows::contact("C8", "E1", &pid(99), HEN_PROV);
    let c8_good = rows::contact("C8", "E1", &pid(1), HEN_PROV);
    let c1_orphan = c1.clone().set("person_id", &pid(99));
    let c9_orphan = rows::contact("C9", "E1", &pid(98), HEN_PROV);
    assert_eq!(p.add(c1_again.clone()), 4); // exact copy of line 2
    assert_eq!(p.add(c1_changed.clone()), 5); // same key, other values
    assert_eq!(p.add(c7_bad.clone()), 6); // rejected: bad_code ...
    assert_eq!(p.add(c7_good), 7); // ... so this one is the first accepted C7
    assert_eq!(p.add(c8_orphan.clone()), 8); // rejected: unknown_person ...
    assert_eq!(p.add(c8_good), 9); // ... so this one is the first accepted C8
    assert_eq!(p.add(c1_orphan.clone()), 10); // duplicate_key is checked before references
    assert_eq!(p.add(c9_orphan.clone()), 11); // neither C9 is accepted: both are unknown_person
    assert_eq!(p.add(c9_orphan.clone()), 12);
    let p1_again = rows::person(&pid(1)).set("zip", "55402");
    assert_eq!(p.add(p1_again.clone()), 4);
    let e1_again = rows::episode("E1", &pid(1), HEN_PROV).set("cm_type", "CADI");
    assert_eq!(p.add(e1_again.clone()), 4);
    let staff_again = rows::staff(&cmid(1), HEN_PROV).set("fte", "0.5");
    assert_eq!(p.add(staff_again.clone()), 3); // key (provider_id, case_manager_id) repeated
    assert_eq!(p.add(rows::staff(&cmid(1), HEN_PROV2)), 4); // same case manager, other provider: new key
    assert_eq!(p.add(rows::staff(&cmid(2), HEN_PROV)), 5);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "contacts.csv",
        &[
            (4, "duplicate_key", &c1_again.line()),
            (5, "duplicate_key", &c1_changed.line()),
            (6, "bad_code", &c7_bad.line()),
            (8, "unknown_person", &c8_orphan.line()),
            (10, "duplicate_key", &c1_orphan.line()),
            (11, "unknown_person", &c9_orphan.line()),
            (12, "unknown_person", &c9_orphan.line()),
        ],
    );
    assert_quarantine(&r, HEN, Q2, "persons.csv", &[(4, "duplicate_key", &p1_again.line())]);
    assert_quarantine(&r, HEN, Q2, "episodes.csv", &[(4, "duplicate_key", &e1_again.line())]);
    assert_quarantine(&r, HEN, Q2, "staffing.csv", &[(3, "duplicate_key", &staff_again.line())]);
    assert_file(
        &r,
        HEN,
        Q2,
        1,
        "contacts.csv",
        fr(11, 4, &[("duplicate_key", 3), ("bad_code", 1), ("unknown_person", 3)]),
    );
    assert_file(&r, HEN, Q2, 1, "persons.csv", fr(3, 2, &[("duplicate_key", 1)]));
    assert_file(&r, HEN, Q2, 1, "episodes.csv", fr(3, 2, &[("duplicate_key", 1)]));
    assert_file(&r, HEN, Q2, 1, "staffing.csv", fr(4, 3, &[("duplicate_key", 1)]));
    assert_file(&r, HEN, Q2, 1, "providers.csv", fr(2, 2, &[]));

    // The first accepted row of each key is the one kept.
    assert_eq!(r.warehouse.keys("contacts", "contact_id"), vec!["C1", "C2", "C7", "C8"]);
    assert_eq!(r.warehouse.one("contacts", "contact_id", "C1").get("minutes"), &Cell::Int(45));
    assert_eq!(r.warehouse.one("contacts", "contact_id", "C7").get("minutes"), &Cell::Int(20));
    assert_eq!(r.warehouse.one("contacts", "contact_id", "C8").get("person_id"), &s(&pid(1)));
    assert_eq!(r.warehouse.one("persons", "person_id", &pid(1)).get("zip"), &s("55401"));
    assert_eq!(r.warehouse.one("episodes", "episode_id", "E1").get("cm_type"), &s("AMH-TCM"));
    assert_eq!(r.warehouse.count("staffing"), 3);
    let kept: Vec<&WRow> = r
        .warehouse
        .find("staffing", "case_manager_id", &cmid(1))
        .into_iter()
        .filter(|w| w.s("provider_id") == Some(HEN_PROV))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].get("fte"), &Cell::Float(1.0));
}

#[test]
fn unknown_person_resolves_only_against_accepted_earlier_or_same_package_rows() {
    let input = TempDir::new().unwrap();
    // 2026Q1: Hennepin sends pid(50); one of its events names pid(60), which only arrives in 2026Q2.
    let mut q1 = hennepin(Q1, 1);
    assert_eq!(q1.add(rows::person(&pid(50))), 4);
    let too_early = rows::event("V9", &pid(60));
    assert_eq!(q1.add(too_early.clone()), 3);
    q1.write(input.path());

    let mut q2 = hennepin(Q2, 1);
    let never = rows::contact("C3", "E1", &pid(99), HEN_PROV);
    assert_eq!(q2.add(never.clone()), 4);
    let all_unknown = rows::contact("C4", "E404", &pid(99), "2705399999"); // person is checked first
    assert_eq!(q2.add(all_unknown.clone()), 5);
    let never_ev = rows::event("V2", &pid(99));
    assert_eq!(q2.add(never_ev.clone()), 3);
    assert_eq!(q2.add(rows::person(&pid(40)).set("sex", "Q")), 4); // rejected person ...
    let rejected_ref = rows::event("V3", &pid(40)); // ... does not resolve
    assert_eq!(q2.add(rejected_ref.clone()), 4);
    assert_eq!(q2.add(rows::event("V4", &pid(50))), 5); // resolves against 2026Q1
    assert_eq!(q2.add(rows::person(&pid(60))), 5);
    let later_pkg = rows::event("V5", &pid(3)); // pid(3) only in Ramsey's package, processed after Hennepin's
    assert_eq!(q2.add(later_pkg.clone()), 6);
    q2.write(input.path());

    let mut ram = ramsey(Q2, 1);
    assert_eq!(ram.add(rows::event("V2", &pid(1))), 3); // pid(1): Hennepin 2026Q2, processed earlier
    ram.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let up = "unknown_person";
    assert_quarantine(&r, HEN, Q1, "events.csv", &[(3, up, &too_early.line())]);
    assert_file(&r, HEN, Q1, 1, "events.csv", fr(2, 1, &[(up, 1)]));
    assert_quarantine(&r, HEN, Q2, "contacts.csv", &[(4, up, &never.line()), (5, up, &all_unknown.line())]);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "events.csv",
        &[(3, up, &never_ev.line()), (4, up, &rejected_ref.line()), (6, up, &later_pkg.line())],
    );
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(4, 2, &[(up, 2)]));
    assert_file(&r, HEN, Q2, 1, "events.csv", fr(5, 2, &[(up, 3)]));
    assert_file(&r, HEN, Q2, 1, "persons.csv", fr(4, 3, &[("bad_code", 1)]));
    assert_file(&r, RAM, Q2, 1, "events.csv", fr(2, 2, &[]));

    let v4 = r.warehouse.find("events", "event_id", "V4");
    assert_eq!(v4.len(), 1);
    assert_eq!((v4[0].submitter.as_str(), v4[0].period.as_str()), (HEN, Q2));
    let ram_v2: Vec<&WRow> =
        r.warehouse.find("events", "event_id", "V2").into_iter().filter(|w| w.submitter == RAM).collect();
    assert_eq!(ram_v2.len(), 1);
    assert_eq!(ram_v2[0].get("person_id"), &s(&pid(1)));
}

#[test]
fn unknown_episode_resolves_within_the_same_submitter() {
    let input = TempDir::new().unwrap();
    let mut q1 = hennepin(Q1, 1);
    assert_eq!(q1.add(rows::episode("E7", &pid(1), HEN_PROV)), 4);
    q1.write(input.path());

    let mut hen = hennepin(Q2, 1);
    let c_missing = rows::contact("C3", "E404", &pid(1), HEN_PROV);
    assert_eq!(hen.add(c_missing.clone()), 4);
    assert_eq!(hen.add(rows::episode("E3", &pid(1), HEN_PROV).set("cm_type", "XX")), 4); // rejected episode ...
    let c_rejected = rows::contact("C4", "E3", &pid(1), HEN_PROV); // ... does not resolve
    assert_eq!(hen.add(c_rejected.clone()), 5);
    assert_eq!(hen.add(rows::contact("C5", "E7", &pid(1), HEN_PROV)), 6); // E7 from Hennepin 2026Q1
    let ep_and_prov = rows::contact("C6", "E404", &pid(1), "2705399999"); // episode is checked before provider
    assert_eq!(hen.add(ep_and_prov.clone()), 7);
    let a_missing = rows::assessment("A2", "E404", &pid(1), HEN_PROV);
    assert_eq!(hen.add(a_missing.clone()), 3);
    assert_eq!(hen.add(rows::episode("E9", &pid(1), HEN_PROV)), 5);
    hen.write(input.path());

    let mut ram = ramsey(Q2, 1);
    let foreign = rows::contact("C3", "E9", &pid(3), RAM_PROV); // E9 exists, but it is Hennepin's
    assert_eq!(ram.add(foreign.clone()), 4);
    assert_eq!(ram.add(rows::contact("C4", "E1", &pid(3), RAM_PROV)), 5); // Ramsey's own E1
    let foreign_a = rows::assessment("A2", "E9", &pid(3), RAM_PROV);
    assert_eq!(ram.add(foreign_a.clone()), 3);
    ram.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let ue = "unknown_episode";
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "contacts.csv",
        &[(4, ue, &c_missing.line()), (5, ue, &c_rejected.line()), (7, ue, &ep_and_prov.line())],
    );
    assert_quarantine(&r, HEN, Q2, "assessments.csv", &[(3, ue, &a_missing.line())]);
    assert_quarantine(&r, RAM, Q2, "contacts.csv", &[(4, ue, &foreign.line())]);
    assert_quarantine(&r, RAM, Q2, "assessments.csv", &[(3, ue, &foreign_a.line())]);
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(6, 3, &[(ue, 3)]));
    assert_file(&r, HEN, Q2, 1, "assessments.csv", fr(2, 1, &[(ue, 1)]));
    assert_file(&r, HEN, Q2, 1, "episodes.csv", fr(4, 3, &[("bad_code", 1)]));
    assert_file(&r, RAM, Q2, 1, "contacts.csv", fr(4, 3, &[(ue, 1)]));
    assert_file(&r, RAM, Q2, 1, "assessments.csv", fr(2, 1, &[(ue, 1)]));
    let c5 = r.warehouse.one("contacts", "contact_id", "C5");
    assert_eq!((c5.submitter.as_str(), c5.period.as_str(), c5.s("episode_id")), (HEN, Q2, Some("E7")));
    let c4: Vec<&WRow> =
        r.warehouse.find("contacts", "contact_id", "C4").into_iter().filter(|w| w.submitter == RAM).collect();
    assert_eq!(c4.len(), 1);
}

#[test]
fn unknown_provider_resolves_statewide_against_earlier_packages() {
    let input = TempDir::new().unwrap();
    let nowhere = "2705399999";
    let mut hen = hennepin(Q2, 1);
    let e_missing = rows::episode("E3", &pid(1), nowhere);
    assert_eq!(hen.add(e_missing.clone()), 4);
    assert_eq!(hen.add(rows::provider("2705300009", "hospital")), 3); // rejected provider ...
    let e_rejected = rows::episode("E4", &pid(1), "2705300009"); // ... does not resolve
    assert_eq!(hen.add(e_rejected.clone()), 5);
    let staff = rows::staff(&cmid(2), nowhere);
    assert_eq!(hen.add(staff.clone()), 3);
    let survey = rows::survey("S2", &pid(1), nowhere);
    assert_eq!(hen.add(survey.clone()), 3);
    let contact = rows::contact("C3", "E1", &pid(1), nowhere);
    assert_eq!(hen.add(contact.clone()), 4);
    hen.write(input.path());

    let mut ram = ramsey(Q2, 1);
    assert_eq!(ram.add(rows::episode("E3", &pid(3), HEN_PROV)), 4); // provider ids are statewide
    assert_eq!(ram.add(rows::staff(&cmid(9), HEN_PROV)), 3);
    assert_eq!(ram.add(rows::contact("C3", "E3", &pid(3), HEN_PROV)), 4);
    ram.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let uv = "unknown_provider";
    assert_quarantine(&r, HEN, Q2, "episodes.csv", &[(4, uv, &e_missing.line()), (5, uv, &e_rejected.line())]);
    assert_quarantine(&r, HEN, Q2, "staffing.csv", &[(3, uv, &staff.line())]);
    assert_quarantine(&r, HEN, Q2, "surveys.csv", &[(3, uv, &survey.line())]);
    assert_quarantine(&r, HEN, Q2, "contacts.csv", &[(4, uv, &contact.line())]);
    assert_file(&r, HEN, Q2, 1, "episodes.csv", fr(4, 2, &[(uv, 2)]));
    assert_file(&r, HEN, Q2, 1, "providers.csv", fr(2, 1, &[("bad_code", 1)]));
    assert_file(&r, HEN, Q2, 1, "staffing.csv", fr(2, 1, &[(uv, 1)]));
    assert_file(&r, HEN, Q2, 1, "surveys.csv", fr(2, 1, &[(uv, 1)]));
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(3, 2, &[(uv, 1)]));
    assert_file(&r, RAM, Q2, 1, "episodes.csv", fr(3, 3, &[]));
    assert_file(&r, RAM, Q2, 1, "staffing.csv", fr(2, 2, &[]));
    assert_file(&r, RAM, Q2, 1, "contacts.csv", fr(3, 3, &[]));
    let e3: Vec<&WRow> =
        r.warehouse.find("episodes", "episode_id", "E3").into_iter().filter(|w| w.submitter == RAM).collect();
    assert_eq!(e3.len(), 1);
    assert_eq!(e3[0].get("provider_id"), &s(HEN_PROV));
}

#[test]
fn date_out_of_range_outside_1900_and_period_end() {
    let input = TempDir::new().unwrap();
    let mut q1 = hennepin(Q1, 1);
    let after_q1 = rows::contact("C9", "E1", &pid(1), HEN_PROV).set("contact_date", "2026-04-01");
    assert_eq!(q1.add(after_q1.clone()), 4);
    q1.write(input.path());

    let mut p = hennepin(Q2, 1);
    let day_after = rows::contact("C3", "E1", &pid(1), HEN_PROV).set("contact_date", "2026-07-01");
    assert_eq!(p.add(day_after.clone()), 4);
    assert_eq!(p.add(rows::contact("C4", "E1", &pid(1), HEN_PROV).set("contact_date", "2026-06-30")), 5);
    assert_eq!(p.add(rows::contact("C5", "E1", &pid(1), HEN_PROV).set("contact_date", "2025-11-03")), 6); // a late record
    let too_old = rows::person(&pid(20)).set("birth_date", "1899-12-31");
    assert_eq!(p.add(too_old.clone()), 4);
    assert_eq!(p.add(rows::person(&pid(21)).set("birth_date", "1900-01-01")), 5);
    let next_year = rows::survey("S2", &pid(1), HEN_PROV).set("survey_date", "2027-01-01");
    assert_eq!(p.add(next_year.clone()), 3);
    let late_end = rows::episode("E3", &pid(1), HEN_PROV).set("start_date", "2026-04-01").set("end_date", "2026-07-15");
    assert_eq!(p.add(late_end.clone()), 4);
    assert_eq!(p.add(rows::event("V2", &pid(1)).set("start_date", "2026-06-30")), 3);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let dor = "date_out_of_range";
    assert_quarantine(&r, HEN, Q1, "contacts.csv", &[(4, dor, &after_q1.line())]);
    assert_detail(&r, HEN, Q1, "contacts.csv", 4, &["contact_date", "2026-04-01"]);
    assert_file(&r, HEN, Q1, 1, "contacts.csv", fr(3, 2, &[(dor, 1)]));
    assert_quarantine(&r, HEN, Q2, "contacts.csv", &[(4, dor, &day_after.line())]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 4, &["contact_date", "2026-07-01"]);
    assert_quarantine(&r, HEN, Q2, "persons.csv", &[(4, dor, &too_old.line())]);
    assert_detail(&r, HEN, Q2, "persons.csv", 4, &["birth_date", "1899-12-31"]);
    assert_quarantine(&r, HEN, Q2, "surveys.csv", &[(3, dor, &next_year.line())]);
    assert_quarantine(&r, HEN, Q2, "episodes.csv", &[(4, dor, &late_end.line())]);
    assert_detail(&r, HEN, Q2, "episodes.csv", 4, &["end_date", "2026-07-15"]);
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(5, 4, &[(dor, 1)]));
    assert_file(&r, HEN, Q2, 1, "persons.csv", fr(4, 3, &[(dor, 1)]));
    assert_file(&r, HEN, Q2, 1, "surveys.csv", fr(2, 1, &[(dor, 1)]));
    assert_file(&r, HEN, Q2, 1, "episodes.csv", fr(3, 2, &[(dor, 1)]));
    assert_file(&r, HEN, Q2, 1, "events.csv", fr(2, 2, &[]));
    assert_eq!(r.warehouse.one("contacts", "contact_id", "C4").get("contact_date"), &d("2026-06-30"));
    assert_eq!(r.warehouse.one("contacts", "contact_id", "C5").get("contact_date"), &d("2025-11-03"));
    assert_eq!(r.warehouse.one("persons", "person_id", &pid(21)).get("birth_date"), &d("1900-01-01"));
}

/// Issue 13: free text and local ids have length limits; longer values are quarantined as
/// `too_long`, and values at the limit load.
#[test]
fn too_long_free_text_and_ids() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let long_id = "E".repeat(65);
    let contact = rows::contact(&long_id, "E1", &pid(1), HEN_PROV);
    assert_eq!(p.add(contact.clone()), 4);
    assert_eq!(p.add(rows::contact(&"C".repeat(64), "E1", &pid(1), HEN_PROV)), 5);
    let provider = rows::provider(HEN_PROV2, "private").set("provider_name", "Lakes").set("mission", &"m".repeat(2001));
    let line = p.add(provider.clone());
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_quarantine(&r, HEN, Q2, "contacts.csv", &[(4, "too_long", &contact.line())]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 4, &["contact_id", "65 characters", "at most 64"]);
    assert_quarantine(&r, HEN, Q2, "providers.csv", &[(line, "too_long", &provider.line())]);
    assert_detail(&r, HEN, Q2, "providers.csv", line, &["mission", "2001 characters", "at most 2000"]);
    assert_eq!(r.warehouse.one("contacts", "contact_id", &"C".repeat(64)).get("episode_id"), &s("E1"));
}

#[test]
fn bad_number_not_a_number_or_out_of_range() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let ct = |id: &str, minutes: &str| rows::contact(id, "E1", &pid(1), HEN_PROV).set("minutes", minutes);
    let contacts = [ct("C3", "-5"), ct("C4", "forty"), ct("C5", "4.5")];
    for (i, rec) in contacts.iter().enumerate() {
        assert_eq!(p.add(rec.clone()), 4 + i as u64);
    }
    assert_eq!(p.add(ct("C6", "0")), 7);
    let sv = |id: &str| rows::survey(id, &pid(1), HEN_PROV);
    let surveys = [sv("S2").set("overall", "11"), sv("S3").set("helped", "0"), sv("S4").set("goals_progress", "5")];
    for (i, rec) in surveys.iter().enumerate() {
        assert_eq!(p.add(rec.clone()), 3 + i as u64);
    }
    assert_eq!(p.add(sv("S5").set("overall", "0").set("helped", "1").set("listened", "4")), 6);
    assert_eq!(p.add(sv("S6").set("overall", "10")), 7);
    let persons = [
        rows::person(&pid(20)).set("chronic_condition_count", "-1"),
        rows::person(&pid(21)).set("prior_year_ed", "1.5"),
    ];
    assert_eq!(p.add(persons[0].clone()), 4);
    assert_eq!(p.add(persons[1].clone()), 5);
    let staff = [rows::staff(&cmid(2), HEN_PROV).set("fte", "abc"), rows::staff(&cmid(3), HEN_PROV).set("fte", "-0.5")];
    assert_eq!(p.add(staff[0].clone()), 3);
    assert_eq!(p.add(staff[1].clone()), 4);
    assert_eq!(p.add(rows::staff(&cmid(4), HEN_PROV).set("fte", "0.5")), 5);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let bn = "bad_number";
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "contacts.csv",
        &[(4, bn, &contacts[0].line()), (5, bn, &contacts[1].line()), (6, bn, &contacts[2].line())],
    );
    assert_detail(&r, HEN, Q2, "contacts.csv", 4, &["minutes", "-5"]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 5, &["minutes", "forty"]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 6, &["minutes", "4.5"]);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "surveys.csv",
        &[(3, bn, &surveys[0].line()), (4, bn, &surveys[1].line()), (5, bn, &surveys[2].line())],
    );
    assert_detail(&r, HEN, Q2, "surveys.csv", 3, &["overall", "11"]);
    assert_detail(&r, HEN, Q2, "surveys.csv", 4, &["helped", "0"]);
    assert_detail(&r, HEN, Q2, "surveys.csv", 5, &["goals_progress", "5"]);
    assert_quarantine(&r, HEN, Q2, "persons.csv", &[(4, bn, &persons[0].line()), (5, bn, &persons[1].line())]);
    assert_detail(&r, HEN, Q2, "persons.csv", 4, &["chronic_condition_count", "-1"]);
    assert_detail(&r, HEN, Q2, "persons.csv", 5, &["prior_year_ed", "1.5"]);
    assert_quarantine(&r, HEN, Q2, "staffing.csv", &[(3, bn, &staff[0].line()), (4, bn, &staff[1].line())]);
    assert_detail(&r, HEN, Q2, "staffing.csv", 3, &["fte", "abc"]);
    assert_detail(&r, HEN, Q2, "staffing.csv", 4, &["fte", "-0.5"]);
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(6, 3, &[(bn, 3)]));
    assert_file(&r, HEN, Q2, 1, "surveys.csv", fr(6, 3, &[(bn, 3)]));
    assert_file(&r, HEN, Q2, 1, "persons.csv", fr(4, 2, &[(bn, 2)]));
    assert_file(&r, HEN, Q2, 1, "staffing.csv", fr(4, 2, &[(bn, 2)]));
    assert_eq!(r.warehouse.one("contacts", "contact_id", "C6").get("minutes"), &Cell::Int(0));
    assert_eq!(r.warehouse.one("surveys", "response_id", "S6").get("overall"), &Cell::Int(10));
    assert_eq!(r.warehouse.one("surveys", "response_id", "S5").get("helped"), &Cell::Int(1));
    assert_eq!(r.warehouse.one("staffing", "case_manager_id", &cmid(4)).get("fte"), &Cell::Float(0.5));
}

#[test]
fn bad_row_shape_wrong_field_count_and_multiline_records() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let ct = |id: &str| rows::contact(id, "E1", &pid(1), HEN_PROV);
    let too_few = without_last(&ct("C3"));
    let too_many = with_extra(&ct("C4"), "extra");
    let no_key_too_few = without_last(&ct("")); // shape is checked before missing_required
    let multi_line_too_many = with_extra(&ct("C5\nX"), "extra"); // a quoted id spanning two lines
    assert!(multi_line_too_many.starts_with("\"C5\nX\","));
    let one_field = "C8".to_string();
    assert_eq!(p.push("contacts.csv", &too_few), 4);
    assert_eq!(p.push("contacts.csv", &too_many), 5);
    assert_eq!(p.push("contacts.csv", &no_key_too_few), 6);
    assert_eq!(p.push("contacts.csv", &multi_line_too_many), 7);
    assert_eq!(p.add(ct("C6")), 9); // after a two-line record
    let multi_line_code = ct("C7").set("mode", "in\nperson");
    assert_eq!(p.add(multi_line_code.clone()), 10);
    assert_eq!(p.push("contacts.csv", &one_field), 12);
    let mission = "Serving families\nacross Hennepin County, since 1972";
    assert_eq!(p.add(rows::provider(HEN_PROV2, "private").set("mission", mission)), 3);
    let prov_extra = with_extra(&rows::provider("2705300003", "private"), "");
    assert_eq!(p.push("providers.csv", &prov_extra), 5);
    p.write(input.path());

    let mut u = ucare(Q2, 1);
    let pipe_in_value = mco::provider("4100000103").set("MISSION", "Care | coordination");
    assert_eq!(p.next_line("providers.csv"), 6);
    assert_eq!(u.add(pipe_in_value.clone()), 3);
    let member_short = without_last(&mco::member(&pid(9)));
    assert_eq!(u.push("MEMBERS.txt", &member_short), 4);
    u.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let sh = "bad_row_shape";
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "contacts.csv",
        &[
            (4, sh, &too_few),
            (5, sh, &too_many),
            (6, sh, &no_key_too_few),
            (7, sh, &multi_line_too_many),
            (10, "bad_code", &multi_line_code.line()),
            (12, sh, &one_field),
        ],
    );
    assert_detail(&r, HEN, Q2, "contacts.csv", 10, &["mode"]);
    assert_quarantine(&r, HEN, Q2, "providers.csv", &[(5, sh, &prov_extra)]);
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(9, 3, &[(sh, 5), ("bad_code", 1)]));
    assert_file(&r, HEN, Q2, 1, "providers.csv", fr(3, 2, &[(sh, 1)]));
    assert_quarantine(&r, UCARE, Q2, "PROVIDERS.txt", &[(3, sh, &pipe_in_value.line())]);
    assert_quarantine(&r, UCARE, Q2, "MEMBERS.txt", &[(4, sh, &member_short)]);
    assert_file(&r, UCARE, Q2, 1, "PROVIDERS.txt", fr(2, 1, &[(sh, 1)]));
    assert_file(&r, UCARE, Q2, 1, "MEMBERS.txt", fr(3, 2, &[(sh, 1)]));
    for q in &r.quarantine {
        assert!(!q.detail.is_empty(), "{q:?}: empty detail");
    }
    assert_eq!(r.warehouse.one("providers", "provider_id", HEN_PROV2).get("mission"), &s(mission));
    let hen: Vec<&str> =
        r.warehouse.rows("contacts").iter().filter(|w| w.submitter == HEN).filter_map(|w| w.s("contact_id")).collect();
    assert_eq!(hen, vec!["C1", "C2", "C6"]);
}

/// extracts.md §4: "Checks apply in this order and the first failure is the reason".
#[test]
fn check_order_first_failure_is_the_reason() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let ct = |id: &str| rows::contact(id, "E1", &pid(1), HEN_PROV);
    // bad_date in contact_date (col 6) left of bad_code in mode (col 7).
    let date_then_code = ct("C3").set("contact_date", "2026-13-01").set("mode", "telepathy");
    // missing_required beats a bad code further left.
    let code_then_missing = ct("C4").set("case_manager_id", "bogus").set("mode", "");
    // duplicate_key beats unknown_person.
    let dup_and_orphan = ct("C1").set("person_id", &pid(99)).set("minutes", "10");
    // unknown_person, then unknown_episode, then unknown_provider.
    let all_refs_unknown = rows::contact("C5", "E404", &pid(99), "2705399999");
    let episode_and_provider = rows::contact("C6", "E404", &pid(1), "2705399999");
    assert_eq!(p.add(date_then_code.clone()), 4);
    assert_eq!(p.add(code_then_missing.clone()), 5);
    assert_eq!(p.add(dup_and_orphan.clone()), 6);
    assert_eq!(p.add(all_refs_unknown.clone()), 7);
    assert_eq!(p.add(episode_and_provider.clone()), 8);

    let ep = |id: &str| rows::episode(id, &pid(1), HEN_PROV);
    // bad_code in cm_type (col 4) left of bad_date in start_date (col 7).
    let code_then_date = ep("E3").set("cm_type", "XX-TCM").set("start_date", "2025-02-30");
    // date_out_of_range is checked before end_date < start_date.
    let range_then_order = ep("E4").set("start_date", "2026-08-01").set("end_date", "2026-07-01");
    // a bad code anywhere comes before end_date < start_date.
    let order_and_code =
        ep("E5").set("start_date", "2026-03-01").set("end_date", "2026-02-01").set("end_reason", "fired");
    // end_date < start_date (bad_date) is checked before unknown_person.
    let order_and_orphan =
        rows::episode("E6", &pid(99), HEN_PROV).set("start_date", "2026-03-01").set("end_date", "2026-02-01");
    assert_eq!(p.add(code_then_date.clone()), 4);
    assert_eq!(p.add(range_then_order.clone()), 5);
    assert_eq!(p.add(order_and_code.clone()), 6);
    assert_eq!(p.add(order_and_orphan.clone()), 7);

    let sv = |id: &str| rows::survey(id, &pid(1), HEN_PROV);
    // bad_code in respondent (col 6) left of bad_number in overall (col 14).
    let code_then_number = sv("S2").set("respondent", "robot").set("overall", "11");
    // bad_number in helped (col 8) left of bad_code in informed_choice (col 12).
    let number_then_code = sv("S3").set("helped", "5").set("informed_choice", "X");
    // every column check comes before date_out_of_range, even in a column further right.
    let range_then_number = sv("S4").set("survey_date", "2026-07-01").set("overall", "11");
    // date_out_of_range comes before the reference checks.
    let range_and_orphan = rows::survey("S5", &pid(99), HEN_PROV).set("survey_date", "2026-07-01");
    assert_eq!(p.add(code_then_number.clone()), 3);
    assert_eq!(p.add(number_then_code.clone()), 4);
    assert_eq!(p.add(range_then_number.clone()), 5);
    assert_eq!(p.add(range_and_orphan.clone()), 6);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "contacts.csv",
        &[
            (4, "bad_date", &date_then_code.line()),
            (5, "missing_required", &code_then_missing.line()),
            (6, "duplicate_key", &dup_and_orphan.line()),
            (7, "unknown_person", &all_refs_unknown.line()),
            (8, "unknown_episode", &episode_and_provider.line()),
        ],
    );
    assert_detail(&r, HEN, Q2, "contacts.csv", 4, &["contact_date"]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 5, &["mode"]);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "episodes.csv",
        &[
            (4, "bad_code", &code_then_date.line()),
            (5, "date_out_of_range", &range_then_order.line()),
            (6, "bad_code", &order_and_code.line()),
            (7, "bad_date", &order_and_orphan.line()),
        ],
    );
    assert_detail(&r, HEN, Q2, "episodes.csv", 4, &["cm_type", "XX-TCM"]);
    assert_detail(&r, HEN, Q2, "episodes.csv", 5, &["start_date", "2026-08-01"]);
    assert_detail(&r, HEN, Q2, "episodes.csv", 6, &["end_reason", "fired"]);
    assert_quarantine(
        &r,
        HEN,
        Q2,
        "surveys.csv",
        &[
            (3, "bad_code", &code_then_number.line()),
            (4, "bad_number", &number_then_code.line()),
            (5, "bad_number", &range_then_number.line()),
            (6, "date_out_of_range", &range_and_orphan.line()),
        ],
    );
    assert_detail(&r, HEN, Q2, "surveys.csv", 3, &["respondent", "robot"]);
    assert_detail(&r, HEN, Q2, "surveys.csv", 4, &["helped", "5"]);
    assert_detail(&r, HEN, Q2, "surveys.csv", 5, &["overall", "11"]);
    assert_file(
        &r,
        HEN,
        Q2,
        1,
        "contacts.csv",
        fr(
            7,
            2,
            &[
                ("bad_date", 1),
                ("missing_required", 1),
                ("duplicate_key", 1),
                ("unknown_person", 1),
                ("unknown_episode", 1),
            ],
        ),
    );
    assert_file(
        &r,
        HEN,
        Q2,
        1,
        "episodes.csv",
        fr(6, 2, &[("bad_code", 2), ("date_out_of_range", 1), ("bad_date", 1)]),
    );
    assert_file(
        &r,
        HEN,
        Q2,
        1,
        "surveys.csv",
        fr(5, 1, &[("bad_code", 1), ("bad_number", 2), ("date_out_of_range", 1)]),
    );
}

/// The quarantine's `detail` names the source column and the offending value for the
/// set-level reasons too (duplicate_key and the three reference checks), in both layouts.
#[test]
fn set_level_details_name_the_source_column_and_value() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    assert_eq!(p.add(rows::contact("C1", "E1", &pid(1), HEN_PROV).set("minutes", "5")), 4);
    assert_eq!(p.add(rows::contact("C3", "E1", &pid(99), HEN_PROV)), 5);
    assert_eq!(p.add(rows::contact("C4", "E404", &pid(1), HEN_PROV)), 6);
    assert_eq!(p.add(rows::contact("C5", "E1", &pid(1), "2705399999")), 7);
    assert_eq!(p.add(rows::staff(&cmid(1), HEN_PROV).set("fte", "0.5")), 3);
    p.write(input.path());
    let mut u = ucare(Q2, 1);
    assert_eq!(u.add(mco::util("U2", &pid(98), "ED")), 3);
    assert_eq!(u.add(mco::activity("K3", "N404", &pid(7), UCARE_PROV, "CALL")), 4);
    assert_eq!(u.add(mco::enroll("N1", &pid(7), UCARE_PROV)), 4);
    u.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let reasons: Vec<String> = quarantined(&r, HEN, Q2, "contacts.csv").into_iter().map(|(_, re, _)| re).collect();
    assert_eq!(reasons, vec!["duplicate_key", "unknown_person", "unknown_episode", "unknown_provider"]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 4, &["contact_id", "C1"]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 5, &["person_id", &pid(99)]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 6, &["episode_id", "E404"]);
    assert_detail(&r, HEN, Q2, "contacts.csv", 7, &["provider_id", "2705399999"]);
    assert_detail(&r, HEN, Q2, "staffing.csv", 3, &["case_manager_id", &cmid(1), "provider_id", HEN_PROV]);
    assert_detail(&r, UCARE, Q2, "UTIL.txt", 3, &["MEMBER_ID", &pid(98)]);
    assert_detail(&r, UCARE, Q2, "CC_ACTIVITY.txt", 4, &["ENR_ID", "N404"]);
    assert_detail(&r, UCARE, Q2, "ENROLL.txt", 4, &["ENR_ID", "N1"]);
}

/// A run whose only rejects are set-level ones (no row fails its own checks) still loads
/// and quarantines them.
#[test]
fn set_level_rejects_alone_are_quarantined() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let dup = rows::contact("C1", "E1", &pid(1), HEN_PROV);
    assert_eq!(p.add(dup.clone()), 4);
    p.write(input.path());
    let mut ram = ramsey(Q2, 1);
    let orphan = rows::event("V2", &pid(99));
    assert_eq!(ram.add(orphan.clone()), 3);
    ram.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_quarantine(&r, HEN, Q2, "contacts.csv", &[(4, "duplicate_key", &dup.line())]);
    assert_quarantine(&r, RAM, Q2, "events.csv", &[(3, "unknown_person", &orphan.line())]);
    assert_file(&r, HEN, Q2, 1, "contacts.csv", fr(3, 2, &[("duplicate_key", 1)]));
    assert_file(&r, RAM, Q2, 1, "events.csv", fr(2, 1, &[("unknown_person", 1)]));
}
