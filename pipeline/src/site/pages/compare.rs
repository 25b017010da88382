//! The compare page (every provider, any measure, chosen in the browser from a data file
//! written beside it) and a compare page for each county. Separate because these pages set
//! providers side by side, where the provider pages show one.

use std::collections::BTreeMap;

use askama::Template;
use serde::Serialize;

use super::{comparison_summary, county_choices, state_text, Ctx};
use crate::measures::results::ALL;
use crate::publish::facts::Profile;
use crate::site::text;
use crate::site::views::{shown, Choice, Chrome, Shown};
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
    state: String,
    /// How the providers' results are compared this quarter, in words.
    how: String,
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
    measures: Vec<(&'a str, &'a str)>,
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
    let providers: Vec<Choice> = ctx.profiles.iter().map(|p| Choice { code: p.id.clone(), name: p.name.clone(), count: 0 }).collect();
    let counties: Vec<Choice> = county_choices(ctx).into_iter().filter(|c| c.count > 0).collect();
    w.page("compare.html", &ComparePage { c: ctx.chrome(0, "Compare providers", "compare", true), providers, counties: counties.to_vec() })?;

    // The data the compare page's script reads (a script file, so it loads from file:// too).
    let data = CompareData {
        period: text::period_label(&ctx.p),
        measures: ctx.defs.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect(),
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
                        let s = shown(ctx.idx.all(&ctx.p, &d.id, &p.id, ALL));
                        let what = if s.standardized_hidden { "actual result; the adjusted result is not shown, to protect privacy" } else { s.qualifier };
                        (d.id.clone(), [s.value, s.range.unwrap_or_default(), s.category.to_string(), s.category_class.to_string(), what.to_string()])
                    })
                    .collect(),
            })
            .collect(),
    };
    let js = format!("window.CASECARD_COMPARE = {};\n", serde_json::to_string(&data).expect("plain data"));
    w.file("assets/compare-data.js", js.as_bytes())?;

    for c in &counties {
        let here: Vec<&&Profile> = ctx.profiles.iter().filter(|p| p.counties.contains(&c.code)).collect();
        let sections = ctx
            .defs
            .iter()
            .filter_map(|d| {
                let rows: Vec<CompareRow> = here
                    .iter()
                    .filter(|p| d.cm_types.iter().any(|t| p.cm_types.contains(t)))
                    .map(|p| CompareRow { id: p.id.clone(), name: p.name.clone(), ours: shown(ctx.idx.all(&ctx.p, &d.id, &p.id, ALL)) })
                    .collect();
                (!rows.is_empty()).then(|| CompareSection {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    state: state_text(ctx, &ctx.p, &d.id, ALL),
                    how: format!("Providers are compared using {}.", comparison_summary(ctx, &ctx.p, d)),
                    rows,
                })
            })
            .collect();
        w.page(
            &format!("compare/county-{}.html", c.code),
            &CountyComparePage { c: ctx.chrome(1, format!("Compare providers in {}", c.name), "compare", true), county: c.name.clone(), sections },
        )?;
    }
    Ok(())
}
