//! What the public may see of each risk model (the methodology page's model report).
//!
//! The model is fitted on the providers' `ALL` denominator rows, which is what the statewide
//! `ALL` row counts: its rows and events may be shown only under the rule of every published
//! count (rows 30 or more; events and non-events each 0 or 11 or more), and only where the
//! statewide row's own counts are published, so the model cannot give back a count that
//! suppression hid there (or a small difference from it). Coefficients of a model on few
//! people (or few events) can be solved back for the counts of its cells (a saturated Firth
//! fit is log((a + ½)/(b + ½))), so they are shown only where the model's own counts may be.

use crate::measures::results::ResultRow;
use crate::measures::RiskModel;

use super::suppress::{is_small, MIN_RATE_DENOMINATOR};

/// Why a model's counts (and terms) are or are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelCounts {
    Shown,
    /// Fewer than 30 rows.
    FewRows,
    /// 30 or more rows, 1 to 10 events.
    FewEvents,
    /// 30 or more rows, all but 1 to 10 of them events.
    FewNonEvents,
    /// The counts would give back (by difference) a count hidden on the statewide row.
    Withheld,
}

/// A risk model as published: `model.rows`, `model.events` and `model.terms` are cleared
/// (0 and empty) unless `counts` is [`ModelCounts::Shown`], so nothing downstream can show
/// them by mistake.
#[derive(Debug, Clone)]
pub struct PublicModel {
    pub model: RiskModel,
    pub counts: ModelCounts,
}

/// The public view of `m`, judged against the published (suppressed) result rows.
pub fn public(m: &RiskModel, published: &[ResultRow]) -> PublicModel {
    let small = |n: i64| is_small(n.abs());
    let (rows, events) = (m.rows as i64, m.events as i64);
    let state = super::state_all(published, &m.period, &m.measure_id);
    let state_counts = state.and_then(|r| r.denominator.zip(r.numerator));
    let state_ok = state_counts.is_some_and(|(sd, sn)| !small(sd - rows) && !small(sn - events));
    let counts = if rows < MIN_RATE_DENOMINATOR {
        ModelCounts::FewRows
    } else if small(events) {
        ModelCounts::FewEvents
    } else if small(rows - events) {
        ModelCounts::FewNonEvents
    } else if !state_ok {
        ModelCounts::Withheld
    } else {
        ModelCounts::Shown
    };
    let mut model = m.clone();
    if counts != ModelCounts::Shown {
        model.rows = 0;
        model.events = 0;
        model.terms.clear();
    }
    PublicModel { model, counts }
}
