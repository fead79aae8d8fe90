//! The text format of probe transcripts, one message per line:
//!
//! ```text
//! [2026-10-14 09:02:11 +08:00] evaluator: 弱网环境下怎么保证高清视频质量?
//! [2026-10-14 09:03:40 +08:00] agent(小林): 我们采用码率自适应 ...
//! ```
//! Speakers are `evaluator`, `agent(<name>)`, `bot(<name>)` and `system`. A line that does
//! not start with `[` continues the previous message; blank lines are ignored.

use super::assemble::{finish, out_of_order};
use super::roles::RoleRules;
use crate::error::{Diagnostic, Result};
use crate::model::transcript::{Message, Role, Transcript};
use chrono::{DateTime, FixedOffset};

/// Parses one transcript. Returns the transcript and warnings (timestamps going backwards);
/// fails on lines that cannot be read, listing every one of them.
pub fn parse(src: &str, file: &str, vendor: &str) -> Result<(Transcript, Vec<Diagnostic>)> {
    parse_with_rules(src, file, vendor, &RoleRules::default())
}

/// As [`parse`], with speakers other than `evaluator`, `agent(..)`, `bot(..)` and `system`
/// placed by the rules of a `roles.toml`.
pub fn parse_with_rules(
    src: &str,
    file: &str,
    vendor: &str,
    rules: &RoleRules,
) -> Result<(Transcript, Vec<Diagnostic>)> {
    // At most one message per line: one allocation for the list.
    let mut messages: Vec<Message> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    // Lines as `str::lines` reads them (a trailing "\r" goes with the trimmed spaces), found
    // with one SIMD search over the whole file rather than one search per line.
    let ends = memchr::memchr_iter(b'\n', src.as_bytes()).chain(std::iter::once(src.len()));
    let mut from = 0;
    for (i, to) in ends.enumerate() {
        let line_no = i + 1;
        let line = src[from..to].trim_end();
        from = to + 1;
        if line.is_empty() {
            continue;
        }
        if !line.starts_with('[') {
            match messages.last_mut() {
                Some(m) => {
                    m.text.push('\n');
                    m.text.push_str(line.trim());
                }
                None => errors.push(Diagnostic::at(
                    file,
                    line_no,
                    1,
                    "expected a message starting with '[timestamp]', found text before the first message",
                )),
            }
            continue;
        }
        match parse_message(line, line_no, file, rules) {
            Ok(m) => {
                warnings.extend(out_of_order(file, messages.last(), m.at, line_no));
                messages.push(m);
            }
            Err(d) => errors.push(d),
        }
    }
    finish(file, vendor, messages, errors, warnings)
}

/// `2026-10-14 09:02:11 +08:00` without chrono's format machinery (the common case of
/// large archives).
fn fast_timestamp(stamp: &str) -> Option<DateTime<FixedOffset>> {
    let b = stamp.as_bytes();
    if b.len() != 26
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b' '
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b' '
    {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<u32> {
        b[from..from + len].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let sign = match b[20] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if b[23] != b':' {
        return None;
    }
    let offset = FixedOffset::east_opt(sign * (num(21, 2)? as i32 * 3600 + num(24, 2)? as i32 * 60))?;
    let date = chrono::NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 2)?, num(8, 2)?)?;
    let time = chrono::NaiveTime::from_hms_opt(num(11, 2)?, num(14, 2)?, num(17, 2)?)?;
    // A fixed offset maps every local time to exactly one instant.
    let utc = date
        .and_time(time)
        .checked_sub_signed(chrono::TimeDelta::seconds(i64::from(offset.local_minus_utc())))?;
    Some(DateTime::from_naive_utc_and_offset(utc, offset))
}

fn parse_message(
    line: &str,
    line_no: usize,
    file: &str,
    rules: &RoleRules,
) -> std::result::Result<Message, Diagnostic> {
    let err = |col: usize, msg: String| Diagnostic::at(file, line_no, col, msg);
    let close = line.find(']').ok_or_else(|| {
        err(
            1,
            "expected '[timestamp] speaker: text', found no closing ']'".into(),
        )
    })?;
    let stamp = line[1..close].trim();
    let at = fast_timestamp(stamp)
        .or_else(|| DateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S %:z").ok())
        .or_else(|| DateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S %z").ok())
        .or_else(|| DateTime::parse_from_rfc3339(stamp).ok())
        .ok_or(())
        .map_err(|_| {
            err(
                2,
                format!("cannot parse timestamp '{stamp}': expected a form like 2026-10-14 09:02:11 +08:00"),
            )
        })?;
    let rest = &line[close + 1..];
    let speaker_col = || line[..close + 1].chars().count() + 2;
    let colon = rest.find(':').ok_or_else(|| {
        err(
            speaker_col(),
            "expected 'speaker: text' after the timestamp, found no ':'".into(),
        )
    })?;
    let speaker = rest[..colon].trim();
    let text = rest[colon + 1..].trim().to_string();
    let (kind, name) = match speaker.find('(') {
        Some(open) if speaker.ends_with(')') => (
            speaker[..open].trim(),
            Some(speaker[open + 1..speaker.len() - 1].trim().to_string()),
        ),
        _ => (speaker, None),
    };
    let builtin = [
        ("evaluator", Role::Evaluator),
        ("agent", Role::Agent),
        ("bot", Role::Bot),
        ("system", Role::System),
    ]
    .into_iter()
    .find(|(word, _)| kind.eq_ignore_ascii_case(word));
    let (role, name) = match builtin {
        Some((_, role)) => (role, name),
        None => match rules.role_of(speaker) {
            Some(r) => (r, Some(speaker.to_string())),
            None => {
                return Err(err(
                    speaker_col(),
                    format!(
                        "unknown speaker '{speaker}': expected evaluator, agent(<name>), bot(<name>) or system, or a name placed by roles.toml"
                    ),
                ))
            }
        },
    };
    Ok(Message {
        line: line_no,
        at,
        role,
        name,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn fast_timestamps_agree_with_chrono() {
        for stamp in [
            "2026-10-14 09:02:11 +08:00",
            "2026-03-08 02:30:00 -05:00",
            "2024-02-29 23:59:59 +00:00",
        ] {
            let slow = DateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S %:z").unwrap();
            assert_eq!(fast_timestamp(stamp), Some(slow));
            assert_eq!(fast_timestamp(stamp).unwrap().offset(), slow.offset());
        }
        assert_eq!(fast_timestamp("2026-02-30 09:02:11 +08:00"), None);
        assert_eq!(fast_timestamp("2026-10-14 09:02 +08:00"), None);
    }

    #[test]
    fn parses_messages_and_continuations() {
        let src = "[2026-10-14 09:02:11 +08:00] evaluator: 你好\n[2026-10-14 09:03:40 +08:00] agent(小林): 第一行\n第二行\n\n[2026-10-14 09:03:00 +08:00] system: note\n";
        let (t, w) = parse(src, "t.txt", "v").unwrap();
        assert_eq!(t.messages.len(), 3);
        assert_eq!(t.messages[1].role, Role::Agent);
        assert_eq!(t.messages[1].name.as_deref(), Some("小林"));
        assert_eq!(t.messages[1].text, "第一行\n第二行");
        assert_eq!(w.len(), 1, "the system message goes back in time");
        assert_eq!(w[0].line, Some(5));
    }

    /// Lines end in "\n" or "\r\n", the last one perhaps with neither; blank lines count
    /// in the line numbers.
    #[test]
    fn line_endings_and_numbers() {
        let lf = "[2026-10-14 09:02:11 +08:00] evaluator: 你好  \n\n[2026-10-14 09:03:40 +08:00] agent(A): one\n  two\n[2026-10-14 09:04:00 +08:00] agent(A): last";
        for src in [
            lf.to_string(),
            lf.replace('\n', "\r\n"),
            format!("{lf}\n"),
            format!("{lf}\r\n\r\n"),
        ] {
            let (t, w) = parse(&src, "t.txt", "v").unwrap();
            assert!(w.is_empty(), "{w:?}");
            let got: Vec<(usize, &str)> = t.messages.iter().map(|m| (m.line, m.text.as_str())).collect();
            assert_eq!(got, vec![(1, "你好"), (3, "one\ntwo"), (5, "last")], "{src:?}");
        }
        let (t, w) = parse("", "t.txt", "v").unwrap();
        assert!(t.messages.is_empty() && w.len() == 1);
        let Err(Error::Invalid(ds)) = parse("\n\n  stray\n", "t.txt", "v") else {
            panic!()
        };
        assert_eq!(ds[0].line, Some(3));
    }

    #[test]
    fn every_bad_line_is_reported() {
        let src = "[2026-10-14 09:02 +08:00] evaluator: hi\n[2026-10-14 09:03:40 +08:00] customer: hello\n";
        let Err(Error::Invalid(ds)) = parse(src, "t.txt", "v") else {
            panic!()
        };
        assert_eq!(ds.len(), 2);
        assert_eq!((ds[0].line, ds[0].column), (Some(1), Some(2)));
        assert_eq!((ds[1].line, ds[1].column), (Some(2), Some(30)));
    }
}
