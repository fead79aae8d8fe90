//! The commands' work, from inputs to report models, with no output of its own: `evaluate`
//! (ingest -> evidence -> metrics -> scoring), `stats` (an export -> response-time statistics)
//! and `transcripts` (probe conversations -> judged conversations, streamed).

pub mod evaluate;
pub mod stats;
pub mod transcripts;
