//! What a statement covers. An exception clause (`except`, `unless`, `other than`, `apart
//! from`, `but`, `除…外`, `…除外`, `但`) limits the statement it is attached to: in "Monday to
//! Friday, 08:00-20:00 (UTC+8), except for Severity 1 issues on the Premier plan, which are
//! handled 24/7" the hours are Mon-Fri 08:00-20:00 for everything but the excepted case, and
//! the 24/7 belongs to that case only. And a sentence that names several plans' customers
//! ("Growth customers are supported Mon-Fri 09:00-18:00, Premier customers 24/7") says each
//! plan's hours in its own part.

use crate::ingest::sla::lex::schedule::schedules_in;

/// A part of a sentence: the statement, or an exception clause that limits it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Part {
    pub(super) text: String,
    pub(super) exception: bool,
}

/// English words that open an exception clause (normalized text, whole words).
const EXCEPT_WORDS: [&str; 7] = [
    "with the exception of",
    "except",
    "excepting",
    "unless",
    "other than",
    "apart from",
    "but",
];

/// The sentence split into the statement and the exception clauses that limit it, in the
/// order of the text. An exception clause runs from its word to the end of the sentence; one
/// that opens the sentence ("Except for Premier customers, ...", "除旗舰版外，...") runs to its
/// first comma (or to 外); one in parentheses, to the closing parenthesis; `…除外` closes the
/// clause it ends. "除…外，还…" (besides), "but also" and "unless otherwise …" limit nothing.
pub(super) fn parts(sentence: &str) -> Vec<Part> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some((start, end)) = next_exception(sentence, from) {
        spans.push((start, end));
        from = end;
    }
    let mut out = Vec::new();
    let mut at = 0;
    let mut push = |text: &str, exception: bool| {
        let t = text.trim().trim_matches([',', '、']).trim();
        if !t.is_empty() {
            out.push(Part {
                text: t.to_string(),
                exception,
            });
        }
    };
    for (s, e) in spans {
        push(&sentence[at..s], false);
        push(&sentence[s..e], true);
        at = e;
    }
    push(&sentence[at..], false);
    out
}

/// The next exception clause at or after byte `from`: its byte span.
fn next_exception(s: &str, from: usize) -> Option<(usize, usize)> {
    let english = EXCEPT_WORDS
        .iter()
        .flat_map(|w| {
            let mut at = from;
            std::iter::from_fn(move || {
                let i = word_at(s, at, w)?;
                at = i + w.len();
                Some((i, *w))
            })
        })
        .filter(|(i, w)| {
            // "but also" adds, "unless otherwise agreed" limits nothing.
            let after = s[i + w.len()..].trim_start();
            let limits_nothing = (*w == "but" && after.starts_with("also"))
                || (*w == "unless" && after.starts_with("otherwise"));
            !limits_nothing
        })
        .min_by_key(|(i, w)| (*i, std::cmp::Reverse(w.len())))
        .map(|(i, w)| english_span(s, i, w.len()));
    match (english, chinese_exception(s, from)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Where `word` occurs at or after `from` as a whole word.
fn word_at(s: &str, from: usize, word: &str) -> Option<usize> {
    s[from..].match_indices(word).map(|(i, _)| from + i).find(|&i| {
        let before = s[..i].chars().next_back();
        let after = s[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// The span of an English exception clause whose word (`len` bytes) starts at `start`.
fn english_span(s: &str, start: usize, len: usize) -> (usize, usize) {
    let before = &s[..start];
    // In parentheses: the parentheses and what they hold.
    if let Some(open) = before.rfind('(').filter(|&o| !before[o..].contains(')')) {
        let end = s[start..].find(')').map_or(s.len(), |i| start + i + 1);
        let start = if before[open + 1..].trim().is_empty() {
            open
        } else {
            start
        };
        return (start, end);
    }
    // Opening the sentence: up to its first comma.
    if before.trim().is_empty() {
        let end = s[start + len..]
            .find([',', ';'])
            .map_or(s.len(), |i| start + len + i);
        return (start, end);
    }
    (start, s.len())
}

/// A Chinese exception clause at or after `from`: `除…外` opening a clause, `但…` to the end,
/// or the clause that `除外` closes.
fn chinese_exception(s: &str, from: usize) -> Option<(usize, usize)> {
    let opens = |i: usize| {
        let before = s[..i].trim_end();
        before.is_empty() || before.ends_with([',', '、', '(', ';', ':'])
    };
    let mut found: Vec<(usize, usize)> = Vec::new();
    if let Some(i) = s[from..]
        .match_indices('除')
        .map(|(i, _)| from + i)
        .find(|&i| opens(i) && !s[i..].starts_with("除外"))
    {
        // The clause up to its 外: "除旗舰版客户外".
        let clause_end = s[i..].find([',', ';', ')']).map_or(s.len(), |k| i + k);
        if let Some(k) = s[i..clause_end].find('外') {
            let end = i + k + '外'.len_utf8();
            // "除工单和邮件外，还可以…": besides, not except.
            let next: String = s[end..].chars().take(12).collect();
            if !next.contains('还') && !next.contains('也') && !next.contains('另') {
                found.push((i, end));
            }
        }
    }
    if let Some(k) = s[from..].find("除外") {
        let end = from + k + "除外".len();
        let start = s[from..from + k]
            .rfind([',', '、', '(', ';', ':'])
            .map_or(from, |j| from + j + 1);
        found.push((start, end));
    }
    if let Some(i) = s[from..]
        .match_indices('但')
        .map(|(i, _)| from + i)
        .find(|&i| opens(i))
    {
        found.push((i, s.len()));
    }
    found.into_iter().min()
}

/// The parts of a statement that each state hours (a schedule and the words before it):
/// "growth customers are supported mon-fri 09:00-18:00 (utc+0)" | "premier customers 24/7".
/// A part ends after the piece (between commas, `and`, `while`) that completes a schedule;
/// pieces after the last schedule belong to the last part ("…, for Growth customers only").
pub(super) fn hour_segments(statement: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut start = 0;
    for end in piece_ends(statement) {
        if !schedules_in(&statement[start..end]).is_empty() {
            cuts.push(end);
            start = end;
        }
    }
    // Pieces after the last schedule belong to the last part.
    if let Some(last) = cuts.last_mut() {
        *last = statement.len();
    }
    let mut out = Vec::new();
    let mut at = 0;
    for cut in cuts {
        out.push(
            statement[at..cut]
                .trim()
                .trim_start_matches([',', '、'])
                .trim()
                .to_string(),
        );
        at = cut;
    }
    if out.is_empty() {
        out.push(statement.trim().to_string());
    }
    out
}

/// The byte offsets where the pieces of a statement end: at commas, `、`, and the words that
/// join two statements (`and`, `while`, `whereas`, `而`), and at its end.
fn piece_ends(s: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = s
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | '、' | '而'))
        .map(|(i, _)| i)
        .collect();
    for w in ["and", "while", "whereas"] {
        let mut from = 0;
        while let Some(i) = word_at(s, from, w) {
            ends.push(i);
            from = i + w.len();
        }
    }
    ends.push(s.len());
    ends.sort_unstable();
    ends.dedup();
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(String, bool)> {
        parts(s).into_iter().map(|p| (p.text, p.exception)).collect()
    }

    #[test]
    fn an_exception_runs_to_the_end_of_its_sentence() {
        assert_eq!(
            texts("monday to friday, 08:00-20:00 (utc+8), except for severity 1 issues on the premier plan, which are handled 24/7"),
            vec![
                ("monday to friday, 08:00-20:00 (utc+8)".to_string(), false),
                (
                    "except for severity 1 issues on the premier plan, which are handled 24/7".to_string(),
                    true
                )
            ]
        );
        assert_eq!(
            texts("mon-fri 9:00-18:00 unless you are on the enterprise plan"),
            vec![
                ("mon-fri 9:00-18:00".to_string(), false),
                ("unless you are on the enterprise plan".to_string(), true)
            ]
        );
    }

    #[test]
    fn a_leading_or_bracketed_exception_ends_early() {
        assert_eq!(
            texts("except for premier customers, support runs mon-fri 9:00-18:00"),
            vec![
                ("except for premier customers".to_string(), true),
                ("support runs mon-fri 9:00-18:00".to_string(), false)
            ]
        );
        assert_eq!(
            texts("mon-fri 9:00-18:00 (except public holidays) for all plans"),
            vec![
                ("mon-fri 9:00-18:00".to_string(), false),
                ("(except public holidays)".to_string(), true),
                ("for all plans".to_string(), false)
            ]
        );
    }

    #[test]
    fn chinese_exceptions() {
        assert_eq!(
            texts("除旗舰版客户享有7×24小时支持外,服务时间为周一至周五9:00-18:00"),
            vec![
                ("除旗舰版客户享有7×24小时支持外".to_string(), true),
                ("服务时间为周一至周五9:00-18:00".to_string(), false)
            ]
        );
        assert_eq!(
            texts("周一至周五9:00-18:00,旗舰版客户除外"),
            vec![
                ("周一至周五9:00-18:00".to_string(), false),
                ("旗舰版客户除外".to_string(), true)
            ]
        );
        assert_eq!(
            texts("服务时间为工作日9:00-18:00,但紧急故障7×24小时受理"),
            vec![
                ("服务时间为工作日9:00-18:00".to_string(), false),
                ("但紧急故障7×24小时受理".to_string(), true)
            ]
        );
    }

    #[test]
    fn words_that_limit_nothing() {
        // Besides, not except; words that only contain an exception word.
        for s in [
            "除工单和邮件外,尊享版客户还可以拨打服务热线",
            "we offer exceptional support mon-fri 9:00-18:00",
            "not only email but also phone",
            "unless otherwise agreed, p1 within 1 hour",
            "排除故障后 2 小时内回复",
            "a button and an attribute",
        ] {
            assert!(parts(s).iter().all(|p| !p.exception), "{s}");
        }
    }

    #[test]
    fn plans_state_their_hours_in_their_own_parts() {
        assert_eq!(
            hour_segments(
                "growth customers are supported mon-fri 09:00-18:00 (utc+0), premier customers 24/7"
            ),
            vec![
                "growth customers are supported mon-fri 09:00-18:00 (utc+0)",
                "premier customers 24/7"
            ]
        );
        assert_eq!(
            hour_segments("growth customers are supported mon-fri 09:00-18:00 and premier customers 24/7"),
            vec![
                "growth customers are supported mon-fri 09:00-18:00",
                "and premier customers 24/7"
            ]
        );
        // Days and times split over pieces stay one part; trailing pieces join the last.
        assert_eq!(
            hour_segments(
                "basic and pro tickets are worked monday-friday, 8:00 am-6:00 pm, for basic customers only"
            ),
            vec!["basic and pro tickets are worked monday-friday, 8:00 am-6:00 pm, for basic customers only"]
        );
        assert_eq!(hour_segments("no hours here"), vec!["no hours here"]);
    }
}
