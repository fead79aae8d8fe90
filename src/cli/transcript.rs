//! `supportgrade transcript analyze FILE_OR_DIR... [--rubric FILE] [--format table|json]`:
//! how the vendor's support answered the probe conversations, with its reasons.

use crate::error::{Diagnostic, Error, Result};
use crate::pipeline::transcripts::{analyze, AnalyzePlan, TranscriptFiles};
use crate::report::transcript::Format as OutputFormat;
use crate::rubric::load::load as load_rubric;
use crate::time::timestamp::Zone;
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

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

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        TranscriptCommand::Analyze(a) => analyze_command(a),
    }
}

fn analyze_command(args: &AnalyzeArgs) -> Result<()> {
    let rubric = load_rubric(args.rubric.as_deref())?;
    let zone = args
        .timezone
        .as_deref()
        .map(Zone::parse)
        .transpose()
        .map_err(|m| Error::invalid(Diagnostic::new("<command line>", None, m)))?;
    let files = TranscriptFiles::find(&args.paths, args.vendor.as_deref(), args.roles.as_deref())?;
    let clock = match &args.business_hours {
        Some(spec) => crate::time::business::from_spec(spec, None, zone)?,
        None => None,
    };
    let plan = AnalyzePlan {
        files,
        rubric: &rubric,
        zone,
        clock: clock.as_deref(),
        format: match args.format {
            Format::Table => OutputFormat::Table,
            Format::Json => OutputFormat::Json,
        },
        threads: args.threads,
    };
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    analyze(&plan, out, |w| {
        // A closed standard error loses the warnings, not the run.
        let _ = writeln!(std::io::stderr(), "warning: {w}");
    })
}
