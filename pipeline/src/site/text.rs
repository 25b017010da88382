//! Plain-language words for codes, and number formats, so every page says the same thing
//! the same way.

use crate::measures::results::Adjustment;
use crate::period::Period;

pub use crate::schema::cm_type_name;

/// The kind of provider, in words.
pub fn provider_kind_name(code: &str) -> &str {
    match code {
        "county" => "County human services",
        "tribal" => "Tribal nation",
        "private" => "Private agency",
        "mco" => "Health plan",
        other => other,
    }
}

/// An ISO 639-3 language's English name (the codes submitters use most; others named as
/// another language, with the code as sent).
pub fn language_name(code: &str) -> String {
    let name = match code {
        "eng" => "English",
        "spa" => "Spanish",
        "hmn" => "Hmong",
        "som" => "Somali",
        "kar" => "Karen",
        "orm" => "Oromo",
        "amh" => "Amharic",
        "oji" => "Ojibwe",
        "dak" => "Dakota",
        "vie" => "Vietnamese",
        "lao" => "Lao",
        "khm" => "Khmer",
        "ase" => "American Sign Language",
        "rus" => "Russian",
        "ara" => "Arabic",
        "fra" => "French",
        "zho" => "Chinese",
        "cmn" => "Mandarin Chinese",
        "yue" => "Cantonese",
        "tir" => "Tigrinya",
        "swa" => "Swahili",
        "nep" => "Nepali",
        "bur" | "mya" => "Burmese",
        "ukr" => "Ukrainian",
        "por" => "Portuguese",
        _ => return format!("Another language ({code})"),
    };
    name.to_string()
}

/// The comparison category in words (never shown by color alone).
pub fn category_words(code: Option<&str>) -> &'static str {
    match code {
        Some("better") => "Better than the state",
        Some("worse") => "Worse than the state",
        Some("no different") => "About the same as the state",
        Some("too few") => "Too few to rate",
        _ => "Not rated",
    }
}

/// Which comparison a rated row's category comes from (measures.md v2 `adjustment`), in
/// words for a person choosing a provider.
pub fn adjustment_basis(a: Adjustment) -> &'static str {
    match a {
        Adjustment::Risk => "Risk-adjusted: compared after allowing for the health and needs of the people each provider serves.",
        Adjustment::Type => "Compared with providers serving the same types of case management: the result allows for this provider's mix of types.",
        Adjustment::None => "Compared with the state's result for this type of case management.",
    }
}

/// What a standardized value is, shown in brackets after it.
pub fn adjustment_qualifier(a: Adjustment) -> &'static str {
    match a {
        Adjustment::Risk => "risk-adjusted",
        Adjustment::Type => "adjusted for types of case management",
        Adjustment::None => "",
    }
}

/// How a measure's providers are compared in a period, for the measure, compare and review
/// pages (from the rows' `adjustment`: risk when the model was fitted, else type).
pub fn adjustment_summary(a: Adjustment) -> &'static str {
    match a {
        Adjustment::Risk => "risk-adjusted results",
        Adjustment::Type | Adjustment::None => "results adjusted for each provider's mix of types of case management",
    }
}

/// A risk-model covariate's name in words.
pub fn covariate_name(code: &str) -> String {
    let s = match code {
        "intercept" => "Intercept (the baseline log-odds)",
        "age_band" => "Age",
        "sex" => "Sex",
        "dual_eligible" => "Medicare and Medicaid together (dual eligible)",
        "homeless" => "Homeless",
        "smi" => "Serious mental illness",
        "sud" => "Substance use disorder",
        "dd" => "Developmental disability",
        "bi" => "Brain injury",
        "physical_disability" => "Physical disability",
        "chronic_condition_count" => "Number of chronic conditions (0 to 5)",
        "prior_year_inpatient" => "Hospital stays in the year before",
        "prior_year_ed" => "Emergency room visits in the year before",
        "cm_type" => "Type of case management",
        "respondent" => "Who answered the survey",
        "non_english" => "Survey answered in a language other than English",
        other => return other.replace('_', " "),
    };
    s.to_string()
}

/// A covariate's level in words.
pub fn level_words(covariate: &str, level: &str) -> String {
    match (covariate, level) {
        (_, "" | "unknown") => "not recorded".into(),
        ("sex", "U") => "recorded as unknown (U)".into(),
        ("age_band" | "sex", l) => stratum_name(covariate, l),
        ("cm_type", l) => cm_type_name(l).to_string(),
        (_, "Y" | "y" | "true" | "1") if !matches!(covariate, "prior_year_inpatient" | "prior_year_ed") => "yes".into(),
        (_, "N" | "n" | "false" | "0") if !matches!(covariate, "prior_year_inpatient" | "prior_year_ed") => "no".into(),
        (_, l) => l.to_string(),
    }
}

/// A model term (`intercept`, `covariate=level`, or a numeric covariate) in words.
pub fn term_words(term: &str) -> String {
    match term.split_once('=') {
        Some((c, l)) => format!("{}: {}", covariate_name(c), level_words(c, l)),
        None => covariate_name(term),
    }
}

/// A number with `places` decimals and a true minus sign; "not estimable" when not finite.
pub fn signed(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return "not estimable".into();
    }
    let s = format!("{:.*}", places, x);
    match s.strip_prefix('-') {
        // "-0.000" is zero.
        Some(rest) if rest.chars().any(|c| c.is_ascii_digit() && c != '0') => format!("\u{2212}{rest}"),
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// The text with its first letter capitalized.
pub fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A short class name for styling a category (the words carry the meaning).
pub fn category_class(code: Option<&str>) -> &'static str {
    match code {
        Some("better") => "cat-better",
        Some("worse") => "cat-worse",
        Some("no different") => "cat-same",
        _ => "cat-none",
    }
}

pub fn stratifier_name(code: &str) -> &str {
    match code {
        "race_ethnicity" => "Race and ethnicity",
        "language" => "Preferred language",
        "interpreter" => "Needs an interpreter",
        "age_band" => "Age",
        "sex" => "Sex",
        "region" => "Where the person lives",
        "tribal" => "Tribal affiliation",
        "all" => "Everyone",
        other => other,
    }
}

pub fn stratum_name(stratifier: &str, code: &str) -> String {
    let s = match (stratifier, code) {
        ("race_ethnicity", "hispanic") => "Hispanic or Latino (any race)",
        ("race_ethnicity", "aian") => "American Indian or Alaska Native",
        ("race_ethnicity", "asian") => "Asian",
        ("race_ethnicity", "black") => "Black or African American",
        ("race_ethnicity", "mena") => "Middle Eastern or North African",
        ("race_ethnicity", "nhpi") => "Native Hawaiian or Pacific Islander",
        ("race_ethnicity", "white") => "White",
        ("race_ethnicity", "multiracial") => "Two or more races",
        ("language", "eng") => "English",
        ("language", "spa") => "Spanish",
        ("language", "hmn") => "Hmong",
        ("language", "som") => "Somali",
        ("language", "other") => "Another language",
        ("interpreter", "yes") => "Yes",
        ("interpreter", "no") => "No",
        ("age_band", "0-17") => "0 to 17",
        ("age_band", "18-44") => "18 to 44",
        ("age_band", "45-64") => "45 to 64",
        ("age_band", "65-74") => "65 to 74",
        ("age_band", "75+") => "75 and older",
        ("sex", "F") => "Female",
        ("sex", "M") => "Male",
        ("sex", "X") => "X (nonbinary or another sex)",
        ("sex", "U") => "Not recorded",
        ("region", "metro") => "Twin Cities seven-county metro",
        ("region", "greater") => "Greater Minnesota",
        ("tribal", "tribal") => "Tribal affiliation recorded",
        ("tribal", "none") => "No tribal affiliation recorded",
        (_, "unknown") => "Not recorded",
        (_, "all") => "Everyone",
        (_, other) => other,
    };
    s.to_string()
}

/// The survey item's question, as the person was asked it.
pub fn survey_item_text(item: &str) -> &str {
    match item {
        "helped" => "My case manager helped me get the services I need",
        "listened" => "My case manager listened to me",
        "respect" => "My case manager treated me with respect",
        "reachable" => "I could reach my case manager when I needed to",
        "informed_choice" => "I was told I can choose my case management provider",
        "goals_progress" => "I am making progress on my goals",
        other => other,
    }
}

/// A rate as a whole percent ("85%"); rates under 10% keep one decimal ("5.3%", "7.0%") so
/// small rates (nursing-facility admissions) stay distinguishable.
pub fn percent(rate: f64) -> String {
    let p = rate * 100.0;
    if p != 0.0 && p.abs() < 9.95 {
        format!("{p:.1}%")
    } else {
        format!("{:.0}%", p)
    }
}

/// A difference in percentage points with its sign ("+4 points", "−12 points").
pub fn points(diff: f64) -> String {
    let p = (diff * 100.0).round();
    if p == 0.0 {
        "0 points".to_string()
    } else {
        let unit = if p.abs() == 1.0 { "point" } else { "points" };
        let sign = if p > 0.0 { "+" } else { "\u{2212}" };
        format!("{sign}{:.0} {unit}", p.abs())
    }
}

/// A count with thousands separators ("12,914").
pub fn thousands(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// "2026 Q2" style label of a period.
pub fn period_label(p: &str) -> String {
    match p.parse::<Period>() {
        Ok(q) => format!("{} Q{}", q.year, q.quarter),
        Err(_) => p.to_string(),
    }
}

/// The text with every period code in it written for people ("not computed for 2024Q3" →
/// "not computed for 2024 Q3"): notes made for the run report name periods by code.
pub fn plain_periods(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < s.len() {
        let code = i + 6 <= b.len()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && b[i + 4] == b'Q'
            && (b'1'..=b'4').contains(&b[i + 5])
            && (i + 6 == b.len() || !b[i + 6].is_ascii_alphanumeric());
        if code {
            out.push_str(&period_label(&s[i..i + 6]));
            i += 6;
        } else {
            let c = s[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// "July 2025 to June 2026": the 12 months a period's results cover.
pub fn window_words(p: Period) -> String {
    let w = crate::measures::window::Window::of(p, 0);
    format!("{} to {}", w.start.format("%B %Y"), w.end.format("%B %Y"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(percent(0.852), "85%");
        assert_eq!(percent(0.053), "5.3%");
        assert_eq!(percent(0.05), "5.0%");
        assert_eq!(percent(0.0996), "10%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(points(-0.297), "\u{2212}30 points");
        assert_eq!(points(0.011), "+1 point");
        assert_eq!(thousands(12914), "12,914");
        assert_eq!(thousands(391), "391");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(period_label("2026Q2"), "2026 Q2");
        assert_eq!(signed(-0.0004, 3), "0.000");
        assert_eq!(signed(-1.23456, 3), "\u{2212}1.235");
        assert_eq!(signed(f64::NAN, 3), "not estimable");
        assert_eq!(term_words("age_band=18-44"), "Age: 18 to 44");
        assert_eq!(term_words("homeless=Y"), "Homeless: yes");
        assert_eq!(term_words("prior_year_ed=1"), "Emergency room visits in the year before: 1");
        assert_eq!(term_words("cm_type=EW"), "Type of case management: Elderly Waiver case management");
        assert_eq!(sentence_case("maximum likelihood"), "Maximum likelihood");
        assert_eq!(window_words("2026Q2".parse().unwrap()), "July 2025 to June 2026");
        assert_eq!(plain_periods("not computed for 2024Q3: its window reads 2023Q4."), "not computed for 2024 Q3: its window reads 2023 Q4.");
        assert_eq!(plain_periods("X2024Q3 2024Q5 2024Q31 é2024Q1"), "X2024Q3 2024Q5 2024Q31 é2024 Q1");
    }
}
