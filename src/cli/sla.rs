//! `supportgrade sla extract FILE... [--format table|json]`: the support promises of SLA
//! documents, each with the line it came from.

use super::common::write_stdout;
use crate::error::{Error, Result};
use crate::ingest::sla::read_document;
use crate::report::model::SlaReport;
use crate::report::{json::Json, table::Table, Exporter};
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: SlaCommand,
}

#[derive(Subcommand, Debug)]
pub enum SlaCommand {
    /// Extract the commitments of SLA documents (.md, .txt, .html, .pdf, or the structured .toml form).
    Extract(ExtractArgs),
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// The documents.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        SlaCommand::Extract(a) => extract(a),
    }
}

fn extract(args: &ExtractArgs) -> Result<()> {
    let mut report = SlaReport::default();
    let mut errors = Vec::new();
    for path in &args.files {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let vendor = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_document(&bytes, &shown, &vendor) {
            Ok(doc) => {
                for w in &doc.warnings {
                    say!("warning: {shown}: {w}");
                }
                report.documents.push(doc);
            }
            Err(Error::Invalid(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let bytes = match args.format {
        Format::Json => Json.export(&report)?,
        Format::Table => Table.export(&report)?,
    };
    write_stdout(&bytes)
}
