//! The synthetic generators of examples/synthetic (for the examples and benches): the same
//! seed gives the same bytes, and what they write is read back by the library, through its
//! public API.

#[path = "../examples/synthetic/mod.rs"]
mod synthetic;

use supportgrade::ingest::encoding::TextEncoding;
use supportgrade::ingest::tickets::options::{Columns, ReadOptions};
use supportgrade::ingest::tickets::read_bytes;
use supportgrade::ingest::tickets::sink::RowSink;
use supportgrade::model::ticket::TicketRow;
use synthetic::*;

#[test]
fn dates_match_chrono() {
    for days in [-1i64, 0, 59, 60, 365, 10_956, 20_454, 20_513, 47_482] {
        let d = chrono::DateTime::from_timestamp(days * 86_400, 0)
            .unwrap()
            .date_naive();
        let (y, m, dd) = civil_from_days(days);
        assert_eq!(format!("{y:04}-{m:02}-{dd:02}"), d.format("%Y-%m-%d").to_string());
    }
}

#[test]
fn same_seed_same_bytes_and_the_reader_takes_every_row() {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    write_measurements(&mut a, 500, 7).unwrap();
    write_measurements(&mut b, 500, 7).unwrap();
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    assert_eq!(text.lines().count(), 501);
    let unanswered = text
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(5) == Some(""))
        .count();
    assert!((5..40).contains(&unanswered), "{unanswered} of 500 unanswered");

    struct Count(usize, usize);
    impl RowSink for Count {
        fn row(&mut self, r: &TicketRow) {
            self.0 += 1;
            self.1 += usize::from(r.first_response_at.is_none());
        }
        fn merge(&mut self, other: Self) {
            self.0 += other.0;
            self.1 += other.1;
        }
    }
    let (count, report) = read_bytes(
        text.as_bytes(),
        "synthetic.csv",
        Columns::Detect,
        &ReadOptions::default(),
        TextEncoding::Utf8,
        || Count(0, 0),
    )
    .unwrap();
    assert_eq!(
        (report.rows_used, report.rows_rejected, report.duplicates),
        (500, 0, 0)
    );
    assert_eq!((count.0, count.1), (500, unanswered));
}

#[test]
fn archive_conversations_parse_and_are_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let n = write_transcript_archive(a.path(), 16, 5, 3).unwrap();
    assert_eq!(write_transcript_archive(b.path(), 16, 5, 3).unwrap(), n);
    let file = a.path().join("deepwave/conversation-000001.txt");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(b.path().join("deepwave/conversation-000001.txt")).unwrap()
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let (t, warnings) = supportgrade::ingest::transcript::text::parse(&text, "c.txt", "deepwave").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(t.messages.len() >= 10);
}
