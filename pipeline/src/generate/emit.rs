//! How rows become bytes: the file names and headers of both layouts, one rendering
//! function per canonical table that writes a row's fields in a layout's conventions, and the
//! encoders (the `csv` crate for standard-v1, `|`-joined lines for mco-v1).

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};

use super::data::{product_code, TYPE_CODES};
use super::world::World;

pub(crate) const F_PROVIDERS: usize = 0;
pub(crate) const F_PERSONS: usize = 1;
pub(crate) const F_EPISODES: usize = 2;
pub(crate) const F_CONTACTS: usize = 3;
pub(crate) const F_ASSESSMENTS: usize = 4;
pub(crate) const F_EVENTS: usize = 5;
pub(crate) const F_SURVEYS: usize = 6;
pub(crate) const F_STAFFING: usize = 7;
/// Sink slots per package (standard-v1 has 8 files; mco-v1 uses 7 of the slots: its
/// assessments go to CC_ACTIVITY.txt, the contacts slot).
pub(crate) const NFILES: usize = 8;

pub(crate) const STD_FILES: [&str; NFILES] = [
    "providers.csv",
    "persons.csv",
    "episodes.csv",
    "contacts.csv",
    "assessments.csv",
    "events.csv",
    "surveys.csv",
    "staffing.csv",
];
pub(crate) const MCO_FILES: [&str; NFILES] =
    ["PROVIDERS.txt", "MEMBERS.txt", "ENROLL.txt", "CC_ACTIVITY.txt", "", "UTIL.txt", "SURVEY.txt", "STAFF.txt"];

pub(crate) const STD_HEADERS: [&[&str]; NFILES] = [
    &[
        "provider_id", "provider_name", "provider_kind", "counties_served", "cm_types", "languages", "culturally_specific",
        "accepting_new", "phone", "website", "street", "city", "zip", "mission",
    ],
    &[
        "person_id", "birth_date", "sex", "race", "hispanic", "ethnicity_detail", "preferred_language", "interpreter_needed",
        "county_fips", "zip", "tribal_affiliation", "dual_eligible", "homeless", "smi", "sud", "dd", "bi", "physical_disability",
        "chronic_condition_count", "prior_year_inpatient", "prior_year_ed",
    ],
    &["episode_id", "person_id", "provider_id", "cm_type", "payer", "court_ordered", "start_date", "end_date", "end_reason", "case_manager_id"],
    &[
        "contact_id", "episode_id", "person_id", "provider_id", "case_manager_id", "contact_date", "mode", "location", "with_whom",
        "procedure_code", "modifiers", "place_of_service", "billed", "minutes",
    ],
    &["record_id", "episode_id", "person_id", "provider_id", "kind", "completed_date"],
    &["event_id", "person_id", "kind", "start_date", "end_date"],
    &[
        "response_id", "person_id", "provider_id", "cm_type", "survey_date", "respondent", "language", "helped", "listened",
        "respect", "reachable", "informed_choice", "goals_progress", "overall",
    ],
    &["case_manager_id", "provider_id", "fte", "cm_types", "languages"],
];

pub(crate) const MCO_HEADERS: [&[&str]; NFILES] = [
    &["PROV_ID", "PROV_NAME", "PROV_TYPE", "COUNTIES", "PRODUCTS", "LANGS", "CULT_SPECIFIC", "ACCEPTING", "PHONE", "URL", "ADDR", "CITY", "ZIP", "MISSION"],
    &[
        "MEMBER_ID", "DOB", "GENDER", "RACE", "HISP", "ETHNIC_DETAIL", "LANG", "INTERP", "COUNTY", "ZIP", "TRIBE", "DUAL", "HOMELESS",
        "SMI", "SUD", "DD", "BI", "PHYS_DIS", "CHRONIC_CT", "PY_IP", "PY_ED",
    ],
    &["ENR_ID", "MEMBER_ID", "PROV_ID", "PRODUCT", "START_DT", "END_DT", "END_RSN", "CC_ID"],
    &["ACT_ID", "ENR_ID", "MEMBER_ID", "PROV_ID", "CC_ID", "ACT_DT", "ACT_CODE", "MINUTES"],
    &[],
    &["UTIL_ID", "MEMBER_ID", "UTIL_TYPE", "FROM_DT", "THRU_DT"],
    &[
        "RESP_ID", "MEMBER_ID", "PROV_ID", "PRODUCT", "SURVEY_DT", "RESPONDENT", "LANG", "HELPED", "LISTENED", "RESPECT",
        "REACHABLE", "INFORMED_CHOICE", "GOALS", "OVERALL",
    ],
    &["CC_ID", "PROV_ID", "FTE", "PRODUCTS", "LANGS"],
];

/// The sink slot a canonical table's rows go to in a layout.
pub(crate) fn slot(mco: bool, file: usize) -> usize {
    if mco && file == F_ASSESSMENTS {
        F_CONTACTS
    } else {
        file
    }
}

pub(crate) fn file_name(mco: bool, slot: usize) -> &'static str {
    if mco {
        MCO_FILES[slot]
    } else {
        STD_FILES[slot]
    }
}

pub(crate) fn header(mco: bool, slot: usize) -> &'static [&'static str] {
    if mco {
        MCO_HEADERS[slot]
    } else {
        STD_HEADERS[slot]
    }
}

/// Slots that are files of the layout, in file order.
pub(crate) fn slots(mco: bool) -> impl Iterator<Item = usize> {
    (0..NFILES).filter(move |s| !(mco && *s == F_ASSESSMENTS))
}

pub(crate) const MODES: [&str; 4] = ["in_person", "itv", "phone", "other"];
pub(crate) const LOCATIONS: [&str; 5] = ["home", "office", "community", "facility", "other"];
pub(crate) const WITH_WHOM: [&str; 4] = ["person", "family", "provider", "other"];
pub(crate) const END_REASONS: [&str; 7] = ["goals_met", "moved", "person_choice", "provider_change", "ineligible", "death", "other"];
pub(crate) const R_GOALS: u8 = 0;
pub(crate) const R_MOVED: u8 = 1;
pub(crate) const R_PROVIDER: u8 = 3;
pub(crate) const R_INELIGIBLE: u8 = 4;
pub(crate) const R_DEATH: u8 = 5;
pub(crate) const R_OTHER: u8 = 6;

pub(crate) const ASSESSMENT_KINDS: [&str; 6] = ["assessment", "mnchoices", "hra", "care_plan", "plan_review", "transition_plan"];
pub(crate) const K_ASSESSMENT: u8 = 0;
pub(crate) const K_MNCHOICES: u8 = 1;
pub(crate) const K_HRA: u8 = 2;
pub(crate) const K_CARE_PLAN: u8 = 3;
pub(crate) const K_PLAN_REVIEW: u8 = 4;
pub(crate) const K_TRANSITION: u8 = 5;
/// CC_ACTIVITY codes for assessment kinds (`assessment`/`mnchoices` have none).
const ACT_ASSESS: [&str; 6] = ["", "", "HRA", "SUPPORT_PLAN", "PLAN_REVIEW", "TRANSITION_PLAN"];
const ACT_MODE: [&str; 4] = ["VISIT_INPERSON", "VISIT_VIDEO", "CALL", "CALL"];

pub(crate) const EVENT_KINDS: [&str; 9] = [
    "psych_admit",
    "inpatient_admit",
    "ed_visit",
    "nursing_facility_admit",
    "placement",
    "maltreatment_substantiated",
    "preventive_visit",
    "mh_followup_visit",
    "death",
];
pub(crate) const E_PSYCH: u8 = 0;
pub(crate) const E_IP: u8 = 1;
pub(crate) const E_ED: u8 = 2;
pub(crate) const E_NF: u8 = 3;
pub(crate) const E_PLACEMENT: u8 = 4;
pub(crate) const E_MALTREATMENT: u8 = 5;
pub(crate) const E_PREVENTIVE: u8 = 6;
pub(crate) const E_MH_FOLLOWUP: u8 = 7;
pub(crate) const E_DEATH: u8 = 8;
/// UTIL_TYPE codes (placements and maltreatment are child-welfare records, never in MCO files).
const UTIL_TYPES: [&str; 9] = ["IPPSY", "IP", "ED", "NF", "", "", "PREV", "MHOP", "DEATH"];

pub(crate) fn mco_can_send(kind: u8) -> bool {
    !UTIL_TYPES[kind as usize].is_empty()
}

/// Formatted dates for every day from 1900-01-01 on, in both layouts.
pub(crate) struct Dates {
    base: i32,
    std: Vec<[u8; 10]>,
    mco: Vec<[u8; 8]>,
}

impl Dates {
    pub(crate) fn new() -> Dates {
        let first = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date");
        let base = first.num_days_from_ce();
        let n = NaiveDate::from_ymd_opt(2200, 1, 1).expect("date").num_days_from_ce() - base;
        let mut std = Vec::with_capacity(n as usize);
        let mut mco = Vec::with_capacity(n as usize);
        let mut d = first;
        for _ in 0..n {
            let (y, m, dd) = (d.year() as u32, d.month(), d.day());
            let digits = |v: u32, out: &mut [u8]| {
                let mut v = v;
                for b in out.iter_mut().rev() {
                    *b = b'0' + (v % 10) as u8;
                    v /= 10;
                }
            };
            let mut s = [b'-'; 10];
            digits(y, &mut s[0..4]);
            digits(m, &mut s[5..7]);
            digits(dd, &mut s[8..10]);
            let mut c = [0u8; 8];
            digits(y, &mut c[0..4]);
            digits(m, &mut c[4..6]);
            digits(dd, &mut c[6..8]);
            std.push(s);
            mco.push(c);
            d = d.succ_opt().expect("date");
        }
        Dates { base, std, mco }
    }

    pub(crate) fn push(&self, out: &mut String, mco: bool, day: i32) {
        let i = day - self.base;
        if i < 0 || i as usize >= self.std.len() {
            let d = NaiveDate::from_num_days_from_ce_opt(day).expect("date in range");
            out.push_str(&d.format(if mco { "%Y%m%d" } else { "%Y-%m-%d" }).to_string());
            return;
        }
        let b: &[u8] = if mco { &self.mco[i as usize] } else { &self.std[i as usize] };
        out.push_str(std::str::from_utf8(b).expect("ascii"));
    }
}

/// A reusable row of fields.
#[derive(Default)]
pub(crate) struct Fields {
    v: Vec<String>,
    n: usize,
}

impl Fields {
    pub(crate) fn clear(&mut self) {
        self.n = 0;
    }
    pub(crate) fn next(&mut self) -> &mut String {
        if self.n == self.v.len() {
            self.v.push(String::new());
        }
        let s = &mut self.v[self.n];
        s.clear();
        self.n += 1;
        s
    }
    pub(crate) fn push(&mut self, x: &str) {
        self.next().push_str(x);
    }
    pub(crate) fn get(&self) -> &[String] {
        &self.v[..self.n]
    }
    pub(crate) fn get_mut(&mut self) -> &mut [String] {
        &mut self.v[..self.n]
    }
    pub(crate) fn truncate(&mut self, n: usize) {
        self.n = self.n.min(n);
    }
}

/// Layout conventions for one row.
#[derive(Clone, Copy)]
pub(crate) struct Fmt<'d> {
    pub mco: bool,
    pub dates: &'d Dates,
}

impl Fmt<'_> {
    pub(crate) fn date(&self, f: &mut Fields, d: Option<i32>) {
        let s = f.next();
        if let Some(d) = d {
            self.dates.push(s, self.mco, d);
        }
    }
    pub(crate) fn flag(&self, f: &mut Fields, v: Option<bool>) {
        f.push(match (v, self.mco) {
            (None, _) => "",
            (Some(true), false) => "Y",
            (Some(false), false) => "N",
            (Some(true), true) => "1",
            (Some(false), true) => "0",
        });
    }
    /// A canonical `;` list in the layout's separator.
    pub(crate) fn list(&self, f: &mut Fields, canonical: &str) {
        let s = f.next();
        if self.mco {
            s.extend(canonical.chars().map(|c| if c == ';' { '~' } else { c }));
        } else {
            s.push_str(canonical);
        }
    }
    fn list_of<'a>(&self, f: &mut Fields, items: impl Iterator<Item = &'a str>) {
        let sep = if self.mco { '~' } else { ';' };
        let s = f.next();
        for (i, x) in items.enumerate() {
            if i > 0 {
                s.push(sep);
            }
            s.push_str(x);
        }
    }
    fn num(&self, f: &mut Fields, v: Option<u32>) {
        let s = f.next();
        if let Some(v) = v {
            use std::fmt::Write as _;
            let _ = write!(s, "{v}");
        }
    }
    fn text(&self, f: &mut Fields, v: &str) {
        if self.mco {
            // No quoting in mco-v1: a value never carries the delimiter or a line break.
            f.next().extend(v.chars().map(|c| if c == '|' || c == '\n' || c == '\r' { ' ' } else { c }));
        } else {
            f.push(v);
        }
    }
    fn cm_type(&self, f: &mut Fields, t: u8) {
        f.push(if self.mco { product_code(t) } else { TYPE_CODES[t as usize] });
    }
}

pub(crate) fn types_list(types: u16) -> impl Iterator<Item = &'static str> {
    (0..TYPE_CODES.len()).filter(move |t| types & (1 << t) != 0).map(|t| TYPE_CODES[t])
}

pub(crate) fn provider_row(f: &mut Fields, fmt: Fmt, w: &World, p: usize, accepting: bool) {
    let pr = &w.providers[p];
    f.clear();
    f.push(&pr.id);
    fmt.text(f, &pr.name);
    f.push(pr.kind.code());
    fmt.list_of(f, pr.counties.iter().map(|c| crate::geography::COUNTIES[*c].fips));
    fmt.list_of(f, types_list(pr.types));
    fmt.list_of(f, pr.languages.iter().copied());
    // Free text (the contract gives no code list): the community a culturally specific
    // agency serves, empty otherwise; the same text in both layouts.
    fmt.text(f, pr.serves());
    fmt.flag(f, Some(accepting));
    f.push(&pr.phone);
    f.push(&pr.website);
    fmt.text(f, &pr.street);
    fmt.text(f, &pr.city);
    f.push(&pr.zip);
    fmt.text(f, &pr.mission);
}

/// A person as sent in one package.
pub(crate) struct PersonRow<'a> {
    pub id: &'a str,
    pub birth: Option<i32>,
    pub sex: &'a str,
    pub race: &'a str,
    pub hispanic: &'a str,
    pub ethnicity: &'a str,
    pub language: &'a str,
    pub interpreter: Option<bool>,
    pub county: &'a str,
    pub zip: &'a str,
    pub tribe: &'a str,
    pub flags: [Option<bool>; 7],
    pub chronic: Option<u32>,
    pub py_ip: Option<u32>,
    pub py_ed: Option<u32>,
}

pub(crate) fn person_row(f: &mut Fields, fmt: Fmt, p: &PersonRow) {
    f.clear();
    f.push(p.id);
    fmt.date(f, p.birth);
    f.push(p.sex);
    fmt.list(f, p.race);
    f.push(if fmt.mco {
        match p.hispanic {
            "Y" => "1",
            "N" => "0",
            "U" => "9",
            _ => "",
        }
    } else {
        p.hispanic
    });
    f.push(p.ethnicity);
    f.push(p.language);
    fmt.flag(f, p.interpreter);
    f.push(p.county);
    f.push(p.zip);
    f.push(p.tribe);
    for v in p.flags {
        fmt.flag(f, v);
    }
    fmt.num(f, p.chronic);
    fmt.num(f, p.py_ip);
    fmt.num(f, p.py_ed);
}

pub(crate) struct EpisodeRow<'a> {
    pub id: &'a str,
    pub person: &'a str,
    pub provider: &'a str,
    pub t: u8,
    /// Some(true) MCO, Some(false) FFS.
    pub payer_mco: Option<bool>,
    pub court: Option<bool>,
    pub start: i32,
    pub end: Option<i32>,
    pub reason: Option<u8>,
    pub cm: &'a str,
}

pub(crate) fn episode_row(f: &mut Fields, fmt: Fmt, e: &EpisodeRow) {
    f.clear();
    f.push(e.id);
    f.push(e.person);
    f.push(e.provider);
    fmt.cm_type(f, e.t);
    if !fmt.mco {
        f.push(match e.payer_mco {
            Some(true) => "MCO",
            Some(false) => "FFS",
            None => "",
        });
        fmt.flag(f, e.court);
    }
    fmt.date(f, Some(e.start));
    fmt.date(f, e.end);
    f.push(e.reason.map(|r| END_REASONS[r as usize]).unwrap_or(""));
    f.push(e.cm);
}

pub(crate) struct ContactRow<'a> {
    pub id: &'a str,
    pub episode: &'a str,
    pub person: &'a str,
    pub provider: &'a str,
    pub cm: &'a str,
    pub date: i32,
    pub mode: u8,
    pub location: Option<u8>,
    pub with_whom: u8,
    pub procedure: &'a str,
    pub modifiers: &'a str,
    pub pos: &'a str,
    pub billed: Option<bool>,
    pub minutes: Option<u32>,
}

pub(crate) fn contact_row(f: &mut Fields, fmt: Fmt, c: &ContactRow) {
    f.clear();
    f.push(c.id);
    f.push(c.episode);
    f.push(c.person);
    f.push(c.provider);
    f.push(c.cm);
    fmt.date(f, Some(c.date));
    if fmt.mco {
        f.push(ACT_MODE[c.mode as usize]);
        fmt.num(f, c.minutes);
        return;
    }
    f.push(MODES[c.mode as usize]);
    f.push(c.location.map(|l| LOCATIONS[l as usize]).unwrap_or(""));
    f.push(WITH_WHOM[c.with_whom as usize]);
    f.push(c.procedure);
    f.push(c.modifiers);
    f.push(c.pos);
    fmt.flag(f, c.billed);
    fmt.num(f, c.minutes);
}

pub(crate) struct AssessmentRow<'a> {
    pub id: &'a str,
    pub episode: &'a str,
    pub person: &'a str,
    pub provider: &'a str,
    /// Care coordinator (CC_ACTIVITY only).
    pub cm: &'a str,
    pub kind: u8,
    pub date: i32,
    /// Minutes (CC_ACTIVITY only).
    pub minutes: Option<u32>,
}

pub(crate) fn assessment_row(f: &mut Fields, fmt: Fmt, a: &AssessmentRow) {
    f.clear();
    f.push(a.id);
    f.push(a.episode);
    f.push(a.person);
    f.push(a.provider);
    if fmt.mco {
        f.push(a.cm);
        fmt.date(f, Some(a.date));
        f.push(ACT_ASSESS[a.kind as usize]);
        fmt.num(f, a.minutes);
    } else {
        f.push(ASSESSMENT_KINDS[a.kind as usize]);
        fmt.date(f, Some(a.date));
    }
}

pub(crate) fn mco_can_assess(kind: u8) -> bool {
    !ACT_ASSESS[kind as usize].is_empty()
}

pub(crate) struct EventRow<'a> {
    pub id: &'a str,
    pub person: &'a str,
    pub kind: u8,
    pub start: i32,
    pub end: Option<i32>,
}

pub(crate) fn event_row(f: &mut Fields, fmt: Fmt, e: &EventRow) {
    f.clear();
    f.push(e.id);
    f.push(e.person);
    f.push(if fmt.mco { UTIL_TYPES[e.kind as usize] } else { EVENT_KINDS[e.kind as usize] });
    fmt.date(f, Some(e.start));
    fmt.date(f, e.end);
}

pub(crate) struct SurveyRow<'a> {
    pub id: &'a str,
    pub person: &'a str,
    pub provider: &'a str,
    pub t: u8,
    pub date: i32,
    pub proxy: Option<bool>,
    pub language: &'a str,
    /// helped, listened, respect, reachable, goals_progress.
    pub items: [Option<u32>; 5],
    pub informed: Option<bool>,
    pub overall: Option<u32>,
}

pub(crate) fn survey_row(f: &mut Fields, fmt: Fmt, s: &SurveyRow) {
    f.clear();
    f.push(s.id);
    f.push(s.person);
    f.push(s.provider);
    fmt.cm_type(f, s.t);
    fmt.date(f, Some(s.date));
    f.push(match s.proxy {
        Some(true) => "proxy",
        Some(false) => "self",
        None => "",
    });
    f.push(s.language);
    for v in &s.items[..4] {
        fmt.num(f, *v);
    }
    fmt.flag(f, s.informed);
    fmt.num(f, s.items[4]);
    fmt.num(f, s.overall);
}

pub(crate) fn staff_row(f: &mut Fields, fmt: Fmt, cm: &str, provider: &str, fte: &str, types: u16, langs: &[&str]) {
    f.clear();
    f.push(cm);
    f.push(provider);
    f.push(fte);
    fmt.list_of(f, types_list(types));
    fmt.list_of(f, langs.iter().copied());
}

/// Collects what the csv writer produces.
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Turns fields into the bytes of one record.
pub(crate) struct Encoder {
    lf: csv::Writer<Shared>,
    crlf: csv::Writer<Shared>,
    out: Rc<RefCell<Vec<u8>>>,
}

impl Encoder {
    pub(crate) fn new() -> Encoder {
        let out = Rc::new(RefCell::new(Vec::new()));
        let build = |t: csv::Terminator| {
            csv::WriterBuilder::new().flexible(true).terminator(t).buffer_capacity(1 << 12).from_writer(Shared(out.clone()))
        };
        Encoder { lf: build(csv::Terminator::Any(b'\n')), crlf: build(csv::Terminator::CRLF), out }
    }

    pub(crate) fn encode<S: AsRef<str>>(&mut self, mco: bool, crlf: bool, fields: &[S], dst: &mut Vec<u8>) {
        if mco {
            for (i, v) in fields.iter().enumerate() {
                if i > 0 {
                    dst.push(b'|');
                }
                dst.extend_from_slice(v.as_ref().as_bytes());
            }
            dst.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            return;
        }
        let w = if crlf { &mut self.crlf } else { &mut self.lf };
        w.write_record(fields.iter().map(|s| s.as_ref())).expect("writing to memory");
        w.flush().expect("writing to memory");
        let mut o = self.out.borrow_mut();
        dst.extend_from_slice(&o);
        o.clear();
    }
}
