//! Aggregation methods: a whole [`DecisionMatrix`] in, one score per vendor out. Adding a
//! method is one file here plus one arm in [`Method::aggregate`].

pub mod weighted_sum;

use super::matrix::DecisionMatrix;
use super::scorecard::VendorScore;
use crate::error::Result;
use crate::rubric::Rubric;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Points per criterion = its weight x the weighted mean of its measures' scores.
    #[default]
    WeightedSum,
}

impl Method {
    /// Scores every vendor of the matrix (in its row order); knock-outs are applied after.
    pub fn aggregate(self, rubric: &Rubric, matrix: DecisionMatrix) -> Result<Vec<VendorScore>> {
        match self {
            Method::WeightedSum => weighted_sum::aggregate(rubric, matrix),
        }
    }
}
