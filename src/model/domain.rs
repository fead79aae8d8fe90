//! The shared vocabulary: priorities and support channels, with the many ways people write them.

use serde::Serialize;
use std::fmt;

/// How urgent a probe or ticket is. Ordered from most to least urgent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Urgent,
    High,
    Normal,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::Urgent, Priority::High, Priority::Normal, Priority::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Urgent => "urgent",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    /// 1 for the most urgent level.
    pub fn rank(self) -> u8 {
        self as u8 + 1
    }

    /// Reads a priority as written in a CSV cell or a rubric (`urgent`, `P1`, `Sev 1`, `紧急`, ...).
    pub fn parse(s: &str) -> Option<Priority> {
        let t: String = s
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
            .collect();
        let p = match t.as_str() {
            "urgent" | "critical" | "emergency" | "p1" | "sev1" | "severity1" | "s1" | "紧急" | "一级"
            | "特急" => Priority::Urgent,
            "high" | "p2" | "sev2" | "severity2" | "s2" | "高" | "二级" | "重要" => Priority::High,
            "normal" | "medium" | "p3" | "sev3" | "severity3" | "s3" | "普通" | "中" | "一般" | "三级" => {
                Priority::Normal
            }
            "low" | "p4" | "sev4" | "severity4" | "s4" | "低" | "四级" | "咨询" => Priority::Low,
            _ => return None,
        };
        Some(p)
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A way of reaching support.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Chat,
    Phone,
    Email,
    Ticket,
    DedicatedManager,
    Community,
    ImGroup,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Chat,
        Channel::Phone,
        Channel::Email,
        Channel::Ticket,
        Channel::DedicatedManager,
        Channel::Community,
        Channel::ImGroup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Chat => "chat",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Ticket => "ticket",
            Channel::DedicatedManager => "dedicated_manager",
            Channel::Community => "community",
            Channel::ImGroup => "im_group",
        }
    }

    /// Reads a channel as written in a CSV cell or a rubric.
    pub fn parse(s: &str) -> Option<Channel> {
        let t = s.trim().to_lowercase().replace(['-', ' '], "_");
        let c = match t.as_str() {
            "chat" | "live_chat" | "web_chat" | "online_chat" | "在线客服" | "在线聊天" => {
                Channel::Chat
            }
            "phone" | "voice" | "hotline" | "电话" => Channel::Phone,
            "email" | "e_mail" | "mail" | "邮件" | "邮箱" => Channel::Email,
            "ticket" | "web" | "portal" | "form" | "工单" => Channel::Ticket,
            "dedicated_manager" | "account_manager" | "tam" | "专属客户经理" | "客户经理" => {
                Channel::DedicatedManager
            }
            "community" | "forum" | "社区" | "论坛" => Channel::Community,
            "im_group" | "wechat" | "dingtalk" | "slack" | "微信群" | "钉钉群" => Channel::ImGroup,
            _ => return None,
        };
        Some(c)
    }

    /// Phrases that name this channel in prose (lower-case; matched case- and width-insensitively).
    pub fn phrases(self) -> &'static [&'static str] {
        match self {
            Channel::Chat => &[
                "online chat",
                "live chat",
                "web chat",
                "chat support",
                "in-app chat",
                "in app chat",
                "chat with us",
                "via chat",
                "by chat",
                "support chat",
                "在线客服",
                "线上客服",
                "在线咨询",
                "在线聊天",
                "在线支持",
            ],
            Channel::Phone => &[
                "phone",
                "telephone",
                "hotline",
                "call us",
                "by calling",
                "电话",
                "热线",
                "400电话",
            ],
            Channel::Email => &["email", "e-mail", "邮件", "邮箱"],
            Channel::Ticket => &[
                "ticket",
                "tickets",
                "ticket system",
                "ticketing",
                "support ticket",
                "submit a ticket",
                "support portal",
                "help desk",
                "helpdesk",
                "工单",
                "票证",
            ],
            Channel::DedicatedManager => &[
                "dedicated account manager",
                "technical account manager",
                "dedicated technical account manager",
                "customer success manager",
                "dedicated support engineer",
                "专属客户经理",
                "专属客服经理",
                "专属技术经理",
                "专属技术支持",
                "大客户经理",
                "客户成功经理",
                "专属技术顾问",
                "专属服务经理",
                "专属顾问",
                "技术客户经理",
                "named technical account manager",
                "account manager",
                "dedicated service manager",
                "dedicated manager",
                "(tam)",
            ],
            Channel::Community => &[
                "community forum",
                "community",
                "forum",
                "开发者社区",
                "社区",
                "论坛",
            ],
            Channel::ImGroup => &[
                "slack channel",
                "shared slack",
                "slack group",
                "wechat group",
                "dingtalk group",
                "feishu group",
                "微信群",
                "钉钉群",
                "飞书群",
                "企业微信群",
                "专属钉钉群",
                "专属微信群",
                "slack connect",
                "private slack",
                "teams channel",
            ],
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_parse_in_both_languages() {
        assert_eq!(Priority::parse("P1"), Some(Priority::Urgent));
        assert_eq!(Priority::parse(" Sev 2 "), Some(Priority::High));
        assert_eq!(Priority::parse("普通"), Some(Priority::Normal));
        assert_eq!(Priority::parse("低"), Some(Priority::Low));
        assert_eq!(Priority::parse("whenever"), None);
        assert_eq!(Priority::Urgent.rank(), 1);
    }

    #[test]
    fn channels_parse() {
        assert_eq!(Channel::parse("Live Chat"), Some(Channel::Chat));
        assert_eq!(
            Channel::parse("dedicated-manager"),
            Some(Channel::DedicatedManager)
        );
        assert_eq!(Channel::parse("fax"), None);
    }
}
