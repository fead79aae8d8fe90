//! Must-haves: a vendor scoring below a criterion's `must_have.min_score` (in % of the
//! criterion) is knocked out, and ranked after every vendor that is not. A must-have whose
//! criterion has no evidence for the vendor never knocks it out: it is flagged unverified.

use super::scorecard::VendorScore;

/// Marks the vendor knocked out by each criterion whose must-have it misses, with the reason.
pub fn apply(s: &mut VendorScore) {
    s.knockouts = s
        .criteria
        .iter()
        .filter(|c| c.knocked_out())
        .map(|c| {
            format!(
                "{}: scored {:.1}% of its points, below the must-have minimum of {}%",
                c.id,
                c.score,
                c.must_have_min_score.unwrap_or(0.0)
            )
        })
        .collect();
    s.knocked_out = !s.knockouts.is_empty();
    s.unverified = s
        .criteria
        .iter()
        .filter(|c| c.unverified())
        .map(|c| {
            format!(
                "{}: must-have minimum of {}% not checked: no evidence",
                c.id,
                c.must_have_min_score.unwrap_or(0.0)
            )
        })
        .collect();
}
