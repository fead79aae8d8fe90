//! The SLA model: what a support-plan document commits to (first response, resolution,
//! support hours, channels, uptime), each commitment with the line it came from. No I/O and
//! no parsing: the extractor (`ingest::sla`) fills these, metrics and promises read them.

use crate::model::domain::{Channel, Priority};
use crate::model::evidence::Evidence;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Zh,
    En,
    Mixed,
}

#[derive(Debug, Clone)]
pub struct SlaDocument {
    pub vendor: String,
    pub file: String,
    pub language: Language,
    pub first_response: Vec<ResponseCommitment>,
    pub resolution: Vec<ResolutionCommitment>,
    pub support_hours: Vec<SupportHours>,
    pub channels: Vec<ChannelOffer>,
    pub uptime: Vec<UptimeCommitment>,
    /// Plan names the document gives in two languages: (a plan name it uses, the other name
    /// it gives beside it, as in `企业版（Enterprise）`).
    pub plan_aliases: Vec<(String, String)>,
    /// Problems met while reading (no commitment found, a binary file, a cut line...).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCommitment {
    pub plan: Option<String>,
    /// `None`: the promise applies to every request, whatever its priority.
    pub priority: Option<Priority>,
    /// Minutes; a business day counts as [`SlaDocument::business_day_minutes`].
    pub minutes: f64,
    /// The clock only runs inside business hours.
    pub business_hours: bool,
    /// The line, row or column states that the clock runs 7x24 for this promise.
    pub around_the_clock: bool,
    /// Set when the promise was written in business days (`1 business day`, `1个工作日`).
    pub business_days: Option<f64>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResolutionCommitment {
    pub plan: Option<String>,
    pub priority: Option<Priority>,
    pub metric: ResolutionMetric,
    /// Minutes; a business day counts as [`SlaDocument::business_day_minutes`].
    pub minutes: Option<f64>,
    pub percent: Option<f64>,
    /// Set when the time was written in business days.
    pub business_days: Option<f64>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SupportHours {
    pub plan: Option<String>,
    pub schedule: Schedule,
    /// Offset from UTC in minutes, where the document states it.
    pub utc_offset_minutes: Option<i32>,
    /// The zone as stated: an IANA name (`Asia/Shanghai` for 北京时间) or an offset (`+08:00`).
    pub timezone: Option<String>,
    pub evidence: Evidence,
}

/// What a resolution commitment measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolutionMetric {
    TimeToResolve,
    TimeToWorkaround,
    ResolutionRate,
    FirstContactResolutionRate,
}

/// A promised availability (uptime) of the service, in percent.
#[derive(Debug, Clone, PartialEq)]
pub struct UptimeCommitment {
    pub value: f64,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Schedule {
    /// 7x24.
    AlwaysOn,
    /// The same hours on the given weekdays (Monday = index 0), in minutes after midnight.
    Weekly { days: [bool; 7], start: u32, end: u32 },
}

/// A business day where no schedule says how long one is: 8 business hours.
pub const DEFAULT_BUSINESS_DAY_MINUTES: f64 = 480.0;

impl Schedule {
    /// The open minutes of one day: 1440 for 7x24, the daily hours of a weekly schedule.
    pub fn day_minutes(&self) -> Option<f64> {
        match self {
            Schedule::AlwaysOn => Some(1440.0),
            Schedule::Weekly { start, end, .. } => {
                Some(f64::from(end.saturating_sub(*start))).filter(|m| *m > 0.0)
            }
        }
    }

    /// Whether the schedule is open at `minute` after midnight of `weekday` (Monday = 0). A
    /// weekly range that ends at or before it starts runs past midnight into the next day.
    pub fn open_at(&self, weekday: usize, minute: u32) -> bool {
        match *self {
            Schedule::AlwaysOn => true,
            Schedule::Weekly { days, start, end } => {
                let day = |d: usize| days[d % 7];
                if start < end {
                    day(weekday) && (start..end).contains(&minute)
                } else {
                    (day(weekday) && minute >= start) || (day(weekday + 6) && minute < end)
                }
            }
        }
    }

    pub fn hours_per_week(&self) -> f64 {
        match self {
            Schedule::AlwaysOn => 168.0,
            Schedule::Weekly { days, start, end } => {
                let per_day = end.saturating_sub(*start) as f64 / 60.0;
                per_day * days.iter().filter(|d| **d).count() as f64
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Schedule::AlwaysOn => "24x7".to_string(),
            Schedule::Weekly { days, start, end } => {
                const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                let first = days.iter().position(|d| *d).unwrap_or(0);
                let last = days.iter().rposition(|d| *d).unwrap_or(0);
                let contiguous = days[first..=last].iter().all(|d| *d);
                let names = if first == last {
                    NAMES[first].to_string()
                } else if contiguous {
                    format!("{}-{}", NAMES[first], NAMES[last])
                } else {
                    (0..7)
                        .filter(|i| days[*i])
                        .map(|i| NAMES[i])
                        .collect::<Vec<_>>()
                        .join(",")
                };
                format!(
                    "{} {:02}:{:02}-{:02}:{:02}",
                    names,
                    start / 60,
                    start % 60,
                    end / 60,
                    end % 60
                )
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelOffer {
    pub channel: Channel,
    pub plan: Option<String>,
    pub evidence: Evidence,
}

impl SlaDocument {
    /// A document with nothing read yet.
    pub fn new(vendor: &str, file: &str, language: Language) -> Self {
        SlaDocument {
            vendor: vendor.to_string(),
            file: file.to_string(),
            language,
            first_response: Vec::new(),
            resolution: Vec::new(),
            support_hours: Vec::new(),
            channels: Vec::new(),
            uptime: Vec::new(),
            plan_aliases: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Adds the warning of a document that states no commitment at all.
    pub fn warn_if_empty(&mut self) {
        if self.first_response.is_empty()
            && self.resolution.is_empty()
            && self.support_hours.is_empty()
            && self.channels.is_empty()
            && self.uptime.is_empty()
        {
            self.warnings.push("no support commitment found".to_string());
        }
    }

    /// The plan names the commitments carry, in the order they first appear in the document.
    pub fn plan_names(&self) -> Vec<String> {
        fn named<'a>(plan: &'a Option<String>, e: &Evidence) -> Option<(usize, &'a String)> {
            plan.as_ref().map(|p| (e.line.unwrap_or(usize::MAX), p))
        }
        let mut named: Vec<(usize, &String)> = (self.first_response.iter())
            .filter_map(|c| named(&c.plan, &c.evidence))
            .chain(self.resolution.iter().filter_map(|c| named(&c.plan, &c.evidence)))
            .chain(
                self.support_hours
                    .iter()
                    .filter_map(|c| named(&c.plan, &c.evidence)),
            )
            .chain(self.channels.iter().filter_map(|c| named(&c.plan, &c.evidence)))
            .collect();
        // Stable: on one line, in the order read.
        named.sort_by_key(|(l, _)| *l);
        let mut out: Vec<String> = Vec::new();
        for (_, p) in named {
            if !out.contains(p) {
                out.push(p.clone());
            }
        }
        out
    }

    /// The support hours that set a plan's business hours: the plan's own, else those stated
    /// for no plan, else any; at each step a weekly schedule before 7x24.
    pub fn business_schedule(&self, plan: Option<&str>) -> Option<&SupportHours> {
        let pick = |keep: &dyn Fn(&SupportHours) -> bool| {
            let mut stated = self.support_hours.iter().filter(|h| keep(h));
            let first = stated.clone().next();
            stated
                .find(|h| matches!(h.schedule, Schedule::Weekly { .. }))
                .or(first)
        };
        plan.and_then(|p| pick(&|h| h.plan.as_deref() == Some(p)))
            .or_else(|| pick(&|h| h.plan.is_none()))
            .or_else(|| pick(&|_| true))
    }

    /// THE business-day rule, the same in every command: one business day is the daily length
    /// of the schedule that sets the plan's business hours ([`Self::business_schedule`]: 540
    /// minutes for 09:00-18:00, 1440 for 7x24), else 8 business hours (480 minutes).
    pub fn business_day_minutes(&self, plan: Option<&str>) -> f64 {
        self.business_schedule(plan)
            .and_then(|h| h.schedule.day_minutes())
            .unwrap_or(DEFAULT_BUSINESS_DAY_MINUTES)
    }

    /// A first-response promise's limit in minutes for a buyer of `plan` (the promise's own
    /// plan, else the one given): promises in business days by the business-day rule.
    pub fn response_minutes(&self, c: &ResponseCommitment, plan: Option<&str>) -> f64 {
        let plan = c.plan.as_deref().or(plan);
        c.business_days
            .map_or(c.minutes, |d| d * self.business_day_minutes(plan))
    }

    /// Applies the business-day rule to every commitment written in business days, once the
    /// whole document (its schedules included) has been read.
    pub fn settle_business_days(&mut self) {
        // One business day per plan, looked up once (a long document has many promises and
        // many stated hours).
        let mut days: std::collections::HashMap<Option<String>, f64> = std::collections::HashMap::new();
        let mut day = |d: &SlaDocument, plan: &Option<String>| {
            *days
                .entry(plan.clone())
                .or_insert_with(|| d.business_day_minutes(plan.as_deref()))
        };
        let response: Vec<Option<f64>> = self
            .first_response
            .iter()
            .map(|c| c.business_days.map(|n| n * day(self, &c.plan)))
            .collect();
        for (c, m) in self.first_response.iter_mut().zip(response) {
            c.minutes = m.unwrap_or(c.minutes);
        }
        let resolution: Vec<Option<f64>> = self
            .resolution
            .iter()
            .map(|r| r.business_days.map(|n| n * day(self, &r.plan)))
            .collect();
        for (r, m) in self.resolution.iter_mut().zip(resolution) {
            if m.is_some() {
                r.minutes = m;
            }
        }
    }

    /// The most generous support hours stated (7x24 beats a schedule).
    pub fn best_hours(&self) -> Option<&SupportHours> {
        self.best_hours_where(|_| true)
    }

    /// The most generous of the support hours that `keep` keeps.
    pub fn best_hours_where(&self, keep: impl Fn(&SupportHours) -> bool) -> Option<&SupportHours> {
        self.support_hours.iter().filter(|h| keep(h)).max_by(|a, b| {
            a.schedule
                .hours_per_week()
                .partial_cmp(&b.schedule.hours_per_week())
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.evidence.line.cmp(&a.evidence.line))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(plan: Option<&str>, schedule: Schedule) -> SupportHours {
        SupportHours {
            plan: plan.map(String::from),
            schedule,
            utc_offset_minutes: None,
            timezone: None,
            evidence: Evidence::line("sla/x.md", 1, String::new()),
        }
    }

    const NINE_TO_SIX: Schedule = Schedule::Weekly {
        days: [true, true, true, true, true, false, false],
        start: 9 * 60,
        end: 18 * 60,
    };

    #[test]
    fn a_business_day_is_the_schedules_day_else_eight_hours() {
        let mut d = SlaDocument::new("x", "sla/x.md", Language::En);
        assert_eq!(d.business_day_minutes(None), 480.0);
        d.support_hours.push(hours(None, Schedule::AlwaysOn));
        assert_eq!(d.business_day_minutes(None), 1440.0);
        // A weekly schedule sets business hours before 7x24.
        d.support_hours.push(hours(None, NINE_TO_SIX));
        assert_eq!(d.business_day_minutes(None), 540.0);
        // A plan's own schedule before the document's.
        let eight_to_eight = Schedule::Weekly {
            days: [true; 7],
            start: 8 * 60,
            end: 20 * 60,
        };
        d.support_hours.push(hours(Some("Premier"), eight_to_eight));
        assert_eq!(d.business_day_minutes(Some("Premier")), 720.0);
        assert_eq!(d.business_day_minutes(Some("Basic")), 540.0);
    }
}
