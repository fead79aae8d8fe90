//! Input that is not a document at all (issue 13): a ticket export, a TSV, JSON, the README
//! of a data folder. `sla extract` warns "not an SLA document (<reason>): nothing read" and
//! outputs no promise (exit 0, as for a document without any promise); `evaluate` reports the
//! warning and treats the vendor's SLA as missing, never as a page that promises nothing.

mod common;

use common::{commitments, evaluate_into, read_json, sample_copy, sla_extract, vendor};
use serde_json::Value;

/// A fictional ticket export: promises enough in its cells (urgent, 15 minutes, chat).
fn tickets(sep: &str) -> String {
    let mut s = [
        "Id",
        "Requester id",
        "Group",
        "Status",
        "Priority",
        "Via",
        "Created at",
        "Solved at",
        "First reply time in minutes",
    ]
    .join(sep);
    s.push('\n');
    let priorities = ["Urgent", "High", "Normal", "Low"];
    let vias = ["Chat", "Mail", "Phone", "Web form"];
    for i in 0..24 {
        let row = [
            format!("{}", 2001 + i),
            format!("{}", 801 + i % 7),
            "Support".to_string(),
            "Solved".to_string(),
            priorities[i % 4].to_string(),
            vias[i % 4].to_string(),
            format!("2026-04-{:02} 09:{:02}:00", 1 + i % 20, i * 2),
            format!("2026-04-{:02} 11:{:02}:00", 1 + i % 20, i * 2),
            format!("{}", 15 * (i % 5 + 1)),
        ];
        s.push_str(&row.join(sep));
        s.push('\n');
    }
    s
}

/// Runs `sla extract` on `name` holding `text`: exit 0, the warning on standard error and in
/// the JSON, no promise. Returns the warning.
fn not_a_document(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let run = sla_extract(&path);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let v = run.json();
    assert_eq!(commitments(&v), 0, "{name}: {v}");
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{name}: {v}");
    let w = warnings[0].as_str().unwrap().to_string();
    assert!(
        w.starts_with("not an SLA document (") && w.ends_with("): nothing read"),
        "{name}: {w}"
    );
    assert!(
        run.stderr.contains(&format!("warning: {}: {w}", path.display())),
        "{}",
        run.describe()
    );
    w
}

#[test]
fn a_csv_of_tickets_is_not_a_document() {
    assert_eq!(
        not_a_document("tickets.csv", &tickets(",")),
        "not an SLA document (a CSV data file): nothing read"
    );
    // The same rows in a file named as a document: told by its content.
    assert_eq!(
        not_a_document("acme.md", &tickets(",")),
        "not an SLA document (tabular data: 25 rows of 9 comma-separated fields): nothing read"
    );
    assert_eq!(
        not_a_document("acme.txt", &tickets(";")),
        "not an SLA document (tabular data: 25 rows of 9 semicolon-separated fields): nothing read"
    );
}

#[test]
fn a_spreadsheet_is_named_as_one_not_as_a_binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tickets.xlsx");
    // The start of a zip archive, as an .xlsx is.
    std::fs::write(&path, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00").unwrap();
    let run = sla_extract(&path);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let v = run.json();
    assert_eq!(commitments(&v), 0);
    assert_eq!(
        v["warnings"][0],
        "not an SLA document (a spreadsheet, .xlsx): nothing read"
    );
}

#[test]
fn a_tsv_is_not_a_document() {
    assert_eq!(
        not_a_document("tickets.tsv", &tickets("\t")),
        "not an SLA document (a TSV data file): nothing read"
    );
    assert_eq!(
        not_a_document("export.txt", &tickets("\t")),
        "not an SLA document (tabular data: 25 rows of 9 tab-separated fields): nothing read"
    );
}

#[test]
fn json_is_not_a_document() {
    let json = r#"[
  {"id": 2001, "priority": "urgent", "channel": "chat", "first_response": "15 minutes"},
  {"id": 2002, "priority": "high", "channel": "phone", "first_response": "1 hour"},
  {"id": 2003, "priority": "normal", "channel": "email", "first_response": "next business day"}
]
"#;
    assert_eq!(
        not_a_document("tickets.json", json),
        "not an SLA document (a JSON data file): nothing read"
    );
    assert_eq!(
        not_a_document("acme.md", json),
        "not an SLA document (JSON data: an array of 3 items): nothing read"
    );
}

/// A fictional README of a data folder: it names durations, levels and channels while
/// describing columns, as such READMEs do.
const DATA_README: &str = "# Probe data, spring 2026

This folder holds the raw results of the spring probe campaign against five messaging vendors.

## Files

- `tickets.csv`: one row per probe ticket (2,400 rows).
- `transcripts.jsonl`: the chat transcripts, one conversation per line.
- `vendors.json`: the vendors and the plans bought.

## Columns of tickets.csv

| column | meaning |
| --- | --- |
| priority | P1 (urgent) to P4 (low), as filed |
| channel | chat, email, phone or ticket |
| first_response_minutes | minutes to the first human reply, e.g. 15 or 240 |

Headers are in the first row; timestamps are UTC+8.

## License

CC BY 4.0. Download the archive from the project page; cite the campaign when you use it.
";

#[test]
fn a_data_folders_readme_is_not_a_document() {
    assert_eq!(
        not_a_document("README.md", DATA_README),
        "not an SLA document (a README describing data files): nothing read"
    );
    // Named as a vendor's page, it is still told by what it says.
    assert_eq!(
        not_a_document("acme.md", DATA_README),
        "not an SLA document (a README describing data files): nothing read"
    );
}

#[test]
fn a_support_page_that_mentions_a_csv_export_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.md");
    std::fs::write(
        &path,
        "# Acme Chat support\n\n\
         You can export your tickets as CSV at any time (Console > Tickets > Download); the \
         export has one column per field of the ticket form.\n\n\
         | Priority | First response |\n|---|---|\n| P1 | 15 minutes |\n| P2 | 1 hour |\n| P3 | 4 hours |\n\n\
         Support hours: Monday to Friday, 09:00-18:00 (UTC+8). Reach us by email or live chat.\n",
    )
    .unwrap();
    let run = sla_extract(&path);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(!run.stderr.contains("not an SLA document"), "{}", run.describe());
    let v = run.json();
    let minutes: Vec<f64> = v["first_response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["minutes"].as_f64().unwrap())
        .collect();
    assert_eq!(minutes, vec![15.0, 60.0, 240.0], "{v}");
    assert_eq!(v["support_hours"][0]["schedule"], "Mon-Fri 09:00-18:00");
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn in_an_evaluation_a_vendors_data_file_is_a_missing_sla_named_with_its_reason() {
    let (tmp, data) = sample_copy();
    let page = data.join("sla/qingluan.md");
    std::fs::write(&page, tickets(",")).unwrap();
    let out = tmp.path().join("out");
    let run = evaluate_into(&data, &out, &[]);
    run.assert_ok();
    let warning = "sla/qingluan.md: not an SLA document (tabular data: 25 rows of 9 \
                   comma-separated fields): nothing read";
    assert!(
        run.stderr.contains(&format!("warning: {warning}")),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr
            .contains("warning: sla/qingluan.md: vendor 'qingluan' has no SLA page"),
        "{}",
        run.describe()
    );
    let doc = read_json(&out.join("results.json"));
    let warnings: Vec<&str> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(warnings.contains(&warning), "{warnings:?}");
    // The SLA's measures have no evidence: excluded, not a zero.
    let v = vendor(&doc, "qingluan");
    let measures: Vec<&Value> = v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["measures"].as_array().unwrap())
        .filter(|m| {
            let name = m["metric"]["name"].as_str().unwrap_or("");
            name == "channels_offered" || name == "support_hours_per_week"
        })
        .collect();
    assert!(!measures.is_empty(), "{v}");
    for m in measures {
        assert_eq!(m["status"], "excluded", "{m}");
    }
    assert!(v["coverage"].as_f64().unwrap() < 1.0, "{v}");
}
