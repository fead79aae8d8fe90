//! One record for every export: a measured probe or a help-desk ticket, whether it came from
//! the canonical `measurements.csv`, a Zendesk or Freshdesk export, or a mapped export.
//!
//! [`TicketRow`] is the borrowed row the reader hands to a sink as it streams (statistics fold
//! it and drop it); [`Ticket`] is the same record owned, with its line, for `evaluate`, which
//! keeps the rows to point at them as evidence.

use crate::model::domain::{Channel, Priority};
use crate::time::Epoch;

/// One usable row, borrowed from the reader's buffer.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRow<'a> {
    pub vendor: &'a str,
    /// The probe or ticket id, where the export has one.
    pub id: Option<&'a str>,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    pub sent: Epoch,
    pub first_response_at: Option<Epoch>,
    /// From a duration column, where the export gives one.
    pub first_response_minutes: Option<f64>,
    pub first_response_business_minutes: Option<f64>,
    pub resolved_at: Option<Epoch>,
    pub resolution_minutes: Option<f64>,
    pub resolved_on_first_contact: Option<bool>,
    /// Byte offset of the row in the file (turned into a line number where needed).
    pub offset: u64,
}

/// One usable row, owned, with the line it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    pub vendor: String,
    /// The probe or ticket id; empty where the export has none.
    pub id: String,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    pub sent: Epoch,
    pub first_response_at: Option<Epoch>,
    pub first_response_minutes: Option<f64>,
    pub first_response_business_minutes: Option<f64>,
    pub resolved_at: Option<Epoch>,
    pub resolution_minutes: Option<f64>,
    pub resolved_on_first_contact: Option<bool>,
    /// Byte offset of the row in the (decoded) file.
    pub offset: u64,
    /// Line in the file (1-based, the header is line 1).
    pub line: usize,
}

impl Ticket {
    /// The owned copy of a streamed row; its line is filled in once the reader knows it.
    pub fn from_row(r: &TicketRow) -> Self {
        Ticket {
            vendor: r.vendor.to_string(),
            id: r.id.unwrap_or_default().to_string(),
            priority: r.priority,
            channel: r.channel,
            sent: r.sent,
            first_response_at: r.first_response_at,
            first_response_minutes: r.first_response_minutes,
            first_response_business_minutes: r.first_response_business_minutes,
            resolved_at: r.resolved_at,
            resolution_minutes: r.resolution_minutes,
            resolved_on_first_contact: r.resolved_on_first_contact,
            offset: r.offset,
            line: 0,
        }
    }

    /// The row as the statistics read it.
    pub fn row(&self) -> TicketRow<'_> {
        TicketRow {
            vendor: &self.vendor,
            id: (!self.id.is_empty()).then_some(self.id.as_str()),
            priority: self.priority,
            channel: self.channel,
            sent: self.sent,
            first_response_at: self.first_response_at,
            first_response_minutes: self.first_response_minutes,
            first_response_business_minutes: self.first_response_business_minutes,
            resolved_at: self.resolved_at,
            resolution_minutes: self.resolution_minutes,
            resolved_on_first_contact: self.resolved_on_first_contact,
            offset: self.offset,
        }
    }

    /// Wall-clock minutes from sending to the first response: from the timestamps, else from
    /// the export's own duration column (wall clock, then business hours); `None` when it was
    /// never answered.
    pub fn first_response_minutes(&self) -> Option<f64> {
        match self.first_response_at {
            Some(at) => Some(minutes_between(self.sent, at)),
            None => self
                .first_response_minutes
                .or(self.first_response_business_minutes),
        }
    }

    /// Minutes from sending to the resolution, from the timestamps or the export's column.
    pub fn resolution_minutes(&self) -> Option<f64> {
        match self.resolved_at {
            Some(at) => Some(minutes_between(self.sent, at)),
            None => self.resolution_minutes,
        }
    }

    /// Whether it was ever answered.
    pub fn answered(&self) -> bool {
        self.first_response_minutes().is_some()
    }

    /// How the record is named in evidence: its id, or its line where the export has no id.
    pub fn name(&self) -> String {
        if self.id.is_empty() {
            format!("line {}", self.line)
        } else {
            self.id.clone()
        }
    }
}

/// Minutes between two instants.
pub fn minutes_between(from: Epoch, to: Epoch) -> f64 {
    (to - from) as f64 / 60.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket() -> Ticket {
        Ticket::from_row(&TicketRow {
            vendor: "acme",
            id: Some("a-1"),
            priority: Some(Priority::Urgent),
            channel: None,
            sent: 1_000,
            first_response_at: None,
            first_response_minutes: None,
            first_response_business_minutes: None,
            resolved_at: None,
            resolution_minutes: None,
            resolved_on_first_contact: None,
            offset: 42,
        })
    }

    #[test]
    fn times_come_from_timestamps_then_from_the_exports_columns() {
        let mut t = ticket();
        assert_eq!(t.first_response_minutes(), None);
        assert!(!t.answered());
        t.first_response_business_minutes = Some(30.0);
        assert_eq!(t.first_response_minutes(), Some(30.0));
        t.first_response_minutes = Some(90.0);
        assert_eq!(t.first_response_minutes(), Some(90.0));
        t.first_response_at = Some(1_000 + 600);
        assert_eq!(t.first_response_minutes(), Some(10.0));
        t.resolution_minutes = Some(5.0);
        assert_eq!(t.resolution_minutes(), Some(5.0));
        t.resolved_at = Some(1_000 + 1_200);
        assert_eq!(t.resolution_minutes(), Some(20.0));
    }

    #[test]
    fn owned_and_borrowed_rows_round_trip() {
        let t = ticket();
        assert_eq!(Ticket::from_row(&t.row()), t);
        assert_eq!(t.name(), "a-1");
        let mut anonymous = t.clone();
        anonymous.id.clear();
        anonymous.line = 7;
        assert_eq!(anonymous.row().id, None);
        assert_eq!(anonymous.name(), "line 7");
    }
}
