//! Promised vs measured: each first-response commitment of a vendor's SLA set against the
//! probes of the same priority.

use crate::business_hours::WeeklySchedule;
use crate::ingest::measurements::Probe;
use crate::ingest::sla::{Schedule, SlaDocument};
use crate::metrics::{fmt_minutes, fmt_num, fmt_share};
use crate::stats::quantile_sorted;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Promise {
    pub what: String,
    pub promised: String,
    pub measured: String,
    /// `None`: not measurable (no probes of that priority).
    pub met: Option<bool>,
    /// The promised limit in the clock it is measured in (wall-clock or business minutes).
    pub promised_minutes: f64,
    pub measured_p90_minutes: Option<f64>,
    pub attainment: Option<f64>,
    pub n: usize,
    /// `wall_clock` or `business_hours`.
    pub clock: &'static str,
    pub evidence: crate::evidence::Evidence,
}

/// The business-hours schedule a document states, if any.
pub fn business_schedule(sla: &SlaDocument) -> Option<(WeeklySchedule, usize)> {
    sla.support_hours.iter().find_map(|h| match h.schedule {
        Schedule::Weekly { days, start, end } => Some((
            WeeklySchedule {
                days,
                open: start,
                close: end,
                utc_offset_minutes: h.utc_offset_minutes,
            },
            h.evidence.line.unwrap_or(0),
        )),
        Schedule::AlwaysOn => None,
    })
}

/// Judges every first-response promise. The measured value is the p90 of time to first
/// response with unanswered probes counted as never; a promise is met when that p90 is
/// within the promised time. Business-hours promises are measured in business hours when
/// the document states its schedule, and in wall-clock time (said so) when it does not.
pub fn check(sla: &SlaDocument, probes: &[&Probe]) -> Vec<Promise> {
    let schedule = business_schedule(sla);
    let mut out = Vec::new();
    for c in &sla.first_response {
        let plan = c
            .plan
            .as_deref()
            .map(|p| format!(" ({p} plan)"))
            .unwrap_or_default();
        let level = c.priority.map_or("any".to_string(), |p| p.to_string());
        let what = format!("first response, {level} priority{plan}");
        let business = if c.business_hours { schedule } else { None };
        let (limit, promised) = match (c.business_days, business) {
            (Some(d), Some((s, _))) => (
                d * s.day_minutes(),
                format!(
                    "within {} business day(s) = {} business min",
                    fmt_num(d),
                    fmt_num(d * s.day_minutes())
                ),
            ),
            // Without a schedule a business day is measured as a calendar day.
            (Some(d), None) => (d * 1440.0, format!("within {} business day(s)", fmt_num(d))),
            (None, Some(_)) => (c.minutes, format!("within {} business min", fmt_num(c.minutes))),
            (None, None) => (c.minutes, format!("within {} min", fmt_num(c.minutes))),
        };
        let clock_note = match (c.business_hours, business) {
            (true, Some((s, line))) => format!(", in business hours ({}, {}:{line})", describe(&s), sla.file),
            (true, None) => ", wall-clock time (no schedule stated)".to_string(),
            _ => String::new(),
        };
        let mut times: Vec<f64> = probes
            .iter()
            .filter(|p| c.priority.is_none_or(|x| p.priority == x))
            .map(|p| match (p.first_response_at, business) {
                (None, _) => f64::INFINITY,
                (Some(f), Some((s, _))) => s.minutes_between(p.sent_at, f),
                (Some(_), None) => p.first_response_minutes().unwrap_or(f64::INFINITY),
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let clock = if business.is_some() {
            "business_hours"
        } else {
            "wall_clock"
        };
        if times.is_empty() {
            out.push(Promise {
                what,
                promised,
                measured: format!("not measurable: no {level} probes"),
                met: None,
                promised_minutes: limit,
                measured_p90_minutes: None,
                attainment: None,
                n: 0,
                clock,
                evidence: c.evidence.clone(),
            });
            continue;
        }
        let p90 = quantile_sorted(&times, 0.9).expect("non-empty");
        let within = times.iter().filter(|t| **t <= limit).count();
        let unanswered = times.iter().filter(|t| t.is_infinite()).count();
        let attainment = within as f64 / times.len() as f64;
        out.push(Promise {
            what,
            promised,
            measured: format!(
                "p90 {} over {} probes{clock_note}; {} within the promise ({}), {} unanswered",
                fmt_minutes(p90),
                times.len(),
                within,
                fmt_share(attainment),
                unanswered
            ),
            met: Some(p90 <= limit),
            promised_minutes: limit,
            measured_p90_minutes: p90.is_finite().then_some(p90),
            attainment: Some(attainment),
            n: times.len(),
            clock,
            evidence: c.evidence.clone(),
        });
    }
    out
}

fn describe(s: &WeeklySchedule) -> String {
    Schedule::Weekly {
        days: s.days,
        start: s.open,
        end: s.close,
    }
    .describe()
}
