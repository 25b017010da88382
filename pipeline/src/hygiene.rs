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

#[cfg(test)]
mod tests {
    use super::*;

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
