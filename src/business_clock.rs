//! `--business-hours` for the response-time statistics: a schedule spec (and holidays) as an
//! [`ElapsedClock`].

use crate::error::{Diagnostic, Error, Result};
use crate::metrics::response_times::ElapsedClock;
use std::sync::Arc;

/// Wall-clock time (`7x24`).
struct WallClock;

impl ElapsedClock for WallClock {
    fn seconds_between(&self, start: i64, end: i64) -> i64 {
        end - start
    }
    fn describe(&self) -> String {
        "7x24 wall clock".into()
    }
}

/// Builds the clock of `--business-hours SPEC` with an optional holidays file (text, name).
pub fn from_spec(spec: &str, holidays: Option<(&str, &str)>) -> Result<Option<Arc<dyn ElapsedClock>>> {
    let t = spec.trim().to_ascii_lowercase();
    if matches!(t.as_str(), "7x24" | "24x7" | "24/7") {
        if holidays.is_some() {
            return Err(Error::invalid(Diagnostic::new(
                "<command line>",
                None,
                "--holidays has no effect with a 7x24 schedule",
            )));
        }
        return Ok(Some(Arc::new(WallClock)));
    }
    let _ = holidays;
    Err(Error::invalid(Diagnostic::new(
        "<command line>",
        None,
        format!("--business-hours '{spec}': schedules are not supported yet"),
    )))
}
