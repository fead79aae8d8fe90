//! Durations (`15 minutes`, `1 business day`, `十五分钟`, `半小时`), normalized to minutes.
//! A business day is 8 business hours here; once a document's schedules are known,
//! [`SlaDocument::settle_business_days`] applies the business-day rule.

#[cfg(doc)]
use crate::model::sla::SlaDocument;
use crate::model::sla::DEFAULT_BUSINESS_DAY_MINUTES as DAY;

/// A duration found in text, normalized to minutes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duration {
    pub minutes: f64,
    pub business: bool,
    /// Set when the duration was written in business (working) days.
    pub business_days: Option<f64>,
}

const UNITS: [(&str, f64, bool); 30] = [
    ("business hours", 60.0, true),
    ("business hour", 60.0, true),
    ("working hours", 60.0, true),
    ("working hour", 60.0, true),
    ("business days", DAY, true),
    ("business day", DAY, true),
    ("working days", DAY, true),
    ("working day", DAY, true),
    ("minutes", 1.0, false),
    ("minute", 1.0, false),
    ("mins", 1.0, false),
    ("min", 1.0, false),
    ("hours", 60.0, false),
    ("hour", 60.0, false),
    ("hrs", 60.0, false),
    ("hr", 60.0, false),
    ("h", 60.0, false),
    ("days", 1440.0, false),
    ("day", 1440.0, false),
    ("个工作小时", 60.0, true),
    ("工作小时", 60.0, true),
    ("个工作日", DAY, true),
    ("工作日", DAY, true),
    ("个自然日", 1440.0, false),
    ("分钟", 1.0, false),
    ("个小时", 60.0, false),
    ("小时", 60.0, false),
    ("个钟头", 60.0, false),
    ("天", 1440.0, false),
    ("秒", 1.0 / 60.0, false),
];

const NUMBER_WORDS: [(&str, f64); 16] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("eight", 8.0),
    ("ten", 10.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("thirty", 30.0),
    ("forty-eight", 48.0),
    ("twenty-four", 24.0),
    ("half an", 0.5),
    ("an", 1.0),
    ("a", 1.0),
];

/// Every duration in `norm` (normalized text), in order. Numbers that are part of `7x24`
/// or of a time of day (`09:00`) are not durations.
pub fn durations_in(norm: &str) -> Vec<Duration> {
    // The words that state a duration without a number, and the units a number word needs
    // before it ("an hour", "two days"), found in one pass.
    const WORDS: [&str; 13] = [
        "next business day",
        "next working day",
        "下一个工作日",
        "次日",
        "next day",
        "第二天",
        "半小时",
        "半个小时",
        "half an hour",
        "hour",
        "day",
        "min",
        "hr",
    ];
    static WORDS_AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = WORDS_AC.get_or_init(|| aho_corasick::AhoCorasick::new(WORDS).expect("fixed words"));
    let mut found = [false; WORDS.len()];
    for m in ac.find_overlapping_iter(norm) {
        found[m.pattern().as_usize()] = true;
    }
    let mut out = Vec::new();
    if found[0] || found[1] || found[2] {
        out.push(Duration {
            minutes: DAY,
            business: true,
            business_days: Some(1.0),
        });
    } else if found[3] || found[4] || found[5] {
        out.push(Duration {
            minutes: 1440.0,
            business: false,
            business_days: None,
        });
    }
    if found[6] || found[7] || found[8] {
        out.push(Duration {
            minutes: 30.0,
            business: false,
            business_days: None,
        });
    }
    // Every other duration has a number: digits, a Chinese numeral, or a number word before
    // an hour, a day or minutes. Most text has none of them and needs no closer look.
    let may_have_number = found[9..].iter().any(|f| *f)
        || norm.bytes().any(|b| b.is_ascii_digit())
        || norm.chars().any(is_chinese_numeral);
    if !may_have_number {
        return out;
    }
    // One pass over the characters, with the two before each; a number consumes the
    // characters up to `resume` (no allocation: this runs on every clause of a document).
    let (mut prev, mut prev2): (Option<char>, Option<char>) = (None, None);
    let mut resume = 0;
    for (pos, c) in norm.char_indices() {
        let (p, p2) = (prev, prev2);
        prev2 = prev;
        prev = Some(c);
        if pos < resume {
            continue;
        }
        let mut value: Option<(f64, usize)> = None; // value and byte end
        let joined = p.is_some_and(|p| matches!(p, 'x' | '×' | '*' | '/' | '-'))
            && p2.is_some_and(|p| p.is_ascii_digit());
        // A colon before a number ends a label ("问题:30分钟") unless it is a clock time (09:30).
        let clock_colon = p == Some(':') && p2.is_some_and(|p| p.is_ascii_digit());
        if c.is_ascii_digit() {
            let end = pos
                + norm.as_bytes()[pos..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit() || **b == b'.')
                    .count();
            resume = end;
            if joined || clock_colon || p.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | '+'))
            {
                // Part of another token (`7x24`, `09:30`, `v3.4`): the whole run with it.
                continue;
            }
            let text = norm[pos..end].trim_end_matches('.');
            let next = norm[end..].chars().next();
            if let (Ok(n), false) = (
                text.parse::<f64>(),
                matches!(next, Some(':' | '×' | '*' | '/' | '%' | 'x')),
            ) {
                value = Some((n, pos + text.len()));
            }
        } else if is_chinese_numeral(c) {
            if let Some((n, len)) = chinese_number(&norm[pos..]) {
                value = Some((n, pos + len));
                resume = pos + len;
            }
        } else if c.is_ascii_alphabetic() && !p.is_some_and(|p| p.is_ascii_alphabetic()) {
            for (w, n) in NUMBER_WORDS {
                if norm[pos..].starts_with(w) && norm[pos + w.len()..].starts_with(' ') {
                    value = Some((n, pos + w.len()));
                    break;
                }
            }
        }
        let Some((n, end)) = value else { continue };
        let rest = norm[end..].trim_start_matches([' ', '-']);
        for (unit, factor, business) in UNITS {
            if let Some(after) = rest.strip_prefix(unit) {
                let ascii_unit = unit.is_ascii();
                if ascii_unit && after.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic()) {
                    continue;
                }
                out.push(Duration {
                    minutes: n * factor,
                    business,
                    business_days: (business && factor == DAY).then_some(n),
                });
                break;
            }
        }
    }
    out
}

/// A character that starts a Chinese numeral (一 .. 九, 十, 两, 零).
fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A Chinese numeral at the start of `s` (一 .. 九十九, 两, 半), with its byte length.
fn chinese_number(s: &str) -> Option<(f64, usize)> {
    let digit = |c: char| {
        "零一二两三四五六七八九".find(c).map(|_| match c {
            '零' => 0.0,
            '一' => 1.0,
            '二' | '两' => 2.0,
            '三' => 3.0,
            '四' => 4.0,
            '五' => 5.0,
            '六' => 6.0,
            '七' => 7.0,
            '八' => 8.0,
            _ => 9.0,
        })
    };
    let mut chars = s.char_indices().peekable();
    let mut value = 0.0;
    let mut current = None;
    let mut len = 0;
    while let Some(&(i, c)) = chars.peek() {
        if let Some(d) = digit(c) {
            current = Some(d);
        } else if c == '十' {
            value += current.unwrap_or(1.0) * 10.0;
            current = None;
        } else {
            break;
        }
        len = i + c.len_utf8();
        chars.next();
    }
    if len == 0 {
        return None;
    }
    value += current.unwrap_or(0.0);
    Some((value, len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn minutes(s: &str) -> Vec<f64> {
        durations_in(&normalize(s)).iter().map(|d| d.minutes).collect()
    }

    #[test]
    fn durations_in_many_forms() {
        assert_eq!(minutes("within 15 minutes"), vec![15.0]);
        assert_eq!(minutes("1 hr"), vec![60.0]);
        assert_eq!(minutes("24h"), vec![1440.0]);
        assert_eq!(minutes("within 2 business hours"), vec![120.0]);
        assert_eq!(minutes("1 business day"), vec![480.0]);
        assert_eq!(minutes("十五分钟"), vec![15.0]);
        assert_eq!(minutes("15分钟内"), vec![15.0]);
        assert_eq!(minutes("1个工作日"), vec![480.0]);
        assert_eq!(minutes("半小时内响应"), vec![30.0]);
        assert_eq!(minutes("within one hour"), vec![60.0]);
        // not durations
        assert!(minutes("7×24小时支持").is_empty());
        assert!(minutes("SDK v4.2.1, call 400-820-1234").is_empty());
        assert!(minutes("99.9% uptime").is_empty());
    }
}
