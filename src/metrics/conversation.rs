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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::vendors::EvaluationInfo;
    use crate::metrics::transcripts::ConversationAnalysis;
    use crate::model::plan::HeldPlan;
    use std::collections::BTreeMap;

    fn outcome(id: &str, answered: bool, found: usize, missing: usize) -> ProbeOutcome {
        let name = |k: usize| format!("c{k}");
        ProbeOutcome {
            id: id.into(),
            asked_line: 1,
            answered,
            resolved: answered,
            coverage: found as f64 / (found + missing) as f64,
            concepts_found: (0..found).map(name).collect(),
            concepts_missing: (found..found + missing).map(name).collect(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn a_probe_scope_counts_that_probe_alone_and_is_missing_when_it_was_not_asked() {
        let conv = ConversationAnalysis {
            file: "t.txt".into(),
            vendor: "v".into(),
            messages: 4,
            first_reply_seconds: None,
            median_reply_seconds: None,
            transfers: Vec::new(),
            stalls: Vec::new(),
            probes: vec![outcome("security", true, 3, 1), outcome("load", false, 0, 3)],
        };
        let evaluation = EvaluationInfo {
            name: "t".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            timezone: None,
            rubric: None,
        };
        let (targets, plan) = (BTreeMap::new(), HeldPlan::default());
        let facts = VendorFacts {
            id: "v",
            probes: Vec::new(),
            measurements_file: "m.csv",
            sla: None,
            promises: &[],
            plan: &plan,
            profile: None,
            conversations: vec![&conv],
            evaluation: &evaluation,
            targets: &targets,
        };
        let run = |f: fn(&VendorFacts, Scope, &mut Metric) -> Option<()>, probe: Option<&str>| {
            let mut m = Metric::missing("x", None, None, "no evidence");
            let scope = Scope {
                probe,
                ..Scope::default()
            };
            f(&facts, scope, &mut m);
            m
        };
        let all = run(probe_answered_rate, None);
        assert_eq!(all.value, Some(Value::Number(0.5)));
        let security = run(probe_answered_rate, Some("security"));
        assert_eq!((security.value, security.n), (Some(Value::Number(1.0)), Some(1)));
        let quality = run(probe_quality_metric, Some("security"));
        assert_eq!(quality.value, Some(Value::Number(0.75)));
        let unasked = run(probe_quality_metric, Some("privacy"));
        assert_eq!(unasked.value, None);
        assert_eq!(
            unasked.display,
            "the probe privacy was not asked in any transcript"
        );
    }
}
