//! The set-level half of ingest, as DataFusion plans over the staged Parquet:
//! duplicate keys and references (which depend on which rows were accepted), then the
//! cross-package merge (latest period, then highest sequence, wins; statewide keys resolved
//! between submitters by the contract's rules), then the warehouse and quarantine files.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{Array, AsArray, RecordBatch, StringBuilder};
use datafusion::arrow::compute::concat_batches;
use datafusion::arrow::datatypes::{DataType, Int64Type, SchemaRef};
use datafusion::error::DataFusionError;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::physical_plan::SendableRecordBatchStream;
use datafusion::prelude::*;
use futures::StreamExt;

use super::package::raw_bytes;
use super::stage::{staged_quarantine_schema, staged_schema};
use crate::toolkit::{self, exec, materialize, register_dir, string_at, writer_properties};
use crate::reason::Reason;
use crate::schema::{Merge, Ref, Table, TABLES};

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error(transparent)]
    Toolkit(#[from] toolkit::ToolkitError),
    #[error(transparent)]
    DataFusion(#[from] DataFusionError),
    #[error(transparent)]
    Arrow(#[from] datafusion::arrow::error::ArrowError),
    #[error(transparent)]
    Parquet(#[from] datafusion::parquet::errors::ParquetError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// The result of this module's operations.
pub type Result<T, E = ResolveError> = std::result::Result<T, E>;

impl toolkit::Exhausted for ResolveError {
    fn exhausted(&self) -> bool {
        match self {
            ResolveError::DataFusion(e) => e.exhausted(),
            ResolveError::Toolkit(e) => e.exhausted(),
            _ => false,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ResolveError + '_ {
    move |source| ResolveError::Io { path: path.to_path_buf(), source }
}

fn key_expr(table: &Table, alias: &str) -> String {
    let parts: Vec<String> = table.key.iter().map(|k| format!("{alias}.{k}")).collect();
    if parts.len() == 1 {
        parts[0].clone()
    } else {
        format!("concat_ws(' / ', {})", parts.join(", "))
    }
}

/// The SQL condition "the row's package is in force". A literal list rather than an
/// in-memory table, so the plan also runs on a cluster (Ballista cannot ship an in-memory
/// table to its executors).
pub fn in_force_filter(in_force: &[i64]) -> String {
    if in_force.is_empty() {
        "FALSE".to_string()
    } else {
        format!("_pkg IN ({})", in_force.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
    }
}

/// Phase 2: for every staged row decide `duplicate_key` / `unknown_*` / accepted, level by
/// level, so that a reference only resolves against rows that were themselves accepted.
/// Accepted rows land in `work/accepted/<table>/` (registered as `acc_<table>`); rejected
/// rows are appended to the quarantine staging with their raw line read back from the file.
///
/// Each level is three steps, each written to the work folder, and then its `known_*` keys:
/// 1. `checked_<table>`: every staged row with its key and its three reference flags, from
///    joins with the (materialized, so planned from known sizes) `known_*` keys;
/// 2. `firsts_<level>`: the keys a file sends more than once, with the first line that
///    passed its reference checks (a key is one per file across the level's tables: one
///    file may feed both contacts and assessments);
/// 3. the accepted and the rejected rows: `checked_<table>` with its verdict from a join
///    with the small `firsts_<level>`.
///
/// Why this shape: a row carries its verdict with it, so no join of two tables of every row
/// (staged rows with a verdict table) is needed, and the verdict's joins build on the small
/// `firsts_<level>`.
/// Before, each level's verdict query read its reference checks twice (DataFusion inlines a
/// CTE named twice), and at 1,000,000 persons the verdict of contacts and assessments outgrew
/// the memory pool with hash joins, which switched the rest of the ingest to sort-merge joins.
pub async fn check_sets(
    ctx: &SessionContext,
    work: &Path,
    staging: &Path,
    files: &BTreeMap<(i64, String), PathBuf>,
    in_force: &[i64],
) -> Result<()> {
    // Failed and superseded packages were staged too; only packages in force take part.
    let in_force_sql = in_force_filter(in_force);
    for t in TABLES {
        register_dir(ctx, &format!("staged_{}", t.name), &staging.join(t.name), &staged_schema(t)).await?;
        exec(ctx, &format!(
            "CREATE VIEW stage_{n} AS SELECT * FROM staged_{n} WHERE {in_force_sql}",
            n = t.name
        )).await?;
    }
    let mut rejects = RejectWriter::new(staging.join("quarantine").join("set-checks.parquet"));
    for level in 0..=2u8 {
        let tables: Vec<&Table> = TABLES.iter().copied().filter(|t| t.level == level).collect();
        for t in &tables {
            materialize(ctx, &check_sql(t), &work.join("checked").join(t.name), &format!("checked_{}", t.name)).await?;
        }
        // `firsts` holds only the keys a file sends more than once (a key sent once cannot be
        // a duplicate), so the hash table of the joins below is small: with every staged
        // row's key it took 1.9 GB at 1,000,000 persons. (The flags reach the aggregate
        // through `ok_line`: read by the aggregate itself, DataFusion 55 fails planning on
        // their nullability.)
        let ok_lines: Vec<String> = tables
            .iter()
            .map(|t| {
                format!(
                    "SELECT _pkg, _file, _key, CASE WHEN _p_ok AND _e_ok AND _v_ok THEN _line END AS ok_line FROM checked_{}",
                    t.name
                )
            })
            .collect();
        let firsts = format!("firsts_{level}");
        materialize(
            ctx,
            &format!(
                "SELECT _pkg, _file, _key, MIN(ok_line) AS _first_ok
                 FROM ({}) ok_lines GROUP BY _pkg, _file, _key HAVING COUNT(*) > 1",
                ok_lines.join(" UNION ALL ")
            ),
            &work.join("firsts").join(level.to_string()),
            &firsts,
        )
        .await?;
        for t in &tables {
            let columns: Vec<String> = staged_schema(t).fields().iter().map(|f| format!("s.{}", f.name())).collect();
            let verdict = format!(
                "FROM (SELECT c.*, f._first_ok,
                         CASE WHEN f._first_ok < c._line THEN '{duplicate}'
                              WHEN NOT c._p_ok THEN '{person}'
                              WHEN NOT c._e_ok THEN '{episode}'
                              WHEN NOT c._v_ok THEN '{provider}' END AS _reason
                       FROM checked_{n} c LEFT JOIN {firsts} f ON c._pkg = f._pkg AND c._file = f._file AND c._key = f._key) s",
                n = t.name,
                duplicate = Reason::DuplicateKey,
                person = Ref::Person.reason(),
                episode = Ref::Episode.reason(),
                provider = Ref::Provider.reason(),
            );
            materialize(
                ctx,
                &format!("SELECT {} {verdict} WHERE s._reason IS NULL", columns.join(", ")),
                &work.join("accepted").join(t.name),
                &format!("acc_{}", t.name),
            )
            .await?;
            // The rejects are written out first (bounded like every other query), then
            // streamed into the quarantine staging with their raw lines.
            let rejected = format!("rejects_{}", t.name);
            materialize(
                ctx,
                &format!(
                    "SELECT s._submitter, s._period, s._sequence, s._file, s._line, s._start, s._end, s._reason AS reason, s._pkg,
                            {detail} AS detail {verdict}
                     WHERE s._reason IS NOT NULL",
                    detail = detail_sql(t)
                ),
                &work.join("rejects").join(t.name),
                &rejected,
            )
            .await?;
            let stream = ctx.sql(&format!("SELECT * FROM {rejected}")).await?.execute_stream().await?;
            rejects.write_stream(stream, files).await?;
        }
        // Keys known to later levels: the first package (in processing order) that accepted
        // each. Written out, so the joins of the next levels are planned from their size.
        for t in &tables {
            let local = if matches!(t.merge, Merge::Statewide) { "" } else { "_submitter, " };
            let key = t.key.join(", ");
            materialize(
                ctx,
                &format!("SELECT {local}{key}, MIN(_pkg) AS first_pkg FROM acc_{n} GROUP BY {local}{key}", n = t.name),
                &work.join("known").join(t.name),
                &format!("known_{}", t.name),
            )
            .await?;
        }
    }
    rejects.finish()
}

/// SQL naming, per submitted file, the source column that feeds `column` of `t` (the
/// detail a submitter reads must use the names in their own file).
fn source_column_sql(t: &Table, column: &str) -> String {
    let ci = t.columns.iter().position(|c| c.name == column).expect("canonical column");
    let mut arms = String::new();
    for layout in ["standard-v1", "mco-v1"].iter().filter_map(|l| crate::layout::builtin(l)) {
        for f in &layout.files {
            for target in f.targets.iter().filter(|x| x.table.name == t.name) {
                if let Some(si) = target.slots.iter().position(|s| s.as_ref().is_some_and(|s| s.column == Some(ci))) {
                    arms.push_str(&format!(" WHEN '{}' THEN '{}'", f.name, f.header[si]));
                }
            }
        }
    }
    format!("CASE s._file{arms} ELSE '{column}' END")
}

/// The words a submitter reads for a set-level reject: the column, the value, and why.
fn detail_sql(t: &Table) -> String {
    let key_cols: Vec<String> = t.key.iter().map(|k| source_column_sql(t, k)).collect();
    let mut arms = format!(
        " WHEN '{duplicate}' THEN concat('column ', {keys}, ': key `', s._key, '` was already accepted from line ', CAST(s._first_ok AS VARCHAR), ' of this file')",
        duplicate = Reason::DuplicateKey,
        keys = if key_cols.len() == 1 { key_cols[0].clone() } else { format!("concat_ws('+', {})", key_cols.join(", ")) }
    );
    for r in t.refs {
        let (what, scope) = match r {
            Ref::Person => ("person", "persons accepted from this package or an earlier one"),
            Ref::Episode => ("episode", "episodes this submitter had accepted in this package or an earlier one"),
            Ref::Provider => ("provider", "providers accepted from this package or an earlier one"),
        };
        arms.push_str(&format!(
            " WHEN '{reason}' THEN concat('column ', {src}, ': {what} `', s.{col}, '` is not among the {scope}')",
            reason = r.reason(),
            src = source_column_sql(t, r.column()),
            col = r.column()
        ));
    }
    format!("CASE s._reason{arms} END")
}

/// One table's staged rows with their key (as text, one type across the level's tables) and
/// the three reference flags.
fn check_sql(t: &Table) -> String {
    let mut joins = String::new();
    let mut flag = |r: Ref| -> String {
        if !t.refs.contains(&r) {
            return "TRUE".into();
        }
        let alias = format!("k_{}", r.target());
        let on = match r {
            Ref::Episode => format!("{alias}._submitter = s._submitter AND {alias}.episode_id = s.episode_id"),
            _ => format!("{alias}.{c} = s.{c}", c = r.column()),
        };
        joins.push_str(&format!(" LEFT JOIN known_{} {alias} ON {on}", r.target()));
        format!("COALESCE({alias}.first_pkg <= s._pkg, FALSE)")
    };
    let p = flag(Ref::Person);
    let e = flag(Ref::Episode);
    let v = flag(Ref::Provider);
    format!(
        "SELECT s.*, CAST({key} AS VARCHAR) AS _key, {p} AS _p_ok, {e} AS _e_ok, {v} AS _v_ok FROM stage_{n} s{joins}",
        key = key_expr(t, "s"),
        n = t.name
    )
}

/// Writes set-check rejects into the quarantine staging, reading each raw line back.
struct RejectWriter {
    path: PathBuf,
    writer: Option<ArrowWriter<File>>,
}

impl RejectWriter {
    fn new(path: PathBuf) -> Self {
        RejectWriter { path, writer: None }
    }

    async fn write_stream(
        &mut self,
        mut stream: SendableRecordBatchStream,
        files: &BTreeMap<(i64, String), PathBuf>,
    ) -> Result<()> {
        let mut open: BTreeMap<(i64, String), File> = BTreeMap::new();
        while let Some(batch) = stream.next().await {
            let b = batch?;
            if b.num_rows() == 0 {
                continue;
            }
            let start = b.column(5).as_primitive::<Int64Type>();
            let end = b.column(6).as_primitive::<Int64Type>();
            let pkg = b.column(8).as_primitive::<Int64Type>();
            let mut raw = StringBuilder::new();
            for i in 0..b.num_rows() {
                let key = (pkg.value(i), string_at(b.column(3), i));
                if !open.contains_key(&key) {
                    let path = files.get(&key).expect("staged file has a source path");
                    open.insert(key.clone(), File::open(path).map_err(io_err(path))?);
                }
                let f = &open[&key];
                raw.append_value(raw_bytes(f, start.value(i) as u64, end.value(i) as u64).map_err(io_err(&files[&key]))?);
            }
            let cols = vec![
                cast_utf8(b.column(0))?,
                cast_utf8(b.column(1))?,
                b.column(2).clone(),
                cast_utf8(b.column(3))?,
                b.column(4).clone(),
                Arc::new(raw.finish()) as _,
                cast_utf8(b.column(7))?,
                cast_utf8(b.column(9))?,
                b.column(8).clone(),
            ];
            let out = RecordBatch::try_new(staged_quarantine_schema(), cols)?;
            if self.writer.is_none() {
                if let Some(dir) = self.path.parent() {
                    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
                }
                let f = File::create(&self.path).map_err(io_err(&self.path))?;
                self.writer = Some(ArrowWriter::try_new(f, staged_quarantine_schema(), Some(toolkit::scratch_properties()))?);
            }
            self.writer.as_mut().expect("writer").write(&out)?;
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        if let Some(w) = self.writer {
            w.close()?;
        }
        Ok(())
    }
}

fn cast_utf8(a: &Arc<dyn Array>) -> Result<Arc<dyn Array>> {
    Ok(datafusion::arrow::compute::cast(a, &DataType::Utf8)?)
}

/// The SQL that yields the merged, current rows of a table (canonical columns plus
/// `_submitter`, `_period`), one row per key.
///
/// The latest package of each key wins. Only keys sent in more than one package need a
/// choice, so those few are grouped with their latest package (`MAX(_pkg)`) and joined back
/// as the small, hashed side of the join, and every other row passes straight through.
/// Two slower ways were measured at 200,000 and 1,000,000 persons: `ROW_NUMBER() OVER
/// (PARTITION BY key …)` spent 12.6 s of the 13.5 s merge of 3.6 M contacts on its many
/// one-row partitions, and joining back a `MAX(_pkg)` for every key hashed all 18 M contact
/// keys at 1,000,000 persons, outgrew the memory pool and fell back to sort-merge joins.
/// The choice is the same as ROW_NUMBER's because a package's accepted rows never repeat a
/// key: each table comes from one file of a layout, and the duplicate-key check keeps only
/// the first row of each key in a file.
fn merged_sql(t: &Table) -> String {
    let partition: &[&str] = match t.merge {
        Merge::Statewide => return format!("SELECT * FROM ranked_{n} WHERE _rn = 1", n = t.name),
        Merge::Local => &["_submitter"],
        Merge::PerPeriod => &["_submitter", "_period"],
    };
    let group: Vec<&str> = partition.iter().chain(t.key).copied().collect();
    let on: Vec<String> = group.iter().map(|c| format!("a.{c} = w.{c}")).collect();
    format!(
        "SELECT a.* FROM (SELECT {group}, MAX(_pkg) AS _win FROM acc_{n} GROUP BY {group} HAVING COUNT(*) > 1) w
         RIGHT JOIN acc_{n} a ON {on}
         WHERE w._win IS NULL OR a._pkg = w._win",
        n = t.name,
        group = group.join(", "),
        on = on.join(" AND ")
    )
}

/// For a statewide table: the rows of each key's latest period, ranked by the contract's
/// rule between submitters, with a fingerprint of the values to see real conflicts.
/// Materialized, because the conflict report reads it twice and the merge once more.
async fn rank_statewide(ctx: &SessionContext, t: &Table, work: &Path) -> Result<()> {
    let key = t.key.join(", ");
    let on: Vec<String> = t.key.iter().map(|c| format!("a.{c} = m.{c}")).collect();
    let values: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("COALESCE(CAST(c.{} AS VARCHAR), '\u{0}')", c.name))
        .collect();
    let (join, order) = if t.name == "persons" {
        (
            "LEFT JOIN (SELECT person_id, _submitter, MAX(start_date) AS last_start FROM merged_episodes GROUP BY person_id, _submitter) e
               ON e.person_id = c.person_id AND e._submitter = c._submitter",
            "e.last_start DESC NULLS LAST, c._submitter",
        )
    } else {
        ("", "CASE WHEN c.provider_kind = c._kind THEN 0 ELSE 1 END, c._submitter")
    };
    let sql = format!(
        "WITH c AS (SELECT a.* FROM acc_{n} a
                    JOIN (SELECT {key}, MAX(_period) AS _maxp FROM acc_{n} GROUP BY {key}) m ON {on} AND a._period = m._maxp)
         SELECT c.*, md5(concat_ws('\u{1f}', {vals})) AS _fp,
                ROW_NUMBER() OVER (PARTITION BY c.{key} ORDER BY {order}) AS _rn
         FROM c {join}",
        n = t.name,
        on = on.join(" AND "),
        vals = values.join(", ")
    );
    materialize(ctx, &sql, &work.join("ranked").join(t.name), &format!("ranked_{}", t.name)).await?;
    Ok(())
}

/// A difference between submitters' rows for one statewide key in one period.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub table: &'static str,
    pub key: String,
    pub period: String,
    pub submitters: Vec<String>,
    pub winner: String,
}

/// Phase 3: merge every table and write the warehouse; returns the conflicts found.
pub async fn merge_and_write(
    ctx: &SessionContext,
    work: &Path,
    warehouse: &Path,
) -> Result<(Vec<Conflict>, BTreeMap<String, u64>)> {
    // Episodes first: the person rule needs each submitter's latest episode start.
    let episodes = crate::schema::table("episodes").expect("episodes");
    materialize(ctx, &merged_sql(episodes), &work.join("merged").join("episodes"), "merged_episodes").await?;
    let mut conflicts = Vec::new();
    let mut rows = BTreeMap::new();
    for t in TABLES {
        if t.merge == Merge::Statewide {
            rank_statewide(ctx, t, work).await?;
            conflicts.extend(statewide_conflicts(ctx, t).await?);
        }
        // merged_episodes is already there (materialized above); every other table's merged
        // rows are a view read once, by the write below.
        let merged = format!("merged_{}", t.name);
        if !ctx.table_exist(merged.as_str())? {
            exec(ctx, &format!("CREATE VIEW {merged} AS {}", merged_sql(t))).await?;
        }
        let cols: Vec<String> = t.columns.iter().map(|c| c.name.to_string()).collect();
        let sql = format!(
            "SELECT {cols}, _submitter AS submitter_id, _period AS period FROM merged_{n} ORDER BY submitter_id, period, {key}",
            cols = cols.join(", "),
            n = t.name,
            key = t.key.join(", ")
        );
        let written = toolkit::bounded(ctx, || async {
            let stream = ctx.sql(&sql).await?.execute_stream().await?;
            write_partitioned(stream, &warehouse.join(t.name), &t.arrow_schema()).await
        })
        .await?;
        rows.insert(t.name.to_string(), written);
        toolkit::explain(ctx, &format!("merge-{}", t.name), &sql).await?;
        toolkit::timing(&format!("  merged {}", t.name));
    }
    Ok((conflicts, rows))
}

async fn statewide_conflicts(ctx: &SessionContext, t: &'static Table) -> Result<Vec<Conflict>> {
    let key = t.key[0];
    let sql = format!(
        "WITH k AS (SELECT {key} FROM ranked_{n} GROUP BY {key} HAVING COUNT(DISTINCT _fp) > 1)
         SELECT CAST(r.{key} AS VARCHAR), CAST(r._period AS VARCHAR), CAST(r._submitter AS VARCHAR), r._rn
         FROM ranked_{n} r JOIN k ON r.{key} = k.{key} ORDER BY 1, 3",
        n = t.name
    );
    let batches = toolkit::collect(ctx, &sql).await?;
    let mut out: Vec<Conflict> = Vec::new();
    for b in batches {
        for i in 0..b.num_rows() {
            let (k, p, s) = (string_at(b.column(0), i), string_at(b.column(1), i), string_at(b.column(2), i));
            let rn = datafusion::arrow::compute::cast(b.column(3), &DataType::Int64)?;
            let winner = rn.as_primitive::<Int64Type>().value(i) == 1;
            if out.last().is_none_or(|c| c.key != k) {
                out.push(Conflict { table: t.name, key: k, period: p, submitters: Vec::new(), winner: String::new() });
            }
            let c = out.last_mut().expect("conflict");
            if winner {
                c.winner = s.clone();
            }
            c.submitters.push(s);
        }
    }
    Ok(out)
}

/// Writes a stream sorted by (submitter_id, period, ...) as hive partitions
/// `submitter_id=<s>/period=<p>/part-0.parquet`, re-chunked to fixed-size batches so the
/// bytes do not depend on how the engine happened to split its output.
pub async fn write_partitioned(
    mut stream: SendableRecordBatchStream,
    root: &Path,
    file_schema: &SchemaRef,
) -> Result<u64> {
    std::fs::create_dir_all(root).map_err(io_err(root))?;
    let mut current: Option<(String, String, ArrowWriter<File>, Vec<RecordBatch>, usize)> = None;
    let mut total = 0u64;
    let sub_idx = file_schema.fields().len();
    while let Some(batch) = stream.next().await {
        let b = batch?;
        let n = b.num_rows();
        let subs = cast_utf8(b.column(sub_idx))?;
        let pers = cast_utf8(b.column(sub_idx + 1))?;
        let (subs, pers) = (subs.as_string::<i32>(), pers.as_string::<i32>());
        let mut i = 0;
        while i < n {
            let (s, p) = (subs.value(i).to_string(), pers.value(i).to_string());
            let mut j = i + 1;
            while j < n && subs.value(j) == s && pers.value(j) == p {
                j += 1;
            }
            let same = current.as_ref().is_some_and(|c| c.0 == s && c.1 == p);
            if !same {
                if let Some(c) = current.take() {
                    close_partition(c, file_schema)?;
                }
                let dir = root.join(format!("submitter_id={s}")).join(format!("period={p}"));
                std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
                let path = dir.join("part-0.parquet");
                let f = File::create(&path).map_err(io_err(&path))?;
                let w = ArrowWriter::try_new(f, file_schema.clone(), Some(writer_properties()))?;
                current = Some((s, p, w, Vec::new(), 0));
            }
            let c = current.as_mut().expect("partition");
            let slice = b.slice(i, j - i);
            let cols: Vec<_> = (0..file_schema.fields().len()).map(|k| slice.column(k).clone()).collect();
            let conformed = conform(file_schema, cols)?;
            c.4 += conformed.num_rows();
            c.3.push(conformed);
            total += (j - i) as u64;
            if c.4 >= CHUNK {
                flush_chunks(&mut c.2, &mut c.3, &mut c.4, file_schema, false)?;
            }
            i = j;
        }
    }
    if let Some(c) = current.take() {
        close_partition(c, file_schema)?;
    }
    Ok(total)
}

const CHUNK: usize = 8192;

fn conform(schema: &SchemaRef, cols: Vec<Arc<dyn Array>>) -> Result<RecordBatch> {
    let cols = cols
        .into_iter()
        .zip(schema.fields())
        .map(|(c, f)| {
            if c.data_type() == f.data_type() {
                Ok(c)
            } else {
                datafusion::arrow::compute::cast(&c, f.data_type())
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RecordBatch::try_new(schema.clone(), cols)?)
}

fn flush_chunks(
    w: &mut ArrowWriter<File>,
    pending: &mut Vec<RecordBatch>,
    rows: &mut usize,
    schema: &SchemaRef,
    all: bool,
) -> Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let merged = concat_batches(schema, pending.iter())?;
    pending.clear();
    let mut off = 0;
    while merged.num_rows() - off >= CHUNK || (all && off < merged.num_rows()) {
        let len = CHUNK.min(merged.num_rows() - off);
        w.write(&merged.slice(off, len))?;
        off += len;
    }
    *rows = merged.num_rows() - off;
    if *rows > 0 {
        pending.push(merged.slice(off, *rows));
    }
    Ok(())
}

fn close_partition(
    (_, _, mut w, mut pending, mut rows): (String, String, ArrowWriter<File>, Vec<RecordBatch>, usize),
    schema: &SchemaRef,
) -> Result<()> {
    flush_chunks(&mut w, &mut pending, &mut rows, schema, true)?;
    w.close()?;
    Ok(())
}
