//! Aggregation methods: a whole [`DecisionMatrix`] in, one score per vendor out. Adding a
//! method is one file here plus one arm in [`Method::aggregate`].

pub mod topsis;
pub mod weighted_sum;

use super::matrix::DecisionMatrix;
use super::scorecard::VendorScore;
use crate::error::Result;
use crate::rubric::{Aggregation, Rubric};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Points per criterion = its weight x the weighted mean of its measures' scores.
    #[default]
    WeightedSum,
    /// 100 x the closeness to the ideal vendor (TOPSIS over the criterion scores).
    Topsis,
}

/// Every method, in the order reports compare them.
pub const METHODS: [Method; 2] = [Method::WeightedSum, Method::Topsis];

impl From<Aggregation> for Method {
    fn from(a: Aggregation) -> Method {
        match a {
            Aggregation::WeightedSum => Method::WeightedSum,
            Aggregation::Topsis => Method::Topsis,
        }
    }
}

impl Method {
    /// Scores every vendor of the matrix (in its row order); knock-outs are applied after.
    pub fn aggregate(self, rubric: &Rubric, matrix: DecisionMatrix) -> Result<Vec<VendorScore>> {
        match self {
            Method::WeightedSum => weighted_sum::aggregate(rubric, matrix),
            Method::Topsis => topsis::aggregate(rubric, matrix),
        }
    }

    /// The name rubrics and reports use (`weighted_sum`, `topsis`).
    pub fn name(self) -> &'static str {
        self.rubric_form().name()
    }

    /// The method and its normalisation, in words.
    pub fn describe(self) -> &'static str {
        self.rubric_form().describe()
    }

    fn rubric_form(self) -> Aggregation {
        match self {
            Method::WeightedSum => Aggregation::WeightedSum,
            Method::Topsis => Aggregation::Topsis,
        }
    }
}
