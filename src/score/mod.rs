//! Scoring: rubric + metrics -> points per criterion, totals, knock-outs and ranking.
//!
//! Every vendor's metrics are first laid out as one [`DecisionMatrix`] (vendors x the rubric's
//! measures, each cell a metric with its evidence and its 0-100 score, or missing); an
//! aggregation method ([`aggregate::Method`]) turns the whole matrix into totals, so methods
//! that need every vendor's values at once have the same input as the weighted sum;
//! [`knockout`] applies the must-haves and [`rank`] orders the vendors.

pub mod aggregate;
pub mod knockout;
pub mod matrix;
pub mod rank;

use crate::metrics::{Metric, VendorFacts};
use crate::model::evidence::Evidence;
use crate::rubric::Rubric;
pub use matrix::DecisionMatrix;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MeasureScore {
    pub label: String,
    pub metric: Metric,
    /// 0-100.
    pub score: f64,
    pub weight: f64,
    pub scoring: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionScore {
    pub id: String,
    pub name: String,
    /// Points earned, 0..=weight.
    pub points: f64,
    pub weight: f64,
    /// Share of the criterion earned, 0-100.
    pub score: f64,
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

    pub fn knocked_out(&self) -> bool {
        self.must_have_min_score.is_some_and(|min| self.score < min)
    }
}

#[derive(Debug, Clone)]
pub struct VendorScore {
    pub id: String,
    pub total: f64,
    pub knocked_out: bool,
    pub knockouts: Vec<String>,
    pub criteria: Vec<CriterionScore>,
}

/// Scores every vendor with `method`, applies the must-haves and ranks them: (rank, score),
/// best first.
pub fn score_all(
    rubric: &Rubric,
    facts: &[VendorFacts],
    method: aggregate::Method,
) -> Vec<(usize, VendorScore)> {
    let matrix = DecisionMatrix::build(rubric, facts);
    let mut scores = method.aggregate(rubric, matrix);
    for s in &mut scores {
        knockout::apply(s);
    }
    rank::rank(scores)
}
