//! Statistics used by the metrics: quantiles and intervals. Small, exact and tested against
//! values computed independently.

use statrs::distribution::{Binomial, ContinuousCDF, DiscreteCDF, Normal};

/// The `p` quantile (0..=1) of `sorted` (ascending), by linear interpolation between closest
/// ranks (numpy's default, "type 7"). Infinite values (probes never answered) sort last; when
/// the quantile falls on or next to one, the result is infinite.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    let (a, b) = (sorted[lo], sorted[hi]);
    if lo == hi {
        return Some(a);
    }
    if a.is_infinite() || b.is_infinite() {
        return Some(f64::INFINITY);
    }
    Some(a + (h - lo as f64) * (b - a))
}

/// A percentile-bootstrap interval of the `p` quantile of `sorted` at `level` (1,000
/// resamples, seeded: the same data give the same interval), for samples too small for the
/// distribution-free interval. Infinite values (never answered) are kept. `None` for fewer
/// than two values.
pub fn bootstrap_quantile_ci(sorted: &[f64], p: f64, level: f64, seed: u64) -> Option<(f64, f64)> {
    use rand::{Rng, SeedableRng};
    const RESAMPLES: usize = 1000;
    let n = sorted.len();
    if n < 2 || !(0.0..=1.0).contains(&p) || !(0.0..1.0).contains(&level) {
        return None;
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut sample = vec![0.0; n];
    let mut qs = Vec::with_capacity(RESAMPLES);
    for _ in 0..RESAMPLES {
        for s in sample.iter_mut() {
            *s = sorted[rng.gen_range(0..n)];
        }
        sample.sort_by(f64::total_cmp);
        qs.push(quantile_sorted(&sample, p)?);
    }
    qs.sort_by(f64::total_cmp);
    let tail = (1.0 - level) / 2.0;
    let lo = qs[((RESAMPLES as f64) * tail).floor() as usize];
    let hi = qs[(((RESAMPLES as f64) * (1.0 - tail)).ceil() as usize).min(RESAMPLES) - 1];
    Some((lo, hi))
}

/// Sorts a copy of `values` and takes the `p` quantile.
pub fn quantile(values: &[f64], p: f64) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    quantile_sorted(&v, p)
}

/// The ranks (0-based) that a type-7 quantile interpolates between.
pub fn quantile_ranks(n: usize, p: f64) -> (usize, usize) {
    let h = (n.saturating_sub(1)) as f64 * p;
    (h.floor() as usize, h.ceil() as usize)
}

pub fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}

/// Wilson score interval for a proportion `k/n` at confidence `level` (e.g. 0.95).
pub fn wilson_interval(k: usize, n: usize, level: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let z = Normal::new(0.0, 1.0).ok()?.inverse_cdf(1.0 - (1.0 - level) / 2.0);
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// A distribution-free confidence interval for the `p` quantile of the population that
/// `sorted` (ascending, finite) was drawn from: the order statistics `X(l)` and `X(u)`
/// chosen from the binomial distribution Bin(n, p) so that
/// `P(X(l) <= q_p <= X(u)) >= level`, each tail holding at most `(1 - level) / 2`.
/// `None` when the sample is too small for any pair of order statistics to reach the level.
pub fn quantile_ci(sorted: &[f64], p: f64, level: f64) -> Option<(f64, f64)> {
    let n = sorted.len();
    if n == 0 || !(0.0..=1.0).contains(&p) || !(0.0..1.0).contains(&level) {
        return None;
    }
    let tail = (1.0 - level) / 2.0;
    let binom = Binomial::new(p, n as u64).ok()?;
    // Both bounds are found by bisection on the binomial CDF, which rises with k.
    let cdf = |k: usize| binom.cdf(k as u64);
    let first_k = |pred: &dyn Fn(usize) -> bool| {
        // The smallest k in 0..=n with pred(k) true (pred is monotone: false..., true...).
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(mid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    };
    // Lower bound X(l) (1-based): the largest l with P(B <= l - 1) <= tail, where B counts
    // the observations below the quantile, since P(X(l) > q) = P(B <= l - 1).
    let l = first_k(&|k| cdf(k) > tail + 1e-12);
    // Upper bound X(u): the smallest u with P(B >= u) = 1 - P(B <= u - 1) <= tail.
    let u = first_k(&|k| 1.0 - cdf(k) <= tail + 1e-12) + 1;
    if l == 0 || u > n || l > u {
        return None;
    }
    Some((sorted[l - 1], sorted[u - 1]))
}

/// The Kaplan-Meier median of time to event from `(time, observed)` pairs, where
/// `observed == false` marks a right-censored observation (a probe still unanswered at that
/// time). The median is the smallest time at which the survival estimate drops to 0.5 or
/// below (the definition of lifelines and R's survfit); `None` when it never does.
/// At tied times events are taken before censorings.
pub fn km_median(observations: &[(f64, bool)]) -> Option<f64> {
    let mut obs: Vec<(f64, bool)> = observations
        .iter()
        .copied()
        .filter(|(t, _)| !t.is_nan())
        .collect();
    // Events (true) before censorings (false) at the same time.
    obs.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut at_risk = obs.len() as f64;
    let mut survival = 1.0f64;
    let mut i = 0;
    while i < obs.len() {
        let t = obs[i].0;
        let mut events = 0.0;
        let mut removed = 0.0;
        while i < obs.len() && obs[i].0 == t {
            if obs[i].1 {
                events += 1.0;
            }
            removed += 1.0;
            i += 1;
        }
        if events > 0.0 {
            survival *= 1.0 - events / at_risk;
            if survival <= 0.5 + 1e-12 {
                return Some(t);
            }
        }
        at_risk -= removed;
    }
    None
}

/// The result of a two-sided Mann-Whitney U test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U of the first sample: the number of pairs (a, b) with a > b, ties counting a half.
    pub u: f64,
    pub z: f64,
    pub p_value: f64,
}

/// Two-sided Mann-Whitney U test of `a` against `b` by the normal approximation with the
/// tie correction and the continuity correction (scipy's `mannwhitneyu(a, b,
/// method="asymptotic")`). Infinite values (never answered) rank last and tie each other.
/// `None` when either sample is empty.
pub fn mann_whitney(a: &[f64], b: &[f64]) -> Option<MannWhitney> {
    let (n1, n2) = (a.len(), b.len());
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let mut all: Vec<(f64, bool)> = a
        .iter()
        .map(|v| (*v, true))
        .chain(b.iter().map(|v| (*v, false)))
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    let n = all.len();
    let mut rank_sum_a = 0.0;
    let mut tie_term = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j < n && all[j].0.total_cmp(&all[i].0).is_eq() {
            j += 1;
        }
        let avg_rank = (i + 1 + j) as f64 / 2.0;
        let t = (j - i) as f64;
        tie_term += t * t * t - t;
        rank_sum_a += avg_rank * all[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    let (n1f, n2f, nf) = (n1 as f64, n2 as f64, n as f64);
    let u1 = rank_sum_a - n1f * (n1f + 1.0) / 2.0;
    let u2 = n1f * n2f - u1;
    let mu = n1f * n2f / 2.0;
    let variance = n1f * n2f / 12.0 * ((nf + 1.0) - tie_term / (nf * (nf - 1.0)));
    if variance <= 0.0 {
        return Some(MannWhitney {
            u: u1,
            z: 0.0,
            p_value: 1.0,
        });
    }
    let z = (u1.max(u2) - mu - 0.5) / variance.sqrt();
    let normal = Normal::new(0.0, 1.0).ok()?;
    let p_value = (2.0 * normal.sf(z)).clamp(0.0, 1.0);
    Some(MannWhitney { u: u1, z, p_value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_numpy() {
        // numpy.quantile([1, 2, 3, 4, 10], [0.5, 0.9]) == [3.0, 7.6]
        let v = [4.0, 1.0, 10.0, 3.0, 2.0];
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert!((quantile(&v, 0.9).unwrap() - 7.6).abs() < 1e-12);
        // numpy.quantile([5, 15], 0.9) == 14.0
        assert!((quantile(&[5.0, 15.0], 0.9).unwrap() - 14.0).abs() < 1e-12);
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn unanswered_probes_make_the_tail_infinite() {
        let v = [1.0, 2.0, 3.0, f64::INFINITY];
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&v, 0.9), Some(f64::INFINITY));
    }

    #[test]
    fn wilson_matches_reference() {
        // statsmodels proportion_confint(8, 10, method="wilson") == (0.4902, 0.9433)
        let (lo, hi) = wilson_interval(8, 10, 0.95).unwrap();
        assert!((lo - 0.4902).abs() < 1e-4, "{lo}");
        assert!((hi - 0.9433).abs() < 1e-4, "{hi}");
    }
    #[test]
    fn quantile_ci_matches_scipy_quantile_test() {
        // Reference: scipy 1.x `stats.quantile_test(x, q=..., p=p).confidence_interval(0.95)`
        // on x = 1..=100 gives (40, 61) for p=0.5, (84, 96) for p=0.9 and (90, 100) for p=0.95.
        let x: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile_ci(&x, 0.5, 0.95), Some((40.0, 61.0)));
        assert_eq!(quantile_ci(&x, 0.9, 0.95), Some((84.0, 96.0)));
        assert_eq!(quantile_ci(&x, 0.95, 0.95), Some((90.0, 100.0)));
        // On these 20 values scipy gives (6.0, 22.0) for the median and an upper bound of
        // NaN for p=0.9: twenty probes are too few to bound the p90 from above.
        let mut y = vec![
            3.5, 12.0, 7.0, 1.0, 45.0, 22.0, 9.0, 15.0, 2.0, 30.0, 18.0, 5.0, 60.0, 11.0, 8.0, 26.0, 4.0,
            14.0, 90.0, 6.0,
        ];
        y.sort_by(f64::total_cmp);
        assert_eq!(quantile_ci(&y, 0.5, 0.95), Some((6.0, 22.0)));
        assert_eq!(quantile_ci(&y, 0.9, 0.95), None);
        assert_eq!(quantile_ci(&[1.0, 2.0, 3.0], 0.5, 0.95), None);
    }

    #[test]
    fn kaplan_meier_median_matches_lifelines() {
        // lifelines 0.30 KaplanMeierFitter().fit(t, e).median_survival_time_ == 12.0 with
        // S = 0.9, 0.8, 0.6857, 0.5714, 0.5714, 0.3810 at t = 2, 3, 5, 8, 10, 12.
        let t = [2.0, 3.0, 3.0, 5.0, 8.0, 8.0, 10.0, 12.0, 15.0, 20.0];
        let e = [true, true, false, true, true, false, false, true, false, false];
        let obs: Vec<(f64, bool)> = t.iter().copied().zip(e).collect();
        assert_eq!(km_median(&obs), Some(12.0));
        // Mostly censored: lifelines reports inf (no median).
        let obs = [
            (1.0, true),
            (2.0, true),
            (3.0, false),
            (10.0, false),
            (10.0, false),
            (10.0, false),
        ];
        assert_eq!(km_median(&obs), None);
        // No censoring: the lower median of the sample, as lifelines gives for [1, 2, 3, 4] (2.0).
        assert_eq!(
            km_median(&[(4.0, true), (1.0, true), (3.0, true), (2.0, true)]),
            Some(2.0)
        );
    }

    #[test]
    fn mann_whitney_matches_scipy() {
        // scipy.stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic"):
        // statistic=10.0, pvalue=0.04191796379510319 (ties at 3 between the samples).
        let a = [1.5, 2.5, 3.0, 3.0, 4.0, 7.0, 8.0];
        let b = [3.0, 5.0, 6.0, 6.0, 9.0, 10.0, 11.0, 12.0];
        let r = mann_whitney(&a, &b).unwrap();
        assert_eq!(r.u, 10.0);
        assert!((r.p_value - 0.04191796379510319).abs() < 1e-9, "{}", r.p_value);
        // With infinities (never answered), tied with each other and ranked last:
        // statistic=11.0, pvalue=0.10427137390803749.
        let inf = f64::INFINITY;
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, inf];
        let b = [3.0, 4.0, 6.0, 7.0, 8.0, 9.0, inf, inf];
        let r = mann_whitney(&a, &b).unwrap();
        assert_eq!(r.u, 11.0);
        assert!((r.p_value - 0.10427137390803749).abs() < 1e-9, "{}", r.p_value);
        assert_eq!(mann_whitney(&[], &b), None);
        assert_eq!(mann_whitney(&[2.0, 2.0], &[2.0]).unwrap().p_value, 1.0);
    }

    #[test]
    fn bootstrap_intervals_are_seeded_and_hold_the_estimate() {
        let sorted = [1.0, 2.0, 3.0, 4.0, 10.0, f64::INFINITY];
        let a = bootstrap_quantile_ci(&sorted, 0.5, 0.95, 7).unwrap();
        assert_eq!(
            a,
            bootstrap_quantile_ci(&sorted, 0.5, 0.95, 7).unwrap(),
            "same seed, same interval"
        );
        let q = quantile_sorted(&sorted, 0.5).unwrap();
        assert!(a.0 <= q && q <= a.1, "{a:?} holds {q}");
        assert!(a.0 >= 1.0, "{a:?}");
        // A p90 of six probes with one never answered reaches "never".
        let b = bootstrap_quantile_ci(&sorted, 0.9, 0.95, 7).unwrap();
        assert!(b.1.is_infinite(), "{b:?}");
        assert_eq!(bootstrap_quantile_ci(&[5.0], 0.5, 0.95, 7), None);
    }
}
