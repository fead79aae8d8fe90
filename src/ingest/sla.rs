//! SLA documents / support-plan pages: `sla/<vendor-id>.md` (or `.txt`).
//!
//! A rule-based, explainable extractor. It reads prose line by line (split into sentences and
//! clauses) and Markdown tables cell by cell (each cell read together with its column header
//! and row label), and finds:
//! - first-response commitments: a priority + a duration + a word for responding;
//! - resolution commitments: a duration or a percentage + a word for resolving;
//! - support hours: 7x24 forms, or a day range with a time range;
//! - channels: the phrases of [`Channel::phrases`].
//!
//! Clauses about service credits, uptime and outages are skipped: their durations and
//! percentages are not support promises. Every commitment keeps the line it came from.

use crate::error::{Diagnostic, Result};
use crate::evaluation_folder::EvaluationFolder;
use crate::model::domain::{Channel, Priority};
use crate::model::evidence::Evidence;
use crate::model::sla::{
    ChannelOffer, Language, ResolutionCommitment, ResolutionMetric, ResponseCommitment, Schedule,
    SlaDocument, SupportHours, UptimeCommitment,
};
use crate::text::{cjk_share, normalize, PhraseMatcher};
use std::sync::OnceLock;

pub fn read_all(
    folder: &EvaluationFolder,
    vendor_ids: &[&str],
) -> Result<(Vec<SlaDocument>, Vec<Diagnostic>)> {
    let docs = super::read_vendor_files(
        folder,
        "sla",
        &DOCUMENT_EXTENSIONS,
        vendor_ids,
        |src, shown, vendor| read_document(src.as_bytes(), shown, vendor),
    )?;
    let warnings = docs
        .iter()
        .filter(|d| d.first_response.is_empty() && d.support_hours.is_empty() && d.channels.is_empty())
        .map(|d| Diagnostic::new(&d.file, None, "no support commitments found in this document"))
        .collect();
    Ok((docs, warnings))
}

/// The forms an SLA document may take.
pub const DOCUMENT_EXTENSIONS: [&str; 5] = ["md", "txt", "html", "htm", "toml"];

/// Lines longer than this are read up to it (with a warning): no promise is that long, and
/// a pathological line must not cost quadratic time.
const MAX_LINE_CHARS: usize = 20_000;

/// Reads an SLA document from its bytes, by its file name's extension: Markdown or text,
/// HTML (tags stripped, tables kept as rows), or the structured TOML form. The text may be
/// UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK. A binary or empty file
/// gives a document with a warning; only a malformed TOML form is an error.
pub fn read_document(bytes: &[u8], file: &str, vendor: &str) -> Result<SlaDocument> {
    let empty = |warning: String| SlaDocument {
        warnings: vec![warning],
        ..SlaDocument::new(vendor, file, Language::En)
    };
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(empty("a binary file, not a document: nothing read".to_string()));
    }
    let (text, encoding) = match crate::ingest::encoding::decode(bytes) {
        Ok(t) => t,
        Err(m) => return Ok(empty(format!("{m}: nothing read"))),
    };
    let ext = std::path::Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "toml" {
        return crate::ingest::sla_toml::read(&text, file, vendor);
    }
    let mut lines = if ext == "html" || ext == "htm" {
        crate::ingest::html::html_lines(&text)
    } else {
        text_lines(&text)
    };
    let mut warnings = Vec::new();
    for l in &mut lines {
        if l.text.chars().count() > MAX_LINE_CHARS {
            let cut: String = l.text.chars().take(MAX_LINE_CHARS).collect();
            l.text = cut;
            warnings.push(format!(
                "line {} is longer than {MAX_LINE_CHARS} characters: only its start was read",
                l.line
            ));
        }
    }
    let body: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut doc = extract_lines(&lines, language_of(&body), file, vendor);
    if !matches!(
        encoding,
        crate::ingest::encoding::TextEncoding::Utf8 | crate::ingest::encoding::TextEncoding::Utf8Bom
    ) {
        warnings.push(format!("read as {}", encoding.name()));
    }
    doc.warnings.splice(0..0, warnings);
    Ok(doc)
}

/// A schedule written as `24x7` or `Mon-Fri 09:00-18:00` (normalized text).
pub fn schedule_of(norm: &str) -> Option<Schedule> {
    schedule_in(norm)
}

/// Words that make a duration a response promise.
const RESPOND_WORDS: [&str; 22] = [
    "reaction time",
    "reaction times",
    "react",
    "first touch",
    "response",
    "respond",
    "responds",
    "responded",
    "reply",
    "replies",
    "acknowledge",
    "acknowledged",
    "acknowledgement",
    "answer",
    "answered",
    "pick up",
    "响应",
    "回复",
    "答复",
    "受理",
    "首次",
    "接起",
];

/// Words that make a duration a resolution promise.
const RESOLVE_WORDS: [&str; 19] = [
    "规避",
    "临时方案",
    "work around",
    "resolve",
    "resolved",
    "resolution",
    "resolving",
    "fix",
    "fixed",
    "restore",
    "restored",
    "workaround",
    "solved",
    "解决",
    "修复",
    "恢复",
    "结案",
    "处理完毕",
    "处理完成",
];

/// Where the first of `words` occurs in `text` (as a whole word for ASCII words).
fn first_position(words: &[&str], text: &str) -> Option<usize> {
    words
        .iter()
        .filter_map(|w| {
            text.match_indices(w).map(|(i, _)| i).find(|&i| {
                !w.is_ascii()
                    || (!text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                        && !text[i + w.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric()))
            })
        })
        .min()
}

/// A clause that reports what happened ("our median first reply in 2025 was 2 minutes"),
/// not what is promised.
fn is_statistic(norm: &str) -> bool {
    [
        " was ",
        " were ",
        "average",
        "median",
        "平均",
        "去年",
        "历史数据",
        "in 2024",
        "in 2025",
    ]
    .iter()
    .any(|w| norm.contains(w))
}

struct Vocabulary {
    priorities: PhraseMatcher,
    respond: PhraseMatcher,
    resolve: PhraseMatcher,
    exclude: PhraseMatcher,
    business: PhraseMatcher,
    always_on: PhraseMatcher,
    channels: PhraseMatcher,
    plans: PhraseMatcher,
    plan_names: Vec<&'static str>,
}

const PLAN_WORDS: [&str; 33] = [
    "basic",
    "standard",
    "professional",
    "business",
    "enterprise",
    "premium",
    "premier",
    "developer",
    "starter",
    "growth",
    "pro",
    "team",
    "free",
    "ultimate",
    "advanced",
    "essentials",
    "platinum",
    "gold",
    "silver",
    "scale",
    "基础版",
    "标准版",
    "专业版",
    "企业版",
    "旗舰版",
    "尊享版",
    "免费版",
    "高级版",
    "至尊版",
    "入门版",
    "团队版",
    "商业版",
    "私有化版",
];

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary {
        // One group per priority, in Priority::ALL order.
        priorities: PhraseMatcher::new(&[
            vec![
                "urgent",
                "critical",
                "emergency",
                "p1",
                "sev1",
                "sev 1",
                "severity 1",
                "severity-1",
                "priority 1",
                "紧急",
                "一级",
                "特急",
                "重大故障",
                "严重故障",
            ],
            vec![
                "high",
                "major",
                "p2",
                "sev2",
                "sev 2",
                "severity 2",
                "severity-2",
                "priority 2",
                "高优先级",
                "优先级高",
                "二级",
                "重要问题",
                "重要",
            ],
            vec![
                "normal",
                "medium",
                "minor",
                "p3",
                "sev3",
                "sev 3",
                "severity 3",
                "severity-3",
                "priority 3",
                "普通",
                "一般",
                "中优先级",
                "优先级中",
                "三级",
            ],
            vec![
                "low",
                "cosmetic",
                "trivial",
                "p4",
                "sev4",
                "sev 4",
                "severity 4",
                "severity-4",
                "priority 4",
                "低优先级",
                "优先级低",
                "四级",
                "咨询类",
            ],
        ]),
        respond: PhraseMatcher::single(&RESPOND_WORDS),
        resolve: PhraseMatcher::single(&RESOLVE_WORDS),
        exclude: PhraseMatcher::single(&[
            "credit",
            "credits",
            "uptime",
            "availability",
            "available",
            "outage",
            "claim",
            "refund",
            "downtime",
            "赔偿",
            "补偿",
            "抵扣",
            "代金券",
            "可用性",
            "可用率",
            "退款",
            "宕机",
            "停机",
            "故障发生后",
        ]),
        business: PhraseMatcher::single(&[
            "business hour",
            "business hours",
            "business day",
            "business days",
            "working hours",
            "working day",
            "working days",
            "during office hours",
            "工作时间",
            "工作时段",
            "工作日",
            "工作小时",
            "上班时间",
        ]),
        always_on: PhraseMatcher::single(&[
            "7x24",
            "7×24",
            "7*24",
            "7 x 24",
            "7 × 24",
            "24x7",
            "24×7",
            "24/7",
            "24 x 7",
            "24 × 7",
            "around the clock",
            "round-the-clock",
            "全天候",
            "7天24小时",
            "全年无休",
            "7*24小时",
        ]),
        channels: PhraseMatcher::new(&Channel::ALL.map(|c| c.phrases().to_vec())),
        plans: PhraseMatcher::new(&PLAN_WORDS.map(|p| vec![p])),
        plan_names: PLAN_WORDS.to_vec(),
    })
}

fn priorities_in(norm: &str) -> Vec<Priority> {
    vocabulary()
        .priorities
        .find_groups_normalized(norm)
        .into_iter()
        .map(|(g, _)| Priority::ALL[g])
        .collect()
}

/// A priority written alone in a table cell: also accepts the one-character Chinese forms.
fn cell_priorities(norm: &str) -> Vec<Priority> {
    let mut ps = priorities_in(norm);
    if ps.is_empty() {
        let t = norm.trim().trim_matches(|c: char| c == '*' || c == '`');
        let first = t
            .split(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        if let Some(p) = Priority::parse(first) {
            ps.push(p);
        }
    }
    ps
}

/// A plan named in a heading, a table header or a label: a known plan word (`Enterprise`,
/// `企业版`), or a word before `plan` / `tier` (`Growth plan`), or a Chinese name ending in
/// 版 (`尊享版`).
fn plan_in(norm: &str) -> Option<String> {
    if let Some((_, name)) = document_plans_in(norm).into_iter().next() {
        return Some(name);
    }
    let v = vocabulary();
    let capitalized = |w: &str| {
        let mut c = w.chars();
        match c.next() {
            Some(f) if f.is_ascii() => f.to_ascii_uppercase().to_string() + c.as_str(),
            _ => w.to_string(),
        }
    };
    let cleaned = without_clock_words(norm);
    if let Some((g, phrase)) = v.plans.find_groups_normalized(&cleaned).first() {
        let mut name = capitalized(v.plan_names[*g]);
        // Two-word names: "Scale Plus", "Business Pro", "企业版 Plus".
        if let Some(at) = cleaned.find(phrase.as_str()) {
            let rest = cleaned[at + phrase.len()..].trim_start();
            for suffix in ["plus", "pro", "max", "premium", "+"] {
                if rest.starts_with(suffix)
                    && !rest[suffix.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                    && name.to_lowercase() != suffix
                {
                    name = format!("{name} {}", capitalized(suffix));
                    break;
                }
            }
        }
        return Some(name);
    }
    for marker in [" plan", " tier", " edition"] {
        if let Some(i) = norm.find(marker) {
            let word = norm[..i]
                .trim_end()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let generic = [
                "support", "service", "the", "your", "each", "every", "a", "our", "pricing", "this", "paid",
                "all", "any", "other", "higher", "lower", "same", "which", "that", "to", "we", "of", "per",
                "no", "and",
            ];
            if word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic()) && !generic.contains(&word) {
                return Some(capitalized(word));
            }
        }
    }
    if let Some(i) = norm.find('版') {
        let name: String = norm[..i]
            .chars()
            .rev()
            .take_while(|c| crate::text::is_cjk(*c))
            .take(3)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = norm[i + '版'.len_utf8()..].chars().next();
        let stop = [
            "付费", "所有", "全部", "其他", "当前", "最新", "各", "新", "旧", "有", "本", "该",
        ];
        if (1..=3).contains(&name.chars().count())
            && after != Some('本')
            && !stop.iter().any(|w| name.ends_with(w))
        {
            return Some(format!("{name}版"));
        }
    }
    None
}

/// The text without the phrases in which a plan word is no plan ("business hours",
/// "support team").
fn without_clock_words(norm: &str) -> String {
    let mut t = norm.to_string();
    for w in [
        "business hour",
        "business day",
        "business-critical",
        "business critical",
        "support team",
        "our team",
        "the team",
        "essentials team",
        "free of charge",
        "toll-free",
        "toll free",
        "pro rata",
    ] {
        t = t.replace(w, " ");
    }
    t
}

thread_local! {
    /// The plan names of the document being read, found by [`discover_plans`]: (the
    /// normalized phrase, the name shown). Set for the length of one `extract_lines`.
    static DOCUMENT_PLANS: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The document's own plan names occurring in `norm`, by position.
fn document_plans_in(norm: &str) -> Vec<(usize, String)> {
    DOCUMENT_PLANS.with(|plans| {
        let mut found: Vec<(usize, String)> = Vec::new();
        for (phrase, name) in plans.borrow().iter() {
            let ascii = phrase.is_ascii();
            for (at, _) in norm.match_indices(phrase.as_str()) {
                let before = norm[..at].chars().next_back();
                let after = norm[at + phrase.len()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                if !ascii || (!word(before) && !word(after)) {
                    found.push((at, name.clone()));
                }
            }
        }
        found.sort();
        found
    })
}

/// Words that head a section about a topic, not a plan.
const TOPIC_WORDS: [&str; 50] = [
    "description",
    "examples",
    "example",
    "impact",
    "target",
    "targets",
    "time",
    "update",
    "updates",
    "workaround",
    "coverage",
    "hours",
    "channels",
    "contact",
    "contacts",
    "resolution",
    "escalation",
    "escalations",
    "credits",
    "credit",
    "overview",
    "scope",
    "exclusions",
    "definitions",
    "definition",
    "severity",
    "severities",
    "priority",
    "priorities",
    "response",
    "responses",
    "uptime",
    "availability",
    "holidays",
    "faq",
    "notes",
    "support",
    "terms",
    "levels",
    "pricing",
    "introduction",
    "summary",
    "plans",
    "tiers",
    "glossary",
    "changes",
    "maintenance",
    "security",
    "billing",
    "onboarding",
];

/// The plan names a document defines for itself, beyond the common plan words: the columns
/// of a table keyed by priority (`| Severity | Core | Plus | Premier |`), sibling headings
/// named by one word that their sections repeat (`## Crew` ... `Crew customers`), and a
/// Chinese enumeration of tiers (`标准服务、高级服务、尊享服务`).
fn discover_plans(lines: &[SourceLine]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let add = |phrase: String, name: String, out: &mut Vec<(String, String)>| {
        let known = vocabulary().plans.find_groups_normalized(&phrase);
        if phrase.chars().count() >= 2 && known.is_empty() && !out.iter().any(|(p, _)| *p == phrase) {
            out.push((phrase, name));
        }
    };
    let plain_name = |cell: &str| {
        let t = cell.trim().trim_matches('*').trim();
        let words: Vec<&str> = t.split_whitespace().collect();
        let english = !words.is_empty()
            && words.len() <= 2
            && words
                .iter()
                .all(|w| w.chars().all(|c| c.is_ascii_alphabetic() || c == '+'))
            && words[0].starts_with(|c: char| c.is_ascii_uppercase());
        let chinese = (2..=6).contains(&t.chars().count()) && t.chars().all(crate::text::is_cjk);
        (english || chinese) && !TOPIC_WORDS.contains(&t.to_lowercase().as_str())
    };
    // Tables keyed by priority, plans as columns: every column under a name (not a metric:
    // "首次响应时间", "Resolution") and with durations in its cells.
    for (i, w) in lines.windows(2).enumerate() {
        let (head, sep) = (w[0].text.trim(), w[1].text.trim());
        if !head.starts_with('|') || !sep.starts_with('|') || !sep.contains("--") {
            continue;
        }
        let cells: Vec<&str> = head.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 3 {
            continue;
        }
        let key = normalize(cells[0]);
        let keyed_by_priority = key.is_empty()
            || [
                "severity",
                "priority",
                "level",
                "sev",
                "级别",
                "优先级",
                "等级",
                "故障",
            ]
            .iter()
            .any(|k| key.contains(k));
        let rest = &cells[1..];
        let rows: Vec<Vec<String>> = lines[i + 2..]
            .iter()
            .map(|l| l.text.trim())
            .take_while(|t| t.starts_with('|'))
            .map(|t| {
                t.trim_matches('|')
                    .split('|')
                    .map(|c| normalize(c.trim()))
                    .collect()
            })
            .collect();
        let v = vocabulary();
        let is_plan_column = |k: usize, c: &str| {
            let n = normalize(c);
            plain_name(c)
                && !v.respond.is_match(&n)
                && !v.resolve.is_match(&n)
                && rows
                    .iter()
                    .any(|r| r.get(k + 1).is_some_and(|cell| !durations_in(cell).is_empty()))
        };
        if keyed_by_priority && rest.iter().enumerate().all(|(k, c)| is_plan_column(k, c)) {
            for c in rest {
                let c = c.trim().trim_matches('*').trim();
                add(normalize(c), c.to_string(), &mut out);
            }
        }
    }
    // Sibling headings named by one word that their own sections use again.
    let level_of = |t: &str| t.chars().take_while(|c| *c == '#').count();
    for (i, l) in lines.iter().enumerate() {
        let level = level_of(l.text.trim());
        if level < 2 {
            continue;
        }
        let title = l.text.trim().trim_start_matches('#').trim();
        let stripped = title
            .split_whitespace()
            .filter(|w| {
                !["plan", "tier", "support", "edition", "package"].contains(&w.to_lowercase().as_str())
            })
            .collect::<Vec<_>>()
            .join(" ");
        if stripped.contains(' ') || !plain_name(&stripped) {
            continue;
        }
        let body: Vec<&str> = lines[i + 1..]
            .iter()
            .map(|x| x.text.trim())
            .take_while(|t| {
                let lv = level_of(t);
                lv == 0 || lv > level
            })
            .collect();
        let siblings = lines.iter().filter(|x| level_of(x.text.trim()) == level).count();
        if siblings >= 2 && body.iter().any(|t| t.contains(stripped.as_str())) {
            add(normalize(&stripped), stripped.clone(), &mut out);
        }
    }
    // 标准服务、高级服务、尊享服务: tiers enumerated with one suffix.
    for l in lines {
        let norm = normalize(&l.text);
        for suffix in ["服务", "套餐", "版"] {
            let items: Vec<String> = norm
                .split(['、', ',', '和', '与', '及'])
                .map(|part| {
                    let part = part.trim();
                    match part.find(suffix) {
                        Some(at)
                            if at + suffix.len() == part.len()
                                || part[at + suffix.len()..].starts_with('三') =>
                        {
                            part[..at]
                                .chars()
                                .rev()
                                .take_while(|c| crate::text::is_cjk(*c))
                                .collect::<Vec<_>>()
                                .into_iter()
                                .rev()
                                .collect::<String>()
                        }
                        _ => String::new(),
                    }
                })
                .collect();
            let mut stems: Vec<String> = items
                .iter()
                .filter(|s| (2..=3).contains(&s.chars().count()))
                .cloned()
                .collect();
            // The first item runs on from the sentence ("可在标准服务"): as long as the others.
            if let (Some(first), Some(k)) = (items.first(), stems.first().map(|x| x.chars().count())) {
                let n = first.chars().count();
                if n > 3 && stems.iter().all(|x| x.chars().count() == k) {
                    stems.insert(0, first.chars().skip(n - k).collect());
                }
            }
            if stems.len() >= 2 && items.iter().filter(|s| s.is_empty()).count() <= 2 {
                for stem in stems {
                    let shown = if suffix == "版" {
                        format!("{stem}版")
                    } else {
                        stem.clone()
                    };
                    add(format!("{stem}{suffix}"), shown, &mut out);
                }
            }
        }
    }
    out
}

/// Every plan named in the text (`基础版、专业版`), in the order of the plan words.
fn plans_in(norm: &str) -> Vec<String> {
    let v = vocabulary();
    let cleaned = without_clock_words(norm);
    let norm = cleaned.as_str();
    let own = document_plans_in(norm);
    if !own.is_empty() {
        let mut out: Vec<String> = Vec::new();
        for (_, p) in own {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        return out;
    }
    let found = v.plans.find_groups_normalized(norm);
    if found.is_empty() {
        return plan_in(norm).into_iter().collect();
    }
    // Each occurrence, read with what follows it ("scale and scale plus": Scale, Scale Plus).
    let mut named: Vec<(usize, String)> = found
        .into_iter()
        .flat_map(|(_, phrase)| {
            norm.match_indices(phrase.as_str())
                .map(|(at, _)| (at, plan_in(&norm[at..]).unwrap_or_else(|| phrase.clone())))
                .collect::<Vec<_>>()
        })
        .collect();
    named.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, p) in named {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The plans a prose line or sentence is about: those of its label (`Starter: ...`,
/// `基础版、专业版:...`), else those it names, else its section's.
fn plans_for(label_source: &str, sentence: &str, section_plan: &Option<String>) -> Vec<Option<String>> {
    let label = label_source
        .split_once(':')
        .map(|(l, _)| l)
        .filter(|l| l.chars().count() <= 40)
        .unwrap_or("");
    let mut plans = plans_in(label);
    if plans.is_empty() {
        plans = plans_in(sentence);
    }
    if plans.is_empty() {
        vec![section_plan.clone()]
    } else {
        plans.into_iter().map(Some).collect()
    }
}

/// Setext headings (a line underlined with `===` or `---`) become `#` headings; the
/// underlines become blank lines.
fn with_setext_headings(lines: &[SourceLine]) -> Vec<SourceLine> {
    let underline = |t: &str, c: char| t.len() >= 3 && t.chars().all(|x| x == c);
    let mut out: Vec<SourceLine> = lines.to_vec();
    for i in 1..lines.len() {
        let t = lines[i].text.trim();
        let prev = lines[i - 1].text.trim();
        let level = if underline(t, '=') {
            1
        } else if underline(t, '-') {
            2
        } else {
            continue;
        };
        if prev.is_empty() || prev.starts_with('|') || prev.starts_with('#') {
            continue;
        }
        out[i - 1].text = format!("{} {prev}", "#".repeat(level));
        out[i].text = String::new();
    }
    out
}

/// One logical line of a document: its text and the line of the file it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    pub line: usize,
    pub text: String,
}

/// The lines of a text document, numbered from 1.
pub fn text_lines(src: &str) -> Vec<SourceLine> {
    src.lines()
        .enumerate()
        .map(|(i, l)| SourceLine {
            line: i + 1,
            text: l.to_string(),
        })
        .collect()
}

/// Language of a text by its share of CJK ideographs.
pub fn language_of(src: &str) -> Language {
    let share = cjk_share(src);
    if share >= 0.6 {
        Language::Zh
    } else if share <= 0.15 {
        Language::En
    } else {
        Language::Mixed
    }
}

/// Extracts the commitments of one Markdown or text document. Never fails: what cannot be
/// read is left out.
pub fn extract(src: &str, file: &str, vendor: &str) -> SlaDocument {
    extract_lines(&text_lines(src), language_of(src), file, vendor)
}

/// What a heading says about the lines under it.
#[derive(Debug, Clone, Default)]
struct Section {
    level: usize,
    plan: Option<String>,
    priorities: Vec<Priority>,
    responds: bool,
    resolves: bool,
    business: bool,
    around_the_clock: bool,
    timezone: Option<(i32, String)>,
}

impl Section {
    /// A section opened under this one by a heading or lead-in line (`norm`): what the line
    /// names (plan, priorities, clock, zone), else what this section had.
    fn nested(&self, level: usize, norm: &str) -> Section {
        let v = vocabulary();
        let priorities = priorities_in(norm);
        Section {
            level,
            plan: plan_in(norm).or(self.plan.clone()),
            priorities: if priorities.is_empty() {
                self.priorities.clone()
            } else {
                priorities
            },
            responds: self.responds,
            resolves: self.resolves,
            business: v.business.is_match(norm) || self.business,
            around_the_clock: v.always_on.is_match(norm) || self.around_the_clock,
            timezone: zone_in(norm).or(self.timezone.clone()),
        }
    }
}

/// A line that introduces the lines under it (`Response targets:`), as a section does.
const LEAD_IN: usize = 100;

/// Extracts the commitments of a document given as numbered logical lines (Markdown, text,
/// or HTML turned into lines).
pub fn extract_lines(lines: &[SourceLine], language: Language, file: &str, vendor: &str) -> SlaDocument {
    let doc = SlaDocument::new(vendor, file, language);
    let lines = &with_setext_headings(lines);
    let plans = discover_plans(lines);
    DOCUMENT_PLANS.with(|p| *p.borrow_mut() = plans);
    let doc = read_lines(lines, doc, file);
    DOCUMENT_PLANS.with(|p| p.borrow_mut().clear());
    doc
}

fn read_lines(lines: &[SourceLine], mut doc: SlaDocument, file: &str) -> SlaDocument {
    let v = vocabulary();
    // Headings nest: a level-3 heading keeps the plan of the level-2 heading above it.
    let mut sections: Vec<Section> = vec![Section::default()];
    let mut table_header: Option<Vec<String>> = None;
    for (i, src_line) in lines.iter().enumerate() {
        let line = src_line.text.trim();
        let norm = normalize(line);
        let ev = || {
            Evidence::line(
                file,
                src_line.line,
                line.trim_start_matches('#').trim().to_string(),
            )
        };
        let heading_level = line.chars().take_while(|c| *c == '#').count();
        // A lead-in lasts until a blank line, a heading or another lead-in.
        if line.is_empty() || heading_level > 0 || is_lead_in(&norm) {
            while sections.len() > 1 && sections.last().is_some_and(|s| s.level == LEAD_IN) {
                sections.pop();
            }
        }
        if heading_level == 0 && is_lead_in(&norm) {
            let parent = sections.last().cloned().unwrap_or_default();
            let resolves = v.resolve.is_match(&norm) && !v.respond.is_match(&norm);
            sections.push(Section {
                responds: (v.respond.is_match(&norm) || parent.responds) && !resolves,
                resolves: resolves || parent.resolves,
                ..parent.nested(LEAD_IN, &norm)
            });
        }
        if heading_level > 0 {
            while sections.len() > 1 && sections.last().is_some_and(|s| s.level >= heading_level) {
                sections.pop();
            }
            let parent = sections.last().cloned().unwrap_or_default();
            sections.push(Section {
                responds: (v.respond.is_match(&norm) && !v.resolve.is_match(&norm)) || parent.responds,
                resolves: (v.resolve.is_match(&norm) && !v.respond.is_match(&norm)) || parent.resolves,
                ..parent.nested(heading_level, &norm)
            });
            table_header = None;
        }
        let section = sections.last().cloned().unwrap_or_default();
        // A line that names a zone and nothing else sets it for its section.
        if heading_level == 0 && schedule_in(&norm).is_none() {
            if let Some(z) = zone_in(&norm) {
                if let Some(s) = sections.last_mut() {
                    s.timezone = Some(z);
                }
            }
        }
        let is_table_row = line.starts_with('|');
        let cells: Vec<String> = if is_table_row {
            line.trim_matches('|')
                .split('|')
                .map(|c| normalize(c.trim()))
                .collect()
        } else {
            Vec::new()
        };
        let separator = is_table_row
            && cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
        if separator {
            continue;
        }
        // The plan of a table row: its column header's, its label's, or its section's.
        let row_plan = if is_table_row {
            cells
                .first()
                .and_then(|l| plan_in(l))
                .or_else(|| section.plan.clone())
        } else {
            section.plan.clone()
        };
        // Channels, hours and uptime are read from every line (headings included).
        if !v.exclude.is_match(&norm) || v.channels.is_match(&norm) && !is_credit(&norm) {
            read_channels(
                &mut doc,
                &norm,
                line,
                is_table_row,
                table_header.as_deref(),
                &cells,
                &row_plan,
                ev(),
            );
            read_hours(
                &mut doc,
                &norm,
                lines.get(i + 1),
                &row_plan,
                &section,
                table_header.as_deref(),
                &cells,
                ev(),
            );
        }
        read_uptime(&mut doc, &norm, ev());
        if heading_level > 0 {
            continue;
        }
        if is_table_row {
            match &table_header {
                None => table_header = Some(cells),
                Some(header) => read_table_row(&mut doc, header, &cells, &section, ev()),
            }
            continue;
        }
        table_header = None;
        if v.business.is_match(&norm) && durations_in(&norm).is_empty() && schedule_in(&norm).is_none() {
            if let Some(s) = sections.last_mut() {
                s.business = true;
            }
        }
        read_prose_line(&mut doc, &norm, &section, ev());
    }
    dedup(&mut doc);
    doc.warn_if_empty();
    doc
}

/// A prose line that ends with a colon and states no value itself (`Response targets:`).
fn is_lead_in(norm: &str) -> bool {
    let t = norm.trim();
    (t.ends_with(':') || t.ends_with(':'))
        && !t.starts_with('|')
        && durations_in(t).is_empty()
        && t.chars().count() <= 80
}

fn is_credit(norm: &str) -> bool {
    ["credit", "refund", "赔偿", "补偿", "抵扣", "代金券", "退款"]
        .iter()
        .any(|w| norm.contains(w))
}

#[allow(clippy::too_many_arguments)]
fn read_channels(
    doc: &mut SlaDocument,
    norm: &str,
    _line: &str,
    is_table_row: bool,
    header: Option<&[String]>,
    cells: &[String],
    row_plan: &Option<String>,
    ev: Evidence,
) {
    let v = vocabulary();
    if is_table_row {
        if let Some(header) = header {
            // A channel row of a plan table: offered under each plan whose cell says so.
            let label = cells.first().map(String::as_str).unwrap_or("");
            let found = v.channels.find_groups_normalized(label);
            for (g, _) in &found {
                let mut any_plan = false;
                for (col, cell) in cells.iter().enumerate().skip(1) {
                    let head = header.get(col).map(String::as_str).unwrap_or("");
                    let Some(plan) = plan_in(head) else { continue };
                    any_plan = true;
                    if offered(cell) {
                        doc.channels.push(ChannelOffer {
                            channel: Channel::ALL[*g],
                            plan: Some(plan),
                            evidence: ev.clone(),
                        });
                    }
                }
                if !any_plan && !is_negated(norm) {
                    doc.channels.push(ChannelOffer {
                        channel: Channel::ALL[*g],
                        plan: row_plan.clone(),
                        evidence: ev.clone(),
                    });
                }
            }
            // Channels named in the cells of a row labelled by something else.
            if found.is_empty() {
                for (col, cell) in cells.iter().enumerate().skip(1) {
                    if !offered(cell) {
                        continue;
                    }
                    let head = header.get(col).map(String::as_str).unwrap_or("");
                    let plan = plan_in(head).or_else(|| row_plan.clone());
                    for (g, _) in v.channels.find_groups_normalized(cell) {
                        doc.channels.push(ChannelOffer {
                            channel: Channel::ALL[g],
                            plan: plan.clone(),
                            evidence: ev.clone(),
                        });
                    }
                }
            }
            return;
        }
        return; // a header row names columns, not offers
    }
    for clause in split_keep(norm, &[';', ';', '。'])
        .into_iter()
        .flat_map(split_sentences)
    {
        // "live chat widgets", "群聊功能": the product, not a way to reach support.
        let product = ["widget", "build ", "组件", "功能", "feature", "powers ", "sdk"];
        if product.iter().any(|w| clause.contains(w)) {
            continue;
        }
        let plans = plans_for(norm, &clause, row_plan);
        // Negation is judged per comma-separated part: "仅提供社区支持,不承诺响应时间".
        let offered_parts: Vec<String> = split_keep(&clause, &[',', ','])
            .into_iter()
            .filter(|part| !is_negated(part))
            .collect();
        let rate = !percents_in(&clause).is_empty();
        for (g, _) in v.channels.find_groups_normalized(&offered_parts.join(" ; ")) {
            // "95% of tickets resolved": a ticket counted, not a way to reach support.
            if rate && Channel::ALL[g] == Channel::Ticket {
                continue;
            }
            for plan in &plans {
                doc.channels.push(ChannelOffer {
                    channel: Channel::ALL[g],
                    plan: plan.clone(),
                    evidence: ev.clone(),
                });
            }
        }
    }
}

/// A table cell that says the thing is included.
fn offered(cell: &str) -> bool {
    let t = cell.trim();
    !(t.is_empty()
        || matches!(
            t,
            "-" | "—" | "–" | "×" | "✗" | "✘" | "x" | "no" | "n/a" | "na" | "无" | "否" | "不提供" | "不支持"
        )
        || is_negated(t))
}

#[allow(clippy::too_many_arguments)]
fn read_hours(
    doc: &mut SlaDocument,
    norm: &str,
    next: Option<&SourceLine>,
    row_plan: &Option<String>,
    section: &Section,
    header: Option<&[String]>,
    cells: &[String],
    ev: Evidence,
) {
    let v = vocabulary();
    let own_zone = zone_in(norm).or_else(|| {
        next.filter(|n| continues_paragraph(&n.text))
            .and_then(|n| zone_in(&normalize(&n.text)))
    });
    let zone = own_zone.or_else(|| section.timezone.clone());
    let mut push = |schedule: Schedule, plan: Option<String>| {
        // Around the clock needs no time zone.
        let zone = zone.as_ref().filter(|_| schedule != Schedule::AlwaysOn);
        doc.support_hours.push(SupportHours {
            plan,
            schedule,
            utc_offset_minutes: zone.map(|z| z.0),
            timezone: zone.map(|z| z.1.clone()),
            evidence: ev.clone(),
        });
    };
    if header.is_none() && !cells.is_empty() {
        // A table's header row: hours named in a column header belong to its plan.
        for cell in cells {
            for sched in schedules_in(cell) {
                push(sched, plan_in(cell).or_else(|| row_plan.clone()));
            }
        }
        return;
    }
    if let (Some(header), false) = (header, cells.is_empty()) {
        // A table row: hours in a cell belong to that column's plan.
        let label = cells.first().map(String::as_str).unwrap_or("");
        // A plan row labelled "Scale Plus (24/7)": that plan's support runs around the clock.
        if let Some(plan) = plan_in(label) {
            if v.always_on.is_match(label) {
                push(Schedule::AlwaysOn, Some(plan));
            }
        }
        for (col, cell) in cells.iter().enumerate().skip(1) {
            let head = header.get(col).map(String::as_str).unwrap_or("");
            let plan = plan_in(head).or_else(|| row_plan.clone());
            let context_is_hours = is_hours_context(label) || is_hours_context(head);
            for s in schedules_in(cell) {
                if s != Schedule::AlwaysOn
                    || context_is_hours
                    || v.always_on.is_match(cell) && cell.len() < 40
                {
                    push(s, plan.clone());
                }
            }
        }
        return;
    }
    for clause in split_keep(norm, &[';', ';', '。']) {
        let plans = plans_for(norm, &clause, row_plan);
        // "P1: 15 minutes (7x24)" is about a promise's clock, not about when support works.
        // "P1: 15 minutes, 24x7" is about a promise's clock, not about when support works;
        // "..., 7x24 support" is both.
        let support_words = [
            "support",
            "支持",
            "服务",
            "coverage",
            "available",
            "值班",
            "staffed",
        ];
        let promise_clock = !durations_in(&clause).is_empty()
            && split_keep(&clause, &[',', ',', '、'])
                .iter()
                .filter(|part| vocabulary().always_on.is_match(part))
                .all(|part| !support_words.iter().any(|w| part.contains(w)));
        if is_negated(&clause) {
            continue;
        }
        for sched in schedules_in(&clause) {
            if sched == Schedule::AlwaysOn && promise_clock {
                continue;
            }
            for plan in &plans {
                push(sched, plan.clone());
            }
        }
    }
}

/// A label or header about when support is available.
fn is_hours_context(norm: &str) -> bool {
    [
        "hours",
        "coverage",
        "availability",
        "time",
        "服务时间",
        "支持时间",
        "服务时段",
        "时间",
        "window",
    ]
    .iter()
    .any(|w| norm.contains(w))
}

fn read_uptime(doc: &mut SlaDocument, norm: &str, ev: Evidence) {
    let words = [
        "uptime",
        "availability",
        "available",
        "可用性",
        "可用率",
        "服务可用",
        "在线率",
    ];
    if !words.iter().any(|w| norm.contains(w)) {
        return;
    }
    let mut seen = Vec::new();
    for p in percents_in(norm) {
        if (90.0..100.0).contains(&p) && !seen.contains(&p.to_bits()) {
            seen.push(p.to_bits());
            doc.uptime.push(UptimeCommitment {
                value: p,
                evidence: ev.clone(),
            });
        }
    }
}

/// How a promise's clock runs, from its own words and its context.
fn clock_of(text: &str, section: &Section, d: &Duration) -> (bool, bool) {
    let v = vocabulary();
    let business = d.business || v.business.is_match(text) || section.business;
    let around = !business && (v.always_on.is_match(text) || section.around_the_clock);
    (business, around)
}

fn read_table_row(
    doc: &mut SlaDocument,
    header: &[String],
    cells: &[String],
    section: &Section,
    ev: Evidence,
) {
    let v = vocabulary();
    let label = cells.first().map(String::as_str).unwrap_or("");
    let label_priorities = cell_priorities(label);
    let label_plan = plan_in(label);
    let row_text = cells.join(" ");
    for (col, cell) in cells.iter().enumerate().skip(1) {
        let head = header.get(col).map(String::as_str).unwrap_or("");
        let context = format!("{head} {label}");
        if v.exclude.is_match(&context) || !offered(cell) {
            continue;
        }
        let cell_plan = plan_in(head)
            .or_else(|| label_plan.clone())
            .or_else(|| section.plan.clone());
        let mut priorities = label_priorities.clone();
        if priorities.is_empty() {
            priorities = cell_priorities(head);
        }
        if priorities.is_empty() {
            priorities = section.priorities.clone();
        }
        let durations = durations_in(cell);
        let resolves = v.resolve.is_match(&context);
        let responds =
            v.respond.is_match(&context) || (section.responds && !resolves && !v.resolve.is_match(head));
        let clock_text = format!(
            "{cell} {head} {label} {}",
            header.first().map(String::as_str).unwrap_or("")
        );
        if let Some(d) = durations.last() {
            if resolves {
                doc.resolution.push(ResolutionCommitment {
                    plan: cell_plan.clone(),
                    priority: priorities.first().copied(),
                    metric: resolution_metric(&context, false),
                    minutes: Some(d.minutes),
                    percent: None,
                    evidence: ev.clone(),
                });
            } else if responds {
                let (business, around) = clock_of(&clock_text, section, d);
                let targets: Vec<Option<Priority>> = if priorities.is_empty() {
                    vec![None]
                } else {
                    priorities.iter().map(|p| Some(*p)).collect()
                };
                for p in targets {
                    doc.first_response.push(ResponseCommitment {
                        plan: cell_plan.clone(),
                        priority: p,
                        minutes: d.minutes,
                        business_hours: business,
                        around_the_clock: around && !row_text.is_empty(),
                        business_days: d.business_days,
                        evidence: ev.clone(),
                    });
                }
            }
        } else if let Some(pct) = percents_in(cell).first().copied() {
            if resolves && !is_credit(&context) {
                doc.resolution.push(ResolutionCommitment {
                    plan: cell_plan.clone(),
                    priority: priorities.first().copied(),
                    metric: resolution_metric(&context, true),
                    minutes: None,
                    percent: Some(pct),
                    evidence: ev.clone(),
                });
            }
        }
    }
}

fn resolution_metric(text: &str, rate: bool) -> ResolutionMetric {
    let fcr = [
        "first contact",
        "first-contact",
        "first call",
        "one-touch",
        "一次解决",
        "首次解决",
        "一次性解决",
    ];
    let workaround = [
        "workaround",
        "work-around",
        "临时解决",
        "规避",
        "临时方案",
        "缓解",
    ];
    if rate {
        if fcr.iter().any(|w| text.contains(w)) {
            ResolutionMetric::FirstContactResolutionRate
        } else {
            ResolutionMetric::ResolutionRate
        }
    } else if workaround.iter().any(|w| text.contains(w)) {
        ResolutionMetric::TimeToWorkaround
    } else {
        ResolutionMetric::TimeToResolve
    }
}

/// A line that continues the paragraph above it (not blank, not a heading, table row or list item).
fn continues_paragraph(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty()
        && !t.starts_with(['#', '|', '-', '*', '+', '>'])
        && !t
            .split_once(". ")
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
}

fn is_negated(norm: &str) -> bool {
    [
        "not available",
        "not offered",
        "not provide",
        "not included",
        "no phone",
        "does not",
        "do not",
        "不提供",
        "暂不支持",
        "不支持",
        "不承诺",
        "不包含",
        "暂无",
        "plan to",
        "will offer",
        "will add",
        "later in",
        "coming soon",
        "not part of",
        "no resolution",
        "no support target",
        "计划在",
        "即将",
        "后续将",
    ]
    .iter()
    .any(|n| norm.contains(n))
}

fn read_prose_line(doc: &mut SlaDocument, norm: &str, section: &Section, ev: Evidence) {
    let v = vocabulary();
    for sentence in split_keep(norm, &['。', ';', ';', '!', '!', '?', '?'])
        .into_iter()
        .flat_map(split_sentences)
    {
        if is_negated(&sentence) || is_statistic(&sentence) {
            continue;
        }
        let plans = plans_for(norm, &sentence, &section.plan);
        let mut carried: Vec<Priority> = section.priorities.clone();
        for clause in split_keep(&sentence, &[',', ',', '、', '·']) {
            if v.exclude.is_match(&clause) || is_credit(&clause) {
                continue;
            }
            let ps = priorities_in(&clause);
            if !ps.is_empty() {
                carried = ps.clone();
            }
            let durations = durations_in(&clause);
            // Parentheses hold definitions ("a problem with a workaround"): not what is promised.
            let bare = without_parentheses(&clause);
            // When both kinds of words occur, the first names what the duration is for:
            // "resolved within 48 hours of the first response" is a resolution promise.
            let (resolve_at, respond_at) = (
                first_position(&RESOLVE_WORDS, &bare),
                first_position(&RESPOND_WORDS, &bare),
            );
            let resolves = match (resolve_at, respond_at) {
                (Some(a), Some(b)) => a < b,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => section.resolves,
            };
            let responds_here = respond_at.is_some() && !resolves;
            let mut found: Vec<ResponseCommitment> = Vec::new();
            let mut found_res: Vec<ResolutionCommitment> = Vec::new();
            if durations.is_empty() {
                if resolves && !responds_here {
                    // "95% of tickets resolved and 60% first-contact resolution": one rate each.
                    for part in bare.split(" and ").flat_map(|p| p.split('并')) {
                        let text = if part.contains('%') { part } else { bare.as_str() };
                        if let Some(pct) = percents_in(part).first().copied() {
                            found_res.push(ResolutionCommitment {
                                plan: None,
                                priority: carried.first().copied(),
                                metric: resolution_metric(text, true),
                                minutes: None,
                                percent: Some(pct),
                                evidence: ev.clone(),
                            });
                        }
                    }
                }
            } else {
                let responds =
                    responds_here || ((v.respond.is_match(&sentence) || section.responds) && !resolves);
                if resolves && !responds_here {
                    // "a workaround within 4 hours and a fix within 24 hours": one promise each.
                    let parts: Vec<String> = bare
                        .split(" and ")
                        .flat_map(|p| p.split('并'))
                        .flat_map(|p| p.split(" then "))
                        .map(str::to_string)
                        .collect();
                    let per_part: Vec<(String, Duration)> = parts
                        .iter()
                        .filter_map(|p| durations_in(p).last().map(|d| (p.clone(), *d)))
                        .collect();
                    let items = if durations.len() > 1 && per_part.len() == durations.len() {
                        per_part
                    } else {
                        vec![(bare.clone(), durations[durations.len() - 1])]
                    };
                    for (text, d) in items {
                        let own = priorities_in(&text);
                        found_res.push(ResolutionCommitment {
                            plan: None,
                            priority: own.first().copied().or(carried.first().copied()),
                            metric: resolution_metric(&text, false),
                            minutes: Some(d.minutes),
                            // "90% of cases resolved within 48 hours": a time met by a share.
                            percent: percents_in(&text).first().copied().filter(|p| *p <= 100.0),
                            evidence: ev.clone(),
                        });
                    }
                } else if responds && !(carried.is_empty() && !responds_here && !section.responds) {
                    // The clock of a promise: what its own clause says, and what the line
                    // says outside the clauses that state other durations ("Business hours:
                    // P1 within 2 hours" is business; in "P1 in 1 hr, P3 in 1 business day"
                    // only P3 is).
                    let context: Vec<&str> = norm
                        .split([',', ',', '、', '。', ';', ';', '·'])
                        .filter(|part| durations_in(part).is_empty())
                        .collect();
                    let clock_text = format!("{clause} {}", context.join(" "));
                    let pairs: Vec<(Option<Priority>, Duration)> =
                        if carried.len() == durations.len() && carried.len() > 1 {
                            carried
                                .iter()
                                .map(|p| Some(*p))
                                .zip(durations.iter().copied())
                                .collect()
                        } else {
                            let d = durations[durations.len() - 1];
                            if carried.is_empty() {
                                vec![(None, d)]
                            } else {
                                carried.iter().map(|p| (Some(*p), d)).collect()
                            }
                        };
                    for (p, d) in pairs {
                        let (business, around) = clock_of(&clock_text, section, &d);
                        found.push(ResponseCommitment {
                            plan: None,
                            priority: p,
                            minutes: d.minutes,
                            business_hours: business,
                            around_the_clock: around,
                            business_days: d.business_days,
                            evidence: ev.clone(),
                        });
                    }
                }
            }
            for plan in &plans {
                for c in &found {
                    doc.first_response.push(ResponseCommitment {
                        plan: plan.clone(),
                        ..c.clone()
                    });
                }
                for r in &found_res {
                    doc.resolution.push(ResolutionCommitment {
                        plan: plan.clone(),
                        ..r.clone()
                    });
                }
            }
        }
    }
}

fn without_parentheses(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Splits on any of `seps`, dropping them.
fn split_keep(s: &str, seps: &[char]) -> Vec<String> {
    s.split(|c| seps.contains(&c))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Splits English sentences on ". " (a full stop followed by a space), so decimals and
/// version numbers stay whole.
fn split_sentences(s: String) -> Vec<String> {
    // Dot leaders ("Critical ...... 4 hours") and ellipses do not end a sentence.
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    for i in 1..b.len().saturating_sub(1) {
        if b[i] == b'.' && b[i + 1] == b' ' && b[i - 1] != b'.' && (i + 2 >= b.len() || b[i + 2] != b'.') {
            out.push(s[start..i].trim().to_string());
            start = i + 2;
        }
    }
    out.push(s[start..].trim().to_string());
    out.retain(|p| !p.is_empty());
    out
}

fn dedup(doc: &mut SlaDocument) {
    let mut seen = Vec::new();
    doc.first_response.retain(|c| {
        let key = (c.plan.clone(), c.priority, c.minutes.to_bits(), c.business_hours);
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    let mut seen_res = Vec::new();
    doc.resolution.retain(|c| {
        let key = (
            c.plan.clone(),
            c.priority,
            c.metric,
            c.minutes.map(f64::to_bits),
            c.percent.map(f64::to_bits),
            c.evidence.line,
        );
        if seen_res.contains(&key) {
            false
        } else {
            seen_res.push(key);
            true
        }
    });
    let mut seen_channels = Vec::new();
    doc.channels.retain(|c| {
        let key = (c.channel, c.plan.clone());
        if seen_channels.contains(&key) {
            false
        } else {
            seen_channels.push(key);
            true
        }
    });
    let mut seen_hours = Vec::new();
    doc.support_hours.retain(|h| {
        let key = (h.plan.clone(), h.schedule.describe(), h.evidence.line);
        if seen_hours.contains(&key) {
            false
        } else {
            seen_hours.push(key);
            true
        }
    });
}

/// A duration found in text, normalized to minutes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duration {
    pub minutes: f64,
    pub business: bool,
    /// Set when the duration was written in business (working) days.
    pub business_days: Option<f64>,
}

const UNITS: [(&str, f64, bool); 30] = [
    ("business hours", 60.0, true),
    ("business hour", 60.0, true),
    ("working hours", 60.0, true),
    ("working hour", 60.0, true),
    ("business days", 480.0, true),
    ("business day", 480.0, true),
    ("working days", 480.0, true),
    ("working day", 480.0, true),
    ("minutes", 1.0, false),
    ("minute", 1.0, false),
    ("mins", 1.0, false),
    ("min", 1.0, false),
    ("hours", 60.0, false),
    ("hour", 60.0, false),
    ("hrs", 60.0, false),
    ("hr", 60.0, false),
    ("h", 60.0, false),
    ("days", 1440.0, false),
    ("day", 1440.0, false),
    ("个工作小时", 60.0, true),
    ("工作小时", 60.0, true),
    ("个工作日", 480.0, true),
    ("工作日", 480.0, true),
    ("个自然日", 1440.0, false),
    ("分钟", 1.0, false),
    ("个小时", 60.0, false),
    ("小时", 60.0, false),
    ("个钟头", 60.0, false),
    ("天", 1440.0, false),
    ("秒", 1.0 / 60.0, false),
];

const NUMBER_WORDS: [(&str, f64); 16] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("eight", 8.0),
    ("ten", 10.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("thirty", 30.0),
    ("forty-eight", 48.0),
    ("twenty-four", 24.0),
    ("half an", 0.5),
    ("an", 1.0),
    ("a", 1.0),
];

/// Every duration in `norm` (normalized text), in order. Numbers that are part of `7x24`
/// or of a time of day (`09:00`) are not durations.
pub fn durations_in(norm: &str) -> Vec<Duration> {
    let mut out = Vec::new();
    if norm.contains("next business day")
        || norm.contains("next working day")
        || norm.contains("下一个工作日")
    {
        out.push(Duration {
            minutes: 480.0,
            business: true,
            business_days: Some(1.0),
        });
    } else if norm.contains("次日") || norm.contains("next day") || norm.contains("第二天") {
        out.push(Duration {
            minutes: 1440.0,
            business: false,
            business_days: None,
        });
    }
    if norm.contains("半小时") || norm.contains("半个小时") || norm.contains("half an hour") {
        out.push(Duration {
            minutes: 30.0,
            business: false,
            business_days: None,
        });
    }
    let chars: Vec<(usize, char)> = norm.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let mut value: Option<(f64, usize)> = None; // value and byte end
        let prev2 = if i > 1 { Some(chars[i - 2].1) } else { None };
        let joined = prev.is_some_and(|p| matches!(p, 'x' | '×' | '*' | '/' | '-'))
            && prev2.is_some_and(|p| p.is_ascii_digit());
        // A colon before a number ends a label ("问题:30分钟") unless it is a clock time (09:30).
        let clock_colon = prev == Some(':') && prev2.is_some_and(|p| p.is_ascii_digit());
        if c.is_ascii_digit()
            && !joined
            && !clock_colon
            && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | '+'))
        {
            let mut j = i;
            while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
                j += 1;
            }
            let end = if j < chars.len() { chars[j].0 } else { norm.len() };
            let text = norm[pos..end].trim_end_matches('.');
            let next = norm[end..].chars().next();
            if let (Ok(n), false) = (
                text.parse::<f64>(),
                matches!(next, Some(':' | '×' | '*' | '/' | '%' | 'x')),
            ) {
                value = Some((n, pos + text.len()));
            }
            i = j.max(i + 1);
        } else if let Some((n, len)) = chinese_number(&norm[pos..]) {
            value = Some((n, pos + len));
            i += norm[pos..pos + len].chars().count();
        } else if c.is_ascii_alphabetic() && !prev.is_some_and(|p| p.is_ascii_alphabetic()) {
            for (w, n) in NUMBER_WORDS {
                if norm[pos..].starts_with(w) && norm[pos + w.len()..].starts_with(' ') {
                    value = Some((n, pos + w.len()));
                    break;
                }
            }
            i += 1;
        } else {
            i += 1;
        }
        let Some((n, end)) = value else { continue };
        let rest = norm[end..].trim_start_matches([' ', '-']);
        for (unit, factor, business) in UNITS {
            if let Some(after) = rest.strip_prefix(unit) {
                let ascii_unit = unit.is_ascii();
                if ascii_unit && after.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic()) {
                    continue;
                }
                out.push(Duration {
                    minutes: n * factor,
                    business,
                    business_days: (business && factor == 480.0).then_some(n),
                });
                break;
            }
        }
    }
    out
}

/// A Chinese numeral at the start of `s` (一 .. 九十九, 两, 半), with its byte length.
fn chinese_number(s: &str) -> Option<(f64, usize)> {
    let digit = |c: char| {
        "零一二两三四五六七八九".find(c).map(|_| match c {
            '零' => 0.0,
            '一' => 1.0,
            '二' | '两' => 2.0,
            '三' => 3.0,
            '四' => 4.0,
            '五' => 5.0,
            '六' => 6.0,
            '七' => 7.0,
            '八' => 8.0,
            _ => 9.0,
        })
    };
    let mut chars = s.char_indices().peekable();
    let mut value = 0.0;
    let mut current = None;
    let mut len = 0;
    while let Some(&(i, c)) = chars.peek() {
        if let Some(d) = digit(c) {
            current = Some(d);
        } else if c == '十' {
            value += current.unwrap_or(1.0) * 10.0;
            current = None;
        } else {
            break;
        }
        len = i + c.len_utf8();
        chars.next();
    }
    if len == 0 {
        return None;
    }
    value += current.unwrap_or(0.0);
    Some((value, len))
}

/// Every percentage in the text (`95%`, `95 percent`, `95%`), in order.
fn percents_in(norm: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = norm[from..]
        .find(['%', '%'])
        .or_else(|| norm[from..].find(" percent"))
    {
        let idx = from + rel;
        let before = &norm[..idx];
        let start = before
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        if let Ok(v) = before[start..].trim().parse::<f64>() {
            out.push(v);
        }
        from = idx + norm[idx..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Support hours stated in the text: a 7x24 form, or for each clause, days with a time range.
fn schedules_in(norm: &str) -> Vec<Schedule> {
    let v = vocabulary();
    if v.always_on.is_match(norm) {
        return vec![Schedule::AlwaysOn];
    }
    let mut out = Vec::new();
    let mut days_before: Option<[bool; 7]> = None;
    for clause in split_keep(norm, &[',', ',', ';', ';', '。', '、']) {
        let days = day_range_in(&clause);
        match (days.or(days_before), time_range_in(&clause)) {
            (Some(days), Some((start, end))) => {
                out.push(Schedule::Weekly { days, start, end });
                days_before = None;
            }
            (Some(d), None) => days_before = Some(d),
            _ => {}
        }
    }
    // "09:00-18:00 on weekdays": the time before the days.
    if out.is_empty() {
        if let (Some(days), Some((start, end))) = (day_range_in(norm), time_range_in(norm)) {
            out.push(Schedule::Weekly { days, start, end });
        }
    }
    out
}

fn schedule_in(norm: &str) -> Option<Schedule> {
    schedules_in(norm).into_iter().next()
}

/// A weekday named at the start of `s`, with its byte length.
fn weekday_at(s: &str) -> Option<(usize, usize)> {
    const NAMES: [(&str, usize); 27] = [
        ("monday", 0),
        ("tuesday", 1),
        ("wednesday", 2),
        ("thursday", 3),
        ("friday", 4),
        ("saturday", 5),
        ("sunday", 6),
        ("mon", 0),
        ("tues", 1),
        ("tue", 1),
        ("wed", 2),
        ("thurs", 3),
        ("thu", 3),
        ("fri", 4),
        ("sat", 5),
        ("sun", 6),
        ("周一", 0),
        ("周二", 1),
        ("周三", 2),
        ("周四", 3),
        ("周五", 4),
        ("周六", 5),
        ("周日", 6),
        ("周天", 6),
        ("星期日", 6),
        ("星期天", 6),
        ("礼拜日", 6),
    ];
    for (name, d) in NAMES {
        if let Some(rest) = s.strip_prefix(name) {
            if name.is_ascii() && rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            return Some((d, name.len()));
        }
    }
    for (prefix, len) in [("星期", "星期".len()), ("礼拜", "礼拜".len())] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let c = rest.chars().next()?;
            let d = "一二三四五六".find(c).map(|i| i / 3)?;
            return Some((d, len + c.len_utf8()));
        }
    }
    None
}

/// The days a text names: a range (`Mon-Fri`, `周一至周五`, `Monday to Saturday`), single
/// days (`Sat`), or words (`weekdays`, `工作日`, `every day`, `每天`).
fn day_range_in(norm: &str) -> Option<[bool; 7]> {
    let weekdays = [true, true, true, true, true, false, false];
    for (w, d) in [
        ("weekdays", weekdays),
        ("工作日", weekdays),
        ("workdays", weekdays),
        ("business days", weekdays),
        ("每天", [true; 7]),
        ("每日", [true; 7]),
        ("every day", [true; 7]),
        ("daily", [true; 7]),
        ("weekends", [false, false, false, false, false, true, true]),
        ("周末", [false, false, false, false, false, true, true]),
    ] {
        if norm.contains(w) {
            return Some(d);
        }
    }
    let mut set = [false; 7];
    let mut found = false;
    let mut i = 0;
    while i < norm.len() {
        if !norm.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let at_word_start = i == 0
            || !norm[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic());
        if let Some((a, len)) = weekday_at(&norm[i..]).filter(|_| at_word_start) {
            let mut j = i + len;
            let rest = &norm[j..];
            let trimmed = rest.trim_start_matches([' ', '.']);
            let mut end_day = None;
            for sep in ["-", "–", "—", "~", "～", "至", "到", "to", "through", "thru"] {
                if let Some(r) = trimmed.strip_prefix(sep) {
                    let r2 = r.trim_start();
                    if let Some((b, blen)) = weekday_at(r2) {
                        end_day = Some(b);
                        j = norm.len() - r2.len() + blen;
                    }
                    break;
                }
            }
            match end_day {
                Some(b) => {
                    let mut d = a;
                    loop {
                        set[d] = true;
                        if d == b {
                            break;
                        }
                        d = (d + 1) % 7;
                    }
                }
                None => set[a] = true,
            }
            found = true;
            i = j;
            continue;
        }
        i += 1;
    }
    found.then_some(set)
}

/// A time range such as `09:00-18:00`, `9:00~18:00`, `9am-6pm`, `9:00 至 18:00`.
fn time_range_in(norm: &str) -> Option<(u32, u32)> {
    let bytes = norm.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            if let Some((start, after)) = time_of_day(&norm[i..]) {
                let rest = &norm[i + after..];
                let rest = rest.trim_start();
                for sep in ["-", "–", "—", "~", "〜", "至", "到", "to"] {
                    if let Some(r) = rest.strip_prefix(sep) {
                        if let Some((end, _)) = time_of_day(r.trim_start()) {
                            if end > start {
                                return Some((start, end));
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// `09:00`, `9:30`, `9am`, `6 pm`: minutes after midnight and the byte length used.
fn time_of_day(s: &str) -> Option<(u32, usize)> {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let h: u32 = s[..digits].parse().ok()?;
    let mut used = digits;
    let mut m = 0;
    let rest = &s[digits..];
    let mut explicit = false;
    if let Some(r) = rest.strip_prefix(':') {
        let md = r.chars().take_while(char::is_ascii_digit).count();
        if md != 2 {
            return None;
        }
        m = r[..2].parse().ok()?;
        used += 3;
        explicit = true;
    }
    let tail = s[used..].trim_start();
    let skipped = s[used..].len() - tail.len();
    let mut h = h;
    if tail.starts_with("am") || tail.starts_with("a.m.") {
        used += skipped + 2;
        explicit = true;
    } else if tail.starts_with("pm") || tail.starts_with("p.m.") {
        used += skipped + 2;
        if h < 12 {
            h += 12;
        }
        explicit = true;
    }
    if !explicit || h > 24 || m > 59 {
        return None;
    }
    Some((h * 60 + m, used))
}

/// A time zone stated in the text: minutes east of UTC and its name (an IANA name for a
/// named zone, `+08:00` for an offset).
fn zone_in(norm: &str) -> Option<(i32, String)> {
    const NAMED: [(&str, i32, &str); 14] = [
        ("北京时间", 480, "Asia/Shanghai"),
        ("beijing time", 480, "Asia/Shanghai"),
        ("china standard time", 480, "Asia/Shanghai"),
        ("中国标准时间", 480, "Asia/Shanghai"),
        ("pacific time", -480, "America/Los_Angeles"),
        ("eastern time", -300, "America/New_York"),
        ("central european time", 60, "Europe/Berlin"),
        ("cet", 60, "Europe/Berlin"),
        ("cest", 60, "Europe/Berlin"),
        ("singapore time", 480, "Asia/Singapore"),
        ("sgt", 480, "Asia/Singapore"),
        ("新加坡时间", 480, "Asia/Singapore"),
        ("pt", -480, "America/Los_Angeles"),
        ("et", -300, "America/New_York"),
    ];
    for (name, minutes, iana) in NAMED {
        if let Some(i) = norm.find(name) {
            let bounded = !name.is_ascii()
                || (!norm[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && !norm[i + name.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric()));
            if bounded {
                return Some((minutes, iana.to_string()));
            }
        }
    }
    let minutes = utc_offset_in(norm)?;
    let sign = if minutes < 0 { '-' } else { '+' };
    let a = minutes.unsigned_abs();
    Some((minutes, format!("{sign}{:02}:{:02}", a / 60, a % 60)))
}

fn utc_offset_in(norm: &str) -> Option<i32> {
    if norm.contains("北京时间") || norm.contains("beijing time") || norm.contains("china standard time")
    {
        return Some(480);
    }
    for prefix in ["utc", "gmt"] {
        if let Some(i) = norm.find(prefix) {
            let rest = &norm[i + 3..];
            let sign = match rest.chars().next() {
                Some('+') => 1,
                Some('-') | Some('−') => -1,
                _ => continue,
            };
            let rest = &rest[1..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let h: i32 = digits.parse().ok()?;
            let mut m = 0;
            if let Some(r) = rest[digits.len()..].strip_prefix(':') {
                m = r.get(..2).and_then(|x| x.parse().ok()).unwrap_or(0);
            }
            return Some(sign * (h * 60 + m));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(s: &str) -> Vec<f64> {
        durations_in(&normalize(s)).iter().map(|d| d.minutes).collect()
    }

    #[test]
    fn durations_in_many_forms() {
        assert_eq!(minutes("within 15 minutes"), vec![15.0]);
        assert_eq!(minutes("1 hr"), vec![60.0]);
        assert_eq!(minutes("24h"), vec![1440.0]);
        assert_eq!(minutes("within 2 business hours"), vec![120.0]);
        assert_eq!(minutes("1 business day"), vec![480.0]);
        assert_eq!(minutes("十五分钟"), vec![15.0]);
        assert_eq!(minutes("15分钟内"), vec![15.0]);
        assert_eq!(minutes("1个工作日"), vec![480.0]);
        assert_eq!(minutes("半小时内响应"), vec![30.0]);
        assert_eq!(minutes("within one hour"), vec![60.0]);
        // not durations
        assert!(minutes("7×24小时支持").is_empty());
        assert!(minutes("SDK v4.2.1, call 400-820-1234").is_empty());
        assert!(minutes("99.9% uptime").is_empty());
    }

    #[test]
    fn prose_commitments_with_their_lines() {
        let src = "# 服务承诺\n\n紧急问题15分钟内响应,普通工单24小时内首次回复,7×24小时支持。\n如可用性低于99.9%,我们将在故障发生后24小时内提供赔偿。\n";
        let d = extract(src, "sla/x.md", "x");
        assert_eq!(d.language, Language::Zh);
        let got: Vec<_> = d
            .first_response
            .iter()
            .map(|c| (c.priority, c.minutes, c.evidence.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(Priority::Urgent), 15.0, Some(3)),
                (Some(Priority::Normal), 1440.0, Some(3))
            ]
        );
        assert_eq!(d.support_hours.len(), 1);
        assert_eq!(d.support_hours[0].schedule, Schedule::AlwaysOn);
    }

    #[test]
    fn tables_read_cells_with_their_headers() {
        let src = "| Priority | First response | Resolution target |\n|---|---|---|\n| Urgent (P1) | 10 minutes | 4 hours |\n| Low | 1 business day | 5 business days |\n";
        let d = extract(src, "sla/x.md", "x");
        let got: Vec<_> = d
            .first_response
            .iter()
            .map(|c| (c.priority, c.minutes, c.business_hours))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(Priority::Urgent), 10.0, false),
                (Some(Priority::Low), 480.0, true)
            ]
        );
        assert_eq!(d.resolution.len(), 2);
        assert_eq!(d.resolution[0].minutes, Some(240.0));
    }

    #[test]
    fn business_hours_schedules() {
        let d = extract(
            "服务时间:周一至周五 9:00-18:00(北京时间),法定节假日休息。\n",
            "s",
            "x",
        );
        let h = &d.support_hours[0];
        assert_eq!(h.schedule.hours_per_week(), 45.0);
        assert_eq!(h.utc_offset_minutes, Some(480));
        let d = extract("Support: Monday–Friday, 9am to 6pm (UTC+8)\n", "s", "x");
        assert_eq!(d.support_hours[0].schedule.describe(), "Mon-Fri 09:00-18:00");
    }
}

#[cfg(test)]
mod sample_tests {
    //! The shipped sample pages, with the commitments a person reads in them (checked by
    //! hand against data/sample/sla/*.md).
    use super::*;
    use Priority::*;

    fn read(vendor: &str, src: &str) -> SlaDocument {
        extract(src, &format!("sla/{vendor}.md"), vendor)
    }

    fn promises(d: &SlaDocument) -> Vec<(Priority, f64, bool)> {
        let mut v: Vec<_> = d
            .first_response
            .iter()
            .filter_map(|c| c.priority.map(|p| (p, c.minutes, c.business_hours)))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        v
    }

    fn channels(d: &SlaDocument) -> Vec<&'static str> {
        let mut v: Vec<_> = d.channels.iter().map(|c| c.channel.as_str()).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn swiftchat() {
        let d = read("swiftchat", include_str!("../../data/sample/sla/swiftchat.md"));
        assert_eq!(d.language, Language::En);
        assert_eq!(
            promises(&d),
            vec![
                (Urgent, 10.0, false),
                (High, 60.0, false),
                (Normal, 240.0, false),
                (Low, 480.0, true)
            ]
        );
        assert_eq!(channels(&d), vec!["chat", "community", "email"]);
        assert_eq!(d.best_hours().map(|h| h.schedule), Some(Schedule::AlwaysOn));
    }

    #[test]
    fn deepwave() {
        let d = read("deepwave", include_str!("../../data/sample/sla/deepwave.md"));
        assert_eq!(
            promises(&d),
            vec![
                (Urgent, 60.0, false),
                (High, 240.0, false),
                (Normal, 480.0, true),
                (Low, 960.0, true)
            ]
        );
        assert_eq!(
            channels(&d),
            vec!["dedicated_manager", "email", "im_group", "phone", "ticket"]
        );
        let weekly = d
            .support_hours
            .iter()
            .find(|h| h.schedule != Schedule::AlwaysOn)
            .unwrap();
        assert_eq!(weekly.schedule.describe(), "Mon-Fri 08:00-20:00");
        assert_eq!(weekly.utc_offset_minutes, Some(480));
    }

    #[test]
    fn qingluan() {
        let d = read("qingluan", include_str!("../../data/sample/sla/qingluan.md"));
        assert_eq!(d.language, Language::Zh);
        assert_eq!(
            promises(&d),
            vec![
                (Urgent, 15.0, false),
                (High, 60.0, false),
                (Normal, 1440.0, false),
                (Low, 1440.0, true)
            ]
        );
        assert_eq!(
            channels(&d),
            vec!["chat", "dedicated_manager", "im_group", "phone", "ticket"]
        );
        assert_eq!(d.best_hours().map(|h| h.schedule), Some(Schedule::AlwaysOn));
    }

    #[test]
    fn leqiao() {
        let d = read("leqiao", include_str!("../../data/sample/sla/leqiao.md"));
        assert_eq!(
            promises(&d),
            vec![
                (Urgent, 30.0, true),
                (High, 120.0, true),
                (Normal, 480.0, true),
                (Low, 960.0, true)
            ]
        );
        assert_eq!(channels(&d), vec!["chat", "email", "ticket"]);
        let h = d.best_hours().unwrap();
        assert_eq!(h.schedule.hours_per_week(), 45.0);
    }
}
