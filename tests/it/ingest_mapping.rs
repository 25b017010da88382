//! What lands in the warehouse: the mco-v1 → canonical mapping of extracts.md §3 (every code
//! of its mapping table), the canonical columns and types, and the merge rules of §1
//! (latest period, then highest sequence; statewide persons/providers between submitters).


use crate::common::*;
use datafusion::arrow::datatypes::DataType;
use tempfile::TempDir;

const Q1: &str = "2026Q1";
const Q2: &str = "2026Q2";

fn ucare_row<'a>(r: &'a Ingest, table: &str, col: &str, value: &str) -> &'a WRow {
    let w = r.warehouse.one(table, col, value);
    assert_eq!((w.submitter.as_str(), w.period.as_str()), (UCARE, Q2), "{table} {value}: partition");
    w
}

#[test]
fn mco_codes_map_to_canonical_values() {
    let input = TempDir::new().unwrap();
    let mut p = Pkg::new(UCARE, Q2, 1);
    p.add(
        mco::provider(UCARE_PROV)
            .set("COUNTIES", "27053~27123~27137")
            .set("PRODUCTS", "CC-MSHO~CC-MSC~CC-SNBC~EW")
            .set("LANGS", "eng~hmn~som")
            .set("ACCEPTING", "1"),
    );
    p.add(
        mco::provider("4100000102")
            .set("PROV_NAME", "\"Best\" Care, Inc.")
            .set("PROV_TYPE", "private")
            .set("ACCEPTING", "0"),
    );
    let (m1, m2, m3) = (pid(70), pid(71), pid(72));
    p.add(
        mco::member(&m1)
            .set("HISP", "1")
            .set("RACE", "ASIAN~WHITE")
            .set("INTERP", "1")
            .set("DUAL", "1")
            .set("HOMELESS", "0"),
    );
    p.add(mco::member(&m2).set("HISP", "0").set("GENDER", "F").set("INTERP", "0").set("CHRONIC_CT", "0"));
    p.add(
        mco::member(&m3).set("HISP", "9").set("TRIBE", "tribe-leech-lake").set("COUNTY", "27021").set("RACE", "AIAN"),
    );
    let products = [("N1", "MSHO", "CC-MSHO"), ("N2", "MSC", "CC-MSC"), ("N3", "SNBC", "CC-SNBC"), ("N4", "EW", "EW")];
    for (id, code, _) in products {
        p.add(mco::enroll(id, &m1, UCARE_PROV).set("PRODUCT", code));
    }
    p.add(
        mco::enroll("N5", &m2, UCARE_PROV)
            .set("START_DT", "20251101")
            .set("END_DT", "20260315")
            .set("END_RSN", "moved"),
    );
    for (i, (_, code, _)) in products.iter().enumerate() {
        p.add(
            mco::survey(&format!("R{}", i + 1), &m1, UCARE_PROV)
                .set("PRODUCT", *code)
                .set("INFORMED_CHOICE", if i % 2 == 0 { "1" } else { "0" }),
        );
    }
    let assessments = [
        ("K1", "HRA", "hra"),
        ("K2", "SUPPORT_PLAN", "care_plan"),
        ("K3", "PLAN_REVIEW", "plan_review"),
        ("K4", "TRANSITION_PLAN", "transition_plan"),
    ];
    let contacts = [
        ("K5", "VISIT_INPERSON", "in_person", "45"),
        ("K6", "VISIT_VIDEO", "itv", "30"),
        ("K7", "CALL", "phone", "15"),
    ];
    for (id, code, _) in assessments {
        p.add(mco::activity(id, "N1", &m1, UCARE_PROV, code).set("ACT_DT", "20260110").set("MINUTES", ""));
    }
    for (id, code, _, minutes) in contacts {
        p.add(mco::activity(id, "N1", &m1, UCARE_PROV, code).set("ACT_DT", "20260212").set("MINUTES", minutes));
    }
    let utils = [
        ("T1", "IP", "inpatient_admit", "20251110", "20251114"),
        ("T2", "IPPSY", "psych_admit", "20251201", "20251210"),
        ("T3", "ED", "ed_visit", "20251205", ""),
        ("T4", "NF", "nursing_facility_admit", "20260105", ""),
        ("T5", "PREV", "preventive_visit", "20260120", ""),
        ("T6", "MHOP", "mh_followup_visit", "20251217", ""),
        ("T7", "DEATH", "death", "20260301", ""),
    ];
    for (id, code, _, from, thru) in utils {
        let member = if code == "DEATH" { &m3 } else { &m1 };
        p.add(mco::util(id, member, code).set("FROM_DT", from).set("THRU_DT", thru));
    }
    p.add(mco::staff(&cmid(60), UCARE_PROV).set("FTE", "0.8").set("PRODUCTS", "CC-MSHO~EW").set("LANGS", "eng~hmn"));
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let rep = r.report.pkg(UCARE, Q2, 1);
    assert_eq!(rep.status, "loaded", "{}", rep.message);
    // The report is keyed by the submitted file names.
    let names: Vec<&str> = rep.files.keys().map(String::as_str).collect();
    let mut want = layout_files(UCARE);
    want.sort();
    assert_eq!(names, want);
    assert_eq!(rep.file("PROVIDERS.txt"), &fr(2, 2, &[]));
    assert_eq!(rep.file("MEMBERS.txt"), &fr(3, 3, &[]));
    assert_eq!(rep.file("ENROLL.txt"), &fr(5, 5, &[]));
    assert_eq!(rep.file("CC_ACTIVITY.txt"), &fr(7, 7, &[]));
    assert_eq!(rep.file("UTIL.txt"), &fr(7, 7, &[]));
    assert_eq!(rep.file("SURVEY.txt"), &fr(4, 4, &[]));
    assert_eq!(rep.file("STAFF.txt"), &fr(1, 1, &[]));

    // PROVIDERS → providers.
    let prov = ucare_row(&r, "providers", "provider_id", UCARE_PROV);
    assert_eq!(prov.get("provider_kind"), &s("mco"));
    assert_eq!(prov.get("counties_served"), &s("27053;27123;27137"));
    assert_eq!(prov.get("cm_types"), &s("CC-MSHO;CC-MSC;CC-SNBC;EW"));
    assert_eq!(prov.get("languages"), &s("eng;hmn;som"));
    assert_eq!(prov.get("accepting_new"), &Cell::Bool(true));
    assert_eq!(prov.get("zip"), &s("55413"));
    let other = ucare_row(&r, "providers", "provider_id", "4100000102");
    assert_eq!(other.get("provider_name"), &s("\"Best\" Care, Inc."), "mco-v1 has no quoting: quotes are text");
    assert_eq!(other.get("accepting_new"), &Cell::Bool(false));

    // MEMBERS → persons: HISP 1/0/9 → Y/N/U, DOB → Date32, flags, ~ lists.
    let p1 = ucare_row(&r, "persons", "person_id", &m1);
    assert_eq!(p1.get("hispanic"), &s("Y"));
    assert_eq!(p1.get("race"), &s("ASIAN;WHITE"));
    assert_eq!(p1.get("birth_date"), &d("1945-03-02"));
    assert_eq!(p1.get("sex"), &s("M"));
    assert_eq!(p1.get("ethnicity_detail"), &s("HMONG"));
    assert_eq!(p1.get("preferred_language"), &s("hmn"));
    assert_eq!(p1.get("interpreter_needed"), &Cell::Bool(true));
    assert_eq!(p1.get("dual_eligible"), &Cell::Bool(true));
    assert_eq!(p1.get("homeless"), &Cell::Bool(false));
    assert_eq!(p1.get("physical_disability"), &Cell::Bool(true));
    assert_eq!(p1.get("county_fips"), &s("27123"));
    assert_eq!(p1.get("tribal_affiliation"), &Cell::Null);
    assert_eq!(p1.get("chronic_condition_count"), &Cell::Int(4));
    assert_eq!(p1.get("prior_year_inpatient"), &Cell::Int(1));
    assert_eq!(p1.get("prior_year_ed"), &Cell::Int(2));
    let p2 = ucare_row(&r, "persons", "person_id", &m2);
    assert_eq!(
        (p2.get("hispanic"), p2.get("sex"), p2.get("interpreter_needed")),
        (&s("N"), &s("F"), &Cell::Bool(false))
    );
    assert_eq!(p2.get("chronic_condition_count"), &Cell::Int(0));
    let p3 = ucare_row(&r, "persons", "person_id", &m3);
    assert_eq!(p3.get("hispanic"), &s("U"));
    assert_eq!(p3.get("tribal_affiliation"), &s("tribe-leech-lake"));

    // ENROLL → episodes: PRODUCT mapping, payer MCO.
    for (id, _, cm_type) in products {
        let e = ucare_row(&r, "episodes", "episode_id", id);
        assert_eq!(e.get("cm_type"), &s(cm_type), "{id}");
        assert_eq!(e.get("payer"), &s("MCO"), "{id}");
        assert_eq!(e.get("person_id"), &s(&m1));
        assert_eq!(e.get("provider_id"), &s(UCARE_PROV));
        assert_eq!(e.get("start_date"), &d("2025-10-01"));
        assert_eq!(e.get("end_date"), &Cell::Null);
        assert_eq!(e.get("case_manager_id"), &s(&cmid(50)));
    }
    let n5 = ucare_row(&r, "episodes", "episode_id", "N5");
    assert_eq!(
        (n5.get("start_date"), n5.get("end_date"), n5.get("end_reason")),
        (&d("2025-11-01"), &d("2026-03-15"), &s("moved"))
    );

    // SURVEY → surveys: the same PRODUCT mapping.
    for (i, (_, _, cm_type)) in products.iter().enumerate() {
        let sv = ucare_row(&r, "surveys", "response_id", &format!("R{}", i + 1));
        assert_eq!(sv.get("cm_type"), &s(cm_type));
        assert_eq!(sv.get("informed_choice"), &Cell::Bool(i % 2 == 0));
        assert_eq!(sv.get("survey_date"), &d("2026-03-01"));
        assert_eq!(sv.get("respondent"), &s("self"));
        assert_eq!(sv.get("language"), &s("hmn"));
        assert_eq!(sv.get("helped"), &Cell::Int(4));
        assert_eq!(sv.get("reachable"), &Cell::Int(3));
        assert_eq!(sv.get("goals_progress"), &Cell::Int(3));
        assert_eq!(sv.get("overall"), &Cell::Int(8));
    }

    // CC_ACTIVITY → assessments and contacts by ACT_CODE.
    assert_eq!(r.warehouse.count("assessments"), 4);
    for (id, _, kind) in assessments {
        let a = ucare_row(&r, "assessments", "record_id", id);
        assert_eq!(a.get("kind"), &s(kind), "{id}");
        assert_eq!(a.get("completed_date"), &d("2026-01-10"));
        assert_eq!(
            (a.get("episode_id"), a.get("person_id"), a.get("provider_id")),
            (&s("N1"), &s(&m1), &s(UCARE_PROV))
        );
    }
    assert_eq!(r.warehouse.count("contacts"), 3);
    for (id, _, mode, minutes) in contacts {
        let c = ucare_row(&r, "contacts", "contact_id", id);
        assert_eq!(c.get("mode"), &s(mode), "{id}");
        assert_eq!(c.get("with_whom"), &s("person"));
        assert_eq!(c.get("billed"), &Cell::Bool(false));
        assert_eq!(c.get("minutes"), &Cell::Int(minutes.parse().unwrap()));
        assert_eq!(c.get("contact_date"), &d("2026-02-12"));
        assert_eq!(c.get("case_manager_id"), &s(&cmid(50)));
        assert_eq!(
            (c.get("episode_id"), c.get("person_id"), c.get("provider_id")),
            (&s("N1"), &s(&m1), &s(UCARE_PROV))
        );
        for empty in ["location", "procedure_code", "modifiers", "place_of_service"] {
            assert_eq!(c.get(empty), &Cell::Null, "{id}.{empty}");
        }
    }

    // UTIL → events.
    for (id, _, kind, from, thru) in utils {
        let e = ucare_row(&r, "events", "event_id", id);
        assert_eq!(e.get("kind"), &s(kind), "{id}");
        let date =
            |t: &str| if t.is_empty() { Cell::Null } else { d(&format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..])) };
        assert_eq!(e.get("start_date"), &date(from), "{id}");
        assert_eq!(e.get("end_date"), &date(thru), "{id}");
    }

    // STAFF → staffing.
    let st = ucare_row(&r, "staffing", "case_manager_id", &cmid(60));
    assert_eq!(st.get("fte"), &Cell::Float(0.8));
    assert_eq!(st.get("cm_types"), &s("CC-MSHO;EW"));
    assert_eq!(st.get("languages"), &s("eng;hmn"));
    assert_eq!(st.get("provider_id"), &s(UCARE_PROV));
}

#[test]
fn mco_unknown_codes_are_bad_code_naming_the_column() {
    let input = TempDir::new().unwrap();
    let mut p = ucare(Q2, 1);
    let m = pid(7);
    let bad_hisp = mco::member(&pid(20)).set("HISP", "2");
    let y_flag = mco::member(&pid(21)).set("INTERP", "Y");
    let semicolon_list = mco::member(&pid(22)).set("RACE", "ASIAN;WHITE");
    assert_eq!(p.add(bad_hisp.clone()), 4);
    assert_eq!(p.add(y_flag.clone()), 5);
    assert_eq!(p.add(semicolon_list.clone()), 6);
    let pmap = mco::enroll("N3", &m, UCARE_PROV).set("PRODUCT", "PMAP");
    let canonical_code = mco::enroll("N4", &m, UCARE_PROV).set("PRODUCT", "CC-MSHO"); // not a PRODUCT code
    assert_eq!(p.add(pmap.clone()), 4);
    assert_eq!(p.add(canonical_code.clone()), 5);
    let snp = mco::survey("R2", &m, UCARE_PROV).set("PRODUCT", "SNP");
    assert_eq!(p.add(snp.clone()), 3);
    let home_visit = mco::activity("K3", "N1", &m, UCARE_PROV, "HOME_VISIT");
    let no_code = mco::activity("K4", "N1", &m, UCARE_PROV, "");
    let lower = mco::activity("K5", "N1", &m, UCARE_PROV, "hra");
    assert_eq!(p.add(home_visit.clone()), 4);
    assert_eq!(p.add(no_code.clone()), 5);
    assert_eq!(p.add(lower.clone()), 6);
    let op = mco::util("U2", &m, "OP");
    let ip_lower = mco::util("U3", &m, "ip");
    let dashed = mco::util("U4", &m, "ED").set("FROM_DT", "2026-02-03");
    assert_eq!(p.add(op.clone()), 3);
    assert_eq!(p.add(ip_lower.clone()), 4);
    assert_eq!(p.add(dashed.clone()), 5);
    let hmo = mco::provider("4100000109").set("PROV_TYPE", "hmo");
    let product_in_products = mco::provider("4100000108").set("PRODUCTS", "MSHO"); // PRODUCTS holds cm_type codes
    assert_eq!(p.add(hmo.clone()), 3);
    assert_eq!(p.add(product_in_products.clone()), 4);
    p.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let bc = "bad_code";
    assert_quarantine(
        &r,
        UCARE,
        Q2,
        "MEMBERS.txt",
        &[(4, bc, &bad_hisp.line()), (5, bc, &y_flag.line()), (6, bc, &semicolon_list.line())],
    );
    assert_detail(&r, UCARE, Q2, "MEMBERS.txt", 4, &["HISP", "2"]);
    assert_detail(&r, UCARE, Q2, "MEMBERS.txt", 5, &["INTERP", "Y"]);
    assert_detail(&r, UCARE, Q2, "MEMBERS.txt", 6, &["RACE", "ASIAN;WHITE"]);
    assert_quarantine(&r, UCARE, Q2, "ENROLL.txt", &[(4, bc, &pmap.line()), (5, bc, &canonical_code.line())]);
    assert_detail(&r, UCARE, Q2, "ENROLL.txt", 4, &["PRODUCT", "PMAP"]);
    assert_detail(&r, UCARE, Q2, "ENROLL.txt", 5, &["PRODUCT", "CC-MSHO"]);
    assert_quarantine(&r, UCARE, Q2, "SURVEY.txt", &[(3, bc, &snp.line())]);
    assert_detail(&r, UCARE, Q2, "SURVEY.txt", 3, &["PRODUCT", "SNP"]);
    assert_quarantine(
        &r,
        UCARE,
        Q2,
        "CC_ACTIVITY.txt",
        &[(4, bc, &home_visit.line()), (5, "missing_required", &no_code.line()), (6, bc, &lower.line())],
    );
    assert_detail(&r, UCARE, Q2, "CC_ACTIVITY.txt", 4, &["ACT_CODE", "HOME_VISIT"]);
    assert_detail(&r, UCARE, Q2, "CC_ACTIVITY.txt", 5, &["ACT_CODE"]);
    assert_detail(&r, UCARE, Q2, "CC_ACTIVITY.txt", 6, &["ACT_CODE", "hra"]);
    assert_quarantine(
        &r,
        UCARE,
        Q2,
        "UTIL.txt",
        &[(3, bc, &op.line()), (4, bc, &ip_lower.line()), (5, "bad_date", &dashed.line())],
    );
    assert_detail(&r, UCARE, Q2, "UTIL.txt", 3, &["UTIL_TYPE", "OP"]);
    assert_detail(&r, UCARE, Q2, "UTIL.txt", 5, &["FROM_DT", "2026-02-03"]);
    assert_quarantine(&r, UCARE, Q2, "PROVIDERS.txt", &[(3, bc, &hmo.line()), (4, bc, &product_in_products.line())]);
    assert_detail(&r, UCARE, Q2, "PROVIDERS.txt", 3, &["PROV_TYPE", "hmo"]);
    assert_detail(&r, UCARE, Q2, "PROVIDERS.txt", 4, &["PRODUCTS", "MSHO"]);
    assert_file(&r, UCARE, Q2, 1, "MEMBERS.txt", fr(5, 2, &[(bc, 3)]));
    assert_file(&r, UCARE, Q2, 1, "ENROLL.txt", fr(4, 2, &[(bc, 2)]));
    assert_file(&r, UCARE, Q2, 1, "SURVEY.txt", fr(2, 1, &[(bc, 1)]));
    assert_file(&r, UCARE, Q2, 1, "CC_ACTIVITY.txt", fr(5, 2, &[(bc, 2), ("missing_required", 1)]));
    assert_file(&r, UCARE, Q2, 1, "UTIL.txt", fr(4, 1, &[(bc, 2), ("bad_date", 1)]));
    assert_file(&r, UCARE, Q2, 1, "PROVIDERS.txt", fr(3, 1, &[(bc, 2)]));
}

/// extracts.md §3 "Same code lists as above": CC_ID is a case manager id and MINUTES a count
/// on every CC_ACTIVITY row, including the assessment rows whose canonical table has no
/// such columns.
#[test]
fn mco_activity_assessment_rows_still_check_every_column() {
    let input = TempDir::new().unwrap();
    let mut p = ucare(Q2, 1);
    let bad_cc = mco::activity("K3", "N1", &pid(7), UCARE_PROV, "HRA").set("CC_ID", "bogus");
    let bad_minutes = mco::activity("K4", "N1", &pid(7), UCARE_PROV, "SUPPORT_PLAN").set("MINUTES", "-5");
    assert_eq!(p.add(bad_cc.clone()), 4);
    assert_eq!(p.add(bad_minutes.clone()), 5);
    p.write(input.path());
    let r = ingest(input.path());
    assert_accounting(&r);
    assert_quarantine(
        &r,
        UCARE,
        Q2,
        "CC_ACTIVITY.txt",
        &[(4, "bad_code", &bad_cc.line()), (5, "bad_number", &bad_minutes.line())],
    );
    assert_file(&r, UCARE, Q2, 1, "CC_ACTIVITY.txt", fr(4, 2, &[("bad_code", 1), ("bad_number", 1)]));
}

/// extracts.md §4: `duplicate_key` is "an earlier accepted row of the same file has the same
/// key", and CC_ACTIVITY.txt is one file that feeds two tables: an ACT_ID sent once as a
/// contact and once as an assessment is a duplicate, whichever route came first.
#[test]
fn mco_activity_ids_are_one_key_across_contacts_and_assessments() {
    let input = TempDir::new().unwrap();
    let mut p = ucare(Q2, 1);
    let call = mco::activity("K5", "N1", &pid(7), UCARE_PROV, "CALL");
    let hra_again = mco::activity("K5", "N1", &pid(7), UCARE_PROV, "HRA");
    let plan = mco::activity("K6", "N1", &pid(7), UCARE_PROV, "SUPPORT_PLAN");
    let visit_again = mco::activity("K6", "N1", &pid(7), UCARE_PROV, "VISIT_INPERSON");
    assert_eq!(p.add(call), 4);
    assert_eq!(p.add(hra_again.clone()), 5);
    assert_eq!(p.add(plan), 6);
    assert_eq!(p.add(visit_again.clone()), 7);
    // A row that failed its reference check was not accepted, so the next one with its key is.
    let orphan = mco::activity("K7", "N1", &pid(99), UCARE_PROV, "CALL");
    assert_eq!(p.add(orphan.clone()), 8);
    assert_eq!(p.add(mco::activity("K7", "N1", &pid(7), UCARE_PROV, "HRA")), 9);
    p.write(input.path());
    let r = ingest(input.path());
    assert_accounting(&r);
    let dk = "duplicate_key";
    assert_quarantine(
        &r,
        UCARE,
        Q2,
        "CC_ACTIVITY.txt",
        &[(5, dk, &hra_again.line()), (7, dk, &visit_again.line()), (8, "unknown_person", &orphan.line())],
    );
    assert_detail(&r, UCARE, Q2, "CC_ACTIVITY.txt", 5, &["column ACT_ID", "`K5`", "from line 4 of this file"]);
    assert_detail(&r, UCARE, Q2, "CC_ACTIVITY.txt", 7, &["column ACT_ID", "`K6`", "from line 6 of this file"]);
    assert_file(&r, UCARE, Q2, 1, "CC_ACTIVITY.txt", fr(8, 5, &[(dk, 2), ("unknown_person", 1)]));
    // The first of each pair is in its own table, the second in neither.
    assert_eq!(r.warehouse.one("contacts", "contact_id", "K5").period, Q2);
    assert_eq!(r.warehouse.one("assessments", "record_id", "K6").period, Q2);
    assert_eq!(r.warehouse.one("assessments", "record_id", "K7").period, Q2);
    assert!(r.warehouse.find("assessments", "record_id", "K5").is_empty());
    assert!(r.warehouse.find("contacts", "contact_id", "K6").is_empty());
    assert!(r.warehouse.find("contacts", "contact_id", "K7").is_empty());
}

#[test]
fn warehouse_tables_hold_the_canonical_columns_in_contract_order() {
    let input = TempDir::new().unwrap();
    hennepin(Q2, 1).write(input.path());
    ucare(Q2, 1).write(input.path());
    let r = ingest(input.path());
    assert_accounting(&r);

    let dates = ["birth_date", "start_date", "end_date", "contact_date", "completed_date", "survey_date"];
    let flags = [
        "accepting_new",
        "interpreter_needed",
        "dual_eligible",
        "homeless",
        "smi",
        "sud",
        "dd",
        "bi",
        "physical_disability",
        "court_ordered",
        "billed",
        "informed_choice",
    ];
    let ints = [
        "chronic_condition_count",
        "prior_year_inpatient",
        "prior_year_ed",
        "minutes",
        "helped",
        "listened",
        "respect",
        "reachable",
        "goals_progress",
        "overall",
    ];
    let tables = [
        ("providers", PROVIDERS),
        ("persons", PERSONS),
        ("episodes", EPISODES),
        ("contacts", CONTACTS),
        ("assessments", ASSESSMENTS),
        ("events", EVENTS),
        ("surveys", SURVEYS),
        ("staffing", STAFFING),
    ];
    for (name, cols) in tables {
        let t = r.warehouse.tables.get(name).unwrap_or_else(|| panic!("no warehouse/{name}"));
        let got: Vec<&str> = t.columns.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(got, cols.to_vec(), "warehouse/{name} columns");
        for (c, ty) in &t.columns {
            let want = if dates.contains(&c.as_str()) {
                Some(DataType::Date32)
            } else if flags.contains(&c.as_str()) {
                Some(DataType::Boolean)
            } else if ints.contains(&c.as_str()) {
                Some(DataType::Int64)
            } else if c == "fte" {
                Some(DataType::Float64)
            } else if c == "culturally_specific" {
                None // not typed by the contract
            } else {
                Some(DataType::Utf8)
            };
            if let Some(want) = want {
                assert_eq!(ty, &want, "warehouse/{name}.{c}");
            }
        }
        // Hive partitions per package: submitter_id=<id>/period=<p>/part-0.parquet.
        let mut files: Vec<String> = t.files.iter().map(|f| f.display().to_string()).collect();
        files.sort();
        let want = vec![
            format!("submitter_id={HEN}/period={Q2}/part-0.parquet"),
            format!("submitter_id={UCARE}/period={Q2}/part-0.parquet"),
        ];
        assert_eq!(files, want, "warehouse/{name} files");
    }
    // Quarantine layout.
    let q = partitions(&r.out.join("quarantine"));
    assert!(q.is_empty(), "nothing was quarantined: {q:?}");
}

#[test]
fn quarantine_file_has_the_documented_columns() {
    let input = TempDir::new().unwrap();
    let mut p = ucare(Q2, 1);
    p.add(mco::util("U2", &pid(7), "OP"));
    p.write(input.path());
    let r = ingest(input.path());
    assert_accounting(&r);
    let parts = partitions(&r.out.join("quarantine"));
    assert_eq!(parts.len(), 1);
    assert_eq!((parts[0].0.as_str(), parts[0].1.as_str()), (UCARE, Q2));
    assert!(parts[0].2.ends_with(format!("submitter_id={UCARE}/period={Q2}/part-0.parquet")));
    let (cols, rows) = read_parquet(&parts[0].2);
    assert_eq!(
        cols,
        vec![
            ("sequence".to_string(), DataType::Int64),
            ("file".to_string(), DataType::Utf8),
            ("line".to_string(), DataType::Int64),
            ("raw".to_string(), DataType::Utf8),
            ("reason".to_string(), DataType::Utf8),
            ("detail".to_string(), DataType::Utf8),
        ]
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(r.quarantine[0].file, "UTIL.txt");
    assert_eq!(r.quarantine[0].line, 3);
    assert_eq!(r.quarantine[0].raw, format!("U2|{}|OP|20260203|", pid(7)));
    assert_eq!(r.quarantine[0].sequence, 1);
}

#[test]
fn person_id_hex_is_lower_cased_and_references_match_any_case() {
    let input = TempDir::new().unwrap();
    let mut p = hennepin(Q2, 1);
    let upper = format!("P{}", pid(40)[1..].to_ascii_uppercase());
    assert_ne!(upper, pid(40));
    p.add(rows::person(&upper));
    let shouty_ref = format!("P{}", pid(1)[1..].to_ascii_uppercase());
    p.add(rows::event("V2", &shouty_ref));
    p.add(rows::event("V3", &pid(40)));
    p.write(input.path());
    let r = ingest(input.path());
    assert_accounting(&r);
    assert_file(&r, HEN, Q2, 1, "events.csv", fr(3, 3, &[]));
    assert_eq!(r.warehouse.one("persons", "person_id", &pid(40)).get("person_id"), &s(&pid(40)));
    assert_eq!(r.warehouse.one("events", "event_id", "V2").get("person_id"), &s(&pid(1)));
}

#[test]
fn latest_period_then_highest_sequence_wins() {
    let input = TempDir::new().unwrap();
    // 2026Q1: E1 open, C1 45 minutes, C5 only in Q1; staffing snapshot.
    let mut q1 = hennepin(Q1, 1);
    q1.add(rows::contact("C5", "E1", &pid(1), HEN_PROV));
    q1.write(input.path());
    // 2026Q2 sequence 1: E1 closed, C1 corrected to 50 minutes, pid(1) moved.
    let mut q2 = hennepin(Q2, 1);
    q2.clear("episodes.csv").clear("contacts.csv").clear("persons.csv");
    q2.add(rows::person(&pid(1)).set("zip", "55404"));
    q2.add(rows::person(&pid(2)));
    q2.add(rows::episode("E1", &pid(1), HEN_PROV).set("end_date", "2026-05-15").set("end_reason", "goals_met"));
    q2.add(rows::episode("E2", &pid(2), HEN_PROV));
    q2.add(rows::contact("C1", "E1", &pid(1), HEN_PROV).set("minutes", "50"));
    q2.add(rows::contact("C2", "E2", &pid(2), HEN_PROV));
    q2.write(input.path());
    // 2026Q2 sequence 2 corrects again: C1 55 minutes.
    let mut q2b = q2.clone();
    q2b.sequence = 2;
    q2b.clear("contacts.csv");
    q2b.add(rows::contact("C1", "E1", &pid(1), HEN_PROV).set("minutes", "55"));
    q2b.add(rows::contact("C2", "E2", &pid(2), HEN_PROV));
    q2b.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    assert_eq!(r.report.pkg(HEN, Q2, 1).status, "superseded");
    let e1 = r.warehouse.one("episodes", "episode_id", "E1");
    assert_eq!((e1.period.as_str(), e1.get("end_date"), e1.get("end_reason")), (Q2, &d("2026-05-15"), &s("goals_met")));
    let c1 = r.warehouse.one("contacts", "contact_id", "C1");
    assert_eq!((c1.period.as_str(), c1.get("minutes")), (Q2, &Cell::Int(55)));
    let c5 = r.warehouse.one("contacts", "contact_id", "C5");
    assert_eq!(c5.period, Q1, "a record only sent in 2026Q1 stays in its package's partition");
    let p1 = r.warehouse.one("persons", "person_id", &pid(1));
    assert_eq!((p1.period.as_str(), p1.get("zip")), (Q2, &s("55404")));
    // Across periods the same key is an update, not a conflict and not a duplicate.
    assert!(r.report.warnings.iter().all(|w| w.kind != "person_conflict"), "{:#}", r.report.raw["warnings"]);
    assert!(r.quarantine.is_empty());
    // Staffing is a quarter-end snapshot kept per period (documented choice).
    let staff = r.warehouse.find("staffing", "case_manager_id", &cmid(1));
    let periods: Vec<&str> = staff.iter().map(|w| w.period.as_str()).collect();
    assert_eq!(periods.len(), 2, "{staff:?}");
    assert!(periods.contains(&Q1) && periods.contains(&Q2));
}

#[test]
fn statewide_rows_from_several_submitters_follow_the_tie_rules() {
    let input = TempDir::new().unwrap();
    let shared = pid(1);
    let tie = pid(2);
    let private = "5500000001";
    // Hennepin: shared person with an episode starting 2025-10-01; tie person starts 2026-04-01.
    let mut hen = hennepin(Q2, 1);
    hen.clear("persons.csv")
        .clear("episodes.csv")
        .clear("contacts.csv")
        .clear("assessments.csv")
        .clear("events.csv")
        .clear("surveys.csv");
    hen.add(rows::person(&shared).set("sex", "F"));
    hen.add(rows::person(&tie).set("zip", "55401"));
    hen.add(rows::episode("E1", &shared, HEN_PROV).set("start_date", "2025-10-01"));
    hen.add(rows::episode("E2", &tie, HEN_PROV).set("start_date", "2026-04-01"));
    hen.add(rows::provider(private, "private").set("provider_name", "Northside Supports"));
    hen.add(rows::provider(UCARE_PROV, "mco").set("provider_name", "UCare (as Hennepin knows it)"));
    hen.write(input.path());
    // Ramsey: the same people; its episode for `shared` starts later, so its row wins.
    let mut ram = ramsey(Q2, 1);
    ram.clear("persons.csv")
        .clear("episodes.csv")
        .clear("contacts.csv")
        .clear("assessments.csv")
        .clear("events.csv")
        .clear("surveys.csv");
    ram.add(rows::person(&shared).set("sex", "X"));
    ram.add(rows::person(&tie).set("zip", "55106"));
    ram.add(rows::episode("R1", &shared, RAM_PROV).set("start_date", "2026-05-01"));
    ram.add(rows::episode("R2", &tie, RAM_PROV).set("start_date", "2026-04-01"));
    ram.add(rows::provider(private, "private").set("provider_name", "Northside Supports Inc"));
    ram.write(input.path());
    // UCare describes itself: its row wins although county-27053 sorts first.
    let mut uc = ucare(Q2, 1);
    uc.clear("PROVIDERS.txt");
    uc.add(mco::provider(UCARE_PROV).set("PROV_NAME", "UCare"));
    uc.write(input.path());

    let r = ingest(input.path());
    assert_accounting(&r);
    let sp = r.warehouse.one("persons", "person_id", &shared);
    assert_eq!((sp.submitter.as_str(), sp.get("sex")), (RAM, &s("X")), "latest episode start wins");
    let tp = r.warehouse.one("persons", "person_id", &tie);
    assert_eq!((tp.submitter.as_str(), tp.get("zip")), (HEN, &s("55401")), "tie: lowest submitter_id");
    let pv = r.warehouse.one("providers", "provider_id", private);
    assert_eq!(
        (pv.submitter.as_str(), pv.get("provider_name")),
        (HEN, &s("Northside Supports")),
        "no kind matches: lowest submitter_id"
    );
    let uv = r.warehouse.one("providers", "provider_id", UCARE_PROV);
    assert_eq!(
        (uv.submitter.as_str(), uv.get("provider_name")),
        (UCARE, &s("UCare")),
        "the submitter whose kind matches wins"
    );

    let warn = |kind: &str, key: &str| {
        r.report
            .warnings
            .iter()
            .find(|w| w.kind == kind && w.key == key)
            .unwrap_or_else(|| panic!("no {kind} warning for {key}: {:#}", r.report.raw["warnings"]))
            .clone()
    };
    for (kind, key, subs) in [
        ("person_conflict", shared.as_str(), vec![HEN, RAM]),
        ("person_conflict", tie.as_str(), vec![HEN, RAM]),
        ("provider_conflict", private, vec![HEN, RAM]),
        ("provider_conflict", UCARE_PROV, vec![HEN, UCARE]),
    ] {
        let w = warn(kind, key);
        assert_eq!(w.period, Q2);
        let mut got = w.submitters.clone();
        got.sort();
        assert_eq!(got, subs, "{kind} {key}");
        assert!(!w.message.is_empty());
    }
    // Persons sent identically by several submitters are not conflicts.
    assert_eq!(
        r.report.warnings.iter().filter(|w| w.kind == "person_conflict").count(),
        2,
        "{:#}",
        r.report.raw["warnings"]
    );
}
