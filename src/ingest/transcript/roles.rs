//! Who is who: speakers other than the text format's own words (`evaluator`, `agent(..)`,
//! `bot(..)`, `system`) placed by the rules of a `roles.toml`, and the role words chat exports
//! write in their own role fields.

use crate::error::{read_text, toml_diagnostic, Error, Result};
use crate::model::transcript::Role;
use serde::Deserialize;
use std::path::Path;

/// Speaker names (or `*` patterns) per role, from `roles.toml`:
/// `evaluator = ["Alice Chen", "评测*"]`, `agent = ["*客服*"]`, `bot = ["*Bot"]`, `system = [...]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRules {
    #[serde(default)]
    pub evaluator: Vec<String>,
    #[serde(default)]
    pub agent: Vec<String>,
    #[serde(default)]
    pub bot: Vec<String>,
    #[serde(default)]
    pub system: Vec<String>,
}

impl RoleRules {
    pub fn parse(src: &str, file: &str) -> Result<RoleRules> {
        toml::from_str(src).map_err(|e| Error::invalid(toml_diagnostic(file, src, &e)))
    }

    /// The rules of the file at `path` (`shown` in messages).
    pub fn read(path: &Path, shown: &str) -> Result<RoleRules> {
        RoleRules::parse(&read_text(path, shown)?, shown)
    }

    /// The role of a speaker by name, if a rule names it.
    pub fn role_of(&self, name: &str) -> Option<Role> {
        let n = name.trim().to_lowercase();
        let matches = |pattern: &String| {
            let p = pattern.trim().to_lowercase();
            match (p.strip_prefix('*'), p.strip_suffix('*')) {
                (Some(rest), _) if rest.ends_with('*') => n.contains(rest.trim_end_matches('*')),
                (Some(rest), _) => n.ends_with(rest),
                (None, Some(rest)) => n.starts_with(rest),
                (None, None) => n == p,
            }
        };
        [
            (&self.evaluator, Role::Evaluator),
            (&self.agent, Role::Agent),
            (&self.bot, Role::Bot),
            (&self.system, Role::System),
        ]
        .into_iter()
        .find(|(patterns, _)| patterns.iter().any(matches))
        .map(|(_, r)| r)
    }
}

/// A role word as exports write it (`customer`, `operator`, `EndUser`, `客服`...).
pub fn role_word(word: &str) -> Option<Role> {
    let w = word.trim().to_lowercase();
    let role = match w.as_str() {
        "evaluator" | "customer" | "user" | "visitor" | "enduser" | "end_user" | "client" | "requester"
        | "客户" | "用户" | "访客" | "评测" | "评测员" => Role::Evaluator,
        "agent" | "operator" | "support" | "staff" | "supervisor" | "human" | "客服" | "人工"
        | "人工客服" | "坐席" => Role::Agent,
        "bot" | "chatbot" | "assistant" | "virtual_agent" | "机器人" | "智能客服" | "智能助手" => {
            Role::Bot
        }
        "system" | "event" | "系统" => Role::System,
        _ => return None,
    };
    Some(role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_patterns_place_speakers() {
        let rules = RoleRules::parse(
            "evaluator = [\"Alice Chen\"]\nagent = [\"*客服*\", \"Sam*\"]\nbot = [\"*Bot\"]\n",
            "roles.toml",
        )
        .unwrap();
        assert_eq!(rules.role_of(" alice chen "), Some(Role::Evaluator));
        assert_eq!(rules.role_of("Lumen 客服 Amy"), Some(Role::Agent));
        assert_eq!(rules.role_of("Sam Lee"), Some(Role::Agent));
        assert_eq!(rules.role_of("HelpBot"), Some(Role::Bot));
        assert_eq!(rules.role_of("Zed"), None);
        assert!(RoleRules::parse("customer = [\"x\"]", "roles.toml").is_err());
        assert_eq!(role_word("EndUser"), Some(Role::Evaluator));
        assert_eq!(role_word("人工客服"), Some(Role::Agent));
        assert_eq!(role_word("narrator"), None);
    }
}
