//! Reading the warehouse back: every stage after the ingest sees the eight clean tables the
//! same way, as DataFusion tables over the hive-partitioned Parquet folders, with
//! `submitter_id` and `period` as columns taken from the folder names.

use std::path::Path;

use datafusion::arrow::datatypes::DataType;
use datafusion::error::DataFusionError;
use datafusion::prelude::{ParquetReadOptions, SessionContext};

use crate::schema::TABLES;

/// Registers each warehouse table under `<prefix><table>` (a table with no rows yet is an
/// empty folder, so it is created).
pub async fn register(ctx: &SessionContext, warehouse: &Path, prefix: &str) -> Result<(), DataFusionError> {
    for t in TABLES {
        let dir = warehouse.join(t.name);
        std::fs::create_dir_all(&dir).map_err(|e| DataFusionError::Execution(format!("{}: {e}", dir.display())))?;
        let schema = t.arrow_schema();
        let opts = ParquetReadOptions::default()
            .schema(&schema)
            .table_partition_cols(vec![("submitter_id".into(), DataType::Utf8), ("period".into(), DataType::Utf8)]);
        ctx.register_parquet(&format!("{prefix}{}", t.name), &format!("{}/", dir.display()), opts).await?;
    }
    Ok(())
}
