//! The plan being bought (issue 12): `plan` per vendor in vendors.toml, matched to the plan
//! names of its SLA whatever the case, width or language; its promises (and those naming no
//! plan) scored, other plans' listed as context; without `plan`, the plan with the most
//! first-response promises, said to be assumed. Runs the real binary on copies of data/sample.

mod common;

use common::{copy_dir, path_str, read, read_json, root, vendor, Run};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A page with three plans as columns, four first-response promises each, and each plan's
/// own hours and channels.
const THREE_PLANS: &str = "# SwiftChat Cloud support plans

## Support hours

- Standard: Monday–Friday 09:00–18:00 (UTC+8).
- Business: Monday–Friday 08:00–20:00 (UTC+8).
- Premier: 24/7, every day of the year.

## First response

| Priority | Standard | Business | Premier |
| --- | --- | --- | --- |
| Urgent | 4 hours | 1 hour | 5 minutes |
| High | 8 hours | 2 hours | 10 minutes |
| Normal | 2 business days | 1 business day | 30 minutes |
| Low | 3 business days | 2 business days | 1 business day |

## Channels

- Standard: email and tickets.
- Business: email, tickets and live chat.
- Premier: email, tickets, live chat, phone and a dedicated account manager.
";

/// A Chinese page naming its plans in both languages.
const TWO_LANGUAGES: &str = "# 青鸾云通信 技术支持服务说明

## 企业版（Enterprise）

服务时间：周一至周五 9:00-18:00（北京时间）。
紧急问题15分钟内响应，普通问题1个工作日内首次响应。

## 尊享版（Premier）

提供7×24小时技术支持。紧急问题5分钟内响应，普通问题2小时内首次响应。
";

/// A copy of data/sample with swiftchat's page replaced by [`THREE_PLANS`], qingluan's by
/// [`TWO_LANGUAGES`], and `plan` lines added to vendors.toml after the vendors' names
/// (`(vendor id, plan line)`).
fn folder(plans: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("sample");
    copy_dir(&root().join("data/sample"), &data);
    std::fs::write(data.join("sla/swiftchat.md"), THREE_PLANS).unwrap();
    std::fs::write(data.join("sla/qingluan.md"), TWO_LANGUAGES).unwrap();
    let vendors = data.join("vendors.toml");
    let mut text = read(&vendors);
    for (id, line) in plans {
        let at = text.find(&format!("id = \"{id}\"\n")).expect("a sample vendor");
        let end = at + text[at..].find("\nname = ").unwrap() + 1;
        let end = end + text[end..].find('\n').unwrap() + 1;
        text.insert_str(end, &format!("{line}\n"));
    }
    std::fs::write(&vendors, text).unwrap();
    (tmp, data)
}

fn evaluate(data: &Path, out: &Path) -> Run {
    common::supportgrade(["evaluate", "--data", path_str(data), "--out", path_str(out)])
}

/// The measure of `metric` in a vendor's criteria.
fn measure<'a>(v: &'a Value, metric: &str) -> &'a Value {
    v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["measures"].as_array().unwrap())
        .find(|m| m["metric"]["name"] == metric)
        .unwrap_or_else(|| panic!("no {metric} measure"))
}

/// (plan, scored) of each promise of a vendor.
fn promises(v: &Value) -> Vec<(String, bool)> {
    v["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["plan"].as_str().unwrap_or("-").to_string(),
                p["scored"].as_bool().expect("scored is a bool"),
            )
        })
        .collect()
}

#[test]
fn the_sample_says_which_plan_each_vendor_is_held_to() {
    let out = tempfile::tempdir().unwrap();
    evaluate(&root().join("data/sample"), out.path()).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    // deepwave's page binds its four first-response promises to Enterprise; it names Scale too.
    let deepwave = vendor(&doc, "deepwave");
    assert_eq!(
        deepwave["plan"],
        serde_json::json!({"name": "Enterprise", "assumed": true, "plans_found": ["Enterprise", "Scale"]})
    );
    // leqiao's page names no plan: every promise applies.
    assert_eq!(
        vendor(&doc, "leqiao")["plan"],
        serde_json::json!({"name": null, "assumed": true, "plans_found": []})
    );
    for v in doc["vendors"].as_array().unwrap() {
        assert!(promises(v).iter().all(|(_, scored)| *scored), "{v}");
    }
    let md = read(&out.path().join("report.md"));
    assert!(
        md.contains(
            "- DeepWave RTC: **Enterprise**, assumed: the plan with the most first-response promises (4;"
        ),
        "{md}"
    );
}

#[test]
fn without_a_plan_the_plan_with_the_most_promises_is_assumed_and_said() {
    let (_tmp, data) = folder(&[]);
    let out = tempfile::tempdir().unwrap();
    evaluate(&data, out.path()).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let swift = vendor(&doc, "swiftchat");
    // Four promises each: the first named, Standard.
    assert_eq!(swift["plan"]["name"], "Standard");
    assert_eq!(swift["plan"]["assumed"], true);
    assert_eq!(
        swift["plan"]["plans_found"],
        serde_json::json!(["Standard", "Business", "Premier"])
    );
    let scored: Vec<_> = promises(swift).into_iter().filter(|p| p.1).collect();
    assert_eq!(scored.len(), 4, "{swift}");
    assert!(scored.iter().all(|(plan, _)| plan == "Standard"));
    // The kept rate is over Standard's four promises, not all twelve.
    assert_eq!(measure(swift, "sla_promises_kept_rate")["metric"]["n"], 4);
    let md = read(&out.path().join("report.md"));
    assert!(
        md.contains("- SwiftChat Cloud: **Standard**, assumed: the plan with the most first-response promises (4, as many as Business, Premier;"),
        "{md}"
    );
    assert!(
        md.contains("Promises of other plans, for context (not scored):"),
        "{md}"
    );
}

#[test]
fn the_plan_named_is_the_one_scored_and_the_others_are_context() {
    // Case, width and the word "plan" do not matter.
    let (_tmp, data) = folder(&[("swiftchat", "plan = \"ＰＲＥＭＩＥＲ plan\"")]);
    let out = tempfile::tempdir().unwrap();
    evaluate(&data, out.path()).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let swift = vendor(&doc, "swiftchat");
    assert_eq!(swift["plan"]["name"], "Premier");
    assert_eq!(swift["plan"]["assumed"], false);
    let all = promises(swift);
    assert_eq!(all.len(), 12);
    for (plan, scored) in &all {
        assert_eq!(*scored, plan == "Premier", "{plan}");
    }
    assert_eq!(measure(swift, "sla_promises_kept_rate")["metric"]["n"], 4);
    // Premier's hours (24x7) and channels (phone and an account manager among them).
    assert_eq!(
        measure(swift, "support_hours_per_week")["metric"]["value"].as_f64(),
        Some(168.0)
    );
    assert_eq!(
        measure(swift, "channels_offered")["metric"]["value"],
        serde_json::json!(["chat", "dedicated_manager", "email", "phone", "ticket"])
    );
    // Standard's promises are in the report, as context.
    let md = read(&out.path().join("report.md"));
    let context = md
        .split("Promises of other plans, for context (not scored):")
        .nth(1)
        .expect("a context table");
    assert!(context.contains("(Standard plan)"), "{md}");
    assert!(
        md.contains("- SwiftChat Cloud: **Premier**, as vendors.toml says"),
        "{md}"
    );

    // Standard: its own hours and channels.
    let (_tmp, data) = folder(&[("swiftchat", "plan = \"standard\"")]);
    let out = tempfile::tempdir().unwrap();
    evaluate(&data, out.path()).assert_ok();
    let doc = read_json(&out.path().join("results.json"));
    let swift = vendor(&doc, "swiftchat");
    assert_eq!(
        measure(swift, "support_hours_per_week")["metric"]["value"].as_f64(),
        Some(45.0)
    );
    assert_eq!(
        measure(swift, "channels_offered")["metric"]["value"],
        serde_json::json!(["email", "ticket"])
    );
    // The promised first response scored is Standard's (4 hours), not Premier's 5 minutes.
    let rubric = out.path().join("promised.toml");
    std::fs::write(
        &rubric,
        "name = \"promised\"\nversion = \"1\"\n[[criterion]]\nid = \"promised\"\nname = \"Promised\"\nweight = 100\n  [[criterion.measure]]\n  metric = \"sla_first_response_minutes\"\n  priority = \"urgent\"\n  weight = 1\n  linear = { best = 0, worst = 600 }\n",
    )
    .unwrap();
    let promised = out.path().join("promised");
    common::supportgrade([
        "evaluate",
        "--data",
        path_str(&data),
        "--rubric",
        path_str(&rubric),
        "--out",
        path_str(&promised),
    ])
    .assert_ok();
    let doc = read_json(&promised.join("results.json"));
    let value = &measure(vendor(&doc, "swiftchat"), "sla_first_response_minutes")["metric"]["value"];
    assert_eq!(value.as_f64(), Some(240.0));
}

#[test]
fn a_plan_matches_in_either_language() {
    // 企业版 is the page's "Enterprise" (a common plan word), 尊享版 its "Premier" (the page
    // gives both names).
    for (wanted, held, scored_minutes) in [
        ("企业版", "Enterprise", [15.0, 540.0]),
        ("尊享版", "Premier", [5.0, 120.0]),
        ("premier", "Premier", [5.0, 120.0]),
    ] {
        let (_tmp, data) = folder(&[("qingluan", &format!("plan = \"{wanted}\""))]);
        let out = tempfile::tempdir().unwrap();
        evaluate(&data, out.path()).assert_ok();
        let doc = read_json(&out.path().join("results.json"));
        let q = vendor(&doc, "qingluan");
        assert_eq!(q["plan"]["name"], held, "{wanted}: {}", q["plan"]);
        let minutes: Vec<f64> = q["promises"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["scored"] == true)
            .map(|p| p["promised_minutes"].as_f64().unwrap())
            .collect();
        assert_eq!(minutes, scored_minutes, "{wanted}");
    }
}

#[test]
fn an_unknown_plan_is_an_error_listing_the_plans_found() {
    let (_tmp, data) = folder(&[("swiftchat", "plan = \"Platinum\"")]);
    let out = tempfile::tempdir().unwrap();
    let run = evaluate(&data, out.path());
    assert_eq!(run.code, Some(3), "{}", run.describe());
    let line = read(&data.join("vendors.toml"))
        .lines()
        .position(|l| l.contains("Platinum"))
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!("vendors.toml:{line}:8: vendor 'swiftchat': plan 'Platinum' is not a plan of sla/swiftchat.md; the plans it names: Standard, Business, Premier")),
        "{}",
        run.describe()
    );
    assert!(!out.path().join("results.json").exists());
}
