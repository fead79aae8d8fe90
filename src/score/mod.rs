//! Scoring: rubric + metrics -> points per criterion, totals, knock-outs and ranking.

use crate::metrics::{Metric, Value, VendorFacts};
use crate::model::evidence::Evidence;
use crate::report::fmt::round_to;
use crate::rubric::{Criterion, Rubric};
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

/// Scores one criterion for one vendor.
pub fn score_criterion(c: &Criterion, facts: &VendorFacts) -> CriterionScore {
    let mut measures = Vec::new();
    let mut weighted = 0.0;
    let mut total_weight = 0.0;
    for m in &c.measures {
        let metric = facts
            .metric(&m.metric, m.priority, m.channel)
            .expect("the rubric names only known metrics");
        let score = match &metric.value {
            Some(Value::Number(x)) => m.scoring.score_number(*x),
            Some(Value::Set(items)) => m.scoring.score_set(items),
            None => None,
        }
        .unwrap_or(m.missing_score);
        weighted += score * m.weight;
        total_weight += m.weight;
        measures.push(MeasureScore {
            label: m.label.clone(),
            metric,
            score,
            weight: m.weight,
            scoring: m.scoring.describe(),
        });
    }
    let score = if total_weight > 0.0 {
        weighted / total_weight
    } else {
        0.0
    };
    CriterionScore {
        id: c.id.clone(),
        name: c.name.clone(),
        points: c.weight * score / 100.0,
        weight: c.weight,
        score,
        must_have_min_score: c.must_have_min_score,
        measures,
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

pub fn score_vendor(rubric: &Rubric, facts: &VendorFacts) -> VendorScore {
    let criteria: Vec<CriterionScore> = rubric
        .criteria
        .iter()
        .map(|c| score_criterion(c, facts))
        .collect();
    let total = criteria.iter().map(|c| c.points).sum();
    let knockouts: Vec<String> = criteria
        .iter()
        .filter(|c| c.knocked_out())
        .map(|c| {
            format!(
                "{}: scored {:.1}% of its points, below the must-have minimum of {}%",
                c.id,
                c.score,
                c.must_have_min_score.unwrap_or(0.0)
            )
        })
        .collect();
    VendorScore {
        id: facts.id.to_string(),
        total,
        knocked_out: !knockouts.is_empty(),
        knockouts,
        criteria,
    }
}

/// Orders vendors: those not knocked out first, then by total (at two decimals) descending,
/// then by id. Ranks are "1224" style: equal totals share a rank.
pub fn rank(mut scores: Vec<VendorScore>) -> Vec<(usize, VendorScore)> {
    scores.sort_by(|a, b| {
        a.knocked_out
            .cmp(&b.knocked_out)
            .then(round_to(b.total, 2).total_cmp(&round_to(a.total, 2)))
            .then(a.id.cmp(&b.id))
    });
    let mut out: Vec<(usize, VendorScore)> = Vec::new();
    for (i, s) in scores.into_iter().enumerate() {
        let r = match out.last() {
            Some((r, prev))
                if prev.knocked_out == s.knocked_out && round_to(prev.total, 2) == round_to(s.total, 2) =>
            {
                *r
            }
            _ => i + 1,
        };
        out.push((r, s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vs(id: &str, total: f64, ko: bool) -> VendorScore {
        VendorScore {
            id: id.into(),
            total,
            knocked_out: ko,
            knockouts: vec![],
            criteria: vec![],
        }
    }

    #[test]
    fn knocked_out_vendors_rank_last_and_ties_share_a_rank() {
        let r = rank(vec![
            vs("a", 50.0, false),
            vs("b", 90.0, true),
            vs("c", 70.0, false),
            vs("d", 50.001, false),
        ]);
        let got: Vec<(usize, &str)> = r.iter().map(|(k, s)| (*k, s.id.as_str())).collect();
        assert_eq!(got, vec![(1, "c"), (2, "a"), (2, "d"), (4, "b")]);
    }
}
