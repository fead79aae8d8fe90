//! Elapsed time inside a weekly schedule, as help desks count it for business-hours SLAs.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, TimeZone};

/// A weekly schedule: the same opening hours on the given weekdays, at a fixed UTC offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeeklySchedule {
    /// Monday = index 0.
    pub days: [bool; 7],
    /// Minutes after local midnight.
    pub open: u32,
    pub close: u32,
    /// The schedule's UTC offset in minutes; `None`: the local time of each timestamp.
    pub utc_offset_minutes: Option<i32>,
}

impl WeeklySchedule {
    /// Length of one business day, in minutes.
    pub fn day_minutes(&self) -> f64 {
        self.close.saturating_sub(self.open) as f64
    }

    /// Minutes between `start` and `end` that fall inside the schedule (0 if `end <= start`).
    pub fn minutes_between(&self, start: DateTime<FixedOffset>, end: DateTime<FixedOffset>) -> f64 {
        if end <= start {
            return 0.0;
        }
        let offset = self
            .utc_offset_minutes
            .and_then(|m| FixedOffset::east_opt(m * 60))
            .unwrap_or(*start.offset());
        let (s, e) = (start.with_timezone(&offset), end.with_timezone(&offset));
        let mut total = 0i64;
        let mut day = s.date_naive();
        let last = e.date_naive();
        while day <= last {
            if self.days[day.weekday().num_days_from_monday() as usize] {
                let midnight = offset.from_local_datetime(&day.and_time(NaiveTime::MIN)).single();
                let at = |mins: u32| midnight.map(|m| m + Duration::minutes(i64::from(mins)));
                if let (Some(open), Some(close)) = (at(self.open), at(self.close)) {
                    let from = open.max(s);
                    let to = close.min(e);
                    if to > from {
                        total += (to - from).num_seconds();
                    }
                }
            }
            day += Duration::days(1);
        }
        total as f64 / 60.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    const WEEKDAYS: [bool; 7] = [true, true, true, true, true, false, false];

    #[test]
    fn counts_only_open_hours_across_a_weekend() {
        let s = WeeklySchedule {
            days: WEEKDAYS,
            open: 9 * 60,
            close: 18 * 60,
            utc_offset_minutes: Some(480),
        };
        // Friday 17:30 -> Monday 09:30 (Shanghai): 30 min on Friday, 30 on Monday.
        assert_eq!(
            s.minutes_between(t("2026-10-16T17:30:00+08:00"), t("2026-10-19T09:30:00+08:00")),
            60.0
        );
        // Saturday 21:00 -> Monday 09:14: 14 minutes.
        assert_eq!(
            s.minutes_between(t("2026-10-17T21:00:00+08:00"), t("2026-10-19T09:14:00+08:00")),
            14.0
        );
        // The same instants written in UTC give the same answer.
        assert_eq!(
            s.minutes_between(t("2026-10-16T09:30:00+00:00"), t("2026-10-19T01:30:00+00:00")),
            60.0
        );
        // Inside one day.
        assert_eq!(
            s.minutes_between(t("2026-10-14T10:00:00+08:00"), t("2026-10-14T10:25:00+08:00")),
            25.0
        );
        assert_eq!(s.day_minutes(), 540.0);
    }
}
