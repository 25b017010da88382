//! The view types several pages share, and the downloads too: the page frame ([`Chrome`]),
//! counts, one result as shown ([`Shown`]), provider cards, choices, and the download list
//! and data dictionary rows. Separate from the page builders so that the downloads use them
//! without depending on the pages.

use super::i18n::{Arg, Tr};
use super::names::type_slug;
use super::text::{percent, thousands};
use crate::geography;
use crate::measures::results::{ResultRow, ALL, STATE};
use crate::measures::strata::ALL_STRATA;
use crate::publish::facts::Profile;

/// What every page's frame shows: where it sits, its language, and where its numbers come
/// from.
pub(super) struct Chrome {
    /// Prefix that leads from the page to the root of its language's pages (`""`, `"../"`,
    /// …): the consumer pages link to each other through it.
    pub(super) root: String,
    /// Prefix that leads from the page to the site root: the assets and the pages that are
    /// in English only.
    pub(super) site: String,
    pub(super) title: String,
    /// The navigation item this page belongs to.
    pub(super) nav: &'static str,
    /// "2026 Q2"
    pub(super) period: String,
    /// "July 2025 to June 2026"
    pub(super) window: String,
    /// "Data from 87 counties, 11 tribal nations and 8 health plans."
    pub(super) sources: String,
    /// Whether the page shows results (and so says where they come from).
    pub(super) shows_results: bool,
    /// The words of the page's language.
    pub(super) tr: Tr,
    /// The same page in every language (or, for a page in English only, the home page of
    /// each other language).
    pub(super) switcher: Vec<SwitchLink>,
    /// The page exists in English only.
    pub(super) english_only: bool,
    /// On a translated page whose catalog is a draft, the notice saying so (markup).
    pub(super) draft: Option<String>,
    /// On a page in English only, "This page is in English only" in each other language,
    /// with its code.
    pub(super) english_only_notes: Vec<(String, String)>,
}

/// One entry of the language switcher.
pub(super) struct SwitchLink {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) href: String,
    pub(super) current: bool,
}

impl Chrome {
    /// A message of the page's language, as text.
    pub(super) fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    /// A markup message of the page's language, with `$root` and `$site` filled in.
    pub(super) fn html(&self, id: &str) -> String {
        self.tr.f(id, vec![("root", Arg::from(&self.root)), ("site", Arg::from(&self.site))])
    }

    /// A markup message with one more argument (escaped, as it is text).
    pub(super) fn html1(&self, id: &str, name: &str, value: &str) -> String {
        self.tr.f(id, vec![("root", Arg::from(&self.root)), ("site", Arg::from(&self.site)), (name, Arg::from(escape(value)))])
    }

    /// "Results for 2026 Q2 cover …": where the page's numbers come from (markup).
    pub(super) fn source_note(&self) -> String {
        self.tr.f(
            "source-note-html",
            vec![
                ("period", Arg::from(escape(&self.period))),
                ("window", Arg::from(escape(&self.window))),
                ("sources", Arg::from(escape(&self.sources))),
                ("site", Arg::from(&self.site)),
            ],
        )
    }

    /// "12 of 30", each count marked up as `<data value>` (the privacy scan reads those).
    pub(super) fn counts(&self, n: &Count, d: &Count) -> String {
        let data = |c: &Count| format!("<data value=\"{}\">{}</data>", c.raw, escape(&c.text));
        self.tr.f("result-counts-html", vec![("numerator", Arg::from(data(n))), ("denominator", Arg::from(data(d)))])
    }

    /// A counted message (`$count`, `$n`).
    pub(super) fn count(&self, id: &str, n: impl std::borrow::Borrow<usize>) -> String {
        self.tr.count(id, *n.borrow())
    }

    /// A counted message for the browser's script, with `{n}` where the number goes; `count`
    /// chooses the plural form.
    pub(super) fn pattern(&self, id: &str, count: usize) -> String {
        self.tr.f(id, vec![("count", Arg::from(count)), ("n", Arg::from("{n}"))])
    }

    /// A message with one text argument.
    pub(super) fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.tr.f(id, vec![(name, Arg::from(value))])
    }
}

/// Text made safe to put inside markup.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// A count of people or records, written as `<data value>` on the page.
pub(super) struct Count {
    pub(super) raw: i64,
    pub(super) text: String,
}

impl Count {
    pub(super) fn of(n: Option<i64>) -> Option<Count> {
        n.map(|raw| Count { raw, text: thousands(raw) })
    }
}

/// One result as a page shows it.
pub(super) struct Shown {
    /// "85%" or "Too few to rate".
    pub(super) value: String,
    /// "81% to 88%" when the interval is published.
    pub(super) range: Option<String>,
    pub(super) numerator: Option<Count>,
    pub(super) denominator: Option<Count>,
    /// What the value is, after it ("risk-adjusted"); empty for an actual rate.
    pub(super) qualifier: String,
    /// The row is compared on its standardized rate, but suppression hid it: the value is
    /// the actual rate, and the category comes from the hidden standardized interval.
    pub(super) standardized_hidden: bool,
    /// Which comparison the category comes from, in plain words (rated rows only).
    pub(super) basis: Option<String>,
    /// True when the counts are hidden and the value rounded.
    pub(super) rounded: bool,
    pub(super) category: String,
    pub(super) category_class: &'static str,
    /// No published rate (denominator under 30, or no row).
    pub(super) too_few: bool,
}

impl Shown {
    /// No result, with no words: for a list that shows only which measures are missing.
    pub(super) fn none() -> Shown {
        Shown {
            value: String::new(),
            range: None,
            numerator: None,
            denominator: None,
            qualifier: String::new(),
            standardized_hidden: false,
            basis: None,
            rounded: false,
            category: String::new(),
            category_class: "cat-none",
            too_few: true,
        }
    }
}

/// The estimate a row is compared on: the standardized rate when one is published, else
/// the rate; with its interval when published. The flag says the value is the standardized
/// rate.
pub(super) fn estimate(r: &ResultRow) -> Option<(f64, Option<(f64, f64)>, bool)> {
    if let Some(rsr) = r.rsr {
        // Byar's interval of O/E, scaled by a rate, can pass 100% where rates are high; a
        // share cannot, so people read the range within 0% and 100% (the data keep it whole).
        let ci = r.rsr_low.zip(r.rsr_high).map(|(lo, hi)| (lo.max(0.0), hi.min(1.0)));
        return Some((rsr, ci, true));
    }
    r.rate.map(|rate| (rate, r.ci_low.zip(r.ci_high), false))
}

pub(super) fn shown(tr: &Tr, r: Option<&ResultRow>) -> Shown {
    let Some(r) = r else {
        return Shown {
            value: tr.t("no-result"),
            range: None,
            numerator: None,
            denominator: None,
            qualifier: String::new(),
            standardized_hidden: false,
            basis: None,
            rounded: false,
            category: tr.category(None),
            category_class: "cat-none",
            too_few: true,
        };
    };
    let est = estimate(r);
    let standardized = est.is_some_and(|e| e.2);
    // The statewide all-types row is the benchmark itself (its O/E is 1 by construction):
    // nothing to qualify.
    let benchmark = r.provider_id == STATE && r.cm_type == ALL && r.stratifier == ALL_STRATA;
    let rated = matches!(r.category.as_deref(), Some("better" | "no different" | "worse"));
    Shown {
        value: est.map(|e| percent(e.0)).unwrap_or_else(|| tr.t("too-few-to-rate")),
        range: est.and_then(|e| e.1).map(|(lo, hi)| tr.f("result-range", vec![("low", Arg::from(percent(lo))), ("high", Arg::from(percent(hi)))])),
        numerator: Count::of(r.numerator),
        denominator: Count::of(r.denominator),
        qualifier: if standardized && !benchmark { tr.qualifier(r.adjustment) } else { String::new() },
        standardized_hidden: r.adjustment.is_adjusted() && !standardized && est.is_some() && !benchmark,
        basis: rated.then(|| tr.basis(r.adjustment)),
        // The counts are hidden and the value published rounded (a row can be `suppressed`
        // for its standardized cells alone, with its counts shown).
        rounded: r.suppressed && r.numerator.is_none() && est.is_some(),
        category: tr.category(r.category.as_deref()),
        category_class: super::text::category_class(r.category.as_deref()),
        too_few: est.is_none(),
    }
}

/// A provider as the find and list pages and the choice sheets show it (and its own page,
/// at the top), in the page's language. Free text (name, culturally specific services) is
/// shown as the provider sent it.
pub(super) struct Card {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) kind: String,
    pub(super) counties: String,
    pub(super) county_codes: String,
    pub(super) types: String,
    pub(super) type_codes: String,
    pub(super) languages: String,
    pub(super) language_codes: String,
    /// The community a culturally specific provider serves; empty when none.
    pub(super) cultural: String,
    /// `lang` of `cultural` where it differs from the page's: "en" on a translated page, for
    /// the text as the provider sent it (providers write in English); else empty.
    pub(super) cultural_lang: &'static str,
    pub(super) accepting: String,
    pub(super) accepting_code: &'static str,
    pub(super) phone: String,
    /// The phone number with non-breaking hyphens, so it never wraps.
    pub(super) phone_text: String,
    /// The website when it is a web address.
    pub(super) website: String,
    pub(super) address: String,
    /// The results at a glance: all types together first, then one per type (the find page
    /// shows the one of the chosen type).
    pub(super) summaries: Vec<Summary>,
}

/// A provider's results at a glance for one scope (all types together, or one type).
pub(super) struct Summary {
    /// `all` or the type's slug (`amh-tcm`).
    pub(super) scope: String,
    /// "Results compared with the state, all types together:".
    pub(super) label: String,
    pub(super) better: usize,
    pub(super) same: usize,
    pub(super) worse: usize,
    pub(super) too_few: usize,
    /// The tally in words, one entry per category with a count above zero, each with its
    /// class: ("2 better", "cat-better").
    pub(super) tally: Vec<(String, &'static str)>,
    /// The survey line, when the survey rate is published.
    pub(super) survey: Option<String>,
    /// `measure:estimate` pairs for sorting in the browser (the published estimate the
    /// category comes from).
    pub(super) values: String,
    /// Shown without JavaScript (the all-types summary on the find page; the only one
    /// elsewhere).
    pub(super) shown: bool,
}

pub(super) fn card(tr: &Tr, p: &Profile) -> Card {
    Card {
        id: p.id.clone(),
        name: p.name.clone(),
        kind: tr.provider_kind(&p.kind),
        counties: p.counties.iter().map(|c| geography::county_name(c).unwrap_or(c).to_string()).collect::<Vec<_>>().join(", "),
        county_codes: p.counties.join(" "),
        types: p.cm_types.iter().map(|t| tr.cm_type(t)).collect::<Vec<_>>().join("; "),
        type_codes: p.cm_types.iter().map(|t| type_slug(t)).collect::<Vec<_>>().join(" "),
        languages: if p.languages.is_empty() { tr.language("eng") } else { p.languages.iter().map(|l| tr.language(l)).collect::<Vec<_>>().join(", ") },
        language_codes: if p.languages.is_empty() { "eng".into() } else { p.languages.join(" ") },
        cultural: if p.culturally_specific == crate::publish::facts::CULTURAL_YES { tr.t("cultural-yes") } else { p.culturally_specific.clone() },
        cultural_lang: if tr.is_english() || p.culturally_specific == crate::publish::facts::CULTURAL_YES { "" } else { "en" },
        accepting: tr.t(match p.accepting_new {
            Some(true) => "accepting-yes",
            Some(false) => "accepting-no",
            None => "accepting-unknown",
        }),
        accepting_code: match p.accepting_new {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        },
        phone: p.phone.clone(),
        phone_text: p.phone.replace('-', "\u{2011}"),
        website: if p.website.starts_with("https://") || p.website.starts_with("http://") { p.website.clone() } else { String::new() },
        address: [p.street.as_str(), p.city.as_str(), p.zip.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", "),
        summaries: Vec::new(),
    }
}

/// One option of a filter or list, with how many it holds.
#[derive(Clone)]
pub(super) struct Choice {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) count: usize,
}

/// One public download, as the downloads page lists it.
pub(super) struct DownloadFile {
    pub(super) href: String,
    pub(super) name: String,
    pub(super) format: String,
    pub(super) about: String,
}

/// One column of the results, as the data dictionary (page and CSV) describes it.
pub(super) struct DictionaryColumn {
    pub(super) name: &'static str,
    pub(super) kind: &'static str,
    pub(super) about: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::results::Adjustment;

    fn row(provider: &str, cm_type: &str, adjustment: Adjustment) -> ResultRow {
        ResultRow {
            period: "2026Q2".into(),
            measure_id: "m".into(),
            provider_id: provider.into(),
            cm_type: cm_type.into(),
            stratifier: ALL_STRATA.into(),
            stratum: ALL_STRATA.into(),
            denominator: Some(200),
            numerator: Some(150),
            rate: Some(0.75),
            ci_low: Some(0.69),
            ci_high: Some(0.80),
            adjustment,
            category: Some("no different".into()),
            ..ResultRow::default()
        }
    }

    #[test]
    fn a_result_says_which_comparison_applies() {
        let tr = crate::site::i18n::Catalogs::load().expect("catalogs").tr(0);
        let shown = |r: Option<&ResultRow>| shown(&tr, r);
        let mut risk = row("P1", ALL, Adjustment::Risk);
        (risk.rsr, risk.rsr_low, risk.rsr_high) = (Some(0.81), Some(0.7), Some(0.9));
        let s = shown(Some(&risk));
        assert_eq!((s.value.as_str(), s.range.as_deref()), ("81%", Some("70% and 90%")));
        assert!(!s.qualifier.is_empty() && !s.standardized_hidden && !s.rounded, "the standardized rate, said so");
        assert_eq!(s.qualifier, "risk-adjusted");
        assert!(s.basis.unwrap().starts_with("Risk-adjusted: compared after allowing for the health and needs"));

        // Type-standardized, with the standardized cells hidden (a small type behind it):
        // the actual rate, said so, and the rating still from the hidden interval.
        let mut ty = row("P1", ALL, Adjustment::Type);
        ty.suppressed = true;
        let s = shown(Some(&ty));
        assert_eq!((s.value.as_str(), s.range.as_deref()), ("75%", Some("69% and 80%")));
        assert!(s.qualifier.is_empty() && s.standardized_hidden && !s.rounded, "counts are shown: not rounded");
        assert_eq!(s.qualifier, "");
        assert!(s.basis.unwrap().starts_with("Compared with providers serving the same types of case management"));
        (ty.rsr, ty.rsr_low, ty.rsr_high) = (Some(0.72), Some(0.66), Some(0.78));
        ty.suppressed = false;
        let s = shown(Some(&ty));
        assert_eq!((s.value.as_str(), s.qualifier.as_str()), ("72%", "adjusted for types of case management"));

        let one = row("P1", "AMH-TCM", Adjustment::None);
        let s = shown(Some(&one));
        assert!(!s.standardized_hidden && s.qualifier.is_empty());
        assert_eq!(s.basis.as_deref(), Some("Compared with the state's result for this type of case management."));

        // Counts hidden: the rounded value, no interval.
        let mut small = row("P1", "AMH-TCM", Adjustment::None);
        (small.numerator, small.denominator, small.ci_low, small.ci_high, small.suppressed) = (None, None, None, None, true);
        assert!(shown(Some(&small)).rounded);

        // The statewide benchmark is not qualified, and statewide rows are not rated.
        let mut state = row(STATE, ALL, Adjustment::Type);
        (state.rsr, state.category) = (Some(0.75), None);
        let s = shown(Some(&state));
        assert!(s.qualifier.is_empty() && s.basis.is_none() && !s.standardized_hidden);
    }
}
