//! `supportgrade evaluate [--data DIR] [--rubric FILE] [--out DIR] [--format table|markdown|json]`

use super::common::write_stdout;
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation_folder::EvaluationFolder;
use crate::ingest::measurements::MeasurementSource;
use crate::ingest::tickets::columns::Preset;
use crate::pipeline::evaluate;
use crate::report::model::Evaluation;
use crate::report::{csv::Csv, json::Json, markdown::Markdown, svg::Svg, table::Table, Exporter};
use crate::rubric::load::load as load_rubric;
use crate::time::timestamp::Zone;
use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The evaluation folder (vendors.toml, measurements.csv, sla/, transcripts/, profiles/).
    #[arg(long, default_value = "data/sample")]
    pub data: PathBuf,
    /// The rubric. Without it, rubrics/default.toml, or the built-in copy of it when that
    /// file is not there.
    #[arg(long)]
    pub rubric: Option<PathBuf>,
    /// Where the report goes [default: reports/<name of the data folder>].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// What to print to standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Evaluate with the usable rows when some measurement rows are rejected (each rejected
    /// row is still reported, and counted in the report).
    #[arg(long)]
    pub lenient: bool,
    /// The measured response times, instead of the folder's measurements.csv: the canonical
    /// CSV, a Zendesk or Freshdesk export, or any export with --columns.
    #[arg(long)]
    pub measurements: Option<PathBuf>,
    /// A TOML file mapping the export's columns, as for `stats --columns` [default: the
    /// folder's measurements.toml, when there is one].
    #[arg(long)]
    pub columns: Option<PathBuf>,
    /// Time zone of timestamps written without one (IANA name such as Asia/Shanghai, or
    /// +08:00) [default: the timezone of vendors.toml].
    #[arg(long)]
    pub timezone: Option<String>,
    /// The export's format when its header does not tell: canonical, zendesk or freshdesk.
    #[arg(long, conflicts_with = "columns")]
    pub preset: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
}

/// The files written into the report folder, each with its exporter. A new format is one
/// exporter file in `report/` plus one line here.
const REPORT_FILES: [(&str, &dyn Exporter<Evaluation>); 4] = [
    ("report.md", &Markdown),
    ("results.json", &Json),
    ("scores.csv", &Csv),
    ("charts/scores.svg", &Svg),
];

pub fn run(args: &Args) -> Result<()> {
    let rubric = load_rubric(args.rubric.as_deref())?;
    if !args.data.is_dir() {
        return Err(Error::io(
            &args.data,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such evaluation folder"),
        ));
    }
    let folder = EvaluationFolder::new(&args.data);
    let preset = match &args.preset {
        Some(p) => Some(Preset::parse(p).ok_or_else(|| {
            Error::invalid(Diagnostic::new(
                "<command line>",
                None,
                format!("unknown preset '{p}': expected canonical, zendesk or freshdesk"),
            ))
        })?),
        None => None,
    };
    let zone = match &args.timezone {
        Some(z) => {
            Some(Zone::parse(z).map_err(|e| Error::invalid(Diagnostic::new("<command line>", None, e)))?)
        }
        None => None,
    };
    let source = MeasurementSource {
        file: args.measurements.clone(),
        mapping: args.columns.clone(),
        preset,
        zone,
    };
    let evaluation = evaluate(&folder, &source, &rubric, args.lenient)?;
    for w in &evaluation.warnings {
        eprintln!("warning: {w}");
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("reports").join(folder.name()));
    for (name, exporter) in REPORT_FILES {
        let bytes = exporter.export(&evaluation)?;
        let path = out.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    }
    let shown: Vec<u8> = match args.format {
        Format::Table => {
            let mut t = Table.export(&evaluation)?;
            t.extend_from_slice(format!("report written to {}\n", out.display()).as_bytes());
            t
        }
        Format::Markdown => Markdown.export(&evaluation)?,
        Format::Json => Json.export(&evaluation)?,
    };
    write_stdout(&shown)
}
