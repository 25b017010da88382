//! Householder QR decomposition with R's limited left-to-right column pivoting (LINPACK
//! `dqrdc2`, which R's `qr()` and `lm`/`glm` use).
//!
//! Why this and not a textbook rank-revealing QR: measures.md pins *which* columns of a
//! rank-deficient risk-adjustment design are dropped, and it pins them the way R does, so an
//! analyst who refits a published model in R gets the same terms. `dqrdc2` walks the
//! columns left to right and moves a column to the end (declares it aliased) when its norm,
//! after projecting out the columns kept before it, has fallen below `tol` times its
//! original norm. Earlier columns are therefore always preferred over later ones.
//!
//! The same decomposition solves the weighted least-squares steps of the logistic fits: the
//! normal equations would square the condition number of a nearly collinear design.

/// A QR decomposition of an n × p matrix given by columns.
#[derive(Debug, Clone)]
pub struct Qr {
    n: usize,
    /// Householder vectors, one per kept column: `v[k]` acts on rows k.. (stored from row k).
    v: Vec<Vec<f64>>,
    /// vᵀv of each Householder vector (0 for an identity reflection).
    vtv: Vec<f64>,
    /// Column k of the upper-triangular factor R (rows 0..=k), one per kept column.
    r: Vec<Vec<f64>>,
    /// Indices of the input columns kept, in input order; they are R's columns.
    pub kept: Vec<usize>,
    /// Indices of the input columns found to be (numerically) linear combinations of the
    /// columns before them.
    pub aliased: Vec<usize>,
}

/// R's `qr()` default tolerance, which measures.md adopts for aliasing.
pub const ALIAS_TOLERANCE: f64 = 1e-7;

fn norm(x: &[f64]) -> f64 {
    // Scaled to avoid overflow on long columns, as BLAS dnrm2 does.
    let scale = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if scale == 0.0 {
        return 0.0;
    }
    scale * x.iter().map(|v| (v / scale) * (v / scale)).sum::<f64>().sqrt()
}

impl Qr {
    /// Decomposes the matrix whose columns are `columns` (each of the same length n),
    /// declaring aliased every column whose remaining norm falls below `tol` times its
    /// original norm (a zero column is always aliased).
    pub fn new(columns: &[Vec<f64>], tol: f64) -> Qr {
        let n = columns.first().map_or(0, Vec::len);
        let mut qr = Qr { n, v: Vec::new(), vtv: Vec::new(), r: Vec::new(), kept: Vec::new(), aliased: Vec::new() };
        for (j, col) in columns.iter().enumerate() {
            debug_assert_eq!(col.len(), n);
            let original = norm(col);
            let original = if original == 0.0 { 1.0 } else { original };
            let mut c = col.clone();
            qr.apply_qt(&mut c);
            let k = qr.kept.len();
            if k >= n || norm(&c[k..]) < original * tol {
                qr.aliased.push(j);
                continue;
            }
            // Householder reflection taking c[k..] to (alpha, 0, …, 0).
            let x = &c[k..];
            let nx = norm(x);
            let alpha = if x[0] >= 0.0 { -nx } else { nx };
            let mut v = x.to_vec();
            v[0] -= alpha;
            let vtv: f64 = v.iter().map(|a| a * a).sum();
            let mut rcol = c[..k].to_vec();
            rcol.push(alpha);
            qr.v.push(v);
            qr.vtv.push(vtv);
            qr.r.push(rcol);
            qr.kept.push(j);
        }
        qr
    }

    /// The rank: the number of kept columns.
    pub fn rank(&self) -> usize {
        self.kept.len()
    }

    /// y ← Qᵀ y.
    pub fn apply_qt(&self, y: &mut [f64]) {
        for (k, (v, &vtv)) in self.v.iter().zip(&self.vtv).enumerate() {
            if vtv == 0.0 {
                continue;
            }
            let tail = &mut y[k..];
            let s = 2.0 * v.iter().zip(tail.iter()).map(|(a, b)| a * b).sum::<f64>() / vtv;
            for (t, a) in tail.iter_mut().zip(v) {
                *t -= s * a;
            }
        }
    }

    /// R[i][k] for i ≤ k (kept columns only).
    fn r_at(&self, i: usize, k: usize) -> f64 {
        self.r[k][i]
    }

    /// Solves R b = c by back substitution (c has the rank's length).
    pub fn solve_r(&self, c: &[f64]) -> Vec<f64> {
        let p = self.rank();
        let mut b = vec![0.0; p];
        for i in (0..p).rev() {
            let s: f64 = ((i + 1)..p).map(|k| self.r_at(i, k) * b[k]).sum();
            b[i] = (c[i] - s) / self.r_at(i, i);
        }
        b
    }

    /// Solves Rᵀ b = c by forward substitution.
    pub fn solve_rt(&self, c: &[f64]) -> Vec<f64> {
        let p = self.rank();
        let mut b = vec![0.0; p];
        for i in 0..p {
            let s: f64 = (0..i).map(|k| self.r_at(k, i) * b[k]).sum();
            b[i] = (c[i] - s) / self.r_at(i, i);
        }
        b
    }

    /// The least-squares solution over the kept columns: argmin ‖y − X b‖.
    pub fn least_squares(&self, y: &[f64]) -> Vec<f64> {
        debug_assert_eq!(y.len(), self.n);
        let mut c = y.to_vec();
        self.apply_qt(&mut c);
        self.solve_r(&c[..self.rank()])
    }

    /// The inverse of R (upper triangular, kept columns), column by column.
    pub fn r_inverse(&self) -> Vec<Vec<f64>> {
        let p = self.rank();
        (0..p)
            .map(|j| {
                let mut e = vec![0.0; p];
                e[j] = 1.0;
                self.solve_r(&e)
            })
            .collect()
    }

    /// log |det R| = ½ log det(XᵀX) over the kept columns.
    pub fn log_abs_det_r(&self) -> f64 {
        (0..self.rank()).map(|k| self.r_at(k, k).abs().ln()).sum()
    }

    /// Whether every diagonal element of R is usable (no exact zero pivot).
    pub fn is_full_rank(&self) -> bool {
        (0..self.rank()).all(|k| self.r_at(k, k) != 0.0 && self.r_at(k, k).is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_least_squares() {
        // y = 1 + 2x exactly on x = 0..4.
        let x0 = vec![1.0; 5];
        let x1: Vec<f64> = (0..5).map(f64::from).collect();
        let y: Vec<f64> = x1.iter().map(|x| 1.0 + 2.0 * x).collect();
        let qr = Qr::new(&[x0, x1], ALIAS_TOLERANCE);
        let b = qr.least_squares(&y);
        assert!((b[0] - 1.0).abs() < 1e-12 && (b[1] - 2.0).abs() < 1e-12, "{b:?}");
        // (XᵀX)⁻¹ = R⁻¹R⁻ᵀ: for x = 0..4, XᵀX = [[5, 10], [10, 30]], inverse diag (0.6, 0.1).
        let ri = qr.r_inverse();
        let diag: Vec<f64> = (0..2).map(|i| (0..2).map(|k| ri[k][i].powi(2)).sum()).collect();
        assert!((diag[0] - 0.6).abs() < 1e-12 && (diag[1] - 0.1).abs() < 1e-12, "{diag:?}");
    }

    #[test]
    fn later_dependent_columns_are_aliased_left_to_right() {
        // c2 = c0 + c1, c3 = 0, c4 independent: R's qr() keeps 0, 1, 4 and aliases 2 and 3.
        let c0 = vec![1.0, 1.0, 1.0, 1.0, 1.0];
        let c1 = vec![0.0, 1.0, 0.0, 1.0, 1.0];
        let c2: Vec<f64> = c0.iter().zip(&c1).map(|(a, b)| a + b).collect();
        let c3 = vec![0.0; 5];
        let c4 = vec![0.0, 0.0, 1.0, 1.0, 3.0];
        let qr = Qr::new(&[c0, c1, c2, c3, c4], ALIAS_TOLERANCE);
        assert_eq!(qr.kept, [0, 1, 4]);
        assert_eq!(qr.aliased, [2, 3]);
    }

    #[test]
    fn near_dependence_below_the_tolerance_is_aliased() {
        let c0 = vec![1.0, 1.0, 1.0, 1.0];
        let c1 = vec![1.0, 2.0, 3.0, 4.0];
        let tiny = |e: f64| vec![1.0, 2.0 + e, 3.0, 4.0];
        assert_eq!(Qr::new(&[c0.clone(), c1.clone(), tiny(1e-9)], ALIAS_TOLERANCE).aliased, [2]);
        assert_eq!(Qr::new(&[c0, c1, tiny(1e-3)], ALIAS_TOLERANCE).aliased, Vec::<usize>::new());
    }
}
