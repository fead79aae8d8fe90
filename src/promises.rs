//! Promised vs measured: each first-response commitment of a vendor's SLA set against the
//! probes of the same priority.

use crate::ingest::measurements::Probe;
use crate::ingest::sla::SlaDocument;
use crate::metrics::{fmt_num, fmt_share};
use crate::stats::quantile_sorted;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Promise {
    pub what: String,
    pub promised: String,
    pub measured: String,
    /// `None`: not measurable (no probes of that priority).
    pub met: Option<bool>,
    pub promised_minutes: f64,
    pub measured_p90_minutes: Option<f64>,
    pub attainment: Option<f64>,
    pub n: usize,
    pub evidence: crate::evidence::Evidence,
}

/// Judges every first-response promise. The measured value is the p90 of time to first
/// response with unanswered probes counted as never; a promise is met when that p90 is
/// within the promised time.
pub fn check(sla: &SlaDocument, probes: &[&Probe]) -> Vec<Promise> {
    let mut out = Vec::new();
    for c in &sla.first_response {
        let mut times: Vec<f64> = probes
            .iter()
            .filter(|p| p.priority == c.priority)
            .map(|p| p.first_response_minutes().unwrap_or(f64::INFINITY))
            .collect();
        times.sort_by(f64::total_cmp);
        let plan = c.plan.as_deref().map(|p| format!(" ({p} plan)")).unwrap_or_default();
        let what = format!("first response, {} priority{plan}", c.priority);
        let hours = if c.business_hours { " in business hours" } else { "" };
        let promised = format!("within {} min{hours}", fmt_num(c.minutes));
        if times.is_empty() {
            out.push(Promise {
                what,
                promised,
                measured: format!("not measurable: no {} probes", c.priority),
                met: None,
                promised_minutes: c.minutes,
                measured_p90_minutes: None,
                attainment: None,
                n: 0,
                evidence: c.evidence.clone(),
            });
            continue;
        }
        let p90 = quantile_sorted(&times, 0.9).expect("non-empty");
        let within = times.iter().filter(|t| **t <= c.minutes).count();
        let unanswered = times.iter().filter(|t| t.is_infinite()).count();
        let attainment = within as f64 / times.len() as f64;
        let clock = if c.business_hours { ", wall-clock time" } else { "" };
        out.push(Promise {
            what,
            promised,
            measured: format!(
                "p90 {} min over {} probes{clock}; {} within the promise ({}), {} unanswered",
                fmt_num(p90),
                times.len(),
                within,
                fmt_share(attainment),
                unanswered
            ),
            met: Some(p90 <= c.minutes),
            promised_minutes: c.minutes,
            measured_p90_minutes: p90.is_finite().then_some(p90),
            attainment: Some(attainment),
            n: times.len(),
            evidence: c.evidence.clone(),
        });
    }
    out
}
