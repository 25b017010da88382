//! Accessible SVG charts. Rust computes the geometry; askama templates under
//! `site/templates/charts/` write the SVG (escaping every label, as for the pages). Each
//! chart is an `img` with a title that says what it shows in words, and every page that
//! draws one also prints the same numbers in a table beside it.
//!
//! Charts are drawn by hand rather than with a plotting crate: the ones available write
//! SVG without titles, roles or text alternatives, and these four shapes are small.

use askama::Template;

use super::text::percent;

/// Formats an SVG coordinate.
fn c(v: f64) -> String {
    format!("{v:.1}")
}

/// A round upper bound for a rate axis: the next 10% above `max`, at least 10%.
fn rate_ceiling(max: f64) -> f64 {
    ((max * 10.0).ceil() / 10.0).clamp(0.1, 1.0)
}

/// One estimate with its interval beside the statewide rate.
#[derive(Template)]
#[template(path = "charts/interval.svg")]
pub struct IntervalChart {
    pub id: String,
    pub title: String,
    pub x_lo: String,
    pub x_hi: String,
    pub x_est: String,
    pub x_state: String,
    pub axis_max: String,
    pub has_estimate: bool,
}

impl IntervalChart {
    pub const WIDTH: f64 = 320.0;
    const LEFT: f64 = 10.0;
    const RIGHT: f64 = 30.0;

    pub fn new(id: &str, title: String, estimate: Option<(f64, f64, f64)>, state: f64) -> IntervalChart {
        let top = estimate.map(|e| e.2.max(e.0)).unwrap_or(0.0).max(state) + 0.05;
        let max = rate_ceiling(top);
        let x = |v: f64| Self::LEFT + (v.clamp(0.0, max) / max) * (Self::WIDTH - Self::LEFT - Self::RIGHT);
        let (est, lo, hi) = estimate.unwrap_or((0.0, 0.0, 0.0));
        IntervalChart {
            id: id.to_string(),
            title,
            x_lo: c(x(lo)),
            x_hi: c(x(hi)),
            x_est: c(x(est)),
            x_state: c(x(state)),
            axis_max: percent(max),
            has_estimate: estimate.is_some(),
        }
    }
}

/// One line of a trend chart.
pub struct Series {
    pub name: String,
    /// `solid` or `dashed` (a line style, so lines differ without color).
    pub style: &'static str,
    /// `circle` or `square`.
    pub marker: &'static str,
    pub points: Vec<Option<f64>>,
}

pub struct Marker {
    pub x: String,
    pub y: String,
    pub shape: &'static str,
}

pub struct Line {
    pub style: &'static str,
    pub points: String,
    pub markers: Vec<Marker>,
    pub name: String,
    pub legend_y: String,
}

pub struct Tick {
    pub pos: String,
    pub label: String,
}

/// Rates over quarters, one or two lines.
#[derive(Template)]
#[template(path = "charts/trend.svg")]
pub struct TrendChart {
    pub id: String,
    pub title: String,
    pub lines: Vec<Line>,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub height: String,
    pub plot_bottom: String,
    pub plot_right: String,
}

impl TrendChart {
    const W: f64 = 480.0;
    const H: f64 = 200.0;
    const L: f64 = 44.0;
    const R: f64 = 150.0;
    const T: f64 = 12.0;
    const B: f64 = 30.0;

    pub fn new(id: &str, title: String, periods: &[String], series: &[Series]) -> TrendChart {
        let max = series.iter().flat_map(|s| s.points.iter().flatten()).fold(0.0f64, |a, b| a.max(*b));
        let ymax = rate_ceiling(max + 0.02);
        let n = periods.len().max(1);
        let x = |i: usize| {
            if n == 1 {
                (Self::L + Self::W - Self::R) / 2.0
            } else {
                Self::L + i as f64 * (Self::W - Self::L - Self::R) / (n - 1) as f64
            }
        };
        let y = |v: f64| Self::H - Self::B - (v / ymax) * (Self::H - Self::T - Self::B);
        let lines = series
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let pts: Vec<(f64, f64)> = s.points.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x(i), y(v)))).collect();
                Line {
                    style: s.style,
                    points: pts.iter().map(|(a, b)| format!("{},{}", c(*a), c(*b))).collect::<Vec<_>>().join(" "),
                    markers: pts.iter().map(|(a, b)| Marker { x: c(*a), y: c(*b), shape: s.marker }).collect(),
                    name: s.name.clone(),
                    legend_y: c(Self::T + 14.0 + 18.0 * k as f64),
                }
            })
            .collect();
        let y_ticks = (0..=4)
            .map(|i| {
                let v = ymax * i as f64 / 4.0;
                Tick { pos: c(y(v)), label: percent(v) }
            })
            .collect();
        let x_ticks = periods.iter().enumerate().map(|(i, p)| Tick { pos: c(x(i)), label: super::text::period_label(p) }).collect();
        TrendChart {
            id: id.to_string(),
            title,
            lines,
            x_ticks,
            y_ticks,
            height: c(Self::H),
            plot_bottom: c(Self::H - Self::B),
            plot_right: c(Self::W - Self::R + 8.0),
        }
    }
}

pub use crate::stats::funnel::Zone;

/// How a zone reads on a page.
pub trait ZoneWords {
    fn words(self) -> &'static str;
}

impl ZoneWords for Zone {
    fn words(self) -> &'static str {
        match self {
            Zone::Inside95 => "inside the 95% limits",
            Zone::Between => "between the 95% and 99.8% limits",
            Zone::Outside998 => "outside the 99.8% limits",
        }
    }
}

pub struct FunnelPoint {
    pub x: String,
    pub y: String,
    pub shape: &'static str,
}

/// A funnel plot: each provider's rate against its denominator, inside control limits
/// around the statewide rate.
#[derive(Template)]
#[template(path = "charts/funnel.svg")]
pub struct FunnelChart {
    pub id: String,
    pub title: String,
    pub limit95_low: String,
    pub limit95_high: String,
    pub limit998_low: String,
    pub limit998_high: String,
    pub state_y: String,
    pub points: Vec<FunnelPoint>,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
}

impl FunnelChart {
    const W: f64 = 640.0;
    const H: f64 = 360.0;
    const L: f64 = 56.0;
    const R: f64 = 16.0;
    const T: f64 = 16.0;
    const B: f64 = 44.0;

    /// `limits`: (n, low95, high95, low998, high998); `providers`: (n, rate, zone).
    pub fn new(
        id: &str,
        title: String,
        state: f64,
        limits: &[(f64, f64, f64, f64, f64)],
        providers: &[(f64, f64, Zone)],
    ) -> FunnelChart {
        let xmax_raw = providers.iter().map(|p| p.0).chain(limits.iter().map(|l| l.0)).fold(30.0f64, f64::max);
        let step = nice_step(xmax_raw / 4.0);
        let xmax = (xmax_raw / step).ceil() * step;
        let x = |n: f64| Self::L + (n / xmax) * (Self::W - Self::L - Self::R);
        let y = |v: f64| Self::H - Self::B - v.clamp(0.0, 1.0) * (Self::H - Self::T - Self::B);
        // Limits are drawn from 10 upwards: below that they span the whole axis.
        let line = |f: &dyn Fn(&(f64, f64, f64, f64, f64)) -> f64| {
            limits.iter().filter(|l| l.0 >= 10.0).map(|l| format!("{},{}", c(x(l.0)), c(y(f(l))))).collect::<Vec<_>>().join(" ")
        };
        let points = providers
            .iter()
            .map(|(n, r, z)| FunnelPoint {
                x: c(x(*n)),
                y: c(y(*r)),
                shape: match z {
                    Zone::Inside95 => "circle",
                    Zone::Between => "square",
                    Zone::Outside998 => "diamond",
                },
            })
            .collect();
        // Ticks on whole multiples of the step, so labels are round numbers.
        let steps = (xmax / step).round() as usize;
        let x_ticks = (0..=steps)
            .map(|i| {
                let v = step * i as f64;
                Tick { pos: c(x(v)), label: super::text::thousands(v.round() as i64) }
            })
            .collect();
        let y_ticks = (0..=4).map(|i| Tick { pos: c(y(i as f64 / 4.0)), label: percent(i as f64 / 4.0) }).collect();
        FunnelChart {
            id: id.to_string(),
            title,
            limit95_low: line(&|l| l.1),
            limit95_high: line(&|l| l.2),
            limit998_low: line(&|l| l.3),
            limit998_high: line(&|l| l.4),
            state_y: c(y(state)),
            points,
            x_ticks,
            y_ticks,
        }
    }
}

/// A round tick step (1, 2 or 5 × 10^k) near `raw`.
fn nice_step(raw: f64) -> f64 {
    let raw = raw.max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    mag * if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_ceilings() {
        assert_eq!(nice_step(230.0), 500.0);
        assert_eq!(nice_step(180.0), 200.0);
        assert_eq!(nice_step(0.5), 1.0);
        assert!((rate_ceiling(0.853) - 0.9).abs() < 1e-12);
        assert!((rate_ceiling(0.01) - 0.1).abs() < 1e-12);
        assert!((rate_ceiling(1.2) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn interval_geometry_is_proportional() {
        let ch = IntervalChart::new("a", "t".into(), Some((0.5, 0.4, 0.6)), 0.45);
        // axis 0..70%: x(0.5) = 10 + 0.5/0.7 * 280
        assert_eq!(ch.x_est, c(10.0 + 0.5 / 0.7 * 280.0));
        assert_eq!(ch.axis_max, "70%");
        let svg = ch.render().unwrap();
        assert!(svg.contains("role=\"img\""));
    }

}
