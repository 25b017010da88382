//! Calendar quarters (`YYYYQn`), the unit every package and every report is keyed by.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A calendar quarter. Ordering is chronological, so packages sort by it directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    /// 1..=4
    pub quarter: u32,
}

#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a quarter: expected YYYYQn, e.g. 2026Q2")]
pub struct PeriodParseError(pub String);

impl Period {
    pub fn new(year: i32, quarter: u32) -> Option<Period> {
        ((1..=4).contains(&quarter) && (1900..=9999).contains(&year)).then_some(Period { year, quarter })
    }

    /// The quarter that contains `date`.
    pub fn containing(date: NaiveDate) -> Period {
        Period { year: date.year(), quarter: (date.month() - 1) / 3 + 1 }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.quarter - 1) * 3 + 1, 1).expect("valid quarter start")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("valid quarter end")
    }

    pub fn next(self) -> Period {
        if self.quarter == 4 {
            Period { year: self.year + 1, quarter: 1 }
        } else {
            Period { year: self.year, quarter: self.quarter + 1 }
        }
    }

    pub fn prev(self) -> Period {
        if self.quarter == 1 {
            Period { year: self.year - 1, quarter: 4 }
        } else {
            Period { year: self.year, quarter: self.quarter - 1 }
        }
    }

    /// Every quarter from `self` to `to`, both included (empty when `to` is earlier).
    pub fn through(self, to: Period) -> Vec<Period> {
        let mut out = Vec::new();
        let mut p = self;
        while p <= to {
            out.push(p);
            p = p.next();
        }
        out
    }
}

/// The environment variable that sets today's date (`YYYY-MM-DD`) for the checks that depend
/// on it, so tests can run as if on another day.
pub const TODAY_ENV: &str = "CASECARD_TODAY";

/// Today's date: `CASECARD_TODAY` when set to a date, else the system clock (UTC).
pub fn today() -> NaiveDate {
    std::env::var(TODAY_ENV)
        .ok()
        .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.quarter)
    }
}

impl FromStr for Period {
    type Err = PeriodParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodParseError(s.to_string());
        let b = s.as_bytes();
        if b.len() != 6 || b[4] != b'Q' || !b[..4].iter().all(u8::is_ascii_digit) {
            return Err(err());
        }
        let year: i32 = s[..4].parse().map_err(|_| err())?;
        let quarter: u32 = s[5..].parse().map_err(|_| err())?;
        Period::new(year, quarter).ok_or_else(err)
    }
}

/// A calendar month (`YYYY-MM`): the unit of a person's monthly service statement and of a
/// TCM billing month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a month: expected YYYY-MM, e.g. 2026-05")]
pub struct MonthParseError(pub String);

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year)).then_some(Month { year, month })
    }

    pub fn containing(date: NaiveDate) -> Month {
        Month { year: date.year(), month: date.month() }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("valid month end")
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    /// The quarter the month belongs to.
    pub fn quarter(self) -> Period {
        Period::containing(self.first_day())
    }

    /// "May 2026".
    pub fn words(self) -> String {
        self.first_day().format("%B %Y").to_string()
    }
}

impl Period {
    /// The quarter's three months, in order.
    pub fn months(self) -> [Month; 3] {
        let first = Month::containing(self.first_day());
        [first, first.next(), first.next().next()]
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = MonthParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || MonthParseError(s.to_string());
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
            return Err(err());
        }
        let year: i32 = s[..4].parse().map_err(|_| err())?;
        let month: u32 = s[5..].parse().map_err(|_| err())?;
        Month::new(year, month).ok_or_else(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_and_order() {
        let p: Period = "2026Q2".parse().unwrap();
        assert_eq!(p.first_day(), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert_eq!(p.last_day(), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
        assert_eq!("2025Q4".parse::<Period>().unwrap().next(), "2026Q1".parse().unwrap());
        assert_eq!("2026Q1".parse::<Period>().unwrap().prev().to_string(), "2025Q4");
        assert!("2025Q4".parse::<Period>().unwrap() < p);
        assert_eq!("2025Q3".parse::<Period>().unwrap().through(p).len(), 4);
        assert_eq!(Period::containing(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()).to_string(), "2024Q4");
        for bad in ["2026Q5", "2026Q0", "2026-Q2", "26Q2", ""] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn months() {
        let m: Month = "2026-02".parse().unwrap();
        assert_eq!(m.first_day(), NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
        assert_eq!(m.last_day(), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
        assert_eq!("2024-02".parse::<Month>().unwrap().last_day().to_string(), "2024-02-29");
        assert_eq!("2025-12".parse::<Month>().unwrap().next().to_string(), "2026-01");
        assert_eq!("2026-01".parse::<Month>().unwrap().prev().to_string(), "2025-12");
        assert_eq!(m.quarter().to_string(), "2026Q1");
        assert_eq!(m.words(), "February 2026");
        let q: Period = "2026Q4".parse().unwrap();
        assert_eq!(q.months().map(|m| m.to_string()), ["2026-10", "2026-11", "2026-12"]);
        for bad in ["2026-13", "2026-00", "2026-5", "202605", "2026/05", ""] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
    }
}
