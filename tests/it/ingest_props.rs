//! Property: whatever is wrong with individual rows, ingest never loses one (extracts.md §4,
//! "Every row read ends in exactly one place"). Random corruptions of valid packages of both
//! layouts (plain, or with a BOM and CRLF line ends) are ingested through the library; for
//! every file read == accepted + quarantined, read equals the records written, the warehouse
//! and quarantine hold exactly the accepted and quarantined rows, and each quarantined row
//! carries the line and raw text it was written with.


use std::collections::BTreeMap;

use crate::common::*;
use proptest::prelude::*;
use tempfile::TempDir;

const PERIOD: &str = "2026Q2";

#[derive(Debug, Clone)]
enum Corruption {
    DropField,
    AddField,
    BlankRequired(usize),
    GarbleDate(usize, usize),
    GarbleCode(usize),
    NegativeCount(usize),
    Duplicate,
    MissingRef,
    EmbeddedNewline(usize),
    PipeInValue(usize),
}

fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        Just(Corruption::DropField),
        Just(Corruption::AddField),
        any::<usize>().prop_map(Corruption::BlankRequired),
        (any::<usize>(), 0usize..4).prop_map(|(c, k)| Corruption::GarbleDate(c, k)),
        any::<usize>().prop_map(Corruption::GarbleCode),
        any::<usize>().prop_map(Corruption::NegativeCount),
        Just(Corruption::Duplicate),
        Just(Corruption::MissingRef),
        any::<usize>().prop_map(Corruption::EmbeddedNewline),
        any::<usize>().prop_map(Corruption::PipeInValue),
    ]
}

/// Which columns of a file a corruption may target.
struct Roles {
    required: &'static [&'static str],
    dates: &'static [&'static str],
    codes: &'static [&'static str],
    counts: &'static [&'static str],
    person: Option<&'static str>,
}

fn roles(file: &str) -> Roles {
    let r = |required, dates, codes, counts, person| Roles { required, dates, codes, counts, person };
    match file {
        "providers.csv" => r(&["provider_id"], &[], &["provider_kind", "cm_types", "accepting_new", "zip"], &[], None),
        "persons.csv" => r(
            &["person_id"],
            &["birth_date"],
            &["sex", "race", "hispanic", "county_fips", "interpreter_needed"],
            &["chronic_condition_count", "prior_year_inpatient", "prior_year_ed"],
            None,
        ),
        "episodes.csv" => r(
            &["episode_id", "person_id", "provider_id", "cm_type", "start_date"],
            &["start_date", "end_date"],
            &["cm_type", "payer", "court_ordered", "case_manager_id"],
            &[],
            Some("person_id"),
        ),
        "contacts.csv" => r(
            &["contact_id", "episode_id", "person_id", "provider_id", "contact_date", "mode"],
            &["contact_date"],
            &["mode", "location", "with_whom", "billed", "procedure_code"],
            &["minutes"],
            Some("person_id"),
        ),
        "assessments.csv" => r(
            &["record_id", "episode_id", "person_id", "provider_id", "kind", "completed_date"],
            &["completed_date"],
            &["kind"],
            &[],
            Some("person_id"),
        ),
        "events.csv" => r(
            &["event_id", "person_id", "kind", "start_date"],
            &["start_date", "end_date"],
            &["kind"],
            &[],
            Some("person_id"),
        ),
        "surveys.csv" => r(
            &["response_id", "person_id", "provider_id", "cm_type", "survey_date"],
            &["survey_date"],
            &["cm_type", "respondent", "language", "informed_choice"],
            &["helped", "listened", "overall"],
            Some("person_id"),
        ),
        "staffing.csv" => {
            r(&["case_manager_id", "provider_id", "fte"], &[], &["cm_types", "languages"], &["fte"], None)
        }
        "PROVIDERS.txt" => r(&["PROV_ID"], &[], &["PROV_TYPE", "PRODUCTS", "ACCEPTING", "COUNTIES"], &[], None),
        "MEMBERS.txt" => {
            r(&["MEMBER_ID"], &["DOB"], &["GENDER", "HISP", "RACE", "INTERP"], &["CHRONIC_CT", "PY_IP", "PY_ED"], None)
        }
        "ENROLL.txt" => r(
            &["ENR_ID", "MEMBER_ID", "PROV_ID", "PRODUCT", "START_DT"],
            &["START_DT", "END_DT"],
            &["PRODUCT", "END_RSN", "CC_ID"],
            &[],
            Some("MEMBER_ID"),
        ),
        "CC_ACTIVITY.txt" => r(
            &["ACT_ID", "ENR_ID", "MEMBER_ID", "PROV_ID", "ACT_DT", "ACT_CODE"],
            &["ACT_DT"],
            &["ACT_CODE"],
            &["MINUTES"],
            Some("MEMBER_ID"),
        ),
        "UTIL.txt" => r(
            &["UTIL_ID", "MEMBER_ID", "UTIL_TYPE", "FROM_DT"],
            &["FROM_DT", "THRU_DT"],
            &["UTIL_TYPE"],
            &[],
            Some("MEMBER_ID"),
        ),
        "SURVEY.txt" => r(
            &["RESP_ID", "MEMBER_ID", "PROV_ID", "PRODUCT", "SURVEY_DT"],
            &["SURVEY_DT"],
            &["PRODUCT", "RESPONDENT", "INFORMED_CHOICE"],
            &["HELPED", "OVERALL"],
            Some("MEMBER_ID"),
        ),
        "STAFF.txt" => r(&["CC_ID", "PROV_ID", "FTE"], &[], &["PRODUCTS", "LANGS"], &["FTE"], None),
        other => panic!("no roles for {other}"),
    }
}

/// A valid package of `n` people, as records per file (values in header order).
fn valid_records(mco_layout: bool, n: u64) -> (String, BTreeMap<&'static str, Vec<Rec>>) {
    let mut files: BTreeMap<&'static str, Vec<Rec>> = BTreeMap::new();
    let mut put = |r: Rec| files.entry(r.file).or_default().push(r);
    if mco_layout {
        put(mco::provider(UCARE_PROV));
        put(mco::provider("4100000102").set("PROV_TYPE", "private"));
        let codes = ["VISIT_INPERSON", "VISIT_VIDEO", "CALL", "HRA", "SUPPORT_PLAN", "PLAN_REVIEW", "TRANSITION_PLAN"];
        let utils = ["IP", "IPPSY", "ED", "NF", "PREV", "MHOP", "DEATH"];
        for i in 0..n {
            let m = pid(500 + i);
            put(mco::member(&m));
            put(mco::enroll(&format!("N{i}"), &m, UCARE_PROV));
            put(mco::activity(&format!("K{i}a"), &format!("N{i}"), &m, UCARE_PROV, codes[i as usize % 7]));
            put(mco::activity(&format!("K{i}b"), &format!("N{i}"), &m, UCARE_PROV, codes[(i as usize + 3) % 7]));
            put(mco::util(&format!("U{i}"), &m, utils[i as usize % 7]));
            put(mco::survey(&format!("R{i}"), &m, UCARE_PROV));
        }
        put(mco::staff(&cmid(1), UCARE_PROV));
        put(mco::staff(&cmid(2), "4100000102"));
        (UCARE.to_string(), files)
    } else {
        put(rows::provider(HEN_PROV, "county"));
        put(rows::provider(HEN_PROV2, "private").set("mission", "Serving families"));
        for i in 0..n {
            let p = pid(500 + i);
            put(rows::person(&p));
            put(rows::episode(&format!("E{i}"), &p, HEN_PROV));
            put(rows::contact(&format!("C{i}a"), &format!("E{i}"), &p, HEN_PROV));
            put(rows::contact(&format!("C{i}b"), &format!("E{i}"), &p, HEN_PROV).set("mode", "phone"));
            put(rows::assessment(&format!("A{i}"), &format!("E{i}"), &p, HEN_PROV));
            put(rows::event(&format!("V{i}"), &p));
            put(rows::survey(&format!("S{i}"), &p, HEN_PROV));
        }
        put(rows::staff(&cmid(1), HEN_PROV));
        put(rows::staff(&cmid(2), HEN_PROV2));
        (HEN.to_string(), files)
    }
}

fn pick<'a>(cols: &[&'a str], k: usize) -> Option<&'a str> {
    (!cols.is_empty()).then(|| cols[k % cols.len()])
}

/// Applies one corruption to record `row` (modulo the record count) of `file`.
fn corrupt(file: &'static str, vals: &mut Vec<Vec<String>>, row: usize, c: &Corruption, salt: u64) {
    if vals.is_empty() {
        return;
    }
    let row = row % vals.len();
    let (header, sep) = header_of(file);
    let roles = roles(file);
    let set = |vals: &mut Vec<Vec<String>>, col: &str, v: String| {
        if let Some(i) = header.iter().position(|h| *h == col) {
            if vals[row].len() == header.len() {
                vals[row][i] = v;
            }
        }
    };
    match c {
        Corruption::DropField => {
            // (never down to an empty line: a blank line is not a record in either layout)
            if vals[row].len() > 2 {
                vals[row].pop();
            }
        }
        Corruption::AddField => vals[row].push("extra".into()),
        Corruption::BlankRequired(k) => {
            if let Some(col) = pick(roles.required, *k) {
                set(vals, col, String::new());
            }
        }
        Corruption::GarbleDate(k, which) => {
            if let Some(col) = pick(roles.dates, *k) {
                let standard = ["2026-02-30", "2026/01/05", "soon", "2031-01-01"];
                let mco = ["20260230", "2026-01-05", "soon", "20310101"];
                set(vals, col, if sep == '|' { mco[*which] } else { standard[*which] }.to_string());
            }
        }
        Corruption::GarbleCode(k) => {
            if let Some(col) = pick(roles.codes, *k) {
                set(vals, col, "ZZZ".into());
            }
        }
        Corruption::NegativeCount(k) => {
            if let Some(col) = pick(roles.counts, *k) {
                set(vals, col, "-3".into());
            }
        }
        Corruption::Duplicate => {
            let copy = vals[row].clone();
            vals.insert(row + 1, copy);
        }
        Corruption::MissingRef => {
            if let Some(col) = roles.person {
                set(vals, col, pid(0xf_0000 + salt));
            }
        }
        Corruption::EmbeddedNewline(k) => {
            if sep == ',' {
                // A quoted field spanning two lines: in a free-text or a coded column.
                let col = if file == "providers.csv" && k % 2 == 0 { Some("mission") } else { pick(roles.codes, *k) };
                if let Some(col) = col {
                    set(vals, col, "first line\nsecond, \"quoted\" line".into());
                }
            }
        }
        Corruption::PipeInValue(k) => {
            if let Some(col) = pick(roles.codes, *k) {
                set(vals, col, "A|B".into());
            }
        }
    }
}

fn check(mco_layout: bool, dos: bool, n: u64, corruptions: &[(usize, usize, Corruption)]) -> Result<(), TestCaseError> {
    let (submitter, files) = valid_records(mco_layout, n);
    let names: Vec<&'static str> = layout_files(&submitter);
    let mut vals: BTreeMap<&'static str, Vec<Vec<String>>> = names
        .iter()
        .map(|f| (*f, files.get(f).map(|r| r.iter().map(|r| r.vals.clone()).collect()).unwrap_or_default()))
        .collect();
    let mut recs: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (i, (f, row, c)) in corruptions.iter().enumerate() {
        let file = names[f % names.len()];
        corrupt(file, vals.get_mut(file).unwrap(), *row, c, i as u64);
    }
    for f in &names {
        recs.insert(*f, vals[f].iter().map(|v| encode(f, v)).collect());
    }
    let mut pkg = Pkg::new(&submitter, PERIOD, 1);
    for f in &names {
        for r in &recs[f] {
            pkg.push(f, r);
        }
    }
    if dos {
        pkg.bom_crlf_all();
    }
    let input = TempDir::new().unwrap();
    pkg.write(input.path());
    let out = TempDir::new().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let outcome = rt.block_on(casecard::ingest::ingest(input.path(), out.path()));
    prop_assert!(outcome.is_ok(), "ingest failed: {:?}", outcome.err());
    let (report, quarantine, warehouse) = read_out(out.path());
    assert_accounting_of(&report, &quarantine);

    prop_assert_eq!(report.packages.len(), 1);
    let p = &report.packages[0];
    prop_assert_eq!(&p.status, "loaded", "{}", p.message);
    let (mut accepted, mut quarantined) = (0u64, 0u64);
    for f in &names {
        let fr = p.file(f);
        prop_assert_eq!(fr.read, recs[f].len() as u64, "{}: read vs records written", f);
        prop_assert_eq!(fr.read, fr.accepted + fr.quarantined_total(), "{}", f);
        accepted += fr.accepted;
        quarantined += fr.quarantined_total();
        // Each quarantined row: a distinct record, with the line and raw text it was written with.
        let written: BTreeMap<i64, String> = pkg.lines(f).into_iter().map(|(l, r)| (l as i64, r)).collect();
        let mut seen = std::collections::BTreeSet::new();
        for q in quarantine.iter().filter(|q| q.file == *f) {
            prop_assert!(seen.insert(q.line), "{} line {} quarantined twice", f, q.line);
            prop_assert_eq!(written.get(&q.line), Some(&q.raw), "{} line {} ({}): raw", f, q.line, &q.reason);
        }
    }
    prop_assert_eq!(quarantine.len() as u64, quarantined);
    prop_assert_eq!(warehouse.total() as u64, accepted, "warehouse rows vs accepted rows");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn corrupted_rows_are_never_lost(
        mco_layout in any::<bool>(),
        dos in any::<bool>(),
        n in 2u64..6,
        corruptions in prop::collection::vec((any::<usize>(), any::<usize>(), corruption()), 0..14),
    ) {
        check(mco_layout, dos, n, &corruptions)?;
    }
}

/// The same property on a fixed, heavy corruption of every file, as a plain test.
#[test]
fn every_corruption_on_every_file() {
    let all = |k: usize| {
        vec![
            Corruption::DropField,
            Corruption::AddField,
            Corruption::BlankRequired(k),
            Corruption::GarbleDate(k, k % 4),
            Corruption::GarbleCode(k),
            Corruption::NegativeCount(k),
            Corruption::Duplicate,
            Corruption::MissingRef,
            Corruption::EmbeddedNewline(k),
            Corruption::PipeInValue(k),
        ]
    };
    for (mco_layout, dos) in [(false, false), (true, false), (false, true), (true, true)] {
        let mut cs = Vec::new();
        for f in 0..8 {
            for (j, c) in all(f).into_iter().enumerate() {
                cs.push((f, j, c));
            }
        }
        check(mco_layout, dos, 4, &cs).unwrap();
    }
}
