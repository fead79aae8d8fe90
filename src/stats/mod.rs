//! Statistics used by the metrics: quantiles and intervals. Small, exact and tested against
//! values computed independently.

use statrs::distribution::{ContinuousCDF, Normal};

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
}
