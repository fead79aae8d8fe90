//! Errors and diagnostics. Every problem with an input names the file, and where it
//! applies the line and column, so that a user can go straight to it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Exit codes of the `supportgrade` binary (documented in README.md).
pub mod exit {
    /// Everything worked.
    pub const OK: i32 = 0;
    /// A file could not be read or written.
    pub const IO: i32 = 1;
    /// The command line was wrong (clap's own code).
    pub const USAGE: i32 = 2;
    /// An input (rubric, data, evaluation folder) is invalid: the run cannot be trusted and
    /// nothing was written.
    pub const INVALID_INPUT: i32 = 3;
}

/// One problem found in one input, with its position.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// How many characters of the line the problem covers (for the `^^^` underline).
    pub width: Option<usize>,
    /// What to do about it, when there is something to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            column: None,
            message: message.into(),
            width: None,
            hint: None,
        }
    }

    pub fn at(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: Some(line),
            column: Some(column),
            message: message.into(),
            width: None,
            hint: None,
        }
    }

    /// The same, covering `width` characters.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = Some(width.max(1));
        self
    }

    /// The same, with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Compiler style, for people: `error: file:line:col: message`, the source line (when
    /// `source`, the file's text, is given and the line is in it), the offending text
    /// underlined with `^`, and `hint: ...`. `level` is `error` or `warning`.
    pub fn render(&self, level: &str, source: Option<&str>) -> String {
        let mut out = format!("{level}: {self}\n");
        let line_text = match (self.line, source) {
            (Some(l), Some(src)) => src.lines().nth(l.saturating_sub(1)),
            _ => None,
        };
        if let Some(text) = line_text {
            let number = self.line.unwrap_or(0).to_string();
            let pad = " ".repeat(number.len());
            let text = text.trim_end_matches('\r').replace('\t', " ");
            out.push_str(&format!("{pad} |\n{number} | {text}\n"));
            if let Some(col) = self.column {
                let chars = text.chars().count();
                let start = col.saturating_sub(1).min(chars);
                let width = self.width.unwrap_or(1).min(chars.saturating_sub(start)).max(1);
                let lead: String = text
                    .chars()
                    .take(start)
                    .map(|c| if c.is_whitespace() { c } else { ' ' })
                    .collect();
                out.push_str(&format!("{pad} | {lead}{}\n", "^".repeat(width)));
            }
        }
        if let Some(h) = &self.hint {
            out.push_str(&format!("hint: {h}\n"));
        }
        out
    }

    /// `file:line:column` (as much of it as is known).
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{}:{}", self.file, l, c),
            (Some(l), None) => format!("{}:{}", self.file, l),
            _ => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io { path: PathBuf, source: std::io::Error },
    /// One or more inputs are invalid; each problem is listed.
    Invalid(Vec<Diagnostic>),
    /// A report could not be rendered (`what`: the report, e.g. `charts/scores.svg`).
    Render { what: String, message: String },
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn invalid(d: Diagnostic) -> Self {
        Error::Invalid(vec![d])
    }

    /// A report that could not be rendered.
    pub fn render(what: &str, message: impl fmt::Display) -> Self {
        Error::Render {
            what: what.to_string(),
            message: message.to_string(),
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Io { .. } | Error::Render { .. } => exit::IO,
            Error::Invalid(_) => exit::INVALID_INPUT,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Render { what, message } => write!(f, "{what}: could not be rendered: {message}"),
            Error::Invalid(ds) => {
                for (i, d) in ds.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Reads a whole file as UTF-8 text (a leading BOM is dropped), naming the file on failure.
pub fn read_text(path: &Path, shown_as: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::invalid(Diagnostic::new(
                shown_as,
                Some(line),
                format!("expected UTF-8 text, found an invalid byte sequence at byte {offset}"),
            )))
        }
    }
}

/// Converts a byte offset in `src` to a 1-based (line, column), the column counted in characters.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..floor_char_boundary(src, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Turns a TOML parse error into a diagnostic with line and column.
pub fn toml_diagnostic(file: &str, src: &str, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim().to_string();
    match err.span() {
        Some(span) => {
            let (l, c) = line_col(src, span.start);
            Diagnostic::at(file, l, c, message)
        }
        None => Diagnostic::new(file, None, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = "ab\n紧急x\nz";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        // 'x' follows a 3-byte character
        assert_eq!(line_col(s, 6), (2, 2));
        assert_eq!(line_col(s, s.len()), (3, 2));
    }

    #[test]
    fn a_diagnostic_is_rendered_with_its_line_underlined() {
        let src = "a = 1\nweight = \"x\"\n";
        let d = Diagnostic::at("r.toml", 2, 10, "expected a number")
            .with_width(3)
            .with_hint("write weight = 3");
        assert_eq!(
            d.render("error", Some(src)),
            "error: r.toml:2:10: expected a number\n  |\n2 | weight = \"x\"\n  |          ^^^\nhint: write weight = 3\n"
        );
        // no source, or a line past its end: the message alone
        assert_eq!(
            d.render("warning", None),
            "warning: r.toml:2:10: expected a number\nhint: write weight = 3\n"
        );
        let far = Diagnostic::at("r.toml", 9, 1, "m");
        assert_eq!(far.render("error", Some(src)), "error: r.toml:9:1: m\n");
    }
}
