//! The metrics a rubric can score, with where each comes from.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    Number,
    Set,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Measurements,
    Sla,
    Profile,
    Transcripts,
}

#[derive(Debug, Clone, Copy)]
pub struct MetricSpec {
    pub name: &'static str,
    pub source: Source,
    pub kind: MetricKind,
    /// May be narrowed by `priority` / `channel`.
    pub filterable: bool,
    pub needs_priority: bool,
    pub unit: &'static str,
    pub description: &'static str,
}

const fn m(
    name: &'static str,
    source: Source,
    kind: MetricKind,
    filterable: bool,
    unit: &'static str,
    description: &'static str,
) -> MetricSpec {
    MetricSpec {
        name,
        source,
        kind,
        filterable,
        needs_priority: false,
        unit,
        description,
    }
}

use MetricKind::{Number, Set};
use Source::{Measurements, Profile, Sla, Transcripts};

pub const CATALOG: [MetricSpec; 22] = [
    m(
        "first_response_p50_minutes",
        Measurements,
        Number,
        true,
        "min",
        "median time to first response; unanswered probes count as never",
    ),
    m(
        "first_response_p90_minutes",
        Measurements,
        Number,
        true,
        "min",
        "90th percentile time to first response; unanswered probes count as never",
    ),
    m(
        "first_response_attainment",
        Measurements,
        Number,
        true,
        "share",
        "share of probes answered within the rubric's target for their priority",
    ),
    m(
        "unanswered_rate",
        Measurements,
        Number,
        true,
        "share",
        "share of probes never answered",
    ),
    m(
        "resolved_within_48h_rate",
        Measurements,
        Number,
        true,
        "share",
        "share of probes resolved within 48 hours of being sent",
    ),
    m(
        "first_contact_resolution_rate",
        Measurements,
        Number,
        true,
        "share",
        "share of probes resolved on first contact (probes with a known outcome)",
    ),
    m(
        "channels_measured",
        Measurements,
        Set,
        false,
        "",
        "channels on which probes were answered",
    ),
    MetricSpec {
        needs_priority: true,
        ..m(
            "sla_first_response_minutes",
            Sla,
            Number,
            true,
            "min",
            "first-response time promised in the SLA for a priority",
        )
    },
    m(
        "sla_promises_kept_rate",
        Sla,
        Number,
        false,
        "share",
        "share of the SLA's measurable first-response promises kept (p90 within the promise)",
    ),
    m(
        "support_hours_per_week",
        Sla,
        Number,
        false,
        "h",
        "support hours per week stated in the SLA (168 = 7x24)",
    ),
    m(
        "channels_offered",
        Sla,
        Set,
        false,
        "",
        "support channels the SLA offers",
    ),
    m(
        "docs_items",
        Profile,
        Set,
        false,
        "",
        "documentation items found by the audit",
    ),
    m(
        "docs_days_since_update",
        Profile,
        Number,
        false,
        "days",
        "days from the last documentation update to the evaluation date",
    ),
    m(
        "docs_languages",
        Profile,
        Number,
        false,
        "",
        "number of documentation languages",
    ),
    m("cases_count", Profile, Number, false, "", "customer cases"),
    m(
        "cases_public_references",
        Profile,
        Number,
        false,
        "",
        "customer cases with a public reference",
    ),
    m(
        "cases_industries",
        Profile,
        Number,
        false,
        "",
        "distinct industries among the customer cases",
    ),
    m(
        "probe_answered_rate",
        Transcripts,
        Number,
        false,
        "share",
        "share of probe questions answered substantively",
    ),
    m(
        "probe_quality",
        Transcripts,
        Number,
        false,
        "share",
        "mean concept coverage of the best answer to each probe asked",
    ),
    m(
        "stall_rate",
        Transcripts,
        Number,
        false,
        "share",
        "share of probe conversations with a stall no substance followed",
    ),
    m(
        "transfers_per_conversation",
        Transcripts,
        Number,
        false,
        "",
        "transfers per probe conversation",
    ),
    m(
        "reply_latency_median_minutes",
        Transcripts,
        Number,
        false,
        "min",
        "median time from an evaluator message to the agent's reply",
    ),
];

pub fn find(name: &str) -> Option<&'static MetricSpec> {
    CATALOG.iter().find(|s| s.name == name)
}

pub fn names() -> Vec<&'static str> {
    CATALOG.iter().map(|s| s.name).collect()
}
