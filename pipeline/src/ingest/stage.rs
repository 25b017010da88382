//! Staging: the typed rows of each package, written as Parquet so the set-level checks
//! and the merge can run as DataFusion plans over data larger than memory.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, RecordBatch, StringBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::parquet::arrow::ArrowWriter;

use super::row::Value;
use crate::schema::Table;

const FLUSH_ROWS: usize = 8192;

/// Where a staged row came from; carried through to the quarantine and the report.
#[derive(Debug, Clone)]
pub struct Origin {
    pub pkg: i64,
    pub submitter: String,
    pub kind: String,
    pub period: String,
    pub sequence: i64,
}

/// Metadata columns every staged row carries, after the canonical columns.
pub fn meta_fields() -> Vec<Field> {
    vec![
        Field::new("_pkg", DataType::Int64, false),
        Field::new("_submitter", DataType::Utf8, false),
        Field::new("_kind", DataType::Utf8, false),
        Field::new("_period", DataType::Utf8, false),
        Field::new("_sequence", DataType::Int64, false),
        Field::new("_file", DataType::Utf8, false),
        Field::new("_line", DataType::Int64, false),
        Field::new("_start", DataType::Int64, false),
        Field::new("_end", DataType::Int64, false),
    ]
}

pub fn staged_schema(table: &Table) -> SchemaRef {
    let mut fields: Vec<Field> = table.arrow_schema().fields().iter().map(|f| f.as_ref().clone().with_nullable(true)).collect();
    fields.extend(meta_fields());
    Arc::new(Schema::new(fields))
}

pub fn quarantine_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("submitter_id", DataType::Utf8, false),
        Field::new("period", DataType::Utf8, false),
        Field::new("sequence", DataType::Int64, false),
        Field::new("file", DataType::Utf8, false),
        Field::new("line", DataType::Int64, false),
        Field::new("raw", DataType::Utf8, false),
        Field::new("reason", DataType::Utf8, false),
        Field::new("detail", DataType::Utf8, false),
    ]))
}

/// The quarantine as staged: the public columns plus the package number.
pub fn staged_quarantine_schema() -> SchemaRef {
    let mut fields: Vec<Field> = quarantine_schema().fields().iter().map(|f| f.as_ref().clone()).collect();
    fields.push(Field::new("_pkg", DataType::Int64, false));
    Arc::new(Schema::new(fields))
}

/// One worker's staging files: one Parquet file per table and one for row-level rejects,
/// shared by all the packages that worker reads, so the second pass scans few files.
pub struct Sink {
    dir: PathBuf,
    worker: usize,
    tables: std::collections::BTreeMap<&'static str, BatchFile>,
    quarantine: BatchFile,
}

impl Sink {
    pub fn new(dir: &Path, worker: usize) -> Sink {
        let quarantine = BatchFile::new(dir.join("quarantine").join(format!("w{worker}.parquet")), staged_quarantine_schema());
        Sink { dir: dir.to_path_buf(), worker, tables: Default::default(), quarantine }
    }

    pub fn table(&mut self, table: &'static Table) -> &mut BatchFile {
        let (dir, worker) = (&self.dir, self.worker);
        self.tables.entry(table.name).or_insert_with(|| {
            BatchFile::new(dir.join(table.name).join(format!("w{worker}.parquet")), staged_schema(table))
        })
    }

    pub fn quarantine(&mut self) -> &mut BatchFile {
        &mut self.quarantine
    }

    pub fn finish(self) -> std::io::Result<()> {
        for (_, t) in self.tables {
            t.finish()?;
        }
        self.quarantine.finish()
    }
}

enum Builder {
    Str(StringBuilder),
    Date(Date32Builder),
    Bool(BooleanBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
}

impl Builder {
    fn new(dt: &DataType) -> Builder {
        match dt {
            DataType::Date32 => Builder::Date(Date32Builder::new()),
            DataType::Boolean => Builder::Bool(BooleanBuilder::new()),
            DataType::Int64 => Builder::Int(Int64Builder::new()),
            DataType::Float64 => Builder::Float(Float64Builder::new()),
            _ => Builder::Str(StringBuilder::new()),
        }
    }

    fn push(&mut self, v: &Value) {
        match (self, v) {
            (Builder::Str(b), Value::Str(s)) => b.append_value(s),
            (Builder::Date(b), Value::Date(d)) => b.append_value(*d),
            (Builder::Bool(b), Value::Bool(x)) => b.append_value(*x),
            (Builder::Int(b), Value::Int(x)) => b.append_value(*x),
            (Builder::Float(b), Value::Float(x)) => b.append_value(*x),
            (Builder::Str(b), Value::Null) => b.append_null(),
            (Builder::Date(b), Value::Null) => b.append_null(),
            (Builder::Bool(b), Value::Null) => b.append_null(),
            (Builder::Int(b), Value::Null) => b.append_null(),
            (Builder::Float(b), Value::Null) => b.append_null(),
            (_, v) => unreachable!("value {v:?} does not fit its column type"),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Str(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
        }
    }
}

/// Buffers rows of one schema and streams them to one Parquet file, created on first row.
pub struct BatchFile {
    path: PathBuf,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
    writer: Option<ArrowWriter<File>>,
}

impl BatchFile {
    pub fn new(path: PathBuf, schema: SchemaRef) -> BatchFile {
        let builders = schema.fields().iter().map(|f| Builder::new(f.data_type())).collect();
        BatchFile { path, schema, builders, rows: 0, writer: None }
    }

    pub fn push(&mut self, values: &[Value]) -> std::io::Result<()> {
        debug_assert_eq!(values.len(), self.builders.len());
        for (b, v) in self.builders.iter_mut().zip(values) {
            b.push(v);
        }
        self.rows += 1;
        if self.rows >= FLUSH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(std::io::Error::other)?;
        self.rows = 0;
        if self.writer.is_none() {
            if let Some(dir) = self.path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let file = File::create(&self.path)?;
            self.writer =
                Some(ArrowWriter::try_new(file, self.schema.clone(), Some(crate::toolkit::scratch_properties())).map_err(std::io::Error::other)?);
        }
        self.writer.as_mut().expect("writer").write(&batch).map_err(std::io::Error::other)
    }

    /// Writes what is buffered and closes the file (no file when no row was pushed).
    pub fn finish(mut self) -> std::io::Result<()> {
        self.flush()?;
        if let Some(w) = self.writer.take() {
            w.close().map_err(std::io::Error::other)?;
        }
        Ok(())
    }
}
