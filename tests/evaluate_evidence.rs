//! Missing evidence is never a silent zero (issue 12, section 1): every input a vendor lacks
//! is a warning naming the vendor and the file expected, on standard error and in the report;
//! the rubric decides what a measure without evidence does (`missing = "exclude" | "zero" |
//! "fail"`, default exclude); each vendor's evidence coverage stands next to its total;
//! `--strict` makes a missing input an error; a folder without any evidence is an error.
//!
//! Each test copies `data/sample` (every vendor has every input there) and removes one.

mod common;

use common::{evaluate_into, path_str, read, read_json, root, sample_copy, vendor};
use serde_json::Value;

fn criterion<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
}

fn warnings(doc: &Value) -> Vec<String> {
    doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

/// Runs the evaluation with one input removed and checks what every missing input must give:
/// exit 0, a warning naming the vendor and the file expected (stderr and results.json), the
/// vendor's coverage below 1 next to its total, and the measures without evidence listed.
fn without(remove: &str, vendor_id: &str, file_named: &str) -> (Value, String, String) {
    let (tmp, data) = sample_copy();
    let path = data.join(remove);
    if path.is_dir() {
        std::fs::remove_dir_all(&path).unwrap();
    } else {
        std::fs::remove_file(&path).unwrap();
    }
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    run.assert_ok();
    let wanted = format!("{file_named}: vendor '{vendor_id}' has no");
    assert!(
        run.stderr.contains(&format!("warning: {wanted}")),
        "{}",
        run.describe()
    );
    let doc = read_json(&out.join("results.json"));
    assert!(
        warnings(&doc).iter().any(|w| w.starts_with(&wanted)),
        "results.json warnings: {:?}",
        warnings(&doc)
    );
    let v = vendor(&doc, vendor_id);
    let coverage = v["coverage"].as_f64().expect("a coverage figure");
    assert!(
        coverage < 1.0 && coverage > 0.0,
        "{vendor_id} coverage {coverage}"
    );
    assert!(
        !v["missing"].as_array().unwrap().is_empty(),
        "the measures without evidence are listed"
    );
    let report = read(&out.join("report.md"));
    assert!(
        report.contains("## Missing evidence"),
        "report.md has the section"
    );
    assert!(
        report.contains(&format!("`{vendor_id}`): total")),
        "report.md names {vendor_id}"
    );
    assert!(report.contains(file_named), "report.md lists the warning");
    (doc, report, run.stdout)
}

#[test]
fn a_missing_profile_leaves_docs_and_cases_out_instead_of_scoring_them_zero() {
    let (doc, _, stdout) = without("profiles/leqiao.toml", "leqiao", "profiles/leqiao.toml");
    let v = vendor(&doc, "leqiao");
    for id in ["docs", "cases"] {
        let c = criterion(v, id);
        assert_eq!(
            c["effective_weight"], 0.0,
            "{id} carries no weight without evidence"
        );
        assert_eq!(c["coverage"], 0.0);
        for m in c["measures"].as_array().unwrap() {
            assert_eq!(m["status"], "excluded", "{id}: {m}");
        }
    }
    // Its weight went to the other criteria: the points still add up to the total.
    let points: f64 = v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["points"].as_f64().unwrap())
        .sum();
    assert!(
        (points - v["total"].as_f64().unwrap()).abs() < 0.05,
        "points {points} vs total {}",
        v["total"]
    );
    assert!(
        (v["coverage"].as_f64().unwrap() - 0.75).abs() < 1e-9,
        "docs 15 + cases 10 of 100 lack evidence"
    );
    // The terminal table shows the coverage and `-` rather than 0.00 for docs and cases.
    let row = stdout
        .lines()
        .find(|l| l.contains("(leqiao)"))
        .expect("a leqiao row");
    assert!(row.contains("75%"), "{row}");
    assert!(!row.contains("0.00"), "no silent zero: {row}");
    // The other vendors, whose inputs are all there, are fully covered.
    assert_eq!(vendor(&doc, "deepwave")["coverage"], 1.0);
}

#[test]
fn a_missing_sla_page_leaves_hours_out_and_is_named() {
    let (doc, _, _) = without("sla/qingluan.md", "qingluan", "sla/qingluan.md");
    let hours = criterion(vendor(&doc, "qingluan"), "hours");
    assert_eq!(hours["effective_weight"], 0.0);
    assert_eq!(hours["measures"][0]["status"], "excluded");
}

#[test]
fn a_missing_transcripts_folder_is_named() {
    let (doc, _, _) = without("transcripts/swiftchat", "swiftchat", "transcripts/swiftchat/");
    let resolution = criterion(vendor(&doc, "swiftchat"), "resolution");
    let statuses: Vec<&str> = resolution["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"excluded") && statuses.contains(&"measured"),
        "{statuses:?}"
    );
}

#[test]
fn a_vendor_without_measured_probes_is_named_and_its_must_have_is_unverified() {
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    let kept: Vec<String> = read(&csv)
        .lines()
        .filter(|l| !l.starts_with("swiftchat,"))
        .map(str::to_string)
        .collect();
    std::fs::write(&csv, kept.join("\n") + "\n").unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("measurements.csv: vendor 'swiftchat' has no measured probes"),
        "{}",
        run.describe()
    );
    let doc = read_json(&out.join("results.json"));
    let v = vendor(&doc, "swiftchat");
    // The default rubric's response criterion is a must-have: without measured probes it is
    // not checked, and never knocks the vendor out.
    assert_eq!(v["knocked_out"], false);
    let unverified: Vec<&str> = v["unverified"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(
        unverified.iter().any(|u| u.starts_with("response:")),
        "{unverified:?}"
    );
    assert!(run.stdout.contains("unverified: response"), "{}", run.stdout);
}

#[test]
fn strict_makes_a_missing_input_an_error_and_writes_nothing() {
    let (tmp, data) = sample_copy();
    std::fs::remove_file(data.join("profiles/leqiao.toml")).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &["--strict"]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    assert!(
        run.stderr
            .contains("error: profiles/leqiao.toml: vendor 'leqiao' has no profile"),
        "{}",
        run.describe()
    );
    assert!(!out.exists(), "nothing is written");
    // With every input there, --strict changes nothing.
    let full = evaluate_into(
        &root().join("data/sample"),
        &tmp.path().join("full"),
        &["--strict"],
    );
    full.assert_ok();
}

#[test]
fn a_folder_with_only_vendors_toml_is_an_error_not_a_ranking() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("empty");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(root().join("data/sample/vendors.toml"), data.join("vendors.toml")).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    assert!(run.stderr.contains("nothing to evaluate"), "{}", run.describe());
    assert!(!out.exists());
}

/// The default rubric with `line` inserted after the first line equal to `after`.
fn rubric_with(after: &str, line: &str) -> String {
    let src = read(&root().join("rubrics/default.toml"));
    let at = src
        .find(after)
        .unwrap_or_else(|| panic!("the default rubric has {after:?}"));
    let end = at + after.len();
    format!("{}\n{line}{}", &src[..end], &src[end..])
}

#[test]
fn the_rubric_decides_what_a_missing_measure_does() {
    let (tmp, data) = sample_copy();
    std::fs::remove_file(data.join("profiles/leqiao.toml")).unwrap();
    // zero: the measure scores 0, flagged, and is not counted as evidence.
    let zero = tmp.path().join("zero.toml");
    std::fs::write(
        &zero,
        rubric_with("metric = \"docs_items\"", "  missing = \"zero\""),
    )
    .unwrap();
    let out = tmp.path().join("out-zero");
    let run = evaluate_into(&data, &out, &["--rubric", path_str(&zero)]);
    run.assert_ok();
    let doc = read_json(&out.join("results.json"));
    let docs = criterion(vendor(&doc, "leqiao"), "docs");
    let items = docs["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"]["name"] == "docs_items")
        .unwrap();
    assert_eq!(items["status"], "scored_missing");
    assert_eq!(items["score"], 0.0);
    assert_eq!(
        docs["coverage"], 0.0,
        "a zero for missing evidence is not evidence"
    );
    assert!(
        docs["effective_weight"].as_f64().unwrap() > 0.0,
        "docs now counts, with its zero"
    );
    // fail: exit 3 naming the vendor and the measure.
    let fail = tmp.path().join("fail.toml");
    std::fs::write(
        &fail,
        rubric_with("metric = \"docs_items\"", "  missing = \"fail\""),
    )
    .unwrap();
    let run = evaluate_into(
        &data,
        &tmp.path().join("out-fail"),
        &["--rubric", path_str(&fail)],
    );
    assert_eq!(run.code, Some(3), "{}", run.describe());
    assert!(
        run.stderr.contains("error: leqiao: docs / "),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("missing = \"fail\""), "{}", run.describe());
    // A value that is none of the three: a rubric error at its line and column.
    let bad = tmp.path().join("bad.toml");
    std::fs::write(
        &bad,
        rubric_with("metric = \"docs_items\"", "  missing = \"skip\""),
    )
    .unwrap();
    let run = evaluate_into(&data, &tmp.path().join("out-bad"), &["--rubric", path_str(&bad)]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    let line = read(&bad)
        .lines()
        .position(|l| l.contains("missing = \"skip\""))
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!("{}:{line}:", bad.display())),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("expected \"exclude\""), "{}", run.describe());
}

#[test]
fn four_urgent_probes_with_one_unanswered_are_insufficient_not_a_knock_out() {
    // DeepWave ranks first on the sample. Keep four of its urgent probes (the others become
    // high priority, as a typo would make them) and leave one of the four unanswered: the p90
    // of 4 probes is "never", which must not knock it out, and the report says how many
    // probes a p90 needs.
    let (tmp, data) = sample_copy();
    let csv = data.join("measurements.csv");
    let text = read(&csv);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (vendor_c, prio_c, first_c, resolved_c, fcr_c) = (
        col("vendor"),
        col("priority"),
        col("first_response_at"),
        col("resolved_at"),
        col("resolved_on_first_contact"),
    );
    let mut urgent = 0;
    for line in lines.iter_mut().skip(1) {
        let mut f: Vec<String> = line.split(',').map(str::to_string).collect();
        if f[vendor_c] != "deepwave" || f[prio_c] != "urgent" {
            continue;
        }
        urgent += 1;
        if urgent > 4 {
            f[prio_c] = "high".into();
        } else if urgent == 1 {
            f[first_c].clear();
            f[resolved_c].clear();
            f[fcr_c] = "false".into();
        }
        *line = f.join(",");
    }
    assert!(urgent > 10, "the sample has more than 10 urgent DeepWave probes");
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    run.assert_ok();
    let doc = read_json(&out.join("results.json"));
    let v = vendor(&doc, "deepwave");
    assert_eq!(v["knocked_out"], false, "{}", v["knockouts"]);
    let response = criterion(v, "response");
    let p90 = response["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"]["name"] == "first_response_p90_minutes" && m["metric"]["priority"] == "urgent")
        .expect("the urgent p90 measure");
    assert_eq!(p90["status"], "excluded");
    assert_eq!(p90["insufficient"]["n"], 4);
    assert_eq!(p90["insufficient"]["needed"], 10);
    let missing: Vec<&str> = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(
        missing
            .iter()
            .any(|m| m.contains("4 observations where 10 are needed")),
        "{missing:?}"
    );
    assert!(v["coverage"].as_f64().unwrap() < 1.0);
    let report = read(&out.join("report.md"));
    assert!(
        report.contains("insufficient evidence: 4 of the 10 probes needed"),
        "report.md says so"
    );
}

#[test]
fn a_rubric_may_set_its_own_minimum_sample() {
    let (tmp, data) = sample_copy();
    // Every measure of the urgent p90 now needs 100 probes: nobody has them.
    let rubric = tmp.path().join("min.toml");
    let src = read(&root().join("rubrics/default.toml"));
    let at = src.find("metric = \"first_response_p90_minutes\"").unwrap();
    let end = at + "metric = \"first_response_p90_minutes\"".len();
    std::fs::write(&rubric, format!("{}\n  min_n = 100{}", &src[..end], &src[end..])).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &["--rubric", path_str(&rubric)]);
    run.assert_ok();
    let doc = read_json(&out.join("results.json"));
    for v in doc["vendors"].as_array().unwrap() {
        let m = &criterion(v, "response")["measures"][1];
        assert_eq!(m["metric"]["name"], "first_response_p90_minutes");
        assert_eq!(m["insufficient"]["needed"], 100, "{}", v["id"]);
        assert_eq!(m["status"], "excluded");
    }
}

#[test]
fn the_sample_flags_the_late_vendors_thin_urgent_p90_as_insufficient() {
    // Wrenfield Messaging joined the sample's shortlist late: measurements.csv has 8 of its
    // probes, 6 urgent and 2 normal. Six probes are enough for a share (5) but not for a p90
    // (10), so its urgent attainment is scored and its urgent p90 is left out, flagged with
    // how many probes there were and how many it needs; so are both measures of its normal
    // probes. No file is changed: this is the shipped sample as README runs it.
    let csv = read(&root().join("data/sample/measurements.csv"));
    let probes = |priority: &str| {
        csv.lines()
            .filter(|l| l.starts_with("wrenfield,") && l.split(',').nth(3) == Some(priority))
            .count()
    };
    assert_eq!((probes("urgent"), probes("normal")), (6, 2), "the premise");

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&root().join("data/sample"), &out, &[]);
    run.assert_ok();
    let doc = read_json(&out.join("results.json"));
    let v = vendor(&doc, "wrenfield");
    let response = criterion(v, "response");
    let measure = |metric: &str, priority: &str| -> Value {
        response["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"]["name"] == metric && m["metric"]["priority"] == priority)
            .unwrap_or_else(|| panic!("no {priority} {metric} measure"))
            .clone()
    };
    let p90 = measure("first_response_p90_minutes", "urgent");
    assert_eq!(p90["status"], "excluded", "{p90}");
    assert_eq!(p90["insufficient"], serde_json::json!({"n": 6, "needed": 10}));
    assert!(
        p90["metric"]["value"].is_number(),
        "a value was measured, on too few probes"
    );
    let attainment = measure("first_response_attainment", "urgent");
    assert_eq!(attainment["status"], "measured", "{attainment}");
    assert!(attainment["insufficient"].is_null(), "{attainment}");
    assert_eq!(
        measure("first_response_attainment", "normal")["insufficient"],
        serde_json::json!({"n": 2, "needed": 5})
    );
    assert_eq!(
        measure("first_response_p90_minutes", "normal")["insufficient"],
        serde_json::json!({"n": 2, "needed": 10})
    );
    // Of the response criterion's measure weights (3 + 2 + 2 + 2 + 1), 3 + 2 (urgent attainment,
    // promises kept) are measured: half its 25 points of the rubric lack evidence.
    assert_eq!(response["coverage"], 0.5);
    assert!(
        (v["coverage"].as_f64().unwrap() - 0.875).abs() < 1e-9,
        "coverage {}",
        v["coverage"]
    );
    assert_eq!(v["knocked_out"], false, "{}", v["knockouts"]);
    let missing: Vec<&str> = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(missing.len(), 3, "{missing:?}");
    assert!(
        missing
            .iter()
            .any(|m| m.starts_with("response / urgent first response p90: ")
                && m.contains("insufficient evidence, 6 observations where 10 are needed")),
        "{missing:?}"
    );
    // The flag is Wrenfield's alone: every other vendor has 48 probes and full coverage.
    for other in doc["vendors"].as_array().unwrap() {
        if other["id"] != "wrenfield" {
            assert_eq!(other["coverage"], 1.0, "{}", other["id"]);
        }
    }

    // The terminal: 88% coverage in Wrenfield's row, and one line under the table naming its
    // measures on too few probes.
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains("(wrenfield)"))
        .expect("a wrenfield row");
    assert!(row.contains("88%"), "{row}");
    let flagged: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("insufficient evidence: "))
        .collect();
    assert_eq!(flagged.len(), 1, "{}", run.stdout);
    assert!(
        flagged[0].starts_with("insufficient evidence: wrenfield: ")
            && flagged[0].contains("urgent first response p90 (6 of the 10 probes needed)"),
        "{}",
        flagged[0]
    );
    // report.md: listed under Missing evidence, and flagged in Wrenfield's own section.
    let report = read(&out.join("report.md"));
    assert!(
        report.contains("**Wrenfield Messaging** (`wrenfield`): total")
            && report.contains("on 87.5% of the rubric's weight"),
        "report.md lists Wrenfield under Missing evidence"
    );
    let section = report
        .split("\n### ")
        .find(|s| s.contains("Wrenfield Messaging (`wrenfield`)"))
        .expect("a section for Wrenfield");
    let line = section
        .lines()
        .find(|l| l.starts_with("- urgent first response p90: "))
        .expect("the urgent p90 in Wrenfield's section");
    assert!(
        line.contains("→ insufficient evidence: 6 of the 10 probes needed, left out"),
        "{line}"
    );
}
