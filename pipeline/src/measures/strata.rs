//! Equity stratifiers (measures.md, "Equity stratification"): how each person is put into
//! exactly one stratum of each stratifier, as SQL over the warehouse `persons` row (alias
//! `p`). Race, ethnicity and language are never covariates; here they are what results are
//! broken down by, so disparities are visible.

use crate::geography::METRO_FIPS;

/// The unstratified row's stratifier and stratum.
pub const ALL_STRATA: &str = "all";

/// A stratifier (measures.md, "Equity stratification"): a closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stratifier {
    RaceEthnicity,
    Language,
    Interpreter,
    AgeBand,
    Sex,
    Region,
    Tribal,
}

/// Every stratifier, in the order of the counting query's stratum columns and of the pages.
pub const STRATIFIERS: [Stratifier; 7] = [
    Stratifier::RaceEthnicity,
    Stratifier::Language,
    Stratifier::Interpreter,
    Stratifier::AgeBand,
    Stratifier::Sex,
    Stratifier::Region,
    Stratifier::Tribal,
];

impl Stratifier {
    /// Its code in `measure_results.stratifier`.
    pub fn code(self) -> &'static str {
        match self {
            Stratifier::RaceEthnicity => "race_ethnicity",
            Stratifier::Language => "language",
            Stratifier::Interpreter => "interpreter",
            Stratifier::AgeBand => "age_band",
            Stratifier::Sex => "sex",
            Stratifier::Region => "region",
            Stratifier::Tribal => "tribal",
        }
    }

    /// Its stratum codes, in display order.
    pub fn strata(self) -> &'static [&'static str] {
        match self {
            Stratifier::RaceEthnicity => &["hispanic", "aian", "asian", "black", "mena", "nhpi", "white", "multiracial", "unknown"],
            Stratifier::Language => &["eng", "spa", "hmn", "som", "other", "unknown"],
            Stratifier::Interpreter => &["yes", "no", "unknown"],
            Stratifier::AgeBand => &["0-17", "18-44", "45-64", "65-74", "75+"],
            Stratifier::Sex => &["F", "M", "X", "U"],
            Stratifier::Region => &["metro", "greater", "unknown"],
            Stratifier::Tribal => &["tribal", "none"],
        }
    }

    /// The stratifier of a `measure_results.stratifier` code (`None` for `all` and unknown codes).
    pub fn from_code(code: &str) -> Option<Stratifier> {
        STRATIFIERS.into_iter().find(|s| s.code() == code)
    }

    /// The SQL expression giving a person's stratum, over the warehouse `persons` row (alias
    /// `p`), with the age band taken on `age_on` (a SQL date). Every person gets a stratum
    /// except a person without a birth date, whose age band is the empty string (no age
    /// stratum: the age_band code list has no `unknown`).
    pub fn sql(self, age_on: &str) -> String {
        match self {
            Stratifier::RaceEthnicity => {
                let list = "concat(';', COALESCE(p.race, ''), ';')";
                let has = |code: &str| format!("CASE WHEN {list} LIKE '%;{code};%' THEN 1 ELSE 0 END");
                let count = RACE_GROUPS.iter().map(|(c, _)| has(c)).collect::<Vec<_>>().join(" + ");
                let which =
                    RACE_GROUPS.iter().map(|(c, g)| format!("WHEN {list} LIKE '%;{c};%' THEN '{g}'")).collect::<Vec<_>>().join(" ");
                format!(
                    "CASE WHEN p.hispanic = 'Y' THEN 'hispanic' \
                     ELSE CASE {count} WHEN 0 THEN 'unknown' WHEN 1 THEN CASE {which} END ELSE 'multiracial' END END"
                )
            }
            Stratifier::Language => "CASE WHEN p.preferred_language IS NULL THEN 'unknown' \
                 WHEN p.preferred_language IN ('eng', 'spa', 'hmn', 'som') THEN p.preferred_language ELSE 'other' END"
                .to_string(),
            Stratifier::Interpreter => {
                "CASE WHEN p.interpreter_needed IS NULL THEN 'unknown' WHEN p.interpreter_needed THEN 'yes' ELSE 'no' END".to_string()
            }
            Stratifier::AgeBand => format!("COALESCE({}, '')", age_band_sql("p.birth_date", age_on)),
            Stratifier::Sex => "COALESCE(p.sex, 'U')".to_string(),
            Stratifier::Region => {
                let metro = METRO_FIPS.iter().map(|f| format!("'{f}'")).collect::<Vec<_>>().join(", ");
                format!("CASE WHEN p.county_fips IS NULL THEN 'unknown' WHEN p.county_fips IN ({metro}) THEN 'metro' ELSE 'greater' END")
            }
            Stratifier::Tribal => "CASE WHEN p.tribal_affiliation IS NULL THEN 'none' ELSE 'tribal' END".to_string(),
        }
    }
}

/// The SQL age band of a person born on `birth` on the date `on` (measures.md bands).
pub fn age_band_sql(birth: &str, on: &str) -> String {
    format!(
        "CASE WHEN {birth} IS NULL THEN NULL \
         WHEN {birth} > {on} - INTERVAL '18 years' THEN '0-17' \
         WHEN {birth} > {on} - INTERVAL '45 years' THEN '18-44' \
         WHEN {birth} > {on} - INTERVAL '65 years' THEN '45-64' \
         WHEN {birth} > {on} - INTERVAL '75 years' THEN '65-74' \
         ELSE '75+' END"
    )
}

/// The race categories that count towards a reporting group; OTHER, DECLINED and UNKNOWN
/// are ignored.
const RACE_GROUPS: &[(&str, &str)] =
    &[("AIAN", "aian"), ("ASIAN", "asian"), ("BLACK", "black"), ("MENA", "mena"), ("NHPI", "nhpi"), ("WHITE", "white")];

