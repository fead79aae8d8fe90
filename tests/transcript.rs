//! `supportgrade transcript analyze` on conversations in every form it reads.

mod common;

use common::{path_str, Run};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn analyze(args: &[&str]) -> Run {
    common::supportgrade(["transcript", "analyze"].iter().chain(args))
}

/// The JSON document and the standard error of a run that exited 0.
fn json(args: &[&str]) -> (Value, String) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let run = analyze(&all);
    (run.json(), run.stderr)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn conversation<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no {name} in {doc}"))
}

#[test]
fn every_form_of_conversation_with_vendors_from_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("transcripts");
    write(
        &root.join("roles.toml"),
        "evaluator = [\"Alice Chen\"]\nagent = [\"*客服*\", \"Sam*\"]\n",
    );
    // Text: a transfer followed by an expert answer (a hand-over, not a deflection).
    write(
        &root.join("acme/01-video.txt"),
        "[2026-10-14 09:00:00 +08:00] evaluator: 弱网环境下怎么保证高清视频质量?\n\
         [2026-10-14 09:02:00 +08:00] agent(A): 我帮您转接技术同事\n\
         [2026-10-14 09:10:00 +08:00] agent(B): 码率自适应、FEC前向纠错和抖动缓冲,30%丢包下仍可通话。\n",
    );
    // Generic JSON with roles from roles.toml and the export's own role field.
    write(
        &root.join("acme/02-push.json"),
        "{\"messages\": [\n{\"from\": \"Alice Chen\", \"at\": \"2026-10-14T10:00:00+08:00\", \"text\": \"Have you load-tested message push? Concurrency and latency?\"},\n{\"from\": \"Acme 客服 Lily\", \"at\": \"2026-10-14T10:05:00+08:00\", \"text\": \"请稍等\"},\n{\"from\": \"Acme 客服 Lily\", \"at\": \"2026-10-14T10:20:00+08:00\", \"text\": \"请稍等\"}\n]}\n",
    );
    // GBK text, and a conversation with no evaluator.
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "[2026-10-14 11:00:00 +08:00] evaluator: 你们的接口文档和SDK在哪里?能对接CRM吗?\n[2026-10-14 11:03:00 +08:00] agent(小林): API文档在 https://docs.beta.example/api ,有SDK和回调(webhook)示例代码。\n",
    );
    std::fs::create_dir_all(root.join("beta")).unwrap();
    std::fs::write(root.join("beta/01-crm.txt"), &gbk).unwrap();
    write(
        &root.join("beta/02-no-evaluator.txt"),
        "[2026-10-14 12:00:00 +08:00] system: chat opened\n[2026-10-14 12:00:05 +08:00] bot(Helper): Hi!\n",
    );
    // Telegram export, timestamps out of order.
    write(
        &root.join("beta/03-telegram.json"),
        r#"{"name": "Beta support", "type": "personal_chat", "id": 7, "messages": [
{"id": 1, "type": "message", "date": "2026-10-14T13:00:00", "date_unixtime": "1791954000", "from": "Alice Chen", "from_id": "u1", "text": "How do you keep video smooth on weak networks?"},
{"id": 2, "type": "message", "date": "2026-10-14T12:59:00", "date_unixtime": "1791953940", "from": "Sam Lee", "from_id": "u2", "text": ["Adaptive bitrate and ", {"type": "bold", "text": "FEC"}, "."]}
]}"#,
    );
    let (doc, stderr) = json(&[path_str(&root)]);
    // The documented shape, keys and all.
    let c = conversation(&doc, "01-video.txt");
    let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "file",
            "first_reply_seconds",
            "median_reply_seconds",
            "messages",
            "probes",
            "stalls",
            "transfers",
            "vendor"
        ]
    );
    assert_eq!(c["vendor"], "acme");
    assert_eq!(c["first_reply_seconds"], 120.0);
    assert_eq!(
        c["transfers"].as_array().unwrap().len(),
        0,
        "followed by an expert answer"
    );
    let p = &c["probes"][0];
    assert_eq!(
        (p["id"].as_str(), p["answered"].as_bool(), p["resolved"].as_bool()),
        (Some("weak_network_video"), Some(true), Some(true))
    );
    assert_eq!(p["evidence"][0]["line"], 3);

    let push = conversation(&doc, "02-push.json");
    assert_eq!(push["messages"], 3);
    let stall_lines: Vec<u64> = push["stalls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect();
    assert_eq!(stall_lines, vec![3, 4], "no substance followed either '请稍等'");
    assert_eq!(push["probes"][0]["answered"], false);

    let crm = conversation(&doc, "01-crm.txt");
    assert_eq!(crm["vendor"], "beta");
    assert_eq!(crm["probes"][0]["id"], "crm_api_docs");
    assert_eq!(crm["probes"][0]["answered"], true, "{crm}");

    let none = conversation(&doc, "02-no-evaluator.txt");
    assert!(none["first_reply_seconds"].is_null());
    assert_eq!(none["probes"].as_array().unwrap().len(), 0);

    let tg = conversation(&doc, "03-telegram.json");
    assert_eq!(tg["messages"], 2);
    assert_eq!(
        tg["probes"][0]["concepts_found"],
        serde_json::json!(["adaptive_bitrate", "fec"])
    );
    assert!(stderr.contains("03-telegram.json:3: timestamp"), "{stderr}");

    // Vendors: acme answered its one video probe fully on the concepts it named; its push
    // probe went unanswered, and one of its two conversations stalled.
    let vendors = doc["vendors"].as_array().unwrap();
    let names: Vec<&str> = vendors.iter().map(|v| v["vendor"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["acme", "beta"]);
    assert_eq!(vendors[0]["stall_rate"], 0.5);
    assert_eq!(vendors[0]["transfer_rate"], 0.0);
    let q = vendors[0]["probe_quality"].as_f64().unwrap();
    assert!(q > 0.0 && q < 1.0, "{q}");
}

#[test]
fn unknown_speakers_and_unreadable_lines_fail_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chat.json");
    write(&file, "{\"messages\": [\n{\"from\": \"Zed\", \"at\": \"2026-10-14T09:00:00+08:00\", \"text\": \"hi\"}\n]}\n");
    let out = analyze(&[path_str(&file)]);
    assert_eq!(out.code, Some(3));
    let err = out.stderr;
    assert!(err.contains("chat.json:2: speaker 'Zed' has no role"), "{err}");
    let txt = dir.path().join("t.txt");
    write(&txt, "[2026-10-14 09:00 +08:00] evaluator: hi\n");
    let out = analyze(&[path_str(&txt)]);
    assert_eq!(out.code, Some(3));
    assert!(out.stderr.contains("t.txt:1:2"));
    assert_eq!(analyze(&["/no/such/folder"]).code, Some(1));
}

#[test]
fn reply_latency_in_business_hours() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("late.txt");
    // Asked Friday 17:50, answered Monday 09:20 (Shanghai): 10 + 20 business minutes.
    write(
        &file,
        "[2026-10-16 17:50:00 +08:00] evaluator: 弱网环境下怎么保证高清视频质量?\n[2026-10-19 09:20:00 +08:00] agent(A): 码率自适应和FEC。\n",
    );
    let (wall, _) = json(&[path_str(&file)]);
    assert_eq!(wall["conversations"][0]["first_reply_seconds"], 228_600.0);
    let (business, _) = json(&[
        path_str(&file),
        "--business-hours",
        "Mon-Fri 09:00-18:00 Asia/Shanghai",
    ]);
    assert_eq!(business["conversations"][0]["first_reply_seconds"], 1_800.0);
}

/// Many files, many warnings, and a standard error nobody reads: the run still finishes
/// (before, a failed warning write stopped the writer while the other threads waited for it
/// forever), with every conversation in the document, in file order, at any thread count.
#[test]
fn closed_standard_error_and_many_files_at_any_thread_count() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let n = 700;
    for i in 0..n {
        let text = if i % 3 == 0 {
            String::new() // "no messages in this transcript": a warning
        } else {
            format!("[2026-10-14 09:00:00 +08:00] evaluator: 压测过吗?\n[2026-10-14 09:00:{:02} +08:00] agent(A): 请稍等\n", i % 60)
        };
        write(&dir.path().join(format!("v/c{i:04}.txt")), &text);
    }
    for threads in ["1", "3", "64", "5000"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_supportgrade"))
            .args(["transcript", "analyze", path_str(dir.path()), "--format", "json"])
            .args(["--threads", threads])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut stdout, &mut v).unwrap();
            v
        });
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(60) {
                child.kill().unwrap();
                panic!("--threads {threads}: still running after 60 s");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        assert!(status.success(), "--threads {threads}: {status:?}");
        let doc: Value = serde_json::from_slice(&reader.join().unwrap()).unwrap();
        let files: Vec<&str> = doc["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["file"].as_str().unwrap())
            .collect();
        assert_eq!(files.len(), n, "--threads {threads}");
        assert!(
            files.windows(2).all(|w| w[0] < w[1]),
            "--threads {threads}: out of order"
        );
        assert_eq!(doc["vendors"][0]["vendor"], "v");
        // Every conversation with messages stalls; the empty ones (one in three) do not.
        let stalling = (n - n.div_ceil(3)) as f64 / n as f64;
        assert_eq!(
            doc["vendors"][0]["stall_rate"],
            (stalling * 1000.0).round() / 1000.0
        );
    }
}
