//! Runs measure definitions in DataFusion and turns their counts into result rows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::compute::{cast, concat_batches};
use datafusion::arrow::datatypes::{DataType, Int64Type};
use datafusion::common::HashMap;
use datafusion::prelude::*;

use super::Result;
use super::definition::{CovariateSource, Definition, MeasureSet, View};
use super::results::{Adjustment, ResultRow, ALL, STATE};
use super::strata::{self, ALL_STRATA, STRATIFIERS};
use super::window::Window;
use super::{MeasureError, MeasureOutput, Note, NoteKind, RiskModel};
use crate::toolkit::{self, string_at};
use crate::period::Period;
use crate::schema::TABLES;
use crate::stats::design::{Covariate, Design, Values};
use crate::stats::{byar, compare, disparity, logistic, wilson, Z95};

/// Memory DataFusion may use for one measure before spilling.

/// Counts of one (provider, scope, stratifier, stratum): denominator, numerator and, when
/// adjusted, expected.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    den: u64,
    num: u64,
    expected: f64,
    /// The fewest units of one cm_type behind a type-standardized expected (types with
    /// units only); the publish stage judges whether it is a small number.
    min_type_count: Option<u64>,
}

impl Counts {
    fn minus(self, other: Counts) -> Counts {
        Counts { den: self.den - other.den, num: self.num - other.num, expected: self.expected - other.expected, min_type_count: None }
    }

    fn add(&mut self, other: Counts) {
        self.den += other.den;
        self.num += other.num;
        self.expected += other.expected;
        self.min_type_count = match (self.min_type_count, other.min_type_count) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

/// Sums counts split by the unit's cm_type (providers' and STATE's) into one count per key,
/// with the expected of an `ALL`-scope key Σₜ unitsₜ × statewide rate of cm_type t. The
/// statewide rate of t is the STATE row of t; a unit whose type has no statewide rate (no
/// type, or a type with no cm_type-scope units) is expected at the statewide `ALL` rate.
fn standardize(by_type: &BTreeMap<(Key, String), Counts>) -> BTreeMap<Key, Counts> {
    let mut state: BTreeMap<&str, Counts> = BTreeMap::new();
    for (((provider, scope, stratifier, _), _), c) in by_type {
        if provider == STATE && stratifier == ALL_STRATA {
            state.entry(scope).or_default().add(*c);
        }
    }
    let rate = |c: &Counts| (c.den > 0).then(|| c.num as f64 / c.den as f64);
    let all_rate = state.get(ALL).and_then(rate).unwrap_or(0.0);
    let mut counts: BTreeMap<Key, Counts> = BTreeMap::new();
    for ((key, unit_type), c) in by_type {
        let mut c = *c;
        if key.1 == ALL {
            let type_rate = state.get(unit_type.as_str()).filter(|_| unit_type != ALL).and_then(rate).unwrap_or(all_rate);
            c.expected = c.den as f64 * type_rate;
            c.min_type_count = (c.den > 0).then_some(c.den);
        }
        counts.entry(key.clone()).or_default().add(c);
    }
    counts
}

/// (provider_id, scope, stratifier, stratum).
type Key = (String, String, String, String);

/// The stratum columns of a counting query, one per stratifier, after the fixed columns:
/// read from [`STRATA_TABLE`] aliased `p`.
fn strata_columns() -> String {
    STRATIFIERS.iter().map(|s| format!("p.stratum_{c} AS {c}", c = s.code())).collect::<Vec<_>>().join(", ")
}

/// The table of [`persons_with_strata`] for the window being measured.
const STRATA_TABLE: &str = "persons_strata";

/// The relations the engine registers for each measure besides the warehouse tables; a
/// shared view may not take one of these names (`definition::load` refuses it).
pub(crate) const REGISTERED: [&str; 6] = ["scopes", "w_months", STRATA_TABLE, "denominator", "numerator", NUMERATOR_UNITS];

/// The numerator's distinct units of the measure and window being counted
/// ([`Engine::numerator_units`]).
const NUMERATOR_UNITS: &str = "numerator_units";

/// Every person's row with their stratum of each stratifier (`stratum_<code>`), age on
/// `on`. Computed per person, not per counted unit: the race and ethnicity rule alone is a
/// dozen pattern matches, and a person has many units. And computed once per window
/// ([`STRATA_TABLE`]), not in each counting query: at 1,000,000 persons it costs about a
/// second each time, and a run has some eighty counting queries over five windows.
fn persons_with_strata(on: &str) -> String {
    let strata = STRATIFIERS.iter().map(|s| format!("{} AS stratum_{}", s.sql(on), s.code())).collect::<Vec<_>>().join(", ");
    format!("SELECT p.*, {strata} FROM persons p")
}

/// Which stratifier a counted row belongs to: the one stratum column that is set (in a
/// GROUPING SETS result) or, for collected rows, the one asked for. `None` for a person with
/// no stratum of that stratifier (no birth date → no age band).
fn stratum_of(b: &RecordBatch, first: usize, i: usize) -> Option<(String, String)> {
    for (k, s) in STRATIFIERS.iter().enumerate() {
        let c = b.column(first + k);
        if c.is_valid(i) {
            let v = string_at(c, i);
            return (!v.is_empty()).then(|| (s.code().to_string(), v));
        }
    }
    Some((ALL_STRATA.to_string(), ALL_STRATA.to_string()))
}

/// When set, every risk model's fitting data (covariate patterns with their trials and
/// events, one CSV per measure and period) is written into this folder, so the fit can be
/// reproduced in R (`tests/reference/make_r_reference.sh`). Aggregated, but small counts:
/// for the state's analysts only, never published.
pub const MODEL_DATA_ENV: &str = "CASECARD_MODEL_DATA";

fn write_model_data(
    dir: &Path,
    def: &Definition,
    w: &Window,
    names: &[String],
    rows: &[Vec<f64>],
    trials: &[f64],
    successes: &[f64],
) -> Result<()> {
    let path = dir.join(format!("{}-{}.csv", def.id, w.period));
    let io = |e: std::io::Error| MeasureError::Io { path: path.clone(), source: e };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut out = csv::Writer::from_path(&path).map_err(|e| io(e.into()))?;
    let header: Vec<&str> = names.iter().map(String::as_str).chain(["trials", "events"]).collect();
    out.write_record(&header).map_err(|e| io(e.into()))?;
    for ((r, m), y) in rows.iter().zip(trials).zip(successes) {
        let record: Vec<String> = r.iter().chain([m, y]).map(|v| v.to_string()).collect();
        out.write_record(&record).map_err(|e| io(e.into()))?;
    }
    out.flush().map_err(io)
}

pub struct Engine<'a> {
    set: &'a MeasureSet,
    ctx: SessionContext,
    work: std::path::PathBuf,
    /// Materialized views already written: their [`view_key`] → folder and schema.
    materialized: BTreeMap<ViewKey, (std::path::PathBuf, datafusion::arrow::datatypes::Schema)>,
    /// Every provider with the cm_types it lists.
    providers: Vec<(String, BTreeSet<String>)>,
    /// The statements run, for replaying them in another engine (off unless asked for).
    trace: toolkit::SqlTrace,
}

/// Whether `sql` mentions `name` as a whole word.
fn mentions(sql: &str, name: &str) -> bool {
    sql.match_indices(name).any(|(i, _)| {
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        !sql[..i].chars().next_back().is_some_and(word) && !sql[i + name.len()..].chars().next().is_some_and(word)
    })
}

/// The views of `views` that `sql` reads, directly or through other views (last first).
fn views_read<'s>(views: &'s [View], sql: &[&str]) -> Vec<&'s View> {
    let mut texts: Vec<&str> = sql.to_vec();
    let mut read = Vec::new();
    // Views can only read views defined before them, so one pass from the last back suffices.
    for v in views.iter().rev() {
        if texts.iter().any(|t| mentions(t, &v.name)) {
            read.push(v);
            texts.push(&v.sql);
        }
    }
    read
}

/// The shared views a measure reads, directly or through other views.
fn needed_views<'s>(set: &'s MeasureSet, def: &Definition) -> BTreeSet<&'s str> {
    views_read(&set.views, &[&def.denominator, &def.numerator]).into_iter().map(|v| v.name.as_str()).collect()
}

/// The key under which a materialized view's rows are shared between measures and windows:
/// the view's name; its SQL and that of every view it reads, with the window's parameters
/// substituted; and the two session views that change between measures and windows, the
/// measure's cm_types when one of those texts reads `scopes` and the window's months when
/// one reads `w_months` (both are made in `Engine::prepare`). Equal keys, equal rows.
///
/// Why not simply the window and the cm_types: `discharges` reads neither and names no
/// parameter, so every measure and window that reads it gets the same rows, and keyed by
/// window and cm_types it was computed ten times a run (2–3 s each at 1,000,000 persons).
fn view_key(set: &MeasureSet, v: &View, def: &Definition, w: &Window) -> ViewKey {
    let at = set.views.iter().position(|u| u.name == v.name).expect("a view of the set");
    let texts: Vec<String> =
        std::iter::once(v).chain(views_read(&set.views[..at], &[&v.sql])).map(|u| w.substitute(&u.sql)).collect();
    let mut session = Vec::new();
    if texts.iter().any(|t| mentions(t, "scopes")) {
        session.push(format!("scopes: {}", def.cm_types.join(", ")));
    }
    if texts.iter().any(|t| mentions(t, "w_months")) {
        session.push(format!("w_months: {:?}", w.months()));
    }
    (v.name.clone(), texts.join("\n;\n"), session)
}

/// See [`view_key`]; the persons' strata are keyed by their window alone.
type ViewKey = (String, String, Vec<String>);

fn sql_list(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

impl<'a> Engine<'a> {
    /// A session over the warehouse tables (each with its `submitter_id` and `period`).
    pub async fn new(set: &'a MeasureSet, warehouse: &Path, work: &Path, cluster: Option<&str>) -> Result<Engine<'a>> {
        let ctx = toolkit::heavy_session(&work.join("spill"), cluster).await.map_err(|e| MeasureError::Shape {
            path: work.to_path_buf(),
            message: e.to_string(),
        })?;
        // The warehouse is partitioned by submitter and period: hundreds of small files per
        // table. Every measure scans several tables for every window, so each table is first
        // copied into one unpartitioned table (with `submitter_id` and `period` as plain
        // columns) in the work folder. Measured at 200,000 persons (release build): reading
        // the partitions in place saved the 6 s copy but cost the small measures 1–2 s per
        // query in opening 849 files a table (measure stage 202 s against 105 s; BENCHMARKS.md).
        crate::warehouse::register(&ctx, warehouse, "warehouse_").await.map_err(|e| MeasureError::Shape {
            path: warehouse.to_path_buf(),
            message: format!("reading the warehouse: {e}"),
        })?;
        for t in TABLES {
            let copy = work.join("tables").join(t.name);
            toolkit::materialize(&ctx, &format!("SELECT * FROM warehouse_{}", t.name), &copy, t.name).await.map_err(|e| {
                MeasureError::Shape { path: warehouse.join(t.name), message: format!("copying the warehouse table: {e}") }
            })?;
        }
        let batches = toolkit::collect(&ctx, "SELECT provider_id, cm_types FROM providers ORDER BY provider_id").await?;
        let mut providers = Vec::new();
        for b in &batches {
            for i in 0..b.num_rows() {
                let types = string_at(b.column(1), i);
                providers.push((string_at(b.column(0), i), types.split(';').filter(|s| !s.is_empty()).map(str::to_string).collect()));
            }
        }
        providers.dedup_by(|a, b| a.0 == b.0);
        let trace = toolkit::SqlTrace::from_env().map_err(|e| MeasureError::Shape { path: work.to_path_buf(), message: e.to_string() })?;
        for t in TABLES {
            trace.log(serde_json::json!({ "step": "table", "name": t.name }));
        }
        Ok(Engine { set, ctx, work: work.to_path_buf(), materialized: BTreeMap::new(), providers, trace })
    }

    async fn exec(&self, def: &Definition, part: &'static str, sql: &str) -> Result<()> {
        let sql_err = |e: datafusion::error::DataFusionError| MeasureError::Sql { path: def.path.clone(), part, message: e.to_string() };
        self.trace.log(serde_json::json!({ "step": "sql", "sql": sql }));
        self.ctx.sql(sql).await.map_err(sql_err)?.collect().await.map_err(sql_err)?;
        Ok(())
    }

    /// Registers `name` as the result of `sql`: computed and written into the work folder
    /// the first time `key` is asked for, read back from there every later time. The trace
    /// records both, so that a replay in another engine does the same work.
    async fn materialize_once(&mut self, name: &str, key: ViewKey, sql: &str) -> toolkit::Result<()> {
        match self.materialized.get(&key) {
            Some((dir, schema)) => {
                self.trace.log(serde_json::json!({ "step": "reuse", "name": name, "key": dir.file_name().map(|n| n.to_string_lossy()) }));
                toolkit::register_dir(&self.ctx, name, dir, schema).await
            }
            None => {
                let dir = self.work.join("views").join(format!("{name}-{}", self.materialized.len()));
                let schema = self.materialize(name, &dir, sql).await?;
                self.materialized.insert(key, (dir, schema));
                Ok(())
            }
        }
    }

    /// Registers `name` as the result of `sql`, computed now and written into `dir` (emptied
    /// first); the trace records it, so that a replay in another engine does the same work.
    async fn materialize(&self, name: &str, dir: &Path, sql: &str) -> toolkit::Result<datafusion::arrow::datatypes::Schema> {
        self.ctx.deregister_table(name)?;
        self.trace.log(serde_json::json!({ "step": "materialize", "name": name, "key": dir.file_name().map(|n| n.to_string_lossy()), "sql": sql }));
        toolkit::materialize(&self.ctx, sql, dir, name).await?;
        Ok(self.ctx.table(name).await?.schema().as_arrow().clone())
    }

    /// Registers the window's tables, the shared views and the measure's two queries.
    async fn prepare(&mut self, def: &Definition, w: &Window) -> Result<()> {
        let scopes = sql_list(def.cm_types.iter().flat_map(|t| [format!("('{t}', '{t}')"), format!("('{t}', '{ALL}')")]));
        self.exec(def, "scopes", &format!("CREATE OR REPLACE VIEW scopes AS SELECT cm_type, scope FROM (VALUES {scopes}) AS v(cm_type, scope)")).await?;
        let months = sql_list(w.months().into_iter().map(|(a, b)| format!("(DATE '{a}', DATE '{b}')")));
        self.exec(def, "w_months", &format!("CREATE OR REPLACE VIEW w_months AS SELECT month_start, month_end FROM (VALUES {months}) AS v(month_start, month_end)")).await?;
        let set = self.set;
        let views_path = set.dir.join(super::definition::VIEWS_FILE);
        let needed = needed_views(set, def);
        for v in &set.views {
            let view_err = |e: String| MeasureError::Sql { path: views_path.clone(), part: "view", message: format!("view {}: {e}", v.name) };
            let sql = w.substitute(&v.sql);
            // A view this measure does not read stays a (free) lazy view even when marked
            // for materializing.
            if !v.materialize || !needed.contains(v.name.as_str()) {
                self.ctx.deregister_table(&v.name)?;
                let create = format!("CREATE OR REPLACE VIEW {} AS {sql}", v.name);
                self.trace.log(serde_json::json!({ "step": "sql", "sql": create }));
                self.ctx.sql(&create).await.map_err(|e| view_err(e.to_string()))?;
                continue;
            }
            self.materialize_once(&v.name, view_key(set, v, def, w), &sql).await.map_err(|e| view_err(e.to_string()))?;
        }
        // The persons with their strata, for this window's counting queries.
        let strata_sql = persons_with_strata(&w.parameter("w_end").expect("w_end"));
        let key = (STRATA_TABLE.to_string(), w.period.to_string(), Vec::new());
        self.materialize_once(STRATA_TABLE, key, &strata_sql).await.map_err(|e| MeasureError::Shape {
            path: self.work.clone(),
            message: format!("computing the persons' strata for {}: {e}", w.period),
        })?;
        self.exec(def, "denominator", &format!("CREATE OR REPLACE VIEW denominator AS {}", w.substitute(&def.denominator))).await?;
        self.exec(def, "numerator", &format!("CREATE OR REPLACE VIEW numerator AS {}", w.substitute(&def.numerator))).await?;
        self.check_columns(def).await
    }

    /// The denominator must return provider_id, scope, the unit key (`unit` by default),
    /// person_id and cm_type (plus the columns its covariates read); the numerator
    /// provider_id, scope and the unit key.
    async fn check_columns(&self, def: &Definition) -> Result<()> {
        let shape = |message: String| MeasureError::Shape { path: def.path.clone(), message };
        let den = self.ctx.table("denominator").await?.schema().clone();
        let mut need: Vec<&str> = vec!["provider_id", "scope", "person_id", "cm_type"];
        need.extend(def.unit_key.iter().map(String::as_str));
        need.extend(def.covariates.iter().filter(|c| c.source == CovariateSource::Denominator).map(|c| c.name.as_str()));
        for c in need {
            if den.field_with_unqualified_name(c).is_err() {
                return Err(shape(format!("sql.denominator must return a column `{c}`")));
            }
        }
        if let Ok(f) = den.field_with_unqualified_name("age_date") {
            if f.data_type() != &DataType::Date32 {
                return Err(shape(format!("sql.denominator: `age_date` must be a date, not {}", f.data_type())));
            }
        }
        let num = self.ctx.table("numerator").await?.schema().clone();
        for c in ["provider_id", "scope"].into_iter().chain(def.unit_key.iter().map(String::as_str)) {
            let Ok(n) = num.field_with_unqualified_name(c) else {
                return Err(shape(format!("sql.numerator must return a column `{c}`")));
            };
            // The join would otherwise convert one side silently (a date to text, say).
            let d = den.field_with_unqualified_name(c).expect("checked above");
            if n.data_type() != d.data_type() {
                return Err(shape(format!(
                    "the unit key column `{c}` is {} in sql.denominator but {} in sql.numerator",
                    d.data_type(),
                    n.data_type()
                )));
            }
        }
        Ok(())
    }

    /// Plans every measure against the reporting period, so a broken definition fails
    /// the run before any work is done.
    pub async fn check_all(&mut self, reporting: Period) -> Result<()> {
        for def in &self.set.measures {
            let w = Window::of(reporting, def.lookback_quarters);
            self.prepare(def, &w).await?;
            for part in ["denominator", "numerator"] {
                self.ctx.sql(&format!("EXPLAIN SELECT * FROM {part}")).await.map_err(|e| MeasureError::Sql {
                    path: def.path.clone(),
                    part: if part == "denominator" { "denominator" } else { "numerator" },
                    message: e.to_string(),
                })?;
            }
        }
        Ok(())
    }

    /// Starts a measure with hash joins, even if the previous measure's outgrew the memory
    /// pool (`toolkit::bounded`): measures differ greatly in size.
    pub async fn start_measure(&self) -> Result<()> {
        Ok(toolkit::restore_hash_joins(&self.ctx).await?)
    }

    /// Computes one measure for one window and appends its rows (and notes) to `out`.
    pub async fn measure(&mut self, def: &Definition, w: &Window, out: &mut MeasureOutput) -> Result<()> {
        self.prepare(def, w).await?;
        self.numerator_units(def).await?;
        let fitted = if def.risk_adjusted() { self.adjusted_counts(def, w, out).await? } else { None };
        let (counts, adjustment) = match fitted {
            Some(c) => (c, Adjustment::Risk),
            // measures.md v2: without a fitted model, ALL rows are standardized for the mix
            // of cm_types.
            None => (self.type_standardized_counts(def, w).await?, Adjustment::Type),
        };
        out.rows.extend(self.rows(def, w, &counts, adjustment));
        Ok(())
    }

    /// Stops the run when the counting query saw numerator units outside the denominator
    /// (`seen` > 0). The count in the message comes from a query of its own: the counting
    /// query's rows cannot give it exactly (an orphan has no person, so it falls into every
    /// grouping set's "all" row).
    async fn check_orphans(&self, def: &Definition, seen: u64) -> Result<()> {
        if seen == 0 {
            return Ok(());
        }
        let sql = format!("SELECT COUNT(*) FROM {} WHERE NOT ({})", Self::joined(def), Self::in_den(def));
        let n = toolkit::collect(&self.ctx, &sql).await?.first().map_or(Ok(0), |b| int_column(b, 0).map(|c| c[0]))?;
        let key = def.unit_key.join(", ");
        Err(MeasureError::Shape {
            path: def.path.clone(),
            message: format!(
                "sql.numerator returned {n} unit(s) that are not in the denominator (the numerator must be a subset; units are matched on provider_id, scope and {key}, and a unit with a NULL in {key} matches nothing)"
            ),
        })
    }

    /// Every denominator unit beside its numerator match, keyed by (provider_id, scope, the
    /// unit key). A numerator unit outside the denominator is an orphan: `NOT in_den`.
    fn joined(def: &Definition) -> String {
        let on: String = def.unit_key.iter().map(|k| format!(" AND d.{k} = n.{k}")).collect();
        format!("denominator d FULL JOIN {NUMERATOR_UNITS} n ON d.provider_id = n.provider_id AND d.scope = n.scope{on}")
    }

    /// Computes the numerator's distinct units as a query of its own and keeps them in the
    /// work folder as [`NUMERATOR_UNITS`], for the counting query to join.
    ///
    /// Why not inside the counting query: DataFusion's fair memory pool gives every
    /// spillable operator of a running plan an equal share, and the counting query has a
    /// dozen (its grouping sets and per-person counts beside the DISTINCT). At 1,000,000
    /// persons the DISTINCT over contact-monthly's 10 M numerator units got a twelfth of
    /// the pool and spilled, which took longer than the rest of the query. On its own it
    /// shares the pool with three others, and does not spill.
    ///
    /// Each is read by one measure and window only, so all share one folder, rewritten each
    /// time (contact-monthly's hold 10 M rows at 1,000,000 persons).
    async fn numerator_units(&self, def: &Definition) -> Result<()> {
        let sql = format!("SELECT DISTINCT provider_id, scope, {} FROM numerator", def.unit_key.join(", "));
        self.materialize(NUMERATOR_UNITS, &self.work.join("views").join(NUMERATOR_UNITS), &sql).await.map_err(|e| MeasureError::Sql {
            path: def.path.clone(),
            part: "denominator or sql.numerator",
            message: e.to_string(),
        })?;
        Ok(())
    }

    /// SQL over [`Self::joined`] that is true for a row from the denominator: every key
    /// column is set. A denominator unit with a NULL in its key matches nothing and is
    /// counted with the orphans, so the run stops ([`Self::check_orphans`]).
    fn in_den(def: &Definition) -> String {
        def.unit_key.iter().map(|k| format!("d.{k} IS NOT NULL")).collect::<Vec<_>>().join(" AND ")
    }

    /// SQL over [`Self::joined`] that is true for a row with a numerator match.
    fn in_num(def: &Definition) -> String {
        format!("n.{} IS NOT NULL", def.unit_key[0])
    }

    /// Counts per (provider, scope) and, for the `ALL` scope, per stratum, entirely in
    /// DataFusion (one pass with GROUPING SETS), each split by the unit's own cm_type; then
    /// the expected of every `ALL`-scope count is Σ units of type t × the statewide rate of
    /// t (measures.md v2, "Type standardization of `ALL` rows").
    async fn type_standardized_counts(&self, def: &Definition, w: &Window) -> Result<BTreeMap<Key, Counts>> {
        let names: Vec<&str> = STRATIFIERS.iter().map(|s| s.code()).collect();
        let sets = std::iter::once("(provider_id, scope, unit_type)".to_string())
            .chain(names.iter().map(|n| format!("(provider_id, scope, unit_type, {n})")))
            .collect::<Vec<_>>()
            .join(", ");
        // Units are first counted per person (one person has many units, and the join with
        // the persons and the grouping sets then see a fraction of the rows). The persons are
        // the build side of the outer join on purpose: written `units LEFT JOIN persons`, the
        // engine would hash the unit counts and stream the persons past them.
        let sql = format!(
            "SELECT provider_id, scope, {names}, unit_type, SUM(den), SUM(hit), SUM(orphan) \
             FROM (SELECT u.provider_id, u.scope, u.unit_type, u.den, u.hit, u.orphan, {strata} \
                   FROM {persons} p RIGHT JOIN \
                        (SELECT provider_id, scope, person_id, unit_type, \
                                COUNT(CASE WHEN in_den THEN 1 END) AS den, COUNT(CASE WHEN hit THEN 1 END) AS hit, \
                                COUNT(CASE WHEN NOT in_den THEN 1 END) AS orphan \
                         FROM (SELECT COALESCE(d.provider_id, n.provider_id) AS provider_id, COALESCE(d.scope, n.scope) AS scope, \
                                      d.person_id, COALESCE(CAST(d.cm_type AS VARCHAR), '') AS unit_type, \
                                      {in_den} AS in_den, ({in_den} AND {in_num}) AS hit \
                               FROM {joined}) j \
                         GROUP BY provider_id, scope, person_id, unit_type) u \
                        ON p.person_id = u.person_id) s \
             GROUP BY GROUPING SETS ({sets})",
            names = names.join(", "),
            strata = strata_columns(),
            persons = STRATA_TABLE,
            joined = Self::joined(def),
            in_den = Self::in_den(def),
            in_num = Self::in_num(def),
        );
        let batches = self.run(def, w, &sql).await?;
        // (key, unit type) → counts.
        let mut by_type: BTreeMap<(Key, String), Counts> = BTreeMap::new();
        let mut orphans = 0;
        let first = 3 + STRATIFIERS.len();
        for b in &batches {
            let den = int_column(b, first)?;
            let num = int_column(b, first + 1)?;
            let orph = int_column(b, first + 2)?;
            for i in 0..b.num_rows() {
                let Some((stratifier, stratum)) = stratum_of(b, 2, i) else { continue };
                let scope = string_at(b.column(1), i);
                if stratifier == ALL_STRATA {
                    orphans += orph[i] as u64;
                } else if scope != ALL {
                    continue;
                }
                if den[i] > 0 {
                    let c = Counts { den: den[i] as u64, num: num[i] as u64, ..Counts::default() };
                    let unit_type = string_at(b.column(2 + STRATIFIERS.len()), i);
                    let state = (STATE.to_string(), scope.clone(), stratifier.clone(), stratum.clone());
                    by_type.entry((state, unit_type.clone())).or_default().add(c);
                    by_type.insert(((string_at(b.column(0), i), scope, stratifier, stratum), unit_type), c);
                }
            }
        }
        self.check_orphans(def, orphans).await?;
        Ok(standardize(&by_type))
    }

    async fn run(&self, def: &Definition, w: &Window, sql: &str) -> Result<Vec<RecordBatch>> {
        // Running the counts executes both queries, so an error here may be in either.
        let err = |e: datafusion::error::DataFusionError| MeasureError::Sql { path: def.path.clone(), part: "denominator or sql.numerator", message: e.to_string() };
        let batches = toolkit::collect(&self.ctx, sql).await.map_err(err)?;
        toolkit::explain(&self.ctx, &format!("{}-{}", def.id, w.period), sql)
            .await
            .map_err(|e| MeasureError::Shape { path: def.path.clone(), message: e.to_string() })?;
        if self.trace.enabled() {
            // What the query returned, for checking a replay got the same: its row count and
            // the sum of each integer column (the counts).
            let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
            let mut sums: Vec<Option<i64>> = Vec::new();
            if let Some(first) = batches.first() {
                for (k, f) in first.schema().fields().iter().enumerate() {
                    sums.push(if f.data_type().is_integer() {
                        let mut total = 0;
                        for b in &batches {
                            total += int_column(b, k)?.iter().sum::<i64>();
                        }
                        Some(total)
                    } else {
                        None
                    });
                }
            }
            self.trace.log(serde_json::json!({
                "step": "query", "measure": def.id, "period": w.period.to_string(), "sql": sql, "rows": rows, "sums": sums
            }));
        }
        Ok(batches)
    }

    /// Rows with covariates → risk model fitted on the `ALL` rows → counts with expected.
    /// `None` (with a note) when the model cannot be fitted.
    async fn adjusted_counts(
        &self,
        def: &Definition,
        w: &Window,
        out: &mut MeasureOutput,
    ) -> Result<Option<BTreeMap<Key, Counts>>> {
        let den_schema = self.ctx.table("denominator").await?.schema().clone();
        let on = if den_schema.field_with_unqualified_name("age_date").is_ok() {
            "d.age_date".to_string()
        } else {
            w.parameter("w_end").expect("w_end")
        };
        let covs: Vec<String> = def
            .covariates
            .iter()
            .map(|c| {
                let expr = match c.source {
                    CovariateSource::AgeBand => strata::age_band_sql("p.birth_date", &on),
                    CovariateSource::Person => format!("p.{}", c.name),
                    CovariateSource::Denominator => format!("d.{}", c.name),
                };
                format!("{expr} AS covariate_{}", c.name)
            })
            .collect();
        let sql = format!(
            "SELECT d.provider_id, d.scope, NOT ({in_den}), {in_num}, {covs}, {strata} \
             FROM {persons} p RIGHT JOIN ({joined}) ON p.person_id = d.person_id \
             ORDER BY d.provider_id, d.scope, {order}",
            covs = covs.join(", "),
            strata = strata_columns(),
            persons = STRATA_TABLE,
            joined = Self::joined(def),
            in_den = Self::in_den(def),
            in_num = Self::in_num(def),
            order = def.unit_key.iter().map(|k| format!("d.{k}")).collect::<Vec<_>>().join(", "),
        );
        let batches = self.run(def, w, &sql).await?;
        toolkit::timing("  rows collected");
        let Some(first) = batches.first() else { return Ok(Some(BTreeMap::new())) };
        let all = concat_batches(&first.schema(), &batches)?;
        let n = all.num_rows();
        let orphan = all.column(2).as_boolean();
        self.check_orphans(def, orphan.true_count() as u64).await?;
        let hit = all.column(3).as_boolean();
        let provider = cast(all.column(0), &DataType::Utf8)?;
        let scope = cast(all.column(1), &DataType::Utf8)?;
        let (provider, scope) = (provider.as_string::<i32>(), scope.as_string::<i32>());
        let covariates = def
            .covariates
            .iter()
            .enumerate()
            .map(|(k, c)| {
                Ok(Covariate { name: c.name.clone(), coding: c.coding, values: Values::from_array(all.column(4 + k).as_ref(), c.coding)? })
            })
            .collect::<Result<Vec<_>>>()?;
        let fit_rows: Vec<bool> = (0..n).map(|i| scope.value(i) == ALL).collect();
        let design = Design::learn(&covariates, &fit_rows);
        let (patterns, of_row) = design.patterns(n);
        let mut trials = vec![0.0; patterns.len()];
        let mut successes = vec![0.0; patterns.len()];
        for i in (0..n).filter(|&i| fit_rows[i]) {
            trials[of_row[i]] += 1.0;
            successes[of_row[i]] += f64::from(u8::from(hit.value(i)));
        }
        // Only patterns seen on fitting rows enter the likelihood.
        let used: Vec<usize> = (0..patterns.len()).filter(|&k| trials[k] > 0.0).collect();
        let fit_patterns: Vec<Vec<f64>> = used.iter().map(|&k| patterns[k].clone()).collect();
        let fit_trials: Vec<f64> = used.iter().map(|&k| trials[k]).collect();
        let fit_successes: Vec<f64> = used.iter().map(|&k| successes[k]).collect();
        if let Some(dir) = std::env::var_os(MODEL_DATA_ENV) {
            write_model_data(Path::new(&dir), def, w, &design.names, &fit_patterns, &fit_trials, &fit_successes)?;
        }
        let fit = logistic::fit(&fit_patterns, &fit_trials, &fit_successes);
        toolkit::timing(&format!("  model fitted on {} covariate patterns", used.len()));
        let fit = match fit {
            Ok(f) => f,
            Err(e) => {
                out.notes.push(Note {
                    period: w.period.to_string(),
                    measure_id: def.id.clone(),
                    kind: NoteKind::Unadjusted,
                    message: format!(
                        "the risk model could not be fitted ({e}); results for {} are not risk-adjusted (ALL rows are standardized for the mix of case-management types instead)",
                        w.period
                    ),
                });
                return Ok(None);
            }
        };
        let p: Vec<f64> = patterns.iter().map(|x| fit.predict(x)).collect();
        out.models.push(RiskModel::new(def, w, &design, &fit));
        let first_stratum = 4 + def.covariates.len();
        let strata: Vec<_> = (0..STRATIFIERS.len())
            .map(|k| cast(all.column(first_stratum + k), &DataType::Utf8))
            .collect::<Result<_, _>>()?;
        // Every unit adds to up to eight keys, for its provider and for the state. The keys
        // are small numbers while counting (a key of four strings per addition cost more than
        // the query at 1,000,000 persons); each key still receives its units in the same
        // order, so the float sums of `expected` are bit-for-bit those of a string-keyed map.
        let mut names: Vec<String> = Vec::new();
        let mut name_ids: HashMap<String, u32> = HashMap::default();
        let mut id = |s: &str| -> u32 {
            if let Some(&k) = name_ids.get(s) {
                return k;
            }
            names.push(s.to_string());
            name_ids.insert(s.to_string(), names.len() as u32 - 1);
            names.len() as u32 - 1
        };
        let (state, all_scope, all_strata) = (id(STATE), id(ALL), id(ALL_STRATA));
        let stratifier_ids: Vec<u32> = STRATIFIERS.iter().map(|s| id(s.code())).collect();
        let mut sums: HashMap<[u32; 4], Counts> = HashMap::default();
        for i in 0..n {
            let unit = Counts { den: 1, num: u64::from(hit.value(i)), expected: p[of_row[i]], min_type_count: None };
            let (prov, sc) = (id(provider.value(i)), id(scope.value(i)));
            let mut add = |stratifier: u32, stratum: u32| {
                for who in [prov, state] {
                    sums.entry([who, sc, stratifier, stratum]).or_default().add(unit);
                }
            };
            add(all_strata, all_strata);
            if sc != all_scope {
                continue;
            }
            for (k, values) in strata.iter().enumerate() {
                let v = values.as_string::<i32>().value(i);
                if !v.is_empty() {
                    add(stratifier_ids[k], id(v));
                }
            }
        }
        let name = |k: u32| names[k as usize].clone();
        let counts: BTreeMap<Key, Counts> = sums.into_iter().map(|([a, b, c, d], v)| ((name(a), name(b), name(c), name(d)), v)).collect();
        Ok(Some(counts))
    }

    /// The result rows of one measure and window: every provider's `ALL` row and its
    /// applicable cm_type rows, the STATE rows, and the strata of the `ALL` rows, with rates,
    /// intervals, categories and (raw, uncorrected) disparity tests. `counts` holds the STATE
    /// keys too (summed over providers by the counting step).
    fn rows(&self, def: &Definition, w: &Window, counts: &BTreeMap<Key, Counts>, adjustment: Adjustment) -> Vec<ResultRow> {
        let all = |provider: &str, scope: &str| (provider.to_string(), scope.to_string(), ALL_STRATA.to_string(), ALL_STRATA.to_string());
        let mut keyed: BTreeMap<Key, Counts> = counts.clone();
        // Every provider's ALL row and listed applicable cm_types exist, counted or not;
        // so do the STATE rows of ALL and of every applicable cm_type.
        for (id, types) in &self.providers {
            keyed.entry(all(id, ALL)).or_default();
            for t in types.iter().filter(|t| def.cm_types.contains(t)) {
                keyed.entry(all(id, t)).or_default();
            }
        }
        for t in def.cm_types.iter().map(String::as_str).chain([ALL]) {
            keyed.entry(all(STATE, t)).or_default();
        }
        let state_rate = |scope: &str| keyed.get(&all(STATE, scope)).filter(|c| c.den > 0).map(|c| c.num as f64 / c.den as f64);
        let mut rows = Vec::with_capacity(keyed.len());
        for ((provider, scope, stratifier, stratum), c) in &keyed {
            // measures.md v2: a fitted model adjusts every row; otherwise ALL rows (and their
            // strata) are type-standardized and cm_type rows compare within their type.
            let adjustment = match adjustment {
                Adjustment::Type if scope != ALL => Adjustment::None,
                a => a,
            };
            let mut r = ResultRow {
                period: w.period.to_string(),
                measure_id: def.id.clone(),
                provider_id: provider.clone(),
                cm_type: scope.clone(),
                stratifier: stratifier.clone(),
                stratum: stratum.clone(),
                denominator: Some(c.den as i64),
                numerator: Some(c.num as i64),
                adjustment,
                min_type_count: c.min_type_count,
                ..ResultRow::default()
            };
            let reference = state_rate(scope);
            if c.den > 0 {
                r.rate = Some(c.num as f64 / c.den as f64);
                (r.ci_low, r.ci_high) = wilson::interval(c.num, c.den, Z95).unzip();
                if adjustment.is_adjusted() && c.expected > 0.0 {
                    r.expected = Some(c.expected);
                    r.oe = Some(c.num as f64 / c.expected);
                    if let Some(sr) = reference {
                        r.rsr = r.oe.map(|oe| oe * sr);
                        let (lo, hi) = byar::oe_interval(c.num as f64, c.expected, Z95).unzip();
                        (r.rsr_low, r.rsr_high) = (lo.map(|l| l * sr), hi.map(|h| h * sr));
                    }
                }
            }
            if stratifier == ALL_STRATA {
                if provider != STATE {
                    let interval = if adjustment.is_adjusted() { r.rsr_low.zip(r.rsr_high) } else { r.ci_low.zip(r.ci_high) };
                    r.category = Some(compare::categorize(c.den, interval, reference, def.direction).code().to_string());
                }
            } else {
                // The gap to everyone else at the same scope (the provider, or the state).
                let total = keyed.get(&all(provider, scope)).copied().unwrap_or_default();
                let rest = total.minus(*c);
                if c.den > 0 && rest.den > 0 {
                    r.gap = Some(c.num as f64 / c.den as f64 - rest.num as f64 / rest.den as f64);
                }
                // Tested only where both sides could be rated; BH-corrected per period later.
                if c.den >= compare::MIN_DENOMINATOR && rest.den >= compare::MIN_DENOMINATOR {
                    r.gap_p = disparity::two_proportion_p(c.num, c.den, rest.num, rest.den);
                }
                r.flagged = Some(false);
            }
            rows.push(r);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_standardized_expected_by_hand() {
        let key = |p: &str, scope: &str| (p.to_string(), scope.to_string(), ALL_STRATA.to_string(), ALL_STRATA.to_string());
        let c = |den, num| Counts { den, num, ..Counts::default() };
        let mut by_type = BTreeMap::new();
        // Statewide: EW 50 of 100 (0.5), CADI 40 of 50 (0.8); the ALL units the same.
        by_type.insert((key(STATE, "EW"), "EW".to_string()), c(100, 50));
        by_type.insert((key(STATE, "CADI"), "CADI".to_string()), c(50, 40));
        by_type.insert((key(STATE, ALL), "EW".to_string()), c(100, 50));
        by_type.insert((key(STATE, ALL), "CADI".to_string()), c(50, 40));
        // Provider P: 20 EW units (12 met) and 10 CADI units (9 met).
        by_type.insert((key("P", ALL), "EW".to_string()), c(20, 12));
        by_type.insert((key("P", ALL), "CADI".to_string()), c(10, 9));
        by_type.insert((key("P", "EW"), "EW".to_string()), c(20, 12));
        // A unit with no type is expected at the statewide ALL rate, 90 / 150 = 0.6.
        by_type.insert((key("Q", ALL), String::new()), c(40, 30));
        let counts = standardize(&by_type);
        let p = counts[&key("P", ALL)];
        assert_eq!((p.den, p.num), (30, 21));
        assert!((p.expected - (20.0 * 0.5 + 10.0 * 0.8)).abs() < 1e-12, "{}", p.expected);
        assert_eq!(p.min_type_count, Some(10), "10 CADI units, 20 EW");
        assert_eq!(counts[&key("P", "EW")].expected, 0.0, "cm_type rows are not standardized");
        assert!((counts[&key("Q", ALL)].expected - 40.0 * 0.6).abs() < 1e-12);
        let state = counts[&key(STATE, ALL)];
        assert!((state.expected - 90.0).abs() < 1e-12 && state.min_type_count == Some(50), "statewide O/E = 1");
    }

    /// The measures shipped in `measures/`: `discharges` reads no parameter, `scopes` or
    /// `w_months` (through `stays` and `admissions`), so every measure and window shares it;
    /// `eligible_persons` names the window's dates and reads `scopes`, so it is kept apart
    /// per window and per set of cm_types.
    #[test]
    fn view_keys_share_what_does_not_depend_on_the_measure_or_window() {
        let set = super::super::definition::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../measures")).expect("measures");
        let def = |id: &str| set.measures.iter().find(|d| d.id == id).expect("measure");
        let view = |name: &str| set.views.iter().find(|v| v.name == name).expect("view");
        let (fuh, transition) = (def("fuh-30"), def("transition-followup-7"));
        assert_ne!(fuh.cm_types, transition.cm_types);
        let (q1, q2) = (Window::of("2026Q1".parse().unwrap(), 4), Window::of("2026Q2".parse().unwrap(), 4));
        let key = |v: &str, d: &Definition, w: &Window| view_key(&set, view(v), d, w);
        let discharges = key("discharges", fuh, &q2);
        for read in ["discharges", "stays", "admissions"] {
            assert!(discharges.1.contains(view(read).sql.trim()), "the key holds {read}'s SQL");
        }
        assert!(!discharges.1.contains(view("scoped_episodes").sql.trim()));
        assert!(discharges.2.is_empty());
        for (d, w) in [(fuh, &q1), (transition, &q1), (transition, &q2)] {
            assert_eq!(key("discharges", d, w), discharges);
        }
        // eligible_persons names the window's dates and reads `scopes` (through
        // scoped_episodes); episode_months reads `w_months` too.
        let eligible = key("eligible_persons", fuh, &q2);
        assert_eq!(eligible.2, ["scopes: AMH-TCM, CMH-TCM"]);
        assert!(eligible.1.contains("DATE '2025-07-01'"), "W of 2026Q2 starts on 2025-07-01");
        let months = key("episode_months", fuh, &q2).2;
        assert_eq!(months.len(), 2);
        assert!(months[1].starts_with("w_months: [(2025-07-01, 2025-07-31), "), "{months:?}");
        assert_ne!(key("eligible_persons", fuh, &q1), eligible);
        assert_ne!(key("eligible_persons", transition, &q2), eligible);
        assert_eq!(key("eligible_persons", def("fuh-7"), &q2), eligible, "fuh-7 has fuh-30's cm_types");
    }

    #[test]
    fn whole_word_mentions() {
        assert!(mentions("FROM eligible_persons e", "eligible_persons"));
        assert!(mentions("JOIN discharges", "discharges"));
        assert!(!mentions("FROM my_discharges", "discharges"));
        assert!(!mentions("FROM discharges_old", "discharges"));
    }
}

fn int_column(b: &RecordBatch, i: usize) -> Result<Vec<i64>> {
    let a = cast(b.column(i), &DataType::Int64)?;
    let a = a.as_primitive::<Int64Type>();
    Ok((0..a.len()).map(|k| if a.is_valid(k) { a.value(k) } else { 0 }).collect())
}
