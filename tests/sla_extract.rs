//! `supportgrade sla extract` on awkward input: none of it panics, each gets a clear outcome.

mod common;

use common::{commitments, path_str, sla_extract};

#[test]
fn empty_binary_and_commitment_free_files_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let v = sla_extract(&empty).json();
    assert_eq!(commitments(&v), 0);
    assert_eq!(v["warnings"][0], "no support commitment found");

    let binary = dir.path().join("logo.md");
    std::fs::write(&binary, [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xFF, 0xD8]).unwrap();
    let out = sla_extract(&binary);
    let v = out.json();
    assert_eq!(commitments(&v), 0);
    assert!(v["warnings"][0].as_str().unwrap().contains("binary"), "{v}");
    assert!(out.stderr.contains("warning: "));

    let prose = dir.path().join("about.txt");
    std::fs::write(&prose, "We build messaging SDKs.\nOur team loves customers.\n").unwrap();
    let v = sla_extract(&prose).json();
    assert_eq!(commitments(&v), 0);
    assert_eq!(v["warnings"][0], "no support commitment found");
}

#[test]
fn gbk_text_is_read_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.md");
    // "紧急问题15分钟内响应" in GBK.
    let (bytes, _, _) = encoding_rs::GBK.encode("# 服务承诺\n紧急问题15分钟内响应。\n");
    std::fs::write(&path, &bytes).unwrap();
    let v = sla_extract(&path).json();
    assert_eq!(v["language"], "zh");
    let fr = &v["first_response"][0];
    assert_eq!(
        (fr["priority"].as_str(), fr["minutes"].as_f64()),
        (Some("urgent"), Some(15.0))
    );
    assert_eq!(fr["priority_rank"], 1);
    assert_eq!(fr["evidence"]["line"], 2);
    assert!(v["warnings"].to_string().contains("gb18030"), "{v}");
}

#[test]
fn an_enormous_line_is_cut_not_choked_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut text = String::from("P1 requests get a first response within 15 minutes.\n");
    text.push_str(&"within 2 hours, ".repeat(200_000));
    text.push('\n');
    std::fs::write(&path, text).unwrap();
    let v = sla_extract(&path).json();
    assert_eq!(v["first_response"][0]["minutes"], 15.0);
    assert!(v["warnings"].to_string().contains("line 2 is longer than"), "{v}");
}

#[test]
fn a_malformed_toml_form_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.toml");
    std::fs::write(
        &path,
        "[[first_response]]\npriority = \"P1\"\nduration = \"soon\"\n",
    )
    .unwrap();
    let out = sla_extract(&path);
    assert_eq!(out.code, Some(3));
    let err = out.stderr;
    assert!(
        err.contains("typed.toml:1: first_response: duration 'soon'"),
        "{err}"
    );
    let missing = dir.path().join("missing.md");
    assert_eq!(sla_extract(&missing).code, Some(1));
}

#[test]
fn table_format_lists_each_promise_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.md");
    std::fs::write(
        &path,
        "# Support\n\n| Priority | First response |\n|---|---|\n| P1 | 15 minutes |\n| P2 | 2 hours |\n",
    )
    .unwrap();
    let text = common::supportgrade(["sla", "extract", path_str(&path)]).stdout;
    assert!(
        text.contains("urgent") && text.contains("15 min") && text.contains("120 min"),
        "{text}"
    );
}
