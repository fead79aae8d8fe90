//! One rule for "1 business day" in every command (issue 12): a business day is the daily
//! length of the schedule the SLA states (the plan's own, else the document's; 24 hours for
//! 7x24), else 8 business hours. `sla extract`, the promises of `evaluate` and the scored
//! `sla_first_response_minutes` give the same minutes.

mod common;

use common::{path_str, read_json};
use serde_json::Value;

/// The first-response minutes `sla extract` reads in a one-document page.
fn extracted(page: &str) -> Vec<(String, f64)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.md");
    std::fs::write(&file, page).unwrap();
    let doc = common::supportgrade(["sla", "extract", "--format", "json", path_str(&file)]).json();
    doc["first_response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["priority"].as_str().unwrap().to_string(),
                c["minutes"].as_f64().unwrap(),
            )
        })
        .collect()
}

const PROMISES: &str = "## Response times\n\n- Normal: first response within 1 business day.\n- Low: first response within 2 business days.\n";

#[test]
fn sla_extract_counts_days_of_the_documents_schedule() {
    let nine_to_six = format!("# Support\n\nSupport hours: Monday–Friday 09:00–18:00 (UTC+8).\n\n{PROMISES}");
    assert_eq!(
        extracted(&nine_to_six),
        vec![("normal".into(), 540.0), ("low".into(), 1080.0)]
    );
    let around_the_clock = format!("# Support\n\nOur engineers work 24/7.\n\n{PROMISES}");
    assert_eq!(
        extracted(&around_the_clock),
        vec![("normal".into(), 1440.0), ("low".into(), 2880.0)]
    );
    // No hours stated: 8 business hours.
    assert_eq!(
        extracted(&format!("# Support\n\n{PROMISES}")),
        vec![("normal".into(), 480.0), ("low".into(), 960.0)]
    );
}

#[test]
fn every_command_gives_a_business_day_the_same_minutes() {
    // A rubric scoring the promised first response of normal and low tickets.
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("rubric.toml");
    std::fs::write(
        &rubric,
        "name = \"business days\"\nversion = \"1\"\n[targets]\nfirst_response_minutes = { urgent = 15, high = 60, normal = 1440, low = 2880 }\n[[criterion]]\nid = \"promised\"\nname = \"Promised first response\"\nweight = 100\n  [[criterion.measure]]\n  metric = \"sla_first_response_minutes\"\n  priority = \"normal\"\n  weight = 1\n  linear = { best = 0, worst = 10000 }\n  [[criterion.measure]]\n  metric = \"sla_first_response_minutes\"\n  priority = \"low\"\n  weight = 1\n  linear = { best = 0, worst = 10000 }\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    common::supportgrade(["evaluate", "--rubric", path_str(&rubric), "--out", path_str(&out)]).assert_ok();
    let doc = read_json(&out.join("results.json"));
    // leqiao: 周一至周五 9:00-18:00, a 9-hour day; deepwave: Mon-Fri 08:00-20:00, 12 hours;
    // swiftchat (24/7) and qingluan (7×24): 24 hours.
    let expected = [
        ("leqiao", "normal", 540.0),
        ("leqiao", "low", 1080.0),
        ("deepwave", "normal", 720.0),
        ("deepwave", "low", 1440.0),
        ("swiftchat", "low", 1440.0),
        ("qingluan", "low", 4320.0),
    ];
    for (id, priority, minutes) in expected {
        let v = doc["vendors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap();
        let scored = v["criteria"][0]["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"]["priority"] == priority)
            .unwrap();
        assert_eq!(
            scored["metric"]["value"].as_f64(),
            Some(minutes),
            "{id} {priority}: {scored}"
        );
        let promise = v["promises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["priority"] == priority)
            .unwrap();
        assert_eq!(
            promise["promised_minutes"].as_f64(),
            Some(minutes),
            "{id}: {promise}"
        );
        let page = format!("data/sample/sla/{id}.md");
        let sla = common::supportgrade(["sla", "extract", "--format", "json", &page]).json();
        let extracted: Vec<&Value> = sla["first_response"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["priority"] == priority)
            .collect();
        assert_eq!(extracted.len(), 1, "{id}: {sla}");
        assert_eq!(extracted[0]["minutes"].as_f64(), Some(minutes), "{id}: {sla}");
    }
}
