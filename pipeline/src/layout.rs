//! Submission layouts as data. A layout file (`pipeline/layouts/*.toml`) says how each
//! submitted file maps onto the canonical tables of [`crate::schema`]: its delimiter,
//! date and flag conventions, header, column renames, value maps and, for a file that
//! feeds several tables, how rows are routed. The MCO mapping lives there, not in code.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::schema::{self, Column, Table};

#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("layout file {file}: {source}")]
    Parse { file: String, source: toml::de::Error },
    #[error("layout {layout}, file {file}: {message}")]
    Invalid { layout: String, file: String, message: String },
}

/// The result of this module's operations.
pub type Result<T, E = LayoutError> = std::result::Result<T, E>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutSpec {
    layout: String,
    delimiter: char,
    quoting: bool,
    date_format: String,
    flag_true: String,
    flag_false: String,
    list_separator: char,
    #[serde(default)]
    maps: BTreeMap<String, BTreeMap<String, String>>,
    files: Vec<FileSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    name: String,
    /// The exact header row; defaults to the canonical column names of the single target.
    #[serde(default)]
    header: Option<Vec<String>>,
    #[serde(default)]
    route_by: Option<String>,
    targets: Vec<TargetSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetSpec {
    table: String,
    /// source column → canonical column; empty means the header uses canonical names.
    #[serde(default)]
    columns: BTreeMap<String, String>,
    /// source column → name of a value map.
    #[serde(default)]
    values: BTreeMap<String, String>,
    /// canonical column → constant value (standard-v1 conventions), for every row.
    #[serde(default)]
    set: BTreeMap<String, String>,
    /// route value → constants for rows carrying that value.
    #[serde(default)]
    when: BTreeMap<String, BTreeMap<String, String>>,
}

/// Text conventions of a layout.
#[derive(Debug, Clone)]
pub struct Dialect {
    pub delimiter: u8,
    pub quoting: bool,
    pub date_format: String,
    /// Length of a well-formed date, so `2026-1-5` is rejected even where chrono would accept it.
    pub date_len: usize,
    pub flag_true: String,
    pub flag_false: String,
    pub list_separator: char,
}

impl Dialect {
    /// The standard-v1 conventions, used for constants written in layout files.
    pub fn standard() -> Dialect {
        Dialect {
            delimiter: b',',
            quoting: true,
            date_format: "%Y-%m-%d".into(),
            date_len: 10,
            flag_true: "Y".into(),
            flag_false: "N".into(),
            list_separator: ';',
        }
    }
}

/// Where one source column goes in one target table.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Index into the target table's columns; `None` when the column does not feed this
    /// table but feeds another target of the same file: it is still checked (with `check`),
    /// so every column of a routed file is validated whatever the row's route.
    pub column: Option<usize>,
    /// The canonical column definition the value is checked against.
    pub check: Column,
    /// Value map applied before the code check.
    pub map: Option<BTreeMap<String, String>>,
}

#[derive(Debug)]
pub struct Target {
    pub table: &'static Table,
    /// One entry per source column (None: the column does not feed this table).
    pub slots: Vec<Option<Slot>>,
    /// Constant canonical values (column index, standard-v1 text).
    pub constants: Vec<(usize, String)>,
}

#[derive(Debug)]
pub struct FilePlan {
    pub name: String,
    pub header: Vec<String>,
    /// Source column index of the routing column and route value → (target, constants).
    pub route: Option<(usize, BTreeMap<String, (usize, Vec<(usize, String)>)>)>,
    pub targets: Vec<Target>,
}

#[derive(Debug)]
pub struct Layout {
    pub name: String,
    pub dialect: Dialect,
    pub files: Vec<FilePlan>,
}

impl Layout {
    pub fn file(&self, name: &str) -> Option<&FilePlan> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Parses and checks a layout file; every mapping must land on a real canonical column.
    pub fn from_toml(source_name: &str, text: &str) -> Result<Layout> {
        let spec: LayoutSpec =
            toml::from_str(text).map_err(|source| LayoutError::Parse { file: source_name.into(), source })?;
        let mut files = Vec::new();
        for f in &spec.files {
            files.push(compile_file(&spec, f)?);
        }
        let date_len = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
            .expect("date")
            .format(&spec.date_format)
            .to_string()
            .len();
        let delimiter = u8::try_from(spec.delimiter).map_err(|_| LayoutError::Invalid {
            layout: spec.layout.clone(),
            file: source_name.into(),
            message: "delimiter must be one ASCII character".into(),
        })?;
        Ok(Layout {
            name: spec.layout.clone(),
            dialect: Dialect {
                delimiter,
                quoting: spec.quoting,
                date_format: spec.date_format.clone(),
                date_len,
                flag_true: spec.flag_true.clone(),
                flag_false: spec.flag_false.clone(),
                list_separator: spec.list_separator,
            },
            files,
        })
    }
}

fn compile_file(spec: &LayoutSpec, f: &FileSpec) -> Result<FilePlan> {
    let invalid = |message: String| LayoutError::Invalid { layout: spec.layout.clone(), file: f.name.clone(), message };
    if f.targets.is_empty() {
        return Err(invalid("no targets".into()));
    }
    if f.targets.len() > 1 && f.route_by.is_none() {
        return Err(invalid("several targets need `route_by`".into()));
    }
    let header: Vec<String> = match (&f.header, f.targets.as_slice()) {
        (Some(h), _) => h.clone(),
        (None, [t]) if t.columns.is_empty() => {
            let table = schema::table(&t.table).ok_or_else(|| invalid(format!("unknown table `{}`", t.table)))?;
            table.columns.iter().map(|c| c.name.to_string()).collect()
        }
        _ => return Err(invalid("`header` is required when columns are renamed".into())),
    };
    let route_idx = match &f.route_by {
        Some(r) => Some(header.iter().position(|h| h == r).ok_or_else(|| invalid(format!("route column `{r}` not in header")))?),
        None => None,
    };
    let parse_constants = |table: &'static Table, set: &BTreeMap<String, String>| -> Result<Vec<(usize, String)>> {
        set.iter()
            .map(|(k, v)| {
                let i = table.columns.iter().position(|c| c.name == k).ok_or_else(|| {
                    invalid(format!("constant for unknown column `{k}` of {}", table.name))
                })?;
                Ok((i, v.clone()))
            })
            .collect()
    };
    let mut targets = Vec::new();
    let mut routes = BTreeMap::new();
    for (ti, t) in f.targets.iter().enumerate() {
        let table = schema::table(&t.table).ok_or_else(|| invalid(format!("unknown table `{}`", t.table)))?;
        let mut slots = vec![None; header.len()];
        for (si, src) in header.iter().enumerate() {
            if Some(si) == route_idx {
                continue;
            }
            let field = if t.columns.is_empty() { Some(src.as_str()) } else { t.columns.get(src).map(String::as_str) };
            let Some(field) = field else { continue };
            let column = table
                .columns
                .iter()
                .position(|c| c.name == field)
                .ok_or_else(|| invalid(format!("`{src}` maps to unknown column `{field}` of {}", table.name)))?;
            let map = match t.values.get(src) {
                Some(m) => Some(spec.maps.get(m).cloned().ok_or_else(|| invalid(format!("unknown value map `{m}`")))?),
                None => None,
            };
            slots[si] = Some(Slot { column: Some(column), check: table.columns[column], map });
        }
        for src in t.columns.keys().chain(t.values.keys()) {
            if !header.contains(src) {
                return Err(invalid(format!("mapped column `{src}` is not in the header")));
            }
        }
        let constants = parse_constants(table, &t.set)?;
        for (value, set) in &t.when {
            if route_idx.is_none() {
                return Err(invalid("`when` without `route_by`".into()));
            }
            if routes.insert(value.clone(), (ti, parse_constants(table, set)?)).is_some() {
                return Err(invalid(format!("route value `{value}` is listed twice")));
            }
        }
        // Every required canonical column must be fed by the file or a constant.
        for (ci, c) in table.columns.iter().enumerate() {
            let fed = slots.iter().flatten().any(|s| s.column == Some(ci))
                || constants.iter().any(|(i, _)| *i == ci)
                || (!t.when.is_empty() && t.when.values().all(|w| w.contains_key(c.name)));
            if c.required && !fed {
                return Err(invalid(format!("required column `{}` of {} is not mapped", c.name, table.name)));
            }
        }
        targets.push(Target { table, slots, constants });
    }
    // Columns a target does not take are still checked as the other targets define them.
    for ti in 0..targets.len() {
        for si in 0..header.len() {
            if targets[ti].slots[si].is_some() {
                continue;
            }
            let other = targets.iter().find_map(|t| t.slots[si].clone());
            if let Some(mut slot) = other {
                slot.column = None;
                slot.check.required = false;
                targets[ti].slots[si] = Some(slot);
            }
        }
    }
    if route_idx.is_some() && routes.is_empty() {
        return Err(invalid("`route_by` without any `when`".into()));
    }
    Ok(FilePlan { name: f.name.clone(), header, route: route_idx.map(|i| (i, routes)), targets })
}

/// The two layouts of the contract, built into the binary.
pub fn builtin(name: &str) -> Option<&'static Layout> {
    use std::sync::OnceLock;
    static STANDARD: OnceLock<Layout> = OnceLock::new();
    static MCO: OnceLock<Layout> = OnceLock::new();
    let (cell, file, text) = match name {
        "standard-v1" => (&STANDARD, "standard-v1.toml", include_str!("../layouts/standard-v1.toml")),
        "mco-v1" => (&MCO, "mco-v1.toml", include_str!("../layouts/mco-v1.toml")),
        _ => return None,
    };
    Some(cell.get_or_init(|| Layout::from_toml(file, text).unwrap_or_else(|e| panic!("built-in layout is invalid: {e}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_layouts_compile() {
        let std = builtin("standard-v1").unwrap();
        assert_eq!(std.files.len(), 8);
        assert_eq!(std.file("persons.csv").unwrap().header[0], "person_id");
        let mco = builtin("mco-v1").unwrap();
        assert_eq!(mco.files.len(), 7);
        let act = mco.file("CC_ACTIVITY.txt").unwrap();
        let (idx, routes) = act.route.as_ref().unwrap();
        assert_eq!(act.header[*idx], "ACT_CODE");
        assert_eq!(routes.len(), 7);
        assert_eq!(mco.dialect.date_len, 8);
    }

    #[test]
    fn bad_mapping_names_the_file() {
        let text = r#"
layout = "x"
delimiter = "|"
quoting = false
date_format = "%Y%m%d"
flag_true = "1"
flag_false = "0"
list_separator = "~"
[[files]]
name = "A.txt"
header = ["ID"]
[[files.targets]]
table = "persons"
columns = { ID = "no_such_column" }
"#;
        let err = Layout::from_toml("x.toml", text).unwrap_err().to_string();
        assert!(err.contains("A.txt") && err.contains("no_such_column"), "{err}");
    }
}
