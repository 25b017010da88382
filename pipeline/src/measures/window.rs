//! Which periods a measure can be computed for, and the parameters of a period's window.

use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};

use crate::period::Period;

/// The 12-month window W of a reporting quarter, plus the look-back some measures read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub period: Period,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub lookback_start: NaiveDate,
}

impl Window {
    /// W of `period`: the 12 months ending on its last day; the look-back reaches
    /// `lookback_quarters` further quarters back.
    pub fn of(period: Period, lookback_quarters: u32) -> Window {
        let end = period.last_day();
        let start = period.first_day() - Months::new(9);
        let lookback_start = start - Months::new(3 * lookback_quarters);
        Window { period, start, end, lookback_start }
    }

    /// The quarters whose data the window (and look-back) reads.
    pub fn quarters(&self) -> Vec<Period> {
        Period::containing(self.lookback_start).through(self.period)
    }

    /// The calendar months of W as (first day, last day).
    pub fn months(&self) -> Vec<(NaiveDate, NaiveDate)> {
        (0..12)
            .map(|i| {
                let first = self.start + Months::new(i);
                let last = first + Months::new(1) - chrono::Days::new(1);
                (first, last)
            })
            .collect()
    }

    /// The SQL text of a parameter (see [`crate::measures::definition::PARAMETERS`]).
    pub fn parameter(&self, name: &str) -> Option<String> {
        let date = |d: NaiveDate| format!("DATE '{:04}-{:02}-{:02}'", d.year(), d.month(), d.day());
        match name {
            "w_start" => Some(date(self.start)),
            "w_end" => Some(date(self.end)),
            "lookback_start" => Some(date(self.lookback_start)),
            "period" => Some(format!("'{}'", self.period)),
            _ => None,
        }
    }

    /// `sql` with every `{parameter}` replaced.
    pub fn substitute(&self, sql: &str) -> String {
        let mut out = sql.to_string();
        for name in crate::measures::definition::PARAMETERS {
            out = out.replace(&format!("{{{name}}}"), &self.parameter(name).expect("known parameter"));
        }
        out
    }
}

/// The periods, up to and including `reporting`, whose window (with `lookback_quarters`)
/// is covered by loaded quarters; and, for the periods from the first loaded one that are not
/// covered, the first quarter each is missing.
pub fn coverable(loaded: &BTreeSet<Period>, reporting: Period, lookback_quarters: u32) -> (Vec<Window>, Vec<(Period, Period)>) {
    let mut covered = Vec::new();
    let mut missing = Vec::new();
    let Some(first) = loaded.iter().next().copied() else { return (covered, missing) };
    if first > reporting {
        return (covered, missing);
    }
    for p in first.through(reporting) {
        let w = Window::of(p, lookback_quarters);
        match w.quarters().into_iter().find(|q| !loaded.contains(q)) {
            None => covered.push(w),
            Some(q) => missing.push((p, q)),
        }
    }
    (covered, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn window_of_2026q2() {
        let w = Window::of(q("2026Q2"), 0);
        assert_eq!(w.start, NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
        assert_eq!(w.end, NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
        assert_eq!(w.months()[7], (NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()));
        let lb = Window::of(q("2026Q2"), 4);
        assert_eq!(lb.lookback_start, NaiveDate::from_ymd_opt(2024, 7, 1).unwrap());
        assert_eq!(lb.quarters().len(), 8);
        assert_eq!(w.substitute("x BETWEEN {w_start} AND {w_end} -- {period}"), "x BETWEEN DATE '2025-07-01' AND DATE '2026-06-30' -- '2026Q2'");
    }

    #[test]
    fn periods_whose_window_is_loaded() {
        let loaded: BTreeSet<Period> = q("2024Q3").through(q("2026Q2")).into_iter().collect();
        let (c, m) = coverable(&loaded, q("2026Q2"), 0);
        let got: Vec<String> = c.iter().map(|w| w.period.to_string()).collect();
        assert_eq!(got, ["2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2"]);
        assert_eq!(m.len(), 3);
        let (c, _) = coverable(&loaded, q("2026Q2"), 4);
        assert_eq!(c.len(), 1);
        // A gap in the middle withdraws the four windows that contain it.
        let gappy: BTreeSet<Period> = loaded.iter().copied().filter(|p| *p != q("2025Q2")).collect();
        let (c, _) = coverable(&gappy, q("2026Q2"), 0);
        assert_eq!(c.iter().map(|w| w.period.to_string()).collect::<Vec<_>>(), ["2026Q2"]);
    }
}
