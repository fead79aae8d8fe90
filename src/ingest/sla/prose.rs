//! Response and resolution promises in prose: a line split into sentences and clauses.

use crate::ingest::sla::lex::duration::{durations_in, Duration};
use crate::ingest::sla::lex::percent::percents_in;
use crate::ingest::sla::lex::split_on;
use crate::ingest::sla::lines::{split_sentences, without_parentheses};
use crate::ingest::sla::plans::PlanFinder;
use crate::ingest::sla::scope;
use crate::ingest::sla::section::{clock_of, Section};
use crate::ingest::sla::vocab::{
    is_credit, is_negated, is_statistic, priorities_in, resolution_metric, vocabulary,
};
use crate::model::domain::Priority;
use crate::model::evidence::Evidence;
use crate::model::sla::{ResolutionCommitment, ResponseCommitment, SlaDocument};

pub(super) fn read_prose_line(
    doc: &mut SlaDocument,
    plans: &PlanFinder,
    norm: &str,
    section: &Section,
    ev: &dyn Fn() -> Evidence,
) {
    // Every promise read here states a duration or a percentage: a line with neither (most
    // lines of a long page) holds none, in any of its parts.
    if durations_in(norm).is_empty() && percents_in(norm).is_empty() {
        return;
    }
    let v = vocabulary();
    // The sentences of the line, each with whether it continues the one before it after a
    // semicolon: "紧急工单:客户业务不可用,需要立即处理;15分钟内响应" names the level in one part and
    // promises in the next, so the level carries over a semicolon (never over a full stop).
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for full in split_on(norm, &['。', '!', '!', '?', '?']) {
        for (j, part) in split_on(&full, &[';', ';']).into_iter().enumerate() {
            for (k, sentence) in split_sentences(part).into_iter().enumerate() {
                pieces.push((sentence, j > 0 && k == 0));
            }
        }
    }
    let label = plans.label_plans(norm);
    // The line outside its clauses that state durations (found once, when a promise needs it).
    let line_context: std::cell::OnceCell<String> = std::cell::OnceCell::new();
    let mut carry: Vec<Priority> = section.priorities.clone();
    for (sentence, continues) in pieces {
        if is_negated(&sentence) || is_statistic(&sentence) {
            continue;
        }
        let start = if continues {
            carry.clone()
        } else {
            section.priorities.clone()
        };
        // An exception clause limits the statement it is attached to: the plans it names are
        // its own ("P1 within 1 hour, except on the Premier plan, where ... 15 minutes"), and
        // the statement is about the plans named outside it.
        let parts = scope::parts(&sentence);
        let statement: Vec<&str> = parts
            .iter()
            .filter(|p| !p.exception)
            .map(|p| p.text.as_str())
            .collect();
        let statement_plans = plans.plans_under(label.clone(), &statement.join(", "), &section.plan);
        // A statement naming several plans, one per comma-separated clause ("旗舰版 15 分钟内
        // 响应,专业版 30 分钟内响应"): each clause is for the plans it names, or those the
        // clause before it named.
        let per_clause = statement_plans.len() > 1;
        let mut clauses: Vec<(String, Vec<Option<String>>)> = Vec::new();
        for part in &parts {
            let named = if part.exception {
                plans.named_in(&part.text)
            } else {
                Vec::new()
            };
            let mut part_plans: Vec<Option<String>> = if named.is_empty() {
                statement_plans.clone()
            } else {
                named.into_iter().map(Some).collect()
            };
            for comma_part in split_on(&part.text, &[',']) {
                let own = if per_clause && !part.exception {
                    plans.named_in(&comma_part)
                } else {
                    Vec::new()
                };
                if !own.is_empty() {
                    part_plans = own.into_iter().map(Some).collect();
                }
                for c in split_on(&comma_part, &['、', '·']) {
                    clauses.push((c, part_plans.clone()));
                }
            }
        }
        let mut carried: Vec<Priority> = start;
        // The response promises of the sentence so far: (level, minutes, plans).
        let mut promised: Vec<(Priority, f64, Vec<Option<String>>)> = Vec::new();
        for (clause, clause_plans) in clauses {
            if v.exclude.is_match_normalized(&clause) || is_credit(&clause) {
                continue;
            }
            let ps = priorities_in(&clause);
            if !ps.is_empty() {
                carried = ps.clone();
            }
            let durations = durations_in(&clause);
            // A clause with no duration and no percentage promises nothing: it only names
            // the levels the next clause is about.
            if durations.is_empty() && percents_in(&clause).is_empty() {
                continue;
            }
            // Parentheses hold definitions ("a problem with a workaround"): not what is promised.
            let bare = without_parentheses(&clause);
            // When both kinds of words occur, the first names what the duration is for:
            // "resolved within 48 hours of the first response" is a resolution promise.
            let (resolve_at, respond_at) = (
                v.resolve_words.first_position(&bare),
                v.respond_words.first_position(&bare),
            );
            let resolves = match (resolve_at, respond_at) {
                (Some(a), Some(b)) => a < b,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => section.resolves,
            };
            let responds_here = respond_at.is_some() && !resolves;
            let mut found: Vec<ResponseCommitment> = Vec::new();
            let mut found_res: Vec<ResolutionCommitment> = Vec::new();
            if durations.is_empty() {
                if resolves && !responds_here {
                    // "95% of tickets resolved and 60% first-contact resolution": one rate each.
                    for part in bare.split(" and ").flat_map(|p| p.split('并')) {
                        let text = if part.contains('%') { part } else { bare.as_str() };
                        if let Some(pct) = percents_in(part).first().copied() {
                            found_res.push(ResolutionCommitment {
                                plan: None,
                                priority: carried.first().copied(),
                                metric: resolution_metric(text, true),
                                minutes: None,
                                percent: Some(pct),
                                business_days: None,
                                evidence: ev(),
                            });
                        }
                    }
                }
            } else {
                let responds = responds_here
                    || ((v.respond.is_match_normalized(&sentence) || section.responds) && !resolves);
                if resolves && !responds_here {
                    // "a workaround within 4 hours and a fix within 24 hours": one promise each.
                    let parts: Vec<String> = bare
                        .split(" and ")
                        .flat_map(|p| p.split('并'))
                        .flat_map(|p| p.split(" then "))
                        .map(str::to_string)
                        .collect();
                    let per_part: Vec<(String, Duration)> = parts
                        .iter()
                        .filter_map(|p| durations_in(p).last().map(|d| (p.clone(), *d)))
                        .collect();
                    let items = if durations.len() > 1 && per_part.len() == durations.len() {
                        per_part
                    } else {
                        vec![(bare.clone(), durations[durations.len() - 1])]
                    };
                    for (text, d) in items {
                        let own = priorities_in(&text);
                        found_res.push(ResolutionCommitment {
                            plan: None,
                            priority: own.first().copied().or(carried.first().copied()),
                            metric: resolution_metric(&text, false),
                            minutes: Some(d.minutes),
                            // "90% of cases resolved within 48 hours": a time met by a share.
                            percent: percents_in(&text).first().copied().filter(|p| *p <= 100.0),
                            business_days: d.business_days,
                            evidence: ev(),
                        });
                    }
                } else if responds && !(carried.is_empty() && !responds_here && !section.responds) {
                    // The clock of a promise: what its own clause says, and what the line
                    // says outside the clauses that state other durations ("Business hours:
                    // P1 within 2 hours" is business; in "P1 in 1 hr, P3 in 1 business day"
                    // only P3 is).
                    let context = line_context.get_or_init(|| {
                        norm.split([',', ',', '、', '。', ';', ';', '·'])
                            .filter(|part| durations_in(part).is_empty())
                            .collect::<Vec<&str>>()
                            .join(" ")
                    });
                    let clock_text = format!("{clause} {context}");
                    let pairs: Vec<(Option<Priority>, Duration)> =
                        if carried.len() == durations.len() && carried.len() > 1 {
                            carried
                                .iter()
                                .map(|p| Some(*p))
                                .zip(durations.iter().copied())
                                .collect()
                        } else {
                            let d = durations[durations.len() - 1];
                            if carried.is_empty() {
                                vec![(None, d)]
                            } else {
                                carried.iter().map(|p| (Some(*p), d)).collect()
                            }
                        };
                    let pairs = if ps.is_empty() {
                        pairs
                    } else {
                        named_again(pairs, &promised, &clause_plans)
                    };
                    for (p, d) in pairs {
                        if let Some(p) = p {
                            promised.push((p, d.minutes, clause_plans.clone()));
                        }
                        let (business, around) = clock_of(&clock_text, section, &d);
                        found.push(ResponseCommitment {
                            plan: None,
                            priority: p,
                            minutes: d.minutes,
                            business_hours: business,
                            around_the_clock: around,
                            business_days: d.business_days,
                            evidence: ev(),
                        });
                    }
                }
            }
            for plan in &clause_plans {
                for c in &found {
                    doc.first_response.push(ResponseCommitment {
                        plan: plan.clone(),
                        ..c.clone()
                    });
                }
                for r in &found_res {
                    doc.resolution.push(ResolutionCommitment {
                        plan: plan.clone(),
                        ..r.clone()
                    });
                }
            }
        }
        carry = carried;
    }
}

/// A level a clause names again after an earlier clause of the same sentence promised it
/// another duration, for the same plans: "普通问题2小时内首次回复,一般咨询类问题次日回复" reads
/// 普通 and 一般 both as normal, yet says two things about two kinds of request, not two
/// promises for one level. The later clause keeps the other levels it names (一般咨询类: the
/// inquiry class, which [`Priority`] has as `Low`, as `Priority::parse("咨询")` does). When it
/// names no other, its promise is recorded without a level (`None`, any request) rather than
/// as a second promise for the first level: Priority has no class for "general questions",
/// and a second normal promise would be checked against the same probes twice.
fn named_again(
    pairs: Vec<(Option<Priority>, Duration)>,
    promised: &[(Priority, f64, Vec<Option<String>>)],
    plans: &[Option<String>],
) -> Vec<(Option<Priority>, Duration)> {
    let again = |p: &Option<Priority>, d: &Duration| {
        promised
            .iter()
            .any(|(q, m, ps)| Some(*q) == *p && *m != d.minutes && ps == plans)
    };
    let Some(first_again) = pairs.iter().find(|(p, d)| again(p, d)).map(|(_, d)| *d) else {
        return pairs;
    };
    let fresh: Vec<(Option<Priority>, Duration)> = pairs.into_iter().filter(|(p, d)| !again(p, d)).collect();
    if fresh.is_empty() {
        vec![(None, first_again)]
    } else {
        fresh
    }
}
