//! Measured response times from ticket or probe exports: the canonical `measurements.csv`,
//! a Zendesk or Freshdesk ticket export (by their own header names), or any other CSV
//! described by a `[columns]` mapping in TOML.
//!
//! Rows stream through a [`RowSink`]; a large UTF-8 file without quoted line breaks is read by
//! two threads, each over its half of the file, so a file of millions of rows is never held in
//! memory. Every rejected row is reported (up to a limit) with its line, column and reason, and
//! all of them are counted.
//!
//! The files, each with one job (none imports this one; it only calls into them):
//! - `causes`: why rows were rejected, counted by cause (values left out), and the channel
//!   values that are no customer channel;
//! - `columns`: the fields a row can provide, the presets and their header names, the
//!   column map and the `[columns]` mapping file;
//! - `options`: what the caller asks ([`options::ReadOptions`], [`options::Columns`],
//!   [`options::Progress`]) and what it is told ([`options::ReadReport`]);
//! - `sink`: where usable rows go ([`sink::RowSink`], [`sink::TicketCollector`]);
//! - `header`: what the first lines tell (the header row, the column map, the date order);
//! - `split`: a large file read by several threads, mapped or through its own handles;
//! - `row`: one thread's share of the rows, each validated into a `TicketRow`;
//! - `finish`: the shares merged, duplicated probe ids found, offsets made line numbers.

pub mod causes;
pub mod columns;
mod finish;
mod header;
pub mod options;
mod row;
pub mod sink;
mod split;

use super::encoding::{self, TextEncoding};
use crate::error::{Diagnostic, Error, Result};
use crate::model::ticket::Ticket;
use finish::{finish, Text};
use header::{column_map, read_header, with_detected_order};
use options::{Columns, ReadOptions, ReadReport};
use row::Part;
use sink::{RowSink, TicketCollector};
use split::{has_quoted_newline, read_mapped, read_utf8};
use std::io::Read;
use std::path::Path;

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

#[cfg(test)]
mod tests;
