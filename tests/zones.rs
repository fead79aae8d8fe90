//! Timestamps written without a zone in an evaluation: vendors.toml's `timezone` (or
//! `--timezone`) is their zone, in the measurements and in JSON chat exports alike; with
//! neither, each is one error saying where to give one, and nothing follows from it.

mod common;

use common::{copy_dir, path_str, read, read_json, root, Run};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A copy of the sample evaluation folder in a temporary folder, with its vendors.toml's
/// `timezone` line replaced by `timezone` (or removed).
fn sample_with_zone(timezone: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("sample");
    copy_dir(&root().join("data/sample"), &data);
    let vendors = data.join("vendors.toml");
    let text = read(&vendors);
    let line = text
        .lines()
        .find(|l| l.starts_with("timezone"))
        .expect("the sample names its timezone")
        .to_string();
    let new = timezone
        .map(|z| format!("timezone = \"{z}\""))
        .unwrap_or_default();
    std::fs::write(&vendors, text.replacen(&line, &new, 1)).unwrap();
    (tmp, data)
}

fn evaluate(data: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["evaluate", "--data", path_str(data), "--out", path_str(out)];
    args.extend_from_slice(extra);
    common::supportgrade(&args)
}

/// The lines of standard error that start with `error: ` and name `needle`.
fn errors_naming<'a>(run: &'a Run, needle: &str) -> Vec<&'a str> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("error: ") && l.contains(needle))
        .collect()
}

/// Replaces `from` by `to` in line `line` (1-based) of `path`.
fn edit_line(path: &Path, line: usize, from: &str, to: &str) {
    let text = read(path);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert!(lines[line - 1].contains(from), "line {line} has no {from:?}");
    lines[line - 1] = lines[line - 1].replacen(from, to, 1);
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn a_naive_measurement_without_any_zone_is_one_error_pointing_at_vendors_toml() {
    // Line 2 was answered (first_response_at) and resolved on first contact: with the reply's
    // zone gone the row is rejected once, not also as "resolved but never answered".
    let (tmp, data) = sample_with_zone(None);
    let csv = data.join("measurements.csv");
    assert!(read(&csv).lines().nth(1).unwrap().ends_with(",true"));
    edit_line(&csv, 2, "2026-10-06T19:20:36+08:00", "2026-10-06 19:20:36");
    let out = tmp.path().join("out");
    let run = evaluate(&data, &out, &[]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    let about_the_row = errors_naming(&run, "measurements.csv:2:");
    assert_eq!(
        about_the_row,
        [
            "error: measurements.csv:2:6: first_response_at: '2026-10-06 19:20:36' has no time zone: \
          add an offset such as +08:00 or set timezone in vendors.toml (or give --timezone)"
        ],
        "{}",
        run.describe()
    );
    assert!(!run.stderr.contains("never answered"), "{}", run.describe());
    assert!(!out.join("results.json").exists());

    // With the zone given on the command line, or in vendors.toml, the row is read.
    evaluate(&data, &out, &["--timezone", "Asia/Shanghai"]).assert_ok();
    std::fs::write(
        data.join("vendors.toml"),
        read(&root().join("data/sample/vendors.toml")),
    )
    .unwrap();
    evaluate(&data, &out, &[]).assert_ok();

    // `stats` has no vendors.toml: its message keeps pointing at --timezone.
    let stats = common::supportgrade(["stats", path_str(&csv), "--format", "json"]);
    assert!(
        stats
            .stderr
            .contains("has no time zone: give one with --timezone")
            && !stats.stderr.contains("vendors.toml"),
        "{}",
        stats.describe()
    );
}

/// A JSON chat export whose timestamps have no zone, across the night Europe/Berlin leaves
/// summer time (2026-10-25, 03:00 CEST -> 02:00 CET): the reply comes 3 hours after the question
/// in Berlin, 2 hours after in a zone without summer time.
const NAIVE_CHAT: &str = r#"{"messages": [
  {"from": "Eva", "role": "customer", "at": "2026-10-25 01:30:00", "text": "How do you keep video quality on a weak network?"},
  {"from": "Lin", "role": "agent", "at": "2026-10-25 03:30:00", "text": "Adaptive bitrate and FEC."}
]}
"#;
const CHAT: &str = "transcripts/deepwave/naive-chat.json";

fn first_reply_seconds(out: &Path) -> f64 {
    let doc = read_json(&out.join("results.json"));
    let conversation: &Value = doc["transcripts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["file"] == CHAT)
        .unwrap_or_else(|| panic!("no {CHAT} in results.json"));
    conversation["first_reply_seconds"].as_f64().unwrap()
}

#[test]
fn naive_chat_timestamps_take_the_evaluation_zone_or_the_flag() {
    let (tmp, data) = sample_with_zone(Some("Europe/Berlin"));
    std::fs::write(data.join(CHAT), NAIVE_CHAT).unwrap();
    let out = tmp.path().join("out");
    evaluate(&data, &out, &[]).assert_ok();
    assert_eq!(first_reply_seconds(&out), 3.0 * 3600.0, "read in Europe/Berlin");
    // --timezone overrides vendors.toml.
    evaluate(&data, &out, &["--timezone", "Asia/Shanghai"]).assert_ok();
    assert_eq!(first_reply_seconds(&out), 2.0 * 3600.0, "read in Asia/Shanghai");

    // Without either: one error per timestamp, saying where to give the zone.
    let (tmp, data) = sample_with_zone(None);
    std::fs::write(data.join(CHAT), NAIVE_CHAT).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate(&data, &out, &[]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    let errors = errors_naming(&run, CHAT);
    assert_eq!(errors.len(), 2, "{}", run.describe());
    assert!(
        errors[0].starts_with(&format!("error: {CHAT}:2:"))
            && errors[0].contains(
                "'2026-10-25 01:30:00' has no time zone: add an offset such as +08:00 or set timezone in vendors.toml"
            ),
        "{}",
        run.describe()
    );
}

#[test]
fn evaluate_names_the_cause_most_rejected_rows_share() {
    // Every sent_at without its offset and no zone anywhere: the summary line says why.
    let (tmp, data) = sample_with_zone(None);
    let csv = data.join("measurements.csv");
    let text = read(&csv);
    let naive: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                let mut f: Vec<String> = l.split(',').map(str::to_string).collect();
                // `2026-10-05T13:28:29+08:00` -> `2026-10-05 13:28:29`, whatever the offset.
                f[4] = f[4].replace('T', " ")[..19].to_string();
                f.join(",")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&csv, naive + "\n").unwrap();
    let rows = text.lines().count() - 1;
    let run = evaluate(&data, &tmp.path().join("out"), &[]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    let summary = run
        .stderr
        .lines()
        .find(|l| l.contains("rows rejected"))
        .unwrap_or_else(|| panic!("a summary line\n{}", run.describe()));
    assert!(
        summary.contains(&format!(
            "{rows} rows rejected, 0 rows usable; {rows} of the rejected rows: 'sent_at'"
        )) && summary.contains("has no time zone"),
        "{summary}"
    );
}
