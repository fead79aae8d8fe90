//! `supportgrade transcript analyze FILE_OR_DIR... [--rubric FILE] [--format table|json]`:
//! how the vendor's support answered the probe conversations, with its reasons.

use crate::cli::evaluate::load_rubric;
use crate::error::{read_text, Diagnostic, Error, Result};
use crate::evidence::Evidence;
use crate::ingest::timestamp::Zone;
use crate::ingest::transcript::read_bytes;
use crate::ingest::transcript_json::RoleRules;
use crate::metrics::transcripts::{best_outcomes, probe_quality, ConversationAnalysis, TranscriptMatcher};
use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: TranscriptCommand,
}

#[derive(Subcommand, Debug)]
pub enum TranscriptCommand {
    /// Analyze probe conversations (.txt, or JSON chat exports), files or folders.
    Analyze(AnalyzeArgs),
}

#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    /// Transcript files, or folders of them (a folder per vendor, or a vendor's folder).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The rubric with the probe questions [default: the default rubric].
    #[arg(long)]
    pub rubric: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Who is who in chat exports [default: roles.toml in the folder given, if any].
    #[arg(long)]
    pub roles: Option<PathBuf>,
    /// Time zone of JSON timestamps written without one.
    #[arg(long)]
    pub timezone: Option<String>,
    /// Count reply latency only inside a schedule, e.g. "Mon-Fri 09:00-18:00 Asia/Shanghai".
    #[arg(long)]
    pub business_hours: Option<String>,
    /// The vendor of every file given [default: the vendor's folder name].
    #[arg(long)]
    pub vendor: Option<String>,
    /// Files analyzed at once.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Serialize)]
struct LineView {
    line: Option<usize>,
    text: String,
}

fn lines(v: &[Evidence]) -> Vec<LineView> {
    v.iter()
        .map(|e| LineView {
            line: e.line,
            text: e.text.clone(),
        })
        .collect()
}

#[derive(Serialize)]
struct ProbeView {
    id: String,
    asked_line: usize,
    answered: bool,
    resolved: bool,
    coverage: f64,
    concepts_found: Vec<String>,
    concepts_missing: Vec<String>,
    evidence: Vec<LineView>,
}

#[derive(Serialize)]
struct ConversationView {
    file: String,
    vendor: Option<String>,
    messages: usize,
    first_reply_seconds: Option<f64>,
    median_reply_seconds: Option<f64>,
    transfers: Vec<LineView>,
    stalls: Vec<LineView>,
    probes: Vec<ProbeView>,
}

#[derive(Serialize)]
struct VendorView {
    vendor: String,
    probe_quality: f64,
    transfer_rate: f64,
    stall_rate: f64,
}

/// The files to read, each with its vendor and the rules of its folder.
fn collect(args: &AnalyzeArgs) -> Result<Vec<(PathBuf, Option<String>, PathBuf)>> {
    let mut out = Vec::new();
    for root in &args.paths {
        if root.is_file() {
            let dir = root.parent().map(Path::to_path_buf).unwrap_or_default();
            out.push((root.clone(), args.vendor.clone(), dir));
            continue;
        }
        if !root.is_dir() {
            return Err(Error::io(
                root,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
        let mut files = Vec::new();
        walk(root, &mut files).map_err(|e| Error::io(root, e))?;
        files.sort();
        let own_name = root
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        for f in files {
            let rel = f.strip_prefix(root).unwrap_or(&f);
            let vendor = args.vendor.clone().or_else(|| {
                if rel.components().count() > 1 {
                    rel.components()
                        .next()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                } else {
                    own_name.clone()
                }
            });
            out.push((f, vendor, root.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("json"))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn rules_for(args: &AnalyzeArgs, root: &Path) -> Result<RoleRules> {
    let path = match &args.roles {
        Some(p) => p.clone(),
        None => root.join("roles.toml"),
    };
    if args.roles.is_none() && !path.is_file() {
        return Ok(RoleRules::default());
    }
    let shown = path.display().to_string();
    RoleRules::parse(&read_text(&path, &shown)?, &shown)
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        TranscriptCommand::Analyze(a) => analyze(a),
    }
}

fn analyze(args: &AnalyzeArgs) -> Result<()> {
    let rubric = load_rubric(args.rubric.as_deref())?;
    let zone = args
        .timezone
        .as_deref()
        .map(Zone::parse)
        .transpose()
        .map_err(|m| Error::invalid(Diagnostic::new("<command line>", None, m)))?;
    let files = collect(args)?;
    let mut rules = Vec::new();
    for (_, _, root) in &files {
        if !rules.iter().any(|(r, _): &(PathBuf, RoleRules)| r == root) {
            rules.push((root.clone(), rules_for(args, root)?));
        }
    }
    let matcher = TranscriptMatcher::new(&rubric);
    let clock = match &args.business_hours {
        Some(spec) => crate::business_clock::from_spec(spec, None, zone)?,
        None => None,
    };
    let threads = args.threads.max(1);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let io = |e: std::io::Error| Error::io(Path::new("<stdout>"), e);
    let mut vendors = VendorTally::default();
    let mut table_rows: Vec<[String; 7]> = Vec::new();
    let mut errors = Vec::new();
    let mut written = 0usize;
    // The threads take the files one by one; their results are written in file order, and
    // no thread runs more than WINDOW files ahead of the writer: memory stays bounded
    // whatever the size of the archive.
    let work = Work {
        files: &files,
        rules: &rules,
        matcher: &matcher,
        zone,
        clock: clock.as_deref(),
        format: args.format,
    };
    work.run(threads, |(r, vendor)| {
        match r {
            Ok((a, warnings, rendered)) => {
                for w in warnings {
                    eprintln!("warning: {w}");
                }
                vendors.add(&a, vendor.as_deref());
                if !errors.is_empty() {
                    return Ok(());
                }
                match args.format {
                    Format::Json => {
                        out.write_all(if written == 0 {
                            b"{\n  \"conversations\": [\n"
                        } else {
                            b",\n"
                        })
                        .map_err(io)?;
                        out.write_all(&rendered).map_err(io)?;
                    }
                    Format::Table => table_rows.push(table_row(&a, vendor)),
                }
                written += 1;
            }
            Err(Error::Invalid(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
        Ok(())
    })?;
    if !errors.is_empty() {
        drop(out);
        if args.format == Format::Json && written > 0 {
            println!();
        }
        return Err(Error::Invalid(errors));
    }
    let vendor_views = vendors.views();
    match args.format {
        Format::Json => {
            if written == 0 {
                out.write_all(b"{\n  \"conversations\": [],\n").map_err(io)?;
            } else {
                out.write_all(b"\n  ],\n").map_err(io)?;
            }
            out.write_all(b"  \"vendors\": ").map_err(io)?;
            out.write_all(&pretty_json(&vendor_views, b"  ")).map_err(io)?;
            out.write_all(b"\n}\n").map_err(io)?;
        }
        Format::Table => {
            out.write_all(table(&table_rows, &vendor_views).as_bytes())
                .map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// How many files the analysis threads may run ahead of the writer.
const WINDOW: usize = 256;

/// A file's analysis, its warnings and (for JSON) its conversation object, rendered by the
/// worker thread: the writing thread only copies bytes.
type Outcome = (
    Result<(ConversationAnalysis, Vec<Diagnostic>, Vec<u8>)>,
    Option<String>,
);

/// The files to analyze and what every thread shares.
struct Work<'a> {
    files: &'a [(PathBuf, Option<String>, PathBuf)],
    rules: &'a [(PathBuf, RoleRules)],
    matcher: &'a TranscriptMatcher<'a>,
    zone: Option<Zone>,
    clock: Option<&'a dyn crate::metrics::response_times::ElapsedClock>,
    format: Format,
}

impl Work<'_> {
    fn analyze(&self, i: usize) -> Outcome {
        let (path, vendor, root) = &self.files[i];
        let shown = path.display().to_string();
        let none = RoleRules::default();
        let rule = self
            .rules
            .iter()
            .find(|(r, _)| r == root)
            .map_or(&none, |(_, x)| x);
        let read = std::fs::read(path)
            .map_err(|e| Error::io(path, e))
            .and_then(|bytes| read_bytes(&bytes, &shown, vendor.as_deref().unwrap_or(""), rule, self.zone))
            .map(|(t, w)| {
                let a = self.matcher.analyze_with_clock(&t, self.clock);
                let json = match self.format {
                    Format::Json => conversation_json(&a, vendor.clone()),
                    Format::Table => Vec::new(),
                };
                (a, w, json)
            });
        (read, vendor.clone())
    }

    /// Analyzes every file on `threads` threads and hands the outcomes to `sink` in file
    /// order. An error from `sink` stops the threads and is returned.
    fn run(&self, threads: usize, mut sink: impl FnMut(Outcome) -> Result<()>) -> Result<()> {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::{mpsc, Condvar, Mutex};
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        // How many outcomes the writer has taken, and a wake-up for threads waiting on it.
        let taken = (Mutex::new(0usize), Condvar::new());
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
            for _ in 0..threads {
                let tx = tx.clone();
                let (next, stop, taken) = (&next, &stop, &taken);
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= self.files.len() {
                        break;
                    }
                    let mut n = taken.0.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *n + WINDOW && !stop.load(Ordering::Relaxed) {
                        n = taken.1.wait(n).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(n);
                    if stop.load(Ordering::Relaxed) || tx.send((i, self.analyze(i))).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            let mut pending = std::collections::BTreeMap::new();
            let mut expected = 0;
            let result = (|| {
                for (i, outcome) in &rx {
                    pending.insert(i, outcome);
                    while let Some(outcome) = pending.remove(&expected) {
                        sink(outcome)?;
                        expected += 1;
                        *taken.0.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                        taken.1.notify_all();
                    }
                }
                Ok(())
            })();
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
                let _guard = taken.0.lock().unwrap_or_else(|e| e.into_inner());
                taken.1.notify_all();
            }
            drop(rx);
            result
        })
    }
}

/// A conversation's object of the JSON document, pretty-printed at its depth (four spaces).
fn conversation_json(a: &ConversationAnalysis, vendor: Option<String>) -> Vec<u8> {
    let mut out = b"    ".to_vec();
    out.extend(pretty_json(&conversation_view(a, vendor), b"    "));
    out
}

/// `value` pretty-printed, every line after the first indented by `pad` (its depth in the
/// document).
fn pretty_json(value: &impl Serialize, pad: &[u8]) -> Vec<u8> {
    let json = serde_json::to_vec_pretty(value).unwrap_or_default();
    // JSON strings hold no raw line breaks: every one starts a line to indent.
    let mut out = Vec::with_capacity(json.len() + json.len() / 8);
    for part in json.split_inclusive(|b| *b == b'\n') {
        out.extend_from_slice(part);
        if part.ends_with(b"\n") {
            out.extend_from_slice(pad);
        }
    }
    out
}

/// Per vendor, as conversations go by: counts and the best answer to each probe.
#[derive(Default)]
struct VendorTally {
    vendors: std::collections::BTreeMap<String, VendorCounts>,
}

#[derive(Default)]
struct VendorCounts {
    conversations: usize,
    with_transfers: usize,
    with_stalls: usize,
    /// Probe id -> best (answered, coverage).
    best: std::collections::BTreeMap<String, (bool, f64)>,
}

impl VendorTally {
    fn add(&mut self, a: &ConversationAnalysis, vendor: Option<&str>) {
        let Some(v) = vendor else { return };
        let c = self.vendors.entry(v.to_string()).or_default();
        c.conversations += 1;
        c.with_transfers += usize::from(!a.transfers.is_empty());
        c.with_stalls += usize::from(!a.stalls.is_empty());
        for o in best_outcomes(&[a]) {
            let e = c.best.entry(o.id.clone()).or_insert((o.answered, o.coverage));
            if (o.answered, o.coverage) > *e {
                *e = (o.answered, o.coverage);
            }
        }
    }

    fn views(&self) -> Vec<VendorView> {
        self.vendors
            .iter()
            .map(|(name, c)| {
                let n = c.conversations.max(1) as f64;
                let coverages: Vec<f64> = c.best.values().map(|b| b.1).collect();
                VendorView {
                    vendor: name.clone(),
                    probe_quality: round3(probe_quality(&coverages)),
                    transfer_rate: round3(c.with_transfers as f64 / n),
                    stall_rate: round3(c.with_stalls as f64 / n),
                }
            })
            .collect()
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn conversation_view(a: &ConversationAnalysis, vendor: Option<String>) -> ConversationView {
    ConversationView {
        file: a.file.clone(),
        vendor,
        messages: a.messages,
        first_reply_seconds: a.first_reply_seconds,
        median_reply_seconds: a.median_reply_seconds,
        transfers: lines(&a.transfers),
        stalls: lines(&a.stalls),
        probes: a
            .probes
            .iter()
            .map(|p| ProbeView {
                id: p.id.clone(),
                asked_line: p.asked_line,
                answered: p.answered,
                resolved: p.resolved,
                coverage: round3(p.coverage),
                concepts_found: p.concepts_found.clone(),
                concepts_missing: p.concepts_missing.clone(),
                evidence: lines(&p.evidence),
            })
            .collect(),
    }
}

/// A conversation's row of the table: only what the table shows is kept.
fn table_row(a: &ConversationAnalysis, vendor: Option<String>) -> [String; 7] {
    let secs = |s: Option<f64>| {
        s.map(|x| format!("{} s", crate::metrics::fmt_num(x)))
            .unwrap_or_else(|| "-".into())
    };
    [
        a.file.clone(),
        vendor.unwrap_or_else(|| "-".into()),
        a.messages.to_string(),
        secs(a.first_reply_seconds),
        a.transfers.len().to_string(),
        a.stalls.len().to_string(),
        format!(
            "{}/{}",
            a.probes.iter().filter(|p| p.answered).count(),
            a.probes.len()
        ),
    ]
}

fn table(rows: &[[String; 7]], vendors: &[VendorView]) -> String {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header([
        "file",
        "vendor",
        "messages",
        "first reply",
        "transfers",
        "stalls",
        "probes (answered/asked)",
    ]);
    for r in rows {
        t.add_row(r);
    }
    let mut vt = comfy_table::Table::new();
    vt.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    vt.set_header(["vendor", "probe quality", "transfer rate", "stall rate"]);
    for x in vendors {
        vt.add_row([
            x.vendor.clone(),
            format!("{:.3}", x.probe_quality),
            format!("{:.3}", x.transfer_rate),
            format!("{:.3}", x.stall_rate),
        ]);
    }
    format!("{t}\n{vt}\n")
}
