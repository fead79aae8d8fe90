//! The ordered, bounded, parallel map: work on every item of a list on several threads, the
//! results handed to one sink in the list's order, and no thread more than a window of items
//! ahead of the sink, so memory stays bounded whatever the length of the list.
//!
//! ```
//! use supportgrade::engine::OrderedMap;
//! let squares = OrderedMap::new(4).collect(&[1, 2, 3], |x: &i32| x * x);
//! assert_eq!(squares, [1, 4, 9]);
//! ```
//! Used by `transcript analyze` (read, judge and render each file; write them in order) and
//! by `evaluate` (judge the evaluation's conversations).

pub mod read_ahead;
mod window;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use window::{StopOnPanic, Window};

/// How many items the threads may run ahead of the sink, unless told otherwise.
pub const DEFAULT_WINDOW: usize = 256;

/// The most items a thread takes at once (fewer for short lists, so that every thread works).
const MAX_RUN: usize = 16;

/// One thread per core the process may use.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// An ordered map over a list on `threads` threads: see [`OrderedMap::run`].
pub struct OrderedMap<'h, I> {
    threads: usize,
    window: usize,
    read_ahead: Option<&'h (dyn Fn(&I) + Sync)>,
}

impl<'h, I: Sync> OrderedMap<'h, I> {
    /// On `threads` threads (at least one; never more than items), with the default window.
    pub fn new(threads: usize) -> Self {
        OrderedMap {
            threads: threads.max(1),
            window: DEFAULT_WINDOW,
            read_ahead: None,
        }
    }

    /// No thread starts an item more than `items` items ahead of the sink (plus the rest of
    /// the small run of items it has taken).
    pub fn window(mut self, items: usize) -> Self {
        self.window = items.max(1);
        self
    }

    /// Calls `hint` on every item, in order, on a thread of its own as far ahead as the
    /// workers may go (e.g. [`read_ahead::file`] on the item's path).
    pub fn read_ahead(mut self, hint: &'h (dyn Fn(&I) + Sync)) -> Self {
        self.read_ahead = Some(hint);
        self
    }

    /// Runs `work` on every item, each thread with its own state made by `state` (a reused
    /// buffer, counts to merge afterwards), and hands the results to `sink` in item order, on
    /// the calling thread. Returns the threads' states, or the first error of `sink`, which
    /// stops the threads. A panic in `work` stops the other threads and is raised again here;
    /// so is a panic in `sink`.
    pub fn run<S, T, E>(
        &self,
        items: &[I],
        state: impl Fn() -> S + Sync,
        work: impl Fn(&I, &mut S) -> T + Sync,
        mut sink: impl FnMut(T) -> Result<(), E>,
    ) -> Result<Vec<S>, E>
    where
        S: Send,
        T: Send,
    {
        let n = items.len();
        if n == 0 {
            return Ok(Vec::new());
        }
        let threads = self.threads.min(n);
        let run_len = (n / threads.saturating_mul(8)).clamp(1, MAX_RUN);
        let next = AtomicUsize::new(0);
        let window = Window::new(self.window);
        let (state, work) = (&state, &work);
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel::<(usize, Vec<T>)>();
            let mut workers = Vec::with_capacity(threads);
            for _ in 0..threads {
                let tx = tx.clone();
                let (next, window) = (&next, &window);
                workers.push(scope.spawn(move || {
                    let _guard = StopOnPanic(window);
                    let mut mine = state();
                    loop {
                        let first = next.fetch_add(run_len, Ordering::Relaxed);
                        if first >= n || !window.wait_for(first) {
                            break;
                        }
                        let results = items[first..(first + run_len).min(n)]
                            .iter()
                            .map(|item| work(item, &mut mine))
                            .collect();
                        if tx.send((first, results)).is_err() {
                            break;
                        }
                    }
                    mine
                }));
            }
            drop(tx);
            if let Some(hint) = self.read_ahead {
                let window = &window;
                scope.spawn(move || {
                    for (i, item) in items.iter().enumerate() {
                        if !window.wait_for(i) {
                            break;
                        }
                        hint(item);
                    }
                });
            }
            // Runs arrive in any order; each is handed on when every run before it has been.
            let mut pending = BTreeMap::new();
            let mut expected = 0;
            let _sink_guard = StopOnPanic(&window);
            let result = (|| {
                for (first, results) in &rx {
                    pending.insert(first, results);
                    while let Some(results) = pending.remove(&expected) {
                        expected += results.len();
                        for r in results {
                            sink(r)?;
                        }
                        window.advance(expected);
                    }
                }
                Ok(())
            })();
            // Done, failed or not: the read-ahead has nothing left to wait for.
            window.stop();
            drop(rx);
            let states = workers
                .into_iter()
                // A worker that panicked has stopped the others; its panic is raised again.
                .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect();
            result.map(|()| states)
        })
    }

    /// `work` on every item, on the threads, the results in item order.
    pub fn collect<T: Send>(&self, items: &[I], work: impl Fn(&I) -> T + Sync) -> Vec<T> {
        let mut out = Vec::with_capacity(items.len());
        let done: Result<Vec<()>, std::convert::Infallible> = self.run(
            items,
            || (),
            |item, ()| work(item),
            |t| {
                out.push(t);
                Ok(())
            },
        );
        let Ok(_) = done;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

    /// A small pseudo-random delay, different for every item.
    fn jitter(i: u64) {
        let us = (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) % 300;
        std::thread::sleep(Duration::from_micros(us));
    }

    #[test]
    fn results_come_in_item_order_at_any_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8, 64, 10_000] {
            for window in [1, 3, 256] {
                let got = OrderedMap::new(threads).window(window).collect(&items, |&i| {
                    jitter(i);
                    i * 2
                });
                let want: Vec<u64> = items.iter().map(|i| i * 2).collect();
                assert_eq!(got, want, "{threads} threads, window {window}");
            }
        }
        assert!(OrderedMap::new(4).collect(&[] as &[u8], |_| 0).is_empty());
    }

    #[test]
    fn each_thread_keeps_its_state_and_every_item_is_seen_once() {
        let items: Vec<u64> = (1..=1000).collect();
        let states = OrderedMap::new(4)
            .run(
                &items,
                || 0u64,
                |&i, sum| {
                    *sum += i;
                },
                |()| Ok::<(), ()>(()),
            )
            .unwrap();
        assert!(!states.is_empty() && states.len() <= 4);
        assert_eq!(states.iter().sum::<u64>(), 500_500);
    }

    /// No item is started more than the window (and the run it belongs to) ahead of the
    /// sink, however slow the sink.
    #[test]
    fn workers_stay_within_the_window() {
        let items: Vec<usize> = (0..2000).collect();
        let sunk = AtomicUsize::new(0);
        let furthest = AtomicUsize::new(0);
        let window = 10;
        OrderedMap::new(4)
            .window(window)
            .run(
                &items,
                || (),
                |&i, ()| {
                    let ahead = i - sunk.load(Ordering::SeqCst).min(i);
                    furthest.fetch_max(ahead, Ordering::SeqCst);
                },
                |()| {
                    std::thread::sleep(Duration::from_micros(20));
                    sunk.fetch_add(1, Ordering::SeqCst);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
        let ahead = furthest.load(Ordering::SeqCst);
        assert!(ahead < window + MAX_RUN, "{ahead} items ahead of the sink");
        assert!(ahead > 0);
    }

    /// The sink's error ends the run early: the threads stop at the window, and the
    /// read-ahead with them.
    #[test]
    fn an_error_from_the_sink_stops_the_workers() {
        let items: Vec<usize> = (0..100_000).collect();
        let worked = AtomicUsize::new(0);
        let hinted = AtomicUsize::new(0);
        let hint = |_: &usize| {
            hinted.fetch_add(1, Ordering::SeqCst);
        };
        let result = OrderedMap::new(4).window(32).read_ahead(&hint).run(
            &items,
            || (),
            |&i, ()| {
                worked.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| {
                if i == 5 {
                    Err(format!("failed at {i}"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result.unwrap_err(), "failed at 5");
        let worked = worked.load(Ordering::SeqCst);
        assert!(
            worked < 32 + 4 * MAX_RUN,
            "{worked} items worked on after the error"
        );
        assert!(hinted.load(Ordering::SeqCst) <= 32 + MAX_RUN);
    }

    /// A panic in the work stops everything and reaches the caller instead of leaving the
    /// sink waiting for a result that never comes.
    #[test]
    fn a_panic_in_work_does_not_hang() {
        let items: Vec<usize> = (0..50_000).collect();
        let finished = std::sync::Arc::new(AtomicBool::new(false));
        let flag = finished.clone();
        let runner = std::thread::spawn(move || {
            let caught = std::panic::catch_unwind(|| {
                OrderedMap::new(3).window(8).collect(&items, |&i| {
                    if i == 77 {
                        panic!("item 77");
                    }
                    i
                })
            });
            flag.store(true, Ordering::SeqCst);
            caught.is_err()
        });
        let started = std::time::Instant::now();
        while !finished.load(Ordering::SeqCst) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "still running 30 s after a panic"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(runner.join().unwrap(), "the panic reaches the caller");
    }

    /// The same for a panic in the sink: the workers waiting at the window stop.
    #[test]
    fn a_panic_in_the_sink_does_not_hang() {
        let items: Vec<usize> = (0..50_000).collect();
        let caught = std::panic::catch_unwind(|| {
            OrderedMap::new(3).window(4).run(
                &items,
                || (),
                |&i, ()| i,
                |i| {
                    assert!(i != 9, "sink fails at 9");
                    Ok::<(), ()>(())
                },
            )
        });
        assert!(caught.is_err());
    }
}
