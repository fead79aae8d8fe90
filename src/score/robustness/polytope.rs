//! The weights a rubric's constraints allow: the polytope `{w >= 0, Σ w = 1, A w <= b}`, a
//! point deep inside it (its Chebyshev centre within the simplex's hyperplane, by linear
//! programming), and uniform sampling in it by hit-and-run (Smith 1984; for SMAA weights,
//! Tervonen, van Valkenhoef, Baştürk and Postmus 2013, "Hit-And-Run enables efficient weight
//! generation for simulation-based multiple criteria decision analysis", EJOR 224(3)).
//!
//! Each hit-and-run step draws a direction uniformly in the hyperplane `Σ w = 1` (a standard
//! normal vector minus its mean), finds the segment of that line inside every constraint and
//! the simplex, and moves to a uniform point on it; every `thinning`-th point is kept.

use super::constraint::{parse, LinearConstraint};
use super::error::RobustnessError;
use super::lp::{minimize, LpOutcome};
use rand::Rng;
use rand_distr::StandardNormal;

/// Depth (in weight units, 1 = all the weight) below which the constraints are taken to
/// leave no room.
const ROOM: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq)]
pub struct Polytope {
    n: usize,
    constraints: Vec<LinearConstraint>,
}

impl Polytope {
    /// Parses a rubric's constraint strings over its criteria.
    pub fn parse(constraints: &[String], criteria: &[String]) -> Result<Polytope, RobustnessError> {
        let parsed = constraints
            .iter()
            .enumerate()
            .map(|(k, c)| parse(k, c, criteria))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Polytope {
            n: criteria.len(),
            constraints: parsed,
        })
    }

    pub fn constraints(&self) -> &[LinearConstraint] {
        &self.constraints
    }

    /// Whether weights `w` (fractions summing to 1) satisfy every constraint.
    pub fn contains(&self, w: &[f64]) -> bool {
        self.constraints
            .iter()
            .all(|c| c.terms.iter().map(|(j, v)| v * w[*j]).sum::<f64>() <= c.bound)
    }

    /// A point of the polytope as far as can be from its faces (the Chebyshev centre within
    /// the simplex's hyperplane). Fails naming an irreducible set of conflicting constraints
    /// when none exists ([`RobustnessError::Infeasible`]), or when the constraints can only be
    /// met on a boundary ([`RobustnessError::NoRoom`]).
    pub fn interior_point(&self) -> Result<Vec<f64>, RobustnessError> {
        let all: Vec<&LinearConstraint> = self.constraints.iter().collect();
        if self.n == 1 {
            // The simplex is the point w = (1).
            return if all.iter().all(|c| c.holds_for_points(&[100.0], 1e-9)) {
                Ok(vec![1.0])
            } else {
                Err(RobustnessError::Infeasible {
                    constraints: irreducible(all, |s| !s.iter().all(|c| c.holds_for_points(&[100.0], 1e-9))),
                })
            };
        }
        let (depth, w) = chebyshev(self.n, &all)?;
        if depth > ROOM {
            return Ok(w.into_iter().map(|v| v.max(0.0)).collect());
        }
        let depth_of = |s: &[&LinearConstraint]| chebyshev(self.n, s).map_or(f64::NEG_INFINITY, |r| r.0);
        if depth < -ROOM {
            Err(RobustnessError::Infeasible {
                constraints: irreducible(all, |s| depth_of(s) < -ROOM),
            })
        } else {
            Err(RobustnessError::NoRoom {
                constraints: irreducible(all, |s| depth_of(s) <= ROOM),
            })
        }
    }
}

/// The deletion filter: drops each constraint in turn while the rest still `fails`, leaving
/// a set that fails and does not without any one of its members.
fn irreducible(mut set: Vec<&LinearConstraint>, fails: impl Fn(&[&LinearConstraint]) -> bool) -> Vec<String> {
    let mut k = 0;
    while k < set.len() {
        let mut trial = set.clone();
        trial.remove(k);
        if fails(&trial) {
            set = trial;
        } else {
            k += 1;
        }
    }
    set.iter().map(|c| c.text.clone()).collect()
}

/// max r such that a ball of radius r around w, within the hyperplane Σ w = 1, satisfies
/// every constraint and w_j >= 0: (r, w). A negative r means no w satisfies them all.
fn chebyshev(n: usize, cs: &[&LinearConstraint]) -> Result<(f64, Vec<f64>), RobustnessError> {
    // Variables: w (n), r+ and r- (r = r+ - r-), one slack per constraint, one per w_j.
    let k = cs.len();
    let nv = n + 2 + k + n;
    let (rp, rm) = (n, n + 1);
    let mut a = Vec::with_capacity(k + n + 1);
    let mut b = Vec::with_capacity(k + n + 1);
    for (i, c) in cs.iter().enumerate() {
        let mut dense = vec![0.0; n];
        for &(j, v) in &c.terms {
            dense[j] = v;
        }
        // The norm of the constraint's normal projected on the hyperplane.
        let mean = dense.iter().sum::<f64>() / n as f64;
        let norm = dense.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>().sqrt();
        let mut row = vec![0.0; nv];
        row[..n].copy_from_slice(&dense);
        row[rp] = norm;
        row[rm] = -norm;
        row[n + 2 + i] = 1.0;
        a.push(row);
        b.push(c.bound);
    }
    let face = (1.0 - 1.0 / n as f64).sqrt();
    for j in 0..n {
        let mut row = vec![0.0; nv];
        row[j] = -1.0;
        row[rp] = face;
        row[rm] = -face;
        row[n + 2 + k + j] = 1.0;
        a.push(row);
        b.push(0.0);
    }
    let mut sum = vec![0.0; nv];
    sum[..n].fill(1.0);
    a.push(sum);
    b.push(1.0);
    let mut cost = vec![0.0; nv];
    cost[rp] = -1.0;
    cost[rm] = 1.0;
    match minimize(&cost, &a, &b) {
        LpOutcome::Optimal { x, .. } => Ok((x[rp] - x[rm], x[..n].to_vec())),
        // With r free only a constraint flat on the hyperplane (on the sum of all weights)
        // can make the program infeasible: no weights at any depth.
        LpOutcome::Infeasible => Ok((f64::NEG_INFINITY, vec![1.0 / n as f64; n])),
        // r <= 1/(n·face) bounds it.
        LpOutcome::Unbounded => Err(RobustnessError::Input(
            "the weight constraints could not be solved (unbounded)".into(),
        )),
    }
}

/// Uniform sampling in a polytope by hit-and-run, from its Chebyshev centre.
#[derive(Debug, Clone)]
pub struct HitAndRun {
    x: Vec<f64>,
    dir: Vec<f64>,
    // The constraints as flat sparse rows: row k is cols/coefs[starts[k]..starts[k + 1]].
    starts: Vec<usize>,
    cols: Vec<usize>,
    coefs: Vec<f64>,
    bounds: Vec<f64>,
    thinning: usize,
    burn_in: usize,
}

impl HitAndRun {
    /// A sampler keeping every `thinning`-th point after `burn_in` steps from the centre.
    pub fn new(polytope: &Polytope, thinning: usize, burn_in: usize) -> Result<HitAndRun, RobustnessError> {
        let x = polytope.interior_point()?;
        let mut starts = vec![0];
        let (mut cols, mut coefs, mut bounds) = (Vec::new(), Vec::new(), Vec::new());
        for c in &polytope.constraints {
            for &(j, v) in &c.terms {
                cols.push(j);
                coefs.push(v);
            }
            starts.push(cols.len());
            bounds.push(c.bound);
        }
        Ok(HitAndRun {
            dir: vec![0.0; x.len()],
            x,
            starts,
            cols,
            coefs,
            bounds,
            thinning: thinning.max(1),
            burn_in,
        })
    }

    /// The next kept point into `out` (weights summing to 1).
    pub fn sample<R: Rng + ?Sized>(&mut self, rng: &mut R, out: &mut [f64]) {
        let steps = self.thinning + std::mem::take(&mut self.burn_in);
        if self.x.len() > 1 {
            for _ in 0..steps {
                self.step(rng);
            }
            // Undo the rounding drift off the hyperplane.
            let drift = (self.x.iter().sum::<f64>() - 1.0) / self.x.len() as f64;
            for v in &mut self.x {
                *v -= drift;
            }
        }
        for (o, v) in out.iter_mut().zip(&self.x) {
            *o = v.max(0.0);
        }
    }

    fn step<R: Rng + ?Sized>(&mut self, rng: &mut R) {
        let n = self.x.len();
        let mut mean = 0.0;
        for d in self.dir.iter_mut() {
            *d = rng.sample(StandardNormal);
            mean += *d;
        }
        mean /= n as f64;
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for (d, x) in self.dir.iter_mut().zip(&self.x) {
            *d -= mean;
            // x + t d >= 0: t >= -x/d where d > 0, t <= -x/d where d < 0 (selects, not
            // branches: the signs are random). d = 0 gives ±inf or NaN, which max and min skip.
            let r = -x / *d;
            lo = lo.max(if *d > 0.0 { r } else { f64::NEG_INFINITY });
            hi = hi.min(if *d < 0.0 { r } else { f64::INFINITY });
        }
        for k in 0..self.bounds.len() {
            let (mut ad, mut ax) = (0.0, 0.0);
            for p in self.starts[k]..self.starts[k + 1] {
                ad += self.coefs[p] * self.dir[self.cols[p]];
                ax += self.coefs[p] * self.x[self.cols[p]];
            }
            let slack = self.bounds[k] - ax;
            if ad > 0.0 {
                hi = hi.min(slack / ad);
            } else if ad < 0.0 {
                lo = lo.max(slack / ad);
            }
        }
        if lo < hi && lo.is_finite() && hi.is_finite() {
            let t = lo + (hi - lo) * rng.gen::<f64>();
            for (x, d) in self.x.iter_mut().zip(&self.dir) {
                *x += t * d;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn poly(criteria: &[&str], cs: &[&str]) -> Polytope {
        let crit: Vec<String> = criteria.iter().map(|s| s.to_string()).collect();
        let cs: Vec<String> = cs.iter().map(|s| s.to_string()).collect();
        Polytope::parse(&cs, &crit).unwrap()
    }

    /// Means of `draws` hit-and-run samples, checking each against every constraint.
    fn means(p: &Polytope, draws: usize, seed: u64) -> Vec<f64> {
        let mut har = HitAndRun::new(p, p.n, 100 * p.n).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut w = vec![0.0; p.n];
        let mut sum = vec![0.0; p.n];
        for _ in 0..draws {
            har.sample(&mut rng, &mut w);
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{w:?}");
            let points: Vec<f64> = w.iter().map(|v| v * 100.0).collect();
            for c in p.constraints() {
                assert!(
                    c.holds_for_points(&points, 1e-7),
                    "{} fails at {points:?}",
                    c.text
                );
            }
            for (s, v) in sum.iter_mut().zip(&w) {
                *s += v;
            }
        }
        sum.iter().map(|s| s / draws as f64).collect()
    }

    #[test]
    fn the_centre_is_inside_and_away_from_the_faces() {
        let p = poly(&["a", "b"], &["a >= b"]);
        let w = p.interior_point().unwrap();
        // The segment a in [0.5, 1]: centre 0.75.
        assert!((w[0] - 0.75).abs() < 1e-9 && (w[1] - 0.25).abs() < 1e-9, "{w:?}");
        let p = poly(&["a", "b", "c"], &[]);
        let w = p.interior_point().unwrap();
        assert!(w.iter().all(|v| (v - 1.0 / 3.0).abs() < 1e-9), "{w:?}");
    }

    #[test]
    fn hit_and_run_covers_known_polytopes() {
        // w1 >= w2 on two criteria: w1 ~ U(0.5, 1), mean 0.75.
        let m = means(&poly(&["a", "b"], &["a >= b"]), 20_000, 7);
        assert!((m[0] - 0.75).abs() < 0.01, "{m:?}");
        // docs <= 20 on two criteria: docs ~ U(0, 0.2), mean 0.1.
        let m = means(&poly(&["docs", "b"], &["docs <= 20"]), 20_000, 8);
        assert!((m[0] - 0.1).abs() < 0.005, "{m:?}");
        // a >= b on six criteria: (a, b, rest) uniform on the simplex given a >= b, so
        // E[a] = E[max] = 3/(2n), E[b] = 1/(2n), the others 1/n.
        let m = means(&poly(&["a", "b", "c", "d", "e", "f"], &["a >= b"]), 20_000, 9);
        let want = [0.25, 1.0 / 12.0, 1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0];
        for (g, w) in m.iter().zip(want) {
            assert!((g - w).abs() < 0.01, "{m:?}");
        }
        // No constraint at all: the uniform simplex, every mean 1/n.
        let m = means(&poly(&["a", "b", "c", "d"], &[]), 20_000, 10);
        assert!(m.iter().all(|v| (v - 0.25).abs() < 0.01), "{m:?}");
    }

    #[test]
    fn infeasible_constraints_name_the_conflict() {
        let p = poly(&["a", "b", "c"], &["c <= 50", "a >= 60", "b >= 60"]);
        assert_eq!(
            p.interior_point(),
            Err(RobustnessError::Infeasible {
                constraints: vec!["a >= 60".into(), "b >= 60".into()]
            })
        );
        let p = poly(&["a", "b", "c"], &["a >= b", "c <= 10", "b >= a"]);
        assert_eq!(
            p.interior_point(),
            Err(RobustnessError::NoRoom {
                constraints: vec!["a >= b".into(), "b >= a".into()]
            })
        );
        assert!(matches!(
            poly(&["a", "b"], &["a <= 0"]).interior_point(),
            Err(RobustnessError::NoRoom { .. })
        ));
        assert!(HitAndRun::new(&poly(&["a", "b"], &["a >= 101"]), 1, 0).is_err());
        // A constraint on the sum of all weights is always or never met.
        assert!(matches!(
            poly(&["a", "b"], &["a + b <= 50"]).interior_point(),
            Err(RobustnessError::Infeasible { .. })
        ));
        let w = poly(&["a", "b"], &["a + b >= 50"]).interior_point().unwrap();
        assert!((w[0] - 0.5).abs() < 1e-9, "{w:?}");
        // One criterion: the only weight is 100.
        assert_eq!(poly(&["a"], &["a >= 50"]).interior_point(), Ok(vec![1.0]));
        assert!(matches!(
            poly(&["a"], &["a <= 50"]).interior_point(),
            Err(RobustnessError::Infeasible { .. })
        ));
    }
}
