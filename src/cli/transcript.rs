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

/// The JSON document of `transcript analyze --format json`.
#[derive(Serialize)]
struct AnalysisView {
    conversations: Vec<ConversationView>,
    vendors: Vec<VendorView>,
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
    let mut table_rows: Vec<ConversationView> = Vec::new();
    let mut errors = Vec::new();
    let mut written = 0usize;
    // Files are read in batches, each batch split between the threads and written in file
    // order: memory stays bounded whatever the size of the archive.
    for batch in files.chunks(BATCH) {
        let results = analyze_batch(batch, &rules, &matcher, zone, clock.as_deref(), threads);
        for (r, vendor) in results {
            match r {
                Ok((a, warnings)) => {
                    for w in warnings {
                        eprintln!("warning: {w}");
                    }
                    vendors.add(&a, vendor.as_deref());
                    let view = conversation_view(&a, vendor);
                    if !errors.is_empty() {
                        continue;
                    }
                    match args.format {
                        Format::Json => {
                            out.write_all(if written == 0 {
                                b"{\n  \"conversations\": [\n"
                            } else {
                                b",\n"
                            })
                            .map_err(io)?;
                            let json = serde_json::to_string_pretty(&view).unwrap_or_default();
                            out.write_all(indent(&json, 4).as_bytes()).map_err(io)?;
                        }
                        Format::Table => table_rows.push(view),
                    }
                    written += 1;
                }
                Err(Error::Invalid(ds)) => errors.extend(ds),
                Err(e) => return Err(e),
            }
        }
    }
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
            let json = serde_json::to_string_pretty(&vendor_views).unwrap_or_default();
            let body = indent(&json, 2);
            out.write_all(format!("  \"vendors\": {}\n}}\n", body.trim_start()).as_bytes())
                .map_err(io)?;
        }
        Format::Table => {
            let view = AnalysisView {
                conversations: table_rows,
                vendors: vendor_views,
            };
            out.write_all(table(&view).as_bytes()).map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// Files analyzed between two writes of the output.
const BATCH: usize = 256;

type Outcome = (Result<(ConversationAnalysis, Vec<Diagnostic>)>, Option<String>);

fn analyze_batch(
    batch: &[(PathBuf, Option<String>, PathBuf)],
    rules: &[(PathBuf, RoleRules)],
    matcher: &TranscriptMatcher,
    zone: Option<Zone>,
    clock: Option<&dyn crate::metrics::response_times::ElapsedClock>,
    threads: usize,
) -> Vec<Outcome> {
    let mut results: Vec<(usize, Outcome)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for (i, (path, vendor, root)) in batch.iter().enumerate().skip(t).step_by(threads) {
                        let shown = path.display().to_string();
                        let none = RoleRules::default();
                        let rule = rules.iter().find(|(r, _)| r == root).map_or(&none, |(_, x)| x);
                        let read = std::fs::read(path)
                            .map_err(|e| Error::io(path, e))
                            .and_then(|bytes| {
                                read_bytes(&bytes, &shown, vendor.as_deref().unwrap_or(""), rule, zone)
                            })
                            .map(|(t, w)| (matcher.analyze_with_clock(&t, clock), w));
                        out.push((i, (read, vendor.clone())));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("analysis thread"))
            .collect()
    });
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|(_, o)| o).collect()
}

/// Indents every line of `text` by `n` spaces.
fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
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

fn table(v: &AnalysisView) -> String {
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
    let secs = |s: Option<f64>| {
        s.map(|x| format!("{} s", crate::metrics::fmt_num(x)))
            .unwrap_or_else(|| "-".into())
    };
    for c in &v.conversations {
        t.add_row([
            c.file.clone(),
            c.vendor.clone().unwrap_or_else(|| "-".into()),
            c.messages.to_string(),
            secs(c.first_reply_seconds),
            c.transfers.len().to_string(),
            c.stalls.len().to_string(),
            format!(
                "{}/{}",
                c.probes.iter().filter(|p| p.answered).count(),
                c.probes.len()
            ),
        ]);
    }
    let mut vt = comfy_table::Table::new();
    vt.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    vt.set_header(["vendor", "probe quality", "transfer rate", "stall rate"]);
    for x in &v.vendors {
        vt.add_row([
            x.vendor.clone(),
            format!("{:.3}", x.probe_quality),
            format!("{:.3}", x.transfer_rate),
            format!("{:.3}", x.stall_rate),
        ]);
    }
    format!("{t}\n{vt}\n")
}
