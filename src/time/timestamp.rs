//! Timestamps as help-desk exports write them, to seconds since the Unix epoch (UTC).
//!
//! Forms read:
//! - RFC 3339 / ISO 8601 with an offset: `2026-10-14T09:02:11+08:00`, `2026-10-14 09:02:11Z`,
//!   `2026-10-14 09:02:11 +08:00`, fractions of a second ignored;
//! - naive ISO: `2026-10-14 09:02[:11]`, `2026/10/14 09:02[:11]`, `2026年10月14日 09:02[:11]`;
//! - US and European forms: `10/14/2026 9:02 AM` (month first), `14/10/2026 09:02` and
//!   `21/04/2026, 17:58` (day first), `14.10.2026 09:02` (always day first);
//! - Twitter's `Tue Oct 31 22:10:47 +0000 2017`.
//!
//! A naive timestamp needs a time zone (an IANA name such as `Asia/Shanghai`, or a fixed
//! `+08:00`): without one it is an error, never a guess. Slash dates with the day or month
//! first need the order: given, or detected from a value above 12 (see [`detect_order`]).

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;
use std::collections::HashMap;

/// Which comes first in `a/b/YYYY` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    MonthFirst,
    DayFirst,
}

/// The zone naive timestamps are read in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    Iana(Tz),
    /// Seconds east of UTC.
    Fixed(i32),
}

impl Zone {
    /// `Asia/Shanghai`, `UTC`, `+08:00`, `UTC+8`, `-0500`.
    pub fn parse(s: &str) -> Result<Zone, String> {
        let t = s.trim();
        if let Ok(tz) = t.parse::<Tz>() {
            return Ok(Zone::Iana(tz));
        }
        let rest = t
            .strip_prefix("UTC")
            .or_else(|| t.strip_prefix("GMT"))
            .unwrap_or(t);
        if let Some(secs) = parse_offset(rest.as_bytes())
            .filter(|(_, used)| *used == rest.len())
            .map(|(s, _)| s)
        {
            return Ok(Zone::Fixed(secs));
        }
        Err(format!(
            "unknown time zone '{t}': expected an IANA name such as Asia/Shanghai or Europe/Berlin, or an offset such as +08:00"
        ))
    }
}

/// What to tell a user whose naive timestamp has no zone, when the zone is given by `--timezone`.
pub const GIVE_TIMEZONE: &str = "give one with --timezone (an IANA name such as Asia/Shanghai)";

/// The zone naive timestamps are read in, if any, and where a user can give one: said in the
/// error when there is none (a flag, a settings file, depending on the caller).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NaiveZone {
    pub zone: Option<Zone>,
    /// Completes "'2026-10-14 09:02' has no time zone: ...".
    pub hint: &'static str,
}

impl NaiveZone {
    /// A zone given (or not) with `--timezone`.
    pub fn flag(zone: Option<Zone>) -> Self {
        NaiveZone {
            zone,
            hint: GIVE_TIMEZONE,
        }
    }

    /// A parser reading naive timestamps in this zone, its error naming this hint.
    pub fn parser(self, order: Option<DateOrder>) -> TimestampParser {
        TimestampParser {
            hint: self.hint,
            ..TimestampParser::new(self.zone, order)
        }
    }
}

impl Default for NaiveZone {
    fn default() -> Self {
        NaiveZone::flag(None)
    }
}

/// Reads timestamps of one column; remembers the offsets of local hours it has seen.
#[derive(Debug, Clone)]
pub struct TimestampParser {
    zone: Option<Zone>,
    order: Option<DateOrder>,
    /// Where a zone can be given, for the error when a timestamp needs one.
    hint: &'static str,
    /// Local hour (seconds / 3600 of the naive local time) -> offset, for IANA zones.
    offsets: HashMap<i64, i32>,
}

/// Seconds since the Unix epoch, UTC.
pub type Epoch = i64;

impl TimestampParser {
    /// A parser whose error for a naive timestamp without a zone points at `--timezone`
    /// (see [`NaiveZone::parser`] for another hint).
    pub fn new(zone: Option<Zone>, order: Option<DateOrder>) -> Self {
        TimestampParser {
            zone,
            order,
            hint: GIVE_TIMEZONE,
            offsets: HashMap::new(),
        }
    }

    pub fn set_order(&mut self, order: Option<DateOrder>) {
        self.order = order;
    }

    /// Parses one cell. The error says what was expected.
    pub fn parse(&mut self, s: &str) -> Result<Epoch, String> {
        let b = s.trim().as_bytes();
        if let Some(r) = self.parse_iso(b) {
            return r;
        }
        self.parse_general(s.trim())
    }

    /// `YYYY-MM-DD[T ]HH:MM[:SS[.f]][ ][Z|±HH:MM|±HHMM]` and `YYYY/MM/DD ...`: the fast path.
    fn parse_iso(&mut self, b: &[u8]) -> Option<Result<Epoch, String>> {
        if b.len() < 16 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
            return None;
        }
        let y = digits(b, 0, 4)?;
        let mo = digits(b, 5, 2)?;
        let d = digits(b, 8, 2)?;
        if !(b[10] == b'T' || b[10] == b' ' || b[10] == b't') {
            return None;
        }
        let h = digits(b, 11, 2)?;
        if b[13] != b':' {
            return None;
        }
        let mi = digits(b, 14, 2)?;
        let mut i = 16;
        let mut sec = 0;
        if b.len() >= 19 && b[16] == b':' {
            sec = digits(b, 17, 2)?;
            i = 19;
            if i < b.len() && (b[i] == b'.' || b[i] == b',') {
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let local = match civil_seconds(y, mo, d, h, mi, sec) {
            Some(l) => l,
            None => return Some(Err(invalid_date(b))),
        };
        if i == b.len() {
            return Some(self.localize(local, b));
        }
        let rest = &b[i..];
        let offset = if rest == b"Z" || rest == b"z" || rest == b"UTC" {
            0
        } else {
            match parse_offset(rest) {
                Some((o, used)) if used == rest.len() => o,
                _ => return None,
            }
        };
        Some(Ok(local - i64::from(offset)))
    }

    fn parse_general(&mut self, s: &str) -> Result<Epoch, String> {
        let fields = Fields::scan(s);
        if let Some(w) = &fields.stray {
            return Err(format!(
                "cannot read '{s}' as a timestamp: unexpected '{w}'; {FORMS}"
            ));
        }
        // Twitter: Tue Oct 31 22:10:47 +0000 2017
        if let Some(mon) = fields.month_name {
            if fields.nums.len() >= 5 {
                let n = &fields.nums;
                let (d, h, mi, sec, y) = (n[0].0, n[1].0, n[2].0, n[3].0, n[n.len() - 1].0);
                let local = civil_seconds(y, mon, d, h, mi, sec).ok_or_else(|| invalid_date(s.as_bytes()))?;
                return match fields.offset {
                    Some(o) => Ok(local - i64::from(o)),
                    None => self.localize(local, s.as_bytes()),
                };
            }
        }
        let n = &fields.nums;
        if n.len() < 5 {
            return Err(expected(s));
        }
        // Year first (2026年10月14日 09:02, 2026.10.14 09:02) or year third (a/b/YYYY).
        let (y, mo, d) = if n[0].1 == 4 {
            (n[0].0, n[1].0, n[2].0)
        } else if n[2].1 == 4 {
            let (a, b) = (n[0].0, n[1].0);
            let order = if fields.dotted || a > 12 {
                DateOrder::DayFirst
            } else if b > 12 {
                DateOrder::MonthFirst
            } else {
                self.order.ok_or_else(|| {
                    format!(
                        "'{s}' could be day/month or month/day: give the date order (--date-order day-first|month-first)"
                    )
                })?
            };
            match order {
                DateOrder::DayFirst => (n[2].0, b, a),
                DateOrder::MonthFirst => (n[2].0, a, b),
            }
        } else {
            return Err(expected(s));
        };
        let mut h = n[3].0;
        let mi = n[4].0;
        let sec = n.get(5).map(|x| x.0).unwrap_or(0);
        match fields.meridiem {
            Some(Meridiem::Am) if h == 12 => h = 0,
            Some(Meridiem::Pm) if h < 12 => h += 12,
            _ => {}
        }
        let local = civil_seconds(y, mo, d, h, mi, sec).ok_or_else(|| invalid_date(s.as_bytes()))?;
        match fields.offset {
            Some(o) => Ok(local - i64::from(o)),
            None => self.localize(local, s.as_bytes()),
        }
    }

    /// A naive local time (as seconds of a UTC-like civil clock) in the parser's zone.
    fn localize(&mut self, local: i64, original: &[u8]) -> Result<Epoch, String> {
        match self.zone {
            Some(Zone::Fixed(o)) => Ok(local - i64::from(o)),
            Some(Zone::Iana(tz)) => {
                let hour = local.div_euclid(3600);
                let offset = match self.offsets.get(&hour) {
                    Some(o) => *o,
                    None => {
                        let o = iana_offset(tz, hour * 3600);
                        self.offsets.insert(hour, o);
                        o
                    }
                };
                Ok(local - i64::from(offset))
            }
            None => Err(format!(
                "'{}' has no time zone: {}",
                String::from_utf8_lossy(original),
                self.hint
            )),
        }
    }
}

/// The UTC offset (seconds) in force at a local wall-clock hour. In a DST gap the offset
/// before the gap is used; in a repeated hour, the earlier (summer) one.
fn iana_offset(tz: Tz, local_hour_start: i64) -> i32 {
    let naive = chrono::DateTime::from_timestamp(local_hour_start, 0)
        .map(|d| d.naive_utc())
        .unwrap_or_default();
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(d) => d.offset().fix().local_minus_utc(),
        chrono::LocalResult::Ambiguous(a, _) => a.offset().fix().local_minus_utc(),
        chrono::LocalResult::None => tz
            .from_local_datetime(&(naive - chrono::Duration::hours(1)))
            .earliest()
            .map(|d| d.offset().fix().local_minus_utc())
            .unwrap_or(0),
    }
}

const FORMS: &str = "expected RFC 3339 (2026-10-14T09:02:11+08:00), 2026-10-14 09:02:11, 10/14/2026 9:02 AM, 14.10.2026 09:02 or 2026年10月14日 09:02";

fn expected(s: &str) -> String {
    format!("cannot read '{s}' as a timestamp: {FORMS}")
}

fn invalid_date(b: &[u8]) -> String {
    format!("'{}' is not a valid date and time", String::from_utf8_lossy(b))
}

fn digits(b: &[u8], at: usize, len: usize) -> Option<u32> {
    let mut v = 0u32;
    for &c in b.get(at..at + len)? {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// `+08:00`, `+0800`, `+08`, `-05:00`, `Z` is handled by callers: (seconds east, bytes used).
fn parse_offset(b: &[u8]) -> Option<(i32, usize)> {
    let sign = match b.first()? {
        b'+' => 1,
        b'-' | 0xE2 => -1, // 0xE2 starts U+2212 MINUS SIGN; handled below
        _ => return None,
    };
    let mut i = if b[0] == 0xE2 {
        if b.get(..3)? != "\u{2212}".as_bytes() {
            return None;
        }
        3
    } else {
        1
    };
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let (h, m, used) = match i - start {
        1 | 2 => {
            let h = digits(b, start, i - start)?;
            if b.get(i) == Some(&b':') {
                (h, digits(b, i + 1, 2)?, i + 3)
            } else {
                (h, 0, i)
            }
        }
        4 => (digits(b, start, 2)?, digits(b, start + 2, 2)?, i),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some((sign * (h as i32 * 3600 + m as i32 * 60), used))
}

/// Seconds of a civil date-time counted as if UTC (days from civil, Howard Hinnant).
pub fn civil_seconds(y: u32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<i64> {
    if !(1..=12).contains(&mo) || d == 0 || h > 24 || mi > 59 || s > 60 {
        return None;
    }
    if d > days_in_month(y, mo) || (h == 24 && (mi > 0 || s > 0)) {
        return None;
    }
    let y = i64::from(y) - i64::from(mo <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(mo) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// The civil date of an epoch second at a fixed offset.
pub fn civil_date(epoch: Epoch, offset_secs: i32) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(epoch + i64::from(offset_secs), 0).map(|d| d.date_naive())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// The numbers (value, digit count), month name, AM/PM and offset of a timestamp.
struct Fields {
    nums: Vec<(u32, usize)>,
    month_name: Option<u32>,
    meridiem: Option<Meridiem>,
    offset: Option<i32>,
    dotted: bool,
    /// The first word that is no part of any timestamp form.
    stray: Option<String>,
}

impl Fields {
    fn scan(s: &str) -> Fields {
        let b = s.as_bytes();
        let mut f = Fields {
            nums: Vec::new(),
            month_name: None,
            meridiem: None,
            offset: None,
            dotted: false,
            stray: None,
        };
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if f.nums.len() == 1 && start > 0 && b[start - 1] == b'.' {
                    f.dotted = true;
                }
                let len = i - start;
                if len <= 9 {
                    let v = digits(b, start, len).unwrap_or(0);
                    // Fractions of a second after the seconds field are ignored.
                    if !(start > 0 && b[start - 1] == b'.' && f.nums.len() >= 6) {
                        f.nums.push((v, len));
                    }
                }
                continue;
            }
            if (c == b'+' || c == b'-') && f.nums.len() >= 4 {
                if let Some((o, used)) = parse_offset(&b[i..]) {
                    f.offset = Some(o);
                    i += used;
                    continue;
                }
            }
            if c.is_ascii_alphabetic() {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'.') {
                    i += 1;
                }
                let word = s[start..i].trim_end_matches('.').to_ascii_lowercase();
                match word.as_str() {
                    "am" | "a.m" => f.meridiem = Some(Meridiem::Am),
                    "pm" | "p.m" => f.meridiem = Some(Meridiem::Pm),
                    "z" | "utc" | "gmt" if f.nums.len() >= 5 => f.offset = f.offset.or(Some(0)),
                    w => {
                        const MONTHS: [&str; 12] = [
                            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                            "dec",
                        ];
                        const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
                        let month = MONTHS.iter().position(|m| w.len() >= 3 && w.starts_with(m));
                        if let Some(m) = month {
                            f.month_name = Some(m as u32 + 1);
                        } else if !(w == "t"
                            || w == "at"
                            || WEEKDAYS.iter().any(|d| w.len() >= 3 && w.starts_with(d)))
                            && f.stray.is_none()
                        {
                            f.stray = Some(s[start..i].to_string());
                        }
                    }
                }
                continue;
            }
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
        f
    }
}

/// Detects the order of `a/b/YYYY` dates from sample values: a first field above 12 means
/// day first, a second field above 12 means month first; `None` when the samples do not tell
/// (or contradict each other).
pub fn detect_order<'a>(samples: impl IntoIterator<Item = &'a str>) -> Option<DateOrder> {
    let mut day_first = false;
    let mut month_first = false;
    for s in samples {
        let f = Fields::scan(s);
        if f.dotted || f.nums.len() < 3 || f.nums[2].1 != 4 || f.nums[0].1 == 4 {
            continue;
        }
        if f.nums[0].0 > 12 {
            day_first = true;
        }
        if f.nums[1].0 > 12 {
            month_first = true;
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
        chrono::Utc
            .with_ymd_and_hms(y, mo, d, h, mi, s)
            .unwrap()
            .timestamp()
    }

    #[test]
    fn rfc3339_and_offsets() {
        let mut p = TimestampParser::new(None, None);
        assert_eq!(
            p.parse("2026-10-14T09:02:11+08:00"),
            Ok(utc(2026, 10, 14, 1, 2, 11))
        );
        assert_eq!(p.parse("2026-10-14 09:02:11Z"), Ok(utc(2026, 10, 14, 9, 2, 11)));
        assert_eq!(
            p.parse("2026-10-14 09:02:11 -05:00"),
            Ok(utc(2026, 10, 14, 14, 2, 11))
        );
        assert_eq!(
            p.parse("2026-10-14T09:02:11.250+0800"),
            Ok(utc(2026, 10, 14, 1, 2, 11))
        );
        assert_eq!(
            p.parse("Tue Oct 31 22:10:47 +0000 2017"),
            Ok(utc(2017, 10, 31, 22, 10, 47))
        );
    }

    #[test]
    fn naive_needs_a_zone() {
        let mut p = TimestampParser::new(None, None);
        let e = p.parse("2026-10-14 09:02").unwrap_err();
        assert!(e.contains("--timezone"), "{e}");
        let mut p = TimestampParser::new(Some(Zone::parse("Asia/Shanghai").unwrap()), None);
        assert_eq!(p.parse("2026-10-14 09:02"), Ok(utc(2026, 10, 14, 1, 2, 0)));
        assert_eq!(p.parse("2026/10/14 09:02:11"), Ok(utc(2026, 10, 14, 1, 2, 11)));
        assert_eq!(p.parse("2026年10月14日 09:02"), Ok(utc(2026, 10, 14, 1, 2, 0)));
        let mut p = TimestampParser::new(Some(Zone::parse("+05:30").unwrap()), None);
        assert_eq!(p.parse("2023-04-08 20:52:00"), Ok(utc(2023, 4, 8, 15, 22, 0)));
        // Where a zone can be given is the caller's to say.
        let hint = "set timezone in vendors.toml";
        let mut p = NaiveZone { zone: None, hint }.parser(None);
        let e = p.parse("14/10/2026 09:02").unwrap_err();
        assert_eq!(
            e,
            "'14/10/2026 09:02' has no time zone: set timezone in vendors.toml"
        );
        let mut p = NaiveZone {
            zone: Some(Zone::Fixed(0)),
            hint,
        }
        .parser(None);
        assert_eq!(p.parse("2026-10-14 09:02"), Ok(utc(2026, 10, 14, 9, 2, 0)));
    }

    #[test]
    fn dst_in_an_iana_zone() {
        let mut p = TimestampParser::new(Some(Zone::parse("Europe/Berlin").unwrap()), None);
        // Before and after the change of 2026-10-25 03:00 CEST -> 02:00 CET.
        assert_eq!(p.parse("2026-10-24 12:00"), Ok(utc(2026, 10, 24, 10, 0, 0)));
        assert_eq!(p.parse("2026-10-26 12:00"), Ok(utc(2026, 10, 26, 11, 0, 0)));
        // The repeated hour takes the earlier (summer) offset.
        assert_eq!(p.parse("2026-10-25 02:30"), Ok(utc(2026, 10, 25, 0, 30, 0)));
    }

    #[test]
    fn us_and_european_forms() {
        let mut p = TimestampParser::new(Some(Zone::Fixed(0)), None);
        assert_eq!(p.parse("10/14/2026 9:02 PM"), Ok(utc(2026, 10, 14, 21, 2, 0)));
        assert_eq!(p.parse("21/04/2026, 17:58"), Ok(utc(2026, 4, 21, 17, 58, 0)));
        assert_eq!(p.parse("14.10.2026 09:02"), Ok(utc(2026, 10, 14, 9, 2, 0)));
        assert!(p.parse("12/01/2026 12:15 AM").unwrap_err().contains("date order"));
        p.set_order(Some(DateOrder::DayFirst));
        assert_eq!(p.parse("12/01/2026 12:15 AM"), Ok(utc(2026, 1, 12, 0, 15, 0)));
        assert_eq!(
            detect_order(["01/02/2026 10:00", "21/04/2026, 17:58"]),
            Some(DateOrder::DayFirst)
        );
        assert_eq!(
            detect_order(["01/02/2026 10:00", "04/21/2026 17:58"]),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(detect_order(["01/02/2026 10:00"]), None);
    }

    #[test]
    fn bad_values_are_named() {
        let mut p = TimestampParser::new(Some(Zone::Fixed(0)), None);
        assert!(p
            .parse("2026-02-30 10:00")
            .unwrap_err()
            .contains("not a valid date"));
        assert!(p
            .parse("2026-10-14 9am")
            .unwrap_err()
            .contains("expected RFC 3339"));
        assert!(p.parse("").is_err());
        let e = p.parse("2026-10-14T09:02:11+08:00x").unwrap_err();
        assert!(e.contains("unexpected 'x'"), "{e}");
        assert_eq!(p.parse("Tue Oct 31 22:10:47 +0000 2017"), Ok(1_509_487_847));
        assert!(Zone::parse("Mars/Olympus").unwrap_err().contains("IANA"));
        assert_eq!(Zone::parse("UTC+8"), Ok(Zone::Fixed(8 * 3600)));
    }
}
