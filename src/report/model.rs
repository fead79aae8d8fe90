//! What the reports show: one model per command's output, built by [`crate::pipeline`] and
//! turned into bytes by the exporters of this module. No I/O here.

use crate::error::Diagnostic;
use crate::metrics::promises::Promise;
use crate::metrics::response_times::{Comparison, GroupReport};
use crate::metrics::transcripts::{ConversationAnalysis, TranscriptSummary};
use crate::model::plan::HeldPlan;
use crate::model::sla::SlaDocument;
use crate::score::compare::MethodComparison;
use crate::score::robustness::verdict::{Robustness, VendorRobustness};
use crate::score::scorecard::VendorScore;
use serde::Serialize;

/// The result of an evaluation: everything a report shows.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub name: String,
    pub date: String,
    pub folder: String,
    pub rubric_name: String,
    pub rubric_version: String,
    /// The rubric's files: the one chosen, then what it extends, in order.
    pub rubric_files: Vec<String>,
    pub vendors: Vec<VendorResult>,
    /// Response-time statistics per vendor, per vendor and priority, per vendor and channel.
    pub stats: Vec<GroupReport>,
    /// Mann-Whitney tests between vendors adjacent in median first response.
    pub comparisons: Vec<Comparison>,
    pub conversations: Vec<ConversationAnalysis>,
    pub rows_used: usize,
    pub rows_rejected: usize,
    pub warnings: Vec<Diagnostic>,
    /// How sure the ranking is (SMAA-2 over the rubric's weights and the measured values);
    /// `None` when fewer than two vendors can be compared.
    pub robustness: Option<Robustness>,
    /// How the totals were computed; every report states it.
    pub method: MethodStatement,
    /// Both rankings side by side (`evaluate --compare-methods`).
    pub comparison: Option<MethodComparison>,
}

/// How the totals were computed, in words.
#[derive(Debug, Clone, Serialize)]
pub struct MethodStatement {
    /// `weighted_sum` or `topsis`.
    pub aggregation: String,
    /// The method in a few words.
    pub summary: String,
    /// The method and its normalisation.
    pub description: String,
    /// Where the criterion weights came from.
    pub weights: String,
    /// What the robustness analysis rescores with.
    pub robustness: String,
}

impl MethodStatement {
    pub fn new(rubric: &crate::rubric::Rubric) -> Self {
        let a = rubric.aggregation;
        MethodStatement {
            aggregation: a.name().to_string(),
            summary: a.summary().to_string(),
            description: a.describe().to_string(),
            weights: rubric.weighting.describe(),
            robustness: match a {
                crate::rubric::Aggregation::WeightedSum => {
                    "the robustness analysis (SMAA-2) rescores with the weighted sum of the criterion scores, the rubric's method".to_string()
                }
                _ => format!(
                    "the robustness analysis (SMAA-2) rescores with the weighted sum of the criterion scores, not {}: its rank bands, P(first) and verdict are the weighted sum's",
                    a.name()
                ),
            },
        }
    }

    /// Whether the robustness analysis ranks as the report does (its rank bands can stand in
    /// for the ranks).
    pub fn robustness_matches(&self) -> bool {
        self.aggregation == crate::rubric::Aggregation::WeightedSum.name()
    }
}

impl Evaluation {
    /// A vendor's place in the robustness analysis, where it took part.
    pub fn robust(&self, id: &str) -> Option<&VendorRobustness> {
        self.robustness.as_ref()?.vendors.iter().find(|v| v.id == id)
    }

    /// A vendor's rank as the reports show it: its rank band where the analysis ran ("2-4"),
    /// else its rank.
    /// Under another method than the weighted sum, the rank (the bands are the weighted sum's).
    pub fn rank_shown(&self, v: &VendorResult) -> String {
        self.robust(&v.score.id)
            .filter(|_| self.method.robustness_matches())
            .map(|r| r.rank_band.clone())
            .unwrap_or_else(|| v.rank.to_string())
    }
}

#[derive(Debug, Clone)]
pub struct VendorResult {
    pub name: String,
    pub rank: usize,
    /// What scoring gave it: id, total, evidence coverage, knock-outs, criteria.
    pub score: VendorScore,
    /// The plan the vendor is held to.
    pub plan: HeldPlan,
    pub promises: Vec<Promise>,
    pub transcripts: TranscriptSummary,
}

/// Response-time statistics of one export (`supportgrade stats`). Serialized as the JSON
/// document of `stats --format json` (its field order is part of that contract).
#[derive(Debug, Clone, Serialize)]
pub struct StatsReport {
    /// The file as named on the command line.
    #[serde(skip)]
    pub file: String,
    pub groups: Vec<GroupReport>,
    pub rows_used: usize,
    pub rows_rejected: usize,
    pub encoding: &'static str,
    pub duplicates: usize,
    pub preset: Option<&'static str>,
    /// How elapsed time was counted (`wall clock`, a business schedule...).
    pub clock: String,
    /// Mann-Whitney tests between vendors adjacent in median first response.
    pub comparisons: Vec<Comparison>,
}

/// The promises of SLA documents (`supportgrade sla extract`), in the order given.
#[derive(Debug, Clone, Default)]
pub struct SlaReport {
    pub documents: Vec<SlaDocument>,
}
