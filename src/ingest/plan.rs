//! Which plan each vendor is held to: `plan` of vendors.toml matched to the plan names its SLA
//! uses, whatever the case, width, spacing or language (`enterprise`, `Enterprise plan`,
//! `企业版` and a name the document gives beside it in brackets all name one plan); without
//! one, the plan with the most first-response promises, said to be assumed.

use crate::error::Diagnostic;
use crate::ingest::vendors::{self, Vendor};
use crate::model::plan::HeldPlan;
use crate::model::sla::SlaDocument;
use crate::text::normalize;
use std::collections::BTreeMap;

/// Chinese plan words and the English plan each names (`企业版` is Enterprise): the stems,
/// without 版.
const BILINGUAL: [(&str, &str); 9] = [
    ("企业", "enterprise"),
    ("基础", "basic"),
    ("标准", "standard"),
    ("专业", "professional"),
    ("旗舰", "flagship"),
    ("免费", "free"),
    ("团队", "team"),
    ("商业", "business"),
    ("入门", "starter"),
];

/// Words that say "plan" and no more.
const GENERIC: [&str; 7] = ["plan", "plans", "tier", "edition", "package", "support", "the"];

/// What a plan name is compared by: lower case, half width, single spaces, without the words
/// for "plan" (`Enterprise plan`, `企业版套餐`), Chinese plan words as their English plan.
pub fn plan_key(name: &str) -> String {
    let norm = normalize(name);
    let words: Vec<&str> = norm.split_whitespace().collect();
    let kept: Vec<&str> = words.iter().copied().filter(|w| !GENERIC.contains(w)).collect();
    let mut key = if kept.is_empty() { words } else { kept }.join(" ");
    for suffix in ["套餐", "服务", "计划", "版"] {
        if let Some(stem) = key.strip_suffix(suffix).filter(|s| s.chars().count() >= 2) {
            key = stem.to_string();
        }
    }
    if let Some((_, en)) = BILINGUAL.iter().find(|(zh, _)| *zh == key) {
        key = en.to_string();
    }
    if key == "pro" {
        key = "professional".to_string();
    }
    key
}

/// Every key a plan goes by: its own, and those of the names the document gives it in the
/// other language (followed from name to name).
fn keys_of(name: &str, doc: &SlaDocument) -> Vec<String> {
    let mut keys = vec![plan_key(name)];
    loop {
        let before = keys.len();
        for (a, b) in &doc.plan_aliases {
            let (ka, kb) = (plan_key(a), plan_key(b));
            if keys.contains(&ka) && !keys.contains(&kb) {
                keys.push(kb);
            } else if keys.contains(&kb) && !keys.contains(&ka) {
                keys.push(ka);
            }
        }
        if keys.len() == before {
            return keys;
        }
    }
}

/// The names of the document that name the same plan as `name`.
fn same_plan(name: &str, doc: &SlaDocument, found: &[String]) -> Vec<String> {
    let keys = keys_of(name, doc);
    found
        .iter()
        .filter(|f| keys.contains(&plan_key(f)))
        .cloned()
        .collect()
}

/// The plan a vendor is held to, given the plan vendors.toml names (if any) and its SLA (if
/// any). `Err`: the plan named is not one of the plans the SLA names (they are listed).
pub fn hold(wanted: Option<&str>, sla: Option<&SlaDocument>) -> Result<HeldPlan, Vec<String>> {
    let Some(doc) = sla else {
        return Ok(HeldPlan {
            name: wanted.map(String::from),
            assumed: wanted.is_none(),
            ..HeldPlan::default()
        });
    };
    let found = doc.plan_names();
    if let Some(w) = wanted {
        let names = same_plan(w, doc, &found);
        return match names.first() {
            Some(first) => Ok(HeldPlan {
                name: Some(first.clone()),
                names,
                assumed: false,
                plans_found: found,
                tied_with: Vec::new(),
            }),
            // A page that names no plan at all: all its promises are the plan's.
            None if found.is_empty() => Ok(HeldPlan {
                name: Some(w.to_string()),
                ..HeldPlan::default()
            }),
            None => Err(found),
        };
    }
    // The plan with the most first-response promises; the first named of those tied.
    let mut best: Option<(usize, Vec<String>)> = None;
    let mut tied: Vec<String> = Vec::new();
    let mut counted: Vec<String> = Vec::new();
    for name in &found {
        if counted.contains(name) {
            continue;
        }
        let names = same_plan(name, doc, &found);
        counted.extend(names.iter().cloned());
        let n = (doc.first_response.iter())
            .filter(|c| c.plan.as_ref().is_some_and(|p| names.contains(p)))
            .count();
        match &best {
            Some((m, _)) if n < *m || n == 0 => {}
            Some((m, _)) if n == *m => tied.push(name.clone()),
            _ if n > 0 => {
                best = Some((n, names));
                tied.clear();
            }
            _ => {}
        }
    }
    Ok(HeldPlan {
        name: best.as_ref().and_then(|(_, names)| names.first().cloned()),
        names: best.map(|(_, names)| names).unwrap_or_default(),
        assumed: true,
        plans_found: found,
        tied_with: tied,
    })
}

/// The plan of every vendor, by id; an unknown plan is an error at its line of vendors.toml.
pub fn hold_all(vendors: &[Vendor], sla: &[SlaDocument]) -> (BTreeMap<String, HeldPlan>, Vec<Diagnostic>) {
    let mut plans = BTreeMap::new();
    let mut errors = Vec::new();
    for v in vendors {
        let doc = sla.iter().find(|d| d.vendor == v.id);
        let wanted = v.plan.as_ref().map(|p| p.name.as_str());
        match hold(wanted, doc) {
            Ok(held) => {
                plans.insert(v.id.clone(), held);
            }
            Err(found) => {
                let Some(p) = &v.plan else { continue };
                errors.push(Diagnostic::at(
                    vendors::FILE,
                    p.line,
                    p.column,
                    format!(
                        "vendor '{}': plan '{}' is not a plan of {}; the plans it names: {}",
                        v.id,
                        p.name,
                        doc.map_or("its SLA", |d| d.file.as_str()),
                        found.join(", ")
                    ),
                ));
            }
        }
    }
    (plans, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sla::extract::extract;

    #[test]
    fn plan_names_compare_by_case_width_spacing_and_language() {
        for same in [
            "Enterprise",
            "enterprise",
            "ＥＮＴＥＲＰＲＩＳＥ",
            " Enterprise  plan",
            "企业版",
            "企业版套餐",
        ] {
            assert_eq!(plan_key(same), "enterprise", "{same}");
        }
        assert_eq!(plan_key("Pro"), plan_key("专业版"));
        assert_eq!(plan_key("Scale  Plus"), "scale plus");
        assert_ne!(plan_key("Business"), plan_key("Enterprise"));
    }

    #[test]
    fn a_name_the_page_gives_in_both_languages_matches_either() {
        let doc = extract(
            "## 尊享版（Premier）\n\n紧急问题5分钟内响应。\n\n## 标准版\n\n紧急问题2小时内响应。\n",
            "sla/x.md",
            "x",
        );
        let held = hold(Some("尊享版"), Some(&doc)).unwrap();
        assert_eq!(held.name.as_deref(), Some("Premier"));
        let held = hold(Some("standard"), Some(&doc)).unwrap();
        assert_eq!(held.name.as_deref(), Some("标准版"));
        assert_eq!(
            hold(Some("Enterprise"), Some(&doc)),
            Err(vec!["Premier".to_string(), "标准版".to_string()])
        );
    }

    #[test]
    fn without_a_plan_the_one_with_most_promises_is_assumed() {
        let doc = extract(
            "## Basic\n\nUrgent: first response within 4 hours.\n\n## Premier\n\nUrgent: first response within 5 minutes. High: first response within 1 hour.\n",
            "sla/x.md",
            "x",
        );
        let held = hold(None, Some(&doc)).unwrap();
        assert_eq!(held.name.as_deref(), Some("Premier"));
        assert!(held.assumed);
        assert!(held.tied_with.is_empty());
        // No page: nothing to choose from; a page naming no plan: every promise applies.
        assert_eq!(hold(None, None).unwrap().name, None);
        let plain = extract("Urgent: first response within 4 hours.\n", "sla/x.md", "x");
        let held = hold(Some("Enterprise"), Some(&plain)).unwrap();
        assert_eq!(held.name.as_deref(), Some("Enterprise"));
        assert!(held.covers(None));
    }
}
