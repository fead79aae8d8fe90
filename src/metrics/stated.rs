//! Metrics from what a vendor states: its SLA page (promises, hours, channels, and how its
//! promises held up against the measurements) and its profile (documentation, customer cases).

use super::metric::{Metric, Scope, Value, VendorFacts};
use super::promises;
use crate::ingest::profile::CustomerCase;
use crate::model::sla::{ChannelOffer, ResponseCommitment};
use crate::report::fmt::{fmt_num, fmt_share};
use std::collections::BTreeSet;

/// `sla_first_response_minutes`: the fastest first response promised for the priority on the
/// plan the vendor is held to.
pub fn sla_first_response(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    let sla = f.sla?;
    // Business days by the business-day rule (the schedule's day, else 8 hours).
    let minutes = |c: &ResponseCommitment| sla.response_minutes(c, f.plan.schedule_plan());
    let best = sla
        .first_response
        .iter()
        .filter(|c| f.plan.covers(c.plan.as_deref()))
        .filter(|c| c.priority.is_none() || c.priority == s.priority)
        .min_by(|a, b| minutes(a).total_cmp(&minutes(b)));
    if let Some(c) = best {
        m.value = Some(Value::Number(minutes(c)));
        m.display = format!(
            "{} min{}",
            fmt_num(minutes(c)),
            if c.business_hours { " (business hours)" } else { "" }
        );
        m.evidence.push(c.evidence.clone());
    } else {
        m.display = "no first-response promise for this priority".into();
    }
    Some(())
}

/// `sla_promises_kept_rate`: the share of measurable promises of the plan the vendor is held
/// to whose p90 held, each level counted once ([`promises::counted`]).
pub fn sla_promises_kept(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let measurable = promises::counted(f.promises, f.plan);
    let restated = (f.promises.iter())
        .filter(|p| p.scored && p.met.is_some())
        .count()
        - measurable.len();
    if measurable.is_empty() {
        m.display = "no measurable first-response promise".into();
        return Some(());
    }
    let kept = measurable.iter().filter(|p| p.met == Some(true)).count();
    let rate = kept as f64 / measurable.len() as f64;
    m.value = Some(Value::Number(rate));
    m.n = Some(measurable.len());
    let note = if restated > 0 {
        format!("; {restated} restating a level counted once, by its strictest statement")
    } else {
        String::new()
    };
    m.display = format!(
        "{} ({kept} of {} measurable promises kept{note})",
        fmt_share(rate),
        measurable.len()
    );
    for p in measurable.iter().filter(|p| p.met == Some(false)) {
        let mut ev = p.evidence.clone();
        ev.text = format!("broken: {} {}; measured {}", p.what, p.promised, p.measured);
        m.evidence.push(ev);
    }
    Some(())
}

/// `support_hours_per_week`: those of the plan the vendor is held to (or stated for no plan),
/// else any stated.
pub fn support_hours_per_week(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let hours = f.sla.and_then(|s| {
        s.best_hours_where(|h| f.plan.covers(h.plan.as_deref()))
            .or_else(|| s.best_hours())
    });
    if let Some(h) = hours {
        let v = h.schedule.hours_per_week();
        m.value = Some(Value::Number(v));
        m.display = format!("{} h/week ({})", fmt_num(v), h.schedule.describe());
        m.evidence.push(h.evidence.clone());
    } else {
        m.display = "no support hours stated".into();
    }
    Some(())
}

/// `sla_uptime_percent`: the highest availability the SLA promises, in percent.
pub fn sla_uptime_percent(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let best = f.sla?.uptime.iter().max_by(|a, b| {
        a.value
            .total_cmp(&b.value)
            .then(b.evidence.line.cmp(&a.evidence.line))
    });
    match best {
        Some(u) => {
            m.value = Some(Value::Number(u.value));
            m.display = format!("{}% promised", fmt_num(u.value));
            m.evidence.push(u.evidence.clone());
        }
        None => m.display = "no uptime promised".into(),
    }
    Some(())
}

/// `channels_offered`: the channels the SLA names for the plan the vendor is held to (or for no
/// plan), else all it names, each with its first mention.
pub fn channels_offered(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let sla = f.sla?;
    let mut set = BTreeSet::new();
    let covered = |c: &&ChannelOffer| f.plan.covers(c.plan.as_deref());
    let of_plan = sla.channels.iter().any(|c| covered(&c));
    for c in sla.channels.iter().filter(|c| !of_plan || covered(c)) {
        if set.insert(c.channel.as_str()) {
            m.evidence.push(c.evidence.clone());
        }
    }
    m.display = if set.is_empty() {
        "none stated".into()
    } else {
        set.iter().copied().collect::<Vec<_>>().join(", ")
    };
    m.value = Some(Value::Set(set.into_iter().map(String::from).collect()));
    Some(())
}

/// `docs_items`.
pub fn docs_items(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let p = f.profile?;
    m.value = Some(Value::Set(p.docs.iter().map(|d| d.0.clone()).collect()));
    m.display = format!("{} of 7 items", p.docs.len());
    m.evidence.extend(p.docs.iter().map(|d| d.1.clone()));
    Some(())
}

/// `docs_days_since_update`, counted to the evaluation's date.
pub fn docs_days_since_update(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let (d, ev) = f.profile?.docs_last_updated.as_ref()?;
    let days = (f.evaluation.date - *d).num_days() as f64;
    m.value = Some(Value::Number(days));
    m.display = format!("{} days before {}", fmt_num(days), f.evaluation.date);
    m.evidence.push(ev.clone());
    Some(())
}

/// `docs_languages`.
pub fn docs_languages(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let (langs, ev) = f.profile?.docs_languages.as_ref()?;
    m.value = Some(Value::Number(langs.len() as f64));
    m.display = langs.join(", ");
    m.evidence.push(ev.clone());
    Some(())
}

/// `docs_languages_offered`: the documentation's languages as a set, lower-cased (`en`, `zh`),
/// for a checklist of the languages a buyer needs.
pub fn docs_languages_offered(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let (langs, ev) = f.profile?.docs_languages.as_ref()?;
    let set: BTreeSet<String> = langs.iter().map(|l| l.trim().to_ascii_lowercase()).collect();
    m.display = set.iter().cloned().collect::<Vec<_>>().join(", ");
    m.value = Some(Value::Set(set.into_iter().collect()));
    m.evidence.push(ev.clone());
    Some(())
}

/// `cases_count`.
pub fn cases_count(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let p = f.profile?;
    let cases: Vec<_> = p.cases.iter().collect();
    count_cases(m, &cases, cases.len())
}

/// `cases_public_references`: cases with a public reference.
pub fn cases_public_references(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let p = f.profile?;
    let cases: Vec<_> = p.cases.iter().filter(|c| c.reference_url.is_some()).collect();
    count_cases(m, &cases, cases.len())
}

/// `cases_industries`: distinct industries among the cases.
pub fn cases_industries(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let p = f.profile?;
    let cases: Vec<_> = p.cases.iter().collect();
    let industries = cases
        .iter()
        .map(|c| c.industry.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    count_cases(m, &cases, industries)
}

fn count_cases(m: &mut Metric, cases: &[&CustomerCase], v: usize) -> Option<()> {
    m.value = Some(Value::Number(v as f64));
    m.display = v.to_string();
    m.evidence.extend(cases.iter().map(|c| c.evidence.clone()));
    Some(())
}
