//! What every subcommand shares: writing its output.

use crate::error::{Error, Result};
use std::path::Path;

/// Writes a command's output to standard output. A closed pipe (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io(Path::new("<stdout>"), e)),
        _ => Ok(()),
    }
}
