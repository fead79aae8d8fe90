//! Benchmarks of the robustness analysis (divan): `cargo bench --bench robustness`.
//! The target of issue 12: 10,000 perturbed scorings of 20 vendors x 30 criteria well under a
//! second on one core.

use divan::{black_box, Bencher};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use supportgrade::score::robustness::{
    first_place_sensitivity, smaa, Problem, SmaaOptions, Uncertain, WeightModel,
};

fn main() {
    divan::main();
}

/// m vendors x n criteria: a third of the cells exact, a third intervals, a third bootstrap
/// values (20 each), a few missing; weights summing to 100.
fn problem(m: usize, n: usize) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut weights: Vec<f64> = (0..n).map(|_| rng.gen_range(1.0..10.0)).collect();
    let sum: f64 = weights.iter().sum();
    weights.iter_mut().for_each(|w| *w *= 100.0 / sum);
    let head: f64 = weights[..n - 1].iter().sum();
    weights[n - 1] = 100.0 - head;
    let values = (0..m)
        .map(|_| {
            (0..n)
                .map(|j| {
                    let v: f64 = rng.gen_range(20.0..90.0);
                    match (j % 3, rng.gen_bool(0.03)) {
                        (_, true) if j > 0 => Uncertain::Missing,
                        (0, _) => Uncertain::Exact(v),
                        (1, _) => Uncertain::Interval {
                            lo: v - 8.0,
                            hi: v + 8.0,
                        },
                        _ => Uncertain::Samples((0..20).map(|_| v + rng.gen_range(-10.0..10.0)).collect()),
                    }
                })
                .collect()
        })
        .collect();
    Problem::new(
        (0..m).map(|i| format!("vendor{i}")).collect(),
        (0..n).map(|j| format!("c{j}")).collect(),
        weights,
        values,
    )
    .expect("a valid problem")
}

fn options(weights: WeightModel, confidence_iterations: usize) -> SmaaOptions {
    SmaaOptions {
        seed: 7,
        iterations: 10_000,
        confidence_iterations,
        ..SmaaOptions::new(weights)
    }
}

/// 10,000 scorings of 20 x 30 (weights and values drawn), without the confidence pass. The
/// constraints keep about 8% of the simplex: rejection; `hit-and-run` forces the chain on
/// them (default thinning 5·29 steps per draw).
#[divan::bench(args = ["dirichlet", "uniform", "constrained", "hit-and-run"])]
fn smaa_10k_scorings_20x30(bencher: Bencher, model: &str) {
    let p = problem(20, 30);
    let weights = match model {
        "dirichlet" => WeightModel::Dirichlet { concentration: 30.0 },
        "uniform" => WeightModel::UniformSimplex,
        _ => WeightModel::Constrained {
            constraints: vec!["c0 >= c1".into(), "c2 <= 5".into(), "c3 + c4 >= 10".into()],
        },
    };
    let mut o = options(weights, 1);
    o.chain.hit_and_run_only = model == "hit-and-run";
    bencher.bench(|| smaa(black_box(&p), &o).expect("runs"));
}

/// The whole analysis: 10,000 scorings plus 10,000 value draws for every vendor's confidence
/// factor.
#[divan::bench]
fn smaa_with_confidence_20x30(bencher: Bencher) {
    let p = problem(20, 30);
    let o = options(WeightModel::Dirichlet { concentration: 30.0 }, 10_000);
    bencher.bench(|| smaa(black_box(&p), &o).expect("runs"));
}

/// The weight sensitivity of every criterion.
#[divan::bench]
fn first_place_sensitivity_20x30(bencher: Bencher) {
    let p = problem(20, 30);
    bencher.bench(|| first_place_sensitivity(black_box(&p)));
}
