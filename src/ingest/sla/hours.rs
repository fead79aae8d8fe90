//! Support hours: from table headers, table rows and prose.

use crate::ingest::sla::lex::duration::durations_in;
use crate::ingest::sla::lex::schedule::{may_state_hours, schedules_in};
use crate::ingest::sla::lex::split_on;
use crate::ingest::sla::lex::zone::zone_in;
use crate::ingest::sla::lines::{continues_paragraph, split_sentences, SourceLine};
use crate::ingest::sla::plans::PlanFinder;
use crate::ingest::sla::scope;
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
    ev: &dyn Fn() -> Evidence,
) {
    let v = vocabulary();
    // Hours are a 7x24 form or a time range: a line with neither (most lines) states none,
    // in any of its cells or parts.
    if !may_state_hours(norm) {
        return;
    }
    let own_zone = zone_in(norm).or_else(|| {
        next.filter(|n| continues_paragraph(&n.text))
            .and_then(|n| zone_in(&normalize(&n.text)))
    });
    let zone = own_zone.or_else(|| section.timezone.clone());
    let mut push_one = |schedule: Schedule, plan: Option<String>| {
        // Around the clock needs no time zone.
        let zone = zone.as_ref().filter(|_| schedule != Schedule::AlwaysOn);
        doc.support_hours.push(SupportHours {
            plan,
            schedule,
            utc_offset_minutes: zone.map(|z| z.0),
            timezone: zone.map(|z| z.1.clone()),
            evidence: ev(),
        });
    };
    if header.is_none() && !cells.is_empty() {
        // A table's header row: hours named in a column header belong to its plan.
        for cell in cells {
            for sched in schedules_in(cell) {
                push_one(sched, plans.plan_in(cell).or_else(|| row_plan.clone()));
            }
        }
        return;
    }
    if let (Some(header), false) = (header, cells.is_empty()) {
        // A table row: hours in a cell belong to that column's plan.
        let label = cells.first().map(String::as_str).unwrap_or("");
        // A plan row labelled "Scale Plus (24/7)": that plan's support runs around the clock.
        if let Some(plan) = plans.plan_in(label) {
            if v.always_on.is_match_normalized(label) {
                push_one(Schedule::AlwaysOn, Some(plan));
            }
        }
        for (col, cell) in cells.iter().enumerate().skip(1) {
            let head = header.get(col).map(String::as_str).unwrap_or("");
            let plan = plans.plan_in(head).or_else(|| row_plan.clone());
            let context_is_hours = is_hours_context(label) || is_hours_context(head);
            for s in schedules_in(cell) {
                if s != Schedule::AlwaysOn
                    || context_is_hours
                    || v.always_on.is_match_normalized(cell) && cell.len() < 40
                {
                    push_one(s, plan.clone());
                }
            }
        }
        return;
    }
    for statement in split_on(norm, &[';', ';', '。'])
        .into_iter()
        .flat_map(split_sentences)
    {
        if is_negated(&statement) {
            continue;
        }
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
        let promise_clock = !durations_in(&statement).is_empty()
            && split_on(&statement, &[',', ',', '、'])
                .iter()
                .filter(|part| v.always_on.is_match_normalized(part))
                .all(|part| !support_words.iter().any(|w| part.contains(w)));
        // The zone of the part that states the hours, else of the sentence, else the line's.
        let statement_zone = zone_in(&statement).or_else(|| zone.clone());
        let mut push = |sched: Schedule, plans: &[Option<String>], part: &str| {
            if sched == Schedule::AlwaysOn && promise_clock {
                return;
            }
            // Around the clock needs no time zone.
            let zone = zone_in(part).or_else(|| statement_zone.clone());
            let zone = zone.as_ref().filter(|_| sched != Schedule::AlwaysOn);
            for plan in plans {
                doc.support_hours.push(SupportHours {
                    plan: plan.clone(),
                    schedule: sched,
                    utc_offset_minutes: zone.map(|z| z.0),
                    timezone: zone.map(|z| z.1.clone()),
                    evidence: ev(),
                });
            }
        };
        let parts = scope::parts(&statement);
        // An exception limits a statement of hours: when the rest states none, the
        // sentence is read whole.
        let limits = parts
            .iter()
            .any(|p| !p.exception && !schedules_in(&p.text).is_empty());
        if !limits {
            let plans = plans.plans_for(norm, &statement, row_plan);
            for sched in schedules_in(&statement) {
                push(sched, &plans, &statement);
            }
            continue;
        }
        let labelled = plans.label_plans(norm);
        let mut current: Vec<Option<String>> = if labelled.is_empty() {
            vec![row_plan.clone()]
        } else {
            labelled.iter().cloned().map(Some).collect()
        };
        for part in parts {
            if part.exception {
                // The excepted case's hours are its own narrower fact, recorded only for the
                // plans it names ("except ... on the Premier plan, which are handled 24/7"):
                // never the vendor's or every plan's hours.
                let named = plans.named_in(&part.text);
                if !named.is_empty() {
                    let named: Vec<Option<String>> = named.into_iter().map(Some).collect();
                    for sched in schedules_in(&part.text) {
                        push(sched, &named, &part.text);
                    }
                }
                continue;
            }
            // Each part that names a plan's customers scopes the hours after it to that plan.
            for segment in scope::hour_segments(&part.text) {
                let named = plans.named_in(&segment);
                if !named.is_empty() {
                    current = named.into_iter().map(Some).collect();
                }
                for sched in schedules_in(&segment) {
                    push(sched, &current, &segment);
                }
            }
        }
    }
}
