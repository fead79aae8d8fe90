//! The rubric: criteria, weights, how measured values become points, must-haves, targets,
//! and the probe questions transcripts are judged by. Written in TOML, possibly extending
//! another rubric (`extends = "default"`): [`extends`] follows the chain, [`merge`] merges the
//! files as [`tree`]s (every value with its file and span) by id, and [`parse`] validates the
//! merged text, every error sent back to the file, line and column that wrote it. [`load`]
//! finds it (a path, a profile name, the shipped file or the built-in copy); [`show`] is what
//! the `rubric` commands print.

pub mod extends;
pub mod load;
pub mod merge;
pub mod parse;
pub mod show;
pub mod tree;

use crate::model::domain::{Channel, Priority};
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
            Scoring::Checklist(_) => None,
        }
    }

    pub fn score_set(&self, items: &[String]) -> Option<f64> {
        match self {
            Scoring::Checklist(wanted) if !wanted.is_empty() => {
                let have = wanted.iter().filter(|w| items.contains(w)).count();
                Some(have as f64 / wanted.len() as f64 * 100.0)
            }
            _ => None,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Scoring::Linear { best, worst } => format!("linear: 100 at {best}, 0 at {worst}"),
            Scoring::Bands(bands) => {
                let parts: Vec<String> = bands
                    .iter()
                    .map(|b| {
                        let lo = b.min.map(|m| m.to_string()).unwrap_or_else(|| "-inf".into());
                        let hi = b.max.map(|m| m.to_string()).unwrap_or_else(|| "inf".into());
                        format!("[{lo}, {hi}) -> {}", b.score)
                    })
                    .collect();
                format!("bands: {}", parts.join("; "))
            }
            Scoring::Checklist(items) => format!("checklist: {}", items.join(", ")),
        }
    }
}
