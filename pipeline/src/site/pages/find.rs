//! The home page and the ways in to the providers: the find page with its filters, and a
//! list page for each county and each type of case management. Separate because these pages
//! show provider cards only, no results.

use std::collections::BTreeMap;

use askama::Template;

use super::{county_choices, Ctx};
use crate::site::names::{plural, type_slug};
use crate::site::text;
use crate::site::views::{card, Card, Choice, Chrome};
use crate::site::{SiteError, Writer};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    providers: usize,
    types: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "find.html")]
struct FindPage {
    c: Chrome,
    cards: Vec<Card>,
    counties: Vec<Choice>,
    types: Vec<Choice>,
    languages: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    c: Chrome,
    heading: String,
    intro: String,
    cards: Vec<Card>,
}

pub(super) fn home_page(ctx: &Ctx, w: &mut Writer, types: &[Choice]) -> Result<(), SiteError> {
    w.page("index.html", &HomePage { c: ctx.chrome(0, "Choosing case management in Minnesota", "home", false), providers: ctx.profiles.len(), types: types.to_vec() })
}

pub(super) fn type_choices(ctx: &Ctx) -> Vec<Choice> {
    crate::schema::CM_TYPES
        .iter()
        .map(|t| Choice {
            code: type_slug(t),
            name: text::cm_type_name(t).to_string(),
            count: ctx.profiles.iter().filter(|p| p.cm_types.iter().any(|x| x == t)).count(),
        })
        .filter(|c| c.count > 0)
        .collect()
}

pub(super) fn find_pages(ctx: &Ctx, w: &mut Writer, types: &[Choice]) -> Result<(), SiteError> {
    let counties = county_choices(ctx);
    let mut langs: BTreeMap<String, usize> = BTreeMap::new();
    for p in &ctx.profiles {
        for l in &p.languages {
            *langs.entry(l.clone()).or_default() += 1;
        }
    }
    let mut languages: Vec<Choice> = langs.into_iter().map(|(code, count)| Choice { name: text::language_name(&code), code, count }).collect();
    languages.sort_by(|a, b| a.name.cmp(&b.name));
    w.page(
        "find.html",
        &FindPage {
            c: ctx.chrome(0, "Find a case management provider", "find", false),
            cards: ctx.profiles.iter().map(|p| card(p)).collect(),
            counties: counties.to_vec(),
            types: types.to_vec(),
            languages,
        },
    )?;
    for c in counties.iter() {
        let cards: Vec<Card> = ctx.profiles.iter().filter(|p| p.counties.contains(&c.code)).map(|p| card(p)).collect();
        w.page(
            &format!("find/county-{}.html", c.code),
            &ListPage {
                c: ctx.chrome(1, format!("Providers serving {}", c.name), "find", false),
                heading: format!("Case management providers serving {}", c.name),
                intro: format!("{} serve people who live in {}.", plural(cards.len(), "provider", "providers"), c.name),
                cards,
            },
        )?;
    }
    for t in types {
        let code = t.code.to_uppercase();
        let cards: Vec<Card> = ctx.profiles.iter().filter(|p| p.cm_types.contains(&code)).map(|p| card(p)).collect();
        w.page(
            &format!("find/type-{}.html", t.code),
            &ListPage {
                c: ctx.chrome(1, format!("Providers of {}", t.name), "find", false),
                heading: format!("Providers of {}", t.name.to_lowercase()),
                intro: format!("{} offer this type of case management.", plural(cards.len(), "provider", "providers")),
                cards,
            },
        )?;
    }
    Ok(())
}
