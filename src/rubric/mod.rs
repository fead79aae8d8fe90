//! The rubric: criteria, weights, how measured values become points, must-haves, targets,
//! and the probe questions transcripts are judged by. Written in TOML, possibly extending
//! another rubric (`extends = "default"`): [`extends`] follows the chain, [`merge`] merges the
//! files as [`tree`]s (every value with its file and span) by id, and [`parse`] validates the
//! merged text, every error sent back to the file, line and column that wrote it. [`load`]
//! finds it (a path, a profile name, the shipped file or the built-in copy); [`show`] is what
//! the `rubric` commands print.

pub mod ahp;
pub mod extends;
pub mod forms;
pub mod load;
pub mod merge;
pub mod params;
pub mod parse;
pub mod show;
pub mod tree;
pub mod weights;

use crate::model::domain::{Channel, Priority};
use crate::model::sla::Schedule;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Rubric {
    /// The files it was read from: the rubric asked for, then what it extends, in order.
    pub files: Vec<String>,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    /// First-response target per priority, in minutes.
    pub first_response_targets: BTreeMap<Priority, f64>,
    pub criteria: Vec<Criterion>,
    pub probes: Vec<ProbeQuestion>,
    pub transfer_phrases: Vec<String>,
    pub stall_phrases: Vec<String>,
    pub refusal_phrases: Vec<String>,
    /// How the ranking's robustness is tested (`[robustness]`).
    pub robustness: RobustnessSpec,
    /// How criterion scores become a total (`[aggregation] method`).
    pub aggregation: Aggregation,
    /// Where the criterion weights came from (`weight =` on each, or `[weights.ahp]`).
    pub weighting: Weighting,
}

/// `[aggregation] method = ...`: how the criterion scores become a vendor's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Aggregation {
    /// Points per criterion = its weight x its score / 100; the total is their sum.
    #[default]
    WeightedSum,
    /// TOPSIS: the criterion scores vector-normalised over the vendors, weighted, and the total
    /// is 100 x the closeness to the ideal (the best score of every criterion among the
    /// vendors evaluated) against the anti-ideal (the worst).
    Topsis,
}

impl Aggregation {
    /// The name written in rubrics and reports (`weighted_sum`, `topsis`).
    pub fn name(self) -> &'static str {
        match self {
            Aggregation::WeightedSum => "weighted_sum",
            Aggregation::Topsis => "topsis",
        }
    }

    pub fn parse(s: &str) -> Option<Aggregation> {
        match s.trim().to_ascii_lowercase().as_str() {
            "weighted_sum" => Some(Aggregation::WeightedSum),
            "topsis" => Some(Aggregation::Topsis),
            _ => None,
        }
    }

    /// The method in a few words, for the terminal.
    pub fn summary(self) -> &'static str {
        match self {
            Aggregation::WeightedSum => {
                "weighted sum (measures scored 0-100 by their rules; points = weight x score / 100, added up)"
            }
            Aggregation::Topsis => {
                "TOPSIS (criterion scores vector-normalised and weighted; total = 100 x closeness to the ideal vendor)"
            }
        }
    }

    /// The method and its normalisation, in words, for the reports.
    pub fn describe(self) -> &'static str {
        match self {
            Aggregation::WeightedSum => {
                "weighted sum: each measure scored 0-100 by its scoring rule (that is the normalisation), a criterion's points = its weight x the weighted mean of its measures' scores / 100, the total = the sum of the points"
            }
            Aggregation::Topsis => {
                "TOPSIS: each criterion's 0-100 score vector-normalised over the vendors (divided by the root of the sum of squares), weighted, and the total = 100 x the distance to the anti-ideal / (distance to the ideal + distance to the anti-ideal), ideal and anti-ideal being the best and worst of each criterion among the vendors evaluated; criteria without evidence for a vendor are left out of its distances, their weight spread as in the weighted sum"
            }
        }
    }
}

/// Where the criterion weights come from.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Weighting {
    /// `weight = N` on each criterion, summing to 100.
    #[default]
    Direct,
    /// `[weights.ahp]`: the principal eigenvector of the pairwise comparisons.
    Ahp(ahp::AhpResult),
}

impl Weighting {
    /// In words, for the reports.
    pub fn describe(&self) -> String {
        match self {
            Weighting::Direct => "weights given directly (summing to 100)".to_string(),
            Weighting::Ahp(a) => format!(
                "weights from AHP pairwise comparisons (principal eigenvector; lambda_max {:.3}, consistency ratio {:.3})",
                a.lambda_max, a.consistency_ratio
            ),
        }
    }
}

/// `[robustness]`: how weights (and measured values, within their intervals) are perturbed to
/// see how sure the ranking is.
#[derive(Debug, Clone, PartialEq)]
pub struct RobustnessSpec {
    pub weights: WeightSpread,
    /// Perturbed scorings (default 10,000).
    pub iterations: usize,
    /// The random seed: the same seed gives the same report (default 2026).
    pub seed: u64,
    /// The confidence at which vendors share a rank band (default 0.95).
    pub confidence: f64,
}

/// How the weights are drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightSpread {
    /// Around the rubric's weights, Dirichlet with this concentration (default 20: a weight
    /// of 25 points varies by about ±9 points, one standard deviation).
    Dirichlet { concentration: f64 },
    /// Uniform over every weighting (no preference information).
    Uniform,
    /// Uniform over the weightings that satisfy what the rubric's authors are sure of:
    /// `["response >= channels", "docs <= 20"]`.
    Constrained { constraints: Vec<String> },
}

impl Default for RobustnessSpec {
    fn default() -> Self {
        RobustnessSpec {
            weights: WeightSpread::Dirichlet { concentration: 20.0 },
            iterations: 10_000,
            seed: 2026,
            confidence: 0.95,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: f64,
    /// Knock-out: a vendor scoring below this share (0-100) of the criterion is out.
    pub must_have_min_score: Option<f64>,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Clone)]
pub struct Measure {
    /// What a rubric extending this one names it by: `id = "..."`, else
    /// `metric[.priority][.channel]` ([`merge::measure_id`]).
    pub id: String,
    pub metric: String,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    pub weight: f64,
    pub scoring: Scoring,
    /// What a vendor's missing value does to the score.
    pub missing: Missing,
    /// The fewest observations the value may rest on (below: insufficient evidence, treated
    /// as missing); the metric's default unless the rubric sets `min_n`.
    pub min_n: usize,
    pub label: String,
    /// `probe = "id"`: the probe metrics narrowed to one probe question of the rubric.
    pub probe: Option<String>,
    /// `window = "Mon-Sun 18:00-22:00"`: the buyer's hours support should cover.
    pub window: Option<Schedule>,
    /// `zones = ["Europe/Berlin", ...]`: the zones the window is in (empty: the vendor's).
    pub zones: Vec<String>,
}

/// What a measure without evidence does (`missing = ...` on a measure or its criterion). In
/// every case the vendor is flagged, in the warnings and in the report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Missing {
    /// Left out: its weight is spread over the vendor's other measures (the default).
    Exclude,
    /// Scored this (0-100): `missing = "zero"` is 0; `missing_score = N` is N.
    Score(f64),
    /// The evaluation fails (exit 3), naming the vendor and the measure.
    Fail,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Scoring {
    /// 100 at `best`, 0 at `worst`, linear between (either direction), clamped.
    Linear { best: f64, worst: f64 },
    /// Half-open ranges `[min, max)` with a score each.
    Bands(Vec<Band>),
    /// Share of the listed items present in a set-valued metric.
    Checklist(Vec<String>),
    /// Points per item (`checklist = { chat = 30, phone = 20 }`): the points of the items
    /// present, as a share of all the points.
    ChecklistPoints(Vec<(String, f64)>),
    /// 100 x value / the best vendor's value (higher is better), or 100 x the best vendor's
    /// value / value (lower is better). It needs every vendor's value, so it is scored over a
    /// whole column of the decision matrix ([`Scoring::score_ratio`]).
    RatioToBest { lower_is_better: bool },
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub score: f64,
}

#[derive(Debug, Clone)]
pub struct ProbeQuestion {
    pub id: String,
    pub question: String,
    pub asked: Vec<String>,
    pub min_concepts: usize,
    pub concepts: Vec<Concept>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub id: String,
    pub terms: Vec<String>,
}

impl Missing {
    /// What a measure without evidence does, in words.
    pub fn describe(self) -> String {
        match self {
            Missing::Exclude => {
                "without evidence: left out, its weight spread over the vendor's other measures".to_string()
            }
            Missing::Score(s) => format!("without evidence: scored {s}"),
            Missing::Fail => "without evidence: the evaluation fails".to_string(),
        }
    }
}

impl Scoring {
    /// The score (0-100) of a numeric value.
    pub fn score_number(&self, v: f64) -> Option<f64> {
        match self {
            Scoring::Linear { best, worst } => {
                if v.is_nan() {
                    return None;
                }
                let t = (v - worst) / (best - worst);
                Some((t.clamp(0.0, 1.0)) * 100.0)
            }
            Scoring::Bands(bands) => bands
                .iter()
                .find(|b| b.min.is_none_or(|m| v >= m) && b.max.is_none_or(|m| v < m))
                .map(|b| b.score),
            Scoring::Checklist(_) | Scoring::ChecklistPoints(_) | Scoring::RatioToBest { .. } => None,
        }
    }

    /// Whether the score of a value depends on the other vendors' values.
    pub fn relative(&self) -> bool {
        matches!(self, Scoring::RatioToBest { .. })
    }

    /// The score (0-100) of `v` against `best`, the best value among the vendors (the largest
    /// when higher is better, the smallest when lower is). Higher is better: 100 x v / best,
    /// and every vendor scores 0 when the best is 0 or less (nobody has any). Lower is better:
    /// 100 x best / v, and 100 when `v` is 0 or less (nothing is better). Clamped to 0-100.
    pub fn score_ratio(&self, v: f64, best: f64) -> Option<f64> {
        let Scoring::RatioToBest { lower_is_better } = self else {
            return None;
        };
        if v.is_nan() || best.is_nan() {
            return None;
        }
        let s = if *lower_is_better {
            if v <= 0.0 {
                100.0
            } else if v.is_infinite() {
                0.0
            } else {
                100.0 * best.max(0.0) / v
            }
        } else if best <= 0.0 || best.is_infinite() {
            if best.is_infinite() && v.is_infinite() {
                100.0
            } else {
                0.0
            }
        } else {
            100.0 * v / best
        };
        Some(s.clamp(0.0, 100.0))
    }

    pub fn score_set(&self, items: &[String]) -> Option<f64> {
        match self {
            Scoring::Checklist(wanted) if !wanted.is_empty() => {
                let have = wanted.iter().filter(|w| items.contains(w)).count();
                Some(have as f64 / wanted.len() as f64 * 100.0)
            }
            Scoring::ChecklistPoints(points) => {
                let all: f64 = points.iter().map(|(_, p)| p).sum();
                let have: f64 = points
                    .iter()
                    .filter(|(item, _)| items.contains(item))
                    .map(|(_, p)| p)
                    .sum();
                (all > 0.0).then(|| have / all * 100.0)
            }
            _ => None,
        }
    }

    /// The scoring function in words, for the reports.
    pub fn describe(&self) -> String {
        match self {
            Scoring::Linear { best, worst } => {
                format!("linear: 100 at {best} or better, 0 at {worst} or worse, in proportion between")
            }
            Scoring::Bands(bands) => {
                let parts: Vec<String> = bands
                    .iter()
                    .map(|b| {
                        let range = match (b.min, b.max) {
                            (Some(lo), Some(hi)) => format!("{lo} to under {hi}"),
                            (Some(lo), None) => format!("{lo} or more"),
                            (None, Some(hi)) => format!("under {hi}"),
                            (None, None) => "any value".to_string(),
                        };
                        format!("{range} scores {}", b.score)
                    })
                    .collect();
                format!("bands: {}", parts.join("; "))
            }
            Scoring::Checklist(items) => format!("checklist: the share of {} present", items.join(", ")),
            Scoring::ChecklistPoints(points) => {
                let all: f64 = points.iter().map(|(_, p)| p).sum();
                let parts: Vec<String> = points.iter().map(|(i, p)| format!("{i} {p}")).collect();
                format!(
                    "checklist with points: {} (the points of the items present, as a share of all {all})",
                    parts.join(", ")
                )
            }
            Scoring::RatioToBest {
                lower_is_better: false,
            } => "ratio to best: 100 x the value / the best vendor's value (higher is better)".to_string(),
            Scoring::RatioToBest {
                lower_is_better: true,
            } => "ratio to best: 100 x the best vendor's value / the value (lower is better)".to_string(),
        }
    }
}
