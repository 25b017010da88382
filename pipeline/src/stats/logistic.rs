//! Logistic regression for risk adjustment, as measures.md (v2) pins it:
//!
//! 1. **Aliased columns** are found by R's left-to-right pivoted QR of the design
//!    ([`super::qr`], tolerance 1e-7) and dropped; the model is fitted on the rest.
//! 2. **Maximum likelihood** with R `glm`'s semantics: IRLS from R's binomial starting
//!    values, converged when |dev − dev_old| / (|dev| + 0.1) < 1e-8, at most 25 iterations.
//! 3. **Firth's bias-reduced estimator** when the ML fit shows separation (no convergence, a
//!    fitted probability within 10 ε of 0 or 1, or a coefficient beyond ±10): modified-score
//!    Fisher scoring from β = 0 with step halving on the penalized log-likelihood, at most
//!    100 iterations, converged when no coefficient moves by 1e-8. Firth's estimates are
//!    always finite, which is why it is the standard answer to separation; its fixed point
//!    is what R's `brglm2::brglmFit(type = "AS_mean")` returns.
//!
//! Only a Firth fit that does not converge, or an outcome that never (or always) happens on
//! the fitting rows, fails; the caller then publishes the measure unadjusted with a note.
//!
//! Rows are grouped: each carries a number of trials and of successes, so a million person
//! rows with a few thousand distinct covariate patterns cost a few thousand rows per
//! iteration. Both likelihoods, and Firth's penalty ½ log det I(β), are the same grouped or
//! not, so grouping changes no estimate.

use super::qr::{Qr, ALIAS_TOLERANCE};

/// measures.md: the ML fit gets at most 25 IRLS iterations (R's `glm.control` default).
pub const MAX_ITERATIONS: usize = 25;
/// measures.md: the Firth fit gets at most 100 iterations.
pub const MAX_FIRTH_ITERATIONS: usize = 100;
/// R's `glm.control(epsilon)`: relative deviance change at convergence.
const DEVIANCE_EPSILON: f64 = 1e-8;
/// Firth convergence: the largest coefficient change of the last step.
const FIRTH_EPSILON: f64 = 1e-8;
/// A coefficient beyond this (an odds ratio over 22,000) signals quasi-complete separation.
pub const MAX_COEFFICIENT: f64 = 10.0;
/// R's `glm.fit` warns "fitted probabilities numerically 0 or 1" within this of 0 or 1.
const BOUNDARY: f64 = 10.0 * f64::EPSILON;
/// A scoring step this small with no increase of the penalized likelihood along it is the
/// maximum up to rounding.
const FIRTH_STUCK: f64 = 1e-6;
/// Step halvings tried before the fit is taken as stuck.
const MAX_HALVINGS: usize = 40;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("no rows to fit")]
    Empty,
    #[error("the outcome is the same for everyone in the model")]
    ConstantOutcome,
    #[error("did not converge in {0} iterations")]
    NoConvergence(usize),
    #[error("the covariates are collinear (singular information matrix)")]
    Singular,
}

/// Which estimator produced a [`Fit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Estimator {
    /// Maximum likelihood (R `glm`).
    Ml,
    /// Firth's bias-reduced (Jeffreys-prior penalized) likelihood.
    Firth,
}

/// Why a maximum-likelihood fit was not used: each is measures.md's separation rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Separation {
    NoConvergence,
    FittedBoundary,
    LargeCoefficient(f64),
    Singular,
}

impl std::fmt::Display for Separation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Separation::NoConvergence => write!(f, "maximum likelihood did not converge in {MAX_ITERATIONS} iterations"),
            Separation::FittedBoundary => write!(f, "maximum likelihood gave fitted probabilities numerically 0 or 1"),
            Separation::LargeCoefficient(b) => write!(f, "maximum likelihood gave a coefficient of {b:.1} (beyond ±{MAX_COEFFICIENT})"),
            Separation::Singular => write!(f, "maximum likelihood met a singular information matrix"),
        }
    }
}

/// A fitted model over the columns of the design it was given.
#[derive(Debug, Clone)]
pub struct Fit {
    pub estimator: Estimator,
    /// Why maximum likelihood was set aside for Firth (None for `Ml`).
    pub separation: Option<Separation>,
    /// Design columns fitted, in order; `coef` and `se` are aligned with them.
    pub kept: Vec<usize>,
    /// Design columns dropped as linear combinations of the columns before them.
    pub aliased: Vec<usize>,
    pub coef: Vec<f64>,
    /// Standard errors from the inverse Fisher information at the estimate.
    pub se: Vec<f64>,
    pub iterations: usize,
    /// The (unpenalized) binomial log-likelihood at the estimate.
    pub log_likelihood: f64,
    /// Area under the ROC curve of the predictions on the fitting rows.
    pub c_statistic: f64,
    /// Σ trials and Σ successes of the fitting rows.
    pub rows: f64,
    pub events: f64,
    /// Grouped rows (covariate patterns) fitted.
    pub patterns: usize,
}

impl Fit {
    /// Predicted probability for one full design row (aliased columns are ignored).
    pub fn predict(&self, row: &[f64]) -> f64 {
        sigmoid(self.kept.iter().zip(&self.coef).map(|(&j, b)| row[j] * b).sum())
    }
}

/// The estimate of one estimator on a design of full column rank.
#[derive(Debug, Clone)]
pub struct Estimate {
    pub coef: Vec<f64>,
    pub se: Vec<f64>,
    pub iterations: usize,
    pub converged: bool,
}

fn sigmoid(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

/// Grouped binomial data on a design given by rows.
struct Data<'a> {
    /// Columns of the design restricted to the fitted columns.
    columns: Vec<Vec<f64>>,
    trials: &'a [f64],
    successes: &'a [f64],
}

impl Data<'_> {
    fn n(&self) -> usize {
        self.trials.len()
    }

    fn eta(&self, beta: &[f64]) -> Vec<f64> {
        let mut eta = vec![0.0; self.n()];
        for (col, b) in self.columns.iter().zip(beta) {
            for (e, x) in eta.iter_mut().zip(col) {
                *e += x * b;
            }
        }
        eta
    }

    fn log_likelihood(&self, mu: &[f64]) -> f64 {
        mu.iter()
            .zip(self.trials)
            .zip(self.successes)
            .map(|((&p, &m), &y)| {
                let a = if y > 0.0 { y * p.ln() } else { 0.0 };
                let b = if m - y > 0.0 { (m - y) * (1.0 - p).ln() } else { 0.0 };
                a + b
            })
            .sum()
    }

    /// R's binomial deviance: 2 Σ y ln(y / mμ) + (m − y) ln((m − y) / m(1 − μ)).
    fn deviance(&self, mu: &[f64]) -> f64 {
        let term = |obs: f64, fit: f64| if obs > 0.0 { obs * (obs / fit).ln() } else { 0.0 };
        2.0 * mu
            .iter()
            .zip(self.trials)
            .zip(self.successes)
            .map(|((&p, &m), &y)| term(y, m * p) + term(m - y, m * (1.0 - p)))
            .sum::<f64>()
    }

    /// QR of W^½ X for weights w = m μ(1 − μ).
    fn weighted_qr(&self, w: &[f64]) -> Qr {
        let sw: Vec<f64> = w.iter().map(|v| v.sqrt()).collect();
        let cols: Vec<Vec<f64>> = self.columns.iter().map(|c| c.iter().zip(&sw).map(|(x, s)| x * s).collect()).collect();
        // Aliasing was settled beforehand; here only an exactly singular step is refused.
        Qr::new(&cols, 0.0)
    }

    /// √diag((XᵀWX)⁻¹) from the QR of W^½ X.
    fn standard_errors(qr: &Qr) -> Vec<f64> {
        let ri = qr.r_inverse();
        let p = qr.rank();
        (0..p).map(|i| (0..p).map(|k| ri[k][i] * ri[k][i]).sum::<f64>().sqrt()).collect()
    }
}

fn weights(data: &Data, mu: &[f64]) -> Vec<f64> {
    mu.iter().zip(data.trials).map(|(&p, &m)| m * p * (1.0 - p)).collect()
}

/// Maximum likelihood by IRLS exactly as R's `glm.fit` runs it for the binomial family:
/// μ₀ = (y + ½)/(m + 1), working response z = η + (y/m − μ)/(μ(1 − μ)), weights m μ(1 − μ),
/// converged when |dev − dev_old| / (|dev| + 0.1) < 1e-8. `Err(Singular)` when a weighted
/// least-squares step has no unique solution.
fn ml(data: &Data) -> Result<Estimate, FitError> {
    let n = data.n();
    let p = data.columns.len();
    let mut mu: Vec<f64> = (0..n).map(|i| (data.successes[i] + 0.5) / (data.trials[i] + 1.0)).collect();
    let mut eta: Vec<f64> = mu.iter().map(|&m| (m / (1.0 - m)).ln()).collect();
    let mut dev_old = data.deviance(&mu);
    let mut beta = vec![0.0; p];
    let mut qr = None;
    for iteration in 1..=MAX_ITERATIONS {
        let w = weights(data, &mu);
        let z: Vec<f64> = (0..n)
            .map(|i| {
                let v = mu[i] * (1.0 - mu[i]);
                let yp = if data.trials[i] > 0.0 { data.successes[i] / data.trials[i] } else { mu[i] };
                (eta[i] + (yp - mu[i]) / v) * w[i].sqrt()
            })
            .collect();
        let step_qr = data.weighted_qr(&w);
        if step_qr.rank() < p || !step_qr.is_full_rank() {
            return Err(FitError::Singular);
        }
        beta = step_qr.least_squares(&z);
        if beta.iter().any(|b| !b.is_finite()) {
            return Err(FitError::Singular);
        }
        eta = data.eta(&beta);
        mu = eta.iter().map(|&e| sigmoid(e)).collect();
        let dev = data.deviance(&mu);
        qr = Some(step_qr);
        if (dev - dev_old).abs() / (dev.abs() + 0.1) < DEVIANCE_EPSILON {
            let qr = data.weighted_qr(&weights(data, &mu));
            let se = if qr.rank() == p && qr.is_full_rank() { Data::standard_errors(&qr) } else { vec![f64::NAN; p] };
            return Ok(Estimate { coef: beta, se, iterations: iteration, converged: true });
        }
        dev_old = dev;
    }
    let se = qr.as_ref().map(Data::standard_errors).unwrap_or_else(|| vec![f64::NAN; p]);
    Ok(Estimate { coef: beta, se, iterations: MAX_ITERATIONS, converged: false })
}

/// The penalized log-likelihood l(β) + ½ log det I(β), with the QR of W^½X at β.
fn penalized(data: &Data, beta: &[f64]) -> (f64, Vec<f64>, Qr) {
    let mu: Vec<f64> = data.eta(beta).iter().map(|&e| sigmoid(e)).collect();
    let qr = data.weighted_qr(&weights(data, &mu));
    let value = if qr.rank() == data.columns.len() && qr.is_full_rank() {
        data.log_likelihood(&mu) + qr.log_abs_det_r()
    } else {
        f64::NEG_INFINITY
    };
    (value, mu, qr)
}

/// Firth's bias-reduced logistic regression (measures.md v2): from β = 0, steps
/// I(β)⁻¹ U*(β) with the modified score U*ⱼ = Σ xᵢⱼ (yᵢ − mᵢμᵢ + hᵢ(½ − μᵢ)), hᵢ the
/// leverages of W^½X; each step halved until the penalized log-likelihood does not
/// decrease; converged when no coefficient moves by 1e-8.
fn firth(data: &Data) -> Result<Estimate, FitError> {
    let n = data.n();
    let p = data.columns.len();
    let mut beta = vec![0.0; p];
    let (mut value, mut mu, mut qr) = penalized(data, &beta);
    if !value.is_finite() {
        return Err(FitError::Singular);
    }
    for iteration in 1..=MAX_FIRTH_ITERATIONS {
        let w = weights(data, &mu);
        // Leverages: hᵢ = ‖R⁻ᵀ (√wᵢ xᵢ)‖².
        let ri = qr.r_inverse();
        let mut score = vec![0.0; p];
        for i in 0..n {
            let sw = w[i].sqrt();
            let a: Vec<f64> = data.columns.iter().map(|c| c[i] * sw).collect();
            // (a R⁻¹)ₖ = Σⱼ aⱼ R⁻¹[j][k]; ri[k] is column k of R⁻¹.
            let h: f64 = (0..p).map(|k| (0..=k).map(|j| a[j] * ri[k][j]).sum::<f64>().powi(2)).sum();
            let r = data.successes[i] - data.trials[i] * mu[i] + h * (0.5 - mu[i]);
            for (s, c) in score.iter_mut().zip(&data.columns) {
                *s += c[i] * r;
            }
        }
        // step = (RᵀR)⁻¹ U*.
        let mut step = qr.solve_r(&qr.solve_rt(&score));
        if step.iter().any(|s| !s.is_finite()) {
            return Err(FitError::Singular);
        }
        let full = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        let mut halvings = 0;
        loop {
            let trial: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b + s).collect();
            let (v, m, q) = penalized(data, &trial);
            if v >= value {
                beta = trial;
                (value, mu, qr) = (v, m, q);
                break;
            }
            if halvings == MAX_HALVINGS {
                // No step along the scoring direction increases the penalized likelihood:
                // at its maximum up to rounding when the scoring step itself is negligible,
                // otherwise the fit is stuck.
                if full < FIRTH_STUCK {
                    let se = Data::standard_errors(&qr);
                    return Ok(Estimate { coef: beta, se, iterations: iteration, converged: true });
                }
                return Err(FitError::NoConvergence(iteration));
            }
            halvings += 1;
            for s in &mut step {
                *s /= 2.0;
            }
        }
        // measures.md: converged when the largest coefficient change is below 1e-8. The
        // scoring step can overshoot where the penalty bends the likelihood more than the
        // Fisher information says (it then jumps across the maximum and back); halving
        // settles it there.
        // A step made tiny by many halvings of a large one is no sign of convergence.
        let applied = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        if applied < FIRTH_EPSILON && (halvings == 0 || full < FIRTH_STUCK) {
            let se = Data::standard_errors(&qr);
            return Ok(Estimate { coef: beta, se, iterations: iteration, converged: true });
        }
    }
    Err(FitError::NoConvergence(MAX_FIRTH_ITERATIONS))
}

/// Area under the ROC curve of predictions `p` for grouped outcomes: the probability that a
/// random person with the outcome has a higher prediction than one without (ties count ½).
/// `None` when either group is empty.
pub fn c_statistic(p: &[f64], trials: &[f64], successes: &[f64]) -> Option<f64> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| trials[i] > 0.0).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let events: f64 = order.iter().map(|&i| successes[i]).sum();
    let non_events: f64 = order.iter().map(|&i| trials[i] - successes[i]).sum();
    if events <= 0.0 || non_events <= 0.0 {
        return None;
    }
    let (mut below, mut concordant) = (0.0, 0.0);
    let mut k = 0;
    while k < order.len() {
        // One block of equal predictions.
        let mut end = k;
        while end < order.len() && p[order[end]] == p[order[k]] {
            end += 1;
        }
        let e: f64 = order[k..end].iter().map(|&i| successes[i]).sum();
        let ne: f64 = order[k..end].iter().map(|&i| trials[i] - successes[i]).sum();
        concordant += e * (below + 0.5 * ne);
        below += ne;
        k = end;
    }
    Some(concordant / (events * non_events))
}

/// The columns of the design (`rows`) that are linear combinations of the columns before
/// them, found on the ungrouped design (each row weighted by √trials, which has the same
/// cross-products as repeating it): (kept, aliased).
pub fn alias(rows: &[Vec<f64>], trials: &[f64]) -> (Vec<usize>, Vec<usize>) {
    let p = rows.first().map_or(0, Vec::len);
    let cols: Vec<Vec<f64>> = (0..p).map(|j| rows.iter().zip(trials).map(|(r, m)| r[j] * m.sqrt()).collect()).collect();
    let qr = Qr::new(&cols, ALIAS_TOLERANCE);
    (qr.kept, qr.aliased)
}

fn data<'a>(rows: &[Vec<f64>], kept: &[usize], trials: &'a [f64], successes: &'a [f64]) -> Data<'a> {
    Data { columns: kept.iter().map(|&j| rows.iter().map(|r| r[j]).collect()).collect(), trials, successes }
}

/// Maximum likelihood alone on the columns `kept` of `rows` (for checking against R `glm`).
pub fn fit_ml(rows: &[Vec<f64>], kept: &[usize], trials: &[f64], successes: &[f64]) -> Result<Estimate, FitError> {
    ml(&data(rows, kept, trials, successes))
}

/// Firth's estimator alone on the columns `kept` of `rows` (for checking against brglm2).
pub fn fit_firth(rows: &[Vec<f64>], kept: &[usize], trials: &[f64], successes: &[f64]) -> Result<Estimate, FitError> {
    firth(&data(rows, kept, trials, successes))
}

/// Why an ML estimate must be set aside for Firth's, by measures.md's separation rule.
fn separation(data: &Data, est: &Estimate) -> Option<Separation> {
    if !est.converged {
        return Some(Separation::NoConvergence);
    }
    let eta = data.eta(&est.coef);
    if eta.iter().zip(data.trials).any(|(&e, &m)| m > 0.0 && {
        let mu = sigmoid(e);
        mu < BOUNDARY || mu > 1.0 - BOUNDARY
    }) {
        return Some(Separation::FittedBoundary);
    }
    est.coef.iter().find(|b| b.abs() > MAX_COEFFICIENT).map(|&b| Separation::LargeCoefficient(b))
}

/// Fits the risk model to `rows` (design rows of the same width, intercept first), with
/// `trials[i]` observations of which `successes[i]` had the outcome: aliased columns
/// dropped, maximum likelihood, and Firth's estimator where the ML fit separates.
pub fn fit(rows: &[Vec<f64>], trials: &[f64], successes: &[f64]) -> Result<Fit, FitError> {
    if rows.is_empty() || trials.iter().sum::<f64>() <= 0.0 {
        return Err(FitError::Empty);
    }
    let total: f64 = trials.iter().sum();
    let events: f64 = successes.iter().sum();
    if events <= 0.0 || events >= total {
        return Err(FitError::ConstantOutcome);
    }
    let (kept, aliased) = alias(rows, trials);
    let d = data(rows, &kept, trials, successes);
    let (estimate, estimator, why) = match ml(&d) {
        Ok(est) => match separation(&d, &est) {
            None => (est, Estimator::Ml, None),
            Some(why) => (firth(&d)?, Estimator::Firth, Some(why)),
        },
        Err(_) => (firth(&d)?, Estimator::Firth, Some(Separation::Singular)),
    };
    let mu: Vec<f64> = d.eta(&estimate.coef).iter().map(|&e| sigmoid(e)).collect();
    let c = c_statistic(&mu, trials, successes).expect("both outcomes occur");
    Ok(Fit {
        estimator,
        separation: why,
        log_likelihood: d.log_likelihood(&mu),
        kept,
        aliased,
        coef: estimate.coef,
        se: estimate.se,
        iterations: estimate.iterations,
        c_statistic: c,
        rows: total,
        events,
        patterns: rows.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intercept_only_fit_is_the_log_odds() {
        // 30 of 100: the MLE of the intercept is ln(0.3/0.7), its SE √(1/30 + 1/70).
        let f = fit(&[vec![1.0]], &[100.0], &[30.0]).unwrap();
        assert_eq!(f.estimator, Estimator::Ml);
        assert!((f.coef[0] - (0.3f64 / 0.7).ln()).abs() < 1e-10);
        assert!((f.se[0] - (1.0 / 30.0 + 1.0 / 70.0f64).sqrt()).abs() < 1e-10);
        assert!((f.predict(&[1.0]) - 0.3).abs() < 1e-10);
        assert_eq!(f.c_statistic, 0.5, "one prediction for everyone: every pair is a tie");
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
            assert!((grouped.se[j] - single.se[j]).abs() < 1e-9);
        }
        assert!((grouped.predict(&[1.0, 1.0]) - 0.7).abs() < 1e-10);
        // AUC by hand: 7·7 concordant pairs + 3·3 (x=0 events vs x=1 non-events) discordant,
        // ties 7·3 + 3·7 within groups: (49 + 0.5·42) / 100 = 0.70.
        assert!((grouped.c_statistic - 0.70).abs() < 1e-12, "{}", grouped.c_statistic);
    }

    #[test]
    fn separation_goes_to_firth_with_its_closed_form() {
        // x perfectly predicts y: complete separation. With one binary covariate Firth's
        // estimate is the log odds ratio of the table with ½ added to every cell:
        // x=0: 0.5/10.5 → η₀ = ln(0.5/10.5); x=1: 10.5/0.5 → η₁ = ln(10.5/0.5).
        let rows = vec![vec![1.0, 0.0], vec![1.0, 1.0]];
        let f = fit(&rows, &[10.0, 10.0], &[0.0, 10.0]).unwrap();
        assert_eq!(f.estimator, Estimator::Firth);
        assert!(f.separation.is_some());
        let b0 = (0.5f64 / 10.5).ln();
        assert!((f.coef[0] - b0).abs() < 1e-7, "{:?}", f.coef);
        assert!((f.coef[1] - (-2.0 * b0)).abs() < 1e-7, "{:?}", f.coef);
        assert_eq!(f.c_statistic, 1.0);
    }

    #[test]
    fn aliased_columns_are_dropped_and_the_rest_fitted() {
        // Column 2 duplicates column 1: dropped; the fit equals the fit without it.
        let rows = vec![vec![1.0, 0.0, 0.0], vec![1.0, 1.0, 1.0]];
        let f = fit(&rows, &[10.0, 10.0], &[3.0, 7.0]).unwrap();
        assert_eq!((f.kept.clone(), f.aliased.clone()), (vec![0, 1], vec![2]));
        assert!((f.predict(&[1.0, 1.0, 1.0]) - 0.7).abs() < 1e-10);
    }

    #[test]
    fn failures_are_reported() {
        assert_eq!(fit(&[], &[], &[]).unwrap_err(), FitError::Empty);
        assert_eq!(fit(&[vec![1.0], vec![1.0]], &[10.0, 5.0], &[0.0, 0.0]).unwrap_err(), FitError::ConstantOutcome);
        assert_eq!(fit(&[vec![1.0]], &[10.0], &[10.0]).unwrap_err(), FitError::ConstantOutcome);
    }
}
