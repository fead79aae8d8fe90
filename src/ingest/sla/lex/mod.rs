//! Lexers: the values a normalized text states (durations, schedules, percentages, time
//! zones), and the clause splitter they share.

pub mod duration;
pub mod percent;
pub mod schedule;
pub mod zone;

/// Splits on any of `seps`, dropping them: the parts, trimmed, without the empty ones.
pub(in crate::ingest::sla) fn split_on(s: &str, seps: &[char]) -> Vec<String> {
    s.split(|c| seps.contains(&c))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}
