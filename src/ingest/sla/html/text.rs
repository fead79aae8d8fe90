//! What of a page is read, and text as read: the elements left out (scripts, styles,
//! navigation, the page's header and footer, cookie banners, footnote marks), the elements
//! that break a line, and whitespace collapsed into single spaces.

use crate::ingest::sla::html::dom::{Data, Dom};
use html5ever::tendril::StrTendril;

/// Elements never read: code, styles, embedded media and widgets, navigation.
const SKIPPED: [&str; 15] = [
    "script", "style", "noscript", "template", "svg", "math", "nav", "aside", "select", "textarea", "iframe",
    "object", "canvas", "audio", "video",
];

/// Elements that start and end a block of text (a line of their own).
const BLOCKS: [&str; 44] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
];

/// Elements whose `<header>` and `<footer>` are their own, not the page's (the ARIA rule: a
/// header or footer outside these is the page's banner or content information).
const SECTIONING: [&str; 5] = ["article", "aside", "main", "nav", "section"];

pub(super) fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || name == "ul" || name == "tfoot" || name == "menu"
}

pub(super) fn is_sectioning(name: &str) -> bool {
    SECTIONING.contains(&name)
}

/// The heading level of `h1`..`h6`.
pub(super) fn heading_level(name: &str) -> Option<usize> {
    let level = name.strip_prefix('h')?.parse::<usize>().ok()?;
    (1..=6).contains(&level).then_some(level)
}

/// Whether an element is left out with all it holds. `in_section`: it is inside an article,
/// aside, main, nav or section element.
pub(super) fn dropped(dom: &Dom, id: usize, in_section: bool) -> bool {
    let Some(name) = dom.name(id) else {
        return !matches!(
            dom.nodes.get(id).map(|n| &n.data),
            Some(Data::Text(_) | Data::Document)
        );
    };
    // (Elements marked `hidden` are read: collapsed answers of an FAQ are part of the page.)
    if SKIPPED.contains(&name) {
        return true;
    }
    if matches!(name, "header" | "footer") && !in_section {
        return true;
    }
    let role = dom.attr(id, "role").unwrap_or("");
    if role.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "contentinfo"
        )
    }) {
        return true;
    }
    let banner = |v: &str| {
        let v = v.to_ascii_lowercase();
        v.contains("cookie") || v.contains("consent")
    };
    if !matches!(name, "html" | "body" | "main")
        && (dom.attr(id, "id").is_some_and(banner) || dom.attr(id, "class").is_some_and(banner))
    {
        return true;
    }
    name == "sup" && is_footnote_mark(dom, id)
}

/// A superscript that marks a footnote (`1`, `*`, `†`, `[2]`): left out, so that the value
/// it follows reads alone (`4 hours`, not `4 hours1`).
fn is_footnote_mark(dom: &Dom, sup: usize) -> bool {
    let mut text = String::new();
    let mut stack = vec![sup];
    let mut seen = 0;
    while let Some(id) = stack.pop() {
        seen += 1;
        if seen > 16 || text.chars().count() > 8 {
            return false;
        }
        if let Some(Data::Text(pieces)) = dom.nodes.get(id).map(|n| &n.data) {
            pieces.iter().for_each(|(_, t)| text.push_str(t));
        }
        stack.extend(dom.children(id).iter().rev());
    }
    let t = text.trim().trim_start_matches('[').trim_end_matches(']');
    (1..=3).contains(&t.chars().count())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '§' | '¶' | '#' | ','))
}

/// Text being gathered into one line: whitespace collapsed into single spaces, the line of
/// its first character kept. A run may start with a prefix (`- `, `## `, `term: `), which
/// alone is not text.
#[derive(Default)]
pub(super) struct Run {
    pub text: String,
    pub line: Option<usize>,
    /// Some text (beyond the prefix) has been read.
    pub filled: bool,
    space: bool,
}

impl Run {
    /// A run that starts with `prefix`, on `line` (None: the line of its first text).
    pub fn starting(prefix: &str, line: Option<usize>) -> Run {
        Run {
            text: prefix.to_string(),
            line,
            ..Run::default()
        }
    }

    /// Text pieces, each with the line it starts on; whitespace collapsed.
    pub fn push(&mut self, pieces: &[(usize, StrTendril)]) {
        for (start, piece) in pieces {
            let mut line = *start;
            for c in piece.chars() {
                if c == '\n' {
                    line += 1;
                }
                if c.is_whitespace() {
                    self.space = true;
                    continue;
                }
                if self.space && self.filled {
                    self.text.push(' ');
                }
                self.space = false;
                self.filled = true;
                self.line.get_or_insert(line);
                self.text.push(c);
            }
        }
    }

    /// A character of preformatted text, as it is (whitespace as a space).
    pub fn push_kept(&mut self, c: char, line: usize) {
        self.line.get_or_insert(line);
        if c.is_whitespace() {
            self.text.push(' ');
        } else {
            self.filled = true;
            self.text.push(c);
        }
    }

    /// A word boundary (a block or a `<br>` inside a cell): a space before any more text.
    pub fn boundary(&mut self) {
        self.space = true;
    }

    /// The line gathered, if it has text: its line number and its text without the
    /// trailing space.
    pub fn take(&mut self) -> Option<(usize, String)> {
        let run = std::mem::take(self);
        run.filled
            .then(|| (run.line.unwrap_or(1), run.text.trim_end().to_string()))
    }
}

/// The text of an element as one line (a table cell's, a definition term's): blocks and
/// `<br>` become spaces; what [`dropped`] leaves out is left out. Returns the text and the
/// line it starts on.
pub(super) fn inline_text(dom: &Dom, id: usize, in_section: bool) -> (String, Option<usize>) {
    let mut run = Run::default();
    // (node, inside a sectioning element); None: the end of a block.
    let mut stack: Vec<Option<(usize, bool)>> = dom
        .children(id)
        .iter()
        .rev()
        .map(|&c| Some((c, in_section)))
        .collect();
    while let Some(step) = stack.pop() {
        let Some((node, in_section)) = step else {
            run.boundary();
            continue;
        };
        if dropped(dom, node, in_section) {
            continue;
        }
        match dom.nodes.get(node).map(|n| &n.data) {
            Some(Data::Text(pieces)) => run.push(pieces),
            Some(Data::Element { name, .. }) => {
                let block = is_block(name);
                if block {
                    run.boundary();
                    stack.push(None);
                }
                let inner = in_section || is_sectioning(name);
                stack.extend(dom.children(node).iter().rev().map(|&c| Some((c, inner))));
            }
            _ => {}
        }
    }
    let line = run.line;
    (run.take().map(|(_, t)| t).unwrap_or_default(), line)
}
