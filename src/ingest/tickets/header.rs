//! What the first lines of a file tell: the header row, the column map it gives (from a
//! preset, detected or named, or a mapping file), and the date order of the first rows.

use super::columns::{ColumnMap, Field, Preset};
use super::options::{Columns, ReadOptions};
use crate::error::{Diagnostic, Error, Result};

pub(super) fn column_map(columns: &Columns, header: &[String], shown: &str) -> Result<ColumnMap> {
    match columns {
        Columns::Preset(p) => ColumnMap::from_preset(*p, header, shown),
        Columns::Mapping(src, name) => ColumnMap::from_toml(src, name, header, shown),
        Columns::Detect => match Preset::detect(header) {
            Some(p) => ColumnMap::from_preset(p, header, shown),
            None => Err(Error::invalid(Diagnostic::new(
                shown,
                Some(1),
                format!(
                    "unknown export format: the header ({}) is not the canonical measurements.csv, a Zendesk or a Freshdesk export; choose --preset or describe the columns with --columns FILE",
                    header.join(", ")
                ),
            ))),
        },
    }
}

/// The header row and the byte offset where the data starts.
pub(super) fn read_header(text: &[u8], shown: &str) -> Result<(Vec<String>, usize)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut rec = csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {
            let header = rec
                .iter()
                .map(|h| String::from_utf8_lossy(h).trim().to_string())
                .collect();
            Ok((header, rdr.position().byte() as usize))
        }
        Ok(false) => Err(Error::invalid(Diagnostic::new(
            shown,
            Some(1),
            "empty file: expected a header row",
        ))),
        Err(e) => Err(Error::invalid(Diagnostic::new(
            shown,
            Some(1),
            format!("cannot read the header: {e}"),
        ))),
    }
}

/// The options with the date order detected from the first rows when none was given.
pub(super) fn with_detected_order(options: &ReadOptions, sample: &[u8], map: &ColumnMap) -> ReadOptions {
    let mut o = options.clone();
    if o.date_order.is_some() {
        return o;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(sample);
    let mut values = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while values.len() < 3000 && matches!(rdr.read_byte_record(&mut rec), Ok(true)) {
        for f in [Field::SentAt, Field::FirstResponseAt, Field::ResolvedAt] {
            if let Some(v) = map.get(&rec, f) {
                values.push(String::from_utf8_lossy(v).into_owned());
            }
        }
    }
    o.date_order = crate::time::timestamp::detect_order(values.iter().map(String::as_str));
    o
}
