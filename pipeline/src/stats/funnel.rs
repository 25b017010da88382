//! Funnel-plot control limits: the range a provider of denominator `n` falls in by chance
//! alone when its true rate is the statewide rate `p0`, at 95% and 99.8%.
//!
//! The normal approximation p0 ± z·√(p0(1 − p0)/n), clipped to [0, 1], is the one the
//! quality council's analysts can reproduce in a spreadsheet; it is drawn as a curve, so the
//! slight under-coverage of the exact binomial limits at small n does not matter for reading it.

/// Lower and upper limit at normal quantile `z` for denominator `n` around rate `p0`.
pub fn limits(p0: f64, n: f64, z: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    let half = z * (p0 * (1.0 - p0) / n).sqrt();
    ((p0 - half).max(0.0), (p0 + half).min(1.0))
}

/// Control limits at a few denominators spanning `1..=max_n`, for drawing the two funnels.
/// Each point is (n, low95, high95, low998, high998).
pub fn curve(p0: f64, max_n: u64, points: usize) -> Vec<(f64, f64, f64, f64, f64)> {
    let max_n = max_n.max(30) as f64;
    let mut out: Vec<(f64, f64, f64, f64, f64)> = (0..points.max(2))
        .map(|i| {
            // Denominators spaced evenly on a log scale from 10 up to max_n: the funnel
            // narrows fastest at small n, where the points need to be dense.
            let t = i as f64 / (points.max(2) - 1) as f64;
            let n = (10f64.ln() + t * (max_n.ln() - 10f64.ln())).exp().round();
            let (l95, h95) = limits(p0, n, super::Z95);
            let (l998, h998) = limits(p0, n, super::Z998);
            (n, l95, h95, l998, h998)
        })
        .collect();
    // Rounding makes neighbouring small denominators equal; keep each once.
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Where a point falls against the funnel's control limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Zone {
    Inside95,
    Between,
    Outside998,
}

/// Where a provider of denominator `n` and rate `rate` falls around the statewide `state`.
pub fn zone(state: f64, n: f64, rate: f64) -> Zone {
    let (lo95, hi95) = limits(state, n, super::Z95);
    let (lo998, hi998) = limits(state, n, super::Z998);
    if rate < lo998 || rate > hi998 {
        Zone::Outside998
    } else if rate < lo95 || rate > hi95 {
        Zone::Between
    } else {
        Zone::Inside95
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Z95, Z998};

    #[test]
    fn limits_by_hand() {
        // p0 = 0.5, n = 100: half-width = 1.96 · 0.05 = 0.098.
        let (l, h) = limits(0.5, 100.0, Z95);
        assert!((l - 0.402).abs() < 1e-4 && (h - 0.598).abs() < 1e-4);
        // p0 = 0.9, n = 30, z = 3.09: half = 3.0902 · √(0.09/30) = 0.16926 → upper clipped to 1.
        let (l, h) = limits(0.9, 30.0, Z998);
        assert!((l - 0.73074).abs() < 1e-4 && h == 1.0, "{l} {h}");
        let c = curve(0.5, 1000, 5);
        assert_eq!(c.first().unwrap().0, 10.0);
        assert_eq!(c.last().unwrap().0, 1000.0);
        assert!(c.windows(2).all(|w| w[1].2 <= w[0].2), "the funnel narrows as n grows");
        let small = curve(0.5, 12, 40);
        assert!(small.windows(2).all(|w| w[0].0 < w[1].0), "denominators strictly increase");
        assert_eq!(small.last().unwrap().0, 30.0, "the curve reaches at least the rating threshold");
    }

    #[test]
    fn zones_follow_the_limits() {
        // p0 = 0.5, n = 100: 95% half-width 0.098, 99.8% half-width 0.1545.
        assert_eq!(zone(0.5, 100.0, 0.55), Zone::Inside95);
        assert_eq!(zone(0.5, 100.0, 0.62), Zone::Between);
        assert_eq!(zone(0.5, 100.0, 0.70), Zone::Outside998);
        assert_eq!(zone(0.5, 100.0, 0.30), Zone::Outside998);
    }
}
