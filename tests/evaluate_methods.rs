//! `evaluate` with the rubric's methods (issue 14): the real binary on a small folder built
//! here, three vendors on two criteria of equal weight (set by `[weights.ahp]`):
//!
//! | vendor | speed: urgent probes answered within 15 min | cases: customer cases (10 = 100) |
//! | --- | --- | --- |
//! | alpha | 3 of 10 (score 30) | 4 (score 40) |
//! | beta | 10 of 10 (score 100) | 1 (score 10) |
//! | gamma | 6 of 10 (score 60) | 8 (score 80) |
//!
//! Weighted sum: gamma 70, beta 55, alpha 35. TOPSIS: gamma 71.09, beta 42.77, alpha 31.30;
//! without gamma, alpha (52.04) passes beta (47.96): a rank reversal (see score/compare.rs).

mod common;

use common::{evaluate_into, path_str, read, read_json};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const RUBRIC: &str = r#"name = "methods"
version = "1"
[targets]
first_response_minutes = { urgent = 15 }

[[criterion]]
id = "speed"
name = "Speed"
  [[criterion.measure]]
  metric = "first_response_attainment"
  priority = "urgent"
  linear = { best = 1.0, worst = 0.0 }

[[criterion]]
id = "cases"
name = "Customer cases"
  [[criterion.measure]]
  metric = "cases_count"
  linear = { best = 10, worst = 0 }

[weights.ahp]
judgements = ["speed 1 cases"]
"#;

/// The folder: vendors.toml, measurements.csv (10 urgent probes each), profiles/.
fn folder(root: &Path) -> PathBuf {
    let data = root.join("methods");
    std::fs::create_dir_all(data.join("profiles")).unwrap();
    let mut vendors = String::from("[evaluation]\nname = \"Methods\"\ndate = 2026-10-31\n");
    let mut csv = String::from(
        "vendor,probe_id,channel,priority,sent_at,first_response_at,resolved_at,resolved_on_first_contact\n",
    );
    for (id, name, in_time, cases) in [
        ("alpha", "Alpha", 3, 4),
        ("beta", "Beta", 10, 1),
        ("gamma", "Gamma", 6, 8),
    ] {
        let _ = write!(vendors, "[[vendor]]\nid = \"{id}\"\nname = \"{name}\"\n");
        for k in 0..10 {
            let day = 10 + k;
            let answer = if k < in_time {
                format!("2026-10-{day}T09:05:00+08:00")
            } else {
                format!("2026-10-{day}T11:00:00+08:00")
            };
            let _ = writeln!(
                csv,
                "{id},{id}-{k},chat,urgent,2026-10-{day}T09:00:00+08:00,{answer},,"
            );
        }
        let mut profile = String::new();
        for c in 0..cases {
            let _ = write!(profile, "[[case]]\nname = \"Case {c}\"\nindustry = \"finance\"\n");
        }
        std::fs::write(data.join("profiles").join(format!("{id}.toml")), profile).unwrap();
    }
    std::fs::write(data.join("vendors.toml"), vendors).unwrap();
    std::fs::write(data.join("measurements.csv"), csv).unwrap();
    data
}

fn rubric(root: &Path, text: &str) -> PathBuf {
    let p = root.join("rubric.toml");
    std::fs::write(&p, text).unwrap();
    p
}

fn vendor_ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect()
}

#[test]
fn compare_methods_shows_both_rankings_tau_and_the_reversal_in_json_and_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path());
    let r = rubric(tmp.path(), RUBRIC);
    let out = tmp.path().join("out");
    let run = evaluate_into(
        &data,
        &out,
        &["--rubric", path_str(&r), "--compare-methods", "--format", "json"],
    );
    let doc = run.json();
    assert_eq!(
        doc,
        read_json(&out.join("results.json")),
        "stdout is results.json"
    );

    // The rubric's method, its normalisation and the AHP weights are stated.
    assert_eq!(doc["method"]["aggregation"], "weighted_sum");
    assert!(
        doc["method"]["weights"].as_str().unwrap().contains("AHP"),
        "{}",
        doc["method"]
    );
    let weights: Vec<f64> = doc["vendors"][0]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["weight"].as_f64().unwrap())
        .collect();
    assert_eq!(weights, [50.0, 50.0]);
    assert_eq!(vendor_ids(&doc["vendors"]), ["gamma", "beta", "alpha"]);

    let c = &doc["method_comparison"];
    assert_eq!(c["methods"], serde_json::json!(["weighted_sum", "topsis"]));
    assert_eq!(c["rubric_method"], "weighted_sum");
    assert_eq!(vendor_ids(&c["vendors"]), ["gamma", "beta", "alpha"]);
    let row = |id: &str| {
        c["vendors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        row("gamma")["totals"],
        serde_json::json!({"topsis": 71.09, "weighted_sum": 70.0})
    );
    assert_eq!(
        row("beta")["totals"],
        serde_json::json!({"topsis": 42.77, "weighted_sum": 55.0})
    );
    assert_eq!(
        row("alpha")["totals"],
        serde_json::json!({"topsis": 31.3, "weighted_sum": 35.0})
    );
    assert_eq!(
        row("alpha")["ranks"],
        serde_json::json!({"topsis": 3, "weighted_sum": 3})
    );
    // Same order by both: tau-b 1.
    assert_eq!(c["kendall_tau_b"], 1.0);
    assert_eq!(
        c["rank_reversals"],
        serde_json::json!([{"method": "topsis", "left_out": "gamma", "ahead": "beta", "behind": "alpha"}])
    );

    let md = read(&out.join("report.md"));
    assert!(md.contains("**Method:** weighted sum:"), "{md}");
    assert!(md.contains("## Methods compared"), "{md}");
    assert!(
        md.contains("| vendor | weighted\\_sum rank | weighted\\_sum total | topsis rank | topsis total |"),
        "{md}"
    );
    assert!(md.contains("| Gamma (gamma) | 1 | 70.00 | 1 | 71.09 |"), "{md}");
    assert!(
        md.contains("Kendall's tau-b between the weighted\\_sum and topsis rankings: 1.000."),
        "{md}"
    );
    assert!(
        md.contains("- topsis: without Gamma, Alpha ranks ahead of Beta (with every vendor, Beta is ahead)"),
        "{md}"
    );

    let csv = read(&out.join("scores.csv"));
    let header = csv.lines().next().unwrap();
    assert!(
        header
            .ends_with("method,weighted_sum_rank,weighted_sum_total,topsis_rank,topsis_total,kendall_tau_b"),
        "{header}"
    );
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .ends_with("weighted_sum,1,70.00,1,71.09,1.0000"),
        "{csv}"
    );

    // The terminal table says it too.
    let run = evaluate_into(
        &data,
        &tmp.path().join("out2"),
        &["--rubric", path_str(&r), "--compare-methods"],
    );
    run.assert_ok();
    assert!(
        run.stdout
            .contains("Kendall's tau-b between the weighted_sum and topsis rankings: 1.000"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("topsis: without Gamma, Alpha ranks ahead of Beta"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("method: weighted sum"), "{}", run.stdout);
}

#[test]
fn a_topsis_rubric_ranks_by_closeness_and_says_what_the_robustness_analysis_used() {
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path());
    let r = rubric(
        tmp.path(),
        &format!("{RUBRIC}\n[aggregation]\nmethod = \"topsis\"\n"),
    );
    let out = tmp.path().join("out");
    let doc = evaluate_into(&data, &out, &["--rubric", path_str(&r), "--format", "json"]).json();
    assert_eq!(doc["method"]["aggregation"], "topsis");
    assert!(doc["method"]["description"]
        .as_str()
        .unwrap()
        .contains("vector-normalised"));
    assert!(doc["method"]["robustness"]
        .as_str()
        .unwrap()
        .contains("not topsis"));
    assert_eq!(doc["method_comparison"], Value::Null);
    let totals: Vec<f64> = doc["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["total"].as_f64().unwrap())
        .collect();
    assert_eq!(totals, [71.09, 42.77, 31.3]);
    let md = read(&out.join("report.md"));
    assert!(md.contains("**Method:** TOPSIS:"), "{md}");
    assert!(read(&out.join("charts/scores.svg")).contains("totals by topsis"));
}

#[test]
fn inconsistent_ahp_judgements_stop_the_evaluation_naming_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path());
    let three = RUBRIC.replace(
        "[weights.ahp]\njudgements = [\"speed 1 cases\"]\n",
        "[[criterion]]\nid = \"more\"\nname = \"More cases\"\n  [[criterion.measure]]\n  metric = \"cases_count\"\n  linear = { best = 20, worst = 0 }\n\n[weights.ahp]\njudgements = [\n  \"speed 9 cases\",\n  \"cases 9 more\",\n  \"more 9 speed\",\n]\n",
    );
    let r = rubric(tmp.path(), &three);
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &["--rubric", path_str(&r)]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    let shown = format!(
        "{}:29:14: weights.ahp: the judgements are inconsistent",
        path_str(&r)
    );
    assert!(run.stderr.contains(&shown), "{}", run.stderr);
    assert!(
        run.stderr.contains("'more 9 speed' (line 32, column 3"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing is written");
}
