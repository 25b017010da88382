//! The canonical model: the eight tables every layout is mapped into, with the type, code
//! list and requiredness of each column. Both layouts validate against this one description,
//! so a rule stated here holds for counties, tribal nations and MCOs alike.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};

/// How a column's text is checked and what it becomes in the warehouse.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// `provider_id`: 10 digits.
    ProviderId,
    /// `person_id`: `P` + 12 lower-case hex digits.
    PersonId,
    /// `case_manager_id`: `CM` + 8 hex digits.
    CaseManagerId,
    /// A submitter-local key (episode, contact, record, event, response id): any text.
    LocalId,
    /// `YYYY-MM-DD` (or the layout's own date format).
    Date,
    /// `Y`/`N` (or the layout's own flag tokens).
    Flag,
    /// One value of a closed code list.
    Code(&'static [&'static str]),
    /// A `;`-separated list of values of a closed code list.
    CodeList(&'static [&'static str]),
    /// ISO 639-3 language code: three lower-case letters.
    Language,
    /// A list of ISO 639-3 codes.
    LanguageList,
    /// A Minnesota county FIPS code.
    County,
    /// A list of Minnesota county FIPS codes.
    CountyList,
    /// A `tribe-<slug>` id of the contract.
    Tribe,
    /// Free upper-case code (`SOMALI`, `HMONG`, ...).
    UpperCode,
    /// HCPCS procedure code: a letter and four digits.
    Procedure,
    /// List of two-character HCPCS modifiers.
    ModifierList,
    /// Two-digit place of service.
    PlaceOfService,
    /// Five-digit ZIP code.
    Zip,
    /// Integer in an inclusive range.
    Int { min: i64, max: i64 },
    /// Decimal in an inclusive range.
    Decimal { min: f64, max: f64 },
    /// Free text.
    Text,
}

impl Kind {
    pub fn data_type(self) -> DataType {
        match self {
            Kind::Date => DataType::Date32,
            Kind::Flag => DataType::Boolean,
            Kind::Int { .. } => DataType::Int64,
            Kind::Decimal { .. } => DataType::Float64,
            _ => DataType::Utf8,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// What a reference column points at; checked after row-level validation, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ref {
    Person,
    Episode,
    Provider,
}

impl Ref {
    pub fn column(self) -> &'static str {
        match self {
            Ref::Person => "person_id",
            Ref::Episode => "episode_id",
            Ref::Provider => "provider_id",
        }
    }
    pub fn reason(self) -> crate::reason::Reason {
        use crate::reason::Reason;
        match self {
            Ref::Person => Reason::UnknownPerson,
            Ref::Episode => Reason::UnknownEpisode,
            Ref::Provider => Reason::UnknownProvider,
        }
    }
    /// The table whose accepted rows resolve this reference.
    pub fn target(self) -> &'static str {
        match self {
            Ref::Person => "persons",
            Ref::Episode => "episodes",
            Ref::Provider => "providers",
        }
    }
}

/// How rows of a table replace earlier versions across packages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Statewide key (`person_id`, `provider_id`): latest period wins; within that period,
    /// conflicting submitters are resolved by the contract's tie rule.
    Statewide,
    /// Submitter-local key: latest period, then highest sequence, wins.
    Local,
    /// A quarter-end snapshot kept per period (staffing): the key includes the period.
    PerPeriod,
}

#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
    /// The key columns (within one file; `duplicate_key` is judged on them).
    pub key: &'static [&'static str],
    pub refs: &'static [Ref],
    pub merge: Merge,
    /// `(start, end)` column pair where an end before the start is `bad_date`.
    pub span: Option<(&'static str, &'static str)>,
    /// Processing level: a table only references tables of lower levels.
    pub level: u8,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Arrow schema of the clean table in the warehouse (partition columns excluded).
    pub fn arrow_schema(&self) -> SchemaRef {
        Arc::new(Schema::new(
            self.columns
                .iter()
                .map(|c| Field::new(c.name, c.kind.data_type(), !(c.required && self.key.contains(&c.name))))
                .collect::<Vec<_>>(),
        ))
    }
}

/// A cm_type's name for people choosing a provider.
pub fn cm_type_name(code: &str) -> &str {
    match code {
        "AMH-TCM" => "Adult mental health case management",
        "CMH-TCM" => "Children's mental health case management",
        "CW-TCM" => "Child welfare case management",
        "VADD-TCM" => "Vulnerable adult and developmental disability case management",
        "RSC-TCM" => "Relocation service coordination",
        "EW" => "Elderly Waiver case management",
        "CADI" => "CADI waiver case management (community access for disability inclusion)",
        "DD" => "Developmental disabilities waiver case management",
        "BI" => "Brain injury waiver case management",
        "CAC" => "Community alternative care waiver case management",
        "AC" => "Alternative Care program case management",
        "CC-MSHO" => "Health plan care coordination: Minnesota Senior Health Options (MSHO)",
        "CC-MSC" => "Health plan care coordination: Minnesota Senior Care Plus (MSC+)",
        "CC-SNBC" => "Health plan care coordination: Special Needs BasicCare (SNBC)",
        "ALL" => "All types together",
        other => other,
    }
}

/// The case-management type codes.
pub const CM_TYPES: &[&str] = &[
    "AMH-TCM", "CMH-TCM", "CW-TCM", "VADD-TCM", "RSC-TCM", "EW", "CADI", "DD", "BI", "CAC", "AC", "CC-MSHO",
    "CC-MSC", "CC-SNBC",
];
pub const PROVIDER_KINDS: &[&str] = &["county", "tribal", "private", "mco"];
pub const PAYERS: &[&str] = &["FFS", "MCO"];
pub const END_REASONS: &[&str] =
    &["goals_met", "moved", "person_choice", "provider_change", "ineligible", "death", "other"];
pub const SEXES: &[&str] = &["F", "M", "X", "U"];
pub const RACES: &[&str] = &["AIAN", "ASIAN", "BLACK", "MENA", "NHPI", "WHITE", "OTHER", "DECLINED", "UNKNOWN"];
pub const YNU: &[&str] = &["Y", "N", "U"];
pub const MODES: &[&str] = &["in_person", "itv", "phone", "other"];
pub const LOCATIONS: &[&str] = &["home", "office", "community", "facility", "other"];
pub const WITH_WHOM: &[&str] = &["person", "family", "provider", "other"];
pub const ASSESSMENT_KINDS: &[&str] =
    &["assessment", "mnchoices", "hra", "care_plan", "plan_review", "transition_plan"];
pub const EVENT_KINDS: &[&str] = &[
    "psych_admit", "inpatient_admit", "ed_visit", "nursing_facility_admit", "placement",
    "maltreatment_substantiated", "preventive_visit", "mh_followup_visit", "death",
];
pub const RESPONDENTS: &[&str] = &["self", "proxy"];

const fn col(name: &'static str, kind: Kind) -> Column {
    Column { name, kind, required: false }
}
const fn req(name: &'static str, kind: Kind) -> Column {
    Column { name, kind, required: true }
}
const COUNT: Kind = Kind::Int { min: 0, max: 1_000_000 };
const SCALE4: Kind = Kind::Int { min: 1, max: 4 };

pub static PROVIDERS: Table = Table {
    name: "providers",
    columns: &[
        req("provider_id", Kind::ProviderId),
        col("provider_name", Kind::Text),
        col("provider_kind", Kind::Code(PROVIDER_KINDS)),
        col("counties_served", Kind::CountyList),
        col("cm_types", Kind::CodeList(CM_TYPES)),
        col("languages", Kind::LanguageList),
        col("culturally_specific", Kind::Text),
        col("accepting_new", Kind::Flag),
        col("phone", Kind::Text),
        col("website", Kind::Text),
        col("street", Kind::Text),
        col("city", Kind::Text),
        col("zip", Kind::Zip),
        col("mission", Kind::Text),
    ],
    key: &["provider_id"],
    refs: &[],
    merge: Merge::Statewide,
    span: None,
    level: 0,
};

pub static PERSONS: Table = Table {
    name: "persons",
    columns: &[
        req("person_id", Kind::PersonId),
        col("birth_date", Kind::Date),
        col("sex", Kind::Code(SEXES)),
        col("race", Kind::CodeList(RACES)),
        col("hispanic", Kind::Code(YNU)),
        col("ethnicity_detail", Kind::UpperCode),
        col("preferred_language", Kind::Language),
        col("interpreter_needed", Kind::Flag),
        col("county_fips", Kind::County),
        col("zip", Kind::Zip),
        col("tribal_affiliation", Kind::Tribe),
        col("dual_eligible", Kind::Flag),
        col("homeless", Kind::Flag),
        col("smi", Kind::Flag),
        col("sud", Kind::Flag),
        col("dd", Kind::Flag),
        col("bi", Kind::Flag),
        col("physical_disability", Kind::Flag),
        col("chronic_condition_count", COUNT),
        col("prior_year_inpatient", COUNT),
        col("prior_year_ed", COUNT),
    ],
    key: &["person_id"],
    refs: &[],
    merge: Merge::Statewide,
    span: None,
    level: 0,
};

pub static EPISODES: Table = Table {
    name: "episodes",
    columns: &[
        req("episode_id", Kind::LocalId),
        req("person_id", Kind::PersonId),
        req("provider_id", Kind::ProviderId),
        req("cm_type", Kind::Code(CM_TYPES)),
        col("payer", Kind::Code(PAYERS)),
        col("court_ordered", Kind::Flag),
        req("start_date", Kind::Date),
        col("end_date", Kind::Date),
        col("end_reason", Kind::Code(END_REASONS)),
        col("case_manager_id", Kind::CaseManagerId),
    ],
    key: &["episode_id"],
    refs: &[Ref::Person, Ref::Provider],
    merge: Merge::Local,
    span: Some(("start_date", "end_date")),
    level: 1,
};

pub static CONTACTS: Table = Table {
    name: "contacts",
    columns: &[
        req("contact_id", Kind::LocalId),
        req("episode_id", Kind::LocalId),
        req("person_id", Kind::PersonId),
        req("provider_id", Kind::ProviderId),
        col("case_manager_id", Kind::CaseManagerId),
        req("contact_date", Kind::Date),
        req("mode", Kind::Code(MODES)),
        col("location", Kind::Code(LOCATIONS)),
        col("with_whom", Kind::Code(WITH_WHOM)),
        col("procedure_code", Kind::Procedure),
        col("modifiers", Kind::ModifierList),
        col("place_of_service", Kind::PlaceOfService),
        col("billed", Kind::Flag),
        col("minutes", COUNT),
    ],
    key: &["contact_id"],
    refs: &[Ref::Person, Ref::Episode, Ref::Provider],
    merge: Merge::Local,
    span: None,
    level: 2,
};

pub static ASSESSMENTS: Table = Table {
    name: "assessments",
    columns: &[
        req("record_id", Kind::LocalId),
        req("episode_id", Kind::LocalId),
        req("person_id", Kind::PersonId),
        req("provider_id", Kind::ProviderId),
        req("kind", Kind::Code(ASSESSMENT_KINDS)),
        req("completed_date", Kind::Date),
    ],
    key: &["record_id"],
    refs: &[Ref::Person, Ref::Episode, Ref::Provider],
    merge: Merge::Local,
    span: None,
    level: 2,
};

pub static EVENTS: Table = Table {
    name: "events",
    columns: &[
        req("event_id", Kind::LocalId),
        req("person_id", Kind::PersonId),
        req("kind", Kind::Code(EVENT_KINDS)),
        req("start_date", Kind::Date),
        col("end_date", Kind::Date),
    ],
    key: &["event_id"],
    refs: &[Ref::Person],
    merge: Merge::Local,
    span: Some(("start_date", "end_date")),
    level: 1,
};

pub static SURVEYS: Table = Table {
    name: "surveys",
    columns: &[
        req("response_id", Kind::LocalId),
        req("person_id", Kind::PersonId),
        req("provider_id", Kind::ProviderId),
        req("cm_type", Kind::Code(CM_TYPES)),
        req("survey_date", Kind::Date),
        col("respondent", Kind::Code(RESPONDENTS)),
        col("language", Kind::Language),
        col("helped", SCALE4),
        col("listened", SCALE4),
        col("respect", SCALE4),
        col("reachable", SCALE4),
        col("informed_choice", Kind::Flag),
        col("goals_progress", SCALE4),
        col("overall", Kind::Int { min: 0, max: 10 }),
    ],
    key: &["response_id"],
    refs: &[Ref::Person, Ref::Provider],
    merge: Merge::Local,
    span: None,
    level: 1,
};

pub static STAFFING: Table = Table {
    name: "staffing",
    columns: &[
        req("case_manager_id", Kind::CaseManagerId),
        req("provider_id", Kind::ProviderId),
        req("fte", Kind::Decimal { min: 0.0, max: 2.0 }),
        col("cm_types", Kind::CodeList(CM_TYPES)),
        col("languages", Kind::LanguageList),
    ],
    key: &["provider_id", "case_manager_id"],
    refs: &[Ref::Provider],
    merge: Merge::PerPeriod,
    span: None,
    level: 1,
};

/// Every canonical table, in processing order (referenced tables first).
pub static TABLES: [&Table; 8] =
    [&PROVIDERS, &PERSONS, &EPISODES, &STAFFING, &EVENTS, &SURVEYS, &CONTACTS, &ASSESSMENTS];

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_refs_and_spans_name_real_columns() {
        for t in TABLES {
            for k in t.key {
                assert!(t.column(k).is_some_and(|c| c.required), "{}.{k}", t.name);
            }
            for r in t.refs {
                assert!(t.column(r.column()).is_some_and(|c| c.required), "{}.{:?}", t.name, r);
                assert!(table(r.target()).unwrap().level < t.level, "{} refs {:?}", t.name, r);
            }
            if let Some((a, b)) = t.span {
                assert_eq!(t.column(a).unwrap().kind, Kind::Date);
                assert_eq!(t.column(b).unwrap().kind, Kind::Date);
            }
        }
    }
}
