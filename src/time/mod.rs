//! Time: instants and zones as exports write them (`timestamp`), and the clocks that count
//! elapsed time between two instants: the wall clock, or a business calendar (`business`).

pub mod business;
pub mod timestamp;

pub use timestamp::Epoch;

/// A way of counting the time between two instants: wall-clock seconds, or only the seconds
/// inside a business schedule.
pub trait ElapsedClock: Send + Sync {
    fn seconds_between(&self, start: Epoch, end: Epoch) -> i64;
    fn describe(&self) -> String;
}
