//! Response-time statistics per group (vendor, priority, channel) of probes or tickets:
//! quantiles with distribution-free confidence intervals, a Kaplan-Meier median that counts
//! unanswered probes as censored, resolution times, and rates with Wilson intervals.
//!
//! Rows are folded into per-group accumulators as they are read (see
//! [`crate::ingest::tickets::sink::RowSink`]); times are kept as whole seconds (`u32`), four bytes a
//! row, so millions of rows fit in little memory.

use crate::ingest::tickets::sink::RowSink;
use crate::model::domain::{Channel, Priority};
use crate::model::ticket::TicketRow;
use crate::report::fmt::round_to;
use crate::stats::{km_median, mann_whitney, quantile_ci, quantile_sorted, wilson_interval};
use crate::time::timestamp::Epoch;
use crate::time::ElapsedClock;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Which key fields form a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupBy {
    pub vendor: bool,
    pub priority: bool,
    pub channel: bool,
}

impl GroupBy {
    /// `vendor,priority,channel` (any subset, any order; empty = one group of everything).
    pub fn parse(s: &str) -> Result<GroupBy, String> {
        let mut g = GroupBy::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "vendor" => g.vendor = true,
                "priority" => g.priority = true,
                "channel" => g.channel = true,
                other => {
                    return Err(format!(
                        "cannot group by '{other}': expected vendor, priority and/or channel"
                    ))
                }
            }
        }
        Ok(g)
    }
}

/// A group's key; a field not grouped by is `None`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GroupKey {
    pub vendor: Option<String>,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
}

#[derive(Debug, Default, Clone)]
struct GroupAcc {
    n: u64,
    /// First-response seconds of answered rows.
    first: Vec<u32>,
    /// When each unanswered row was sent (censored at the end of the window).
    unanswered_sent: Vec<Epoch>,
    resolution: Vec<u32>,
    resolved_48h: u64,
    fcr_known: u64,
    fcr_yes: u64,
    target_known: u64,
    target_met: u64,
    /// Rows whose first response came from a business-hours column of the export.
    exported_business: u64,
}

/// Folds rows into groups. One per reading thread; merged at the end.
pub struct Accumulator {
    by: GroupBy,
    clock: Option<Arc<dyn ElapsedClock>>,
    /// First-response target (seconds) per priority, for attainment.
    targets: BTreeMap<Priority, u32>,
    vendors: FxHashMap<String, u32>,
    groups: FxHashMap<(u32, u8, u8), GroupAcc>,
}

const NONE: u8 = u8::MAX;
const H48: u32 = 48 * 3600;

impl Accumulator {
    pub fn new(
        by: GroupBy,
        clock: Option<Arc<dyn ElapsedClock>>,
        targets_minutes: &BTreeMap<Priority, f64>,
    ) -> Self {
        Accumulator {
            by,
            clock,
            targets: targets_minutes
                .iter()
                .map(|(p, m)| (*p, (m * 60.0).round() as u32))
                .collect(),
            vendors: FxHashMap::default(),
            groups: FxHashMap::default(),
        }
    }

    fn elapsed(&self, start: Epoch, end: Epoch) -> i64 {
        match &self.clock {
            Some(c) => c.seconds_between(start, end),
            None => end - start,
        }
    }
}

fn secs(minutes: f64) -> u32 {
    (minutes * 60.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
}

impl RowSink for Accumulator {
    fn row(&mut self, r: &TicketRow) {
        let v = if self.by.vendor {
            match self.vendors.get(r.vendor) {
                Some(i) => *i,
                None => {
                    let i = self.vendors.len() as u32;
                    self.vendors.insert(r.vendor.to_string(), i);
                    i
                }
            }
        } else {
            u32::MAX
        };
        let p = if self.by.priority {
            r.priority.map_or(NONE - 1, |p| p as u8)
        } else {
            NONE
        };
        let c = if self.by.channel {
            r.channel.map_or(NONE - 1, |c| c as u8)
        } else {
            NONE
        };
        // Business hours are computed from timestamps; without them, an export's own
        // business-hours column is used, then its wall-clock one.
        let first = match (r.first_response_at, &self.clock) {
            (Some(at), _) => Some((self.elapsed(r.sent, at).max(0) as u32, false)),
            (None, Some(_)) => r
                .first_response_business_minutes
                .map(|m| (secs(m), true))
                .or(r.first_response_minutes.map(|m| (secs(m), false))),
            (None, None) => r
                .first_response_minutes
                .map(|m| (secs(m), false))
                .or(r.first_response_business_minutes.map(|m| (secs(m), true))),
        };
        let resolution = match (r.resolved_at, r.resolution_minutes) {
            (Some(at), _) => Some(self.elapsed(r.sent, at).max(0) as u32),
            (None, Some(m)) => Some(secs(m)),
            _ => None,
        };
        let target = r.priority.and_then(|p| self.targets.get(&p)).copied();
        let g = self.groups.entry((v, p, c)).or_default();
        g.n += 1;
        match first {
            Some((s, exported_business)) => {
                g.first.push(s);
                if exported_business {
                    g.exported_business += 1;
                }
            }
            None => g.unanswered_sent.push(r.sent),
        }
        if let Some(s) = resolution {
            g.resolution.push(s);
            if s <= H48 {
                g.resolved_48h += 1;
            }
        }
        // Unanswered rows were not resolved on first contact.
        match (r.resolved_on_first_contact, first) {
            (Some(yes), _) => {
                g.fcr_known += 1;
                g.fcr_yes += u64::from(yes);
            }
            (None, None) => g.fcr_known += 1,
            (None, Some(_)) => {}
        }
        if let Some(t) = target {
            g.target_known += 1;
            if first.is_some_and(|(s, _)| s <= t) {
                g.target_met += 1;
            }
        }
    }

    fn merge(&mut self, other: Self) {
        let mut names: Vec<(&String, &u32)> = other.vendors.iter().collect();
        names.sort_by_key(|(_, i)| **i);
        let mut remap = HashMap::new();
        for (name, i) in names {
            let j = match self.vendors.get(name) {
                Some(j) => *j,
                None => {
                    let j = self.vendors.len() as u32;
                    self.vendors.insert(name.clone(), j);
                    j
                }
            };
            remap.insert(*i, j);
        }
        for ((v, p, c), acc) in other.groups {
            let v = if v == u32::MAX { v } else { remap[&v] };
            let g = self.groups.entry((v, p, c)).or_default();
            g.n += acc.n;
            g.first.extend(acc.first);
            g.unanswered_sent.extend(acc.unanswered_sent);
            g.resolution.extend(acc.resolution);
            g.resolved_48h += acc.resolved_48h;
            g.fcr_known += acc.fcr_known;
            g.fcr_yes += acc.fcr_yes;
            g.target_known += acc.target_known;
            g.target_met += acc.target_met;
            g.exported_business += acc.exported_business;
        }
    }
}

/// Quantiles of first response, in minutes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FirstResponse {
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    pub p95: Option<f64>,
    pub mean: Option<f64>,
    pub p50_ci: Option<[f64; 2]>,
    pub p90_ci: Option<[f64; 2]>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Resolution {
    pub p50: Option<f64>,
    pub p90: Option<f64>,
}

/// The statistics of one group. The JSON shape of `supportgrade stats --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    pub key: GroupKey,
    pub n: u64,
    pub answered: u64,
    pub unanswered: u64,
    pub first_response_minutes: FirstResponse,
    /// Kaplan-Meier median of time to first response, unanswered rows censored at the end
    /// of the observation window; `null` when fewer than half were ever answered.
    pub km_median_minutes: Option<f64>,
    pub resolution_minutes: Resolution,
    pub resolved_within_48h_rate: Option<f64>,
    pub resolved_within_48h_ci: Option<[f64; 2]>,
    pub first_contact_resolution_rate: Option<f64>,
    pub first_contact_resolution_ci: Option<[f64; 2]>,
    /// Share answered within the target for their priority (rows with a target only).
    pub target_attainment: Option<f64>,
    pub target_attainment_ci: Option<[f64; 2]>,
    /// `wall_clock`, `business_hours`, or `business_hours_as_exported`.
    pub clock: &'static str,
    /// Sorted first-response minutes (unanswered as infinity), for pairwise tests; not
    /// serialized.
    #[serde(skip)]
    pub samples: Vec<f64>,
}

/// A Mann-Whitney U comparison of two vendors' first-response times in the same group.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    pub u: f64,
    pub p_value: f64,
    /// `false`: the two vendors' response times are not statistically distinguishable at 5%.
    pub distinguishable: bool,
}

fn minutes(s: u32) -> f64 {
    f64::from(s) / 60.0
}

impl Accumulator {
    /// Final statistics per group, sorted by key. `window_end` is when observation stopped:
    /// unanswered rows are censored there.
    pub fn finish(self, window_end: Option<Epoch>) -> Vec<GroupReport> {
        let mut names = vec![String::new(); self.vendors.len()];
        for (name, i) in &self.vendors {
            names[*i as usize] = name.clone();
        }
        let clock = self.clock.clone();
        let mut out: Vec<GroupReport> = self
            .groups
            .into_iter()
            .map(|((v, p, c), mut g)| {
                let key = GroupKey {
                    vendor: (v != u32::MAX).then(|| names[v as usize].clone()),
                    priority: (p < NONE - 1).then(|| Priority::ALL[p as usize]),
                    channel: (c < NONE - 1).then(|| Channel::ALL[c as usize]),
                };
                g.first.sort_unstable();
                g.resolution.sort_unstable();
                let firsts: Vec<f64> = g.first.iter().map(|s| minutes(*s)).collect();
                let q = |p: f64| quantile_sorted(&firsts, p).map(|x| round_to(x, 6));
                let ci =
                    |p: f64| quantile_ci(&firsts, p, 0.95).map(|(a, b)| [round_to(a, 6), round_to(b, 6)]);
                let mean = (!firsts.is_empty())
                    .then(|| round_to(firsts.iter().sum::<f64>() / firsts.len() as f64, 6));
                let resolutions: Vec<f64> = g.resolution.iter().map(|s| minutes(*s)).collect();
                let mut observations: Vec<(f64, bool)> = firsts.iter().map(|m| (*m, true)).collect();
                if let Some(end) = window_end {
                    for sent in &g.unanswered_sent {
                        let censored = match &clock {
                            Some(c) => c.seconds_between(*sent, end),
                            None => end - sent,
                        };
                        observations.push((censored.max(0) as f64 / 60.0, false));
                    }
                }
                let km = if window_end.is_some() || g.unanswered_sent.is_empty() {
                    km_median(&observations).map(|x| round_to(x, 6))
                } else {
                    None
                };
                let rate = |k: u64, n: u64| (n > 0).then(|| round_to(k as f64 / n as f64, 6));
                let wilson = |k: u64, n: u64| {
                    wilson_interval(k as usize, n as usize, 0.95)
                        .map(|(a, b)| [round_to(a, 6), round_to(b, 6)])
                };
                let mut samples = firsts.clone();
                samples.extend(std::iter::repeat_n(f64::INFINITY, g.unanswered_sent.len()));
                let clock_name = if clock.is_some() {
                    if g.exported_business > 0 && g.exported_business == g.first.len() as u64 {
                        "business_hours_as_exported"
                    } else {
                        "business_hours"
                    }
                } else if g.exported_business > 0 && g.exported_business == g.first.len() as u64 {
                    "business_hours_as_exported"
                } else {
                    "wall_clock"
                };
                GroupReport {
                    key,
                    n: g.n,
                    answered: g.first.len() as u64,
                    unanswered: g.unanswered_sent.len() as u64,
                    first_response_minutes: FirstResponse {
                        p50: q(0.5),
                        p90: q(0.9),
                        p95: q(0.95),
                        mean,
                        p50_ci: ci(0.5),
                        p90_ci: ci(0.9),
                    },
                    km_median_minutes: km,
                    resolution_minutes: Resolution {
                        p50: quantile_sorted(&resolutions, 0.5).map(|x| round_to(x, 6)),
                        p90: quantile_sorted(&resolutions, 0.9).map(|x| round_to(x, 6)),
                    },
                    resolved_within_48h_rate: rate(g.resolved_48h, g.n),
                    resolved_within_48h_ci: wilson(g.resolved_48h, g.n),
                    first_contact_resolution_rate: rate(g.fcr_yes, g.fcr_known),
                    first_contact_resolution_ci: wilson(g.fcr_yes, g.fcr_known),
                    target_attainment: rate(g.target_met, g.target_known),
                    target_attainment_ci: wilson(g.target_met, g.target_known),
                    clock: clock_name,
                    samples,
                }
            })
            .collect();
        out.sort_by(|a, b| a.key.cmp(&b.key));
        out
    }
}

/// Pairwise Mann-Whitney tests between vendors inside each (priority, channel) group,
/// for vendors adjacent when ordered by median first response (the pairs a ranking would
/// separate). Unanswered rows count as the slowest.
pub fn compare_adjacent(groups: &[GroupReport]) -> Vec<Comparison> {
    let mut by_rest: BTreeMap<(Option<Priority>, Option<Channel>), Vec<&GroupReport>> = BTreeMap::new();
    for g in groups {
        if g.key.vendor.is_some() && !g.samples.is_empty() {
            by_rest
                .entry((g.key.priority, g.key.channel))
                .or_default()
                .push(g);
        }
    }
    let mut out = Vec::new();
    for ((priority, channel), mut gs) in by_rest {
        let median = |g: &GroupReport| quantile_sorted(&g.samples, 0.5).unwrap_or(f64::INFINITY);
        gs.sort_by(|a, b| {
            median(a)
                .total_cmp(&median(b))
                .then(a.key.vendor.cmp(&b.key.vendor))
        });
        for w in gs.windows(2) {
            if let Some(t) = mann_whitney(&w[0].samples, &w[1].samples) {
                out.push(Comparison {
                    a: w[0].key.vendor.clone().unwrap_or_default(),
                    b: w[1].key.vendor.clone().unwrap_or_default(),
                    priority,
                    channel,
                    u: round_to(t.u, 6),
                    p_value: round_to(t.p_value, 6),
                    distinguishable: t.p_value < 0.05,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(vendor: &str, p: Priority, sent: Epoch, first: Option<Epoch>) -> TicketRow<'_> {
        TicketRow {
            vendor,
            id: None,
            priority: Some(p),
            channel: Some(Channel::Chat),
            sent,
            first_response_at: first,
            first_response_minutes: None,
            first_response_business_minutes: None,
            resolved_at: None,
            resolution_minutes: None,
            resolved_on_first_contact: None,
            offset: 0,
        }
    }

    #[test]
    fn groups_quantiles_and_censoring() {
        let targets = BTreeMap::from([(Priority::Urgent, 15.0)]);
        let by = GroupBy::parse("vendor,priority").unwrap();
        let mut a = Accumulator::new(by, None, &targets);
        let mut b = Accumulator::new(by, None, &targets);
        // alpha urgent: 1, 2, 3, 4, 10 minutes (split across two "threads"), one unanswered.
        for (i, m) in [1, 2, 3].iter().enumerate() {
            a.row(&row(
                "alpha",
                Priority::Urgent,
                i as i64 * 1000,
                Some(i as i64 * 1000 + m * 60),
            ));
        }
        for m in [4, 10] {
            b.row(&row("alpha", Priority::Urgent, 0, Some(m * 60)));
        }
        b.row(&row("alpha", Priority::Urgent, 0, None));
        b.row(&row("beta", Priority::Low, 0, Some(60)));
        a.merge(b);
        let groups = a.finish(Some(100 * 60));
        assert_eq!(groups.len(), 2);
        let g = &groups[0];
        assert_eq!(g.key.vendor.as_deref(), Some("alpha"));
        assert_eq!((g.n, g.answered, g.unanswered), (6, 5, 1));
        // numpy.quantile([1, 2, 3, 4, 10], [0.5, 0.9]) == [3.0, 7.6]
        assert_eq!(g.first_response_minutes.p50, Some(3.0));
        assert_eq!(g.first_response_minutes.p90, Some(7.6));
        assert_eq!(g.first_response_minutes.mean, Some(4.0));
        // Kaplan-Meier with one censored at 100 min: S drops 1/6 per answer; S(3) = 0.5.
        assert_eq!(g.km_median_minutes, Some(3.0));
        // 5 of 6 answered within 15 minutes (the unanswered one misses).
        assert_eq!(g.target_attainment, Some(round_to(5.0 / 6.0, 6)));
        assert_eq!(
            g.first_contact_resolution_rate,
            Some(0.0),
            "the unanswered one is a known failure"
        );
        assert_eq!(groups[1].key.priority, Some(Priority::Low));
    }

    #[test]
    fn a_vendor_that_never_answers_cannot_look_fast() {
        let by = GroupBy::parse("vendor").unwrap();
        let mut a = Accumulator::new(by, None, &BTreeMap::new());
        a.row(&row("ghost", Priority::Urgent, 0, Some(60)));
        for _ in 0..3 {
            a.row(&row("ghost", Priority::Urgent, 0, None));
        }
        let g = &a.finish(Some(24 * 3600))[0];
        assert_eq!(g.first_response_minutes.p50, Some(1.0), "answered-only quantile");
        assert_eq!(
            g.km_median_minutes, None,
            "three of four never answered: no median"
        );
    }
}
