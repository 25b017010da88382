//! Row-level validation: one source record in, one canonical typed row or one reason out.
//! The checks run in the contract's order (extracts.md §4) so the first failure is the
//! reason a submitter sees; set-level checks (duplicates, references) come later, in
//! DataFusion, because they depend on which rows were accepted.

use chrono::NaiveDate;

use crate::reason::Reason;
use crate::geography;
use crate::layout::{Dialect, FilePlan, Target};
use crate::schema::{Column, Kind, Table};

/// A parsed canonical value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Str(String),
    /// Days since 1970-01-01 (Arrow Date32).
    Date(i32),
    Bool(bool),
    Int(i64),
    Float(f64),
}

/// Why a row was rejected, with what a data clerk needs to find and fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    pub reason: Reason,
    pub detail: String,
}

/// An accepted-so-far row: which target table it feeds and its canonical values.
#[derive(Debug)]
pub struct Row {
    pub target: usize,
    pub values: Vec<Value>,
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")
}

pub fn to_days(d: NaiveDate) -> i32 {
    (d - epoch()).num_days() as i32
}

pub fn from_days(days: i32) -> NaiveDate {
    epoch() + chrono::Days::new(0) + chrono::Duration::days(days as i64)
}

fn reject(reason: Reason, detail: String) -> Reject {
    Reject { reason, detail }
}

/// Validates one record (already split into fields) of a file planned by `plan`.
/// `period_end` is the last day of the package's quarter.
pub fn validate(plan: &FilePlan, dialect: &Dialect, fields: &[&str], period_end: NaiveDate) -> Result<Row, Reject> {
    if fields.len() != plan.header.len() {
        return Err(reject(
            Reason::BadRowShape,
            format!("{} fields, expected {} ({})", fields.len(), plan.header.len(), plan.header.join(dialect_sep(dialect))),
        ));
    }

    // Which table does this row feed? A routed file decides on one column's value.
    let mut route_constants: &[(usize, String)] = &[];
    let mut unknown_route = None;
    let target_idx = match &plan.route {
        None => 0,
        Some((ri, routes)) => match routes.get(fields[*ri]) {
            Some((t, consts)) => {
                route_constants = consts;
                *t
            }
            None => {
                unknown_route = Some(*ri);
                0
            }
        },
    };
    let target: &Target = &plan.targets[target_idx];
    let table: &Table = target.table;

    // missing_required, left to right.
    for (si, value) in fields.iter().enumerate() {
        if !value.is_empty() {
            continue;
        }
        let required = match (&plan.route, &target.slots[si]) {
            (Some((ri, _)), _) if *ri == si => true,
            (_, Some(slot)) => slot.check.required,
            _ => false,
        };
        if required {
            return Err(reject(Reason::MissingRequired, format!("column {} is empty but required", plan.header[si])));
        }
    }

    // Parse column by column, left to right.
    let mut values = vec![Value::Null; table.columns.len()];
    for (si, raw) in fields.iter().enumerate() {
        if unknown_route == Some(si) {
            let (_, routes) = plan.route.as_ref().expect("routed");
            let allowed: Vec<&str> = routes.keys().map(String::as_str).collect();
            return Err(reject(
                Reason::BadCode,
                format!("column {}: `{raw}` is not one of {}", plan.header[si], allowed.join(", ")),
            ));
        }
        let Some(slot) = &target.slots[si] else { continue };
        let column = &slot.check;
        let mapped: &str = match (&slot.map, raw.is_empty()) {
            (Some(map), false) => match map.get(*raw) {
                Some(v) => v,
                None => {
                    let allowed: Vec<&str> = map.keys().map(String::as_str).collect();
                    return Err(reject(
                        Reason::BadCode,
                        format!("column {}: `{raw}` is not one of {}", plan.header[si], allowed.join(", ")),
                    ));
                }
            },
            _ => raw,
        };
        let value =
            parse(column, mapped, dialect).map_err(|(reason, why)| reject(reason, format!("column {}: {why}", plan.header[si])))?;
        if let Some(ci) = slot.column {
            values[ci] = value;
        }
    }
    let standard = Dialect::standard();
    for (ci, text) in target.constants.iter().chain(route_constants) {
        values[*ci] = parse(&table.columns[*ci], text, &standard)
            .map_err(|(reason, why)| reject(reason, format!("layout constant {}: {why}", table.columns[*ci].name)))?;
    }

    // date_out_of_range, left to right in the source.
    let lo = to_days(NaiveDate::from_ymd_opt(1900, 1, 1).expect("date"));
    let hi = to_days(period_end);
    for (si, slot) in target.slots.iter().enumerate() {
        let Some(ci) = slot.as_ref().and_then(|s| s.column) else { continue };
        if let Value::Date(d) = values[ci] {
            if d < lo || d > hi {
                return Err(reject(
                    Reason::DateOutOfRange,
                    format!("column {}: {} is outside 1900-01-01 … {period_end}", plan.header[si], from_days(d)),
                ));
            }
        }
    }

    if let Some((start, end)) = table.span {
        let si = table.columns.iter().position(|c| c.name == start).expect("span column");
        let ei = table.columns.iter().position(|c| c.name == end).expect("span column");
        if let (Value::Date(s), Value::Date(e)) = (&values[si], &values[ei]) {
            if e < s {
                let src = |ci: usize| {
                    target.slots.iter().position(|s| s.as_ref().is_some_and(|s| s.column == Some(ci))).map(|i| plan.header[i].as_str()).unwrap_or("")
                };
                return Err(reject(
                    Reason::BadDate,
                    format!("column {}: {} is before {} {}", src(ei), from_days(*e), src(si), from_days(*s)),
                ));
            }
        }
    }
    Ok(Row { target: target_idx, values })
}

fn dialect_sep(d: &Dialect) -> &'static str {
    if d.delimiter == b'|' {
        "|"
    } else {
        ","
    }
}

type ParseError = (Reason, String);

/// Longest submitter-local id (episode, contact, record, event, response id), in characters.
/// Limits keep one hostile or broken field (50 MB in one cell was tried) from being copied
/// into every table, page and report that names the row; values over them are quarantined as
/// `too_long`.
pub const MAX_ID_CHARS: usize = 64;
/// Longest free-text value (provider name, address, phone, website, mission, culturally
/// specific services), in characters.
pub const MAX_TEXT_CHARS: usize = 2000;

fn bad_code(value: &str, expected: &str) -> ParseError {
    (Reason::BadCode, format!("`{value}` is not {expected}"))
}

/// Parses one non-routed value into its canonical form.
pub fn parse(column: &Column, text: &str, d: &Dialect) -> Result<Value, ParseError> {
    if text.is_empty() {
        return Ok(Value::Null);
    }
    let v = match column.kind {
        Kind::Date => {
            let ok = text.len() == d.date_len && text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
            match NaiveDate::parse_from_str(text, &d.date_format) {
                Ok(date) if ok => Value::Date(to_days(date)),
                _ => return Err((Reason::BadDate, format!("`{text}` is not a date in the form {}", date_hint(d)))),
            }
        }
        Kind::Flag => {
            if text == d.flag_true {
                Value::Bool(true)
            } else if text == d.flag_false {
                Value::Bool(false)
            } else {
                return Err(bad_code(text, &format!("{} or {}", d.flag_true, d.flag_false)));
            }
        }
        Kind::Int { min, max } => {
            let n: i64 = text.parse().map_err(|_| (Reason::BadNumber, format!("`{text}` is not a whole number")))?;
            if n < min || n > max {
                return Err((Reason::BadNumber, format!("{n} is outside {min}…{max}")));
            }
            Value::Int(n)
        }
        Kind::Decimal { min, max } => {
            let n: f64 = text
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-'))
                .ok_or_else(|| (Reason::BadNumber, format!("`{text}` is not a decimal number")))?;
            if n < min || n > max {
                return Err((Reason::BadNumber, format!("{n} is outside {min}…{max}")));
            }
            Value::Float(n)
        }
        Kind::ProviderId => {
            check(text.len() == 10 && text.bytes().all(|b| b.is_ascii_digit()), text, "a 10-digit provider id")?;
            Value::Str(text.to_string())
        }
        Kind::PersonId => {
            check(
                text.len() == 13 && text.starts_with('P') && text[1..].bytes().all(|b| b.is_ascii_hexdigit()),
                text,
                "a person id (P and 12 hex digits)",
            )?;
            Value::Str(format!("P{}", text[1..].to_ascii_lowercase()))
        }
        Kind::CaseManagerId => {
            check(
                text.len() == 10 && text.starts_with("CM") && text[2..].bytes().all(|b| b.is_ascii_hexdigit()),
                text,
                "a case manager id (CM and 8 hex digits)",
            )?;
            Value::Str(format!("CM{}", text[2..].to_ascii_lowercase()))
        }
        Kind::LocalId => {
            let n = text.chars().count();
            if n > MAX_ID_CHARS {
                return Err((Reason::TooLong, format!("an id of {n} characters (at most {MAX_ID_CHARS})")));
            }
            Value::Str(text.to_string())
        }
        Kind::Text => {
            let n = text.chars().count();
            if n > MAX_TEXT_CHARS {
                return Err((Reason::TooLong, format!("{n} characters of text (at most {MAX_TEXT_CHARS})")));
            }
            Value::Str(text.to_string())
        }
        Kind::Code(list) => {
            check(list.contains(&text), text, &format!("one of {}", list.join(", ")))?;
            Value::Str(text.to_string())
        }
        Kind::CodeList(list) => list_of(text, d, |v| check(list.contains(&v), v, &format!("one of {}", list.join(", "))))?,
        Kind::Language => {
            check(is_language(text), text, "an ISO 639-3 language code (three lower-case letters)")?;
            Value::Str(text.to_string())
        }
        Kind::LanguageList => list_of(text, d, |v| check(is_language(v), v, "an ISO 639-3 language code"))?,
        Kind::County => {
            check(geography::is_mn_county(text), text, "a Minnesota county FIPS code (27001–27173)")?;
            Value::Str(text.to_string())
        }
        Kind::CountyList => list_of(text, d, |v| check(geography::is_mn_county(v), v, "a Minnesota county FIPS code"))?,
        Kind::Tribe => {
            check(geography::TRIBES.iter().any(|t| t.id == text), text, "a tribal nation id (tribe-<name>)")?;
            Value::Str(text.to_string())
        }
        Kind::UpperCode => {
            check(
                text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-'),
                text,
                "an upper-case code",
            )?;
            Value::Str(text.to_string())
        }
        Kind::Procedure => {
            let b = text.as_bytes();
            check(b.len() == 5 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit), text, "a HCPCS code")?;
            Value::Str(text.to_string())
        }
        Kind::ModifierList => list_of(text, d, |v| {
            check(v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()), v, "a two-character modifier")
        })?,
        Kind::PlaceOfService => {
            check(text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()), text, "a two-digit place of service")?;
            Value::Str(text.to_string())
        }
        Kind::Zip => {
            check(text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit()), text, "a five-digit ZIP code")?;
            Value::Str(text.to_string())
        }
    };
    Ok(v)
}

fn date_hint(d: &Dialect) -> &'static str {
    if d.date_len == 8 {
        "YYYYMMDD"
    } else {
        "YYYY-MM-DD"
    }
}

fn check(ok: bool, value: &str, expected: &str) -> Result<(), ParseError> {
    if ok {
        Ok(())
    } else {
        Err(bad_code(value, expected))
    }
}

fn is_language(v: &str) -> bool {
    v.len() == 3 && v.bytes().all(|b| b.is_ascii_lowercase())
}

/// A list in the layout's separator becomes the canonical `;`-separated text.
fn list_of(text: &str, d: &Dialect, each: impl Fn(&str) -> Result<(), ParseError>) -> Result<Value, ParseError> {
    let items: Vec<&str> = text.split(d.list_separator).collect();
    for item in &items {
        if item.is_empty() {
            return Err(bad_code(text, &format!("a list without empty items (separator `{}`)", d.list_separator)));
        }
        each(item)?;
    }
    Ok(Value::Str(items.join(";")))
}
