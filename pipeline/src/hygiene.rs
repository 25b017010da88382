//! Text hygiene at the edges where submitted text meets a person's tools.

use std::borrow::Cow;

/// A CSV cell made safe to open in a spreadsheet (OWASP, "CSV injection"): text starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and
/// Google Sheets as a formula (`=HYPERLINK(…)` can send data away), so such a cell gets a
/// leading `'`, which spreadsheets show as text and hide. Only for free-text columns: a
/// numeric column keeps its `-`.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Longest provider text shown on a page (name, address, phone, website); the mission
/// statement may be longer.
pub const MAX_DISPLAY: usize = 200;
pub const MAX_DISPLAY_LONG: usize = 1000;

/// Submitted free text as a page may show it: control characters (a raw NUL, escape
/// sequences, line breaks) become spaces and runs of spaces one, and text longer than `max`
/// characters is cut with "…". HTML escaping is the template's job; this keeps what is
/// escaped readable and bounded (a 50 MB field would otherwise be copied onto every page
/// that names the provider).
pub fn display_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut chars = 0;
    let mut last_space = true;
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        if chars == max {
            out.truncate(out.trim_end().len());
            out.push('…');
            return out;
        }
        last_space = c == ' ';
        out.push(c);
        chars += 1;
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_drops_controls_and_caps_length() {
        assert_eq!(display_text("Lakes\0 Community\r\n\x1b[31mServices ", 200), "Lakes Community [31mServices");
        assert_eq!(display_text("abcdef", 3), "abc…");
        assert_eq!(display_text("ab  cd", 3), "ab…");
        assert_eq!(display_text(&"x".repeat(50_000_000), MAX_DISPLAY).chars().count(), MAX_DISPLAY + 1);
        assert_eq!(display_text("Hmong Community Care Partners", MAX_DISPLAY), "Hmong Community Care Partners");
    }

    #[test]
    fn formulas_are_neutralised_and_text_is_not() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        for f in ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(spreadsheet_safe(f).starts_with('\''), "{f}");
        }
        assert_eq!(spreadsheet_safe("Hennepin County Human Services"), "Hennepin County Human Services");
        assert_eq!(spreadsheet_safe(""), "");
    }
}
