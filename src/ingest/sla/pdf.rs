//! PDF documents (`sla/<vendor-id>.pdf`): the text layer, page by page, as lines that keep
//! the layout's columns.
//!
//! The glyphs and their positions come from `pdf-extract` (over `lopdf`). On each page they
//! are grouped into lines by their baseline and ordered left to right; a gap of about a space
//! between two glyphs is one space, a wide gap (a table's column gap) a run of at least two
//! spaces, padded so that the columns of a table line up where they can. A wide vertical gap
//! (a paragraph break) is a blank line, and so is a page break: a table ends with its page.
//!
//! Every line keeps its page (1-based) and its line within the page (1-based, counting the
//! lines that hold text), so evidence reads `sla.pdf:p3:l14`.
//!
//! A PDF that cannot be read gives no lines and a warning: one that does not parse, needs a
//! password, has no text layer (a scan), or is built to exhaust the reader (a stream that
//! inflates past [`MAX_STREAM_BYTES`], more than [`MAX_PAGES`] pages or [`MAX_BYTES`]). A
//! page that fails is left out with a warning (one whose forms or parents loop, which would
//! overflow the crate's stack, is not even tried), and so is the rest of a page of more than
//! [`MAX_PAGE_GLYPHS`] glyphs; the other pages are read.

mod guard;

pub use guard::MAX_STREAM_BYTES;

use crate::ingest::sla::lines::SourceLine;
use guard::{inflates_too_far, page_trouble};
use pdf_extract::{Document, MediaBox, ObjectId, OutputDev, OutputError, Transform};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What a PDF's header starts with.
pub const MAGIC: &[u8] = b"%PDF-";

/// The longest document read, in pages and in bytes; a longer one is refused.
pub const MAX_PAGES: usize = 1000;
pub const MAX_BYTES: usize = 128 << 20;

/// Glyphs read on one page (a dense page holds a few thousand); the rest are left out.
pub const MAX_PAGE_GLYPHS: usize = 200_000;

/// The name of the thread that reads a PDF: its panics are caught and become warnings, so
/// the panic hook of [`quiet_reader_panics`] does not print them.
pub const READER_THREAD: &str = "supportgrade-pdf";

/// The reader thread's stack: the crate's parsers recurse.
const READER_STACK: usize = 64 << 20;

/// A gap wider than this share of the font size is a space between words...
const WORD_GAP: f64 = 0.15;
/// ...and wider than this, a gap between columns.
const COLUMN_GAP: f64 = 0.9;
/// Glyphs whose baselines differ by less than this share of the font size are on one line
/// (superscripts and subscripts included).
const SAME_LINE: f64 = 0.5;
/// A vertical step wider than this many font sizes (and clearly wider than the page's usual
/// step) is a paragraph break.
const PARAGRAPH_GAP: f64 = 1.7;

/// The lines of a PDF and what could not be read.
#[derive(Debug, Default)]
pub struct PdfText {
    pub lines: Vec<SourceLine>,
    pub warnings: Vec<String>,
}

/// Whether `bytes` look like a PDF (its header within the first 1024 bytes, as readers allow).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(MAGIC.len())
        .any(|w| w == MAGIC)
}

/// Installs a panic hook that says nothing for the PDF reader's thread (whose panics are
/// caught and reported as warnings) and hands every other panic to the hook it replaces.
/// Called once, when the program starts.
pub fn quiet_reader_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(READER_THREAD) {
            previous(info);
        }
    }));
}

/// Reads the text layer of a PDF, one [`SourceLine`] per line of each page.
pub fn pdf_lines(bytes: &[u8]) -> PdfText {
    if bytes.len() > MAX_BYTES {
        return refused(format!(
            "a PDF of {} MiB, more than the {} MiB read",
            bytes.len() >> 20,
            MAX_BYTES >> 20
        ));
    }
    if let Some(why) = inflates_too_far(bytes) {
        return refused(why);
    }
    // pdf-extract (0.12) unwraps and indexes freely: a malformed page, font or content stream
    // panics inside it instead of returning an error. Each call into it runs under
    // catch_unwind on a thread of its own (named so that its panics are not printed).
    let run = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name(READER_THREAD.to_string())
            .stack_size(READER_STACK)
            .spawn_scoped(scope, || read_pages(bytes))
            .map(|h| h.join())
    });
    match run {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => refused("the PDF reader failed on this file".to_string()),
        Err(e) => refused(format!("the PDF reader could not start ({e})")),
    }
}

fn refused(why: String) -> PdfText {
    PdfText {
        lines: Vec::new(),
        warnings: vec![format!("{why}: nothing read")],
    }
}

/// Loads the document and reads its pages (on the reader thread).
fn read_pages(bytes: &[u8]) -> PdfText {
    let doc = match catch_unwind(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return refused(format!("not a readable PDF ({e})")),
        Err(_) => return refused("not a readable PDF (its structure is broken)".to_string()),
    };
    if doc.is_encrypted() {
        return refused("an encrypted PDF that needs a password".to_string());
    }
    let doc = AssertUnwindSafe(&doc);
    let pages: Vec<ObjectId> = match catch_unwind(|| doc.page_iter().take(MAX_PAGES + 1).collect()) {
        Ok(ids) => ids,
        Err(_) => return refused("not a readable PDF (its page tree is broken)".to_string()),
    };
    // pdf-extract finds a page by walking the whole page tree, so reading every page of a
    // long document costs the square of its length: a longer one is refused.
    if pages.len() > MAX_PAGES {
        return refused(format!("a PDF of more than {MAX_PAGES} pages"));
    }
    let mut out = PdfText::default();
    let mut any_text = false;
    for (i, id) in pages.iter().enumerate() {
        let page = i + 1;
        let mut glyphs = Glyphs::default();
        let read = catch_unwind(AssertUnwindSafe(|| match page_trouble(&doc, *id) {
            Some(why) => Err(why),
            None => {
                pdf_extract::output_doc_page(&doc, &mut glyphs, page as u32).map_err(|e| match glyphs.full {
                    true => format!("it holds more than {MAX_PAGE_GLYPHS} glyphs"),
                    false => e.to_string(),
                })
            }
        }));
        let why = match read {
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some(why),
            Err(_) => Some("the PDF reader failed on it".to_string()),
        };
        if let Some(why) = why {
            out.warnings.push(match glyphs.glyphs.is_empty() {
                true => format!("page {page} could not be read ({why})"),
                false => format!("page {page} was read only in part ({why})"),
            });
        }
        let texts = page_lines(glyphs.glyphs);
        any_text |= !texts.is_empty();
        push_page(&mut out.lines, page, texts);
    }
    if !any_text {
        out.lines.clear();
        out.warnings.push(match out.warnings.is_empty() {
            true => "a PDF without a text layer (scanned?): nothing read".to_string(),
            false => "no text could be read: nothing read".to_string(),
        });
    }
    out
}

/// Appends one page's lines, numbered within the page; a blank line ends the page before.
fn push_page(lines: &mut Vec<SourceLine>, page: usize, texts: Vec<String>) {
    if texts.is_empty() {
        return;
    }
    if let Some(last) = lines.last() {
        let mut brk = SourceLine::new(last.line, "");
        brk.page = last.page;
        lines.push(brk);
    }
    let mut n = 0;
    for text in texts {
        // A paragraph break keeps the number of the line above it: only text lines count.
        n += usize::from(!text.is_empty());
        let mut l = SourceLine::new(n.max(1), text);
        l.page = Some(page);
        lines.push(l);
    }
}

/// One glyph: where its baseline starts (x to the right, y up), its advance, its font size
/// and its text, all in the page's units.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// The glyphs of a page, as pdf-extract shows them.
#[derive(Default)]
struct Glyphs {
    glyphs: Vec<Glyph>,
    full: bool,
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        _: u32,
        _: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.glyphs.len() >= MAX_PAGE_GLYPHS {
            self.full = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The text rendering matrix carries the glyph's origin and the scale of text space;
        // the font size is applied on top of it.
        let size = font_size.abs() * trm.m21.hypot(trm.m22);
        let advance = width * font_size.abs() * trm.m11.hypot(trm.m12);
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let usable = [trm.m31, trm.m32, size, advance].iter().all(|v| v.is_finite());
        if usable && size > 0.0 && !text.trim().is_empty() {
            self.glyphs.push(Glyph {
                x: trm.m31,
                y: trm.m32,
                width: advance.max(0.0),
                size,
                text,
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The lines of one page, top to bottom: the glyphs grouped by baseline and ordered left to
/// right, words separated by one space and columns by runs of two or more; an empty string
/// stands for a paragraph break.
pub(super) fn page_lines(mut glyphs: Vec<Glyph>) -> Vec<String> {
    if glyphs.is_empty() {
        return Vec::new();
    }
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    // Rows by baseline: a glyph joins the row whose top baseline is within half its size.
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if row[0].y - g.y <= SAME_LINE * row[0].size.max(g.size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x).then(b.y.total_cmp(&a.y)));
    }
    let left = rows.iter().map(|r| r[0].x).fold(f64::INFINITY, f64::min);
    let char_width = median(
        rows.iter()
            .flatten()
            .map(|g| g.width / g.text.chars().count().max(1) as f64)
            .filter(|w| *w > 0.0)
            .collect(),
    )
    .unwrap_or(1.0);
    let baselines: Vec<(f64, f64)> = rows.iter().map(|r| (baseline(r), row_size(r))).collect();
    // The page's usual line pitch: its smallest step (so that a double-spaced page, whose
    // every step is wide, has no paragraph breaks but its wider ones).
    let usual_step = baselines
        .windows(2)
        .map(|w| w[0].0 - w[1].0)
        .fold(f64::INFINITY, f64::min);
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            let step = baselines[i - 1].0 - baselines[i].0;
            let size = baselines[i - 1].1.max(baselines[i].1);
            if step > PARAGRAPH_GAP * size && step > 1.3 * usual_step {
                out.push(String::new());
            }
        }
        out.push(row_text(row, left, char_width));
    }
    out
}

/// The text of one row: one space between words, and at least two between columns, padded
/// to the column the gap's end falls in (counted in the page's usual glyph width from its
/// left margin), so the columns of a table line up where the text allows.
fn row_text(row: &[Glyph], left: f64, char_width: f64) -> String {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut prev: Option<&Glyph> = None;
    for g in row {
        if let Some(p) = prev {
            // A glyph printed twice over itself (fake bold) is read once.
            if g.text == p.text && (g.x - p.x).abs() < 0.1 * g.size && (g.y - p.y).abs() < 0.1 * g.size {
                continue;
            }
            let gap = g.x - (p.x + p.width);
            let size = p.size.max(g.size);
            let spaces = if gap > COLUMN_GAP * size {
                let column = ((g.x - left) / char_width).round();
                let column = if column.is_finite() && column > 0.0 {
                    column.min(10_000.0) as usize
                } else {
                    0
                };
                column.saturating_sub(chars).max(2)
            } else {
                usize::from(gap > WORD_GAP * size)
            };
            text.extend(std::iter::repeat_n(' ', spaces));
            chars += spaces;
        }
        text.push_str(&g.text);
        chars += g.text.chars().count();
        prev = Some(g);
    }
    text
}

/// A row's baseline: that of most of its glyphs (the median), not of a superscript.
fn baseline(row: &[Glyph]) -> f64 {
    median(row.iter().map(|g| g.y).collect()).unwrap_or(0.0)
}

fn row_size(row: &[Glyph]) -> f64 {
    row.iter().map(|g| g.size).fold(0.0, f64::max)
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` from `x` on baseline `y`, in a monospaced 10-point font (6 wide);
    /// spaces advance without a glyph, as pdf-extract's spaces are dropped.
    fn run(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .filter(|(_, c)| *c != ' ')
            .map(|(i, c)| Glyph {
                x: x + 6.0 * i as f64,
                y,
                width: 6.0,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    #[test]
    fn glyphs_become_lines_top_to_bottom_left_to_right() {
        let mut g = run("second line", 72.0, 688.0);
        g.extend(run("first line", 72.0, 700.0));
        g.reverse();
        assert_eq!(page_lines(g), vec!["first line", "second line"]);
    }

    #[test]
    fn a_table_row_keeps_its_columns_as_runs_of_spaces() {
        // Cells placed by x, as a PDF table is: P1 at 72, the others at fixed columns.
        let mut g = run("P1", 72.0, 700.0);
        g.extend(run("Best-effort", 132.0, 700.0));
        g.extend(run("4 hours", 252.0, 700.0));
        g.extend(run("1 hour*", 336.0, 700.0));
        g.extend(run("P2", 72.0, 688.0));
        g.extend(run("8 hours", 132.0, 688.0));
        let lines = page_lines(g);
        assert_eq!(lines[0], "P1        Best-effort         4 hours       1 hour*");
        assert_eq!(lines[1], "P2        8 hours");
        // The columns line up: each cell starts at the same character in both rows.
        assert_eq!(lines[0].find("Best"), lines[1].find("8 hours"));
        // Words inside a cell keep a single space; between cells, two or more.
        assert!(lines[0].contains("4 hours") && lines[0].contains("1 hour*"));
    }

    #[test]
    fn a_column_gap_is_at_least_two_spaces_even_when_the_text_is_wide() {
        // Narrow glyphs (2 wide): "Enterprise" holds more characters than the page's usual
        // width allows before the next column, which still gets two spaces.
        let mut g: Vec<Glyph> = run("Enterprise", 0.0, 700.0)
            .into_iter()
            .map(|mut g| {
                g.x /= 3.0;
                g.width = 2.0;
                g
            })
            .collect();
        g.extend(run("15 minutes", 30.0, 700.0));
        g.extend(run("abcdefghijklmnop", 0.0, 650.0));
        assert_eq!(page_lines(g)[0], "Enterprise  15 minutes");
    }

    #[test]
    fn superscripts_stay_on_their_line_and_wide_steps_are_paragraph_breaks() {
        let mut g = run("1 hour", 72.0, 700.0);
        // A footnote mark raised by a third of the font size.
        g.push(Glyph {
            x: 108.0,
            y: 703.5,
            width: 4.0,
            size: 7.0,
            text: "*".into(),
        });
        g.extend(run("next line", 72.0, 688.0));
        g.extend(run("after a blank line", 72.0, 664.0));
        g.extend(run("and on", 72.0, 652.0));
        assert_eq!(
            page_lines(g),
            vec!["1 hour*", "next line", "", "after a blank line", "and on"]
        );
    }

    #[test]
    fn overprinted_glyphs_are_read_once() {
        let mut g = run("Bold", 72.0, 700.0);
        g.extend(run("Bold", 72.3, 700.0));
        assert_eq!(page_lines(g), vec!["Bold"]);
    }

    #[test]
    fn pages_are_numbered_from_one_and_separated_by_a_blank_line() {
        let mut lines = Vec::new();
        push_page(&mut lines, 1, vec!["a".into(), "".into(), "b".into()]);
        push_page(&mut lines, 2, vec![]);
        push_page(&mut lines, 3, vec!["c".into()]);
        let got: Vec<(Option<usize>, usize, &str)> =
            lines.iter().map(|l| (l.page, l.line, l.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (Some(1), 1, "a"),
                (Some(1), 1, ""),
                (Some(1), 2, "b"),
                (Some(1), 2, ""),
                (Some(3), 1, "c"),
            ]
        );
    }

    #[test]
    fn not_a_pdf_and_an_empty_file_are_warnings() {
        for bytes in [&b""[..], b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"] {
            let t = pdf_lines(bytes);
            assert!(t.lines.is_empty());
            assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
            assert!(t.warnings[0].ends_with(": nothing read"), "{:?}", t.warnings);
        }
        assert!(looks_like_pdf(b"\xEF\xBB\xBF%PDF-1.7"));
        assert!(!looks_like_pdf(b"# SLA\n"));
    }
}
