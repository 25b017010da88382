//! Disparity statistics: the gap between a group's rate and the rate of everyone else at the
//! same scope, its two-proportion test, the Benjamini–Hochberg correction over all the tests
//! of one period, and a one-number summary of how unequal results are across groups.

/// Two-sided p-value of the pooled two-proportion z-test of x1/n1 against x2/n2.
/// `None` when a side is empty or the pooled rate is 0 or 1 (no variance to test against).
pub fn two_proportion_p(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<f64> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (x1, n1, x2, n2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let pooled = (x1 + x2) / (n1 + n2);
    let var = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if var <= 0.0 {
        return None;
    }
    let z = (x1 / n1 - x2 / n2) / var.sqrt();
    // Two-sided tail 2·(1 − Φ(|z|)) = erfc(|z|/√2); libm's erfc is accurate to the last bits.
    Some(libm::erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0))
}

/// Benjamini–Hochberg adjusted p-values (same order as `p`): controls the false discovery
/// rate over the whole family, so that among the flagged gaps few are flukes.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut adjusted = vec![0.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(p[i] * m as f64 / (rank + 1) as f64);
        adjusted[i] = running.min(1.0);
    }
    adjusted
}

/// Index of disparity (Pearcy & Keppel 2002): the mean absolute difference between each
/// group's rate and the rate of the whole population, as a percentage of that rate. 0 means
/// every group has the same result; 20 means groups are, on average, 20% away from it.
/// It is unweighted, so a small group counts as much as a large one, which is what a
/// disparity summary should do. `None` with fewer than two groups or a zero overall rate.
pub fn index_of_disparity(group_rates: &[f64], overall: f64) -> Option<f64> {
    if group_rates.len() < 2 || overall <= 0.0 {
        return None;
    }
    let mean_abs = group_rates.iter().map(|r| (r - overall).abs()).sum::<f64>() / group_rates.len() as f64;
    Some(100.0 * mean_abs / overall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_proportion_by_hand() {
        // 30/100 vs 50/100: pooled 0.4, se = √(0.24 · 0.02) = 0.069282, z = −2.88675,
        // two-sided p = 0.0038924 (normal tables).
        let p = two_proportion_p(30, 100, 50, 100).unwrap();
        assert!((p - 0.003_892_4).abs() < 1e-6, "{p}");
        assert_eq!(two_proportion_p(0, 10, 0, 20), None);
        assert_eq!(two_proportion_p(3, 10, 4, 0), None);
        assert!((two_proportion_p(5, 10, 5, 10).unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn bh_by_hand() {
        // m = 4: sorted 0.01, 0.02, 0.03, 0.5 → ×4/1, ×4/2, ×4/3, ×4/4 = 0.04, 0.04, 0.04, 0.5,
        // then the running minimum from the top.
        let adj = benjamini_hochberg(&[0.03, 0.5, 0.01, 0.02]);
        let want = [0.04, 0.5, 0.04, 0.04];
        for (a, w) in adj.iter().zip(want) {
            assert!((a - w).abs() < 1e-12, "{adj:?}");
        }
        assert!(benjamini_hochberg(&[]).is_empty());
        assert_eq!(benjamini_hochberg(&[0.9, 0.8]), [0.9, 0.9]);
    }

    #[test]
    fn index_of_disparity_by_hand() {
        // Rates 0.5, 0.6, 0.7 around 0.6: mean |d| = 0.0667, / 0.6 = 11.11%.
        let id = index_of_disparity(&[0.5, 0.6, 0.7], 0.6).unwrap();
        assert!((id - 11.111_111).abs() < 1e-5);
        assert_eq!(index_of_disparity(&[0.5], 0.5), None);
    }
}
