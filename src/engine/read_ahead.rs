//! A read-ahead hint for [`OrderedMap::read_ahead`](super::OrderedMap::read_ahead): asks the
//! kernel to start reading a file into the page cache, so that reading from disk overlaps the
//! work instead of waiting for it. The engine's only `unsafe`.

use std::path::Path;

/// Starts reading the file at `path` into the page cache without waiting for it (Linux; a
/// no-op elsewhere, and for a file that cannot be opened).
pub fn file(path: &Path) {
    #[cfg(target_os = "linux")]
    if let Ok(f) = std::fs::File::open(path) {
        use std::os::fd::AsRawFd;
        // SAFETY: a plain system call on a descriptor that stays open for its duration.
        unsafe {
            libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
}
