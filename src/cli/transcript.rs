//! `supportgrade transcript analyze FILE_OR_DIR... [--rubric FILE] [--format table|json]`:
//! how the vendor's support answered the probe conversations, with its reasons.

use super::common::{ClockArgs, RubricArg, ThreadsArg, ZoneArg};
use crate::error::Result;
use crate::pipeline::transcripts::{analyze, AnalyzePlan, TranscriptFiles};
use crate::report::transcript::Format as OutputFormat;
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
    #[command(flatten)]
    pub rubric: RubricArg,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Who is who in chat exports [default: roles.toml in the folder given, if any].
    #[arg(long)]
    pub roles: Option<PathBuf>,
    #[command(flatten)]
    pub zone: ZoneArg,
    #[command(flatten)]
    pub clock: ClockArgs,
    /// The vendor of every file given [default: the vendor's folder name].
    #[arg(long)]
    pub vendor: Option<String>,
    #[command(flatten)]
    pub threads: ThreadsArg,
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
    let rubric = args.rubric.load()?;
    let zone = args.zone.zone()?;
    let files = TranscriptFiles::find(&args.paths, args.vendor.as_deref(), args.roles.as_deref())?;
    let clock = args.clock.clock(zone)?;
    let plan = AnalyzePlan {
        files,
        rubric: &rubric,
        zone,
        clock: clock.as_deref(),
        format: match args.format {
            Format::Table => OutputFormat::Table,
            Format::Json => OutputFormat::Json,
        },
        threads: args.threads.threads,
    };
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    analyze(&plan, out, |w| {
        // A closed standard error loses the warnings, not the run.
        let _ = writeln!(std::io::stderr(), "warning: {w}");
    })
}
