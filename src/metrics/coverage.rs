//! `support_hours_coverage`: the share of a buyer's window (`window = "Mon-Sun 18:00-22:00"`,
//! in each of the buyer's `zones`, else in the vendor's own zone) covered by the support hours
//! the vendor states, over a fixed reference week (Monday 2026-01-05, minute by minute, each
//! minute converted between the zones with their daylight saving): deterministic, and no
//! value at all (never a silent 0) when the vendor states no hours.

use super::metric::{Metric, Scope, Value, VendorFacts};
use crate::model::sla::{Schedule, SupportHours};
use crate::report::fmt::fmt_share;
use crate::time::timestamp::Zone;
use chrono::{Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike};

/// The first day of the reference week: a Monday without daylight-saving changes anywhere.
const REFERENCE_MONDAY: (i32, u32, u32) = (2026, 1, 5);
const WEEK_MINUTES: i64 = 7 * 1440;

/// A local time in `zone` to UTC (the earlier of an ambiguous time; `None` in a gap).
fn to_utc(zone: Zone, local: NaiveDateTime) -> Option<NaiveDateTime> {
    match zone {
        Zone::Iana(tz) => tz.from_local_datetime(&local).earliest().map(|d| d.naive_utc()),
        Zone::Fixed(secs) => FixedOffset::east_opt(secs)?
            .from_local_datetime(&local)
            .single()
            .map(|d| d.naive_utc()),
    }
}

/// UTC to the local time in `zone`.
fn to_local(zone: Zone, utc: NaiveDateTime) -> Option<NaiveDateTime> {
    match zone {
        Zone::Iana(tz) => Some(tz.from_utc_datetime(&utc).naive_local()),
        Zone::Fixed(secs) => Some(FixedOffset::east_opt(secs)?.from_utc_datetime(&utc).naive_local()),
    }
}

fn open(s: &Schedule, t: NaiveDateTime) -> bool {
    s.open_at(
        t.weekday().num_days_from_monday() as usize,
        t.hour() * 60 + t.minute(),
    )
}

/// The share (0-1) of `window`, read in `window_zone` over the reference week, during which
/// one of `hours` (each in its zone) is open. `None` when the window has no minute.
pub fn coverage(window: &Schedule, window_zone: Zone, hours: &[(Schedule, Zone)]) -> Option<f64> {
    let monday = NaiveDate::from_ymd_opt(REFERENCE_MONDAY.0, REFERENCE_MONDAY.1, REFERENCE_MONDAY.2)?
        .and_hms_opt(0, 0, 0)?;
    let (mut wanted, mut covered) = (0u32, 0u32);
    for i in 0..WEEK_MINUTES {
        let local = monday + Duration::minutes(i);
        if !open(window, local) {
            continue;
        }
        let Some(utc) = to_utc(window_zone, local) else {
            continue;
        };
        wanted += 1;
        let served = hours
            .iter()
            .any(|(s, z)| to_local(*z, utc).is_some_and(|t| open(s, t)));
        if served {
            covered += 1;
        }
    }
    (wanted > 0).then(|| f64::from(covered) / f64::from(wanted))
}

/// The zone of stated hours: as the document states it, else the evaluation's.
fn zone_of(h: &SupportHours, fallback: Option<Zone>) -> Option<Zone> {
    h.timezone
        .as_deref()
        .and_then(|z| Zone::parse(z).ok())
        .or(h.utc_offset_minutes.map(|m| Zone::Fixed(m * 60)))
        .or(fallback)
}

/// `support_hours_coverage`: the hours of the plan the vendor is held to (or stated for no
/// plan), else all it states, against the measure's window.
pub fn support_hours_coverage(f: &VendorFacts, s: Scope, m: &mut Metric) -> Option<()> {
    let window = s.window?;
    let sla = f.sla;
    let all: Vec<&SupportHours> = sla.map(|d| d.support_hours.iter().collect()).unwrap_or_default();
    let of_plan: Vec<&SupportHours> = all
        .iter()
        .copied()
        .filter(|h| f.plan.covers(h.plan.as_deref()))
        .collect();
    let hours = if of_plan.is_empty() { all } else { of_plan };
    if hours.is_empty() {
        m.display = "no support hours stated".into();
        return Some(());
    }
    let fallback = f.evaluation.timezone.as_deref().and_then(|z| Zone::parse(z).ok());
    let zoned: Vec<Option<Zone>> = hours.iter().map(|h| zone_of(h, fallback)).collect();
    let buyer: Vec<(String, Zone)> = if s.zones.is_empty() {
        // The window in the vendor's own zone; hours without a zone are read in it too.
        let own = zoned.iter().flatten().next().copied().unwrap_or(Zone::Fixed(0));
        vec![("the vendor's zone".to_string(), own)]
    } else {
        if zoned.iter().any(Option::is_none) {
            m.display = "the support hours name no time zone (and vendors.toml gives none): cannot set them against the buyer's zones".into();
            return Some(());
        }
        s.zones
            .iter()
            .filter_map(|z| Zone::parse(z).ok().map(|p| (z.clone(), p)))
            .collect()
    };
    let own = buyer.first().map(|b| b.1).unwrap_or(Zone::Fixed(0));
    let stated: Vec<(Schedule, Zone)> = hours
        .iter()
        .zip(&zoned)
        .map(|(h, z)| (h.schedule, z.unwrap_or(own)))
        .collect();
    let mut parts = Vec::new();
    let mut shares = Vec::new();
    for (name, zone) in &buyer {
        if let Some(c) = coverage(window, *zone, &stated) {
            parts.push(format!("{name} {}", fmt_share(c)));
            shares.push(c);
        }
    }
    if shares.is_empty() {
        m.display = format!("the window {} has no minute", window.describe());
        return Some(());
    }
    let v = shares.iter().sum::<f64>() / shares.len() as f64;
    m.value = Some(Value::Number(v));
    let mut described: Vec<String> = Vec::new();
    for h in &hours {
        let d = h.schedule.describe();
        if !described.contains(&d) {
            described.push(d);
            m.evidence.push(h.evidence.clone());
        }
    }
    let zones = if s.zones.is_empty() {
        "in the vendor's zone".to_string()
    } else {
        parts.join(", ")
    };
    m.display = format!(
        "{} of {} covered by {} ({zones})",
        fmt_share(v),
        window.describe(),
        described.join(" + ")
    );
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NINE_TO_SIX: Schedule = Schedule::Weekly {
        days: [true, true, true, true, true, false, false],
        start: 9 * 60,
        end: 18 * 60,
    };

    fn z(s: &str) -> Zone {
        Zone::parse(s).unwrap()
    }

    #[test]
    fn office_hours_in_china_cover_no_berlin_evening_and_24x7_covers_all() {
        let evening = Schedule::Weekly {
            days: [true; 7],
            start: 18 * 60,
            end: 22 * 60,
        };
        let china = [(NINE_TO_SIX, z("+08:00"))];
        assert_eq!(coverage(&evening, z("Europe/Berlin"), &china), Some(0.0));
        assert_eq!(
            coverage(
                &evening,
                z("Europe/Berlin"),
                &[(Schedule::AlwaysOn, z("Asia/Shanghai"))]
            ),
            Some(1.0)
        );
        // A Berlin office day seen from Shanghai: 09:00-18:00 Berlin (UTC+1 in January) is
        // 16:00-01:00 in Shanghai; 09:00-18:00 Shanghai covers its first two hours.
        let berlin_day = coverage(
            &NINE_TO_SIX,
            z("Europe/Berlin"),
            &[(NINE_TO_SIX, z("Asia/Shanghai"))],
        )
        .unwrap();
        assert!((berlin_day - 2.0 / 9.0).abs() < 1e-9, "{berlin_day}");
        // New York evenings, 18:00-22:00 (UTC-5), are 07:00-11:00 next morning in Shanghai:
        // 09:00-11:00 is open on weekdays, but Friday evening falls on a Saturday there.
        let ny = coverage(&evening, z("America/New_York"), &china).unwrap();
        let expect = (4.0 * 120.0 + 120.0) / (7.0 * 240.0); // Sun-Thu evenings -> Mon-Fri mornings
        assert!((ny - expect).abs() < 1e-9, "{ny} vs {expect}");
    }
}
