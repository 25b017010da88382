//! Billing-integrity review lists: the three checks of measures.md, run in DataFusion over
//! the reporting quarter's contacts, each written as one Parquet and one CSV file of the
//! rows that triggered it, with the rule stated in `billing/README.md` and in the Parquet
//! file's metadata (`casecard.rule`). The number of findings per provider goes to
//! `results/billing_review_counts.json` for the quality council (internal, not public).
//!
//! Shared terms, as measures.md defines them:
//! - a contact's `cm_type` is its episode's (contact → episode within the same submitter);
//! - a *billed month* is a (person, calendar month, provider, cm_type) with at least one
//!   contact whose `billed` is `Y`; the provider is the contact's `provider_id`;
//! - TCM cm_types are the five targeted case management types `AMH-TCM`, `CMH-TCM`,
//!   `CW-TCM`, `VADD-TCM` and `RSC-TCM` (waiver case management and health-plan care
//!   coordination are paid differently and are not TCM).
//!
//! Every check looks at the three months of the reporting quarter. Earlier months are read
//! only where a rule looks back (the CW-TCM rule's two preceding months).

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Int64Type, Schema};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::metadata::KeyValue;
use datafusion::prelude::SessionContext;
use serde::Serialize;

use super::Result;
use super::{io_err, RestrictedError};
use crate::toolkit::string_at;
use crate::period::{Month, Period};

/// The TCM cm_types (check 1 and the billed-month unit of check 3).
pub const TCM_TYPES: &[&str] = &["AMH-TCM", "CMH-TCM", "CW-TCM", "VADD-TCM", "RSC-TCM"];

/// One billing-integrity check.
pub struct Check {
    /// File stem and key in the counts: `restricted/billing/<id>.parquet` and `.csv`.
    pub id: &'static str,
    pub title: &'static str,
    /// The rule, as the reviewer reads it.
    pub rule: &'static str,
    /// What each column of the list holds.
    pub columns: &'static [(&'static str, &'static str)],
    /// The query over the shared views (`q_months`, `tcm_contacts`, `billed_months`, and
    /// the warehouse tables). Must return the `columns`, in that order.
    pub sql: &'static str,
    /// Per-provider findings: SQL over `findings` (the check's rows) returning
    /// `provider_id`, `findings`, `persons`.
    pub count_sql: &'static str,
}

/// The three checks of measures.md, in its order.
pub const CHECKS: &[Check] = &[
    Check {
        id: "duplicate-tcm",
        title: "Possible duplicate targeted case management billing",
        rule: "For one person, calendar month and TCM cm_type, billed months from two or more providers of the \
               same provider_kind, or from more than three providers in all. One county, one tribal and one \
               contracted (private) provider may each bill the same month (the dual case management the rules \
               allow for distinct roles), so providers of different kinds alone never trigger the check. A \
               provider with no provider_kind on record counts as kind `unknown`, so two such providers \
               trigger it (their roles cannot be told apart). Every billed month of a triggering (person, month, \
               cm_type) is listed, including those of the providers that are not duplicated.",
        columns: &[
            ("month", "calendar month, YYYY-MM"),
            ("person_id", "the person billed for"),
            ("cm_type", "the TCM type billed"),
            ("provider_id", "a provider that billed this person, month and type"),
            ("provider_name", "its name"),
            ("provider_kind", "county, tribal, private, mco, or unknown"),
            ("billed_contacts", "its billed contacts in the month"),
            ("contact_ids", "those contacts as submitter_id/contact_id, `;`-separated"),
            ("providers_billing", "providers that billed this person, month and type"),
            ("same_kind_providers", "of those, providers of this row's provider_kind"),
            ("reason", "`same_kind` (two or more providers of one kind), `more_than_three`, or both, `;`-separated"),
        ],
        sql: "WITH bm AS (
                SELECT b.*, coalesce(p.provider_kind, 'unknown') AS provider_kind, p.provider_name
                FROM billed_months b LEFT JOIN providers p ON p.provider_id = b.provider_id
              ),
              kinds AS (SELECT person_id, month, cm_type, provider_kind, COUNT(*) AS same_kind
                        FROM bm GROUP BY person_id, month, cm_type, provider_kind),
              totals AS (SELECT person_id, month, cm_type, SUM(same_kind) AS providers, MAX(same_kind) AS most
                         FROM kinds GROUP BY person_id, month, cm_type)
              SELECT bm.month, bm.person_id, bm.cm_type, bm.provider_id, bm.provider_name, bm.provider_kind,
                     bm.billed_contacts, bm.contact_ids, t.providers AS providers_billing,
                     k.same_kind AS same_kind_providers,
                     concat_ws(';', CASE WHEN t.most >= 2 THEN 'same_kind' END,
                                    CASE WHEN t.providers > 3 THEN 'more_than_three' END) AS reason
              FROM bm
              JOIN totals t ON t.person_id = bm.person_id AND t.month = bm.month AND t.cm_type = bm.cm_type
              JOIN kinds k ON k.person_id = bm.person_id AND k.month = bm.month AND k.cm_type = bm.cm_type
                          AND k.provider_kind = bm.provider_kind
              WHERE t.most >= 2 OR t.providers > 3
              ORDER BY bm.month, bm.person_id, bm.cm_type, bm.provider_id",
        count_sql: "SELECT provider_id, COUNT(*) AS findings, COUNT(DISTINCT person_id) AS persons
                    FROM findings GROUP BY provider_id",
    },
    Check {
        id: "tribal-encounter-limit",
        title: "More than one billed tribal encounter per person per day",
        rule: "More than one billed contact with procedure code T1017 for one person on one day, across all \
               providers and cm_types. Every billed T1017 contact of a triggering (person, day) is listed.",
        columns: &[
            ("month", "calendar month, YYYY-MM"),
            ("person_id", "the person billed for"),
            ("contact_date", "the day"),
            ("billed_that_day", "billed T1017 contacts for the person that day"),
            ("submitter_id", "who sent the contact"),
            ("contact_id", "the contact (unique within its submitter)"),
            ("provider_id", "the provider that billed it"),
            ("provider_name", "its name"),
            ("cm_type", "the cm_type of the contact's episode"),
            ("case_manager_id", "the case manager on the contact"),
            ("mode", "in_person, itv, phone or other"),
            ("minutes", "minutes recorded"),
            ("modifiers", "HCPCS modifiers as sent"),
        ],
        sql: "WITH t AS (
                SELECT c.*, m.month, e.cm_type
                FROM contacts c
                JOIN q_months m ON c.contact_date BETWEEN m.month_start AND m.month_end
                LEFT JOIN episodes e ON e.submitter_id = c.submitter_id AND e.episode_id = c.episode_id
                WHERE c.billed AND c.procedure_code = 'T1017'
              ),
              days AS (SELECT person_id, contact_date, COUNT(*) AS n FROM t GROUP BY person_id, contact_date HAVING COUNT(*) > 1)
              SELECT t.month, t.person_id, t.contact_date, d.n AS billed_that_day, t.submitter_id, t.contact_id,
                     t.provider_id, p.provider_name, t.cm_type, t.case_manager_id, t.mode, t.minutes, t.modifiers
              FROM t JOIN days d ON d.person_id = t.person_id AND d.contact_date = t.contact_date
              LEFT JOIN providers p ON p.provider_id = t.provider_id
              ORDER BY t.person_id, t.contact_date, t.submitter_id, t.contact_id",
        count_sql: "SELECT provider_id, COUNT(DISTINCT concat(person_id, ' ', CAST(contact_date AS VARCHAR))) AS findings,
                           COUNT(DISTINCT person_id) AS persons
                    FROM findings GROUP BY provider_id",
    },
    Check {
        id: "cw-tcm-contact",
        title: "Child welfare TCM billed without an in-person contact",
        rule: "A billed CW-TCM month for a child (under 18 on the first day of the month; a person with no \
               birth date on record counts as a child, since CW-TCM serves children) with a `placement` event \
               open on at least one day of the month, where the billing provider recorded no contact with mode \
               `in_person` and with_whom `person` in a CW-TCM episode of the child in that month or in either of \
               the two preceding months. Up to two consecutive months without an in-person visit are the \
               remote-contact exception for distant placements and never trigger the check on their own; the \
               third does. `lookback_loaded` is false when a quarter holding one of the two preceding months \
               has no loaded package: the missing contacts may simply not have been sent, so such a row needs \
               the earlier data before it is a finding.",
        columns: &[
            ("month", "the billed month, YYYY-MM"),
            ("person_id", "the child"),
            ("provider_id", "the provider that billed CW-TCM for the month"),
            ("provider_name", "its name"),
            ("billed_contacts", "its billed CW-TCM contacts in the month"),
            ("contact_ids", "those contacts as submitter_id/contact_id, `;`-separated"),
            ("birth_date", "the child's birth date (empty when not on record)"),
            ("placement_ids", "the placements open in the month as submitter_id/event_id, `;`-separated"),
            ("last_in_person_contact", "the provider's latest in-person contact with the child up to the month's end (empty: none on record)"),
            ("lookback_from", "the first day of the second preceding month: an in-person contact on or after it would have satisfied the rule"),
            ("lookback_loaded", "whether the quarters of the two preceding months loaded"),
        ],
        sql: "WITH bm AS (
                SELECT b.*, m.month_start, m.month_end, m.lookback_start, m.lookback_loaded, m.born_after
                FROM billed_months b JOIN q_months m ON m.month = b.month
                WHERE b.cm_type = 'CW-TCM'
              ),
              child AS (
                SELECT bm.*, pe.birth_date FROM bm LEFT JOIN persons pe ON pe.person_id = bm.person_id
                WHERE pe.birth_date IS NULL OR pe.birth_date > bm.born_after
              ),
              placed AS (
                SELECT c.person_id, c.month, c.provider_id,
                       array_to_string(array_sort(array_agg(DISTINCT concat(ev.submitter_id, '/', ev.event_id))), ';') AS placement_ids
                FROM child c JOIN events ev ON ev.person_id = c.person_id AND ev.kind = 'placement'
                 AND ev.start_date <= c.month_end AND (ev.end_date IS NULL OR ev.end_date >= c.month_start)
                GROUP BY c.person_id, c.month, c.provider_id
              ),
              seen AS (
                SELECT c.person_id, c.month, c.provider_id, MAX(k.contact_date) AS last_in_person
                FROM child c
                JOIN tcm_contacts k ON k.person_id = c.person_id AND k.provider_id = c.provider_id
                 AND k.cm_type = 'CW-TCM' AND k.mode = 'in_person' AND k.with_whom = 'person'
                 AND k.contact_date <= c.month_end
                GROUP BY c.person_id, c.month, c.provider_id
              )
              SELECT c.month, c.person_id, c.provider_id, p.provider_name, c.billed_contacts, c.contact_ids,
                     c.birth_date, pl.placement_ids, s.last_in_person AS last_in_person_contact,
                     c.lookback_start AS lookback_from, c.lookback_loaded
              FROM child c
              JOIN placed pl ON pl.person_id = c.person_id AND pl.month = c.month AND pl.provider_id = c.provider_id
              LEFT JOIN seen s ON s.person_id = c.person_id AND s.month = c.month AND s.provider_id = c.provider_id
              LEFT JOIN providers p ON p.provider_id = c.provider_id
              WHERE s.last_in_person IS NULL OR s.last_in_person < c.lookback_start
              ORDER BY c.month, c.person_id, c.provider_id",
        count_sql: "SELECT provider_id, COUNT(*) AS findings, COUNT(DISTINCT person_id) AS persons
                    FROM findings GROUP BY provider_id",
    },
];

/// One provider's findings for one check (internal: the quality council's data).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderCount {
    pub check: String,
    pub provider_id: String,
    /// Rows of the list for check 1 and 3 (billed months); person-days for check 2.
    pub findings: i64,
    pub persons: i64,
}

#[derive(Serialize)]
struct CountsFile<'a> {
    period: String,
    note: &'static str,
    checks: Vec<CheckDoc<'a>>,
    counts: &'a [ProviderCount],
}

#[derive(Serialize)]
struct CheckDoc<'a> {
    id: &'a str,
    title: &'a str,
    rule: &'a str,
    findings: &'a str,
}

/// Registers the shared views for the reporting quarter. `tcm_contacts` and `billed_months`
/// are computed once and kept in `work` (then registered under their names): two checks read
/// each, and the first check names `billed_months` twice, so as views (computed again at each
/// use) they read the warehouse's contacts five times.
async fn prepare(ctx: &SessionContext, reporting: Period, loaded: &BTreeSet<Period>, work: &Path) -> Result<()> {
    let months: Vec<String> = reporting
        .months()
        .iter()
        .map(|m| {
            let lookback = m.prev().prev();
            let lookback_loaded = [lookback, m.prev()].iter().all(|b| loaded.contains(&b.quarter()));
            let start = m.first_day();
            // Under 18 on the month's first day ⇔ born after that day 18 years earlier.
            let born_after = chrono::NaiveDate::from_ymd_opt(start.year() - 18, start.month(), 1).expect("first of month");
            format!(
                "('{m}', DATE '{start}', DATE '{end}', DATE '{lb}', {lookback_loaded}, DATE '{born_after}')",
                end = m.last_day(),
                lb = lookback.first_day()
            )
        })
        .collect();
    let tcm: Vec<String> = TCM_TYPES.iter().map(|t| format!("'{t}'")).collect();
    let first = reporting.months()[0];
    let q_months = format!(
        "CREATE OR REPLACE VIEW q_months AS SELECT column1 AS month, column2 AS month_start, column3 AS month_end, \
         column4 AS lookback_start, column5 AS lookback_loaded, column6 AS born_after FROM (VALUES {})",
        months.join(", ")
    );
    ctx.sql(&q_months).await?.collect().await?;
    let kept = [
        // TCM contacts from the lookback's start to the quarter's end, with their episode's type.
        (
            "tcm_contacts",
            format!(
                "SELECT c.*, e.cm_type FROM contacts c \
                 JOIN episodes e ON e.submitter_id = c.submitter_id AND e.episode_id = c.episode_id \
                 WHERE e.cm_type IN ({tcm}) AND c.contact_date BETWEEN DATE '{from}' AND DATE '{to}'",
                tcm = tcm.join(", "),
                from = first.prev().prev().first_day(),
                to = reporting.last_day()
            ),
        ),
        (
            "billed_months",
            "SELECT c.person_id, m.month, c.provider_id, c.cm_type, \
             COUNT(*) AS billed_contacts, \
             array_to_string(array_agg(concat(c.submitter_id, '/', c.contact_id) ORDER BY c.submitter_id, c.contact_id), ';') AS contact_ids \
             FROM tcm_contacts c JOIN q_months m ON c.contact_date BETWEEN m.month_start AND m.month_end \
             WHERE c.billed GROUP BY c.person_id, m.month, c.provider_id, c.cm_type"
                .to_string(),
        ),
    ];
    for (name, sql) in kept {
        crate::toolkit::materialize(ctx, &sql, &work.join(name), name).await?;
    }
    Ok(())
}

/// Runs every check for the reporting quarter; writes `dir/<check>.parquet`, `.csv` and
/// `dir/README.md`, and `results/billing_review_counts.json`. Returns the rows per check.
pub async fn write(
    ctx: &SessionContext,
    dir: &Path,
    work: &Path,
    results: &Path,
    reporting: Period,
    loaded: &BTreeSet<Period>,
) -> Result<BTreeMap<&'static str, usize>> {
    prepare(ctx, reporting, loaded, work).await?;
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut rows = BTreeMap::new();
    let mut counts: Vec<ProviderCount> = Vec::new();
    for check in CHECKS {
        let batches = crate::toolkit::collect(ctx, check.sql).await?;
        // The batches' own schema (the plan's may differ in nullability); the plan's when
        // the check found nothing.
        let schema: Schema = match batches.first() {
            Some(b) => b.schema().as_ref().clone(),
            None => ctx.sql(check.sql).await?.schema().as_arrow().clone(),
        };
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let documented: Vec<&str> = check.columns.iter().map(|(c, _)| *c).collect();
        debug_assert_eq!(names, documented, "{}: columns differ from their documentation", check.id);
        rows.insert(check.id, batches.iter().map(RecordBatch::num_rows).sum());
        write_parquet(&dir.join(format!("{}.parquet", check.id)), &schema, &batches, check)?;
        write_csv(&dir.join(format!("{}.csv", check.id)), &schema, &batches)?;

        ctx.deregister_table("findings")?;
        ctx.register_batch("findings", concat(&schema, &batches)?)?;
        let per_provider = ctx
            .sql(&format!("SELECT * FROM ({}) ORDER BY provider_id", check.count_sql))
            .await?
            .collect()
            .await?;
        for b in &per_provider {
            let ids = b.column(0);
            let f = datafusion::arrow::compute::cast(b.column(1), &DataType::Int64)?;
            let p = datafusion::arrow::compute::cast(b.column(2), &DataType::Int64)?;
            for i in 0..b.num_rows() {
                counts.push(ProviderCount {
                    check: check.id.to_string(),
                    provider_id: if ids.is_null(i) { String::new() } else { string_at(ids, i) },
                    findings: f.as_primitive::<Int64Type>().value(i),
                    persons: p.as_primitive::<Int64Type>().value(i),
                });
            }
        }
    }
    ctx.deregister_table("findings")?;
    let readme = dir.join("README.md");
    std::fs::write(&readme, readme_text(reporting)).map_err(io_err(&readme))?;
    write_counts(&results.join("billing_review_counts.json"), reporting, &counts)?;
    Ok(rows)
}

fn concat(schema: &Schema, batches: &[RecordBatch]) -> Result<RecordBatch> {
    Ok(datafusion::arrow::compute::concat_batches(&Arc::new(schema.clone()), batches)?)
}

fn write_parquet(path: &Path, schema: &Schema, batches: &[RecordBatch], check: &Check) -> Result<()> {
    let file = File::create(path).map_err(io_err(path))?;
    let props = datafusion::parquet::file::properties::WriterProperties::builder()
        .set_created_by("casecard".into())
        .set_key_value_metadata(Some(vec![
            KeyValue::new("casecard.check".into(), check.id.to_string()),
            KeyValue::new("casecard.title".into(), check.title.to_string()),
            KeyValue::new("casecard.rule".into(), check.rule.split_whitespace().collect::<Vec<_>>().join(" ")),
        ]))
        .build();
    let mut w = ArrowWriter::try_new(file, Arc::new(schema.clone()), Some(props))?;
    for b in batches {
        w.write(b)?;
    }
    w.close()?;
    Ok(())
}

/// The CSV copy is for analysts to open in a spreadsheet: every text cell goes through
/// [`crate::hygiene::spreadsheet_safe`] (a provider named `=HYPERLINK(…)` stays text).
fn write_csv(path: &Path, schema: &Schema, batches: &[RecordBatch]) -> Result<()> {
    use datafusion::arrow::array::{Array, ArrayRef, AsArray, StringArray};
    use datafusion::arrow::datatypes::DataType;
    let file = File::create(path).map_err(io_err(path))?;
    let mut w = datafusion::arrow::csv::WriterBuilder::new().with_header(true).build(file);
    if batches.is_empty() {
        // The header alone, so an empty list still says what it would hold.
        w.write(&RecordBatch::new_empty(Arc::new(schema.clone())))?;
    }
    for b in batches {
        let mut fields = Vec::new();
        let mut columns: Vec<ArrayRef> = Vec::new();
        for (f, c) in b.schema().fields().iter().zip(b.columns()) {
            if matches!(c.data_type(), DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8) {
                let text = datafusion::arrow::compute::cast(c, &DataType::Utf8)?;
                let s = text.as_string::<i32>();
                columns.push(Arc::new(StringArray::from_iter(
                    (0..s.len()).map(|i| s.is_valid(i).then(|| crate::hygiene::spreadsheet_safe(s.value(i)).into_owned())),
                )));
                fields.push(f.as_ref().clone().with_data_type(DataType::Utf8));
            } else {
                columns.push(c.clone());
                fields.push(f.as_ref().clone());
            }
        }
        w.write(&RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)?)?;
    }
    Ok(())
}

fn write_counts(path: &Path, reporting: Period, counts: &[ProviderCount]) -> Result<()> {
    let file = CountsFile {
        period: reporting.to_string(),
        note: "Internal to the state data office and the quality council: findings of the billing-integrity \
               checks per provider for the reporting quarter. Not for publication (counts can be small).",
        checks: CHECKS
            .iter()
            .map(|c| CheckDoc {
                id: c.id,
                title: c.title,
                rule: c.rule,
                findings: if c.id == "tribal-encounter-limit" { "person-days" } else { "billed months" },
            })
            .collect(),
        counts,
    };
    let mut json = serde_json::to_string_pretty(&file).map_err(|e| RestrictedError::Write { path: path.to_path_buf(), message: e.to_string() })?;
    json.push('\n');
    std::fs::write(path, json).map_err(io_err(path))
}

/// `billing/README.md`: each list's rule and columns.
fn readme_text(reporting: Period) -> String {
    let months: Vec<String> = reporting.months().iter().map(Month::to_string).collect();
    let mut s = format!(
        "# Billing-integrity review lists, {reporting}\n\n\
         Person-level: for the Department of Human Services' internal review only. Each check \
         covers the months {}. Each list is `<check>.parquet` and `<check>.csv` (the same rows; \
         the Parquet file's metadata `casecard.rule` repeats the rule). A row is a lead for \
         review, not a finding of fraud.\n\n\
         Terms: a contact's cm_type is its episode's. A *billed month* is a (person, calendar \
         month, provider, cm_type) with at least one contact whose `billed` is `Y` (TCM pays one \
         unit per person, provider and month). TCM cm_types: {}.\n",
        months.join(", "),
        TCM_TYPES.join(", ")
    );
    for c in CHECKS {
        s.push_str(&format!("\n## {}: {}\n\n", c.id, c.title));
        s.push_str(&c.rule.split_whitespace().collect::<Vec<_>>().join(" "));
        s.push_str("\n\n| column | meaning |\n|---|---|\n");
        for (col, what) in c.columns {
            s.push_str(&format!("| `{col}` | {what} |\n"));
        }
    }
    s
}
