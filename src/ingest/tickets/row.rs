//! One thread's share of the rows ([`Part`]): each record validated into a `TicketRow` for
//! the sink, or rejected with its column and reason; the few distinct priorities and channels
//! cached; export channel names and durations read.

use super::causes::{cause_of, Tally};
use super::columns::{trim, ColumnMap, Field};
use super::options::ReadOptions;
use super::sink::RowSink;
use crate::model::domain::{Channel, Priority};
use crate::model::ticket::TicketRow;
use crate::time::timestamp::{Epoch, TimestampParser};
use std::io::Read;

/// A rejected row, before its line number is known.
pub(super) struct Rejection {
    pub(super) offset: u64,
    pub(super) column: Option<usize>,
    pub(super) message: String,
}

/// The reading of a cell's few distinct values (priorities, channels), by a linear scan:
/// faster than hashing for the handful of values a column holds. Bounded, so a column of
/// endless distinct values costs no more than reading each afresh.
struct ValueCache<T> {
    entries: Vec<(Box<[u8]>, T)>,
}

impl<T> Default for ValueCache<T> {
    fn default() -> Self {
        ValueCache { entries: Vec::new() }
    }
}

impl<T: Copy> ValueCache<T> {
    const CAPACITY: usize = 64;

    fn get(&self, raw: &[u8]) -> Option<T> {
        self.entries.iter().find(|(k, _)| **k == *raw).map(|(_, v)| *v)
    }

    fn insert(&mut self, raw: &[u8], value: T) {
        if self.entries.len() < Self::CAPACITY {
            self.entries.push((raw.into(), value));
        }
    }
}

/// One thread's share of the work.
pub(super) struct Part<'m> {
    map: &'m ColumnMap,
    options: &'m ReadOptions,
    header_len: usize,
    sent: TimestampParser,
    first: TimestampParser,
    resolved: TimestampParser,
    pub(super) rows_used: usize,
    pub(super) rows_rejected: usize,
    pub(super) rejected: Vec<Rejection>,
    /// Every rejected row by cause (rows rejected for their channel excepted).
    pub(super) causes: Tally,
    /// Rows rejected for their channel, by the channel's value.
    pub(super) unknown_channels: Tally,
    /// (hash of vendor + probe id, offset) for the duplicate check.
    pub(super) ids: Vec<(u64, u64)>,
    pub(super) latest: Option<Epoch>,
    priorities: ValueCache<Option<Priority>>,
    channels: ValueCache<Option<Channel>>,
    _shown: &'m str,
}

impl<'m> Part<'m> {
    pub(super) fn new(
        map: &'m ColumnMap,
        options: &'m ReadOptions,
        shown: &'m str,
        header: &[String],
    ) -> Self {
        let parser = || options.zone.parser(options.date_order);
        Part {
            map,
            options,
            header_len: header.len(),
            sent: parser(),
            first: parser(),
            resolved: parser(),
            rows_used: 0,
            rows_rejected: 0,
            rejected: Vec::new(),
            causes: Tally::default(),
            unknown_channels: Tally::default(),
            ids: Vec::new(),
            latest: None,
            priorities: ValueCache::default(),
            channels: ValueCache::default(),
            _shown: shown,
        }
    }

    pub(super) fn run<S: RowSink>(&mut self, body: &[u8], base: u64, sink: &mut S) {
        self.run_reader(body, base, sink)
    }

    pub(super) fn run_reader<R: Read, S: RowSink>(&mut self, reader: R, base: u64, sink: &mut S) {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 20)
            .from_reader(reader);
        let mut rec = csv::ByteRecord::new();
        loop {
            let offset = base + rdr.position().byte();
            match rdr.read_byte_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let at = e.position().map(|p| base + p.byte()).unwrap_or(offset);
                    self.reject(at, None, None, format!("malformed CSV: {e}"));
                    continue;
                }
            }
            let offset = rec.position().map(|p| base + p.byte()).unwrap_or(offset);
            if rec.iter().all(|f| trim(f).is_empty()) {
                continue;
            }
            if rec.len() != self.header_len {
                self.reject(
                    offset,
                    None,
                    None,
                    format!("expected {} fields, found {}", self.header_len, rec.len()),
                );
                continue;
            }
            self.row(&rec, offset, sink);
        }
        // Sorted here, in the part's own thread; `finish` merges the sorted runs.
        self.ids.sort_unstable();
    }

    /// Counts a rejected row under its cause and lists it (up to the limit): `column` is the
    /// 1-based column, `name` its header name, `reason` what is wrong.
    fn reject(&mut self, offset: u64, column: Option<usize>, name: Option<&str>, reason: String) {
        self.causes.add(&cause_of(name, &reason), 1);
        self.list(offset, column, name, reason);
    }

    /// A row rejected because its channel (`raw`) is none of the customer channels: counted
    /// by value, and listed only when the caller asks.
    fn reject_channel(&mut self, offset: u64, raw: &[u8]) {
        let value = String::from_utf8_lossy(raw);
        self.unknown_channels.add(&value, 1);
        let reason = format!(
            "unknown channel '{value}': expected chat, phone, email, ticket, dedicated_manager, community or im_group, or map it under [values.channel]"
        );
        if self.options.list_unknown_channels {
            self.list(
                offset,
                self.col(Field::Channel),
                Some(self.name(Field::Channel)),
                reason,
            );
        } else {
            self.rows_rejected += 1;
        }
    }

    fn list(&mut self, offset: u64, column: Option<usize>, name: Option<&str>, reason: String) {
        self.rows_rejected += 1;
        if self.rejected.len() < self.options.max_reported {
            let message = match name {
                Some(n) => format!("{n}: {reason}"),
                None => reason,
            };
            self.rejected.push(Rejection {
                offset,
                column,
                message,
            });
        }
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.map.columns.get(&f).map(|c| c + 1)
    }

    fn name(&self, f: Field) -> &'m str {
        self.map.names.get(&f).map(String::as_str).unwrap_or(f.key())
    }

    fn row<S: RowSink>(&mut self, rec: &csv::ByteRecord, offset: u64, sink: &mut S) {
        let map = self.map;
        let text = |f: Field| {
            map.get(rec, f).map(|b| match std::str::from_utf8(b) {
                Ok(s) => std::borrow::Cow::Borrowed(s),
                Err(_) => String::from_utf8_lossy(b),
            })
        };
        // The first problem of a row is reported (with its column); the row is counted once.
        macro_rules! bad {
            ($field:expr, $($msg:tt)*) => {{
                let f = $field;
                self.reject(offset, self.col(f), Some(self.name(f)), format!($($msg)*));
                return;
            }};
        }
        let options = self.options;
        let vendor: &str = match (map.get(rec, Field::Vendor), &map.vendor) {
            (Some(v), _) => match std::str::from_utf8(v) {
                Ok(s) => s,
                Err(_) => bad!(Field::Vendor, "not valid UTF-8 text"),
            },
            (None, Some(v)) => v,
            (None, None) if map.columns.contains_key(&Field::Vendor) => {
                bad!(Field::Vendor, "expected a vendor id, found an empty cell")
            }
            (None, None) => options.default_vendor.as_deref().unwrap_or(""),
        };
        if !self.options.vendors.is_empty() && !self.options.vendors.iter().any(|v| v == vendor) {
            bad!(
                Field::Vendor,
                "unknown vendor id '{vendor}': expected one of {}",
                self.options.vendors.join(", ")
            );
        }
        let priority = match map.get(rec, Field::Priority) {
            None => None,
            Some(raw) => match self.lookup_priority(raw) {
                Some(p) => Some(p),
                None => bad!(
                    Field::Priority,
                    "unknown priority '{}': expected urgent, high, normal or low (or P1..P4, critical, medium, 紧急/高/普通/低), or map it under [values.priority]",
                    String::from_utf8_lossy(raw)
                ),
            },
        };
        let channel = match map.get(rec, Field::Channel) {
            None => None,
            Some(raw) => match self.lookup_channel(raw) {
                Some(c) => Some(c),
                None if !self.options.require_channel => None,
                None => {
                    self.reject_channel(offset, raw);
                    return;
                }
            },
        };
        let sent = match text(Field::SentAt) {
            None => bad!(Field::SentAt, "expected a timestamp, found an empty cell"),
            Some(s) => match self.sent.parse(&s) {
                Ok(t) => t,
                Err(e) => bad!(Field::SentAt, "{e}"),
            },
        };
        let first_response_at = match text(Field::FirstResponseAt) {
            None => None,
            Some(s) => match self.first.parse(&s) {
                Ok(t) if t < sent => bad!(
                    Field::FirstResponseAt,
                    "the reply ('{s}') is before its question was sent"
                ),
                Ok(t) => Some(t),
                Err(e) => bad!(Field::FirstResponseAt, "{e}"),
            },
        };
        let resolved_at = match text(Field::ResolvedAt) {
            None => None,
            Some(s) => match self.resolved.parse(&s) {
                Ok(t) if t < sent => bad!(Field::ResolvedAt, "resolved ('{s}') before the question was sent"),
                Ok(t) if first_response_at.is_some_and(|f| t < f) => {
                    bad!(Field::ResolvedAt, "resolved ('{s}') before the first response")
                }
                Ok(t) => Some(t),
                Err(e) => bad!(Field::ResolvedAt, "{e}"),
            },
        };
        let minutes = |f: Field, hours: bool| -> std::result::Result<Option<f64>, String> {
            match text(f) {
                None => Ok(None),
                Some(s) => parse_duration(&s, hours).map(Some),
            }
        };
        let mut first_response_minutes = match minutes(Field::FirstResponseMinutes, false) {
            Ok(v) => v,
            Err(e) => bad!(Field::FirstResponseMinutes, "{e}"),
        };
        if first_response_minutes.is_none() {
            first_response_minutes = match minutes(Field::FirstResponseHours, true) {
                Ok(v) => v,
                Err(e) => bad!(Field::FirstResponseHours, "{e}"),
            };
        }
        let first_response_business_minutes = match minutes(Field::FirstResponseBusinessMinutes, false) {
            Ok(v) => v,
            Err(e) => bad!(Field::FirstResponseBusinessMinutes, "{e}"),
        };
        let mut resolution_minutes = match minutes(Field::ResolutionMinutes, false) {
            Ok(v) => v,
            Err(e) => bad!(Field::ResolutionMinutes, "{e}"),
        };
        if resolution_minutes.is_none() {
            resolution_minutes = match minutes(Field::ResolutionHours, true) {
                Ok(v) => v,
                Err(e) => bad!(Field::ResolutionHours, "{e}"),
            };
        }
        let resolved_on_first_contact = match map.get(rec, Field::ResolvedOnFirstContact) {
            Some(raw) => match raw.to_ascii_lowercase().as_slice() {
                b"true" | b"yes" | b"y" | b"1" => Some(true),
                b"false" | b"no" | b"n" | b"0" => Some(false),
                _ => bad!(
                    Field::ResolvedOnFirstContact,
                    "expected true, false or an empty cell, found '{}'",
                    String::from_utf8_lossy(raw)
                ),
            },
            None => {
                // One-touch: solved with at most one agent reply.
                let solved = text(Field::Status)
                    .map(|s| matches!(s.to_lowercase().as_str(), "solved" | "closed" | "resolved"));
                match (text(Field::Replies), solved) {
                    (Some(r), Some(solved)) => match r.trim().parse::<u32>() {
                        Ok(n) => Some(solved && n <= 1),
                        Err(_) => bad!(Field::Replies, "expected a whole number of replies, found '{r}'"),
                    },
                    _ => None,
                }
            }
        };
        if resolved_on_first_contact == Some(true)
            && first_response_at.is_none()
            && first_response_minutes.is_none()
            && first_response_business_minutes.is_none()
            && map.columns.contains_key(&Field::ResolvedOnFirstContact)
        {
            bad!(
                Field::ResolvedOnFirstContact,
                "true, but the probe was never answered"
            );
        }
        let id = map.get(rec, Field::ProbeId);
        if let Some(id) = id {
            self.ids.push((hash_id(vendor.as_bytes(), id), offset));
        }
        for t in [Some(sent), first_response_at, resolved_at].into_iter().flatten() {
            if self.latest.is_none_or(|l| t > l) {
                self.latest = Some(t);
            }
        }
        self.rows_used += 1;
        sink.row(&TicketRow {
            vendor,
            id: id.and_then(|b| std::str::from_utf8(b).ok()),
            priority,
            channel,
            sent,
            first_response_at,
            first_response_minutes,
            first_response_business_minutes,
            resolved_at,
            resolution_minutes,
            resolved_on_first_contact,
            offset,
        });
    }

    fn lookup_priority(&mut self, raw: &[u8]) -> Option<Priority> {
        if let Some(p) = self.priorities.get(raw) {
            return p;
        }
        let s = String::from_utf8_lossy(raw).to_string();
        let mapped = self
            .map
            .values
            .get(&Field::Priority)
            .and_then(|m| m.get(&s.to_lowercase()));
        let p = Priority::parse(mapped.map(String::as_str).unwrap_or(&s));
        self.priorities.insert(raw, p);
        p
    }

    fn lookup_channel(&mut self, raw: &[u8]) -> Option<Channel> {
        if let Some(c) = self.channels.get(raw) {
            return c;
        }
        let s = String::from_utf8_lossy(raw).to_string();
        let mapped = self
            .map
            .values
            .get(&Field::Channel)
            .and_then(|m| m.get(&s.to_lowercase()));
        let c = mapped
            .and_then(|m| Channel::parse(m))
            .or_else(|| Channel::parse(&s))
            .or_else(|| export_channel(&s));
        self.channels.insert(raw, c);
        c
    }
}

/// Channel names as Zendesk ("Via") and Freshdesk ("Source") write them.
fn export_channel(s: &str) -> Option<Channel> {
    let t = s.trim().to_lowercase();
    let c = match t.as_str() {
        "mail" | "outbound email" | "outbound" | "email (outbound)" => Channel::Email,
        "web form" | "web widget" | "web service (api)" | "api" | "closed ticket" | "feedback widget"
        | "portal" | "help center" | "mobile sdk" => Channel::Ticket,
        "messaging" | "native messaging" | "whatsapp" | "facebook" | "facebook messenger" | "line"
        | "wechat" | "sms" | "text" | "ms teams" | "slack" => Channel::Chat,
        "voice" | "phone call (inbound)" | "phone call (outbound)" | "phone call" | "voicemail" => {
            Channel::Phone
        }
        "forum" | "community" => Channel::Community,
        _ => return None,
    };
    Some(c)
}

/// `12`, `12.5` (minutes, or hours with `hours`), `1:02:03` or `1:02` (hours:minutes[:seconds]).
pub fn parse_duration(s: &str, hours: bool) -> std::result::Result<f64, String> {
    let t = s.trim();
    if t.contains(':') {
        let parts: Vec<&str> = t.split(':').collect();
        let nums: Option<Vec<f64>> = parts.iter().map(|p| p.trim().parse::<f64>().ok()).collect();
        return match nums.as_deref() {
            Some([h, m, sec]) if *h >= 0.0 && *m >= 0.0 && *sec >= 0.0 => Ok(h * 60.0 + m + sec / 60.0),
            Some([h, m]) if *h >= 0.0 && *m >= 0.0 => Ok(h * 60.0 + m),
            _ => Err(format!(
                "cannot read '{t}' as a duration: expected a number or HH:MM:SS"
            )),
        };
    }
    match t.parse::<f64>() {
        Ok(v) if v >= 0.0 && v.is_finite() => Ok(if hours { v * 60.0 } else { v }),
        Ok(_) => Err(format!("'{t}' is negative: a duration cannot be")),
        Err(_) => Err(format!(
            "cannot read '{t}' as a duration: expected a number or HH:MM:SS"
        )),
    }
}

fn hash_id(vendor: &[u8], id: &[u8]) -> u64 {
    // FNV-1a over vendor, a separator and the id: fast and stable across runs.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in vendor.iter().chain([0xFFu8].iter()).chain(id) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("12.5", false), Ok(12.5));
        assert_eq!(parse_duration("1.5", true), Ok(90.0));
        assert_eq!(parse_duration("01:30:30", true), Ok(90.5));
        assert!(parse_duration("-3", false).is_err());
        assert!(parse_duration("soon", false).is_err());
    }
}
