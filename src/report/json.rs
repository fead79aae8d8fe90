//! `results.json`: the machine-readable result. Its shape is a contract: fields may be added,
//! none renamed.

use super::fmt::round_to;
use super::model::{Evaluation, StatsReport};
use super::Exporter;
use crate::error::Result;
use crate::metrics::response_times::{Comparison, GroupReport};
use crate::metrics::transcripts::{ConversationAnalysis, TranscriptSummary};
use crate::metrics::Metric;
use crate::model::evidence::Evidence;
use serde::Serialize;

pub struct Json;

#[derive(Serialize)]
struct Doc<'a> {
    rubric: RubricRef<'a>,
    evaluation: EvalRef<'a>,
    vendors: Vec<VendorOut<'a>>,
    measurements: MeasurementsOut<'a>,
    transcripts: &'a [ConversationAnalysis],
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct RubricRef<'a> {
    name: &'a str,
    version: &'a str,
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
    total: f64,
    knocked_out: bool,
    knockouts: &'a [String],
    criteria: Vec<CriterionOut<'a>>,
    promises: Vec<PromiseOut<'a>>,
    transcripts: &'a TranscriptSummary,
}

#[derive(Serialize)]
struct CriterionOut<'a> {
    id: &'a str,
    name: &'a str,
    points: f64,
    weight: f64,
    score: f64,
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
}

#[derive(Serialize)]
struct PromiseOut<'a> {
    what: &'a str,
    promised: &'a str,
    measured: &'a str,
    met: Option<bool>,
    status: &'a str,
    plan: Option<&'a str>,
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

impl Exporter<Evaluation> for Json {
    fn export(&self, e: &Evaluation) -> Result<Vec<u8>> {
        let doc = Doc {
            rubric: RubricRef {
                name: &e.rubric_name,
                version: &e.rubric_version,
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
                    id: &v.id,
                    name: &v.name,
                    rank: v.rank,
                    total: round_to(v.total, 2),
                    knocked_out: v.knocked_out,
                    knockouts: &v.knockouts,
                    criteria: v
                        .criteria
                        .iter()
                        .map(|c| CriterionOut {
                            id: &c.id,
                            name: &c.name,
                            points: round_to(c.points, 2),
                            weight: c.weight,
                            score: round_to(c.score, 2),
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
                                })
                                .collect(),
                        })
                        .collect(),
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
