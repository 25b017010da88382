//! Byar's approximation to the exact Poisson interval for an observed count, used for the
//! interval of O/E (observed over expected): it is accurate to a few percent even for small
//! counts and, unlike the exact limits, needs no chi-square quantiles.

/// 95%-style interval for O/E by Byar's approximation on `observed`, at normal quantile `z`.
/// `None` when `expected` is not positive (no ratio to bound).
pub fn oe_interval(observed: f64, expected: f64, z: f64) -> Option<(f64, f64)> {
    if expected <= 0.0 || !expected.is_finite() {
        return None;
    }
    let o = observed;
    let low = if o <= 0.0 {
        0.0
    } else {
        o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3)
    };
    let o1 = o + 1.0;
    let high = o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt())).powi(3);
    Some((low.max(0.0) / expected, high / expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Z95;

    #[test]
    fn matches_formula_by_hand() {
        // O = 10: lower = 10·(1 − 1/90 − 1.96/(3·√10))³ = 4.7874; upper = 11·(1 − 1/99 + 1.96/(3·√11))³ = 18.3915.
        let (l, h) = oe_interval(10.0, 1.0, Z95).unwrap();
        assert!((l - 4.7874).abs() < 1e-3 && (h - 18.3915).abs() < 1e-3, "{l} {h}");
        let (l0, h0) = oe_interval(0.0, 2.0, Z95).unwrap();
        assert_eq!(l0, 0.0);
        // O = 0: upper = (1 − 1/9 + 1.96/3)³ = 3.6680, over E = 2.
        assert!((h0 - 3.6680 / 2.0).abs() < 1e-3, "{h0}");
        assert_eq!(oe_interval(3.0, 0.0, Z95), None);
    }
}
