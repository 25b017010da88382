//! Monthly itemized service statements: for every person with a waiver case management
//! episode open in a month, one printable page listing what each of their providers recorded
//! for them that month.
//!
//! The rows are selected in DataFusion (one month of episodes, contacts and assessments);
//! only that month's slice is read into memory, grouped by person and rendered with the
//! `restricted/statement.html` template. Statements are self-contained (inline style, no
//! links into the site), so one can be printed, mailed or handed over on its own.
//!
//! What is shown, and why:
//! - every waiver episode of the person open on at least one day of the month, each with its
//!   provider's own name and phone, the kind of case management, the episode's case
//!   manager id, and when it started or ended if that was this month;
//! - every contact of that episode dated in the month, whatever its mode or with whom it
//!   was (a call to a home-care agency on the person's behalf is a service too), with
//!   whether it was billed, so a person can spot a billed contact that never happened;
//! - every assessment or plan of the episode completed in the month.
//!
//! A contact or record is shown only when its own `person_id` is the episode's: a record
//! that names one person's episode and another person's id (a submitter's error that the
//! ingest cannot see) must never put one person's service on another's statement.

use std::collections::BTreeMap;
use std::path::Path;

use askama::Template;
use chrono::NaiveDate;
use datafusion::prelude::SessionContext;

use super::Result;
use super::{io_err, RestrictedError};
use crate::period::Month;
use crate::schema::cm_type_name;
use crate::toolkit::text_rows;

/// The waiver programs whose case management the legislature asked statements for.
pub const WAIVER_TYPES: &[&str] = &["EW", "CADI", "DD", "BI", "CAC", "AC"];

/// One person's statement for one month.
#[derive(Debug, Clone)]
pub struct Statement {
    pub person_id: String,
    pub month: Month,
    pub preferred_language: String,
    pub interpreter_needed: Option<bool>,
    pub services: Vec<Service>,
}

/// One waiver episode open in the month, with what its provider recorded.
#[derive(Debug, Clone, Default)]
pub struct Service {
    pub submitter_id: String,
    pub episode_id: String,
    pub provider_id: String,
    pub provider_name: String,
    pub provider_phone: String,
    pub provider_website: String,
    pub cm_type: String,
    pub case_manager_id: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub end_reason: String,
    pub contacts: Vec<Contact>,
    pub records: Vec<Record>,
}

#[derive(Debug, Clone)]
pub struct Contact {
    pub date: NaiveDate,
    pub mode: String,
    pub location: String,
    pub with_whom: String,
    pub minutes: Option<i64>,
    pub case_manager_id: String,
    pub billed: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub date: NaiveDate,
    pub kind: String,
}

/// Reads the statements of `month` (all people, or one) from the warehouse tables
/// registered in `ctx`, in person order.
pub async fn read(ctx: &SessionContext, month: Month, person: Option<&str>) -> Result<Vec<Statement>> {
    let person = person.map(canonical_person_id).transpose()?;
    let person = person.as_deref();
    let (start, end) = (month.first_day(), month.last_day());
    let types: Vec<String> = WAIVER_TYPES.iter().map(|t| format!("'{t}'")).collect();
    let only = person.map(|p| format!(" AND e.person_id = '{p}'")).unwrap_or_default();
    ctx.sql(&format!(
        "CREATE OR REPLACE VIEW statement_episodes AS SELECT e.* FROM episodes e \
         WHERE e.cm_type IN ({types}) AND e.start_date <= DATE '{end}' \
         AND (e.end_date IS NULL OR e.end_date >= DATE '{start}'){only}",
        types = types.join(", ")
    ))
    .await?
    .collect()
    .await?;

    let episodes = text_rows(
        ctx,
        "SELECT e.person_id, e.submitter_id, e.episode_id, e.provider_id, e.cm_type, e.case_manager_id, \
                e.start_date, e.end_date, e.end_reason, p.provider_name, p.phone, p.website, \
                pe.preferred_language, pe.interpreter_needed \
         FROM statement_episodes e \
         LEFT JOIN providers p ON p.provider_id = e.provider_id \
         LEFT JOIN persons pe ON pe.person_id = e.person_id \
         ORDER BY e.person_id, e.start_date, e.provider_id, e.cm_type, e.submitter_id, e.episode_id",
    )
    .await?;
    let contacts = text_rows(
        ctx,
        &format!(
            "SELECT c.submitter_id, c.episode_id, c.contact_date, c.mode, c.location, c.with_whom, c.minutes, \
                    c.case_manager_id, c.billed \
             FROM contacts c JOIN statement_episodes e \
               ON c.submitter_id = e.submitter_id AND c.episode_id = e.episode_id AND c.person_id = e.person_id \
             WHERE c.contact_date BETWEEN DATE '{start}' AND DATE '{end}' \
             ORDER BY c.submitter_id, c.episode_id, c.contact_date, c.contact_id"
        ),
    )
    .await?;
    let records = text_rows(
        ctx,
        &format!(
            "SELECT a.submitter_id, a.episode_id, a.completed_date, a.kind \
             FROM assessments a JOIN statement_episodes e \
               ON a.submitter_id = e.submitter_id AND a.episode_id = e.episode_id AND a.person_id = e.person_id \
             WHERE a.completed_date BETWEEN DATE '{start}' AND DATE '{end}' \
             ORDER BY a.submitter_id, a.episode_id, a.completed_date, a.record_id"
        ),
    )
    .await?;

    let text = |r: &Vec<Option<String>>, i: usize| r[i].clone().unwrap_or_default();
    let date = |r: &Vec<Option<String>>, i: usize| r[i].as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let flag = |r: &Vec<Option<String>>, i: usize| r[i].as_deref().map(|b| b == "true");

    let mut out: Vec<Statement> = Vec::new();
    // (submitter_id, episode_id) → (statement, service) position.
    let mut at: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for r in &episodes {
        let person = text(r, 0);
        if out.last().is_none_or(|s| s.person_id != person) {
            out.push(Statement {
                person_id: person.clone(),
                month,
                preferred_language: text(r, 12),
                interpreter_needed: flag(r, 13),
                services: Vec::new(),
            });
        }
        let i = out.len() - 1;
        let s = &mut out[i];
        at.insert((text(r, 1), text(r, 2)), (i, s.services.len()));
        s.services.push(Service {
            submitter_id: text(r, 1),
            episode_id: text(r, 2),
            provider_id: text(r, 3),
            cm_type: text(r, 4),
            case_manager_id: text(r, 5),
            start: date(r, 6),
            end: date(r, 7),
            end_reason: text(r, 8),
            // Submitted free text, as the public pages show it: no control characters, bounded.
            provider_name: crate::hygiene::display_text(&text(r, 9), crate::hygiene::MAX_DISPLAY),
            provider_phone: crate::hygiene::display_text(&text(r, 10), crate::hygiene::MAX_DISPLAY),
            provider_website: crate::hygiene::display_text(&text(r, 11), crate::hygiene::MAX_DISPLAY),
            contacts: Vec::new(),
            records: Vec::new(),
        });
    }
    for r in &contacts {
        let (Some(&(i, j)), Some(d)) = (at.get(&(text(r, 0), text(r, 1))), date(r, 2)) else { continue };
        out[i].services[j].contacts.push(Contact {
            date: d,
            mode: text(r, 3),
            location: text(r, 4),
            with_whom: text(r, 5),
            minutes: r[6].as_deref().and_then(|m| m.parse().ok()),
            case_manager_id: text(r, 7),
            billed: flag(r, 8),
        });
    }
    for r in &records {
        let (Some(&(i, j)), Some(d)) = (at.get(&(text(r, 0), text(r, 1))), date(r, 2)) else { continue };
        out[i].services[j].records.push(Record { date: d, kind: text(r, 3) });
    }
    Ok(out)
}

/// The person id as the warehouse holds it, by the ingest's own rule for the column (`P`
/// and 12 hex digits, stored lower-case), so `--person` accepts exactly what a submitter may
/// send, and nothing else reaches the query text.
fn canonical_person_id(text: &str) -> Result<String> {
    let column = crate::schema::table("persons").and_then(|t| t.column("person_id")).expect("persons.person_id");
    match crate::ingest::row::parse(column, text, &crate::layout::Dialect::standard()) {
        Ok(crate::ingest::row::Value::Str(id)) => Ok(id),
        _ => Err(RestrictedError::BadPerson(text.to_string())),
    }
}

/// Writes the statements of `month` under `dir/<YYYY-MM>/`: every person's (replacing the
/// month's folder, with its `index.csv`), or with `person` only that person's page.
/// Returns how many statements were written.
pub async fn write_month(ctx: &SessionContext, dir: &Path, month: Month, person: Option<&str>) -> Result<usize> {
    let statements = read(ctx, month, person).await?;
    crate::toolkit::timing(&format!("  statements {month} read"));
    if let Some(p) = person {
        if statements.is_empty() {
            return Err(RestrictedError::NoStatement { person: p.to_string(), month });
        }
    }
    let folder = dir.join(month.to_string());
    if person.is_none() && folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(io_err(&folder))?;
    }
    std::fs::create_dir_all(&folder).map_err(io_err(&folder))?;
    // A month has some 330,000 pages at 1,000,000 persons: rendering and writing them is
    // shared among the cores, each taking one run of statements.
    let write = |part: &[Statement]| -> Result<()> {
        for s in part {
            let html = StatementPage::of(s)
                .render()
                .map_err(|source| RestrictedError::Render { person: s.person_id.clone(), month, source })?;
            let path = folder.join(format!("{}.html", s.person_id));
            std::fs::write(&path, html).map_err(io_err(&path))?;
        }
        Ok(())
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let part = statements.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let writers: Vec<_> = statements.chunks(part).map(|p| scope.spawn(move || write(p))).collect();
        writers.into_iter().try_for_each(|w| w.join().expect("a statement writer panicked"))
    })?;
    if person.is_none() {
        write_index(&folder.join("index.csv"), &statements)?;
    }
    crate::toolkit::timing(&format!("  statements {month} written"));
    Ok(statements.len())
}

/// The month's mailing list: who gets a statement, and in which language.
fn write_index(path: &Path, statements: &[Statement]) -> Result<()> {
    let err = |e: csv::Error| RestrictedError::Write { path: path.to_path_buf(), message: e.to_string() };
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    w.write_record(["person_id", "file", "providers", "contacts", "preferred_language", "interpreter_needed"]).map_err(err)?;
    for s in statements {
        let providers: std::collections::BTreeSet<&str> = s.services.iter().map(|v| v.provider_id.as_str()).collect();
        let contacts: usize = s.services.iter().map(|v| v.contacts.len()).sum();
        w.write_record([
            s.person_id.clone(),
            format!("{}.html", s.person_id),
            providers.len().to_string(),
            contacts.to_string(),
            s.preferred_language.clone(),
            match s.interpreter_needed {
                Some(true) => "Y".into(),
                Some(false) => "N".into(),
                None => String::new(),
            },
        ])
        .map_err(err)?;
    }
    w.flush().map_err(|e| err(e.into()))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The page.

#[derive(Template)]
#[template(path = "restricted/statement.html")]
struct StatementPage {
    person_id: String,
    month: String,
    /// "May 1 to May 31, 2026"
    span: String,
    /// One sentence at the top saying what happened this month.
    headline: String,
    services: Vec<ServiceView>,
}

struct ServiceView {
    heading_id: String,
    provider_name: String,
    provider_phone: String,
    provider_website: String,
    cm_type_name: String,
    case_manager: String,
    dates: String,
    contacts: Vec<ContactView>,
    contact_summary: String,
    records: Vec<RecordView>,
}

struct ContactView {
    iso: String,
    day: String,
    how: &'static str,
    place: &'static str,
    with_whom: &'static str,
    minutes: String,
    case_manager: String,
    billed: &'static str,
}

struct RecordView {
    iso: String,
    day: String,
    what: &'static str,
}

impl StatementPage {
    fn of(s: &Statement) -> StatementPage {
        let (first, last) = (s.month.first_day(), s.month.last_day());
        let total: usize = s.services.iter().map(|v| v.contacts.len()).sum();
        let month = s.month.words();
        let providers: std::collections::BTreeSet<&str> = s.services.iter().map(|v| v.provider_id.as_str()).collect();
        let headline = if total == 0 {
            format!("No contact was recorded for you in {month}.")
        } else if providers.len() == 1 {
            format!("{} recorded {} for you in {month}.", provider_label(&s.services[0]), count(total, "contact"))
        } else {
            format!("{} providers recorded {} for you in {month}.", providers.len(), count(total, "contact"))
        };
        StatementPage {
            person_id: s.person_id.clone(),
            month: month.clone(),
            span: format!("{} to {}", first.format("%B %-d"), last.format("%B %-d, %Y")),
            headline,
            services: s
                .services
                .iter()
                .enumerate()
                .map(|(i, v)| ServiceView::of(i, v, s.month))
                .collect(),
        }
    }
}

fn provider_label(v: &Service) -> String {
    if v.provider_name.is_empty() {
        format!("Provider {}", v.provider_id)
    } else {
        v.provider_name.clone()
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

impl ServiceView {
    fn of(i: usize, v: &Service, month: Month) -> ServiceView {
        let (first, last) = (month.first_day(), month.last_day());
        let day = |d: NaiveDate| d.format("%B %-d").to_string();
        let started = v.start.filter(|d| *d >= first);
        let ended = v.end.filter(|d| *d <= last);
        let dates = match (started, ended) {
            (Some(a), Some(b)) => format!("Started {} and ended {}{}.", day(a), day(b), end_reason_words(&v.end_reason)),
            (Some(a), None) => format!("Started {}.", day(a)),
            (None, Some(b)) => format!("Ended {}{}.", day(b), end_reason_words(&v.end_reason)),
            (None, None) => format!("Open all of {}.", month.words()),
        };
        let minutes: i64 = v.contacts.iter().filter_map(|c| c.minutes).sum();
        let contact_summary = match v.contacts.len() {
            0 => String::new(),
            n if v.contacts.iter().any(|c| c.minutes.is_some()) => {
                format!("{} in {}, {} minutes in all", count(n, "contact"), month.words(), minutes)
            }
            n => format!("{} in {}", count(n, "contact"), month.words()),
        };
        ServiceView {
            heading_id: format!("provider-{}", i + 1),
            provider_name: provider_label(v),
            provider_phone: v.provider_phone.clone(),
            provider_website: v.provider_website.clone(),
            cm_type_name: cm_type_name(&v.cm_type).to_string(),
            case_manager: if v.case_manager_id.is_empty() { "Not recorded".into() } else { v.case_manager_id.clone() },
            dates,
            contacts: v
                .contacts
                .iter()
                .map(|c| ContactView {
                    iso: c.date.to_string(),
                    day: day(c.date),
                    how: mode_words(&c.mode),
                    place: location_words(&c.location),
                    with_whom: with_whom_words(&c.with_whom),
                    minutes: c.minutes.map(|m| m.to_string()).unwrap_or_else(|| "Not recorded".into()),
                    case_manager: if c.case_manager_id.is_empty() { "Not recorded".into() } else { c.case_manager_id.clone() },
                    billed: match c.billed {
                        Some(true) => "Yes",
                        Some(false) => "No",
                        None => "Not recorded",
                    },
                })
                .collect(),
            contact_summary,
            records: v.records.iter().map(|r| RecordView { iso: r.date.to_string(), day: day(r.date), what: record_words(&r.kind) }).collect(),
        }
    }
}

/// How the contact happened, in words.
pub fn mode_words(mode: &str) -> &'static str {
    match mode {
        "in_person" => "In person",
        "itv" => "Video call",
        "phone" => "Phone call",
        "other" => "Other (for example a letter or email)",
        _ => "Not recorded",
    }
}

pub fn location_words(location: &str) -> &'static str {
    match location {
        "home" => "Your home",
        "office" => "Provider's office",
        "community" => "In the community",
        "facility" => "A facility (such as a hospital or nursing home)",
        "other" => "Somewhere else",
        _ => "Not recorded",
    }
}

pub fn with_whom_words(with_whom: &str) -> &'static str {
    match with_whom {
        "person" => "You",
        "family" => "Your family or guardian",
        "provider" => "Another provider, for you",
        "other" => "Someone else, for you",
        _ => "Not recorded",
    }
}

pub fn record_words(kind: &str) -> &'static str {
    match kind {
        "assessment" => "Assessment of your needs",
        "mnchoices" => "MnCHOICES assessment of your needs",
        "hra" => "Health risk assessment",
        "care_plan" => "Support plan (your plan of services)",
        "plan_review" => "Review of your support plan",
        "transition_plan" => "Transition plan (for a move, such as leaving a hospital)",
        _ => "Other assessment or plan",
    }
}

fn end_reason_words(reason: &str) -> &'static str {
    match reason {
        "goals_met" => " (your goals were met)",
        "moved" => " (you moved)",
        "person_choice" => " (you chose to end it)",
        "provider_change" => " (you changed provider)",
        "ineligible" => " (you were no longer eligible)",
        "death" => "",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_ids_follow_the_ingest_rule() {
        let hex = "3f9c0a1b0001";
        assert_eq!(canonical_person_id(&format!("P{hex}")).unwrap(), format!("P{hex}"));
        assert_eq!(canonical_person_id(&format!("P{}", hex.to_uppercase())).unwrap(), format!("P{hex}"));
        for bad in [format!("p{hex}"), format!("P{}", &hex[1..]), format!("P{hex}'"), format!("P{}' OR 1=1", &hex[..4])] {
            assert!(canonical_person_id(&bad).is_err(), "{bad}");
        }
    }
}
