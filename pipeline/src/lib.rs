//! casecard turns case-management extracts from Minnesota counties, tribal nations and
//! managed care organizations into quality measures and a public report card.
//!
//! Data flows one way: [`ingest`] (packages → warehouse + quarantine) → [`measures`] (with
//! [`stats`]) → [`publish`] (small-number suppression; every number the public may see) →
//! [`site`] (renders only). Each stage is a module with one input and one output; [`run`]
//! drives them, and every stage runs its SQL through the one [`toolkit`]. [`restricted`]
//! (person-level statements and billing review lists) reads the warehouse too, and writes
//! only under `restricted/`, which nothing in the site links to.

pub mod generate;
pub mod geography;
pub mod hygiene;
pub mod ingest;
pub mod layout;
pub mod measures;
pub mod output;
pub mod period;
pub mod publish;
pub mod reason;
pub mod restricted;
pub mod run;
pub mod schema;
pub mod site;
pub mod stats;
pub mod toolkit;
pub mod validate;
pub mod warehouse;
