//! Time zones: named zones (`北京时间`, `Pacific Time`) and UTC offsets (`UTC+8`).

/// A time zone stated in the text: minutes east of UTC and its name (an IANA name for a
/// named zone, `+08:00` for an offset).
pub(in crate::ingest::sla) fn zone_in(norm: &str) -> Option<(i32, String)> {
    const NAMED: [(&str, i32, &str); 14] = [
        ("北京时间", 480, "Asia/Shanghai"),
        ("beijing time", 480, "Asia/Shanghai"),
        ("china standard time", 480, "Asia/Shanghai"),
        ("中国标准时间", 480, "Asia/Shanghai"),
        ("pacific time", -480, "America/Los_Angeles"),
        ("eastern time", -300, "America/New_York"),
        ("central european time", 60, "Europe/Berlin"),
        ("cet", 60, "Europe/Berlin"),
        ("cest", 60, "Europe/Berlin"),
        ("singapore time", 480, "Asia/Singapore"),
        ("sgt", 480, "Asia/Singapore"),
        ("新加坡时间", 480, "Asia/Singapore"),
        ("pt", -480, "America/Los_Angeles"),
        ("et", -300, "America/New_York"),
    ];
    // One pass for all the names (this runs on every line); of the names found at word
    // boundaries, the first in the list above wins, wherever it occurs ("get back by 5pm ET":
    // the "et" of "get" is not a zone, the later "et" is).
    static NAMES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac =
        NAMES.get_or_init(|| aho_corasick::AhoCorasick::new(NAMED.map(|(n, _, _)| n)).expect("fixed names"));
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let best = ac
        .find_overlapping_iter(norm)
        .filter(|m| {
            let name = NAMED[m.pattern().as_usize()].0;
            !name.is_ascii()
                || (!word(norm[..m.start()].chars().next_back()) && !word(norm[m.end()..].chars().next()))
        })
        .map(|m| m.pattern().as_usize())
        .min();
    if let Some(k) = best {
        let (_, minutes, iana) = NAMED[k];
        return Some((minutes, iana.to_string()));
    }
    let minutes = utc_offset_in(norm)?;
    let sign = if minutes < 0 { '-' } else { '+' };
    let a = minutes.unsigned_abs();
    Some((minutes, format!("{sign}{:02}:{:02}", a / 60, a % 60)))
}

fn utc_offset_in(norm: &str) -> Option<i32> {
    for prefix in ["utc", "gmt"] {
        if let Some(i) = norm.find(prefix) {
            let rest = &norm[i + 3..];
            let sign = match rest.chars().next() {
                Some('+') => 1,
                Some('-') | Some('−') => -1,
                _ => continue,
            };
            let rest = &rest[1..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let h: i32 = digits.parse().ok()?;
            let mut m = 0;
            if let Some(r) = rest[digits.len()..].strip_prefix(':') {
                m = r.get(..2).and_then(|x| x.parse().ok()).unwrap_or(0);
            }
            return Some(sign * (h * 60 + m));
        }
    }
    None
}
