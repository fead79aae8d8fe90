//! Evidence: a fact and the place in an input file it came from.

use serde::Serialize;

/// A piece of evidence. `file` is relative to the evaluation folder so that reports do not
/// depend on where the folder lives; `line` is 1-based, `None` where a fact summarises a file.
/// `page` (1-based) is set for paged documents (PDF), where `line` counts within the page.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: Option<usize>,
    pub text: String,
}

impl Evidence {
    pub fn line(file: &str, line: usize, text: impl Into<String>) -> Self {
        Evidence {
            file: file.to_string(),
            page: None,
            line: Some(line),
            text: text.into(),
        }
    }

    pub fn file(file: &str, text: impl Into<String>) -> Self {
        Evidence {
            file: file.to_string(),
            page: None,
            line: None,
            text: text.into(),
        }
    }

    /// The same evidence on page `page` of a paged document.
    pub fn on_page(self, page: Option<usize>) -> Self {
        Evidence { page, ..self }
    }

    /// `file:line`, or `file:p3:l14` on a page of a paged document.
    pub fn location(&self) -> String {
        match (self.page, self.line) {
            (Some(p), Some(l)) => format!("{}:p{p}:l{l}", self.file),
            (Some(p), None) => format!("{}:p{p}", self.file),
            (None, Some(l)) => format!("{}:{}", self.file, l),
            (None, None) => self.file.clone(),
        }
    }
}
