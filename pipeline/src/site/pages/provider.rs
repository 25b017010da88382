//! A provider's page (a summary, its profile, main results with charts and trends,
//! caseloads and the survey; in every language) and its detailed report (each measure by
//! type of case management and by group; in English). Separate because these two pages are
//! the only ones built per provider, with view types of their own.

use askama::Template;

use super::summary::{self, summarized_card, Scopes};
use super::{state_text, Ctx};
use crate::measures::definition::Definition;
use crate::measures::results::{ResultRow, ALL, STATE};
use crate::measures::strata::{ALL_STRATA, STRATIFIERS};
use crate::measures::NoteKind;
use crate::publish::facts::{Profile, SURVEY_ITEMS};
use crate::site::charts::{IntervalChart, Series, TrendChart};
use crate::site::names::submitter_name;
use crate::site::i18n::Arg;
use crate::site::text::{self, percent};
use crate::site::views::{estimate, shown, Card, Chrome, Shown, Summary};
use crate::site::{SiteError, Writer};

struct Profiled {
    card: Card,
    mission: String,
    submitters: String,
}

/// The top of the provider page: the all-types tally in one sentence and the results where
/// the provider differs most from the state.
struct TopSummary {
    glance: Summary,
    sentence: String,
    differs: Vec<Differs>,
}

struct Differs {
    id: String,
    text: String,
    category: String,
    category_class: &'static str,
}

struct TrendRow {
    period: String,
    provider: String,
    state: String,
}

struct MeasureView {
    id: String,
    title: String,
    why: String,
    unit: String,
    ours: Shown,
    state: String,
    chart: String,
    trend: Vec<TrendRow>,
    trend_chart: String,
    note: Option<String>,
}

impl MeasureView {
    /// The identifying fields, for the brief list of measures too few to rate.
    fn brief(&self) -> MeasureView {
        MeasureView {
            id: self.id.clone(),
            title: self.title.clone(),
            why: self.why.clone(),
            unit: self.unit.clone(),
            ours: Shown::none(),
            state: self.state.clone(),
            chart: String::new(),
            trend: Vec::new(),
            trend_chart: String::new(),
            note: None,
        }
    }
}

struct CaseloadView {
    type_name: String,
    ratio: String,
    state_ratio: String,
    standard: String,
}

struct SurveyView {
    question: String,
    ours: Shown,
    state: String,
}

#[derive(Template)]
#[template(path = "provider.html")]
struct ProviderPage {
    c: Chrome,
    p: Profiled,
    top: TopSummary,
    /// Measures with a published result for this provider.
    measures: Vec<MeasureView>,
    /// Measures with too few people to rate, listed briefly after the rated ones.
    too_few: Vec<MeasureView>,
    caseload: Vec<CaseloadView>,
    survey: Vec<SurveyView>,
    survey_measure: Option<MeasureView>,
}

struct DetailRow {
    group: String,
    ours: Shown,
    state: Shown,
    comparison: String,
}

struct DetailSection {
    id: String,
    title: String,
    unit: String,
    by_type: Vec<DetailRow>,
    by_group: Vec<(String, Vec<DetailRow>)>,
}

#[derive(Template)]
#[template(path = "details.html")]
struct DetailsPage {
    c: Chrome,
    id: String,
    name: String,
    sections: Vec<DetailSection>,
}

fn measure_view(ctx: &Ctx, d: &Definition, provider: &str, name: &str, n: usize) -> MeasureView {
    let tr = &ctx.tr;
    let row = ctx.idx.all(&ctx.p, &d.id, provider, ALL);
    let ours = shown(tr, row);
    let state = ctx.idx.all(&ctx.p, &d.id, STATE, ALL).and_then(|r| r.rate);
    let est = row.and_then(estimate);
    let chart_title = match (est, state) {
        (Some((e, ci, _)), Some(s)) => tr.f(
            "chart-result",
            vec![
                ("name", Arg::from(name)),
                ("value", Arg::from(percent(e))),
                ("range", Arg::from(ci.map(|(lo, hi)| tr.f("chart-range", vec![("low", Arg::from(percent(lo))), ("high", Arg::from(percent(hi)))])).unwrap_or_default())),
                ("state", Arg::from(percent(s))),
            ],
        ),
        (None, Some(s)) => tr.f("chart-too-few", vec![("name", Arg::from(name)), ("state", Arg::from(percent(s)))]),
        _ => tr.f("chart-no-state", vec![("name", Arg::from(name))]),
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
            period: tr.period(q),
            provider: shown(tr, ctx.idx.all(q, &d.id, provider, ALL)).value,
            state: state_text(ctx, q, &d.id, ALL),
        })
        .collect();
    let series = vec![
        Series {
            name: tr.t("series-provider"),
            style: "solid",
            marker: "circle",
            points: periods.iter().map(|q| ctx.idx.all(q, &d.id, provider, ALL).and_then(estimate).map(|e| e.0)).collect(),
        },
        Series {
            name: tr.t("series-state"),
            style: "dashed",
            marker: "square",
            points: periods.iter().map(|q| ctx.idx.all(q, &d.id, STATE, ALL).and_then(|r| r.rate)).collect(),
        },
    ];
    let title = ctx.title(d);
    let trend_chart = TrendChart::new(&format!("t{n}"), tr.f("chart-trend", vec![("measure", Arg::from(&title)), ("name", Arg::from(name))]), &periods, &series)
        .render()
        .unwrap_or_default();
    let note = ctx
        .input
        .public
        .notes
        .iter()
        .find(|x| x.period == ctx.p && x.measure_id == d.id && x.kind == NoteKind::Unadjusted)
        .map(|_| tr.t("provider-unadjusted-note"));
    MeasureView {
        id: d.id.clone(),
        title,
        why: ctx.why(d),
        unit: d.unit.clone(),
        ours,
        state: state.map(percent).unwrap_or_else(|| tr.t("too-few-to-rate")),
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
    let tr = &ctx.tr;
    let ratio_text = |r: Option<f64>| r.map(|r| format!("{:.0}", r)).unwrap_or_else(|| tr.t("caseload-too-few"));
    p.cm_types
        .iter()
        .map(|t| CaseloadView {
            type_name: tr.cm_type(t),
            ratio: ratio_text(ratio(&p.id, t)),
            state_ratio: ratio_text(ratio(STATE, t)),
            standard: caseload_standard(t).map(|s| tr.f("caseload-standard", vec![("n", Arg::from(s.to_string()))])).unwrap_or_else(|| tr.t("caseload-no-standard")),
        })
        .collect()
}

/// The summary at the top of the provider page: the tally of all types together in one
/// sentence, and up to three results where the provider differs from the state, the largest
/// difference first.
fn top_summary(ctx: &Ctx, p: &Profile) -> TopSummary {
    let tr = &ctx.tr;
    let glance = summary::summary(ctx, p, ALL, true);
    let rated = glance.better + glance.same + glance.worse;
    let mut sentence = if rated == 0 {
        tr.t("provider-summary-none")
    } else {
        tr.f(
            "provider-summary-sentence",
            vec![("rated", Arg::from(rated)), ("better", Arg::from(glance.better)), ("same", Arg::from(glance.same)), ("worse", Arg::from(glance.worse))],
        )
    };
    if glance.too_few > 0 {
        sentence = format!("{sentence} {}", tr.count("provider-summary-too-few", glance.too_few));
    }
    let mut differs: Vec<(f64, Differs)> = summary::scoped(ctx, p, ALL)
        .into_iter()
        .filter(|(d, _)| d.id != summary::SURVEY_MEASURE)
        .filter_map(|(d, r)| {
            let r = r?;
            let (e, _, _) = estimate(r)?;
            let cat = r.category.as_deref().filter(|c| matches!(*c, "better" | "worse"))?;
            let state = summary::state_rate(ctx, &d.id)?;
            let text = tr.f("provider-differs-item", vec![("measure", Arg::from(ctx.title(d))), ("ours", Arg::from(percent(e))), ("state", Arg::from(percent(state)))]);
            Some(((e - state).abs(), Differs { id: d.id.clone(), text, category: tr.category(Some(cat)), category_class: text::category_class(Some(cat)) }))
        })
        .collect();
    // Largest difference first; the measure id breaks ties so the order never depends on
    // the order of the definitions.
    differs.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    TopSummary { glance, sentence, differs: differs.into_iter().take(3).map(|x| x.1).collect() }
}

/// The provider's page, in the context's language.
pub(super) fn provider_page(ctx: &Ctx, w: &mut Writer, p: &Profile) -> Result<(), SiteError> {
    let tr = &ctx.tr;
    let defs = ctx.measures_for(p);
    let subs: Vec<String> = ctx.input.public.provider_submitters.get(&p.id).map(|s| s.iter().map(|x| submitter_name(x)).collect()).unwrap_or_default();
    let profiled = Profiled {
        card: summarized_card(ctx, p, Scopes::One(ALL)),
        mission: p.mission.clone(),
        submitters: if subs.is_empty() { tr.t("provider-no-records") } else { subs.join(", ") },
    };
    let mut measures = Vec::new();
    let mut survey_measure = None;
    for (n, d) in defs.iter().enumerate() {
        let v = measure_view(ctx, d, &p.id, &p.name, n);
        if d.id == summary::SURVEY_MEASURE {
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
                question: tr.survey_item(item),
                ours: shown(tr, find(&p.id)),
                state: find(STATE).and_then(|r| r.rate).map(percent).unwrap_or_else(|| tr.t("too-few-to-rate")),
            }
        })
        .collect();
    let rel = format!("providers/{}.html", p.id);
    ctx.page(
        w,
        &rel,
        &ProviderPage {
            c: ctx.chrome(&rel, p.name.clone(), "find", true),
            p: profiled,
            top: top_summary(ctx, p),
            too_few: measures.iter().filter(|m| m.ours.too_few).map(MeasureView::brief).collect(),
            measures: measures.into_iter().filter(|m| !m.ours.too_few).collect(),
            caseload: caseload_views(ctx, p),
            survey,
            survey_measure,
        },
    )
}

/// The provider's detailed report, in English (for providers' staff and the council).
pub(super) fn details_page(ctx: &Ctx, w: &mut Writer, p: &Profile) -> Result<(), SiteError> {
    let defs = ctx.measures_for(p);
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
                        .strata()
                        .iter()
                        .filter(|g| ctx.idx.get(&ctx.p, &d.id, &p.id, ALL, s.code(), g).is_some())
                        .map(|g| detail_row(ctx, d, &p.id, ALL, s.code(), g, text::stratum_name(s.code(), g)))
                        .collect();
                    (text::stratifier_name(s.code()).to_string(), rows)
                })
                .collect();
            DetailSection { id: d.id.clone(), title: d.title.clone(), unit: d.unit.clone(), by_type, by_group }
        })
        .collect();
    let rel = format!("providers/{}-details.html", p.id);
    ctx.page(w, &rel, &DetailsPage { c: ctx.chrome(&rel, format!("{}: detailed report", p.name), "find", true), id: p.id.clone(), name: p.name.clone(), sections })
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
        ctx.tr.category(ours.and_then(|r| r.category.as_deref()))
    } else {
        gap_words(ours)
    };
    DetailRow { group, ours: shown(&ctx.tr, ours), state: shown(&ctx.tr, state), comparison }
}
