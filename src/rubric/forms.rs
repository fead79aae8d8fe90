//! The scoring forms that need more than a number or two in TOML: `checklist` as a list of
//! items or a table of item -> points, and `ratio_to_best = { better = "higher" | "lower" }`.
//! Parsed here so that `parse` stays one measure's worth of wiring.

use super::Scoring;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `checklist = ["chat", "phone"]` (each item an equal share) or
/// `checklist = { chat = 30, phone = 20 }` (points per item).
#[derive(Deserialize)]
#[serde(untagged)]
pub enum RawChecklist {
    Items(Vec<String>),
    Points(BTreeMap<String, f64>),
}

/// `ratio_to_best = { better = "higher" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRatio {
    better: String,
}

/// The checklist's scoring, or what is wrong with it.
pub fn checklist(raw: &RawChecklist) -> Result<Scoring, String> {
    match raw {
        RawChecklist::Items(items) => Ok(Scoring::Checklist(items.clone())),
        RawChecklist::Points(points) => {
            if points.is_empty() {
                return Err("checklist: expected at least one item and its points".into());
            }
            if let Some((item, p)) = points.iter().find(|(_, p)| !(p.is_finite() && **p > 0.0)) {
                return Err(format!("checklist: {item} = {p}: points must be a number > 0"));
            }
            Ok(Scoring::ChecklistPoints(
                points.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            ))
        }
    }
}

/// The ratio-to-best scoring, or what is wrong with it.
pub fn ratio_to_best(raw: &RawRatio) -> Result<Scoring, String> {
    match raw.better.trim().to_ascii_lowercase().as_str() {
        "higher" => Ok(Scoring::RatioToBest { lower_is_better: false }),
        "lower" => Ok(Scoring::RatioToBest { lower_is_better: true }),
        other => Err(format!(
            "ratio_to_best: better = '{other}': expected \"higher\" (score = 100 x value / the best vendor's) or \"lower\" (100 x the best vendor's / value)"
        )),
    }
}
