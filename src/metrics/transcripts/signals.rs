//! What a message's words show beyond the rubric's phrases: concrete signals (numbers with
//! units, links, code), quoted passages, sentences, and an excerpt for evidence.

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
pub(super) fn has_concrete_signal(norm: &str) -> bool {
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
pub(super) fn quoted_spans(norm: &str, out: &mut Vec<std::ops::Range<usize>>) {
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
pub(super) fn has_sentence_end(s: &str) -> bool {
    (0..s.len()).any(|i| sentence_end_at(s.as_bytes(), i) > 0)
}

/// The sentences of normalized text as byte ranges, split at sentence ends.
pub(super) fn sentence_spans(s: &str, out: &mut Vec<std::ops::Range<usize>>) {
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
pub(super) fn clip(s: &str, max: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concrete_signals_are_numbers_with_units_links_and_code() {
        assert_eq!(concrete_signals("p99 延迟 120ms"), vec!["number"]);
        assert_eq!(concrete_signals("see https://docs.example.com/api"), vec!["link"]);
        assert_eq!(concrete_signals("call `im.send()` then"), vec!["code"]);
        assert!(concrete_signals("sdk v3.4.1 on android 14").is_empty());
        assert!(concrete_signals("我们会尽快处理").is_empty());
    }
}
