//! The reader as a whole: presets by their header, a mapping file, rejected rows and their
//! lines, and a large file split between threads read as one thread reads it.

use super::columns::Preset;
use super::options::{Columns, ReadOptions, ReadReport};
use super::sink::RowSink;
use super::{read_bytes, read_file};
use crate::error::{Error, Result};
use crate::ingest::encoding::TextEncoding;
use crate::model::domain::{Channel, Priority};
use crate::model::ticket::TicketRow;
use crate::time::timestamp::{Epoch, NaiveZone, Zone};

type Collected = (
    String,
    Option<Priority>,
    Option<Channel>,
    Epoch,
    Option<Epoch>,
    Option<f64>,
);

#[derive(Default)]
struct Collect(Vec<Collected>);

impl RowSink for Collect {
    fn row(&mut self, r: &TicketRow) {
        self.0.push((
            r.vendor.to_string(),
            r.priority,
            r.channel,
            r.sent,
            r.first_response_at,
            r.first_response_minutes.or(r.first_response_business_minutes),
        ));
    }
    fn merge(&mut self, other: Self) {
        self.0.extend(other.0);
    }
}

fn read(text: &str, columns: Columns, options: &ReadOptions) -> Result<(Collect, ReadReport)> {
    read_bytes(
        text.as_bytes(),
        "t.csv",
        columns,
        options,
        TextEncoding::Utf8,
        Collect::default,
    )
}

/// A large file (read mapped, split between threads) gives what one thread gives: the
/// same rows, the same rejected lines, duplicates found across the split; and a quoted
/// line break across the split is detected and read with one thread.
#[test]
fn large_files_split_between_threads_read_like_one() {
    let mut body = Vec::new();
    crate::synthetic::write_measurements(&mut body, 90_000, 11).unwrap();
    let text = String::from_utf8(body).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    // A bad timestamp near the end (line 80001), and line 85001 repeats line 3's id.
    edited[80_000] = edited[80_000].replacen("+08:00", "+08:00x", 1);
    let id3 = lines[2].split(',').take(2).collect::<Vec<_>>().join(",");
    let rest85: Vec<&str> = lines[85_000].split(',').skip(2).collect();
    edited[85_000] = format!("{id3},{}", rest85.join(","));
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, edited.join("\n") + "\n").unwrap();
    // The same, with a note of many quoted lines in the middle row: any split at a line
    // start near the middle falls inside it.
    let mut quoted = edited.clone();
    let mid = 45_000;
    let note = format!("\"{}\"", "line\n".repeat(400_000));
    let fields: Vec<&str> = quoted[mid].split(',').collect();
    quoted[mid] = format!("{},{note},{}", fields[0], fields[2..].join(","));
    let quoted_path = dir.path().join("quoted.csv");
    std::fs::write(&quoted_path, quoted.join("\n") + "\n").unwrap();
    assert!(std::fs::metadata(&quoted_path).unwrap().len() > (8 << 20));

    for path in [&plain, &quoted_path] {
        let run = |threads: usize| {
            let options = ReadOptions {
                threads,
                ..ReadOptions::default()
            };
            read_file(path, "big.csv", Columns::Detect, &options, Collect::default).unwrap()
        };
        let (mut one, r1) = run(1);
        let (mut two, r2) = run(2);
        let order = |a: &Collected, b: &Collected| a.partial_cmp(b).expect("no NaN");
        one.0.sort_by(order);
        two.0.sort_by(order);
        assert_eq!(one.0, two.0, "{}", path.display());
        assert_eq!((r1.rows_used, r1.rows_rejected, r1.duplicates), (89_999, 1, 1));
        assert_eq!((r2.rows_used, r2.rows_rejected, r2.duplicates), (89_999, 1, 1));
        let shown: Vec<String> = r2.rejected.iter().map(|d| d.to_string()).collect();
        let quoted_lines = if path == &quoted_path { 400_000 } else { 0 };
        assert!(
            shown[0].starts_with(&format!("big.csv:{}:5:", 80_001 + quoted_lines)),
            "{shown:?}"
        );
        assert!(
            shown[1].contains("duplicated probe id") && shown[1].contains("(also on line 3)"),
            "{shown:?}"
        );
        assert_eq!(r1.rejected, r2.rejected);
    }
}

#[test]
fn zendesk_export_by_its_header() {
    // The header shape of a real Zendesk export (subset), with its 1900-01-01 sentinel.
    let text = "Id,Group,Status,Priority,Via,Created at,Solved at,Replies,First reply time in minutes within business hours,Full resolution time in minutes\n\
                297732,Support,Solved,Low,Mail,2023-04-08 20:52:00,2023-06-14 16:30:00,1,173,96218\n\
                297733,Support,Open,Urgent,Chat,2023-04-08 21:00:00,1900-01-01 00:00:00,0,,\n";
    let opts = ReadOptions {
        zone: NaiveZone::flag(Some(Zone::parse("Asia/Kolkata").unwrap())),
        ..ReadOptions::default()
    };
    let (rows, report) = read(text, Columns::Detect, &opts).unwrap();
    assert_eq!(report.preset, Some(Preset::Zendesk));
    assert_eq!(report.rows_used, 2);
    assert_eq!(rows.0[0].1, Some(Priority::Low));
    assert_eq!(rows.0[0].2, Some(Channel::Email));
    assert_eq!(rows.0[0].5, Some(173.0));
    assert_eq!(rows.0[1].5, None, "no first reply: unanswered");
    // 2023-04-08 20:52 in India (+05:30) is 15:22 UTC.
    assert_eq!(rows.0[0].3, civil_seconds_utc(2023, 4, 8, 15, 22));
}

fn civil_seconds_utc(y: u32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    crate::time::timestamp::civil_seconds(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn freshdesk_export_by_its_header() {
    let text = "Ticket ID,Subject,Status,Priority,Source,Created time,Resolved time,First response time (in hrs),Agent interactions\n\
                1,404 error,Resolved,High,Email,2025-12-03 16:29:08,2025-12-03 18:00:00,01:30:00,1\n";
    let opts = ReadOptions {
        zone: NaiveZone::flag(Some(Zone::Fixed(0))),
        ..ReadOptions::default()
    };
    let (rows, report) = read(text, Columns::Detect, &opts).unwrap();
    assert_eq!(report.preset, Some(Preset::Freshdesk));
    assert_eq!(rows.0[0].1, Some(Priority::High));
    assert_eq!(rows.0[0].5, Some(90.0));
}

#[test]
fn a_mapping_file_for_any_export() {
    let text = "Case,Opened,Answered,Sev\nC-1,2026-10-14T09:00:00+08:00,2026-10-14T09:12:00+08:00,Sev A\n";
    let mapping = "vendor = \"acme\"\n[columns]\nprobe_id = \"Case\"\nsent_at = \"Opened\"\nfirst_response_at = \"Answered\"\npriority = \"Sev\"\n[values.priority]\n\"Sev A\" = \"urgent\"\n";
    let (rows, report) = read(
        text,
        Columns::Mapping(mapping, "map.toml"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(report.rows_used, 1);
    assert_eq!(rows.0[0].0, "acme");
    assert_eq!(rows.0[0].1, Some(Priority::Urgent));
    assert_eq!(rows.0[0].4.unwrap() - rows.0[0].3, 12 * 60);
    let bad = "[columns]\nsent_at = \"Opened\"\nfirst_response_at = \"Nope\"\n";
    let Err(Error::Invalid(d)) = read(text, Columns::Mapping(bad, "map.toml"), &ReadOptions::default())
    else {
        panic!()
    };
    assert_eq!(
        (d[0].file.as_str(), d[0].line, d[0].column),
        ("map.toml", Some(3), Some(22))
    );
}

#[test]
fn a_mapping_without_columns_adds_to_the_preset_of_the_header() {
    let text = "Id,Priority,Via,Created at,Solved at,First reply time in minutes\n\
                1,Urgent,Internal Communication,2026-03-02 09:00:00,1900-01-01 00:00:00,10\n\
                2,Sev A,Mail,2026-03-02 09:00:00,N/A,20\n";
    let opts = ReadOptions {
        zone: NaiveZone::flag(Some(Zone::Fixed(0))),
        require_channel: true,
        ..ReadOptions::default()
    };
    let mapping = "vendor = \"acme\"\nnull_values = [\"N/A\"]\n\
                   [values.channel]\n\"Internal Communication\" = \"ticket\"\n\
                   [values.priority]\n\"sev a\" = \"urgent\"\n";
    let (rows, report) = read(text, Columns::Mapping(mapping, "map.toml"), &opts).unwrap();
    assert_eq!((report.rows_used, report.preset), (2, Some(Preset::Zendesk)));
    assert_eq!(rows.0[0].0, "acme");
    assert_eq!(rows.0[0].2, Some(Channel::Ticket));
    assert_eq!(rows.0[1].1, Some(Priority::Urgent));
    // The preset's own null values stay (1900-01-01), the mapping's are added (N/A).
    assert_eq!(report.rows_rejected, 0);
    // Without it, the internal row is rejected for its channel: counted by value, and listed
    // only when asked.
    let quiet = ReadOptions {
        list_unknown_channels: false,
        ..opts.clone()
    };
    let (_, report) = read(text, Columns::Detect, &quiet).unwrap();
    assert_eq!(report.rows_rejected, 2, "and 'Sev A' is no priority");
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.causes.len(), 1);
    assert_eq!(report.causes[0].text, "Priority: unknown priority '…': expected urgent, high, normal or low (or P1..P4, critical, medium, 紧急/高/普通/低), or map it under [values.priority]");
    let u = &report.unknown_channels;
    assert_eq!((u.column.as_str(), u.rows), ("Via", 1));
    assert_eq!(u.values, [("Internal Communication".to_string(), 1)]);
    let (_, listed) = read(text, Columns::Detect, &opts).unwrap();
    assert_eq!((listed.rejected.len(), listed.unknown_channels.rows), (2, 1));
    // A header no preset knows needs [columns].
    let Err(Error::Invalid(d)) = read(
        "Case,Opened\nC-1,x\n",
        Columns::Mapping(mapping, "map.toml"),
        &opts,
    ) else {
        panic!()
    };
    assert!(d[0].message.starts_with("no [columns]"), "{}", d[0]);
}

#[test]
fn every_bad_row_is_counted_and_the_first_ones_reported() {
    let text =
        "vendor,probe_id,channel,priority,sent_at,first_response_at,resolved_at,resolved_on_first_contact\n\
                a,1,chat,urgent,2026-10-14T09:00:00+08:00,2026-10-14T08:00:00+08:00,,\n\
                a,2,chat,whenever,2026-10-14T09:00:00+08:00,,,\n\
                a,3,chat,urgent,2026-10-14 09:00,,,\n\
                a,4,chat,urgent,2026-10-14T09:00:00+08:00,,,\n\
                a,4,chat,urgent,2026-10-14T09:00:00+08:00,,,\n";
    let opts = ReadOptions {
        max_reported: 10,
        ..ReadOptions::default()
    };
    let (rows, report) = read(text, Columns::Detect, &opts).unwrap();
    assert_eq!(rows.0.len(), 2, "the sink saw both copies of probe 4");
    assert_eq!(report.rows_rejected, 3);
    assert_eq!(report.rows_used, 2);
    assert_eq!(report.duplicates, 1);
    let got: Vec<_> = report.rejected.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(
        got,
        vec![
            (Some(2), Some(6)),
            (Some(3), Some(4)),
            (Some(4), Some(5)),
            (Some(6), Some(2))
        ]
    );
    assert!(report.rejected[0].message.contains("before its question"));
    assert!(report.rejected[2].message.contains("--timezone"));
    assert!(report.rejected[3]
        .message
        .contains("duplicated probe id 'a:4' (also on line 5)"));
}
