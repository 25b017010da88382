//! The compare page (every provider, any measure, chosen in the browser from a data file
//! written beside it) and a compare page for each county. Separate because these pages set
//! providers side by side, where the provider pages show one.

use std::collections::BTreeMap;

use askama::Template;
use serde::Serialize;

use super::{comparison_summary, county_choices, state_text, Ctx};
use crate::measures::results::ALL;
use crate::publish::facts::Profile;
use crate::site::i18n::Arg;
use crate::site::views::{escape, shown, Choice, Chrome, Shown};
use crate::site::{SiteError, Writer};

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    c: Chrome,
    providers: Vec<Choice>,
    counties: Vec<Choice>,
}

struct CompareRow {
    id: String,
    name: String,
    ours: Shown,
}

struct CompareSection {
    id: String,
    title: String,
    /// "Statewide: 85%. Providers are compared using … About this measure." (markup).
    statewide: String,
    caption: String,
    rows: Vec<CompareRow>,
}

#[derive(Template)]
#[template(path = "compare_county.html")]
struct CountyComparePage {
    c: Chrome,
    county: String,
    sections: Vec<CompareSection>,
}

#[derive(Serialize)]
struct CompareData<'a> {
    period: String,
    /// The words the script writes, in the page's language.
    words: BTreeMap<&'static str, String>,
    /// The way from the page to the measure pages (in English).
    site: String,
    measures: Vec<(&'a str, String)>,
    state: BTreeMap<&'a str, String>,
    providers: Vec<CompareProvider>,
}

#[derive(Serialize)]
struct CompareProvider {
    id: String,
    name: String,
    /// measure id → [value, range, category words, category class, what the value is
    /// ("risk-adjusted", or empty for an actual rate)]
    results: BTreeMap<String, [String; 5]>,
}

pub(super) fn compare_pages(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let tr = &ctx.tr;
    let providers: Vec<Choice> = ctx.profiles.iter().map(|p| Choice { code: p.id.clone(), name: p.name.clone(), count: 0 }).collect();
    let counties: Vec<Choice> = county_choices(ctx).into_iter().filter(|c| c.count > 0).collect();
    let chrome = ctx.chrome("compare.html", tr.t("compare-title"), "compare", true);

    // The data the compare page's script reads (a script file, so it loads from file:// too),
    // one per language beside the language's compare page.
    let data = CompareData {
        period: tr.f("compare-side-by-side", vec![("period", Arg::from(tr.period(&ctx.p)))]),
        words: [
            ("measure", "measure"),
            ("statewide", "statewide"),
            ("likely", "result-likely"),
            ("does_not_apply", "does-not-apply"),
        ]
        .into_iter()
        .map(|(k, id)| (k, if id == "result-likely" { tr.f(id, vec![("range", Arg::from("{range}"))]) } else { tr.t(id) }))
        .collect(),
        site: chrome.site.clone(),
        measures: ctx.defs.iter().map(|d| (d.id.as_str(), ctx.title(d))).collect(),
        state: ctx.defs.iter().map(|d| (d.id.as_str(), state_text(ctx, &ctx.p, &d.id, ALL))).collect(),
        providers: ctx
            .profiles
            .iter()
            .map(|p| CompareProvider {
                id: p.id.clone(),
                name: p.name.clone(),
                results: ctx
                    .measures_for(p)
                    .iter()
                    .map(|d| {
                        let s = shown(tr, ctx.idx.all(&ctx.p, &d.id, &p.id, ALL));
                        let what = if s.standardized_hidden { tr.t("result-hidden") } else { s.qualifier };
                        (d.id.clone(), [s.value, s.range.unwrap_or_default(), s.category, s.category_class.to_string(), what])
                    })
                    .collect(),
            })
            .collect(),
    };
    ctx.page(w, "compare.html", &ComparePage { c: chrome, providers, counties: counties.to_vec() })?;
    let js = format!("window.CASECARD_COMPARE = {};\n", serde_json::to_string(&data).expect("plain data"));
    w.file(&format!("{}assets/compare-data.js", ctx.prefix()), js.as_bytes())?;

    for c in &counties {
        let here: Vec<&&Profile> = ctx.profiles.iter().filter(|p| p.counties.contains(&c.code)).collect();
        let rel = format!("compare/county-{}.html", c.code);
        let chrome = ctx.chrome(&rel, tr.f("compare-county-title", vec![("county", Arg::from(&c.name))]), "compare", true);
        let sections = ctx
            .defs
            .iter()
            .filter_map(|d| {
                let rows: Vec<CompareRow> = here
                    .iter()
                    .filter(|p| d.cm_types.iter().any(|t| p.cm_types.contains(t)))
                    .map(|p| CompareRow { id: p.id.clone(), name: p.name.clone(), ours: shown(tr, ctx.idx.all(&ctx.p, &d.id, &p.id, ALL)) })
                    .collect();
                let title = ctx.title(d);
                (!rows.is_empty()).then(|| CompareSection {
                    id: d.id.clone(),
                    statewide: tr.f(
                        "compare-statewide-html",
                        vec![
                            ("state", Arg::from(escape(&state_text(ctx, &ctx.p, &d.id, ALL)))),
                            ("how", Arg::from(escape(&tr.f("compare-how", vec![("summary", Arg::from(comparison_summary(ctx, &ctx.p, d)))])))),
                            ("site", Arg::from(&chrome.site)),
                            ("id", Arg::from(&d.id)),
                        ],
                    ),
                    caption: tr.f("compare-caption", vec![("measure", Arg::from(&title)), ("county", Arg::from(&c.name))]),
                    title,
                    rows,
                })
            })
            .collect();
        ctx.page(w, &rel, &CountyComparePage { c: chrome, county: c.name.clone(), sections })?;
    }
    Ok(())
}
