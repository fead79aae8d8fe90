//! `supportgrade stats FILE [--by vendor,priority,channel] [--format table|json|csv]
//! [--business-hours SPEC] [--timezone TZ]`: response-time statistics of a probe CSV or a
//! help-desk ticket export.

use super::common::write_stdout;
use crate::error::{read_text, Diagnostic, Error, Result};
use crate::ingest::tickets::columns::Preset;
use crate::ingest::tickets::options::{Columns, Progress, ReadOptions, ReadReport};
use crate::metrics::response_times::GroupBy;
use crate::pipeline::{self, StatsPlan};
use crate::report::{csv::Csv, json::Json, table::Table, Exporter};
use crate::rubric::load::load as load_rubric;
use crate::time::timestamp::{DateOrder, Zone};
use crate::time::ElapsedClock;
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The CSV: canonical measurements, a Zendesk or Freshdesk export, or any export with --columns.
    pub file: PathBuf,
    /// Group by these fields (comma-separated: vendor, priority, channel).
    #[arg(long, default_value = "vendor")]
    pub by: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Count elapsed time only inside a schedule, e.g. "Mon-Fri 09:00-18:00 Asia/Shanghai"; "7x24" for wall-clock.
    #[arg(long)]
    pub business_hours: Option<String>,
    /// A TOML file of holidays (and make-up workdays) for --business-hours.
    #[arg(long)]
    pub holidays: Option<PathBuf>,
    /// Time zone of timestamps written without one (IANA name, e.g. Asia/Shanghai, or +08:00).
    #[arg(long)]
    pub timezone: Option<String>,
    /// The export format; detected from the header when not given.
    #[arg(long)]
    pub preset: Option<String>,
    /// A TOML file mapping this export's columns ([columns] sent_at = "...", ...).
    #[arg(long, conflicts_with = "preset")]
    pub columns: Option<PathBuf>,
    /// Order of a/b/YYYY dates when the values do not tell.
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrderArg>,
    /// The vendor of every row when the file has no vendor column [default: the file's name].
    #[arg(long)]
    pub vendor: Option<String>,
    /// Fail (exit 3) when any row is rejected or a probe id repeats.
    #[arg(long)]
    pub strict: bool,
    /// Rubric whose first-response targets give the attainment rate [default: the default rubric].
    #[arg(long)]
    pub rubric: Option<PathBuf>,
    /// How many rejected rows to list (all are counted).
    #[arg(long, default_value_t = 20)]
    pub max_errors: usize,
    /// Reading threads for large files [default: one per core].
    #[arg(long, default_value_t = crate::engine::default_threads(), hide_default_value = true)]
    pub threads: usize,
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

pub fn run(args: &Args) -> Result<()> {
    let shown = args.file.display().to_string();
    let invalid = |msg: String| Error::invalid(Diagnostic::new("<command line>", None, msg));
    let by = GroupBy::parse(&args.by).map_err(invalid)?;
    let zone = args
        .timezone
        .as_deref()
        .map(Zone::parse)
        .transpose()
        .map_err(invalid)?;
    let clock: Option<Arc<dyn ElapsedClock>> = match &args.business_hours {
        None => None,
        Some(spec) => {
            let holidays = match &args.holidays {
                Some(p) => Some((read_text(p, &p.display().to_string())?, p.display().to_string())),
                None => None,
            };
            crate::time::business::from_spec(
                spec,
                holidays.as_ref().map(|(s, n)| (s.as_str(), n.as_str())),
                zone,
            )?
        }
    };
    let rubric = load_rubric(args.rubric.as_deref())?;
    let mapping = match &args.columns {
        Some(p) => Some(read_text(p, &p.display().to_string())?),
        None => None,
    };
    let mapping_name = args
        .columns
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let columns = match (&mapping, &args.preset) {
        (Some(src), _) => Columns::Mapping(src, &mapping_name),
        (None, Some(p)) => Columns::Preset(Preset::parse(p).ok_or_else(|| {
            invalid(format!(
                "unknown preset '{p}': expected canonical, zendesk or freshdesk"
            ))
        })?),
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
        zone,
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
        max_reported: args.max_errors,
        threads: args.threads.max(1),
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
    let (report, read) = pipeline::stats(&plan)?;
    if let Some(p) = &bar {
        p.finish_and_clear();
    }
    print_rejections(&read, &shown);
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

fn print_rejections(report: &ReadReport, shown: &str) {
    for d in &report.rejected {
        eprintln!("warning: {d}");
    }
    if report.rows_rejected > 0 || report.duplicates > 0 {
        let listed = report.rejected.len();
        let total = report.rows_rejected + report.duplicates;
        eprintln!(
            "warning: {shown}: {} row(s) rejected, {} duplicated probe id(s), {} row(s) used{}",
            report.rows_rejected,
            report.duplicates,
            report.rows_used,
            if listed < total {
                format!(" ({listed} listed; --max-errors to see more)")
            } else {
                String::new()
            }
        );
    }
}
