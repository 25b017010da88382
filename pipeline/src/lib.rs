//! casecard turns case-management extracts from Minnesota counties, tribal nations and
//! managed care organizations into quality measures and a public report card.
//!
//! Data flows one way: [`ingest`] (packages → warehouse + quarantine) → [`measures`] (with
//! [`stats`] and [`suppress`]) → [`site`]. Each stage is a module with one input and one output.
//! [`restricted`] (person-level statements and billing review lists) reads the warehouse too,
//! and writes only under `restricted/`, which nothing in the site links to.

pub mod generate;
pub mod geography;
pub mod hygiene;
pub mod ingest;
pub mod layout;
pub mod measures;
pub mod output;
pub mod period;
pub mod restricted;
pub mod run;
pub mod schema;
pub mod site;
pub mod stats;
pub mod suppress;
pub mod validate;
pub mod warehouse;
