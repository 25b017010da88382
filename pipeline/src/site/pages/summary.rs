//! A provider's results at a glance, where people choose: how many measures are better,
//! about the same, worse than the state and too few to rate, with the survey rate. The find
//! page, the county and type lists, the choice sheets and the top of the provider page all
//! show this one summary, so they always agree with each other and with the provider page.

use super::Ctx;
use crate::measures::definition::Definition;
use crate::measures::results::{ResultRow, ALL, STATE};
use crate::publish::facts::Profile;
use crate::site::i18n::Arg;
use crate::site::names::type_slug;
use crate::site::text::percent;
use crate::site::views::{card, estimate, Card, Summary};

/// The survey measure: shown as its own line, not counted with the others.
pub(super) const SURVEY_MEASURE: &str = "experience-top-box";

/// The measures of a scope for a provider and their rows: for `ALL`, every measure of any
/// of the provider's types (the all-types rows); for a type, the measures of that type.
pub(super) fn scoped<'a>(ctx: &Ctx<'a>, p: &Profile, scope: &str) -> Vec<(&'a Definition, Option<&'a ResultRow>)> {
    ctx.defs
        .iter()
        .copied()
        .filter(|d| if scope == ALL { d.cm_types.iter().any(|t| p.cm_types.contains(t)) } else { d.cm_types.iter().any(|t| t == scope) })
        .map(|d| (d, ctx.idx.all(&ctx.p, &d.id, &p.id, scope)))
        .collect()
}

/// Which tally a row falls in: a rated category, or too few to rate (no published
/// estimate, or no comparison).
fn bucket(r: Option<&ResultRow>) -> &'static str {
    if r.and_then(estimate).is_none() {
        return "too few";
    }
    match r.and_then(|r| r.category.as_deref()) {
        Some("better") => "better",
        Some("no different") => "no different",
        Some("worse") => "worse",
        _ => "too few",
    }
}

/// The summary of one scope (`ALL` or a cm_type).
pub(super) fn summary(ctx: &Ctx, p: &Profile, scope: &str, shown: bool) -> Summary {
    let tr = &ctx.tr;
    let rows = scoped(ctx, p, scope);
    let counted: Vec<_> = rows.iter().filter(|(d, _)| d.id != SURVEY_MEASURE).collect();
    let n = |b: &str| counted.iter().filter(|(_, r)| bucket(*r) == b).count();
    let (better, same, worse, too_few) = (n("better"), n("no different"), n("worse"), n("too few"));
    let tally = [(better, "tally-better", "cat-better"), (same, "tally-same", "cat-same"), (worse, "tally-worse", "cat-worse"), (too_few, "tally-too-few", "cat-none")]
        .into_iter()
        .filter(|(k, _, _)| *k > 0)
        .map(|(k, id, class)| (tr.count(id, k), class))
        .collect();
    // The survey rate only where it is published; a card says nothing of a survey too small.
    let survey = rows.iter().find(|(d, _)| d.id == SURVEY_MEASURE).and_then(|(_, r)| r.and_then(estimate)).map(|(e, _, _)| {
        tr.f(
            "summary-survey",
            vec![("rate", Arg::from(percent(e))), ("state", Arg::from(super::state_text(ctx, &ctx.p, SURVEY_MEASURE, ALL)))],
        )
    });
    let values = rows
        .iter()
        .filter_map(|(d, r)| r.and_then(estimate).map(|e| format!("{}:{}", d.id, e.0)))
        .collect::<Vec<_>>()
        .join(" ");
    Summary {
        scope: if scope == ALL { "all".into() } else { type_slug(scope) },
        label: if scope == ALL { tr.t("summary-label-all") } else { tr.f("summary-label-type", vec![("type", Arg::from(tr.cm_type(scope)))]) },
        better,
        same,
        worse,
        too_few,
        tally,
        survey,
        values,
        shown,
    }
}

/// A provider's card with its summaries: all types together and each of its types (the
/// find page, where the type filter chooses which one shows), or one scope only.
pub(super) fn summarized_card(ctx: &Ctx, p: &Profile, scopes: Scopes) -> Card {
    let mut c = card(&ctx.tr, p);
    c.summaries = match scopes {
        Scopes::Every => std::iter::once(summary(ctx, p, ALL, true)).chain(p.cm_types.iter().map(|t| summary(ctx, p, t, false))).collect(),
        Scopes::One(scope) => vec![summary(ctx, p, scope, true)],
    };
    c
}

/// Which summaries a card carries.
#[derive(Clone, Copy)]
pub(super) enum Scopes<'s> {
    Every,
    One(&'s str),
}

/// The statewide estimate of a measure, for the provider page's "differs most" list.
pub(super) fn state_rate(ctx: &Ctx, measure: &str) -> Option<f64> {
    ctx.idx.all(&ctx.p, measure, STATE, ALL).and_then(|r| r.rate)
}
