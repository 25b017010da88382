//! The home page and the ways in to the providers: the find page with its filters and sort,
//! and a list page for each county and each type of case management. Each provider card
//! carries its results at a glance ([`super::summary`]).

use std::collections::BTreeMap;

use askama::Template;

use super::summary::{summarized_card, Scopes};
use super::{county_choices, Ctx};
use crate::geography;
use crate::site::i18n::Arg;
use crate::site::names::type_slug;
use crate::site::views::{Card, Choice, Chrome};
use crate::site::{SiteError, Writer};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    providers: usize,
    types: Vec<Choice>,
}

/// A measure people can sort the find page by.
struct SortChoice {
    id: String,
    title: String,
    /// "higher" or "lower": which way is better.
    direction: &'static str,
}

#[derive(Template)]
#[template(path = "find.html")]
struct FindPage {
    c: Chrome,
    cards: Vec<Card>,
    counties: Vec<Choice>,
    types: Vec<Choice>,
    languages: Vec<Choice>,
    sorts: Vec<SortChoice>,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    c: Chrome,
    heading: String,
    intro: String,
    /// The county's choice sheet (county lists only).
    sheet: Option<String>,
    cards: Vec<Card>,
}

pub(super) fn home_page(ctx: &Ctx, w: &mut Writer, types: &[Choice]) -> Result<(), SiteError> {
    ctx.page(w, "index.html", &HomePage { c: ctx.chrome("index.html", ctx.tr.t("home-title"), "home", false), providers: ctx.profiles.len(), types: types.to_vec() })
}

pub(super) fn type_choices(ctx: &Ctx) -> Vec<Choice> {
    crate::schema::CM_TYPES
        .iter()
        .map(|t| Choice { code: type_slug(t), name: ctx.tr.cm_type(t), count: ctx.profiles.iter().filter(|p| p.cm_types.iter().any(|x| x == t)).count() })
        .filter(|c| c.count > 0)
        .collect()
}

pub(super) fn find_pages(ctx: &Ctx, w: &mut Writer, types: &[Choice]) -> Result<(), SiteError> {
    let tr = &ctx.tr;
    let counties = county_choices(ctx);
    let mut langs: BTreeMap<String, usize> = BTreeMap::new();
    for p in &ctx.profiles {
        for l in &p.languages {
            *langs.entry(l.clone()).or_default() += 1;
        }
    }
    let mut languages: Vec<Choice> = langs.into_iter().map(|(code, count)| Choice { name: tr.language(&code), code, count }).collect();
    languages.sort_by(|a, b| a.name.cmp(&b.name));
    let sorts = ctx
        .defs
        .iter()
        .map(|d| SortChoice { id: d.id.clone(), title: ctx.title(d), direction: if d.direction == crate::stats::compare::Direction::Higher { "higher" } else { "lower" } })
        .collect();
    ctx.page(
        w,
        "find.html",
        &FindPage {
            c: ctx.chrome("find.html", tr.t("find-title"), "find", true),
            cards: ctx.profiles.iter().map(|p| summarized_card(ctx, p, Scopes::Every)).collect(),
            counties: counties.to_vec(),
            types: types.to_vec(),
            languages,
            sorts,
        },
    )?;
    for c in counties.iter() {
        let cards: Vec<Card> = ctx.profiles.iter().filter(|p| p.counties.contains(&c.code)).map(|p| summarized_card(ctx, p, Scopes::One(crate::measures::results::ALL))).collect();
        let rel = format!("find/county-{}.html", c.code);
        let county = Arg::from(&c.name);
        let chrome = ctx.chrome(&rel, tr.f("list-county-title", vec![("county", Arg::from(&c.name))]), "find", true);
        let sheet = geography::county_slug(&c.code).map(|slug| {
            tr.f("list-county-sheet-html", vec![("root", Arg::from(&chrome.root)), ("slug", Arg::from(slug)), ("county", Arg::from(crate::site::views::escape(&c.name)))])
        });
        ctx.page(
            w,
            &rel,
            &ListPage {
                heading: tr.f("list-county-heading", vec![("county", county)]),
                intro: tr.f("list-county-intro", vec![("count", Arg::from(cards.len())), ("n", Arg::from(cards.len().to_string())), ("county", Arg::from(&c.name))]),
                c: chrome,
                sheet,
                cards,
            },
        )?;
    }
    for t in types {
        let code = t.code.to_uppercase();
        let cards: Vec<Card> = ctx.profiles.iter().filter(|p| p.cm_types.contains(&code)).map(|p| summarized_card(ctx, p, Scopes::One(&code))).collect();
        let rel = format!("find/type-{}.html", t.code);
        ctx.page(
            w,
            &rel,
            &ListPage {
                c: ctx.chrome(&rel, tr.f("list-type-title", vec![("type", Arg::from(&t.name))]), "find", true),
                heading: tr.f("list-type-title", vec![("type", Arg::from(&t.name))]),
                intro: tr.count("list-type-intro", cards.len()),
                sheet: None,
                cards,
            },
        )?;
    }
    Ok(())
}
