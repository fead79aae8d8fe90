//! `supportgrade stats` on small exports in their real header shapes. Expected numbers are
//! worked out by hand in the comments (numpy's default linear quantile: h = (n - 1) * p).

mod common;

use common::{path_str, Run};
use serde_json::Value;
use std::path::Path;

const EXPORTS: &str = "tests/fixtures/exports";

fn stats(args: &[&str]) -> Run {
    common::supportgrade(["stats"].iter().chain(args))
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    stats(&all).json()
}

fn export(name: &str) -> String {
    Path::new(EXPORTS).join(name).display().to_string()
}

fn group<'a>(doc: &'a Value, vendor: Option<&str>, priority: Option<&str>) -> &'a Value {
    doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"]["vendor"].as_str() == vendor && g["key"]["priority"].as_str() == priority)
        .unwrap_or_else(|| panic!("no group {vendor:?} {priority:?} in {doc}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn zendesk_export_with_its_sentinels() {
    let doc = json(&[
        &export("zendesk.csv"),
        "--timezone",
        "Asia/Shanghai",
        "--vendor",
        "acme",
    ]);
    assert_eq!(doc["rows_used"], 6);
    assert_eq!(doc["rows_rejected"], 0);
    assert_eq!(doc["encoding"], "utf-8");
    assert_eq!(doc["preset"], "zendesk");
    let g = group(&doc, Some("acme"), None);
    assert_eq!(
        (g["n"].as_u64(), g["answered"].as_u64(), g["unanswered"].as_u64()),
        (Some(6), Some(5), Some(1))
    );
    // First reply minutes 10, 20, 30, 40, 50: p50 = 30; p90: h = 3.6 -> 40 + 0.6 * 10 = 46;
    // p95: h = 3.8 -> 48; mean 30.
    let fr = &g["first_response_minutes"];
    assert_eq!(
        (f(&fr["p50"]), f(&fr["p90"]), f(&fr["p95"]), f(&fr["mean"])),
        (30.0, 46.0, 48.0, 30.0)
    );
    // Kaplan-Meier: the unanswered ticket (created 03-02 10:00) is censored at the latest
    // timestamp (03-04 14:00); survival 5/6, 4/6, 3/6 after 10, 20, 30 min -> median 30.
    assert_eq!(f(&g["km_median_minutes"]), 30.0);
    // Full resolution 45, 60, 2000, 3000 (1900-01-01 "Solved at" = unsolved): p50 h = 1.5 ->
    // 60 + 0.5 * 1940 = 1030; p90 h = 2.7 -> 2000 + 0.7 * 1000 = 2700.
    assert_eq!(f(&g["resolution_minutes"]["p50"]), 1030.0);
    assert_eq!(f(&g["resolution_minutes"]["p90"]), 2700.0);
    // Resolved within 48 h (2880 min): 45, 60, 2000 -> 3 of 6.
    assert_eq!(f(&g["resolved_within_48h_rate"]), 0.5);
    // One-touch (solved/closed with at most one reply): 1001, 1002, 1005 -> 3 of 6.
    assert_eq!(f(&g["first_contact_resolution_rate"]), 0.5);
    // Default targets urgent 15, normal 1440, low 2880: 1001 (10) yes, 1002 (20) no,
    // 1003 unanswered no, 1004 low (30) yes, 1005 normal (40) yes; 1006 has no priority -> 3 of 5.
    assert_eq!(f(&g["target_attainment"]), 0.6);
}

#[test]
fn freshdesk_export_by_priority() {
    let doc = json(&[&export("freshdesk.csv"), "--timezone", "UTC", "--by", "priority"]);
    assert_eq!(doc["preset"], "freshdesk");
    let urgent = group(&doc, None, Some("urgent"));
    assert_eq!(f(&urgent["first_response_minutes"]["p50"]), 12.0);
    let high = group(&doc, None, Some("high"));
    assert_eq!(f(&high["first_response_minutes"]["p50"]), 60.0);
    // "Medium" is normal; never answered.
    let normal = group(&doc, None, Some("normal"));
    assert_eq!(normal["answered"], 0);
    assert!(normal["first_response_minutes"]["p50"].is_null());
}

#[test]
fn gbk_and_utf16_exports_are_detected() {
    for (file, encoding) in [
        ("measurements-gbk.csv", "gb18030"),
        ("measurements-utf16.csv", "utf-16le"),
    ] {
        let doc = json(&[&export(file), "--by", "vendor,priority"]);
        assert_eq!(doc["encoding"], encoding, "{file}");
        assert_eq!(doc["rows_used"], 3, "{file}");
        // 紧急 = urgent: 25 min and 2 days 16 h (3840 min) wall clock.
        let urgent = group(&doc, Some("leqiao"), Some("urgent"));
        assert_eq!(urgent["n"], 2, "{file}");
        assert_eq!(
            f(&urgent["first_response_minutes"]["p50"]),
            (25.0 + 3840.0) / 2.0,
            "{file}"
        );
    }
}

#[test]
fn bad_rows_are_each_reported_and_counted() {
    let out = stats(&[&export("bad-rows.csv"), "--format", "json"]);
    let doc = out.json();
    // Lines 3 (reply before question), 4 (unknown priority), 6 (unparseable timestamp) and
    // 8 (resolved before the first reply) are rejected; line 5 repeats probe id 1 of line 2:
    // reported, and kept in the numbers. Line 9's channel is unknown, which matters only when
    // grouping by channel.
    assert_eq!(doc["rows_rejected"], 4);
    assert_eq!(doc["duplicates"], 1);
    assert_eq!(doc["rows_used"], 4);
    let err = &out.stderr;
    for needle in [
        "bad-rows.csv:3:6: first_response_at: the reply",
        "bad-rows.csv:4:4: priority: unknown priority 'someday'",
        "bad-rows.csv:5:2: duplicated probe id 'acme:1' (also on line 2)",
        "bad-rows.csv:6:5: sent_at:",
        "bad-rows.csv:8:7: resolved_at: resolved ('2026-10-14T12:10:00+08:00') before the first response",
        "4 row(s) rejected, 1 duplicated probe id(s), 4 row(s) used",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in\n{err}");
    }
    let by_channel = stats(&[
        &export("bad-rows.csv"),
        "--by",
        "vendor,channel",
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_str(&by_channel.stdout).unwrap();
    assert_eq!(
        (doc["rows_rejected"].as_u64(), doc["rows_used"].as_u64()),
        (Some(5), Some(3))
    );
    // Said in one line (tests/stats_rejections.rs), not row by row.
    let err = &by_channel.stderr;
    assert!(
        err.contains(
            "1 row(s) rejected because their channel is not a customer channel: 'carrier-pigeon' (1)"
        ),
        "{err}"
    );
    // --max-errors lists fewer rows but still counts them all.
    let few = stats(&[&export("bad-rows.csv"), "--max-errors", "1", "--format", "json"]);
    let err = &few.stderr;
    assert_eq!(err.matches("warning: ").count(), 2, "{err}");
    assert!(
        err.contains("bad-rows.csv:3:6:") && err.contains("4 row(s) rejected"),
        "{err}"
    );
    // --strict turns them into a failure.
    let strict = stats(&[&export("bad-rows.csv"), "--strict"]);
    assert_eq!(strict.code, Some(3));
    assert!(strict.stdout.is_empty());
}

#[test]
fn a_mapping_file_and_day_first_dates() {
    let doc = json(&[
        &export("salesforce-like.csv"),
        "--columns",
        &export("mapping.toml"),
        "--timezone",
        "Europe/London",
        "--vendor",
        "crm",
        "--by",
        "priority",
    ]);
    assert_eq!(doc["rows_used"], 2, "{doc}");
    // 21/04/2026 17:58 -> 18:10 = 12 min; "02/04/2026" is read day first (detected from 21/04).
    assert_eq!(
        f(&group(&doc, None, Some("urgent"))["first_response_minutes"]["p50"]),
        12.0
    );
    assert_eq!(
        f(&group(&doc, None, Some("normal"))["first_response_minutes"]["p50"]),
        240.0
    );
}

#[test]
fn csv_and_table_formats_carry_the_same_numbers() {
    let args = [
        export("zendesk.csv"),
        "--timezone".into(),
        "UTC".into(),
        "--vendor".into(),
        "=cmd".into(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut csv_args = args.clone();
    csv_args.extend(["--format", "csv"]);
    let out = stats(&csv_args);
    let text = out.stdout;
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("vendor,priority,channel,n,answered,unanswered,p50,p90"));
    let row = lines.next().unwrap();
    assert!(row.starts_with("'=cmd,*,*,6,5,1,30,46,48,30,"), "{row}");
    let table = stats(&args).stdout;
    assert!(table.contains("6 rows used, 0 rejected"), "{table}");
    assert!(table.contains("46"), "{table}");
}

#[test]
fn unknown_format_and_bad_options_fail_clearly() {
    let out = stats(&[&export("freshdesk.csv"), "--timezone", "Mars/Olympus"]);
    assert_eq!(out.code, Some(3));
    assert!(out.stderr.contains("unknown time zone 'Mars/Olympus'"));
    let out = stats(&[&export("mapping.toml")]);
    assert_eq!(out.code, Some(3));
    assert!(out.stderr.contains("unknown export format"));
    // A bad grouping is a usage error (2), not bad input.
    let out = stats(&[&export("freshdesk.csv"), "--by", "vendor,colour"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("cannot group by 'colour'"));
}

#[test]
fn business_hours_skip_the_weekend_and_the_holidays() {
    let file = export("business-hours.csv");
    let p50_mean = |doc: &Value| {
        let g = group(doc, Some("acme"), None);
        (
            f(&g["first_response_minutes"]["p50"]),
            f(&g["first_response_minutes"]["mean"]),
        )
    };
    // Wall clock: 20 min; Fri 17:30 -> Mon 09:30 = 3840 min; Wed 30 Sep 17:00 -> Thu 8 Oct
    // 09:10 = 7 days + 16 h 10 min = 11050 min. Median 3840, mean 14910 / 3 = 4970.
    let wall = json(&[&file]);
    assert_eq!(p50_mean(&wall), (3840.0, 4970.0));
    assert_eq!(group(&wall, Some("acme"), None)["clock"], "wall_clock");
    // Mon-Fri 09:00-18:00: 20; 30 + 30 = 60; 30 Sep 60 + 1-2 Oct 2 x 540 + 5-7 Oct 3 x 540
    // + 10 = 2770. Median 60, mean 2850 / 3 = 950.
    let spec = "Mon-Fri 09:00-18:00 Asia/Shanghai";
    let business = json(&[&file, "--business-hours", spec]);
    assert_eq!(p50_mean(&business), (60.0, 950.0));
    assert_eq!(group(&business, Some("acme"), None)["clock"], "business_hours");
    // With the Golden Week closed (1-7 Oct): 60 + 10 = 70. Median 60, mean 150 / 3 = 50.
    let holidays = export("holidays-cn-2026.toml");
    let doc = json(&[&file, "--business-hours", spec, "--holidays", &holidays]);
    assert_eq!(p50_mean(&doc), (60.0, 50.0));
    let clock = doc["clock"].as_str().unwrap();
    assert!(clock.contains("7 holiday(s), 1 make-up workday(s)"), "{clock}");
    // 7x24 is the wall clock.
    assert_eq!(
        p50_mean(&json(&[&file, "--business-hours", "7x24"])),
        (3840.0, 4970.0)
    );
}

#[test]
fn bad_business_hours_are_named() {
    let file = export("business-hours.csv");
    let out = stats(&[&file, "--business-hours", "Mon-Fri 09:00-18:00"]);
    assert_eq!(out.code, Some(3));
    let err = &out.stderr;
    assert!(err.contains("no time zone"), "{err}");
    let out = stats(&[&file, "--business-hours", "Mon-Fri 9am-6pm UTC"]);
    assert_eq!(out.code, Some(3));
    assert!(out.stderr.contains("'9am-6pm'"));
    let bad = std::env::temp_dir().join(format!("sg-holidays-{}.toml", std::process::id()));
    std::fs::write(&bad, "holidays = [\"2026-10-01\",\n  \"1 Oct\"]\n").unwrap();
    let out = stats(&[
        &file,
        "--business-hours",
        "Mon-Fri 09:00-18:00 UTC",
        "--holidays",
        path_str(&bad),
    ]);
    std::fs::remove_file(&bad).ok();
    assert_eq!(out.code, Some(3));
    let err = &out.stderr;
    assert!(
        err.contains(":2:3:") && err.contains("'1 Oct'") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

/// A bad `--preset` or `--by` is a usage error (exit 2, as README's table says), named with
/// the values expected, before any file is read.
#[test]
fn a_bad_preset_or_grouping_is_a_usage_error() {
    let sample = "data/sample/measurements.csv";
    let run = stats(&[sample, "--preset", "bogus"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr.contains("expected canonical, zendesk or freshdesk"),
        "{}",
        run.describe()
    );
    let run = stats(&[sample, "--by", "vendor,bogus"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr.contains("cannot group by 'bogus'"),
        "{}",
        run.describe()
    );
    let run = stats(&[sample, "--by", "priority,vendor"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
}
