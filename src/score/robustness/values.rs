//! The simulation's view of the values: one flat vendors x criteria matrix redrawn in place
//! (only its uncertain cells), and the totals of every vendor for a weight vector. Nothing
//! here allocates after [`ValueMatrix::new`].

use super::problem::{Problem, Uncertain};
use rand::Rng;

/// How one uncertain cell is redrawn.
#[derive(Debug, Clone, Copy)]
enum Draw {
    /// `lo + width * U(0, 1)`.
    Uniform { at: usize, lo: f64, width: f64 },
    /// One of `pool[start..start + len]`, uniformly.
    Pick { at: usize, start: usize, len: usize },
}

#[derive(Debug, Clone)]
pub struct ValueMatrix {
    m: usize,
    n: usize,
    /// The current draw, vendor-major; 0 where missing.
    values: Vec<f64>,
    /// 1 where the vendor has evidence, 0 where missing (read only for `partial` vendors).
    present: Vec<f64>,
    /// Vendors with at least one missing cell (their totals are divided by the weight they
    /// have evidence for).
    partial: Vec<bool>,
    draws: Vec<Draw>,
    pool: Vec<f64>,
}

impl ValueMatrix {
    /// The matrix at the point values (exact cells, interval midpoints, sample means).
    pub fn new(problem: &Problem) -> ValueMatrix {
        let (m, n) = (problem.vendors().len(), problem.criteria().len());
        let mut values = vec![0.0; m * n];
        let mut present = vec![0.0; m * n];
        let mut partial = vec![false; m];
        let mut draws = Vec::new();
        let mut pool = Vec::new();
        for (at, cell) in problem.cells().iter().enumerate() {
            match cell.point() {
                Some(v) => {
                    values[at] = v;
                    present[at] = 1.0;
                }
                None => partial[at / n] = true,
            }
            if !cell.is_uncertain() {
                continue;
            }
            match cell {
                Uncertain::Interval { lo, hi } => draws.push(Draw::Uniform {
                    at,
                    lo: *lo,
                    width: hi - lo,
                }),
                Uncertain::Samples(s) => {
                    draws.push(Draw::Pick {
                        at,
                        start: pool.len(),
                        len: s.len(),
                    });
                    pool.extend_from_slice(s);
                }
                Uncertain::Exact(_) | Uncertain::Missing => {}
            }
        }
        ValueMatrix {
            m,
            n,
            values,
            present,
            partial,
            draws,
            pool,
        }
    }

    /// Whether any cell is uncertain (otherwise redrawing changes nothing).
    pub fn is_uncertain(&self) -> bool {
        !self.draws.is_empty()
    }

    /// Draws every uncertain cell anew.
    pub fn redraw<R: Rng + ?Sized>(&mut self, rng: &mut R) {
        for d in &self.draws {
            // One 64-bit word per cell: its top 53 bits as a uniform in [0, 1), or its
            // product with `len` (Lemire's multiply-shift; the bias, len / 2^64, is nil).
            let u = rng.next_u64();
            match *d {
                Draw::Uniform { at, lo, width } => {
                    self.values[at] = lo + width * ((u >> 11) as f64 * (1.0 / (1u64 << 53) as f64));
                }
                Draw::Pick { at, start, len } => {
                    let k = ((u as u128 * len as u128) >> 64) as usize;
                    self.values[at] = self.pool[start + k];
                }
            }
        }
    }

    /// Every vendor's total (0-100) for `weights` (summing to 1) into `out`: the weighted
    /// mean over the criteria it has evidence for, 0 in a draw where none of those carries
    /// weight.
    pub fn totals(&self, weights: &[f64], out: &mut [f64]) {
        debug_assert_eq!(weights.len(), self.n);
        let rows = self
            .values
            .chunks_exact(self.n)
            .zip(self.present.chunks_exact(self.n));
        for ((o, (row, present)), partial) in out[..self.m].iter_mut().zip(rows).zip(&self.partial) {
            let num = dot(row, weights);
            *o = if *partial {
                let den = dot(present, weights);
                if den > 0.0 {
                    num / den
                } else {
                    0.0
                }
            } else {
                num
            };
        }
    }
}

/// A dot product in four lanes (the compiler vectorises it; the order of the additions is
/// fixed, so results do not depend on the machine).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (ca, ra) = a.split_at(a.len() - a.len() % 4);
    let (cb, rb) = b.split_at(ca.len());
    for (x, y) in ca.chunks_exact(4).zip(cb.chunks_exact(4)) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn totals_exclude_missing_cells_and_draws_stay_in_their_ranges() {
        let p = Problem::new(
            vec!["a".into(), "b".into()],
            vec!["x".into(), "y".into(), "z".into(), "u".into(), "v".into()],
            vec![20.0; 5],
            vec![
                vec![
                    Uncertain::Exact(100.0),
                    Uncertain::Missing,
                    Uncertain::Exact(50.0),
                    Uncertain::Exact(0.0),
                    Uncertain::Exact(50.0),
                ],
                vec![
                    Uncertain::Interval { lo: 10.0, hi: 20.0 },
                    Uncertain::Samples(vec![30.0, 40.0]),
                    Uncertain::Exact(0.0),
                    Uncertain::Exact(0.0),
                    Uncertain::Exact(0.0),
                ],
            ],
        )
        .unwrap();
        let mut vm = ValueMatrix::new(&p);
        let w = [0.2; 5];
        let mut out = [0.0; 2];
        vm.totals(&w, &mut out);
        assert!((out[0] - 50.0).abs() < 1e-12, "(100 + 50 + 0 + 50) / 4");
        assert!((out[1] - (15.0 + 35.0) / 5.0).abs() < 1e-12);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..1000 {
            vm.redraw(&mut rng);
            vm.totals(&w, &mut out);
            assert!((out[0] - 50.0).abs() < 1e-12);
            let x = vm.values[5];
            let y = vm.values[6];
            assert!((10.0..20.0).contains(&x) && (y == 30.0 || y == 40.0));
        }
    }

    #[test]
    fn dot_matches_the_plain_sum() {
        let a: Vec<f64> = (0..11).map(|i| i as f64 * 1.5).collect();
        let b: Vec<f64> = (0..11).map(|i| 1.0 / (1.0 + i as f64)).collect();
        let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-12);
    }
}
