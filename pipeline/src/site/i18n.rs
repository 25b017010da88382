//! The languages of the consumer pages: Fluent message catalogs under `site/i18n/`, one per
//! language, and [`Tr`], the handle a page builder and its template read their words from.
//!
//! English is the source. A message missing from another catalog is shown in English (and
//! counted, so the methodology page can say how complete each catalog is); a message
//! missing from English is a defect, and the render fails naming it. The catalogs are
//! compiled in, like the stylesheet, so the binary renders the same site wherever it runs.
//!
//! Why Fluent (`fluent-bundle`, Mozilla's Project Fluent): its messages are data a
//! translator edits without touching code, plurals follow each language's own rules, and a
//! whole sentence stays one message, so word order is the translator's to choose.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::Deserialize;

use super::SiteError;
use crate::measures::results::Adjustment;
use crate::period::Period;

/// The language list and the catalogs, as compiled in.
const LANGUAGES: &str = include_str!("../../../site/i18n/languages.toml");
const CATALOGS: &[(&str, &str)] = &[
    ("en", include_str!("../../../site/i18n/en.ftl")),
    ("es", include_str!("../../../site/i18n/es.ftl")),
    ("hmn", include_str!("../../../site/i18n/hmn.ftl")),
    ("so", include_str!("../../../site/i18n/so.ftl")),
];

/// The state's review status of a catalog (`languages.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Review {
    /// The English source text.
    Source,
    /// Made by machine; not yet checked by a qualified translator.
    MachineDraft,
    /// Checked by a qualified translator.
    Reviewed,
}

/// One language of the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 code, used in `lang` attributes and as the folder of the language's pages.
    pub code: String,
    /// The language's name in itself ("Español"), for the language switcher.
    pub name: String,
    pub english_name: String,
    pub review: Review,
    #[serde(default)]
    pub reviewer: String,
    /// When it was reviewed (ISO date).
    #[serde(default)]
    pub reviewed: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageList {
    language: Vec<Language>,
}

/// Every language with its catalog; index 0 is English.
pub struct Catalogs {
    pub languages: Vec<Language>,
    bundles: Vec<FluentBundle<FluentResource>>,
    /// The message ids of the English catalog.
    ids: BTreeSet<String>,
    /// (language index, message id) looked up and not found, English included.
    missing: RefCell<BTreeSet<(usize, String)>>,
}

impl Catalogs {
    /// Parses the compiled-in language list and catalogs.
    pub fn load() -> Result<Rc<Catalogs>, SiteError> {
        let bad = |what: String| SiteError::Catalog(what);
        let list: LanguageList = toml::from_str(LANGUAGES).map_err(|e| bad(format!("site/i18n/languages.toml: {e}")))?;
        if list.language.first().map(|l| l.code.as_str()) != Some("en") {
            return Err(bad("site/i18n/languages.toml: English must come first".into()));
        }
        let mut bundles = Vec::new();
        let mut ids = BTreeSet::new();
        for (i, lang) in list.language.iter().enumerate() {
            let text = CATALOGS
                .iter()
                .find(|(code, _)| *code == lang.code)
                .map(|(_, t)| *t)
                .ok_or_else(|| bad(format!("site/i18n/{}.ftl is not compiled in (site/i18n.rs CATALOGS)", lang.code)))?;
            let resource = FluentResource::try_new(text.to_string()).map_err(|(_, errs)| {
                bad(format!("site/i18n/{}.ftl: {}", lang.code, errs.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>().join("; ")))
            })?;
            if i == 0 {
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        ids.insert(m.id.name.to_string());
                    }
                }
            }
            let langid = lang.code.parse().map_err(|e| bad(format!("site/i18n/languages.toml: {}: {e}", lang.code)))?;
            let mut bundle = FluentBundle::new(vec![langid]);
            // Unicode isolation marks around arguments would end up inside attribute values
            // and page titles; every argument here is left-to-right text.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|errs| bad(format!("site/i18n/{}.ftl: {errs:?}", lang.code)))?;
            bundles.push(bundle);
        }
        Ok(Rc::new(Catalogs { languages: list.language, bundles, ids, missing: RefCell::default() }))
    }

    /// A handle for one language (by index into `languages`).
    pub fn tr(self: &Rc<Self>, lang: usize) -> Tr {
        Tr { cat: Rc::clone(self), lang }
    }

    /// How many of the English messages a language's catalog has.
    pub fn translated(&self, lang: usize) -> (usize, usize) {
        let have = self.ids.iter().filter(|id| self.bundles[lang].has_message(id)).count();
        (have, self.ids.len())
    }

    /// Message ids looked up and missing from English: the render must fail on these.
    pub fn missing_in_english(&self) -> Vec<String> {
        self.missing.borrow().iter().filter(|(l, _)| *l == 0).map(|(_, id)| id.clone()).collect()
    }

    fn format(&self, lang: usize, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = &self.bundles[lang];
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
        // A broken reference in a translation falls back to English, as a missing one does.
        errors.is_empty().then_some(text)
    }
}

/// An argument of a message: text, or a number (which also chooses the plural form).
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n as f64)
    }
}

/// The words of one language. Cheap to clone; every page's frame carries one.
#[derive(Clone)]
pub struct Tr {
    cat: Rc<Catalogs>,
    lang: usize,
}

impl Tr {
    /// The language's code (`lang` attribute; folder of its pages).
    pub fn code(&self) -> &str {
        &self.cat.languages[self.lang].code
    }

    pub fn is_english(&self) -> bool {
        self.lang == 0
    }

    /// A message without arguments, as plain text (the template escapes it).
    pub fn t(&self, id: &str) -> String {
        self.message(id, None)
    }

    /// A message with arguments. Text arguments are used as they are: a message that is
    /// markup (`tr.html`) gets its arguments escaped there.
    pub fn f(&self, id: &str, args: Vec<(&str, Arg)>) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Text(s) => fa.set(k.to_string(), FluentValue::from(s)),
                Arg::Number(n) => fa.set(k.to_string(), FluentValue::from(n)),
            }
        }
        self.message(id, Some(&fa))
    }

    /// A counted message: `$count` chooses the plural form and `$n` is the count written
    /// with thousands separators.
    pub fn count(&self, id: &str, n: usize) -> String {
        self.f(id, vec![("count", Arg::from(n)), ("n", Arg::from(super::text::thousands(n as i64)))])
    }

    /// A message that is markup (it holds a link or emphasis). `root` is given to it as
    /// `$root`, the way back to the site root, so its links work from any folder.
    pub fn html(&self, id: &str, root: &str) -> String {
        self.f(id, vec![("root", Arg::from(root))])
    }

    fn message(&self, id: &str, args: Option<&FluentArgs>) -> String {
        if let Some(s) = self.cat.format(self.lang, id, args) {
            return s;
        }
        self.cat.missing.borrow_mut().insert((self.lang, id.to_string()));
        if self.lang != 0 {
            if let Some(s) = self.cat.format(0, id, args) {
                return s;
            }
            self.cat.missing.borrow_mut().insert((0, id.to_string()));
        }
        id.to_string()
    }
}

/// Per language, the catalog's review status and how complete it is, for the methodology
/// page.
pub fn review_table(cat: &Catalogs) -> Vec<(Language, usize, usize)> {
    cat.languages.iter().enumerate().map(|(i, l)| {
        let (have, all) = cat.translated(i);
        (l.clone(), have, all)
    }).collect()
}


/// Words for codes and formats that differ by language. The English catalog says the same
/// as `site::text` and `schema` (a test holds them together), which the English-only pages
/// and the downloads use.
impl Tr {
    /// The words for a code of a family of messages (`cm-type-EW`), when English has them.
    fn coded(&self, family: &str, code: &str) -> Option<String> {
        let id = format!("{family}-{code}");
        self.cat.ids.contains(&id).then(|| self.t(&id))
    }

    /// A type of case management in words.
    pub fn cm_type(&self, code: &str) -> String {
        self.coded("cm-type", code).unwrap_or_else(|| code.to_string())
    }

    /// A language's name (ISO 639-3 code); an unlisted code is named as "another language".
    pub fn language(&self, code: &str) -> String {
        let code = if code == "bur" { "mya" } else { code };
        self.coded("language", code).unwrap_or_else(|| self.f("language-other", vec![("code", Arg::from(code))]))
    }

    /// The kind of provider in words.
    pub fn provider_kind(&self, code: &str) -> String {
        self.coded("kind", code).unwrap_or_else(|| code.to_string())
    }

    /// The comparison category in words (never shown by color alone).
    pub fn category(&self, code: Option<&str>) -> String {
        self.t(match code {
            Some("better") => "category-better",
            Some("worse") => "category-worse",
            Some("no different") => "category-no-different",
            Some("too few") => "category-too-few",
            _ => "category-none",
        })
    }

    /// Which comparison a rated row's category comes from.
    pub fn basis(&self, a: Adjustment) -> String {
        self.t(match a {
            Adjustment::Risk => "basis-risk",
            Adjustment::Type => "basis-type",
            Adjustment::None => "basis-none",
        })
    }

    /// What a standardized value is, shown in brackets after it (empty for an actual rate).
    pub fn qualifier(&self, a: Adjustment) -> String {
        match a {
            Adjustment::Risk => self.t("qualifier-risk"),
            Adjustment::Type => self.t("qualifier-type"),
            Adjustment::None => String::new(),
        }
    }

    /// How a measure's providers are compared ("risk-adjusted results").
    pub fn adjustment_summary(&self, a: Adjustment) -> String {
        self.t(match a {
            Adjustment::Risk => "summary-risk",
            Adjustment::Type | Adjustment::None => "summary-type",
        })
    }

    /// A survey item's question.
    pub fn survey_item(&self, item: &str) -> String {
        self.coded("survey", item).unwrap_or_else(|| item.to_string())
    }

    /// "2026 Q2".
    pub fn period(&self, p: &str) -> String {
        match p.parse::<Period>() {
            Ok(q) => self.f("period-label", vec![("year", Arg::from(q.year.to_string())), ("quarter", Arg::from(q.quarter.to_string()))]),
            Err(_) => p.to_string(),
        }
    }

    /// "July 2025 to June 2026": the 12 months a period's results cover.
    pub fn window(&self, p: Period) -> String {
        let w = crate::measures::window::Window::of(p, 0);
        let month = |d: chrono::NaiveDate| {
            use chrono::Datelike;
            self.f("month-year", vec![("month", Arg::Number(d.month() as f64)), ("year", Arg::from(d.year().to_string()))])
        };
        self.f("window-words", vec![("start", Arg::from(month(w.start))), ("end", Arg::from(month(w.end)))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::text;

    /// Every message id of each catalog that English lacks (a stale or misspelled id).
    fn unknown_ids(cat: &Catalogs) -> std::collections::BTreeMap<String, Vec<String>> {
        let mut out = std::collections::BTreeMap::new();
        for (i, text) in CATALOGS.iter().enumerate().skip(1) {
            let Ok(res) = FluentResource::try_new(text.1.to_string()) else { continue };
            let extra: Vec<String> = res
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) if !cat.ids.contains(m.id.name) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            if !extra.is_empty() {
                out.insert(CATALOGS[i].0.to_string(), extra);
            }
        }
        out
    }

    #[test]
    fn catalogs_load_and_hold_no_message_english_lacks() {
        let cat = Catalogs::load().expect("catalogs");
        assert_eq!(cat.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>(), ["en", "es", "hmn", "so"]);
        assert!(unknown_ids(&cat).is_empty(), "stale or misspelled ids: {:?}", unknown_ids(&cat));
        let (have, all) = cat.translated(0);
        assert!(have == all && all > 200, "English has {have} of {all}");
        for (i, l) in cat.languages.iter().enumerate().skip(1) {
            assert_eq!(l.review, Review::MachineDraft, "{}: review status", l.code);
            let (have, all) = cat.translated(i);
            assert_eq!(have, all, "{}: {have} of {all} messages", l.code);
        }
    }

    /// The English catalog says what `site::text` and `schema` say, so the translated pages,
    /// the English-only pages and the downloads name things alike.
    #[test]
    fn english_words_agree_with_the_code_lists() {
        let cat = Catalogs::load().unwrap();
        let en = cat.tr(0);
        for t in crate::schema::CM_TYPES.iter().chain(["ALL"].iter()) {
            assert_eq!(en.cm_type(t), text::cm_type_name(t), "{t}");
        }
        for code in ["eng", "spa", "hmn", "som", "kar", "orm", "amh", "oji", "dak", "vie", "lao", "khm", "ase", "rus", "ara", "fra", "zho", "cmn", "yue", "tir", "swa", "nep", "bur", "mya", "ukr", "por"] {
            assert_eq!(en.language(code), text::language_name(code), "{code}");
        }
        for kind in ["county", "tribal", "private", "mco"] {
            assert_eq!(en.provider_kind(kind), text::provider_kind_name(kind));
        }
        for c in [Some("better"), Some("worse"), Some("no different"), Some("too few"), None] {
            assert_eq!(en.category(c), text::category_words(c));
        }
        for a in [Adjustment::Risk, Adjustment::Type, Adjustment::None] {
            assert_eq!(en.basis(a), text::adjustment_basis(a));
            assert_eq!(en.qualifier(a), text::adjustment_qualifier(a));
            assert_eq!(en.adjustment_summary(a), text::adjustment_summary(a));
        }
        for (item, _) in crate::publish::facts::SURVEY_ITEMS {
            assert_eq!(en.survey_item(item), text::survey_item_text(item));
        }
        let p: Period = "2026Q2".parse().unwrap();
        assert_eq!(en.period("2026Q2"), text::period_label("2026Q2"));
        assert_eq!(en.window(p), text::window_words(p));
    }

    #[test]
    fn words_follow_the_language_and_fall_back_to_english() {
        let cat = Catalogs::load().unwrap();
        let (en, es, hmn, so) = (cat.tr(0), cat.tr(1), cat.tr(2), cat.tr(3));
        // Plurals choose by the language's rules, with the count as people write it.
        assert_eq!(en.count("find-matches", 1), "1 provider matches.");
        assert_eq!(en.count("find-matches", 1234), "1,234 providers match.");
        assert_ne!(es.count("find-matches", 1), es.count("find-matches", 2));
        // Hmong has no plural rules in CLDR: the catalog's default form, no error.
        assert!(hmn.count("find-matches", 2).contains('2'));
        assert!(so.window("2026Q2".parse().unwrap()).contains("2025"));
        // An unlisted language code is named, not dropped.
        assert_eq!(en.language("kor"), "Another language (kor)");
        // A message no catalog has is reported for English (the render fails on it) and
        // shown as its id; a message missing from one translation is shown in English.
        assert_eq!(es.t("no-such-message"), "no-such-message");
        assert_eq!(cat.missing_in_english(), vec!["no-such-message".to_string()]);
        // No Unicode isolation marks around arguments.
        assert!(!en.f("page-title", vec![("title", Arg::from("X"))]).contains('\u{2068}'));
    }
}
