//! The project's DataFusion toolkit: how every stage opens a session, registers Parquet
//! folders, materializes a query, reads small results value by value, writes Parquet and
//! reports step timings.
//!
//! It exists so that there is one answer to each of those questions. In particular every
//! session in the program is bounded the same way ([`session`]): a fair spilling memory pool,
//! and hash joins that give way to sort-merge joins when the pool runs out ([`bounded`]), so
//! an input larger than memory spills to disk instead of aborting, whichever stage meets it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::Array;
use datafusion::arrow::datatypes::{DataType, Schema};
use datafusion::dataframe::DataFrameWriteOptions;
use datafusion::error::DataFusionError;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::prelude::*;

/// Memory a session may hold before its operators spill.
pub const MEMORY_LIMIT: usize = 6 << 30;

#[derive(Debug, thiserror::Error)]
pub enum ToolkitError {
    #[error(transparent)]
    DataFusion(#[from] DataFusionError),
    #[error(transparent)]
    Arrow(#[from] datafusion::arrow::error::ArrowError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// `--cluster` given to a build without the `ballista` feature.
    #[error("--cluster {0}: this casecard was built without cluster support; build it with `cargo build --release --features ballista` (README, \"Running on a cluster\")")]
    NoCluster(String),
    /// The cluster's scheduler could not be reached or refused the session.
    #[error("--cluster {url}: no session on the Ballista scheduler there: {source} (is it running? `bash scripts/cluster status`; the URL is df://HOST:PORT)")]
    Cluster { url: String, source: DataFusionError },
}

pub type Result<T, E = ToolkitError> = std::result::Result<T, E>;

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ToolkitError + '_ {
    move |source| ToolkitError::Io { path: path.to_path_buf(), source }
}

/// A session with bounded memory ([`MEMORY_LIMIT`]): operators spill to `spill` (created; a
/// work folder beside the output, so spilling uses the output's disk, not a small `/tmp`).
pub fn session(spill: &Path) -> Result<SessionContext> {
    session_with_limit(spill, MEMORY_LIMIT)
}

/// The session for a stage's heavy SQL: the local [`session`], or, given a cluster URL
/// (`df://HOST:PORT`), a session whose queries run on that Apache Ballista cluster. The
/// cluster needs the `ballista` cargo feature; a build without it says how to get it.
///
/// Why only the heavy stages: ingest's set checks and merge and the measure queries are plain
/// DataFusion SQL over Parquet, which Ballista plans and runs as they are; what follows them
/// (statistics, suppression, site) is small and stays in this process.
pub async fn heavy_session(spill: &Path, cluster: Option<&str>) -> Result<SessionContext> {
    match cluster {
        None => session(spill),
        Some(url) => cluster_session(url).await,
    }
}

#[cfg(feature = "ballista")]
async fn cluster_session(url: &str) -> Result<SessionContext> {
    use ballista::prelude::{SessionConfigExt, SessionContextExt};
    // From `new_with_ballista()`, so the settings below are kept (a plain config gets
    // Ballista's defaults written over it). Every setting travels with each query to the
    // executors; memory is each executor's own (its `--memory-pool-size`).
    let mut config = SessionConfig::new_with_ballista().with_target_partitions(2).with_batch_size(8192);
    config.options_mut().optimizer.prefer_hash_join = true;
    // Ballista 55's adaptive planner (on by default) re-planned the first set-check query
    // without end: one job grew past 3,000 stages in two minutes on the sample data. The
    // static planner runs the same plans; what it loses (join choice and partition counts
    // from measured sizes) our queries do not need, since `prefer_hash_join` and the
    // partition count above are set.
    config.options_mut().set("ballista.planner.adaptive.enabled", "false")?;
    config.options_mut().execution.parquet.compression = Some(SCRATCH_COMPRESSION.into());
    apply_datafusion_env(&mut config)?;
    let state = datafusion::execution::SessionStateBuilder::new().with_default_features().with_config(config).build();
    let cluster_err = |source| ToolkitError::Cluster { url: url.to_string(), source };
    let ctx = SessionContext::remote_with_state(url, state).await.map_err(cluster_err)?;
    // The session connects lazily; one tiny job now says at once, in words, when the
    // scheduler is not there, instead of a transport error from deep inside the first stage.
    ctx.sql("SELECT 1").await.map_err(cluster_err)?.collect().await.map_err(cluster_err)?;
    Ok(ctx)
}

#[cfg(not(feature = "ballista"))]
async fn cluster_session(url: &str) -> Result<SessionContext> {
    Err(ToolkitError::NoCluster(url.to_string()))
}

/// [`session`] with another memory limit (tests use a small one to make the pool run out).
fn session_with_limit(spill: &Path, limit: usize) -> Result<SessionContext> {
    // A fair pool shares memory between the operators that can spill, so one large sort
    // cannot starve the others of the room they need to spill themselves.
    let pool = Arc::new(datafusion::execution::memory_pool::FairSpillPool::new(limit));
    std::fs::create_dir_all(spill).map_err(io_err(spill))?;
    let runtime = RuntimeEnvBuilder::new().with_memory_pool(pool).with_temp_file_path(spill);
    // Hash joins (DataFusion's default) until the pool runs out: see `bounded`.
    let mut config = SessionConfig::new()
        .with_target_partitions(2)
        .with_batch_size(8192)
        .with_extension(Arc::new(SwitchedJoins::default()));
    // Every file a session writes (`materialize`) is a work file.
    config.options_mut().execution.parquet.compression = Some(SCRATCH_COMPRESSION.into());
    apply_datafusion_env(&mut config)?;
    Ok(SessionContext::new_with_config_rt(config, runtime.build_arc()?))
}

/// Applies the settings of [`DATAFUSION_ENV`] to `config`, after the program's own (so a
/// setting asked for there wins).
fn apply_datafusion_env(config: &mut SessionConfig) -> Result<()> {
    if let Some(extra) = std::env::var_os(DATAFUSION_ENV) {
        for kv in extra.to_string_lossy().split(';').filter(|s| !s.trim().is_empty()) {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            config.options_mut().set(k.trim(), v.trim())?;
        }
    }
    Ok(())
}

/// DataFusion settings to apply to every session, `key=value` pairs separated by `;` (e.g.
/// `datafusion.optimizer.prefer_hash_join=false`): for trying a setting on a slow run
/// without rebuilding.
pub const DATAFUSION_ENV: &str = "CASECARD_DATAFUSION";

/// An error that may be DataFusion running out of its memory pool.
pub trait Exhausted {
    fn exhausted(&self) -> bool;
}

impl Exhausted for DataFusionError {
    fn exhausted(&self) -> bool {
        matches!(self.find_root(), DataFusionError::ResourcesExhausted(_))
    }
}

impl Exhausted for ToolkitError {
    fn exhausted(&self) -> bool {
        matches!(self, ToolkitError::DataFusion(e) if e.exhausted())
    }
}

/// Set on a session when [`bounded`] switched it to sort-merge joins, so that
/// [`restore_hash_joins`] undoes only that switch, never a setting asked for in
/// [`DATAFUSION_ENV`].
#[derive(Debug, Default)]
struct SwitchedJoins(std::sync::atomic::AtomicBool);

fn switched_joins(ctx: &SessionContext) -> Option<Arc<SwitchedJoins>> {
    ctx.copied_config().get_extension::<SwitchedJoins>()
}

/// Runs `op` (which plans and executes its queries on `ctx`); if the memory pool ran out,
/// switches `ctx` to sort-merge joins (until [`restore_hash_joins`]) and runs `op` once more.
///
/// Why: a hash join is several times faster than a sort-merge join on these tables (the
/// contact-monthly measure at 200,000 persons: 9 s against 33 s), but its build side must fit
/// in memory, while a sort-merge join's sorts spill to disk. So a session starts with hash
/// joins, and the first query that cannot get its memory makes the session plan every join
/// from then on the way that spills (until a caller restores hash joins): an input larger
/// than memory makes the run slower, never makes it fail. `op` must be safe to run again (it rewrites, never appends). Its queries
/// must be planned inside `op`: a DataFrame keeps the settings it was planned with.
pub async fn bounded<T, E, F, Fut>(ctx: &SessionContext, mut op: F) -> std::result::Result<T, E>
where
    E: Exhausted + From<DataFusionError>,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = std::result::Result<T, E>>,
{
    match op().await {
        Err(e) if e.exhausted() && ctx.copied_config().options().optimizer.prefer_hash_join => {
            eprintln!(
                "note: a query needed more than the {} GiB memory pool with hash joins; continuing with sort-merge joins, which spill to disk",
                MEMORY_LIMIT >> 30
            );
            ctx.sql("SET datafusion.optimizer.prefer_hash_join = false").await?.collect().await?;
            if let Some(s) = switched_joins(ctx) {
                s.0.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            op().await
        }
        r => r,
    }
}

/// Lets a session that [`bounded`] switched to sort-merge joins plan hash joins again: for a
/// caller whose next queries are of another size (the measure stage, at each measure: one
/// measure's joins outgrowing the pool says little about the next one's).
pub async fn restore_hash_joins(ctx: &SessionContext) -> Result<(), DataFusionError> {
    if let Some(s) = switched_joins(ctx) {
        if s.0.swap(false, std::sync::atomic::Ordering::Relaxed) {
            ctx.sql("SET datafusion.optimizer.prefer_hash_join = true").await?.collect().await?;
        }
    }
    Ok(())
}

/// Runs a query and collects its result, within the memory pool ([`bounded`]).
pub async fn collect(ctx: &SessionContext, sql: &str) -> Result<Vec<datafusion::arrow::array::RecordBatch>, DataFusionError> {
    bounded(ctx, || async { ctx.sql(sql).await?.collect().await }).await
}

/// Registers a folder of Parquet files with a known schema (an empty folder is an empty table).
pub async fn register_dir(ctx: &SessionContext, name: &str, dir: &Path, schema: &Schema) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    ctx.deregister_table(name)?;
    let url = format!("{}/", dir.display());
    ctx.register_parquet(name, &url, ParquetReadOptions::default().schema(schema)).await?;
    Ok(())
}

/// Runs a statement that returns nothing worth keeping (`CREATE VIEW`, ...).
pub async fn exec(ctx: &SessionContext, sql: &str) -> Result<()> {
    ctx.sql(sql).await?.collect().await?;
    Ok(())
}

/// Runs `sql`, writes its result under `dir` and registers it as `name` (within the memory
/// pool, [`bounded`]).
pub async fn materialize(ctx: &SessionContext, sql: &str, dir: &Path, name: &str) -> Result<()> {
    let schema = bounded(ctx, || async {
        let df = ctx.sql(sql).await?;
        let schema: Schema = df.schema().as_arrow().clone();
        // A second attempt starts from an empty folder.
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(io_err(dir))?;
        }
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        df.write_parquet(&format!("{}/", dir.display()), DataFrameWriteOptions::new(), None).await?;
        Ok::<_, ToolkitError>(schema)
    })
    .await?;
    let leaf = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    explain(ctx, &format!("{name}-{leaf}"), sql).await?;
    register_dir(ctx, name, dir, &schema).await
}

/// The text of a string column's value `i`, whichever string layout the plan produced.
pub fn string_at(a: &Arc<dyn Array>, i: usize) -> String {
    use datafusion::arrow::array::AsArray;
    match a.data_type() {
        DataType::Utf8View => a.as_string_view().value(i).to_string(),
        DataType::LargeUtf8 => a.as_string::<i64>().value(i).to_string(),
        _ => a.as_string::<i32>().value(i).to_string(),
    }
}

/// Runs a query and returns every value as text (`None` for null): for the small result
/// sets (facts beside the measures, statement lines) that are read value by value.
pub async fn text_rows(ctx: &SessionContext, sql: &str) -> Result<Vec<Vec<Option<String>>>> {
    let batches = collect(ctx, sql).await?;
    let mut out = Vec::new();
    for b in &batches {
        let cols: Vec<_> = b
            .columns()
            .iter()
            .map(|c| datafusion::arrow::compute::cast(c, &DataType::Utf8))
            .collect::<Result<_, _>>()?;
        for i in 0..b.num_rows() {
            out.push(cols.iter().map(|c| (!c.is_null(i)).then(|| string_at(c, i))).collect());
        }
    }
    Ok(out)
}

/// How every Parquet file the program leaves behind is encoded (warehouse, quarantine,
/// results): small on disk for the years they are kept.
pub fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).expect("zstd level")))
        .set_created_by("casecard".into())
        .build()
}

/// The compression of the work files a run writes and deletes: the staged rows, the set
/// checks' tables, the measure stage's copy of the warehouse and its materialized views.
/// Each is written once and read back once or a few times within minutes, so encoding speed
/// matters and size hardly does. LZ4 instead of zstd took 27 s off a whole run at 1,000,000
/// persons (441 s against 468 s, with a lower peak: BENCHMARKS.md, change 18); the files
/// the run leaves behind keep zstd ([`writer_properties`]).
pub const SCRATCH_COMPRESSION: &str = "lz4_raw";

/// [`writer_properties`] for a work file ([`SCRATCH_COMPRESSION`]).
pub fn scratch_properties() -> WriterProperties {
    let compression: Compression = SCRATCH_COMPRESSION.parse().expect("a Parquet compression");
    WriterProperties::builder().set_compression(compression).set_created_by("casecard".into()).build()
}

/// Where [`SqlTrace`] writes, when set: a file of JSON lines.
pub const SQL_TRACE_ENV: &str = "CASECARD_SQL_TRACE";

/// A log of the SQL a stage runs, one JSON object per line, so the same statements can be
/// replayed in another engine (`scripts/bench` runs the measure stage's trace in DuckDB to
/// compare speed on the same work). Off unless [`SQL_TRACE_ENV`] names a file.
#[derive(Debug, Default)]
pub struct SqlTrace {
    out: Option<std::sync::Mutex<std::io::BufWriter<std::fs::File>>>,
}

impl SqlTrace {
    /// The trace [`SQL_TRACE_ENV`] asks for (created afresh), or one that writes nothing.
    pub fn from_env() -> Result<SqlTrace> {
        let Some(path) = std::env::var_os(SQL_TRACE_ENV) else { return Ok(SqlTrace::default()) };
        let path = PathBuf::from(path);
        let file = std::fs::File::create(&path).map_err(io_err(&path))?;
        Ok(SqlTrace { out: Some(std::sync::Mutex::new(std::io::BufWriter::new(file))) })
    }

    pub fn enabled(&self) -> bool {
        self.out.is_some()
    }

    /// Appends one entry (a JSON object).
    pub fn log(&self, entry: serde_json::Value) {
        use std::io::Write;
        if let Some(out) = &self.out {
            let mut out = out.lock().expect("trace lock");
            // A trace is a benchmark aid: a failed write must not fail the run it observes.
            let _ = writeln!(out, "{entry}").and_then(|_| out.flush());
        }
    }
}

/// Where [`explain`] writes, when set: a folder.
pub const EXPLAIN_ENV: &str = "CASECARD_EXPLAIN";

/// With [`EXPLAIN_ENV`] naming a folder, runs `sql` once more under `EXPLAIN ANALYZE` and
/// writes the plan with its metrics (rows, time, spills per operator) to `<folder>/<label>.txt`,
/// to find where a slow query spends its time. Does nothing otherwise.
pub async fn explain(ctx: &SessionContext, label: &str, sql: &str) -> Result<()> {
    let Some(dir) = std::env::var_os(EXPLAIN_ENV) else { return Ok(()) };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    let rows = text_rows(ctx, &format!("EXPLAIN ANALYZE {sql}")).await?;
    let text: Vec<String> = rows.into_iter().flatten().flatten().collect();
    let path = dir.join(format!("{label}.txt"));
    std::fs::write(&path, format!("{sql}\n\n{}\n", text.join("\n"))).map_err(io_err(&path))
}

/// With `CASECARD_TIMINGS` set, prints how long each step took since the first call (for
/// benchmarks).
pub fn timing(step: &str) {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    let start = START.get_or_init(Instant::now);
    if std::env::var_os("CASECARD_TIMINGS").is_some() {
        eprintln!("[{:>8.2}s] {step}", start.elapsed().as_secs_f64());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::AsArray;
    use datafusion::arrow::datatypes::Int64Type;

    /// A join whose hash table cannot fit in the pool still gives the right answer: the
    /// session switches to sort-merge joins, which spill, and stays switched.
    #[tokio::test]
    async fn a_join_larger_than_the_pool_spills_instead_of_failing() {
        let spill = tempfile::tempdir().expect("tempdir");
        let ctx = session_with_limit(spill.path(), 8 << 20).expect("session");
        assert!(ctx.copied_config().options().optimizer.prefer_hash_join, "starts with hash joins");
        // 2,000,000 keys on each side, 1,000,000 shared: the build side alone is 16 MB.
        let sql = "SELECT COUNT(*), SUM(a.value) FROM range(0, 2000000) a JOIN range(1000000, 3000000) b ON a.value = b.value";
        // Without the fallback, the same query fails in a pool this small.
        let plain = ctx.sql(sql).await.expect("plan").collect().await;
        assert!(plain.as_ref().is_err_and(|e| e.exhausted()), "the pool should be too small for a hash join: {plain:?}");
        let batches = collect(&ctx, sql).await.expect("bounded query");
        let count = batches[0].column(0).as_primitive::<Int64Type>().value(0);
        let sum = batches[0].column(1).as_primitive::<Int64Type>().value(0);
        // Keys 1,000,000 ..= 1,999,999: 1,000,000 of them, summing to 1,000,000 × 1,499,999.5.
        assert_eq!((count, sum), (1_000_000, 1_499_999_500_000));
        assert!(!ctx.copied_config().options().optimizer.prefer_hash_join, "later queries plan sort-merge joins");
        restore_hash_joins(&ctx).await.expect("restore");
        assert!(ctx.copied_config().options().optimizer.prefer_hash_join, "until they are restored");
    }
}
