//! SLA documents / support-plan pages: `sla/<vendor-id>.md` (or `.txt`, `.html`, `.htm`, `.pdf`,
//! or the structured `.toml` form).
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
//! - [`lines`]: numbered lines and their handling; [`html`] turns a page into such lines
//!   (parsed by html5ever; page chrome left out, tables as Markdown grids),
//!   [`pdf`] a PDF's text layer (each line with its page, the layout's columns kept as runs of
//!   spaces), and [`toml`] reads the structured form straight into a document;
//! - `plans`: the plan names of one document (`PlanFinder`); `section`: what a heading says;
//!   `scope`: what an exception clause (`except`, `除…外`) or a plan's customers limit a
//!   statement to;
//! - `table` and `prose` (response and resolution promises), `channels`, `hours`;
//! - [`extract`]: the walk over the lines; this module: reading a file by its form, after
//!   [`kind`] has said it is a document at all (not a CSV body, JSON, a data folder's README).

pub mod extract;
pub mod html;
pub mod kind;
pub mod lex;
pub mod lines;
pub mod pdf;
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

use crate::error::{Diagnostic, Error, Result};
use crate::ingest::encoding::{decode, TextEncoding};
use crate::ingest::folder::EvaluationFolder;
use crate::model::sla::{Language, SlaDocument};

use lines::{language_of, text_lines, SourceLine};

/// Reads the SLA documents of an evaluation folder (`sla/<vendor-id>.<ext>`); a document
/// without any response, hours or channel promise gives a warning. An input that is not a
/// document at all (a CSV body, JSON, a data folder's README: see [`kind`]) is left out with
/// its warning: the vendor's SLA is missing, never a page that promises nothing.
pub fn read_all(
    folder: &EvaluationFolder,
    vendor_ids: &[&str],
) -> Result<(Vec<SlaDocument>, Vec<Diagnostic>)> {
    let (docs, not_documents): (Vec<SlaDocument>, Vec<SlaDocument>) = super::folder::read_vendor_paths(
        folder,
        "sla",
        &DOCUMENT_EXTENSIONS,
        vendor_ids,
        |path, shown, vendor| {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            read_document(&bytes, shown, vendor)
        },
    )?
    .into_iter()
    .partition(|d| !kind::is_not_a_document(&d.warnings));
    let warnings = docs
        .iter()
        .filter(|d| d.first_response.is_empty() && d.support_hours.is_empty() && d.channels.is_empty())
        .map(|d| Diagnostic::new(&d.file, None, "no support commitments found in this document"))
        .chain(not_documents.iter().flat_map(|d| {
            d.warnings
                .iter()
                .map(|w| Diagnostic::new(&d.file, None, w.as_str()))
        }))
        .collect();
    Ok((docs, warnings))
}

/// The forms an SLA document may take.
pub const DOCUMENT_EXTENSIONS: [&str; 6] = ["md", "txt", "html", "htm", "pdf", "toml"];

/// Lines longer than this are read up to it (with a warning): no promise is that long, and
/// a pathological line must not cost quadratic time.
const MAX_LINE_CHARS: usize = 20_000;

/// Reads an SLA document from its bytes, by its file name's extension: Markdown or text,
/// HTML (parsed as a browser does, page chrome left out, tables kept as rows), PDF (its text layer, page by page; also any file
/// that starts as a PDF does), or the structured TOML form. The text may be UTF-8 (with or
/// without BOM), UTF-16 with a BOM, or GB18030/GBK. A binary or empty file, or a PDF without
/// readable text, gives a document with a warning; only a malformed TOML form is an error.
pub fn read_document(bytes: &[u8], file: &str, vendor: &str) -> Result<SlaDocument> {
    let empty = |warnings: Vec<String>| SlaDocument {
        warnings,
        ..SlaDocument::new(vendor, file, Language::En)
    };
    let ext = std::path::Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // A PDF is binary: it is recognised before the check for binary files.
    if (ext == "pdf" && pdf::looks_like_pdf(bytes)) || bytes.starts_with(pdf::MAGIC) {
        let mut read = pdf::pdf_lines(bytes);
        if ext != "pdf" {
            read.warnings
                .insert(0, format!("a PDF named .{ext}: read as a PDF"));
        }
        if read.lines.is_empty() {
            return Ok(empty(read.warnings));
        }
        return Ok(extract_read_lines(read.lines, read.warnings, true, file, vendor));
    }
    if ext == "pdf" {
        return Ok(empty(vec![
            "not a PDF (no %PDF- header): nothing read".to_string()
        ]));
    }
    if let Some(reason) = kind::by_extension(&ext) {
        return Ok(empty(vec![kind::warning(&reason)]));
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(empty(vec![
            "a binary file, not a document: nothing read".to_string()
        ]));
    }
    let (text, encoding) = match decode(bytes) {
        Ok(t) => t,
        Err(m) => return Ok(empty(vec![format!("{m}: nothing read")])),
    };
    if ext == "toml" {
        return self::toml::read(&text, file, vendor);
    }
    let html = ext == "html" || ext == "htm";
    if !html {
        if let Some(reason) = kind::by_content(&text, file) {
            return Ok(empty(vec![kind::warning(&reason)]));
        }
    }
    let lines = if html {
        html::html_lines(&text)
    } else {
        text_lines(&text)
    };
    let mut warnings = Vec::new();
    if !matches!(encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom) {
        warnings.push(format!("read as {}", encoding.name()));
    }
    Ok(extract_read_lines(lines, warnings, !html, file, vendor))
}

/// Extracts the commitments of the lines a reader produced (each cut to [`MAX_LINE_CHARS`]),
/// the reader's warnings after those of the cuts. Traditional Chinese is read as simplified;
/// the tables and headings of plain text (`plain`: text and PDF, not HTML, whose markup
/// says where they are) are rebuilt first.
fn extract_read_lines(
    mut lines: Vec<SourceLine>,
    read_warnings: Vec<String>,
    plain: bool,
    file: &str,
    vendor: &str,
) -> SlaDocument {
    let mut warnings = Vec::new();
    if traditional::read_as_simplified(&mut lines) {
        warnings.push(
            "written in traditional Chinese: read as simplified (evidence keeps the original)".to_string(),
        );
    }
    let column_plans = if plain {
        layout::rebuild(&mut lines)
    } else {
        Vec::new()
    };
    for l in &mut lines {
        if l.text.chars().count() > MAX_LINE_CHARS {
            let cut: String = l.text.chars().take(MAX_LINE_CHARS).collect();
            l.text = cut;
            let place = match l.page {
                Some(p) => format!("page {p}, line {}", l.line),
                None => format!("line {}", l.line),
            };
            warnings.push(format!(
                "{place} is longer than {MAX_LINE_CHARS} characters: only its start was read"
            ));
        }
    }
    warnings.extend(read_warnings);
    let body: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut doc = extract::extract_lines_naming(&lines, language_of(&body), file, vendor, &column_plans);
    doc.warnings.splice(0..0, warnings);
    doc
}

#[cfg(test)]
mod tests;
