//! `supportgrade stats FILE [--by vendor,priority,channel] [--format table|json|csv]
//! [--business-hours SPEC] [--timezone TZ]`: response-time statistics of a probe CSV or a
//! help-desk ticket export.

use super::common::{invalid, write_stdout, ClockArgs, ExportArgs, RubricArg, ThreadsArg, ZoneArg};
use crate::error::{Diagnostic, Error, Result};
use crate::ingest::tickets::options::{Columns, Progress, ReadOptions, ReadReport};
use crate::metrics::response_times::GroupBy;
use crate::pipeline::stats::{stats, StatsPlan};
use crate::report::{csv::Csv, json::Json, rejections, table::Table, Exporter};
use crate::time::timestamp::{DateOrder, NaiveZone};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

/// `--by`'s value, checked when the command line is read (a bad one is a usage error).
fn group_by(s: &str) -> std::result::Result<String, String> {
    crate::metrics::response_times::GroupBy::parse(s).map(|_| s.to_string())
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The CSV: canonical measurements, a Zendesk or Freshdesk export, or any export with --columns.
    pub file: PathBuf,
    /// Group by these fields (comma-separated: vendor, priority, channel).
    #[arg(long, default_value = "vendor", value_parser = group_by)]
    pub by: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub clock: ClockArgs,
    #[command(flatten)]
    pub zone: ZoneArg,
    #[command(flatten)]
    pub export: ExportArgs,
    /// Order of a/b/YYYY dates when the values do not tell.
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrderArg>,
    /// The vendor of every row when the file has no vendor column [default: the file's name].
    #[arg(long)]
    pub vendor: Option<String>,
    /// Fail (exit 3) when any row is rejected or a probe id repeats.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub rubric: RubricArg,
    #[command(flatten)]
    pub threads: ThreadsArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    DayFirst,
    MonthFirst,
}

/// `max_errors`: how many rejected rows to list (all are counted), the global `--max-errors`.
pub fn run(args: &Args, max_errors: usize) -> Result<()> {
    let shown = args.file.display().to_string();
    let by = GroupBy::parse(&args.by).map_err(invalid)?;
    let zone = args.zone.zone()?;
    let clock = args.clock.clock(zone)?;
    let rubric = args.rubric.load()?;
    let mapping = args.export.mapping()?;
    let columns = match (&mapping, args.export.preset()?) {
        (Some((text, name)), _) => Columns::Mapping(text, name),
        (None, Some(p)) => Columns::Preset(p),
        (None, None) => Columns::Detect,
    };
    let len = std::fs::metadata(&args.file)
        .map_err(|e| Error::io(&args.file, e))?
        .len();
    let show_progress = args.format != Format::Json && std::io::stdout().is_terminal() && len > (64 << 20);
    let bar = show_progress.then(|| {
        let bar = indicatif::ProgressBar::new(len);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let options = ReadOptions {
        zone: NaiveZone::flag(zone),
        date_order: args.date_order.map(|d| match d {
            DateOrderArg::DayFirst => DateOrder::DayFirst,
            DateOrderArg::MonthFirst => DateOrder::MonthFirst,
        }),
        default_vendor: Some(args.vendor.clone().unwrap_or_else(|| {
            args.file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })),
        require_channel: by.channel,
        // Said in one line, with the values and the mapping that would count them.
        list_unknown_channels: false,
        max_reported: max_errors,
        threads: args.threads.threads.max(1),
        progress: bar.clone().map(|b| Progress(Arc::new(move |n| b.inc(n)))),
        ..ReadOptions::default()
    };
    let plan = StatsPlan {
        file: &args.file,
        shown: shown.clone(),
        columns,
        options,
        by,
        clock,
        targets: rubric.first_response_targets.clone(),
    };
    let (report, read) = stats(&plan)?;
    if let Some(p) = &bar {
        p.finish_and_clear();
    }
    print_rejections(&read, &shown);
    if let Some(all) = rejections::all_rejected(&read) {
        return Err(Error::invalid(Diagnostic::new(&shown, None, all)));
    }
    if let Some(line) = rejections::counts_line(&read) {
        say!("warning: {shown}: {line}");
    }
    if args.strict && (read.rows_rejected > 0 || read.duplicates > 0) {
        return Err(Error::invalid(Diagnostic::new(
            &shown,
            None,
            format!(
                "--strict: {} row(s) rejected, {} duplicated probe id(s)",
                read.rows_rejected, read.duplicates
            ),
        )));
    }
    let bytes = match args.format {
        Format::Json => Json.export(&report)?,
        Format::Csv => Csv.export(&report)?,
        Format::Table => Table.export(&report)?,
    };
    write_stdout(&bytes)
}

/// The listed rejected rows, and the line about rows whose channel is not a customer one.
fn print_rejections(report: &ReadReport, shown: &str) {
    for d in &report.rejected {
        say!("warning: {d}");
    }
    if let Some(line) = rejections::unknown_channels_line(&report.unknown_channels) {
        say!("warning: {shown}: {line}");
    }
}
