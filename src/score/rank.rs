//! Ranking: vendors not knocked out first, then by total (at two decimals) descending, then by
//! id. Ranks are "1224" style: equal totals share a rank.

use super::scorecard::VendorScore;
use crate::report::fmt::round_to;

/// Orders vendors and gives each its rank: (rank, score), best first.
pub fn rank(mut scores: Vec<VendorScore>) -> Vec<(usize, VendorScore)> {
    scores.sort_by(|a, b| {
        a.knocked_out
            .cmp(&b.knocked_out)
            .then(round_to(b.total, 2).total_cmp(&round_to(a.total, 2)))
            .then(a.id.cmp(&b.id))
    });
    let mut out: Vec<(usize, VendorScore)> = Vec::new();
    for (i, s) in scores.into_iter().enumerate() {
        let r = match out.last() {
            Some((r, prev))
                if prev.knocked_out == s.knocked_out && round_to(prev.total, 2) == round_to(s.total, 2) =>
            {
                *r
            }
            _ => i + 1,
        };
        out.push((r, s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::scorecard::VendorScore;

    fn vs(id: &str, total: f64, ko: bool) -> VendorScore {
        VendorScore {
            id: id.into(),
            total,
            coverage: 1.0,
            knocked_out: ko,
            knockouts: vec![],
            unverified: vec![],
            missing: vec![],
            criteria: vec![],
        }
    }

    #[test]
    fn knocked_out_vendors_rank_last_and_ties_share_a_rank() {
        let r = rank(vec![
            vs("a", 50.0, false),
            vs("b", 90.0, true),
            vs("c", 70.0, false),
            vs("d", 50.001, false),
        ]);
        let got: Vec<(usize, &str)> = r.iter().map(|(k, s)| (*k, s.id.as_str())).collect();
        assert_eq!(got, vec![(1, "c"), (2, "a"), (2, "d"), (4, "b")]);
    }
}
