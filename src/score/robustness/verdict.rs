//! The evaluation's ranking put to the test: the scored vendors become a [`Problem`] (each
//! criterion's score with the interval its measures' confidence intervals give it, criteria
//! without evidence missing), SMAA-2 is run under the rubric's `[robustness]` weight model,
//! and the result is told as a report: rank bands, P(first), rank acceptabilities, central
//! weights, confidence factors, pairwise winning indices, the smallest weight change that
//! changes the first place, and a one-line verdict.
//!
//! Vendors knocked out by a must-have are ranked after the others whatever the weights, so
//! they are left out of the simulation; at least two vendors must remain for it to run.

use super::{first_place_sensitivity, smaa, Problem, SmaaOptions, Uncertain, WeightMethod, WeightModel};
use crate::metrics::metric::Value;
use crate::report::fmt::round_to;
use crate::rubric::{Rubric, WeightSpread};
use crate::score::scorecard::{MeasureStatus, VendorScore};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Robustness {
    /// `dirichlet`, `uniform`, `constrained (rejection)` or `constrained (hit-and-run)`.
    pub method: String,
    pub concentration: Option<f64>,
    pub constraints: Vec<String>,
    pub iterations: usize,
    pub seed: u64,
    /// The confidence of the rank bands.
    pub confidence: f64,
    /// One line for people.
    pub verdict: String,
    /// Vendors in ranking order (those in the simulation).
    pub vendors: Vec<VendorRobustness>,
    /// `P(a ranks ahead of b)` for every ordered pair.
    pub pairwise: Vec<Pairwise>,
    /// Per criterion, the smallest change of its weight (points) that changes the first place.
    pub sensitivity: Vec<Sensitivity>,
    /// Vendors left out of the simulation (knocked out).
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VendorRobustness {
    pub id: String,
    /// The places it shares with vendors the evidence cannot order: "1", "2-4".
    pub rank_band: String,
    /// P(first).
    pub p_first: f64,
    pub expected_rank: f64,
    /// `rank_acceptability[r]`: P(rank r + 1).
    pub rank_acceptability: Vec<f64>,
    /// The mean weights (points) of the scorings it wins; null when it never wins.
    pub central_weights: Option<BTreeMap<String, f64>>,
    /// P(first) at its central weights, over the measured values' uncertainty.
    pub confidence_factor: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pairwise {
    pub a: String,
    pub b: String,
    pub p_a_beats_b: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub criterion: String,
    pub weight: f64,
    /// Points added (positive) or taken (negative); null when no change of this weight alone
    /// moves the first place.
    pub change: Option<f64>,
    /// Who would be first past that change.
    pub new_first: Option<String>,
}

/// One criterion of one vendor: its score, and the range its measures' intervals allow.
fn criterion_value(rubric: &Rubric, s: &VendorScore, c: usize) -> Uncertain {
    let score = &s.criteria[c];
    if score.excluded() {
        return Uncertain::Missing;
    }
    let (mut lo, mut hi, mut weight) = (0.0, 0.0, 0.0);
    for (m, rm) in score.measures.iter().zip(&rubric.criteria[c].measures) {
        if m.status == MeasureStatus::Excluded {
            continue;
        }
        let (a, b) = match (m.status, &m.metric.value, m.metric.interval) {
            (MeasureStatus::Measured, Some(Value::Number(_)), Some((x, y))) => {
                let (sx, sy) = (rm.scoring.score_number(x), rm.scoring.score_number(y));
                match (sx, sy) {
                    (Some(sx), Some(sy)) => (sx.min(sy).min(m.score), sx.max(sy).max(m.score)),
                    _ => (m.score, m.score),
                }
            }
            _ => (m.score, m.score),
        };
        lo += a * m.weight;
        hi += b * m.weight;
        weight += m.weight;
    }
    if weight == 0.0 {
        return Uncertain::Missing;
    }
    let (lo, hi) = ((lo / weight).clamp(0.0, 100.0), (hi / weight).clamp(0.0, 100.0));
    if hi - lo < 1e-9 {
        Uncertain::Exact(score.score.clamp(0.0, 100.0))
    } else {
        Uncertain::Interval { lo, hi }
    }
}

/// Runs the analysis on ranked scores (best first). `None` when fewer than two vendors can
/// be compared; an error message when the rubric's constraints cannot be met.
/// `names` gives each vendor id the name the verdict uses.
pub fn robustness(
    rubric: &Rubric,
    ranked: &[&VendorScore],
    names: &BTreeMap<String, String>,
) -> Result<Option<Robustness>, String> {
    let inside: Vec<&VendorScore> = ranked.iter().copied().filter(|s| !s.knocked_out).collect();
    let left_out: Vec<String> = ranked
        .iter()
        .filter(|s| s.knocked_out)
        .map(|s| s.id.clone())
        .collect();
    // A vendor needs evidence on some criterion to be placed.
    let inside: Vec<&VendorScore> = inside
        .into_iter()
        .filter(|s| s.criteria.iter().any(|c| !c.excluded()))
        .collect();
    if inside.len() < 2 {
        return Ok(None);
    }
    let criteria: Vec<String> = rubric.criteria.iter().map(|c| c.id.clone()).collect();
    let weights: Vec<f64> = rubric.criteria.iter().map(|c| c.weight).collect();
    let values: Vec<Vec<Uncertain>> = inside
        .iter()
        .map(|s| {
            (0..criteria.len())
                .map(|c| criterion_value(rubric, s, c))
                .collect()
        })
        .collect();
    let ids: Vec<String> = inside.iter().map(|s| s.id.clone()).collect();
    let problem = Problem::new(ids.clone(), criteria.clone(), weights, values).map_err(|e| e.to_string())?;
    let spec = &rubric.robustness;
    let model = match &spec.weights {
        WeightSpread::Dirichlet { concentration } => WeightModel::Dirichlet {
            concentration: *concentration,
        },
        WeightSpread::Uniform => WeightModel::UniformSimplex,
        WeightSpread::Constrained { constraints } => WeightModel::Constrained {
            constraints: constraints.clone(),
        },
    };
    let mut options = SmaaOptions::new(model);
    options.iterations = spec.iterations;
    options.confidence_iterations = spec.iterations;
    options.seed = spec.seed;
    let result = smaa(&problem, &options).map_err(|e| e.to_string())?;
    let bands = result.rank_bands(spec.confidence).map_err(|e| e.to_string())?;
    let band_of = |i: usize| {
        bands
            .iter()
            .find(|b| b.vendors.contains(&i))
            .map(|b| b.label())
            .unwrap_or_default()
    };
    let sensitivity = first_place_sensitivity(&problem);
    let vendors: Vec<VendorRobustness> = result
        .vendors
        .iter()
        .enumerate()
        .map(|(i, v)| VendorRobustness {
            id: ids[i].clone(),
            rank_band: band_of(i),
            p_first: round_to(v.first(), 4),
            expected_rank: round_to(v.expected_rank(), 3),
            rank_acceptability: v.ranks.iter().map(|b| round_to(*b, 4)).collect(),
            central_weights: v.central_weights.as_ref().map(|w| {
                criteria
                    .iter()
                    .zip(w)
                    .map(|(c, x)| (c.clone(), round_to(*x, 2)))
                    .collect()
            }),
            confidence_factor: v.confidence.map(|c| round_to(c, 4)),
        })
        .collect();
    let mut pairwise = Vec::new();
    for (a, row) in result.pairwise.iter().enumerate() {
        for (b, p) in row.iter().enumerate() {
            if a != b {
                pairwise.push(Pairwise {
                    a: ids[a].clone(),
                    b: ids[b].clone(),
                    p_a_beats_b: round_to(*p, 4),
                });
            }
        }
    }
    let sensitivity = sensitivity
        .criteria
        .iter()
        .map(|c| {
            let smallest = c.smallest();
            Sensitivity {
                criterion: criteria[c.criterion].clone(),
                weight: c.weight,
                change: smallest.map(|w| round_to(w.delta, 2)),
                new_first: smallest.map(|w| ids[w.new_first].clone()),
            }
        })
        .collect();
    let method = match result.weight_method {
        WeightMethod::Dirichlet => "dirichlet".to_string(),
        WeightMethod::UniformSimplex => "uniform".to_string(),
        WeightMethod::Rejection { .. } => "constrained (rejection)".to_string(),
        WeightMethod::HitAndRun { .. } => "constrained (hit-and-run)".to_string(),
    };
    let verdict = verdict(&vendors, names, result.iterations, spec.confidence);
    Ok(Some(Robustness {
        method,
        concentration: match spec.weights {
            WeightSpread::Dirichlet { concentration } => Some(concentration),
            _ => None,
        },
        constraints: match &spec.weights {
            WeightSpread::Constrained { constraints } => constraints.clone(),
            _ => Vec::new(),
        },
        iterations: result.iterations,
        seed: spec.seed,
        confidence: spec.confidence,
        verdict,
        vendors,
        pairwise,
        sensitivity,
        left_out,
    }))
}

/// "deepwave ranks first in 97% of 10,000 perturbed scorings; the order of leqiao, qingluan
/// and swiftchat is not settled by this evidence."
fn verdict(
    vendors: &[VendorRobustness],
    names: &BTreeMap<String, String>,
    iterations: usize,
    confidence: f64,
) -> String {
    fn name<'a>(names: &'a BTreeMap<String, String>, id: &'a str) -> &'a str {
        names.get(id).map_or(id, String::as_str)
    }
    let mut bands: Vec<(String, Vec<&str>)> = Vec::new();
    for v in vendors {
        match bands.iter_mut().find(|(b, _)| *b == v.rank_band) {
            Some((_, ids)) => ids.push(name(names, &v.id)),
            None => bands.push((v.rank_band.clone(), vec![name(names, &v.id)])),
        }
    }
    let list = |ids: &[&str]| match ids {
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    let scorings = crate::report::fmt::fmt_count(iterations);
    let best = vendors
        .iter()
        .max_by(|a, b| a.p_first.total_cmp(&b.p_first))
        .expect("at least two vendors");
    let mut out = match bands.first() {
        Some((_, ids)) if ids.len() == 1 => format!(
            "{} ranks first in {:.0}% of {scorings} perturbed scorings",
            ids[0],
            best.p_first * 100.0
        ),
        Some((band, ids)) => format!(
            "first place is not settled by this evidence: {} share places {band} ({} ranks first in {:.0}% of {scorings} perturbed scorings)",
            list(ids),
            name(names, &best.id),
            best.p_first * 100.0
        ),
        None => String::new(),
    };
    let unsettled: Vec<&(String, Vec<&str>)> =
        bands.iter().skip(1).filter(|(_, ids)| ids.len() > 1).collect();
    if bands.len() > 1 {
        if unsettled.is_empty() {
            out.push_str("; the order of the others is settled");
        } else {
            let parts: Vec<String> = unsettled
                .iter()
                .map(|(band, ids)| format!("{} (places {band})", list(ids)))
                .collect();
            out.push_str(&format!(
                "; the order of {} is not settled by this evidence",
                parts.join("; of ")
            ));
        }
    }
    out.push_str(&format!(
        " (rank bands at {:.0}% confidence).",
        confidence * 100.0
    ));
    out
}
