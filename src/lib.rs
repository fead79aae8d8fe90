//! supportgrade: judge an instant-messaging vendor's customer support from evidence.
//!
//! Data flows one way:
//! `ingest` (files -> typed records with provenance) -> `metrics` (per vendor, per criterion:
//! measured values with their evidence) -> `score` (rubric -> points, must-haves, ranking) and
//! `promises` (SLA vs measured) -> `report` (table, Markdown, JSON, CSV, SVG).

pub mod cli;
pub mod engine;
pub mod error;
pub mod ingest;
pub mod metrics;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod rubric;
pub mod score;
pub mod stats;
pub mod text;
pub mod time;

// The synthetic generators (examples/synthetic, not part of the library), for the library's
// own tests: ingest/tickets reads their export, metrics/transcripts their archive mixes.
#[cfg(test)]
#[path = "../examples/synthetic/mod.rs"]
mod synthetic;
