//! The integration tests of casecard, in one test binary (`cargo test --test integration`).
//!
//! One module per subject; every module's own documentation says what it checks and how
//! its expected values were worked out. Shared helpers (package builders, running the
//! binary or the library, reading what a run wrote) are in [`common`]. The layout, the
//! measure case files under `tests/measures/` and how to run a part of the suite are
//! described in `tests/README.md`.

mod common;

mod equity_fixtures;
mod generated;
mod ingest_mapping;
mod ingest_packages;
mod ingest_props;
mod ingest_reasons;
mod measure_cases;
mod measures_generated;
mod output_safety;
mod privacy_scan;
mod restricted_outputs;
mod site_e2e;
mod stats_reference;
mod suppress_props;
