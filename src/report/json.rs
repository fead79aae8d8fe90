//! `results.json`: the machine-readable result. Its shape is a contract: fields may be added,
//! none renamed.

use super::fmt::round_to;
use super::model::{Evaluation, MethodStatement, SlaReport, StatsReport};
use super::Exporter;
use crate::error::Result;
use crate::metrics::metric::Metric;
use crate::metrics::response_times::{Comparison, GroupReport};
use crate::metrics::transcripts::{ConversationAnalysis, TranscriptSummary};
use crate::model::evidence::Evidence;
use crate::model::sla::{Language, ResolutionMetric, SlaDocument};
use crate::score::compare::MethodComparison;
use crate::score::matrix::Insufficient;
use crate::score::robustness::verdict::Robustness;
use crate::score::scorecard::MeasureStatus;
use serde::Serialize;

pub struct Json;

#[derive(Serialize)]
struct Doc<'a> {
    rubric: RubricRef<'a>,
    evaluation: EvalRef<'a>,
    vendors: Vec<VendorOut<'a>>,
    measurements: MeasurementsOut<'a>,
    transcripts: &'a [ConversationAnalysis],
    /// How sure the ranking is; null when fewer than two vendors can be compared.
    robustness: Option<&'a Robustness>,
    /// How the totals were computed: aggregation, normalisation, weights, robustness.
    method: &'a MethodStatement,
    /// `--compare-methods`: both rankings, Kendall's tau-b, rank reversals; null without it.
    method_comparison: Option<MethodComparison>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct RubricRef<'a> {
    name: &'a str,
    version: &'a str,
    /// The rubric's file, then those it extends.
    files: &'a [String],
}

#[derive(Serialize)]
struct EvalRef<'a> {
    name: &'a str,
    date: &'a str,
    folder: &'a str,
}

#[derive(Serialize)]
struct VendorOut<'a> {
    id: &'a str,
    name: &'a str,
    rank: usize,
    /// The places it shares with vendors the evidence cannot order ("2-4"); null when not
    /// compared (knocked out, or a single vendor).
    rank_band: Option<&'a str>,
    /// P(first) over the perturbed scorings.
    p_first: Option<f64>,
    total: f64,
    /// Share (0-1) of the rubric's weight backed by evidence.
    coverage: f64,
    knocked_out: bool,
    knockouts: &'a [String],
    unverified: &'a [String],
    missing: &'a [String],
    criteria: Vec<CriterionOut<'a>>,
    plan: PlanOut<'a>,
    promises: Vec<PromiseOut<'a>>,
    transcripts: &'a TranscriptSummary,
}

#[derive(Serialize)]
struct CriterionOut<'a> {
    id: &'a str,
    name: &'a str,
    points: f64,
    weight: f64,
    effective_weight: f64,
    score: f64,
    coverage: f64,
    evidence: Vec<Evidence>,
    measures: Vec<MeasureOut<'a>>,
}

#[derive(Serialize)]
struct MeasureOut<'a> {
    label: &'a str,
    metric: &'a Metric,
    score: f64,
    weight: f64,
    scoring: &'a str,
    status: MeasureStatus,
    /// `{"n": observations, "needed": the measure's minimum}` when too few to be scored.
    insufficient: Option<Insufficient>,
}

/// The plan a vendor is held to.
#[derive(Serialize)]
struct PlanOut<'a> {
    name: Option<&'a str>,
    assumed: bool,
    plans_found: &'a [String],
}

#[derive(Serialize)]
struct PromiseOut<'a> {
    what: &'a str,
    promised: &'a str,
    measured: &'a str,
    met: Option<bool>,
    status: &'a str,
    plan: Option<&'a str>,
    scored: bool,
    priority: &'a str,
    promised_minutes: f64,
    measured_p90_minutes: Option<f64>,
    measured_p90_ci: Option<[Option<f64>; 2]>,
    attainment: Option<f64>,
    attainment_ci: Option<[f64; 2]>,
    n: usize,
    clock: &'a str,
    evidence: &'a Evidence,
}

#[derive(Serialize)]
struct MeasurementsOut<'a> {
    rows_used: usize,
    rows_rejected: usize,
    groups: &'a [GroupReport],
    comparisons: &'a [Comparison],
}

/// The comparison with its totals at two decimals and tau at four.
fn rounded(c: &MethodComparison) -> MethodComparison {
    let mut c = c.clone();
    c.kendall_tau_b = c.kendall_tau_b.map(|t| round_to(t, 4));
    for v in &mut c.vendors {
        v.totals.values_mut().for_each(|t| *t = round_to(*t, 2));
    }
    c
}

impl Exporter<Evaluation> for Json {
    fn export(&self, e: &Evaluation) -> Result<Vec<u8>> {
        let doc = Doc {
            rubric: RubricRef {
                name: &e.rubric_name,
                version: &e.rubric_version,
                files: &e.rubric_files,
            },
            evaluation: EvalRef {
                name: &e.name,
                date: &e.date,
                folder: &e.folder,
            },
            vendors: e
                .vendors
                .iter()
                .map(|v| VendorOut {
                    id: &v.score.id,
                    name: &v.name,
                    rank: v.rank,
                    rank_band: e.robust(&v.score.id).map(|r| r.rank_band.as_str()),
                    p_first: e.robust(&v.score.id).map(|r| r.p_first),
                    total: round_to(v.score.total, 2),
                    coverage: round_to(v.score.coverage, 3),
                    knocked_out: v.score.knocked_out,
                    knockouts: &v.score.knockouts,
                    unverified: &v.score.unverified,
                    missing: &v.score.missing,
                    criteria: v
                        .score
                        .criteria
                        .iter()
                        .map(|c| CriterionOut {
                            id: &c.id,
                            name: &c.name,
                            points: round_to(c.points, 2),
                            weight: round_to(c.weight, 3),
                            effective_weight: round_to(c.effective_weight, 2),
                            score: round_to(c.score, 2),
                            coverage: round_to(c.coverage, 3),
                            evidence: c.evidence(),
                            measures: c
                                .measures
                                .iter()
                                .map(|m| MeasureOut {
                                    label: &m.label,
                                    metric: &m.metric,
                                    score: round_to(m.score, 2),
                                    weight: m.weight,
                                    scoring: &m.scoring,
                                    status: m.status,
                                    insufficient: m.insufficient,
                                })
                                .collect(),
                        })
                        .collect(),
                    plan: PlanOut {
                        name: v.plan.name.as_deref(),
                        assumed: v.plan.assumed,
                        plans_found: &v.plan.plans_found,
                    },
                    promises: v
                        .promises
                        .iter()
                        .map(|p| PromiseOut {
                            what: &p.what,
                            promised: &p.promised,
                            measured: &p.measured,
                            met: p.met,
                            status: p.status,
                            plan: p.plan.as_deref(),
                            scored: p.scored,
                            priority: &p.priority,
                            promised_minutes: p.promised_minutes,
                            measured_p90_minutes: p.measured_p90_minutes.map(|x| round_to(x, 2)),
                            measured_p90_ci: p
                                .measured_p90_ci
                                .map(|[a, b]| [a.map(|x| round_to(x, 2)), b.map(|x| round_to(x, 2))]),
                            attainment: p.attainment.map(|a| (a * 10000.0).round() / 10000.0),
                            attainment_ci: p.attainment_ci.map(|[a, b]| {
                                [(a * 10000.0).round() / 10000.0, (b * 10000.0).round() / 10000.0]
                            }),
                            n: p.n,
                            clock: p.clock,
                            evidence: &p.evidence,
                        })
                        .collect(),
                    transcripts: &v.transcripts,
                })
                .collect(),
            measurements: MeasurementsOut {
                rows_used: e.rows_used,
                rows_rejected: e.rows_rejected,
                groups: &e.stats,
                comparisons: &e.comparisons,
            },
            transcripts: &e.conversations,
            robustness: e.robustness.as_ref(),
            method: &e.method,
            method_comparison: e.comparison.as_ref().map(rounded),
            warnings: e.warnings.iter().map(|w| w.to_string()).collect(),
        };
        super::pretty_json("results.json", &doc)
    }
}

impl Exporter<StatsReport> for Json {
    fn export(&self, r: &StatsReport) -> Result<Vec<u8>> {
        super::pretty_json("stats json", r)
    }
}

/// `sla extract --format json`: one pretty-printed object per document, one after another.
impl Exporter<SlaReport> for Json {
    fn export(&self, r: &SlaReport) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        for d in &r.documents {
            out.extend(super::pretty_json(&d.file, &DocumentView::of(d))?);
        }
        Ok(out)
    }
}

#[derive(Serialize)]
pub struct EvidenceView {
    /// The page of a paged document (PDF), where `line` counts within the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: Option<usize>,
    pub text: String,
}

#[derive(Serialize)]
pub struct FirstResponseView {
    pub plan: Option<String>,
    pub priority: String,
    pub priority_rank: Option<u8>,
    pub minutes: f64,
    pub hours: Option<&'static str>,
    pub evidence: EvidenceView,
}

#[derive(Serialize)]
pub struct ResolutionView {
    pub plan: Option<String>,
    pub priority: Option<String>,
    pub metric: ResolutionMetric,
    pub minutes: Option<f64>,
    pub percent: Option<f64>,
    pub evidence: EvidenceView,
}

#[derive(Serialize)]
pub struct SupportHoursView {
    pub plan: Option<String>,
    pub schedule: String,
    pub timezone: Option<String>,
    pub evidence: EvidenceView,
}

#[derive(Serialize)]
pub struct ChannelView {
    pub channel: &'static str,
    pub plan: Option<String>,
    pub evidence: EvidenceView,
}

#[derive(Serialize)]
pub struct UptimeView {
    pub value: f64,
    pub evidence: EvidenceView,
}

/// The JSON object of one document, in the shape `sla extract --format json` promises.
#[derive(Serialize)]
pub struct DocumentView {
    pub file: String,
    pub language: Language,
    pub first_response: Vec<FirstResponseView>,
    pub resolution: Vec<ResolutionView>,
    pub support_hours: Vec<SupportHoursView>,
    pub channels: Vec<ChannelView>,
    pub uptime_percent: Vec<UptimeView>,
    pub warnings: Vec<String>,
}

fn evidence(e: &Evidence) -> EvidenceView {
    EvidenceView {
        page: e.page,
        line: e.line,
        text: e.text.clone(),
    }
}

impl DocumentView {
    pub fn of(d: &SlaDocument) -> Self {
        DocumentView {
            file: d.file.clone(),
            language: d.language,
            first_response: d
                .first_response
                .iter()
                .map(|c| FirstResponseView {
                    plan: c.plan.clone(),
                    priority: c.priority.map_or("any", |p| p.as_str()).to_string(),
                    priority_rank: c.priority.map(|p| p.rank()),
                    minutes: c.minutes,
                    hours: if c.business_hours {
                        Some("business")
                    } else if c.around_the_clock {
                        Some("24x7")
                    } else {
                        None
                    },
                    evidence: evidence(&c.evidence),
                })
                .collect(),
            resolution: d
                .resolution
                .iter()
                .map(|r| ResolutionView {
                    plan: r.plan.clone(),
                    priority: r.priority.map(|p| p.as_str().to_string()),
                    metric: r.metric,
                    minutes: r.minutes,
                    percent: r.percent,
                    evidence: evidence(&r.evidence),
                })
                .collect(),
            support_hours: d
                .support_hours
                .iter()
                .map(|h| SupportHoursView {
                    plan: h.plan.clone(),
                    schedule: h.schedule.describe(),
                    timezone: h.timezone.clone(),
                    evidence: evidence(&h.evidence),
                })
                .collect(),
            channels: d
                .channels
                .iter()
                .map(|c| ChannelView {
                    channel: c.channel.as_str(),
                    plan: c.plan.clone(),
                    evidence: evidence(&c.evidence),
                })
                .collect(),
            uptime_percent: d
                .uptime
                .iter()
                .map(|u| UptimeView {
                    value: u.value,
                    evidence: evidence(&u.evidence),
                })
                .collect(),
            warnings: d.warnings.clone(),
        }
    }
}
