//! `results/ingest_report.json`: what happened to every package and file, and the
//! data-quality warnings, in a stable order so re-runs produce the same bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::reason::Reason;

#[derive(Debug, Serialize, Deserialize, Default)]
pub struct IngestReport {
    pub packages: Vec<PackageReport>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Serialize, Deserialize, Clone)]
pub struct PackageReport {
    pub submitter_id: String,
    pub period: String,
    pub sequence: i64,
    pub status: Status,
    pub message: String,
    /// The package folder, relative to the input folder (informational).
    pub folder: String,
    pub files: BTreeMap<String, FileReport>,
}

#[derive(Debug, Serialize, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Loaded,
    Superseded,
    Failed,
}

#[derive(Debug, Serialize, Deserialize, Clone, Default, PartialEq, Eq)]
pub struct FileReport {
    pub read: u64,
    pub accepted: u64,
    pub quarantined: BTreeMap<Reason, u64>,
}

impl FileReport {
    pub fn quarantined_total(&self) -> u64 {
        self.quarantined.values().sum()
    }
}

#[derive(Debug, Serialize, Deserialize, Clone)]
pub struct Warning {
    pub kind: String,
    pub key: String,
    pub period: String,
    pub submitters: Vec<String>,
    pub message: String,
}

impl IngestReport {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("report serializes");
        s.push('\n');
        s
    }

    /// Rows accepted and quarantined over loaded packages, and quarantine by reason.
    pub fn totals(&self) -> (u64, u64, BTreeMap<Reason, u64>) {
        let mut accepted = 0;
        let mut quarantined = 0;
        let mut by_reason = BTreeMap::new();
        for p in self.packages.iter().filter(|p| p.status == Status::Loaded) {
            for f in p.files.values() {
                accepted += f.accepted;
                quarantined += f.quarantined_total();
                for (r, n) in &f.quarantined {
                    *by_reason.entry(*r).or_insert(0) += n;
                }
            }
        }
        (accepted, quarantined, by_reason)
    }
}
