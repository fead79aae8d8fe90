//! The whole evaluation: ingest -> evidence -> metrics -> scoring -> (report).

pub mod transcripts;

use crate::engine::{default_threads, OrderedMap};
use crate::error::{Diagnostic, Result};
use crate::evaluation_folder::EvaluationFolder;
use crate::ingest::tickets::{RowSink, TicketRow};
use crate::ingest::{self, Inputs};
use crate::metrics::response_times::{compare_adjacent, Accumulator, Comparison, GroupBy, GroupReport};
use crate::metrics::transcripts::{summarize, ConversationAnalysis, TranscriptMatcher, TranscriptSummary};
use crate::metrics::VendorFacts;
use crate::promises::{self, Promise};
use crate::rubric::Rubric;
use crate::score::{rank, score_vendor, CriterionScore};
use std::collections::BTreeMap;

/// The result of an evaluation: everything a report shows.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub name: String,
    pub date: String,
    pub folder: String,
    pub rubric_name: String,
    pub rubric_version: String,
    pub vendors: Vec<VendorResult>,
    /// Response-time statistics per vendor, per vendor and priority, per vendor and channel.
    pub stats: Vec<GroupReport>,
    /// Mann-Whitney tests between vendors adjacent in median first response.
    pub comparisons: Vec<Comparison>,
    pub conversations: Vec<ConversationAnalysis>,
    pub rows_used: usize,
    pub rows_rejected: usize,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
pub struct VendorResult {
    pub id: String,
    pub name: String,
    pub rank: usize,
    pub total: f64,
    pub knocked_out: bool,
    pub knockouts: Vec<String>,
    pub criteria: Vec<CriterionScore>,
    pub promises: Vec<Promise>,
    pub transcripts: TranscriptSummary,
}

pub fn evaluate(folder: &EvaluationFolder, rubric: &Rubric, lenient: bool) -> Result<Evaluation> {
    let inputs = ingest::read_folder(folder, lenient)?;
    Ok(evaluate_inputs(folder, rubric, &inputs))
}

pub fn evaluate_inputs(folder: &EvaluationFolder, rubric: &Rubric, inputs: &Inputs) -> Evaluation {
    let matcher = TranscriptMatcher::new(rubric);
    // On every core, in the order read (the report's order).
    let conversations: Vec<ConversationAnalysis> =
        OrderedMap::new(default_threads()).collect(&inputs.transcripts, |t| matcher.analyze(t));
    let mut scores = Vec::new();
    let mut per_vendor: BTreeMap<&str, (Vec<Promise>, TranscriptSummary)> = BTreeMap::new();
    for v in &inputs.vendors {
        let probes: Vec<_> = inputs
            .measurements
            .probes
            .iter()
            .filter(|p| p.vendor == v.id)
            .collect();
        let sla = inputs.sla.iter().find(|s| s.vendor == v.id);
        let promises = sla.map(|d| promises::check(d, &probes)).unwrap_or_default();
        let convs: Vec<&ConversationAnalysis> = conversations.iter().filter(|c| c.vendor == v.id).collect();
        let facts = VendorFacts {
            id: &v.id,
            probes: probes.clone(),
            measurements_file: &inputs.measurements.file,
            sla,
            promises: &promises,
            profile: inputs.profiles.iter().find(|p| p.vendor == v.id),
            conversations: convs.clone(),
            evaluation: &inputs.folder,
            rubric,
        };
        scores.push(score_vendor(rubric, &facts));
        per_vendor.insert(&v.id, (promises, summarize(&convs)));
    }
    let (stats, comparisons) = response_time_stats(inputs, rubric);
    let vendors = rank(scores)
        .into_iter()
        .map(|(rank, s)| {
            let vendor = inputs
                .vendors
                .iter()
                .find(|v| v.id == s.id)
                .expect("scored vendors are declared");
            let (promises, transcripts) = per_vendor.remove(vendor.id.as_str()).unwrap_or_default();
            VendorResult {
                id: s.id,
                name: vendor.name.clone(),
                rank,
                total: s.total,
                knocked_out: s.knocked_out,
                knockouts: s.knockouts,
                criteria: s.criteria,
                promises,
                transcripts,
            }
        })
        .collect();
    Evaluation {
        name: inputs.folder.name.clone(),
        date: inputs.folder.date.to_string(),
        folder: folder.name(),
        rubric_name: rubric.name.clone(),
        rubric_version: rubric.version.clone(),
        vendors,
        stats,
        comparisons,
        conversations,
        rows_used: inputs.measurements.probes.len(),
        rows_rejected: inputs.measurements.rows_rejected(),
        warnings: inputs.warnings.clone(),
    }
}

/// The measured probes through the same statistics as `supportgrade stats`, grouped by
/// vendor, by vendor and priority, and by vendor and channel. Unanswered probes are censored
/// at the latest timestamp of the file.
fn response_time_stats(inputs: &Inputs, rubric: &Rubric) -> (Vec<GroupReport>, Vec<Comparison>) {
    let probes = &inputs.measurements.probes;
    let latest = probes
        .iter()
        .flat_map(|p| [Some(p.sent_at), p.first_response_at, p.resolved_at])
        .flatten()
        .map(|t| t.timestamp())
        .max();
    let mut stats = Vec::new();
    let mut comparisons = Vec::new();
    for by in ["vendor", "vendor,priority", "vendor,channel"] {
        let by = GroupBy::parse(by).expect("valid grouping");
        let mut acc = Accumulator::new(by, None, &rubric.first_response_targets);
        for p in probes {
            acc.row(&TicketRow {
                vendor: &p.vendor,
                priority: Some(p.priority),
                channel: Some(p.channel),
                sent: p.sent_at.timestamp(),
                first_response_at: p.first_response_at.map(|t| t.timestamp()),
                first_response_minutes: None,
                first_response_business_minutes: None,
                resolved_at: p.resolved_at.map(|t| t.timestamp()),
                resolution_minutes: None,
                resolved_on_first_contact: p.resolved_on_first_contact,
                offset: 0,
            });
        }
        let groups = acc.finish(latest);
        comparisons.extend(compare_adjacent(&groups));
        stats.extend(groups);
    }
    stats.sort_by(|a, b| a.key.cmp(&b.key));
    (stats, comparisons)
}
