//! How far one criterion's weight must move before the first place changes: deterministic,
//! on the point values (exact values, interval midpoints, sample means).
//!
//! Criterion j's weight `w_j` (points) moves by `δ` and the others are rescaled in
//! proportion so the weights still sum to 100: `w_k' = w_k (100 - w_j - δ) / (100 - w_j)`.
//! Each vendor's total (the weighted mean over the criteria it has evidence for) is then a
//! ratio of two linear functions of δ, so vendor b draws level with the leader L where a
//! quadratic in δ vanishes. Between consecutive roots the leader cannot change, so checking
//! one point of each interval, nearest first, finds the smallest change each way exactly
//! (up to rounding), over the whole range `-w_j <= δ <= 100 - w_j`.
//!
//! A vendor missing criterion j keeps its total whatever j weighs (its other weights scale
//! together). A first place already tied at the rubric's weights changes at δ = 0.

use super::problem::Problem;

/// Totals this close (in points) are level.
const TIE: f64 = 1e-9;

/// The first change of first place in one direction.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightChange {
    /// The change of the criterion's weight, in points (negative: less weight).
    pub delta: f64,
    /// The vendor (index) first just past that change.
    pub new_first: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CriterionSensitivity {
    /// The criterion (index) and its rubric weight in points.
    pub criterion: usize,
    pub weight: f64,
    /// Giving it more weight, up to 100; `None` when the first place holds all the way.
    pub up: Option<WeightChange>,
    /// Giving it less weight, down to 0; `None` when the first place holds all the way.
    pub down: Option<WeightChange>,
}

impl CriterionSensitivity {
    /// The smaller change of the two directions (the increase when equal).
    pub fn smallest(&self) -> Option<&WeightChange> {
        match (&self.up, &self.down) {
            (Some(u), Some(d)) => Some(if d.delta.abs() < u.delta.abs() { d } else { u }),
            (u, d) => u.as_ref().or(d.as_ref()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FirstPlaceSensitivity {
    /// The vendor first at the rubric's weights (the lowest index among tied ones).
    pub first: usize,
    /// One entry per criterion, in the problem's order.
    pub criteria: Vec<CriterionSensitivity>,
}

/// A vendor's total as `(n0 + n1 δ) / (d0 + d1 δ)`.
#[derive(Debug, Clone, Copy)]
struct Line {
    n0: f64,
    n1: f64,
    d0: f64,
    d1: f64,
}

impl Line {
    fn at(&self, delta: f64) -> f64 {
        let d = self.d0 + self.d1 * delta;
        if d > 0.0 {
            (self.n0 + self.n1 * delta) / d
        } else {
            0.0
        }
    }
}

/// The smallest weight change of each criterion that changes the first place, and to whom.
pub fn first_place_sensitivity(problem: &Problem) -> FirstPlaceSensitivity {
    let weights = problem.weights();
    let m = problem.vendors().len();
    let base: Vec<f64> = (0..m).map(|i| problem.point_total(i, weights)).collect();
    let first = leader(&base);
    let criteria = (0..weights.len())
        .map(|j| {
            let wj = weights[j];
            let rest = 100.0 - wj;
            let (up, down) = if rest <= TIE {
                // All the weight is on j: the others have no proportions to rescale.
                (None, None)
            } else {
                let lines: Vec<Line> = (0..m).map(|i| line(problem, i, j)).collect();
                let roots = crossings(&lines, first);
                (
                    change(&lines, first, &roots, 1.0, rest),
                    change(&lines, first, &roots, -1.0, wj),
                )
            };
            CriterionSensitivity {
                criterion: j,
                weight: wj,
                up,
                down,
            }
        })
        .collect();
    FirstPlaceSensitivity { first, criteria }
}

/// Vendor i's total as a function of criterion j's weight change.
fn line(problem: &Problem, i: usize, j: usize) -> Line {
    let weights = problem.weights();
    let rest = 100.0 - weights[j];
    let (mut r, mut q) = (0.0, 0.0);
    for (k, w) in weights.iter().enumerate() {
        if k != j {
            if let Some(v) = problem.cell(i, k).point() {
                r += w * v;
                q += w;
            }
        }
    }
    match problem.cell(i, j).point() {
        Some(v) => Line {
            n0: weights[j] * v + r,
            n1: v - r / rest,
            d0: weights[j] + q,
            d1: 1.0 - q / rest,
        },
        None => Line {
            n0: r,
            n1: -r / rest,
            d0: q,
            d1: -q / rest,
        },
    }
}

/// The first of the highest totals (ties within [`TIE`] to the lower index).
fn leader(totals: &[f64]) -> usize {
    let mut best = 0;
    for (i, t) in totals.iter().enumerate() {
        if *t > totals[best] + TIE {
            best = i;
        }
    }
    best
}

/// Every δ at which some vendor draws level with `first`: roots of
/// `N_b D_first - N_first D_b`, a quadratic.
fn crossings(lines: &[Line], first: usize) -> Vec<f64> {
    let l = lines[first];
    let mut roots = Vec::new();
    for (b, x) in lines.iter().enumerate() {
        if b == first {
            continue;
        }
        let c0 = x.n0 * l.d0 - l.n0 * x.d0;
        let c1 = x.n0 * l.d1 + x.n1 * l.d0 - l.n0 * x.d1 - l.n1 * x.d0;
        let c2 = x.n1 * l.d1 - l.n1 * x.d1;
        let scale = c0.abs() + c1.abs() + c2.abs();
        if scale == 0.0 {
            continue; // the same total everywhere
        }
        if c2.abs() <= 1e-12 * scale {
            if c1 != 0.0 {
                roots.push(-c0 / c1);
            }
            continue;
        }
        let disc = c1 * c1 - 4.0 * c2 * c0;
        if disc < 0.0 {
            // Touching without crossing (within rounding) cannot change the leader.
            continue;
        }
        let q = -0.5 * (c1 + c1.signum() * disc.sqrt());
        if q != 0.0 {
            roots.push(q / c2);
            roots.push(c0 / q);
        } else {
            roots.push(0.0);
        }
    }
    roots
}

/// The first change of leader moving δ from 0 in direction `dir` (+1 or -1) up to `limit`
/// points away.
fn change(lines: &[Line], first: usize, roots: &[f64], dir: f64, limit: f64) -> Option<WeightChange> {
    let mut stops: Vec<f64> = roots
        .iter()
        .map(|r| dir * r)
        .filter(|t| *t >= 0.0 && *t <= limit)
        .chain([0.0, limit])
        .collect();
    stops.sort_by(f64::total_cmp);
    let mut totals = vec![0.0; lines.len()];
    let eval = |t: f64, totals: &mut Vec<f64>| {
        for (s, l) in totals.iter_mut().zip(lines) {
            *s = l.at(dir * t);
        }
    };
    for pair in stops.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b - a <= 1e-12 {
            continue;
        }
        eval(0.5 * (a + b), &mut totals);
        let lead = leader(&totals);
        if totals[lead] <= totals[first] + TIE {
            continue;
        }
        // The vendor first just past `a` (the middle's leader if rounding hides it there).
        eval(a + (0.5 * (b - a)).min(1e-6), &mut totals);
        let near = leader(&totals);
        let new_first = if near != first { near } else { lead };
        return Some(WeightChange {
            delta: dir * a,
            new_first,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::robustness::problem::test_problem as problem;
    use crate::score::robustness::problem::Uncertain::{self, Exact, Interval, Missing};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn exact(rows: &[&[f64]]) -> Vec<Vec<Uncertain>> {
        rows.iter()
            .map(|r| r.iter().map(|v| Exact(*v)).collect())
            .collect()
    }

    /// Worked by hand. Weights x 50, y 30, z 20; A (90, 60, 50) = 73, B (60, 90, 70) = 71,
    /// C (70, 70, 80) = 72: A first.
    /// - x: w_x = 50 + δ, y and z scaled by (50 - δ)/50. Totals (x100): A 7300 + 34δ,
    ///   B 7100 - 22δ, C 7200 - 4δ. More x only helps A; with less, C draws level at
    ///   δ = -100/38 = -50/19 (B at -200/56, later).
    /// - y: others scaled by (70 - δ)/70: A 7300 - 130δ/7, B 7100 + 190δ/7, C 7200 - 20δ/7.
    ///   B draws level at δ = 200·7/320 = 35/8 (C at 700/110, later); less y only helps A.
    /// - z: others scaled by (80 - δ)/80: A 7300 - 28.75δ, B 7100 - 1.25δ, C 7200 + 10δ.
    ///   C draws level at δ = 100/38.75 = 80/31 (B at 80/11, later).
    #[test]
    fn a_hand_worked_three_vendor_case() {
        let p = problem(
            &[50.0, 30.0, 20.0],
            exact(&[&[90.0, 60.0, 50.0], &[60.0, 90.0, 70.0], &[70.0, 70.0, 80.0]]),
        );
        let s = first_place_sensitivity(&p);
        assert_eq!(s.first, 0);
        let close = |c: &Option<WeightChange>, delta: f64, to: usize| {
            let c = c.as_ref().expect("a change");
            assert!(
                (c.delta - delta).abs() < 1e-9 && c.new_first == to,
                "{c:?}, want {delta} -> {to}"
            );
        };
        assert_eq!(s.criteria[0].up, None);
        close(&s.criteria[0].down, -50.0 / 19.0, 2);
        close(&s.criteria[1].up, 35.0 / 8.0, 1);
        assert_eq!(s.criteria[1].down, None);
        close(&s.criteria[2].up, 80.0 / 31.0, 2);
        assert_eq!(s.criteria[2].down, None);
        assert_eq!(s.criteria[2].smallest(), s.criteria[2].up.as_ref());
        assert!((s.criteria[0].smallest().unwrap().delta + 50.0 / 19.0).abs() < 1e-9);
    }

    #[test]
    fn ties_at_the_rubric_weights_and_missing_cells() {
        // Level at 50/50: more weight on c0 keeps v0 first, less hands it to v1 at once.
        let p = problem(&[50.0, 50.0], exact(&[&[80.0, 40.0], &[40.0, 80.0]]));
        let s = first_place_sensitivity(&p);
        assert_eq!(s.first, 0);
        assert_eq!(s.criteria[0].up, None);
        assert_eq!(
            s.criteria[0].down,
            Some(WeightChange {
                delta: 0.0,
                new_first: 1
            })
        );
        // v0 misses c1, so its total is 60 whatever c1 weighs; v1 = (50·40 + 50·90)/100 = 65
        // leads, and falls to 60 when c1 weighs (60 - 40)/(90 - 40) of 100 = 40, i.e. δ = -10.
        let p = problem(
            &[50.0, 50.0],
            vec![
                vec![Exact(60.0), Missing],
                vec![Exact(40.0), Interval { lo: 80.0, hi: 100.0 }],
            ],
        );
        let s = first_place_sensitivity(&p);
        assert_eq!(s.first, 1);
        let d = s.criteria[1].down.as_ref().unwrap();
        assert!((d.delta + 10.0).abs() < 1e-9 && d.new_first == 0, "{d:?}");
        assert_eq!(s.criteria[1].up, None);
    }

    /// Against a fine scan of δ on random problems with missing cells.
    #[test]
    fn agrees_with_a_brute_force_scan() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for _ in 0..30 {
            let (m, n) = (rng.gen_range(2..6), rng.gen_range(2..5));
            let mut w: Vec<f64> = (0..n).map(|_| rng.gen_range(1.0..10.0)).collect();
            let sum: f64 = w.iter().sum();
            w.iter_mut().for_each(|v| *v *= 100.0 / sum);
            let fix = 100.0 - w[..n - 1].iter().sum::<f64>();
            w[n - 1] = fix;
            let rows: Vec<Vec<Uncertain>> = (0..m)
                .map(|_| {
                    let mut row: Vec<Uncertain> = (0..n).map(|_| Exact(rng.gen_range(0.0..100.0))).collect();
                    if rng.gen_bool(0.3) {
                        row[rng.gen_range(1..n)] = Missing;
                    }
                    row
                })
                .collect();
            let p = problem(&w, rows);
            let s = first_place_sensitivity(&p);
            for c in &s.criteria {
                for (dir, got) in [(1.0, &c.up), (-1.0, &c.down)] {
                    let limit = if dir > 0.0 { 100.0 - c.weight } else { c.weight };
                    let step = 1e-2;
                    let mut scanned = None;
                    let mut t = step;
                    while t <= limit {
                        let mut wt = w.clone();
                        let scale = (100.0 - c.weight - dir * t) / (100.0 - c.weight);
                        wt.iter_mut().for_each(|v| *v *= scale);
                        wt[c.criterion] = c.weight + dir * t;
                        let totals: Vec<f64> = (0..m).map(|i| p.point_total(i, &wt)).collect();
                        let lead = leader(&totals);
                        if totals[lead] > totals[s.first] + 1e-9 {
                            scanned = Some((t, lead));
                            break;
                        }
                        t += step;
                    }
                    match (got, scanned) {
                        (None, None) => {}
                        (Some(g), Some((t, lead))) => {
                            assert!(
                                g.delta.abs() <= t + 1e-9 && t - g.delta.abs() <= step + 1e-9,
                                "{g:?} vs {t}"
                            );
                            assert_eq!(g.new_first, lead);
                        }
                        (g, sc) => panic!("criterion {}: {g:?} vs scan {sc:?} in {p:?}", c.criterion),
                    }
                }
            }
        }
    }
}
