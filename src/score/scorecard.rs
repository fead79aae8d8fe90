//! What scoring gives each vendor: points per criterion, per measure the metric and its score,
//! the total and the knock-outs.

use crate::metrics::metric::Metric;
use crate::model::evidence::Evidence;
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
