//! What a metric is (a value with its display, sample size, interval and evidence) and what it
//! is computed from (one vendor's facts, in a scope).

use super::transcripts::ConversationAnalysis;
use crate::ingest::profile::Profile;
use crate::ingest::vendors::EvaluationInfo;
use crate::model::domain::{Channel, Priority};
use crate::model::evidence::Evidence;
use crate::model::plan::HeldPlan;
use crate::model::sla::{Schedule, SlaDocument};
use crate::model::ticket::Ticket;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// A metric without a value yet (`why` says so to a person).
    pub fn missing(name: &str, priority: Option<Priority>, channel: Option<Channel>, why: &str) -> Self {
        Metric {
            name: name.to_string(),
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
    /// The plan the vendor is held to: its promises (and those naming no plan) are scored.
    pub plan: &'a HeldPlan,
    pub profile: Option<&'a Profile>,
    pub conversations: Vec<&'a ConversationAnalysis>,
    pub evaluation: &'a EvaluationInfo,
    /// The rubric's first-response target per priority, in minutes.
    pub targets: &'a BTreeMap<Priority, f64>,
}

/// What a metric is narrowed to, and the measure's parameters: the probes of one priority
/// and/or on one channel, one probe question (`probe = "..."` for the probe metrics), the
/// buyer's window and zones (`support_hours_coverage`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scope<'a> {
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    /// The probe question (by id) the probe metrics are narrowed to.
    pub probe: Option<&'a str>,
    /// The buyer's window that support hours should cover.
    pub window: Option<&'a Schedule>,
    /// The buyer's zones the window is in (empty: the vendor's own).
    pub zones: &'a [String],
}

impl Scope<'_> {
    /// `urgent probes on chat`, `all probes`, `the probe security_compliance`...
    pub fn describe(&self) -> String {
        if let Some(p) = self.probe {
            return format!("the probe {p}");
        }
        if let Some(w) = self.window {
            let zones = if self.zones.is_empty() {
                "the vendor's zone".to_string()
            } else {
                self.zones.join(", ")
            };
            return format!("{} in {zones}", w.describe());
        }
        match (self.priority, self.channel) {
            (Some(p), Some(c)) => format!("{p} probes on {c}"),
            (Some(p), None) => format!("{p} probes"),
            (None, Some(c)) => format!("probes on {c}"),
            (None, None) => "all probes".to_string(),
        }
    }
}

impl<'a> VendorFacts<'a> {
    /// The probes in a scope.
    pub fn probes_matching(&self, s: Scope) -> Vec<&'a Ticket> {
        self.probes
            .iter()
            .copied()
            .filter(|p| {
                s.priority.is_none_or(|x| p.priority == Some(x))
                    && s.channel.is_none_or(|x| p.channel == Some(x))
            })
            .collect()
    }
}
