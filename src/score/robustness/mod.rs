//! Robustness of a ranking (issue 12, section 2): how sure is the order, given that the
//! weights are a judgement and the values are measured with error?
//!
//! The input is independent of the rest of scoring: a [`Problem`] of m vendors x n criteria,
//! each cell an [`Uncertain`] score 0-100 (exact, an interval, bootstrap values, or missing:
//! excluded for that vendor, its weight spread over the vendor's other criteria), and the
//! rubric's weights (points summing to 100).
//!
//! - [`smaa()`] runs SMAA-2 (Lahdelma and Salminen 2001) under a [`WeightModel`] (Dirichlet
//!   around the rubric's weights, uniform over the simplex, or uniform inside constraints such
//!   as `"response >= channels"`, by rejection or hit-and-run, Tervonen et al. 2013), seeded: rank
//!   acceptability indices, central weight vectors, confidence factors and pairwise winning
//!   indices per vendor.
//! - [`first_place_sensitivity`]: per criterion, the smallest weight change (points, the
//!   others rescaled in proportion) that changes the first place, each way, and to whom.
//! - [`rank_bands`]: places shared by vendors whose order is not settled at a confidence
//!   ("2-4").
//!
//! Files: `problem` (input), `values` (the value matrix redrawn in place), `constraint` (the
//! constraint language), `lp` (a small simplex solver), `polytope` (feasibility, centre,
//! hit-and-run), `weights` (the weight models), `smaa` (the simulation), `sensitivity`,
//! `bands`, `error`.

pub mod bands;
pub mod constraint;
pub mod error;
pub mod lp;
pub mod polytope;
pub mod problem;
pub mod sensitivity;
pub mod smaa;
pub mod values;
pub mod verdict;
pub mod weights;

pub use bands::{rank_bands, RankBand};
pub use error::RobustnessError;
pub use problem::{Problem, Uncertain};
pub use sensitivity::{first_place_sensitivity, CriterionSensitivity, FirstPlaceSensitivity, WeightChange};
pub use smaa::{smaa, Smaa, SmaaOptions, VendorAcceptability};
pub use weights::{ChainOptions, WeightMethod, WeightModel, WeightSampler};
