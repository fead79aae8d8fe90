//! Promised vs measured: each first-response commitment of a vendor's SLA set against the
//! probes of the same priority (all probes for a promise made to every request).

use crate::model::plan::HeldPlan;
use crate::model::sla::{Schedule, SlaDocument};
use crate::model::ticket::Ticket;
use crate::report::fmt::{fmt_minutes, fmt_num, fmt_share};
use crate::stats::{quantile_ci, quantile_sorted, wilson_interval};
use crate::time::business::BusinessCalendar;
use crate::time::timestamp::Zone;
use crate::time::ElapsedClock;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Promise {
    pub what: String,
    pub promised: String,
    pub measured: String,
    /// `None`: not measurable (no probes of that priority).
    pub met: Option<bool>,
    /// `met`, `not_met` or `not_measurable`.
    pub status: &'static str,
    pub plan: Option<String>,
    /// A promise of the plan the vendor is held to (or of no plan); else context, not scored.
    pub scored: bool,
    /// The priority promised (`any` for every request).
    pub priority: String,
    /// The promised limit in the clock it is measured in (wall-clock or business minutes).
    pub promised_minutes: f64,
    pub measured_p90_minutes: Option<f64>,
    /// Distribution-free 95% interval of the p90 (`None` for too few probes; an upper bound
    /// of `None` inside is "never": unanswered probes reach that rank).
    pub measured_p90_ci: Option<[Option<f64>; 2]>,
    pub attainment: Option<f64>,
    /// Wilson 95% interval of the attainment.
    pub attainment_ci: Option<[f64; 2]>,
    pub n: usize,
    /// `wall_clock` or `business_hours`.
    pub clock: &'static str,
    pub evidence: crate::model::evidence::Evidence,
}

/// The business calendar of a document's stated schedule for a plan
/// ([`SlaDocument::business_schedule`]), and where the schedule was stated. A schedule
/// without a time zone is read in the evaluation's zone.
pub fn business_calendar(
    sla: &SlaDocument,
    plan: Option<&str>,
    default_zone: Option<&Zone>,
) -> Option<(BusinessCalendar, String)> {
    let hours = sla
        .business_schedule(plan)
        .filter(|h| matches!(h.schedule, Schedule::Weekly { .. }))?;
    let zone = match (&hours.timezone, hours.utc_offset_minutes) {
        (Some(tz), _) => Zone::parse(tz).ok(),
        (None, Some(m)) => Some(Zone::Fixed(m * 60)),
        (None, None) => default_zone.copied(),
    }?;
    let spec = hours.schedule.describe();
    let calendar = BusinessCalendar::parse(&spec, Some(zone)).ok()?;
    let place = format!("{}, {}", calendar.describe(), hours.evidence.location());
    Some((calendar, place))
}

/// Why a business-hours promise is measured on the wall clock.
fn why_wall_clock(sla: &SlaDocument, plan: Option<&str>) -> &'static str {
    match sla.business_schedule(plan).map(|h| h.schedule) {
        Some(Schedule::AlwaysOn) => "24x7 support",
        Some(Schedule::Weekly { .. }) => "the schedule names no time zone",
        None => "no schedule stated",
    }
}

/// The promises `sla_promises_kept_rate` counts: the measurable promises of the plan the
/// vendor is held to, one per level. A level promised twice (4 hours in a table and 1 business
/// day in a paragraph, or two clauses read as one level) is one level's promise, counted once:
/// by its strictest statement, since a p90 within the stricter limit is within the looser one.
/// Promises of different plans stay apart when no plan is held (each binds its own plan).
pub fn counted<'a>(promises: &'a [Promise], held: &HeldPlan) -> Vec<&'a Promise> {
    let key = |p: &Promise| {
        let plan = if held.name.is_some() { None } else { p.plan.clone() };
        (plan, p.priority.clone())
    };
    let mut out: Vec<&Promise> = Vec::new();
    for p in promises.iter().filter(|p| p.scored && p.met.is_some()) {
        match out.iter_mut().find(|q| key(q) == key(p)) {
            Some(q) if p.promised_minutes < q.promised_minutes => *q = p,
            Some(_) => {}
            None => out.push(p),
        }
    }
    out
}

/// Judges every first-response promise. The measured value is the p90 of time to first
/// response with unanswered probes counted as never; a promise is met when that p90 is
/// within the promised time. Business-hours promises are measured in business hours when
/// the document states its schedule, and in wall-clock time (said so) when it does not.
pub fn check(
    sla: &SlaDocument,
    held: &HeldPlan,
    probes: &[&Ticket],
    default_zone: Option<&Zone>,
) -> Vec<Promise> {
    let mut out = Vec::new();
    for c in &sla.first_response {
        let plan = c
            .plan
            .as_deref()
            .map(|p| format!(" ({p} plan)"))
            .unwrap_or_default();
        let level = c.priority.map_or("any".to_string(), |p| p.to_string());
        let what = format!("first response, {level} priority{plan}");
        // A promise naming no plan runs on the hours of the plan the vendor is held to.
        let plan = c.plan.as_deref().or(held.schedule_plan());
        let calendar = if c.business_hours {
            business_calendar(sla, plan, default_zone)
        } else {
            None
        };
        // Business days by the business-day rule (the schedule's day, else 8 hours).
        let limit = sla.response_minutes(c, plan);
        let unit = if calendar.is_some() { "business min" } else { "min" };
        let promised = match c.business_days {
            Some(d) => format!(
                "within {} business day(s) = {} {unit}",
                fmt_num(d),
                fmt_num(limit)
            ),
            None => format!("within {} {unit}", fmt_num(limit)),
        };
        let clock_note = match (c.business_hours, &calendar) {
            (true, Some((_, place))) => format!(", in business hours ({place})"),
            (true, None) => format!(", wall-clock time ({})", why_wall_clock(sla, plan)),
            _ => String::new(),
        };
        let mut times: Vec<f64> = probes
            .iter()
            .filter(|p| c.priority.is_none_or(|x| p.priority == Some(x)))
            .map(|p| match (p.first_response_at, &calendar) {
                (Some(f), Some((cal, _))) => cal.seconds_between(p.sent, f) as f64 / 60.0,
                // Without timestamps, the export's own duration is all there is.
                _ => p.first_response_minutes().unwrap_or(f64::INFINITY),
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let clock = if calendar.is_some() {
            "business_hours"
        } else {
            "wall_clock"
        };
        let base = Promise {
            what,
            promised,
            measured: String::new(),
            met: None,
            status: "not_measurable",
            plan: c.plan.clone(),
            scored: held.covers(c.plan.as_deref()),
            priority: level.clone(),
            promised_minutes: limit,
            measured_p90_minutes: None,
            measured_p90_ci: None,
            attainment: None,
            attainment_ci: None,
            n: times.len(),
            clock,
            evidence: c.evidence.clone(),
        };
        if times.is_empty() {
            out.push(Promise {
                measured: format!("not measurable: no {level} probes"),
                ..base
            });
            continue;
        }
        let p90 = quantile_sorted(&times, 0.9).expect("non-empty");
        let ci = quantile_ci(&times, 0.9, 0.95)
            .map(|(a, b)| [a.is_finite().then_some(a), b.is_finite().then_some(b)]);
        let within = times.iter().filter(|t| **t <= limit).count();
        let unanswered = times.iter().filter(|t| t.is_infinite()).count();
        let attainment = within as f64 / times.len() as f64;
        let ci_note = match ci {
            Some([Some(a), Some(b)]) => format!(" (95% CI {}–{})", fmt_minutes(a), fmt_minutes(b)),
            Some([Some(a), None]) => format!(" (95% CI {}–never)", fmt_minutes(a)),
            _ => String::new(),
        };
        let met = p90 <= limit;
        out.push(Promise {
            measured: format!(
                "p90 {}{ci_note} over {} probes{clock_note}; {} within the promise ({}), {} unanswered",
                fmt_minutes(p90),
                times.len(),
                within,
                fmt_share(attainment),
                unanswered
            ),
            met: Some(met),
            status: if met { "met" } else { "not_met" },
            measured_p90_minutes: p90.is_finite().then_some(p90),
            measured_p90_ci: ci,
            attainment: Some(attainment),
            attainment_ci: wilson_interval(within, times.len(), 0.95).map(|(a, b)| [a, b]),
            ..base
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sla::extract::extract;
    use crate::model::domain::Priority;

    fn probe(priority: Priority, minutes: i64) -> Ticket {
        Ticket {
            vendor: "v".into(),
            id: String::new(),
            priority: Some(priority),
            channel: None,
            sent: 0,
            first_response_at: Some(minutes * 60),
            first_response_minutes: None,
            first_response_business_minutes: None,
            resolved_at: None,
            resolution_minutes: None,
            resolved_on_first_contact: None,
            offset: 0,
            line: 0,
        }
    }

    #[test]
    fn a_level_promised_twice_is_counted_once_by_its_strictest_statement() {
        // Two lines promise normal requests 2 hours and one day.
        let sla = extract(
            "普通问题2小时内首次回复。\n普通工单24小时内回复。\n紧急问题15分钟内响应。\n",
            "sla/v.md",
            "v",
        );
        let probes: Vec<Ticket> = [90, 100, 110, 300, 300]
            .iter()
            .map(|m| probe(Priority::Normal, *m))
            .chain([5, 6, 7, 8, 9].iter().map(|m| probe(Priority::Urgent, *m)))
            .collect();
        let refs: Vec<&Ticket> = probes.iter().collect();
        let held = HeldPlan::default();
        let all = check(&sla, &held, &refs, None);
        assert_eq!(all.len(), 3, "{all:#?}");
        let counted = counted(&all, &held);
        let levels: Vec<(&str, f64, Option<bool>)> = counted
            .iter()
            .map(|p| (p.priority.as_str(), p.promised_minutes, p.met))
            .collect();
        // Normal: the 2-hour statement (broken: p90 300 min), not also the kept day.
        assert_eq!(
            levels,
            vec![("normal", 120.0, Some(false)), ("urgent", 15.0, Some(true))]
        );
    }

    #[test]
    fn with_no_plan_held_each_plans_promise_counts() {
        let sla = extract(
            "## Basic\n\nNormal requests: a first response within 8 hours.\n\n## Pro\n\nNormal requests: a first response within 2 hours.\n",
            "sla/v.md",
            "v",
        );
        let probes: Vec<Ticket> = (0..5).map(|_| probe(Priority::Normal, 60)).collect();
        let refs: Vec<&Ticket> = probes.iter().collect();
        let all = check(&sla, &HeldPlan::default(), &refs, None);
        assert_eq!(all.len(), 2);
        assert_eq!(counted(&all, &HeldPlan::default()).len(), 2);
        // Held to Pro: Basic's promise is context (not scored), Pro's counts once.
        let pro = HeldPlan {
            name: Some("Pro".into()),
            names: vec!["Pro".into()],
            ..HeldPlan::default()
        };
        let all = check(&sla, &pro, &refs, None);
        let counted = counted(&all, &pro);
        assert_eq!(counted.len(), 1);
        assert_eq!(counted[0].plan.as_deref(), Some("Pro"));
    }
}
