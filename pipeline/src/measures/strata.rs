//! Equity stratifiers (measures.md, "Equity stratification"): how each person is put into
//! exactly one stratum of each stratifier, as SQL over the warehouse `persons` row (alias
//! `p`). Race, ethnicity and language are never covariates; here they are what results are
//! broken down by, so disparities are visible.

use crate::geography::METRO_FIPS;

/// The unstratified row's stratifier and stratum.
pub const ALL_STRATA: &str = "all";

/// A stratifier: its code in `measure_results` and its stratum codes, in display order.
pub struct Stratifier {
    pub code: &'static str,
    pub strata: &'static [&'static str],
}

pub const STRATIFIERS: &[Stratifier] = &[
    Stratifier {
        code: "race_ethnicity",
        strata: &["hispanic", "aian", "asian", "black", "mena", "nhpi", "white", "multiracial", "unknown"],
    },
    Stratifier { code: "language", strata: &["eng", "spa", "hmn", "som", "other", "unknown"] },
    Stratifier { code: "interpreter", strata: &["yes", "no", "unknown"] },
    Stratifier { code: "age_band", strata: &["0-17", "18-44", "45-64", "65-74", "75+"] },
    Stratifier { code: "sex", strata: &["F", "M", "X", "U"] },
    Stratifier { code: "region", strata: &["metro", "greater", "unknown"] },
    Stratifier { code: "tribal", strata: &["tribal", "none"] },
];

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

/// The SQL expression giving a person's stratum for `stratifier`, with the age band taken
/// on `age_on` (a SQL date). Every person gets a stratum except a person without a birth
/// date, whose age band is the empty string (no age stratum: the age_band code list has no
/// `unknown`).
pub fn sql(stratifier: &str, age_on: &str) -> String {
    match stratifier {
        "race_ethnicity" => {
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
        "language" => "CASE WHEN p.preferred_language IS NULL THEN 'unknown' \
             WHEN p.preferred_language IN ('eng', 'spa', 'hmn', 'som') THEN p.preferred_language ELSE 'other' END"
            .to_string(),
        "interpreter" => {
            "CASE WHEN p.interpreter_needed IS NULL THEN 'unknown' WHEN p.interpreter_needed THEN 'yes' ELSE 'no' END".to_string()
        }
        "age_band" => format!("COALESCE({}, '')", age_band_sql("p.birth_date", age_on)),
        "sex" => "COALESCE(p.sex, 'U')".to_string(),
        "region" => {
            let metro = METRO_FIPS.iter().map(|f| format!("'{f}'")).collect::<Vec<_>>().join(", ");
            format!("CASE WHEN p.county_fips IS NULL THEN 'unknown' WHEN p.county_fips IN ({metro}) THEN 'metro' ELSE 'greater' END")
        }
        "tribal" => "CASE WHEN p.tribal_affiliation IS NULL THEN 'none' ELSE 'tribal' END".to_string(),
        other => unreachable!("unknown stratifier {other}"),
    }
}
