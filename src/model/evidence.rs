//! Evidence: a fact and the place in an input file it came from.

use serde::Serialize;

/// A piece of evidence. `file` is relative to the evaluation folder so that reports do not
/// depend on where the folder lives; `line` is 1-based, `None` where a fact summarises a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    pub file: String,
    pub line: Option<usize>,
    pub text: String,
}

impl Evidence {
    pub fn line(file: &str, line: usize, text: impl Into<String>) -> Self {
        Evidence {
            file: file.to_string(),
            line: Some(line),
            text: text.into(),
        }
    }

    pub fn file(file: &str, text: impl Into<String>) -> Self {
        Evidence {
            file: file.to_string(),
            line: None,
            text: text.into(),
        }
    }

    /// `file:line`.
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{}", self.file, l),
            None => self.file.clone(),
        }
    }
}
