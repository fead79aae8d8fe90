//! What both readers (text and JSON) share: the warning for a message stamped earlier than
//! the one before it, and the end of reading, which makes the [`Transcript`].

use crate::error::{Diagnostic, Error, Result};
use crate::model::transcript::{Message, Transcript};
use chrono::{DateTime, FixedOffset};

/// The warning for a message stamped earlier than the one before it (kept, in file order).
pub(crate) fn out_of_order(
    file: &str,
    prev: Option<&Message>,
    at: DateTime<FixedOffset>,
    line: usize,
) -> Option<Diagnostic> {
    let prev = prev.filter(|p| at < p.at)?;
    Some(Diagnostic::new(
        file,
        Some(line),
        format!(
            "timestamp {at} is earlier than the previous message's ({}, line {})",
            prev.at, prev.line
        ),
    ))
}

/// The end of reading a transcript of either form: every bad line is an error; no message
/// at all is a warning.
pub(crate) fn finish(
    file: &str,
    vendor: &str,
    messages: Vec<Message>,
    errors: Vec<Diagnostic>,
    mut warnings: Vec<Diagnostic>,
) -> Result<(Transcript, Vec<Diagnostic>)> {
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    if messages.is_empty() {
        warnings.push(Diagnostic::new(file, None, "no messages in this transcript"));
    }
    Ok((
        Transcript {
            vendor: vendor.to_string(),
            file: file.to_string(),
            messages,
        },
        warnings,
    ))
}
