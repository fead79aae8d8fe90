//! How the simulation draws criterion weights: around the rubric's (Dirichlet), with no
//! preference at all (uniform on the simplex), or uniformly among the weights a rubric's
//! constraints allow (hit-and-run).

use super::error::RobustnessError;
use super::polytope::{HitAndRun, Polytope};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp1, Gamma};

/// The weight model of a robustness analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightModel {
    /// Dirichlet centred on the rubric's weights: `alpha_j = concentration * w_j` (w as
    /// fractions), so `E[w_j]` is the rubric's weight and `Var[w_j] = w_j (1 - w_j) /
    /// (concentration + 1)`: the larger the concentration, the closer the draws stay. A
    /// criterion of weight 0 stays at 0.
    Dirichlet { concentration: f64 },
    /// Uniform over all weight vectors (SMAA's "no preference information").
    UniformSimplex,
    /// Uniform over the weights satisfying every constraint (`"response >= channels"`,
    /// `"docs <= 20"`, see [`super::constraint`]), by hit-and-run.
    Constrained { constraints: Vec<String> },
}

/// How constrained weights are drawn, and the hit-and-run chain's settings; `None` picks
/// the default from the number of criteria n (the sampling space has d = n - 1 dimensions).
///
/// Uniform draws on the simplex kept only when they satisfy the constraints (rejection) are
/// exact and independent, and cheap while the constraints cut little away (a few orderings
/// or bounds, as rubrics state them). When a pilot of 2,000 draws keeps fewer than
/// 1/(4·thinning) of them, hit-and-run is used instead: each kept point costs `thinning`
/// steps, and successive points are correlated. On the simplex its autocorrelation time is
/// about d² steps (measured at d = 29: 650-1,400, from the spread of means over 20 seeds),
/// so the default thinning 5·d keeps roughly one effective draw in five; the R package
/// hitandrun defaults to ⌈ln(d + 1)/4 · d³⌉ for near-independent draws. Averages over a correlated chain (as the acceptability indices
/// are) stay consistent; only their precision is lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChainOptions {
    /// Hit-and-run steps per kept draw. Default: 5·d, 1 for a single criterion.
    pub thinning: Option<usize>,
    /// Steps before the first kept draw. Default: 100·d.
    pub burn_in: Option<usize>,
    /// Always hit-and-run, never rejection.
    pub hit_and_run_only: bool,
}

impl ChainOptions {
    /// (thinning, burn-in) for n criteria.
    pub fn resolve(self, n: usize) -> (usize, usize) {
        let d = n.saturating_sub(1).max(1);
        (
            self.thinning.unwrap_or(5 * d).max(1),
            self.burn_in.unwrap_or(100 * d),
        )
    }
}

/// How a [`WeightSampler`] draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WeightMethod {
    Dirichlet,
    UniformSimplex,
    /// Uniform simplex draws outside the constraints rejected; `acceptance` is the share kept
    /// in the pilot.
    Rejection {
        acceptance: f64,
    },
    /// Hit-and-run, keeping every `thinning`-th point; `acceptance` as above (`None` when
    /// hit-and-run was asked for).
    HitAndRun {
        thinning: usize,
        acceptance: Option<f64>,
    },
}

/// Proposals in the pilot that chooses between rejection and hit-and-run.
const PILOT: usize = 2_000;

/// Draws weight vectors (fractions summing to 1) without allocating.
#[derive(Debug, Clone)]
pub struct WeightSampler {
    kind: Kind,
    method: WeightMethod,
}

#[derive(Debug, Clone)]
enum Kind {
    /// One gamma per criterion; `None` for a criterion of weight 0.
    Dirichlet(Vec<Option<Gamma<f64>>>),
    Uniform,
    Rejection(Polytope),
    HitAndRun(Box<HitAndRun>),
}

impl WeightSampler {
    /// A sampler for `model` over criteria with the rubric's `weights` (points summing to
    /// 100; only the Dirichlet model reads them). Constraints are checked here: an error
    /// names those that conflict or leave no room.
    pub fn new(
        model: &WeightModel,
        criteria: &[String],
        weights: &[f64],
        chain: ChainOptions,
    ) -> Result<WeightSampler, RobustnessError> {
        let total: f64 = weights.iter().sum();
        let (kind, method) = match model {
            WeightModel::Dirichlet { concentration } => {
                if !(concentration.is_finite() && *concentration > 0.0) {
                    return Err(RobustnessError::Input(format!(
                        "Dirichlet concentration {concentration}: expected a number > 0"
                    )));
                }
                let gammas = weights
                    .iter()
                    .map(|w| {
                        let alpha = concentration * w / total;
                        (alpha > 0.0).then(|| Gamma::new(alpha, 1.0)).transpose()
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| RobustnessError::Input(format!("Dirichlet weights: {e}")))?;
                (Kind::Dirichlet(gammas), WeightMethod::Dirichlet)
            }
            WeightModel::UniformSimplex => (Kind::Uniform, WeightMethod::UniformSimplex),
            WeightModel::Constrained { constraints } => {
                let polytope = Polytope::parse(constraints, criteria)?;
                let (thinning, burn_in) = chain.resolve(criteria.len());
                let har = HitAndRun::new(&polytope, thinning, burn_in)?;
                let acceptance = (!chain.hit_and_run_only).then(|| pilot(&polytope, criteria.len()));
                match acceptance {
                    Some(a) if a * 4.0 * thinning as f64 >= 1.0 => (
                        Kind::Rejection(polytope),
                        WeightMethod::Rejection { acceptance: a },
                    ),
                    _ => (
                        Kind::HitAndRun(Box::new(har)),
                        WeightMethod::HitAndRun { thinning, acceptance },
                    ),
                }
            }
        };
        Ok(WeightSampler { kind, method })
    }

    pub fn method(&self) -> WeightMethod {
        self.method
    }

    /// The next weight vector into `out` (one entry per criterion, summing to 1).
    pub fn sample<R: Rng + ?Sized>(&mut self, rng: &mut R, out: &mut [f64]) {
        match &mut self.kind {
            Kind::Dirichlet(gammas) => loop {
                let mut sum = 0.0;
                for (o, g) in out.iter_mut().zip(gammas.iter()) {
                    *o = g.as_ref().map_or(0.0, |g| g.sample(rng));
                    sum += *o;
                }
                // Every gamma underflowing to 0 at once (tiny alphas) is the one way to get 0.
                if sum > 0.0 {
                    out.iter_mut().for_each(|o| *o /= sum);
                    return;
                }
            },
            Kind::Uniform => uniform(rng, out),
            Kind::Rejection(polytope) => loop {
                uniform(rng, out);
                if polytope.contains(out) {
                    return;
                }
            },
            Kind::HitAndRun(har) => har.sample(rng, out),
        }
    }
}

/// Uniform on the simplex: normalised exponentials, Dirichlet(1, ..., 1).
fn uniform<R: Rng + ?Sized>(rng: &mut R, out: &mut [f64]) {
    let mut sum = 0.0;
    for o in out.iter_mut() {
        *o = Exp1.sample(rng);
        sum += *o;
    }
    out.iter_mut().for_each(|o| *o /= sum);
}

/// The share of uniform simplex draws inside the polytope, from a fixed-seed pilot (so the
/// choice of method does not depend on the analysis's seed).
fn pilot(polytope: &Polytope, n: usize) -> f64 {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5EED);
    let mut w = vec![0.0; n];
    let kept = (0..PILOT)
        .filter(|_| {
            uniform(&mut rng, &mut w);
            polytope.contains(&w)
        })
        .count();
    kept as f64 / PILOT as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|j| format!("c{j}")).collect()
    }

    fn mean_and_var(model: WeightModel, weights: &[f64], draws: usize) -> (Vec<f64>, Vec<f64>) {
        let n = weights.len();
        let mut s = WeightSampler::new(&model, &ids(n), weights, ChainOptions::default()).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut w = vec![0.0; n];
        let (mut m1, mut m2) = (vec![0.0; n], vec![0.0; n]);
        for _ in 0..draws {
            s.sample(&mut rng, &mut w);
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12 && w.iter().all(|v| *v >= 0.0));
            for j in 0..n {
                m1[j] += w[j];
                m2[j] += w[j] * w[j];
            }
        }
        let mean: Vec<f64> = m1.iter().map(|v| v / draws as f64).collect();
        let var = m2
            .iter()
            .zip(&mean)
            .map(|(v, m)| v / draws as f64 - m * m)
            .collect();
        (mean, var)
    }

    #[test]
    fn dirichlet_is_centred_on_the_rubric_weights() {
        let weights = [25.0, 15.0, 10.0, 20.0, 30.0, 0.0];
        let (mean, var) = mean_and_var(WeightModel::Dirichlet { concentration: 40.0 }, &weights, 40_000);
        for j in 0..weights.len() {
            let w = weights[j] / 100.0;
            assert!((mean[j] - w).abs() < 0.003, "criterion {j}: {mean:?}");
            assert!(
                (var[j] - w * (1.0 - w) / 41.0).abs() < 0.0005,
                "criterion {j}: {var:?}"
            );
        }
        assert_eq!(mean[5], 0.0, "a criterion of weight 0 stays at 0");
    }

    #[test]
    fn uniform_simplex_means_and_spread() {
        // Dirichlet(1,1,1,1): mean 1/4, variance (1/4)(3/4)/5.
        let (mean, var) = mean_and_var(WeightModel::UniformSimplex, &[70.0, 10.0, 10.0, 10.0], 40_000);
        for j in 0..4 {
            assert!((mean[j] - 0.25).abs() < 0.005, "{mean:?}");
            assert!((var[j] - 0.0375).abs() < 0.002, "{var:?}");
        }
    }

    #[test]
    fn constrained_draws_by_rejection_or_hit_and_run() {
        let model = WeightModel::Constrained {
            constraints: vec!["c0 >= c1".into()],
        };
        let (mean, _) = mean_and_var(model.clone(), &[50.0, 50.0], 20_000);
        assert!((mean[0] - 0.75).abs() < 0.01, "{mean:?}");
        let s = WeightSampler::new(&model, &ids(2), &[50.0; 2], ChainOptions::default()).unwrap();
        assert!(
            matches!(s.method(), WeightMethod::Rejection { acceptance } if (acceptance - 0.5).abs() < 0.05)
        );
        // Six criteria in a fixed order keep 1/720 of the simplex: hit-and-run.
        let order: Vec<String> = (0..5).map(|j| format!("c{j} >= c{}", j + 1)).collect();
        let model = WeightModel::Constrained { constraints: order };
        let s = WeightSampler::new(&model, &ids(6), &[100.0 / 6.0; 6], ChainOptions::default()).unwrap();
        assert!(
            matches!(s.method(), WeightMethod::HitAndRun { thinning: 25, .. }),
            "{:?}",
            s.method()
        );
        // E[w_1] for w_1 >= ... >= w_6 on the simplex: (1/6)(1 + 1/2 + ... + 1/6) = 0.40833.
        let (mean, _) = mean_and_var(model, &[100.0 / 6.0; 6], 10_000);
        assert!((mean[0] - 0.40833).abs() < 0.01, "{mean:?}");
        assert!(mean.windows(2).all(|p| p[0] > p[1]), "{mean:?}");
    }

    #[test]
    fn bad_models() {
        let bad = WeightSampler::new(
            &WeightModel::Dirichlet { concentration: 0.0 },
            &ids(2),
            &[50.0, 50.0],
            ChainOptions::default(),
        );
        assert!(bad.is_err());
        let bad = WeightSampler::new(
            &WeightModel::Constrained {
                constraints: vec!["c0 >= 70".into(), "c1 >= 70".into()],
            },
            &ids(2),
            &[50.0, 50.0],
            ChainOptions::default(),
        );
        assert!(matches!(bad, Err(RobustnessError::Infeasible { .. })));
    }
}
