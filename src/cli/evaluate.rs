//! `supportgrade evaluate [--data DIR] [--rubric FILE] [--out DIR] [--format table|markdown|json]
//! [--compare-methods]`

use super::common::{write_stdout, ExportArgs, RubricArg, ZoneArg};
use crate::error::{Error, Result};
use crate::ingest::folder::EvaluationFolder;
use crate::ingest::measurements::MeasurementSource;
use crate::pipeline::evaluate::{evaluate, rubric_for, Strictness};
use crate::report::model::Evaluation;
use crate::report::{csv::Csv, json::Json, markdown::Markdown, svg::Svg, table::Table, Exporter};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The evaluation folder (vendors.toml, measurements.csv, sla/, transcripts/, profiles/).
    #[arg(long, default_value = "data/sample")]
    pub data: PathBuf,
    #[command(flatten)]
    pub rubric: RubricArg,
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
    /// Fail (exit 3) when any vendor lacks an input (measurements, SLA page, transcripts,
    /// profile) instead of warning and scoring on the evidence there is.
    #[arg(long)]
    pub strict: bool,
    /// Also rank by every aggregation method (weighted sum, TOPSIS), side by side, with
    /// Kendall's tau between the rankings and the rank reversals found by leaving each vendor
    /// out in turn.
    #[arg(long)]
    pub compare_methods: bool,
    /// The measured response times, instead of the folder's measurements.csv: the canonical
    /// CSV, a Zendesk or Freshdesk export, or any export with --columns.
    #[arg(long)]
    pub measurements: Option<PathBuf>,
    #[command(flatten)]
    pub export: ExportArgs,
    #[command(flatten)]
    pub zone: ZoneArg,
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
    if !args.data.is_dir() {
        return Err(Error::io(
            &args.data,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such evaluation folder"),
        ));
    }
    let folder = EvaluationFolder::new(&args.data);
    let rubric = rubric_for(&folder, args.rubric.choice())?;
    let source = MeasurementSource {
        file: args.measurements.clone(),
        mapping: args.export.columns.clone(),
        preset: args.export.preset()?,
        zone: args.zone.zone()?,
    };
    let how = Strictness {
        lenient: args.lenient,
        strict: args.strict,
        compare_methods: args.compare_methods,
    };
    let evaluation = evaluate(&folder, &source, &rubric, how)?;
    for w in &evaluation.warnings {
        say!("warning: {w}");
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
