//! The statistics of measures.md, each in its own module, over plain numbers and Arrow
//! arrays. Nothing here knows about measures or SQL: the measure stage hands in counts and
//! covariate columns and takes back intervals, fitted probabilities and categories.

pub mod byar;
pub mod compare;
pub mod design;
pub mod disparity;
pub mod funnel;
pub mod logistic;
pub mod qr;
pub mod wilson;

/// Two-sided 95% standard normal quantile, Φ⁻¹(0.975).
pub const Z95: f64 = 1.959_963_984_540_054;
/// Two-sided 99.8% standard normal quantile, Φ⁻¹(0.999): the outer funnel-plot limit.
pub const Z998: f64 = 3.090_232_306_167_813_5;
