//! Synthetic probe exports for benchmarks: the canonical measurements CSV with `n` rows of
//! fictional vendors, written deterministically from a seed (the same `n` and seed give the
//! same bytes). Response times are log-normal-ish with a vendor-specific scale; a few probes
//! are never answered and some are never resolved. Also synthetic archives of probe
//! conversations ([`write_transcript_archive_mixed`]).
//!
//! Not part of the library, and using nothing of it: each user includes this file as its own
//! module, `#[path = "../examples/synthetic/mod.rs"] mod synthetic;` (examples/gen_export.rs
//! and gen_transcripts.rs with `#[path = "synthetic/mod.rs"]`, benches/*.rs, tests/synthetic.rs
//! which holds its tests, and the library's own tests: ingest/tickets reads its export,
//! metrics/transcripts measures how much of each archive mix the rubric's phrases touch).
// Each user takes only some of the generators.
#![allow(dead_code)]

use std::io::{self, Write};

/// SplitMix64: small, fast and good enough to spread synthetic values.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub const VENDORS: [&str; 8] = [
    "swiftchat",
    "deepwave",
    "qingluan",
    "leqiao",
    "northwind-im",
    "bluepeak",
    "tidelink",
    "mosschat",
];
const PRIORITIES: [&str; 4] = ["urgent", "high", "normal", "low"];
const CHANNELS: [&str; 4] = ["chat", "email", "phone", "ticket"];

/// Writes the header and `rows` rows of the canonical measurements CSV.
pub fn write_measurements(out: &mut impl Write, rows: u64, seed: u64) -> io::Result<()> {
    let mut rng = Rng(seed);
    out.write_all(
        b"vendor,probe_id,channel,priority,sent_at,first_response_at,resolved_at,resolved_on_first_contact\n",
    )?;
    // 2025-01-01T00:00:00Z
    let start = 1_735_689_600i64;
    let span = 700 * 86_400u64;
    let mut line = Vec::with_capacity(160);
    for i in 0..rows {
        line.clear();
        let v = rng.below(VENDORS.len() as u64) as usize;
        let p = rng.below(PRIORITIES.len() as u64) as usize;
        let c = rng.below(CHANNELS.len() as u64) as usize;
        let sent = start + rng.below(span) as i64;
        // Scale in seconds: faster vendors and more urgent priorities answer sooner.
        let scale = 60.0 * (1.0 + v as f64 * 0.7) * (1.0 + p as f64 * 2.0);
        // exp of a sum of uniforms: a heavy right tail like real first-response times.
        let z = rng.unit() + rng.unit() + rng.unit() - 1.5;
        let first = (scale * (2.2 * z).exp()).round() as i64 + 1;
        let answered = rng.below(100) >= 3;
        let resolved = answered && rng.below(100) < 80;
        let resolution = first + (scale * 8.0 * (1.5 * (rng.unit() + rng.unit() - 1.0)).exp()) as i64;
        line.extend_from_slice(VENDORS[v].as_bytes());
        write!(line, ",p{i:010},{},{},", CHANNELS[c], PRIORITIES[p])?;
        push_time(&mut line, sent);
        line.push(b',');
        if answered {
            push_time(&mut line, sent + first);
        }
        line.push(b',');
        if resolved {
            push_time(&mut line, sent + resolution);
        }
        line.push(b',');
        if resolved {
            line.extend_from_slice(if rng.below(2) == 0 { b"true" } else { b"false" });
        }
        line.push(b'\n');
        out.write_all(&line)?;
    }
    out.flush()
}

/// RFC 3339 in China Standard Time (+08:00), e.g. `2026-03-02T09:00:00+08:00`.
fn push_time(out: &mut Vec<u8>, utc: i64) {
    let local = utc + 8 * 3600;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let two = |out: &mut Vec<u8>, v: i64| {
        out.push(b'0' + (v / 10) as u8);
        out.push(b'0' + (v % 10) as u8);
    };
    two(out, y / 100);
    two(out, y % 100);
    out.push(b'-');
    two(out, m);
    out.push(b'-');
    two(out, d);
    out.push(b'T');
    two(out, secs / 3600);
    out.push(b':');
    two(out, secs % 3600 / 60);
    out.push(b':');
    two(out, secs % 60);
    out.extend_from_slice(b"+08:00");
}

/// Howard Hinnant's days-from-civil inverse: days since 1970-01-01 to (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Lines of synthetic probe conversations, Chinese and English, good and poor answers.
const ASKS: [&str; 6] = [
    "弱网环境下怎么保证高清视频质量?",
    "How do you keep HD video quality on weak networks?",
    "你们的消息推送做过压测吗?并发和延迟是多少?",
    "Has your real-time message push been load tested? Concurrency and latency?",
    "我们要对接CRM,接口文档全吗?有SDK和回调吗?",
    "Video stutters for some users in our app. How do we troubleshoot it?",
];
const STALLS: [&str; 2] = [
    "请稍等,正在为您查询。",
    "One moment please, let me check that for you.",
];
const ANSWERS: [&str; 8] = [
    "我们采用码率自适应和FEC前向纠错,配合抖动缓冲与带宽估计,30%丢包下仍可保持720p通话。",
    "We use adaptive bitrate, FEC and a jitter buffer with bandwidth estimation; calls stay at 720p with 30% packet loss.",
    "最近一次压测:单集群120万并发连接,消息端到端延迟p99为180ms,测试方法见报告附录。",
    "Our last load test held 1.2 million concurrent connections with p99 latency of 180 ms; the method is in the report.",
    "API文档在 https://docs.example.com/api ,提供iOS/Android SDK、webhook回调和示例代码。",
    "Please check the network quality callback first, then the encoder logs; see https://docs.example.com/video for the steps.",
    "请稍等,我帮您转接技术同事。",
    "Please hold, let me transfer you to our engineers.",
];

/// Ordinary lines of a pre-sales conversation, that no phrase of the rubric names: what most
/// of a real support chat is made of.
const SMALL_ASKS: [&str; 12] = [
    "你好,想了解一下你们的套餐价格",
    "私有化部署和公有云版本有什么区别?",
    "试用账号怎么申请,需要提供营业执照吗?",
    "我们大概有五千个日活用户,该选哪个版本?",
    "发票可以开增值税专用发票吗?",
    "好的,我先和同事商量一下",
    "Hi, could you send me the pricing sheet for the enterprise plan?",
    "Do you support single sign-on with our identity provider?",
    "Which regions are your data centers in?",
    "Can we pay annually instead of monthly?",
    "Thanks, that helps. Who should I talk to about the contract?",
    "Is there a free tier for our internal pilot?",
];
const SMALL_ANSWERS: [&str; 12] = [
    "您好,感谢关注!标准版按月活计费,企业版可以按年签约,具体报价我发您邮箱。",
    "私有化版本部署在贵司机房,数据不出内网;公有云版本开箱即用,维护由我们负责。",
    "试用不需要营业执照,在官网注册后填写公司名称即可开通。",
    "这个规模选专业版就足够了,后续用户增长可以随时换成企业版。",
    "可以开具增值税专用发票,签约时把开票信息发给商务同事即可。",
    "好的,有任何问题随时联系我。",
    "Hello, thanks for reaching out! I have emailed the enterprise pricing sheet to you.",
    "Yes, single sign-on works with SAML and OIDC identity providers on every paid plan.",
    "We run data centers in Singapore, Frankfurt and Virginia; you choose one at signup.",
    "Annual billing is available on every plan and comes with a discount.",
    "Our sales team handles contracts; I have copied them on this thread.",
    "There is a free tier for internal pilots, limited in seats but not in features.",
];

/// How much of a synthetic archive the rubric's phrases touch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArchiveMix {
    /// Every round a probe question and every reply a probe answer or a deflection: the
    /// worst case for the matcher (a phrase about every 64 bytes), and canned replies
    /// repeated throughout.
    Dense,
    /// One round in twelve a probe, the rest ordinary pre-sales talk written afresh each
    /// time, and one ordinary reply in twenty a stall: about one message in eight touched by
    /// a phrase (in JDDC's real customer-service chats one in thirty, one agent message in
    /// twenty).
    Realistic,
}

/// Writes `conversations` synthetic probe transcripts (text format) into `dir`, spread over
/// eight vendor folders, each conversation with `turns` question-and-answer rounds.
pub fn write_transcript_archive(
    dir: &std::path::Path,
    conversations: u64,
    turns: u64,
    seed: u64,
) -> io::Result<u64> {
    write_transcript_archive_mixed(dir, conversations, turns, seed, ArchiveMix::Dense)
}

/// As [`write_transcript_archive`], with the given mix of probes and ordinary talk.
pub fn write_transcript_archive_mixed(
    dir: &std::path::Path,
    conversations: u64,
    turns: u64,
    seed: u64,
    mix: ArchiveMix,
) -> io::Result<u64> {
    let mut rng = Rng(seed);
    let mut bytes = 0u64;
    for c in 0..conversations {
        let vendor = VENDORS[(c % VENDORS.len() as u64) as usize];
        let folder = dir.join(vendor);
        std::fs::create_dir_all(&folder)?;
        let mut out = Vec::with_capacity(32 * 1024);
        let mut t = 1_790_000_000i64 + rng.below(30_000_000) as i64;
        for round in 0..turns {
            let probe = mix == ArchiveMix::Dense || rng.below(12) == 0;
            let ask = if probe {
                ASKS[rng.below(ASKS.len() as u64) as usize]
            } else {
                SMALL_ASKS[rng.below(SMALL_ASKS.len() as u64) as usize]
            };
            push_line(&mut out, t, "evaluator", ask);
            for k in 0..(1 + rng.below(3)) {
                t += 30 + rng.below(1_800) as i64;
                let answer: std::borrow::Cow<str> = if probe {
                    ANSWERS[rng.below(ANSWERS.len() as u64) as usize].into()
                } else if rng.below(20) == 0 {
                    STALLS[rng.below(STALLS.len() as u64) as usize].into()
                } else {
                    // Ordinary replies differ from one another (a person writes them), so
                    // that they are not read as one canned reply sent again and again.
                    let a = SMALL_ANSWERS[rng.below(SMALL_ANSWERS.len() as u64) as usize];
                    format!("{a} (ref. {c}-{round}-{k})").into()
                };
                let who = if rng.below(5) == 0 {
                    "bot(助手)"
                } else {
                    "agent(Lin)"
                };
                push_line(&mut out, t, who, &answer);
            }
            t += 60 + rng.below(600) as i64;
        }
        bytes += out.len() as u64;
        std::fs::write(folder.join(format!("conversation-{c:06}.txt")), out)?;
    }
    Ok(bytes)
}

fn push_line(out: &mut Vec<u8>, utc: i64, speaker: &str, text: &str) {
    out.push(b'[');
    let mut stamp = Vec::with_capacity(32);
    push_time(&mut stamp, utc);
    // 2026-03-02T09:00:00+08:00 -> 2026-03-02 09:00:00 +08:00
    stamp[10] = b' ';
    out.extend_from_slice(&stamp[..19]);
    out.extend_from_slice(b" +08:00] ");
    out.extend_from_slice(speaker.as_bytes());
    out.extend_from_slice(b": ");
    out.extend_from_slice(text.as_bytes());
    out.push(b'\n');
}
