//! `--business-hours` for the response-time statistics: a schedule such as
//! `Mon-Fri 09:00-18:00 Asia/Shanghai`, with holidays and make-up workdays from a TOML file,
//! as an [`ElapsedClock`] that counts only the seconds inside the schedule, the way help desks
//! count elapsed time for business-hours SLAs.
//!
//! The schedule is laid out once as a sorted list of open intervals in UTC (1970 to 2100), each
//! with the open seconds before it, so the business time between two instants is two binary
//! searches, whatever the distance between them. Local times are turned into instants through
//! the time zone's rules, so a DST change shortens or lengthens the day it falls on.

use crate::error::{line_col, toml_diagnostic, Diagnostic, Error, Result};
use crate::time::timestamp::Zone;
use crate::time::ElapsedClock;
use chrono::{
    Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Weekday,
};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Wall-clock time (`7x24`).
struct WallClock;

impl ElapsedClock for WallClock {
    fn seconds_between(&self, start: i64, end: i64) -> i64 {
        end - start
    }
    fn describe(&self) -> String {
        "7x24 wall clock".into()
    }
}

/// Opening hours on one weekday: (open, close) in seconds after local midnight; close may pass
/// midnight (up to 48:00) for a shift that runs into the next day.
type DayHours = Vec<(u32, u32)>;

/// A weekly schedule in one time zone, with holidays and make-up workdays.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    spec: String,
    week: [DayHours; 7],
    zone: Zone,
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
    /// Open intervals in UTC seconds: (start, end, open seconds before start), sorted.
    intervals: Vec<(i64, i64, i64)>,
}

const FIRST_DAY: (i32, u32, u32) = (1970, 1, 1);
const LAST_YEAR: i32 = 2100;

impl BusinessCalendar {
    /// Parses a schedule: day sets followed by hour ranges, then a time zone, e.g.
    /// `Mon-Fri 09:00-18:00 Asia/Shanghai`, `Mon-Fri 09:00-12:00 13:00-18:00, Sat 10:00-14:00 +08:00`,
    /// `周一至周五 9:00-18:00 Asia/Shanghai`. `default_zone` (from `--timezone`) is used when the
    /// spec names none; with neither it is an error.
    pub fn parse(spec: &str, default_zone: Option<Zone>) -> std::result::Result<Self, String> {
        let mut week: [DayHours; 7] = Default::default();
        let mut zone = None;
        let mut days: Option<[bool; 7]> = None;
        let mut days_used = false;
        let tokens = spec
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '，' || c == '；')
            .filter(|t| !t.is_empty());
        for tok in tokens {
            if let Some((open, close)) = parse_hours(tok)? {
                let Some(set) = days else {
                    return Err(format!(
                        "'{tok}' comes before any weekday: expected e.g. 'Mon-Fri {tok}'"
                    ));
                };
                for (i, on) in set.iter().enumerate() {
                    if *on {
                        week[i].push((open, close));
                    }
                }
                days_used = true;
            } else if let Some(set) = parse_days(tok) {
                let merged = match days {
                    Some(prev) if !days_used => {
                        let mut m = prev;
                        for i in 0..7 {
                            m[i] |= set[i];
                        }
                        m
                    }
                    _ => set,
                };
                days = Some(merged);
                days_used = false;
            } else if let Ok(z) = Zone::parse(tok) {
                if zone.is_some() {
                    return Err(format!("'{tok}': the schedule names two time zones"));
                }
                zone = Some(z);
            } else {
                return Err(format!(
                    "cannot read '{tok}': expected weekdays (Mon-Fri, Sat, 周一至周五), hours (09:00-18:00) or a time zone (Asia/Shanghai, +08:00)"
                ));
            }
        }
        if days.is_some() && !days_used {
            return Err("the last weekdays have no hours: expected e.g. 'Mon-Fri 09:00-18:00'".into());
        }
        if week.iter().all(|d| d.is_empty()) {
            return Err("no opening hours: expected e.g. 'Mon-Fri 09:00-18:00 Asia/Shanghai'".into());
        }
        let zone = zone.or(default_zone).ok_or(
            "the schedule has no time zone: add one (e.g. 'Mon-Fri 09:00-18:00 Asia/Shanghai') or give --timezone",
        )?;
        for d in &mut week {
            d.sort_unstable();
        }
        let mut cal = BusinessCalendar {
            spec: spec.trim().to_string(),
            week,
            zone,
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
            intervals: Vec::new(),
        };
        cal.lay_out();
        Ok(cal)
    }

    /// Adds the holidays (closed although the weekday is open) and make-up workdays (open with
    /// the hours of a regular workday although the weekday is closed) of a TOML file:
    /// `holidays = ["2026-10-01", "2026-10-02..2026-10-07"]`, `workdays = ["2026-09-27"]`.
    pub fn with_holidays(mut self, text: &str, name: &str) -> Result<Self> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            #[serde(default)]
            holidays: Vec<toml::Spanned<String>>,
            #[serde(default)]
            workdays: Vec<toml::Spanned<String>>,
        }
        let at = |span: std::ops::Range<usize>| line_col(text, span.start);
        let file: File = toml::from_str(text).map_err(|e| Error::invalid(toml_diagnostic(name, text, &e)))?;
        for (list, into_holidays) in [(&file.holidays, true), (&file.workdays, false)] {
            for item in list {
                let dates = parse_date_range(item.get_ref()).map_err(|msg| {
                    let (line, col) = at(item.span());
                    Error::invalid(Diagnostic::at(name, line, col, msg))
                })?;
                for d in dates {
                    let (set, other) = if into_holidays {
                        (&mut self.holidays, &self.workdays)
                    } else {
                        (&mut self.workdays, &self.holidays)
                    };
                    if other.contains(&d) {
                        let (line, col) = at(item.span());
                        return Err(Error::invalid(Diagnostic::at(
                            name,
                            line,
                            col,
                            format!("{d} is listed both as a holiday and as a workday"),
                        )));
                    }
                    set.insert(d);
                }
            }
        }
        self.lay_out();
        Ok(self)
    }

    /// The length of a regular business day, in minutes (the longest open weekday).
    pub fn day_minutes(&self) -> f64 {
        self.week
            .iter()
            .map(|d| d.iter().map(|(a, b)| f64::from(b - a) / 60.0).sum::<f64>())
            .fold(0.0, f64::max)
    }

    /// The hours of a make-up workday: those of the first open weekday from Monday on.
    fn regular_hours(&self) -> &DayHours {
        self.week.iter().find(|d| !d.is_empty()).unwrap_or(&self.week[0])
    }

    fn hours_on(&self, day: NaiveDate) -> &DayHours {
        static CLOSED: DayHours = Vec::new();
        if self.holidays.contains(&day) {
            &CLOSED
        } else if self.workdays.contains(&day)
            && self.week[day.weekday().num_days_from_monday() as usize].is_empty()
        {
            self.regular_hours()
        } else {
            &self.week[day.weekday().num_days_from_monday() as usize]
        }
    }

    fn instant(&self, local: NaiveDateTime) -> i64 {
        match &self.zone {
            Zone::Fixed(secs) => local.and_utc().timestamp() - i64::from(*secs),
            Zone::Iana(tz) => match tz.from_local_datetime(&local) {
                LocalResult::Single(t) => t.timestamp(),
                LocalResult::Ambiguous(a, _) => a.timestamp(),
                // In a spring-forward gap: read with the offset in force before it, which
                // moves the time forward by the gap (02:30 on a one-hour gap is 03:30).
                LocalResult::None => {
                    let before = tz
                        .from_local_datetime(&(local - Duration::hours(6)))
                        .earliest()
                        .map(|t| t.offset().fix().local_minus_utc())
                        .unwrap_or(0);
                    local.and_utc().timestamp() - i64::from(before)
                }
            },
        }
    }

    fn lay_out(&mut self) {
        let mut raw: Vec<(i64, i64)> = Vec::new();
        let mut day = NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).expect("valid date");
        let last = NaiveDate::from_ymd_opt(LAST_YEAR, 1, 1).expect("valid date");
        while day < last {
            for &(open, close) in self.hours_on(day) {
                let at = |s: u32| day.and_time(NaiveTime::MIN) + Duration::seconds(i64::from(s));
                let (a, b) = (self.instant(at(open)), self.instant(at(close)));
                if b > a {
                    raw.push((a, b));
                }
            }
            day += Duration::days(1);
        }
        raw.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(raw.len());
        for (a, b) in raw {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let mut before = 0i64;
        self.intervals = merged
            .into_iter()
            .map(|(a, b)| {
                let item = (a, b, before);
                before += b - a;
                item
            })
            .collect();
    }

    /// Open seconds from the start of the table to `t`.
    fn open_seconds_until(&self, t: i64) -> i64 {
        let i = self.intervals.partition_point(|iv| iv.0 <= t);
        if i == 0 {
            return 0;
        }
        let (a, b, before) = self.intervals[i - 1];
        before + (t.min(b) - a)
    }
}

impl ElapsedClock for BusinessCalendar {
    fn seconds_between(&self, start: i64, end: i64) -> i64 {
        if end >= start {
            self.open_seconds_until(end) - self.open_seconds_until(start)
        } else {
            -(self.open_seconds_until(start) - self.open_seconds_until(end))
        }
    }

    fn describe(&self) -> String {
        let mut s = format!("business hours {}", self.spec);
        if !self.spec.contains(&zone_name(&self.zone)) {
            s.push(' ');
            s.push_str(&zone_name(&self.zone));
        }
        if !self.holidays.is_empty() {
            s.push_str(&format!(", {} holiday(s)", self.holidays.len()));
        }
        if !self.workdays.is_empty() {
            s.push_str(&format!(", {} make-up workday(s)", self.workdays.len()));
        }
        s
    }
}

fn zone_name(z: &Zone) -> String {
    match z {
        Zone::Iana(tz) => tz.name().to_string(),
        Zone::Fixed(secs) => {
            let sign = if *secs < 0 { '-' } else { '+' };
            let a = secs.unsigned_abs();
            format!("{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
        }
    }
}

/// `09:00-18:00`, `9-18`, `22:00-06:00` (runs past midnight), `00:00-24:00`.
fn parse_hours(tok: &str) -> std::result::Result<Option<(u32, u32)>, String> {
    let t = tok.replace(['–', '—', '~', '～', '至', '到'], "-");
    let Some((a, b)) = t.split_once('-') else {
        return Ok(None);
    };
    let (Some(open), Some(close)) = (parse_clock(a), parse_clock(b)) else {
        return Ok(None);
    };
    if open >= 24 * 3600 {
        return Err(format!("'{tok}': opening time must be before 24:00"));
    }
    if close == open {
        return Err(format!("'{tok}': opening and closing times are the same"));
    }
    let close = if close < open { close + 24 * 3600 } else { close };
    Ok(Some((open, close)))
}

fn parse_clock(s: &str) -> Option<u32> {
    let (h, m) = match s.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (s, "0"),
    };
    if h.is_empty()
        || h.len() > 2
        || !h.bytes().all(|b| b.is_ascii_digit())
        || !m.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return None;
    }
    Some(h * 3600 + m * 60)
}

fn weekday(s: &str) -> Option<Weekday> {
    let l = s.to_lowercase();
    let l = l
        .strip_prefix("星期")
        .or_else(|| l.strip_prefix("周"))
        .or_else(|| l.strip_prefix("礼拜"))
        .map(str::to_string)
        .unwrap_or(l.clone());
    let w = match l.as_str() {
        "mon" | "monday" | "一" => Weekday::Mon,
        "tue" | "tues" | "tuesday" | "二" => Weekday::Tue,
        "wed" | "wednesday" | "三" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" | "四" => Weekday::Thu,
        "fri" | "friday" | "五" => Weekday::Fri,
        "sat" | "saturday" | "六" => Weekday::Sat,
        "sun" | "sunday" | "日" | "天" => Weekday::Sun,
        _ => return None,
    };
    Some(w)
}

/// `Mon`, `Mon-Fri`, `Fri-Mon` (wraps), `daily`, `weekdays`, `周一至周五`.
fn parse_days(tok: &str) -> Option<[bool; 7]> {
    let l = tok.to_lowercase();
    let mut set = [false; 7];
    match l.as_str() {
        "daily" | "everyday" | "每天" | "每日" => return Some([true; 7]),
        "weekdays" | "工作日" => return Some([true, true, true, true, true, false, false]),
        "weekends" | "周末" => return Some([false, false, false, false, false, true, true]),
        _ => {}
    }
    let t = l.replace(['–', '—', '~', '～', '至', '到'], "-");
    match t.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (weekday(a)?, weekday(b)?);
            let mut d = a;
            loop {
                set[d.num_days_from_monday() as usize] = true;
                if d == b {
                    break;
                }
                d = d.succ();
            }
        }
        None => set[weekday(&t)?.num_days_from_monday() as usize] = true,
    }
    Some(set)
}

fn parse_date_range(s: &str) -> std::result::Result<Vec<NaiveDate>, String> {
    let date = |x: &str| {
        NaiveDate::parse_from_str(x.trim(), "%Y-%m-%d")
            .map_err(|_| format!("cannot read '{}' as a date: expected YYYY-MM-DD", x.trim()))
    };
    match s.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (date(a)?, date(b)?);
            if b < a {
                return Err(format!("'{s}': the range ends before it starts"));
            }
            if (b - a).num_days() > 366 {
                return Err(format!("'{s}': a holiday range longer than a year"));
            }
            Ok(a.iter_days().take_while(|d| *d <= b).collect())
        }
        None => Ok(vec![date(s)?]),
    }
}

/// Builds the clock of `--business-hours SPEC` with an optional holidays file (text, name).
/// `default_zone` is `--timezone`, used when the spec names no zone.
pub fn from_spec(
    spec: &str,
    holidays: Option<(&str, &str)>,
    default_zone: Option<Zone>,
) -> Result<Option<Arc<dyn ElapsedClock>>> {
    let t = spec.trim().to_ascii_lowercase();
    let command_line = |msg: String| Error::invalid(Diagnostic::new("<command line>", None, msg));
    if matches!(t.as_str(), "7x24" | "24x7" | "24/7") {
        if holidays.is_some() {
            return Err(command_line(
                "--holidays has no effect with a 7x24 schedule".into(),
            ));
        }
        return Ok(Some(Arc::new(WallClock)));
    }
    let cal = BusinessCalendar::parse(spec, default_zone)
        .map_err(|m| command_line(format!("--business-hours: {m}")))?;
    let cal = match holidays {
        Some((text, name)) => cal.with_holidays(text, name)?,
        None => cal,
    };
    Ok(Some(Arc::new(cal)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn t(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    fn minutes(c: &BusinessCalendar, a: &str, b: &str) -> f64 {
        c.seconds_between(t(a), t(b)) as f64 / 60.0
    }

    #[test]
    fn weekend_is_closed() {
        let c = BusinessCalendar::parse("Mon-Fri 09:00-18:00 Asia/Shanghai", None).unwrap();
        // Friday 17:30 -> Monday 09:30: 30 minutes on Friday, 30 on Monday.
        assert_eq!(
            minutes(&c, "2026-10-16T17:30:00+08:00", "2026-10-19T09:30:00+08:00"),
            60.0
        );
        // Saturday 21:00 -> Monday 09:14: 14 minutes.
        assert_eq!(
            minutes(&c, "2026-10-17T21:00:00+08:00", "2026-10-19T09:14:00+08:00"),
            14.0
        );
        // Inside one day, and a whole week (5 x 9 h).
        assert_eq!(
            minutes(&c, "2026-10-14T10:00:00+08:00", "2026-10-14T10:07:30+08:00"),
            7.5
        );
        assert_eq!(
            minutes(&c, "2026-10-12T00:00:00+08:00", "2026-10-19T00:00:00+08:00"),
            45.0 * 60.0
        );
        // Order matters: reversed is negative.
        assert_eq!(
            minutes(&c, "2026-10-14T10:07:30+08:00", "2026-10-14T10:00:00+08:00"),
            -7.5
        );
    }

    #[test]
    fn holidays_close_and_workdays_open() {
        let c = BusinessCalendar::parse("周一至周五 9:00-18:00 Asia/Shanghai", None)
            .unwrap()
            .with_holidays(
                "holidays = [\"2026-10-01..2026-10-07\"]\nworkdays = [\"2026-10-10\"]\n",
                "holidays.toml",
            )
            .unwrap();
        // Tuesday 30 Sep 17:00 -> Thursday 8 Oct 09:10: 60 min on 30 Sep, the Golden Week
        // (1-7 Oct) closed, 10 min on the 8th.
        assert_eq!(
            minutes(&c, "2026-09-30T17:00:00+08:00", "2026-10-08T09:10:00+08:00"),
            70.0
        );
        // Saturday 10 Oct is a make-up workday with the Monday hours: 9 h.
        assert_eq!(
            minutes(&c, "2026-10-10T00:00:00+08:00", "2026-10-11T00:00:00+08:00"),
            540.0
        );
        assert!(
            c.describe().contains("7 holiday(s), 1 make-up workday(s)"),
            "{}",
            c.describe()
        );
    }

    #[test]
    fn dst_changes_the_length_of_the_night_not_of_the_day() {
        let c = BusinessCalendar::parse("Mon-Fri 09:00-17:00 America/New_York", None).unwrap();
        // US DST ended Sunday 1 Nov 2026. Friday 30 Oct 16:00 EDT (-04:00) -> Monday 2 Nov
        // 10:00 EST (-05:00): one hour on Friday and one on Monday; the extra wall-clock hour
        // of the night is not business time.
        assert_eq!(
            minutes(&c, "2026-10-30T16:00:00-04:00", "2026-11-02T10:00:00-05:00"),
            120.0
        );
        // DST began Sunday 8 Mar 2026: Friday 6 Mar 16:30 EST -> Monday 9 Mar 09:30 EDT.
        assert_eq!(
            minutes(&c, "2026-03-06T16:30:00-05:00", "2026-03-09T09:30:00-04:00"),
            60.0
        );
        // A schedule open through a DST night counts the real elapsed time: on 1 Nov 2026,
        // 00:00-04:00 local in New York is five real hours.
        let night = BusinessCalendar::parse("Sun 00:00-04:00 America/New_York", None).unwrap();
        assert_eq!(
            minutes(&night, "2026-11-01T00:00:00-04:00", "2026-11-01T05:00:00-05:00"),
            300.0
        );
        // ... and on 8 Mar 2026 it is three.
        assert_eq!(
            minutes(&night, "2026-03-08T00:00:00-05:00", "2026-03-08T05:00:00-04:00"),
            180.0
        );
        // An opening time inside the spring-forward gap (02:30 does not exist on 8 Mar 2026)
        // moves forward by the gap: 03:30 EDT, so 02:30-04:00 is half an hour that day.
        let gap = BusinessCalendar::parse("Sun 02:30-04:00 America/New_York", None).unwrap();
        assert_eq!(
            minutes(&gap, "2026-03-08T00:00:00-05:00", "2026-03-08T12:00:00-04:00"),
            30.0
        );
        assert_eq!(
            minutes(&gap, "2026-03-15T00:00:00-04:00", "2026-03-15T12:00:00-04:00"),
            90.0
        );
    }

    #[test]
    fn split_days_overnight_shifts_and_fixed_offsets() {
        let c =
            BusinessCalendar::parse("Mon-Fri 09:00-12:00 13:00-18:00, Sat 10:00-14:00 +08:00", None).unwrap();
        // Friday 11:00 -> Saturday 11:00: 1 h + 5 h on Friday, 1 h on Saturday.
        assert_eq!(
            minutes(&c, "2026-10-16T11:00:00+08:00", "2026-10-17T11:00:00+08:00"),
            420.0
        );
        let night = BusinessCalendar::parse("Mon-Fri 22:00-06:00 UTC", None).unwrap();
        // Friday 23:00 -> Saturday 07:00: 7 h (the Friday shift ends Saturday 06:00).
        assert_eq!(
            minutes(&night, "2026-10-16T23:00:00Z", "2026-10-17T07:00:00Z"),
            420.0
        );
    }

    #[test]
    fn bad_specs_are_named() {
        let e = BusinessCalendar::parse("Mon-Fri 09:00-18:00", None).unwrap_err();
        assert!(e.contains("no time zone"), "{e}");
        assert!(BusinessCalendar::parse("Mon-Fri 09:00-18:00", Some(Zone::Fixed(0))).is_ok());
        let e = BusinessCalendar::parse("Mon-Fry 09:00-18:00 UTC", None).unwrap_err();
        assert!(e.contains("'Mon-Fry'"), "{e}");
        let e = BusinessCalendar::parse("09:00-18:00 UTC", None).unwrap_err();
        assert!(e.contains("before any weekday"), "{e}");
        let e = BusinessCalendar::parse("Mon-Fri 09:00-09:00 UTC", None).unwrap_err();
        assert!(e.contains("the same"), "{e}");
        let e = BusinessCalendar::parse("Mon-Fri 09:00-18:00 UTC", None)
            .unwrap()
            .with_holidays("holidays = [\"2026-10-01\", \"2026-13-01\"]\n", "h.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("h.toml:1:") && e.contains("2026-13-01"), "{e}");
    }
}
