//! What every format says about the method: the aggregation and its normalisation, and, with
//! `--compare-methods`, both rankings side by side, Kendall's tau-b and the rank reversals.
//! Shared by the terminal table and report.md so both say the same thing the same way.

use super::fmt::{fmt2, fmt3};
use super::model::Evaluation;
use crate::score::compare::{MethodComparison, RankReversal};
use comfy_table::{presets::UTF8_FULL, CellAlignment, Table as ComfyTable};

/// A vendor's name as the evaluation knows it (its id when unknown).
pub fn name_of<'a>(e: &'a Evaluation, id: &'a str) -> &'a str {
    e.vendors
        .iter()
        .find(|v| v.score.id == id)
        .map_or(id, |v| v.name.as_str())
}

/// One rank reversal in words.
pub fn reversal(e: &Evaluation, r: &RankReversal) -> String {
    format!(
        "{}: without {}, {} ranks ahead of {} (with every vendor, {} is ahead)",
        r.method,
        name_of(e, &r.left_out),
        name_of(e, &r.behind),
        name_of(e, &r.ahead),
        name_of(e, &r.ahead)
    )
}

/// The sentence on how much the two rankings agree.
pub fn agreement(c: &MethodComparison) -> String {
    format!(
        "Kendall's tau-b between the {} and {} rankings: {}",
        c.methods.first().map_or("", String::as_str),
        c.methods.get(1).map_or("", String::as_str),
        fmt3(c.kendall_tau_b)
    )
}

/// Rows of the side-by-side ranking: vendor, then rank and total per method.
fn rows(e: &Evaluation, c: &MethodComparison) -> Vec<Vec<String>> {
    c.vendors
        .iter()
        .map(|v| {
            let mut row = vec![format!("{} ({})", name_of(e, &v.id), v.id)];
            for m in &c.methods {
                row.push(v.ranks.get(m).map_or("-".into(), |r| r.to_string()));
                row.push(v.totals.get(m).map_or("-".into(), |t| fmt2(*t)));
            }
            row
        })
        .collect()
}

fn header(c: &MethodComparison) -> Vec<String> {
    let mut h = vec!["vendor".to_string()];
    for m in &c.methods {
        h.push(format!("{m} rank"));
        h.push(format!("{m} total"));
    }
    h
}

/// For the terminal: the side-by-side table, the agreement and the reversals.
pub fn table_text(e: &Evaluation, c: &MethodComparison) -> String {
    let mut t = ComfyTable::new();
    t.load_preset(UTF8_FULL);
    t.set_header(header(c));
    for row in rows(e, c) {
        t.add_row(row);
    }
    for i in 1..t.column_count() {
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = format!(
        "methods compared (ranked by the rubric's {}):\n{t}\n",
        c.rubric_method
    );
    out.push_str(&format!("{}\n", agreement(c)));
    out.push_str(&reversals_line(e, c));
    out
}

fn reversals_line(e: &Evaluation, c: &MethodComparison) -> String {
    if c.rank_reversals.is_empty() {
        "rank reversals (each vendor left out in turn): none\n".to_string()
    } else {
        let all: Vec<String> = c.rank_reversals.iter().map(|r| reversal(e, r)).collect();
        format!(
            "rank reversals (each vendor left out in turn): {}\n",
            all.join("; ")
        )
    }
}

/// For report.md: a `## Methods compared` section (`md` escapes text for Markdown).
pub fn markdown_section(e: &Evaluation, c: &MethodComparison, md: impl Fn(&str) -> String) -> String {
    let mut w = String::from("## Methods compared\n\n");
    w.push_str(&format!(
        "The same evidence ranked by each method; the report ranks by the rubric's ({}).\n\n",
        md(&c.rubric_method)
    ));
    let h = header(c);
    w.push_str(&format!(
        "| {} |\n",
        h.iter().map(|x| md(x)).collect::<Vec<_>>().join(" | ")
    ));
    w.push_str(&format!("|---|{}\n", "---:|".repeat(h.len() - 1)));
    for row in rows(e, c) {
        w.push_str(&format!(
            "| {} |\n",
            row.iter().map(|x| md(x)).collect::<Vec<_>>().join(" | ")
        ));
    }
    w.push_str(&format!("\n{}.\n\n", md(&agreement(c))));
    w.push_str("Rank reversals (each vendor left out in turn, the others ranked again):");
    if c.rank_reversals.is_empty() {
        w.push_str(" none.\n\n");
    } else {
        w.push('\n');
        for r in &c.rank_reversals {
            w.push_str(&format!("- {}\n", md(&reversal(e, r))));
        }
        w.push('\n');
    }
    w
}
