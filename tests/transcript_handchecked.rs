//! Hand-checked `supportgrade transcript analyze` results on twelve small conversations
//! (tests/fixtures/transcripts/handchecked/<vendor>/*.txt), Chinese, English and mixed.
//!
//! Every expected value below was worked out by hand from the rubric
//! (rubrics/default.toml) and these rules, before the binary was run:
//!
//! - reply latency: for each evaluator message, the time to the first *agent* message after
//!   it (bot greetings and system notices are not replies); first_reply_seconds is that of the
//!   first evaluator message, median_reply_seconds the median of all of them (mean of the two
//!   middle values for an even count); a conversation without any agent message has neither;
//! - a transfer / stall phrase is a deflection only when no substance (a concept of any probe,
//!   a number with a unit, a link, code) comes in the next 3 vendor messages before the
//!   evaluator speaks again; phrases in quotes ("...", “...”, 「...」, `>` lines) do not count;
//!   the same vendor reply of 8+ characters sent again is a stall (at the repeat's line); a
//!   conversation answered only by a bot (>= 2 bot replies, >= 2 evaluator messages) stalls;
//! - a probe is answered when at least `min_concepts` (2) of its concepts are named by agent
//!   messages before the evaluator asks a different probe, a concept named only in a sentence
//!   with a refusal phrase not counting; resolved = answered and never asked again;
//!   coverage = concepts found / concepts of the probe; terms match whole words in Latin text
//!   ("effective" does not name FEC, "https" does not name TPS), case- and width-insensitively;
//! - per vendor: transfer_rate and stall_rate are shares of its conversations with at least one
//!   deflecting transfer / stall; probe_quality is the mean, over the probes asked of the
//!   vendor, of the coverage of its best answer to that probe (README: "mean coverage of the
//!   best answer to each probe asked").

mod common;

use serde_json::Value;
use std::sync::OnceLock;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/transcripts/handchecked"
);

/// What the run printed: its JSON document and its standard error.
struct Analysis {
    doc: Value,
    stderr: String,
}

/// One run of the real binary on the whole folder (both vendors), shared by every test.
fn run() -> &'static Analysis {
    static RUN: OnceLock<Analysis> = OnceLock::new();
    RUN.get_or_init(|| {
        let run = common::supportgrade(["transcript", "analyze", DIR, "--format", "json"]);
        Analysis {
            doc: run.json(),
            stderr: run.stderr,
        }
    })
}

fn conversation(vendor: &str, name: &str) -> &'static Value {
    let doc = &run().doc;
    let suffix = format!("{vendor}/{name}");
    let c = doc["conversations"]
        .as_array()
        .expect("conversations")
        .iter()
        .find(|c| c["file"].as_str().unwrap().replace('\\', "/").ends_with(&suffix))
        .unwrap_or_else(|| panic!("no {suffix} in {doc}"));
    assert_eq!(c["vendor"], vendor, "{c}");
    c
}

fn lines(c: &Value, key: &str) -> Vec<u64> {
    c[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {c}"))
        .iter()
        .map(|x| x["line"].as_u64().unwrap())
        .collect()
}

/// The tool prints its fractions rounded to 3 decimals (0.667 for 2/3): compare to within
/// that rounding.
fn close(actual: &Value, expected: f64, what: &str) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {actual} is not a number"));
    assert!(
        (a - expected).abs() <= 0.0005 + 1e-12,
        "{what}: got {a}, expected {expected}"
    );
}

/// Messages, first reply and median reply latency (seconds), deflecting transfers and stalls.
fn check_conversation(
    c: &Value,
    messages: u64,
    first: Option<f64>,
    median: Option<f64>,
    transfers: &[u64],
    stalls: &[u64],
) {
    check_timing_and_transfers(c, messages, first, median, transfers);
    assert_eq!(lines(c, "stalls"), stalls, "stalls: {c}");
}

/// Messages, first reply and median reply latency (seconds), deflecting transfers.
fn check_timing_and_transfers(
    c: &Value,
    messages: u64,
    first: Option<f64>,
    median: Option<f64>,
    transfers: &[u64],
) {
    assert_eq!(c["messages"], messages, "messages: {c}");
    match first {
        Some(s) => close(&c["first_reply_seconds"], s, "first_reply_seconds"),
        None => assert!(c["first_reply_seconds"].is_null(), "first_reply_seconds: {c}"),
    }
    match median {
        Some(s) => close(&c["median_reply_seconds"], s, "median_reply_seconds"),
        None => assert!(c["median_reply_seconds"].is_null(), "median_reply_seconds: {c}"),
    }
    assert_eq!(lines(c, "transfers"), transfers, "transfers: {c}");
}

struct Probe {
    id: &'static str,
    asked_line: u64,
    answered: bool,
    resolved: bool,
    found: &'static [&'static str],
    missing: &'static [&'static str],
    coverage: f64,
    evidence: &'static [u64],
}

fn sorted(v: &Value) -> Vec<String> {
    let mut s: Vec<String> = v
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect();
    s.sort();
    s
}

fn names(v: &[&str]) -> Vec<String> {
    let mut s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    s.sort();
    s
}

/// The probes asked, exactly these (in order of asking), with their hand-worked values.
fn check_probes(c: &Value, expected: &[Probe]) {
    let mut asked: Vec<(u64, String)> = c["probes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["asked_line"].as_u64().unwrap(),
                p["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    asked.sort();
    let want: Vec<(u64, String)> = expected.iter().map(|p| (p.asked_line, p.id.to_owned())).collect();
    assert_eq!(asked, want, "probes asked: {c}");
    for e in expected {
        let p = c["probes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == e.id)
            .unwrap();
        let id = e.id;
        assert_eq!(p["answered"], e.answered, "{id} answered: {p}");
        assert_eq!(p["resolved"], e.resolved, "{id} resolved: {p}");
        assert_eq!(sorted(&p["concepts_found"]), names(e.found), "{id} found: {p}");
        assert_eq!(
            sorted(&p["concepts_missing"]),
            names(e.missing),
            "{id} missing: {p}"
        );
        close(&p["coverage"], e.coverage, &format!("{id} coverage"));
        assert_eq!(lines(p, "evidence"), e.evidence, "{id} evidence: {p}");
    }
}

const WEAK: &str = "weak_network_video";
const PUSH: &str = "push_load_test";
const CRM: &str = "crm_api_docs";
const STUTTER: &str = "video_stutter_troubleshooting";
const WEAK_ALL: &[&str] = &[
    "adaptive_bitrate",
    "fec",
    "packet_loss_resistance",
    "jitter_buffer",
    "bandwidth_estimation",
    "simulcast",
];
const PUSH_ALL: &[&str] = &["concurrency_figures", "latency_percentiles", "test_method"];
const CRM_ALL: &[&str] = &["api_reference", "sdk", "webhooks", "sample_code"];
const STUTTER_ALL: &[&str] = &["scope", "network_type", "bandwidth", "client_version"];

// ---------------------------------------------------------------------------------------
// acmechat

/// English. A bot greeting (5 s) is not the first reply: the agent's transfer at 90 s is.
/// "Let me transfer you" followed by the media engineer's answer is a hand-over, not a
/// deflection. "Hold on" (line 6) is followed, before the evaluator speaks, only by inline
/// code (`acme-diag --collect`): code is substance, so no stall. Weak-network probe answered
/// well (4 of 6 concepts); "simulcast" at line 9 comes after the evaluator moved on to the
/// stutter probe (line 5) and does not count for it. Stutter probe answered partially (client
/// version only, line 9). Latencies 90, 20, 90: median 90.
#[test]
fn acmechat_01_handover_code_rescue_and_bot_greeting() {
    let c = conversation("acmechat", "01-weak-network-handover.txt");
    check_conversation(c, 9, Some(90.0), Some(90.0), &[], &[]);
    check_probes(
        c,
        &[
            Probe {
                id: WEAK,
                asked_line: 1,
                answered: true,
                resolved: true,
                found: &[
                    "adaptive_bitrate",
                    "fec",
                    "packet_loss_resistance",
                    "bandwidth_estimation",
                ],
                missing: &["jitter_buffer", "simulcast"],
                coverage: 4.0 / 6.0,
                evidence: &[4],
            },
            Probe {
                id: STUTTER,
                asked_line: 5,
                answered: false,
                resolved: false,
                found: &["client_version"],
                missing: &["scope", "network_type", "bandwidth"],
                coverage: 0.25,
                evidence: &[9],
            },
        ],
    );
}

/// Chinese. "请稍等" followed by a substantive answer is not a deflection. The push probe is
/// answered (并发/长连接, P99/延迟) but the test report is named only in a refusal sentence
/// ("属于内部资料,签约后才能提供"), so test_method is missing. The CRM probe is answered
/// partially, by the full-width "ＳＤＫ" alone. "请稍候" (line 7) is followed only by
/// "工作日平均 5 分钟内回复": a number with a unit is substance, so no stall.
/// Latencies 120, 120, 30: median 120.
#[test]
fn acmechat_02_stall_then_substance_and_refusal_zh() {
    let c = conversation("acmechat", "02-push-refusal-zh.txt");
    check_timing_and_transfers(c, 8, Some(120.0), Some(120.0), &[]);
    // "请稍等" (line 2) is followed by the answer of line 3: not a stall. The stall list as a
    // whole (line 7 included) is asserted by acmechat_02_minutes_are_a_unit.
    assert!(!lines(c, "stalls").contains(&2), "{c}");
    check_probes(
        c,
        &[
            Probe {
                id: PUSH,
                asked_line: 1,
                answered: true,
                resolved: true,
                found: &["concurrency_figures", "latency_percentiles"],
                missing: &["test_method"],
                coverage: 2.0 / 3.0,
                evidence: &[3],
            },
            Probe {
                id: CRM,
                asked_line: 4,
                answered: false,
                resolved: false,
                found: &["sdk"],
                missing: &["api_reference", "webhooks", "sample_code"],
                coverage: 0.25,
                evidence: &[5],
            },
        ],
    );
}

/// "请稍候" (line 7), asked how fast the human support answers, is followed by
/// "工作日平均 5 分钟内回复": a number with a unit (minutes), which is substance, so it is not
/// a deflection and the conversation has no stall at all.
#[test]
fn acmechat_02_minutes_are_a_unit() {
    let c = conversation("acmechat", "02-push-refusal-zh.txt");
    assert_eq!(lines(c, "stalls"), Vec::<u64>::new(), "{c}");
}

/// English. "Our P99 latency figures are internal only." withholds the percentiles, so the
/// push probe names one concept (concurrent connections) and is not answered. "Let me
/// escalate this" is followed only by "Someone ... will reach out" before the evaluator
/// speaks again: a deflecting transfer at line 4. The weak-network probe gets nothing.
/// Latencies 180, 60, 60: median 60.
#[test]
fn acmechat_03_escalation_deflection_and_refusal_en() {
    let c = conversation("acmechat", "03-escalation-deflection.txt");
    check_conversation(c, 7, Some(180.0), Some(60.0), &[4], &[]);
    check_probes(
        c,
        &[
            Probe {
                id: PUSH,
                asked_line: 1,
                answered: false,
                resolved: false,
                found: &["concurrency_figures"],
                missing: &["latency_percentiles", "test_method"],
                coverage: 1.0 / 3.0,
                evidence: &[2],
            },
            Probe {
                id: WEAK,
                asked_line: 3,
                answered: false,
                resolved: false,
                found: &[],
                missing: WEAK_ALL,
                coverage: 0.0,
                evidence: &[],
            },
        ],
    );
}

/// Chinese, bot only: three evaluator questions (CRM, stutter, weak network), three bot
/// replies, no agent. One stall for the conversation (at one of the bot's lines); no agent
/// reply, so no reply latency; none of the three probes answered.
#[test]
fn acmechat_04_bot_only_zh() {
    let c = conversation("acmechat", "04-bot-only-zh.txt");
    assert_eq!(c["messages"], 6);
    assert!(c["first_reply_seconds"].is_null(), "a bot is not an agent: {c}");
    assert!(c["median_reply_seconds"].is_null(), "a bot is not an agent: {c}");
    assert_eq!(lines(c, "transfers"), Vec::<u64>::new());
    let stalls = lines(c, "stalls");
    assert_eq!(stalls.len(), 1, "one bot-only stall: {c}");
    assert!([2, 4, 6].contains(&stalls[0]), "at a bot line: {c}");
    let none = |id, asked_line, missing| Probe {
        id,
        asked_line,
        answered: false,
        resolved: false,
        found: &[],
        missing,
        coverage: 0.0,
        evidence: &[],
    };
    check_probes(
        c,
        &[
            none(CRM, 1, CRM_ALL),
            none(STUTTER, 3, STUTTER_ALL),
            none(WEAK, 5, WEAK_ALL),
        ],
    );
}

/// English. The canned "Thanks for reaching out to AcmeChat support today." sent again at
/// line 5 is a stall. "please hold" in double quotes (line 6) and "let me transfer you" on a
/// `>` line (line 8, in the message of line 7) are quotations: no stall, no transfer, though
/// no substance follows them. The stutter probe is answered fully (scope, network type,
/// bandwidth, SDK version). Latencies 20, 10, 40: median 20.
#[test]
fn acmechat_05_canned_repeat_and_quoted_phrases_en() {
    let c = conversation("acmechat", "05-canned-and-quoted.txt");
    check_conversation(c, 9, Some(20.0), Some(20.0), &[], &[5]);
    check_probes(
        c,
        &[Probe {
            id: STUTTER,
            asked_line: 1,
            answered: true,
            resolved: true,
            found: STUTTER_ALL,
            missing: &[],
            coverage: 1.0,
            evidence: &[3],
        }],
    );
}

/// Mixed Chinese/English. The CRM probe is asked again at line 3 after a one-concept answer
/// (REST API); the follow-up answer (Webhook 事件回调, GitHub 示例代码) makes it answered but
/// not resolved. Line 4's timestamp (09:34:30) goes back before line 3's (09:35:00): a
/// warning. The weak-network probe names 动态码率 only; 抗丢包 comes in a refusal
/// ("暂时没有...签约后提供"). Latencies 60, -30 (or dropped), 60, 60: median 60 either way.
#[test]
fn acmechat_06_follow_up_and_out_of_order_mixed() {
    let c = conversation("acmechat", "06-out-of-order-followup.txt");
    check_conversation(c, 8, Some(60.0), Some(60.0), &[], &[]);
    check_probes(
        c,
        &[
            Probe {
                id: CRM,
                asked_line: 1,
                answered: true,
                resolved: false,
                found: &["api_reference", "webhooks", "sample_code"],
                missing: &["sdk"],
                coverage: 0.75,
                evidence: &[2, 4],
            },
            Probe {
                id: WEAK,
                asked_line: 5,
                answered: false,
                resolved: false,
                found: &["adaptive_bitrate"],
                missing: &[
                    "fec",
                    "packet_loss_resistance",
                    "jitter_buffer",
                    "bandwidth_estimation",
                    "simulcast",
                ],
                coverage: 1.0 / 6.0,
                evidence: &[6],
            },
        ],
    );
}

// ---------------------------------------------------------------------------------------
// huoyun

/// Chinese. "我帮您转接音视频技术同事" then (after a system notice) the engineer's answer:
/// a hand-over, not a deflection. Weak-network probe answered well with the full-width
/// "ＦＥＣ", 丢包重传/抗丢包, 抖动缓冲 and 大小流 (4 of 6); stutter probe partially (所有人 /
/// 个别用户: scope). The last reply is stamped in another offset (07:09:20 +00:00 =
/// 15:09:20 +08:00): the same instant, 20 s after the evaluator, and not out of order.
/// Latencies 45, 90, 20: median 45.
#[test]
fn huoyun_01_transfer_to_expert_zh() {
    let c = conversation("huoyun", "01-zhuanjie-expert.txt");
    check_conversation(c, 8, Some(45.0), Some(45.0), &[], &[]);
    check_probes(
        c,
        &[
            Probe {
                id: WEAK,
                asked_line: 1,
                answered: true,
                resolved: true,
                found: &["fec", "packet_loss_resistance", "jitter_buffer", "simulcast"],
                missing: &["adaptive_bitrate", "bandwidth_estimation"],
                coverage: 4.0 / 6.0,
                evidence: &[4],
            },
            Probe {
                id: STUTTER,
                asked_line: 5,
                answered: false,
                resolved: false,
                found: &["scope"],
                missing: &["network_type", "bandwidth", "client_version"],
                coverage: 0.25,
                evidence: &[6],
            },
        ],
    );
}

/// Chinese. CRM probe answered well (接口文档, SDK, 消息回调: 3 of 4). "请稍等" at line 4 is
/// followed by three empty messages; the substance (长连接) comes only in the 4th vendor
/// message: a deflecting stall. "我帮您转给技术同事确认" at line 10 is followed by nothing
/// before "还在吗?": a deflecting transfer. The push probe names 长连接 only.
/// Latencies 40, 60, 30, 120: median 50.
#[test]
fn huoyun_02_stall_window_and_transfer_deflection_zh() {
    let c = conversation("huoyun", "02-stall-window-zh.txt");
    check_conversation(c, 12, Some(40.0), Some(50.0), &[10], &[4]);
    check_probes(
        c,
        &[
            Probe {
                id: CRM,
                asked_line: 1,
                answered: true,
                resolved: true,
                found: &["api_reference", "sdk", "webhooks"],
                missing: &["sample_code"],
                coverage: 0.75,
                evidence: &[2],
            },
            Probe {
                id: PUSH,
                asked_line: 3,
                answered: false,
                resolved: false,
                found: &["concurrency_figures"],
                missing: &["latency_percentiles", "test_method"],
                coverage: 1.0 / 3.0,
                evidence: &[8],
            },
        ],
    );
}

/// English, bot only: three evaluator messages, three bot replies. One stall; no reply
/// latency; push and CRM probes not answered.
#[test]
fn huoyun_03_bot_only_en() {
    let c = conversation("huoyun", "03-bot-only-en.txt");
    assert_eq!(c["messages"], 6);
    assert!(c["first_reply_seconds"].is_null(), "a bot is not an agent: {c}");
    assert!(c["median_reply_seconds"].is_null(), "a bot is not an agent: {c}");
    assert_eq!(lines(c, "transfers"), Vec::<u64>::new());
    let stalls = lines(c, "stalls");
    assert_eq!(stalls.len(), 1, "one bot-only stall: {c}");
    assert!([2, 4, 6].contains(&stalls[0]), "at a bot line: {c}");
    check_probes(
        c,
        &[
            Probe {
                id: PUSH,
                asked_line: 1,
                answered: false,
                resolved: false,
                found: &[],
                missing: PUSH_ALL,
                coverage: 0.0,
                evidence: &[],
            },
            Probe {
                id: CRM,
                asked_line: 3,
                answered: false,
                resolved: false,
                found: &[],
                missing: CRM_ALL,
                coverage: 0.0,
                evidence: &[],
            },
        ],
    );
}

/// Chinese. "您好,感谢您对火云通讯的支持!" sent again at line 5: a stall. “请耐心等待” and
/// 「转人工」 are quoted: neither counts, though nothing substantive follows. "好的。" twice is
/// under 8 characters: not a canned repeat. Stutter probe answered fully; push probe not at
/// all. Latencies 50, 20, 60, 60: median 55.
#[test]
fn huoyun_04_repeat_and_quoted_phrases_zh() {
    let c = conversation("huoyun", "04-repeat-quoted-zh.txt");
    check_conversation(c, 12, Some(50.0), Some(55.0), &[], &[5]);
    check_probes(
        c,
        &[
            Probe {
                id: STUTTER,
                asked_line: 1,
                answered: true,
                resolved: true,
                found: STUTTER_ALL,
                missing: &[],
                coverage: 1.0,
                evidence: &[3],
            },
            Probe {
                id: PUSH,
                asked_line: 8,
                answered: false,
                resolved: false,
                found: &[],
                missing: PUSH_ALL,
                coverage: 0.0,
                evidence: &[],
            },
        ],
    );
}

/// English. "Please hold" followed by a link and API reference + Webhooks: not a deflection.
/// "One moment." followed only by "I am checking with the media team." before "Any update?":
/// a deflecting stall at line 5. "Adaptive Bitrate" (mixed case) is the only weak-network
/// concept: "effective" does not name FEC. The CRM probe, answered at line 3, is asked again
/// at line 9: answered, not resolved; "Sample code is not available yet" is a refusal.
/// Latencies 40, 10, 120, 90, 30: median 40.
#[test]
fn huoyun_05_hold_then_substance_stall_deflection_follow_up_en() {
    let c = conversation("huoyun", "05-hold-and-followup.txt");
    check_conversation(c, 12, Some(40.0), Some(40.0), &[], &[5]);
    check_probes(
        c,
        &[
            Probe {
                id: CRM,
                asked_line: 1,
                answered: true,
                resolved: false,
                found: &["api_reference", "webhooks"],
                missing: &["sdk", "sample_code"],
                coverage: 0.5,
                evidence: &[3],
            },
            Probe {
                id: WEAK,
                asked_line: 4,
                answered: false,
                resolved: false,
                found: &["adaptive_bitrate"],
                missing: &[
                    "fec",
                    "packet_loss_resistance",
                    "jitter_buffer",
                    "bandwidth_estimation",
                    "simulcast",
                ],
                coverage: 1.0 / 6.0,
                evidence: &[8],
            },
        ],
    );
}

/// English. Line 3's timestamp (13:01:30) is before line 2's (13:02:00): a warning; the file
/// order stands. Push probe answered fully (concurrent connections, P99, Locust/test report);
/// stutter probe not at all; CRM probe partially (SDK). "One moment." (line 6) is followed by
/// the SDK answer in exactly the 3rd vendor message after it (line 9): inside the window, so
/// no stall. Latencies 120, 150, 30, 45: median 82.5.
#[test]
fn huoyun_06_out_of_order_en() {
    let c = conversation("huoyun", "06-out-of-order-en.txt");
    check_conversation(c, 11, Some(120.0), Some(82.5), &[], &[]);
    check_probes(
        c,
        &[
            Probe {
                id: PUSH,
                asked_line: 1,
                answered: true,
                resolved: true,
                found: PUSH_ALL,
                missing: &[],
                coverage: 1.0,
                evidence: &[2],
            },
            Probe {
                id: STUTTER,
                asked_line: 3,
                answered: false,
                resolved: false,
                found: &[],
                missing: STUTTER_ALL,
                coverage: 0.0,
                evidence: &[],
            },
            Probe {
                id: CRM,
                asked_line: 5,
                answered: false,
                resolved: false,
                found: &["sdk"],
                missing: &["api_reference", "webhooks", "sample_code"],
                coverage: 0.25,
                evidence: &[9],
            },
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Folder-wide

/// The two backward timestamps, and no other, are warned about with file and line.
#[test]
fn out_of_order_timestamps_are_warned_with_file_and_line() {
    let stderr = &run().stderr;
    let warned: Vec<&str> = stderr.lines().filter(|l| l.contains("timestamp")).collect();
    assert_eq!(warned.len(), 2, "{stderr}");
    assert!(
        warned
            .iter()
            .any(|l| l.starts_with("warning") && l.contains("acmechat/06-out-of-order-followup.txt:4")),
        "{stderr}"
    );
    assert!(
        warned
            .iter()
            .any(|l| l.starts_with("warning") && l.contains("huoyun/06-out-of-order-en.txt:3")),
        "{stderr}"
    );
}

fn vendor(id: &str) -> &'static Value {
    run().doc["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["vendor"] == id)
        .unwrap_or_else(|| panic!("no vendor {id}"))
}

#[test]
fn exactly_the_twelve_conversations_of_two_vendors() {
    let doc = &run().doc;
    assert_eq!(doc["conversations"].as_array().unwrap().len(), 12);
    let mut vendors: Vec<&str> = doc["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["vendor"].as_str().unwrap())
        .collect();
    vendors.sort();
    assert_eq!(vendors, vec!["acmechat", "huoyun"]);
}

/// acmechat: one deflecting transfer (03) in six conversations. Best coverage per probe: weak network 4/6 (01), stutter 1 (05), push
/// 2/3 (02), CRM 3/4 (06): mean 37/48.
#[test]
fn acmechat_vendor_rates() {
    let v = vendor("acmechat");
    close(&v["transfer_rate"], 1.0 / 6.0, "acmechat transfer_rate");
    close(
        &v["probe_quality"],
        (4.0 / 6.0 + 1.0 + 2.0 / 3.0 + 0.75) / 4.0,
        "acmechat probe_quality",
    );
}

/// acmechat stalls in 04 (bot only) and 05 (canned repeat): 2 of 6 conversations.
#[test]
fn acmechat_stall_rate() {
    close(
        &vendor("acmechat")["stall_rate"],
        2.0 / 6.0,
        "acmechat stall_rate",
    );
}

/// huoyun: one deflecting transfer (02); stalls in 02, 03 (bot only), 04 (repeat) and 05.
/// Best coverage per probe: weak network 4/6 (01), stutter 1 (04), CRM 3/4 (02), push 1 (06):
/// mean 41/48.
#[test]
fn huoyun_vendor_rates() {
    let v = vendor("huoyun");
    close(&v["transfer_rate"], 1.0 / 6.0, "huoyun transfer_rate");
    close(&v["stall_rate"], 4.0 / 6.0, "huoyun stall_rate");
    close(
        &v["probe_quality"],
        (4.0 / 6.0 + 1.0 + 0.75 + 1.0) / 4.0,
        "huoyun probe_quality",
    );
}
