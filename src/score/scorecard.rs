//! What scoring gives each vendor: points per criterion, per measure the metric and its score,
//! the total, the share of the rubric backed by evidence, and the knock-outs.

use crate::metrics::metric::Metric;
use crate::model::evidence::Evidence;
use crate::score::matrix::Insufficient;
use serde::Serialize;

/// How a measure entered a vendor's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    /// Scored from evidence.
    Measured,
    /// No evidence: left out, its weight spread over the vendor's other measures.
    Excluded,
    /// No evidence: scored the rubric's `missing_score` (0 for `missing = "zero"`).
    ScoredMissing,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureScore {
    pub label: String,
    pub metric: Metric,
    /// 0-100 (0 and not counted when excluded).
    pub score: f64,
    pub weight: f64,
    pub scoring: String,
    pub status: MeasureStatus,
    /// Set when the value rests on too few observations to be scored (then treated as
    /// missing): how many there were and how many the measure needs.
    pub insufficient: Option<Insufficient>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionScore {
    pub id: String,
    pub name: String,
    /// Points earned, 0..=effective_weight.
    pub points: f64,
    /// The rubric's weight.
    pub weight: f64,
    /// The weight it carries for this vendor: the rubric's, grown by the share of criteria
    /// without any evidence (whose weight is spread over the others), 0 when it has none.
    pub effective_weight: f64,
    /// Share of the criterion earned, 0-100, over its measures with evidence (and those the
    /// rubric scores when missing).
    pub score: f64,
    /// Share (0-1) of the criterion's measure weight backed by evidence.
    pub coverage: f64,
    pub must_have_min_score: Option<f64>,
    pub measures: Vec<MeasureScore>,
}

impl CriterionScore {
    /// All evidence behind this criterion, in measure order, without repeats.
    pub fn evidence(&self) -> Vec<Evidence> {
        let mut out: Vec<Evidence> = Vec::new();
        for m in &self.measures {
            for e in &m.metric.evidence {
                if !out.contains(e) {
                    out.push(e.clone());
                }
            }
        }
        out
    }

    /// Every measure left out: the criterion says nothing about this vendor.
    pub fn excluded(&self) -> bool {
        self.measures.iter().all(|m| m.status == MeasureStatus::Excluded)
    }

    /// Whether it carries more than the rubric's weight (criteria without evidence gave it
    /// theirs).
    pub fn weight_grown(&self) -> bool {
        !self.excluded() && (self.effective_weight - self.weight).abs() > 1e-9
    }

    /// Whether any measure was scored from evidence.
    pub fn has_evidence(&self) -> bool {
        self.measures.iter().any(|m| m.status == MeasureStatus::Measured)
    }

    /// Below its must-have, on evidence: a must-have never fires on missing evidence alone.
    pub fn knocked_out(&self) -> bool {
        self.has_evidence() && self.must_have_min_score.is_some_and(|min| self.score < min)
    }

    /// A must-have that cannot be checked: no measure of the criterion has evidence.
    pub fn unverified(&self) -> bool {
        !self.has_evidence() && self.must_have_min_score.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct VendorScore {
    pub id: String,
    pub total: f64,
    /// Share (0-1) of the rubric's weight backed by evidence.
    pub coverage: f64,
    pub knocked_out: bool,
    pub knockouts: Vec<String>,
    /// Must-haves that could not be checked for want of evidence.
    pub unverified: Vec<String>,
    /// Each measure without evidence, and what the rubric did with it.
    pub missing: Vec<String>,
    pub criteria: Vec<CriterionScore>,
}
