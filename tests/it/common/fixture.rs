//! Package fixtures: write standard-v1 and mco-v1 packages exactly as the extract contract
//! (extracts.md) describes them, with the manifest's `rows` and `sha256` computed from the
//! bytes actually written, and switches to break the package on purpose.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------
// Headers, copied from extracts.md §2 and §3 (normative).

pub const PROVIDERS: &[&str] = &[
    "provider_id",
    "provider_name",
    "provider_kind",
    "counties_served",
    "cm_types",
    "languages",
    "culturally_specific",
    "accepting_new",
    "phone",
    "website",
    "street",
    "city",
    "zip",
    "mission",
];
pub const PERSONS: &[&str] = &[
    "person_id",
    "birth_date",
    "sex",
    "race",
    "hispanic",
    "ethnicity_detail",
    "preferred_language",
    "interpreter_needed",
    "county_fips",
    "zip",
    "tribal_affiliation",
    "dual_eligible",
    "homeless",
    "smi",
    "sud",
    "dd",
    "bi",
    "physical_disability",
    "chronic_condition_count",
    "prior_year_inpatient",
    "prior_year_ed",
];
pub const EPISODES: &[&str] = &[
    "episode_id",
    "person_id",
    "provider_id",
    "cm_type",
    "payer",
    "court_ordered",
    "start_date",
    "end_date",
    "end_reason",
    "case_manager_id",
];
pub const CONTACTS: &[&str] = &[
    "contact_id",
    "episode_id",
    "person_id",
    "provider_id",
    "case_manager_id",
    "contact_date",
    "mode",
    "location",
    "with_whom",
    "procedure_code",
    "modifiers",
    "place_of_service",
    "billed",
    "minutes",
];
pub const ASSESSMENTS: &[&str] = &["record_id", "episode_id", "person_id", "provider_id", "kind", "completed_date"];
pub const EVENTS: &[&str] = &["event_id", "person_id", "kind", "start_date", "end_date"];
pub const SURVEYS: &[&str] = &[
    "response_id",
    "person_id",
    "provider_id",
    "cm_type",
    "survey_date",
    "respondent",
    "language",
    "helped",
    "listened",
    "respect",
    "reachable",
    "informed_choice",
    "goals_progress",
    "overall",
];
pub const STAFFING: &[&str] = &["case_manager_id", "provider_id", "fte", "cm_types", "languages"];

/// standard-v1 files in contract order; each file's header is its canonical table's columns.
pub const STANDARD_FILES: &[(&str, &[&str])] = &[
    ("providers.csv", PROVIDERS),
    ("persons.csv", PERSONS),
    ("episodes.csv", EPISODES),
    ("contacts.csv", CONTACTS),
    ("assessments.csv", ASSESSMENTS),
    ("events.csv", EVENTS),
    ("surveys.csv", SURVEYS),
    ("staffing.csv", STAFFING),
];

pub const MCO_PROVIDERS: &[&str] = &[
    "PROV_ID",
    "PROV_NAME",
    "PROV_TYPE",
    "COUNTIES",
    "PRODUCTS",
    "LANGS",
    "CULT_SPECIFIC",
    "ACCEPTING",
    "PHONE",
    "URL",
    "ADDR",
    "CITY",
    "ZIP",
    "MISSION",
];
pub const MCO_MEMBERS: &[&str] = &[
    "MEMBER_ID",
    "DOB",
    "GENDER",
    "RACE",
    "HISP",
    "ETHNIC_DETAIL",
    "LANG",
    "INTERP",
    "COUNTY",
    "ZIP",
    "TRIBE",
    "DUAL",
    "HOMELESS",
    "SMI",
    "SUD",
    "DD",
    "BI",
    "PHYS_DIS",
    "CHRONIC_CT",
    "PY_IP",
    "PY_ED",
];
pub const MCO_ENROLL: &[&str] =
    &["ENR_ID", "MEMBER_ID", "PROV_ID", "PRODUCT", "START_DT", "END_DT", "END_RSN", "CC_ID"];
pub const MCO_ACTIVITY: &[&str] =
    &["ACT_ID", "ENR_ID", "MEMBER_ID", "PROV_ID", "CC_ID", "ACT_DT", "ACT_CODE", "MINUTES"];
pub const MCO_UTIL: &[&str] = &["UTIL_ID", "MEMBER_ID", "UTIL_TYPE", "FROM_DT", "THRU_DT"];
pub const MCO_SURVEY: &[&str] = &[
    "RESP_ID",
    "MEMBER_ID",
    "PROV_ID",
    "PRODUCT",
    "SURVEY_DT",
    "RESPONDENT",
    "LANG",
    "HELPED",
    "LISTENED",
    "RESPECT",
    "REACHABLE",
    "INFORMED_CHOICE",
    "GOALS",
    "OVERALL",
];
pub const MCO_STAFF: &[&str] = &["CC_ID", "PROV_ID", "FTE", "PRODUCTS", "LANGS"];

/// mco-v1 files in contract order.
pub const MCO_FILES: &[(&str, &[&str])] = &[
    ("PROVIDERS.txt", MCO_PROVIDERS),
    ("MEMBERS.txt", MCO_MEMBERS),
    ("ENROLL.txt", MCO_ENROLL),
    ("CC_ACTIVITY.txt", MCO_ACTIVITY),
    ("UTIL.txt", MCO_UTIL),
    ("SURVEY.txt", MCO_SURVEY),
    ("STAFF.txt", MCO_STAFF),
];

/// The header columns and delimiter of a layout file.
pub fn header_of(file: &str) -> (&'static [&'static str], char) {
    if let Some((_, h)) = STANDARD_FILES.iter().find(|(n, _)| *n == file) {
        return (h, ',');
    }
    if let Some((_, h)) = MCO_FILES.iter().find(|(n, _)| *n == file) {
        return (h, '|');
    }
    panic!("{file} is not a file of either layout")
}

/// The files of the layout a submitter uses (`mco-` → mco-v1, else standard-v1).
pub fn layout_files(submitter_id: &str) -> Vec<&'static str> {
    let files = if submitter_id.starts_with("mco-") { MCO_FILES } else { STANDARD_FILES };
    files.iter().map(|(n, _)| *n).collect()
}

// ---------------------------------------------------------------------------------------
// Ids (valid Minnesota-style values).

/// A person id: `P` + 12 lower-case hex digits.
pub fn pid(n: u64) -> String {
    format!("P{:012x}", 0x3f9c_0a1b_0000u64 + n)
}

/// A case manager id: `CM` + 8 hex digits.
pub fn cmid(n: u64) -> String {
    format!("CM{:08x}", 0x1a2b_3c00u64 + n)
}

pub const HEN: &str = "county-27053"; // Hennepin
pub const RAM: &str = "county-27123"; // Ramsey
pub const LEECH: &str = "tribe-leech-lake";
pub const UCARE: &str = "mco-ucare";
pub const MEDICA: &str = "mco-medica";

pub const HEN_PROV: &str = "2705300001"; // Hennepin County case management (county)
pub const HEN_PROV2: &str = "2705300002"; // a private agency serving Hennepin
pub const RAM_PROV: &str = "2712300001"; // Ramsey County case management (county)
pub const LEECH_PROV: &str = "2702100001"; // Leech Lake Band human services (tribal)
pub const UCARE_PROV: &str = "4100000101"; // UCare care coordination (mco)
pub const MEDICA_PROV: &str = "4100000202"; // Medica care coordination (mco)

// ---------------------------------------------------------------------------------------
// Records.

/// One data record of a layout file, as named values in header order.
#[derive(Debug, Clone, PartialEq)]
pub struct Rec {
    pub file: &'static str,
    pub vals: Vec<String>,
}

impl Rec {
    pub fn new(file: &'static str, vals: &[&str]) -> Rec {
        let (h, _) = header_of(file);
        assert_eq!(h.len(), vals.len(), "{file}: {} values for {} columns", vals.len(), h.len());
        Rec { file, vals: vals.iter().map(|v| v.to_string()).collect() }
    }

    fn idx(&self, col: &str) -> usize {
        let (h, _) = header_of(self.file);
        h.iter().position(|c| *c == col).unwrap_or_else(|| panic!("{} has no column {col}", self.file))
    }

    /// Replaces one value (by header name).
    pub fn set(mut self, col: &str, value: impl Into<String>) -> Rec {
        let i = self.idx(col);
        self.vals[i] = value.into();
        self
    }

    pub fn get(&self, col: &str) -> &str {
        &self.vals[self.idx(col)]
    }

    /// The record as it appears in the file (without line terminator).
    pub fn line(&self) -> String {
        encode(self.file, &self.vals)
    }
}

impl From<Rec> for String {
    fn from(r: Rec) -> String {
        r.line()
    }
}

/// Joins values the way the file's layout writes them: RFC 4180 CSV for standard-v1
/// (quoting only where needed), bare `|`-joined text for mco-v1.
pub fn encode(file: &str, vals: &[String]) -> String {
    let (_, sep) = header_of(file);
    if sep == '|' {
        vals.join("|")
    } else {
        vals.iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(",")
    }
}

pub fn csv_field(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

/// Valid standard-v1 records. Dated records default to dates inside 2026Q1, so they are
/// valid in 2026Q1 and later packages.
pub mod rows {
    use super::Rec;

    pub fn provider(id: &str, kind: &str) -> Rec {
        Rec::new(
            "providers.csv",
            &[
                id,
                "North Star Case Management",
                kind,
                "27053;27123",
                "AMH-TCM;CADI",
                "eng;som",
                "",
                "Y",
                "612-555-0100",
                "https://example.org/northstar",
                "100 Main St",
                "Minneapolis",
                "55401",
                "Helping people live well in their community",
            ],
        )
    }

    pub fn person(id: &str) -> Rec {
        Rec::new(
            "persons.csv",
            &[
                id,
                "1958-04-12",
                "F",
                "WHITE",
                "N",
                "",
                "eng",
                "N",
                "27053",
                "55401",
                "",
                "N",
                "N",
                "Y",
                "N",
                "N",
                "N",
                "N",
                "2",
                "0",
                "1",
            ],
        )
    }

    pub fn episode(id: &str, person: &str, provider: &str) -> Rec {
        let cm = super::cmid(1);
        Rec::new("episodes.csv", &[id, person, provider, "AMH-TCM", "FFS", "N", "2025-10-01", "", "", &cm])
    }

    pub fn contact(id: &str, episode: &str, person: &str, provider: &str) -> Rec {
        let cm = super::cmid(1);
        Rec::new(
            "contacts.csv",
            &[
                id,
                episode,
                person,
                provider,
                &cm,
                "2026-01-15",
                "in_person",
                "home",
                "person",
                "T2023",
                "U3;UA",
                "12",
                "Y",
                "45",
            ],
        )
    }

    pub fn assessment(id: &str, episode: &str, person: &str, provider: &str) -> Rec {
        Rec::new("assessments.csv", &[id, episode, person, provider, "assessment", "2026-01-20"])
    }

    pub fn event(id: &str, person: &str) -> Rec {
        Rec::new("events.csv", &[id, person, "ed_visit", "2026-02-03", ""])
    }

    pub fn survey(id: &str, person: &str, provider: &str) -> Rec {
        Rec::new(
            "surveys.csv",
            &[id, person, provider, "AMH-TCM", "2026-03-01", "self", "eng", "4", "3", "4", "3", "Y", "3", "9"],
        )
    }

    pub fn staff(cm: &str, provider: &str) -> Rec {
        Rec::new("staffing.csv", &[cm, provider, "1.0", "AMH-TCM", "eng"])
    }
}

/// Valid mco-v1 records (dates `YYYYMMDD`, flags `1`/`0`, lists `~`), dated inside 2026Q1.
pub mod mco {
    use super::Rec;

    pub fn provider(id: &str) -> Rec {
        Rec::new(
            "PROVIDERS.txt",
            &[
                id,
                "UCare Care Coordination",
                "mco",
                "27053~27123",
                "CC-MSHO~CC-SNBC",
                "eng~hmn",
                "",
                "1",
                "612-555-0200",
                "https://example.org/ucare",
                "500 Stinson Blvd",
                "Minneapolis",
                "55413",
                "Care coordination for seniors",
            ],
        )
    }

    pub fn member(id: &str) -> Rec {
        Rec::new(
            "MEMBERS.txt",
            &[
                id, "19450302", "M", "ASIAN", "0", "HMONG", "hmn", "1", "27123", "55106", "", "1", "0", "0", "0", "0",
                "0", "1", "4", "1", "2",
            ],
        )
    }

    pub fn enroll(id: &str, member: &str, provider: &str) -> Rec {
        let cc = super::cmid(50);
        Rec::new("ENROLL.txt", &[id, member, provider, "MSHO", "20251001", "", "", &cc])
    }

    pub fn activity(id: &str, enr: &str, member: &str, provider: &str, code: &str) -> Rec {
        let cc = super::cmid(50);
        Rec::new("CC_ACTIVITY.txt", &[id, enr, member, provider, &cc, "20260115", code, "30"])
    }

    pub fn util(id: &str, member: &str, kind: &str) -> Rec {
        Rec::new("UTIL.txt", &[id, member, kind, "20260203", ""])
    }

    pub fn survey(id: &str, member: &str, provider: &str) -> Rec {
        Rec::new(
            "SURVEY.txt",
            &[id, member, provider, "MSHO", "20260301", "self", "hmn", "4", "4", "4", "3", "1", "3", "8"],
        )
    }

    pub fn staff(cc: &str, provider: &str) -> Rec {
        Rec::new("STAFF.txt", &[cc, provider, "0.8", "CC-MSHO~CC-SNBC", "eng~hmn"])
    }
}

// ---------------------------------------------------------------------------------------
// Packages.

#[derive(Debug, Clone)]
struct FileFix {
    name: String,
    header: String,
    records: Vec<String>,
    /// Whole-file replacement bytes and the data-record count to put in the manifest.
    replaced: Option<(Vec<u8>, u64)>,
    bom: bool,
    crlf: bool,
    listed: bool,
    present: bool,
    rows: Option<u64>,
    sha: Option<String>,
}

/// One submission package: a folder with `manifest.json` and the layout's files.
#[derive(Debug, Clone)]
pub struct Pkg {
    pub submitter_id: String,
    pub submitter_kind: String,
    pub submitter_name: String,
    pub period: String,
    pub sequence: i64,
    pub layout: String,
    /// Folder relative to the input root; default `<period>/<submitter_id>[.<sequence>]`.
    pub folder: Option<String>,
    files: Vec<FileFix>,
    extras: Vec<(String, Vec<u8>, bool)>,
}

fn submitter_name(id: &str) -> String {
    match id {
        "county-27053" => "Hennepin County",
        "county-27123" => "Ramsey County",
        "tribe-leech-lake" => "Leech Lake Band of Ojibwe",
        "mco-ucare" => "UCare",
        "mco-medica" => "Medica",
        other => other,
    }
    .to_string()
}

impl Pkg {
    /// An empty package (every layout file with its header only). The layout and kind follow
    /// the submitter id: `county-` → county/standard-v1, `tribe-` → tribal/standard-v1,
    /// `mco-` → mco/mco-v1.
    pub fn new(submitter_id: &str, period: &str, sequence: i64) -> Pkg {
        let (kind, layout, files) = if submitter_id.starts_with("mco-") {
            ("mco", "mco-v1", MCO_FILES)
        } else if submitter_id.starts_with("tribe-") {
            ("tribal", "standard-v1", STANDARD_FILES)
        } else {
            ("county", "standard-v1", STANDARD_FILES)
        };
        let files = files
            .iter()
            .map(|(name, header)| {
                let sep = if layout == "mco-v1" { "|" } else { "," };
                FileFix {
                    name: name.to_string(),
                    header: header.join(sep),
                    records: Vec::new(),
                    replaced: None,
                    bom: false,
                    crlf: false,
                    listed: true,
                    present: true,
                    rows: None,
                    sha: None,
                }
            })
            .collect();
        Pkg {
            submitter_id: submitter_id.into(),
            submitter_kind: kind.into(),
            submitter_name: submitter_name(submitter_id),
            period: period.into(),
            sequence,
            layout: layout.into(),
            folder: None,
            files,
            extras: Vec::new(),
        }
    }

    fn file(&self, name: &str) -> &FileFix {
        self.files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{} has no file {name}", self.layout))
    }

    fn file_mut(&mut self, name: &str) -> &mut FileFix {
        let layout = self.layout.clone();
        self.files.iter_mut().find(|f| f.name == name).unwrap_or_else(|| panic!("{layout} has no file {name}"))
    }

    /// The physical line (header = line 1) on which the next record of `file` will start.
    pub fn next_line(&self, file: &str) -> u64 {
        2 + self.file(file).records.iter().map(|r| r.matches('\n').count() as u64 + 1).sum::<u64>()
    }

    /// Appends a record; returns the physical line it starts on.
    pub fn add(&mut self, rec: Rec) -> u64 {
        let file = rec.file;
        self.push(file, &rec.line())
    }

    /// Appends a record given as raw text (may be malformed); returns its start line.
    pub fn push(&mut self, file: &str, record: &str) -> u64 {
        let line = self.next_line(file);
        self.file_mut(file).records.push(record.to_string());
        line
    }

    /// Drops every data record of a file (the header stays).
    pub fn clear(&mut self, file: &str) -> &mut Self {
        self.file_mut(file).records.clear();
        self
    }

    /// The records of a file with the line each starts on.
    pub fn lines(&self, file: &str) -> Vec<(u64, String)> {
        let mut line = 2;
        let mut out = Vec::new();
        for r in &self.file(file).records {
            out.push((line, r.clone()));
            line += r.matches('\n').count() as u64 + 1;
        }
        out
    }

    pub fn file_names(&self) -> Vec<String> {
        self.files.iter().map(|f| f.name.clone()).collect()
    }

    /// Writes `file` with a UTF-8 BOM and CRLF line ends.
    pub fn bom_crlf(&mut self, file: &str) -> &mut Self {
        let f = self.file_mut(file);
        f.bom = true;
        f.crlf = true;
        self
    }

    pub fn bom_crlf_all(&mut self) -> &mut Self {
        for f in &mut self.files {
            f.bom = true;
            f.crlf = true;
        }
        self
    }

    /// Replaces a file's bytes entirely; `rows` is what the manifest will claim.
    pub fn replace(&mut self, file: &str, bytes: Vec<u8>, rows: u64) -> &mut Self {
        self.file_mut(file).replaced = Some((bytes, rows));
        self
    }

    /// Overrides the manifest's `rows` for a file.
    pub fn manifest_rows(&mut self, file: &str, rows: u64) -> &mut Self {
        self.file_mut(file).rows = Some(rows);
        self
    }

    /// Overrides the manifest's `sha256` for a file.
    pub fn manifest_sha(&mut self, file: &str, sha: &str) -> &mut Self {
        self.file_mut(file).sha = Some(sha.to_string());
        self
    }

    /// Lists the file in the manifest but does not write it.
    pub fn absent(&mut self, file: &str) -> &mut Self {
        self.file_mut(file).present = false;
        self
    }

    /// Writes the file but leaves it out of the manifest.
    pub fn unlisted(&mut self, file: &str) -> &mut Self {
        self.file_mut(file).listed = false;
        self
    }

    /// Neither writes nor lists a layout file.
    pub fn omit(&mut self, file: &str) -> &mut Self {
        let f = self.file_mut(file);
        f.present = false;
        f.listed = false;
        self
    }

    /// A file that is not part of the layout, optionally listed in the manifest.
    pub fn extra(&mut self, name: &str, bytes: &[u8], listed: bool) -> &mut Self {
        self.extras.push((name.to_string(), bytes.to_vec(), listed));
        self
    }

    /// The exact bytes written for a layout file.
    pub fn bytes(&self, file: &str) -> Vec<u8> {
        let f = self.file(file);
        if let Some((b, _)) = &f.replaced {
            return b.clone();
        }
        let eol = if f.crlf { "\r\n" } else { "\n" };
        let mut s = String::new();
        if f.bom {
            s.push('\u{feff}');
        }
        s.push_str(&f.header);
        s.push_str(eol);
        for r in &f.records {
            s.push_str(r);
            s.push_str(eol);
        }
        s.into_bytes()
    }

    /// Data records the manifest claims for a file.
    pub fn rows_of(&self, file: &str) -> u64 {
        let f = self.file(file);
        f.rows.unwrap_or_else(|| f.replaced.as_ref().map(|(_, n)| *n).unwrap_or(f.records.len() as u64))
    }

    pub fn folder(&self) -> String {
        self.folder.clone().unwrap_or_else(|| {
            if self.sequence > 1 {
                format!("{}/{}.{}", self.period, self.submitter_id, self.sequence)
            } else {
                format!("{}/{}", self.period, self.submitter_id)
            }
        })
    }

    pub fn manifest_json(&self) -> serde_json::Value {
        let mut files = serde_json::Map::new();
        for f in &self.files {
            if !f.listed {
                continue;
            }
            let sha = f.sha.clone().unwrap_or_else(|| sha256_hex(&self.bytes(&f.name)));
            files.insert(f.name.clone(), serde_json::json!({ "rows": self.rows_of(&f.name), "sha256": sha }));
        }
        for (name, bytes, listed) in &self.extras {
            if *listed {
                let rows = bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1);
                files.insert(name.clone(), serde_json::json!({ "rows": rows, "sha256": sha256_hex(bytes) }));
            }
        }
        serde_json::json!({
            "submitter_id": self.submitter_id,
            "submitter_kind": self.submitter_kind,
            "submitter_name": self.submitter_name,
            "period": self.period,
            "sequence": self.sequence,
            "layout": self.layout,
            "files": files,
        })
    }

    /// Writes the package under `root`; returns its folder.
    pub fn write(&self, root: &Path) -> PathBuf {
        let dir = root.join(self.folder());
        std::fs::create_dir_all(&dir).expect("package folder");
        let manifest = serde_json::to_string_pretty(&self.manifest_json()).expect("manifest");
        std::fs::write(dir.join("manifest.json"), manifest).expect("manifest.json");
        for f in &self.files {
            if f.present {
                std::fs::write(dir.join(&f.name), self.bytes(&f.name)).expect("package file");
            }
        }
        for (name, bytes, _) in &self.extras {
            std::fs::write(dir.join(name), bytes).expect("extra file");
        }
        dir
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

// ---------------------------------------------------------------------------------------
// Small, valid packages with a documented shape, so tests can state line numbers.

/// A standard-v1 package whose files hold (data lines in parentheses):
///
/// | file | rows |
/// |---|---|
/// | providers.csv | `provider` (line 2) |
/// | persons.csv | `persons[0]` (2), `persons[1]` (3) |
/// | episodes.csv | E1 → persons[0] (2), E2 → persons[1] (3) |
/// | contacts.csv | C1 on E1 (2), C2 on E2 (3) |
/// | assessments.csv | A1 on E1 (2) |
/// | events.csv | V1 for persons[0] (2) |
/// | surveys.csv | S1 for persons[0] (2) |
/// | staffing.csv | cmid(1) at `provider` (2) |
///
/// so the next appended row is on line 4 in persons, episodes and contacts, line 3 elsewhere.
pub fn base_standard(submitter: &str, period: &str, seq: i64, provider: &str, kind: &str, persons: [&str; 2]) -> Pkg {
    let mut p = Pkg::new(submitter, period, seq);
    p.add(rows::provider(provider, kind));
    p.add(rows::person(persons[0]));
    p.add(rows::person(persons[1]));
    p.add(rows::episode("E1", persons[0], provider));
    p.add(rows::episode("E2", persons[1], provider));
    p.add(rows::contact("C1", "E1", persons[0], provider));
    p.add(rows::contact("C2", "E2", persons[1], provider));
    p.add(rows::assessment("A1", "E1", persons[0], provider));
    p.add(rows::event("V1", persons[0]));
    p.add(rows::survey("S1", persons[0], provider));
    p.add(rows::staff(&cmid(1), provider));
    p
}

/// Hennepin County (county-27053): provider HEN_PROV, persons pid(1), pid(2).
pub fn hennepin(period: &str, seq: i64) -> Pkg {
    base_standard(HEN, period, seq, HEN_PROV, "county", [&pid(1), &pid(2)])
}

/// Ramsey County (county-27123): provider RAM_PROV, persons pid(3), pid(4).
pub fn ramsey(period: &str, seq: i64) -> Pkg {
    let mut p = base_standard(RAM, period, seq, RAM_PROV, "county", [&pid(3), &pid(4)]);
    p.files.iter_mut().for_each(|f| {
        if f.name == "persons.csv" {
            f.records = f.records.iter().map(|r| r.replace(",27053,55401,", ",27123,55106,")).collect();
        }
    });
    p
}

/// Leech Lake Band of Ojibwe (tribe-leech-lake): provider LEECH_PROV, persons pid(5), pid(6).
pub fn leech_lake(period: &str, seq: i64) -> Pkg {
    base_standard(LEECH, period, seq, LEECH_PROV, "tribal", [&pid(5), &pid(6)])
}

/// A mco-v1 package whose files hold:
///
/// | file | rows |
/// |---|---|
/// | PROVIDERS.txt | `provider` (line 2) |
/// | MEMBERS.txt | `members[0]` (2), `members[1]` (3) |
/// | ENROLL.txt | N1 → members[0] MSHO (2), N2 → members[1] MSHO (3) |
/// | CC_ACTIVITY.txt | K1 VISIT_INPERSON on N1 (2), K2 HRA on N2 (3) |
/// | UTIL.txt | U1 ED for members[0] (2) |
/// | SURVEY.txt | R1 for members[0] (2) |
/// | STAFF.txt | cmid(50) at `provider` (2) |
pub fn base_mco(submitter: &str, period: &str, seq: i64, provider: &str, members: [&str; 2]) -> Pkg {
    let mut p = Pkg::new(submitter, period, seq);
    p.add(mco::provider(provider));
    p.add(mco::member(members[0]));
    p.add(mco::member(members[1]));
    p.add(mco::enroll("N1", members[0], provider));
    p.add(mco::enroll("N2", members[1], provider));
    p.add(mco::activity("K1", "N1", members[0], provider, "VISIT_INPERSON"));
    p.add(mco::activity("K2", "N2", members[1], provider, "HRA"));
    p.add(mco::util("U1", members[0], "ED"));
    p.add(mco::survey("R1", members[0], provider));
    p.add(mco::staff(&cmid(50), provider));
    p
}

/// UCare (mco-ucare): provider UCARE_PROV, members pid(7), pid(8).
pub fn ucare(period: &str, seq: i64) -> Pkg {
    base_mco(UCARE, period, seq, UCARE_PROV, [&pid(7), &pid(8)])
}
