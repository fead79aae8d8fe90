//! Channel offers: from the rows of plan tables and from prose.

use crate::ingest::sla::lex::percent::percents_in;
use crate::ingest::sla::lex::split_on;
use crate::ingest::sla::lines::split_sentences;
use crate::ingest::sla::plans::PlanFinder;
use crate::ingest::sla::scope;
use crate::ingest::sla::vocab::{is_negated, offered, vocabulary, WEAK_CHANNEL_WORDS};
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
    ev: &dyn Fn() -> Evidence,
) {
    let v = vocabulary();
    // Every offer read here names a channel phrase: a line naming none (most lines) offers
    // none, in any of its cells or clauses.
    if !v.channels.is_match_normalized(norm) {
        return;
    }
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
                            evidence: ev(),
                        });
                    }
                }
                if !any_plan && !is_negated(norm) {
                    doc.channels.push(ChannelOffer {
                        channel: Channel::ALL[*g],
                        plan: row_plan.clone(),
                        evidence: ev(),
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
                            evidence: ev(),
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
        // "live chat widgets", "群聊功能": the product, not a way to reach support ("重要功能不可用"
        // speaks of the customer's product, so a bare 功能 does not count).
        let product = [
            "widget",
            "build ",
            "组件",
            "聊天功能",
            "群聊功能",
            "客服功能",
            "工单功能",
            "feature",
            "powers ",
            "sdk",
        ];
        if product.iter().any(|w| clause.contains(w)) {
            continue;
        }
        // Negation is judged per comma-separated part: "仅提供社区支持,不承诺响应时间".
        let offered_parts: Vec<String> = split_on(&clause, &[',', ','])
            .into_iter()
            .filter(|part| !is_negated(part))
            .collect();
        let rate = !percents_in(&clause).is_empty();
        let offered_text = offered_parts.join(" ; ");
        let mut groups: Vec<usize> = v
            .channels
            .find_groups_normalized(&offered_text)
            .into_iter()
            .map(|(g, _)| g)
            .collect();
        // A bare "chat" or "calls" names a channel only in a list of channels ("Tickets, Chat,
        // and calls"); alone it may be the product ("chat or push delivery is down").
        if !groups.is_empty() {
            for (g, _) in v.channel_words.find_groups_normalized(&offered_text) {
                let channel = WEAK_CHANNEL_WORDS[g].0;
                let g = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
        }
        if groups.is_empty() {
            continue;
        }
        // A plan named only in an exception clause ("所有版本均提供电话支持,标准版除外",
        // "phone support on every plan except Starter") is not offered the channel.
        let statement: Vec<String> = scope::parts(&clause)
            .into_iter()
            .filter(|p| !p.exception)
            .map(|p| p.text)
            .collect();
        let clause_plans = plans.plans_for(norm, &statement.join(", "), row_plan);
        for g in groups {
            // "95% of tickets resolved": a ticket counted, not a way to reach support.
            if rate && Channel::ALL[g] == Channel::Ticket {
                continue;
            }
            for plan in &clause_plans {
                doc.channels.push(ChannelOffer {
                    channel: Channel::ALL[g],
                    plan: plan.clone(),
                    evidence: ev(),
                });
            }
        }
    }
}
