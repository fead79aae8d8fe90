//! Measured response times from ticket or probe exports: the canonical `measurements.csv`,
//! a Zendesk or Freshdesk ticket export (by their own header names), or any other CSV
//! described by a `[columns]` mapping in TOML.
//!
//! Rows stream through a [`RowSink`]; a large UTF-8 file without quoted line breaks is read by
//! two threads, each over its half of the file, so a file of millions of rows is never held in
//! memory. Every rejected row is reported (up to a limit) with its line, column and reason, and
//! all of them are counted.

use super::encoding::{self, TextEncoding};
use crate::error::{line_col, Diagnostic, Error, Result};
use crate::model::domain::{Channel, Priority};
use crate::model::ticket::{Ticket, TicketRow};
use crate::time::timestamp::{DateOrder, Epoch, TimestampParser, Zone};
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// The `[columns]` mapping file of an export no preset knows.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    columns: HashMap<String, String>,
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
    /// `null_values = [...]` and `[values.priority] "Sev A" = "urgent"`.
    pub fn from_toml(src: &str, mapping_file: &str, header: &[String], file: &str) -> Result<ColumnMap> {
        let raw: MappingFile = toml::from_str(src)
            .map_err(|e| Error::invalid(crate::error::toml_diagnostic(mapping_file, src, &e)))?;
        let mut map = ColumnMap {
            vendor: raw.vendor,
            null_values: raw.null_values,
            ..ColumnMap::default()
        };
        let mut errors = Vec::new();
        let locate = |needle: &str| {
            let at = src.find(needle).unwrap_or(0);
            let (l, c) = line_col(src, at);
            (l, c)
        };
        let mut keys: Vec<_> = raw.columns.iter().collect();
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

    fn get<'r>(&self, record: &'r csv::ByteRecord, field: Field) -> Option<&'r [u8]> {
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

fn trim(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

/// Receives the usable rows of a file.
pub trait RowSink: Send {
    fn row(&mut self, row: &TicketRow);
    /// Folds another sink (of the other thread) into this one.
    fn merge(&mut self, other: Self)
    where
        Self: Sized;
    /// Byte offsets of the rows whose line numbers the sink wants (the rows it keeps); the
    /// reader counts them once, after reading, and tells them with [`RowSink::lines`].
    fn wanted_lines(&self) -> Vec<u64> {
        Vec::new()
    }
    fn lines(&mut self, _line_of: &HashMap<u64, usize>) {}
}

/// A sink that keeps every usable row, owned and with its line (for `evaluate`).
#[derive(Debug, Default)]
pub struct TicketCollector {
    pub tickets: Vec<Ticket>,
}

impl RowSink for TicketCollector {
    fn row(&mut self, row: &TicketRow) {
        self.tickets.push(Ticket::from_row(row));
    }
    fn merge(&mut self, other: Self) {
        self.tickets.extend(other.tickets);
    }
    fn wanted_lines(&self) -> Vec<u64> {
        self.tickets.iter().map(|t| t.offset).collect()
    }
    fn lines(&mut self, line_of: &HashMap<u64, usize>) {
        for t in &mut self.tickets {
            t.line = line_of.get(&t.offset).copied().unwrap_or(0);
        }
    }
}

/// Reads every usable row of an export, owned and in file order, with the same checks,
/// rejections and counts as the streaming reader.
pub fn read_tickets(
    path: &Path,
    shown: &str,
    columns: Columns,
    options: &ReadOptions,
) -> Result<(Vec<Ticket>, ReadReport)> {
    let (collector, report) = read_file(path, shown, columns, options, TicketCollector::default)?;
    let mut tickets = collector.tickets;
    tickets.sort_by_key(|t| t.offset);
    Ok((tickets, report))
}

/// A callback told how many more bytes were read (from any reading thread).
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(u64) + Send + Sync>);

impl Progress {
    fn tick(&self, bytes: usize) {
        (self.0)(bytes as u64)
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// What to validate and how to read values.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub zone: Option<Zone>,
    pub date_order: Option<DateOrder>,
    /// Vendor ids a row may name; empty: any.
    pub vendors: Vec<String>,
    /// The vendor of every row when the file has no vendor column (e.g. the file's name).
    pub default_vendor: Option<String>,
    /// Reject rows whose channel is unknown (when grouping by channel).
    pub require_channel: bool,
    /// Detailed diagnostics kept; all rejected rows are counted regardless.
    pub max_reported: usize,
    /// Threads for a large file (1 or 2 on this machine's size; more are allowed).
    pub threads: usize,
    /// Told the bytes read as reading goes, for a progress bar.
    pub progress: Option<Progress>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            zone: None,
            date_order: None,
            vendors: Vec::new(),
            default_vendor: None,
            require_channel: false,
            max_reported: 100,
            threads: 2,
            progress: None,
        }
    }
}

/// The outcome of reading a file.
#[derive(Debug, Clone)]
pub struct ReadReport {
    /// Rows in the numbers (including rows whose probe id repeats an earlier one).
    pub rows_used: usize,
    pub rows_rejected: usize,
    /// Rows whose (vendor, probe id) repeats an earlier row's.
    pub duplicates: usize,
    /// At most `max_reported` rejected rows, in file order, with line and column.
    pub rejected: Vec<Diagnostic>,
    pub encoding: TextEncoding,
    pub preset: Option<Preset>,
    /// The latest timestamp seen: the end of the observation window (unanswered probes are
    /// censored there).
    pub latest: Option<Epoch>,
}

/// How the columns are described.
#[derive(Clone, Copy)]
pub enum Columns<'a> {
    /// Detect the preset from the header.
    Detect,
    Preset(Preset),
    /// A mapping file: (text, name for messages).
    Mapping(&'a str, &'a str),
}

/// Reads a ticket/probe export into `sink` (made per thread by `make_sink`).
pub fn read_file<S: RowSink>(
    path: &Path,
    shown: &str,
    columns: Columns,
    options: &ReadOptions,
    make_sink: impl Fn() -> S + Sync,
) -> Result<(S, ReadReport)> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut head = vec![0u8; len.min(1 << 16) as usize];
    file.read_exact(&mut head).map_err(|e| Error::io(path, e))?;
    let enc = encoding::detect(&head, head.len() as u64 == len);
    match enc {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            let bom = if enc == TextEncoding::Utf8Bom { 3 } else { 0 };
            // Quoted fields may hold line breaks: then the file cannot be split at an
            // arbitrary line, and one thread reads it.
            if len > (8 << 20) {
                // SAFETY: the map is read-only and lives for this call only. Another process
                // truncating the file meanwhile could fault the read (as with any mapped
                // reader such as ripgrep's); supportgrade never writes its inputs.
                if let Ok(mapped) = unsafe { memmap2::Mmap::map(&file) } {
                    let _ = mapped.advise(memmap2::Advice::Sequential);
                    return read_mapped(&mapped, shown, columns, options, enc, make_sink);
                }
            }
            let threads = if options.threads > 1 && len > (8 << 20) && !has_quoted_newline(path)? {
                options.threads
            } else {
                1
            };
            read_utf8(path, shown, bom, len, columns, options, enc, threads, make_sink)
        }
        _ => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let (text, enc) =
                encoding::decode(&bytes).map_err(|m| Error::invalid(Diagnostic::new(shown, None, m)))?;
            let text = text.into_owned().into_bytes();
            read_bytes(&text, shown, columns, options, enc, make_sink)
        }
    }
}

/// Reads an in-memory UTF-8 text (already decoded): used for non-UTF-8 files and in tests.
pub fn read_bytes<S: RowSink>(
    text: &[u8],
    shown: &str,
    columns: Columns,
    options: &ReadOptions,
    enc: TextEncoding,
    make_sink: impl Fn() -> S,
) -> Result<(S, ReadReport)> {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let (header, body_start) = read_header(text, shown)?;
    let map = column_map(&columns, &header, shown)?;
    let options = &with_detected_order(options, &text[..text.len().min(1 << 20)], &map);
    let mut sink = make_sink();
    let mut part = Part::new(&map, options, shown, &header);
    part.run(&text[body_start..], body_start as u64, &mut sink);
    let report = finish(
        vec![part],
        &mut sink,
        &Text::Bytes(text),
        shown,
        options,
        enc,
        &map,
    )?;
    Ok((sink, report))
}

/// Reads a large UTF-8 file mapped in memory, split at line starts among `options.threads`
/// threads (one when a quoted field could hold a line break).
fn read_mapped<S: RowSink>(
    mapped: &memmap2::Mmap,
    shown: &str,
    columns: Columns,
    options: &ReadOptions,
    enc: TextEncoding,
    make_sink: impl Fn() -> S + Sync,
) -> Result<(S, ReadReport)> {
    let bytes: &[u8] = mapped;
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let head = &bytes[bom..bytes.len().min(bom + (1 << 20))];
    let (header, body) = read_header(head, shown)?;
    let map = column_map(&columns, &header, shown)?;
    let options = &with_detected_order(options, head, &map);
    let body_start = bom + body;
    let len = bytes.len();
    let mut threads = options.threads.max(1);
    loop {
        let mut bounds = vec![body_start];
        for t in 1..threads {
            let guess = body_start + (len - body_start) * t / threads;
            let next = memchr::memchr(b'\n', &bytes[guess..]).map_or(len, |i| guess + i + 1);
            bounds.push(next.max(*bounds.last().unwrap_or(&body_start)));
        }
        bounds.push(len);
        bounds.dedup();
        let quotes: Vec<AtomicUsize> = bounds.iter().map(|_| AtomicUsize::new(0)).collect();
        let results: Vec<(S, Part)> = std::thread::scope(|scope| {
            let handles: Vec<_> = bounds
                .windows(2)
                .zip(&quotes)
                .map(|(w, quotes)| {
                    let (start, end) = (w[0], w[1]);
                    let (make_sink, map, header) = (&make_sink, &map, &header);
                    scope.spawn(move || {
                        let reader = MappedReader {
                            mapped,
                            pos: start,
                            end,
                            released: start,
                            progress: options.progress.as_ref(),
                            quotes,
                        };
                        let mut sink = make_sink();
                        let mut part = Part::new(map, options, shown, header);
                        part.run_reader(reader, start as u64, &mut sink);
                        (sink, part)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("reader thread"))
                .collect()
        });
        // A split is sound only outside quoted fields: where the quotes before it are even
        // in number. Otherwise (a quoted line break across a split), read with one thread.
        let mut before = 0;
        let sound = quotes[..results.len().saturating_sub(1)].iter().all(|q| {
            before += q.load(Ordering::Relaxed);
            before % 2 == 0
        });
        if !sound && threads > 1 {
            threads = 1;
            continue;
        }
        let mut sink = None;
        let mut parts = Vec::new();
        for (s, p) in results {
            match &mut sink {
                None => sink = Some(s),
                Some(first) => first.merge(s),
            }
            parts.push(p);
        }
        let mut sink = sink.unwrap_or_else(&make_sink);
        let report = finish(parts, &mut sink, &Text::Bytes(bytes), shown, options, enc, &map)?;
        return Ok((sink, report));
    }
}

fn column_map(columns: &Columns, header: &[String], shown: &str) -> Result<ColumnMap> {
    match columns {
        Columns::Preset(p) => ColumnMap::from_preset(*p, header, shown),
        Columns::Mapping(src, name) => ColumnMap::from_toml(src, name, header, shown),
        Columns::Detect => match Preset::detect(header) {
            Some(p) => ColumnMap::from_preset(p, header, shown),
            None => Err(Error::invalid(Diagnostic::new(
                shown,
                Some(1),
                format!(
                    "unknown export format: the header ({}) is not the canonical measurements.csv, a Zendesk or a Freshdesk export; choose --preset or describe the columns with --columns FILE",
                    header.join(", ")
                ),
            ))),
        },
    }
}

/// The header row and the byte offset where the data starts.
fn read_header(text: &[u8], shown: &str) -> Result<(Vec<String>, usize)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut rec = csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {
            let header = rec
                .iter()
                .map(|h| String::from_utf8_lossy(h).trim().to_string())
                .collect();
            Ok((header, rdr.position().byte() as usize))
        }
        Ok(false) => Err(Error::invalid(Diagnostic::new(
            shown,
            Some(1),
            "empty file: expected a header row",
        ))),
        Err(e) => Err(Error::invalid(Diagnostic::new(
            shown,
            Some(1),
            format!("cannot read the header: {e}"),
        ))),
    }
}

/// The options with the date order detected from the first rows when none was given.
fn with_detected_order(options: &ReadOptions, sample: &[u8], map: &ColumnMap) -> ReadOptions {
    let mut o = options.clone();
    if o.date_order.is_some() {
        return o;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(sample);
    let mut values = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while values.len() < 3000 && matches!(rdr.read_byte_record(&mut rec), Ok(true)) {
        for f in [Field::SentAt, Field::FirstResponseAt, Field::ResolvedAt] {
            if let Some(v) = map.get(&rec, f) {
                values.push(String::from_utf8_lossy(v).into_owned());
            }
        }
    }
    o.date_order = crate::time::timestamp::detect_order(values.iter().map(String::as_str));
    o
}

fn has_quoted_newline(path: &Path) -> Result<bool> {
    // A cheap, conservative check: any double quote at all.
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok(false);
        }
        if memchr::memchr(b'"', &buf[..n]).is_some() {
            return Ok(true);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn read_utf8<S: RowSink>(
    path: &Path,
    shown: &str,
    bom: u64,
    len: u64,
    columns: Columns,
    options: &ReadOptions,
    enc: TextEncoding,
    threads: usize,
    make_sink: impl Fn() -> S + Sync,
) -> Result<(S, ReadReport)> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // The header: read the first 64 KiB (or more, for a very long header line).
    let mut head = Vec::new();
    file.seek(SeekFrom::Start(bom)).map_err(|e| Error::io(path, e))?;
    (&mut file)
        .take(1 << 20)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    let (header, body) = read_header(&head, shown)?;
    let map = column_map(&columns, &header, shown)?;
    let options = &with_detected_order(options, &head, &map);
    let body_start = bom + body as u64;

    // Split the body into `threads` ranges at line starts.
    let mut bounds = vec![body_start];
    for t in 1..threads {
        let guess = body_start + (len - body_start) * t as u64 / threads as u64;
        bounds.push(next_line_start(path, guess, len)?);
    }
    bounds.push(len);
    bounds.dedup();

    let results: Vec<Result<(S, Part)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let (start, end) = (w[0], w[1]);
                let make_sink = &make_sink;
                let map = &map;
                let header = &header;
                scope.spawn(move || -> Result<(S, Part)> {
                    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
                    f.seek(SeekFrom::Start(start)).map_err(|e| Error::io(path, e))?;
                    let reader = ProgressReader {
                        inner: f.take(end - start),
                        progress: options.progress.as_ref(),
                    };
                    let mut sink = make_sink();
                    let mut part = Part::new(map, options, shown, header);
                    part.run_reader(reader, start, &mut sink);
                    Ok((sink, part))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("reader thread"))
            .collect()
    });
    let mut sinks = Vec::new();
    let mut parts = Vec::new();
    for r in results {
        let (s, p) = r?;
        sinks.push(s);
        parts.push(p);
    }
    let mut sink = sinks.remove(0);
    for s in sinks {
        sink.merge(s);
    }
    // Line numbers of rejected rows are counted from the file's bytes, only for the rows
    // reported.
    let report = finish(parts, &mut sink, &Text::File(path), shown, options, enc, &map)?;
    Ok((sink, report))
}

/// Reads a range of a mapped file, handing the pages already read back to the kernel as it
/// goes, so that a file of any size costs a bounded amount of resident memory.
struct MappedReader<'a> {
    mapped: &'a memmap2::Mmap,
    pos: usize,
    end: usize,
    released: usize,
    progress: Option<&'a Progress>,
    /// Double quotes read so far.
    quotes: &'a AtomicUsize,
}

impl MappedReader<'_> {
    const RELEASE_EVERY: usize = 32 << 20;
}

impl Read for MappedReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.end - self.pos);
        buf[..n].copy_from_slice(&self.mapped[self.pos..self.pos + n]);
        self.quotes
            .fetch_add(memchr::memchr_iter(b'"', &buf[..n]).count(), Ordering::Relaxed);
        self.pos += n;
        if let Some(p) = self.progress {
            p.tick(n);
        }
        if self.pos - self.released >= Self::RELEASE_EVERY {
            #[cfg(unix)]
            // SAFETY: the map is a read-only, private mapping of a file that nothing here
            // writes: MADV_DONTNEED only drops our copy of these pages, and any later read
            // (line numbers of rejected rows) faults the same bytes back in from the file.
            unsafe {
                let _ = self.mapped.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    self.released,
                    self.pos - self.released,
                );
            }
            self.released = self.pos;
        }
        Ok(n)
    }
}

struct ProgressReader<'a, R> {
    inner: R,
    progress: Option<&'a Progress>,
}

impl<R: Read> Read for ProgressReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(p) = self.progress {
            p.tick(n);
        }
        Ok(n)
    }
}

fn next_line_start(path: &Path, from: u64, len: u64) -> Result<u64> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    f.seek(SeekFrom::Start(from)).map_err(|e| Error::io(path, e))?;
    let mut buf = vec![0u8; 1 << 16];
    let mut at = from;
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok(len);
        }
        if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
            return Ok(at + i as u64 + 1);
        }
        at += n as u64;
    }
}

/// A rejected row, before its line number is known.
struct Rejection {
    offset: u64,
    column: Option<usize>,
    message: String,
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
struct Part<'m> {
    map: &'m ColumnMap,
    options: &'m ReadOptions,
    header_len: usize,
    sent: TimestampParser,
    first: TimestampParser,
    resolved: TimestampParser,
    rows_used: usize,
    rows_rejected: usize,
    rejected: Vec<Rejection>,
    /// (hash of vendor + probe id, offset) for the duplicate check.
    ids: Vec<(u64, u64)>,
    latest: Option<Epoch>,
    priorities: ValueCache<Option<Priority>>,
    channels: ValueCache<Option<Channel>>,
    _shown: &'m str,
}

impl<'m> Part<'m> {
    fn new(map: &'m ColumnMap, options: &'m ReadOptions, shown: &'m str, header: &[String]) -> Self {
        let parser = || TimestampParser::new(options.zone, options.date_order);
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
            ids: Vec::new(),
            latest: None,
            priorities: ValueCache::default(),
            channels: ValueCache::default(),
            _shown: shown,
        }
    }

    fn run<S: RowSink>(&mut self, body: &[u8], base: u64, sink: &mut S) {
        self.run_reader(body, base, sink)
    }

    fn run_reader<R: Read, S: RowSink>(&mut self, reader: R, base: u64, sink: &mut S) {
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
                    self.reject(at, None, format!("malformed CSV: {e}"));
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
                    format!("expected {} fields, found {}", self.header_len, rec.len()),
                );
                continue;
            }
            self.row(&rec, offset, sink);
        }
        // Sorted here, in the part's own thread; `finish` merges the sorted runs.
        self.ids.sort_unstable();
    }

    fn reject(&mut self, offset: u64, column: Option<usize>, message: String) {
        self.rows_rejected += 1;
        if self.rejected.len() < self.options.max_reported {
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

    fn name(&self, f: Field) -> &str {
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
                let m = format!("{}: {}", self.name(f), format!($($msg)*));
                let c = self.col(f);
                self.reject(offset, c, m);
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
                None => bad!(
                    Field::Channel,
                    "unknown channel '{}': expected chat, phone, email, ticket, dedicated_manager, community or im_group, or map it under [values.channel]",
                    String::from_utf8_lossy(raw)
                ),
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

/// The text a file was read from, to find the lines of reported rows afterwards.
enum Text<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

impl Text<'_> {
    fn io(&self, e: std::io::Error) -> Error {
        match self {
            Text::File(p) => Error::io(p, e),
            Text::Bytes(_) => Error::io(Path::new("<memory>"), e),
        }
    }

    /// Line (1-based) of the record starting at each offset, skipping line ends the offset
    /// may point at. One pass over the text, counting line feeds.
    fn lines(&self, offsets: &[u64]) -> Result<HashMap<u64, usize>> {
        self.lines_in_chunks(offsets, 1 << 20)
    }

    fn lines_in_chunks(&self, offsets: &[u64], chunk_size: usize) -> Result<HashMap<u64, usize>> {
        let mut wanted: Vec<u64> = offsets.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = HashMap::new();
        if wanted.is_empty() {
            return Ok(out);
        }
        let mut reader: Box<dyn Read> = match self {
            Text::Bytes(b) => Box::new(*b),
            Text::File(p) => Box::new(std::fs::File::open(p).map_err(|e| Error::io(p, e))?),
        };
        let mut buf = vec![0u8; chunk_size.max(1)];
        let (mut pos, mut newlines) = (0u64, 0usize);
        let mut next = 0;
        // Inside a run of line ends at a wanted offset: the offset and the line feeds so far.
        let mut skipping: Option<u64> = None;
        'read: loop {
            let n = reader.read(&mut buf).map_err(|e| self.io(e))?;
            let chunk = &buf[..n];
            let mut i = 0usize;
            loop {
                if let Some(at) = skipping {
                    while i < n && matches!(chunk[i], b'\r' | b'\n') {
                        newlines += usize::from(chunk[i] == b'\n');
                        i += 1;
                    }
                    if i == n && n > 0 {
                        break;
                    }
                    // Offsets inside the same run of line ends share its line.
                    let run_end = pos + i as u64;
                    out.insert(at, newlines + 1);
                    next += 1;
                    while next < wanted.len() && wanted[next] < run_end {
                        out.insert(wanted[next], newlines + 1);
                        next += 1;
                    }
                    skipping = None;
                    if next == wanted.len() {
                        break 'read;
                    }
                }
                let target = wanted[next];
                let end = pos + n as u64;
                if target >= end {
                    newlines += memchr::memchr_iter(b'\n', &chunk[i..]).count();
                    break;
                }
                let t = (target - pos) as usize;
                if t >= i {
                    newlines += memchr::memchr_iter(b'\n', &chunk[i..t]).count();
                    i = t;
                }
                skipping = Some(target);
            }
            if n == 0 {
                // Offsets past the end: the last line.
                for &w in &wanted[next..] {
                    out.insert(w, newlines + 1);
                }
                break;
            }
            pos += n as u64;
        }
        Ok(out)
    }

    /// The record that starts at `offset`.
    fn record(&self, offset: u64) -> Result<Option<csv::ByteRecord>> {
        let reader: Box<dyn Read> = match self {
            Text::Bytes(b) => Box::new(b.get(offset as usize..).unwrap_or_default()),
            Text::File(p) => {
                let mut f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
                f.seek(SeekFrom::Start(offset)).map_err(|e| Error::io(p, e))?;
                Box::new(f)
            }
        };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 12)
            .from_reader(reader);
        let mut rec = csv::ByteRecord::new();
        Ok(match rdr.read_byte_record(&mut rec) {
            Ok(true) => Some(rec),
            _ => None,
        })
    }
}

/// Merges the parts' counts, finds duplicated ids, and turns offsets into line numbers.
fn finish<S: RowSink>(
    parts: Vec<Part>,
    sink: &mut S,
    text: &Text,
    shown: &str,
    options: &ReadOptions,
    enc: TextEncoding,
    map: &ColumnMap,
) -> Result<ReadReport> {
    let mut rows_used = 0;
    let mut rows_rejected = 0;
    let mut rejections = Vec::new();
    let mut ids = Vec::new();
    let mut latest: Option<Epoch> = None;
    for p in parts {
        rows_used += p.rows_used;
        rows_rejected += p.rows_rejected;
        rejections.extend(p.rejected);
        ids.extend(p.ids);
        latest = match (latest, p.latest) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    // The parts' ids are sorted runs in file order: a stable sort merges them in linear time.
    ids.sort();
    // Duplicated probe ids: equal hashes, confirmed by comparing the ids themselves. The
    // first row of an id is kept as the reference of its later repeats.
    let vendor_of = |rec: &csv::ByteRecord| -> Vec<u8> {
        match (map.get(rec, Field::Vendor), &map.vendor) {
            (Some(v), _) => v.to_vec(),
            (None, Some(v)) => v.as_bytes().to_vec(),
            (None, None) => options.default_vendor.clone().unwrap_or_default().into_bytes(),
        }
    };
    let mut duplicates: Vec<(u64, u64, String)> = Vec::new();
    let mut duplicate_count = 0usize;
    let mut i = 0;
    while i < ids.len() {
        let mut j = i + 1;
        while j < ids.len() && ids[j].0 == ids[i].0 {
            j += 1;
        }
        if j - i > 1 {
            // Rows sharing a hash: read them back and group by the exact id.
            let mut seen: Vec<(Vec<u8>, u64)> = Vec::new();
            for &(_, offset) in &ids[i..j] {
                let Some(rec) = text.record(offset)? else { continue };
                let Some(id) = map.get(&rec, Field::ProbeId) else {
                    continue;
                };
                let mut key = vendor_of(&rec);
                key.push(0xFF);
                key.extend_from_slice(id);
                match seen.iter().find(|(k, _)| *k == key) {
                    Some((_, first)) => {
                        duplicate_count += 1;
                        if duplicates.len() < options.max_reported {
                            let vendor =
                                String::from_utf8_lossy(&key[..key.len() - id.len() - 1]).into_owned();
                            let id = String::from_utf8_lossy(id);
                            let shown_id = if vendor.is_empty() {
                                id.into_owned()
                            } else {
                                format!("{vendor}:{id}")
                            };
                            duplicates.push((*first, offset, shown_id));
                        }
                    }
                    None => seen.push((key, offset)),
                }
            }
        }
        i = j;
    }
    let offsets: Vec<u64> = rejections
        .iter()
        .map(|r| r.offset)
        .chain(duplicates.iter().flat_map(|d| [d.0, d.1]))
        .chain(sink.wanted_lines())
        .collect();
    let line_of = text.lines(&offsets)?;
    sink.lines(&line_of);
    let line = |o: u64| line_of.get(&o).copied().unwrap_or(0);
    // A duplicated id is reported (and fails --strict) but its rows stay in the numbers:
    // they are rows of the file, and dropping one would hide data.
    let mut rejected: Vec<Diagnostic> = rejections
        .into_iter()
        .map(|r| match r.column {
            Some(c) => Diagnostic::at(shown, line(r.offset), c, r.message),
            None => Diagnostic::new(shown, Some(line(r.offset)), r.message),
        })
        .collect();
    for (first, second, id) in &duplicates {
        if rejected.len() < options.max_reported {
            let (l1, l2) = (line(*first), line(*second));
            let c = map.columns.get(&Field::ProbeId).map(|c| c + 1).unwrap_or(1);
            rejected.push(Diagnostic::at(
                shown,
                l1.max(l2),
                c,
                format!("duplicated probe id '{id}' (also on line {})", l1.min(l2)),
            ));
        }
    }
    rejected.sort();
    Ok(ReadReport {
        rows_used,
        rows_rejected,
        duplicates: duplicate_count,
        rejected,
        encoding: enc,
        preset: map.preset,
        latest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_offsets_in_any_chunking() {
        let text = b"h1,h2\r\na,b\r\n\r\nc,d\ne,f\n\n\ng,h";
        // The reference: skip the line ends at the offset, then count the line feeds before.
        let reference = |o: usize| {
            let mut b = o;
            while b < text.len() && matches!(text[b], b'\r' | b'\n') {
                b += 1;
            }
            text[..b].iter().filter(|c| **c == b'\n').count() + 1
        };
        let offsets: Vec<u64> = (0..=text.len() as u64).collect();
        for chunk in 1..=text.len() + 1 {
            let got = Text::Bytes(text).lines_in_chunks(&offsets, chunk).unwrap();
            for &o in &offsets {
                assert_eq!(got[&o], reference(o as usize), "offset {o}, chunk {chunk}");
            }
        }
        let some = Text::Bytes(text).lines_in_chunks(&[11, 7], 3).unwrap();
        assert_eq!((some[&7], some[&11]), (2, 4));
    }

    type Collected = (
        String,
        Option<Priority>,
        Option<Channel>,
        Epoch,
        Option<Epoch>,
        Option<f64>,
    );

    #[derive(Default)]
    struct Collect(Vec<Collected>);

    impl RowSink for Collect {
        fn row(&mut self, r: &TicketRow) {
            self.0.push((
                r.vendor.to_string(),
                r.priority,
                r.channel,
                r.sent,
                r.first_response_at,
                r.first_response_minutes.or(r.first_response_business_minutes),
            ));
        }
        fn merge(&mut self, other: Self) {
            self.0.extend(other.0);
        }
    }

    fn read(text: &str, columns: Columns, options: &ReadOptions) -> Result<(Collect, ReadReport)> {
        read_bytes(
            text.as_bytes(),
            "t.csv",
            columns,
            options,
            TextEncoding::Utf8,
            Collect::default,
        )
    }

    /// A large file (read mapped, split between threads) gives what one thread gives: the
    /// same rows, the same rejected lines, duplicates found across the split; and a quoted
    /// line break across the split is detected and read with one thread.
    #[test]
    fn large_files_split_between_threads_read_like_one() {
        let mut body = Vec::new();
        crate::synthetic::write_measurements(&mut body, 90_000, 11).unwrap();
        let text = String::from_utf8(body).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        // A bad timestamp near the end (line 80001), and line 85001 repeats line 3's id.
        edited[80_000] = edited[80_000].replacen("+08:00", "+08:00x", 1);
        let id3 = lines[2].split(',').take(2).collect::<Vec<_>>().join(",");
        let rest85: Vec<&str> = lines[85_000].split(',').skip(2).collect();
        edited[85_000] = format!("{id3},{}", rest85.join(","));
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.csv");
        std::fs::write(&plain, edited.join("\n") + "\n").unwrap();
        // The same, with a note of many quoted lines in the middle row: any split at a line
        // start near the middle falls inside it.
        let mut quoted = edited.clone();
        let mid = 45_000;
        let note = format!("\"{}\"", "line\n".repeat(400_000));
        let fields: Vec<&str> = quoted[mid].split(',').collect();
        quoted[mid] = format!("{},{note},{}", fields[0], fields[2..].join(","));
        let quoted_path = dir.path().join("quoted.csv");
        std::fs::write(&quoted_path, quoted.join("\n") + "\n").unwrap();
        assert!(std::fs::metadata(&quoted_path).unwrap().len() > (8 << 20));

        for path in [&plain, &quoted_path] {
            let run = |threads: usize| {
                let options = ReadOptions {
                    threads,
                    ..ReadOptions::default()
                };
                read_file(path, "big.csv", Columns::Detect, &options, Collect::default).unwrap()
            };
            let (mut one, r1) = run(1);
            let (mut two, r2) = run(2);
            let order = |a: &Collected, b: &Collected| a.partial_cmp(b).expect("no NaN");
            one.0.sort_by(order);
            two.0.sort_by(order);
            assert_eq!(one.0, two.0, "{}", path.display());
            assert_eq!((r1.rows_used, r1.rows_rejected, r1.duplicates), (89_999, 1, 1));
            assert_eq!((r2.rows_used, r2.rows_rejected, r2.duplicates), (89_999, 1, 1));
            let shown: Vec<String> = r2.rejected.iter().map(|d| d.to_string()).collect();
            let quoted_lines = if path == &quoted_path { 400_000 } else { 0 };
            assert!(
                shown[0].starts_with(&format!("big.csv:{}:5:", 80_001 + quoted_lines)),
                "{shown:?}"
            );
            assert!(
                shown[1].contains("duplicated probe id") && shown[1].contains("(also on line 3)"),
                "{shown:?}"
            );
            assert_eq!(r1.rejected, r2.rejected);
        }
    }

    #[test]
    fn zendesk_export_by_its_header() {
        // The header shape of a real Zendesk export (subset), with its 1900-01-01 sentinel.
        let text = "Id,Group,Status,Priority,Via,Created at,Solved at,Replies,First reply time in minutes within business hours,Full resolution time in minutes\n\
                    297732,Support,Solved,Low,Mail,2023-04-08 20:52:00,2023-06-14 16:30:00,1,173,96218\n\
                    297733,Support,Open,Urgent,Chat,2023-04-08 21:00:00,1900-01-01 00:00:00,0,,\n";
        let opts = ReadOptions {
            zone: Some(Zone::parse("Asia/Kolkata").unwrap()),
            ..ReadOptions::default()
        };
        let (rows, report) = read(text, Columns::Detect, &opts).unwrap();
        assert_eq!(report.preset, Some(Preset::Zendesk));
        assert_eq!(report.rows_used, 2);
        assert_eq!(rows.0[0].1, Some(Priority::Low));
        assert_eq!(rows.0[0].2, Some(Channel::Email));
        assert_eq!(rows.0[0].5, Some(173.0));
        assert_eq!(rows.0[1].5, None, "no first reply: unanswered");
        // 2023-04-08 20:52 in India (+05:30) is 15:22 UTC.
        assert_eq!(rows.0[0].3, civil_seconds_utc(2023, 4, 8, 15, 22));
    }

    fn civil_seconds_utc(y: u32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        crate::time::timestamp::civil_seconds(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn freshdesk_export_by_its_header() {
        let text = "Ticket ID,Subject,Status,Priority,Source,Created time,Resolved time,First response time (in hrs),Agent interactions\n\
                    1,404 error,Resolved,High,Email,2025-12-03 16:29:08,2025-12-03 18:00:00,01:30:00,1\n";
        let opts = ReadOptions {
            zone: Some(Zone::Fixed(0)),
            ..ReadOptions::default()
        };
        let (rows, report) = read(text, Columns::Detect, &opts).unwrap();
        assert_eq!(report.preset, Some(Preset::Freshdesk));
        assert_eq!(rows.0[0].1, Some(Priority::High));
        assert_eq!(rows.0[0].5, Some(90.0));
    }

    #[test]
    fn a_mapping_file_for_any_export() {
        let text =
            "Case,Opened,Answered,Sev\nC-1,2026-10-14T09:00:00+08:00,2026-10-14T09:12:00+08:00,Sev A\n";
        let mapping = "vendor = \"acme\"\n[columns]\nprobe_id = \"Case\"\nsent_at = \"Opened\"\nfirst_response_at = \"Answered\"\npriority = \"Sev\"\n[values.priority]\n\"Sev A\" = \"urgent\"\n";
        let (rows, report) = read(
            text,
            Columns::Mapping(mapping, "map.toml"),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(report.rows_used, 1);
        assert_eq!(rows.0[0].0, "acme");
        assert_eq!(rows.0[0].1, Some(Priority::Urgent));
        assert_eq!(rows.0[0].4.unwrap() - rows.0[0].3, 12 * 60);
        let bad = "[columns]\nsent_at = \"Opened\"\nfirst_response_at = \"Nope\"\n";
        let Err(Error::Invalid(d)) = read(text, Columns::Mapping(bad, "map.toml"), &ReadOptions::default())
        else {
            panic!()
        };
        assert_eq!(
            (d[0].file.as_str(), d[0].line, d[0].column),
            ("map.toml", Some(3), Some(22))
        );
    }

    #[test]
    fn every_bad_row_is_counted_and_the_first_ones_reported() {
        let text = "vendor,probe_id,channel,priority,sent_at,first_response_at,resolved_at,resolved_on_first_contact\n\
                    a,1,chat,urgent,2026-10-14T09:00:00+08:00,2026-10-14T08:00:00+08:00,,\n\
                    a,2,chat,whenever,2026-10-14T09:00:00+08:00,,,\n\
                    a,3,chat,urgent,2026-10-14 09:00,,,\n\
                    a,4,chat,urgent,2026-10-14T09:00:00+08:00,,,\n\
                    a,4,chat,urgent,2026-10-14T09:00:00+08:00,,,\n";
        let opts = ReadOptions {
            max_reported: 10,
            ..ReadOptions::default()
        };
        let (rows, report) = read(text, Columns::Detect, &opts).unwrap();
        assert_eq!(rows.0.len(), 2, "the sink saw both copies of probe 4");
        assert_eq!(report.rows_rejected, 3);
        assert_eq!(report.rows_used, 2);
        assert_eq!(report.duplicates, 1);
        let got: Vec<_> = report.rejected.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            got,
            vec![
                (Some(2), Some(6)),
                (Some(3), Some(4)),
                (Some(4), Some(5)),
                (Some(6), Some(2))
            ]
        );
        assert!(report.rejected[0].message.contains("before its question"));
        assert!(report.rejected[2].message.contains("--timezone"));
        assert!(report.rejected[3]
            .message
            .contains("duplicated probe id 'a:4' (also on line 5)"));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("12.5", false), Ok(12.5));
        assert_eq!(parse_duration("1.5", true), Ok(90.0));
        assert_eq!(parse_duration("01:30:30", true), Ok(90.5));
        assert!(parse_duration("-3", false).is_err());
        assert!(parse_duration("soon", false).is_err());
    }
}
