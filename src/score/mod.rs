//! Scoring: rubric + metrics -> points per criterion, totals, knock-outs and ranking.
//!
//! Every vendor's metrics are first laid out as one [`DecisionMatrix`] (vendors x the rubric's
//! measures, each cell a metric with its evidence and its 0-100 score, or missing); an
//! aggregation method ([`aggregate::Method`]) turns the whole matrix into totals, so methods
//! that need every vendor's values at once have the same input as the weighted sum;
//! [`knockout`] applies the must-haves and [`rank`] orders the vendors. [`compare`] ranks the
//! same matrix by every method (Kendall's tau-b between them, and the rank reversals a
//! vendor's removal causes).

pub mod aggregate;
pub mod compare;
pub mod knockout;
pub mod matrix;
pub mod rank;
pub mod robustness;
pub mod scorecard;

use crate::error::Result;
use crate::metrics::metric::VendorFacts;
use crate::rubric::Rubric;
use matrix::DecisionMatrix;
use scorecard::VendorScore;

/// Scores every vendor with `method`, applies the must-haves and ranks them: (rank, score),
/// best first. Fails when the rubric says a missing measure must fail the evaluation.
pub fn score_all(
    rubric: &Rubric,
    facts: &[VendorFacts],
    method: aggregate::Method,
) -> Result<Vec<(usize, VendorScore)>> {
    score_matrix(rubric, DecisionMatrix::build(rubric, facts), method)
}

/// [`score_all`] over a decision matrix already built.
pub fn score_matrix(
    rubric: &Rubric,
    matrix: DecisionMatrix,
    method: aggregate::Method,
) -> Result<Vec<(usize, VendorScore)>> {
    let mut scores = method.aggregate(rubric, matrix)?;
    for s in &mut scores {
        knockout::apply(s);
    }
    Ok(rank::rank(scores))
}
