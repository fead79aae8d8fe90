//! `evaluate --compare-methods`: the same decision matrix ranked by every aggregation method,
//! side by side, how much the rankings agree (Kendall's tau-b, ties counted), and a
//! rank-reversal check: each vendor left out in turn, the others ranked again; any pair whose
//! order flips is reported. TOPSIS is known to do this (the ideal and anti-ideal, and the
//! normalisation, depend on who is evaluated); the weighted sum only when a measure is scored
//! relative to the best vendor (`ratio_to_best`).

use super::aggregate::{Method, METHODS};
use super::matrix::DecisionMatrix;
use super::score_matrix;
use crate::error::Result;
use crate::rubric::Rubric;
use serde::Serialize;
use std::collections::BTreeMap;

/// Both rankings, their agreement, and the rank reversals found.
#[derive(Debug, Clone, Serialize)]
pub struct MethodComparison {
    /// The methods compared, in column order (`weighted_sum`, `topsis`).
    pub methods: Vec<String>,
    /// The rubric's own method (the one the report ranks by).
    pub rubric_method: String,
    /// One row per vendor, in the order of the rubric's method's ranking.
    pub vendors: Vec<ComparedVendor>,
    /// Kendall's tau-b between the two rankings (ties counted); null when it is undefined
    /// (fewer than two vendors, or every vendor tied in one ranking).
    pub kendall_tau_b: Option<f64>,
    /// Pairs whose order flips when one other vendor is left out, by method.
    pub rank_reversals: Vec<RankReversal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComparedVendor {
    pub id: String,
    /// Per method name: rank and total.
    pub ranks: BTreeMap<String, usize>,
    pub totals: BTreeMap<String, f64>,
}

/// With every vendor, `ahead` ranks before `behind`; with `left_out` removed, after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankReversal {
    pub method: String,
    pub left_out: String,
    pub ahead: String,
    pub behind: String,
}

/// Ranks `matrix` by every method and checks for rank reversals.
pub fn compare(rubric: &Rubric, matrix: &DecisionMatrix, own: Method) -> Result<MethodComparison> {
    let mut ranks: Vec<BTreeMap<String, (usize, f64)>> = Vec::new();
    let mut rank_reversals = Vec::new();
    for method in METHODS {
        let full = score_matrix(rubric, matrix.clone(), method)?;
        let full: BTreeMap<String, (usize, f64)> =
            full.into_iter().map(|(r, s)| (s.id, (r, s.total))).collect();
        if matrix.vendors.len() >= 3 {
            for (row, left_out) in matrix.vendors.iter().enumerate() {
                let reduced = score_matrix(rubric, matrix.without(rubric, row), method)?;
                let reduced: BTreeMap<&str, usize> =
                    reduced.iter().map(|(r, s)| (s.id.as_str(), *r)).collect();
                rank_reversals.extend(flips(&full, &reduced).into_iter().map(|(ahead, behind)| {
                    RankReversal {
                        method: method.name().to_string(),
                        left_out: left_out.clone(),
                        ahead,
                        behind,
                    }
                }));
            }
        }
        ranks.push(full);
    }
    let own_index = METHODS.iter().position(|m| *m == own).unwrap_or(0);
    let mut order: Vec<&String> = matrix.vendors.iter().collect();
    order.sort_by_key(|id| {
        (
            ranks[own_index].get(*id).map_or(usize::MAX, |r| r.0),
            (*id).clone(),
        )
    });
    let vendors = order
        .into_iter()
        .map(|id| ComparedVendor {
            id: id.clone(),
            ranks: METHODS
                .iter()
                .zip(&ranks)
                .map(|(m, r)| (m.name().to_string(), r.get(id).map_or(0, |x| x.0)))
                .collect(),
            totals: METHODS
                .iter()
                .zip(&ranks)
                .map(|(m, r)| (m.name().to_string(), r.get(id).map_or(0.0, |x| x.1)))
                .collect(),
        })
        .collect();
    let rank_of = |k: usize| -> Vec<f64> {
        matrix
            .vendors
            .iter()
            .map(|id| ranks[k].get(id).map_or(0.0, |x| x.0 as f64))
            .collect()
    };
    Ok(MethodComparison {
        methods: METHODS.iter().map(|m| m.name().to_string()).collect(),
        rubric_method: own.name().to_string(),
        vendors,
        kendall_tau_b: kendall_tau_b(&rank_of(0), &rank_of(1)),
        rank_reversals,
    })
}

/// The pairs (ahead, behind) strictly ordered in `full` and strictly the other way in
/// `reduced` (ties are not flips), sorted.
fn flips(full: &BTreeMap<String, (usize, f64)>, reduced: &BTreeMap<&str, usize>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (a, &ra) in reduced {
        for (b, &rb) in reduced {
            let (Some(fa), Some(fb)) = (full.get(*a), full.get(*b)) else {
                continue;
            };
            if fa.0 < fb.0 && ra > rb {
                out.push((a.to_string(), b.to_string()));
            }
        }
    }
    out.sort();
    out
}

/// Kendall's tau-b of two paired samples: (concordant - discordant) / sqrt((n0 - n1)(n0 - n2)),
/// n0 the pairs, n1 and n2 the pairs tied in x and in y. `None` when undefined.
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    let (mut concordant, mut discordant, mut tied_x, mut tied_y, mut pairs) = (0i64, 0i64, 0i64, 0i64, 0i64);
    for i in 0..n {
        for j in i + 1..n {
            pairs += 1;
            let (dx, dy) = (sign(x[i] - x[j]), sign(y[i] - y[j]));
            tied_x += i64::from(dx == 0);
            tied_y += i64::from(dy == 0);
            match dx * dy {
                1 => concordant += 1,
                -1 => discordant += 1,
                _ => {}
            }
        }
    }
    let denominator = (((pairs - tied_x) * (pairs - tied_y)) as f64).sqrt();
    (denominator > 0.0).then(|| (concordant - discordant) as f64 / denominator)
}

fn sign(d: f64) -> i8 {
    if d > 0.0 {
        1
    } else if d < 0.0 {
        -1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::metric::Metric;
    use crate::score::matrix::{Cell, Column};

    fn cell(score: f64) -> Cell {
        Cell {
            metric: Metric {
                name: "cases_count".into(),
                priority: None,
                channel: None,
                value: None,
                display: String::new(),
                n: None,
                interval: None,
                evidence: Vec::new(),
            },
            score: Some(score),
            insufficient: None,
        }
    }

    /// Two criteria of equal weight; a = (30, 40), b = (100, 10), c = (60, 80). TOPSIS: c 71.09,
    /// b 42.77, a 31.30. Without c the ideal is (100, 40) and the anti-ideal (30, 10) once
    /// normalised: a 52.04, b 47.96, so a and b swap places. The weighted sum (35, 55, 70) keeps
    /// its order whoever is left out.
    #[test]
    fn topsis_flips_a_pair_when_a_third_vendor_is_left_out() {
        let rubric = crate::rubric::parse::from_toml(
            "name = \"t\"\nversion = \"1\"\n[[criterion]]\nid = \"x\"\nname = \"X\"\nweight = 50\n[[criterion.measure]]\nmetric = \"cases_count\"\nlinear = { best = 100, worst = 0 }\n[[criterion]]\nid = \"y\"\nname = \"Y\"\nweight = 50\n[[criterion.measure]]\nmetric = \"cases_count\"\nlinear = { best = 100, worst = 0 }\n",
            "t.toml",
        )
        .unwrap();
        let matrix = DecisionMatrix {
            vendors: vec!["a".into(), "b".into(), "c".into()],
            columns: vec![
                Column {
                    criterion: 0,
                    measure: 0,
                },
                Column {
                    criterion: 1,
                    measure: 0,
                },
            ],
            cells: vec![
                vec![cell(30.0), cell(40.0)],
                vec![cell(100.0), cell(10.0)],
                vec![cell(60.0), cell(80.0)],
            ],
        };
        let c = compare(&rubric, &matrix, Method::Topsis).unwrap();
        let ids: Vec<&str> = c.vendors.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "a"], "ranked by the rubric's method, TOPSIS");
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let totals: Vec<f64> = c.vendors.iter().map(|v| round(v.totals["topsis"])).collect();
        assert_eq!(totals, [71.09, 42.77, 31.3]);
        assert_eq!(c.vendors[2].ranks["weighted_sum"], 3);
        assert_eq!(
            c.rank_reversals,
            vec![RankReversal {
                method: "topsis".into(),
                left_out: "c".into(),
                ahead: "b".into(),
                behind: "a".into()
            }]
        );
        // Both rank c, b, a: tau 1.
        assert_eq!(c.kendall_tau_b, Some(1.0));
    }

    #[test]
    fn kendall_tau_b_by_hand() {
        // Identical and reversed orders.
        assert_eq!(
            kendall_tau_b(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 3.0, 4.0]),
            Some(1.0)
        );
        assert_eq!(
            kendall_tau_b(&[1.0, 2.0, 3.0, 4.0], &[4.0, 3.0, 2.0, 1.0]),
            Some(-1.0)
        );
        // 1 2 3 4 5 against 1 3 2 5 4: 10 pairs, 2 discordant (2-3, 4-5): (8 - 2) / 10.
        assert_eq!(
            kendall_tau_b(&[1.0, 2.0, 3.0, 4.0, 5.0], &[1.0, 3.0, 2.0, 5.0, 4.0]),
            Some(0.6)
        );
        // Ties: x = 1 2 2 3, y = 1 2 3 4. Pairs 6; tied in x 1 (the two 2s), in y 0;
        // concordant 5, discordant 0: 5 / sqrt(5 x 6) = 0.912871...
        let t = kendall_tau_b(&[1.0, 2.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert!((t - 5.0 / 30f64.sqrt()).abs() < 1e-12, "{t}");
        // Ties on both sides: x = 1 1 2 2, y = 1 2 2 3. Pairs 6; tied in x 2, in y 1;
        // concordant: (1,3) (1,4) (2,4) = 3, (2,3) tied in y, discordant 0:
        // 3 / sqrt(4 x 5) = 0.670820...
        let t = kendall_tau_b(&[1.0, 1.0, 2.0, 2.0], &[1.0, 2.0, 2.0, 3.0]).unwrap();
        assert!((t - 3.0 / 20f64.sqrt()).abs() < 1e-12, "{t}");
        // Undefined: one vendor, or all tied.
        assert_eq!(kendall_tau_b(&[1.0], &[1.0]), None);
        assert_eq!(kendall_tau_b(&[1.0, 1.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn flips_are_strict_reversals() {
        let full: BTreeMap<String, (usize, f64)> = [("a", 1), ("b", 2), ("c", 3)]
            .into_iter()
            .map(|(k, r)| (k.to_string(), (r, 0.0)))
            .collect();
        let reduced: BTreeMap<&str, usize> = [("a", 2), ("b", 1)].into_iter().collect();
        assert_eq!(flips(&full, &reduced), vec![("a".to_string(), "b".to_string())]);
        let tied: BTreeMap<&str, usize> = [("a", 1), ("b", 1)].into_iter().collect();
        assert!(flips(&full, &tied).is_empty());
    }
}
