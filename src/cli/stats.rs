//! `supportgrade stats FILE [--by vendor,priority,channel] [--format table|json|csv]
//! [--business-hours SPEC] [--timezone TZ]`: response-time statistics of a probe CSV or a
//! help-desk ticket export.

use crate::cli::evaluate::load_rubric;
use crate::error::{read_text, Diagnostic, Error, Result};
use crate::ingest::tickets::{read_file, Columns, Preset, ReadOptions, ReadReport};
use crate::metrics::fmt_num;
use crate::metrics::response_times::{compare_adjacent, Accumulator, Comparison, GroupBy, GroupReport};
use crate::report::spreadsheet_safe;
use crate::time::timestamp::{DateOrder, Zone};
use crate::time::ElapsedClock;
use clap::ValueEnum;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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

/// The JSON document of `stats --format json`.
#[derive(Serialize)]
pub struct StatsOutput<'a> {
    pub groups: &'a [GroupReport],
    pub rows_used: usize,
    pub rows_rejected: usize,
    pub encoding: &'static str,
    pub duplicates: usize,
    pub preset: Option<&'static str>,
    pub clock: String,
    pub comparisons: &'a [Comparison],
}

static PROGRESS: OnceLock<indicatif::ProgressBar> = OnceLock::new();

fn progress_tick(n: u64) {
    if let Some(p) = PROGRESS.get() {
        p.inc(n);
    }
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
    if show_progress {
        let bar = indicatif::ProgressBar::new(len);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let _ = PROGRESS.set(bar);
    }
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
        progress: show_progress.then_some(progress_tick as fn(u64)),
        ..ReadOptions::default()
    };
    let targets = rubric.first_response_targets.clone();
    let (acc, report) = read_file(&args.file, &shown, columns, &options, || {
        Accumulator::new(by, clock.clone(), &targets)
    })?;
    if let Some(p) = PROGRESS.get() {
        p.finish_and_clear();
    }
    print_rejections(&report, &shown);
    if args.strict && (report.rows_rejected > 0 || report.duplicates > 0) {
        return Err(Error::invalid(Diagnostic::new(
            &shown,
            None,
            format!(
                "--strict: {} row(s) rejected, {} duplicated probe id(s)",
                report.rows_rejected, report.duplicates
            ),
        )));
    }
    let groups = acc.finish(report.latest);
    let comparisons = if by.vendor {
        compare_adjacent(&groups)
    } else {
        Vec::new()
    };
    let exported = !groups.is_empty() && groups.iter().all(|g| g.clock == "business_hours_as_exported");
    let clock_name = match (&clock, exported) {
        (Some(c), false) => c.describe(),
        (Some(c), true) => format!(
            "{}; first responses as the export computed them in business hours",
            c.describe()
        ),
        (None, true) => "business hours as the export computed them".to_string(),
        (None, false) => "wall clock".to_string(),
    };
    let bytes = match args.format {
        Format::Json => {
            let doc = StatsOutput {
                groups: &groups,
                rows_used: report.rows_used,
                rows_rejected: report.rows_rejected,
                encoding: report.encoding.name(),
                duplicates: report.duplicates,
                preset: report.preset.map(Preset::name),
                clock: clock_name,
                comparisons: &comparisons,
            };
            let mut v = serde_json::to_vec_pretty(&doc).expect("serializable");
            v.push(b'\n');
            v
        }
        Format::Csv => csv_bytes(&groups),
        Format::Table => table_bytes(&groups, &comparisons, &report, &shown, &clock_name),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(&bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io(Path::new("<stdout>"), e)),
        _ => Ok(()),
    }
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

fn opt(x: Option<f64>) -> String {
    x.map(fmt_num).unwrap_or_else(|| "-".into())
}

fn opt_ci(x: Option<[f64; 2]>) -> String {
    x.map(|[a, b]| format!("{}–{}", fmt_num(a), fmt_num(b)))
        .unwrap_or_else(|| "-".into())
}

fn share(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}%", v * 100.0))
        .unwrap_or_else(|| "-".into())
}

fn key_cells(g: &GroupReport) -> [String; 3] {
    [
        g.key.vendor.clone().unwrap_or_else(|| "*".into()),
        g.key
            .priority
            .map(|p| p.to_string())
            .unwrap_or_else(|| "*".into()),
        g.key.channel.map(|c| c.to_string()).unwrap_or_else(|| "*".into()),
    ]
}

fn table_bytes(
    groups: &[GroupReport],
    comparisons: &[Comparison],
    report: &ReadReport,
    shown: &str,
    clock: &str,
) -> Vec<u8> {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL);
    t.set_header(vec![
        "vendor",
        "priority",
        "channel",
        "n",
        "unanswered",
        "p50 min",
        "p50 95% CI",
        "p90 min",
        "p90 95% CI",
        "p95 min",
        "mean",
        "KM median",
        "resolution p50",
        "≤48h",
        "FCR",
        "within target",
    ]);
    for g in groups {
        let f = &g.first_response_minutes;
        let mut row: Vec<String> = key_cells(g).to_vec();
        row.extend([
            g.n.to_string(),
            g.unanswered.to_string(),
            opt(f.p50),
            opt_ci(f.p50_ci),
            opt(f.p90),
            opt_ci(f.p90_ci),
            opt(f.p95),
            opt(f.mean),
            opt(g.km_median_minutes),
            opt(g.resolution_minutes.p50),
            share(g.resolved_within_48h_rate),
            share(g.first_contact_resolution_rate),
            share(g.target_attainment),
        ]);
        t.add_row(row);
    }
    let mut s = format!(
        "{shown}: {} rows used, {} rejected, encoding {}{}; times in minutes ({clock})\n",
        report.rows_used,
        report.rows_rejected,
        report.encoding.name(),
        report
            .preset
            .map(|p| format!(", {} format", p.name()))
            .unwrap_or_default()
    );
    s.push_str(&t.to_string());
    s.push('\n');
    for c in comparisons.iter().filter(|c| !c.distinguishable) {
        let scope = match (c.priority, c.channel) {
            (Some(p), Some(ch)) => format!(" ({p}, {ch})"),
            (Some(p), None) => format!(" ({p})"),
            (None, Some(ch)) => format!(" ({ch})"),
            _ => String::new(),
        };
        s.push_str(&format!(
            "note: {} and {}{scope}: first-response times not statistically distinguishable (Mann-Whitney p = {:.3})\n",
            c.a, c.b, c.p_value
        ));
    }
    s.into_bytes()
}

fn csv_bytes(groups: &[GroupReport]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "vendor",
        "priority",
        "channel",
        "n",
        "answered",
        "unanswered",
        "p50",
        "p90",
        "p95",
        "mean",
        "p50_ci_low",
        "p50_ci_high",
        "p90_ci_low",
        "p90_ci_high",
        "km_median",
        "resolution_p50",
        "resolution_p90",
        "resolved_within_48h_rate",
        "first_contact_resolution_rate",
        "target_attainment",
        "clock",
    ]);
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    for g in groups {
        let f = &g.first_response_minutes;
        let k = key_cells(g);
        let ci = |c: Option<[f64; 2]>, i: usize| c.map(|c| c[i].to_string()).unwrap_or_default();
        let _ = w.write_record([
            spreadsheet_safe(&k[0]),
            k[1].clone(),
            k[2].clone(),
            g.n.to_string(),
            g.answered.to_string(),
            g.unanswered.to_string(),
            num(f.p50),
            num(f.p90),
            num(f.p95),
            num(f.mean),
            ci(f.p50_ci, 0),
            ci(f.p50_ci, 1),
            ci(f.p90_ci, 0),
            ci(f.p90_ci, 1),
            num(g.km_median_minutes),
            num(g.resolution_minutes.p50),
            num(g.resolution_minutes.p90),
            num(g.resolved_within_48h_rate),
            num(g.first_contact_resolution_rate),
            num(g.target_attainment),
            g.clock.to_string(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}
