//! End-to-end tests of `supportgrade evaluate`: the real binary, run from the repository root,
//! writing into a temporary folder.
//!
//! Fixtures (tests/fixtures/):
//! - `quantile/`: two vendors, alpha's urgent first responses are 1, 2, 3, 4 and 10 minutes;
//! - `knockout/`: `fast` answers within minutes, `slow` after days or never (but has the better
//!   documentation and customer cases);
//! - `injection/`: vendor names that are a spreadsheet formula and an HTML script.
//!
//! Bad-input tests copy `data/sample` into a temporary folder and change one file.

mod common;

use common::{evaluate_into, path_str, read, read_json, root, sample_copy, vendor, Run};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

const SAMPLE: &str = "data/sample";
const OUTPUT_FILES: [&str; 4] = ["report.md", "results.json", "scores.csv", "charts/scores.svg"];

// ---------------------------------------------------------------------------------------------
// Helpers

/// Runs `supportgrade evaluate` with `args`, from the repository root.
fn evaluate(args: &[&str]) -> Run {
    common::supportgrade(["evaluate"].iter().chain(args))
}

/// Rewrites line `line` (1-based) of a file with `f`, keeping the other lines as they are.
fn edit_line(path: &Path, line: usize, f: impl FnOnce(&str) -> String) {
    let text = read(path);
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    assert!(
        line >= 1 && line <= lines.len(),
        "{} has no line {line}",
        path.display()
    );
    let new = f(&lines[line - 1]);
    assert_ne!(new, lines[line - 1], "the edit changed nothing");
    lines[line - 1] = new;
    std::fs::write(path, lines.join("\n")).unwrap();
}

/// Replaces the field `column` (by header name) of CSV line `line`; the sample has no quoted
/// fields, so a plain split is exact.
fn edit_csv_field(path: &Path, line: usize, column: &str, value: &str) {
    let col = csv_column(path, column);
    edit_line(path, line, |l| {
        let mut fields: Vec<&str> = l.split(',').collect();
        fields[col] = value;
        fields.join(",")
    });
}

/// 0-based index of a column of a CSV file's header.
fn csv_column(path: &Path, column: &str) -> usize {
    let text = read(path);
    let header = text.lines().next().unwrap();
    header
        .split(',')
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column} in {}", path.display()))
}

fn csv_field(path: &Path, line: usize, column: &str) -> String {
    let col = csv_column(path, column);
    let text = read(path);
    text.lines()
        .nth(line - 1)
        .unwrap()
        .split(',')
        .nth(col)
        .unwrap()
        .to_string()
}

/// The data rows of a CSV file (non-empty lines after the header).
fn csv_data_rows(path: &Path) -> usize {
    read(path)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count()
}

/// Records of a CSV file, header included.
fn csv_records(path: &Path) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    rdr.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn vendors(doc: &Value) -> &Vec<Value> {
    doc["vendors"].as_array().expect("vendors is an array")
}

fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} should be a string in {v}"))
}

fn f64_field(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} should be a number in {v}"))
}

/// The vendor ids of the table printed to stdout, top to bottom (`name (id)` cells).
fn table_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with('│'))
        .filter_map(|l| {
            let cell = l.split('┆').nth(1)?.trim();
            let open = cell.rfind('(')?;
            let close = cell.rfind(')')?;
            (open < close).then(|| cell[open + 1..close].to_string())
        })
        .collect()
}

/// Asserts an invalid-input run: exit 3, nothing written, and stderr naming `needles`.
fn assert_invalid(run: &Run, out: &Path, needles: &[&str]) {
    assert_eq!(
        run.code,
        Some(3),
        "expected exit 3 (invalid input)\n{}",
        run.describe()
    );
    for n in needles {
        assert!(
            run.stderr.contains(n),
            "stderr should contain {n:?}\n{}",
            run.describe()
        );
    }
    for f in OUTPUT_FILES {
        assert!(
            !out.join(f).exists(),
            "{f} was written although the input is invalid"
        );
    }
}

/// The weights of the criteria of rubrics/default.toml, in order.
fn default_rubric_weights() -> Vec<(String, f64)> {
    let src = read(&root().join("rubrics/default.toml"));
    let doc: toml::Value = toml::from_str(&src).unwrap();
    doc["criterion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let w = &c["weight"];
            let w = w.as_float().or_else(|| w.as_integer().map(|i| i as f64)).unwrap();
            (c["id"].as_str().unwrap().to_string(), w)
        })
        .collect()
}

/// The 1-based number of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line contains {needle:?}"))
        + 1
}

// ---------------------------------------------------------------------------------------------
// 1. The sample run

#[test]
fn sample_run_is_consistent_across_outputs() {
    let out = tempfile::tempdir().unwrap();
    let run = evaluate_into(Path::new(SAMPLE), out.path(), &[]);
    run.assert_ok();
    for f in OUTPUT_FILES {
        assert!(out.path().join(f).is_file(), "{f} was not written");
    }
    let doc = read_json(&out.path().join("results.json"));
    let json_ids: Vec<String> = vendors(&doc)
        .iter()
        .map(|v| str_field(v, "id").to_string())
        .collect();
    assert_eq!(json_ids.len(), 5, "the sample has five vendors");

    // Same order in scores.csv ...
    let records = csv_records(&out.path().join("scores.csv"));
    let header = &records[0];
    let id_col = header
        .iter()
        .position(|h| h == "vendor_id")
        .expect("a vendor_id column");
    let rank_col = header.iter().position(|h| h == "rank").expect("a rank column");
    let total_col = header.iter().position(|h| h == "total").expect("a total column");
    let csv_ids: Vec<String> = records[1..].iter().map(|r| r[id_col].clone()).collect();
    assert_eq!(csv_ids, json_ids, "scores.csv and results.json rank differently");
    // ... and in the table printed to stdout.
    assert_eq!(table_ids(&run.stdout), json_ids, "stdout table:\n{}", run.stdout);

    // Ranks 1..5 in order; totals in 0..=100 and equal to the sum of the criteria's points.
    let ranks: Vec<i64> = vendors(&doc)
        .iter()
        .map(|v| v["rank"].as_i64().unwrap())
        .collect();
    assert_eq!(ranks, vec![1, 2, 3, 4, 5]);
    let totals: Vec<f64> = vendors(&doc).iter().map(|v| f64_field(v, "total")).collect();
    assert!(
        totals.windows(2).all(|w| w[0] >= w[1]),
        "not ranked by total: {totals:?}"
    );
    for (v, r) in vendors(&doc).iter().zip(&records[1..]) {
        let total = f64_field(v, "total");
        assert!((0.0..=100.0).contains(&total), "{} total {total}", v["id"]);
        let sum: f64 = v["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| f64_field(c, "points"))
            .sum();
        // Each criterion's points and the total are rounded to 2 decimals separately.
        assert!(
            (sum - total).abs() <= 0.02 + 1e-9,
            "{}: points sum {sum} but total {total}",
            v["id"]
        );
        assert_eq!(
            r[rank_col],
            v["rank"].to_string(),
            "scores.csv rank of {}",
            v["id"]
        );
        let csv_total: f64 = r[total_col].parse().unwrap();
        assert!(
            (csv_total - total).abs() < 0.005,
            "scores.csv total of {}",
            v["id"]
        );
    }

    // Criteria and weights as in rubrics/default.toml.
    let expected = default_rubric_weights();
    let weights: Vec<f64> = expected.iter().map(|(_, w)| *w).collect();
    assert_eq!(weights, vec![25.0, 15.0, 15.0, 20.0, 15.0, 10.0]);
    for v in vendors(&doc) {
        let got: Vec<(String, f64)> = v["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (str_field(c, "id").to_string(), f64_field(c, "weight")))
            .collect();
        assert_eq!(got, expected, "criteria of {}", v["id"]);
        for c in v["criteria"].as_array().unwrap() {
            let (p, w) = (f64_field(c, "points"), f64_field(c, "weight"));
            assert!(
                (0.0..=w + 1e-9).contains(&p),
                "{} {}: {p} of {w}",
                v["id"],
                c["id"]
            );
        }
    }
}

#[test]
fn sample_evidence_points_into_the_sample_files() {
    let out = tempfile::tempdir().unwrap();
    evaluate_into(Path::new(SAMPLE), out.path(), &[]).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let sample = root().join(SAMPLE);
    let mut line_counts: HashMap<String, Vec<String>> = HashMap::new();
    let mut checked = 0;
    let mut check = |vendor_id: &str, ev: &Value, what: &str| {
        let file = str_field(ev, "file");
        str_field(ev, "text");
        let path = sample.join(file);
        assert!(path.is_file(), "{what}: evidence file {file} is not in {SAMPLE}");
        let lines = line_counts
            .entry(file.to_string())
            .or_insert_with(|| read(&path).lines().map(str::to_string).collect());
        match &ev["line"] {
            Value::Null => {}
            Value::Number(n) => {
                let n = n.as_u64().expect("a line is a positive integer") as usize;
                assert!(
                    n >= 1 && n <= lines.len(),
                    "{what}: {file}:{n} but the file has {} lines",
                    lines.len()
                );
                // A measurement row cited for a vendor is one of that vendor's rows.
                // and the row of the probe the evidence names.
                if file == "measurements.csv" {
                    let row = &lines[n - 1];
                    assert!(
                        row.starts_with(&format!("{vendor_id},")),
                        "{what}: {file}:{n} is not a row of {vendor_id}: {row}"
                    );
                    let probe_id = row.split(',').nth(1).unwrap();
                    let text = str_field(ev, "text");
                    assert!(
                        text.contains(probe_id),
                        "{what}: {file}:{n} is probe {probe_id}, but the evidence says {text:?}"
                    );
                }
            }
            other => panic!("{what}: line should be an integer or null, found {other}"),
        }
        // Files named after a vendor are that vendor's.
        for dir in ["sla/", "profiles/", "transcripts/"] {
            if let Some(rest) = file.strip_prefix(dir) {
                let owner = rest.split(['/', '.']).next().unwrap();
                assert_eq!(owner, vendor_id, "{what}: evidence {file} cited for {vendor_id}");
            }
        }
        checked += 1;
    };
    for v in vendors(&doc) {
        let id = str_field(v, "id");
        for c in v["criteria"].as_array().unwrap() {
            let what = format!("{id}/{}", str_field(c, "id"));
            for ev in c["evidence"].as_array().expect("evidence is an array") {
                check(id, ev, &what);
            }
            for m in c["measures"].as_array().into_iter().flatten() {
                for ev in m["metric"]["evidence"].as_array().into_iter().flatten() {
                    check(id, ev, &what);
                }
            }
        }
        for p in v["promises"].as_array().unwrap() {
            check(id, &p["evidence"], &format!("{id}/promise"));
        }
    }
    assert!(checked > 50, "only {checked} pieces of evidence in the sample");
}

#[test]
fn sample_results_json_has_the_documented_shape() {
    let out = tempfile::tempdir().unwrap();
    evaluate_into(Path::new(SAMPLE), out.path(), &[]).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    assert_eq!(str_field(&doc["rubric"], "name"), "default");
    assert!(!str_field(&doc["rubric"], "version").is_empty());
    assert!(!vendors(&doc).is_empty());
    for v in vendors(&doc) {
        let id = str_field(v, "id");
        assert!(!str_field(v, "name").is_empty(), "{id}: empty name");
        assert!(
            v["rank"].is_u64(),
            "{id}: rank should be an integer: {}",
            v["rank"]
        );
        assert!(
            v["total"].is_f64() || v["total"].is_u64(),
            "{id}: total {}",
            v["total"]
        );
        assert!(
            v["knocked_out"].is_boolean(),
            "{id}: knocked_out {}",
            v["knocked_out"]
        );
        let criteria = v["criteria"].as_array().expect("criteria is an array");
        assert!(!criteria.is_empty());
        for c in criteria {
            str_field(c, "id");
            f64_field(c, "points");
            f64_field(c, "weight");
            for ev in c["evidence"].as_array().expect("evidence is an array") {
                str_field(ev, "file");
                str_field(ev, "text");
                assert!(
                    ev["line"].is_null() || ev["line"].is_u64(),
                    "{id}: line {}",
                    ev["line"]
                );
            }
        }
        let promises = v["promises"].as_array().expect("promises is an array");
        for p in promises {
            for key in ["what", "promised", "measured"] {
                assert!(!str_field(p, key).is_empty(), "{id}: empty {key}");
            }
            assert!(
                p["met"].is_boolean() || p["met"].is_null(),
                "{id}: met {}",
                p["met"]
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Promised vs measured on the sample

#[test]
fn sample_promises_urgent_first_response() {
    let out = tempfile::tempdir().unwrap();
    evaluate_into(Path::new(SAMPLE), out.path(), &[]).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let urgent = |id: &str| -> Value {
        vendor(&doc, id)["promises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| str_field(p, "what").contains("urgent"))
            .unwrap_or_else(|| panic!("{id} has no urgent promise"))
            .clone()
    };
    // qingluan promises 15 minutes and two urgent probes were never answered.
    let q = urgent("qingluan");
    assert_eq!(q["met"], Value::Bool(false), "qingluan urgent: {q}");
    assert!(str_field(&q, "promised").contains("15"), "qingluan urgent: {q}");
    // deepwave promises 1 hour and answered every urgent probe within it.
    let d = urgent("deepwave");
    assert_eq!(d["met"], Value::Bool(true), "deepwave urgent: {d}");
    for v in vendors(&doc) {
        let promises = v["promises"].as_array().unwrap();
        assert!(
            !promises.is_empty(),
            "{}: no promise found in its SLA page",
            v["id"]
        );
        for p in promises {
            for key in ["what", "promised", "measured"] {
                assert!(p[key].is_string(), "{}: {key} is not a string: {p}", v["id"]);
            }
            // `met` agrees with the measured p90 and the promised limit (a null p90 over some
            // probes means the tail was never answered).
            let limit = f64_field(p, "promised_minutes");
            let expected = match (&p["measured_p90_minutes"], p["n"].as_u64().unwrap()) {
                (_, 0) => Value::Null,
                (Value::Null, _) => Value::Bool(false),
                (p90, _) => Value::Bool(p90.as_f64().unwrap() <= limit),
            };
            assert_eq!(p["met"], expected, "{}: {p}", v["id"]);
        }
    }
    // qingluan promises the first response to high-priority tickets within 1 hour; its
    // high-priority probes took hours.
    let q_high = vendor(&doc, "qingluan")["promises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| str_field(p, "what").contains("high"))
        .expect("qingluan has a high-priority promise");
    assert_eq!(q_high["met"], Value::Bool(false), "qingluan high: {q_high}");
}

// ---------------------------------------------------------------------------------------------
// 3. Determinism

#[test]
fn two_runs_write_identical_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let b_out = b.path().join("elsewhere/deeper");
    evaluate_into(Path::new(SAMPLE), a.path(), &[]).assert_ok();
    evaluate_into(Path::new(SAMPLE), &b_out, &[]).assert_ok();
    for f in OUTPUT_FILES {
        let x = std::fs::read(a.path().join(f)).unwrap();
        let y = std::fs::read(b_out.join(f)).unwrap();
        assert!(!x.is_empty(), "{f} is empty");
        assert!(x == y, "{f} differs between two runs");
    }
}

// ---------------------------------------------------------------------------------------------
// 4. A hand-checked quantile

#[test]
fn quantiles_of_first_response_match_numpy() {
    let out = tempfile::tempdir().unwrap();
    evaluate_into(Path::new("tests/fixtures/quantile"), out.path(), &[]).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let group = doc["measurements"]["groups"]
        .as_array()
        .expect("measurements.groups is an array")
        .iter()
        .find(|g| {
            g["key"]["vendor"] == "alpha" && g["key"]["priority"] == "urgent" && g["key"]["channel"].is_null()
        })
        .expect("a group for alpha, priority urgent");
    assert_eq!(group["n"], 5);
    // alpha's urgent first responses are 1, 2, 3, 4 and 10 minutes (measurements.csv lines 2-6).
    // numpy.quantile([1, 2, 3, 4, 10], [0.5, 0.9]) (default method "linear") == [3.0, 7.6]:
    // h = (n - 1) * p; p50: h = 2.0 -> x[2] = 3; p90: h = 3.6 -> x[3] + 0.6 * (x[4] - x[3])
    // = 4 + 0.6 * 6 = 7.6.
    let p50 = f64_field(&group["first_response_minutes"], "p50");
    let p90 = f64_field(&group["first_response_minutes"], "p90");
    assert!((p50 - 3.0).abs() < 1e-9, "p50 {p50}");
    assert!((p90 - 7.6).abs() < 1e-9, "p90 {p90}");
}

// ---------------------------------------------------------------------------------------------
// 5. Knock-out

#[test]
fn a_vendor_failing_a_must_have_is_knocked_out_and_ranked_last() {
    let out = tempfile::tempdir().unwrap();
    evaluate_into(Path::new("tests/fixtures/knockout"), out.path(), &[]).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let (fast, slow) = (vendor(&doc, "fast"), vendor(&doc, "slow"));
    assert_eq!(slow["knocked_out"], true, "slow: {slow}");
    assert_eq!(fast["knocked_out"], false, "fast: {fast}");
    let knockouts = slow["knockouts"].as_array().unwrap();
    assert!(
        knockouts
            .iter()
            .any(|k| k.as_str().unwrap().starts_with("response")),
        "slow should be knocked out on response: {knockouts:?}"
    );
    // The premise: slow's documentation and cases give it the higher total ...
    assert!(
        f64_field(slow, "total") > f64_field(fast, "total"),
        "the fixture should give slow the higher total"
    );
    // ... and it is still ranked after fast.
    assert!(slow["rank"].as_u64().unwrap() > fast["rank"].as_u64().unwrap());
    let order: Vec<&str> = vendors(&doc).iter().map(|v| str_field(v, "id")).collect();
    assert_eq!(order, vec!["fast", "slow"]);

    let report = read(&out.path().join("report.md"));
    assert!(
        report.contains("Knocked out"),
        "report.md does not say Knocked out"
    );
    let records = csv_records(&out.path().join("scores.csv"));
    let ko_col = records[0].iter().position(|h| h == "knocked_out").unwrap();
    let id_col = records[0].iter().position(|h| h == "vendor_id").unwrap();
    let slow_row = records.iter().find(|r| r[id_col] == "slow").unwrap();
    assert_eq!(slow_row[ko_col], "true");
}

// ---------------------------------------------------------------------------------------------
// 6. Bad inputs: exit 3, file and line (and column) named, nothing written

#[test]
fn malformed_csv_row_is_rejected_with_its_line() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    edit_line(&csv, 5, |_| "deepwave,deepwave-004,ticket,urgent".to_string());
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    assert_invalid(&run, &out, &["measurements.csv:5:", "fields"]);
}

#[test]
fn unparseable_timestamp_names_line_and_column() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    edit_csv_field(&csv, 5, "sent_at", "2026-10-14 9am");
    // The program counts a CSV column in fields: sent_at is the 5th.
    let col = csv_column(&csv, "sent_at") + 1;
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    assert_invalid(
        &run,
        &out,
        &[
            &format!("measurements.csv:5:{col}:"),
            "RFC 3339",
            "2026-10-14 9am",
        ],
    );
}

#[test]
fn reply_before_its_question_is_rejected() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    // Line 5 was sent at 12:30:18 and answered at 13:23:54; make the answer come at 11:23:54.
    assert_eq!(csv_field(&csv, 5, "sent_at"), "2026-10-07T12:30:18+08:00");
    edit_csv_field(&csv, 5, "first_response_at", "2026-10-07T11:23:54+08:00");
    let col = csv_column(&csv, "first_response_at") + 1;
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    assert_invalid(
        &run,
        &out,
        &[&format!("measurements.csv:5:{col}:"), "before its question"],
    );
}

#[test]
fn rubric_weights_not_summing_to_100() {
    let tmp = tempfile::tempdir().unwrap();
    let src = read(&root().join("rubrics/default.toml"));
    // The last criterion, cases, weighs 10: drop it to 0 so that the weights sum to 90.
    assert_eq!(src.matches("\nweight = 10\n").count(), 1);
    let rubric = tmp.path().join("weights90.toml");
    std::fs::write(&rubric, src.replace("\nweight = 10\n", "\nweight = 0\n")).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate(&["--rubric", path_str(&rubric), "--out", path_str(&out)]);
    assert_invalid(&run, &out, &["sum to 90"]);
    // `<rubric path>:<line>:<column>: ...`, the line being one of a criterion's weight.
    let prefix = format!("{}:", rubric.display());
    let at = run
        .stderr
        .find(&prefix)
        .unwrap_or_else(|| panic!("no rubric path\n{}", run.describe()));
    let line: usize = run.stderr[at + prefix.len()..]
        .split(':')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no line number after the rubric path\n{}", run.describe()));
    let text = read(&rubric);
    let shown = text.lines().nth(line - 1).unwrap_or("");
    assert!(
        shown.trim_start().starts_with("weight"),
        "line {line} is {shown:?}"
    );
}

#[test]
fn unknown_vendor_in_measurements() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    edit_csv_field(&csv, 5, "vendor", "nosuchvendor");
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    assert_invalid(
        &run,
        &out,
        &["measurements.csv:5:1:", "unknown vendor id", "nosuchvendor"],
    );
}

#[test]
fn lenient_evaluates_the_good_rows_and_counts_the_bad() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    let rows = csv_data_rows(&csv);
    edit_line(&csv, 5, |_| "deepwave,deepwave-004,ticket,urgent".to_string());
    edit_line(&csv, 9, |l| format!("{l},surplus"));
    let out = tmp.path().join("out");

    // Without --lenient: refused.
    let strict = evaluate_into(&data, &out, &[]);
    assert_invalid(&strict, &out, &["measurements.csv:5:", "measurements.csv:9:"]);

    let run = evaluate_into(&data, &out, &["--lenient"]);
    run.assert_ok();
    let doc = read_json(&out.join("results.json"));
    assert_eq!(doc["measurements"]["rows_rejected"], 2);
    assert_eq!(doc["measurements"]["rows_used"], rows - 2);
    for needle in ["measurements.csv:5:", "measurements.csv:9:"] {
        assert!(
            run.stderr.contains(needle),
            "stderr should list {needle}\n{}",
            run.describe()
        );
    }
    let report = read(&out.join("report.md"));
    assert!(report.contains(&format!("{} rows used, 2 rejected", rows - 2)));
}

#[test]

fn lenient_counts_a_row_with_two_problems_once() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    let rows = csv_data_rows(&csv);
    // One row, two problems: an unknown channel and an unparseable timestamp.
    edit_csv_field(&csv, 5, "channel", "fax");
    edit_csv_field(&csv, 5, "sent_at", "2026-10-14 9am");
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &["--lenient"]);
    run.assert_ok();
    let doc = read_json(&out.join("results.json"));
    assert_eq!(doc["measurements"]["rows_used"], rows - 1);
    assert_eq!(doc["measurements"]["rows_rejected"], 1, "one bad row");
}

#[test]
fn crlf_measurements_keep_their_line_numbers() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    edit_line(&csv, 5, |_| "deepwave,deepwave-004,ticket,urgent".to_string());
    std::fs::write(&csv, read(&csv).replace('\n', "\r\n")).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    assert_invalid(&run, &out, &["measurements.csv:5:"]);
}

#[test]
fn a_blank_line_does_not_shift_the_next_rows_line_number() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    // A blank line 5, then the malformed row on line 6, right after it.
    let text = read(&csv);
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines[4] = "deepwave,deepwave-004,ticket,urgent";
    lines.insert(4, "");
    std::fs::write(&csv, lines.join("\n")).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    assert_invalid(&run, &out, &["measurements.csv:6:"]);
}

#[test]
fn rubric_with_an_unknown_metric() {
    let tmp = tempfile::tempdir().unwrap();
    let src = read(&root().join("rubrics/default.toml"));
    let text = src.replace("metric = \"cases_count\"", "metric = \"cases_counted\"");
    assert_ne!(text, src);
    let rubric = tmp.path().join("unknown-metric.toml");
    std::fs::write(&rubric, &text).unwrap();
    let line = line_of(&text, "cases_counted");
    let col = text.lines().nth(line - 1).unwrap().find('"').unwrap() + 1;
    let out = tmp.path().join("out");
    let run = evaluate(&["--rubric", path_str(&rubric), "--out", path_str(&out)]);
    let at = format!("{}:{line}:{col}:", rubric.display());
    assert_invalid(&run, &out, &[&at, "unknown metric 'cases_counted'"]);
}

#[test]
fn rubric_with_an_unknown_key() {
    let tmp = tempfile::tempdir().unwrap();
    let src = read(&root().join("rubrics/default.toml"));
    let text = src.replacen("\nweight = 25\n", "\nweight = 25\ncolour = \"red\"\n", 1);
    assert_ne!(text, src);
    let rubric = tmp.path().join("unknown-key.toml");
    std::fs::write(&rubric, &text).unwrap();
    let line = line_of(&text, "colour");
    let out = tmp.path().join("out");
    let run = evaluate(&["--rubric", path_str(&rubric), "--out", path_str(&out)]);
    let at = format!("{}:{line}:1:", rubric.display());
    assert_invalid(&run, &out, &[&at, "colour"]);
}

// ---------------------------------------------------------------------------------------------
// 7. Formula injection and escaping

#[test]
fn vendor_names_are_defused_and_escaped() {
    let out = tempfile::tempdir().unwrap();
    evaluate_into(Path::new("tests/fixtures/injection"), out.path(), &[]).assert_ok();
    let formula = r#"=HYPERLINK("http://x.example","click")"#;
    let script = "<script>alert(1)</script>";

    // results.json keeps the names as they are.
    let doc = read_json(&out.path().join("results.json"));
    assert_eq!(vendor(&doc, "formula")["name"], formula);
    assert_eq!(vendor(&doc, "script")["name"], script);

    // scores.csv: the formula is quoted away; no cell can start a formula.
    let records = csv_records(&out.path().join("scores.csv"));
    let cells: Vec<&String> = records.iter().flatten().collect();
    assert!(
        cells.iter().any(|c| *c == &format!("'{formula}")),
        "no cell holds '{formula}: {records:?}"
    );
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '-', '@']),
            "scores.csv cell {c:?} starts a formula"
        );
    }

    let report = read(&out.path().join("report.md"));
    assert!(
        !report.to_lowercase().contains("<script"),
        "report.md contains <script>"
    );
    assert!(
        report.contains("&lt;script&gt;"),
        "report.md should show the name escaped"
    );

    let svg = read(&out.path().join("charts/scores.svg"));
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"), "not an SVG");
    assert!(
        !svg.to_lowercase().contains("<script"),
        "scores.svg contains <script>"
    );
    assert!(
        svg.contains("&lt;script&gt;"),
        "scores.svg should show the name escaped"
    );
}

// ---------------------------------------------------------------------------------------------
// 8. --format json / markdown

#[test]
fn format_json_prints_results_json() {
    let out = tempfile::tempdir().unwrap();
    let run = evaluate_into(Path::new(SAMPLE), out.path(), &["--format", "json"]);
    run.assert_ok();
    let printed: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{}", run.describe()));
    let written = read_json(&out.path().join("results.json"));
    assert!(printed == written, "stdout JSON differs from results.json");
    assert_eq!(vendors(&printed).len(), 5);
}

#[test]
fn format_markdown_prints_report_md() {
    let out = tempfile::tempdir().unwrap();
    let run = evaluate_into(Path::new(SAMPLE), out.path(), &["--format", "markdown"]);
    run.assert_ok();
    let written = read(&out.path().join("report.md"));
    assert!(written.starts_with("# "), "report.md has no title");
    assert_eq!(run.stdout, written);
}

// ---------------------------------------------------------------------------------------------
// 9. A missing evaluation folder

#[test]
fn missing_data_folder_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-evaluation");
    let out = tmp.path().join("out");
    let run = evaluate_into(&missing, &out, &[]);
    assert_ne!(run.code, Some(0), "{}", run.describe());
    assert!(run.code.is_some(), "killed by a signal\n{}", run.describe());
    assert!(
        run.stderr.contains(path_str(&missing)),
        "stderr should name {}\n{}",
        missing.display(),
        run.describe()
    );
    assert!(!out.exists(), "an output folder was created");
}

#[test]
fn promises_kept_feed_the_response_score() {
    let out = tempfile::tempdir().unwrap();
    evaluate_into(Path::new(SAMPLE), out.path(), &[]).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let kept = |id: &str| -> Value {
        let response = vendor(&doc, id)["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "response")
            .unwrap()
            .clone();
        response["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"]["name"] == "sla_promises_kept_rate")
            .unwrap_or_else(|| panic!("{id}: no sla_promises_kept_rate measure"))
            .clone()
    };
    // qingluan (sla/qingluan.md): urgent 15 min and high 1 h broken, normal 24 h and
    // low 3 business days kept -> 2 of 4; its evidence points at the broken promises' lines.
    let q = kept("qingluan");
    assert_eq!(q["metric"]["value"].as_f64(), Some(0.5), "{q}");
    let lines: Vec<_> = q["metric"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64())
        .collect();
    assert_eq!(lines, vec![Some(10), Some(16)], "{q}");
    assert_eq!(q["score"].as_f64(), Some(50.0));
    // deepwave keeps all four.
    assert_eq!(kept("deepwave")["metric"]["value"].as_f64(), Some(1.0));
}

#[test]
fn promises_have_a_status_an_interval_and_their_clock() {
    let out = tempfile::tempdir().unwrap();
    evaluate_into(Path::new(SAMPLE), out.path(), &[]).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let mut statuses = Vec::new();
    for v in doc["vendors"].as_array().unwrap() {
        for p in v["promises"].as_array().unwrap() {
            let status = str_field(p, "status").to_string();
            let expected = match p["met"].as_bool() {
                Some(true) => "met",
                Some(false) => "not_met",
                None => "not_measurable",
            };
            assert_eq!(status, expected, "{p}");
            // The p90's interval, where the probes allow one, holds the p90.
            if let (Some(ci), Some(p90)) = (
                p["measured_p90_ci"].as_array(),
                p["measured_p90_minutes"].as_f64(),
            ) {
                let lo = ci[0].as_f64().unwrap();
                assert!(lo <= p90, "{p}");
                if let Some(hi) = ci[1].as_f64() {
                    assert!(p90 <= hi, "{p}");
                }
            }
            // A promise without probes has no attainment; any other has one inside its interval.
            if p["n"] == 0 {
                assert!(p["attainment"].is_null() && p["attainment_ci"].is_null(), "{p}");
            } else {
                let ci = p["attainment_ci"].as_array().expect("attainment interval");
                let a = p["attainment"].as_f64().unwrap();
                assert!(
                    ci[0].as_f64().unwrap() <= a && a <= ci[1].as_f64().unwrap(),
                    "{p}"
                );
            }
            statuses.push((
                v["id"].as_str().unwrap().to_string(),
                p["priority"].as_str().unwrap().to_string(),
                status,
            ));
        }
    }
    assert!(
        statuses.contains(&("qingluan".into(), "urgent".into(), "not_met".into())),
        "{statuses:?}"
    );
    // Wrenfield, shortlisted late, was probed at urgent and normal priority only: its high and
    // low promises cannot be measured.
    for priority in ["high", "low"] {
        assert!(
            statuses.contains(&("wrenfield".into(), priority.into(), "not_measurable".into())),
            "{statuses:?}"
        );
    }
    // leqiao promises in business hours and states Mon-Fri 09:00-18:00 Beijing time: its
    // promises are measured on that calendar.
    let leqiao = vendor(&doc, "leqiao")["promises"].as_array().unwrap().clone();
    assert!(!leqiao.is_empty());
    for p in &leqiao {
        assert_eq!(p["clock"], "business_hours", "{p}");
        assert!(
            str_field(p, "measured").contains("Mon-Fri 09:00-18:00 Asia/Shanghai"),
            "{p}"
        );
    }
    // The report has the section.
    let md = std::fs::read_to_string(out.path().join("report.md")).unwrap();
    assert!(md.contains("## Promised vs measured"));
    assert!(md.contains("not met") || md.contains("**no**"), "{md}");
}

#[test]
fn sla_pages_in_html_or_the_typed_toml_form_are_held_to_their_promises() {
    let (_tmp, data) = sample_copy();
    let sla = data.join("sla");
    // swiftchat's page as HTML: its urgent promise read from a table row, with its line.
    std::fs::remove_file(sla.join("swiftchat.md")).unwrap();
    std::fs::write(
        sla.join("swiftchat.html"),
        "<html><body>\n<h1>SwiftChat support</h1>\n<table>\n<tr><th>Priority</th><th>First response</th></tr>\n<tr><td>P1</td><td>5 minutes</td></tr>\n</table>\n</body></html>\n",
    )
    .unwrap();
    // qingluan's promises typed in by an analyst.
    std::fs::remove_file(sla.join("qingluan.md")).unwrap();
    std::fs::write(
        sla.join("qingluan.toml"),
        "[[first_response]]\npriority = \"紧急\"\nduration = \"15分钟\"\n\n[[first_response]]\npriority = \"any\"\nminutes = 10000\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    evaluate_into(&data, out.path(), &[]).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let swift = vendor(&doc, "swiftchat")["promises"].as_array().unwrap().clone();
    assert_eq!(swift.len(), 1, "{swift:?}");
    assert_eq!(swift[0]["priority"], "urgent");
    assert_eq!(f64_field(&swift[0], "promised_minutes"), 5.0);
    assert_eq!(swift[0]["evidence"]["file"], "sla/swiftchat.html");
    assert_eq!(swift[0]["evidence"]["line"], 5);
    let q = vendor(&doc, "qingluan")["promises"].as_array().unwrap().clone();
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        (q[0]["priority"].as_str(), q[0]["evidence"]["line"].as_u64()),
        (Some("urgent"), Some(1))
    );
    // The promise to every request is set against all 48 probes.
    assert_eq!(
        (q[1]["priority"].as_str(), q[1]["n"].as_u64()),
        (Some("any"), Some(48))
    );
}

// ---------------------------------------------------------------------------------------------
// 7. One reader for every export: evaluate reads what stats reads

/// Runs `supportgrade stats` with `args` from the repository root and parses its JSON.
fn stats_json(args: &[&str]) -> Value {
    let mut all = vec!["stats"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    common::supportgrade(&all).json()
}

/// The vendor-wide group of `vendor` in a list of statistics groups.
fn vendor_group<'a>(groups: &'a [Value], vendor: &str) -> &'a Value {
    groups
        .iter()
        .find(|g| {
            g["key"]["vendor"] == vendor && g["key"]["priority"].is_null() && g["key"]["channel"].is_null()
        })
        .unwrap_or_else(|| panic!("no group for {vendor}"))
}

#[test]
fn a_zendesk_export_with_a_mapping_is_read_as_stats_reads_it() {
    // A Zendesk export (naive timestamps, no vendor column) as one vendor's measurements, with a
    // mapping beside it; vendors.toml's timezone is the zone of its timestamps.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("zd");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(root().join("data/sample/vendors.toml"), data.join("vendors.toml")).unwrap();
    let export = root().join("tests/fixtures/exports/zendesk.csv");
    std::fs::copy(&export, data.join("measurements.csv")).unwrap();
    let mapping = "vendor = \"deepwave\"\n[columns]\nprobe_id = \"Id\"\npriority = \"Priority\"\n\
                   channel = \"Via\"\nsent_at = \"Created at\"\n\
                   first_response_minutes = \"First reply time in minutes\"\n\
                   resolution_minutes = \"Full resolution time in minutes\"\n";
    std::fs::write(data.join("measurements.toml"), mapping).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    run.assert_ok();
    let doc = read_json(&out.join("results.json"));

    let mapping_file = tmp.path().join("mapping.toml");
    std::fs::write(&mapping_file, mapping).unwrap();
    let stats = stats_json(&[
        path_str(&export),
        "--columns",
        path_str(&mapping_file),
        "--timezone",
        "Asia/Shanghai",
        "--by",
        "vendor",
    ]);
    assert_eq!(doc["measurements"]["rows_used"], stats["rows_used"]);
    assert_eq!(doc["measurements"]["rows_rejected"], stats["rows_rejected"]);
    let ours = vendor_group(doc["measurements"]["groups"].as_array().unwrap(), "deepwave");
    let theirs = vendor_group(stats["groups"].as_array().unwrap(), "deepwave");
    assert_eq!(ours["first_response_minutes"], theirs["first_response_minutes"]);
    assert_eq!(ours["n"], theirs["n"]);
    // Evidence points at the export's lines by the ticket ids.
    let text = serde_json::to_string(&doc).unwrap();
    assert!(text.contains("\"measurements.csv\""), "evidence names the export");
    assert!(
        text.contains("1001") || text.contains("1002"),
        "evidence names ticket ids"
    );
}

#[test]
fn measurements_named_on_the_command_line_replace_the_folders() {
    // The knockout fixture's measurements, read into the quantile folder's vendors: the rows
    // name vendors the folder does not declare, so each is rejected with its line.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(
        Path::new("tests/fixtures/quantile"),
        &out,
        &["--measurements", "tests/fixtures/knockout/measurements.csv"],
    );
    assert_invalid(
        &run,
        &out,
        // 40 rows with the same problem (but for the id): one line naming how many and the
        // first places.
        &[
            "error: 40 places: vendor: unknown vendor id '…'",
            "knockout/measurements.csv:2:1,",
        ],
    );
    // A missing file is named.
    let run = evaluate_into(
        Path::new("tests/fixtures/quantile"),
        &out,
        &["--measurements", "tests/fixtures/no-such.csv"],
    );
    assert_invalid(&run, &out, &["no-such.csv", "no such measurements file"]);
}
