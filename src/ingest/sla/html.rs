//! HTML pages as numbered text lines for the SLA extractor: tags stripped, entities decoded,
//! script and style left out, each block (paragraph, list item, heading, table row) one
//! line numbered by the source line it starts on. Headings become `#` lines and table rows
//! `| cell | cell |` lines, so pages read like the Markdown the extractor knows.

use crate::ingest::sla::lines::SourceLine;

const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "li",
    "tr",
    "br",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "dd",
    "dt",
    "dl",
    "blockquote",
    "pre",
    "title",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "aside",
    "figure",
    "hr",
];
const SKIPPED: [&str; 5] = ["script", "style", "noscript", "template", "svg"];

struct Builder {
    lines: Vec<SourceLine>,
    text: String,
    start: Option<usize>,
    in_row: bool,
    cells_in_row: usize,
    /// A definition term just ended: its definition (`<dd>`) continues the same line, as
    /// `term: definition`.
    after_term: bool,
}

impl Builder {
    fn flush(&mut self) {
        let t = self.text.trim();
        if !t.is_empty() && t != "|" && t != "-" {
            let mut t = t.to_string();
            if self.in_row && !t.ends_with('|') {
                t.push_str(" |");
            }
            self.lines.push(SourceLine::new(self.start.unwrap_or(1), t));
        }
        self.text.clear();
        self.start = None;
    }

    fn begin(&mut self, line: usize, prefix: &str) {
        self.flush();
        self.start = Some(line);
        self.text.push_str(prefix);
    }

    fn push_text(&mut self, s: &str, line: usize) {
        for c in s.chars() {
            if c.is_whitespace() {
                if !self.text.ends_with(' ') && !self.text.is_empty() {
                    self.text.push(' ');
                }
            } else {
                if self.start.is_none() {
                    self.start = Some(line);
                }
                self.text.push(c);
            }
        }
    }

    /// A blank line: ends a table for the extractor.
    fn gap(&mut self, line: usize) {
        self.flush();
        self.lines.push(SourceLine::new(line, String::new()));
    }
}

/// Turns an HTML page into the lines the SLA extractor reads.
pub fn html_lines(src: &str) -> Vec<SourceLine> {
    let mut b = Builder {
        lines: Vec::new(),
        text: String::new(),
        start: None,
        in_row: false,
        cells_in_row: 0,
        after_term: false,
    };
    let bytes = src.as_bytes();
    let mut line = 1usize;
    let mut i = 0usize;
    let mut text_from = 0usize;
    let mut text_line = 1usize;
    let mut skipping: Option<String> = None;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            // Text before the tag.
            if skipping.is_none() && text_from < i {
                b.push_text(&decode_entities(&src[text_from..i]), text_line);
            }
            let tag_line = line;
            // Comments.
            if src[i..].starts_with("<!--") {
                let end = src[i..].find("-->").map_or(src.len(), |e| i + e + 3);
                line += src[i..end].matches('\n').count();
                i = end;
                text_from = i;
                text_line = line;
                continue;
            }
            let end = match src[i..].find('>') {
                Some(e) => i + e + 1,
                None => src.len(),
            };
            line += src[i..end].matches('\n').count();
            let inner = &src[i + 1..end.saturating_sub(1).max(i + 1)];
            let closing = inner.starts_with('/');
            let name: String = inner
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            i = end;
            text_from = i;
            text_line = line;
            if let Some(skip) = &skipping {
                if closing && name == *skip {
                    skipping = None;
                }
                continue;
            }
            if !closing && SKIPPED.contains(&name.as_str()) && !inner.ends_with('/') {
                skipping = Some(name);
                continue;
            }
            let heading = name.len() == 2
                && name.starts_with('h')
                && name[1..].parse::<usize>().is_ok_and(|n| (1..=6).contains(&n));
            match (name.as_str(), closing) {
                ("tr", false) => {
                    b.begin(tag_line, "| ");
                    b.in_row = true;
                    b.cells_in_row = 0;
                }
                ("tr", true) => {
                    b.flush();
                    b.in_row = false;
                }
                ("td" | "th", false) => {
                    if !b.in_row {
                        b.begin(tag_line, "| ");
                        b.in_row = true;
                        b.cells_in_row = 0;
                    }
                    if b.cells_in_row > 0 {
                        let kept = b.text.trim_end().len();
                        b.text.truncate(kept);
                        b.text.push_str(" | ");
                    }
                    b.cells_in_row += 1;
                }
                ("table", _) => {
                    b.in_row = false;
                    b.gap(tag_line);
                }
                (_, false) if heading => {
                    let level: usize = name[1..].parse().unwrap_or(1);
                    b.begin(tag_line, &format!("{} ", "#".repeat(level)));
                }
                (_, true) if heading => b.gap(tag_line),
                ("li", false) => b.begin(tag_line, "- "),
                ("dt", true) if !b.in_row => {
                    let kept = b.text.trim_end().len();
                    b.text.truncate(kept);
                    if !b.text.is_empty() && !b.text.ends_with(':') {
                        b.text.push(':');
                    }
                    b.text.push(' ');
                    b.after_term = true;
                }
                ("dd", false) if b.after_term => b.after_term = false,
                (n, _) if BLOCKS.contains(&n) && !b.in_row => {
                    b.after_term = false;
                    b.flush()
                }
                _ => {}
            }
            continue;
        }
        if bytes[i] == b'\n' {
            line += 1;
        }
        i += 1;
    }
    if skipping.is_none() && text_from < bytes.len() {
        b.push_text(&decode_entities(&src[text_from..]), text_line);
    }
    b.flush();
    b.lines
}

/// Decodes the character references of HTML text (named ones a support page uses, and
/// numeric ones); an unknown reference is kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "times" => Some('×'),
                "yen" => Some('¥'),
                "euro" => Some('€'),
                "copy" => Some('©'),
                "middot" => Some('·'),
                "le" => Some('≤'),
                "ge" => Some('≥'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &tail[used..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(src: &str) -> Vec<(usize, String)> {
        html_lines(src).into_iter().map(|l| (l.line, l.text)).collect()
    }

    #[test]
    fn definition_terms_label_their_definitions() {
        let src = "<dl>\n<div><dt>Critical</dt>\n<dd>Initial response within 4 hours</dd></div>\n<dt>Coverage</dt><dd>24/7</dd>\n</dl>";
        let lines: Vec<(usize, String)> = html_lines(src).into_iter().map(|l| (l.line, l.text)).collect();
        assert_eq!(
            lines,
            vec![
                (2, "Critical: Initial response within 4 hours".to_string()),
                (4, "Coverage: 24/7".to_string())
            ]
        );
    }

    #[test]
    fn blocks_become_lines_numbered_where_they_start() {
        let src = "<html><head><title>Plans</title>\n<style>p { color: red }\n</style>\n<script>var x = '15 minutes';</script></head>\n<body>\n<h2>Enterprise &amp; Premium</h2>\n<p>We respond\n within 15&nbsp;minutes.</p>\n<ul><li>Phone</li>\n<li>Email</li></ul>\n<table>\n<tr><th>Priority</th><th>Response</th></tr>\n<tr>\n  <td>P1</td>\n  <td>15 min</td>\n</tr>\n</table>\n</body></html>";
        let got = lines(src);
        assert_eq!(
            got,
            vec![
                (1, "Plans".to_string()),
                (6, "## Enterprise & Premium".to_string()),
                (6, String::new()),
                (7, "We respond within 15 minutes.".to_string()),
                (9, "- Phone".to_string()),
                (10, "- Email".to_string()),
                (11, String::new()),
                (12, "| Priority | Response |".to_string()),
                (13, "| P1 | 15 min |".to_string()),
                (17, String::new()),
            ]
        );
    }

    #[test]
    fn entities_and_broken_markup_do_not_panic() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#20013;&#x6587; &bogus; &"),
            "a <b> 中文 &bogus; &"
        );
        let got = lines("<p>unclosed <b>bold\n<td>cell</td> <!-- note -- > 15 min --> after <");
        assert!(!got.is_empty());
        assert!(lines("").is_empty());
    }
}
