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
    for (name, minutes, iana) in NAMED {
        if let Some(i) = norm.find(name) {
            let bounded = !name.is_ascii()
                || (!norm[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && !norm[i + name.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric()));
            if bounded {
                return Some((minutes, iana.to_string()));
            }
        }
    }
    let minutes = utc_offset_in(norm)?;
    let sign = if minutes < 0 { '-' } else { '+' };
    let a = minutes.unsigned_abs();
    Some((minutes, format!("{sign}{:02}:{:02}", a / 60, a % 60)))
}

fn utc_offset_in(norm: &str) -> Option<i32> {
    if norm.contains("北京时间") || norm.contains("beijing time") || norm.contains("china standard time")
    {
        return Some(480);
    }
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
