//! SLA documents / support-plan pages: `sla/<vendor-id>.md` (or `.txt`, `.html`, `.htm`, or the
//! structured `.toml` form).
//!
//! A rule-based, explainable extractor. It reads prose line by line (split into sentences and
//! clauses) and Markdown tables cell by cell (each cell read together with its column header
//! and row label), and finds:
//! - first-response commitments: a priority + a duration + a word for responding;
//! - resolution commitments: a duration or a percentage + a word for resolving;
//! - support hours: 7x24 forms, or a day range with a time range;
//! - channels: the phrases of [`Channel::phrases`](crate::model::domain::Channel::phrases).
//!
//! Clauses about service credits, uptime and outages are skipped: their durations and
//! percentages are not support promises. Every commitment keeps the line it came from.
//!
//! The parts, from the bottom up (each uses only those above it):
//! - `vocab`: the word lists, compiled once; [`lex`]: durations, schedules, percentages, zones;
//! - [`lines`]: numbered lines and their handling; [`html`] turns a page into such lines, and
//!   [`toml`] reads the structured form straight into a document;
//! - `plans`: the plan names of one document (`PlanFinder`); `section`: what a heading says;
//!   `scope`: what an exception clause (`except`, `除…外`) or a plan's customers limit a
//!   statement to;
//! - `table` and `prose` (response and resolution promises), `channels`, `hours`;
//! - [`extract`]: the walk over the lines; this module: reading a file by its form.

pub mod extract;
pub mod html;
pub mod lex;
pub mod lines;
pub mod toml;

mod channels;
mod hours;
mod layout;
mod plans;
mod prose;
mod scope;
mod section;
mod table;
mod traditional;
mod vocab;

use crate::error::{Diagnostic, Result};
use crate::ingest::encoding::{decode, TextEncoding};
use crate::ingest::folder::EvaluationFolder;
use crate::model::sla::{Language, SlaDocument};
use extract::extract_lines;
use lines::{language_of, text_lines};

/// Reads the SLA documents of an evaluation folder (`sla/<vendor-id>.<ext>`); a document
/// without any response, hours or channel promise gives a warning.
pub fn read_all(
    folder: &EvaluationFolder,
    vendor_ids: &[&str],
) -> Result<(Vec<SlaDocument>, Vec<Diagnostic>)> {
    let docs = super::folder::read_vendor_files(
        folder,
        "sla",
        &DOCUMENT_EXTENSIONS,
        vendor_ids,
        |src, shown, vendor| read_document(src.as_bytes(), shown, vendor),
    )?;
    let warnings = docs
        .iter()
        .filter(|d| d.first_response.is_empty() && d.support_hours.is_empty() && d.channels.is_empty())
        .map(|d| Diagnostic::new(&d.file, None, "no support commitments found in this document"))
        .collect();
    Ok((docs, warnings))
}

/// The forms an SLA document may take.
pub const DOCUMENT_EXTENSIONS: [&str; 5] = ["md", "txt", "html", "htm", "toml"];

/// Lines longer than this are read up to it (with a warning): no promise is that long, and
/// a pathological line must not cost quadratic time.
const MAX_LINE_CHARS: usize = 20_000;

/// Reads an SLA document from its bytes, by its file name's extension: Markdown or text,
/// HTML (tags stripped, tables kept as rows), or the structured TOML form. The text may be
/// UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK. A binary or empty file
/// gives a document with a warning; only a malformed TOML form is an error.
pub fn read_document(bytes: &[u8], file: &str, vendor: &str) -> Result<SlaDocument> {
    let empty = |warning: String| SlaDocument {
        warnings: vec![warning],
        ..SlaDocument::new(vendor, file, Language::En)
    };
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(empty("a binary file, not a document: nothing read".to_string()));
    }
    let (text, encoding) = match decode(bytes) {
        Ok(t) => t,
        Err(m) => return Ok(empty(format!("{m}: nothing read"))),
    };
    let ext = std::path::Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "toml" {
        return self::toml::read(&text, file, vendor);
    }
    let html = ext == "html" || ext == "htm";
    let mut lines = if html {
        html::html_lines(&text)
    } else {
        text_lines(&text)
    };
    let mut warnings = Vec::new();
    if traditional::read_as_simplified(&mut lines) {
        warnings.push(
            "written in traditional Chinese: read as simplified (evidence keeps the original)".to_string(),
        );
    }
    if !html {
        layout::rebuild(&mut lines);
    }
    for l in &mut lines {
        if l.text.chars().count() > MAX_LINE_CHARS {
            let cut: String = l.text.chars().take(MAX_LINE_CHARS).collect();
            l.text = cut;
            warnings.push(format!(
                "line {} is longer than {MAX_LINE_CHARS} characters: only its start was read",
                l.line
            ));
        }
    }
    let body: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut doc = extract_lines(&lines, language_of(&body), file, vendor);
    if !matches!(encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom) {
        warnings.push(format!("read as {}", encoding.name()));
    }
    doc.warnings.splice(0..0, warnings);
    Ok(doc)
}

#[cfg(test)]
mod tests;
