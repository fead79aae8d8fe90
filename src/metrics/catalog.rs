//! The metrics a rubric can score: one entry each, with where it comes from, its kind and unit,
//! and the function that computes it. Adding a metric is one entry here plus its function in
//! the module of its source (`measured`, `stated`, `conversation`).

use super::metric::{Metric, Scope, VendorFacts};
use super::{conversation, coverage, measured, stated};

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
    /// The fewest observations (probes) the value may rest on before it is insufficient
    /// evidence (0: no minimum); a rubric measure may set its own `min_n`.
    pub min_n: usize,
    pub unit: &'static str,
    pub description: &'static str,
    /// Computes the metric for one vendor in a scope, filling in value, display, n, interval
    /// and evidence; `None` when an input it needs is absent (the metric stays without value).
    pub compute: Compute,
}

/// How a metric is computed; see [`MetricSpec::compute`].
pub type Compute = fn(&VendorFacts, Scope, &mut Metric) -> Option<()>;

const fn m(
    name: &'static str,
    source: Source,
    kind: MetricKind,
    filterable: bool,
    unit: &'static str,
    description: &'static str,
    compute: Compute,
) -> MetricSpec {
    MetricSpec {
        name,
        source,
        kind,
        filterable,
        needs_priority: false,
        min_n: 0,
        unit,
        description,
        compute,
    }
}

use MetricKind::{Number, Set};
use Source::{Measurements, Profile, Sla, Transcripts};

pub const CATALOG: [MetricSpec; 25] = [
    MetricSpec {
        min_n: 5,
        ..m(
            "first_response_p50_minutes",
            Measurements,
            Number,
            true,
            "min",
            "median time to first response; unanswered probes count as never",
            measured::first_response_p50,
        )
    },
    MetricSpec {
        min_n: 10,
        ..m(
            "first_response_p90_minutes",
            Measurements,
            Number,
            true,
            "min",
            "90th percentile time to first response; unanswered probes count as never",
            measured::first_response_p90,
        )
    },
    MetricSpec {
        min_n: 5,
        ..m(
            "first_response_attainment",
            Measurements,
            Number,
            true,
            "share",
            "share of probes answered within the rubric's target for their priority",
            measured::attainment,
        )
    },
    MetricSpec {
        min_n: 5,
        ..m(
            "unanswered_rate",
            Measurements,
            Number,
            true,
            "share",
            "share of probes never answered",
            measured::unanswered,
        )
    },
    MetricSpec {
        min_n: 5,
        ..m(
            "resolved_within_48h_rate",
            Measurements,
            Number,
            true,
            "share",
            "share of probes resolved within 48 hours of being sent",
            measured::resolved_within_48h,
        )
    },
    MetricSpec {
        min_n: 5,
        ..m(
            "first_contact_resolution_rate",
            Measurements,
            Number,
            true,
            "share",
            "share of probes resolved on first contact (probes with a known outcome)",
            measured::first_contact_resolution,
        )
    },
    m(
        "channels_measured",
        Measurements,
        Set,
        false,
        "",
        "channels on which probes were answered",
        measured::channels_measured,
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
            stated::sla_first_response,
        )
    },
    m(
        "sla_promises_kept_rate",
        Sla,
        Number,
        false,
        "share",
        "share of the SLA's measurable first-response promises kept (p90 within the promise)",
        stated::sla_promises_kept,
    ),
    m(
        "support_hours_per_week",
        Sla,
        Number,
        false,
        "h",
        "support hours per week stated in the SLA (168 = 7x24)",
        stated::support_hours_per_week,
    ),
    m(
        "sla_uptime_percent",
        Sla,
        Number,
        false,
        "%",
        "the highest monthly availability (uptime) the SLA promises, in percent",
        stated::sla_uptime_percent,
    ),
    m(
        "support_hours_coverage",
        Sla,
        Number,
        false,
        "share",
        "share of the measure's window (in the buyer's zones, else the vendor's) covered by the stated support hours",
        coverage::support_hours_coverage,
    ),
    m(
        "channels_offered",
        Sla,
        Set,
        false,
        "",
        "support channels the SLA offers",
        stated::channels_offered,
    ),
    m(
        "docs_items",
        Profile,
        Set,
        false,
        "",
        "documentation items found by the audit",
        stated::docs_items,
    ),
    m(
        "docs_days_since_update",
        Profile,
        Number,
        false,
        "days",
        "days from the last documentation update to the evaluation date",
        stated::docs_days_since_update,
    ),
    m(
        "docs_languages",
        Profile,
        Number,
        false,
        "",
        "number of documentation languages",
        stated::docs_languages,
    ),
    m(
        "docs_languages_offered",
        Profile,
        Set,
        false,
        "",
        "documentation languages, as a set (en, zh...): score with a checklist of those needed",
        stated::docs_languages_offered,
    ),
    m(
        "cases_count",
        Profile,
        Number,
        false,
        "",
        "customer cases",
        stated::cases_count,
    ),
    m(
        "cases_public_references",
        Profile,
        Number,
        false,
        "",
        "customer cases with a public reference",
        stated::cases_public_references,
    ),
    m(
        "cases_industries",
        Profile,
        Number,
        false,
        "",
        "distinct industries among the customer cases",
        stated::cases_industries,
    ),
    m(
        "probe_answered_rate",
        Transcripts,
        Number,
        false,
        "share",
        "share of probe questions answered substantively",
        conversation::probe_answered_rate,
    ),
    m(
        "probe_quality",
        Transcripts,
        Number,
        false,
        "share",
        "mean concept coverage of the best answer to each probe asked",
        conversation::probe_quality_metric,
    ),
    m(
        "stall_rate",
        Transcripts,
        Number,
        false,
        "share",
        "share of probe conversations with a stall no substance followed",
        conversation::stall_rate,
    ),
    m(
        "transfers_per_conversation",
        Transcripts,
        Number,
        false,
        "",
        "transfers per probe conversation",
        conversation::transfers_per_conversation,
    ),
    m(
        "reply_latency_median_minutes",
        Transcripts,
        Number,
        false,
        "min",
        "median time from an evaluator message to the agent's reply",
        conversation::reply_latency_median,
    ),
];

/// Computes the metric `name` for one vendor, narrowed to a priority and/or channel. Unknown
/// names give `None` (the rubric is validated before).
pub fn compute(facts: &VendorFacts, name: &str, scope: Scope) -> Option<Metric> {
    let spec = find(name)?;
    let mut m = Metric::missing(spec.name, scope.priority, scope.channel, "no evidence");
    // `None` from `compute`: an input is absent; the metric stays without a value.
    let _ = (spec.compute)(facts, scope, &mut m);
    Some(m)
}

/// The metrics a measure may narrow to one probe question (`probe = "id"`).
pub const PROBE_METRICS: &[&str] = &["probe_answered_rate", "probe_quality"];

/// The metrics that read a buyer's window (`window = "Mon-Sun 18:00-22:00"`, `zones = [...]`).
pub const WINDOW_METRICS: &[&str] = &["support_hours_coverage"];

pub fn find(name: &str) -> Option<&'static MetricSpec> {
    CATALOG.iter().find(|s| s.name == name)
}

pub fn names() -> Vec<&'static str> {
    CATALOG.iter().map(|s| s.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::vendors::EvaluationInfo;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn every_metric_is_named_once_and_computes_without_evidence() {
        let names: BTreeSet<_> = CATALOG.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), CATALOG.len(), "a metric name is repeated");
        let evaluation = EvaluationInfo {
            name: "t".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            timezone: None,
            rubric: None,
        };
        let targets = BTreeMap::new();
        let plan = crate::model::plan::HeldPlan::default();
        let facts = VendorFacts {
            id: "v",
            probes: Vec::new(),
            measurements_file: "measurements.csv",
            sla: None,
            promises: &[],
            plan: &plan,
            profile: None,
            conversations: Vec::new(),
            evaluation: &evaluation,
            targets: &targets,
        };
        for spec in &CATALOG {
            let m = compute(&facts, spec.name, Scope::default()).expect("a catalog metric computes");
            assert_eq!(m.name, spec.name);
            assert_eq!(m.value, None, "{} has a value without any input", spec.name);
        }
        assert!(compute(&facts, "no_such_metric", Scope::default()).is_none());
    }
}
