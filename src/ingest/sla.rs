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

use crate::domain::{Channel, Priority};
use crate::error::{Diagnostic, Result};
use crate::evaluation_folder::EvaluationFolder;
use crate::evidence::Evidence;
use crate::text::{cjk_share, normalize, PhraseMatcher};
use serde::Serialize;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Zh,
    En,
    Mixed,
}

#[derive(Debug, Clone)]
pub struct SlaDocument {
    pub vendor: String,
    pub file: String,
    pub language: Language,
    pub first_response: Vec<ResponseCommitment>,
    pub resolution: Vec<ResolutionCommitment>,
    pub support_hours: Vec<SupportHours>,
    pub channels: Vec<ChannelOffer>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCommitment {
    pub plan: Option<String>,
    pub priority: Priority,
    pub minutes: f64,
    /// The clock only runs inside business hours.
    pub business_hours: bool,
    /// Set when the promise was written in business days (`1 business day`, `1个工作日`).
    pub business_days: Option<f64>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResolutionCommitment {
    pub plan: Option<String>,
    pub priority: Option<Priority>,
    pub minutes: Option<f64>,
    pub percent: Option<f64>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SupportHours {
    pub plan: Option<String>,
    pub schedule: Schedule,
    /// Offset from UTC in minutes, where the document states it.
    pub utc_offset_minutes: Option<i32>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Schedule {
    /// 7x24.
    AlwaysOn,
    /// The same hours on the given weekdays (Monday = index 0), in minutes after midnight.
    Weekly { days: [bool; 7], start: u32, end: u32 },
}

impl Schedule {
    pub fn hours_per_week(&self) -> f64 {
        match self {
            Schedule::AlwaysOn => 168.0,
            Schedule::Weekly { days, start, end } => {
                let per_day = end.saturating_sub(*start) as f64 / 60.0;
                per_day * days.iter().filter(|d| **d).count() as f64
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Schedule::AlwaysOn => "24x7".to_string(),
            Schedule::Weekly { days, start, end } => {
                const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                let first = days.iter().position(|d| *d).unwrap_or(0);
                let last = days.iter().rposition(|d| *d).unwrap_or(0);
                format!(
                    "{}-{} {:02}:{:02}-{:02}:{:02}",
                    NAMES[first],
                    NAMES[last],
                    start / 60,
                    start % 60,
                    end / 60,
                    end % 60
                )
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelOffer {
    pub channel: Channel,
    pub plan: Option<String>,
    pub evidence: Evidence,
}

impl SlaDocument {
    /// The most generous support hours stated (7x24 beats a schedule).
    pub fn best_hours(&self) -> Option<&SupportHours> {
        self.support_hours.iter().max_by(|a, b| {
            a.schedule
                .hours_per_week()
                .partial_cmp(&b.schedule.hours_per_week())
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.evidence.line.cmp(&a.evidence.line))
        })
    }
}

pub fn read_all(
    folder: &EvaluationFolder,
    vendor_ids: &[&str],
) -> Result<(Vec<SlaDocument>, Vec<Diagnostic>)> {
    let docs = super::read_vendor_files(folder, "sla", &["md", "txt"], vendor_ids, |src, shown, vendor| {
        Ok(extract(src, shown, vendor))
    })?;
    let warnings = docs
        .iter()
        .filter(|d| d.first_response.is_empty() && d.support_hours.is_empty() && d.channels.is_empty())
        .map(|d| Diagnostic::new(&d.file, None, "no support commitments found in this document"))
        .collect();
    Ok((docs, warnings))
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

const PLAN_WORDS: [&str; 16] = [
    "basic",
    "standard",
    "professional",
    "business",
    "enterprise",
    "premium",
    "premier",
    "developer",
    "基础版",
    "标准版",
    "专业版",
    "企业版",
    "旗舰版",
    "尊享版",
    "免费版",
    "高级版",
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
            ],
            vec![
                "normal",
                "medium",
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
                "minor",
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
        respond: PhraseMatcher::single(&[
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
        ]),
        resolve: PhraseMatcher::single(&[
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
        ]),
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
            "365 days",
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

fn plan_in(norm: &str) -> Option<String> {
    let v = vocabulary();
    v.plans.find_groups_normalized(norm).first().map(|(g, _)| {
        let w = v.plan_names[*g];
        let mut c = w.chars();
        match c.next() {
            Some(f) if f.is_ascii() => f.to_ascii_uppercase().to_string() + c.as_str(),
            _ => w.to_string(),
        }
    })
}

/// Extracts the commitments of one document. Never fails: what cannot be read is left out.
pub fn extract(src: &str, file: &str, vendor: &str) -> SlaDocument {
    let v = vocabulary();
    let share = cjk_share(src);
    let language = if share >= 0.5 {
        Language::Zh
    } else if share <= 0.1 {
        Language::En
    } else {
        Language::Mixed
    };
    let mut doc = SlaDocument {
        vendor: vendor.to_string(),
        file: file.to_string(),
        language,
        first_response: Vec::new(),
        resolution: Vec::new(),
        support_hours: Vec::new(),
        channels: Vec::new(),
    };
    let mut section_plan: Option<String> = None;
    let mut section_priority: Vec<Priority> = Vec::new();
    let mut section_responds = false;
    // A note such as "all times below are business hours" applies to the rest of its section.
    let mut section_business = false;
    let mut table_header: Option<Vec<String>> = None;
    let lines: Vec<&str> = src.lines().collect();
    for (i, raw) in lines.iter().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        let norm = normalize(line);
        let ev = || Evidence::line(file, line_no, line.to_string());
        if line.starts_with('#') {
            section_plan = plan_in(&norm);
            section_priority = priorities_in(&norm);
            section_responds = v.respond.is_match(&norm) && !v.resolve.is_match(&norm);
            section_business = false;
            table_header = None;
        }
        // Channels and hours are read from every line (headings included).
        if !v.exclude.is_match(&norm) {
            for (g, _) in v.channels.find_groups_normalized(&norm) {
                if is_negated(&norm) {
                    continue;
                }
                doc.channels.push(ChannelOffer {
                    channel: Channel::ALL[g],
                    plan: section_plan.clone(),
                    evidence: ev(),
                });
            }
            if let Some(schedule) = schedule_in(&norm) {
                doc.support_hours.push(SupportHours {
                    plan: section_plan.clone(),
                    schedule,
                    // A time zone may follow on the next line of the same paragraph.
                    utc_offset_minutes: utc_offset_in(&norm).or_else(|| {
                        lines
                            .get(i + 1)
                            .filter(|next| continues_paragraph(next))
                            .and_then(|next| utc_offset_in(&normalize(next)))
                    }),
                    evidence: ev(),
                });
            }
        }
        if line.starts_with('#') {
            continue;
        }
        if line.starts_with('|') {
            let cells: Vec<String> = line
                .trim_matches('|')
                .split('|')
                .map(|c| normalize(c.trim()))
                .collect();
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue; // the |---|---| separator
            }
            match &table_header {
                None => table_header = Some(cells),
                Some(header) => read_table_row(
                    &mut doc,
                    header,
                    &cells,
                    section_plan.as_deref(),
                    &section_priority,
                    (section_responds, section_business),
                    ev(),
                ),
            }
            continue;
        }
        table_header = None;
        if v.business.is_match(&norm) && durations_in(&norm).is_empty() && schedule_in(&norm).is_none() {
            section_business = true;
        }
        read_prose_line(
            &mut doc,
            &norm,
            section_plan.as_deref(),
            &section_priority,
            section_responds,
            ev(),
        );
    }
    dedup(&mut doc);
    doc
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
        "no phone",
        "不提供",
        "暂不支持",
        "不支持",
        "暂无",
    ]
    .iter()
    .any(|n| norm.contains(n))
}

fn read_table_row(
    doc: &mut SlaDocument,
    header: &[String],
    cells: &[String],
    plan: Option<&str>,
    section_priority: &[Priority],
    (section_responds, section_business): (bool, bool),
    ev: Evidence,
) {
    let v = vocabulary();
    let label = cells.first().map(String::as_str).unwrap_or("");
    let label_priorities = cell_priorities(label);
    for (col, cell) in cells.iter().enumerate().skip(1) {
        let head = header.get(col).map(String::as_str).unwrap_or("");
        let context = format!("{head} {label}");
        if v.exclude.is_match(&context) {
            continue;
        }
        let cell_plan = plan_in(head).or_else(|| plan.map(str::to_string));
        let mut priorities = label_priorities.clone();
        if priorities.is_empty() {
            priorities = priorities_in(head);
        }
        if priorities.is_empty() {
            priorities = section_priority.to_vec();
        }
        let durations = durations_in(cell);
        let business = section_business || v.business.is_match(cell) || v.business.is_match(&context);
        let resolves = v.resolve.is_match(&context);
        let responds =
            v.respond.is_match(&context) || (section_responds && !resolves && !v.resolve.is_match(head));
        if let Some(d) = durations.first() {
            if resolves {
                doc.resolution.push(ResolutionCommitment {
                    plan: cell_plan.clone(),
                    priority: priorities.first().copied(),
                    minutes: Some(d.minutes),
                    percent: percent_in(cell),
                    evidence: ev.clone(),
                });
            } else if responds {
                for p in &priorities {
                    doc.first_response.push(ResponseCommitment {
                        plan: cell_plan.clone(),
                        priority: *p,
                        minutes: d.minutes,
                        business_hours: business || d.business,
                        business_days: d.business_days,
                        evidence: ev.clone(),
                    });
                }
            }
        }
    }
}

fn read_prose_line(
    doc: &mut SlaDocument,
    norm: &str,
    plan: Option<&str>,
    section_priority: &[Priority],
    section_responds: bool,
    ev: Evidence,
) {
    let v = vocabulary();
    let line_business = v.business.is_match(norm);
    for sentence in split_keep(norm, &['。', ';', ';', '!', '!', '?', '?'])
        .into_iter()
        .flat_map(split_sentences)
    {
        let mut carried: Vec<Priority> = section_priority.to_vec();
        for clause in split_keep(&sentence, &[',', ',', '、']) {
            if v.exclude.is_match(&clause) {
                continue;
            }
            let ps = priorities_in(&clause);
            if !ps.is_empty() {
                carried = ps.clone();
            }
            let durations = durations_in(&clause);
            if durations.is_empty() {
                continue;
            }
            // Parentheses hold definitions ("a problem with a workaround"): not what is promised.
            let bare = without_parentheses(&clause);
            let resolves = v.resolve.is_match(&bare);
            let responds = v.respond.is_match(&bare)
                || ((v.respond.is_match(&sentence) || section_responds) && !resolves);
            if resolves && !v.respond.is_match(&bare) {
                doc.resolution.push(ResolutionCommitment {
                    plan: plan.map(str::to_string),
                    priority: carried.first().copied(),
                    minutes: Some(durations[0].minutes),
                    percent: percent_in(&clause),
                    evidence: ev.clone(),
                });
            } else if responds && !carried.is_empty() {
                let business = line_business || durations[0].business;
                if carried.len() == durations.len() && carried.len() > 1 {
                    for (p, d) in carried.iter().zip(&durations) {
                        doc.first_response.push(ResponseCommitment {
                            plan: plan.map(str::to_string),
                            priority: *p,
                            minutes: d.minutes,
                            business_hours: business || d.business,
                            business_days: d.business_days,
                            evidence: ev.clone(),
                        });
                    }
                } else {
                    for p in &carried {
                        doc.first_response.push(ResponseCommitment {
                            plan: plan.map(str::to_string),
                            priority: *p,
                            minutes: durations[0].minutes,
                            business_hours: business,
                            business_days: durations[0].business_days,
                            evidence: ev.clone(),
                        });
                    }
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
    s.split(". ")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
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
    ("business days", 1440.0, true),
    ("business day", 1440.0, true),
    ("working days", 1440.0, true),
    ("working day", 1440.0, true),
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
    ("个工作日", 1440.0, true),
    ("工作日", 1440.0, true),
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
    if norm.contains("次日") || norm.contains("next business day") || norm.contains("next working day") {
        out.push(Duration {
            minutes: 1440.0,
            business: true,
            business_days: Some(1.0),
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
        if c.is_ascii_digit()
            && !joined
            && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | ':' | '+'))
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
                    business_days: (business && factor == 1440.0).then_some(n),
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

/// A percentage in the text (`95%`, `95 percent`, `95%`).
fn percent_in(norm: &str) -> Option<f64> {
    let idx = norm.find('%').or_else(|| norm.find(" percent"))?;
    let before = &norm[..idx];
    let start = before
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    before[start..].trim().parse().ok()
}

/// Support hours stated on the line: a 7x24 form, or days plus a time range.
fn schedule_in(norm: &str) -> Option<Schedule> {
    let v = vocabulary();
    if v.always_on.is_match(norm) {
        return Some(Schedule::AlwaysOn);
    }
    let days = day_range_in(norm)?;
    let (start, end) = time_range_in(norm)?;
    Some(Schedule::Weekly { days, start, end })
}

fn day_range_in(norm: &str) -> Option<[bool; 7]> {
    let weekdays = [true, true, true, true, true, false, false];
    let every = [true; 7];
    let to_sat = [true, true, true, true, true, true, false];
    let forms: [(&str, [bool; 7]); 16] = [
        ("mon-fri", weekdays),
        ("mon–fri", weekdays),
        ("mon - fri", weekdays),
        ("monday-friday", weekdays),
        ("monday–friday", weekdays),
        ("monday to friday", weekdays),
        ("monday through friday", weekdays),
        ("weekdays", weekdays),
        ("周一至周五", weekdays),
        ("周一到周五", weekdays),
        ("星期一至星期五", weekdays),
        ("工作日", weekdays),
        ("周一至周六", to_sat),
        ("mon-sat", to_sat),
        ("每天", every),
        ("every day", every),
    ];
    forms.iter().find(|(f, _)| norm.contains(f)).map(|(_, d)| *d)
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
        assert_eq!(minutes("1 business day"), vec![1440.0]);
        assert_eq!(minutes("十五分钟"), vec![15.0]);
        assert_eq!(minutes("15分钟内"), vec![15.0]);
        assert_eq!(minutes("1个工作日"), vec![1440.0]);
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
                (Priority::Urgent, 15.0, Some(3)),
                (Priority::Normal, 1440.0, Some(3))
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
            vec![(Priority::Urgent, 10.0, false), (Priority::Low, 1440.0, true)]
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
            .map(|c| (c.priority, c.minutes, c.business_hours))
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
                (Low, 1440.0, true)
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
                (Normal, 1440.0, true),
                (Low, 2880.0, true)
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
                (Low, 4320.0, true)
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
                (Normal, 1440.0, true),
                (Low, 2880.0, true)
            ]
        );
        assert_eq!(channels(&d), vec!["chat", "email", "ticket"]);
        let h = d.best_hours().unwrap();
        assert_eq!(h.schedule.hours_per_week(), 45.0);
    }
}
