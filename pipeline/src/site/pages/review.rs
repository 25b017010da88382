//! The quarterly quality review: an index of the quarters, and for each quarter the
//! statewide trends, providers whose rating changed, flagged disparities, providers outside
//! the funnel limits and the data quality of each submitter. Separate because it is the
//! page for the state's reviewers, built once per quarter rather than for the reporting
//! quarter alone.

use askama::Template;

use super::measure::{funnel_view, FunnelView};
use super::{sources_line, state_text, Ctx};
use crate::measures::results::{ResultRow, ALL, STATE};
use crate::measures::strata::ALL_STRATA;
use crate::period::Period;
use crate::publish::facts::Completeness;
use crate::publish::quality::{Count as QCount, Quality};
use crate::site::charts::{Zone, ZoneWords};
use crate::site::names::{submitter_kind, submitter_name};
use crate::site::text::{self, thousands};
use crate::site::views::{shown, Chrome, Count};
use crate::site::{SiteError, Writer};

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    c: Chrome,
    periods: Vec<(String, String)>,
}

struct TrendTableRow {
    id: String,
    title: String,
    values: Vec<String>,
    change: String,
}

struct ChangeRow {
    provider_id: String,
    provider: String,
    measure: String,
    scope: String,
    before: String,
    now: String,
    now_class: &'static str,
}

struct DisparityRow {
    scope: String,
    measure: String,
    group: String,
    rate: String,
    gap: String,
}

struct QualityRow {
    name: String,
    kind: &'static str,
    loaded: usize,
    superseded: usize,
    failed: usize,
    read: Option<Count>,
    /// Rows read from 1 to 10 (shown as "fewer than 11").
    few_read: bool,
    quarantined: String,
    quarantined_n: Option<Count>,
    reasons: String,
    completeness: Vec<String>,
}

struct ReviewFunnel {
    id: String,
    title: String,
    funnel: FunnelView,
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

pub(super) fn review_pages(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let periods: Vec<String> = ctx.idx.periods.clone();
    w.page(
        "review/index.html",
        &ReviewsPage {
            c: ctx.chrome("review/index.html", "Quarterly quality review", "review", false),
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
            .map(|n| format!("{}: {}", ctx.def(&n.measure_id).map(|d| d.title.clone()).unwrap_or_else(|| n.measure_id.clone()), text::plain_periods(&n.message)))
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
                    let s = shown(&ctx.tr, x);
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
                rate: shown(&ctx.tr, Some(r)).value,
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
                c: Chrome { sources: sources_line(ctx.input, q, &ctx.tr), window: text::window_words(q), period: text::period_label(period), ..ctx.chrome(&format!("review/{period}.html"), format!("Quarterly quality review, {}", text::period_label(period)), "review", true) },
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
