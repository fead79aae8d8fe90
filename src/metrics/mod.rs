//! Metrics: per vendor, the raw values a rubric scores, each with its evidence.

pub mod catalog;
pub mod promises;
pub mod response_times;
pub mod transcripts;

use crate::ingest::profile::Profile;
use crate::ingest::vendors::EvaluationInfo;
use crate::model::domain::{Channel, Priority};
use crate::model::evidence::Evidence;
use crate::model::sla::SlaDocument;
use crate::model::ticket::Ticket;
use crate::report::fmt::{fmt_minutes, fmt_num, fmt_share};
use crate::rubric::Rubric;
use crate::stats::{median, quantile_ranks, quantile_sorted, wilson_interval};
use catalog::MetricSpec;
use serde::Serialize;
use std::collections::BTreeSet;
use transcripts::ConversationAnalysis;

/// A measured (or stated) value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Set(Vec<String>),
}

#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub name: String,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    /// `None`: no evidence for it.
    #[serde(serialize_with = "serialize_value")]
    pub value: Option<Value>,
    /// How the value reads to a person (`"12.5 min"`, `"never (3 of 14 unanswered)"`).
    pub display: String,
    /// Observations behind it, where it is measured.
    pub n: Option<usize>,
    /// 95% interval, where one is computed.
    pub interval: Option<(f64, f64)>,
    pub evidence: Vec<Evidence>,
}

fn serialize_value<S: serde::Serializer>(v: &Option<Value>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(Value::Number(x)) if !x.is_finite() => s.serialize_none(),
        Some(v) => v.serialize(s),
        None => s.serialize_none(),
    }
}

impl Metric {
    fn missing(spec: &MetricSpec, priority: Option<Priority>, channel: Option<Channel>, why: &str) -> Self {
        Metric {
            name: spec.name.to_string(),
            priority,
            channel,
            value: None,
            display: why.to_string(),
            n: None,
            interval: None,
            evidence: Vec::new(),
        }
    }
}

/// Everything known about one vendor, as read from the evaluation folder.
pub struct VendorFacts<'a> {
    pub id: &'a str,
    pub probes: Vec<&'a Ticket>,
    pub measurements_file: &'a str,
    pub sla: Option<&'a SlaDocument>,
    /// The SLA's first-response promises, already set against the measurements.
    pub promises: &'a [crate::metrics::promises::Promise],
    pub profile: Option<&'a Profile>,
    pub conversations: Vec<&'a ConversationAnalysis>,
    pub evaluation: &'a EvaluationInfo,
    pub rubric: &'a Rubric,
}

const WEEKS_48H: f64 = 48.0 * 60.0;

/// A priority or channel as evidence names it; `-` where the export has none.
fn opt_name<T: std::fmt::Display>(x: Option<T>) -> String {
    x.map_or_else(|| "-".to_string(), |x| x.to_string())
}

impl<'a> VendorFacts<'a> {
    fn probes_matching(&self, priority: Option<Priority>, channel: Option<Channel>) -> Vec<&'a Ticket> {
        self.probes
            .iter()
            .copied()
            .filter(|p| {
                priority.is_none_or(|x| p.priority == Some(x)) && channel.is_none_or(|x| p.channel == Some(x))
            })
            .collect()
    }

    fn scope(priority: Option<Priority>, channel: Option<Channel>) -> String {
        match (priority, channel) {
            (Some(p), Some(c)) => format!("{p} probes on {c}"),
            (Some(p), None) => format!("{p} probes"),
            (None, Some(c)) => format!("probes on {c}"),
            (None, None) => "all probes".to_string(),
        }
    }

    /// Computes one metric. Unknown names give `None` (the rubric is validated before).
    pub fn metric(&self, name: &str, priority: Option<Priority>, channel: Option<Channel>) -> Option<Metric> {
        let spec = catalog::find(name)?;
        let mut m = Metric::missing(spec, priority, channel, "no evidence");
        // `None` from `fill`: an input is absent; the metric stays without a value.
        let _ = self.fill(name, priority, channel, &mut m);
        Some(m)
    }

    fn fill(
        &self,
        name: &str,
        priority: Option<Priority>,
        channel: Option<Channel>,
        m: &mut Metric,
    ) -> Option<()> {
        let file = self.measurements_file;
        match name {
            "first_response_p50_minutes" | "first_response_p90_minutes" => {
                let p = if name.contains("p50") { 0.5 } else { 0.9 };
                let probes = self.probes_matching(priority, channel);
                if probes.is_empty() {
                    m.display = format!("no {} measured", Self::scope(priority, channel));
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
                m.display = format!(
                    "{} (p{} of {} {}, {} unanswered)",
                    fmt_minutes(q),
                    (p * 100.0) as u32,
                    sorted.len(),
                    Self::scope(priority, channel),
                    unanswered
                );
                for r in [lo, hi].into_iter().collect::<BTreeSet<_>>() {
                    let (mins, pr) = timed[r];
                    m.evidence.push(Evidence::line(
                        file,
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
            }
            "first_response_attainment"
            | "unanswered_rate"
            | "resolved_within_48h_rate"
            | "first_contact_resolution_rate" => {
                let probes = self.probes_matching(priority, channel);
                let targets = &self.rubric.first_response_targets;
                let (considered, hits): (Vec<&Ticket>, Vec<&Ticket>) = match name {
                    "first_response_attainment" => {
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
                    "unanswered_rate" => {
                        let hits = probes.iter().copied().filter(|p| !p.answered()).collect();
                        (probes, hits)
                    }
                    "resolved_within_48h_rate" => {
                        let hits = probes
                            .iter()
                            .copied()
                            .filter(|p| p.resolution_minutes().is_some_and(|x| x <= WEEKS_48H))
                            .collect();
                        (probes, hits)
                    }
                    _ => {
                        // Unanswered probes were not resolved on first contact; probes
                        // answered with an unknown outcome are left out.
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
                    m.display = format!("no {} measured", Self::scope(priority, channel));
                    return Some(());
                }
                let share = hits.len() as f64 / considered.len() as f64;
                m.value = Some(Value::Number(share));
                m.n = Some(considered.len());
                m.interval = wilson_interval(hits.len(), considered.len(), 0.95);
                let (lo, hi) = m.interval.unwrap_or((share, share));
                m.display = format!(
                    "{} ({} of {} {}; 95% CI {}-{})",
                    fmt_share(share),
                    hits.len(),
                    considered.len(),
                    Self::scope(priority, channel),
                    fmt_share(lo),
                    fmt_share(hi)
                );
                let first = considered.iter().map(|p| p.line).min().unwrap_or(0);
                let last = considered.iter().map(|p| p.line).max().unwrap_or(0);
                m.evidence.push(Evidence::file(
                    file,
                    format!("{} rows between lines {first} and {last}", considered.len()),
                ));
                if name == "first_response_attainment" || name == "unanswered_rate" {
                    // Point at the probes that missed (at most five, in file order).
                    let mut missed: Vec<&Ticket> = considered
                        .iter()
                        .copied()
                        .filter(|p| {
                            if name == "unanswered_rate" {
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
            }
            "channels_measured" => {
                let set: BTreeSet<&str> = self
                    .probes
                    .iter()
                    .filter(|p| p.answered())
                    .filter_map(|p| p.channel.map(|c| c.as_str()))
                    .collect();
                if !self.probes.is_empty() {
                    m.display = set.iter().copied().collect::<Vec<_>>().join(", ");
                    m.value = Some(Value::Set(set.into_iter().map(String::from).collect()));
                    m.evidence
                        .push(Evidence::file(file, "channel column of answered probes"));
                }
            }
            "sla_first_response_minutes" => {
                let sla = self.sla?;
                let best = sla
                    .first_response
                    .iter()
                    .filter(|c| c.priority.is_none() || c.priority == priority)
                    .min_by(|a, b| wall_minutes(a).total_cmp(&wall_minutes(b)));
                if let Some(c) = best {
                    // A promise in business days is scored by its length in calendar days.
                    m.value = Some(Value::Number(wall_minutes(c)));
                    m.display = format!(
                        "{} min{}",
                        fmt_num(wall_minutes(c)),
                        if c.business_hours { " (business hours)" } else { "" }
                    );
                    m.evidence.push(c.evidence.clone());
                } else {
                    m.display = "no first-response promise for this priority".into();
                }
            }
            "sla_promises_kept_rate" => {
                let measurable: Vec<_> = self.promises.iter().filter(|p| p.met.is_some()).collect();
                if measurable.is_empty() {
                    m.display = "no measurable first-response promise".into();
                    return Some(());
                }
                let kept = measurable.iter().filter(|p| p.met == Some(true)).count();
                let share = kept as f64 / measurable.len() as f64;
                m.value = Some(Value::Number(share));
                m.n = Some(measurable.len());
                m.display = format!(
                    "{} ({kept} of {} measurable promises kept)",
                    fmt_share(share),
                    measurable.len()
                );
                for p in measurable.iter().filter(|p| p.met == Some(false)) {
                    let mut ev = p.evidence.clone();
                    ev.text = format!("broken: {} {}; measured {}", p.what, p.promised, p.measured);
                    m.evidence.push(ev);
                }
            }
            "support_hours_per_week" => {
                if let Some(h) = self.sla.and_then(|s| s.best_hours()) {
                    let v = h.schedule.hours_per_week();
                    m.value = Some(Value::Number(v));
                    m.display = format!("{} h/week ({})", fmt_num(v), h.schedule.describe());
                    m.evidence.push(h.evidence.clone());
                } else {
                    m.display = "no support hours stated".into();
                }
            }
            "channels_offered" => {
                if let Some(sla) = self.sla {
                    let mut set = BTreeSet::new();
                    for c in &sla.channels {
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
                }
            }
            "docs_items" => {
                let p = self.profile?;
                m.value = Some(Value::Set(p.docs.iter().map(|d| d.0.clone()).collect()));
                m.display = format!("{} of 7 items", p.docs.len());
                m.evidence.extend(p.docs.iter().map(|d| d.1.clone()));
            }
            "docs_days_since_update" => {
                let (d, ev) = self.profile?.docs_last_updated.as_ref()?;
                let days = (self.evaluation.date - *d).num_days() as f64;
                m.value = Some(Value::Number(days));
                m.display = format!("{} days before {}", fmt_num(days), self.evaluation.date);
                m.evidence.push(ev.clone());
            }
            "docs_languages" => {
                let (langs, ev) = self.profile?.docs_languages.as_ref()?;
                m.value = Some(Value::Number(langs.len() as f64));
                m.display = langs.join(", ");
                m.evidence.push(ev.clone());
            }
            "cases_count" | "cases_public_references" | "cases_industries" => {
                let p = self.profile?;
                let cases: Vec<_> = match name {
                    "cases_public_references" => {
                        p.cases.iter().filter(|c| c.reference_url.is_some()).collect()
                    }
                    _ => p.cases.iter().collect(),
                };
                let v = if name == "cases_industries" {
                    cases
                        .iter()
                        .map(|c| c.industry.as_str())
                        .collect::<BTreeSet<_>>()
                        .len()
                } else {
                    cases.len()
                };
                m.value = Some(Value::Number(v as f64));
                m.display = v.to_string();
                m.evidence.extend(cases.iter().map(|c| c.evidence.clone()));
            }
            "probe_answered_rate" => {
                let best = transcripts::best_outcomes(&self.conversations);
                if best.is_empty() {
                    m.display = "no probe questions found in transcripts".into();
                    return Some(());
                }
                let answered = best.iter().filter(|o| o.answered).count();
                let share = answered as f64 / best.len() as f64;
                m.value = Some(Value::Number(share));
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
                m.display = format!("{} ({})", fmt_share(share), names.join("; "));
                for o in &best {
                    m.evidence.extend(o.evidence.iter().take(2).cloned());
                }
            }
            "probe_quality" => {
                let best = transcripts::best_outcomes(&self.conversations);
                if best.is_empty() {
                    m.display = "no probe questions found in transcripts".into();
                    return Some(());
                }
                let q = transcripts::probe_quality(&best.iter().map(|o| o.coverage).collect::<Vec<_>>());
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
            }
            "stall_rate" => {
                if self.conversations.is_empty() {
                    return Some(());
                }
                let stalled: Vec<_> = self
                    .conversations
                    .iter()
                    .filter(|c| !c.stalls.is_empty())
                    .collect();
                let v = stalled.len() as f64 / self.conversations.len() as f64;
                m.value = Some(Value::Number(v));
                m.n = Some(self.conversations.len());
                m.display = format!(
                    "{} of {} conversations stalled",
                    stalled.len(),
                    self.conversations.len()
                );
                m.evidence
                    .extend(stalled.iter().flat_map(|c| c.stalls.iter().cloned()));
            }
            "transfers_per_conversation" => {
                if self.conversations.is_empty() {
                    return Some(());
                }
                let n: usize = self.conversations.iter().map(|c| c.transfers.len()).sum();
                let v = n as f64 / self.conversations.len() as f64;
                m.value = Some(Value::Number(v));
                m.n = Some(self.conversations.len());
                m.display = format!("{n} transfers in {} conversations", self.conversations.len());
                m.evidence.extend(
                    self.conversations
                        .iter()
                        .flat_map(|c| c.transfers.iter().cloned())
                        .take(6),
                );
            }
            "reply_latency_median_minutes" => {
                let medians: Vec<f64> = self
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
                    m.evidence.extend(self.conversations.iter().map(|c| {
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
            }
            _ => {}
        }
        Some(())
    }
}

/// A first-response promise's length for scoring: business days count as whole days.
fn wall_minutes(c: &crate::model::sla::ResponseCommitment) -> f64 {
    c.business_days.map_or(c.minutes, |d| d * 1440.0)
}
