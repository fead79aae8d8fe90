//! The SLA extractor against corpora of hand-annotated documents (each document next to
//! `<name>.expected.json`, written by hand; conventions in tests/fixtures/sla/README.md).
//! Runs the real binary (`sla extract FILE --format json`) on every document and reports
//! precision and recall per kind of commitment and overall.
//!
//! - tests/fixtures/sla/: the corpus the rules were developed on;
//! - tests/fixtures/sla-heldout/: written afterwards, by another hand, without looking at the
//!   extractor or the first corpus: how the rules do on documents they were not tuned on.

mod common;

use common::{path_str, read_json};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn documents(corpus: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = common::root().join(corpus);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("corpus folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".expected.json") {
            continue;
        }
        let stem = name.trim_end_matches(".expected.json");
        let doc = ["md", "txt", "html", "htm", "toml"]
            .iter()
            .map(|e| dir.join(format!("{stem}.{e}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no document for {name}"));
        out.push((doc, path));
    }
    out.sort();
    out
}

fn plan(v: &Value) -> String {
    let mut p = v.as_str().unwrap_or("").to_lowercase();
    for w in ["plan", "support", "tier", "套餐", "服务"] {
        p = p.replace(w, "");
    }
    p.split_whitespace().collect()
}

fn num(v: &Value) -> String {
    v.as_f64()
        .map(|x| format!("{x:.3}"))
        .unwrap_or_else(|| "null".into())
}

fn s(v: &Value) -> String {
    v.as_str().map(str::to_string).unwrap_or_else(|| "null".into())
}

/// The compared fields of each item, per kind.
fn keys(doc: &Value) -> BTreeMap<&'static str, Vec<String>> {
    let line = |x: &Value| x["evidence"]["line"].to_string();
    let items = |k: &str| doc[k].as_array().cloned().unwrap_or_default();
    let mut m = BTreeMap::new();
    m.insert(
        "first_response",
        items("first_response")
            .iter()
            .map(|x| {
                format!(
                    "plan={} priority={} minutes={} hours={} line={}",
                    plan(&x["plan"]),
                    s(&x["priority"]),
                    num(&x["minutes"]),
                    s(&x["hours"]),
                    line(x)
                )
            })
            .collect(),
    );
    m.insert(
        "resolution",
        items("resolution")
            .iter()
            .map(|x| {
                format!(
                    "plan={} priority={} metric={} minutes={} percent={} line={}",
                    plan(&x["plan"]),
                    s(&x["priority"]),
                    s(&x["metric"]),
                    num(&x["minutes"]),
                    num(&x["percent"]),
                    line(x)
                )
            })
            .collect(),
    );
    m.insert(
        "support_hours",
        items("support_hours")
            .iter()
            .map(|x| {
                format!(
                    "plan={} schedule={} timezone={} line={}",
                    plan(&x["plan"]),
                    s(&x["schedule"]),
                    s(&x["timezone"]),
                    line(x)
                )
            })
            .collect(),
    );
    m.insert(
        "channels",
        items("channels")
            .iter()
            .map(|x| format!("channel={} plan={}", s(&x["channel"]), plan(&x["plan"])))
            .collect(),
    );
    m.insert(
        "uptime_percent",
        items("uptime_percent")
            .iter()
            .map(|x| format!("value={} line={}", num(&x["value"]), line(x)))
            .collect(),
    );
    m.insert("language", vec![s(&doc["language"])]);
    m.insert(
        "no_commitment_warning",
        if doc["warnings"].as_array().is_some_and(|w| !w.is_empty()) {
            vec!["warned".to_string()]
        } else {
            vec![]
        },
    );
    m
}

/// Precision and recall over a corpus, printed with every difference.
fn measure(corpus: &str) -> (usize, f64, f64) {
    let docs = documents(corpus);
    let mut totals: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut report = String::new();
    for (doc, expected_path) in &docs {
        let run = common::supportgrade(["sla", "extract", "--format", "json", path_str(doc)]);
        assert!(run.success(), "{}: {}", doc.display(), run.describe());
        let got = run.json();
        let expected = read_json(expected_path);
        assert_eq!(
            got["file"]
                .as_str()
                .map(|f| Path::new(f).file_name().unwrap().to_string_lossy().to_string()),
            expected["file"].as_str().map(str::to_string)
        );
        let (g, e) = (keys(&got), keys(&expected));
        for (kind, exp) in &e {
            let mut remaining = g.get(kind).cloned().unwrap_or_default();
            let mut tp = 0;
            let mut missed = Vec::new();
            for item in exp {
                if let Some(i) = remaining.iter().position(|x| x == item) {
                    remaining.remove(i);
                    tp += 1;
                } else {
                    missed.push(item.clone());
                }
            }
            let t = totals.entry(kind).or_default();
            t.0 += tp;
            t.1 += remaining.len();
            t.2 += missed.len();
            let name = doc.file_name().unwrap().to_string_lossy();
            for m in &missed {
                report.push_str(&format!("  {name}: missed {kind} {m}\n"));
            }
            for x in &remaining {
                report.push_str(&format!("  {name}: extra  {kind} {x}\n"));
            }
        }
    }
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    println!("SLA corpus {corpus}: {} documents", docs.len());
    println!(
        "{:<24}{:>6}{:>6}{:>6}{:>11}{:>8}",
        "kind", "tp", "fp", "fn", "precision", "recall"
    );
    for (kind, (t, f, n)) in &totals {
        let p = *t as f64 / (t + f).max(1) as f64;
        let r = *t as f64 / (t + n).max(1) as f64;
        println!("{kind:<24}{t:>6}{f:>6}{n:>6}{p:>11.3}{r:>8.3}");
        tp += t;
        fp += f;
        fn_ += n;
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "{:<24}{tp:>6}{fp:>6}{fn_:>6}{precision:>11.3}{recall:>8.3}",
        "all"
    );
    if !report.is_empty() {
        println!("differences:\n{report}");
    }
    (docs.len(), precision, recall)
}

#[test]
fn precision_and_recall_on_the_annotated_corpus() {
    let (n, precision, recall) = measure("tests/fixtures/sla");
    assert!(n >= 12, "the corpus has {n} documents, expected at least 12");
    // The floor the extractor must keep on this corpus (raise it, never lower it).
    assert!(
        precision >= 1.0 && recall >= 1.0,
        "precision {precision:.3}, recall {recall:.3}"
    );
}

/// The held-out corpus (tests/fixtures/sla-heldout) was written by someone who never saw
/// the extractor, to the conventions of tests/fixtures/sla/README.md. Measured blind when it
/// arrived: precision 0.689, recall 0.650 (10 documents). The floors are raised as general
/// rules improve; a rule written for one held-out document is a special case, not a fix.
/// After general rules (definition lists, plan names a document defines for itself, clocks
/// per clause, "reaction time"): precision 0.887, recall 0.893.
/// The business-day rule (one business day = the daily hours of the plan's schedule, 24 h for
/// 7x24, else 8 h) changed what the annotations say: N business days are N of the schedule's
/// days as the annotation states the schedule. Where the extractor reads a plan's hours wrong
/// (06: Basic's and Pro's 8:00 AM-6:00 PM read as 24x7), its five business-day promises now
/// differ too: precision 0.871, recall 0.877 (the same extraction as before, measured on the
/// new convention). Exception clauses and plans' customers scoping hours (issue 13) fixed
/// that document's hours: precision 0.892, recall 0.909. One plan per clause in a sentence
/// naming several, plan words read apart across a list separator, excepted plans not offered a
/// channel (issue 13, corpus 20-22): precision 0.895, recall 0.912.
const HELD_OUT_PRECISION: f64 = 0.89;
const HELD_OUT_RECALL: f64 = 0.90;

#[test]
fn precision_and_recall_on_the_held_out_corpus() {
    let (n, precision, recall) = measure("tests/fixtures/sla-heldout");
    assert!(
        n >= 8,
        "the held-out corpus has {n} documents, expected at least 8"
    );
    assert!(
        precision >= HELD_OUT_PRECISION && recall >= HELD_OUT_RECALL,
        "precision {precision:.3} (floor {HELD_OUT_PRECISION}), recall {recall:.3} (floor {HELD_OUT_RECALL})"
    );
}
