//! Where the usable rows of a file go: a [`RowSink`] per reading thread, merged at the end.

use crate::model::ticket::{Ticket, TicketRow};
use std::collections::HashMap;

/// Receives the usable rows of a file.
pub trait RowSink: Send {
    fn row(&mut self, row: &TicketRow);
    /// Folds another sink (of the other thread) into this one.
    fn merge(&mut self, other: Self)
    where
        Self: Sized;
    /// Byte offsets of the rows whose line numbers the sink wants (the rows it keeps); the
    /// reader counts them once, after reading, and tells them with [`RowSink::lines`].
    fn wanted_lines(&self) -> Vec<u64> {
        Vec::new()
    }
    fn lines(&mut self, _line_of: &HashMap<u64, usize>) {}
}

/// A sink that keeps every usable row, owned and with its line (for `evaluate`).
#[derive(Debug, Default)]
pub struct TicketCollector {
    pub tickets: Vec<Ticket>,
}

impl RowSink for TicketCollector {
    fn row(&mut self, row: &TicketRow) {
        self.tickets.push(Ticket::from_row(row));
    }
    fn merge(&mut self, other: Self) {
        self.tickets.extend(other.tickets);
    }
    fn wanted_lines(&self) -> Vec<u64> {
        self.tickets.iter().map(|t| t.offset).collect()
    }
    fn lines(&mut self, line_of: &HashMap<u64, usize>) {
        for t in &mut self.tickets {
            t.line = line_of.get(&t.offset).copied().unwrap_or(0);
        }
    }
}
