//! The project's DataFusion toolkit: how every stage opens a session, registers Parquet
//! folders, materializes a query, reads small results value by value, writes Parquet and
//! reports step timings.
//!
//! It exists so that there is one answer to each of those questions. In particular every
//! session in the program is bounded the same way ([`session`]): a fair spilling memory pool
//! and sort-merge joins, so an input larger than memory spills to disk instead of aborting,
//! whichever stage meets it.

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
}

pub type Result<T, E = ToolkitError> = std::result::Result<T, E>;

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ToolkitError + '_ {
    move |source| ToolkitError::Io { path: path.to_path_buf(), source }
}

/// A session with bounded memory ([`MEMORY_LIMIT`]): operators spill to `spill` (created; a
/// work folder beside the output, so spilling uses the output's disk, not a small `/tmp`).
pub fn session(spill: &Path) -> Result<SessionContext> {
    // A fair pool shares memory between the operators that can spill, so one large sort
    // cannot starve the others of the room they need to spill themselves.
    let pool = Arc::new(datafusion::execution::memory_pool::FairSpillPool::new(MEMORY_LIMIT));
    std::fs::create_dir_all(spill).map_err(io_err(spill))?;
    let runtime = RuntimeEnvBuilder::new().with_memory_pool(pool).with_temp_file_path(spill);
    // Sort-merge joins instead of hash joins: a hash join's build side cannot spill, and the
    // set checks join tables of tens of millions of rows on both sides.
    let config = SessionConfig::new()
        .with_target_partitions(2)
        .with_batch_size(8192)
        .set_bool("datafusion.optimizer.prefer_hash_join", false);
    Ok(SessionContext::new_with_config_rt(config, runtime.build_arc()?))
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

/// Runs `sql`, writes its result under `dir` and registers it as `name`.
pub async fn materialize(ctx: &SessionContext, sql: &str, dir: &Path, name: &str) -> Result<()> {
    let df = ctx.sql(sql).await?;
    let schema: Schema = df.schema().as_arrow().clone();
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    df.write_parquet(&format!("{}/", dir.display()), DataFrameWriteOptions::new(), None).await?;
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
    let batches = ctx.sql(sql).await?.collect().await?;
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

/// How every Parquet file the program writes is encoded.
pub fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).expect("zstd level")))
        .set_created_by("casecard".into())
        .build()
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
