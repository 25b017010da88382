//! What the site shows beside the measures, read from the warehouse: who each provider is,
//! caseload per case manager, the experience-survey items, which submitters sent data on
//! whom, and how complete each submitter's person records are.
//!
//! Every count here that could describe people goes through the same small-number rules as
//! the measures before it reaches a page: survey items become [`ResultRow`]s and pass through
//! [`super::suppress::suppress`]; caseload and completeness are published only as ratios
//! ([`CaseloadRatio`]) and shares ([`CompletenessRow`]), and only over 11 or more (caseload)
//! or 30 or more (completeness) people.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use datafusion::prelude::*;

use crate::measures::results::{ResultRow, ALL, STATE};
use crate::measures::window::Window;
use crate::period::Period;
use crate::stats::{wilson, Z95};

use super::Result;

/// A provider as it describes itself (providers.csv / PROVIDERS.txt, the row in force).
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub counties: Vec<String>,
    pub cm_types: Vec<String>,
    pub languages: Vec<String>,
    pub culturally_specific: String,
    /// `None` when the provider did not say.
    pub accepting_new: Option<bool>,
    pub phone: String,
    pub website: String,
    pub street: String,
    pub city: String,
    pub zip: String,
    pub mission: String,
}

/// Caseload per case manager for one provider and scope (`ALL` or a cm_type).
#[derive(Debug, Clone, PartialEq)]
pub struct Caseload {
    pub provider_id: String,
    pub cm_type: String,
    /// Persons with an episode open on the last day of the reporting quarter.
    pub persons: i64,
    /// Case manager FTE at the quarter's end; a case manager listing several cm_types
    /// counts an equal share towards each.
    pub fte: f64,
}

impl Caseload {
    /// Fewer than this many people: the ratio is not shown (with the FTE it would reveal a
    /// count from 1 to 10).
    pub const MIN_PERSONS: i64 = 11;

    /// People per full-time case manager, when publishable.
    pub fn ratio(&self) -> Option<f64> {
        (self.persons >= Self::MIN_PERSONS && self.fte > 0.0).then(|| self.persons as f64 / self.fte)
    }
}

/// People per full-time case manager for one provider (or STATE) and scope, where
/// publishable ([`Caseload::ratio`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseloadRatio {
    pub provider_id: String,
    pub cm_type: String,
    pub ratio: Option<f64>,
}

/// The providers' caseload ratios plus a STATE ratio per cm_type (from the sums of the
/// providers' people and FTE).
pub fn caseload_ratios(rows: &[Caseload]) -> Vec<CaseloadRatio> {
    let mut all: BTreeMap<(String, String), Caseload> = BTreeMap::new();
    for c in rows {
        all.insert((c.provider_id.clone(), c.cm_type.clone()), c.clone());
        if c.cm_type != ALL {
            let state = all
                .entry((STATE.to_string(), c.cm_type.clone()))
                .or_insert_with(|| Caseload { provider_id: STATE.into(), cm_type: c.cm_type.clone(), persons: 0, fte: 0.0 });
            state.persons += c.persons;
            state.fte += c.fte;
        }
    }
    all.into_values().map(|c| CaseloadRatio { ratio: c.ratio(), provider_id: c.provider_id, cm_type: c.cm_type }).collect()
}

/// Completeness of one submitter's person records as published: the share of rows with a
/// usable value per field, or `None` when there are too few people to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct CompletenessRow {
    pub submitter_id: String,
    pub shares: Option<BTreeMap<&'static str, f64>>,
}

impl CompletenessRow {
    pub fn of(c: &Completeness) -> CompletenessRow {
        CompletenessRow { submitter_id: c.submitter_id.clone(), shares: (c.persons >= Completeness::MIN_PERSONS).then(|| c.shares.clone()) }
    }
}

/// Completeness of one submitter's person records (the rows in force in the warehouse).
#[derive(Debug, Clone, PartialEq)]
pub struct Completeness {
    pub submitter_id: String,
    pub persons: i64,
    /// Field → share of rows with a usable value.
    pub shares: BTreeMap<&'static str, f64>,
}

impl Completeness {
    /// Below this many people the shares are not shown.
    pub const MIN_PERSONS: i64 = 30;
    /// The fields checked, with the SQL that says a row's value is usable.
    pub const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("birth_date", "birth_date IS NOT NULL"),
        ("sex", "sex IN ('F', 'M', 'X')"),
        (
            "race",
            "regexp_like(coalesce(race, ''), '(^|;)(AIAN|ASIAN|BLACK|MENA|NHPI|WHITE)(;|$)') OR hispanic = 'Y'",
        ),
        ("hispanic", "hispanic IN ('Y', 'N')"),
        ("preferred_language", "coalesce(preferred_language, '') <> ''"),
        ("interpreter_needed", "interpreter_needed IS NOT NULL"),
        ("county_fips", "coalesce(county_fips, '') <> ''"),
    ];
}

/// The survey items shown on provider pages: the share answering "usually" or "always"
/// (or "yes" for informed choice).
pub const SURVEY_ITEMS: &[(&str, &str)] = &[
    ("helped", "helped >= 3"),
    ("listened", "listened >= 3"),
    ("respect", "respect >= 3"),
    ("reachable", "reachable >= 3"),
    ("informed_choice", "informed_choice"),
    ("goals_progress", "goals_progress >= 3"),
];

/// The measure id given to a survey item's rows, so they pass through the same suppression.
pub fn survey_measure_id(item: &str) -> String {
    format!("survey-{item}")
}

/// Everything the site reads from the warehouse.
#[derive(Debug, Default)]
pub struct Facts {
    pub profiles: Vec<Profile>,
    /// provider_id → submitters whose episodes in the window name the provider.
    pub provider_submitters: BTreeMap<String, BTreeSet<String>>,
    pub caseload: Vec<Caseload>,
    /// Survey item rows (unsuppressed; published through the measures' suppression).
    pub survey_items: Vec<ResultRow>,
    pub completeness: Vec<Completeness>,
}

/// `culturally_specific` when the provider said yes without naming the community (the
/// pages put it in words of their language).
pub const CULTURAL_YES: &str = "Yes";

/// The community a culturally specific provider serves, as the public sees it. The
/// contract makes `culturally_specific` free text (the community served, empty when none),
/// but some systems send a yes/no code instead: "N" and the like mean none (so a page never
/// says "Culturally specific services: N"), and "Y" and the like mean yes, community not
/// stated.
pub fn cultural_services(raw: &str) -> String {
    let t = raw.trim();
    match t.to_ascii_lowercase().as_str() {
        "" | "n" | "no" | "none" | "0" | "false" | "n/a" | "na" | "-" => String::new(),
        "y" | "yes" | "1" | "true" => CULTURAL_YES.to_string(),
        _ => t.to_string(),
    }
}

/// Reads the facts for the reporting quarter from the warehouse, in a session spilling to
/// `spill`.
pub async fn read(warehouse: &Path, spill: &Path, reporting: Period) -> Result<Facts> {
    let ctx = crate::toolkit::session(spill)?;
    crate::warehouse::register(&ctx, warehouse, "").await.map_err(crate::toolkit::ToolkitError::from)?;
    let w = Window::of(reporting, 0);
    let (w_start, w_end) = (w.parameter("w_start").expect("known"), w.parameter("w_end").expect("known"));

    let mut facts = Facts::default();
    // One row per provider: the warehouse holds the row in force once per provider, but
    // guard against duplicates by keeping the latest period's row.
    let rows = query(
        &ctx,
        "SELECT provider_id, provider_name, provider_kind, counties_served, cm_types, languages, culturally_specific, \
         CAST(accepting_new AS VARCHAR), phone, website, street, city, zip, mission \
         FROM providers ORDER BY provider_id, period DESC",
    )
    .await?;
    let list = |s: &str| s.split(';').filter(|x| !x.is_empty()).map(str::to_string).collect::<Vec<_>>();
    for r in rows {
        let v = |i: usize| r[i].clone().unwrap_or_default();
        // Free text as submitted: no control characters, bounded length (issue 13).
        let t = |i: usize| crate::hygiene::display_text(&v(i), crate::hygiene::MAX_DISPLAY);
        if facts.profiles.last().is_some_and(|p: &Profile| p.id == v(0)) {
            continue;
        }
        facts.profiles.push(Profile {
            id: v(0),
            name: t(1),
            kind: v(2),
            counties: list(&v(3)),
            cm_types: list(&v(4)),
            languages: list(&v(5)),
            culturally_specific: cultural_services(&t(6)),
            accepting_new: r[7].as_deref().map(|s| s == "true"),
            phone: t(8),
            website: t(9),
            street: t(10),
            city: t(11),
            zip: t(12),
            mission: crate::hygiene::display_text(&v(13), crate::hygiene::MAX_DISPLAY_LONG),
        });
    }

    for r in query(
        &ctx,
        &format!(
            "SELECT DISTINCT provider_id, submitter_id FROM episodes \
             WHERE start_date <= {w_end} AND (end_date IS NULL OR end_date >= {w_start}) ORDER BY 1, 2"
        ),
    )
    .await?
    {
        if let (Some(p), Some(s)) = (&r[0], &r[1]) {
            facts.provider_submitters.entry(p.clone()).or_default().insert(s.clone());
        }
    }

    // Caseload: persons open on the quarter's last day per (provider, cm_type) and per
    // provider; FTE from the quarter-end staffing snapshot.
    let persons = query(
        &ctx,
        &format!(
            "SELECT * FROM (SELECT provider_id AS p, coalesce(cm_type, '{ALL}') AS t, CAST(COUNT(DISTINCT person_id) AS VARCHAR) AS n \
             FROM episodes WHERE start_date <= {w_end} AND (end_date IS NULL OR end_date >= {w_end}) \
             GROUP BY GROUPING SETS ((provider_id, cm_type), (provider_id))) ORDER BY p, t"
        ),
    )
    .await?;
    let fte = query(
        &ctx,
        &format!(
            "WITH s AS (SELECT provider_id, fte, string_to_array(coalesce(cm_types, ''), ';') AS types \
                        FROM staffing WHERE period = '{reporting}'), \
                  t AS (SELECT provider_id, fte / greatest(cardinality(types), 1) AS share, unnest(types) AS cm_type FROM s) \
             SELECT * FROM (SELECT provider_id AS p, coalesce(cm_type, '{ALL}') AS ty, CAST(SUM(share) AS VARCHAR) AS f \
             FROM t WHERE cm_type <> '' GROUP BY GROUPING SETS ((provider_id, cm_type), (provider_id))) ORDER BY p, ty"
        ),
    )
    .await?;
    let mut fte_of: BTreeMap<(String, String), f64> = BTreeMap::new();
    for r in fte {
        if let (Some(p), Some(t), Some(f)) = (&r[0], &r[1], &r[2]) {
            fte_of.insert((p.clone(), t.clone()), f.parse().unwrap_or(0.0));
        }
    }
    for r in persons {
        if let (Some(p), Some(t), Some(n)) = (&r[0], &r[1], &r[2]) {
            let fte = fte_of.get(&(p.clone(), t.clone())).copied().unwrap_or(0.0);
            facts.caseload.push(Caseload { provider_id: p.clone(), cm_type: t.clone(), persons: n.parse().unwrap_or(0), fte });
        }
    }

    // Survey items over the reporting window, per provider and statewide.
    let items: Vec<String> = SURVEY_ITEMS
        .iter()
        .map(|(item, ok)| {
            format!(
                "SELECT provider_id, '{item}' AS item, CASE WHEN {ok} THEN 1 ELSE 0 END AS yes FROM surveys \
                 WHERE survey_date BETWEEN {w_start} AND {w_end} AND {col} IS NOT NULL",
                col = item
            )
        })
        .collect();
    let survey = query(
        &ctx,
        &format!(
            "SELECT * FROM (SELECT coalesce(provider_id, '{STATE}') AS p, item, CAST(COUNT(*) AS VARCHAR) AS n, CAST(SUM(yes) AS VARCHAR) AS x \
             FROM ({}) GROUP BY GROUPING SETS ((provider_id, item), (item))) ORDER BY item, p",
            items.join(" UNION ALL ")
        ),
    )
    .await?;
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for r in survey {
        let (Some(p), Some(item), Some(n), Some(x)) = (&r[0], &r[1], &r[2], &r[3]) else { continue };
        let (n, x): (i64, i64) = (n.parse().unwrap_or(0), x.parse().unwrap_or(0));
        seen.insert((p.clone(), item.clone()));
        facts.survey_items.push(survey_row(reporting, item, p, n, x));
    }
    // Every provider has a row for every item (denominator 0 where nobody answered), as
    // the measures do, so the suppression sees every member of the providers → STATE group.
    for p in facts.profiles.iter().map(|p| p.id.clone()).chain([STATE.to_string()]) {
        for (item, _) in SURVEY_ITEMS {
            if !seen.contains(&(p.clone(), item.to_string())) {
                facts.survey_items.push(survey_row(reporting, item, &p, 0, 0));
            }
        }
    }
    facts.survey_items.sort_by(|a, b| a.key().cmp(&b.key()));

    let checks: Vec<String> = Completeness::FIELDS
        .iter()
        .map(|(f, ok)| format!("CAST(SUM(CASE WHEN {ok} THEN 1 ELSE 0 END) AS VARCHAR) AS {f}"))
        .collect();
    for r in query(
        &ctx,
        &format!(
            "SELECT submitter_id, CAST(COUNT(*) AS VARCHAR), {} FROM persons GROUP BY submitter_id ORDER BY submitter_id",
            checks.join(", ")
        ),
    )
    .await?
    {
        let Some(s) = &r[0] else { continue };
        let n: i64 = r[1].as_deref().unwrap_or("0").parse().unwrap_or(0);
        let shares = Completeness::FIELDS
            .iter()
            .enumerate()
            .map(|(i, (f, _))| {
                let k: f64 = r[2 + i].as_deref().unwrap_or("0").parse().unwrap_or(0.0);
                (*f, if n > 0 { k / n as f64 } else { 0.0 })
            })
            .collect();
        facts.completeness.push(Completeness { submitter_id: s.clone(), persons: n, shares });
    }
    Ok(facts)
}

fn survey_row(reporting: Period, item: &str, provider: &str, n: i64, x: i64) -> ResultRow {
    let ci = wilson::interval(x as u64, n as u64, Z95);
    ResultRow {
        period: reporting.to_string(),
        measure_id: survey_measure_id(item),
        provider_id: provider.to_string(),
        cm_type: ALL.to_string(),
        stratifier: crate::measures::strata::ALL_STRATA.to_string(),
        stratum: crate::measures::strata::ALL_STRATA.to_string(),
        denominator: Some(n),
        numerator: Some(x),
        rate: (n > 0).then(|| x as f64 / n as f64),
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        ..ResultRow::default()
    }
}

async fn query(ctx: &SessionContext, sql: &str) -> Result<Vec<Vec<Option<String>>>> {
    Ok(crate::toolkit::text_rows(ctx, sql).await?)
}

#[cfg(test)]
mod cultural_tests {
    use super::*;

    #[test]
    fn yes_no_codes_become_words_and_free_text_stays() {
        for none in ["", " ", "N", "n", "No", "NONE", "0", "false", "N/A"] {
            assert_eq!(cultural_services(none), "", "{none:?}");
        }
        for yes in ["Y", "yes", "1", "TRUE"] {
            assert_eq!(cultural_services(yes), CULTURAL_YES, "{yes:?}");
        }
        assert_eq!(cultural_services(" Somali "), "Somali");
        assert_eq!(cultural_services("Oromo and East African"), "Oromo and East African");
        // A community name that starts like a code is not a code.
        assert_eq!(cultural_services("Nepali"), "Nepali");
    }
}
