//! `evaluate`: an evaluation folder read, every vendor's metrics measured, scored against the
//! rubric and ranked, into the report model.

use crate::engine::{default_threads, OrderedMap};
use crate::error::{Diagnostic, Error, Result};
use crate::ingest::folder::EvaluationFolder;
use crate::ingest::measurements::MeasurementSource;
use crate::ingest::tickets::sink::RowSink;
use crate::ingest::vendors;
use crate::ingest::{self, Inputs};
use crate::metrics::metric::VendorFacts;
use crate::metrics::promises::{self, Promise};
use crate::metrics::response_times::{compare_adjacent, Accumulator, Comparison, GroupBy, GroupReport};
use crate::metrics::transcripts::{summarize, ConversationAnalysis, TranscriptMatcher, TranscriptSummary};
use crate::model::plan::HeldPlan;
use crate::model::sla::SlaDocument;
use crate::model::ticket::Ticket;
use crate::report::model::MethodStatement;
use crate::report::model::{Evaluation, VendorResult};
use crate::rubric::load::{load_choice, Choice};
use crate::rubric::Rubric;
use crate::score::matrix::DecisionMatrix;
use crate::score::{self, aggregate::Method};
use crate::time::timestamp::Zone;
use std::collections::BTreeMap;

/// How strictly `evaluate` treats its inputs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Strictness {
    /// Evaluate with the usable measurement rows when some are rejected.
    pub lenient: bool,
    /// Any input a vendor lacks is an error (exit 3), not a warning.
    pub strict: bool,
    /// Also rank by every aggregation method, side by side (`--compare-methods`).
    pub compare_methods: bool,
}

pub fn evaluate(
    folder: &EvaluationFolder,
    measurements: &MeasurementSource,
    rubric: &Rubric,
    how: Strictness,
) -> Result<Evaluation> {
    let mut inputs = ingest::read_folder(folder, measurements, how.lenient)?;
    if how.strict && !inputs.missing.is_empty() {
        return Err(Error::Invalid(inputs.missing));
    }
    let missing = std::mem::take(&mut inputs.missing);
    inputs.warnings.extend(missing);
    inputs.warnings.sort();
    evaluate_inputs(folder, rubric, &inputs, how.compare_methods)
}

pub fn evaluate_inputs(
    folder: &EvaluationFolder,
    rubric: &Rubric,
    inputs: &Inputs,
    compare_methods: bool,
) -> Result<Evaluation> {
    let matcher = TranscriptMatcher::new(rubric);
    // On every core, in the order read (the report's order).
    let conversations: Vec<ConversationAnalysis> =
        OrderedMap::new(default_threads()).collect(&inputs.transcripts, |t| matcher.analyze(t));
    // The zone of a business schedule that names none: the evaluation's own.
    let default_zone = inputs
        .folder
        .timezone
        .as_deref()
        .and_then(|z| Zone::parse(z).ok());
    // The plan each vendor is held to (none singled out when the folder was not read here).
    let no_plan = HeldPlan::default();
    let plan_of = |id: &str| inputs.plans.get(id).unwrap_or(&no_plan);
    // Each vendor's probes and SLA page, and its SLA promises set against those probes.
    let probes: Vec<Vec<&Ticket>> = inputs
        .vendors
        .iter()
        .map(|v| {
            inputs
                .measurements
                .tickets
                .iter()
                .filter(|p| p.vendor == v.id)
                .collect()
        })
        .collect();
    let slas: Vec<Option<&SlaDocument>> = inputs
        .vendors
        .iter()
        .map(|v| inputs.sla.iter().find(|s| s.vendor == v.id))
        .collect();
    let promised: Vec<Vec<Promise>> = inputs
        .vendors
        .iter()
        .enumerate()
        .map(|(i, v)| {
            slas[i]
                .map(|d| promises::check(d, plan_of(&v.id), &probes[i], default_zone.as_ref()))
                .unwrap_or_default()
        })
        .collect();
    let facts: Vec<VendorFacts> = inputs
        .vendors
        .iter()
        .enumerate()
        .map(|(i, v)| VendorFacts {
            id: &v.id,
            probes: probes[i].clone(),
            measurements_file: &inputs.measurements.file,
            sla: slas[i],
            promises: &promised[i],
            plan: plan_of(&v.id),
            profile: inputs.profiles.iter().find(|p| p.vendor == v.id),
            conversations: conversations.iter().filter(|c| c.vendor == v.id).collect(),
            evaluation: &inputs.folder,
            targets: &rubric.first_response_targets,
        })
        .collect();
    let matrix = DecisionMatrix::build(rubric, &facts);
    let method = Method::from(rubric.aggregation);
    let comparison = match compare_methods {
        true => Some(score::compare::compare(rubric, &matrix, method)?),
        false => None,
    };
    let scores = score::score_matrix(rubric, matrix, method)?;
    let ranked: Vec<&score::scorecard::VendorScore> = scores.iter().map(|(_, s)| s).collect();
    let names: BTreeMap<String, String> = inputs
        .vendors
        .iter()
        .map(|v| (v.id.clone(), v.name.clone()))
        .collect();
    let robustness = score::robustness::verdict::robustness(rubric, &ranked, &names)
        .map_err(|m| Error::invalid(Diagnostic::new("[robustness]", None, m)))?;
    let mut per_vendor: BTreeMap<&str, (Vec<Promise>, TranscriptSummary)> = facts
        .iter()
        .zip(promised.iter())
        .map(|(f, p)| (f.id, (p.clone(), summarize(&f.conversations))))
        .collect();
    let (stats, comparisons) = response_time_stats(inputs, rubric);
    let vendors = scores
        .into_iter()
        .map(|(rank, s)| {
            let vendor = inputs
                .vendors
                .iter()
                .find(|v| v.id == s.id)
                .expect("scored vendors are declared");
            let (promises, transcripts) = per_vendor.remove(vendor.id.as_str()).unwrap_or_default();
            VendorResult {
                name: vendor.name.clone(),
                rank,
                score: s,
                plan: plan_of(&vendor.id).clone(),
                promises,
                transcripts,
            }
        })
        .collect();
    Ok(Evaluation {
        name: inputs.folder.name.clone(),
        date: inputs.folder.date.to_string(),
        folder: folder.name(),
        rubric_name: rubric.name.clone(),
        rubric_version: rubric.version.clone(),
        rubric_files: rubric.files.clone(),
        vendors,
        stats,
        comparisons,
        conversations,
        rows_used: inputs.measurements.tickets.len(),
        rows_rejected: inputs.measurements.rows_rejected,
        warnings: inputs.warnings.clone(),
        robustness,
        method: MethodStatement::new(rubric),
        comparison,
    })
}

/// The rubric an evaluation is scored by: the one chosen on the command line (`--rubric FILE`
/// or `--profile NAME`), else vendors.toml's `rubric = "..."` (a profile name, or a path
/// relative to the folder), else the default profile.
pub fn rubric_for(folder: &EvaluationFolder, chosen: Option<Choice>) -> Result<Rubric> {
    if let Some(c) = chosen {
        return load_choice(&c);
    }
    let (info, _) = crate::ingest::vendors::read(folder)?;
    let Some(r) = info.rubric else {
        return load_choice(&Choice::Default);
    };
    let choice = Choice::reference(&r.reference, &folder.root);
    let at = |message: String, hint: &str| {
        Error::invalid(
            Diagnostic::at(vendors::FILE, r.line, r.column, message)
                .with_width(r.reference.chars().count() + 2)
                .with_hint(hint),
        )
    };
    match &choice {
        Choice::Path(p) if !p.is_file() => Err(at(
            format!("rubric = '{}': no such file ({})", r.reference, p.display()),
            "a path is relative to the evaluation folder; a name (lower-case, no .toml) is a shipped profile",
        )),
        Choice::Profile(name) if choice.origin().is_err() => Err(at(
            format!("rubric = '{name}': no such profile"),
            &format!(
                "the profiles are: {}",
                crate::rubric::extends::profile_names().join(", ")
            ),
        )),
        _ => load_choice(&choice),
    }
}

/// The measured probes through the same statistics as `supportgrade stats`, grouped by
/// vendor, by vendor and priority, and by vendor and channel. Unanswered probes are censored
/// at the latest timestamp of the file.
fn response_time_stats(inputs: &Inputs, rubric: &Rubric) -> (Vec<GroupReport>, Vec<Comparison>) {
    let tickets = &inputs.measurements.tickets;
    let latest = tickets
        .iter()
        .flat_map(|t| [Some(t.sent), t.first_response_at, t.resolved_at])
        .flatten()
        .max();
    let mut stats = Vec::new();
    let mut comparisons = Vec::new();
    for by in ["vendor", "vendor,priority", "vendor,channel"] {
        let by = GroupBy::parse(by).expect("valid grouping");
        let mut acc = Accumulator::new(by, None, &rubric.first_response_targets);
        for t in tickets {
            acc.row(&t.row());
        }
        let groups = acc.finish(latest);
        comparisons.extend(compare_adjacent(&groups));
        stats.extend(groups);
    }
    stats.sort_by(|a, b| a.key.cmp(&b.key));
    (stats, comparisons)
}
