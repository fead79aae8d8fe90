//! supportgrade: judge an instant-messaging vendor's customer support from evidence.
//!
//! Data flows one way (ARCHITECTURE.md is the map):
//! `ingest` (files -> typed records with provenance, shared types in `model`) -> `metrics`
//! (per vendor, per measure: measured values with their evidence; SLA promises vs measured)
//! -> `score` (decision matrix -> aggregation -> must-haves -> ranking) -> `report` (table,
//! Markdown, JSON, CSV, SVG). `pipeline` runs a command's work from inputs to a report model;
//! `cli` parses the command line and picks the exporter.

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
