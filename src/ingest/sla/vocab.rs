//! The extractor's vocabulary: the words for responding and resolving, priorities, plans,
//! channels, business hours and 7x24, and the words that exclude a clause (credits, uptime,
//! negation, statistics). Compiled once into read-only matchers.

use crate::model::domain::{Channel, Priority};
use crate::model::sla::ResolutionMetric;
use crate::text::PhraseMatcher;
use std::sync::OnceLock;

/// Words that make a duration a response promise.
pub(super) const RESPOND_WORDS: [&str; 22] = [
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
pub(super) const RESOLVE_WORDS: [&str; 19] = [
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

/// A fixed list of words searched in one pass (the extractor asks every clause of a
/// document about them).
#[derive(Debug)]
pub(super) struct Words {
    words: &'static [&'static str],
    automaton: aho_corasick::AhoCorasick,
}

impl Words {
    fn new(words: &'static [&'static str]) -> Words {
        Words {
            words,
            automaton: aho_corasick::AhoCorasick::new(words).expect("a fixed word list"),
        }
    }

    /// Where the first of the words occurs in `text` (as a whole word for ASCII words).
    pub(super) fn first_position(&self, text: &str) -> Option<usize> {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        self.automaton
            .find_overlapping_iter(text)
            .filter(|m| {
                !self.words[m.pattern().as_usize()].is_ascii()
                    || (!word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next()))
            })
            .map(|m| m.start())
            .min()
    }

    /// Whether any of the words occurs in `text`, anywhere (inside other words too).
    pub(super) fn occur_in(&self, text: &str) -> bool {
        self.automaton.is_match(text)
    }
}

/// A clause that reports what happened ("our median first reply in 2025 was 2 minutes"),
/// not what is promised.
pub(super) fn is_statistic(norm: &str) -> bool {
    vocabulary().statistic.occur_in(norm)
}

/// Words of a clause that reports what happened rather than promises ([`is_statistic`]).
const STATISTIC_WORDS: [&str; 9] = [
    " was ",
    " were ",
    "average",
    "median",
    "平均",
    "去年",
    "历史数据",
    "in 2024",
    "in 2025",
];

/// Words of a clause about service credits or refunds ([`is_credit`]).
const CREDIT_WORDS: [&str; 7] = ["credit", "refund", "赔偿", "补偿", "抵扣", "代金券", "退款"];

/// Words that deny or postpone what a text names ([`is_negated`]).
const NEGATION_WORDS: [&str; 24] = [
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
];

/// The compiled word lists, built once (see [`vocabulary`]).
pub(super) struct Vocabulary {
    pub(super) priorities: PhraseMatcher,
    pub(super) respond: PhraseMatcher,
    pub(super) resolve: PhraseMatcher,
    pub(super) exclude: PhraseMatcher,
    pub(super) business: PhraseMatcher,
    pub(super) always_on: PhraseMatcher,
    pub(super) channels: PhraseMatcher,
    /// [`WEAK_CHANNEL_WORDS`], one group each.
    pub(super) channel_words: PhraseMatcher,
    pub(super) plans: PhraseMatcher,
    pub(super) plan_names: Vec<&'static str>,
    pub(super) respond_words: Words,
    pub(super) resolve_words: Words,
    pub(super) statistic: Words,
    pub(super) credit: Words,
    pub(super) negation: Words,
}

/// Words that name a channel only among other channels ("Tickets, Chat, and calls"): alone,
/// an instant-messaging vendor's page uses them for its product.
pub(super) const WEAK_CHANNEL_WORDS: [(Channel, &[&str]); 2] = [
    (Channel::Chat, &["chat", "chats"]),
    (Channel::Phone, &["call", "calls", "calling"]),
];

/// Words that follow a plan's name and are not part of it (`Growth plan`, `Extended Support`).
pub(super) const PLAN_SUFFIX_WORDS: [&str; 6] =
    ["support", "plan", "tier", "edition", "package", "subscription"];

/// The common plan words (`Vocabulary::plans` finds them, in this order).
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

/// The extractor's vocabulary, compiled on first use and read-only afterwards.
pub(super) fn vocabulary() -> &'static Vocabulary {
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
        respond_words: Words::new(&RESPOND_WORDS),
        resolve_words: Words::new(&RESOLVE_WORDS),
        statistic: Words::new(&STATISTIC_WORDS),
        credit: Words::new(&CREDIT_WORDS),
        negation: Words::new(&NEGATION_WORDS),
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
        channel_words: PhraseMatcher::new(&WEAK_CHANNEL_WORDS.map(|(_, w)| w.to_vec())),
        plans: PhraseMatcher::new(&PLAN_WORDS.map(|p| vec![p])),
        plan_names: PLAN_WORDS.to_vec(),
    })
}

pub(super) fn priorities_in(norm: &str) -> Vec<Priority> {
    vocabulary()
        .priorities
        .find_groups_normalized(norm)
        .into_iter()
        .map(|(g, _)| Priority::ALL[g])
        .collect()
}

/// A priority written alone in a table cell: also accepts the one-character Chinese forms.
pub(super) fn cell_priorities(norm: &str) -> Vec<Priority> {
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

/// Words that head a section about a topic, not a plan (`## 服务时间` used again in its
/// section, "人工服务时间为…", names no plan).
pub(super) const TOPIC_WORDS: [&str; 68] = [
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
    "服务时间",
    "支持时间",
    "工作时间",
    "响应时间",
    "首次响应时间",
    "解决时间",
    "处理时间",
    "联系方式",
    "服务渠道",
    "支持渠道",
    "服务可用性",
    "可用性",
    "服务范围",
    "服务说明",
    "服务赔偿",
    "赔偿",
    "常见问题",
    "升级流程",
];

/// A clause about service credits or refunds.
pub(super) fn is_credit(norm: &str) -> bool {
    vocabulary().credit.occur_in(norm)
}

/// A table cell that says the thing is included.
pub(super) fn offered(cell: &str) -> bool {
    let t = cell.trim();
    !(t.is_empty()
        || matches!(
            t,
            "-" | "—" | "–" | "×" | "✗" | "✘" | "x" | "no" | "n/a" | "na" | "无" | "否" | "不提供" | "不支持"
        )
        || is_negated(t))
}

/// A label or header about when support is available.
pub(super) fn is_hours_context(norm: &str) -> bool {
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

/// What a resolution promise measures, by its words: a rate (`rate`) or a time, first-contact
/// or workaround where the text says so.
pub(super) fn resolution_metric(text: &str, rate: bool) -> ResolutionMetric {
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

/// A text that denies or postpones what it names ("not available", "coming soon", "不提供").
pub(super) fn is_negated(norm: &str) -> bool {
    vocabulary().negation.occur_in(norm)
}
