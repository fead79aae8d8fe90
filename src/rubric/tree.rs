//! A rubric file as a tree of TOML keys, every key and value with the file and the span it was
//! written at, so that rubrics extending others can be merged ([`super::merge`]) and the result
//! written back as TOML ([`emit`]: what `rubric show` prints and what the typed parse reads)
//! with a map from every position of that text to the file, line and column it came from.

use crate::error::{line_col, Diagnostic};
use std::ops::Range;

/// A file of the chain: how it is named in messages, and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Where something was written: a file of the chain (an index into the sources) and a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub file: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub enum Node {
    /// A value other than a table (a string, a number, an array), as written.
    Value(Leaf),
    /// `[name]`, `name = { ... }` or dotted keys.
    Table(Table),
    /// `[[name]]`.
    Tables(Vec<Table>),
}

#[derive(Debug, Clone)]
pub struct Leaf {
    /// The value's text in its file.
    pub raw: String,
    pub pos: Pos,
    /// The value, when it is a string.
    pub string: Option<String>,
    /// The items, when it is an array of strings (each with its position).
    pub strings: Option<Vec<(String, Pos)>>,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Written `{ ... }` (and written back so).
    pub inline: bool,
    /// The header (`[[criterion]]`), or the whole inline table.
    pub pos: Pos,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub node: Node,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.node)
    }

    pub fn take(&mut self, key: &str) -> Option<Entry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        Some(self.entries.remove(i))
    }

    /// The string value of `key`.
    pub fn string(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Node::Value(l)) => l.string.as_deref(),
            _ => None,
        }
    }
}

/// A diagnostic at `pos` of the chain's files.
pub fn diagnostic(sources: &[Source], pos: Pos, message: impl Into<String>) -> Diagnostic {
    let Some(src) = sources.get(pos.file) else {
        return Diagnostic::new("<rubric>", None, message);
    };
    let (l, c) = line_col(&src.text, pos.start);
    let end = pos.end.clamp(pos.start, src.text.len());
    let width = src.text.get(pos.start..end).map_or(1, |s| s.chars().count());
    Diagnostic::at(&src.name, l, c, message).with_width(width)
}

/// Reads one file of the chain (`file`: its index) into a tree; a syntax error is a diagnostic
/// at its line and column.
pub fn parse(sources: &[Source], file: usize) -> Result<Table, Diagnostic> {
    let src = &sources[file].text;
    let doc = toml_edit::ImDocument::parse(src.as_str()).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let pos = Pos {
            file,
            start: span.start,
            end: span.end,
        };
        diagnostic(sources, pos, e.message().trim().to_string())
    })?;
    Ok(table(doc.as_table(), file, src, false))
}

fn pos_of(span: Option<Range<usize>>, file: usize) -> Pos {
    let s = span.unwrap_or(0..0);
    Pos {
        file,
        start: s.start,
        end: s.end,
    }
}

fn table(t: &toml_edit::Table, file: usize, src: &str, inline: bool) -> Table {
    let mut out = Table {
        inline,
        pos: pos_of(t.span(), file),
        entries: Vec::new(),
    };
    for (k, item) in t.iter() {
        let key_pos = pos_of(t.key(k).and_then(|k| k.span()), file);
        let node = match item {
            toml_edit::Item::None => continue,
            toml_edit::Item::Value(v) => value(v, file, src),
            toml_edit::Item::Table(t) => Node::Table(table(t, file, src, false)),
            toml_edit::Item::ArrayOfTables(a) => {
                Node::Tables(a.iter().map(|t| table(t, file, src, false)).collect())
            }
        };
        out.entries.push(Entry {
            key: k.to_string(),
            key_pos,
            node,
        });
    }
    if t.span().is_none() {
        out.pos = out.entries.first().map_or(out.pos, |e| e.key_pos);
    }
    out
}

fn value(v: &toml_edit::Value, file: usize, src: &str) -> Node {
    if let toml_edit::Value::InlineTable(it) = v {
        let mut out = Table {
            inline: true,
            pos: pos_of(it.span(), file),
            entries: Vec::new(),
        };
        for (k, inner) in it.iter() {
            out.entries.push(Entry {
                key: k.to_string(),
                key_pos: pos_of(it.key(k).and_then(|k| k.span()), file),
                node: value(inner, file, src),
            });
        }
        return Node::Table(out);
    }
    let pos = pos_of(v.span(), file);
    let raw = src.get(pos.start..pos.end).unwrap_or_default().to_string();
    let strings = match v {
        toml_edit::Value::Array(a) => a
            .iter()
            .map(|i| i.as_str().map(|s| (s.to_string(), pos_of(i.span(), file))))
            .collect(),
        _ => None,
    };
    Node::Value(Leaf {
        raw,
        pos,
        string: v.as_str().map(str::to_string),
        strings,
    })
}

/// Where a span of the text being parsed was written, for its diagnostics.
pub trait Locate {
    /// A diagnostic at `span`.
    fn at(&self, span: Range<usize>, message: String) -> Diagnostic;
    /// `file:line` of `span`.
    fn line_of(&self, span: Range<usize>) -> String;
    /// The file asked for (for problems of the whole rubric).
    fn file(&self) -> &str;
}

/// One file's text, parsed as it is.
pub struct Plain<'a> {
    pub src: &'a str,
    pub file: &'a str,
}

impl Locate for Plain<'_> {
    fn at(&self, span: Range<usize>, message: String) -> Diagnostic {
        let (l, c) = line_col(self.src, span.start);
        let end = span.end.clamp(span.start, self.src.len());
        let width = self.src.get(span.start..end).map_or(1, |s| s.chars().count());
        Diagnostic::at(self.file, l, c, message).with_width(width)
    }

    fn line_of(&self, span: Range<usize>) -> String {
        format!("{}:{}", self.file, line_col(self.src, span.start).0)
    }

    fn file(&self) -> &str {
        self.file
    }
}

/// A merged rubric's text ([`emit`]), each span sent back to the file that wrote it.
pub struct Merged<'a> {
    pub text: &'a Text,
    pub sources: &'a [Source],
}

impl Merged<'_> {
    fn pos(&self, span: Range<usize>) -> Pos {
        self.text.origin(span).unwrap_or_default()
    }
}

impl Locate for Merged<'_> {
    fn at(&self, span: Range<usize>, message: String) -> Diagnostic {
        diagnostic(self.sources, self.pos(span), message)
    }

    fn line_of(&self, span: Range<usize>) -> String {
        let p = self.pos(span);
        match self.sources.get(p.file) {
            Some(s) => format!("{}:{}", s.name, line_col(&s.text, p.start).0),
            None => self.file().to_string(),
        }
    }

    fn file(&self) -> &str {
        self.sources.first().map_or("<rubric>", |s| s.name.as_str())
    }
}

/// A tree written back as TOML, and where each piece of the text came from.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub text: String,
    /// Pieces copied from (or standing for) a place in a file, in the order of the text.
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    at: usize,
    len: usize,
    pos: Pos,
}

impl Text {
    /// Where the span `span` of the text was written: the file's position (and the width of
    /// the piece, clipped to what was copied).
    pub fn origin(&self, span: Range<usize>) -> Option<Pos> {
        let i = self.segments.partition_point(|s| s.at <= span.start);
        let s = self.segments.get(i.checked_sub(1)?)?;
        let inside = span.start - s.at;
        if inside < s.len.max(1) {
            let start = s.pos.start + inside;
            let width = span.len().min(s.len - inside.min(s.len)).max(1);
            Some(Pos {
                file: s.pos.file,
                start,
                end: start + width,
            })
        } else {
            Some(s.pos)
        }
    }
}

/// Writes `root` as TOML: the values of each table, then its `[sub.tables]`, then its
/// `[[arrays.of.tables]]`, in the order merged. With `sources`, each line ends with
/// `# from FILE:LINE` naming where its values were written.
pub fn emit(root: &Table, sources: Option<&[Source]>) -> Text {
    let mut e = Emitter {
        out: Text::default(),
        sources,
        line: Vec::new(),
    };
    e.section(&[], root);
    e.out
}

struct Emitter<'a> {
    out: Text,
    sources: Option<&'a [Source]>,
    /// Where the values of the line being written came from.
    line: Vec<Pos>,
}

impl Emitter<'_> {
    fn push(&mut self, s: &str, pos: Option<Pos>) {
        if let Some(pos) = pos {
            self.out.segments.push(Segment {
                at: self.out.text.len(),
                len: s.len(),
                pos,
            });
        }
        self.out.text.push_str(s);
    }

    fn end_line(&mut self) {
        if let Some(sources) = self.sources {
            let mut from: Vec<String> = Vec::new();
            for p in self.line.drain(..) {
                if let Some(src) = sources.get(p.file) {
                    let here = format!("{}:{}", src.name, line_col(&src.text, p.start).0);
                    if !from.contains(&here) {
                        from.push(here);
                    }
                }
            }
            if !from.is_empty() {
                self.out.text.push_str(&format!("  # from {}", from.join(", ")));
            }
        }
        self.line.clear();
        self.out.text.push('\n');
    }

    fn section(&mut self, path: &[&str], t: &Table) {
        for e in &t.entries {
            match &e.node {
                Node::Value(_) => {}
                Node::Table(inner) if inner.inline => {}
                _ => continue,
            }
            self.push(&key_text(&e.key), Some(e.key_pos));
            self.push(" = ", None);
            self.value(&e.node);
            self.end_line();
        }
        for e in &t.entries {
            let Node::Table(inner) = &e.node else { continue };
            if inner.inline {
                continue;
            }
            let sub: Vec<&str> = path.iter().copied().chain([e.key.as_str()]).collect();
            if inner.entries.iter().any(|e| match &e.node {
                Node::Value(_) => true,
                Node::Table(t) => t.inline,
                Node::Tables(_) => false,
            }) {
                self.header(&format!("[{}]", path_text(&sub)), inner.pos);
            }
            self.section(&sub, inner);
        }
        for e in &t.entries {
            let Node::Tables(items) = &e.node else { continue };
            let sub: Vec<&str> = path.iter().copied().chain([e.key.as_str()]).collect();
            for item in items {
                self.header(&format!("[[{}]]", path_text(&sub)), item.pos);
                self.section(&sub, item);
            }
        }
    }

    fn header(&mut self, text: &str, pos: Pos) {
        if !self.out.text.is_empty() {
            self.out.text.push('\n');
        }
        self.push(text, Some(pos));
        self.end_line();
    }

    fn value(&mut self, node: &Node) {
        match node {
            Node::Value(l) => {
                self.line.push(l.pos);
                self.push(&l.raw, Some(l.pos));
            }
            Node::Table(t) => {
                self.push("{", Some(t.pos));
                for (i, e) in t.entries.iter().enumerate() {
                    self.push(if i == 0 { " " } else { ", " }, None);
                    self.push(&key_text(&e.key), Some(e.key_pos));
                    self.push(" = ", None);
                    self.value(&e.node);
                }
                self.push(if t.entries.is_empty() { "}" } else { " }" }, None);
            }
            // Arrays of tables are never inside a value (they are sections).
            Node::Tables(_) => self.push("[]", None),
        }
    }
}

fn path_text(path: &[&str]) -> String {
    path.iter().map(|k| key_text(k)).collect::<Vec<_>>().join(".")
}

/// A key, bare when it can be, else quoted.
pub fn key_text(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return k.to_string();
    }
    let mut s = String::from("\"");
    for c in k.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if c.is_control() => s.push_str(&format!("\\u{:04X}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(text: &str) -> Vec<Source> {
        vec![Source {
            name: "a.toml".into(),
            text: text.into(),
        }]
    }

    #[test]
    fn a_tree_is_written_back_with_the_places_of_its_values() {
        let src = "name = \"x\"\n[targets]\nm = { urgent = 15 }\n[[criterion]]\nid = \"a\"\nmust_have.min_score = 5\n  [[criterion.measure]]\n  bands = [\n    { min = 1, score = 2 },\n  ]\n";
        let s = sources(src);
        let t = parse(&s, 0).unwrap();
        let text = emit(&t, Some(&s));
        assert_eq!(
            text.text,
            "name = \"x\"  # from a.toml:1\n\n[targets]\nm = { urgent = 15 }  # from a.toml:3\n\n[[criterion]]\nid = \"a\"  # from a.toml:5\n\n[criterion.must_have]\nmin_score = 5  # from a.toml:6\n\n[[criterion.measure]]\nbands = [\n    { min = 1, score = 2 },\n  ]  # from a.toml:8\n"
        );
        let plain = emit(&t, None);
        let back: toml::Value = toml::from_str(&plain.text).unwrap();
        assert_eq!(back, toml::from_str::<toml::Value>(src).unwrap());
        // "15" in the text is "15" in the file.
        let at = plain.text.find("15").unwrap();
        let o = plain.origin(at..at + 2).unwrap();
        assert_eq!(&src[o.start..o.end], "15");
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let s = sources("name = \"x\"\nweight = = 3\n");
        let d = parse(&s, 0).unwrap_err();
        assert_eq!((d.file.as_str(), d.line), ("a.toml", Some(2)));
    }
}
