//! HTML tables as the Markdown rows the extractor's table reader takes: the grid the table
//! lays out (a cell spanning rows or columns repeated in each slot it covers, so that every
//! row reads alone), its caption as a line above it, its header row (the `<thead>` rows, or
//! the leading rows of `<th>` cells, merged into one) followed by a `| --- |` separator.
//!
//! A table that lays out a page (`role="presentation"`, or cells holding headings or tables)
//! is not a grid: its cells are read as blocks, and the tables inside it as tables.

use crate::ingest::sla::html::dom::{Dom, DOCUMENT};
use crate::ingest::sla::html::text::{dropped, heading_level, inline_text, is_sectioning};
use crate::ingest::sla::lines::SourceLine;

/// The widest grid built; cells beyond it are left out (no support table is that wide, and
/// a bound keeps a grid's size linear in its rows).
const MAX_COLUMNS: usize = 200;

/// Which tables of a page lay it out rather than hold data, by node: one pass over the tree.
pub(super) fn layout_tables(dom: &Dom) -> Vec<bool> {
    let n = dom.nodes.len();
    // Whether a node's subtree (itself excluded) holds a heading or a table.
    let mut holds = vec![false; n];
    let mut layout = vec![false; n];
    let mut stack = vec![(DOCUMENT, false)];
    while let Some((id, done)) = stack.pop() {
        if !done {
            stack.push((id, true));
            stack.extend(dom.children(id).iter().map(|&c| (c, false)));
            continue;
        }
        let mut any = false;
        for &c in dom.children(id) {
            let name = dom.name(c).unwrap_or("");
            any |= holds[c] || name == "table" || heading_level(name).is_some();
        }
        holds[id] = any;
        if dom.name(id) == Some("table") {
            let role = dom.attr(id, "role").unwrap_or("").to_ascii_lowercase();
            layout[id] = any || role == "presentation" || role == "none";
        }
    }
    layout
}

struct Cell {
    text: String,
    colspan: usize,
    rowspan: usize,
    th: bool,
}

struct Row {
    line: usize,
    cells: Vec<Cell>,
}

struct Group {
    head: bool,
    rows: Vec<Row>,
}

/// The lines of a data table: its caption, its header row and separator, its rows. `budget`:
/// how many more characters of spanned cells may be repeated (a guard against a table that
/// would repeat a long cell over many rows).
pub(super) fn table_lines(dom: &Dom, table: usize, in_section: bool, budget: &mut usize) -> Vec<SourceLine> {
    let in_section = in_section || dom.name(table).is_some_and(is_sectioning);
    let mut lines = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    for &child in dom.children(table) {
        if dropped(dom, child, in_section) {
            continue;
        }
        match dom.name(child) {
            Some("caption") => {
                let (text, line) = inline_text(dom, child, in_section);
                if !text.is_empty() {
                    lines.push(SourceLine::new(line.unwrap_or(dom.line(child)), text));
                }
            }
            Some(g @ ("thead" | "tbody" | "tfoot")) => {
                let rows = dom
                    .children(child)
                    .iter()
                    .filter(|&&r| dom.name(r) == Some("tr") && !dropped(dom, r, in_section))
                    .map(|&r| row(dom, r, in_section))
                    .collect();
                groups.push(Group {
                    head: g == "thead",
                    rows,
                });
            }
            Some("tr") => groups.push(Group {
                head: false,
                rows: vec![row(dom, child, in_section)],
            }),
            _ => {}
        }
    }
    let mut head: Vec<(usize, Vec<String>)> = Vec::new();
    let mut body: Vec<(usize, Vec<String>)> = Vec::new();
    let has_thead = groups.iter().any(|g| g.head && !g.rows.is_empty());
    let mut leading = true;
    for g in &groups {
        for (line, cells, all_th) in grid(&g.rows, budget) {
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let is_head = if has_thead { g.head } else { leading && all_th };
            leading &= is_head;
            if is_head {
                head.push((line, cells));
            } else {
                body.push((line, cells));
            }
        }
    }
    // A table of header cells only: its first row is its header.
    if body.is_empty() && head.len() > 1 {
        body = head.split_off(1);
    }
    if let Some((line, cells)) = merged(&head) {
        let width = cells.len();
        lines.push(SourceLine::new(line, row_text(&cells)));
        lines.push(SourceLine::new(line, row_text(&vec!["---".to_string(); width])));
    }
    lines.extend(
        body.into_iter()
            .map(|(line, cells)| SourceLine::new(line, row_text(&cells))),
    );
    lines
}

fn row(dom: &Dom, tr: usize, in_section: bool) -> Row {
    let span = |cell: usize, attr: &str| -> Option<usize> {
        let v = dom.attr(cell, attr)?.trim();
        let digits = &v[..v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len())];
        digits.parse().ok()
    };
    let cells = dom
        .children(tr)
        .iter()
        .filter(|&&c| matches!(dom.name(c), Some("td" | "th")) && !dropped(dom, c, in_section))
        .map(|&c| Cell {
            text: inline_text(dom, c, in_section).0.replace('|', "/"),
            colspan: span(c, "colspan").unwrap_or(1).clamp(1, MAX_COLUMNS),
            // 0: to the end of the row group.
            rowspan: span(c, "rowspan").unwrap_or(1),
            th: dom.name(c) == Some("th"),
        })
        .collect();
    Row {
        line: dom.line(tr),
        cells,
    }
}

/// The grid of a row group: each row as its line, the text of each slot, and whether the
/// cells that start in it are all header cells.
fn grid(rows: &[Row], budget: &mut usize) -> Vec<(usize, Vec<String>, bool)> {
    // Per column: the cell spanning down into it (row, index) and the rows it still covers.
    let mut carry: Vec<Option<(usize, usize, usize)>> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let left = rows.len() - r;
        let mut slots: Vec<Option<(usize, usize)>> = Vec::new();
        let mut col = 0;
        let take_carried = |col: usize,
                            slots: &mut Vec<Option<(usize, usize)>>,
                            carry: &mut Vec<Option<(usize, usize, usize)>>| {
            let Some(Some((cr, ci, n))) = carry.get(col).copied() else {
                return false;
            };
            set(slots, col, (cr, ci));
            carry[col] = (n > 1).then_some((cr, ci, n - 1));
            true
        };
        for (i, cell) in row.cells.iter().enumerate() {
            while col < MAX_COLUMNS && take_carried(col, &mut slots, &mut carry) {
                col += 1;
            }
            let rowspan = if cell.rowspan == 0 {
                left
            } else {
                cell.rowspan.min(left)
            };
            for c in col..(col + cell.colspan).min(MAX_COLUMNS) {
                set(&mut slots, c, (r, i));
                if rowspan > 1 {
                    if carry.len() <= c {
                        carry.resize(c + 1, None);
                    }
                    carry[c] = Some((r, i, rowspan - 1));
                }
            }
            col += cell.colspan;
        }
        for c in col..carry.len() {
            take_carried(c, &mut slots, &mut carry);
        }
        let mut seen: Vec<(usize, usize)> = Vec::new();
        let texts = slots
            .iter()
            .map(|slot| {
                let Some((cr, ci)) = *slot else {
                    return String::new();
                };
                let text = &rows[cr].cells[ci].text;
                if cr == r && !seen.contains(&(cr, ci)) {
                    seen.push((cr, ci));
                    return text.clone();
                }
                // A repeat of a spanning cell, within the budget.
                if text.len() > *budget {
                    return String::new();
                }
                *budget -= text.len();
                text.clone()
            })
            .collect();
        let all_th = !row.cells.is_empty() && row.cells.iter().all(|c| c.th);
        out.push((row.line, texts, all_th));
    }
    out
}

fn set(slots: &mut Vec<Option<(usize, usize)>>, col: usize, cell: (usize, usize)) {
    if slots.len() <= col {
        slots.resize(col + 1, None);
    }
    slots[col] = Some(cell);
}

/// Several header rows as one: each column's distinct texts, top to bottom.
fn merged(head: &[(usize, Vec<String>)]) -> Option<(usize, Vec<String>)> {
    let (line, _) = head.first()?;
    let width = head.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let cells = (0..width)
        .map(|col| {
            let mut parts: Vec<&str> = Vec::new();
            for (_, cells) in head {
                match cells.get(col).map(String::as_str) {
                    Some(t) if !t.is_empty() && parts.last() != Some(&t) => parts.push(t),
                    _ => {}
                }
            }
            parts.join(" ")
        })
        .collect();
    Some((*line, cells))
}

fn row_text(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}
