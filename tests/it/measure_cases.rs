//! Measure set v1 on small hand-built fixtures, written as data: every file under
//! `tests/measures/` (`*.case`) is one fixture: the providers, the records of the reporting
//! quarter's package, and the hand-computed expectations. The format is described in
//! `tests/README.md` ("Measure cases"); each file says, in its comments, why every expected
//! number is what it is: they were worked out by hand from `shared/spec/measures.md`
//! ("Common terms", "Measure set v1") as read by `measures/INTERPRETATION.md`,
//! independently of the measure engine.
//!
//! This module reads a case file, builds the packages with the shared fixture builders
//! ([`crate::common::measure_fx`]), runs the pipeline through the library, in-process, with
//! the site and the restricted outputs off, and checks every `expect` of the file against the
//! unstratified (`stratifier` = `all`) rows of the reporting quarter in
//! `results/measure_results.parquet`. Besides the file's own expectations, every run checks
//! on every unstratified row of the reporting quarter: stratum `all`, 0 ≤ numerator ≤
//! denominator, `rate` = numerator / denominator when the denominator is positive, a null
//! `category` on STATE rows and `too few` on provider rows with a denominator under 30, and
//! one row per (measure, provider, cm_type).
//!
//! A failure names the file and the line of every expectation that failed, with the expected
//! and the actual values. A malformed file fails with its file name, line and what is wrong.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::common::measure_fx::*;
use crate::common::*;

// ---------------------------------------------------------------------------------------
// The case files, one test each.

/// One `#[test]` per case file, so a failure names the measure; `every_case_file_has_a_test`
/// keeps this list and the folder in step.
macro_rules! cases {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                run_case_file($file);
            }
        )*
        const CASE_FILES: &[&str] = &[$($file),*];
    };
}

cases! {
    contact_monthly => "contact-monthly.case",
    assessment_timely => "assessment-timely.case",
    plan_timely => "plan-timely.case",
    plan_review_annual => "plan-review-annual.case",
    preventive_visit => "preventive-visit.case",
    same_case_manager => "same-case-manager.case",
    ed_visit => "ed-visit.case",
    experience_top_box => "experience-top-box.case",
    psych_discharges => "psych-discharges.case",
    transition_followup_7 => "transition-followup-7.case",
    cw_in_person_monthly => "cw-in-person-monthly.case",
    cw_recurrence_12m => "cw-recurrence-12m.case",
    nf_admission => "nf-admission.case",
    cc_hra_30 => "cc-hra-30.case",
    a_window_with_a_quarter_missing_has_no_rows => "missing-quarter.case",
}

fn cases_dir() -> PathBuf {
    repo_root().join("tests").join("measures")
}

#[test]
fn every_case_file_has_a_test() {
    let mut on_disk: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("tests/measures")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".case"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASE_FILES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "tests/measures/*.case and the `cases!` list in measure_cases.rs differ");
}

/// Parses, runs and checks one case file; panics with every failure of the file.
fn run_case_file(name: &str) {
    let path = cases_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let shown = format!("tests/measures/{name}");
    let case = parse(&shown, &text).unwrap_or_else(|e| panic!("{e}"));
    let failures = check(&case, &case.fixture().run().out);
    assert!(failures.is_empty(), "{shown}: {} failure(s):\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// The parsed form of a case file.

#[derive(Debug)]
struct Case {
    file: String,
    period: String,
    earlier: Vec<String>,
    /// alias → (provider_id, provider_kind, cm_types), in file order.
    providers: Vec<(String, String, String, String)>,
    /// Records in file order: persons.csv records are declarations; others are added.
    records: Vec<Rec>,
    expects: Vec<Expect>,
}

#[derive(Debug)]
enum Expect {
    /// `expect <measure>`: these rows exist with these counts (and category, if given).
    Rows { measure: String, rows: Vec<ExpectRow> },
    /// `expect <measure> absent`: no row for these (provider, cm_type).
    Absent { measure: String, rows: Vec<(usize, String, String)> },
    /// `expect <measure> not computed`: no row of the measure at all.
    NotComputed { line: usize, measure: String },
    /// `expect no rows`: no measure row at all in the reporting quarter.
    NoRows { line: usize },
}

#[derive(Debug)]
struct ExpectRow {
    line: usize,
    provider: String,
    cm_type: String,
    denominator: i64,
    numerator: i64,
    /// `None`: not checked; `Some(Cell::Null)` for `null`.
    category: Option<Cell>,
}

/// The tables a `given` block may name, and the columns a row must give.
const TABLES: &[(&str, &str, &[&str])] = &[
    ("persons", "persons.csv", &["person_id"]),
    ("episodes", "episodes.csv", &["episode_id", "person_id", "provider_id"]),
    ("contacts", "contacts.csv", &["episode_id", "person_id", "provider_id"]),
    ("assessments", "assessments.csv", &["episode_id", "person_id", "provider_id"]),
    ("events", "events.csv", &["person_id"]),
    ("surveys", "surveys.csv", &["person_id", "provider_id"]),
    ("staffing", "staffing.csv", &["case_manager_id", "provider_id"]),
];

const EXPECT_COLUMNS: &[&str] = &["provider", "cm_type", "denominator", "numerator"];

/// A record of `file` with every column at the default of the shared `rows::*` builders.
fn default_record(file: &str) -> Rec {
    match file {
        "persons.csv" => rows::person("").set("birth_date", ADULT),
        "episodes.csv" => rows::episode("", "", ""),
        "contacts.csv" => rows::contact("", "", "", ""),
        "assessments.csv" => rows::assessment("", "", "", ""),
        "events.csv" => rows::event("", ""),
        "surveys.csv" => rows::survey("", "", ""),
        "staffing.csv" => rows::staff("", ""),
        other => unreachable!("{other}"),
    }
}

impl Case {
    fn fixture(&self) -> Fx {
        let providers: Vec<(&str, &str, &str)> =
            self.providers.iter().map(|(_, id, kind, types)| (id.as_str(), kind.as_str(), types.as_str())).collect();
        let earlier: Vec<&str> = self.earlier.iter().map(String::as_str).collect();
        let mut f = Fx::with_kinds(&providers).period(&self.period).quarters_before(&earlier);
        for r in &self.records {
            if r.file == "persons.csv" {
                f.person_rec(r.clone());
            } else {
                f.add(r.clone());
            }
        }
        f
    }
}

// ---------------------------------------------------------------------------------------
// Parsing.

/// Splits a line into cells: whitespace separates cells, `"…"` is one cell (spaces allowed),
/// `-` is the empty value, and `#` outside quotes starts a comment to the end of the line.
fn cells(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.peek() {
            None | Some('#') => return Ok(out),
            Some('"') => {
                chars.next();
                let mut v = String::new();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some(c) => v.push(c),
                        None => return Err("a quoted value has no closing `\"`".into()),
                    }
                }
                if chars.peek().is_some_and(|c| !c.is_whitespace()) {
                    return Err(format!("text right after the quoted value \"{v}\""));
                }
                out.push(v);
            }
            Some(_) => {
                let mut v = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() {
                        break;
                    }
                    if c == '"' {
                        return Err(format!("a `\"` inside the value `{v}…`: quote the whole value"));
                    }
                    v.push(c);
                    chars.next();
                }
                out.push(if v == "-" { String::new() } else { v });
            }
        }
    }
}

fn is_quarter(q: &str) -> bool {
    q.len() == 6 && q[..4].chars().all(|c| c.is_ascii_digit()) && matches!(&q[4..], "Q1" | "Q2" | "Q3" | "Q4")
}

/// What a parse error says: `file:line: message`.
fn err(file: &str, line: usize, msg: impl std::fmt::Display) -> String {
    format!("{file}:{line}: {msg}")
}

fn parse(file: &str, text: &str) -> Result<Case, String> {
    let lines: Vec<(usize, Vec<String>)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| cells(l).map(|c| (i + 1, c)).map_err(|e| err(file, i + 1, e)))
        .collect::<Result<_, _>>()?;
    // A block ends at a blank line (not at a comment line): remember which lines are blank.
    let blank: Vec<bool> = text.lines().map(|l| l.trim().is_empty()).collect();
    let mut case = Case {
        file: file.to_string(),
        period: String::new(),
        earlier: Vec::new(),
        providers: Vec::new(),
        records: Vec::new(),
        expects: Vec::new(),
    };
    let mut earlier_seen = false;
    let mut i = 0;
    // The rows of the block starting after line index `i` (header first), to the next blank line.
    let block = |start: usize| -> (Vec<(usize, Vec<String>)>, usize) {
        let mut j = start;
        let mut rows = Vec::new();
        while j < lines.len() && !blank[j] {
            if !lines[j].1.is_empty() {
                rows.push(lines[j].clone());
            }
            j += 1;
        }
        (rows, j)
    };
    while i < lines.len() {
        let (ln, words) = &lines[i];
        let ln = *ln;
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        match w.as_slice() {
            [] => i += 1,
            ["period", q] => {
                if !case.period.is_empty() {
                    return Err(err(file, ln, "a second `period` line"));
                }
                if !is_quarter(q) {
                    return Err(err(file, ln, format!("`{q}` is not a quarter like 2026Q2")));
                }
                case.period = q.to_string();
                i += 1;
            }
            ["period", ..] => return Err(err(file, ln, "expected `period <quarter>`")),
            ["earlier-quarters", qs @ ..] => {
                if earlier_seen {
                    return Err(err(file, ln, "a second `earlier-quarters` line"));
                }
                if let Some(q) = qs.iter().find(|q| !is_quarter(q)) {
                    return Err(err(file, ln, format!("`{q}` is not a quarter like 2026Q1")));
                }
                earlier_seen = true;
                case.earlier = qs.iter().map(|q| q.to_string()).collect();
                i += 1;
            }
            ["provider", alias, id, kind, types] => {
                if *alias == STATE || case.providers.iter().any(|p| p.0 == *alias) {
                    return Err(err(file, ln, format!("provider alias `{alias}` is taken")));
                }
                if !["county", "tribal", "private", "mco"].contains(kind) {
                    return Err(err(file, ln, format!("provider kind `{kind}`: expected county, tribal, private or mco")));
                }
                case.providers.push((alias.to_string(), id.to_string(), kind.to_string(), types.to_string()));
                i += 1;
            }
            ["provider", ..] => {
                return Err(err(file, ln, "expected `provider <alias> <provider_id> <kind> <cm_types>`"))
            }
            ["given", table] => {
                let Some((_, csv_file, required)) = TABLES.iter().find(|(t, _, _)| t == table) else {
                    let names: Vec<&str> = TABLES.iter().map(|t| t.0).collect();
                    return Err(err(file, ln, format!("no table `{table}`: expected one of {}", names.join(", "))));
                };
                let (rows, next) = block(i + 1);
                let Some(((hl, header), data)) = rows.split_first() else {
                    return Err(err(file, ln, format!("`given {table}` has no header line")));
                };
                let (columns, _) = header_of(csv_file);
                for c in header {
                    if !columns.contains(&c.as_str()) {
                        return Err(err(file, *hl, format!("{csv_file} has no column `{c}` (columns: {})", columns.join(" "))));
                    }
                    if header.iter().filter(|h| *h == c).count() > 1 {
                        return Err(err(file, *hl, format!("column `{c}` is named twice")));
                    }
                }
                for r in required.iter() {
                    if !header.iter().any(|h| h == r) {
                        return Err(err(file, *hl, format!("`given {table}` must give the column `{r}`")));
                    }
                }
                if data.is_empty() {
                    return Err(err(file, ln, format!("`given {table}` has no rows")));
                }
                for (rl, values) in data {
                    if values.len() != header.len() {
                        return Err(err(
                            file,
                            *rl,
                            format!("{} values for the {} columns {}", values.len(), header.len(), header.join(" ")),
                        ));
                    }
                    let mut rec = default_record(csv_file);
                    for (col, v) in header.iter().zip(values) {
                        let v = expand(&case, col, v).map_err(|e| err(file, *rl, e))?;
                        rec = rec.set(col, v);
                    }
                    if *table == "episodes" && !header.iter().any(|h| h == "payer") {
                        let payer = payer_of(rec.get("cm_type"));
                        rec = rec.set("payer", payer);
                    }
                    case.records.push(rec);
                }
                i = next;
            }
            ["given", ..] => return Err(err(file, ln, "expected `given <table>`")),
            ["expect", "no", "rows"] => {
                case.expects.push(Expect::NoRows { line: ln });
                i += 1;
            }
            ["expect", measure, "not", "computed"] => {
                case.expects.push(Expect::NotComputed { line: ln, measure: measure.to_string() });
                i += 1;
            }
            ["expect", measure, "absent"] => {
                let (rows, next) = block(i + 1);
                let Some(((hl, header), data)) = rows.split_first() else {
                    return Err(err(file, ln, "`expect … absent` has no header line"));
                };
                if header.iter().map(String::as_str).collect::<Vec<_>>() != ["provider", "cm_type"] {
                    return Err(err(file, *hl, "the header of `expect … absent` is `provider cm_type`"));
                }
                if data.is_empty() {
                    return Err(err(file, ln, "`expect … absent` has no rows"));
                }
                let mut out = Vec::new();
                for (rl, v) in data {
                    let [p, t] = v.as_slice() else {
                        return Err(err(file, *rl, format!("{} values for the 2 columns provider cm_type", v.len())));
                    };
                    out.push((*rl, provider_id(&case, p).map_err(|e| err(file, *rl, e))?, t.clone()));
                }
                case.expects.push(Expect::Absent { measure: measure.to_string(), rows: out });
                i = next;
            }
            ["expect", measure] => {
                let (rows, next) = block(i + 1);
                let Some(((hl, header), data)) = rows.split_first() else {
                    return Err(err(file, ln, format!("`expect {measure}` has no header line")));
                };
                let h: Vec<&str> = header.iter().map(String::as_str).collect();
                let with_category = match h.as_slice() {
                    ["provider", "cm_type", "denominator", "numerator"] => false,
                    ["provider", "cm_type", "denominator", "numerator", "category"] => true,
                    _ => {
                        return Err(err(
                            file,
                            *hl,
                            format!("the header of `expect {measure}` is `{}` [category]", EXPECT_COLUMNS.join(" ")),
                        ))
                    }
                };
                if data.is_empty() {
                    return Err(err(file, ln, format!("`expect {measure}` has no rows")));
                }
                let mut out = Vec::new();
                for (rl, v) in data {
                    if v.len() != h.len() {
                        return Err(err(file, *rl, format!("{} values for the {} columns {}", v.len(), h.len(), h.join(" "))));
                    }
                    let count = |s: &str, what: &str| {
                        s.parse::<i64>().map_err(|_| err(file, *rl, format!("{what} `{s}` is not a whole number")))
                    };
                    out.push(ExpectRow {
                        line: *rl,
                        provider: provider_id(&case, &v[0]).map_err(|e| err(file, *rl, e))?,
                        cm_type: v[1].clone(),
                        denominator: count(&v[2], "denominator")?,
                        numerator: count(&v[3], "numerator")?,
                        category: with_category.then(|| if v[4] == "null" { Cell::Null } else { Cell::Str(v[4].clone()) }),
                    });
                }
                case.expects.push(Expect::Rows { measure: measure.to_string(), rows: out });
                i = next;
            }
            ["expect", ..] => {
                return Err(err(
                    file,
                    ln,
                    "expected `expect <measure>`, `expect <measure> absent`, `expect <measure> not computed` or `expect no rows`",
                ))
            }
            [other, ..] => {
                return Err(err(
                    file,
                    ln,
                    format!("`{other}`: a line starts with period, earlier-quarters, provider, given, expect or `#`"),
                ))
            }
        }
    }
    if case.period.is_empty() {
        return Err(format!("{file}: no `period` line"));
    }
    if !earlier_seen {
        return Err(format!("{file}: no `earlier-quarters` line"));
    }
    if case.providers.is_empty() {
        return Err(format!("{file}: no `provider` line"));
    }
    if case.expects.is_empty() {
        return Err(format!("{file}: no `expect`"));
    }
    Ok(case)
}

/// A provider of an expectation: a declared alias or STATE.
fn provider_id(case: &Case, alias: &str) -> Result<String, String> {
    if alias == STATE {
        return Ok(STATE.to_string());
    }
    case.providers
        .iter()
        .find(|p| p.0 == alias)
        .map(|p| p.1.clone())
        .ok_or_else(|| format!("provider `{alias}` is not declared (declared: {}, and STATE)", aliases(case)))
}

fn aliases(case: &Case) -> String {
    case.providers.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join(", ")
}

/// The value written to the package for `value` in column `col`: a provider alias in
/// `provider_id` is the provider's id, `P<n>` in `person_id` is pid(n) and `CM<n>` in
/// `case_manager_id` is cmid(n); anything else is written as it is.
fn expand(case: &Case, col: &str, value: &str) -> Result<String, String> {
    let number = |prefix: &str| value.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok());
    Ok(match col {
        "provider_id" => match case.providers.iter().find(|p| p.0 == value) {
            Some(p) => p.1.clone(),
            None => return Err(format!("provider `{value}` is not declared (declared: {})", aliases(case))),
        },
        "person_id" => match number("P") {
            Some(n) => pid(n),
            None => return Err(format!("person `{value}`: expected P<n>, e.g. P1")),
        },
        "case_manager_id" => match number("CM") {
            Some(n) => cmid(n),
            None if value.is_empty() => String::new(),
            None => return Err(format!("case manager `{value}`: expected CM<n>, e.g. CM1, or - for none")),
        },
        _ => value.to_string(),
    })
}

// ---------------------------------------------------------------------------------------
// Checking.

/// (measure_id, provider_id, cm_type).
type Key = (String, String, String);

/// Checks a case's expectations and the generic row rules on an output; returns every
/// failure, each naming the file and line.
fn check(case: &Case, out: &Path) -> Vec<String> {
    let file = &case.file;
    let rows: Vec<ResultRow> = measure_results(out)
        .into_iter()
        .filter(|r| text_of(r, "period") == case.period && text_of(r, "stratifier") == "all")
        .collect();
    let mut failures = Vec::new();
    let mut by_key: BTreeMap<Key, &ResultRow> = BTreeMap::new();
    for r in &rows {
        let k = (text_of(r, "measure_id").to_string(), text_of(r, "provider_id").to_string(), text_of(r, "cm_type").to_string());
        if let Some(prev) = by_key.insert(k.clone(), r) {
            failures.push(format!("{file}: two unstratified rows for {k:?}: {prev:?} and {r:?}"));
        }
        failures.extend(check_row(r).into_iter().map(|e| format!("{file}: every row: {} {} {}: {e}", k.0, k.1, k.2)));
    }
    let written = |measure: &str| -> String {
        let mut s = String::new();
        for ((m, p, t), r) in &by_key {
            if m == measure {
                let _ = writeln!(s, "    {} {t} {} {} {:?}", shown(case, p), int(r, "denominator"), int(r, "numerator"), category_of(r));
            }
        }
        if s.is_empty() {
            s = "    (none)\n".into();
        }
        s
    };
    for e in &case.expects {
        match e {
            Expect::Rows { measure, rows: want } => {
                let mut bad = false;
                for w in want {
                    let k = (measure.clone(), w.provider.clone(), w.cm_type.clone());
                    let at = format!("{file}:{}: {measure} {} {}", w.line, shown(case, &w.provider), w.cm_type);
                    let Some(r) = by_key.get(&k) else {
                        failures.push(format!("{at}: no row (expected denominator {} numerator {})", w.denominator, w.numerator));
                        bad = true;
                        continue;
                    };
                    let got = (int(r, "denominator"), int(r, "numerator"));
                    if got != (w.denominator, w.numerator) {
                        failures.push(format!(
                            "{at}: expected (denominator, numerator) = ({}, {}), got ({}, {})",
                            w.denominator, w.numerator, got.0, got.1
                        ));
                        bad = true;
                    }
                    if let Some(c) = &w.category {
                        let got = category_of(r);
                        if &got != c {
                            failures.push(format!("{at}: expected category {c:?}, got {got:?}"));
                            bad = true;
                        }
                    }
                }
                if bad {
                    failures.push(format!("  rows of {measure} written (provider cm_type denominator numerator category):\n{}", written(measure)));
                }
            }
            Expect::Absent { measure, rows: want } => {
                for (line, p, t) in want {
                    if let Some(r) = by_key.get(&(measure.clone(), p.clone(), t.clone())) {
                        failures.push(format!(
                            "{file}:{line}: {measure} {} {t}: expected no row, got denominator {} numerator {}",
                            shown(case, p),
                            int(r, "denominator"),
                            int(r, "numerator")
                        ));
                    }
                }
            }
            Expect::NotComputed { line, measure } => {
                if by_key.keys().any(|k| &k.0 == measure) {
                    failures.push(format!(
                        "{file}:{line}: {measure}: expected no row (not computed), got:\n{}",
                        written(measure)
                    ));
                }
            }
            Expect::NoRows { line } => {
                if !by_key.is_empty() {
                    let keys: Vec<String> = by_key.keys().map(|k| format!("    {} {} {}", k.0, k.1, k.2)).collect();
                    failures.push(format!(
                        "{file}:{line}: expected no measure row for {}, got {}:\n{}",
                        case.period,
                        keys.len(),
                        keys.join("\n")
                    ));
                }
            }
        }
    }
    failures
}

/// A provider id as a failure shows it: `A (2705300001)` for a declared alias.
fn shown(case: &Case, id: &str) -> String {
    match case.providers.iter().find(|p| p.1 == id) {
        Some(p) => format!("{} ({id})", p.0),
        None => id.to_string(),
    }
}

fn category_of(r: &ResultRow) -> Cell {
    r.get("category").cloned().unwrap_or(Cell::Null)
}

/// Rules that hold for every unstratified row (measures.md "Risk adjustment", "Small
/// numbers"; outputs.md): see the module comment.
fn check_row(r: &ResultRow) -> Vec<String> {
    let mut bad = Vec::new();
    if text_of(r, "stratum") != "all" {
        bad.push(format!("the unstratified row has stratum `{}`, not `all`", text_of(r, "stratum")));
    }
    let (den, num) = (int(r, "denominator"), int(r, "numerator"));
    if !(0 <= num && num <= den) {
        bad.push(format!("numerator {num} must be within 0..=denominator {den}"));
    }
    if den > 0 {
        match r.get("rate") {
            Some(Cell::Float(rate)) if (rate - num as f64 / den as f64).abs() < 1e-9 => {}
            Some(Cell::Float(rate)) => bad.push(format!("rate {rate} is not the unadjusted {num}/{den}")),
            other => bad.push(format!("rate {other:?} with denominator {den}")),
        }
    }
    let category = category_of(r);
    if text_of(r, "provider_id") == STATE {
        if category != Cell::Null {
            bad.push(format!("STATE rows have a null category, got {category:?}"));
        }
    } else if den < 30 && category != s("too few") {
        bad.push(format!("denominator {den} < 30 is `too few`, got {category:?}"));
    }
    bad
}

// ---------------------------------------------------------------------------------------
// The parser's own checks: a malformed file names its line.

#[test]
fn malformed_case_files_name_the_file_and_line() {
    let head = "period 2026Q2\nearlier-quarters 2025Q3 2025Q4 2026Q1\nprovider A 2705300001 county AMH-TCM\n";
    let bad = [
        ("given episodes\nepisode_id person_id\nE1 P1\n", 5, "must give the column `provider_id`"),
        ("given episodes\nepisode_id person_id provider_id\nE1 P1\n", 6, "2 values for the 3 columns"),
        ("given episodes\nepisode_id person_id provider_id colour\n", 5, "has no column `colour`"),
        ("given visits\n", 4, "no table `visits`"),
        ("given episodes\nepisode_id person_id provider_id\nE1 P1 Z\n", 6, "provider `Z` is not declared"),
        ("given events\nperson_id kind\nX1 ed_visit\n", 6, "person `X1`: expected P<n>"),
        ("expect contact-monthly\nprovider cm_type denominator numerator\nA ALL 5\n", 6, "3 values for the 4 columns"),
        ("expect contact-monthly\nprovider cm_type denominator numerator\nA ALL five 2\n", 6, "denominator `five`"),
        ("expect contact-monthly\nprovider cm_type numerator\n", 5, "the header of `expect contact-monthly`"),
        ("expect contact-monthly absent\nprovider cm_type\nA\n", 6, "1 values for the 2 columns"),
        ("expect\n", 4, "expected `expect <measure>`"),
        ("given events\nperson_id kind\nP1 \"ed visit\n", 6, "no closing"),
        ("provider B 2705300002 hospital AMH-TCM\n", 4, "provider kind `hospital`"),
        ("contact E1\n", 4, "`contact`: a line starts with"),
    ];
    for (tail, line, msg) in bad {
        let e = parse("bad.case", &format!("{head}{tail}")).expect_err(tail);
        assert!(e.starts_with(&format!("bad.case:{line}: ")) && e.contains(msg), "for\n{tail}\ngot: {e}\nwant line {line}: {msg}");
    }
    let e = parse("bad.case", "period 2026Q2\nprovider A 2705300001 county AMH-TCM\nexpect no rows\n").unwrap_err();
    assert_eq!(e, "bad.case: no `earlier-quarters` line");
    // A well-formed file: defaults, expansions, quoting, `-`, and comments in and after rows.
    let ok = parse(
        "ok.case",
        &format!(
            "{head}# a comment\ngiven episodes\nepisode_id person_id provider_id cm_type # the header\n\
             # P1's episode\nE1 P1 A CC-MSHO\n\ngiven contacts\nepisode_id person_id provider_id case_manager_id mode\n\
             E1 P1 A - \"in_person\" # no case manager\n\nexpect contact-monthly\nprovider cm_type denominator numerator category\n\
             A ALL 1 0 \"too few\"\nSTATE ALL 1 0 null\n"
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ok.records.len(), 2);
    let ep = &ok.records[0];
    assert_eq!((ep.get("person_id"), ep.get("provider_id"), ep.get("payer")), (pid(1).as_str(), HEN_PROV, "MCO"));
    assert_eq!(ep.get("start_date"), rows::episode("", "", "").get("start_date"), "columns not given keep the builder's default");
    assert_eq!((ok.records[1].get("case_manager_id"), ok.records[1].get("mode")), ("", "in_person"));
    let Expect::Rows { rows, .. } = &ok.expects[0] else { panic!("{:?}", ok.expects) };
    assert_eq!((rows[0].line, &rows[0].category, &rows[1].category), (16, &Some(s("too few")), &Some(Cell::Null)));
}
