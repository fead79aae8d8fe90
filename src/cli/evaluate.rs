//! `supportgrade evaluate [--data DIR] [--rubric FILE] [--out DIR] [--format table|markdown|json]`

use crate::error::{read_text, Error, Result};
use crate::evaluation_folder::EvaluationFolder;
use crate::pipeline::evaluate;
use crate::report::{csv::Csv, json::Json, markdown::Markdown, svg::Svg, table::Table, Exporter};
use crate::rubric::{self, Rubric};
use clap::ValueEnum;
use std::io::Write;
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
}

const DEFAULT_RUBRIC: &str = "rubrics/default.toml";

pub fn load_rubric(path: Option<&Path>) -> Result<Rubric> {
    match path {
        Some(p) => {
            let shown = p.display().to_string();
            let src = read_text(p, &shown)?;
            rubric::parse(&src, &shown)
        }
        None if Path::new(DEFAULT_RUBRIC).exists() => {
            let src = read_text(Path::new(DEFAULT_RUBRIC), DEFAULT_RUBRIC)?;
            rubric::parse(&src, DEFAULT_RUBRIC)
        }
        None => rubric::parse(rubric::BUILTIN_DEFAULT, "<built-in>/default.toml"),
    }
}

pub fn run(args: &Args) -> Result<()> {
    let rubric = load_rubric(args.rubric.as_deref())?;
    if !args.data.is_dir() {
        return Err(Error::io(
            &args.data,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such evaluation folder"),
        ));
    }
    let folder = EvaluationFolder::new(&args.data);
    let evaluation = evaluate(&folder, &rubric, args.lenient)?;
    for w in &evaluation.warnings {
        eprintln!("warning: {w}");
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("reports").join(folder.name()));
    let exporters: [&dyn Exporter; 4] = [&Markdown, &Json, &Csv, &Svg];
    for x in exporters {
        let path = out.join(x.file_name());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, x.export(&evaluation)).map_err(|e| Error::io(&path, e))?;
    }
    let shown: Vec<u8> = match args.format {
        Format::Table => {
            let mut t = Table.export(&evaluation);
            t.extend_from_slice(format!("report written to {}\n", out.display()).as_bytes());
            t
        }
        Format::Markdown => Markdown.export(&evaluation),
        Format::Json => Json.export(&evaluation),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&shown).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io(Path::new("<stdout>"), e)),
    }
}
