//! `supportgrade transcript analyze FILE_OR_DIR... [--rubric FILE] [--format table|json]`:
//! how the vendor's support answered the probe conversations, with its reasons.

use crate::cli::evaluate::load_rubric;
use crate::engine::OrderedMap;
use crate::error::{read_text, Diagnostic, Error, Result};
use crate::ingest::transcript::read_file;
use crate::ingest::transcript::roles::RoleRules;
use crate::metrics::transcripts::{ConversationAnalysis, TranscriptMatcher, VendorTranscripts};
use crate::model::evidence::Evidence;
use crate::time::timestamp::Zone;
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
    /// Files analyzed at once [default: one per core].
    #[arg(long, default_value_t = crate::engine::default_threads(), hide_default_value = true)]
    pub threads: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Serialize)]
struct LineView<'a> {
    line: Option<usize>,
    text: &'a str,
}

fn lines(v: &[Evidence]) -> Vec<LineView<'_>> {
    v.iter()
        .map(|e| LineView {
            line: e.line,
            text: &e.text,
        })
        .collect()
}

#[derive(Serialize)]
struct ProbeView<'a> {
    id: &'a str,
    asked_line: usize,
    answered: bool,
    resolved: bool,
    coverage: f64,
    concepts_found: &'a [String],
    concepts_missing: &'a [String],
    evidence: Vec<LineView<'a>>,
}

#[derive(Serialize)]
struct ConversationView<'a> {
    file: &'a str,
    vendor: Option<&'a str>,
    messages: usize,
    first_reply_seconds: Option<f64>,
    median_reply_seconds: Option<f64>,
    transfers: Vec<LineView<'a>>,
    stalls: Vec<LineView<'a>>,
    probes: Vec<ProbeView<'a>>,
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
        let found = crate::ingest::folder::find(root)?;
        for f in &found.files {
            let vendor = args
                .vendor
                .clone()
                .or_else(|| found.vendor_of(f).map(str::to_string));
            out.push((f.path.clone(), vendor, found.root.clone()));
        }
    }
    Ok(out)
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
        Some(spec) => crate::time::business::from_spec(spec, None, zone)?,
        None => None,
    };
    let threads = args.threads.max(1);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let io = |e: std::io::Error| Error::io(Path::new("<stdout>"), e);
    let mut table_rows: Vec<[String; 7]> = Vec::new();
    let mut errors = Vec::new();
    let mut written = 0usize;
    // The threads take the files in small runs and render them; their results are written in
    // file order, and no thread runs more than a window of files ahead of the writer: memory stays
    // bounded whatever the size of the archive.
    let work = Work {
        files: &files,
        rules: &rules,
        matcher: &matcher,
        zone,
        clock: clock.as_deref(),
        format: args.format,
    };
    let vendors = work.run(threads, |(warnings, r)| {
        for w in warnings {
            // A closed standard error loses the warnings, not the run.
            let _ = writeln!(std::io::stderr(), "warning: {w}");
        }
        match r {
            Ok(rendered) => {
                if !errors.is_empty() {
                    return Ok(());
                }
                match rendered {
                    Rendered::Json(json) => {
                        out.write_all(if written == 0 {
                            b"{\n  \"conversations\": [\n"
                        } else {
                            b",\n"
                        })
                        .map_err(io)?;
                        out.write_all(&json).map_err(io)?;
                    }
                    Rendered::Row(row) => table_rows.push(row),
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
            let mut json = Vec::new();
            pretty_json(&vendor_views, 1, &mut json);
            out.write_all(&json).map_err(io)?;
            out.write_all(b"\n}\n").map_err(io)?;
        }
        Format::Table => {
            out.write_all(table(&table_rows, &vendor_views).as_bytes())
                .map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// The largest read buffer a thread keeps from one file to the next.
const MAX_KEPT_BUFFER: usize = 4 << 20;

/// A file's conversation as the output shows it, rendered by the worker thread: the writing
/// thread only copies bytes (JSON) or keeps the row (table).
enum Rendered {
    Json(Vec<u8>),
    Row([String; 7]),
}

/// A file's warnings, and its rendering or why it could not be read.
type Outcome = (Vec<Diagnostic>, Result<Rendered>);

/// The files to analyze and what every thread shares.
struct Work<'a> {
    files: &'a [(PathBuf, Option<String>, PathBuf)],
    rules: &'a [(PathBuf, RoleRules)],
    matcher: &'a TranscriptMatcher<'a>,
    zone: Option<Zone>,
    clock: Option<&'a dyn crate::time::ElapsedClock>,
    format: Format,
}

impl Work<'_> {
    /// Reads, analyzes and renders file `i`, counting it in the thread's `tally`; `buf` is
    /// the thread's read buffer, reused from file to file.
    fn analyze(
        &self,
        (path, vendor, root): &(PathBuf, Option<String>, PathBuf),
        tally: &mut VendorTally,
        buf: &mut Vec<u8>,
    ) -> Outcome {
        let shown = path.display().to_string();
        let none = RoleRules::default();
        let rule = self
            .rules
            .iter()
            .find(|(r, _)| r == root)
            .map_or(&none, |(_, x)| x);
        // A huge file's buffer is not kept for the rest of the run.
        if buf.capacity() > MAX_KEPT_BUFFER {
            *buf = Vec::new();
        }
        match read_file(
            path,
            buf,
            &shown,
            vendor.as_deref().unwrap_or(""),
            rule,
            self.zone,
        ) {
            Ok((t, warnings)) => {
                let a = self.matcher.analyze_with_clock(&t, self.clock);
                tally.add(&a, vendor.as_deref());
                let rendered = match self.format {
                    Format::Json => {
                        let mut json = Vec::with_capacity(4096);
                        conversation_json(&a, vendor.as_deref(), &mut json);
                        Rendered::Json(json)
                    }
                    Format::Table => Rendered::Row(table_row(&a, vendor.as_deref())),
                };
                (warnings, Ok(rendered))
            }
            Err(e) => (Vec::new(), Err(e)),
        }
    }

    /// Analyzes every file on `threads` threads and hands the outcomes to `sink` in file
    /// order; returns the vendors' tally. An error from `sink` stops the threads and is
    /// returned.
    fn run(&self, threads: usize, sink: impl FnMut(Outcome) -> Result<()>) -> Result<VendorTally> {
        let hint = |(path, _, _): &(PathBuf, Option<String>, PathBuf)| crate::engine::read_ahead::file(path);
        let states = OrderedMap::new(threads).read_ahead(&hint).run(
            self.files,
            || (VendorTally::default(), Vec::new()),
            |file, (tally, buf)| self.analyze(file, tally, buf),
            sink,
        )?;
        let mut tally = VendorTally::default();
        for (t, _) in states {
            tally.merge(t);
        }
        Ok(tally)
    }
}

/// A conversation's object of the JSON document, appended to `out` pretty-printed at its
/// depth (two levels: four spaces).
fn conversation_json(a: &ConversationAnalysis, vendor: Option<&str>, out: &mut Vec<u8>) {
    out.extend_from_slice(b"    ");
    pretty_json(&conversation_view(a, vendor), 2, out);
}

/// `value` appended to `out` as serde_json's pretty printer writes it (two-space indent),
/// nested `depth` levels deep in a document: every line after the first is indented by
/// that depth, in one pass.
fn pretty_json(value: &impl Serialize, depth: usize, out: &mut Vec<u8>) {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        NestedPretty {
            depth,
            has_value: false,
        },
    );
    // Serializing to memory fails only for maps with non-string keys: none here.
    value.serialize(&mut ser).expect("JSON of plain views");
}

/// serde_json's `PrettyFormatter` (two spaces) starting at a given depth.
struct NestedPretty {
    depth: usize,
    has_value: bool,
}

impl NestedPretty {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b)
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        w.write_all(b"\n")?;
        let mut n = self.depth * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn item<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Per vendor, as conversations go by: counts and the best answer to each probe.
#[derive(Default)]
struct VendorTally {
    vendors: std::collections::BTreeMap<String, VendorTranscripts>,
}

impl VendorTally {
    fn add(&mut self, a: &ConversationAnalysis, vendor: Option<&str>) {
        let Some(v) = vendor else { return };
        if !self.vendors.contains_key(v) {
            self.vendors.insert(v.to_string(), VendorTranscripts::default());
        }
        self.vendors.get_mut(v).expect("just inserted").add(a);
    }

    /// Adds another thread's counts (the order the files were counted in does not matter to
    /// the rates).
    fn merge(&mut self, other: VendorTally) {
        for (name, o) in other.vendors {
            self.vendors.entry(name).or_default().merge(o);
        }
    }

    fn views(&self) -> Vec<VendorView> {
        self.vendors
            .iter()
            .map(|(name, c)| VendorView {
                vendor: name.clone(),
                probe_quality: round3(c.probe_quality()),
                transfer_rate: round3(c.transfer_rate()),
                stall_rate: round3(c.stall_rate()),
            })
            .collect()
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn conversation_view<'a>(a: &'a ConversationAnalysis, vendor: Option<&'a str>) -> ConversationView<'a> {
    ConversationView {
        file: &a.file,
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
                id: &p.id,
                asked_line: p.asked_line,
                answered: p.answered,
                resolved: p.resolved,
                coverage: round3(p.coverage),
                concepts_found: &p.concepts_found,
                concepts_missing: &p.concepts_missing,
                evidence: lines(&p.evidence),
            })
            .collect(),
    }
}

/// A conversation's row of the table: only what the table shows is kept.
fn table_row(a: &ConversationAnalysis, vendor: Option<&str>) -> [String; 7] {
    let secs = |s: Option<f64>| {
        s.map(|x| format!("{} s", crate::metrics::fmt_num(x)))
            .unwrap_or_else(|| "-".into())
    };
    [
        a.file.clone(),
        vendor.unwrap_or("-").to_string(),
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
