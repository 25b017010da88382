//! Funnel plots: the statewide rate of each measure and scope with its 95% and 99.8% control
//! limits, and where each provider falls against them.
//!
//! Built from the *published* rows only. A funnel is drawn around a statewide rate only where
//! that row's counts are published (elsewhere the public sees the rate rounded or not at all,
//! and an exact rate would give the hidden counts back), and its curve runs up to the largest
//! *published* provider denominator (the largest denominator overall could be one that
//! suppression hid).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::measures::results::{ResultRow, STATE};
use crate::measures::strata::ALL_STRATA;
use crate::stats::funnel::{curve, zone, Zone};

/// Points per funnel curve: enough for a smooth line, few enough to keep the file small.
const FUNNEL_POINTS: usize = 40;

/// Funnel-plot control limits around one statewide rate, for drawing each measure's funnel
/// plot: points (denominator, low95, high95, low998, high998) up to the largest published
/// provider denominator.
#[derive(Debug, Clone, Serialize)]
pub struct Funnel {
    pub period: String,
    pub measure_id: String,
    pub cm_type: String,
    pub state_rate: f64,
    pub points: Vec<(f64, f64, f64, f64, f64)>,
    /// Where each provider with a published denominator and estimate (the standardized rate
    /// where published, else the rate) falls; not part of `funnel_limits.json`.
    #[serde(skip)]
    pub zones: BTreeMap<String, Zone>,
}

/// The funnels of every statewide unstratified row whose counts are published.
pub fn funnels(public: &[ResultRow]) -> Vec<Funnel> {
    let unstratified = |r: &&ResultRow| r.stratifier == ALL_STRATA;
    let mut providers: BTreeMap<(&str, &str, &str), Vec<&ResultRow>> = BTreeMap::new();
    for r in public.iter().filter(unstratified).filter(|r| r.provider_id != STATE) {
        providers.entry((&r.period, &r.measure_id, &r.cm_type)).or_default().push(r);
    }
    public
        .iter()
        .filter(unstratified)
        .filter(|r| r.provider_id == STATE && r.denominator.is_some())
        .filter_map(|r| {
            let rate = r.rate?;
            let scope = providers.get(&(r.period.as_str(), r.measure_id.as_str(), r.cm_type.as_str()));
            let published = || scope.into_iter().flatten().filter(|p| p.denominator.is_some_and(|n| n > 0));
            let max_n = published().filter_map(|p| p.denominator).max().unwrap_or(0);
            let zones = published()
                .filter_map(|p| {
                    let est = p.rsr.or(p.rate)?;
                    Some((p.provider_id.clone(), zone(rate, p.denominator? as f64, est)))
                })
                .collect();
            Some(Funnel {
                period: r.period.clone(),
                measure_id: r.measure_id.clone(),
                cm_type: r.cm_type.clone(),
                state_rate: rate,
                points: curve(rate, max_n as u64, FUNNEL_POINTS),
                zones,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(provider: &str, den: Option<i64>, rate: Option<f64>) -> ResultRow {
        ResultRow {
            period: "2026Q2".into(),
            measure_id: "m".into(),
            provider_id: provider.into(),
            cm_type: "ALL".into(),
            stratifier: "all".into(),
            stratum: "all".into(),
            denominator: den,
            numerator: den.zip(rate).map(|(d, r)| (d as f64 * r).round() as i64),
            rate,
            ..ResultRow::default()
        }
    }

    #[test]
    fn only_published_rates_and_denominators_shape_a_funnel() {
        // STATE 500 at 0.6; A 400 published at 0.55; B's counts hidden (rate rounded to 0.9,
        // denominator blank) although B is the largest provider.
        let rows = vec![row("A", Some(400), Some(0.55)), row("B", None, Some(0.9)), row(STATE, Some(500), Some(0.6))];
        let f = funnels(&rows);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].state_rate, 0.6);
        assert_eq!(f[0].points.last().unwrap().0, 400.0, "the curve ends at the largest published denominator");
        // A: 0.55 at n = 400 around 0.6: 95% half-width 1.96·√(0.24/400) = 0.048, 99.8%
        // half-width 3.09·√(0.24/400) = 0.0757: between the two.
        assert_eq!(f[0].zones.get("A"), Some(&Zone::Between));
        assert!(!f[0].zones.contains_key("B"), "no published denominator, no point");
        // A statewide row whose counts are hidden has no funnel: its exact rate is not public.
        let hidden = vec![row("A", Some(400), Some(0.55)), row(STATE, None, Some(0.6))];
        assert!(funnels(&hidden).is_empty());
    }
}
