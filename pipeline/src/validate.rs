//! `casecard validate`: what a county, tribe or MCO runs before sending a package. It runs
//! the real ingest on that one package in a scratch folder and explains every rejection in
//! terms a data clerk can act on: file, line, column, reason, the offending value.

use std::fmt::Write as _;
use std::path::Path;

use datafusion::arrow::array::AsArray;
use datafusion::arrow::datatypes::Int64Type;
use datafusion::prelude::*;

use crate::ingest::report::Status;
use crate::toolkit::string_at;
use crate::ingest::{self, IngestError};

/// Lines shown per file before the rest are summarized.
const SHOWN_PER_FILE: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    #[error("{0} holds no manifest.json: point validate at one package folder")]
    NotAPackage(String),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    DataFusion(#[from] datafusion::error::DataFusionError),
    #[error(transparent)]
    Toolkit(#[from] crate::toolkit::ToolkitError),
    #[error("scratch folder: {0}")]
    Io(#[from] std::io::Error),
}

/// The result of this module's operations.
pub type Result<T, E = ValidateError> = std::result::Result<T, E>;

pub struct Validation {
    /// True when the package would load with every row accepted.
    pub clean: bool,
    pub text: String,
}

pub async fn validate_package(dir: &Path) -> Result<Validation> {
    if !dir.join("manifest.json").is_file() {
        return Err(ValidateError::NotAPackage(dir.display().to_string()));
    }
    let scratch = std::env::temp_dir().join(format!("casecard-validate-{}", std::process::id()));
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    std::fs::create_dir_all(&scratch)?;
    let result = explain(dir, &scratch).await;
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

async fn explain(dir: &Path, scratch: &Path) -> Result<Validation> {
    let outcome = ingest::ingest(dir, scratch).await?;
    let mut text = String::new();
    let p = &outcome.report.packages[0];
    let _ = writeln!(text, "Package {} — {} {} sequence {}", dir.display(), p.submitter_id, p.period, p.sequence);
    if p.status == Status::Failed {
        let _ = writeln!(text, "WOULD FAIL: the whole package would be rejected and nothing in it loaded.");
        for problem in p.message.trim_start_matches("failed, nothing loaded: ").split("; ") {
            let _ = writeln!(text, "  - {problem}");
        }
        let _ = writeln!(text, "Fix these file-level problems first; rows are checked once every file is readable and matches manifest.json.");
        return Ok(Validation { clean: false, text });
    }
    let ctx = crate::toolkit::session(&scratch.join("spill"))?;
    let qdir = scratch.join("quarantine");
    let has_rows = std::fs::read_dir(&qdir).map(|mut d| d.next().is_some()).unwrap_or(false);
    let mut rejected_total = 0;
    if has_rows {
        ctx.register_parquet("q", &format!("{}/", qdir.display()), ParquetReadOptions::default()).await?;
    }
    for (file, f) in &p.files {
        let q = f.quarantined_total();
        rejected_total += q;
        let _ = writeln!(text, "\n{file}: {} rows read, {} would be accepted, {q} rejected", f.read, f.accepted);
        if q == 0 {
            continue;
        }
        let sql = format!(
            "SELECT line, reason, detail, raw FROM q WHERE file = '{}' ORDER BY line LIMIT {SHOWN_PER_FILE}",
            file.replace('\'', "''")
        );
        for b in crate::toolkit::collect(&ctx, &sql).await? {
            let line = b.column(0).as_primitive::<Int64Type>();
            for i in 0..b.num_rows() {
                let reason = string_at(b.column(1), i);
                let hint = if reason.starts_with("unknown_") {
                    " (accepted on load if an earlier package supplied it)"
                } else {
                    ""
                };
                let _ = writeln!(
                    text,
                    "  line {}: {reason}: {}{hint}\n      {}",
                    line.value(i),
                    string_at(b.column(2), i),
                    string_at(b.column(3), i)
                );
            }
        }
        if q as usize > SHOWN_PER_FILE {
            let _ = writeln!(text, "  … and {} more", q as usize - SHOWN_PER_FILE);
        }
    }
    let _ = writeln!(
        text,
        "\n{}",
        if rejected_total == 0 {
            "OK: every row would be accepted.".to_string()
        } else {
            format!("{rejected_total} rows would be rejected (the package itself would load).")
        }
    );
    Ok(Validation { clean: rejected_total == 0, text })
}
