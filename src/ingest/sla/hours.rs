//! Support hours: from table headers, table rows and prose.

use crate::ingest::sla::lex::duration::durations_in;
use crate::ingest::sla::lex::schedule::schedules_in;
use crate::ingest::sla::lex::split_on;
use crate::ingest::sla::lex::zone::zone_in;
use crate::ingest::sla::lines::{continues_paragraph, SourceLine};
use crate::ingest::sla::plans::PlanFinder;
use crate::ingest::sla::section::Section;
use crate::ingest::sla::vocab::{is_hours_context, is_negated, vocabulary};
use crate::model::evidence::Evidence;
use crate::model::sla::{Schedule, SlaDocument, SupportHours};
use crate::text::normalize;

#[allow(clippy::too_many_arguments)]
pub(super) fn read_hours(
    doc: &mut SlaDocument,
    plans: &PlanFinder,
    norm: &str,
    next: Option<&SourceLine>,
    row_plan: &Option<String>,
    section: &Section,
    header: Option<&[String]>,
    cells: &[String],
    ev: Evidence,
) {
    let v = vocabulary();
    let own_zone = zone_in(norm).or_else(|| {
        next.filter(|n| continues_paragraph(&n.text))
            .and_then(|n| zone_in(&normalize(&n.text)))
    });
    let zone = own_zone.or_else(|| section.timezone.clone());
    let mut push = |schedule: Schedule, plan: Option<String>| {
        // Around the clock needs no time zone.
        let zone = zone.as_ref().filter(|_| schedule != Schedule::AlwaysOn);
        doc.support_hours.push(SupportHours {
            plan,
            schedule,
            utc_offset_minutes: zone.map(|z| z.0),
            timezone: zone.map(|z| z.1.clone()),
            evidence: ev.clone(),
        });
    };
    if header.is_none() && !cells.is_empty() {
        // A table's header row: hours named in a column header belong to its plan.
        for cell in cells {
            for sched in schedules_in(cell) {
                push(sched, plans.plan_in(cell).or_else(|| row_plan.clone()));
            }
        }
        return;
    }
    if let (Some(header), false) = (header, cells.is_empty()) {
        // A table row: hours in a cell belong to that column's plan.
        let label = cells.first().map(String::as_str).unwrap_or("");
        // A plan row labelled "Scale Plus (24/7)": that plan's support runs around the clock.
        if let Some(plan) = plans.plan_in(label) {
            if v.always_on.is_match(label) {
                push(Schedule::AlwaysOn, Some(plan));
            }
        }
        for (col, cell) in cells.iter().enumerate().skip(1) {
            let head = header.get(col).map(String::as_str).unwrap_or("");
            let plan = plans.plan_in(head).or_else(|| row_plan.clone());
            let context_is_hours = is_hours_context(label) || is_hours_context(head);
            for s in schedules_in(cell) {
                if s != Schedule::AlwaysOn
                    || context_is_hours
                    || v.always_on.is_match(cell) && cell.len() < 40
                {
                    push(s, plan.clone());
                }
            }
        }
        return;
    }
    for clause in split_on(norm, &[';', ';', '。']) {
        let clause_plans = plans.plans_for(norm, &clause, row_plan);
        // "P1: 15 minutes (7x24)" is about a promise's clock, not about when support works.
        // "P1: 15 minutes, 24x7" is about a promise's clock, not about when support works;
        // "..., 7x24 support" is both.
        let support_words = [
            "support",
            "支持",
            "服务",
            "coverage",
            "available",
            "值班",
            "staffed",
        ];
        let promise_clock = !durations_in(&clause).is_empty()
            && split_on(&clause, &[',', ',', '、'])
                .iter()
                .filter(|part| vocabulary().always_on.is_match(part))
                .all(|part| !support_words.iter().any(|w| part.contains(w)));
        if is_negated(&clause) {
            continue;
        }
        for sched in schedules_in(&clause) {
            if sched == Schedule::AlwaysOn && promise_clock {
                continue;
            }
            for plan in &clause_plans {
                push(sched, plan.clone());
            }
        }
    }
}
