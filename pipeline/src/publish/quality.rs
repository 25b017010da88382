//! Data quality per submitter and quarter, for the quality council's review: packages
//! loaded, superseded and failed, rows read, rows set aside and why, and completeness of
//! person records, with every row count under the small-number rules.
//!
//! The rows set aside are the sum of the rows set aside for each reason, so the counts form
//! an additive relation like a measure's rows: a reason hidden as 1 to 10 beside a published
//! total and published other reasons would be given back by subtraction.
//! [`super::suppress::hide_counts`] hides a second cell wherever that would happen.

use std::collections::BTreeMap;

use crate::reason::Reason;
use crate::ingest::report::{IngestReport, Status};

use super::facts::{Completeness, CompletenessRow};
use super::suppress::{hide_counts, is_small};

/// A row count as the public may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Zero,
    /// 1 to 10.
    Small,
    /// Hidden so that a small count beside it cannot be worked out by subtraction.
    Withheld,
    Shown(u64),
}

impl Count {
    fn of(n: u64, hidden: bool) -> Count {
        match n {
            0 => Count::Zero,
            n if is_small(n as i64) => Count::Small,
            _ if hidden => Count::Withheld,
            n => Count::Shown(n),
        }
    }

    /// The count as a share of `of` rows, where the count is shown.
    fn share(self, of: u64) -> Option<f64> {
        match self {
            Count::Shown(n) => Some(n as f64 / of.max(1) as f64),
            _ => None,
        }
    }
}

/// Rows set aside for one reason.
#[derive(Debug, Clone, PartialEq)]
pub struct ReasonCount {
    pub reason: Reason,
    pub count: Count,
    /// Share of the rows read, where the count is shown.
    pub share: Option<f64>,
}

/// One submitter's packages for one quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    pub period: String,
    pub submitter_id: String,
    pub loaded: usize,
    pub superseded: usize,
    pub failed: usize,
    /// Rows read from the loaded packages.
    pub read: Count,
    /// Rows set aside (quarantined) from the loaded packages.
    pub quarantined: Count,
    pub quarantined_share: Option<f64>,
    /// By reason, in the reasons' order; reasons with no row are left out.
    pub reasons: Vec<ReasonCount>,
    /// Completeness of the submitter's person records (`None`: no person records).
    pub completeness: Option<CompletenessRow>,
}

/// The quality rows of every quarter with a package, per submitter, in (quarter, submitter)
/// order.
pub fn of(report: &IngestReport, completeness: &[Completeness]) -> Vec<Quality> {
    let mut by: BTreeMap<(&str, &str), Vec<&crate::ingest::report::PackageReport>> = BTreeMap::new();
    for p in &report.packages {
        by.entry((&p.period, &p.submitter_id)).or_default().push(p);
    }
    by.into_iter()
        .map(|((period, id), pkgs)| {
            let count = |s: Status| pkgs.iter().filter(|p| p.status == s).count();
            let mut read = 0u64;
            let mut reasons: BTreeMap<Reason, u64> = BTreeMap::new();
            for p in pkgs.iter().filter(|p| p.status == Status::Loaded) {
                for f in p.files.values() {
                    read += f.read;
                    for (r, n) in &f.quarantined {
                        *reasons.entry(*r).or_default() += n;
                    }
                }
            }
            reasons.retain(|_, n| *n > 0);
            let total: u64 = reasons.values().sum();
            let parts: Vec<u64> = reasons.values().copied().collect();
            let (total_hidden, hidden) = hide_counts(total, &parts);
            let quarantined = Count::of(total, total_hidden);
            Quality {
                period: period.to_string(),
                submitter_id: id.to_string(),
                loaded: count(Status::Loaded),
                superseded: count(Status::Superseded),
                failed: count(Status::Failed),
                read: Count::of(read, false),
                quarantined,
                quarantined_share: quarantined.share(read),
                reasons: reasons
                    .iter()
                    .zip(hidden)
                    .map(|((r, n), h)| {
                        let count = Count::of(*n, h);
                        ReasonCount { reason: *r, count, share: count.share(read) }
                    })
                    .collect(),
                completeness: completeness.iter().find(|c| c.submitter_id == id).map(CompletenessRow::of),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::report::{FileReport, PackageReport};

    fn package(submitter: &str, read: u64, quarantined: &[(&str, u64)]) -> PackageReport {
        let file = FileReport {
            read,
            quarantined: quarantined.iter().map(|(r, n)| (Reason::from_code(r).unwrap(), *n)).collect(),
            ..FileReport::default()
        };
        PackageReport {
            submitter_id: submitter.into(),
            period: "2026Q2".into(),
            sequence: 1,
            status: Status::Loaded,
            message: String::new(),
            folder: String::new(),
            files: [("persons.csv".to_string(), file)].into(),
        }
    }

    #[test]
    fn a_small_reason_cannot_be_recovered_from_the_total() {
        // 1,000 rows read; 60 set aside: 40 bad_date, 15 duplicate_key, 5 unknown_person.
        // The 5 is small; published beside 60, 40 and 15 it would be 60 − 40 − 15. So the
        // next smallest reason (15) is withheld as well, and the total stays.
        let report = IngestReport {
            packages: vec![package("county-27053", 1000, &[("bad_date", 40), ("duplicate_key", 15), ("unknown_person", 5)])],
            ..IngestReport::default()
        };
        let q = &of(&report, &[])[0];
        assert_eq!(q.read, Count::Shown(1000));
        assert_eq!(q.quarantined, Count::Shown(60));
        assert_eq!(q.quarantined_share, Some(0.06));
        let counts: Vec<(&str, Count)> = q.reasons.iter().map(|r| (r.reason.code(), r.count)).collect();
        assert_eq!(counts, [("bad_date", Count::Shown(40)), ("duplicate_key", Count::Withheld), ("unknown_person", Count::Small)]);
        assert_eq!(q.reasons[0].share, Some(0.04));
        assert_eq!(q.reasons[1].share, None, "a withheld count has no share either");
        assert_eq!((q.loaded, q.superseded, q.failed), (1, 0, 0));
    }

    #[test]
    fn small_totals_and_zeros() {
        let report = IngestReport {
            packages: vec![package("county-27053", 8, &[("bad_date", 3)]), package("county-27123", 500, &[])],
            ..IngestReport::default()
        };
        let q = of(&report, &[]);
        assert_eq!((q[0].read, q[0].quarantined, q[0].reasons[0].count), (Count::Small, Count::Small, Count::Small));
        assert_eq!((q[1].read, q[1].quarantined, q[1].reasons.len()), (Count::Shown(500), Count::Zero, 0));
    }
}
