//! Merging a rubric over the one it extends, as TOML trees (before the typed parse, so that
//! validation, weights summing to 100 included, runs on the result):
//!
//! - a key the child gives replaces the parent's; tables (`[targets]`, `must_have = {...}`,
//!   `[robustness]`) merge key by key;
//! - arrays of tables merge by id: `[[criterion]]` and `[[probe]]` by `id`, `[[probe.concept]]`
//!   by `id`, `[[criterion.measure]]` by `id` or, without one, by the id derived from its
//!   metric, priority and channel (`first_response_p90_minutes.urgent`, [`measure_id`]); an
//!   element with a known id merges key by key, a new id is appended;
//! - a measure's scoring form is replaced whole: giving `bands` drops the parent's `linear`
//!   ([`SCORING_FORMS`]); so is its missing-evidence policy (`missing`, `missing_score`);
//!   arrays (phrases, checklists, bands) are replaced, not appended to;
//! - `remove = ["id", ...]` in a table drops the elements with those ids from its arrays of
//!   tables (at the top: criteria and probes; in a `[[criterion]]`: its measures; in a
//!   `[[probe]]`: its concepts), before the child's own elements are merged; an id that is not
//!   there is an error.

use super::tree::{diagnostic, Entry, Node, Source, Table};
use crate::error::Diagnostic;

/// The keys that say how a measure is scored: a child giving one replaces all of the parent's.
pub const SCORING_FORMS: &[&str] = &["linear", "bands", "checklist", "ratio_to_best"];

/// The keys that say what a measure without evidence scores: replaced together.
const MISSING_FORMS: &[&str] = &["missing", "missing_score"];

/// The id of a measure without an explicit `id`: its metric, then its priority, channel and
/// probe when it has them (`first_response_attainment.urgent`, `channels_offered`,
/// `probe_quality.security_compliance`).
pub fn measure_id(
    metric: &str,
    priority: Option<&str>,
    channel: Option<&str>,
    probe: Option<&str>,
) -> String {
    let mut id = metric.to_string();
    for part in [priority, channel, probe].into_iter().flatten() {
        id.push('.');
        id.push_str(&part.trim().to_ascii_lowercase());
    }
    id
}

/// The id an element of the array of tables `array` is merged by.
fn element_id(array: &str, t: &Table) -> Option<String> {
    if let Some(id) = t.string("id") {
        return Some(id.to_string());
    }
    if array == "measure" {
        return Some(measure_id(
            t.string("metric")?,
            t.string("priority"),
            t.string("channel"),
            t.string("probe"),
        ));
    }
    None
}

/// Merges `over` (a child rubric, or a part of one) into `base` (what it extends).
pub fn merge(base: &mut Table, mut over: Table, sources: &[Source], errors: &mut Vec<Diagnostic>) {
    if let Some(remove) = over.take("remove") {
        apply_remove(base, remove, sources, errors);
    }
    for e in over.entries {
        for group in [SCORING_FORMS, MISSING_FORMS] {
            if group.contains(&e.key.as_str()) {
                base.entries
                    .retain(|b| !group.contains(&b.key.as_str()) || b.key == e.key);
            }
        }
        let Some(i) = base.entries.iter().position(|b| b.key == e.key) else {
            base.entries.push(e);
            continue;
        };
        let slot = &mut base.entries[i];
        match (&mut slot.node, e.node) {
            (Node::Table(b), Node::Table(o)) if !SCORING_FORMS.contains(&e.key.as_str()) => {
                merge(b, o, sources, errors)
            }
            (Node::Tables(b), Node::Tables(o)) => merge_elements(&e.key, b, o, sources, errors),
            (node, new) => {
                *node = new;
                slot.key_pos = e.key_pos;
            }
        }
    }
}

fn merge_elements(
    array: &str,
    base: &mut Vec<Table>,
    over: Vec<Table>,
    sources: &[Source],
    errors: &mut Vec<Diagnostic>,
) {
    for o in over {
        let known = element_id(array, &o).and_then(|id| {
            base.iter()
                .position(|b| element_id(array, b).as_deref() == Some(&id))
        });
        match known {
            Some(i) => merge(&mut base[i], o, sources, errors),
            None => {
                let mut fresh = Table {
                    inline: o.inline,
                    pos: o.pos,
                    entries: Vec::new(),
                };
                merge(&mut fresh, o, sources, errors);
                base.push(fresh);
            }
        }
    }
}

fn apply_remove(base: &mut Table, remove: Entry, sources: &[Source], errors: &mut Vec<Diagnostic>) {
    let Node::Value(leaf) = &remove.node else {
        errors.push(
            diagnostic(sources, remove.key_pos, "remove: expected a list of ids")
                .with_hint("write remove = [\"cases\"] with the ids of what to drop"),
        );
        return;
    };
    let Some(ids) = &leaf.strings else {
        errors.push(
            diagnostic(sources, leaf.pos, "remove: expected a list of ids (strings)")
                .with_hint("write remove = [\"cases\"] with the ids of what to drop"),
        );
        return;
    };
    for (id, pos) in ids {
        let mut found = false;
        let mut known: Vec<String> = Vec::new();
        for e in &mut base.entries {
            let Node::Tables(items) = &mut e.node else {
                continue;
            };
            let before = items.len();
            items.retain(|t| element_id(&e.key, t).as_deref() != Some(id.as_str()));
            found |= items.len() != before;
            known.extend(items.iter().filter_map(|t| element_id(&e.key, t)));
        }
        if !found {
            let hint = if known.is_empty() {
                "there is nothing here to remove: remove names the ids of what the rubric extends".to_string()
            } else {
                format!("the ids here are: {}", known.join(", "))
            };
            errors.push(
                diagnostic(
                    sources,
                    *pos,
                    format!("remove: no '{id}' in what this rubric extends"),
                )
                .with_hint(hint),
            );
        }
    }
    base.entries
        .retain(|e| !matches!(&e.node, Node::Tables(items) if items.is_empty()));
}

#[cfg(test)]
mod tests {
    use super::super::tree::{emit, parse};
    use super::*;

    /// Merges the texts in order (each over the ones before) and returns the plain TOML.
    fn merged(texts: &[&str]) -> (String, Vec<Diagnostic>) {
        let sources: Vec<Source> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Source {
                name: format!("f{i}.toml"),
                text: t.to_string(),
            })
            .collect();
        let mut base = Table::default();
        let mut errors = Vec::new();
        for i in 0..texts.len() {
            merge(&mut base, parse(&sources, i).unwrap(), &sources, &mut errors);
        }
        (emit(&base, None).text, errors)
    }

    const PARENT: &str = "name = \"p\"\n[[criterion]]\nid = \"a\"\nweight = 60\n[[criterion.measure]]\nmetric = \"cases_count\"\nlinear = { best = 8, worst = 0 }\n[[criterion.measure]]\nmetric = \"first_response_p90_minutes\"\npriority = \"urgent\"\nlinear = { best = 15, worst = 120 }\nmissing = \"zero\"\n[[criterion]]\nid = \"b\"\nweight = 40\n";

    #[test]
    fn a_child_overrides_by_id_and_appends_new_ids() {
        let child = "name = \"c\"\n[[criterion]]\nid = \"a\"\nweight = 50\n[[criterion.measure]]\nid = \"first_response_p90_minutes.urgent\"\nbands = [{ min = 0, score = 1 }]\nmissing_score = 40\n[[criterion.measure]]\nmetric = \"docs_items\"\n[[criterion]]\nid = \"c\"\nweight = 10\n";
        let (text, errors) = merged(&[PARENT, child]);
        assert!(errors.is_empty(), "{errors:?}");
        let v: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(v["name"].as_str(), Some("c"));
        let cs = v["criterion"].as_array().unwrap();
        assert_eq!(cs.len(), 3);
        assert_eq!(cs[0]["weight"].as_integer(), Some(50));
        let ms = cs[0]["measure"].as_array().unwrap();
        assert_eq!(ms.len(), 3);
        // the scoring form and the missing policy are replaced whole
        assert!(ms[1].get("linear").is_none() && ms[1].get("bands").is_some());
        assert!(ms[1].get("missing").is_none());
        assert_eq!(ms[1]["missing_score"].as_integer(), Some(40));
        assert_eq!(ms[1]["priority"].as_str(), Some("urgent"));
        assert_eq!(ms[2]["metric"].as_str(), Some("docs_items"));
        assert_eq!(cs[2]["id"].as_str(), Some("c"));
    }

    #[test]
    fn remove_drops_criteria_and_measures_and_names_unknown_ids() {
        let child = "remove = [\"b\", \"zz\"]\n[[criterion]]\nid = \"a\"\nremove = [\"cases_count\"]\n";
        let (text, errors) = merged(&[PARENT, child]);
        let v: toml::Value = toml::from_str(&text).unwrap();
        let cs = v["criterion"].as_array().unwrap();
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0]["measure"].as_array().unwrap().len(), 1);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].location(), "f1.toml:1:16");
        assert!(errors[0].message.contains("no 'zz'"), "{}", errors[0].message);
        assert!(errors[0].hint.as_deref().unwrap().contains("a"), "{errors:?}");
    }

    #[test]
    fn three_levels_merge_in_order() {
        let mid = "[[criterion]]\nid = \"a\"\nweight = 70\n[[criterion]]\nid = \"b\"\nweight = 30\n";
        let top = "version = \"3\"\n[[criterion]]\nid = \"b\"\nmust_have = { min_score = 10 }\n";
        let (text, errors) = merged(&[PARENT, mid, top]);
        assert!(errors.is_empty());
        let v: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(v["criterion"][0]["weight"].as_integer(), Some(70));
        assert_eq!(v["criterion"][1]["weight"].as_integer(), Some(30));
        assert_eq!(v["criterion"][1]["must_have"]["min_score"].as_integer(), Some(10));
        assert_eq!(v["version"].as_str(), Some("3"));
    }

    #[test]
    fn probes_merge_by_id_and_their_concepts_too() {
        let parent = "[[probe]]\nid = \"p\"\nasked = [\"a\"]\n[[probe.concept]]\nid = \"x\"\nterms = [\"x\"]\n[[probe.concept]]\nid = \"y\"\nterms = [\"y\"]\n";
        let child = "[[probe]]\nid = \"p\"\nasked = [\"b\", \"c\"]\nremove = [\"y\"]\n[[probe.concept]]\nid = \"x\"\nterms = [\"xx\"]\n[[probe.concept]]\nid = \"z\"\nterms = [\"z\"]\n";
        let (text, errors) = merged(&[parent, child]);
        assert!(errors.is_empty(), "{errors:?}");
        let v: toml::Value = toml::from_str(&text).unwrap();
        let p = &v["probe"][0];
        assert_eq!(
            p["asked"],
            toml::Value::Array(vec!["b".into(), "c".into()]),
            "arrays are replaced"
        );
        let concepts: Vec<(&str, &str)> = p["concept"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].as_str().unwrap(), c["terms"][0].as_str().unwrap()))
            .collect();
        assert_eq!(concepts, [("x", "xx"), ("z", "z")]);
    }

    #[test]
    fn remove_in_a_rubric_that_extends_nothing_is_an_error() {
        let (_, errors) = merged(&["remove = [\"cases\"]\n"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location(), "f0.toml:1:11");
        assert!(errors[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("nothing here to remove"));
        let (_, errors) = merged(&["remove = \"cases\"\n"]);
        assert!(errors[0].message.contains("expected a list of ids"), "{errors:?}");
    }
}
