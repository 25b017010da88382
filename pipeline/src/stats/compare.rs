//! Comparison categories: is a provider's result better than, no different from, or worse
//! than the statewide rate, given its interval and the measure's direction?
//!
//! The category is read off the interval (Wilson for unadjusted rates, Byar-based RSR
//! interval for risk-adjusted ones), so it says "we are 95% confident the difference is
//! real" rather than merely "the point estimate differs".

use serde::{Deserialize, Serialize};

/// Below this denominator a provider is `too few` to rate (measures.md).
pub const MIN_DENOMINATOR: u64 = 30;

/// Which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Better,
    NoDifferent,
    Worse,
    TooFew,
}

impl Category {
    /// The code written to `measure_results.category`.
    pub fn code(self) -> &'static str {
        match self {
            Category::Better => "better",
            Category::NoDifferent => "no different",
            Category::Worse => "worse",
            Category::TooFew => "too few",
        }
    }
}

/// The category of a provider with `denominator` rows whose interval is `interval`,
/// compared with `state_rate`.
pub fn categorize(denominator: u64, interval: Option<(f64, f64)>, state_rate: Option<f64>, direction: Direction) -> Category {
    if denominator < MIN_DENOMINATOR {
        return Category::TooFew;
    }
    let (Some((low, high)), Some(state)) = (interval, state_rate) else {
        return Category::NoDifferent;
    };
    let above = low > state;
    let below = high < state;
    match (direction, above, below) {
        (Direction::Higher, true, _) | (Direction::Lower, _, true) => Category::Better,
        (Direction::Higher, _, true) | (Direction::Lower, true, _) => Category::Worse,
        _ => Category::NoDifferent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_respect_direction_and_size() {
        let hi = Some((0.62, 0.80));
        assert_eq!(categorize(50, hi, Some(0.5), Direction::Higher), Category::Better);
        assert_eq!(categorize(50, hi, Some(0.5), Direction::Lower), Category::Worse);
        assert_eq!(categorize(50, Some((0.2, 0.4)), Some(0.5), Direction::Higher), Category::Worse);
        assert_eq!(categorize(50, Some((0.2, 0.4)), Some(0.5), Direction::Lower), Category::Better);
        // The state rate inside the interval (or on its edge) is no evidence of a difference.
        assert_eq!(categorize(50, Some((0.5, 0.7)), Some(0.5), Direction::Higher), Category::NoDifferent);
        assert_eq!(categorize(29, hi, Some(0.5), Direction::Higher), Category::TooFew);
        assert_eq!(categorize(30, hi, Some(0.5), Direction::Higher), Category::Better);
    }
}
