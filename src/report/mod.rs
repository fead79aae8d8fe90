//! Reports: one small [`Exporter`] per format, each turning an [`Evaluation`] into bytes, so
//! every format is tested without touching the disk.

pub mod csv;
pub mod json;
pub mod json_pretty;
pub mod markdown;
pub mod svg;
pub mod table;
pub mod transcript;

use crate::pipeline::Evaluation;

pub trait Exporter {
    /// The file name this format is written to inside the report folder.
    fn file_name(&self) -> &'static str;
    fn export(&self, evaluation: &Evaluation) -> Vec<u8>;
}

/// Makes a cell safe to open in a spreadsheet: text that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`.
pub fn spreadsheet_safe(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Fixed two-decimal formatting for points and totals.
pub fn fmt2(x: f64) -> String {
    format!("{x:.2}")
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
