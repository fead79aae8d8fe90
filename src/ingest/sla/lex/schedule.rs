//! Support schedules: 7x24 forms, or days (`Mon-Fri`, `周一至周五`, `weekdays`) with a time
//! range (`09:00-18:00`, `9am-6pm`).

use super::split_on;
use crate::ingest::sla::vocab::vocabulary;
use crate::model::sla::Schedule;

/// Support hours stated in the text: a 7x24 form, or for each clause, days with a time range.
pub(in crate::ingest::sla) fn schedules_in(norm: &str) -> Vec<Schedule> {
    let v = vocabulary();
    if v.always_on.is_match_normalized(norm) {
        return vec![Schedule::AlwaysOn];
    }
    // Every weekly schedule has a time range: most lines have none, and need no day search.
    if time_range_in(norm).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut days_before: Option<[bool; 7]> = None;
    for clause in split_on(norm, &[',', ',', ';', ';', '。', '、']) {
        let days = day_range_in(&clause);
        match (days.or(days_before), time_range_in(&clause)) {
            (Some(days), Some((start, end))) => {
                out.push(Schedule::Weekly { days, start, end });
                days_before = None;
            }
            (Some(d), None) => days_before = Some(d),
            _ => {}
        }
    }
    // "09:00-18:00 on weekdays": the time before the days.
    if out.is_empty() {
        if let (Some(days), Some((start, end))) = (day_range_in(norm), time_range_in(norm)) {
            out.push(Schedule::Weekly { days, start, end });
        }
    }
    out
}

/// Whether the text may state support hours: it names a 7x24 form or holds a time range.
/// Every part of a text that states hours makes this true of the whole.
pub(in crate::ingest::sla) fn may_state_hours(norm: &str) -> bool {
    vocabulary().always_on.is_match_normalized(norm) || time_range_in(norm).is_some()
}

/// The first schedule stated in the text: `24x7` or `Mon-Fri 09:00-18:00` (normalized text).
pub fn schedule_in(norm: &str) -> Option<Schedule> {
    schedules_in(norm).into_iter().next()
}

/// A weekday named at the start of `s`, with its byte length.
fn weekday_at(s: &str) -> Option<(usize, usize)> {
    const NAMES: [(&str, usize); 27] = [
        ("monday", 0),
        ("tuesday", 1),
        ("wednesday", 2),
        ("thursday", 3),
        ("friday", 4),
        ("saturday", 5),
        ("sunday", 6),
        ("mon", 0),
        ("tues", 1),
        ("tue", 1),
        ("wed", 2),
        ("thurs", 3),
        ("thu", 3),
        ("fri", 4),
        ("sat", 5),
        ("sun", 6),
        ("周一", 0),
        ("周二", 1),
        ("周三", 2),
        ("周四", 3),
        ("周五", 4),
        ("周六", 5),
        ("周日", 6),
        ("周天", 6),
        ("星期日", 6),
        ("星期天", 6),
        ("礼拜日", 6),
    ];
    // Every name starts with one of these bytes (m t w f s, or the first byte of 周 星 礼).
    if !s
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'm' | b't' | b'w' | b'f' | b's' | 0xE5..=0xE7))
    {
        return None;
    }
    for (name, d) in NAMES {
        if let Some(rest) = s.strip_prefix(name) {
            if name.is_ascii() && rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            return Some((d, name.len()));
        }
    }
    for (prefix, len) in [("星期", "星期".len()), ("礼拜", "礼拜".len())] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let c = rest.chars().next()?;
            let d = "一二三四五六".find(c).map(|i| i / 3)?;
            return Some((d, len + c.len_utf8()));
        }
    }
    None
}

/// The days a text names: a range (`Mon-Fri`, `周一至周五`, `Monday to Saturday`), single
/// days (`Sat`), or words (`weekdays`, `工作日`, `every day`, `每天`).
fn day_range_in(norm: &str) -> Option<[bool; 7]> {
    let weekdays = [true, true, true, true, true, false, false];
    for (w, d) in [
        ("weekdays", weekdays),
        ("工作日", weekdays),
        ("workdays", weekdays),
        ("business days", weekdays),
        ("每天", [true; 7]),
        ("每日", [true; 7]),
        ("every day", [true; 7]),
        ("daily", [true; 7]),
        ("weekends", [false, false, false, false, false, true, true]),
        ("周末", [false, false, false, false, false, true, true]),
    ] {
        if norm.contains(w) {
            return Some(d);
        }
    }
    let mut set = [false; 7];
    let mut found = false;
    let mut i = 0;
    while i < norm.len() {
        if !norm.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let at_word_start = i == 0
            || !norm[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic());
        if let Some((a, len)) = weekday_at(&norm[i..]).filter(|_| at_word_start) {
            let mut j = i + len;
            let rest = &norm[j..];
            let trimmed = rest.trim_start_matches([' ', '.']);
            let mut end_day = None;
            for sep in ["-", "–", "—", "~", "～", "至", "到", "to", "through", "thru"] {
                if let Some(r) = trimmed.strip_prefix(sep) {
                    let r2 = r.trim_start();
                    if let Some((b, blen)) = weekday_at(r2) {
                        end_day = Some(b);
                        j = norm.len() - r2.len() + blen;
                    }
                    break;
                }
            }
            match end_day {
                Some(b) => {
                    let mut d = a;
                    loop {
                        set[d] = true;
                        if d == b {
                            break;
                        }
                        d = (d + 1) % 7;
                    }
                }
                None => set[a] = true,
            }
            found = true;
            i = j;
            continue;
        }
        i += 1;
    }
    found.then_some(set)
}

/// A time range such as `09:00-18:00`, `9:00~18:00`, `9am-6pm`, `9:00 至 18:00`.
fn time_range_in(norm: &str) -> Option<(u32, u32)> {
    let bytes = norm.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            if let Some((start, after)) = time_of_day(&norm[i..]) {
                let rest = &norm[i + after..];
                let rest = rest.trim_start();
                for sep in ["-", "–", "—", "~", "〜", "至", "到", "to"] {
                    if let Some(r) = rest.strip_prefix(sep) {
                        if let Some((end, _)) = time_of_day(r.trim_start()) {
                            if end > start {
                                return Some((start, end));
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// `09:00`, `9:30`, `9am`, `6 pm`: minutes after midnight and the byte length used.
fn time_of_day(s: &str) -> Option<(u32, usize)> {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let h: u32 = s[..digits].parse().ok()?;
    let mut used = digits;
    let mut m = 0;
    let rest = &s[digits..];
    let mut explicit = false;
    if let Some(r) = rest.strip_prefix(':') {
        let md = r.chars().take_while(char::is_ascii_digit).count();
        if md != 2 {
            return None;
        }
        m = r[..2].parse().ok()?;
        used += 3;
        explicit = true;
    }
    let tail = s[used..].trim_start();
    let skipped = s[used..].len() - tail.len();
    let mut h = h;
    // "a.m." is four bytes, "am" two: the whole marker is used, so that "9 a.m. - 6 p.m."
    // reads on to its second time.
    let marker = |forms: [&'static str; 2]| forms.into_iter().find(|m| tail.starts_with(m));
    if let Some(m) = marker(["a.m.", "am"]) {
        used += skipped + m.len();
        explicit = true;
    } else if let Some(m) = marker(["p.m.", "pm"]) {
        used += skipped + m.len();
        if h < 12 {
            h += 12;
        }
        explicit = true;
    }
    if !explicit || h > 24 || m > 59 {
        return None;
    }
    Some((h * 60 + m, used))
}
