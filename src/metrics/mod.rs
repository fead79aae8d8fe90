//! Metrics: per vendor, the raw values a rubric scores, each with its evidence.
//!
//! [`metric`] holds what a metric is and what it is computed from; [`catalog`] lists every
//! metric with the function that computes it, from the probes and tickets ([`measured`]), the
//! SLA and profile ([`stated`], [`coverage`] of a buyer's hours) or the probe conversations ([`conversation`]).

pub mod catalog;
pub mod conversation;
pub mod coverage;
pub mod measured;
pub mod metric;
pub mod promises;
pub mod response_times;
pub mod stated;
pub mod transcripts;
