//! HTML pages (a support page saved from a browser) as numbered text lines for the SLA
//! extractor. The page is parsed by html5ever, which mends broken markup as a browser does
//! ([`dom`]); what a reader does not read is left out ([`text`]: scripts, styles, navigation,
//! the page's own header and footer, cookie banners); each block (paragraph, list item,
//! heading, definition, table row) becomes one line numbered by the source line it starts
//! on. Headings become `#` lines, list items `- ` lines, a definition `term: definition`,
//! and tables the Markdown rows of their grid ([`grid`]), so a page reads like the Markdown
//! the extractor knows. A `.html` file without any markup, and a `<pre>` block, keep their
//! own lines.

mod dom;
mod grid;
mod text;

use crate::ingest::sla::lines::SourceLine;
use dom::{Data, Dom, DOCUMENT};
use text::{dropped, heading_level, inline_text, is_block, is_sectioning, Run};

/// Turns an HTML page into the lines the SLA extractor reads.
pub fn html_lines(src: &str) -> Vec<SourceLine> {
    let dom = Dom::parse(src);
    let markup = dom.nodes.iter().any(|n| match &n.data {
        Data::Element { name, .. } => !matches!(&**name, "html" | "head" | "body"),
        _ => false,
    });
    let mut w = Walk {
        lines: Vec::new(),
        run: Run::default(),
        pre: usize::from(!markup),
        term: None,
        unused_term: None,
        budget: src.len().saturating_mul(4).saturating_add(1 << 16),
    };
    let layout = grid::layout_tables(&dom);
    enum Step {
        Enter(usize, bool),
        Exit(usize),
    }
    let mut stack = vec![Step::Enter(DOCUMENT, false)];
    while let Some(step) = stack.pop() {
        let (id, in_section) = match step {
            Step::Enter(id, in_section) => (id, in_section),
            Step::Exit(id) => {
                w.exit(&dom, id);
                continue;
            }
        };
        if id != DOCUMENT && dropped(&dom, id, in_section) {
            continue;
        }
        let line = dom.line(id);
        let name = match dom.nodes.get(id).map(|n| &n.data) {
            Some(Data::Text(pieces)) => {
                w.text(pieces);
                continue;
            }
            Some(Data::Element { name, .. }) => &**name,
            _ => "",
        };
        match name {
            "table" if !layout.get(id).copied().unwrap_or(true) => {
                w.gap();
                let rows = grid::table_lines(&dom, id, in_section, &mut w.budget);
                w.lines.extend(rows);
                w.gap();
                continue;
            }
            "dt" => {
                w.term(&dom, id, in_section);
                continue;
            }
            "dd" => w.definition(),
            "li" => w.begin(Some(line), "- "),
            "dl" => w.end_list(),
            "br" if w.pre > 0 => w.pre_break(line),
            "pre" => {
                w.boundary();
                w.pre += 1;
            }
            _ => match heading_level(name) {
                Some(level) => w.begin(Some(line), &format!("{} ", "#".repeat(level))),
                None if is_block(name) => w.boundary(),
                None => {}
            },
        }
        stack.push(Step::Exit(id));
        let inner = in_section || is_sectioning(name);
        stack.extend(dom.children(id).iter().rev().map(|&c| Step::Enter(c, inner)));
    }
    w.end_terms();
    w.lines
}

/// The lines being written.
struct Walk {
    lines: Vec<SourceLine>,
    run: Run,
    /// Inside a `<pre>` (or a page without markup): line breaks are kept.
    pre: usize,
    /// The last definition term of a list, for its definitions.
    term: Option<String>,
    /// The line of a term no definition has used yet.
    unused_term: Option<(usize, String)>,
    /// Characters of spanned table cells that may still be repeated.
    budget: usize,
}

impl Walk {
    fn text(&mut self, pieces: &[(usize, html5ever::tendril::StrTendril)]) {
        if self.pre == 0 {
            self.run.push(pieces);
            return;
        }
        for (start, piece) in pieces {
            let mut line = *start;
            for c in piece.chars() {
                if c == '\n' {
                    self.pre_break(line);
                    line += 1;
                } else {
                    self.run.push_kept(c, line);
                }
            }
        }
    }

    /// A line break kept: the line so far, or a blank line.
    fn pre_break(&mut self, line: usize) {
        let (line, text) = self.run.take().unwrap_or((line, String::new()));
        self.lines.push(SourceLine::new(line, text));
    }

    /// A block starts or ends: the line so far is written if it has text (a prefix alone
    /// waits for the text of the block inside it: `<li><p>…`).
    fn boundary(&mut self) {
        if self.run.filled {
            self.end();
        }
    }

    /// The line so far is written, and a new one starts.
    fn end(&mut self) {
        if let Some((line, text)) = self.run.take() {
            self.lines.push(SourceLine::new(line, text));
        }
    }

    fn begin(&mut self, line: Option<usize>, prefix: &str) {
        self.end();
        self.run = Run::starting(prefix, line);
    }

    /// A blank line (it ends a table for the extractor), never two in a row.
    fn gap(&mut self) {
        self.end();
        if let Some(last) = self.lines.last() {
            if !last.text.is_empty() {
                let line = last.line;
                self.lines.push(SourceLine::new(line, String::new()));
            }
        }
    }

    fn exit(&mut self, dom: &Dom, id: usize) {
        let name = dom.name(id).unwrap_or("");
        match name {
            "li" | "dd" => self.end(),
            "dl" => self.end_list(),
            "pre" => {
                self.end();
                self.pre = self.pre.saturating_sub(1);
            }
            _ if heading_level(name).is_some() => {
                self.end();
                self.gap();
            }
            _ if is_block(name) => self.boundary(),
            _ => {}
        }
    }

    /// A definition term: kept for the definitions that follow it.
    fn term(&mut self, dom: &Dom, dt: usize, in_section: bool) {
        self.end_terms();
        let (text, line) = inline_text(dom, dt, in_section);
        if !text.is_empty() {
            self.unused_term = Some((line.unwrap_or(dom.line(dt)), text.clone()));
            self.term = Some(text);
        }
    }

    /// A definition: `term: definition`, on the term's line when it is the term's first.
    fn definition(&mut self) {
        self.end();
        if let Some(term) = &self.term {
            let colon = if term.ends_with([':', '：']) { " " } else { ": " };
            let line = self.unused_term.take().map(|(line, _)| line);
            self.run = Run::starting(&format!("{term}{colon}"), line);
        }
    }

    /// The start or end of a definition list: no term carries into it or past it.
    fn end_list(&mut self) {
        self.end_terms();
        self.term = None;
    }

    /// The end of a definition list (or a new term): a term without a definition is a line
    /// of its own.
    fn end_terms(&mut self) {
        self.end();
        if let Some((line, text)) = self.unused_term.take() {
            self.lines.push(SourceLine::new(line, text));
        }
    }
}

#[cfg(test)]
mod tests;
