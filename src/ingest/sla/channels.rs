//! Channel offers: from the rows of plan tables and from prose.

use crate::ingest::sla::lex::percent::percents_in;
use crate::ingest::sla::lex::split_on;
use crate::ingest::sla::lines::split_sentences;
use crate::ingest::sla::plans::PlanFinder;
use crate::ingest::sla::vocab::{is_negated, offered, vocabulary};
use crate::model::domain::Channel;
use crate::model::evidence::Evidence;
use crate::model::sla::{ChannelOffer, SlaDocument};

#[allow(clippy::too_many_arguments)]
pub(super) fn read_channels(
    doc: &mut SlaDocument,
    plans: &PlanFinder,
    norm: &str,
    is_table_row: bool,
    header: Option<&[String]>,
    cells: &[String],
    row_plan: &Option<String>,
    ev: Evidence,
) {
    let v = vocabulary();
    if is_table_row {
        if let Some(header) = header {
            // A channel row of a plan table: offered under each plan whose cell says so.
            let label = cells.first().map(String::as_str).unwrap_or("");
            let found = v.channels.find_groups_normalized(label);
            for (g, _) in &found {
                let mut any_plan = false;
                for (col, cell) in cells.iter().enumerate().skip(1) {
                    let head = header.get(col).map(String::as_str).unwrap_or("");
                    let Some(plan) = plans.plan_in(head) else { continue };
                    any_plan = true;
                    if offered(cell) {
                        doc.channels.push(ChannelOffer {
                            channel: Channel::ALL[*g],
                            plan: Some(plan),
                            evidence: ev.clone(),
                        });
                    }
                }
                if !any_plan && !is_negated(norm) {
                    doc.channels.push(ChannelOffer {
                        channel: Channel::ALL[*g],
                        plan: row_plan.clone(),
                        evidence: ev.clone(),
                    });
                }
            }
            // Channels named in the cells of a row labelled by something else.
            if found.is_empty() {
                for (col, cell) in cells.iter().enumerate().skip(1) {
                    if !offered(cell) {
                        continue;
                    }
                    let head = header.get(col).map(String::as_str).unwrap_or("");
                    let plan = plans.plan_in(head).or_else(|| row_plan.clone());
                    for (g, _) in v.channels.find_groups_normalized(cell) {
                        doc.channels.push(ChannelOffer {
                            channel: Channel::ALL[g],
                            plan: plan.clone(),
                            evidence: ev.clone(),
                        });
                    }
                }
            }
            return;
        }
        return; // a header row names columns, not offers
    }
    for clause in split_on(norm, &[';', ';', '。'])
        .into_iter()
        .flat_map(split_sentences)
    {
        // "live chat widgets", "群聊功能": the product, not a way to reach support.
        let product = ["widget", "build ", "组件", "功能", "feature", "powers ", "sdk"];
        if product.iter().any(|w| clause.contains(w)) {
            continue;
        }
        let clause_plans = plans.plans_for(norm, &clause, row_plan);
        // Negation is judged per comma-separated part: "仅提供社区支持,不承诺响应时间".
        let offered_parts: Vec<String> = split_on(&clause, &[',', ','])
            .into_iter()
            .filter(|part| !is_negated(part))
            .collect();
        let rate = !percents_in(&clause).is_empty();
        for (g, _) in v.channels.find_groups_normalized(&offered_parts.join(" ; ")) {
            // "95% of tickets resolved": a ticket counted, not a way to reach support.
            if rate && Channel::ALL[g] == Channel::Ticket {
                continue;
            }
            for plan in &clause_plans {
                doc.channels.push(ChannelOffer {
                    channel: Channel::ALL[g],
                    plan: plan.clone(),
                    evidence: ev.clone(),
                });
            }
        }
    }
}
