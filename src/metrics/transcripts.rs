//! What a probe conversation shows: reply latency, transfers, stalling, and which probe
//! questions got a substantive answer (the concepts an expert answer names).

use crate::model::evidence::Evidence;
use crate::model::transcript::{Role, Transcript};
use crate::rubric::Rubric;
use crate::stats::median;
use crate::text::{leftmost_longest_groups, normalize_into, PhraseHit, PhraseSet};
use serde::Serialize;
use signals::{clip, has_concrete_signal, has_sentence_end, quoted_spans, sentence_spans};
use std::collections::BTreeMap;

pub mod signals;

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
    /// Answered in this contact: substantively, and not asked again later in the conversation.
    pub resolved: bool,
    pub coverage: f64,
    pub concepts_found: Vec<String>,
    pub concepts_missing: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// The rubric's phrase lists (probe questions, each probe's concepts, transfer, stall and
/// refusal phrases) compiled once into one automaton: each message is scanned once.
pub struct TranscriptMatcher<'r> {
    rubric: &'r Rubric,
    phrases: PhraseSet,
}

/// The lists of the matcher's [`PhraseSet`]; probe `p`'s concepts are list `CONCEPTS + p`.
const ASKED: u32 = 0;
const REFUSALS: u32 = 1;
const TRANSFERS: u32 = 2;
const STALLS: u32 = 3;
const CONCEPTS: u32 = 4;

/// What one message says, from one scan of its normalized text.
struct MessageScan {
    /// Normalized text: `norm[text.clone()]` of the conversation's buffer.
    text: std::ops::Range<usize>,
    /// Its phrase hits: `hits[hits.clone()]` of the conversation's hit list, each with the
    /// sentence it lies in (hits across sentences are dropped).
    hits: std::ops::Range<usize>,
    /// Names a concept of any probe outside a refusal, or gives a concrete signal.
    substantive: bool,
    /// A transfer / stall phrase outside quoted text.
    transfer: bool,
    stall: bool,
}

impl<'r> TranscriptMatcher<'r> {
    pub fn new(rubric: &'r Rubric) -> Self {
        fn single(v: &[String]) -> Vec<Vec<&str>> {
            vec![v.iter().map(String::as_str).collect()]
        }
        let mut lists: Vec<Vec<Vec<&str>>> = vec![
            rubric
                .probes
                .iter()
                .map(|p| p.asked.iter().map(String::as_str).collect())
                .collect(),
            single(&rubric.refusal_phrases),
            single(&rubric.transfer_phrases),
            single(&rubric.stall_phrases),
        ];
        for p in &rubric.probes {
            lists.push(
                p.concepts
                    .iter()
                    .map(|c| c.terms.iter().map(String::as_str).collect())
                    .collect(),
            );
        }
        TranscriptMatcher {
            rubric,
            phrases: PhraseSet::new(&lists),
        }
    }

    /// Whether any phrase of the rubric (question, concept, transfer, stall, refusal) occurs
    /// in `text`.
    #[cfg(test)]
    pub(crate) fn touches(&self, text: &str) -> bool {
        let mut hits = Vec::new();
        self.phrases.scan(&crate::text::normalize(text), &mut hits);
        !hits.is_empty()
    }

    pub fn analyze(&self, t: &Transcript) -> ConversationAnalysis {
        self.analyze_with_clock(t, None)
    }

    /// Scans every message once: normalized text, phrase hits by sentence, and the
    /// per-message judgements the rest of the analysis reads.
    fn scan(&self, t: &Transcript, norm: &mut String, hits: &mut Vec<(PhraseHit, u32)>) -> Vec<MessageScan> {
        let mut raw = Vec::new();
        let mut spans = Vec::new();
        let mut quoted = Vec::new();
        t.messages
            .iter()
            .map(|m| {
                let from = norm.len();
                normalize_into(&m.text, norm);
                let text = &norm[from..];
                raw.clear();
                self.phrases.scan(text, &mut raw);
                // Sentences matter only where a refusal may cancel a concept: elsewhere the
                // message counts as one sentence (a hit across a sentence end still drops).
                spans.clear();
                if raw.iter().any(|h| h.list == REFUSALS) {
                    sentence_spans(text, &mut spans);
                } else {
                    spans.push(0..text.len());
                }
                let first_hit = hits.len();
                for h in &raw {
                    // The sentence the hit starts in; a hit running past its end is dropped.
                    let s = spans.partition_point(|r| r.end <= h.start);
                    if spans.get(s).is_some_and(|r| r.start <= h.start && h.end <= r.end)
                        && !has_sentence_end(&text[h.start..h.end])
                    {
                        hits.push((*h, s as u32));
                    }
                }
                let mine = &hits[first_hit..];
                let refused = |s: u32| mine.iter().any(|(h, hs)| *hs == s && h.list == REFUSALS);
                let vendor = m.role != Role::Evaluator;
                let substantive = vendor
                    && (mine.iter().any(|(h, s)| h.list >= CONCEPTS && !refused(*s))
                        || spans
                            .iter()
                            .enumerate()
                            .any(|(s, r)| has_concrete_signal(&text[r.clone()]) && !refused(s as u32)));
                let (mut transfer, mut stall) = (false, false);
                if vendor && mine.iter().any(|(h, _)| h.list == TRANSFERS || h.list == STALLS) {
                    quoted_spans(text, &mut quoted);
                    let own = |h: &PhraseHit| !quoted.iter().any(|q| q.contains(&h.start));
                    transfer = mine.iter().any(|(h, _)| h.list == TRANSFERS && own(h));
                    stall = m.role != Role::System && mine.iter().any(|(h, _)| h.list == STALLS && own(h));
                }
                MessageScan {
                    text: from..norm.len(),
                    hits: first_hit..hits.len(),
                    substantive,
                    transfer,
                    stall,
                }
            })
            .collect()
    }

    /// As [`analyze`](Self::analyze), with reply latencies counted on `clock` (business
    /// hours) instead of the wall clock.
    pub fn analyze_with_clock(
        &self,
        t: &Transcript,
        clock: Option<&dyn crate::time::ElapsedClock>,
    ) -> ConversationAnalysis {
        let msgs = &t.messages;
        let mut norm_buf = String::with_capacity(msgs.iter().map(|m| m.text.len()).sum::<usize>() + 64);
        let mut hits: Vec<(PhraseHit, u32)> = Vec::new();
        let scans = self.scan(t, &mut norm_buf, &mut hits);
        let norm = |i: usize| &norm_buf[scans[i].text.clone()];
        let hits_of = |i: usize| &hits[scans[i].hits.clone()];
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
                        let seconds = match clock {
                            Some(c) => c.seconds_between(m.at.timestamp(), later.at.timestamp()),
                            None => (later.at - m.at).num_seconds(),
                        };
                        latencies.push(seconds as f64);
                        break;
                    }
                    Role::Evaluator => break,
                    _ => {}
                }
            }
        }

        // Deflection: a transfer or a stall that no substance follows within the next few
        // vendor messages (a transfer to an engineer who then answers is not a deflection).
        // Phrases inside quoted text ("...", 「...」, > lines) are someone else's words.
        // The window closes when the evaluator speaks again (having to ask again means the
        // answer did not come).
        let followed_by_substance = |i: usize| {
            scans[i].substantive
                || msgs[i + 1..]
                    .iter()
                    .enumerate()
                    .take_while(|(_, m)| m.role != Role::Evaluator)
                    .filter(|(_, m)| matches!(m.role, Role::Agent | Role::Bot))
                    .take(DEFLECTION_WINDOW)
                    .any(|(k, _)| scans[i + 1 + k].substantive)
        };
        let mut transfers = Vec::new();
        let mut stalls = Vec::new();
        for (i, scan) in scans.iter().enumerate() {
            if (scan.transfer || scan.stall) && !followed_by_substance(i) {
                if scan.transfer {
                    transfers.push(excerpt(i));
                }
                if scan.stall {
                    stalls.push(excerpt(i));
                }
            }
        }
        // The same reply sent again (a canned answer), and a conversation where only a bot
        // ever answers, are stalling too.
        let mut seen: rustc_hash::FxHashSet<&str> =
            rustc_hash::FxHashSet::with_capacity_and_hasher(msgs.len(), Default::default());
        for (i, m) in msgs.iter().enumerate() {
            if !matches!(m.role, Role::Agent | Role::Bot) || norm(i).chars().nth(7).is_none() {
                continue;
            }
            if !seen.insert(norm(i)) && !stalls.iter().any(|e: &Evidence| e.line == Some(m.line)) {
                stalls.push(excerpt(i));
            }
        }
        let bot_replies = msgs.iter().filter(|m| m.role == Role::Bot).count();
        let agent_replies = msgs.iter().filter(|m| m.role == Role::Agent).count();
        let evaluator_asks = msgs.iter().filter(|m| m.role == Role::Evaluator).count();
        if agent_replies == 0 && bot_replies >= 2 && evaluator_asks >= 2 {
            if let Some(last_bot) = msgs.iter().rposition(|m| m.role == Role::Bot) {
                if !stalls.iter().any(|e| e.line == Some(msgs[last_bot].line)) {
                    let mut e = excerpt(last_bot);
                    e.text = format!("bot-only conversation: {}", e.text);
                    stalls.push(e);
                }
            }
        }
        stalls.sort_by_key(|e| e.line);

        // Probes: an evaluator message that asks one; the answer is every agent message until
        // the evaluator asks another probe.
        let mut asks: Vec<(usize, usize)> = Vec::new(); // (message index, probe index)
        for (i, m) in msgs.iter().enumerate() {
            if m.role == Role::Evaluator {
                let asked = hits_of(i).iter().filter(|(h, _)| h.list == ASKED).map(|(h, _)| h);
                for p in leftmost_longest_groups(asked) {
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
            // The evaluator asking the same probe again before its answer came: the first
            // contact did not settle it.
            let first_repeat = asks[k + 1..]
                .iter()
                .find(|a| a.0 > i && a.1 == p)
                .map_or(end, |a| a.0)
                .min(end);
            let mut found_before_repeat = 0;
            for (j, m) in msgs.iter().enumerate().take(end).skip(i + 1) {
                if j == first_repeat {
                    found_before_repeat = found.iter().filter(|f| **f).count();
                }
                if m.role != Role::Agent {
                    continue;
                }
                // A concept named only to refuse it ("压测报告属于内部资料", "not publicly
                // available") is not an answer: sentences with a refusal are skipped.
                let mine = hits_of(j);
                let list = CONCEPTS + p as u32;
                let mut named = false;
                let mut sentences: Vec<u32> =
                    mine.iter().filter(|(h, _)| h.list == list).map(|x| x.1).collect();
                sentences.dedup();
                for s in sentences {
                    if mine.iter().any(|(h, hs)| *hs == s && h.list == REFUSALS) {
                        continue;
                    }
                    let in_sentence = mine.iter().filter(|(h, hs)| *hs == s && h.list == list);
                    for g in leftmost_longest_groups(in_sentence.map(|(h, _)| h)) {
                        found[g] = true;
                        named = true;
                    }
                }
                if named && evidence.len() < MAX_PROBE_EVIDENCE {
                    evidence.push(excerpt(j));
                }
            }
            let n_found = found.iter().filter(|f| **f).count();
            if first_repeat == end {
                found_before_repeat = n_found;
            }
            let answered = n_found >= probe.min_concepts;
            // Asked again later, after another probe: not settled in the first contact either.
            let asked_again = asks[k + 1..].iter().any(|a| a.1 == p && a.0 >= end);
            let settled = found_before_repeat >= probe.min_concepts;
            let outcome = ProbeOutcome {
                id: probe.id.clone(),
                asked_line: msgs[i].line,
                answered,
                resolved: answered && settled && !asked_again,
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

/// The answer messages kept as evidence of one probe (its first ones): enough to check the
/// judgement, bounded for long conversations.
const MAX_PROBE_EVIDENCE: usize = 8;

/// How many vendor messages after a transfer or stall may bring the substance that makes
/// it a hand-over rather than a deflection.
const DEFLECTION_WINDOW: usize = 3;

/// A vendor's probe quality: the mean concept coverage of its best answer to each probe
/// asked (0 when no probe was asked).
pub fn probe_quality(coverages: &[f64]) -> f64 {
    if coverages.is_empty() {
        0.0
    } else {
        coverages.iter().sum::<f64>() / coverages.len() as f64
    }
}

/// Whether an answer to a probe is better than another: answered first, then coverage.
fn better(answer: (bool, f64), than: (bool, f64)) -> bool {
    answer > than
}

/// Per vendor: the best outcome for each probe asked in any of its conversations (the first
/// of equally good ones), by probe id.
pub fn best_outcomes<'a>(convs: &[&'a ConversationAnalysis]) -> Vec<&'a ProbeOutcome> {
    let mut best: Vec<&ProbeOutcome> = Vec::new();
    for c in convs {
        for o in &c.probes {
            match best.iter_mut().find(|b| b.id == o.id) {
                Some(b) if !better((o.answered, o.coverage), (b.answered, b.coverage)) => {}
                Some(b) => *b = o,
                None => best.push(o),
            }
        }
    }
    best.sort_by(|a, b| a.id.cmp(&b.id));
    best
}

/// What a vendor's conversations add up to, counted as they go by: how many, how many
/// deflected (transfers, stalls), and the best answer to each probe asked. The one home of a
/// vendor's transcript counts and rates: `transcript analyze` prints its rates, [`summarize`]
/// makes the evaluation's [`TranscriptSummary`] from it.
#[derive(Debug, Clone, Default)]
pub struct VendorTranscripts {
    pub conversations: usize,
    /// Conversations with at least one deflecting transfer, or stall.
    pub with_transfers: usize,
    pub with_stalls: usize,
    /// Deflecting transfers and stalls, all told.
    pub transfers: usize,
    pub stalls: usize,
    /// Probe id -> the best answer to it so far.
    best: BTreeMap<String, ProbeSummary>,
}

impl VendorTranscripts {
    /// Counts one more conversation.
    pub fn add(&mut self, a: &ConversationAnalysis) {
        self.conversations += 1;
        self.with_transfers += usize::from(!a.transfers.is_empty());
        self.with_stalls += usize::from(!a.stalls.is_empty());
        self.transfers += a.transfers.len();
        self.stalls += a.stalls.len();
        for o in &a.probes {
            match self.best.get_mut(&o.id) {
                Some(b) if !better((o.answered, o.coverage), (b.answered, b.coverage)) => {}
                Some(b) => *b = ProbeSummary::of(o),
                None => {
                    self.best.insert(o.id.clone(), ProbeSummary::of(o));
                }
            }
        }
    }

    /// Adds the counts of other conversations (another thread's): sums, and the better of two
    /// answers to a probe; of equally good ones, this tally's (so that merging tallies in
    /// conversation order keeps the first, as [`best_outcomes`] does).
    pub fn merge(&mut self, other: VendorTranscripts) {
        self.conversations += other.conversations;
        self.with_transfers += other.with_transfers;
        self.with_stalls += other.with_stalls;
        self.transfers += other.transfers;
        self.stalls += other.stalls;
        for (id, p) in other.best {
            match self.best.get_mut(&id) {
                Some(b) if !better((p.answered, p.coverage), (b.answered, b.coverage)) => {}
                Some(b) => *b = p,
                None => {
                    self.best.insert(id, p);
                }
            }
        }
    }

    /// The best answer to each probe asked, by probe id.
    pub fn probes(&self) -> impl Iterator<Item = &ProbeSummary> {
        self.best.values()
    }

    /// The mean concept coverage of the best answer to each probe asked (0 when none was).
    pub fn probe_quality(&self) -> f64 {
        probe_quality(&self.best.values().map(|p| p.coverage).collect::<Vec<_>>())
    }

    /// The share of conversations with a deflecting transfer (0 without conversations).
    pub fn transfer_rate(&self) -> f64 {
        self.with_transfers as f64 / self.conversations.max(1) as f64
    }

    /// The share of conversations that stalled (0 without conversations).
    pub fn stall_rate(&self) -> f64 {
        self.with_stalls as f64 / self.conversations.max(1) as f64
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

impl ProbeSummary {
    fn of(o: &ProbeOutcome) -> Self {
        ProbeSummary {
            id: o.id.clone(),
            answered: o.answered,
            coverage: o.coverage,
            concepts_found: o.concepts_found.clone(),
            concepts_missing: o.concepts_missing.clone(),
        }
    }
}

/// A vendor's summary from its conversations, in order: their counts
/// ([`VendorTranscripts`]) and the medians of their reply latencies.
pub fn summarize(convs: &[&ConversationAnalysis]) -> TranscriptSummary {
    let mut counts = VendorTranscripts::default();
    for c in convs {
        counts.add(c);
    }
    let firsts: Vec<f64> = convs.iter().filter_map(|c| c.first_reply_seconds).collect();
    let medians: Vec<f64> = convs.iter().filter_map(|c| c.median_reply_seconds).collect();
    TranscriptSummary {
        conversations: counts.conversations,
        first_reply_median_seconds: median(&firsts),
        median_reply_seconds: median(&medians),
        transfers: counts.transfers,
        stalls: counts.stalls,
        probes: counts.best.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::transcript::text::parse;
    use crate::rubric::load::builtin;

    #[test]
    fn probe_answered_with_concepts_and_transfer_counted() {
        let rubric = builtin();
        let src = "[2026-10-14 09:00:00 +08:00] evaluator: 弱网环境下怎么保证高清视频质量?\n\
[2026-10-14 09:02:00 +08:00] agent(A): 请稍等,我帮您转接技术同事\n\
[2026-10-14 09:10:00 +08:00] agent(B): 我们用码率自适应和FEC前向纠错,70%丢包下仍可通话,另有抖动缓冲。\n";
        let (t, _) = parse(src, "t.txt", "v").unwrap();
        let a = TranscriptMatcher::new(&rubric).analyze(&t);
        assert_eq!(a.first_reply_seconds, Some(120.0));
        // The transfer is followed by an expert's substantive answer: a hand-over, not a
        // deflection; the same for the "请稍等" before it.
        assert!(a.transfers.is_empty(), "{:?}", a.transfers);
        assert!(a.stalls.is_empty(), "{:?}", a.stalls);
        let p = &a.probes[0];
        assert_eq!(p.id, "weak_network_video");
        assert!(p.answered, "{p:?}");
        assert!(
            p.concepts_found.contains(&"fec".to_string()),
            "{:?}",
            p.concepts_found
        );
        assert_eq!(p.evidence[0].line, Some(3));
        assert!(p.resolved);
    }

    #[test]
    fn deflections_without_substance_quotes_repeats_and_bot_loops() {
        let rubric = builtin();
        let m = TranscriptMatcher::new(&rubric);
        let src = "[2026-10-14 09:00:00 +08:00] evaluator: 弱网环境下怎么保证高清视频质量?\n\
[2026-10-14 09:01:00 +08:00] agent(A): 我帮您转接技术同事\n\
[2026-10-14 09:05:00 +08:00] agent(B): 您好,请稍等\n\
[2026-10-14 09:06:00 +08:00] agent(B): 您反馈的“请稍等”提示是系统自动回复\n\
[2026-10-14 09:30:00 +08:00] evaluator: 还在吗?弱网下视频怎么办?\n\
[2026-10-14 09:31:00 +08:00] agent(B): 我们会尽快给您答复,感谢理解\n\
[2026-10-14 09:40:00 +08:00] agent(B): 我们会尽快给您答复,感谢理解\n\
[2026-10-14 10:00:00 +08:00] evaluator: 弱网视频到底怎么保证?\n\
[2026-10-14 10:02:00 +08:00] agent(C): 码率自适应加FEC,30%丢包下仍可通话\n";
        let (t, _) = parse(src, "t.txt", "v").unwrap();
        let a = m.analyze(&t);
        let lines = |v: &[Evidence]| v.iter().map(|e| e.line.unwrap()).collect::<Vec<_>>();
        // Line 2's transfer: no substance in the next three vendor messages (3, 4, 6).
        assert_eq!(lines(&a.transfers), vec![2]);
        // Line 3 stalls; line 4 only quotes the phrase; line 6 stalls and line 7 repeats it.
        assert_eq!(lines(&a.stalls), vec![3, 6, 7]);
        // The probe was asked again and answered only then: answered, not in the first contact.
        let p = &a.probes[0];
        assert!(p.answered && !p.resolved, "{p:?}");

        let bots = "[2026-10-14 09:00:00 +08:00] evaluator: how do you push messages at scale?\n\
[2026-10-14 09:00:05 +08:00] bot(Helper): Please choose a topic from the menu.\n\
[2026-10-14 09:01:00 +08:00] evaluator: I need an engineer\n\
[2026-10-14 09:01:05 +08:00] bot(Helper): Sorry, I did not understand that.\n";
        let (t, _) = parse(bots, "b.txt", "v").unwrap();
        let a = m.analyze(&t);
        assert_eq!(a.stalls.len(), 1);
        assert!(
            a.stalls[0].text.starts_with("bot-only conversation"),
            "{:?}",
            a.stalls
        );
        assert_eq!(a.stalls[0].line, Some(4));
    }

    fn conversation(
        transfers: usize,
        stalls: usize,
        probes: &[(&str, bool, f64, &str)],
    ) -> ConversationAnalysis {
        let ev = |n: usize| (0..n).map(|i| Evidence::line("c.txt", i + 1, "x")).collect();
        ConversationAnalysis {
            file: "c.txt".into(),
            vendor: "v".into(),
            messages: 4,
            first_reply_seconds: Some(60.0),
            median_reply_seconds: Some(90.0),
            transfers: ev(transfers),
            stalls: ev(stalls),
            probes: probes
                .iter()
                .map(|&(id, answered, coverage, found)| ProbeOutcome {
                    id: id.into(),
                    asked_line: 1,
                    answered,
                    resolved: answered,
                    coverage,
                    concepts_found: vec![found.into()],
                    concepts_missing: Vec::new(),
                    evidence: Vec::new(),
                })
                .collect(),
        }
    }

    /// The counts and rates `transcript analyze` prints and the evaluation's summary come
    /// from one tally; merging threads' tallies gives the same counts and rates.
    #[test]
    fn one_tally_for_the_rates_and_the_summary() {
        let convs = [
            conversation(2, 0, &[("push", false, 0.25, "a"), ("video", true, 0.5, "b")]),
            conversation(0, 1, &[("video", true, 0.5, "c"), ("crm", true, 1.0, "d")]),
            conversation(1, 3, &[("push", true, 0.25, "e")]),
            conversation(0, 0, &[]),
        ];
        let refs: Vec<&ConversationAnalysis> = convs.iter().collect();
        let mut all = VendorTranscripts::default();
        refs.iter().for_each(|c| all.add(c));
        assert_eq!(
            (all.conversations, all.with_transfers, all.with_stalls),
            (4, 2, 2)
        );
        assert_eq!((all.transfers, all.stalls), (3, 4));
        assert_eq!((all.transfer_rate(), all.stall_rate()), (0.5, 0.5));
        // Best answers: crm 1.0, push answered at 0.25 (beats unanswered), video the first 0.5.
        assert!((all.probe_quality() - (1.0 + 0.25 + 0.5) / 3.0).abs() < 1e-12);
        let found: Vec<(&str, &str)> = all
            .probes()
            .map(|p| (p.id.as_str(), p.concepts_found[0].as_str()))
            .collect();
        assert_eq!(found, [("crm", "d"), ("push", "e"), ("video", "b")]);

        let summary = summarize(&refs);
        let best: Vec<(&str, bool, f64)> = best_outcomes(&refs)
            .iter()
            .map(|o| (o.id.as_str(), o.answered, o.coverage))
            .collect();
        let summarized: Vec<(&str, bool, f64)> = summary
            .probes
            .iter()
            .map(|p| (p.id.as_str(), p.answered, p.coverage))
            .collect();
        assert_eq!(summarized, best);
        assert_eq!(
            (summary.conversations, summary.transfers, summary.stalls),
            (4, 3, 4)
        );

        let (mut first, mut second) = (VendorTranscripts::default(), VendorTranscripts::default());
        refs[..2].iter().for_each(|c| first.add(c));
        refs[2..].iter().for_each(|c| second.add(c));
        first.merge(second);
        assert_eq!(
            (
                first.conversations,
                first.with_transfers,
                first.with_stalls,
                first.transfers,
                first.stalls
            ),
            (
                all.conversations,
                all.with_transfers,
                all.with_stalls,
                all.transfers,
                all.stalls
            )
        );
        assert_eq!(first.probe_quality(), all.probe_quality());
        let merged: Vec<&str> = first.probes().map(|p| p.concepts_found[0].as_str()).collect();
        assert_eq!(merged, ["d", "e", "b"]);
        assert_eq!(VendorTranscripts::default().stall_rate(), 0.0);
    }

    /// The share of messages a phrase of the default rubric touches, in each mix of the
    /// synthetic archive (examples/synthetic) the benchmarks read.
    #[test]
    fn realistic_mix_is_mostly_ordinary_talk() {
        use crate::synthetic::{write_transcript_archive_mixed, ArchiveMix, VENDORS};
        let rubric = builtin();
        let m = TranscriptMatcher::new(&rubric);
        let share = |mix| {
            let dir = tempfile::tempdir().unwrap();
            write_transcript_archive_mixed(dir.path(), 16, 40, 7, mix).unwrap();
            let (mut touched, mut all) = (0, 0);
            for v in VENDORS {
                for e in std::fs::read_dir(dir.path().join(v)).unwrap() {
                    let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
                    let (t, _) = parse(&text, "c.txt", v).unwrap();
                    all += t.messages.len();
                    touched += t.messages.iter().filter(|x| m.touches(&x.text)).count();
                }
            }
            touched as f64 / all as f64
        };
        let (dense, realistic) = (share(ArchiveMix::Dense), share(ArchiveMix::Realistic));
        assert!(dense > 0.85, "dense {dense}");
        assert!((0.05..0.2).contains(&realistic), "realistic {realistic}");
    }
}
