//! A provider's page (its profile, main results with charts and trends, caseloads and the
//! survey) and its detailed report (each measure by type of case management and by group).
//! Separate because these two pages are the only ones built per provider, with view types
//! of their own.

use askama::Template;

use super::{state_text, Ctx};
use crate::measures::definition::Definition;
use crate::measures::results::{ResultRow, ALL, STATE};
use crate::measures::strata::{ALL_STRATA, STRATIFIERS};
use crate::measures::NoteKind;
use crate::publish::facts::{Profile, SURVEY_ITEMS};
use crate::site::charts::{IntervalChart, Series, TrendChart};
use crate::site::names::submitter_name;
use crate::site::text::{self, percent};
use crate::site::views::{card, estimate, shown, Card, Chrome, Shown};
use crate::site::{SiteError, Writer};

struct Profiled {
    card: Card,
    mission: String,
    phone: String,
    /// The phone number with non-breaking hyphens, so it never wraps.
    phone_text: String,
    website: String,
    address: String,
    submitters: String,
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
            ours: shown(None),
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

pub(super) fn provider_pages(ctx: &Ctx, w: &mut Writer, p: &Profile) -> Result<(), SiteError> {
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
