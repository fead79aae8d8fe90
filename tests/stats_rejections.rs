//! `supportgrade stats` when rows are rejected: every row rejected is an error naming the cause
//! they share, a cause most rejected rows share is named in the count line, and rows whose
//! channel is not a customer channel are one line with the mapping that would count them.
//! The exports are the fixtures of tests/fixtures/exports, some with a few cells changed.

mod common;

use common::{path_str, read, Run};
use std::path::{Path, PathBuf};

const ZENDESK: &str = "tests/fixtures/exports/zendesk.csv";

fn stats(args: &[&str]) -> Run {
    common::supportgrade(["stats"].iter().chain(args))
}

/// A copy of the Zendesk fixture (CRLF line ends kept) with `from` replaced by `to` in the
/// row of ticket `id`.
fn zendesk_with(dir: &Path, edits: &[(&str, &str, &str)]) -> PathBuf {
    let mut text = read(&common::root().join(ZENDESK));
    for (id, from, to) in edits {
        let row = text
            .split("\r\n")
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap_or_else(|| panic!("no ticket {id}"))
            .to_string();
        assert!(row.contains(from), "ticket {id} has no {from:?}");
        text = text.replacen(&row, &row.replacen(from, to, 1), 1);
    }
    let path = dir.join("zendesk.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// The lines of standard error starting with `prefix`.
fn lines<'a>(run: &'a Run, prefix: &str) -> Vec<&'a str> {
    run.stderr.lines().filter(|l| l.starts_with(prefix)).collect()
}

const NO_ZONE: &str =
    "'Created at' has no time zone: give one with --timezone (an IANA name such as Asia/Shanghai)";

#[test]
fn every_row_rejected_is_an_error_naming_the_cause_they_share() {
    for format in ["table", "json"] {
        let out = stats(&[ZENDESK, "--format", format]);
        assert_eq!(out.code, Some(3), "{}", out.describe());
        assert!(
            out.stdout.is_empty(),
            "no numbers from no rows\n{}",
            out.describe()
        );
        // The rows are listed as ever (CRLF line ends: the first data row is line 2, and
        // "Created at" column 7), then one line says what they share.
        let warnings = lines(&out, "warning: ");
        assert_eq!(warnings.len(), 6, "{}", out.describe());
        assert!(warnings[0].contains("zendesk.csv:2:7: Created at: '2026-03-02 09:00:00' has no time zone"));
        assert_eq!(
            lines(&out, "error: "),
            [format!("error: {ZENDESK}: all 6 rows rejected: {NO_ZONE}")],
            "{}",
            out.describe()
        );
    }
    // Listed up to --max-errors; all counted.
    let out = stats(&[ZENDESK, "--max-errors", "2"]);
    assert_eq!(out.code, Some(3));
    assert_eq!(
        lines(&out, "error: "),
        [format!(
            "error: {ZENDESK}: all 6 rows rejected: {NO_ZONE} (2 listed above; --max-errors to see more)"
        )]
    );
    // Given a zone, every row is used.
    stats(&[ZENDESK, "--timezone", "UTC"]).assert_ok();
}

#[test]
fn a_cause_most_rejected_rows_share_is_named_in_the_count_line() {
    // Tickets 1003 and 1006 (never solved) get an offset and are used; 1004 gets an unknown
    // priority; the other three have no zone.
    let tmp = tempfile::tempdir().unwrap();
    let file = zendesk_with(
        tmp.path(),
        &[
            ("1003", "2026-03-02 10:00:00", "2026-03-02 10:00:00 +08:00"),
            ("1006", "2026-03-02 13:00:00", "2026-03-02 13:00:00 +08:00"),
            ("1004", "Low", "Someday"),
        ],
    );
    let out = stats(&[path_str(&file), "--format", "json"]);
    let doc = out.json();
    assert_eq!(
        (doc["rows_used"].as_u64(), doc["rows_rejected"].as_u64()),
        (Some(2), Some(4))
    );
    assert_eq!(
        lines(&out, &format!("warning: {}: ", file.display())),
        [format!(
            "warning: {}: 4 row(s) rejected, 0 duplicated probe id(s), 2 row(s) used; 3 of them: {NO_ZONE}",
            file.display()
        )],
        "{}",
        out.describe()
    );
}

#[test]
fn rows_of_no_customer_channel_are_one_line_with_a_mapping_that_counts_them() {
    let tmp = tempfile::tempdir().unwrap();
    let file = zendesk_with(
        tmp.path(),
        &[
            ("1004", "Mail", "Internal Communication"),
            ("1005", "Mail", "Internal Communication"),
        ],
    );
    let base = [path_str(&file), "--timezone", "UTC", "--format", "json"];
    let by_channel = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend(["--by", "channel"]);
        args.extend(extra);
        stats(&args)
    };
    let out = by_channel(&[]);
    let doc = out.json();
    assert_eq!(
        (doc["rows_used"].as_u64(), doc["rows_rejected"].as_u64()),
        (Some(4), Some(2))
    );
    // No line per row: one line with the count, the values and the mapping.
    assert!(!out.stderr.contains(":5:6:"), "{}", out.describe());
    let said = format!(
        "warning: {}: 2 row(s) rejected because their Via is not a customer channel: \
         'Internal Communication' (2); to count them, map each value to chat, phone, email, ticket, \
         dedicated_manager, community or im_group in a --columns file, e.g. ",
        file.display()
    );
    let line = lines(&out, &said);
    assert_eq!(line.len(), 1, "{}", out.describe());
    let mapping = &line[0][said.len()..];
    assert_eq!(
        mapping,
        "[values.channel] \"internal communication\" = \"ticket\""
    );
    assert!(out
        .stderr
        .contains("2 row(s) rejected, 0 duplicated probe id(s), 4 row(s) used\n"));

    // The mapping suggested counts them, the export still read as Zendesk's.
    let toml = tmp.path().join("channels.toml");
    std::fs::write(&toml, mapping.replacen("] ", "]\n", 1)).unwrap();
    let doc = by_channel(&["--columns", path_str(&toml)]).json();
    assert_eq!(
        (doc["rows_used"].as_u64(), doc["rows_rejected"].as_u64()),
        (Some(6), Some(0))
    );
    assert_eq!(doc["preset"], "zendesk");
    let ticket = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"]["channel"] == "ticket")
        .expect("a ticket group");
    // 1003 came by web form; 1004 and 1005 are now tickets.
    assert_eq!(ticket["n"], 3);

    // Not grouped by channel, the rows are used.
    let doc = stats(&base).json();
    assert_eq!(doc["rows_rejected"], 0);
}
