//! TOPSIS (Hwang and Yoon 1981): a vendor's total is how close it is to the ideal vendor and
//! how far from the anti-ideal one.
//!
//! The decision matrix is the vendors' **criterion scores** (0-100, every criterion a benefit:
//! higher is better), each the weighted mean of the criterion's measure scores exactly as the
//! weighted sum computes it, so the rubric's `missing` policy applies inside a criterion the
//! same way (`exclude` leaves a measure out, `zero` / `missing_score` scores it, `fail` fails
//! the evaluation) and evidence coverage is the same. Then:
//!
//! 1. vector normalisation per criterion: `r_ij = x_ij / sqrt(sum_k x_kj^2)` over the vendors
//!    with evidence on criterion j (a column of zeros stays 0);
//! 2. weighted: `v_ij = w_ij r_ij`, `w_ij` the criterion's share of the vendor's effective
//!    weights (a criterion without evidence for a vendor is left out of that vendor's
//!    distances and its weight spread over the vendor's other criteria, as in the weighted
//!    sum: never a silent 0);
//! 3. the ideal and anti-ideal of each criterion are the best and worst `r_j` among the
//!    vendors evaluated (knocked-out vendors included: knock-outs apply after aggregation, as
//!    for the weighted sum);
//! 4. the distances `D+`, `D-` to them (Euclidean) and the total `100 x D- / (D+ + D-)`. A
//!    vendor at the ideal of every criterion it has (`D+ = 0`, e.g. the only vendor) scores
//!    100; one without evidence on any criterion scores 0.
//!
//! The criterion points the reports list stay the weighted sum's (points are not additive in
//! TOPSIS); the total is the closeness coefficient x 100.

use super::weighted_sum;
use crate::error::Result;
use crate::rubric::Rubric;
use crate::score::matrix::DecisionMatrix;
use crate::score::scorecard::VendorScore;

pub fn aggregate(rubric: &Rubric, matrix: DecisionMatrix) -> Result<Vec<VendorScore>> {
    let mut scores = weighted_sum::aggregate(rubric, matrix)?;
    let values: Vec<Vec<Option<f64>>> = scores
        .iter()
        .map(|s| {
            s.criteria
                .iter()
                .map(|c| (!c.excluded()).then_some(c.score))
                .collect()
        })
        .collect();
    let weights: Vec<Vec<f64>> = scores
        .iter()
        .map(|s| s.criteria.iter().map(|c| c.effective_weight).collect())
        .collect();
    let benefit = vec![true; rubric.criteria.len()];
    for (s, c) in scores.iter_mut().zip(closeness(&values, &weights, &benefit)) {
        s.total = 100.0 * c;
    }
    Ok(scores)
}

/// TOPSIS closeness coefficients (0-1) of the rows of `values` (alternatives x criteria; `None`:
/// no value, left out of that row's distances), with each row's own criterion `weights`
/// (rescaled to sum to 1 over the criteria the row has) and, per criterion, whether higher is
/// better (`benefit`) or lower (a cost).
pub fn closeness(values: &[Vec<Option<f64>>], weights: &[Vec<f64>], benefit: &[bool]) -> Vec<f64> {
    let n = benefit.len();
    let norms: Vec<f64> = (0..n)
        .map(|j| {
            values
                .iter()
                .filter_map(|row| row.get(j).copied().flatten())
                .map(|x| x * x)
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let r = |i: usize, j: usize| -> Option<f64> {
        let x = values[i].get(j).copied().flatten()?;
        Some(if norms[j] > 0.0 { x / norms[j] } else { 0.0 })
    };
    // Ideal and anti-ideal of each criterion among the rows that have it.
    let mut ideal = vec![None::<f64>; n];
    let mut anti = vec![None::<f64>; n];
    for (j, &b) in benefit.iter().enumerate() {
        for i in 0..values.len() {
            let Some(x) = r(i, j) else { continue };
            let (hi, lo) = (|v: f64| v.max(x), |v: f64| v.min(x));
            let (best, worst) = if b {
                (ideal[j].map_or(x, hi), anti[j].map_or(x, lo))
            } else {
                (ideal[j].map_or(x, lo), anti[j].map_or(x, hi))
            };
            ideal[j] = Some(best);
            anti[j] = Some(worst);
        }
    }
    (0..values.len())
        .map(|i| {
            let present: Vec<usize> = (0..n).filter(|&j| r(i, j).is_some()).collect();
            let total_weight: f64 = present
                .iter()
                .map(|&j| weights[i].get(j).copied().unwrap_or(0.0))
                .sum();
            if present.is_empty() || total_weight <= 0.0 {
                return 0.0;
            }
            let (mut plus, mut minus) = (0.0, 0.0);
            for &j in &present {
                let w = weights[i].get(j).copied().unwrap_or(0.0) / total_weight;
                let x = r(i, j).unwrap_or(0.0);
                plus += (w * (x - ideal[j].unwrap_or(x))).powi(2);
                minus += (w * (x - anti[j].unwrap_or(x))).powi(2);
            }
            let (plus, minus) = (plus.sqrt(), minus.sqrt());
            if plus <= 0.0 {
                1.0
            } else {
                minus / (plus + minus)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(rows: &[&[f64]]) -> Vec<Vec<Option<f64>>> {
        rows.iter()
            .map(|r| r.iter().map(|x| Some(*x)).collect())
            .collect()
    }

    /// Hwang and Yoon (1981), "Multiple Attribute Decision Making: Methods and Applications",
    /// Springer, the fighter aircraft example: four aircraft on maximum speed (Mach), ferry
    /// range (NM), maximum payload (lb), acquisition cost ($M, a cost), reliability and
    /// maneuverability (qualitative, on a 1-9 scale); weights 0.2, 0.1, 0.1, 0.1, 0.2, 0.3.
    /// Published relative closeness A1 0.643, A2 0.268, A3 0.614, A4 0.312 (A1 > A3 > A4 > A2).
    #[test]
    fn hwang_and_yoons_fighter_aircraft() {
        let values = full(&[
            &[2.0, 1500.0, 20000.0, 5.5, 5.0, 9.0],
            &[2.5, 2700.0, 18000.0, 6.5, 3.0, 5.0],
            &[1.8, 2000.0, 21000.0, 4.5, 7.0, 7.0],
            &[2.2, 1800.0, 20000.0, 5.0, 5.0, 5.0],
        ]);
        let w = vec![vec![0.2, 0.1, 0.1, 0.1, 0.2, 0.3]; 4];
        let c = closeness(&values, &w, &[true, true, true, false, true, true]);
        for (got, published) in c.iter().zip([0.643, 0.268, 0.614, 0.312]) {
            assert!((got - published).abs() < 0.0005, "{c:?}");
        }
    }

    /// B. Sennaroğlu, "Decision Analysis" lecture notes (2009 Fall), "TOPSIS Example"
    /// (scribd.com/document/546223190): three alternatives on two benefit criteria, (17, 12), (10, 9), (8, 6), weights
    /// 0.714 and 0.286; published weighted normalised matrix 0.5703 0.2124 / 0.3355 0.1593 /
    /// 0.2684 0.1062. The first is the ideal (closeness 1), the last the anti-ideal (0).
    #[test]
    fn a_lecture_example_with_the_ideal_and_anti_ideal_among_the_alternatives() {
        let values = full(&[&[17.0, 12.0], &[10.0, 9.0], &[8.0, 6.0]]);
        let w = vec![vec![0.714, 0.286]; 3];
        let c = closeness(&values, &w, &[true, true]);
        // v_21 = 0.714 x 10 / sqrt(453) = 0.3355, v_22 = 0.286 x 9 / sqrt(261) = 0.1593: the
        // distances are D+ = sqrt(0.2348^2 + 0.0531^2), D- = sqrt(0.0671^2 + 0.0531^2).
        let (dp, dm) = (
            (0.5703f64 - 0.3355).hypot(0.2124 - 0.1593),
            (0.3355f64 - 0.2684).hypot(0.1593 - 0.1062),
        );
        assert!((c[1] - dm / (dp + dm)).abs() < 0.001, "{c:?}");
        assert_eq!((c[0], c[2]), (1.0, 0.0));
    }

    #[test]
    fn a_missing_cell_is_left_out_of_that_rows_distances() {
        // Row 1 has no value on criterion 0: judged on criterion 1 alone, where it is the
        // best: it sits at the ideal.
        let values = vec![
            vec![Some(80.0), Some(20.0)],
            vec![None, Some(90.0)],
            vec![Some(10.0), Some(50.0)],
        ];
        let w = vec![vec![50.0, 50.0]; 3];
        let c = closeness(&values, &w, &[true, true]);
        assert_eq!(c[1], 1.0);
        assert!(c[0] > 0.0 && c[0] < 1.0 && c[2] > 0.0 && c[2] < 1.0, "{c:?}");
        // No evidence at all: 0, and never NaN.
        let c = closeness(
            &[vec![None, None], vec![Some(1.0), Some(1.0)]],
            &[vec![1.0, 1.0], vec![1.0, 1.0]],
            &[true, true],
        );
        assert_eq!(c, vec![0.0, 1.0]);
    }
}
