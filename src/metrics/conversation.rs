//! Metrics from the probe conversations: how well probes were answered, stalls, transfers and
//! reply latency.

use super::metric::{Metric, Scope, Value, VendorFacts};
use super::transcripts::{best_outcomes, probe_quality, ProbeOutcome};
use crate::model::evidence::Evidence;
use crate::report::fmt::{fmt_num, fmt_share};
use crate::stats::median;

/// `probe_answered_rate`: the share of probes asked whose best answer was substantive.
/// With `probe = "id"` on the measure, only that probe counts.
pub fn probe_answered_rate(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    let Some(best) = best_in_scope(f, s, m) else {
        return Some(());
    };
    let answered = best.iter().filter(|o| o.answered).count();
    let rate = answered as f64 / best.len() as f64;
    m.value = Some(Value::Number(rate));
    m.n = Some(best.len());
    let names: Vec<String> = best
        .iter()
        .map(|o| {
            format!(
                "{} {}",
                o.id,
                if o.answered { "answered" } else { "not answered" }
            )
        })
        .collect();
    m.display = format!("{} ({})", fmt_share(rate), names.join("; "));
    for o in &best {
        m.evidence.extend(o.evidence.iter().take(2).cloned());
    }
    Some(())
}

/// `probe_quality`: the mean concept coverage of the best answer to each probe asked.
/// With `probe = "id"` on the measure, only that probe counts.
pub fn probe_quality_metric(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    let Some(best) = best_in_scope(f, s, m) else {
        return Some(());
    };
    let q = probe_quality(&best.iter().map(|o| o.coverage).collect::<Vec<_>>());
    m.value = Some(Value::Number(q));
    m.n = Some(best.len());
    let parts: Vec<String> = best
        .iter()
        .map(|o| {
            format!(
                "{} {}/{}",
                o.id,
                o.concepts_found.len(),
                o.concepts_found.len() + o.concepts_missing.len()
            )
        })
        .collect();
    m.display = format!("{} ({})", fmt_share(q), parts.join("; "));
    for o in &best {
        m.evidence.extend(o.evidence.iter().cloned());
    }
    Some(())
}

/// The best answer to each probe asked (only the scope's probe, when it names one); `None`,
/// with the reason in the display, when there is none.
fn best_in_scope<'a>(f: &VendorFacts<'a>, s: Scope, m: &mut Metric) -> Option<Vec<&'a ProbeOutcome>> {
    let mut best = best_outcomes(&f.conversations);
    if let Some(p) = s.probe {
        best.retain(|o| o.id == p);
        if best.is_empty() {
            m.display = format!("the probe {p} was not asked in any transcript");
            return None;
        }
    }
    if best.is_empty() {
        m.display = "no probe questions found in transcripts".into();
        return None;
    }
    Some(best)
}

/// `stall_rate`: the share of conversations with a stall.
pub fn stall_rate(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    if f.conversations.is_empty() {
        return Some(());
    }
    let stalled: Vec<_> = f.conversations.iter().filter(|c| !c.stalls.is_empty()).collect();
    let v = stalled.len() as f64 / f.conversations.len() as f64;
    m.value = Some(Value::Number(v));
    m.n = Some(f.conversations.len());
    m.display = format!(
        "{} of {} conversations stalled",
        stalled.len(),
        f.conversations.len()
    );
    m.evidence
        .extend(stalled.iter().flat_map(|c| c.stalls.iter().cloned()));
    Some(())
}

/// `transfers_per_conversation`.
pub fn transfers_per_conversation(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    if f.conversations.is_empty() {
        return Some(());
    }
    let n: usize = f.conversations.iter().map(|c| c.transfers.len()).sum();
    let v = n as f64 / f.conversations.len() as f64;
    m.value = Some(Value::Number(v));
    m.n = Some(f.conversations.len());
    m.display = format!("{n} transfers in {} conversations", f.conversations.len());
    m.evidence.extend(
        f.conversations
            .iter()
            .flat_map(|c| c.transfers.iter().cloned())
            .take(6),
    );
    Some(())
}

/// `reply_latency_median_minutes`: the median over conversations of their median reply.
pub fn reply_latency_median(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let medians: Vec<f64> = f
        .conversations
        .iter()
        .filter_map(|c| c.median_reply_seconds)
        .collect();
    if let Some(x) = median(&medians) {
        m.value = Some(Value::Number(x / 60.0));
        m.n = Some(medians.len());
        m.display = format!(
            "{} min (median over {} conversations)",
            fmt_num(x / 60.0),
            medians.len()
        );
        m.evidence.extend(f.conversations.iter().map(|c| {
            Evidence::file(
                &c.file,
                format!(
                    "median reply {} min",
                    c.median_reply_seconds
                        .map(|s| fmt_num(s / 60.0))
                        .unwrap_or_else(|| "-".into())
                ),
            )
        }));
    }
    Some(())
}
