//! The pages: each is an askama template under `site/templates/` and a builder that turns
//! the published rows into the words and numbers it shows. Builders format everything
//! (percentages, category words, chart geometry) so the templates stay plain markup.
//!
//! Counts of people or records are always written as `<data value="N">` elements; the
//! privacy scan reads exactly those, so a count can never slip onto a page unmarked.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use askama::Template;
use serde::Serialize;

use super::charts::{self, FunnelChart, IntervalChart, Series, TrendChart, Zone};
use crate::publish::facts::{Completeness, Profile, SURVEY_ITEMS};
use crate::publish::quality::{Count as QCount, Quality};
use super::text::{self, percent, thousands};
use super::{SiteError, SiteInput, Writer};
use crate::geography;
use crate::ingest::report::Status;
use crate::measures::definition::Definition;
use crate::measures::results::{Adjustment, ResultRow, ALL, STATE};
use crate::measures::strata::{ALL_STRATA, STRATIFIERS};
use crate::measures::NoteKind;
use crate::period::Period;
use crate::publish::models::{ModelCounts, PublicModel};
use crate::stats::compare::Direction;

// ---------------------------------------------------------------------------------------
// Shared pieces

/// What every page's frame shows: where it sits, and where its numbers come from.
pub struct Chrome {
    /// Prefix that leads from the page back to the site root (`""` or `"../"`).
    pub root: String,
    pub title: String,
    /// The navigation item this page belongs to.
    pub nav: &'static str,
    /// "2026 Q2"
    pub period: String,
    /// "July 2025 to June 2026"
    pub window: String,
    /// "Data from 87 counties, 11 tribal nations and 8 health plans."
    pub sources: String,
    /// Whether the page shows results (and so says where they come from).
    pub shows_results: bool,
}

/// A count of people or records, written as `<data value>` on the page.
pub struct Count {
    pub raw: i64,
    pub text: String,
}

impl Count {
    fn of(n: Option<i64>) -> Option<Count> {
        n.map(|raw| Count { raw, text: thousands(raw) })
    }
}

/// One result as a page shows it.
pub struct Shown {
    /// "85%" or "Too few to rate".
    pub value: String,
    /// "81% to 88%" when the interval is published.
    pub range: Option<String>,
    pub numerator: Option<Count>,
    pub denominator: Option<Count>,
    /// Which comparison applies to the row (measures.md v2, the `adjustment` column).
    pub adjustment: Adjustment,
    /// True when the value is the standardized rate (`rsr`): risk-standardized, or
    /// standardized for the mix of case-management types.
    pub standardized: bool,
    /// What the value is, after it ("risk-adjusted"); empty for an actual rate.
    pub qualifier: &'static str,
    /// The row is compared on its standardized rate, but suppression hid it: the value is
    /// the actual rate, and the category comes from the hidden standardized interval.
    pub standardized_hidden: bool,
    /// Which comparison the category comes from, in plain words (rated rows only).
    pub basis: Option<&'static str>,
    /// True when the counts are hidden and the value rounded.
    pub rounded: bool,
    pub category: &'static str,
    pub category_class: &'static str,
    /// No published rate (denominator under 30, or no row).
    pub too_few: bool,
}

/// The estimate a row is compared on: the standardized rate when one is published, else
/// the rate; with its interval when published. The flag says the value is the standardized
/// rate.
fn estimate(r: &ResultRow) -> Option<(f64, Option<(f64, f64)>, bool)> {
    if let Some(rsr) = r.rsr {
        // Byar's interval of O/E, scaled by a rate, can pass 100% where rates are high; a
        // share cannot, so people read the range within 0% and 100% (the data keep it whole).
        let ci = r.rsr_low.zip(r.rsr_high).map(|(lo, hi)| (lo.max(0.0), hi.min(1.0)));
        return Some((rsr, ci, true));
    }
    r.rate.map(|rate| (rate, r.ci_low.zip(r.ci_high), false))
}

fn shown(r: Option<&ResultRow>) -> Shown {
    let Some(r) = r else {
        return Shown {
            value: "No result".into(),
            range: None,
            numerator: None,
            denominator: None,
            adjustment: Adjustment::None,
            standardized: false,
            qualifier: "",
            standardized_hidden: false,
            basis: None,
            rounded: false,
            category: "Not rated",
            category_class: "cat-none",
            too_few: true,
        };
    };
    let est = estimate(r);
    let standardized = est.is_some_and(|e| e.2);
    // The statewide all-types row is the benchmark itself (its O/E is 1 by construction):
    // nothing to qualify.
    let benchmark = r.provider_id == STATE && r.cm_type == ALL && r.stratifier == ALL_STRATA;
    let rated = matches!(r.category.as_deref(), Some("better" | "no different" | "worse"));
    Shown {
        value: est.map(|e| percent(e.0)).unwrap_or_else(|| "Too few to rate".into()),
        range: est.and_then(|e| e.1).map(|(lo, hi)| format!("{} and {}", percent(lo), percent(hi))),
        numerator: Count::of(r.numerator),
        denominator: Count::of(r.denominator),
        adjustment: r.adjustment,
        standardized,
        qualifier: if standardized && !benchmark { text::adjustment_qualifier(r.adjustment) } else { "" },
        standardized_hidden: r.adjustment.is_adjusted() && !standardized && est.is_some() && !benchmark,
        basis: rated.then(|| text::adjustment_basis(r.adjustment)),
        // The counts are hidden and the value published rounded (a row can be `suppressed`
        // for its standardized cells alone, with its counts shown).
        rounded: r.suppressed && r.numerator.is_none() && est.is_some(),
        category: text::category_words(r.category.as_deref()),
        category_class: text::category_class(r.category.as_deref()),
        too_few: est.is_none(),
    }
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

fn type_slug(code: &str) -> String {
    code.to_lowercase()
}

fn county_label(fips: &str) -> String {
    geography::county_name(fips).map(|n| format!("{n} County")).unwrap_or_else(|| fips.to_string())
}

/// A submitter's name: "Hennepin County", "Red Lake Nation", "UCare".
pub fn submitter_name(id: &str) -> String {
    if let Some(f) = id.strip_prefix("county-") {
        return county_label(f);
    }
    if let Some(t) = geography::TRIBES.iter().find(|t| t.id == id) {
        return t.name.to_string();
    }
    if let Some(m) = geography::MCOS.iter().find(|m| m.id == id) {
        return m.name.to_string();
    }
    id.to_string()
}

fn submitter_kind(id: &str) -> &'static str {
    if id.starts_with("county-") {
        "County"
    } else if id.starts_with("tribe-") {
        "Tribal nation"
    } else if id.starts_with("mco-") {
        "Health plan"
    } else {
        "Other"
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
            window: text::window_words(self.input.public.reporting()),
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

fn direction_words(d: Direction) -> &'static str {
    match d {
        Direction::Higher => "A higher result is better.",
        Direction::Lower => "A lower result is better.",
    }
}

// ---------------------------------------------------------------------------------------
// Provider cards (find, lists)

pub struct Card {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub counties: String,
    pub county_codes: String,
    pub types: String,
    pub type_codes: String,
    pub languages: String,
    pub language_codes: String,
    pub cultural: String,
    pub accepting: &'static str,
    pub accepting_code: &'static str,
}

fn card(p: &Profile) -> Card {
    Card {
        id: p.id.clone(),
        name: p.name.clone(),
        kind: text::provider_kind_name(&p.kind).to_string(),
        counties: p.counties.iter().map(|c| geography::county_name(c).unwrap_or(c).to_string()).collect::<Vec<_>>().join(", "),
        county_codes: p.counties.join(" "),
        types: p.cm_types.iter().map(|t| text::cm_type_name(t)).collect::<Vec<_>>().join("; "),
        type_codes: p.cm_types.iter().map(|t| type_slug(t)).collect::<Vec<_>>().join(" "),
        languages: if p.languages.is_empty() { "English".into() } else { p.languages.iter().map(|l| text::language_name(l)).collect::<Vec<_>>().join(", ") },
        language_codes: if p.languages.is_empty() { "eng".into() } else { p.languages.join(" ") },
        cultural: p.culturally_specific.clone(),
        accepting: match p.accepting_new {
            Some(true) => "Yes",
            Some(false) => "No",
            None => "Not stated",
        },
        accepting_code: match p.accepting_new {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        },
    }
}

#[derive(Clone)]
pub struct Choice {
    pub code: String,
    pub name: String,
    pub count: usize,
}

// ---------------------------------------------------------------------------------------
// Templates

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    providers: usize,
    types: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "find.html")]
struct FindPage {
    c: Chrome,
    cards: Vec<Card>,
    counties: Vec<Choice>,
    types: Vec<Choice>,
    languages: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    c: Chrome,
    heading: String,
    intro: String,
    cards: Vec<Card>,
}

pub struct Profiled {
    pub card: Card,
    pub mission: String,
    pub phone: String,
    /// The phone number with non-breaking hyphens, so it never wraps.
    pub phone_text: String,
    pub website: String,
    pub address: String,
    pub submitters: String,
}

pub struct TrendRow {
    pub period: String,
    pub provider: String,
    pub state: String,
}

pub struct MeasureView {
    pub id: String,
    pub title: String,
    pub why: String,
    pub unit: String,
    pub ours: Shown,
    pub state: String,
    pub chart: String,
    pub trend: Vec<TrendRow>,
    pub trend_chart: String,
    pub note: Option<String>,
}

impl MeasureView {
    /// The identifying fields, for the brief list of measures too few to rate.
    fn brief(&self) -> MeasureView {
        MeasureView {
            id: self.id.clone(),
            title: self.title.clone(),
            why: self.why.clone(),
            unit: self.unit.clone(),
            ours: shown(None),
            state: self.state.clone(),
            chart: String::new(),
            trend: Vec::new(),
            trend_chart: String::new(),
            note: None,
        }
    }
}

pub struct CaseloadView {
    pub type_name: String,
    pub ratio: String,
    pub state_ratio: String,
    pub standard: String,
}

pub struct SurveyView {
    pub question: String,
    pub ours: Shown,
    pub state: String,
}

#[derive(Template)]
#[template(path = "provider.html")]
struct ProviderPage {
    c: Chrome,
    p: Profiled,
    /// Measures with a published result for this provider.
    measures: Vec<MeasureView>,
    /// Measures with too few people to rate, listed briefly after the rated ones.
    too_few: Vec<MeasureView>,
    caseload: Vec<CaseloadView>,
    survey: Vec<SurveyView>,
    survey_measure: Option<MeasureView>,
}

pub struct DetailRow {
    pub group: String,
    pub ours: Shown,
    pub state: Shown,
    pub comparison: String,
}

pub struct DetailSection {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub by_type: Vec<DetailRow>,
    pub by_group: Vec<(String, Vec<DetailRow>)>,
}

#[derive(Template)]
#[template(path = "details.html")]
struct DetailsPage {
    c: Chrome,
    id: String,
    name: String,
    sections: Vec<DetailSection>,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    c: Chrome,
    providers: Vec<Choice>,
    counties: Vec<Choice>,
}

pub struct CompareRow {
    pub id: String,
    pub name: String,
    pub ours: Shown,
}

pub struct CompareSection {
    pub id: String,
    pub title: String,
    pub state: String,
    /// How the providers' results are compared this quarter, in words.
    pub how: String,
    pub rows: Vec<CompareRow>,
}

#[derive(Template)]
#[template(path = "compare_county.html")]
struct CountyComparePage {
    c: Chrome,
    county: String,
    sections: Vec<CompareSection>,
}

pub struct MeasureSummary {
    pub id: String,
    pub title: String,
    pub why: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "measures.html")]
struct MeasuresPage {
    c: Chrome,
    measures: Vec<MeasureSummary>,
}

pub struct StateRow {
    pub label: String,
    pub shown: Shown,
    pub gap: String,
    pub flagged: &'static str,
}

pub struct FunnelView {
    pub chart: String,
    pub summary: String,
    pub rows: Vec<FunnelRow>,
}

pub struct FunnelRow {
    pub id: String,
    pub name: String,
    pub ours: Shown,
    pub zone: &'static str,
}

#[derive(Template)]
#[template(path = "measure.html")]
struct MeasurePage {
    c: Chrome,
    id: String,
    title: String,
    why: String,
    how: String,
    direction: &'static str,
    types: String,
    unit: String,
    adjustment: String,
    notes: Vec<String>,
    trend: Vec<StateRow>,
    trend_chart: String,
    categories: Vec<Choice>,
    funnel: Option<FunnelView>,
    by_type: Vec<StateRow>,
    by_group: Vec<(String, String, Vec<StateRow>)>,
}

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    c: Chrome,
    periods: Vec<(String, String)>,
}

pub struct TrendTableRow {
    pub id: String,
    pub title: String,
    pub values: Vec<String>,
    pub change: String,
}

pub struct ChangeRow {
    pub provider_id: String,
    pub provider: String,
    pub measure: String,
    pub scope: String,
    pub before: String,
    pub now: String,
    pub now_class: &'static str,
}

pub struct DisparityRow {
    pub scope: String,
    pub measure: String,
    pub group: String,
    pub rate: String,
    pub gap: String,
}

pub struct QualityRow {
    pub name: String,
    pub kind: &'static str,
    pub loaded: usize,
    pub superseded: usize,
    pub failed: usize,
    pub read: Option<Count>,
    /// Rows read from 1 to 10 (shown as "fewer than 11").
    pub few_read: bool,
    pub quarantined: String,
    pub quarantined_n: Option<Count>,
    pub reasons: String,
    pub completeness: Vec<String>,
}

pub struct ReviewFunnel {
    pub id: String,
    pub title: String,
    pub funnel: FunnelView,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    c: Chrome,
    label: String,
    window: String,
    periods: Vec<String>,
    trends: Vec<TrendTableRow>,
    notes: Vec<String>,
    changes: Vec<ChangeRow>,
    previous: String,
    disparities: Vec<DisparityRow>,
    funnels: Vec<ReviewFunnel>,
    quality: Vec<QualityRow>,
    completeness_fields: Vec<&'static str>,
}

/// One fitted risk model of the reporting quarter, for the methodology page's model report.
pub struct ModelView {
    pub id: String,
    pub title: String,
    /// "Maximum likelihood" or "Firth's bias-reduced (penalized) likelihood".
    pub estimator: &'static str,
    /// Why maximum likelihood was set aside (Firth fits only).
    pub firth_reason: Option<String>,
    /// Area under the ROC curve, two decimals.
    pub c_statistic: String,
    pub iterations: usize,
    /// What the model was fitted on: counts when they may be shown, else words.
    pub rows: Option<Count>,
    pub events: Option<Count>,
    pub fitted_on: String,
    pub unit: String,
    pub terms: Vec<TermRow>,
    pub reference: Vec<String>,
    pub merged: Vec<String>,
    pub dropped: Vec<String>,
    pub aliased: Vec<String>,
}

pub struct TermRow {
    /// "Age: 18 to 44"
    pub label: String,
    /// "age_band=18-44"
    pub code: String,
    pub coefficient: String,
    pub standard_error: String,
}

/// A risk-adjusted measure without a model in the reporting quarter, and why.
pub struct NoModel {
    pub id: String,
    pub title: String,
    pub why: String,
}

#[derive(Template)]
#[template(path = "methodology.html")]
struct MethodologyPage {
    c: Chrome,
    models: Vec<ModelView>,
    no_models: Vec<NoModel>,
}

pub struct DownloadFile {
    pub href: String,
    pub name: String,
    pub format: String,
    pub about: String,
}

#[derive(Template)]
#[template(path = "downloads.html")]
struct DownloadsPage {
    c: Chrome,
    files: Vec<DownloadFile>,
}

pub struct DictionaryColumn {
    pub name: &'static str,
    pub kind: &'static str,
    pub about: &'static str,
}

#[derive(Template)]
#[template(path = "data_dictionary.html")]
struct DictionaryPage {
    c: Chrome,
    columns: Vec<DictionaryColumn>,
}

pub struct SourceRow {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub periods: String,
    pub failed: String,
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesPage {
    c: Chrome,
    rows: Vec<SourceRow>,
}

// ---------------------------------------------------------------------------------------
// Rendering

/// Renders every page.
pub fn render_all(input: &SiteInput, w: &mut Writer) -> Result<(), SiteError> {
    let mut profiles: Vec<&Profile> = input.public.profiles.iter().collect();
    profiles.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let ctx = Ctx {
        input,
        idx: Index::new(&input.public.rows),
        p: input.public.reporting().to_string(),
        profiles,
        defs: input.definitions.measures.iter().collect(),
        sources: sources_line(input, input.public.reporting()),
        survey: input.public.survey.iter().cloned()
            .into_iter()
            .map(|r| ((r.provider_id.clone(), r.measure_id.clone()), r))
            .collect(),
        caseload: input.public.caseload.iter().map(|c| ((c.provider_id.clone(), c.cm_type.clone()), c.ratio)).collect(),
    };

    let types = type_choices(&ctx);
    w.page("index.html", &HomePage { c: ctx.chrome(0, "Choosing case management in Minnesota", "home", false), providers: ctx.profiles.len(), types: types.to_vec() })?;
    find_pages(&ctx, w, &types)?;
    for p in &ctx.profiles {
        provider_pages(&ctx, w, p)?;
    }
    compare_pages(&ctx, w)?;
    measure_pages(&ctx, w)?;
    review_pages(&ctx, w)?;
    methodology_page(&ctx, w)?;
    w.page(
        "data-dictionary.html",
        &DictionaryPage { c: ctx.chrome(0, "Data dictionary: measure results", "downloads", false), columns: super::downloads::dictionary() },
    )?;
    w.page("downloads.html", &DownloadsPage { c: ctx.chrome(0, "Download the data", "downloads", true), files: super::downloads::listing() })?;
    sources_page(&ctx, w)?;
    Ok(())
}

fn type_choices(ctx: &Ctx) -> Vec<Choice> {
    crate::schema::CM_TYPES
        .iter()
        .map(|t| Choice {
            code: type_slug(t),
            name: text::cm_type_name(t).to_string(),
            count: ctx.profiles.iter().filter(|p| p.cm_types.iter().any(|x| x == t)).count(),
        })
        .filter(|c| c.count > 0)
        .collect()
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

fn find_pages(ctx: &Ctx, w: &mut Writer, types: &[Choice]) -> Result<(), SiteError> {
    let counties = county_choices(ctx);
    let mut langs: BTreeMap<String, usize> = BTreeMap::new();
    for p in &ctx.profiles {
        for l in &p.languages {
            *langs.entry(l.clone()).or_default() += 1;
        }
    }
    let mut languages: Vec<Choice> = langs.into_iter().map(|(code, count)| Choice { name: text::language_name(&code), code, count }).collect();
    languages.sort_by(|a, b| a.name.cmp(&b.name));
    w.page(
        "find.html",
        &FindPage {
            c: ctx.chrome(0, "Find a case management provider", "find", false),
            cards: ctx.profiles.iter().map(|p| card(p)).collect(),
            counties: counties.to_vec(),
            types: types.to_vec(),
            languages,
        },
    )?;
    for c in counties.iter() {
        let cards: Vec<Card> = ctx.profiles.iter().filter(|p| p.counties.contains(&c.code)).map(|p| card(p)).collect();
        w.page(
            &format!("find/county-{}.html", c.code),
            &ListPage {
                c: ctx.chrome(1, format!("Providers serving {}", c.name), "find", false),
                heading: format!("Case management providers serving {}", c.name),
                intro: format!("{} serve people who live in {}.", plural(cards.len(), "provider", "providers"), c.name),
                cards,
            },
        )?;
    }
    for t in types {
        let code = t.code.to_uppercase();
        let cards: Vec<Card> = ctx.profiles.iter().filter(|p| p.cm_types.contains(&code)).map(|p| card(p)).collect();
        w.page(
            &format!("find/type-{}.html", t.code),
            &ListPage {
                c: ctx.chrome(1, format!("Providers of {}", t.name), "find", false),
                heading: format!("Providers of {}", t.name.to_lowercase()),
                intro: format!("{} offer this type of case management.", plural(cards.len(), "provider", "providers")),
                cards,
            },
        )?;
    }
    Ok(())
}

/// The statewide rate of a measure for a scope, as text.
fn state_text(ctx: &Ctx, period: &str, measure: &str, cm_type: &str) -> String {
    match ctx.idx.all(period, measure, STATE, cm_type).and_then(|r| r.rate) {
        Some(r) => percent(r),
        None => "Too few to rate".into(),
    }
}

fn measure_view(ctx: &Ctx, d: &Definition, provider: &str, name: &str, n: usize) -> MeasureView {
    let row = ctx.idx.all(&ctx.p, &d.id, provider, ALL);
    let ours = shown(row);
    let state = ctx.idx.all(&ctx.p, &d.id, STATE, ALL).and_then(|r| r.rate);
    let est = row.and_then(estimate);
    let chart_title = match (est, state) {
        (Some((e, ci, _)), Some(s)) => format!(
            "{name}: {}{}; statewide {}.",
            percent(e),
            ci.map(|(lo, hi)| format!(", likely between {} and {}", percent(lo), percent(hi))).unwrap_or_default(),
            percent(s)
        ),
        (None, Some(s)) => format!("{name}: too few to rate; statewide {}.", percent(s)),
        _ => format!("{name}: no statewide result."),
    };
    let chart = state
        .filter(|_| est.is_some())
        .map(|s| {
            IntervalChart::new(
                &format!("m{n}"),
                chart_title,
                est.map(|(e, ci, _)| {
                    let (lo, hi) = ci.unwrap_or((e, e));
                    (e, lo, hi)
                }),
                s,
            )
            .render()
            .unwrap_or_default()
        })
        .unwrap_or_default();
    let periods = ctx.idx.periods_through(&ctx.p);
    let trend: Vec<TrendRow> = periods
        .iter()
        .map(|q| TrendRow {
            period: text::period_label(q),
            provider: shown(ctx.idx.all(q, &d.id, provider, ALL)).value,
            state: state_text(ctx, q, &d.id, ALL),
        })
        .collect();
    let series = vec![
        Series {
            name: "This provider".into(),
            style: "solid",
            marker: "circle",
            points: periods.iter().map(|q| ctx.idx.all(q, &d.id, provider, ALL).and_then(estimate).map(|e| e.0)).collect(),
        },
        Series {
            name: "Statewide".into(),
            style: "dashed",
            marker: "square",
            points: periods.iter().map(|q| ctx.idx.all(q, &d.id, STATE, ALL).and_then(|r| r.rate)).collect(),
        },
    ];
    let trend_chart = TrendChart::new(&format!("t{n}"), format!("{}: results by quarter for {name} and statewide; the table below lists them.", d.title), &periods, &series)
        .render()
        .unwrap_or_default();
    let note = ctx
        .input
        .public
        .notes
        .iter()
        .find(|x| x.period == ctx.p && x.measure_id == d.id && x.kind == NoteKind::Unadjusted)
        .map(|_| {
            "This quarter the risk model could not be fitted, so this result is not risk-adjusted. Instead it is compared with providers serving the same types of case management: it allows for this provider's mix of types, but not for the health and needs of the people served."
                .to_string()
        });
    MeasureView {
        id: d.id.clone(),
        title: d.title.clone(),
        why: d.why.clone(),
        unit: d.unit.clone(),
        ours,
        state: state.map(percent).unwrap_or_else(|| "Too few to rate".into()),
        chart,
        trend,
        trend_chart,
        note,
    }
}

/// Minnesota's caseload standards (measures.md): people per full-time case manager.
fn caseload_standard(cm_type: &str) -> Option<u32> {
    match cm_type {
        "CMH-TCM" => Some(15),
        "AMH-TCM" => Some(30),
        _ => None,
    }
}

fn caseload_views(ctx: &Ctx, p: &Profile) -> Vec<CaseloadView> {
    let ratio = |who: &str, t: &str| ctx.caseload.get(&(who.to_string(), t.to_string())).copied().flatten();
    let ratio_text = |r: Option<f64>| r.map(|r| format!("{:.0}", r)).unwrap_or_else(|| "Too few people to show".into());
    p.cm_types
        .iter()
        .map(|t| CaseloadView {
            type_name: text::cm_type_name(t).to_string(),
            ratio: ratio_text(ratio(&p.id, t)),
            state_ratio: ratio_text(ratio(STATE, t)),
            standard: caseload_standard(t).map(|s| format!("{s} or fewer")).unwrap_or_else(|| "No state standard".into()),
        })
        .collect()
}

fn provider_pages(ctx: &Ctx, w: &mut Writer, p: &Profile) -> Result<(), SiteError> {
    let defs = ctx.measures_for(p);
    let subs: Vec<String> = ctx.input.public.provider_submitters.get(&p.id).map(|s| s.iter().map(|x| submitter_name(x)).collect()).unwrap_or_default();
    let profiled = Profiled {
        card: card(p),
        mission: p.mission.clone(),
        phone: p.phone.clone(),
        phone_text: p.phone.replace('-', "\u{2011}"),
        website: if p.website.starts_with("https://") || p.website.starts_with("http://") { p.website.clone() } else { String::new() },
        address: [p.street.as_str(), p.city.as_str(), p.zip.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", "),
        submitters: if subs.is_empty() { "No records in this period.".into() } else { subs.join(", ") },
    };
    let mut measures = Vec::new();
    let mut survey_measure = None;
    for (n, d) in defs.iter().enumerate() {
        let v = measure_view(ctx, d, &p.id, &p.name, n);
        if d.id == "experience-top-box" {
            survey_measure = Some(v);
        } else {
            measures.push(v);
        }
    }
    let survey = SURVEY_ITEMS
        .iter()
        .map(|(item, _)| {
            let id = crate::publish::facts::survey_measure_id(item);
            let find = |who: &str| ctx.survey.get(&(who.to_string(), id.clone()));
            SurveyView {
                question: text::survey_item_text(item).to_string(),
                ours: shown(find(&p.id)),
                state: find(STATE).and_then(|r| r.rate).map(percent).unwrap_or_else(|| "Too few to rate".into()),
            }
        })
        .collect();
    w.page(
        &format!("providers/{}.html", p.id),
        &ProviderPage {
            c: ctx.chrome(1, p.name.clone(), "find", true),
            p: profiled,
            too_few: measures.iter().filter(|m| m.ours.too_few).map(MeasureView::brief).collect(),
            measures: measures.into_iter().filter(|m| !m.ours.too_few).collect(),
            caseload: caseload_views(ctx, p),
            survey,
            survey_measure,
        },
    )?;

    let sections = defs
        .iter()
        .map(|d| {
            let mut by_type = vec![detail_row(ctx, d, &p.id, ALL, ALL_STRATA, ALL_STRATA, "All types together".into())];
            for t in d.cm_types.iter().filter(|t| p.cm_types.contains(t)) {
                by_type.push(detail_row(ctx, d, &p.id, t, ALL_STRATA, ALL_STRATA, text::cm_type_name(t).to_string()));
            }
            let by_group = STRATIFIERS
                .iter()
                .map(|s| {
                    let rows = s
                        .strata
                        .iter()
                        .filter(|g| ctx.idx.get(&ctx.p, &d.id, &p.id, ALL, s.code, g).is_some())
                        .map(|g| detail_row(ctx, d, &p.id, ALL, s.code, g, text::stratum_name(s.code, g)))
                        .collect();
                    (text::stratifier_name(s.code).to_string(), rows)
                })
                .collect();
            DetailSection { id: d.id.clone(), title: d.title.clone(), unit: d.unit.clone(), by_type, by_group }
        })
        .collect();
    w.page(
        &format!("providers/{}-details.html", p.id),
        &DetailsPage { c: ctx.chrome(1, format!("{}: detailed report", p.name), "find", true), id: p.id.clone(), name: p.name.clone(), sections },
    )
}

fn gap_words(r: Option<&ResultRow>) -> String {
    let Some(r) = r else { return String::new() };
    match (r.gap, r.flagged) {
        (Some(g), Some(true)) => format!("{} compared with everyone else here. Flagged: a real difference.", text::points(g)),
        (Some(g), _) => format!("{} compared with everyone else here.", text::points(g)),
        _ => String::new(),
    }
}

fn detail_row(ctx: &Ctx, d: &Definition, provider: &str, cm_type: &str, stratifier: &str, stratum: &str, group: String) -> DetailRow {
    let ours = ctx.idx.get(&ctx.p, &d.id, provider, cm_type, stratifier, stratum);
    let state = ctx.idx.get(&ctx.p, &d.id, STATE, cm_type, stratifier, stratum);
    let comparison = if stratifier == ALL_STRATA {
        text::category_words(ours.and_then(|r| r.category.as_deref())).to_string()
    } else {
        gap_words(ours)
    };
    DetailRow { group, ours: shown(ours), state: shown(state), comparison }
}

#[derive(Serialize)]
struct CompareData<'a> {
    period: String,
    measures: Vec<(&'a str, &'a str)>,
    state: BTreeMap<&'a str, String>,
    providers: Vec<CompareProvider>,
}

#[derive(Serialize)]
struct CompareProvider {
    id: String,
    name: String,
    /// measure id → [value, range, category words, category class, what the value is
    /// ("risk-adjusted", or empty for an actual rate)]
    results: BTreeMap<String, [String; 5]>,
}

fn compare_pages(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let providers: Vec<Choice> = ctx.profiles.iter().map(|p| Choice { code: p.id.clone(), name: p.name.clone(), count: 0 }).collect();
    let counties: Vec<Choice> = county_choices(ctx).into_iter().filter(|c| c.count > 0).collect();
    w.page("compare.html", &ComparePage { c: ctx.chrome(0, "Compare providers", "compare", true), providers, counties: counties.to_vec() })?;

    // The data the compare page's script reads (a script file, so it loads from file:// too).
    let data = CompareData {
        period: text::period_label(&ctx.p),
        measures: ctx.defs.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect(),
        state: ctx.defs.iter().map(|d| (d.id.as_str(), state_text(ctx, &ctx.p, &d.id, ALL))).collect(),
        providers: ctx
            .profiles
            .iter()
            .map(|p| CompareProvider {
                id: p.id.clone(),
                name: p.name.clone(),
                results: ctx
                    .measures_for(p)
                    .iter()
                    .map(|d| {
                        let s = shown(ctx.idx.all(&ctx.p, &d.id, &p.id, ALL));
                        let what = if s.standardized_hidden { "actual result; the adjusted result is not shown, to protect privacy" } else { s.qualifier };
                        (d.id.clone(), [s.value, s.range.unwrap_or_default(), s.category.to_string(), s.category_class.to_string(), what.to_string()])
                    })
                    .collect(),
            })
            .collect(),
    };
    let js = format!("window.CASECARD_COMPARE = {};\n", serde_json::to_string(&data).expect("plain data"));
    w.file("assets/compare-data.js", js.as_bytes())?;

    for c in &counties {
        let here: Vec<&&Profile> = ctx.profiles.iter().filter(|p| p.counties.contains(&c.code)).collect();
        let sections = ctx
            .defs
            .iter()
            .filter_map(|d| {
                let rows: Vec<CompareRow> = here
                    .iter()
                    .filter(|p| d.cm_types.iter().any(|t| p.cm_types.contains(t)))
                    .map(|p| CompareRow { id: p.id.clone(), name: p.name.clone(), ours: shown(ctx.idx.all(&ctx.p, &d.id, &p.id, ALL)) })
                    .collect();
                (!rows.is_empty()).then(|| CompareSection {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    state: state_text(ctx, &ctx.p, &d.id, ALL),
                    how: format!("Providers are compared using {}.", comparison_summary(ctx, &ctx.p, d)),
                    rows,
                })
            })
            .collect();
        w.page(
            &format!("compare/county-{}.html", c.code),
            &CountyComparePage { c: ctx.chrome(1, format!("Compare providers in {}", c.name), "compare", true), county: c.name.clone(), sections },
        )?;
    }
    Ok(())
}

fn state_row(r: Option<&ResultRow>, label: String) -> StateRow {
    StateRow {
        label,
        gap: r.and_then(|r| r.gap).map(text::points).unwrap_or_default(),
        flagged: match r.and_then(|r| r.flagged) {
            Some(true) => "Yes",
            Some(false) => "No",
            None => "",
        },
        shown: shown(r),
    }
}

/// The funnel of one measure and period over the providers' `ALL` rows with a published
/// denominator.
fn funnel_view(ctx: &Ctx, d: &Definition, period: &str, id: &str) -> Option<FunnelView> {
    let f = ctx.input.public.funnels.iter().find(|f| f.period == period && f.measure_id == d.id && f.cm_type == ALL)?;
    let state = ctx.idx.all(period, &d.id, STATE, ALL)?.rate?;
    let mut rows = Vec::new();
    let mut points = Vec::new();
    // Providers plotted at their actual rate because their standardized rate is hidden.
    let mut actual = 0;
    for p in &ctx.profiles {
        let Some(r) = ctx.idx.all(period, &d.id, &p.id, ALL) else { continue };
        let (Some(n), Some((est, _, _))) = (r.denominator, estimate(r)) else { continue };
        if n == 0 {
            continue;
        }
        let z = charts::zone(state, n as f64, est);
        if r.adjustment.is_adjusted() && r.rsr.is_none() {
            actual += 1;
        }
        points.push((n as f64, est, z));
        rows.push((z, FunnelRow { id: p.id.clone(), name: p.name.clone(), ours: shown(Some(r)), zone: z.words() }));
    }
    if points.is_empty() {
        return Some(FunnelView {
            chart: String::new(),
            summary: format!("No provider has a published count for this measure in {}, so there is nothing to plot.", text::period_label(period)),
            rows: Vec::new(),
        });
    }
    let outside = points.iter().filter(|p| p.2 == Zone::Outside998).count();
    let between = points.iter().filter(|p| p.2 == Zone::Between).count();
    let summary = format!(
        "{} with a published count are plotted around the statewide {} ({}, {}). {} {} outside the 99.8% limits and {} between the 95% and 99.8% limits.",
        plural(points.len(), "provider", "providers"),
        percent(state),
        text::period_label(period),
        match actual {
            0 => format!("using {}", comparison_summary(ctx, period, d)),
            n => format!(
                "using {}; {} at the actual result, as the adjusted one is not shown to protect privacy",
                comparison_summary(ctx, period, d),
                plural(n, "provider", "providers")
            ),
        },
        outside,
        if outside == 1 { "is" } else { "are" },
        between
    );
    let title = format!("Funnel plot of {}: {}", d.title, summary);
    let chart = FunnelChart::new(id, title, state, &f.points, &points).render().unwrap_or_default();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.name.cmp(&b.1.name)));
    Some(FunnelView { chart, summary, rows: rows.into_iter().map(|r| r.1).collect() })
}

fn measure_pages(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let summaries = ctx
        .defs
        .iter()
        .map(|d| MeasureSummary { id: d.id.clone(), title: d.title.clone(), why: d.why.clone(), state: state_text(ctx, &ctx.p, &d.id, ALL) })
        .collect();
    w.page("measures/index.html", &MeasuresPage { c: ctx.chrome(1, "The measures", "measures", true), measures: summaries })?;
    for d in &ctx.defs {
        let periods = ctx.idx.periods_through(&ctx.p);
        let trend: Vec<StateRow> = periods.iter().map(|q| state_row(ctx.idx.all(q, &d.id, STATE, ALL), text::period_label(q))).collect();
        let series = [Series {
            name: "Statewide".into(),
            style: "solid",
            marker: "circle",
            points: periods.iter().map(|q| ctx.idx.all(q, &d.id, STATE, ALL).and_then(|r| r.rate)).collect(),
        }];
        let trend_chart = TrendChart::new("trend", format!("{}: statewide result by quarter; the table lists the numbers.", d.title), &periods, &series)
            .render()
            .unwrap_or_default();
        let cats = ["better", "no different", "worse", "too few"];
        let categories = cats
            .iter()
            .map(|c| Choice {
                code: text::category_class(Some(c)).to_string(),
                name: text::category_words(Some(c)).to_string(),
                count: ctx
                    .profiles
                    .iter()
                    .filter(|p| ctx.idx.all(&ctx.p, &d.id, &p.id, ALL).and_then(|r| r.category.as_deref()) == Some(c))
                    .count(),
            })
            .collect();
        let by_type = d.cm_types.iter().map(|t| state_row(ctx.idx.all(&ctx.p, &d.id, STATE, t), text::cm_type_name(t).to_string())).collect();
        let by_group = STRATIFIERS
            .iter()
            .map(|s| {
                let rows = s.strata.iter().map(|g| state_row(ctx.idx.get(&ctx.p, &d.id, STATE, ALL, s.code, g), text::stratum_name(s.code, g))).collect();
                let index = ctx
                    .input
                    .public
                    .index
                    .iter()
                    .find(|i| i.period == ctx.p && i.measure_id == d.id && i.provider_id == STATE && i.stratifier == s.code)
                    .map(|i| format!("Index of disparity: {:.1}% (the average distance of a group's result from the overall result).", i.index))
                    .unwrap_or_default();
                (text::stratifier_name(s.code).to_string(), index, rows)
            })
            .collect();
        let notes = ctx
            .input
            .public
            .notes
            .iter()
            .filter(|n| n.measure_id == d.id)
            .map(|n| format!("{}: {}", text::period_label(&n.period), n.message))
            .collect();
        let single_type = d.cm_types.len() == 1;
        let single_words = "The measure covers one type of case management, so providers' actual results are compared with the state's.";
        let by_type_words = "A provider's result for one type of case management is compared with the state's result for that type.";
        let type_words = "A provider's overall result is compared after allowing for its mix of types of case management: what it achieved is set against what the state achieves for each type it serves.";
        let adjustment = match (d.risk_adjusted(), measure_adjustment(ctx, &ctx.p, &d.id)) {
            (true, Adjustment::Risk) => format!(
                "Risk-adjusted, taking into account: {}. Providers' risk-adjusted results (overall and for each type of case management) are compared with the state.",
                d.covariates.iter().map(|c| text::covariate_name(&c.name)).collect::<Vec<_>>().join("; ")
            ),
            (true, _) => format!(
                "Normally risk-adjusted, but in {} the risk model could not be fitted, so results are not risk-adjusted this quarter. {}",
                text::period_label(&ctx.p),
                if single_type { single_words.to_string() } else { format!("{type_words} {by_type_words}") }
            ),
            (false, _) if single_type => format!("Not risk-adjusted: every provider is expected to do this for everyone. {single_words}"),
            (false, _) => format!("Not risk-adjusted: every provider is expected to do this for everyone. {type_words} {by_type_words}"),
        };
        w.page(
            &format!("measures/{}.html", d.id),
            &MeasurePage {
                c: ctx.chrome(1, d.title.clone(), "measures", true),
                id: d.id.clone(),
                title: d.title.clone(),
                why: d.why.clone(),
                how: d.how.clone(),
                direction: direction_words(d.direction),
                types: d.cm_types.iter().map(|t| text::cm_type_name(t)).collect::<Vec<_>>().join("; "),
                unit: d.unit.clone(),
                adjustment,
                notes,
                trend,
                trend_chart,
                categories,
                funnel: funnel_view(ctx, d, &ctx.p, "funnel"),
                by_type,
                by_group,
            },
        )?;
    }
    Ok(())
}

fn review_pages(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let periods: Vec<String> = ctx.idx.periods.clone();
    w.page(
        "review/index.html",
        &ReviewsPage {
            c: ctx.chrome(1, "Quarterly quality review", "review", false),
            periods: periods.iter().rev().map(|p| (p.clone(), text::period_label(p))).collect(),
        },
    )?;
    for (i, period) in periods.iter().enumerate() {
        let q: Period = period.parse().expect("periods of the results parse");
        let shown_periods = ctx.idx.periods_through(period);
        let prev = (i > 0).then(|| periods[i - 1].clone());
        let trends = ctx
            .defs
            .iter()
            .map(|d| {
                let values: Vec<String> = shown_periods.iter().map(|p| state_text(ctx, p, &d.id, ALL)).collect();
                let now = ctx.idx.all(period, &d.id, STATE, ALL).and_then(|r| r.rate);
                let before = prev.as_deref().and_then(|p| ctx.idx.all(p, &d.id, STATE, ALL)).and_then(|r| r.rate);
                let change = match (now, before) {
                    (Some(a), Some(b)) => text::points(a - b),
                    _ => "No comparison".into(),
                };
                TrendTableRow { id: d.id.clone(), title: d.title.clone(), values, change }
            })
            .collect();
        let notes = ctx
            .input
            .public
            .notes
            .iter()
            .filter(|n| &n.period == period)
            .map(|n| format!("{}: {}", ctx.def(&n.measure_id).map(|d| d.title.clone()).unwrap_or_else(|| n.measure_id.clone()), n.message))
            .collect();
        // Providers whose category became better or worse since the previous quarter.
        let mut changes = Vec::new();
        if let Some(prev) = &prev {
            for r in ctx.input.public.rows.iter().filter(|r| &r.period == period && r.provider_id != STATE && r.stratifier == ALL_STRATA) {
                let now = r.category.as_deref();
                if !matches!(now, Some("better") | Some("worse")) {
                    continue;
                }
                let before = ctx.idx.all(prev, &r.measure_id, &r.provider_id, &r.cm_type);
                let was = before.and_then(|b| b.category.as_deref());
                if was == now {
                    continue;
                }
                let fmt = |x: Option<&ResultRow>| {
                    let s = shown(x);
                    format!("{} ({})", s.category, s.value)
                };
                changes.push(ChangeRow {
                    provider_id: r.provider_id.clone(),
                    provider: ctx.name_of(&r.provider_id),
                    measure: ctx.def(&r.measure_id).map(|d| d.title.clone()).unwrap_or_else(|| r.measure_id.clone()),
                    scope: text::cm_type_name(&r.cm_type).to_string(),
                    before: fmt(before),
                    now: fmt(Some(r)),
                    now_class: text::category_class(now),
                });
            }
        }
        changes.sort_by(|a, b| a.now_class.cmp(b.now_class).reverse().then(a.provider.cmp(&b.provider)).then(a.measure.cmp(&b.measure)));
        let mut flagged: Vec<&ResultRow> = ctx.input.public.rows.iter().filter(|r| &r.period == period && r.flagged == Some(true)).collect();
        flagged.sort_by(|a, b| {
            let g = |r: &ResultRow| r.gap.map(f64::abs).unwrap_or(0.0);
            g(b).total_cmp(&g(a)).then(a.key().cmp(&b.key()))
        });
        let disparities = flagged
            .iter()
            .map(|r| DisparityRow {
                scope: if r.provider_id == STATE { "Statewide".into() } else { ctx.name_of(&r.provider_id) },
                measure: ctx.def(&r.measure_id).map(|d| d.title.clone()).unwrap_or_else(|| r.measure_id.clone()),
                group: format!("{}: {}", text::stratifier_name(&r.stratifier), text::stratum_name(&r.stratifier, &r.stratum)),
                rate: shown(Some(r)).value,
                gap: r.gap.map(text::points).unwrap_or_default(),
            })
            .collect();
        let funnels = ctx
            .defs
            .iter()
            .enumerate()
            .filter_map(|(k, d)| {
                funnel_view(ctx, d, period, &format!("f{k}")).map(|mut f| {
                    // The review lists only the providers outside the limits; the measure
                    // page has the full table.
                    f.rows.retain(|r| r.zone != Zone::Inside95.words());
                    ReviewFunnel { id: d.id.clone(), title: d.title.clone(), funnel: f }
                })
            })
            .collect();
        w.page(
            &format!("review/{period}.html"),
            &ReviewPage {
                c: Chrome { sources: sources_line(ctx.input, q), window: text::window_words(q), period: text::period_label(period), ..ctx.chrome(1, format!("Quarterly quality review, {}", text::period_label(period)), "review", true) },
                label: text::period_label(period),
                window: text::window_words(q),
                periods: shown_periods.iter().map(|p| text::period_label(p)).collect(),
                trends,
                notes,
                changes,
                previous: prev.as_deref().map(text::period_label).unwrap_or_default(),
                disparities,
                funnels,
                quality: quality_rows(ctx, period),
                completeness_fields: Completeness::FIELDS.iter().map(|f| f.0).collect(),
            },
        )?;
    }
    Ok(())
}

/// Data quality per submitter for one quarter's packages, as published (counts from 1 to 10
/// read "fewer than 11"; a count withheld so that another cannot be worked out says so).
fn quality_rows(ctx: &Ctx, period: &str) -> Vec<QualityRow> {
    let count_cell = |c: QCount| match c {
        QCount::Shown(n) => Some(Count { raw: n as i64, text: thousands(n as i64) }),
        _ => None,
    };
    let share = |v: Option<f64>| v.map(|v| format!("{:.2}% of rows", 100.0 * v)).unwrap_or_default();
    ctx.input
        .public
        .quality
        .iter()
        .filter(|q| q.period == period)
        .map(|q: &Quality| {
            let quarantined = match q.quarantined {
                QCount::Zero => "None".to_string(),
                QCount::Small => "Fewer than 11".to_string(),
                QCount::Withheld => WITHHELD.to_string(),
                QCount::Shown(_) => share(q.quarantined_share),
            };
            let reasons = q
                .reasons
                .iter()
                .map(|r| match r.count {
                    QCount::Shown(n) => format!("{}: {} ({})", r.reason, thousands(n as i64), share(r.share)),
                    QCount::Withheld => format!("{}: {}", r.reason, WITHHELD.to_lowercase()),
                    _ => format!("{}: fewer than 11", r.reason),
                })
                .collect::<Vec<_>>()
                .join("; ");
            let completeness = Completeness::FIELDS
                .iter()
                .map(|(f, _)| match &q.completeness {
                    Some(c) => match &c.shares {
                        Some(shares) => format!("{:.0}%", 100.0 * shares[f]),
                        None => "Too few people".into(),
                    },
                    None => "No records".into(),
                })
                .collect();
            QualityRow {
                name: submitter_name(&q.submitter_id),
                kind: submitter_kind(&q.submitter_id),
                loaded: q.loaded,
                superseded: q.superseded,
                failed: q.failed,
                read: count_cell(q.read),
                few_read: q.read == QCount::Small,
                quarantined_n: count_cell(q.quarantined),
                quarantined,
                reasons: if reasons.is_empty() { "None".into() } else { reasons },
                completeness,
            }
        })
        .collect()
}

/// What a count hidden only to protect another one says.
const WITHHELD: &str = "Not shown, so that a smaller count cannot be worked out";

fn sources_page(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let mut by: BTreeMap<&str, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for p in &ctx.input.public.packages {
        let e = by.entry(&p.submitter_id).or_default();
        match p.status {
            Status::Loaded => {
                e.0.insert(text::period_label(&p.period));
            }
            // The failure message stays in the ingest report for the submitter: it can quote
            // row counts of the failed file, which are not for the public.
            Status::Failed => {
                e.1.insert(format!("{} (sequence {})", text::period_label(&p.period), p.sequence));
            }
            Status::Superseded => {}
        }
    }
    let rows = by
        .into_iter()
        .map(|(id, (loaded, failed))| SourceRow {
            id: id.to_string(),
            name: submitter_name(id),
            kind: submitter_kind(id),
            periods: loaded.into_iter().collect::<Vec<_>>().join(", "),
            failed: failed.into_iter().collect::<Vec<_>>().join("; "),
        })
        .collect();
    w.page("sources.html", &SourcesPage { c: ctx.chrome(0, "Where the data comes from", "sources", true), rows })
}

// ---------------------------------------------------------------------------------------
// Methodology and the risk models of the reporting quarter

fn methodology_page(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let mut models = Vec::new();
    let mut no_models = Vec::new();
    for d in ctx.defs.iter().filter(|d| d.risk_adjusted()) {
        if let Some(m) = ctx.input.public.models.iter().find(|m| m.model.period == ctx.p && m.model.measure_id == d.id) {
            models.push(model_view(d, m));
            continue;
        }
        let note = ctx.input.public.notes.iter().find(|n| n.period == ctx.p && n.measure_id == d.id);
        let why = match note {
            Some(n) if n.kind == NoteKind::Unadjusted => format!(
                "{}. This quarter its results are not risk-adjusted: a provider's overall result is compared after allowing for its mix of types of case management, and its result for each type with the state's result for that type.",
                text::sentence_case(n.message.trim_end_matches('.'))
            ),
            Some(_) => "Not calculated this quarter: its 12 months reach a quarter for which no data was sent.".to_string(),
            None => "No risk model was fitted this quarter.".to_string(),
        };
        no_models.push(NoModel { id: d.id.clone(), title: d.title.clone(), why });
    }
    w.page(
        "methodology.html",
        &MethodologyPage { c: ctx.chrome(0, "How the results are calculated", "methodology", false), models, no_models },
    )
}

/// The model report of one risk model; its counts and terms are there only where the publish
/// stage let them through ([`ModelCounts`]).
fn model_view(d: &Definition, pm: &PublicModel) -> ModelView {
    let m = &pm.model;
    let (rows, events) = (m.rows as i64, m.events as i64);
    let unit = d.unit.clone();
    let fitted_on = match pm.counts {
        ModelCounts::Shown => String::new(),
        ModelCounts::FewRows => format!("Fewer than 30 {unit}."),
        ModelCounts::FewEvents => format!("30 or more {unit}; fewer than 11 of them met the measure."),
        ModelCounts::FewNonEvents => format!("30 or more {unit}; all but fewer than 11 of them met the measure."),
        ModelCounts::Withheld => format!("30 or more {unit}; the exact numbers are not shown, to protect privacy."),
    };
    let show = pm.counts == ModelCounts::Shown;
    ModelView {
        id: d.id.clone(),
        title: d.title.clone(),
        estimator: match m.estimator {
            crate::stats::logistic::Estimator::Ml => "Maximum likelihood",
            crate::stats::logistic::Estimator::Firth => "Firth's bias-reduced (penalized) likelihood",
        },
        firth_reason: m.firth_reason.as_deref().map(text::sentence_case),
        c_statistic: format!("{:.2}", m.c_statistic),
        iterations: m.iterations,
        rows: show.then(|| Count { raw: rows, text: thousands(rows) }),
        events: show.then(|| Count { raw: events, text: thousands(events) }),
        fitted_on,
        unit,
        terms: m
            .terms
            .iter()
            .map(|t| TermRow {
                label: text::term_words(&t.term),
                code: t.term.clone(),
                coefficient: text::signed(t.coefficient, 3),
                standard_error: text::signed(t.standard_error, 3),
            })
            .collect(),
        reference: m.reference_levels.iter().map(|(c, l)| text::term_words(&format!("{c}={l}"))).collect(),
        merged: m
            .merged_levels
            .iter()
            .map(|(c, ls)| format!("{}: {}", text::covariate_name(c), ls.iter().map(|l| text::level_words(c, l)).collect::<Vec<_>>().join(", ")))
            .collect(),
        dropped: m.dropped_terms.iter().map(|t| text::term_words(t)).collect(),
        aliased: m.aliased_terms.iter().map(|t| text::term_words(t)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(provider: &str, cm_type: &str, adjustment: Adjustment) -> ResultRow {
        ResultRow {
            period: "2026Q2".into(),
            measure_id: "m".into(),
            provider_id: provider.into(),
            cm_type: cm_type.into(),
            stratifier: ALL_STRATA.into(),
            stratum: ALL_STRATA.into(),
            denominator: Some(200),
            numerator: Some(150),
            rate: Some(0.75),
            ci_low: Some(0.69),
            ci_high: Some(0.80),
            adjustment,
            category: Some("no different".into()),
            ..ResultRow::default()
        }
    }

    #[test]
    fn a_result_says_which_comparison_applies() {
        let mut risk = row("P1", ALL, Adjustment::Risk);
        (risk.rsr, risk.rsr_low, risk.rsr_high) = (Some(0.81), Some(0.7), Some(0.9));
        let s = shown(Some(&risk));
        assert_eq!((s.value.as_str(), s.range.as_deref()), ("81%", Some("70% and 90%")));
        assert!(s.standardized && !s.standardized_hidden && !s.rounded);
        assert_eq!(s.qualifier, "risk-adjusted");
        assert!(s.basis.unwrap().starts_with("Risk-adjusted: compared after allowing for the health and needs"));

        // Type-standardized, with the standardized cells hidden (a small type behind it):
        // the actual rate, said so, and the rating still from the hidden interval.
        let mut ty = row("P1", ALL, Adjustment::Type);
        ty.suppressed = true;
        let s = shown(Some(&ty));
        assert_eq!((s.value.as_str(), s.range.as_deref()), ("75%", Some("69% and 80%")));
        assert!(!s.standardized && s.standardized_hidden && !s.rounded, "counts are shown: not rounded");
        assert_eq!(s.qualifier, "");
        assert!(s.basis.unwrap().starts_with("Compared with providers serving the same types of case management"));
        (ty.rsr, ty.rsr_low, ty.rsr_high) = (Some(0.72), Some(0.66), Some(0.78));
        ty.suppressed = false;
        let s = shown(Some(&ty));
        assert_eq!((s.value.as_str(), s.qualifier), ("72%", "adjusted for types of case management"));

        let one = row("P1", "AMH-TCM", Adjustment::None);
        let s = shown(Some(&one));
        assert!(!s.standardized && !s.standardized_hidden && s.qualifier.is_empty());
        assert_eq!(s.basis, Some("Compared with the state's result for this type of case management."));

        // Counts hidden: the rounded value, no interval.
        let mut small = row("P1", "AMH-TCM", Adjustment::None);
        (small.numerator, small.denominator, small.ci_low, small.ci_high, small.suppressed) = (None, None, None, None, true);
        assert!(shown(Some(&small)).rounded);

        // The statewide benchmark is not qualified, and statewide rows are not rated.
        let mut state = row(STATE, ALL, Adjustment::Type);
        (state.rsr, state.category) = (Some(0.75), None);
        let s = shown(Some(&state));
        assert!(s.qualifier.is_empty() && s.basis.is_none() && !s.standardized_hidden);
    }
}
