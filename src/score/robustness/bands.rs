//! Honest rank bands: places shared by the vendors whose order the evidence does not settle.
//!
//! From the rank acceptabilities `b_i^r` alone, a cut is drawn after place k when the
//! simulation says which k vendors hold the first k places: each of k vendors ranks within
//! the first k places in at least `confidence` of the draws, and every other vendor ranks
//! below place k in at least `confidence` of them. Bands are the places between consecutive
//! cuts ("1", "2-4", "5"): a band's vendors hold its places, in an order not settled at that
//! confidence; within a band they are listed by expected rank, then by index.
//!
//! Because `confidence > 1/2`, the k vendors of a cut are unique, and the vendors of a cut
//! after k are among those of any later cut, so the bands partition the vendors. The
//! confidence is per vendor (each vendor's side of each cut), not joint over all of them; a
//! band is shown as settled ("1") only when one vendor's place is.

use super::error::RobustnessError;

/// Places `first..=last` (from 1), held by `vendors` (indices, by expected rank).
#[derive(Debug, Clone, PartialEq)]
pub struct RankBand {
    pub first: usize,
    pub last: usize,
    pub vendors: Vec<usize>,
}

impl RankBand {
    /// "3" for a settled place, "2-4" for a band.
    pub fn label(&self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{}-{}", self.first, self.last)
        }
    }
}

/// The rank bands of m vendors from their rank acceptabilities (`ranks[i][r]`: the share of
/// draws in which vendor i ranks `r + 1`-th), at `confidence` in (0.5, 1].
pub fn rank_bands<R: AsRef<[f64]>>(ranks: &[R], confidence: f64) -> Result<Vec<RankBand>, RobustnessError> {
    let m = ranks.len();
    if !(confidence > 0.5 && confidence <= 1.0) {
        return Err(RobustnessError::Input(format!(
            "rank band confidence {confidence}: expected a number above 0.5 and at most 1"
        )));
    }
    for (i, row) in ranks.iter().enumerate() {
        let row = row.as_ref();
        let sum: f64 = row.iter().sum();
        if row.len() != m || row.iter().any(|b| !(0.0..=1.0).contains(b)) || (sum - 1.0).abs() > 1e-6 {
            return Err(RobustnessError::Input(format!(
                "vendor {i}: rank acceptabilities {row:?} are not {m} shares summing to 1"
            )));
        }
    }
    const TOL: f64 = 1e-9;
    // cum[i][k - 1] = P(vendor i ranks within the first k places).
    let cum: Vec<Vec<f64>> = ranks
        .iter()
        .map(|row| {
            row.as_ref()
                .iter()
                .scan(0.0, |s, b| {
                    *s += b;
                    Some(*s)
                })
                .collect()
        })
        .collect();
    let expected = |i: usize| -> f64 {
        ranks[i]
            .as_ref()
            .iter()
            .enumerate()
            .map(|(r, b)| (r + 1) as f64 * b)
            .sum()
    };
    let mut bands = Vec::new();
    let mut placed = vec![false; m];
    let mut first = 1;
    for k in 1..=m {
        let inside: Vec<usize> = (0..m).filter(|&i| cum[i][k - 1] >= confidence - TOL).collect();
        let cut = k == m
            || (inside.len() == k
                && (0..m).all(|i| inside.contains(&i) || cum[i][k - 1] <= 1.0 - confidence + TOL));
        if !cut {
            continue;
        }
        let mut vendors: Vec<usize> = if k == m {
            (0..m).filter(|&i| !placed[i]).collect()
        } else {
            inside.into_iter().filter(|&i| !placed[i]).collect()
        };
        vendors.sort_by(|&a, &b| expected(a).total_cmp(&expected(b)).then(a.cmp(&b)));
        for &v in &vendors {
            placed[v] = true;
        }
        bands.push(RankBand {
            first,
            last: k,
            vendors,
        });
        first = k + 1;
    }
    Ok(bands)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ranks: &[[f64; 4]], confidence: f64) -> Vec<(String, Vec<usize>)> {
        rank_bands(ranks, confidence)
            .unwrap()
            .into_iter()
            .map(|b| (b.label(), b.vendors))
            .collect()
    }

    /// Worked by hand: A is first in 97% of draws; B, C and D share places 2-4 in orders no
    /// vendor holds 95% of the time, though D is usually last.
    const CASE: [[f64; 4]; 4] = [
        [0.97, 0.03, 0.00, 0.00], // A
        [0.02, 0.50, 0.28, 0.20], // B
        [0.01, 0.27, 0.52, 0.20], // C
        [0.00, 0.20, 0.20, 0.60], // D
    ];

    #[test]
    fn a_hand_worked_case() {
        // 95%. After place 1: A within 1 in 0.97 >= 0.95, B, C, D within 1 in 0.02, 0.01, 0
        // <= 0.05: a cut. After place 2: only A is within 2 in 95% (B 0.52): no cut. After
        // place 3: B 0.80, C 0.80: no cut.
        assert_eq!(
            labels(&CASE, 0.95),
            vec![("1".into(), vec![0]), ("2-4".into(), vec![1, 2, 3])]
        );
        // 55%. After place 3: A, B, C within 3 in 1, 0.80, 0.80 >= 0.55 and D in 0.40 <= 0.45:
        // a cut; after place 2, B's 0.52 < 0.55: none.
        assert_eq!(
            labels(&CASE, 0.55),
            vec![
                ("1".into(), vec![0]),
                ("2-3".into(), vec![1, 2]),
                ("4".into(), vec![3])
            ]
        );
        // 98%: not even the first place is settled.
        assert_eq!(labels(&CASE, 0.98), vec![("1-4".into(), vec![0, 1, 2, 3])]);
    }

    #[test]
    fn a_settled_order_and_an_exact_confidence() {
        let settled = [
            [0.0, 0.0, 1.0, 0.0],
            [1.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 1.0],
            [0.0, 1.0, 0.0, 0.0],
        ];
        let got: Vec<Vec<usize>> = rank_bands(&settled, 1.0)
            .unwrap()
            .into_iter()
            .map(|b| b.vendors)
            .collect();
        assert_eq!(got, vec![vec![1], vec![3], vec![0], vec![2]]);
        // 0.95 exactly on the boundary counts (floating sums are not exact).
        let edge = [[0.95, 0.05], [0.05, 0.95]];
        assert_eq!(rank_bands(&edge, 0.95).unwrap().len(), 2);
    }

    #[test]
    fn bad_inputs() {
        assert!(rank_bands(&CASE, 0.5).is_err());
        assert!(rank_bands(&CASE, 1.01).is_err());
        assert!(rank_bands(&[[0.5, 0.4], [0.5, 0.6]], 0.9).is_err());
        assert!(rank_bands(&[vec![1.0]], 0.9).is_ok());
    }
}
