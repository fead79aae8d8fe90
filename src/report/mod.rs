//! Reports: the models of what each command shows ([`model`]) and one small [`Exporter`] per
//! format, each turning a model into bytes, so every format is tested without touching the disk.
//! A format file implements `Exporter<M>` for each model it can write; adding a format is one
//! file plus one line where the command picks its formats.

pub mod csv;
pub mod fmt;
pub mod json;
pub mod json_pretty;
pub mod markdown;
pub mod methods;
pub mod model;
pub mod rejections;
pub mod svg;
pub mod table;
pub mod transcript;

use crate::error::{Error, Result};

/// Turns a report model `M` into the bytes of one format.
pub trait Exporter<M: ?Sized> {
    fn export(&self, report: &M) -> Result<Vec<u8>>;
}

/// A value as pretty-printed JSON with a final newline (`what` names the report in an error).
pub fn pretty_json<T: serde::Serialize + ?Sized>(what: &str, value: &T) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value).map_err(|e| Error::render(what, e))?;
    out.push(b'\n');
    Ok(out)
}

/// CSV records written into memory (`what` names the report in an error).
pub struct CsvBytes {
    what: &'static str,
    writer: ::csv::Writer<Vec<u8>>,
}

impl CsvBytes {
    pub fn new(what: &'static str) -> Self {
        CsvBytes {
            what,
            writer: ::csv::Writer::from_writer(Vec::new()),
        }
    }

    pub fn record<I, T>(&mut self, record: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.writer
            .write_record(record)
            .map_err(|e| Error::render(self.what, e))
    }

    pub fn finish(self) -> Result<Vec<u8>> {
        let what = self.what;
        self.writer
            .into_inner()
            .map_err(|e| Error::render(what, e.error()))
    }
}

/// Makes a cell safe to open in a spreadsheet: text that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`.
pub fn spreadsheet_safe(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("青鸾云通信"), "青鸾云通信");
    }
}
