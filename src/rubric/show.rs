//! What the `rubric` commands print: the effective rubric with where each value came from
//! (`show`), its weights (`weights`), a starting rubric (`init`), and validation's hints and
//! warnings (`validate`).

use super::load::Loaded;
use super::tree::{diagnostic, emit, Node};
use super::{Rubric, Scoring};
use crate::error::Diagnostic;
use crate::metrics::catalog;

/// The effective rubric after `extends`, as TOML, each line ending with the file:line its
/// values were written at (`# from rubrics/default.toml:27`).
pub fn show(loaded: &Loaded) -> String {
    let c = &loaded.composed;
    let mut out = format!(
        "# the effective rubric of {}\n",
        c.chain().first().map_or("", |s| s.as_str())
    );
    if c.sources.len() > 1 {
        out.push_str(&format!("# extends: {}\n", c.chain().join(" -> ")));
    }
    out.push('\n');
    out.push_str(&emit(&c.tree, Some(&c.sources)).text);
    out
}

/// Lines the weighting adds to `rubric weights` (AHP's matrix, eigenvector and consistency
/// ratio, where the rubric's weights come from pairwise comparisons); none for weights given
/// directly.
pub fn extra_weight_lines(rubric: &Rubric) -> Vec<String> {
    let crate::rubric::Weighting::Ahp(ahp) = &rubric.weighting else {
        return Vec::new();
    };
    let ids: Vec<&str> = rubric.criteria.iter().map(|c| c.id.as_str()).collect();
    let width = ids.iter().map(|i| i.chars().count()).max().unwrap_or(0).max(8);
    let cell = |v: f64| {
        // Saaty's scale: whole numbers and their reciprocals, written as given.
        if v >= 1.0 - 1e-9 {
            fmt_number((v * 1000.0).round() / 1000.0)
        } else {
            format!("1/{}", fmt_number((1.0 / v * 1000.0).round() / 1000.0))
        }
    };
    let mut out = vec![
        String::new(),
        "AHP: pairwise comparisons (row vs column, Saaty's 1-9 scale), principal eigenvector".to_string(),
    ];
    let mut head = format!("{:width$}", "");
    for id in &ids {
        head.push_str(&format!(" {id:>width$}"));
    }
    head.push_str(&format!(" {:>width$}", "weight"));
    out.push(head);
    for (i, row) in ahp.matrix.iter().enumerate() {
        let mut line = format!("{:width$}", ids.get(i).copied().unwrap_or(""));
        for v in row {
            line.push_str(&format!(" {:>width$}", cell(*v)));
        }
        line.push_str(&format!(
            " {:>width$.2}",
            ahp.weights.get(i).copied().unwrap_or(0.0)
        ));
        out.push(line);
    }
    out.push(format!(
        "lambda_max {:.3}, consistency index {:.3}, random index {:.2}, consistency ratio {:.3} ({})",
        ahp.lambda_max,
        ahp.consistency_index,
        ahp.random_index,
        ahp.consistency_ratio,
        if ahp.consistency_ratio <= 0.10 {
            "acceptable: at most 0.10"
        } else {
            "over 0.10: inconsistent"
        }
    ));
    out
}

/// The effective weights: per criterion its weight and share of the total, per measure its
/// share of the criterion and of the total.
pub fn weights(r: &Rubric) -> String {
    let total: f64 = r.criteria.iter().map(|c| c.weight).sum();
    let share = |w: f64, of: f64| if of > 0.0 { w / of * 100.0 } else { 0.0 };
    let mut out = format!("rubric {} {} ({})\n\n", r.name, r.version, r.files.join(" -> "));
    let id_width = r
        .criteria
        .iter()
        .flat_map(|c| std::iter::once(c.id.len()).chain(c.measures.iter().map(|m| m.id.len() + 2)))
        .max()
        .unwrap_or(0)
        .max(9);
    out.push_str(&format!(
        "{:<id_width$}  {:>7}  {:>7}  name\n",
        "criterion", "weight", "share"
    ));
    for c in &r.criteria {
        out.push_str(&format!(
            "{:<id_width$}  {:>7}  {:>6.1}%  {}\n",
            c.id,
            fmt_number(c.weight),
            share(c.weight, total),
            c.name
        ));
        let inner: f64 = c.measures.iter().map(|m| m.weight).sum();
        for m in &c.measures {
            let of_criterion = share(m.weight, inner);
            out.push_str(&format!(
                "  {:<w$}  {:>7}  {:>6.1}%  {:.1}% of the criterion: {}\n",
                m.id,
                fmt_number(m.weight),
                of_criterion * share(c.weight, total) / 100.0,
                of_criterion,
                m.label,
                w = id_width - 2
            ));
        }
    }
    out.push_str(&format!(
        "{:<id_width$}  {:>7}  {:>6.1}%\n",
        "total",
        fmt_number(total),
        share(total, total)
    ));
    for line in extra_weight_lines(r) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        // Two decimals at most (AHP weights are not round), without trailing zeros.
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A commented starting rubric extending the profile `name` (whose rubric is `base`): every
/// change is commented out, so it is valid as written and equal to the profile.
pub fn init(name: &str, base: &Rubric) -> String {
    let first = base.criteria.first();
    let second = base.criteria.get(1);
    let last = base.criteria.last();
    let mut s = format!(
        "# A rubric extending the \"{name}\" profile: that rubric, changed only where this file says.\n\
         # supportgrade rubric show FILE      the effective rubric, each value with where it came from\n\
         # supportgrade rubric validate FILE  every problem, with its line and column\n\
         # supportgrade rubric weights FILE   the effective weights\n\
         # supportgrade evaluate --rubric FILE\n\n\
         extends = \"{name}\"\n\
         name = \"my-rubric\"\n\
         version = \"0.1.0\"\n\
         description = \"{} changed for ...\"\n\n\
         # Criteria, measures and probes are named by their id; a criterion given here with a known id\n\
         # changes only the keys it gives, a new id adds one. After the changes the criterion weights\n\
         # must still sum to 100.\n",
        base.name
    );
    if let Some(last) = last {
        s.push_str(&format!(
            "\n# Drop criteria (or probes) by id; their weight must go to others:\n# remove = [\"{}\"]\n",
            last.id
        ));
    }
    if let (Some(a), Some(b)) = (first, second) {
        let step = if b.weight >= 5.0 { 5.0 } else { b.weight };
        s.push_str(&format!(
            "\n# A weight moved from one criterion to another (the sum stays 100), and a must-have:\n\
             # [[criterion]]\n# id = \"{}\"\n# weight = {}\n# must_have = {{ min_score = 40 }}   # below 40% of this criterion a vendor is knocked out\n#\n\
             # [[criterion]]\n# id = \"{}\"\n# weight = {}\n",
            a.id,
            fmt_number(a.weight + step),
            b.id,
            fmt_number(b.weight - step)
        ));
    }
    let linear = base.criteria.iter().find_map(|c| {
        c.measures
            .iter()
            .find(|m| matches!(m.scoring, Scoring::Linear { .. }))
            .map(|m| (c, m))
    });
    if let Some((c, m)) = linear {
        s.push_str(&format!(
            "\n# A measure's scoring replaced (bands instead of its linear), one measure dropped, one added.\n\
             # Measures are named by `id`, else by metric.priority.channel:\n\
             # [[criterion]]\n# id = \"{}\"\n# remove = [\"{}\"]\n#\n\
             #   [[criterion.measure]]\n#   id = \"{}\"\n\
             #   bands = [{{ min = 0, max = 1, score = 0 }}, {{ min = 1, score = 100 }}]\n#\n\
             #   [[criterion.measure]]\n#   metric = \"docs_languages\"\n#   weight = 1\n\
             #   linear = {{ best = 3, worst = 1 }}\n",
            c.id,
            c.measures.last().map_or("", |m| m.id.as_str()),
            m.id
        ));
    }
    s
}

/// A hint for a problem that has none, by what it says.
pub fn add_hint(d: &mut Diagnostic) {
    if d.hint.is_some() {
        return;
    }
    let m = d.message.as_str();
    let hint = if let Some(rest) = m.strip_prefix("unknown metric '") {
        let name = rest.split('\'').next().unwrap_or("");
        let best = catalog::names().into_iter().min_by_key(|n| distance(n, name));
        best.map(|b| format!("did you mean '{b}'? (the metrics are listed in README.md)"))
    } else if m.starts_with("criterion weights sum to") {
        Some("change the weights so that they add up to 100 (each is the criterion's share of the total); a rubric that extends another gives the weights it moves".to_string())
    } else if m.contains("unknown field") {
        Some("check the spelling: the keys allowed here are listed above".to_string())
    } else if m.contains("missing field `metric`") {
        Some("a new measure needs a metric; to change a measure of the rubric extended, name it by its id (id = \"first_response_p90_minutes.urgent\"; `rubric weights` lists them)".to_string())
    } else if m.contains("missing field") {
        Some("add that key: it has no default here".to_string())
    } else if m.starts_with("bands") {
        Some(
            "bands are half-open [min, max) and may not overlap: each must end at or before the next begins"
                .to_string(),
        )
    } else if m.contains("exactly one of linear") {
        Some("give one of linear = { best, worst }, bands = [...] or checklist = [...]".to_string())
    } else if m.contains("is used twice") {
        Some("ids must be unique: rename one".to_string())
    } else if m.contains("unknown priority") {
        Some("the priorities are urgent, high, normal and low".to_string())
    } else {
        None
    };
    d.hint = hint;
}

/// What is allowed but likely a mistake: a criterion of weight 0 counts for nothing.
pub fn warnings(loaded: &Loaded) -> Vec<Diagnostic> {
    let c = &loaded.composed;
    let mut out = Vec::new();
    if let Some(Node::Tables(criteria)) = c.tree.get("criterion") {
        for t in criteria {
            if let Some(Node::Value(w)) = t.get("weight") {
                if w.raw.trim().parse::<f64>() == Ok(0.0) {
                    let id = t.string("id").unwrap_or("?");
                    out.push(
                        diagnostic(
                            &c.sources,
                            w.pos,
                            format!("criterion '{id}' has weight 0: it counts for nothing"),
                        )
                        .with_hint(format!("remove it with remove = [\"{id}\"], or give it a weight")),
                    );
                }
            }
        }
    }
    out
}

/// Edit distance (for "did you mean").
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_metrics_get_the_nearest_name() {
        let mut d = Diagnostic::new(
            "r.toml",
            Some(1),
            "unknown metric 'cases_cuont': expected one of ...",
        );
        add_hint(&mut d);
        assert_eq!(
            d.hint.as_deref(),
            Some("did you mean 'cases_count'? (the metrics are listed in README.md)")
        );
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
