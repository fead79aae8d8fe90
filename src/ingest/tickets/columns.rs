//! The fields a row can provide, the export formats known by their header (presets, with
//! their header names per field and their "never happened" values), and the map from fields
//! to the columns of a file, built from a preset or from a `[columns]` mapping file.

use crate::error::{line_col, Diagnostic, Error, Result};
use std::collections::HashMap;

/// A value a row can provide; each maps to one column of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Vendor,
    ProbeId,
    Priority,
    Channel,
    SentAt,
    FirstResponseAt,
    FirstResponseMinutes,
    FirstResponseHours,
    FirstResponseBusinessMinutes,
    ResolvedAt,
    ResolutionMinutes,
    ResolutionHours,
    ResolvedOnFirstContact,
    /// Number of agent replies: a solved ticket with at most one reply was resolved on
    /// first contact (Zendesk "Replies", Freshdesk "Agent interactions").
    Replies,
    Status,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::Vendor,
        Field::ProbeId,
        Field::Priority,
        Field::Channel,
        Field::SentAt,
        Field::FirstResponseAt,
        Field::FirstResponseMinutes,
        Field::FirstResponseHours,
        Field::FirstResponseBusinessMinutes,
        Field::ResolvedAt,
        Field::ResolutionMinutes,
        Field::ResolutionHours,
        Field::ResolvedOnFirstContact,
        Field::Replies,
        Field::Status,
    ];

    /// The key used in a `[columns]` mapping.
    pub fn key(self) -> &'static str {
        match self {
            Field::Vendor => "vendor",
            Field::ProbeId => "probe_id",
            Field::Priority => "priority",
            Field::Channel => "channel",
            Field::SentAt => "sent_at",
            Field::FirstResponseAt => "first_response_at",
            Field::FirstResponseMinutes => "first_response_minutes",
            Field::FirstResponseHours => "first_response_hours",
            Field::FirstResponseBusinessMinutes => "first_response_business_minutes",
            Field::ResolvedAt => "resolved_at",
            Field::ResolutionMinutes => "resolution_minutes",
            Field::ResolutionHours => "resolution_hours",
            Field::ResolvedOnFirstContact => "resolved_on_first_contact",
            Field::Replies => "replies",
            Field::Status => "status",
        }
    }
}

/// The export formats known by their header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Canonical,
    Zendesk,
    Freshdesk,
}

impl Preset {
    pub fn name(self) -> &'static str {
        match self {
            Preset::Canonical => "canonical",
            Preset::Zendesk => "zendesk",
            Preset::Freshdesk => "freshdesk",
        }
    }

    pub fn parse(s: &str) -> Option<Preset> {
        match s.to_ascii_lowercase().as_str() {
            "canonical" | "measurements" => Some(Preset::Canonical),
            "zendesk" => Some(Preset::Zendesk),
            "freshdesk" | "freshservice" => Some(Preset::Freshdesk),
            _ => None,
        }
    }

    /// Candidate header names per field (the first one present in the file is used),
    /// matched case-insensitively.
    fn candidates(self) -> Vec<(Field, &'static [&'static str])> {
        match self {
            Preset::Canonical => vec![
                (Field::Vendor, &["vendor"]),
                (Field::ProbeId, &["probe_id"]),
                (Field::Channel, &["channel"]),
                (Field::Priority, &["priority"]),
                (Field::SentAt, &["sent_at"]),
                (Field::FirstResponseAt, &["first_response_at"]),
                (Field::ResolvedAt, &["resolved_at"]),
                (Field::ResolvedOnFirstContact, &["resolved_on_first_contact"]),
            ],
            Preset::Zendesk => vec![
                (Field::ProbeId, &["Id", "Zendesk Ticket ID", "Ticket ID"]),
                (Field::Priority, &["Priority"]),
                (Field::Channel, &["Via"]),
                (Field::SentAt, &["Created at"]),
                (Field::ResolvedAt, &["Solved at"]),
                (
                    Field::FirstResponseMinutes,
                    &[
                        "First reply time in minutes",
                        "First reply time (in minutes)",
                        "First reply time (min)",
                    ],
                ),
                (
                    Field::FirstResponseBusinessMinutes,
                    &["First reply time in minutes within business hours"],
                ),
                (Field::ResolutionMinutes, &["Full resolution time in minutes"]),
                (Field::Replies, &["Replies"]),
                (Field::Status, &["Status"]),
            ],
            Preset::Freshdesk => vec![
                (Field::ProbeId, &["Ticket ID", "Ticket Id"]),
                (Field::Priority, &["Priority"]),
                (Field::Channel, &["Source"]),
                (Field::SentAt, &["Created time", "Created Time"]),
                (
                    Field::FirstResponseAt,
                    &["Initial response time", "Initial Response Time"],
                ),
                (
                    Field::FirstResponseHours,
                    &["First response time (in hrs)", "First Response Time (in Hrs)"],
                ),
                (Field::ResolvedAt, &["Resolved time", "Resolved Time"]),
                (
                    Field::ResolutionHours,
                    &["Resolution time (in hrs)", "Resolution Time (in Hrs)"],
                ),
                (Field::Replies, &["Agent interactions", "Agent Interactions"]),
                (Field::Status, &["Status"]),
            ],
        }
    }

    /// Cell values that mean "never happened" in this export.
    fn null_values(self) -> &'static [&'static str] {
        match self {
            // Zendesk writes unsolved tickets' "Solved at" as 1900-01-01.
            Preset::Zendesk => &["1900-01-01 00:00:00", "1900-01-01 00:00", "1900-01-01"],
            _ => &[],
        }
    }

    /// Recognises an export from its header.
    pub fn detect(header: &[String]) -> Option<Preset> {
        let has = |n: &str| header.iter().any(|h| h.trim().eq_ignore_ascii_case(n));
        if has("vendor") && has("sent_at") {
            Some(Preset::Canonical)
        } else if has("Created at") && (has("Via") || has("Solved at")) {
            Some(Preset::Zendesk)
        } else if has("Created time") && (has("Ticket ID") || has("Resolved time")) {
            Some(Preset::Freshdesk)
        } else {
            None
        }
    }
}

/// How the columns of a file map to fields.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    /// Field -> column index.
    pub columns: FieldColumns,
    /// The header name of each mapped field, for messages.
    pub names: HashMap<Field, String>,
    /// A vendor for every row, when the file has no vendor column.
    pub vendor: Option<String>,
    pub null_values: Vec<String>,
    /// Raw cell value (lower-case) -> canonical value, per field.
    pub values: HashMap<Field, HashMap<String, String>>,
    pub preset: Option<Preset>,
}

/// Field -> column index, as a small array (looked up for every cell of every row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldColumns([Option<usize>; Field::ALL.len()]);

impl FieldColumns {
    pub fn get(&self, f: &Field) -> Option<&usize> {
        self.0[*f as usize].as_ref()
    }
    pub fn insert(&mut self, f: Field, column: usize) {
        self.0[f as usize] = Some(column);
    }
    pub fn contains_key(&self, f: &Field) -> bool {
        self.0[*f as usize].is_some()
    }
}

/// The `[columns]` mapping file of an export no preset knows; without `[columns]`, what it
/// adds to an export a preset knows by its header (its values, null values, vendor).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    columns: Option<HashMap<String, String>>,
    vendor: Option<String>,
    #[serde(default)]
    null_values: Vec<String>,
    #[serde(default)]
    values: HashMap<String, HashMap<String, String>>,
}

impl ColumnMap {
    pub fn from_preset(preset: Preset, header: &[String], file: &str) -> Result<ColumnMap> {
        let mut map = ColumnMap {
            preset: Some(preset),
            null_values: preset.null_values().iter().map(|s| s.to_string()).collect(),
            ..ColumnMap::default()
        };
        for (field, names) in preset.candidates() {
            if let Some((i, h)) = names.iter().find_map(|n| {
                header
                    .iter()
                    .enumerate()
                    .find(|(_, h)| h.trim().eq_ignore_ascii_case(n))
            }) {
                map.columns.insert(field, i);
                map.names.insert(field, h.trim().to_string());
            }
        }
        map.check(file, header)?;
        Ok(map)
    }

    /// Reads a mapping file: `[columns] sent_at = "Opened", ...`, optional `vendor = "..."`,
    /// `null_values = [...]` and `[values.priority] "Sev A" = "urgent"`. Without `[columns]`,
    /// the columns are those of the preset the header is recognised as, and the file adds its
    /// values, null values and vendor to the preset's.
    pub fn from_toml(src: &str, mapping_file: &str, header: &[String], file: &str) -> Result<ColumnMap> {
        let raw: MappingFile = toml::from_str(src)
            .map_err(|e| Error::invalid(crate::error::toml_diagnostic(mapping_file, src, &e)))?;
        let mut map = match &raw.columns {
            Some(_) => ColumnMap::default(),
            None => match Preset::detect(header) {
                Some(p) => ColumnMap::from_preset(p, header, file)?,
                None => return Err(Error::invalid(Diagnostic::new(
                    mapping_file,
                    Some(1),
                    format!(
                        "no [columns]: a mapping without them adds to a canonical, Zendesk or Freshdesk export recognised by its header, and the header of {file} ({}) is none of these",
                        header.join(", ")
                    ),
                ))),
            },
        };
        map.vendor = raw.vendor;
        map.null_values.extend(raw.null_values);
        let mut errors = Vec::new();
        let locate = |needle: &str| {
            let at = src.find(needle).unwrap_or(0);
            let (l, c) = line_col(src, at);
            (l, c)
        };
        let columns = raw.columns.unwrap_or_default();
        let mut keys: Vec<_> = columns.iter().collect();
        keys.sort();
        for (key, column) in keys {
            let Some(field) = Field::ALL.iter().copied().find(|f| f.key() == key) else {
                let (l, c) = locate(key);
                errors.push(Diagnostic::at(
                    mapping_file,
                    l,
                    c,
                    format!(
                        "unknown field '{key}': expected one of {}",
                        Field::ALL.iter().map(|f| f.key()).collect::<Vec<_>>().join(", ")
                    ),
                ));
                continue;
            };
            match header.iter().position(|h| h.trim() == column.trim()) {
                Some(i) => {
                    map.columns.insert(field, i);
                    map.names.insert(field, column.clone());
                }
                None => {
                    let (l, c) = locate(column);
                    errors.push(Diagnostic::at(
                        mapping_file,
                        l,
                        c,
                        format!("column '{column}' (for {key}) is not in the header of {file}"),
                    ));
                }
            }
        }
        for (key, table) in raw.values {
            match Field::ALL.iter().copied().find(|f| f.key() == key) {
                Some(field) => {
                    map.values.insert(
                        field,
                        table.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect(),
                    );
                }
                None => {
                    let (l, c) = locate(&key);
                    errors.push(Diagnostic::at(
                        mapping_file,
                        l,
                        c,
                        format!("values: unknown field '{key}'"),
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        map.check(file, header)?;
        Ok(map)
    }

    /// A usable map names when the probe was sent and some way to know the first response.
    fn check(&self, file: &str, header: &[String]) -> Result<()> {
        let mut missing = Vec::new();
        if !self.columns.contains_key(&Field::SentAt) {
            missing.push("sent_at (when the question was sent / the ticket created)");
        }
        if ![
            Field::FirstResponseAt,
            Field::FirstResponseMinutes,
            Field::FirstResponseHours,
            Field::FirstResponseBusinessMinutes,
        ]
        .iter()
        .any(|f| self.columns.contains_key(f))
        {
            missing.push("first_response_at or first_response_minutes (the first reply)");
        }
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::invalid(Diagnostic::new(
            file,
            Some(1),
            format!(
                "{}the header has no column for {}. Header: {}",
                self.preset
                    .map(|p| format!("as a {} export, ", p.name()))
                    .unwrap_or_default(),
                missing.join(" and "),
                header.join(", ")
            ),
        )))
    }

    pub(super) fn get<'r>(&self, record: &'r csv::ByteRecord, field: Field) -> Option<&'r [u8]> {
        let v = trim(record.get(*self.columns.get(&field)?)?);
        if v.is_empty() {
            return None;
        }
        if !self.null_values.is_empty() {
            if let Ok(s) = std::str::from_utf8(v) {
                if self.null_values.iter().any(|n| n == s) {
                    return None;
                }
            }
        }
        Some(v)
    }
}

pub(super) fn trim(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}
