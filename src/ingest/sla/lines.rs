//! The logical lines of a document and their handling: numbering, language, setext headings,
//! lead-in lines, paragraphs, and splitting a line into sentences.

use crate::ingest::sla::lex::duration::durations_in;
use crate::model::evidence::Evidence;
use crate::model::sla::Language;
use crate::text::cjk_share;

/// One logical line of a document: the text the extractor reads, the line of the file it
/// starts on (within its page, for a paged document), and, where the reading differs from the
/// document (a table rebuilt as cells, traditional characters read as simplified), the
/// document's own text, which is what evidence shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    pub line: usize,
    pub page: Option<usize>,
    pub text: String,
    pub original: Option<String>,
}

impl SourceLine {
    pub fn new(line: usize, text: impl Into<String>) -> Self {
        SourceLine {
            line,
            page: None,
            text: text.into(),
            original: None,
        }
    }

    /// Replaces the text read, keeping the document's own text for the evidence.
    pub fn reread(&mut self, text: String) {
        if text != self.text {
            let before = std::mem::replace(&mut self.text, text);
            self.original.get_or_insert(before);
        }
    }

    /// The text as the document has it.
    pub fn shown(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// Evidence pointing at this line of `file` (and its page), showing the document's text
    /// without Markdown heading marks.
    pub fn evidence(&self, file: &str) -> Evidence {
        let text = self.shown().trim().trim_start_matches('#').trim();
        Evidence::line(file, self.line, text).on_page(self.page)
    }
}

/// The lines of a text document, numbered from 1.
pub fn text_lines(src: &str) -> Vec<SourceLine> {
    src.lines()
        .enumerate()
        .map(|(i, l)| SourceLine::new(i + 1, l))
        .collect()
}

/// Language of a text by its share of CJK ideographs.
pub fn language_of(src: &str) -> Language {
    let share = cjk_share(src);
    if share >= 0.6 {
        Language::Zh
    } else if share <= 0.15 {
        Language::En
    } else {
        Language::Mixed
    }
}

/// Setext headings (a line underlined with `===` or `---`) become `#` headings; the
/// underlines become blank lines.
pub(super) fn with_setext_headings(lines: &[SourceLine]) -> std::borrow::Cow<'_, [SourceLine]> {
    let underline = |t: &str, c: char| t.len() >= 3 && t.chars().all(|x| x == c);
    // Most documents have none: they are read as they are, without a copy.
    let Some(first) = (1..lines.len()).find(|&i| {
        let t = lines[i].text.trim();
        (underline(t, '=') || underline(t, '-')) && {
            let prev = lines[i - 1].text.trim();
            !(prev.is_empty() || prev.starts_with('|') || prev.starts_with('#'))
        }
    }) else {
        return std::borrow::Cow::Borrowed(lines);
    };
    let mut out: Vec<SourceLine> = lines.to_vec();
    for i in first..lines.len() {
        let t = lines[i].text.trim();
        let prev = lines[i - 1].text.trim();
        let level = if underline(t, '=') {
            1
        } else if underline(t, '-') {
            2
        } else {
            continue;
        };
        if prev.is_empty() || prev.starts_with('|') || prev.starts_with('#') {
            continue;
        }
        out[i - 1].reread(format!("{} {prev}", "#".repeat(level)));
        out[i].text = String::new();
    }
    std::borrow::Cow::Owned(out)
}

/// A prose line that ends with a colon and states no value itself (`Response targets:`).
pub(super) fn is_lead_in(norm: &str) -> bool {
    let t = norm.trim();
    (t.ends_with(':') || t.ends_with(':'))
        && !t.starts_with('|')
        && durations_in(t).is_empty()
        && t.chars().count() <= 80
}

/// A line that continues the paragraph above it (not blank, not a heading, table row or list item).
pub(super) fn continues_paragraph(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty()
        && !t.starts_with(['#', '|', '-', '*', '+', '>'])
        && !t
            .split_once(". ")
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
}

/// Splits English sentences on ". " (a full stop followed by a space), so decimals and
/// version numbers stay whole; nor does the full stop of an abbreviation end a sentence
/// (`9 a.m. - 6 p.m.`, `Mon. - Fri.`, `U.S. holidays`).
pub(super) fn split_sentences(s: String) -> Vec<String> {
    // Dot leaders ("Critical ...... 4 hours") and ellipses do not end a sentence.
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    for i in 1..b.len().saturating_sub(1) {
        if b[i] == b'.'
            && b[i + 1] == b' '
            && b[i - 1] != b'.'
            && (i + 2 >= b.len() || b[i + 2] != b'.')
            && !is_abbreviation(&s[start..i])
        {
            out.push(s[start..i].trim().to_string());
            start = i + 2;
        }
    }
    out.push(s[start..].trim().to_string());
    out.retain(|p| !p.is_empty());
    out
}

/// Whether the word that ends `before` (the text up to a full stop) is an abbreviation: one
/// of letters between full stops (`a.m`, `e.g`, `u.s`), or a short name of a day or a month.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let short = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "incl", "vs",
    ];
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    dotted || short.contains(&word.as_str())
}

/// The text outside parentheses: what they hold defines, it does not promise.
pub(super) fn without_parentheses(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Lines handled per piece of work: a long document is read on every core, in pieces of
/// this many lines.
pub(super) const LINES_PER_PIECE: usize = 2048;

/// The pieces of `0..n`, [`LINES_PER_PIECE`] lines each.
pub(super) fn pieces(n: usize) -> Vec<std::ops::Range<usize>> {
    (0..n)
        .step_by(LINES_PER_PIECE)
        .map(|a| a..(a + LINES_PER_PIECE).min(n))
        .collect()
}

/// `work` on every piece of `0..n`, on every core when there is more than one piece, the
/// results in order.
pub(super) fn map_pieces<T: Send>(n: usize, work: impl Fn(std::ops::Range<usize>) -> T + Sync) -> Vec<T> {
    let pieces = pieces(n);
    if pieces.len() > 1 {
        crate::engine::OrderedMap::new(crate::engine::default_threads()).collect(&pieces, |r| work(r.clone()))
    } else {
        pieces.into_iter().map(work).collect()
    }
}

/// `f` of every line, in order (on every core for a long document).
pub(super) fn map_lines<T: Send>(lines: &[SourceLine], f: impl Fn(&SourceLine) -> T + Sync) -> Vec<T> {
    map_pieces(lines.len(), |r| lines[r].iter().map(&f).collect::<Vec<T>>())
        .into_iter()
        .flatten()
        .collect()
}
