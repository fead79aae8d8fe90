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
    /// Problems met while reading (no commitment found, a binary file, a cut line...).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCommitment {
    pub plan: Option<String>,
    /// `None`: the promise applies to every request, whatever its priority.
    pub priority: Option<Priority>,
    /// Minutes; a business day counts as 8 business hours (480).
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
    pub minutes: Option<f64>,
    pub percent: Option<f64>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

impl Schedule {
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

    /// The most generous support hours stated (7x24 beats a schedule).
    pub fn best_hours(&self) -> Option<&SupportHours> {
        self.support_hours.iter().max_by(|a, b| {
            a.schedule
                .hours_per_week()
                .partial_cmp(&b.schedule.hours_per_week())
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.evidence.line.cmp(&a.evidence.line))
        })
    }
}
