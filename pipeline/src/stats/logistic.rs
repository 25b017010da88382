//! Logistic regression by iteratively reweighted least squares (Newton–Raphson on the
//! binomial log-likelihood), over grouped rows: each row carries a number of trials and of
//! successes, so a million person rows with a few thousand distinct covariate patterns cost
//! a few thousand rows per iteration.
//!
//! The fit is the maximum-likelihood estimate a reference GLM (statsmodels `Logit`) gives;
//! it fails, rather than returning something unreliable, when it does not converge in
//! [`MAX_ITERATIONS`], when the data separate (fitted probabilities reach 0 or 1), or when the
//! information matrix is singular. The caller then publishes the measure unadjusted.

use nalgebra::{DMatrix, DVector};

/// measures.md: "no convergence in 25 iterations" is a failed fit.
pub const MAX_ITERATIONS: usize = 25;
/// Converged when no coefficient moves by more than this in one step. Newton converges
/// quadratically, so the step after this one is far below the 1e-6 agreement required.
const TOLERANCE: f64 = 1e-10;
/// |η| beyond this means a fitted probability within ~1e-15 of 0 or 1: separation.
const MAX_ETA: f64 = 35.0;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("no rows to fit")]
    Empty,
    #[error("did not converge in {0} iterations")]
    NoConvergence(usize),
    #[error("the outcome is perfectly predicted by the covariates (separation)")]
    Separation,
    #[error("the covariates are collinear (singular information matrix)")]
    Singular,
}

/// A fitted model: one coefficient per column of the design.
#[derive(Debug, Clone)]
pub struct Fit {
    pub coef: Vec<f64>,
    pub iterations: usize,
    pub log_likelihood: f64,
}

impl Fit {
    /// Predicted probability for one design row.
    pub fn predict(&self, row: &[f64]) -> f64 {
        sigmoid(dot(row, &self.coef))
    }
}

fn sigmoid(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Fits a logistic regression to `rows` (each a design row of the same width, intercept
/// included by the caller), with `trials[i]` observations of which `successes[i]` had the
/// outcome.
pub fn fit(rows: &[Vec<f64>], trials: &[f64], successes: &[f64]) -> Result<Fit, FitError> {
    let p = rows.first().map(Vec::len).ok_or(FitError::Empty)?;
    if trials.iter().sum::<f64>() <= 0.0 {
        return Err(FitError::Empty);
    }
    let mut beta = DVector::<f64>::zeros(p);
    for iteration in 1..=MAX_ITERATIONS {
        let mut info = DMatrix::<f64>::zeros(p, p);
        let mut score = DVector::<f64>::zeros(p);
        for ((x, &m), &y) in rows.iter().zip(trials).zip(successes) {
            let eta = dot(x, beta.as_slice());
            let mu = sigmoid(eta);
            let w = m * mu * (1.0 - mu);
            let r = y - m * mu;
            for j in 0..p {
                if x[j] == 0.0 {
                    continue;
                }
                score[j] += x[j] * r;
                let wx = w * x[j];
                for k in j..p {
                    info[(j, k)] += wx * x[k];
                }
            }
        }
        for j in 0..p {
            for k in 0..j {
                info[(j, k)] = info[(k, j)];
            }
        }
        let chol = info.cholesky().ok_or(FitError::Singular)?;
        let step = chol.solve(&score);
        if step.iter().any(|s| !s.is_finite()) {
            return Err(FitError::Singular);
        }
        beta += &step;
        let max_eta = rows.iter().map(|x| dot(x, beta.as_slice()).abs()).fold(0.0, f64::max);
        if max_eta > MAX_ETA {
            return Err(FitError::Separation);
        }
        if step.amax() < TOLERANCE {
            let coef: Vec<f64> = beta.iter().copied().collect();
            let log_likelihood = log_likelihood(rows, trials, successes, &coef);
            if perfectly_predicted(rows, trials, successes, &coef) {
                return Err(FitError::Separation);
            }
            return Ok(Fit { coef, iterations: iteration, log_likelihood });
        }
    }
    Err(FitError::NoConvergence(MAX_ITERATIONS))
}

fn log_likelihood(rows: &[Vec<f64>], trials: &[f64], successes: &[f64], coef: &[f64]) -> f64 {
    rows.iter()
        .zip(trials)
        .zip(successes)
        .map(|((x, &m), &y)| {
            let mu = sigmoid(dot(x, coef)).clamp(1e-300, 1.0 - 1e-16);
            y * mu.ln() + (m - y) * (1.0 - mu).ln()
        })
        .sum()
}

/// statsmodels' own test: every fitted probability equals the observed proportion to 1e-10
/// while the outcome varies, i.e. the covariates sort people into all-yes and all-no groups.
fn perfectly_predicted(rows: &[Vec<f64>], trials: &[f64], successes: &[f64], coef: &[f64]) -> bool {
    rows.iter().zip(trials).zip(successes).all(|((x, &m), &y)| {
        let mu = sigmoid(dot(x, coef));
        (y == 0.0 || y == m) && (mu - y / m).abs() < 1e-10
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intercept_only_fit_is_the_log_odds() {
        // 30 of 100: the MLE of the intercept is ln(0.3/0.7).
        let f = fit(&[vec![1.0]], &[100.0], &[30.0]).unwrap();
        assert!((f.coef[0] - (0.3f64 / 0.7).ln()).abs() < 1e-12);
        assert!((f.predict(&[1.0]) - 0.3).abs() < 1e-12);
    }

    #[test]
    fn grouped_equals_ungrouped() {
        // Two groups: x = 0 with 3/10, x = 1 with 7/10. Saturated model: p = 0.3 and 0.7.
        let grouped = fit(&[vec![1.0, 0.0], vec![1.0, 1.0]], &[10.0, 10.0], &[3.0, 7.0]).unwrap();
        let mut rows = Vec::new();
        let mut ys = Vec::new();
        for (x, k) in [(0.0, 3), (1.0, 7)] {
            for i in 0..10 {
                rows.push(vec![1.0, x]);
                ys.push(if i < k { 1.0 } else { 0.0 });
            }
        }
        let single = fit(&rows, &vec![1.0; 20], &ys).unwrap();
        for j in 0..2 {
            assert!((grouped.coef[j] - single.coef[j]).abs() < 1e-9);
        }
        assert!((grouped.predict(&[1.0, 1.0]) - 0.7).abs() < 1e-10);
    }

    #[test]
    fn failures_are_reported() {
        // x perfectly predicts y: complete separation.
        let rows = vec![vec![1.0, 0.0], vec![1.0, 1.0]];
        assert!(matches!(fit(&rows, &[10.0, 10.0], &[0.0, 10.0]), Err(FitError::Separation | FitError::NoConvergence(_))));
        // Two identical columns: singular.
        let rows = vec![vec![1.0, 1.0], vec![1.0, 1.0]];
        assert_eq!(fit(&rows, &[10.0, 10.0], &[3.0, 4.0]).unwrap_err(), FitError::Singular);
        assert_eq!(fit(&[], &[], &[]).unwrap_err(), FitError::Empty);
    }
}
