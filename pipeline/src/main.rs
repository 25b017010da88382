//! The `casecard` command: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use casecard::period::Period;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "casecard", version, about = "Quality measures and a public report card for Minnesota case management")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole pipeline: ingest, measures, site.
    Run {
        /// Folder holding the submitted packages.
        #[arg(long)]
        input: PathBuf,
        /// Output folder (replaced atomically when the run succeeds).
        #[arg(long)]
        out: PathBuf,
        /// Reporting quarter, e.g. 2026Q2 (default: the latest quarter loaded).
        #[arg(long)]
        period: Option<Period>,
        /// Folder of measure definitions (default: ./measures if present, else the
        /// measures/ folder of the source tree this binary was built from).
        #[arg(long)]
        measures: Option<PathBuf>,
        /// Run the ingest's and the measures' SQL on an Apache Ballista cluster, e.g.
        /// df://localhost:50050 (needs a build with `--features ballista`; every process of
        /// the cluster must see the same absolute paths).
        #[arg(long, value_name = "df://HOST:PORT")]
        cluster: Option<String>,
    },
    /// Recompute the measure results of an existing output folder from its warehouse (after
    /// changing a measure definition), without ingesting again.
    Measures {
        /// An output folder written by `casecard run` or `casecard ingest`.
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        period: Option<Period>,
        #[arg(long)]
        measures: Option<PathBuf>,
        /// Run the ingest's and the measures' SQL on an Apache Ballista cluster, e.g.
        /// df://localhost:50050 (needs a build with `--features ballista`; every process of
        /// the cluster must see the same absolute paths).
        #[arg(long, value_name = "df://HOST:PORT")]
        cluster: Option<String>,
    },
    /// Write the monthly itemized service statements of one month (person-level, under
    /// restricted/) from an existing output folder, for everyone with a waiver case
    /// management episode open that month or for one person.
    Statements {
        /// An output folder written by `casecard run` or `casecard ingest`.
        #[arg(long)]
        out: PathBuf,
        /// The month, e.g. 2026-05. Its quarter must have a loaded package.
        #[arg(long)]
        month: casecard::period::Month,
        /// Only this person's statement (a person_id, P + 12 hex digits).
        #[arg(long)]
        person: Option<String>,
    },
    /// Build only the warehouse, the quarantine and the ingest report.
    Ingest {
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Check one package against the extract contract without loading anything.
    Validate {
        /// The package folder (the one holding manifest.json).
        package: PathBuf,
    },
    /// Write synthetic packages in both layouts.
    Generate {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        seed: u64,
        #[arg(long, default_value_t = 20_000)]
        persons: u64,
        /// Quarters to generate, FROM..TO, e.g. 2024Q3..2026Q2.
        #[arg(long, default_value = "2024Q3..2026Q2")]
        quarters: String,
        /// Inject this many bad rows of each reason code.
        #[arg(long, default_value_t = 0)]
        bad_rows: u64,
        /// Plant no disparities (neither the statewide language gap nor the provider
        /// language gap), to measure how often gaps are flagged where none was planted. The
        /// providers made worse, better or sicker stay.
        #[arg(long)]
        no_disparities: bool,
    },
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, each said once: our errors already quote their
/// source's text (naming the path it concerns), so printing the chain as is repeated the
/// operating system's words.
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn real_main() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { input, out, period, measures, cluster } => {
            let rt = runtime()?;
            let measures = Some(measures.unwrap_or_else(default_measures));
            let opts = casecard::run::RunOptions { input, out, period, measures, site: true, restricted: true, cluster };
            let summary = rt.block_on(casecard::run::run(&opts))?;
            print!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Measures { out, period, measures, cluster } => {
            let rt = runtime()?;
            let dir = measures.unwrap_or_else(default_measures);
            let (m, site) = rt.block_on(casecard::run::remeasure(&out, period, &dir, cluster.as_deref()))?;
            println!("measures: {} result rows, {} risk models, {} notes → {}", m.rows.len(), m.models.len(), m.notes.len(), out.join("results").display());
            println!("site: {} pages, {} files → {}", site.pages, site.files, out.join("site").display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Statements { out, month, person } => {
            let rt = runtime()?;
            let n = rt.block_on(casecard::run::statements(&out, month, person.as_deref()))?;
            let dir = out.join("restricted").join("statements").join(month.to_string());
            println!("{n} statement{} for {month} → {} (person-level: not for publication)", if n == 1 { "" } else { "s" }, dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Ingest { input, out } => {
            let rt = runtime()?;
            let opts = casecard::run::RunOptions { input, out, period: None, measures: None, site: false, restricted: false, cluster: None };
            let summary = rt.block_on(casecard::run::run(&opts))?;
            print!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { package } => {
            let rt = runtime()?;
            let outcome = rt.block_on(casecard::validate::validate_package(&package))?;
            print!("{}", outcome.text);
            Ok(if outcome.clean { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Generate { out, seed, persons, quarters, bad_rows, no_disparities } => {
            let (from, to) = quarters
                .split_once("..")
                .with_context(|| format!("--quarters `{quarters}`: expected FROM..TO, e.g. 2024Q3..2026Q2"))?;
            let (from, to): (Period, Period) = (from.parse()?, to.parse()?);
            if to < from {
                bail!("--quarters `{quarters}`: {to} is before {from}");
            }
            let opts = casecard::generate::GenerateOptions {
                out,
                seed,
                persons,
                from,
                to,
                bad_rows_per_reason: bad_rows,
                disparities: !no_disparities,
            };
            let s = casecard::generate::generate(&opts)?;
            println!("wrote {} packages, {} files, {} rows to {}", s.packages, s.files, s.rows, opts.out.display());
            for (reason, n) in &s.bad_rows {
                println!("  injected {n} {reason} rows");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `./measures` when run from a checkout, else the definitions next to the source tree.
fn default_measures() -> PathBuf {
    let here = PathBuf::from("measures");
    if here.join("views.toml").is_file() {
        return here;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../measures"))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}
