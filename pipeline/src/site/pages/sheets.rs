//! Choice sheets: one printable page per Minnesota county, for a county intake worker to
//! hand to a person choosing case management. Every provider serving the county, grouped by
//! type of case management, with how to reach them, their languages, culturally specific
//! services, whether they take new people, and their results at a glance for that type.
//! Each type group starts on a new sheet of paper, so a person can be given just their
//! type's pages.

use askama::Template;

use super::summary::{summarized_card, Scopes};
use super::Ctx;
use crate::geography;
use crate::site::i18n::Arg;
use crate::site::views::{Card, Chrome};
use crate::site::{SiteError, Writer};

struct SheetGroup {
    /// The type's slug, for the group's id.
    slug: String,
    heading: String,
    count: String,
    cards: Vec<Card>,
}

#[derive(Template)]
#[template(path = "sheet.html")]
struct SheetPage {
    c: Chrome,
    heading: String,
    lead: String,
    groups: Vec<SheetGroup>,
    /// Types no provider serving the county offers, in words.
    missing: Vec<String>,
    county: String,
    printed: String,
}

struct SheetLink {
    slug: String,
    name: String,
}

#[derive(Template)]
#[template(path = "sheets.html")]
struct SheetsPage {
    c: Chrome,
    counties: Vec<SheetLink>,
}

pub(super) fn sheet_pages(ctx: &Ctx, w: &mut Writer) -> Result<(), SiteError> {
    let tr = &ctx.tr;
    let mut links = Vec::new();
    for county in geography::COUNTIES {
        let slug = geography::county_slug(county.fips).expect("a listed county");
        let name = tr.f("county-name", vec![("name", Arg::from(county.name))]);
        let here: Vec<_> = ctx.profiles.iter().filter(|p| p.counties.iter().any(|c| c == county.fips)).collect();
        let mut groups = Vec::new();
        let mut missing = Vec::new();
        for t in crate::schema::CM_TYPES {
            let cards: Vec<Card> = here.iter().filter(|p| p.cm_types.iter().any(|x| x == t)).map(|p| summarized_card(ctx, p, Scopes::One(t))).collect();
            if cards.is_empty() {
                missing.push(tr.cm_type(t));
                continue;
            }
            groups.push(SheetGroup {
                slug: crate::site::names::type_slug(t),
                heading: tr.f("sheet-group-heading", vec![("type", Arg::from(tr.cm_type(t))), ("county", Arg::from(&name))]),
                count: tr.count("sheet-group-count", cards.len()),
                cards,
            });
        }
        let rel = format!("sheets/{slug}.html");
        let title = tr.f("sheet-title", vec![("county", Arg::from(&name))]);
        let chrome = ctx.chrome(&rel, title.clone(), "find", false);
        let lead = tr.f("sheet-lead", vec![("county", Arg::from(&name)), ("period", Arg::from(&chrome.period)), ("window", Arg::from(&chrome.window))]);
        let printed = tr.f("sheet-printed", vec![("period", Arg::from(&chrome.period))]);
        ctx.page(w, &rel, &SheetPage { c: chrome, heading: title, lead, groups, missing, county: name.clone(), printed })?;
        links.push(SheetLink { slug, name });
    }
    ctx.page(w, "sheets/index.html", &SheetsPage { c: ctx.chrome("sheets/index.html", tr.t("sheets-title"), "find", false), counties: links })
}
