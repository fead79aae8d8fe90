//! The measured response times of an evaluation: `measurements.csv` in the evaluation folder
//! (the canonical columns, or a Zendesk / Freshdesk export recognised by its header), with an
//! optional `measurements.toml` column mapping beside it for any other export, or a file named
//! on the command line. Read by the one ticket reader ([`super::tickets`]) that `stats` uses,
//! with the same checks, rejections and row accounting; the rows are kept, with their lines,
//! as evidence.

use super::tickets::columns::Preset;
use super::tickets::options::{Columns, ReadOptions};
use super::tickets::read_tickets;
use crate::error::{read_text, Diagnostic, Error, Result};
use crate::ingest::folder::EvaluationFolder;
use crate::model::ticket::Ticket;
use crate::time::timestamp::{NaiveZone, Zone};
use std::path::PathBuf;

/// The file an evaluation folder's measurements are read from.
pub const FILE: &str = "measurements.csv";
/// The optional column mapping beside it.
pub const MAPPING: &str = "measurements.toml";

/// Where the measurements come from when not from the folder's own `measurements.csv`.
#[derive(Debug, Clone, Default)]
pub struct MeasurementSource {
    /// The export (`--measurements FILE`).
    pub file: Option<PathBuf>,
    /// Its column mapping (`--columns FILE`).
    pub mapping: Option<PathBuf>,
    /// Its format, when the header does not tell (`--preset`).
    pub preset: Option<Preset>,
    /// The zone of timestamps written without one (`--timezone`, else vendors.toml's).
    pub zone: Option<Zone>,
}

#[derive(Debug, Clone)]
pub struct Measurements {
    /// The file as shown in evidence (relative to the evaluation folder when inside it).
    pub file: String,
    /// The usable rows, in file order.
    pub tickets: Vec<Ticket>,
    /// Every rejected row and every repeated probe id, with line and column.
    pub rejected: Vec<Diagnostic>,
    pub rows_rejected: usize,
    /// The cause most rejected rows share (with its rows), when one has most of them.
    pub main_cause: Option<(String, usize)>,
    /// Rows whose probe id repeats an earlier row's (they stay in the numbers).
    pub duplicates: usize,
    /// Whether there was a file at all.
    pub present: bool,
}

impl Measurements {
    pub fn empty() -> Self {
        Measurements {
            file: FILE.to_string(),
            tickets: Vec::new(),
            rejected: Vec::new(),
            rows_rejected: 0,
            main_cause: None,
            duplicates: 0,
            present: false,
        }
    }
}

/// Reads the measurements of an evaluation: `source`'s file when given, else the folder's
/// `measurements.csv` (absent: no measurements). Rows naming a vendor not in `vendor_ids` are
/// rejected. Fails only when the file as a whole is unusable (unreadable, a header no preset or
/// mapping fits).
pub fn read(
    folder: &EvaluationFolder,
    source: &MeasurementSource,
    vendor_ids: &[&str],
) -> Result<Measurements> {
    let path = source.file.clone().unwrap_or_else(|| folder.path(FILE));
    if source.file.is_none() && !path.exists() {
        return Ok(Measurements::empty());
    }
    let shown = folder.shown(&path);
    let mapping_path = source.mapping.clone().or_else(|| {
        let beside = folder.path(MAPPING);
        (source.file.is_none() && beside.exists()).then_some(beside)
    });
    let mapping = match &mapping_path {
        Some(p) => Some((read_text(p, &folder.shown(p))?, folder.shown(p))),
        None => None,
    };
    let columns = match (&mapping, source.preset) {
        (Some((text, name)), _) => Columns::Mapping(text, name),
        (None, Some(p)) => Columns::Preset(p),
        (None, None) => Columns::Detect,
    };
    let options = ReadOptions {
        zone: NaiveZone {
            zone: source.zone,
            hint: super::vendors::ZONE_HINT,
        },
        vendors: vendor_ids.iter().map(|v| v.to_string()).collect(),
        // A file without a vendor column is one vendor's: the one its name says, as in `stats`.
        default_vendor: path.file_stem().map(|s| s.to_string_lossy().into_owned()),
        // Per-channel metrics need the channel: a row with an unknown one is rejected.
        require_channel: true,
        // Every bad row is listed.
        max_reported: usize::MAX,
        ..ReadOptions::default()
    };
    let (tickets, report) = read_tickets(&path, &shown, columns, &options).map_err(|e| match e {
        Error::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => Error::invalid(
            Diagnostic::new(path.display().to_string(), None, "no such measurements file"),
        ),
        e => e,
    })?;
    Ok(Measurements {
        file: shown,
        tickets,
        rejected: report.rejected,
        rows_rejected: report.rows_rejected,
        main_cause: report
            .causes
            .first()
            .filter(|c| c.rows * 2 > report.rows_rejected)
            .map(|c| (c.text.clone(), c.rows)),
        duplicates: report.duplicates,
        present: true,
    })
}
