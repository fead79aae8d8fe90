//! What a probe conversation shows: reply latency, transfers, stalling, and which probe
//! questions got a substantive answer (the concepts an expert answer names).

use crate::model::evidence::Evidence;
use crate::model::transcript::{Role, Transcript};
use crate::rubric::Rubric;
use crate::stats::median;
use crate::text::{leftmost_longest_groups, normalize_into, PhraseHit, PhraseSet};
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

/// The concrete signals of a sentence: numbers with units, links, code.
pub fn concrete_signals(norm: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if has_link(norm) {
        out.push("link");
    }
    if has_code(norm) {
        out.push("code");
    }
    if has_number_with_unit(norm) {
        out.push("number");
    }
    out
}

/// Whether a sentence gives any concrete signal (without listing them).
fn has_concrete_signal(norm: &str) -> bool {
    has_link(norm) || has_code(norm) || has_number_with_unit(norm)
}

/// The marks of a link (the first three) and of code (the others), each with a searcher
/// built once (every vendor message is checked).
fn marks() -> &'static [memchr::memmem::Finder<'static>; 6] {
    static FINDERS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 6]> = std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        ["http://", "https://", "www.", "();", "import ", "curl "].map(memchr::memmem::Finder::new)
    })
}

fn has_link(norm: &str) -> bool {
    marks()[..3].iter().any(|f| f.find(norm.as_bytes()).is_some())
}

fn has_code(norm: &str) -> bool {
    memchr::memchr(b'`', norm.as_bytes()).is_some()
        || marks()[3..].iter().any(|f| f.find(norm.as_bytes()).is_some())
}

fn has_number_with_unit(norm: &str) -> bool {
    const UNITS: [&str; 42] = [
        "ms",
        "毫秒",
        "秒",
        "分钟",
        "小时",
        "天",
        "个工作日",
        "工作日",
        "min ",
        "mins",
        "minute",
        "hour",
        "hr",
        "day",
        "business day",
        "s ",
        "%",
        "fps",
        "kbps",
        "mbps",
        "gbps",
        "qps",
        "tps",
        "万",
        "亿",
        "k ",
        "m ",
        "并发",
        "条/秒",
        "msg/s",
        "messages per second",
        "users",
        "用户",
        "路",
        "帧",
        "hz",
        "p99",
        "p95",
        "p50",
        "gb",
        "mb",
        "kb",
    ];
    let b = norm.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphabetic()) {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.' || b[j] == b',') {
                j += 1;
            }
            let rest = norm[j..].trim_start();
            // Numbers are common (order numbers, dates): units are compared only where their
            // first byte is there.
            let first = rest.as_bytes().first().copied();
            if UNITS.iter().any(|u| {
                Some(u.as_bytes()[0]) == first && {
                    let unit = u.trim_end();
                    rest.starts_with(unit) && {
                        let after = &rest[unit.len()..];
                        !u.ends_with(' ')
                            || after.is_empty()
                            || after.starts_with(|c: char| !c.is_ascii_alphanumeric())
                    }
                }
            }) {
                return true;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    false
}

/// The byte ranges of quoted passages (`"..."`, `“...”`, `「...」`, lines starting with
/// `>`): phrases there are someone else's words.
fn quoted_spans(norm: &str, out: &mut Vec<std::ops::Range<usize>>) {
    out.clear();
    let mut line_start = 0;
    for line in norm.split_inclusive('\n') {
        let base = line_start;
        line_start += line.len();
        if line.trim_start().starts_with('>') {
            out.push(base..base + line.len());
            continue;
        }
        let mut depth = 0usize;
        let mut in_ascii = false;
        let mut open_at = 0;
        for (k, c) in line.char_indices() {
            let was_quoted = depth > 0 || in_ascii;
            match c {
                '“' | '「' | '『' => depth += 1,
                '”' | '」' | '』' => depth = depth.saturating_sub(1),
                '"' => in_ascii = !in_ascii,
                _ => continue,
            }
            let quoted = depth > 0 || in_ascii;
            if quoted && !was_quoted {
                open_at = base + k;
            } else if !quoted && was_quoted {
                out.push(open_at..base + k + c.len_utf8());
            }
        }
        if depth > 0 || in_ascii {
            out.push(open_at..base + line.len());
        }
    }
}

/// The length of the sentence end at byte `i` of `b` (`。`, `!`, `?`, `;`, a line break,
/// `. `), or 0.
fn sentence_end_at(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'!' | b'?' | b';' | b'\n' => 1,
        b'.' if b.get(i + 1) == Some(&b' ') => 2,
        0xE3 if b[i..].starts_with("。".as_bytes()) => 3,
        _ => 0,
    }
}

/// Whether `s` contains a sentence end (hits are short: a byte loop).
fn has_sentence_end(s: &str) -> bool {
    (0..s.len()).any(|i| sentence_end_at(s.as_bytes(), i) > 0)
}

/// The sentences of normalized text as byte ranges, split at sentence ends.
fn sentence_spans(s: &str, out: &mut Vec<std::ops::Range<usize>>) {
    out.clear();
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match sentence_end_at(b, i) {
            0 => i += 1,
            n => {
                out.push(start..i);
                i += n;
                start = i;
            }
        }
    }
    out.push(start..b.len());
}

/// `s` on one line, cut after `max` characters (marked by `…`).
fn clip(s: &str, max: usize) -> String {
    // Most messages are shorter than `max` characters: counting them is quick.
    let cut = if s.len() <= max || s.chars().count() <= max {
        None
    } else {
        s.char_indices().nth(max).map(|(i, _)| i)
    };
    let body = &s[..cut.unwrap_or(s.len())];
    let mut out = String::with_capacity(body.len() + 3);
    for (k, part) in body.split('\n').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    if cut.is_some() {
        out.push('…');
    }
    out
}

/// A vendor's probe quality: the mean concept coverage of its best answer to each probe
/// asked (0 when no probe was asked).
pub fn probe_quality(coverages: &[f64]) -> f64 {
    if coverages.is_empty() {
        0.0
    } else {
        coverages.iter().sum::<f64>() / coverages.len() as f64
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
    use crate::ingest::transcript::text::parse;
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
        let rubric = parse_rubric(BUILTIN_DEFAULT, "default.toml").unwrap();
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

    #[test]
    fn concrete_signals_are_numbers_with_units_links_and_code() {
        assert_eq!(concrete_signals("p99 延迟 120ms"), vec!["number"]);
        assert_eq!(concrete_signals("see https://docs.example.com/api"), vec!["link"]);
        assert_eq!(concrete_signals("call `im.send()` then"), vec!["code"]);
        assert!(concrete_signals("sdk v3.4.1 on android 14").is_empty());
        assert!(concrete_signals("我们会尽快处理").is_empty());
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
