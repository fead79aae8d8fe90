//! A large UTF-8 file read by one or more threads, each over its share of the body split at
//! line starts: mapped in memory, or through its own file handle; and the checks that keep a
//! split outside quoted fields.

use super::finish::{finish, Text};
use super::header::{column_map, read_header, with_detected_order};
use super::options::{Columns, Progress, ReadOptions, ReadReport};
use super::row::Part;
use super::sink::RowSink;
use crate::error::{Error, Result};
use crate::ingest::encoding::TextEncoding;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Reads a large UTF-8 file mapped in memory, split at line starts among `options.threads`
/// threads (one when a quoted field could hold a line break).
pub(super) fn read_mapped<S: RowSink>(
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

pub(super) fn has_quoted_newline(path: &Path) -> Result<bool> {
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
pub(super) fn read_utf8<S: RowSink>(
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
