//! Wilson score interval for a proportion.
//!
//! Used for every unadjusted rate: unlike the Wald interval it stays inside [0, 1] and keeps
//! close to its nominal coverage for the small denominators (30–100) typical of one provider.

/// The Wilson score interval for `x` successes out of `n` at normal quantile `z`.
/// `None` when `n` is 0 (there is no rate to bound).
pub fn interval(x: u64, n: u64, z: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (x, n) = (x as f64, n as f64);
    let p = x / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At x = 0 or x = n one bound is exactly 0 or 1; say so rather than leave rounding dust.
    let low = if x == 0.0 { 0.0 } else { (centre - half).max(0.0) };
    let high = if x == n { 1.0 } else { (centre + half).min(1.0) };
    Some((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Z95;

    #[test]
    fn newcombe_1998_table_i() {
        // Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score).
        let cases = [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)];
        for (x, n, lo, hi) in cases {
            let (l, h) = interval(x, n, Z95).unwrap();
            assert!((l - lo).abs() < 5e-5 && (h - hi).abs() < 5e-5, "{x}/{n}: {l} {h}");
        }
    }

    #[test]
    fn bounds_and_empty() {
        assert_eq!(interval(0, 0, Z95), None);
        let (l, h) = interval(20, 20, Z95).unwrap();
        assert_eq!(h, 1.0);
        assert!((l - 0.8389).abs() < 1e-4, "{l}");
    }
}
