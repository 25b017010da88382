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
mod sheets;
mod summary;

use std::collections::{BTreeSet, HashMap};
use std::ops::Deref;
use std::rc::Rc;

use super::i18n::{Arg, Catalogs, Review, Tr};
use super::text::percent;
use super::views::{Choice, Chrome, SwitchLink};
use super::{SiteError, SiteInput, Writer};
use crate::geography;
use crate::ingest::report::Status;
use crate::measures::definition::Definition;
use crate::measures::results::{Adjustment, ResultRow, ALL, STATE};
use crate::measures::strata::ALL_STRATA;
use crate::period::Period;
use crate::publish::facts::Profile;

/// Renders every page: the consumer pages (home, find and its lists, providers, compare,
/// choice sheets) once per language of `site/i18n/`, English at the site root and each other
/// language in a folder named by its code; the pages for providers' staff, the quality
/// council and analysts (details, measures, review, methodology, data) in English only.
pub(super) fn render_all(input: &SiteInput, w: &mut Writer) -> Result<(), SiteError> {
    let catalogs = Catalogs::load()?;
    let mut profiles: Vec<&Profile> = input.public.profiles.iter().collect();
    profiles.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let base = Base {
        input,
        idx: Index::new(&input.public.rows),
        p: input.public.reporting.to_string(),
        profiles,
        defs: input.definitions.measures.iter().collect(),
        survey: input.public.survey.iter().cloned()
            .into_iter()
            .map(|r| ((r.provider_id.clone(), r.measure_id.clone()), r))
            .collect(),
        caseload: input.public.caseload.iter().map(|c| ((c.provider_id.clone(), c.cm_type.clone()), c.ratio)).collect(),
    };

    for lang in 0..catalogs.languages.len() {
        let ctx = Ctx::new(&base, &catalogs, lang, true);
        let types = find::type_choices(&ctx);
        find::home_page(&ctx, w, &types)?;
        find::find_pages(&ctx, w, &types)?;
        for p in &ctx.profiles {
            provider::provider_page(&ctx, w, p)?;
        }
        compare::compare_pages(&ctx, w)?;
        sheets::sheet_pages(&ctx, w)?;
    }

    let ctx = Ctx::new(&base, &catalogs, 0, false);
    for p in &ctx.profiles {
        provider::details_page(&ctx, w, p)?;
    }
    measure::measure_pages(&ctx, w)?;
    review::review_pages(&ctx, w)?;
    about::methodology_page(&ctx, w, &catalogs)?;
    about::download_pages(&ctx, w)?;
    about::sources_page(&ctx, w)?;

    let missing = catalogs.missing_in_english();
    if !missing.is_empty() {
        return Err(SiteError::Catalog(format!("site/i18n/en.ftl has no message {}", missing.join(", "))));
    }
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

/// "Data sent by 87 counties, 11 tribal nations and 8 health plans.": the submitters with a
/// loaded package in any quarter the period's window reads.
fn sources_line(input: &SiteInput, period: Period, tr: &Tr) -> String {
    let quarters: BTreeSet<String> = crate::measures::window::Window::of(period, 0).quarters().iter().map(|q| q.to_string()).collect();
    let subs: BTreeSet<&str> = input
        .public
        .packages
        .iter()
        .filter(|p| p.status == Status::Loaded && quarters.contains(&p.period))
        .map(|p| p.submitter_id.as_str())
        .collect();
    let count = |prefix: &str| subs.iter().filter(|s| s.starts_with(prefix)).count();
    tr.f(
        "sources-line",
        vec![
            ("counties", tr.count("sources-counties", count("county-")).into()),
            ("tribes", tr.count("sources-tribes", count("tribe-")).into()),
            ("plans", tr.count("sources-plans", count("mco-")).into()),
        ],
    )
}

/// What every builder reads, the same in every language: the input, the rows keyed for
/// lookup, and what is worked out once for all the pages.
struct Base<'a> {
    input: &'a SiteInput<'a>,
    idx: Index<'a>,
    /// The reporting period as text.
    p: String,
    profiles: Vec<&'a Profile>,
    defs: Vec<&'a Definition>,
    /// The survey item rows after suppression, by (provider, survey measure id).
    survey: HashMap<(String, String), ResultRow>,
    /// Published caseload ratio by (provider or STATE, cm_type).
    caseload: HashMap<(String, String), Option<f64>>,
}

impl<'a> Base<'a> {
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

/// A builder's view: the shared [`Base`] and the language its pages are written in.
struct Ctx<'a> {
    base: &'a Base<'a>,
    catalogs: Rc<Catalogs>,
    tr: Tr,
    /// Index of the language in the catalogs.
    lang: usize,
    /// The pages being built are translated (consumer pages); else they are in English only.
    translated: bool,
    sources: String,
}

impl<'a> Deref for Ctx<'a> {
    type Target = Base<'a>;
    fn deref(&self) -> &Base<'a> {
        self.base
    }
}

impl<'a> Ctx<'a> {
    fn new(base: &'a Base<'a>, catalogs: &Rc<Catalogs>, lang: usize, translated: bool) -> Ctx<'a> {
        let tr = catalogs.tr(lang);
        let sources = sources_line(base.input, base.input.public.reporting, &tr);
        Ctx { base, catalogs: Rc::clone(catalogs), tr, lang, translated, sources }
    }

    /// The folder of this language's pages: "" for English, "es/" for Spanish.
    fn prefix(&self) -> String {
        if self.tr.is_english() {
            String::new()
        } else {
            format!("{}/", self.tr.code())
        }
    }

    /// Writes a page at `rel` (relative to its language's folder).
    fn page(&self, w: &mut Writer, rel: &str, t: &impl askama::Template) -> Result<(), SiteError> {
        w.page(&format!("{}{rel}", self.prefix()), t)
    }

    /// The frame of the page at `rel` (relative to its language's folder).
    fn chrome(&self, rel: &str, title: impl Into<String>, nav: &'static str, shows_results: bool) -> Chrome {
        let depth = rel.matches('/').count();
        let root = "../".repeat(depth);
        let site = format!("{root}{}", if self.tr.is_english() { "" } else { "../" });
        let switcher = self
            .catalogs
            .languages
            .iter()
            .map(|l| {
                let folder = if l.code == "en" { String::new() } else { format!("{}/", l.code) };
                let href = if self.translated || l.code == "en" { format!("{site}{folder}{rel}") } else { format!("{site}{folder}index.html") };
                SwitchLink { code: l.code.clone(), name: l.name.clone(), href, current: l.code == self.tr.code() }
            })
            .collect();
        let draft = (self.catalogs.languages[self.lang].review == Review::MachineDraft)
            .then(|| self.tr.f("draft-notice-html", vec![("english", Arg::from(format!("{site}{rel}")))]));
        Chrome {
            root,
            site,
            title: title.into(),
            nav,
            period: self.tr.period(&self.p),
            window: self.tr.window(self.input.public.reporting),
            sources: self.sources.clone(),
            shows_results,
            tr: self.tr.clone(),
            draft,
            switcher,
            english_only: !self.translated,
            english_only_notes: if self.translated {
                Vec::new()
            } else {
                (1..self.catalogs.languages.len()).map(|i| (self.catalogs.languages[i].code.clone(), self.catalogs.tr(i).t("switcher-english-only"))).collect()
            },
        }
    }

    /// A measure's title in this language (English when the definition has none).
    fn title(&self, d: &Definition) -> String {
        d.text(self.tr.code()).0.to_string()
    }

    /// Why a measure matters, in this language.
    fn why(&self, d: &Definition) -> String {
        d.text(self.tr.code()).1.to_string()
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
fn comparison_summary(ctx: &Ctx, period: &str, d: &Definition) -> String {
    match measure_adjustment(ctx, period, &d.id) {
        Adjustment::Risk => ctx.tr.adjustment_summary(Adjustment::Risk),
        _ if d.cm_types.len() == 1 => ctx.tr.t("summary-one-type"),
        a => ctx.tr.adjustment_summary(a),
    }
}

/// Every county, with how many providers serve it.
fn county_choices(ctx: &Ctx) -> Vec<Choice> {
    geography::COUNTIES
        .iter()
        .map(|c| Choice {
            code: c.fips.to_string(),
            name: ctx.tr.f("county-name", vec![("name", c.name.into())]),
            count: ctx.profiles.iter().filter(|p| p.counties.iter().any(|x| x == c.fips)).count(),
        })
        .collect()
}

/// The statewide rate of a measure for a scope, as text.
fn state_text(ctx: &Ctx, period: &str, measure: &str, cm_type: &str) -> String {
    match ctx.idx.all(period, measure, STATE, cm_type).and_then(|r| r.rate) {
        Some(r) => percent(r),
        None => ctx.tr.t("too-few-to-rate"),
    }
}
