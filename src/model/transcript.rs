//! A probe conversation as every reader gives it (the text format and the JSON chat exports
//! alike) and as the analysis reads it: messages, each with its line, time, speaker and text.

use chrono::{DateTime, FixedOffset};

/// Who speaks: the evaluator asking, a person of the vendor's support, a bot, or the system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Evaluator,
    Agent,
    Bot,
    System,
}

#[derive(Debug, Clone)]
pub struct Message {
    /// The line of the file the message starts on (1-based).
    pub line: usize,
    pub at: DateTime<FixedOffset>,
    pub role: Role,
    /// The name in parentheses, if any (`小林` in `agent(小林)`), or the export's speaker.
    pub name: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Transcript {
    pub vendor: String,
    /// As shown in evidence: relative to the evaluation folder.
    pub file: String,
    pub messages: Vec<Message>,
}
