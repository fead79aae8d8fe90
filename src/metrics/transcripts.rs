//! What a probe conversation shows: reply latency, transfers, stalling, and which probe
//! questions got a substantive answer (the concepts an expert answer names).

use crate::evidence::Evidence;
use crate::ingest::transcript::{Role, Transcript};
use crate::rubric::Rubric;
use crate::stats::median;
use crate::text::{normalize, PhraseMatcher};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ConversationAnalysis {
    pub file: String,
    pub vendor: String,
    pub messages: usize,
    pub first_reply_seconds: Option<f64>,
    pub median_reply_seconds: Option<f64>,
    pub transfers: Vec<Evidence>,
    pub stalls: Vec<Evidence>,
    pub probes: Vec<ProbeOutcome>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProbeOutcome {
    pub id: String,
    pub asked_line: usize,
    pub answered: bool,
    pub coverage: f64,
    pub concepts_found: Vec<String>,
    pub concepts_missing: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// The rubric's phrase lists compiled once: one automaton per list.
pub struct TranscriptMatcher<'r> {
    rubric: &'r Rubric,
    asked: PhraseMatcher,
    concepts: Vec<PhraseMatcher>,
    transfers: PhraseMatcher,
    stalls: PhraseMatcher,
    refusals: PhraseMatcher,
}

impl<'r> TranscriptMatcher<'r> {
    pub fn new(rubric: &'r Rubric) -> Self {
        let asked: Vec<Vec<&str>> = rubric
            .probes
            .iter()
            .map(|p| p.asked.iter().map(String::as_str).collect())
            .collect();
        let concepts = rubric
            .probes
            .iter()
            .map(|p| {
                let groups: Vec<Vec<&str>> = p
                    .concepts
                    .iter()
                    .map(|c| c.terms.iter().map(String::as_str).collect())
                    .collect();
                PhraseMatcher::new(&groups)
            })
            .collect();
        TranscriptMatcher {
            rubric,
            asked: PhraseMatcher::new(&asked),
            concepts,
            transfers: PhraseMatcher::single(&rubric.transfer_phrases),
            stalls: PhraseMatcher::single(&rubric.stall_phrases),
            refusals: PhraseMatcher::single(&rubric.refusal_phrases),
        }
    }

    pub fn analyze(&self, t: &Transcript) -> ConversationAnalysis {
        let msgs = &t.messages;
        let norm: Vec<String> = msgs.iter().map(|m| normalize(&m.text)).collect();
        let excerpt = |i: usize| Evidence::line(&t.file, msgs[i].line, clip(&msgs[i].text, 160));

        // Latency: each evaluator message to the first agent message after it, before the
        // evaluator speaks again.
        let mut latencies = Vec::new();
        for (i, m) in msgs.iter().enumerate() {
            if m.role != Role::Evaluator || (i > 0 && msgs[i - 1].role == Role::Evaluator) {
                continue;
            }
            for later in &msgs[i + 1..] {
                match later.role {
                    Role::Agent => {
                        latencies.push((later.at - m.at).num_seconds() as f64);
                        break;
                    }
                    Role::Evaluator => break,
                    _ => {}
                }
            }
        }

        let mut transfers = Vec::new();
        let mut stalls = Vec::new();
        for (i, m) in msgs.iter().enumerate() {
            if m.role == Role::Evaluator {
                continue;
            }
            if !self.transfers.find_groups_normalized(&norm[i]).is_empty() {
                transfers.push(excerpt(i));
            }
            if m.role != Role::System && !self.stalls.find_groups_normalized(&norm[i]).is_empty() {
                stalls.push(excerpt(i));
            }
        }

        // Probes: an evaluator message that asks one; the answer is every agent message until
        // the evaluator asks another probe.
        let mut asks: Vec<(usize, usize)> = Vec::new(); // (message index, probe index)
        for (i, m) in msgs.iter().enumerate() {
            if m.role == Role::Evaluator {
                for (p, _) in self.asked.find_groups_normalized(&norm[i]) {
                    asks.push((i, p));
                }
            }
        }
        let mut probes: Vec<ProbeOutcome> = Vec::new();
        for (k, &(i, p)) in asks.iter().enumerate() {
            // Asking the same probe again (a follow-up) continues its answer window, which
            // ends when the evaluator asks a different probe.
            let follow_up = asks[..k]
                .iter()
                .rev()
                .find(|a| a.0 < i)
                .is_some_and(|prev| prev.1 == p);
            if follow_up {
                continue;
            }
            let end = asks[k + 1..]
                .iter()
                .find(|a| a.0 > i && a.1 != p)
                .map(|a| a.0)
                .unwrap_or(msgs.len());
            let probe = &self.rubric.probes[p];
            let mut found = vec![false; probe.concepts.len()];
            let mut evidence = Vec::new();
            for j in i + 1..end {
                if msgs[j].role != Role::Agent {
                    continue;
                }
                // A concept named only to refuse it ("压测报告属于内部资料", "not publicly
                // available") is not an answer: sentences with a refusal are skipped.
                let mut hits: Vec<(usize, String)> = Vec::new();
                for sentence in sentences(&norm[j]) {
                    if !self.refusals.find_groups_normalized(sentence).is_empty() {
                        continue;
                    }
                    hits.extend(self.concepts[p].find_groups_normalized(sentence));
                }
                if !hits.is_empty() {
                    evidence.push(excerpt(j));
                }
                for (g, _) in hits {
                    found[g] = true;
                }
            }
            let n_found = found.iter().filter(|f| **f).count();
            let outcome = ProbeOutcome {
                id: probe.id.clone(),
                asked_line: msgs[i].line,
                answered: n_found >= probe.min_concepts,
                coverage: n_found as f64 / probe.concepts.len().max(1) as f64,
                concepts_found: probe
                    .concepts
                    .iter()
                    .zip(&found)
                    .filter(|(_, f)| **f)
                    .map(|(c, _)| c.id.clone())
                    .collect(),
                concepts_missing: probe
                    .concepts
                    .iter()
                    .zip(&found)
                    .filter(|(_, f)| !**f)
                    .map(|(c, _)| c.id.clone())
                    .collect(),
                evidence,
            };
            // A probe asked twice in one conversation: keep the better answer.
            match probes.iter_mut().find(|o| o.id == outcome.id) {
                Some(existing) if existing.coverage >= outcome.coverage => {}
                Some(existing) => *existing = outcome,
                None => probes.push(outcome),
            }
        }

        ConversationAnalysis {
            file: t.file.clone(),
            vendor: t.vendor.clone(),
            messages: msgs.len(),
            first_reply_seconds: latencies.first().copied(),
            median_reply_seconds: median(&latencies),
            transfers,
            stalls,
            probes,
        }
    }
}

/// Sentences of normalized text: split at Chinese and English sentence ends.
fn sentences(s: &str) -> impl Iterator<Item = &str> {
    s.split(['。', '!', '?', ';', '\n']).flat_map(|p| p.split(". "))
}

fn clip(s: &str, max: usize) -> String {
    let flat = s.replace('\n', " ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut out: String = flat.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// Per vendor: the best outcome for each probe asked in any of its conversations.
pub fn best_outcomes<'a>(convs: &[&'a ConversationAnalysis]) -> Vec<&'a ProbeOutcome> {
    let mut best: Vec<&ProbeOutcome> = Vec::new();
    for c in convs {
        for o in &c.probes {
            match best.iter_mut().find(|b| b.id == o.id) {
                Some(b) if (b.answered, b.coverage) >= (o.answered, o.coverage) => {}
                Some(b) => *b = o,
                None => best.push(o),
            }
        }
    }
    best.sort_by(|a, b| a.id.cmp(&b.id));
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::transcript::parse;
    use crate::rubric::{parse as parse_rubric, BUILTIN_DEFAULT};

    #[test]
    fn probe_answered_with_concepts_and_transfer_counted() {
        let rubric = parse_rubric(BUILTIN_DEFAULT, "default.toml").unwrap();
        let src = "[2026-10-14 09:00:00 +08:00] evaluator: 弱网环境下怎么保证高清视频质量?\n\
[2026-10-14 09:02:00 +08:00] agent(A): 请稍等,我帮您转接技术同事\n\
[2026-10-14 09:10:00 +08:00] agent(B): 我们用码率自适应和FEC前向纠错,70%丢包下仍可通话,另有抖动缓冲。\n";
        let (t, _) = parse(src, "t.txt", "v").unwrap();
        let a = TranscriptMatcher::new(&rubric).analyze(&t);
        assert_eq!(a.first_reply_seconds, Some(120.0));
        assert_eq!(a.transfers.len(), 1);
        assert_eq!(a.transfers[0].line, Some(2));
        assert_eq!(a.stalls.len(), 1);
        let p = &a.probes[0];
        assert_eq!(p.id, "weak_network_video");
        assert!(p.answered, "{p:?}");
        assert!(
            p.concepts_found.contains(&"fec".to_string()),
            "{:?}",
            p.concepts_found
        );
        assert_eq!(p.evidence[0].line, Some(3));
    }
}

/// Per vendor: what its probe conversations show, for the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TranscriptSummary {
    pub conversations: usize,
    pub first_reply_median_seconds: Option<f64>,
    pub median_reply_seconds: Option<f64>,
    pub transfers: usize,
    pub stalls: usize,
    /// Each probe asked, with its best answer across the vendor's conversations.
    pub probes: Vec<ProbeSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProbeSummary {
    pub id: String,
    pub answered: bool,
    pub coverage: f64,
    pub concepts_found: Vec<String>,
    pub concepts_missing: Vec<String>,
}

pub fn summarize(convs: &[&ConversationAnalysis]) -> TranscriptSummary {
    let firsts: Vec<f64> = convs.iter().filter_map(|c| c.first_reply_seconds).collect();
    let medians: Vec<f64> = convs.iter().filter_map(|c| c.median_reply_seconds).collect();
    TranscriptSummary {
        conversations: convs.len(),
        first_reply_median_seconds: median(&firsts),
        median_reply_seconds: median(&medians),
        transfers: convs.iter().map(|c| c.transfers.len()).sum(),
        stalls: convs.iter().map(|c| c.stalls.len()).sum(),
        probes: best_outcomes(convs)
            .into_iter()
            .map(|o| ProbeSummary {
                id: o.id.clone(),
                answered: o.answered,
                coverage: o.coverage,
                concepts_found: o.concepts_found.clone(),
                concepts_missing: o.concepts_missing.clone(),
            })
            .collect(),
    }
}
