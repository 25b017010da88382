//! Why a row was set aside (extracts.md, "Rejection reasons"): a closed set, named by the
//! codes submitters see in the quarantine and the ingest report.

use serde::{Deserialize, Serialize};

/// A rejection reason. Declared in the alphabetical order of the codes, so maps keyed by
/// reason (the ingest report's) list them in the same order as the codes would sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    BadCode,
    BadDate,
    BadNumber,
    BadRowShape,
    DateOutOfRange,
    DuplicateKey,
    MissingRequired,
    TooLong,
    UnknownEpisode,
    UnknownPerson,
    UnknownProvider,
}

impl Reason {
    pub const ALL: [Reason; 11] = [
        Reason::BadCode,
        Reason::BadDate,
        Reason::BadNumber,
        Reason::BadRowShape,
        Reason::DateOutOfRange,
        Reason::DuplicateKey,
        Reason::MissingRequired,
        Reason::TooLong,
        Reason::UnknownEpisode,
        Reason::UnknownPerson,
        Reason::UnknownProvider,
    ];

    /// The code written to the quarantine and the ingest report.
    pub fn code(self) -> &'static str {
        match self {
            Reason::BadCode => "bad_code",
            Reason::BadDate => "bad_date",
            Reason::BadNumber => "bad_number",
            Reason::BadRowShape => "bad_row_shape",
            Reason::DateOutOfRange => "date_out_of_range",
            Reason::DuplicateKey => "duplicate_key",
            Reason::MissingRequired => "missing_required",
            Reason::TooLong => "too_long",
            Reason::UnknownEpisode => "unknown_episode",
            Reason::UnknownPerson => "unknown_person",
            Reason::UnknownProvider => "unknown_provider",
        }
    }

    /// The reason of a code read back from the quarantine.
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sort_like_the_reasons_and_match_serde() {
        let mut codes: Vec<&str> = Reason::ALL.iter().map(|r| r.code()).collect();
        let in_order = codes.clone();
        codes.sort();
        assert_eq!(codes, in_order, "declaration order is code order, so report maps keep their order");
        for r in Reason::ALL {
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.code()));
            assert_eq!(Reason::from_code(r.code()), Some(r));
        }
        assert_eq!(format!("{:<12}|", Reason::TooLong), "too_long    |");
    }
}
