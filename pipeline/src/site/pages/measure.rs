//! The list of measures and a page for each measure: its definition and adjustment, the
//! statewide trend, by type and by group, and the funnel plot of the providers. Separate
//! because these pages are about the state and the measure, not one provider; the funnel
//! view is built here and reused by the quarterly review.

use askama::Template;

use super::{comparison_summary, measure_adjustment, state_text, Ctx};
use crate::measures::definition::Definition;
use crate::measures::results::{Adjustment, ResultRow, ALL, STATE};
use crate::measures::strata::STRATIFIERS;
use crate::site::charts::{FunnelChart, Series, TrendChart, Zone, ZoneWords};
use crate::site::names::plural;
use crate::site::text::{self, percent};
use crate::site::views::{estimate, shown, Choice, Chrome, Shown};
use crate::site::{SiteError, Writer};
use crate::stats::compare::Direction;

struct MeasureSummary {
    id: String,
    title: String,
    why: String,
    state: String,
}

#[derive(Template)]
#[template(path = "measures.html")]
struct MeasuresPage {
    c: Chrome,
    measures: Vec<MeasureSummary>,
}

struct StateRow {
    label: String,
    shown: Shown,
    gap: String,
    flagged: &'static str,
}

pub(super) struct FunnelView {
    pub(super) chart: String,
    pub(super) summary: String,
    pub(super) rows: Vec<FunnelRow>,
}

pub(super) struct FunnelRow {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) ours: Shown,
    pub(super) zone: &'static str,
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

fn direction_words(d: Direction) -> &'static str {
    match d {
        Direction::Higher => "A higher result is better.",
        Direction::Lower => "A lower result is better.",
    }
}

fn state_row(ctx: &Ctx, r: Option<&ResultRow>, label: String) -> StateRow {
    StateRow {
        label,
        gap: r.and_then(|r| r.gap).map(text::points).unwrap_or_default(),
        flagged: match r.and_then(|r| r.flagged) {
            Some(true) => "Yes",
            Some(false) => "No",
            None => "",
        },
        shown: shown(&ctx.tr, r),
    }
}

/// The funnel of one measure and period over the providers' `ALL` rows with a published
/// denominator.
pub(super) fn funnel_view(ctx: &Ctx, d: &Definition, period: &str, id: &str) -> Option<FunnelView> {
    let f = ctx.input.public.funnels.iter().find(|f| f.period == period && f.measure_id == d.id && f.cm_type == ALL)?;
    let state = f.state_rate;
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
        let Some(&z) = f.zones.get(&p.id) else { continue };
        if r.adjustment.is_adjusted() && r.rsr.is_none() {
            actual += 1;
        }
        points.push((n as f64, est, z));
        rows.push((z, FunnelRow { id: p.id.clone(), name: p.name.clone(), ours: shown(&ctx.tr, Some(r)), zone: z.words() }));
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

pub(super) fn measure_pages(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let summaries = ctx
        .defs
        .iter()
        .map(|d| MeasureSummary { id: d.id.clone(), title: d.title.clone(), why: d.why.clone(), state: state_text(ctx, &ctx.p, &d.id, ALL) })
        .collect();
    w.page("measures/index.html", &MeasuresPage { c: ctx.chrome("measures/index.html", "The measures", "measures", true), measures: summaries })?;
    for d in &ctx.defs {
        let periods = ctx.idx.periods_through(&ctx.p);
        let trend: Vec<StateRow> = periods.iter().map(|q| state_row(ctx, ctx.idx.all(q, &d.id, STATE, ALL), text::period_label(q))).collect();
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
        let by_type = d.cm_types.iter().map(|t| state_row(ctx, ctx.idx.all(&ctx.p, &d.id, STATE, t), text::cm_type_name(t).to_string())).collect();
        let by_group = STRATIFIERS
            .iter()
            .map(|s| {
                let rows = s.strata().iter().map(|g| state_row(ctx, ctx.idx.get(&ctx.p, &d.id, STATE, ALL, s.code(), g), text::stratum_name(s.code(), g))).collect();
                let index = ctx
                    .input
                    .public
                    .index
                    .iter()
                    .find(|i| i.period == ctx.p && i.measure_id == d.id && i.provider_id == STATE && i.stratifier == s.code())
                    .map(|i| format!("Index of disparity: {:.1}% (the average distance of a group's result from the overall result).", i.index))
                    .unwrap_or_default();
                (text::stratifier_name(s.code()).to_string(), index, rows)
            })
            .collect();
        let notes = ctx
            .input
            .public
            .notes
            .iter()
            .filter(|n| n.measure_id == d.id)
            .map(|n| format!("{}: {}", text::period_label(&n.period), text::plain_periods(&n.message)))
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
                c: ctx.chrome(&format!("measures/{}.html", d.id), d.title.clone(), "measures", true),
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
