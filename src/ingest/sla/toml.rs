//! The structured form of an SLA: commitments an analyst typed in (`sla/<vendor>.toml`).
//!
//! ```toml
//! vendor = "Cirrowave"          # optional
//! language = "en"               # optional: zh, en or mixed
//! [[first_response]]
//! plan = "Enterprise"           # optional
//! priority = "P1"               # any priority wording, or "any"
//! duration = "15 minutes"       # or: minutes = 15
//! hours = "24x7"                # optional: "24x7" or "business"
//! source = "Sales call, slide 7"  # optional
//! [[resolution]]
//! priority = "P1"
//! metric = "time_to_resolve"    # time_to_resolve, time_to_workaround, resolution_rate,
//!                               # first_contact_resolution_rate
//! duration = "4 hours"          # or minutes = 240, or percent = 95 for a rate
//! [[support_hours]]
//! schedule = "Mon-Fri 09:00-18:00"   # or "24x7"
//! timezone = "Asia/Shanghai"    # optional
//! [[channels]]
//! channel = "phone"
//! plan = "Enterprise"
//! [[uptime]]
//! value = 99.95
//! ```
//!
//! Each commitment's evidence is the line of its `[[...]]` header.

use crate::error::{toml_diagnostic, Diagnostic, Error, Result};
use crate::ingest::sla::lex::duration::durations_in;
use crate::ingest::sla::lex::schedule::schedule_in;
use crate::ingest::sla::lines::language_of;
use crate::model::domain::{Channel, Priority};
use crate::model::evidence::Evidence;
use crate::model::sla::{
    ChannelOffer, Language, ResolutionCommitment, ResolutionMetric, ResponseCommitment, SlaDocument,
    SupportHours, UptimeCommitment,
};
use crate::text::normalize;
use crate::time::timestamp::Zone;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    #[serde(default)]
    vendor: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    first_response: Vec<FirstResponse>,
    #[serde(default)]
    resolution: Vec<Resolution>,
    #[serde(default)]
    support_hours: Vec<Hours>,
    #[serde(default)]
    channels: Vec<ChannelEntry>,
    #[serde(default)]
    uptime: Vec<Uptime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FirstResponse {
    plan: Option<String>,
    priority: String,
    duration: Option<String>,
    minutes: Option<f64>,
    hours: Option<String>,
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Resolution {
    plan: Option<String>,
    priority: Option<String>,
    metric: String,
    duration: Option<String>,
    minutes: Option<f64>,
    percent: Option<f64>,
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Hours {
    plan: Option<String>,
    schedule: String,
    timezone: Option<String>,
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelEntry {
    channel: String,
    plan: Option<String>,
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Uptime {
    value: f64,
    #[allow(dead_code)]
    source: Option<String>,
}

/// Lines (1-based) of each `[[name]]` header, in order.
fn header_lines(src: &str, name: &str) -> Vec<usize> {
    let header = format!("[[{name}]]");
    src.lines()
        .enumerate()
        .filter(|(_, l)| l.trim().replace(' ', "") == header)
        .map(|(i, _)| i + 1)
        .collect()
}

/// Reads the structured form. Every problem is reported with its line.
pub fn read(src: &str, file: &str, vendor: &str) -> Result<SlaDocument> {
    let form: Form = toml::from_str(src).map_err(|e| Error::invalid(toml_diagnostic(file, src, &e)))?;
    let mut errors = Vec::new();
    let language = match form.language.as_deref() {
        None => language_of(src),
        Some("zh") => Language::Zh,
        Some("en") => Language::En,
        Some("mixed") => Language::Mixed,
        Some(other) => {
            errors.push(Diagnostic::new(
                file,
                None,
                format!("language '{other}': expected zh, en or mixed"),
            ));
            Language::En
        }
    };
    let mut doc = SlaDocument::new(form.vendor.as_deref().unwrap_or(vendor), file, language);
    let evidence = |kind: &str, k: usize| {
        let line = header_lines(src, kind).get(k).copied().unwrap_or(1);
        let text = src.lines().nth(line - 1).unwrap_or("").trim().to_string();
        (line, Evidence::line(file, line, text))
    };
    let priority = |s: &str| -> std::result::Result<Option<Priority>, String> {
        if s.trim().eq_ignore_ascii_case("any") {
            return Ok(None);
        }
        Priority::parse(s).map(Some).ok_or_else(|| {
            format!("priority '{s}': expected P1..P4, urgent/high/normal/low, 紧急/高/中/低 or any")
        })
    };
    let minutes_of = |duration: &Option<String>,
                      minutes: Option<f64>|
     -> std::result::Result<Option<(f64, bool, Option<f64>)>, String> {
        match (duration, minutes) {
            (Some(_), Some(_)) => Err("give duration or minutes, not both".into()),
            (None, Some(m)) if m >= 0.0 && m.is_finite() => Ok(Some((m, false, None))),
            (None, Some(m)) => Err(format!("minutes = {m}: expected a number of minutes, 0 or more")),
            (None, None) => Ok(None),
            (Some(d), None) => match durations_in(&normalize(d)).first() {
                Some(x) => Ok(Some((x.minutes, x.business, x.business_days))),
                None => Err(format!("duration '{d}': expected e.g. \"15 minutes\", \"4 hours\", \"1 business day\", \"2小时\"")),
            },
        }
    };
    for (k, c) in form.first_response.iter().enumerate() {
        let (line, ev) = evidence("first_response", k);
        let mut bad =
            |m: String| errors.push(Diagnostic::new(file, Some(line), format!("first_response: {m}")));
        let p = match priority(&c.priority) {
            Ok(p) => p,
            Err(m) => {
                bad(m);
                continue;
            }
        };
        let (minutes, duration_business, business_days) = match minutes_of(&c.duration, c.minutes) {
            Ok(Some(x)) => x,
            Ok(None) => {
                bad("expected duration = \"...\" or minutes = N".into());
                continue;
            }
            Err(m) => {
                bad(m);
                continue;
            }
        };
        let (business, around) = match c.hours.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None => (duration_business, false),
            Some("business") => (true, false),
            Some("24x7" | "7x24" | "24/7") => (false, true),
            Some(other) => {
                bad(format!("hours '{other}': expected \"24x7\" or \"business\""));
                continue;
            }
        };
        doc.first_response.push(ResponseCommitment {
            plan: c.plan.clone(),
            priority: p,
            minutes,
            business_hours: business,
            around_the_clock: around,
            business_days,
            evidence: ev,
        });
    }
    for (k, r) in form.resolution.iter().enumerate() {
        let (line, ev) = evidence("resolution", k);
        let mut bad = |m: String| errors.push(Diagnostic::new(file, Some(line), format!("resolution: {m}")));
        let metric = match r.metric.as_str() {
            "time_to_resolve" => ResolutionMetric::TimeToResolve,
            "time_to_workaround" => ResolutionMetric::TimeToWorkaround,
            "resolution_rate" => ResolutionMetric::ResolutionRate,
            "first_contact_resolution_rate" => ResolutionMetric::FirstContactResolutionRate,
            other => {
                bad(format!("metric '{other}': expected time_to_resolve, time_to_workaround, resolution_rate or first_contact_resolution_rate"));
                continue;
            }
        };
        let p = match r.priority.as_deref().map(priority).transpose() {
            Ok(p) => p.flatten(),
            Err(m) => {
                bad(m);
                continue;
            }
        };
        let (minutes, business_days) = match minutes_of(&r.duration, r.minutes) {
            Ok(m) => (m.map(|x| x.0), m.and_then(|x| x.2)),
            Err(m) => {
                bad(m);
                continue;
            }
        };
        let rate = matches!(
            metric,
            ResolutionMetric::ResolutionRate | ResolutionMetric::FirstContactResolutionRate
        );
        match (rate, minutes, r.percent) {
            (true, None, Some(p)) if (0.0..=100.0).contains(&p) => {}
            (false, Some(_), None) => {}
            (true, _, _) => {
                bad("a rate takes percent = N (0 to 100) and no duration".into());
                continue;
            }
            (false, _, _) => {
                bad("a time takes duration = \"...\" or minutes = N, and no percent".into());
                continue;
            }
        }
        doc.resolution.push(ResolutionCommitment {
            plan: r.plan.clone(),
            priority: p,
            metric,
            minutes,
            percent: r.percent,
            business_days,
            evidence: ev,
        });
    }
    for (k, h) in form.support_hours.iter().enumerate() {
        let (line, ev) = evidence("support_hours", k);
        let Some(schedule) = schedule_in(&normalize(&h.schedule)) else {
            errors.push(Diagnostic::new(
                file,
                Some(line),
                format!(
                    "support_hours: schedule '{}': expected \"24x7\" or e.g. \"Mon-Fri 09:00-18:00\"",
                    h.schedule
                ),
            ));
            continue;
        };
        let offset = match h.timezone.as_deref().map(Zone::parse).transpose() {
            Ok(z) => z.map(|z| match z {
                Zone::Fixed(secs) => secs / 60,
                Zone::Iana(tz) => {
                    use chrono::{Offset, TimeZone};
                    tz.offset_from_utc_datetime(
                        &chrono::NaiveDate::from_ymd_opt(2026, 1, 15)
                            .unwrap_or_default()
                            .and_hms_opt(12, 0, 0)
                            .unwrap_or_default(),
                    )
                    .fix()
                    .local_minus_utc()
                        / 60
                }
            }),
            Err(m) => {
                errors.push(Diagnostic::new(file, Some(line), format!("support_hours: {m}")));
                continue;
            }
        };
        doc.support_hours.push(SupportHours {
            plan: h.plan.clone(),
            schedule,
            utc_offset_minutes: offset,
            timezone: h.timezone.clone(),
            evidence: ev,
        });
    }
    for (k, c) in form.channels.iter().enumerate() {
        let (line, ev) = evidence("channels", k);
        match Channel::parse(&c.channel) {
            Some(channel) => doc.channels.push(ChannelOffer {
                channel,
                plan: c.plan.clone(),
                evidence: ev,
            }),
            None => errors.push(Diagnostic::new(
                file,
                Some(line),
                format!(
                    "channels: '{}': expected chat, phone, email, ticket, dedicated_manager, community or im_group",
                    c.channel
                ),
            )),
        }
    }
    for (k, u) in form.uptime.iter().enumerate() {
        let (line, ev) = evidence("uptime", k);
        if !(0.0..=100.0).contains(&u.value) {
            errors.push(Diagnostic::new(
                file,
                Some(line),
                format!("uptime: {} is not a percentage", u.value),
            ));
            continue;
        }
        doc.uptime.push(UptimeCommitment {
            value: u.value,
            evidence: ev,
        });
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    doc.settle_business_days();
    doc.warn_if_empty();
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_in_commitments_with_their_lines() {
        let src = "vendor = \"Cirrowave\"\n[[first_response]]\nplan = \"Enterprise\"\npriority = \"P1\"\nduration = \"15 minutes\"\nhours = \"24x7\"\n\n[[first_response]]\npriority = \"any\"\nminutes = 480\nhours = \"business\"\n[[support_hours]]\nschedule = \"Mon-Fri 09:00-18:00\"\ntimezone = \"Asia/Shanghai\"\n[[uptime]]\nvalue = 99.95\n";
        let d = read(src, "typed.toml", "x").unwrap();
        assert_eq!(d.vendor, "Cirrowave");
        let fr: Vec<_> = d
            .first_response
            .iter()
            .map(|c| {
                (
                    c.priority,
                    c.minutes,
                    c.business_hours,
                    c.around_the_clock,
                    c.evidence.line,
                )
            })
            .collect();
        assert_eq!(
            fr,
            vec![
                (Some(Priority::Urgent), 15.0, false, true, Some(2)),
                (None, 480.0, true, false, Some(8))
            ]
        );
        assert_eq!(d.support_hours[0].utc_offset_minutes, Some(480));
        assert_eq!(d.support_hours[0].evidence.line, Some(12));
        assert_eq!(d.uptime[0].value, 99.95);
    }

    #[test]
    fn every_bad_entry_is_named_with_its_line() {
        let src = "[[first_response]]\npriority = \"P9\"\nminutes = 5\n[[resolution]]\nmetric = \"speed\"\nminutes = 1\n[[channels]]\nchannel = \"pigeon\"\n";
        let e = read(src, "typed.toml", "x").unwrap_err().to_string();
        assert!(e.contains("typed.toml:1: first_response: priority 'P9'"), "{e}");
        assert!(e.contains("typed.toml:4: resolution: metric 'speed'"), "{e}");
        assert!(e.contains("typed.toml:7: channels: 'pigeon'"), "{e}");
        let e = read("[[uptime]]\nvalue = \"high\"\n", "t.toml", "x")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.toml:2"), "{e}");
    }
}
