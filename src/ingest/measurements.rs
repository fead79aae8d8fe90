//! `measurements.csv`: measured probes (or tickets), one per row.
//!
//! Columns: `vendor,probe_id,channel,priority,sent_at,first_response_at,resolved_at,resolved_on_first_contact`.
//! Timestamps are RFC 3339; `first_response_at` and `resolved_at` are empty when it never happened.
//! Every bad row is reported with its line and column; the good rows are kept and counted.

use super::check_vendor;
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation_folder::EvaluationFolder;
use crate::model::domain::{Channel, Priority};
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;

pub const FILE: &str = "measurements.csv";
pub const COLUMNS: [&str; 8] = [
    "vendor",
    "probe_id",
    "channel",
    "priority",
    "sent_at",
    "first_response_at",
    "resolved_at",
    "resolved_on_first_contact",
];

/// One measured probe.
#[derive(Debug, Clone)]
pub struct Probe {
    pub vendor: String,
    pub probe_id: String,
    pub channel: Channel,
    pub priority: Priority,
    pub sent_at: DateTime<FixedOffset>,
    pub first_response_at: Option<DateTime<FixedOffset>>,
    pub resolved_at: Option<DateTime<FixedOffset>>,
    pub resolved_on_first_contact: Option<bool>,
    /// Line in the CSV file (1-based, the header is line 1).
    pub line: usize,
}

impl Probe {
    /// Minutes from sending to the first response; `None` when never answered.
    pub fn first_response_minutes(&self) -> Option<f64> {
        self.first_response_at.map(|t| minutes_between(self.sent_at, t))
    }

    pub fn resolution_minutes(&self) -> Option<f64> {
        self.resolved_at.map(|t| minutes_between(self.sent_at, t))
    }
}

pub fn minutes_between(a: DateTime<FixedOffset>, b: DateTime<FixedOffset>) -> f64 {
    (b - a).num_seconds() as f64 / 60.0
}

#[derive(Debug, Clone)]
pub struct Measurements {
    /// The file as shown in evidence (relative to the evaluation folder).
    pub file: String,
    pub probes: Vec<Probe>,
    /// One diagnostic per problem (a row may have several).
    pub rejected: Vec<Diagnostic>,
    /// Data rows read (used + rejected).
    pub rows_read: usize,
    pub present: bool,
}

impl Measurements {
    /// Rows that were read but not used (each may have several problems).
    pub fn rows_rejected(&self) -> usize {
        self.rows_read - self.probes.len()
    }

    pub fn empty(_folder: &EvaluationFolder) -> Self {
        Measurements {
            file: FILE.to_string(),
            probes: Vec::new(),
            rejected: Vec::new(),
            rows_read: 0,
            present: false,
        }
    }
}

pub fn read(folder: &EvaluationFolder, vendor_ids: &[&str]) -> Result<Measurements> {
    let path = folder.path(FILE);
    if !path.exists() {
        return Ok(Measurements::empty(folder));
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    parse(&bytes, FILE, vendor_ids)
}

/// Parses the CSV. Fails only when the file as a whole is unusable (missing columns);
/// bad rows are collected in `rejected`.
pub fn parse(bytes: &[u8], file: &str, vendor_ids: &[&str]) -> Result<Measurements> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Lines are counted from byte offsets: the csv crate's own line numbers drift after CRLF
    // line ends and blank lines.
    let newlines: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |byte: u64| {
        // A record's offset may point at the line end before it (after `\r\n` or a blank line).
        let mut b = byte as usize;
        while b < bytes.len() && matches!(bytes[b], b'\r' | b'\n') {
            b += 1;
        }
        newlines.partition_point(|&nl| nl < b) + 1
    };
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = rdr
        .headers()
        .map_err(|e| {
            Error::invalid(Diagnostic::new(
                file,
                Some(1),
                format!("cannot read the header: {e}"),
            ))
        })?
        .clone();
    let mut index = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        index.insert(h.trim().to_string(), i);
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !index.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(Diagnostic::new(
            file,
            Some(1),
            format!(
                "missing column(s) {}: expected the header {}",
                missing.join(", "),
                COLUMNS.join(",")
            ),
        )));
    }
    let col = |name: &str| index[name];

    let mut probes = Vec::new();
    let mut rejected = Vec::new();
    let mut rows_read = 0usize;
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line_hint = line_at(rdr.position().byte());
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                rows_read += 1;
                let line = e.position().map(|p| line_at(p.byte())).unwrap_or(line_hint);
                rejected.push(Diagnostic::new(file, Some(line), format!("malformed CSV: {e}")));
                continue;
            }
        }
        rows_read += 1;
        let line = record.position().map(|p| line_at(p.byte())).unwrap_or(line_hint);
        if record.iter().all(|f| f.trim().is_empty()) {
            rows_read -= 1;
            continue;
        }
        if record.len() != headers.len() {
            rejected.push(Diagnostic::new(
                file,
                Some(line),
                format!("expected {} fields, found {}", headers.len(), record.len()),
            ));
            continue;
        }
        let mut row_errors = Vec::new();
        let field = |name: &str| record.get(col(name)).unwrap_or("").trim();
        let err =
            |name: &str, msg: String| Diagnostic::at(file, line, col(name) + 1, format!("{name}: {msg}"));

        let vendor = field("vendor").to_string();
        if let Err(mut d) = check_vendor(vendor_ids, &vendor, file, Some(line)) {
            d.column = Some(col("vendor") + 1);
            d.message = format!("vendor: {}", d.message);
            row_errors.push(d);
        }
        let probe_id = field("probe_id").to_string();
        if probe_id.is_empty() {
            row_errors.push(err("probe_id", "expected a probe id, found an empty cell".into()));
        }
        let channel = Channel::parse(field("channel"));
        if channel.is_none() {
            row_errors.push(err(
                "channel",
                format!(
                    "unknown channel '{}': expected one of chat, phone, email, ticket, dedicated_manager, community, im_group",
                    field("channel")
                ),
            ));
        }
        let priority = Priority::parse(field("priority"));
        if priority.is_none() {
            row_errors.push(err(
                "priority",
                format!(
                    "unknown priority '{}': expected urgent, high, normal or low",
                    field("priority")
                ),
            ));
        }
        let mut time = |name: &str, required: bool| -> Option<DateTime<FixedOffset>> {
            let v = field(name);
            if v.is_empty() {
                if required {
                    row_errors.push(err(
                        name,
                        "expected an RFC 3339 timestamp, found an empty cell".into(),
                    ));
                }
                return None;
            }
            match DateTime::parse_from_rfc3339(v) {
                Ok(t) => Some(t),
                Err(e) => {
                    row_errors.push(err(
                        name,
                        format!("cannot parse '{v}' as an RFC 3339 timestamp like 2026-10-14T09:02:11+08:00 ({e})"),
                    ));
                    None
                }
            }
        };
        let sent_at = time("sent_at", true);
        let first_response_at = time("first_response_at", false);
        let resolved_at = time("resolved_at", false);
        let fcr = match field("resolved_on_first_contact").to_lowercase().as_str() {
            "" => None,
            "true" | "yes" | "y" | "1" => Some(true),
            "false" | "no" | "n" | "0" => Some(false),
            other => {
                row_errors.push(err(
                    "resolved_on_first_contact",
                    format!("expected true, false or an empty cell, found '{other}'"),
                ));
                None
            }
        };
        if let (Some(s), Some(f)) = (sent_at, first_response_at) {
            if f < s {
                row_errors.push(err(
                    "first_response_at",
                    format!("the reply ({f}) is before its question was sent ({s})"),
                ));
            }
        }
        if let Some(r) = resolved_at {
            if let Some(s) = sent_at {
                if r < s {
                    row_errors.push(err(
                        "resolved_at",
                        format!("resolved ({r}) before the probe was sent ({s})"),
                    ));
                }
            }
            if let Some(f) = first_response_at {
                if r < f {
                    row_errors.push(err(
                        "resolved_at",
                        format!("resolved ({r}) before the first response ({f})"),
                    ));
                }
            }
            if first_response_at.is_none() {
                row_errors.push(err(
                    "resolved_at",
                    "a resolution time is given but first_response_at is empty".into(),
                ));
            }
        }
        if fcr == Some(true) && first_response_at.is_none() {
            row_errors.push(err(
                "resolved_on_first_contact",
                "true, but the probe was never answered (first_response_at is empty)".into(),
            ));
        }
        if !probe_id.is_empty() {
            if let Some(first) = seen.get(&(vendor.clone(), probe_id.clone())) {
                row_errors.push(err(
                    "probe_id",
                    format!("duplicated probe id '{probe_id}' (first seen on line {first})"),
                ));
            } else {
                seen.insert((vendor.clone(), probe_id.clone()), line);
            }
        }
        if !row_errors.is_empty() {
            rejected.extend(row_errors);
            continue;
        }
        probes.push(Probe {
            vendor,
            probe_id,
            channel: channel.expect("checked"),
            priority: priority.expect("checked"),
            sent_at: sent_at.expect("checked"),
            first_response_at,
            resolved_at,
            resolved_on_first_contact: fcr,
            line,
        });
    }
    Ok(Measurements {
        file: file.to_string(),
        probes,
        rejected,
        rows_read,
        present: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "vendor,probe_id,channel,priority,sent_at,first_response_at,resolved_at,resolved_on_first_contact\n";

    #[test]
    fn good_and_bad_rows_are_separated_and_counted() {
        let csv = format!(
            "{HEADER}a,1,chat,urgent,2026-10-14T09:00:00+08:00,2026-10-14T09:10:00+08:00,,false\n\
             a,2,chat,urgent,2026-10-14T09:00:00+08:00,2026-10-14T08:50:00+08:00,,false\n\
             a,3,fax,urgent,2026-10-14 09:00,,,\n\
             a,1,chat,normal,2026-10-14T09:00:00+08:00,,,\n\
             a,4,chat\n"
        );
        let m = parse(csv.as_bytes(), "m.csv", &["a"]).unwrap();
        assert_eq!(m.probes.len(), 1);
        assert_eq!(m.rows_read, 5);
        assert_eq!(m.rows_rejected(), 4, "row 4 has two problems but is one row");
        assert_eq!(m.probes[0].first_response_minutes(), Some(10.0));
        let lines: Vec<_> = m.rejected.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            lines,
            vec![
                (Some(3), Some(6)),
                (Some(4), Some(3)),
                (Some(4), Some(5)),
                (Some(5), Some(2)),
                (Some(6), None)
            ]
        );
        assert!(m.rejected[0].message.contains("before its question"));
        assert!(m.rejected[3].message.contains("duplicated probe id"));
    }

    #[test]
    fn a_missing_column_fails_the_file() {
        let csv = "vendor,probe_id\na,1\n";
        let Err(Error::Invalid(d)) = parse(csv.as_bytes(), "m.csv", &["a"]) else {
            panic!()
        };
        assert!(d[0].message.contains("missing column(s) channel"));
    }
}
