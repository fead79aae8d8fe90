//! Benchmarks of the measured-response-time stage (divan): `cargo bench --bench stats`.
//! The comparison with polars on a 10-million-row file is `scripts/bench-vs-polars.sh`.

#[path = "../examples/synthetic/mod.rs"]
mod synthetic;

use divan::{black_box, Bencher};
use std::collections::BTreeMap;
use std::sync::Arc;
use supportgrade::ingest::encoding::TextEncoding;
use supportgrade::ingest::tickets::options::{Columns, ReadOptions};
use supportgrade::ingest::tickets::read_bytes;
use supportgrade::metrics::response_times::{Accumulator, GroupBy};
use supportgrade::model::domain::Priority;
use supportgrade::time::business::BusinessCalendar;
use supportgrade::time::timestamp::TimestampParser;
use supportgrade::time::ElapsedClock;

fn main() {
    divan::main();
}

fn export(rows: u64) -> Vec<u8> {
    let mut out = Vec::new();
    synthetic::write_measurements(&mut out, rows, 2026).expect("write to memory");
    out
}

fn targets() -> BTreeMap<Priority, f64> {
    BTreeMap::from([(Priority::Urgent, 15.0), (Priority::Normal, 1440.0)])
}

/// Reading, validating and grouping rows (one thread, in memory), per row count.
#[divan::bench(args = [10_000, 100_000])]
fn read_and_group(bencher: Bencher, rows: u64) {
    let text = export(rows);
    let by = GroupBy::parse("vendor,priority").expect("valid");
    let targets = targets();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let (acc, report) = read_bytes(
                black_box(&text),
                "bench.csv",
                Columns::Detect,
                &ReadOptions::default(),
                TextEncoding::Utf8,
                || Accumulator::new(by, None, &targets),
            )
            .expect("valid export");
            assert_eq!(report.rows_used as u64, rows);
            acc
        });
}

/// Quantiles, confidence intervals and Kaplan-Meier medians of the groups.
#[divan::bench(args = [100_000])]
fn finish_groups(bencher: Bencher, rows: u64) {
    let text = export(rows);
    let by = GroupBy::parse("vendor,priority").expect("valid");
    let targets = targets();
    bencher
        .with_inputs(|| {
            read_bytes(
                &text,
                "bench.csv",
                Columns::Detect,
                &ReadOptions::default(),
                TextEncoding::Utf8,
                || Accumulator::new(by, None, &targets),
            )
            .expect("valid export")
        })
        .bench_values(|(acc, report)| acc.finish(report.latest));
}

/// Business seconds between two instants a few days apart.
#[divan::bench]
fn business_seconds_between(bencher: Bencher) {
    let calendar = BusinessCalendar::parse("Mon-Fri 09:00-18:00 Asia/Shanghai", None).expect("valid");
    let clock: Arc<dyn ElapsedClock> = Arc::new(calendar);
    let start = 1_780_000_000i64;
    bencher.bench(|| {
        let mut total = 0i64;
        for i in 0..1_000i64 {
            let a = start + i * 7_919;
            total += clock.seconds_between(black_box(a), black_box(a + 250_000));
        }
        total
    });
}

/// RFC 3339 timestamps, the common case of an export.
#[divan::bench]
fn parse_rfc3339(bencher: Bencher) {
    let values: Vec<String> = (0..1_000)
        .map(|i| {
            format!(
                "2026-{:02}-{:02}T{:02}:{:02}:11+08:00",
                1 + i % 12,
                1 + i % 28,
                i % 24,
                i % 60
            )
        })
        .collect();
    bencher.bench(|| {
        let mut p = TimestampParser::new(None, None);
        values
            .iter()
            .map(|v| p.parse(black_box(v)).expect("valid"))
            .sum::<i64>()
    });
}
