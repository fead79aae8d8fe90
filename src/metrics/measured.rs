//! Metrics measured from the probes / tickets: first-response quantiles, shares with Wilson
//! intervals, and the channels on which probes were answered.

use super::metric::{Metric, Scope, Value, VendorFacts};
use crate::model::evidence::Evidence;
use crate::model::ticket::Ticket;
use crate::report::fmt::{fmt_minutes, fmt_num, fmt_share};
use crate::stats::{bootstrap_quantile_ci, quantile_ci, quantile_ranks, quantile_sorted, wilson_interval};
use std::collections::BTreeSet;

const MINUTES_48H: f64 = 48.0 * 60.0;

/// `first_response_p50_minutes`.
pub fn first_response_p50(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    first_response_quantile(f, s, m, 0.5)
}

/// `first_response_p90_minutes`.
pub fn first_response_p90(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    first_response_quantile(f, s, m, 0.9)
}

/// A quantile of time to first response, unanswered probes counted as never; the evidence is
/// the probes at the ranks it is interpolated between.
fn first_response_quantile(f: &VendorFacts, s: Scope, m: &mut Metric, p: f64) -> Option<()> {
    let probes = f.probes_matching(s);
    if probes.is_empty() {
        m.display = format!("no {} measured", s.describe());
        return Some(());
    }
    let mut timed: Vec<(f64, &Ticket)> = probes
        .iter()
        .map(|pr| (pr.first_response_minutes().unwrap_or(f64::INFINITY), *pr))
        .collect();
    timed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.line.cmp(&b.1.line)));
    let sorted: Vec<f64> = timed.iter().map(|t| t.0).collect();
    let q = quantile_sorted(&sorted, p).expect("non-empty");
    let unanswered = sorted.iter().filter(|x| x.is_infinite()).count();
    let (lo, hi) = quantile_ranks(sorted.len(), p);
    m.value = Some(Value::Number(q));
    m.n = Some(sorted.len());
    // Distribution-free 95% interval (order statistics); where the sample is too small for
    // one, a seeded bootstrap over the probes. An open end is "never".
    m.interval = quantile_ci(&sorted, p, 0.95)
        .or_else(|| bootstrap_quantile_ci(&sorted, p, 0.95, sorted.len() as u64));
    m.display = format!(
        "{} (p{} of {} {}, {} unanswered)",
        fmt_minutes(q),
        (p * 100.0) as u32,
        sorted.len(),
        s.describe(),
        unanswered
    );
    for r in [lo, hi].into_iter().collect::<BTreeSet<_>>() {
        let (mins, pr) = timed[r];
        m.evidence.push(Evidence::line(
            f.measurements_file,
            pr.line,
            format!(
                "{}: {} {} first response {}",
                pr.name(),
                opt_name(pr.priority),
                opt_name(pr.channel),
                fmt_minutes(mins)
            ),
        ));
    }
    Some(())
}

/// The shares a rubric can score, each over the probes it considers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Share {
    /// Answered within the rubric's target for their priority (probes of a priority with one).
    Attainment,
    Unanswered,
    ResolvedWithin48h,
    /// Resolved on first contact, over the probes with a known outcome.
    FirstContactResolution,
}

/// `first_response_attainment`.
pub fn attainment(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    share(f, s, m, Share::Attainment)
}

/// `unanswered_rate`.
pub fn unanswered(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    share(f, s, m, Share::Unanswered)
}

/// `resolved_within_48h_rate`.
pub fn resolved_within_48h(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    share(f, s, m, Share::ResolvedWithin48h)
}

/// `first_contact_resolution_rate`.
pub fn first_contact_resolution(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    share(f, s, m, Share::FirstContactResolution)
}

fn share(f: &VendorFacts, s: Scope, m: &mut Metric, which: Share) -> Option<()> {
    let probes = f.probes_matching(s);
    let targets = f.targets;
    let (considered, hits): (Vec<&Ticket>, Vec<&Ticket>) = match which {
        Share::Attainment => {
            let considered: Vec<&Ticket> = probes
                .iter()
                .copied()
                .filter(|p| p.priority.is_some_and(|x| targets.contains_key(&x)))
                .collect();
            let hits = considered
                .iter()
                .copied()
                .filter(|p| {
                    let target = p.priority.and_then(|x| targets.get(&x));
                    p.first_response_minutes()
                        .is_some_and(|x| target.is_some_and(|t| x <= *t))
                })
                .collect();
            (considered, hits)
        }
        Share::Unanswered => {
            let hits = probes.iter().copied().filter(|p| !p.answered()).collect();
            (probes, hits)
        }
        Share::ResolvedWithin48h => {
            let hits = probes
                .iter()
                .copied()
                .filter(|p| p.resolution_minutes().is_some_and(|x| x <= MINUTES_48H))
                .collect();
            (probes, hits)
        }
        Share::FirstContactResolution => {
            // Unanswered probes were not resolved on first contact; probes answered with an
            // unknown outcome are left out.
            let known: Vec<&Ticket> = probes
                .iter()
                .copied()
                .filter(|p| p.resolved_on_first_contact.is_some() || !p.answered())
                .collect();
            let hits = known
                .iter()
                .copied()
                .filter(|p| p.resolved_on_first_contact == Some(true))
                .collect();
            (known, hits)
        }
    };
    if considered.is_empty() {
        m.display = format!("no {} measured", s.describe());
        return Some(());
    }
    let rate = hits.len() as f64 / considered.len() as f64;
    m.value = Some(Value::Number(rate));
    m.n = Some(considered.len());
    m.interval = wilson_interval(hits.len(), considered.len(), 0.95);
    let (lo, hi) = m.interval.unwrap_or((rate, rate));
    m.display = format!(
        "{} ({} of {} {}; 95% CI {}-{})",
        fmt_share(rate),
        hits.len(),
        considered.len(),
        s.describe(),
        fmt_share(lo),
        fmt_share(hi)
    );
    let file = f.measurements_file;
    let first = considered.iter().map(|p| p.line).min().unwrap_or(0);
    let last = considered.iter().map(|p| p.line).max().unwrap_or(0);
    m.evidence.push(Evidence::file(
        file,
        format!("{} rows between lines {first} and {last}", considered.len()),
    ));
    if matches!(which, Share::Attainment | Share::Unanswered) {
        // Point at the probes that missed (at most five, in file order).
        let mut missed: Vec<&Ticket> = considered
            .iter()
            .copied()
            .filter(|p| {
                if which == Share::Unanswered {
                    !p.answered()
                } else {
                    !hits.iter().any(|h| h.line == p.line)
                }
            })
            .collect();
        missed.sort_by_key(|p| p.line);
        for p in missed.iter().take(5) {
            let what = match p.first_response_minutes() {
                Some(x) => format!("answered after {} min", fmt_num(x)),
                None => "never answered".to_string(),
            };
            m.evidence.push(Evidence::line(
                file,
                p.line,
                format!("{}: {} {what}", p.name(), opt_name(p.priority)),
            ));
        }
    }
    Some(())
}

/// `channels_measured`: the channels on which probes were answered.
pub fn channels_measured(f: &VendorFacts, _: Scope, m: &mut Metric) -> Option<()> {
    let set: BTreeSet<&str> = f
        .probes
        .iter()
        .filter(|p| p.answered())
        .filter_map(|p| p.channel.map(|c| c.as_str()))
        .collect();
    if !f.probes.is_empty() {
        m.display = set.iter().copied().collect::<Vec<_>>().join(", ");
        m.value = Some(Value::Set(set.into_iter().map(String::from).collect()));
        m.evidence.push(Evidence::file(
            f.measurements_file,
            "channel column of answered probes",
        ));
    }
    Some(())
}

/// A priority or channel as evidence names it; `-` where the export has none.
fn opt_name<T: std::fmt::Display>(x: Option<T>) -> String {
    x.map_or_else(|| "-".to_string(), |x| x.to_string())
}
