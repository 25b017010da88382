//! The pages about the data rather than its results: how the results are calculated (with
//! the report of each risk model fitted this quarter), where the data comes from, and the
//! downloads with their data dictionary. Separate because these pages explain and list
//! rather than report results.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;

use super::Ctx;
use crate::ingest::report::Status;
use crate::measures::definition::Definition;
use crate::measures::NoteKind;
use crate::publish::models::{ModelCounts, PublicModel};
use crate::site::downloads;
use crate::site::i18n::{Catalogs, Review};
use crate::site::names::{submitter_kind, submitter_name};
use crate::site::text::{self, thousands};
use crate::site::views::{Chrome, Count, DictionaryColumn, DownloadFile};
use crate::site::{SiteError, Writer};

/// One fitted risk model of the reporting quarter, for the methodology page's model report.
struct ModelView {
    id: String,
    title: String,
    /// "Maximum likelihood" or "Firth's bias-reduced (penalized) likelihood".
    estimator: &'static str,
    /// Why maximum likelihood was set aside (Firth fits only).
    firth_reason: Option<String>,
    /// Area under the ROC curve, two decimals.
    c_statistic: String,
    iterations: usize,
    /// What the model was fitted on: counts when they may be shown, else words.
    rows: Option<Count>,
    events: Option<Count>,
    fitted_on: String,
    unit: String,
    terms: Vec<TermRow>,
    reference: Vec<String>,
    merged: Vec<String>,
    dropped: Vec<String>,
    aliased: Vec<String>,
}

struct TermRow {
    /// "Age: 18 to 44"
    label: String,
    /// "age_band=18-44"
    code: String,
    coefficient: String,
    standard_error: String,
}

/// A risk-adjusted measure without a model in the reporting quarter, and why.
struct NoModel {
    id: String,
    title: String,
    why: String,
}

#[derive(Template)]
#[template(path = "methodology.html")]
struct MethodologyPage {
    c: Chrome,
    models: Vec<ModelView>,
    no_models: Vec<NoModel>,
    languages: Vec<LanguageReview>,
}

/// One language of the consumer pages, as the methodology page reports its review.
struct LanguageReview {
    code: String,
    name: String,
    english_name: String,
    status: String,
    /// "262 of 265".
    messages: String,
    /// "16 of 16".
    measures: String,
}

/// Each catalog's review status in words, and how complete it is.
fn language_reviews(ctx: &Ctx, catalogs: &Catalogs) -> Vec<LanguageReview> {
    crate::site::i18n::review_table(catalogs)
        .into_iter()
        .map(|(l, have, all)| {
            let translated = ctx.defs.iter().filter(|d| l.code == "en" || d.texts.contains_key(&l.code)).count();
            LanguageReview {
                status: match l.review {
                    Review::Source => "The source text.".to_string(),
                    Review::MachineDraft => "Draft made by machine translation. A qualified translator has not checked it yet; until then, the English page is the authority.".to_string(),
                    Review::Reviewed => format!(
                        "Checked by a qualified translator{}{}.",
                        if l.reviewer.is_empty() { String::new() } else { format!(" ({})", l.reviewer) },
                        if l.reviewed.is_empty() { String::new() } else { format!(" on {}", l.reviewed) }
                    ),
                },
                messages: format!("{have} of {all}"),
                measures: format!("{translated} of {}", ctx.defs.len()),
                code: l.code,
                name: l.name,
                english_name: l.english_name,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "downloads.html")]
struct DownloadsPage {
    c: Chrome,
    files: Vec<DownloadFile>,
}

#[derive(Template)]
#[template(path = "data_dictionary.html")]
struct DictionaryPage {
    c: Chrome,
    columns: Vec<DictionaryColumn>,
}

struct SourceRow {
    name: String,
    kind: &'static str,
    periods: String,
    failed: String,
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesPage {
    c: Chrome,
    rows: Vec<SourceRow>,
}

pub(super) fn sources_page(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let mut by: BTreeMap<&str, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for p in &ctx.input.public.packages {
        let e = by.entry(&p.submitter_id).or_default();
        match p.status {
            Status::Loaded => {
                e.0.insert(text::period_label(&p.period));
            }
            // The failure message stays in the ingest report for the submitter: it can quote
            // row counts of the failed file, which are not for the public.
            Status::Failed => {
                e.1.insert(format!("{} (sequence {})", text::period_label(&p.period), p.sequence));
            }
            Status::Superseded => {}
        }
    }
    let rows = by
        .into_iter()
        .map(|(id, (loaded, failed))| SourceRow {
            name: submitter_name(id),
            kind: submitter_kind(id),
            periods: loaded.into_iter().collect::<Vec<_>>().join(", "),
            failed: failed.into_iter().collect::<Vec<_>>().join("; "),
        })
        .collect();
    w.page("sources.html", &SourcesPage { c: ctx.chrome("sources.html", "Where the data comes from", "sources", true), rows })
}

/// The downloads page and the data dictionary page, from the same lists the downloads are
/// written from.
pub(super) fn download_pages(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    w.page(
        "data-dictionary.html",
        &DictionaryPage { c: ctx.chrome("data-dictionary.html", "Data dictionary: measure results", "downloads", false), columns: downloads::dictionary() },
    )?;
    w.page("downloads.html", &DownloadsPage { c: ctx.chrome("downloads.html", "Download the data", "downloads", true), files: downloads::listing() })
}

// ---------------------------------------------------------------------------------------
// Methodology and the risk models of the reporting quarter

pub(super) fn methodology_page(ctx: &Ctx, w: &mut Writer, catalogs: &Catalogs) -> Result<(), SiteError> {
    let mut models = Vec::new();
    let mut no_models = Vec::new();
    for d in ctx.defs.iter().filter(|d| d.risk_adjusted()) {
        if let Some(m) = ctx.input.public.models.iter().find(|m| m.model.period == ctx.p && m.model.measure_id == d.id) {
            models.push(model_view(d, m));
            continue;
        }
        let note = ctx.input.public.notes.iter().find(|n| n.period == ctx.p && n.measure_id == d.id);
        let why = match note {
            Some(n) if n.kind == NoteKind::Unadjusted => format!(
                "{}. This quarter its results are not risk-adjusted: a provider's overall result is compared after allowing for its mix of types of case management, and its result for each type with the state's result for that type.",
                text::sentence_case(&text::plain_periods(n.message.trim_end_matches('.')))
            ),
            Some(_) => "Not calculated this quarter: its 12 months reach a quarter for which no data was sent.".to_string(),
            None => "No risk model was fitted this quarter.".to_string(),
        };
        no_models.push(NoModel { id: d.id.clone(), title: d.title.clone(), why });
    }
    w.page(
        "methodology.html",
        &MethodologyPage { c: ctx.chrome("methodology.html", "How the results are calculated", "methodology", false), models, no_models, languages: language_reviews(ctx, catalogs) },
    )
}

/// The model report of one risk model; its counts and terms are there only where the publish
/// stage let them through ([`ModelCounts`]).
fn model_view(d: &Definition, pm: &PublicModel) -> ModelView {
    let m = &pm.model;
    let (rows, events) = (m.rows as i64, m.events as i64);
    let unit = d.unit.clone();
    let fitted_on = match pm.counts {
        ModelCounts::Shown => String::new(),
        ModelCounts::FewRows => format!("Fewer than 30 {unit}."),
        ModelCounts::FewEvents => format!("30 or more {unit}; fewer than 11 of them met the measure."),
        ModelCounts::FewNonEvents => format!("30 or more {unit}; all but fewer than 11 of them met the measure."),
        ModelCounts::Withheld => format!("30 or more {unit}; the exact numbers are not shown, to protect privacy."),
    };
    let show = pm.counts == ModelCounts::Shown;
    ModelView {
        id: d.id.clone(),
        title: d.title.clone(),
        estimator: match m.estimator {
            crate::stats::logistic::Estimator::Ml => "Maximum likelihood",
            crate::stats::logistic::Estimator::Firth => "Firth's bias-reduced (penalized) likelihood",
        },
        firth_reason: m.firth_reason.as_deref().map(text::sentence_case),
        c_statistic: format!("{:.2}", m.c_statistic),
        iterations: m.iterations,
        rows: show.then(|| Count { raw: rows, text: thousands(rows) }),
        events: show.then(|| Count { raw: events, text: thousands(events) }),
        fitted_on,
        unit,
        terms: m
            .terms
            .iter()
            .map(|t| TermRow {
                label: text::term_words(&t.term),
                code: t.term.clone(),
                coefficient: text::signed(t.coefficient, 3),
                standard_error: text::signed(t.standard_error, 3),
            })
            .collect(),
        reference: m.reference_levels.iter().map(|(c, l)| text::term_words(&format!("{c}={l}"))).collect(),
        merged: m
            .merged_levels
            .iter()
            .map(|(c, ls)| format!("{}: {}", text::covariate_name(c), ls.iter().map(|l| text::level_words(c, l)).collect::<Vec<_>>().join(", ")))
            .collect(),
        dropped: m.dropped_terms.iter().map(|t| text::term_words(t)).collect(),
        aliased: m.aliased_terms.iter().map(|t| text::term_words(t)).collect(),
    }
}
