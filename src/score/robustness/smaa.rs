//! SMAA-2 (Lahdelma and Salminen 2001, "SMAA-2: Stochastic multicriteria acceptability
//! analysis for group decision making", Operations Research 49(3)): draw weights from the
//! weight model and values from their uncertainty, score every vendor (the weighted mean over
//! the criteria it has evidence for), rank, and count.
//!
//! - rank acceptability `b_i^r`: the share of draws in which vendor i ranks r-th;
//! - central weight vector `w_i^c`: the mean weights of the draws in which i ranks first;
//! - confidence factor `p_i^c`: the share of value draws in which i ranks first when the
//!   weights are its central weights (a second pass, with its own value draws);
//! - pairwise winning index (Leskinen et al. 2006): the share of draws in which vendor a ranks
//!   ahead of vendor b.
//!
//! Ties (totals within 1e-9 points) share their places: k vendors tied for places r..r+k-1
//! each get 1/k of each of those places, and a tied pair counts half a win each way, so every
//! rank's acceptabilities still sum to 1.
//!
//! Reproducible: one seed, with separate ChaCha8 streams for the weights (0), the values (1)
//! and the confidence pass (2), so changing the value uncertainty leaves the weight draws as
//! they were. Nothing is allocated inside the loop.

use super::bands::{rank_bands, RankBand};
use super::error::RobustnessError;
use super::problem::Problem;
use super::values::ValueMatrix;
use super::weights::{ChainOptions, WeightMethod, WeightModel, WeightSampler};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Totals this close (in points) are a tie.
const TIE: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq)]
pub struct SmaaOptions {
    pub weights: WeightModel,
    /// Draws of weights and values (default 10,000).
    pub iterations: usize,
    /// Value draws per vendor for the confidence factors (default 10,000; one pass when no
    /// value is uncertain).
    pub confidence_iterations: usize,
    pub seed: u64,
    /// Rejection or hit-and-run, and the chain's settings (the constrained model only).
    pub chain: ChainOptions,
}

impl SmaaOptions {
    /// 10,000 draws, seed 0, the chain's defaults.
    pub fn new(weights: WeightModel) -> SmaaOptions {
        SmaaOptions {
            weights,
            iterations: 10_000,
            confidence_iterations: 10_000,
            seed: 0,
            chain: ChainOptions::default(),
        }
    }
}

/// The result, vendors in the problem's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Smaa {
    pub iterations: usize,
    /// How the weights were drawn (for constraints: rejection or hit-and-run).
    pub weight_method: WeightMethod,
    pub vendors: Vec<VendorAcceptability>,
    /// `pairwise[a][b]`: the share of draws in which vendor a ranks ahead of vendor b (a tie
    /// counting half); 0 on the diagonal. `pairwise[a][b] + pairwise[b][a] = 1`.
    pub pairwise: Vec<Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VendorAcceptability {
    /// `ranks[r]`: the share of draws in which the vendor ranks `r + 1`-th.
    pub ranks: Vec<f64>,
    /// The mean weights (points, summing to 100) of the draws it ranks first in; `None` when
    /// it never does.
    pub central_weights: Option<Vec<f64>>,
    /// The share of value draws in which it ranks first at its central weights; `None` when
    /// it never ranks first.
    pub confidence: Option<f64>,
}

impl VendorAcceptability {
    /// The first-rank acceptability `b^1`.
    pub fn first(&self) -> f64 {
        self.ranks[0]
    }

    /// `Σ r · b^r`.
    pub fn expected_rank(&self) -> f64 {
        self.ranks
            .iter()
            .enumerate()
            .map(|(r, b)| (r + 1) as f64 * b)
            .sum()
    }
}

impl Smaa {
    /// The rank bands at `confidence` (see [`rank_bands`]).
    pub fn rank_bands(&self, confidence: f64) -> Result<Vec<RankBand>, RobustnessError> {
        let rows: Vec<&[f64]> = self.vendors.iter().map(|v| v.ranks.as_slice()).collect();
        rank_bands(&rows, confidence)
    }
}

/// Runs SMAA-2 on `problem`.
pub fn smaa(problem: &Problem, options: &SmaaOptions) -> Result<Smaa, RobustnessError> {
    if options.iterations == 0 || options.confidence_iterations == 0 {
        return Err(RobustnessError::Input(
            "the robustness analysis needs at least one iteration".into(),
        ));
    }
    let (m, n) = (problem.vendors().len(), problem.criteria().len());
    let mut sampler = WeightSampler::new(
        &options.weights,
        problem.criteria(),
        problem.weights(),
        options.chain,
    )?;
    let mut values = ValueMatrix::new(problem);
    let mut weight_rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut value_rng = weight_rng.clone();
    value_rng.set_stream(1);
    let mut confidence_rng = weight_rng.clone();
    confidence_rng.set_stream(2);

    let mut tally = Tally::new(m, n);
    let mut w = vec![0.0; n];
    let mut totals = vec![0.0; m];
    for _ in 0..options.iterations {
        sampler.sample(&mut weight_rng, &mut w);
        values.redraw(&mut value_rng);
        values.totals(&w, &mut totals);
        tally.record(&totals, &w);
    }

    let iters = options.iterations as f64;
    let mut vendors: Vec<VendorAcceptability> = (0..m)
        .map(|v| {
            let first = tally.ranks[v * m];
            VendorAcceptability {
                ranks: tally.ranks[v * m..(v + 1) * m]
                    .iter()
                    .map(|c| c / iters)
                    .collect(),
                central_weights: (first > 0.0).then(|| {
                    tally.central[v * n..(v + 1) * n]
                        .iter()
                        .map(|s| 100.0 * s / first)
                        .collect()
                }),
                confidence: None,
            }
        })
        .collect();

    // Confidence factors: each first-ranking vendor at its own central weights.
    let passes = if values.is_uncertain() {
        options.confidence_iterations
    } else {
        1
    };
    let centrals: Vec<(usize, Vec<f64>)> = vendors
        .iter()
        .enumerate()
        .filter_map(|(v, a)| Some((v, a.central_weights.as_ref()?.iter().map(|p| p / 100.0).collect())))
        .collect();
    let mut firsts = vec![0.0; m];
    for _ in 0..passes {
        values.redraw(&mut confidence_rng);
        for (v, wc) in &centrals {
            values.totals(wc, &mut totals);
            firsts[*v] += first_share(&totals, *v);
        }
    }
    for (v, _) in &centrals {
        vendors[*v].confidence = Some(firsts[*v] / passes as f64);
    }

    let pairwise = (0..m)
        .map(|a| (0..m).map(|b| tally.wins[a * m + b] / iters).collect())
        .collect();
    Ok(Smaa {
        iterations: options.iterations,
        weight_method: sampler.method(),
        vendors,
        pairwise,
    })
}

/// Vendor `v`'s share of first place in one scoring: 1/k when tied with k - 1 others.
fn first_share(totals: &[f64], v: usize) -> f64 {
    let top = totals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if totals[v] < top - TIE {
        return 0.0;
    }
    1.0 / totals.iter().filter(|t| **t >= top - TIE).count() as f64
}

/// The counts of the main loop.
struct Tally {
    m: usize,
    n: usize,
    /// Vendor-major, m x m: credit of vendor v at place r.
    ranks: Vec<f64>,
    /// Vendor-major, m x n: weights summed over v's first places (times its credit).
    central: Vec<f64>,
    /// m x m: wins[a * m + b], a ahead of b.
    wins: Vec<f64>,
    order: Vec<usize>,
    group: Vec<usize>,
}

impl Tally {
    fn new(m: usize, n: usize) -> Tally {
        Tally {
            m,
            n,
            ranks: vec![0.0; m * m],
            central: vec![0.0; m * n],
            wins: vec![0.0; m * m],
            order: (0..m).collect(),
            group: vec![0; m],
        }
    }

    fn record(&mut self, totals: &[f64], w: &[f64]) {
        let (m, n) = (self.m, self.n);
        // Best first; the order of the previous draw is a good start for the sort.
        self.order
            .sort_unstable_by(|&a, &b| totals[b].total_cmp(&totals[a]).then(a.cmp(&b)));
        let mut p = 0;
        while p < m {
            let top = totals[self.order[p]];
            let mut q = p + 1;
            while q < m && top - totals[self.order[q]] <= TIE {
                q += 1;
            }
            let credit = 1.0 / (q - p) as f64;
            for a in p..q {
                let v = self.order[a];
                self.group[v] = p;
                for r in p..q {
                    self.ranks[v * m + r] += credit;
                }
                if p == 0 {
                    for (c, wj) in self.central[v * n..(v + 1) * n].iter_mut().zip(w) {
                        *c += credit * wj;
                    }
                }
            }
            p = q;
        }
        for a in 0..m {
            let va = self.order[a];
            for &vb in &self.order[a + 1..] {
                if self.group[va] != self.group[vb] {
                    self.wins[va * m + vb] += 1.0;
                } else {
                    self.wins[va * m + vb] += 0.5;
                    self.wins[vb * m + va] += 0.5;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::robustness::problem::test_problem as problem;
    use crate::score::robustness::problem::Uncertain::{Exact, Interval, Missing, Samples};

    fn dirichlet(seed: u64) -> SmaaOptions {
        SmaaOptions {
            seed,
            ..SmaaOptions::new(WeightModel::Dirichlet { concentration: 20.0 })
        }
    }

    fn check_sums(r: &Smaa) {
        let m = r.vendors.len();
        for v in &r.vendors {
            assert!((v.ranks.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        for k in 0..m {
            assert!((r.vendors.iter().map(|v| v.ranks[k]).sum::<f64>() - 1.0).abs() < 1e-9);
            for l in 0..m {
                if k != l {
                    assert!((r.pairwise[k][l] + r.pairwise[l][k] - 1.0).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_result() {
        let p = problem(
            &[40.0, 35.0, 25.0],
            vec![
                vec![
                    Interval { lo: 50.0, hi: 80.0 },
                    Exact(60.0),
                    Samples(vec![40.0, 55.0, 70.0]),
                ],
                vec![Exact(65.0), Interval { lo: 40.0, hi: 90.0 }, Missing],
                vec![
                    Samples(vec![60.0, 70.0]),
                    Exact(62.0),
                    Interval { lo: 45.0, hi: 75.0 },
                ],
            ],
        );
        for model in [
            WeightModel::Dirichlet { concentration: 20.0 },
            WeightModel::UniformSimplex,
            WeightModel::Constrained {
                constraints: vec!["c0 >= c1".into(), "c2 <= 30".into()],
            },
        ] {
            let o = SmaaOptions {
                seed: 42,
                iterations: 2_000,
                confidence_iterations: 500,
                ..SmaaOptions::new(model)
            };
            let a = smaa(&p, &o).unwrap();
            assert_eq!(a, smaa(&p, &o).unwrap());
            check_sums(&a);
            let b = smaa(&p, &SmaaOptions { seed: 43, ..o }).unwrap();
            assert_ne!(
                a.vendors[0].ranks, b.vendors[0].ranks,
                "another seed, other draws"
            );
        }
    }

    #[test]
    fn a_dominating_vendor_always_ranks_first() {
        let p = problem(
            &[50.0, 30.0, 20.0],
            vec![
                vec![Exact(60.0), Interval { lo: 40.0, hi: 55.0 }, Exact(30.0)],
                vec![
                    Exact(61.0),
                    Interval { lo: 56.0, hi: 90.0 },
                    Samples(vec![31.0, 35.0]),
                ],
            ],
        );
        for model in [
            WeightModel::UniformSimplex,
            WeightModel::Dirichlet { concentration: 5.0 },
        ] {
            let r = smaa(&p, &SmaaOptions::new(model)).unwrap();
            assert_eq!(r.vendors[1].ranks, vec![1.0, 0.0]);
            assert_eq!(r.vendors[0].ranks, vec![0.0, 1.0]);
            assert_eq!(r.pairwise[1][0], 1.0);
            assert_eq!(r.vendors[1].confidence, Some(1.0));
            assert_eq!(
                (r.vendors[0].central_weights.as_ref(), r.vendors[0].confidence),
                (None, None)
            );
            let cw = r.vendors[1].central_weights.as_ref().unwrap();
            assert!((cw.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        }
    }

    #[test]
    fn a_symmetric_pair_splits_about_evenly() {
        let p = problem(
            &[50.0, 50.0],
            vec![vec![Exact(90.0), Exact(40.0)], vec![Exact(40.0), Exact(90.0)]],
        );
        let r = smaa(&p, &dirichlet(1)).unwrap();
        let b = r.vendors[0].first();
        assert!((b - 0.5).abs() < 0.02, "{b}");
        assert!((r.pairwise[0][1] - 0.5).abs() < 0.02);
        check_sums(&r);
        // Each wins where its own criterion weighs more: central weights on its side.
        let cw0 = r.vendors[0].central_weights.clone().unwrap();
        let cw1 = r.vendors[1].central_weights.clone().unwrap();
        assert!(cw0[0] > 55.0 && cw1[1] > 55.0, "{cw0:?} {cw1:?}");
        // With exact values, a vendor always wins at its own central weights.
        assert_eq!(r.vendors[0].confidence, Some(1.0));
        // Identical vendors tie in every draw: half of each place each.
        let p = problem(&[50.0, 50.0], vec![vec![Exact(70.0), Exact(40.0)]; 2]);
        let r = smaa(&p, &dirichlet(2)).unwrap();
        assert_eq!(r.vendors[0].ranks, vec![0.5, 0.5]);
        assert_eq!(r.pairwise[0][1], 0.5);
        assert_eq!(r.vendors[1].confidence, Some(0.5));
    }

    #[test]
    fn value_uncertainty_alone_moves_ranks_and_confidence() {
        // Equal point values; vendor 0 is uncertain around vendor 1's exact 50.
        let p = problem(
            &[100.0],
            vec![vec![Interval { lo: 30.0, hi: 80.0 }], vec![Exact(50.0)]],
        );
        let r = smaa(&p, &dirichlet(5)).unwrap();
        // P(U(30, 80) > 50) = 0.6
        assert!((r.vendors[0].first() - 0.6).abs() < 0.02, "{:?}", r.vendors[0]);
        assert!((r.vendors[0].confidence.unwrap() - 0.6).abs() < 0.02);
        assert!((r.vendors[1].confidence.unwrap() - 0.4).abs() < 0.02);
    }

    #[test]
    fn a_missing_cell_is_excluded_not_zero() {
        // Vendor 0 has no evidence on c1: its total is its c0 score, 80, above vendor 1's 70.
        let p = problem(
            &[50.0, 50.0],
            vec![vec![Exact(80.0), Missing], vec![Exact(70.0), Exact(70.0)]],
        );
        let r = smaa(&p, &SmaaOptions::new(WeightModel::UniformSimplex)).unwrap();
        assert_eq!(r.vendors[0].ranks, vec![1.0, 0.0]);
    }

    #[test]
    fn bands_from_a_run() {
        let p = problem(
            &[50.0, 50.0],
            vec![
                vec![Exact(95.0), Exact(95.0)],
                vec![Exact(60.0), Exact(40.0)],
                vec![Exact(40.0), Exact(60.0)],
            ],
        );
        let r = smaa(&p, &dirichlet(9)).unwrap();
        let labels: Vec<(String, Vec<usize>)> = r
            .rank_bands(0.95)
            .unwrap()
            .into_iter()
            .map(|b| (b.label(), b.vendors))
            .collect();
        assert_eq!(labels[0], ("1".to_string(), vec![0]));
        assert_eq!(labels[1].0, "2-3");
    }

    #[test]
    fn zero_iterations_are_refused() {
        let p = problem(&[100.0], vec![vec![Exact(1.0)]]);
        let o = SmaaOptions {
            iterations: 0,
            ..SmaaOptions::new(WeightModel::UniformSimplex)
        };
        assert!(smaa(&p, &o).is_err());
    }
}
