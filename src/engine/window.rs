//! How far the worker threads may run ahead of the sink, and how everything stops.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How many results the sink has taken, a wake-up for the threads waiting on it, and whether
/// everything is to stop.
pub(super) struct Window {
    size: usize,
    taken: Mutex<usize>,
    moved: Condvar,
    stopped: AtomicBool,
}

impl Window {
    /// A window of `size` items (at least one).
    pub(super) fn new(size: usize) -> Self {
        Window {
            size: size.max(1),
            taken: Mutex::new(0),
            moved: Condvar::new(),
            stopped: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, usize> {
        self.taken.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Waits until item `i` is within the window of the sink; false when stopped.
    pub(super) fn wait_for(&self, i: usize) -> bool {
        let mut taken = self.lock();
        while i >= *taken + self.size && !self.is_stopped() {
            taken = self.moved.wait(taken).unwrap_or_else(|e| e.into_inner());
        }
        !self.is_stopped()
    }

    /// The sink has taken the first `taken` results.
    pub(super) fn advance(&self, taken: usize) {
        *self.lock() = taken;
        self.moved.notify_all();
    }

    pub(super) fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
        let _taken = self.lock();
        self.moved.notify_all();
    }
}

/// Stops the other threads when a thread panics: a worker (the sink then sees the channel
/// close, and the panic is raised again when the worker is joined), or the sink's thread (the
/// workers and the read-ahead then stop instead of waiting for it forever).
pub(super) struct StopOnPanic<'a>(pub(super) &'a Window);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}
