//! The whole evaluation: ingest -> evidence -> metrics -> scoring -> (report).

use crate::domain::{Channel, Priority};
use crate::error::{Diagnostic, Result};
use crate::evaluation_folder::EvaluationFolder;
use crate::ingest::{self, Inputs};
use crate::metrics::transcripts::{summarize, ConversationAnalysis, TranscriptMatcher, TranscriptSummary};
use crate::metrics::{group_stats, GroupStats, VendorFacts};
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
    pub stats: Vec<GroupStats>,
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
    let conversations: Vec<ConversationAnalysis> =
        inputs.transcripts.iter().map(|t| matcher.analyze(t)).collect();
    let mut scores = Vec::new();
    let mut stats = Vec::new();
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
        if !probes.is_empty() {
            stats.push(group_stats(&v.id, None, None, &probes, rubric));
            for p in Priority::ALL {
                let group: Vec<_> = probes.iter().copied().filter(|x| x.priority == p).collect();
                if !group.is_empty() {
                    stats.push(group_stats(&v.id, Some(p), None, &group, rubric));
                }
            }
            for c in Channel::ALL {
                let group: Vec<_> = probes.iter().copied().filter(|x| x.channel == c).collect();
                if !group.is_empty() {
                    stats.push(group_stats(&v.id, None, Some(c), &group, rubric));
                }
            }
        }
        per_vendor.insert(&v.id, (promises, summarize(&convs)));
    }
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
        conversations,
        rows_used: inputs.measurements.probes.len(),
        rows_rejected: inputs.measurements.rows_rejected(),
        warnings: inputs.warnings.clone(),
    }
}
