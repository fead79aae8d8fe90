//! What a caller asks of the reader (options, how the columns are described, a progress
//! callback) and what it is told back (the report of a read).

use super::causes::{Cause, UnknownChannels};
use super::columns::Preset;
use crate::error::Diagnostic;
use crate::ingest::encoding::TextEncoding;
use crate::time::timestamp::{DateOrder, Epoch, NaiveZone};

/// A callback told how many more bytes were read (from any reading thread).
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(u64) + Send + Sync>);

impl Progress {
    pub(super) fn tick(&self, bytes: usize) {
        (self.0)(bytes as u64)
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// What to validate and how to read values.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The zone of timestamps written without one, and where a user can give one (said in
    /// the rejection of such a row when there is none).
    pub zone: NaiveZone,
    pub date_order: Option<DateOrder>,
    /// Vendor ids a row may name; empty: any.
    pub vendors: Vec<String>,
    /// The vendor of every row when the file has no vendor column (e.g. the file's name).
    pub default_vendor: Option<String>,
    /// Reject rows whose channel is unknown (when grouping by channel).
    pub require_channel: bool,
    /// List each row rejected for its channel among the rejected rows; else they are only
    /// counted, by value, in [`ReadReport::unknown_channels`] (for one line saying so).
    pub list_unknown_channels: bool,
    /// Detailed diagnostics kept; all rejected rows are counted regardless.
    pub max_reported: usize,
    /// Threads for a large file (1 or 2 on this machine's size; more are allowed).
    pub threads: usize,
    /// Told the bytes read as reading goes, for a progress bar.
    pub progress: Option<Progress>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            zone: NaiveZone::default(),
            date_order: None,
            vendors: Vec::new(),
            default_vendor: None,
            require_channel: false,
            list_unknown_channels: true,
            max_reported: 100,
            threads: 2,
            progress: None,
        }
    }
}

/// The outcome of reading a file.
#[derive(Debug, Clone)]
pub struct ReadReport {
    /// Rows in the numbers (including rows whose probe id repeats an earlier one).
    pub rows_used: usize,
    pub rows_rejected: usize,
    /// Rows whose (vendor, probe id) repeats an earlier row's.
    pub duplicates: usize,
    /// At most `max_reported` rejected rows, in file order, with line and column.
    pub rejected: Vec<Diagnostic>,
    /// Why rows were rejected (every one counted), most rows first; rows rejected for their
    /// channel are in `unknown_channels` instead.
    pub causes: Vec<Cause>,
    /// Rows rejected because their channel is none of the customer channels.
    pub unknown_channels: UnknownChannels,
    pub encoding: TextEncoding,
    pub preset: Option<Preset>,
    /// The latest timestamp seen: the end of the observation window (unanswered probes are
    /// censored there).
    pub latest: Option<Epoch>,
}

/// How the columns are described.
#[derive(Clone, Copy)]
pub enum Columns<'a> {
    /// Detect the preset from the header.
    Detect,
    Preset(Preset),
    /// A mapping file: (text, name for messages).
    Mapping(&'a str, &'a str),
}
