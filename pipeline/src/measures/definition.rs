//! Measure definitions as data: one TOML file per measure under `measures/`, plus
//! `measures/views.toml` with the named SQL views the definitions share. Loading checks
//! everything that can be checked without data (fields, codes, covariates, ids); the SQL
//! itself is checked by planning it against the warehouse before any measure runs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::schema::CM_TYPES;
use crate::stats::compare::Direction;
use crate::stats::design::Coding;

#[derive(Debug, thiserror::Error)]
pub enum DefinitionError {
    #[error("measures folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The result of this module's operations.
pub type Result<T, E = DefinitionError> = std::result::Result<T, E>;

fn invalid(path: &Path, message: impl Into<String>) -> DefinitionError {
    DefinitionError::Invalid { path: path.to_path_buf(), message: message.into() }
}

/// Which cm_types a measure applies to: every type, or a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum CmTypes {
    All(String),
    List(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefinition {
    id: String,
    title: String,
    why: String,
    how: String,
    direction: Direction,
    cm_types: CmTypes,
    unit: String,
    #[serde(default)]
    lookback_quarters: u32,
    risk_adjustment: Option<RawAdjustment>,
    sql: RawSql,
    /// The public words in other languages, by language code (`[text.es]`).
    #[serde(default)]
    text: BTreeMap<String, MeasureText>,
}

/// A measure's public words in one language other than English: its title and why it
/// matters, kept with the measure so that a changed measure is translated where it is
/// changed. (How it is computed stays in English, for analysts.)
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureText {
    pub title: String,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdjustment {
    covariates: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSql {
    denominator: String,
    numerator: String,
    /// The columns that together identify a unit; `["unit"]` when absent.
    unit_key: Option<Vec<String>>,
}

/// A covariate of a risk-adjusted measure and where its values come from.
#[derive(Debug, Clone, PartialEq)]
pub struct CovariateSpec {
    pub name: String,
    pub coding: Coding,
    pub source: CovariateSource,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CovariateSource {
    /// A column of the person's warehouse row.
    Person,
    /// Age band of the person on the denominator's `age_date` (or the window's last day).
    AgeBand,
    /// A column the denominator query returns (including `cm_type`).
    Denominator,
}

/// The person covariates of measures.md and their coding. Race, ethnicity and language are
/// deliberately absent: adjusting for them would hide the disparities the report exists to show.
pub const PERSON_COVARIATES: &[(&str, Coding)] = &[
    ("sex", Coding::Factor),
    ("dual_eligible", Coding::Factor),
    ("homeless", Coding::Factor),
    ("smi", Coding::Factor),
    ("sud", Coding::Factor),
    ("dd", Coding::Factor),
    ("bi", Coding::Factor),
    ("physical_disability", Coding::Factor),
    ("chronic_condition_count", Coding::Capped(5)),
    ("prior_year_inpatient", Coding::ZeroOneTwoPlus),
    ("prior_year_ed", Coding::ZeroOneTwoPlus),
];

/// Names that may never be covariates.
const FORBIDDEN_COVARIATES: &[&str] =
    &["race", "hispanic", "ethnicity_detail", "preferred_language", "interpreter_needed", "race_ethnicity", "language"];

/// One measure, validated.
#[derive(Debug, Clone)]
pub struct Definition {
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    pub why: String,
    pub how: String,
    pub direction: Direction,
    /// The cm_types the measure applies to, in code-list order.
    pub cm_types: Vec<String>,
    pub unit: String,
    pub lookback_quarters: u32,
    /// Empty when the measure is not risk-adjusted.
    pub covariates: Vec<CovariateSpec>,
    pub denominator: String,
    pub numerator: String,
    /// The columns that together identify a unit within (provider_id, scope): `unit` unless
    /// the definition names others (`sql.unit_key`). Several plain columns join and group
    /// faster than one text built from them, which matters for measures with millions of
    /// units (one per episode-month).
    pub unit_key: Vec<String>,
    /// Title and why it matters in other languages, by language code.
    pub texts: BTreeMap<String, MeasureText>,
}

impl Definition {
    /// The title and why it matters in a language, English where there is no translation.
    pub fn text(&self, lang: &str) -> (&str, &str) {
        match self.texts.get(lang) {
            Some(t) => (&t.title, &t.why),
            None => (&self.title, &self.why),
        }
    }

    pub fn risk_adjusted(&self) -> bool {
        !self.covariates.is_empty()
    }
}

/// A shared view every measure's SQL may read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub name: String,
    pub doc: String,
    pub sql: String,
    /// Computed once and kept, instead of recomputed inside every measure that reads it: for
    /// views that are costly and read by several measures. Once per window and set of
    /// cm_types at most; once per run when its rows depend on neither (the engine's
    /// `view_key`).
    #[serde(default)]
    pub materialize: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawViews {
    view: Vec<View>,
}

/// Every definition of a measures folder.
#[derive(Debug, Clone)]
pub struct MeasureSet {
    pub dir: PathBuf,
    pub views: Vec<View>,
    pub measures: Vec<Definition>,
}

/// The file of shared views inside a measures folder.
pub const VIEWS_FILE: &str = "views.toml";

/// Loads `dir/*.toml`: `views.toml` and one definition per other file, sorted by id.
pub fn load(dir: &Path) -> Result<MeasureSet> {
    let folder = |source| DefinitionError::Folder { path: dir.to_path_buf(), source };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(folder)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(folder)?;
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let views_path = dir.join(VIEWS_FILE);
    let views = if views_path.exists() {
        let text = read(&views_path)?;
        let raw: RawViews = toml::from_str(&text).map_err(|e| invalid(&views_path, e.to_string()))?;
        let mut seen = BTreeSet::new();
        for v in &raw.view {
            if !is_identifier(&v.name) || !seen.insert(v.name.clone()) {
                return Err(invalid(&views_path, format!("view name `{}` is not a unique lower-case identifier", v.name)));
            }
            if super::engine::REGISTERED.contains(&v.name.as_str()) || crate::schema::TABLES.iter().any(|t| t.name == v.name) {
                return Err(invalid(&views_path, format!("view name `{}` is taken by a table the engine registers; choose another", v.name)));
            }
        }
        raw.view
    } else {
        Vec::new()
    };
    let mut measures = Vec::new();
    for path in files.iter().filter(|p| **p != views_path) {
        measures.push(parse(path, &read(path)?)?);
    }
    let mut ids = BTreeSet::new();
    for m in &measures {
        if !ids.insert(m.id.clone()) {
            return Err(invalid(&m.path, format!("measure id `{}` is defined twice", m.id)));
        }
    }
    if measures.is_empty() {
        return Err(invalid(dir, "no measure definitions (*.toml) found"));
    }
    Ok(MeasureSet { dir: dir.to_path_buf(), views, measures })
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| invalid(path, e.to_string()))
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Parses and validates one definition file.
pub fn parse(path: &Path, text: &str) -> Result<Definition> {
    let raw: RawDefinition = toml::from_str(text).map_err(|e| invalid(path, e.to_string()))?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if raw.id != stem {
        return Err(invalid(path, format!("id `{}` must match the file name `{stem}.toml`", raw.id)));
    }
    if raw.id.is_empty() || !raw.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(invalid(path, format!("id `{}` must be lower-case letters, digits and `-`", raw.id)));
    }
    for (field, value) in [("title", &raw.title), ("why", &raw.why), ("how", &raw.how), ("unit", &raw.unit)] {
        if value.trim().is_empty() {
            return Err(invalid(path, format!("`{field}` is empty")));
        }
    }
    for (lang, t) in &raw.text {
        for (field, value) in [("title", &t.title), ("why", &t.why)] {
            if value.trim().is_empty() {
                return Err(invalid(path, format!("`text.{lang}.{field}` is empty")));
            }
        }
    }
    let cm_types: Vec<String> = match &raw.cm_types {
        CmTypes::All(s) if s == "all" => CM_TYPES.iter().map(|s| s.to_string()).collect(),
        CmTypes::All(s) => return Err(invalid(path, format!("cm_types must be \"all\" or a list of codes, not \"{s}\""))),
        CmTypes::List(list) => {
            if list.is_empty() {
                return Err(invalid(path, "cm_types is an empty list"));
            }
            if let Some(bad) = list.iter().find(|t| !CM_TYPES.contains(&t.as_str())) {
                return Err(invalid(path, format!("cm_types: `{bad}` is not a cm_type code")));
            }
            CM_TYPES.iter().filter(|t| list.iter().any(|l| l == *t)).map(|s| s.to_string()).collect()
        }
    };
    if raw.lookback_quarters > 20 {
        return Err(invalid(path, "lookback_quarters is larger than 20"));
    }
    let mut covariates = Vec::new();
    if let Some(adj) = &raw.risk_adjustment {
        if adj.covariates.is_empty() {
            return Err(invalid(path, "risk_adjustment.covariates is empty (leave the table out instead)"));
        }
        let mut seen = BTreeSet::new();
        for name in &adj.covariates {
            if FORBIDDEN_COVARIATES.contains(&name.as_str()) {
                return Err(invalid(
                    path,
                    format!("`{name}` cannot be a risk-adjustment covariate: race, ethnicity and language are stratifiers, never covariates"),
                ));
            }
            if !is_identifier(name) || !seen.insert(name.clone()) {
                return Err(invalid(path, format!("covariate `{name}` is not a unique lower-case identifier")));
            }
            let spec = if name == "age_band" {
                CovariateSpec { name: name.clone(), coding: Coding::Factor, source: CovariateSource::AgeBand }
            } else if let Some((_, coding)) = PERSON_COVARIATES.iter().find(|(n, _)| n == name) {
                CovariateSpec { name: name.clone(), coding: *coding, source: CovariateSource::Person }
            } else {
                CovariateSpec { name: name.clone(), coding: Coding::Factor, source: CovariateSource::Denominator }
            };
            covariates.push(spec);
        }
    }
    for (part, sql) in [("denominator", &raw.sql.denominator), ("numerator", &raw.sql.numerator)] {
        if sql.trim().is_empty() {
            return Err(invalid(path, format!("sql.{part} is empty")));
        }
        if let Some(p) = unknown_parameter(sql) {
            return Err(invalid(path, format!("sql.{part}: unknown parameter {{{p}}} (known: {})", PARAMETERS.join(", "))));
        }
    }
    let unit_key = raw.sql.unit_key.unwrap_or_else(|| vec!["unit".to_string()]);
    if unit_key.is_empty() {
        return Err(invalid(path, "sql.unit_key is an empty list (leave it out to use the column `unit`)"));
    }
    let mut seen = BTreeSet::new();
    for k in &unit_key {
        if !is_identifier(k) || !seen.insert(k) {
            return Err(invalid(path, format!("sql.unit_key: `{k}` is not a unique lower-case column name")));
        }
        if k == "provider_id" || k == "scope" {
            return Err(invalid(path, format!("sql.unit_key: `{k}` is always part of the key; list only the unit's own columns")));
        }
    }
    Ok(Definition {
        id: raw.id,
        path: path.to_path_buf(),
        title: raw.title,
        why: raw.why,
        texts: raw.text,
        how: raw.how,
        direction: raw.direction,
        cm_types,
        unit: raw.unit,
        lookback_quarters: raw.lookback_quarters,
        covariates,
        denominator: raw.sql.denominator,
        numerator: raw.sql.numerator,
        unit_key,
    })
}

/// The parameters a definition's SQL may use, replaced by `DATE '…'` / text literals.
pub const PARAMETERS: &[&str] = &["w_start", "w_end", "lookback_start", "period"];

/// The first `{name}` in `sql` that is not a known parameter.
pub fn unknown_parameter(sql: &str) -> Option<String> {
    let mut rest = sql;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if !PARAMETERS.contains(&name) {
            return Some(name.to_string());
        }
        rest = &after[close + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "x-test"
title = "A test"
why = "Because."
how = "Counted."
direction = "higher"
cm_types = ["CADI", "AMH-TCM"]
unit = "episodes"
[risk_adjustment]
covariates = ["age_band", "sex", "chronic_condition_count", "respondent"]
[sql]
denominator = "SELECT 1 WHERE {w_start} < {w_end}"
numerator = "SELECT 1"
"#;

    fn p(text: &str) -> Result<Definition> {
        parse(Path::new("measures/x-test.toml"), text)
    }

    #[test]
    fn parses_and_orders_cm_types() {
        let d = p(GOOD).unwrap();
        assert_eq!(d.cm_types, ["AMH-TCM", "CADI"]);
        assert_eq!(d.covariates[0].source, CovariateSource::AgeBand);
        assert_eq!(d.covariates[2].coding, Coding::Capped(5));
        assert_eq!(d.covariates[3].source, CovariateSource::Denominator);
        assert_eq!(d.unit_key, ["unit"], "the default unit key");
        let keyed = p(&GOOD.replace("numerator = \"SELECT 1\"", "numerator = \"SELECT 1\"\nunit_key = [\"episode_id\", \"month_start\"]")).unwrap();
        assert_eq!(keyed.unit_key, ["episode_id", "month_start"]);
    }

    /// A view named like a table the engine registers would silently replace it (or be
    /// replaced), so loading refuses it.
    #[test]
    fn a_view_cannot_take_the_name_of_an_engine_table() {
        // A measures folder with the test definition and one view named `name`.
        let load_with_view = |name: &str| {
            let dir = tempfile::tempdir().expect("tempdir");
            std::fs::write(dir.path().join("x-test.toml"), GOOD).unwrap();
            std::fs::write(dir.path().join(VIEWS_FILE), format!("[[view]]\nname = \"{name}\"\ndoc = \"d\"\nsql = \"SELECT 1\"\n")).unwrap();
            load(dir.path())
        };
        for name in ["persons", "w_months", "persons_strata", "numerator"] {
            let e = load_with_view(name).map(|_| ()).unwrap_err().to_string();
            assert!(e.contains(&format!("view name `{name}` is taken by a table the engine registers")), "{e}");
        }
        assert_eq!(load_with_view("my_view").expect("a free name loads").views.len(), 1);
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let cases = [
            (GOOD.replace("\"higher\"", "\"up\""), "direction"),
            (GOOD.replace("\"CADI\"", "\"CADDY\""), "`CADDY` is not a cm_type"),
            (GOOD.replace("\"sex\"", "\"race\""), "stratifiers, never covariates"),
            (GOOD.replace("{w_end}", "{w_finish}"), "unknown parameter {w_finish}"),
            (GOOD.replace("x-test\"", "other\""), "must match the file name"),
            (GOOD.replace("unit = \"episodes\"", "unit = \"episodes\"\ncolour = 1"), "colour"),
            (GOOD.replace("numerator = \"SELECT 1\"", ""), "numerator"),
            (GOOD.replace("numerator = \"SELECT 1\"", "numerator = \"SELECT 1\"\nunit_key = []"), "sql.unit_key is an empty list"),
            (GOOD.replace("numerator = \"SELECT 1\"", "numerator = \"SELECT 1\"\nunit_key = [\"a\", \"a\"]"), "`a` is not a unique"),
            (GOOD.replace("numerator = \"SELECT 1\"", "numerator = \"SELECT 1\"\nunit_key = [\"scope\", \"b\"]"), "`scope` is always part of the key"),
        ];
        for (text, want) in cases {
            let e = p(&text).unwrap_err().to_string();
            assert!(e.starts_with("measures/x-test.toml: "), "{e}");
            assert!(e.contains(want), "{want} not in: {e}");
        }
    }
}
