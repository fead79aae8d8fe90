//! `transcript analyze`'s output, written as the conversations come: a JSON document
//! (`{"conversations": [...], "vendors": [...]}`), or a table of the conversations and one of
//! the vendors' rates. Each conversation is rendered on its own ([`render`], on the analysis
//! threads); the [`TranscriptWriter`] only puts the pieces in place.

use super::fmt::round_to;
use super::json_pretty::nested_pretty_json;
use crate::metrics::transcripts::{ConversationAnalysis, VendorTranscripts};
use crate::model::evidence::Evidence;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// A conversation as the output shows it: its JSON object, or its row of the table (only
/// what the table shows is kept).
pub enum Rendered {
    Json(Vec<u8>),
    Row([String; 7]),
}

/// A conversation rendered for `format`.
pub fn render(a: &ConversationAnalysis, vendor: Option<&str>, format: Format) -> Rendered {
    match format {
        Format::Json => {
            // The object is pretty-printed at its depth in the document (two levels: four
            // spaces).
            let mut json = Vec::with_capacity(4096);
            json.extend_from_slice(b"    ");
            nested_pretty_json(&conversation_view(a, vendor), 2, &mut json);
            Rendered::Json(json)
        }
        Format::Table => Rendered::Row(table_row(a, vendor)),
    }
}

/// Writes the output as rendered conversations come, in order, then the vendors' rates.
pub struct TranscriptWriter<W: Write> {
    out: W,
    format: Format,
    /// The table's rows, kept until the end (the table needs every row for its widths).
    rows: Vec<[String; 7]>,
    written: usize,
}

impl<W: Write> TranscriptWriter<W> {
    pub fn new(out: W, format: Format) -> Self {
        TranscriptWriter {
            out,
            format,
            rows: Vec::new(),
            written: 0,
        }
    }

    /// The next conversation.
    pub fn conversation(&mut self, rendered: Rendered) -> std::io::Result<()> {
        match rendered {
            Rendered::Json(json) => {
                self.out.write_all(if self.written == 0 {
                    b"{\n  \"conversations\": [\n"
                } else {
                    b",\n"
                })?;
                self.out.write_all(&json)?;
            }
            Rendered::Row(row) => self.rows.push(row),
        }
        self.written += 1;
        Ok(())
    }

    /// The end of the output: the vendors' rates, by vendor name.
    pub fn finish(mut self, vendors: &BTreeMap<String, VendorTranscripts>) -> std::io::Result<()> {
        let views = vendor_views(vendors);
        match self.format {
            Format::Json => {
                if self.written == 0 {
                    self.out.write_all(b"{\n  \"conversations\": [],\n")?;
                } else {
                    self.out.write_all(b"\n  ],\n")?;
                }
                self.out.write_all(b"  \"vendors\": ")?;
                let mut json = Vec::new();
                nested_pretty_json(&views, 1, &mut json);
                self.out.write_all(&json)?;
                self.out.write_all(b"\n}\n")?;
            }
            Format::Table => self.out.write_all(table(&self.rows, &views).as_bytes())?,
        }
        self.out.flush()
    }

    /// The end of an output cut short (by invalid files): the JSON written so far ends its
    /// line; nothing more is written.
    pub fn abandon(mut self) -> std::io::Result<()> {
        if self.format == Format::Json && self.written > 0 {
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }
}

#[derive(Serialize)]
struct LineView<'a> {
    line: Option<usize>,
    text: &'a str,
}

fn lines(v: &[Evidence]) -> Vec<LineView<'_>> {
    v.iter()
        .map(|e| LineView {
            line: e.line,
            text: &e.text,
        })
        .collect()
}

#[derive(Serialize)]
struct ProbeView<'a> {
    id: &'a str,
    asked_line: usize,
    answered: bool,
    resolved: bool,
    coverage: f64,
    concepts_found: &'a [String],
    concepts_missing: &'a [String],
    evidence: Vec<LineView<'a>>,
}

#[derive(Serialize)]
struct ConversationView<'a> {
    file: &'a str,
    vendor: Option<&'a str>,
    messages: usize,
    first_reply_seconds: Option<f64>,
    median_reply_seconds: Option<f64>,
    transfers: Vec<LineView<'a>>,
    stalls: Vec<LineView<'a>>,
    probes: Vec<ProbeView<'a>>,
}

#[derive(Serialize)]
struct VendorView<'a> {
    vendor: &'a str,
    probe_quality: f64,
    transfer_rate: f64,
    stall_rate: f64,
}

fn conversation_view<'a>(a: &'a ConversationAnalysis, vendor: Option<&'a str>) -> ConversationView<'a> {
    ConversationView {
        file: &a.file,
        vendor,
        messages: a.messages,
        first_reply_seconds: a.first_reply_seconds,
        median_reply_seconds: a.median_reply_seconds,
        transfers: lines(&a.transfers),
        stalls: lines(&a.stalls),
        probes: a
            .probes
            .iter()
            .map(|p| ProbeView {
                id: &p.id,
                asked_line: p.asked_line,
                answered: p.answered,
                resolved: p.resolved,
                coverage: round_to(p.coverage, 3),
                concepts_found: &p.concepts_found,
                concepts_missing: &p.concepts_missing,
                evidence: lines(&p.evidence),
            })
            .collect(),
    }
}

fn vendor_views(vendors: &BTreeMap<String, VendorTranscripts>) -> Vec<VendorView<'_>> {
    vendors
        .iter()
        .map(|(name, v)| VendorView {
            vendor: name,
            probe_quality: round_to(v.probe_quality(), 3),
            transfer_rate: round_to(v.transfer_rate(), 3),
            stall_rate: round_to(v.stall_rate(), 3),
        })
        .collect()
}

fn table_row(a: &ConversationAnalysis, vendor: Option<&str>) -> [String; 7] {
    let secs = |s: Option<f64>| {
        s.map(|x| format!("{} s", crate::report::fmt::fmt_num(x)))
            .unwrap_or_else(|| "-".into())
    };
    [
        a.file.clone(),
        vendor.unwrap_or("-").to_string(),
        a.messages.to_string(),
        secs(a.first_reply_seconds),
        a.transfers.len().to_string(),
        a.stalls.len().to_string(),
        format!(
            "{}/{}",
            a.probes.iter().filter(|p| p.answered).count(),
            a.probes.len()
        ),
    ]
}

fn table(rows: &[[String; 7]], vendors: &[VendorView]) -> String {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header([
        "file",
        "vendor",
        "messages",
        "first reply",
        "transfers",
        "stalls",
        "probes (answered/asked)",
    ]);
    for r in rows {
        t.add_row(r);
    }
    let mut vt = comfy_table::Table::new();
    vt.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    vt.set_header(["vendor", "probe quality", "transfer rate", "stall rate"]);
    for x in vendors {
        vt.add_row([
            x.vendor.to_string(),
            format!("{:.3}", x.probe_quality),
            format!("{:.3}", x.transfer_rate),
            format!("{:.3}", x.stall_rate),
        ]);
    }
    format!("{t}\n{vt}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(file: &str) -> ConversationAnalysis {
        ConversationAnalysis {
            file: file.into(),
            vendor: "v".into(),
            messages: 2,
            first_reply_seconds: Some(90.0),
            median_reply_seconds: None,
            transfers: Vec::new(),
            stalls: vec![Evidence::line(file, 2, "请稍等")],
            probes: Vec::new(),
        }
    }

    /// The pieces make one JSON document, as serde_json would print it whole.
    #[test]
    fn json_document_from_pieces() {
        let mut tally = VendorTranscripts::default();
        let mut out = Vec::new();
        let mut w = TranscriptWriter::new(&mut out, Format::Json);
        for f in ["a.txt", "b.txt"] {
            tally.add(&analysis(f));
            w.conversation(render(&analysis(f), Some("v"), Format::Json))
                .unwrap();
        }
        w.finish(&BTreeMap::from([("v".to_string(), tally)])).unwrap();
        let conversation = |f: &str| {
            format!(
                "    {{\n      \"file\": \"{f}\",\n      \"vendor\": \"v\",\n      \"messages\": 2,\n      \"first_reply_seconds\": 90.0,\n      \"median_reply_seconds\": null,\n      \"transfers\": [],\n      \"stalls\": [\n        {{\n          \"line\": 2,\n          \"text\": \"请稍等\"\n        }}\n      ],\n      \"probes\": []\n    }}"
            )
        };
        let want = format!(
            "{{\n  \"conversations\": [\n{},\n{}\n  ],\n  \"vendors\": [\n    {{\n      \"vendor\": \"v\",\n      \"probe_quality\": 0.0,\n      \"transfer_rate\": 0.0,\n      \"stall_rate\": 1.0\n    }}\n  ]\n}}\n",
            conversation("a.txt"),
            conversation("b.txt")
        );
        assert_eq!(String::from_utf8(out).unwrap(), want);

        let mut empty = Vec::new();
        TranscriptWriter::new(&mut empty, Format::Json)
            .finish(&BTreeMap::new())
            .unwrap();
        assert_eq!(empty, b"{\n  \"conversations\": [],\n  \"vendors\": []\n}\n");
    }

    #[test]
    fn table_rows_and_vendor_rates() {
        let mut out = Vec::new();
        let mut w = TranscriptWriter::new(&mut out, Format::Table);
        w.conversation(render(&analysis("a.txt"), None, Format::Table))
            .unwrap();
        w.finish(&BTreeMap::new()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("│ a.txt ┆ -      ┆ 2        ┆ 90 s"), "{text}");
        assert!(text.contains("probe quality"), "{text}");
    }
}
