//! The end of a read: the threads' shares merged, duplicated probe ids found (by hash, then
//! confirmed by reading the rows back), and the offsets of reported rows made line numbers.

use super::causes::{Tally, UnknownChannels};
use super::columns::{ColumnMap, Field};
use super::options::{ReadOptions, ReadReport};
use super::row::Part;
use super::sink::RowSink;
use crate::error::{Diagnostic, Error, Result};
use crate::ingest::encoding::TextEncoding;
use crate::time::timestamp::Epoch;
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// The text a file was read from, to find the lines of reported rows afterwards.
pub(super) enum Text<'a> {
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
pub(super) fn finish<S: RowSink>(
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
    let (mut causes, mut channels) = (Tally::default(), Tally::default());
    for p in parts {
        rows_used += p.rows_used;
        rows_rejected += p.rows_rejected;
        rejections.extend(p.rejected);
        causes.merge(p.causes);
        channels.merge(p.unknown_channels);
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
    let unknown_channels = UnknownChannels {
        column: map.names.get(&Field::Channel).cloned().unwrap_or_default(),
        rows: channels.rows(),
        values: channels.sorted(),
    };
    Ok(ReadReport {
        rows_used,
        rows_rejected,
        duplicates: duplicate_count,
        rejected,
        causes: causes.into_causes(),
        unknown_channels,
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
}
