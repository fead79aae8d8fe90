//! Response and resolution promises in table rows: each cell read with its column header
//! and its row label.

use crate::ingest::sla::lex::duration::durations_in;
use crate::ingest::sla::lex::percent::percents_in;
use crate::ingest::sla::plans::PlanFinder;
use crate::ingest::sla::section::{clock_of, Section};
use crate::ingest::sla::vocab::{cell_priorities, is_credit, offered, resolution_metric, vocabulary};
use crate::model::domain::Priority;
use crate::model::evidence::Evidence;
use crate::model::sla::{ResolutionCommitment, ResponseCommitment, SlaDocument};

pub(super) fn read_table_row(
    doc: &mut SlaDocument,
    plans: &PlanFinder,
    header: &[String],
    cells: &[String],
    section: &Section,
    ev: &dyn Fn() -> Evidence,
) {
    let v = vocabulary();
    let label = cells.first().map(String::as_str).unwrap_or("");
    let label_priorities = cell_priorities(label);
    let label_plan = plans.plan_in(label);
    let row_text = cells.join(" ");
    // A table keyed by its targets (`| 响应方式 | 服务内容 |` / `| 半小时 | ... |`): the label
    // column holds the promise when its header names responding or resolving.
    let head0 = header.first().map(String::as_str).unwrap_or("");
    let label_is_value = (v.respond.is_match_normalized(head0) || v.resolve.is_match_normalized(head0))
        && !durations_in(label).is_empty()
        && cells.iter().skip(1).all(|c| durations_in(c).is_empty());
    let first = if label_is_value { 0 } else { 1 };
    for (col, cell) in cells.iter().enumerate().skip(first) {
        let head = header.get(col).map(String::as_str).unwrap_or("");
        let label = if col == 0 { "" } else { label };
        let context = format!("{head} {label}");
        if v.exclude.is_match_normalized(&context) || !offered(cell) {
            continue;
        }
        let cell_plan = plans
            .plan_in(head)
            .or_else(|| label_plan.clone())
            .or_else(|| section.plan.clone());
        let mut priorities = label_priorities.clone();
        if priorities.is_empty() {
            priorities = cell_priorities(head);
        }
        if priorities.is_empty() {
            priorities = section.priorities.clone();
        }
        let durations = durations_in(cell);
        // Under a heading or caption about resolving, a table's times are resolution times
        // unless its own header or label says responding.
        let resolves = v.resolve.is_match_normalized(&context)
            || (section.resolves && !section.responds && !v.respond.is_match_normalized(&context));
        let responds = v.respond.is_match_normalized(&context)
            || (section.responds && !resolves && !v.resolve.is_match_normalized(head));
        let clock_text = format!(
            "{cell} {head} {label} {}",
            header.first().map(String::as_str).unwrap_or("")
        );
        if let Some(d) = durations.last() {
            if resolves {
                doc.resolution.push(ResolutionCommitment {
                    plan: cell_plan.clone(),
                    priority: priorities.first().copied(),
                    metric: resolution_metric(&context, false),
                    minutes: Some(d.minutes),
                    percent: None,
                    business_days: d.business_days,
                    evidence: ev(),
                });
            } else if responds {
                let (business, around) = clock_of(&clock_text, section, d);
                let targets: Vec<Option<Priority>> = if priorities.is_empty() {
                    vec![None]
                } else {
                    priorities.iter().map(|p| Some(*p)).collect()
                };
                for p in targets {
                    doc.first_response.push(ResponseCommitment {
                        plan: cell_plan.clone(),
                        priority: p,
                        minutes: d.minutes,
                        business_hours: business,
                        around_the_clock: around && !row_text.is_empty(),
                        business_days: d.business_days,
                        evidence: ev(),
                    });
                }
            }
        } else if let Some(pct) = percents_in(cell).first().copied() {
            if resolves && !is_credit(&context) {
                doc.resolution.push(ResolutionCommitment {
                    plan: cell_plan.clone(),
                    priority: priorities.first().copied(),
                    metric: resolution_metric(&context, true),
                    minutes: None,
                    percent: Some(pct),
                    business_days: None,
                    evidence: ev(),
                });
            }
        }
    }
}
