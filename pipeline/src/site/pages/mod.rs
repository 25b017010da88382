//! The pages: each is an askama template under `site/templates/` and a builder that turns
//! the published rows into the words and numbers it shows. Builders format everything
//! (percentages, category words, chart geometry) so the templates stay plain markup.
//!
//! Counts of people or records are always written as `<data value="N">` elements; the
//! privacy scan reads exactly those, so a count can never slip onto a page unmarked.
//!
//! This module holds what every builder shares: [`render_all`], the lookup of the published
//! rows, the context the builders read, and small helpers. Each family of pages has its own
//! submodule with its templates, view types and builders.

mod about;
mod compare;
mod find;
mod measure;
mod provider;
mod review;

use std::collections::{BTreeSet, HashMap};

use super::names::plural;
use super::text::{self, percent};
use super::views::{Choice, Chrome};
use super::{SiteError, SiteInput, Writer};
use crate::geography;
use crate::ingest::report::Status;
use crate::measures::definition::Definition;
use crate::measures::results::{Adjustment, ResultRow, ALL, STATE};
use crate::measures::strata::ALL_STRATA;
use crate::period::Period;
use crate::publish::facts::Profile;

/// Renders every page.
pub(super) fn render_all(input: &SiteInput, w: &mut Writer) -> Result<(), SiteError> {
    let mut profiles: Vec<&Profile> = input.public.profiles.iter().collect();
    profiles.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let ctx = Ctx {
        input,
        idx: Index::new(&input.public.rows),
        p: input.public.reporting.to_string(),
        profiles,
        defs: input.definitions.measures.iter().collect(),
        sources: sources_line(input, input.public.reporting),
        survey: input.public.survey.iter().cloned()
            .into_iter()
            .map(|r| ((r.provider_id.clone(), r.measure_id.clone()), r))
            .collect(),
        caseload: input.public.caseload.iter().map(|c| ((c.provider_id.clone(), c.cm_type.clone()), c.ratio)).collect(),
    };

    let types = find::type_choices(&ctx);
    find::home_page(&ctx, w, &types)?;
    find::find_pages(&ctx, w, &types)?;
    for p in &ctx.profiles {
        provider::provider_pages(&ctx, w, p)?;
    }
    compare::compare_pages(&ctx, w)?;
    measure::measure_pages(&ctx, w)?;
    review::review_pages(&ctx, w)?;
    about::methodology_page(&ctx, w)?;
    about::download_pages(&ctx, w)?;
    about::sources_page(&ctx, w)?;
    Ok(())
}

/// The published rows, keyed for lookup.
struct Index<'a> {
    rows: HashMap<(&'a str, &'a str, &'a str, &'a str, &'a str, &'a str), &'a ResultRow>,
    /// Periods with results, oldest first.
    periods: Vec<String>,
}

impl<'a> Index<'a> {
    fn new(rows: &'a [ResultRow]) -> Index<'a> {
        let mut periods = BTreeSet::new();
        let rows = rows
            .iter()
            .map(|r| {
                periods.insert(r.period.clone());
                ((&*r.period, &*r.measure_id, &*r.provider_id, &*r.cm_type, &*r.stratifier, &*r.stratum), r)
            })
            .collect();
        Index { rows, periods: periods.into_iter().collect() }
    }

    fn get(&self, period: &str, measure: &str, provider: &str, cm_type: &str, stratifier: &str, stratum: &str) -> Option<&'a ResultRow> {
        self.rows.get(&(period, measure, provider, cm_type, stratifier, stratum)).copied()
    }

    fn all(&self, period: &str, measure: &str, provider: &str, cm_type: &str) -> Option<&'a ResultRow> {
        self.get(period, measure, provider, cm_type, ALL_STRATA, ALL_STRATA)
    }

    fn periods_through(&self, p: &str) -> Vec<String> {
        self.periods.iter().filter(|x| x.as_str() <= p).cloned().collect()
    }
}

/// "Data from 87 counties, 11 tribal nations and 8 health plans": the submitters with a
/// loaded package in any quarter the period's window reads.
fn sources_line(input: &SiteInput, period: Period) -> String {
    let quarters: BTreeSet<String> = crate::measures::window::Window::of(period, 0).quarters().iter().map(|q| q.to_string()).collect();
    let subs: BTreeSet<&str> = input
        .public
        .packages
        .iter()
        .filter(|p| p.status == Status::Loaded && quarters.contains(&p.period))
        .map(|p| p.submitter_id.as_str())
        .collect();
    let count = |prefix: &str| subs.iter().filter(|s| s.starts_with(prefix)).count();
    format!(
        "Data sent by {}, {} and {}.",
        plural(count("county-"), "county", "counties"),
        plural(count("tribe-"), "tribal nation", "tribal nations"),
        plural(count("mco-"), "health plan", "health plans")
    )
}

/// What every builder reads: the input, the rows keyed for lookup, and what is worked out
/// once for all the pages.
struct Ctx<'a> {
    input: &'a SiteInput<'a>,
    idx: Index<'a>,
    /// The reporting period as text.
    p: String,
    profiles: Vec<&'a Profile>,
    defs: Vec<&'a Definition>,
    sources: String,
    /// The survey item rows after suppression, by (provider, survey measure id).
    survey: HashMap<(String, String), ResultRow>,
    /// Published caseload ratio by (provider or STATE, cm_type).
    caseload: HashMap<(String, String), Option<f64>>,
}

impl<'a> Ctx<'a> {
    fn chrome(&self, depth: usize, title: impl Into<String>, nav: &'static str, shows_results: bool) -> Chrome {
        Chrome {
            root: "../".repeat(depth),
            title: title.into(),
            nav,
            period: text::period_label(&self.p),
            window: text::window_words(self.input.public.reporting),
            sources: self.sources.clone(),
            shows_results,
        }
    }

    fn def(&self, id: &str) -> Option<&'a Definition> {
        self.defs.iter().copied().find(|d| d.id == id)
    }

    fn name_of(&self, provider: &str) -> String {
        self.profiles.iter().find(|p| p.id == provider).map(|p| p.name.clone()).unwrap_or_else(|| provider.to_string())
    }

    /// Measures that apply to at least one of the provider's types.
    fn measures_for(&self, p: &Profile) -> Vec<&'a Definition> {
        self.defs.iter().copied().filter(|d| d.cm_types.iter().any(|t| p.cm_types.contains(t))).collect()
    }
}

/// How a measure's providers are compared in a period: `risk` when its risk model was
/// fitted, else `type` (measures.md v2). Read off the statewide `ALL` row, which carries the
/// value of its scope like every row; the models say it where that row is missing.
fn measure_adjustment(ctx: &Ctx, period: &str, measure: &str) -> Adjustment {
    match ctx.idx.all(period, measure, STATE, ALL) {
        Some(r) => r.adjustment,
        None if ctx.input.public.models.iter().any(|m| m.model.period == period && m.model.measure_id == measure) => Adjustment::Risk,
        None => Adjustment::Type,
    }
}

/// "risk-adjusted results" and so on: what a measure's providers are compared on in a
/// period. A measure of one type of case management has no mix of types to allow for.
fn comparison_summary(ctx: &Ctx, period: &str, d: &Definition) -> &'static str {
    match measure_adjustment(ctx, period, &d.id) {
        Adjustment::Risk => text::adjustment_summary(Adjustment::Risk),
        _ if d.cm_types.len() == 1 => "actual results, as the measure covers one type of case management",
        a => text::adjustment_summary(a),
    }
}

/// Every county, with how many providers serve it.
fn county_choices(ctx: &Ctx) -> Vec<Choice> {
    geography::COUNTIES
        .iter()
        .map(|c| Choice {
            code: c.fips.to_string(),
            name: format!("{} County", c.name),
            count: ctx.profiles.iter().filter(|p| p.counties.iter().any(|x| x == c.fips)).count(),
        })
        .collect()
}

/// The statewide rate of a measure for a scope, as text.
fn state_text(ctx: &Ctx, period: &str, measure: &str, cm_type: &str) -> String {
    match ctx.idx.all(period, measure, STATE, cm_type).and_then(|r| r.rate) {
        Some(r) => percent(r),
        None => "Too few to rate".into(),
    }
}
