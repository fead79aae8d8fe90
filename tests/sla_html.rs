//! `supportgrade sla extract` on web pages as a browser's "Save page as" writes them: the
//! promises of the page's content, none from its navigation, cookie banner, promotions or
//! footer, each with the line of the page it stands on.

mod common;

use common::root;
use serde_json::Value;

fn extract(path: &std::path::Path) -> Value {
    let run = common::sla_extract(path);
    run.assert_ok();
    run.json()
}

fn fixture() -> Value {
    extract(&root().join("tests/fixtures/sla-html/quiverleaf-support.html"))
}

/// (plan, priority, minutes, hours, evidence line) of each first-response promise.
fn responses(v: &Value) -> Vec<(String, String, f64, String, u64)> {
    v["first_response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["plan"].as_str().unwrap_or("").to_string(),
                r["priority"].as_str().unwrap_or("").to_string(),
                r["minutes"].as_f64().unwrap(),
                r["hours"].as_str().unwrap_or("").to_string(),
                r["evidence"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn evidence_lines(v: &Value) -> Vec<u64> {
    let mut lines = Vec::new();
    for kind in [
        "first_response",
        "resolution",
        "support_hours",
        "channels",
        "uptime_percent",
    ] {
        for x in v[kind].as_array().unwrap() {
            lines.push(x["evidence"]["line"].as_u64().unwrap());
        }
    }
    lines
}

#[test]
fn the_priority_table_reads_with_its_spans_header_and_footnote_marks() {
    let v = fixture();
    let r = |plan: &str, priority: &str, minutes: f64, hours: &str, line: u64| {
        (
            plan.to_string(),
            priority.to_string(),
            minutes,
            hours.to_string(),
            line,
        )
    };
    assert_eq!(
        responses(&v),
        vec![
            // `P1 (Critical)<sup>*</sup>` and `1 hour<sup>1</sup>`: the marks are not read.
            r("Starter", "urgent", 240.0, "", 47),
            r("Business", "urgent", 60.0, "", 47),
            r("Enterprise", "urgent", 15.0, "", 47),
            // `colspan="2"`: one business day for Starter (09:00-17:00) and Business
            // (08:00-20:00).
            r("Starter", "high", 480.0, "business", 48),
            r("Business", "high", 720.0, "business", 48),
            r("Enterprise", "high", 120.0, "", 48),
            // Unclosed <td> and <tr>; `rowspan="2"`: Starter's two business days hold for
            // P3 and P4.
            r("Starter", "normal", 960.0, "business", 49),
            r("Business", "normal", 720.0, "business", 49),
            r("Enterprise", "normal", 240.0, "", 49),
            r("Starter", "low", 960.0, "business", 50),
            r("Business", "low", 2160.0, "business", 50),
            r("Enterprise", "low", 1440.0, "business", 50),
        ]
    );
    let row = &v["first_response"][0]["evidence"]["text"];
    assert_eq!(row, "| P1 (Critical) | 4 hours | 1 hour | 15 minutes |");
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn the_table_without_header_cells_and_the_prose_give_hours_channels_and_resolution() {
    let v = fixture();
    let hours: Vec<(String, String, String, u64)> = v["support_hours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["plan"].as_str().unwrap_or("").to_string(),
                h["schedule"].as_str().unwrap().to_string(),
                h["timezone"].as_str().unwrap_or("").to_string(),
                h["evidence"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let h = |p: &str, s: &str, z: &str, l: u64| (p.to_string(), s.to_string(), z.to_string(), l);
    assert_eq!(
        hours,
        vec![
            h("Starter", "Mon-Fri 09:00-17:00", "Europe/Berlin", 59),
            h("Business", "Mon-Fri 08:00-20:00", "Europe/Berlin", 60),
            h("Enterprise", "24x7", "", 61),
        ]
    );
    let channels: Vec<(String, String, u64)> = v["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["channel"].as_str().unwrap().to_string(),
                c["plan"].as_str().unwrap_or("").to_string(),
                c["evidence"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let c = |ch: &str, p: &str, l: u64| (ch.to_string(), p.to_string(), l);
    assert_eq!(
        channels,
        vec![
            c("email", "Starter", 59),
            c("ticket", "Starter", 59),
            c("chat", "Business", 60),
            c("email", "Business", 60),
            c("ticket", "Business", 60),
            c("chat", "Enterprise", 61),
            c("phone", "Enterprise", 61),
            c("email", "Enterprise", 61),
            c("ticket", "Enterprise", 61),
            c("dedicated_manager", "Enterprise", 66),
        ]
    );
    let res = &v["resolution"];
    assert_eq!(res.as_array().unwrap().len(), 1, "{res}");
    assert_eq!(
        (
            res[0]["plan"].as_str(),
            res[0]["priority"].as_str(),
            res[0]["metric"].as_str(),
            res[0]["minutes"].as_f64(),
            res[0]["evidence"]["line"].as_u64()
        ),
        (
            Some("Enterprise"),
            Some("urgent"),
            Some("time_to_workaround"),
            Some(240.0),
            Some(65)
        )
    );
}

#[test]
fn nothing_is_read_from_navigation_banners_promotions_or_the_footer() {
    let v = fixture();
    // The page's content is lines 33-66 (`<main>`); the cookie banner, the header with its
    // "24/7 chat" and "99.99% uptime" links and the breadcrumb come before it, the promotion
    // (`<aside>`), the footer with its phone and "24/7" and the contentinfo block after it.
    let lines = evidence_lines(&v);
    assert!(lines.iter().all(|l| (33..=66).contains(l)), "{lines:?}");
    assert_eq!(v["uptime_percent"].as_array().unwrap().len(), 0, "{v}");
    let text = v.to_string();
    let outside = [
        "cookies",
        "Pricing",
        "99.99",
        "Home",
        "switchboard",
        "0123",
        "0199",
        "sales",
        "support@",
        "within 10 minutes",
        "Replies in 5",
    ];
    for outside in outside {
        assert!(!text.contains(outside), "{outside} read: {text}");
    }
}

#[test]
fn a_page_without_markup_and_a_broken_crlf_page_keep_their_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    // A `.html` that is really plain text: every line comes through with its own number.
    let plain = dir.path().join("plain.html");
    std::fs::write(
        &plain,
        "Larchwick support\n\nUrgent issues: first response within 15 minutes.\nSupport hours: 24/7.\n",
    )
    .unwrap();
    let v = extract(&plain);
    assert_eq!(v["first_response"][0]["minutes"].as_f64(), Some(15.0), "{v}");
    assert_eq!(v["first_response"][0]["evidence"]["line"].as_u64(), Some(3));
    assert_eq!(v["support_hours"][0]["evidence"]["line"].as_u64(), Some(4), "{v}");

    // No <html> or <body>, unclosed <p>, <li>, <td>, <tr>, a stray </div>, CRLF line ends.
    let broken = dir.path().join("broken.htm");
    let page = "<title>Larchwick</title>\r\n<nav>Chat 24/7</nav>\r\n<h2>Pro</h2></div>\r\n<p>Support hours: Monday to Friday, 09:00-18:00 UTC+8.\r\n<table>\r\n<tr><th>Priority<th>First response\r\n<tr><td>P1<td>30 minutes\r\n<tr><td>P2<td>2 hours\r\n</table>\r\n<ul><li>Email<li>Phone</ul>\r\n";
    std::fs::write(&broken, page).unwrap();
    let v = extract(&broken);
    let got: Vec<(String, String, f64, String, u64)> = responses(&v);
    assert_eq!(
        got.iter().map(|r| (r.1.as_str(), r.2, r.4)).collect::<Vec<_>>(),
        vec![("urgent", 30.0, 7), ("high", 120.0, 8)],
        "{v}"
    );
    assert!(got.iter().all(|r| r.0 == "Pro"), "{v}");
    assert_eq!(v["support_hours"][0]["evidence"]["line"].as_u64(), Some(4), "{v}");
    let channels: Vec<(&str, u64)> = v["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["channel"].as_str().unwrap(),
                c["evidence"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(channels, vec![("email", 10), ("phone", 10)], "{v}");
}
