//! Names and words shared by the pages and the downloads: a submitter's name and kind, a
//! county's label, a type's URL slug, a counted noun. Separate from the pages so that the
//! downloads can name submitters without depending on the page builders.

use crate::geography;

pub(super) fn type_slug(code: &str) -> String {
    code.to_lowercase()
}

fn county_label(fips: &str) -> String {
    geography::county_name(fips).map(|n| format!("{n} County")).unwrap_or_else(|| fips.to_string())
}

/// A submitter's name: "Hennepin County", "Red Lake Nation", "UCare".
pub(super) fn submitter_name(id: &str) -> String {
    if let Some(f) = id.strip_prefix("county-") {
        return county_label(f);
    }
    if let Some(t) = geography::TRIBES.iter().find(|t| t.id == id) {
        return t.name.to_string();
    }
    if let Some(m) = geography::MCOS.iter().find(|m| m.id == id) {
        return m.name.to_string();
    }
    id.to_string()
}

pub(super) fn submitter_kind(id: &str) -> &'static str {
    if id.starts_with("county-") {
        "County"
    } else if id.starts_with("tribe-") {
        "Tribal nation"
    } else if id.starts_with("mco-") {
        "Health plan"
    } else {
        "Other"
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
