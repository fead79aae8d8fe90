//! `stats`: one export read by the ticket reader and folded into per-group response-time
//! statistics, into the report model.

use crate::error::Result;
use crate::ingest::tickets::options::{Columns, ReadOptions, ReadReport};
use crate::ingest::tickets::read_file;
use crate::metrics::response_times::{compare_adjacent, Accumulator, GroupBy};
use crate::model::domain::Priority;
use crate::report::model::StatsReport;
use crate::time::ElapsedClock;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// What `stats` reads, and how it groups and counts.
pub struct StatsPlan<'a> {
    pub file: &'a Path,
    /// The file as named in messages.
    pub shown: String,
    pub columns: Columns<'a>,
    pub options: ReadOptions,
    pub by: GroupBy,
    /// Elapsed time inside a business schedule; `None`: the wall clock.
    pub clock: Option<Arc<dyn ElapsedClock>>,
    /// First-response targets per priority (for the attainment rate).
    pub targets: BTreeMap<Priority, f64>,
}

/// Response-time statistics of one export: the report, and how reading went (rejected rows,
/// duplicates) for the caller to show.
pub fn stats(plan: &StatsPlan) -> Result<(StatsReport, ReadReport)> {
    let (acc, read) = read_file(plan.file, &plan.shown, plan.columns, &plan.options, || {
        Accumulator::new(plan.by, plan.clock.clone(), &plan.targets)
    })?;
    let groups = acc.finish(read.latest);
    let comparisons = if plan.by.vendor {
        compare_adjacent(&groups)
    } else {
        Vec::new()
    };
    let exported = !groups.is_empty() && groups.iter().all(|g| g.clock == "business_hours_as_exported");
    let clock = match (&plan.clock, exported) {
        (Some(c), false) => c.describe(),
        (Some(c), true) => format!(
            "{}; first responses as the export computed them in business hours",
            c.describe()
        ),
        (None, true) => "business hours as the export computed them".to_string(),
        (None, false) => "wall clock".to_string(),
    };
    let report = StatsReport {
        file: plan.shown.clone(),
        groups,
        rows_used: read.rows_used,
        rows_rejected: read.rows_rejected,
        encoding: read.encoding.name(),
        duplicates: read.duplicates,
        preset: read.preset.map(|p| p.name()),
        clock,
        comparisons,
    };
    Ok((report, read))
}
