//! Tables and headings that lost their markup, rebuilt as the Markdown the extractor reads.
//! Real support pages reach a buyer as the text a browser copy, a PDF converter or a web
//! archive gives; their tables come in four forms, each rebuilt here (the line numbers stay,
//! and every rebuilt line keeps the document's own text for its evidence):
//!
//! - pipe rows without the leading pipe (`响应级别 | 描述 | 响应时间 |`, `---|---|`);
//! - columns separated by runs of spaces or tabs (`P1    4 hours    1 hour`), or by single
//!   spaces where every cell after the row label is a value (`P1 Best-effort 4 hours 1 hour*
//!   30 minutes*`), under a header line naming the columns (whose second line, a
//!   parenthetical such as `(Urgent tickets only)`, is joined to it);
//! - tables flattened one cell per line: a row label (`Priority 1 Response Time*`) followed
//!   by lines that hold one value each (`1 day`, `4 hours`); each value line is read with its
//!   label (`Priority 1 Response Time*: 1 day`);
//! - headings without markup: a short line standing alone between blank lines that names
//!   responding or resolving (`Initial response`, `响应时间`) becomes a heading, so the lines
//!   under it are read in its sense.

use crate::ingest::sla::lex::duration::durations_in;
use crate::ingest::sla::lex::schedule::schedule_in;
use crate::ingest::sla::lines::{map_lines, SourceLine};
use crate::ingest::sla::vocab::{cell_priorities, is_hours_context, vocabulary, PLAN_SUFFIX_WORDS};
use crate::text::{is_cjk, normalize};

/// Rebuilds the tables and headings of a text document (see the module documentation).
pub fn rebuild(lines: &mut [SourceLine]) -> Vec<String> {
    bare_pipe_rows(lines);
    implied_headings(lines);
    column_tables(lines);
    flattened_values(lines)
}

/// Heading level given to a heading without markup: below any Markdown heading.
const IMPLIED_HEADING: &str = "######";

fn is_blank(l: Option<&SourceLine>) -> bool {
    l.is_none_or(|l| l.text.trim().is_empty())
}

fn is_marked_up(t: &str) -> bool {
    t.starts_with(['#', '|', '-', '*', '+', '>', '•'])
}

// ---------------------------------------------------------------------------------------
// Pipe rows without the leading pipe

/// A line of cells separated by `|` that does not start with one: at least two cells.
fn bare_cells(t: &str) -> Option<Vec<&str>> {
    if t.starts_with('|') || !t.contains('|') {
        return None;
    }
    let cells: Vec<&str> = t.trim_end_matches('|').split('|').map(str::trim).collect();
    (cells.len() >= 2 || t.ends_with('|')).then_some(cells)
}

fn bare_pipe_rows(lines: &mut [SourceLine]) {
    let rows: Vec<bool> = lines
        .iter()
        .map(|l| bare_cells(l.text.trim()).is_some())
        .collect();
    for i in 0..lines.len() {
        let neighbour = (i > 0 && rows[i - 1]) || rows.get(i + 1).copied().unwrap_or(false);
        if !rows[i] || !neighbour {
            continue;
        }
        let cells = bare_cells(lines[i].text.trim()).unwrap_or_default();
        let text = format!("| {} |", cells.join(" | "));
        lines[i].reread(text);
    }
}

// ---------------------------------------------------------------------------------------
// Headings without markup

fn implied_headings(lines: &mut [SourceLine]) {
    let v = vocabulary();
    for i in 0..lines.len() {
        let t = lines[i].text.trim();
        if t.is_empty() || is_marked_up(t) {
            continue;
        }
        let before = i == 0 || is_blank(lines.get(i - 1));
        if !before || !is_blank(lines.get(i + 1)) {
            continue;
        }
        let chars = t.chars().count();
        let cjk = t.chars().filter(|c| is_cjk(*c)).count();
        let short = if cjk * 2 >= chars {
            chars <= 16
        } else {
            chars <= 48 && t.split_whitespace().count() <= 6
        };
        let norm = normalize(t);
        let ends_sentence = norm.ends_with(['.', '。', ':', ':', ';', ';', ',', ',', '!', '?', '?']);
        if short
            && !ends_sentence
            && durations_in(&norm).is_empty()
            && (v.respond.is_match_normalized(&norm) || v.resolve.is_match_normalized(&norm))
        {
            let text = format!("{IMPLIED_HEADING} {t}");
            lines[i].reread(text);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Columns separated by spaces

/// Placeholder cells: a value that says there is none, or how it is given.
const PLACEHOLDERS: [&str; 17] = [
    "next business day",
    "next working day",
    "same business day",
    "next day",
    "best-effort",
    "best effort",
    "n/a",
    "na",
    "none",
    "included",
    "unlimited",
    "24/7",
    "24x7",
    "yes",
    "no",
    "-",
    "—",
];

const UNITS: [&str; 20] = [
    "business hours",
    "business hour",
    "business days",
    "business day",
    "working hours",
    "working days",
    "working day",
    "minutes",
    "minute",
    "mins",
    "min",
    "hours",
    "hour",
    "hrs",
    "hr",
    "h",
    "days",
    "day",
    "weeks",
    "week",
];

/// Marks that sit on values: footnotes.
fn footnote(c: char) -> bool {
    matches!(c, '*' | '†' | '‡' | '¹' | '²' | '³')
}

/// The length (bytes) of the value cell `s` starts with (lower-case text), ending at the end
/// of `s` or before whitespace; and whether it is a duration.
fn value_at(s: &str) -> Option<(usize, bool)> {
    let end_ok = |n: usize| {
        let rest = &s[n..];
        let marks = rest.len() - rest.trim_start_matches(footnote).len();
        let after = &rest[marks..];
        (after.is_empty() || after.starts_with(char::is_whitespace)).then_some(n + marks)
    };
    for p in PLACEHOLDERS {
        if s.starts_with(p) {
            if let Some(n) = end_ok(p.len()) {
                return Some((n, p.contains("day")));
            }
        }
    }
    let digits = s
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    if !s.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let rest = &s[digits..];
    let gap = rest.len() - rest.trim_start_matches(' ').len();
    let rest = &rest[gap..];
    for u in UNITS {
        if rest.starts_with(u) {
            if let Some(n) = end_ok(digits + gap + u.len()) {
                return Some((n, true));
            }
        }
    }
    None
}

/// A line read as a row label followed by value cells separated by single spaces: the label
/// and the cells (in the line's own text), when at least two cells follow the label and one
/// of them is a duration.
fn single_space_row(t: &str) -> Option<(String, Vec<String>)> {
    let lower = t.to_lowercase();
    if lower.len() != t.len() {
        return None;
    }
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            lower
                .char_indices()
                .filter(|(_, c)| c.is_whitespace())
                .map(|(i, c)| i + c.len_utf8()),
        )
        .collect();
    for &start in starts.iter().skip(1).take(6) {
        let mut at = start;
        let mut cells = Vec::new();
        let mut durations = 0;
        while at < lower.len() {
            let Some((n, is_duration)) = value_at(&lower[at..]) else {
                break;
            };
            cells.push(t[at..at + n].to_string());
            durations += usize::from(is_duration);
            at += n;
            at += lower[at..].len() - lower[at..].trim_start().len();
        }
        if at >= lower.len() && cells.len() >= 2 && durations >= 1 {
            return Some((t[..start].trim().to_string(), cells));
        }
    }
    None
}

/// The cells of a line whose columns are separated by tabs or runs of two or more spaces.
fn spaced_cells(t: &str) -> Vec<String> {
    let mut cells = Vec::new();
    for part in t.split('\t') {
        let mut cell = String::new();
        let mut spaces = 0;
        for c in part.chars() {
            if c == ' ' || c == '\u{3000}' {
                spaces += 1;
                continue;
            }
            if spaces >= 2 && !cell.is_empty() {
                cells.push(std::mem::take(&mut cell));
            } else if spaces == 1 && !cell.is_empty() {
                cell.push(' ');
            }
            spaces = 0;
            cell.push(c);
        }
        if !cell.is_empty() {
            cells.push(cell);
        }
    }
    cells
}

/// A row of a column table: its cells, label first.
fn table_row(t: &str) -> Option<Vec<String>> {
    if t.is_empty() || is_marked_up(t) {
        return None;
    }
    let spaced = spaced_cells(t);
    if spaced.len() >= 3 {
        let values = spaced[1..]
            .iter()
            .filter(|c| !durations_in(&normalize(c)).is_empty())
            .count();
        if values >= 1 {
            return Some(spaced);
        }
    }
    let (label, mut cells) = single_space_row(t)?;
    cells.insert(0, label);
    Some(cells)
}

/// The header cells for a table of `width` cells (label column included) from its header
/// line(s): by tabs or space runs, else by words (one name a word, the first word naming the
/// label column when there is one more word than value columns).
fn header_cells(text: &str, width: usize) -> Vec<String> {
    let spaced = spaced_cells(text);
    if spaced.len() == width {
        return spaced;
    }
    if spaced.len() + 1 == width {
        return std::iter::once(String::new()).chain(spaced).collect();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() == width {
        return words.iter().map(|w| w.to_string()).collect();
    }
    if words.len() + 1 == width {
        return std::iter::once(String::new())
            .chain(words.iter().map(|w| w.to_string()))
            .collect();
    }
    let mut cells = vec![text.to_string()];
    cells.resize(width, String::new());
    cells
}

fn pipe_row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn is_parenthetical(t: &str) -> bool {
    (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('(') && t.ends_with(')'))
}

fn column_tables(lines: &mut [SourceLine]) {
    let rows: Vec<Option<Vec<String>>> = map_lines(lines, |l| table_row(l.text.trim()));
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = &rows[i] else {
            i += 1;
            continue;
        };
        let width = first.len();
        let mut end = i + 1;
        while end < lines.len() && rows[end].as_ref().is_some_and(|r| r.len() == width) {
            end += 1;
        }
        // The header: the line above (its second line, a parenthetical, joined to it).
        let mut header_at = i.checked_sub(1);
        let mut header_text = header_at
            .map(|h| lines[h].text.trim().to_string())
            .unwrap_or_default();
        let mut second = None;
        if is_parenthetical(&header_text) && i >= 2 && !lines[i - 2].text.trim().is_empty() {
            second = Some(std::mem::replace(
                &mut header_text,
                lines[i - 2].text.trim().to_string(),
            ));
            header_at = Some(i - 2);
        }
        let header_ok = header_at.is_some_and(|h| {
            let t = lines[h].text.trim();
            !t.is_empty() && !is_marked_up(t) && rows[h].is_none() && durations_in(&normalize(t)).is_empty()
        });
        if !header_ok && end - i < 2 {
            i = end;
            continue;
        }
        let header = if header_ok {
            let mut cells = header_cells(&header_text, width);
            if let (Some(last), Some(more)) = (cells.last_mut(), &second) {
                last.push(' ');
                last.push_str(more);
            }
            cells
        } else {
            // No header line: the columns are named by position.
            std::iter::once("priority".to_string())
                .chain((1..width).map(|k| format!("column {k}")))
                .collect()
        };
        match (header_ok, header_at, second) {
            (true, Some(h), Some(_)) => {
                lines[h].reread(String::new());
                lines[h + 1].reread(pipe_row(&header));
            }
            (true, Some(h), None) => lines[h].reread(pipe_row(&header)),
            _ => {
                // Put the header on the blank line above, if there is one; else the first row
                // serves as the header.
                match i.checked_sub(1) {
                    Some(h) if lines[h].text.trim().is_empty() => lines[h].reread(pipe_row(&header)),
                    _ => {}
                }
            }
        }
        for k in i..end {
            if let Some(cells) = &rows[k] {
                let text = pipe_row(cells);
                lines[k].reread(text);
            }
        }
        i = end;
    }
}

// ---------------------------------------------------------------------------------------
// Tables flattened one cell per line

/// A line that holds one value and nothing else (`1 day`, `4 hours*`, `2小时内`).
fn is_value_line(t: &str) -> bool {
    if t.is_empty() || is_marked_up(t) {
        return false;
    }
    let lower = t.to_lowercase();
    if let Some((n, true)) = value_at(&lower) {
        return n == lower.len();
    }
    let norm = normalize(t);
    let cjk = norm.chars().filter(|c| is_cjk(*c)).count();
    let chars = norm.chars().count();
    let v = vocabulary();
    cjk * 2 >= chars
        && chars <= 10
        && durations_in(&norm).len() == 1
        && !v.respond.is_match_normalized(&norm)
        && !v.resolve.is_match_normalized(&norm)
}

/// What a line is to a table flattened one cell per line.
#[derive(Clone, Copy, PartialEq)]
enum Cell {
    Blank,
    /// A heading or a table row: ends a label.
    Break,
    Value,
    Text,
}

fn cell_kind(t: &str) -> Cell {
    if t.is_empty() {
        Cell::Blank
    } else if t.starts_with(['#', '|']) {
        Cell::Break
    } else if !is_marked_up(t) && (is_value_line(t) || is_schedule_line(t)) {
        Cell::Value
    } else {
        Cell::Text
    }
}

/// A short line that states support hours and nothing else (`Mon-Fri 08:00-18:00 (UTC+1)`,
/// `24/7`): a value of an hours row.
fn is_schedule_line(t: &str) -> bool {
    let v = vocabulary();
    let norm = normalize(t);
    norm.chars().count() <= 32
        && !t.contains(['。', ',', ';', ';'])
        && !norm.ends_with('.')
        && !v.channels.is_match_normalized(&norm)
        && !v.respond.is_match_normalized(&norm)
        && !v.resolve.is_match_normalized(&norm)
        && (schedule_in(&norm).is_some() || matches!(norm.trim(), "24/7" | "24x7" | "7x24" | "7×24"))
}

/// Column names given once above a flattened table: two or more lines in a row, each standing
/// alone and naming a plan (`Standard Support`, `Premium Support`), or all ending with the same
/// plan word, one of them a known plan (`Basic Support`, `Extended Support`).
fn column_names(lines: &[SourceLine], kinds: &[Cell]) -> Vec<(usize, Vec<String>)> {
    let v = vocabulary();
    let mut out = Vec::new();
    // The run so far: (line text, whether it names a known plan).
    let mut run: Vec<(String, bool)> = Vec::new();
    let mut at = 0;
    let suffix = |t: &str| {
        let last = t.split_whitespace().next_back().unwrap_or("").to_lowercase();
        PLAN_SUFFIX_WORDS.contains(&last.as_str()).then_some(last)
    };
    let flush = |run: &mut Vec<(String, bool)>, at: usize, out: &mut Vec<(usize, Vec<String>)>| {
        let known = run.iter().filter(|(_, k)| *k).count();
        let same_suffix = run
            .first()
            .and_then(|(t, _)| suffix(t))
            .is_some_and(|s| run.iter().all(|(t, _)| suffix(t).as_deref() == Some(s.as_str())));
        if run.len() >= 2 && (known == run.len() || (known >= 1 && same_suffix)) {
            out.push((at, run.iter().map(|(t, _)| t.clone()).collect()));
        }
        run.clear();
    };
    for (i, kind) in kinds.iter().enumerate() {
        let t = lines[i].text.trim();
        let standalone =
            (i == 0 || kinds[i - 1] == Cell::Blank) && kinds.get(i + 1).is_none_or(|k| *k == Cell::Blank);
        let known = v.plans.is_match_normalized(&normalize(t));
        let candidate = *kind == Cell::Text
            && standalone
            && t.split_whitespace().count() <= 3
            && (known || suffix(t).is_some())
            && !is_hours_context(&normalize(t));
        match kind {
            Cell::Blank => continue,
            _ if candidate => {
                if run.is_empty() {
                    at = i;
                }
                run.push((t.to_string(), known));
                continue;
            }
            _ => {}
        }
        flush(&mut run, at, &mut out);
    }
    flush(&mut run, at, &mut out);
    out
}

/// Whether line `i` is one of the column names.
fn is_name_line(names: &[(usize, Vec<String>)], lines: &[SourceLine], i: usize) -> bool {
    let t = lines[i].text.trim();
    // The names are in line order: only the last runs starting at or before `i` can hold it
    // (a long document has many runs; every line asks).
    let upto = names.partition_point(|(at, _)| *at <= i);
    names[upto.saturating_sub(3)..upto]
        .iter()
        .any(|(at, n)| n.iter().any(|x| x == t) && i < *at + 2 * n.len())
}

/// Returns the column names that named values: the plans the document gives once above its
/// flattened tables.
fn flattened_values(lines: &mut [SourceLine]) -> Vec<String> {
    let kinds: Vec<Cell> = map_lines(lines, |l| cell_kind(l.text.trim()));
    let names = column_names(lines, &kinds);
    let mut used: Vec<String> = Vec::new();
    // The label of a run of values: the (at most three) text lines since the last run, heading
    // or table; a heading's text starts it.
    let mut label: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match kinds[i] {
            Cell::Blank => {}
            Cell::Break => {
                let t = lines[i].text.trim();
                label = if t.starts_with('#') {
                    vec![t.trim_start_matches('#').trim().to_string()]
                } else {
                    Vec::new()
                };
            }
            Cell::Text if is_name_line(&names, lines, i) => label.clear(),
            Cell::Text => {
                label.push(lines[i].text.trim().to_string());
                if label.len() > 3 {
                    label.remove(0);
                }
            }
            Cell::Value => {
                let run: Vec<usize> = (i..lines.len())
                    .filter(|k| kinds[*k] != Cell::Blank)
                    .take_while(|k| kinds[*k] == Cell::Value)
                    .collect();
                let columns = names[..names.partition_point(|(at, _)| *at < i)]
                    .iter()
                    .rev()
                    .find(|(_, n)| n.len() == run.len())
                    .map(|(_, n)| n.clone());
                if !label.is_empty() && has_label_words(&label) {
                    for name in columns.iter().flatten() {
                        if !used.contains(name) {
                            used.push(name.clone());
                        }
                    }
                    let joined = label.join(" ");
                    for (j, k) in run.iter().enumerate() {
                        let t = lines[*k].text.trim().to_string();
                        let column = columns
                            .as_ref()
                            .map(|c| format!("{}, ", c[j]))
                            .unwrap_or_default();
                        lines[*k].reread(format!("{column}{joined}: {t}"));
                        lines[*k].original = Some(format!("{column}{joined} … {t}"));
                    }
                }
                label.clear();
                i = run.last().copied().unwrap_or(i) + 1;
                continue;
            }
        }
        i += 1;
    }
    used
}

/// A label names a priority or what the value is for.
fn has_label_words(label: &[String]) -> bool {
    let v = vocabulary();
    label.iter().any(|t| {
        let norm = normalize(t);
        !cell_priorities(&norm).is_empty()
            || v.respond.is_match_normalized(&norm)
            || v.resolve.is_match_normalized(&norm)
            || is_hours_context(&norm)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sla::lines::text_lines;

    fn rebuilt(src: &str) -> Vec<String> {
        let mut lines = text_lines(src);
        rebuild(&mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn single_space_columns_become_a_table_under_their_header() {
        let got = rebuilt(
            "Table of response times\n\nPriority Basic Plus Max\nP1 Best-effort 4 hours 1 hour*\nP2 N/A 8 hours Next business day\n",
        );
        assert_eq!(got[2], "| Priority | Basic | Plus | Max |");
        assert_eq!(got[3], "| P1 | Best-effort | 4 hours | 1 hour* |");
        assert_eq!(got[4], "| P2 | N/A | 8 hours | Next business day |");
    }

    #[test]
    fn a_parenthetical_second_header_line_is_joined_to_the_header() {
        let got = rebuilt(
            "Severity Gold Silver 24/7\n(Urgent only)\nUrgent 4 hrs 2 hrs 15 min\nHigh 24 hrs 4 hrs N/A\n",
        );
        assert_eq!(got[0], "");
        assert_eq!(got[1], "| Severity | Gold | Silver | 24/7 (Urgent only) |");
        assert_eq!(got[2], "| Urgent | 4 hrs | 2 hrs | 15 min |");
    }

    #[test]
    fn space_runs_and_tabs_separate_multi_word_cells() {
        let got = rebuilt("Level    Standard plan    Premium plan\nCritical    Next business day    2 hours\nLow\t3 business days\t1 day\n");
        assert_eq!(got[0], "| Level | Standard plan | Premium plan |");
        assert_eq!(got[1], "| Critical | Next business day | 2 hours |");
        assert_eq!(got[2], "| Low | 3 business days | 1 day |");
    }

    #[test]
    fn prose_with_durations_is_not_a_table() {
        let src =
            "We answer every ticket within 4 hours.\nUrgent issues get a call back in 30 minutes, any day.\n";
        assert_eq!(
            rebuilt(src),
            text_lines(src).into_iter().map(|l| l.text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn bare_pipe_rows_get_their_leading_pipe() {
        let got = rebuilt("级别 | 响应时间 |\n---|---|\n1级 | 1小时内 |\n");
        assert_eq!(
            got,
            vec!["| 级别 | 响应时间 |", "| --- | --- |", "| 1级 | 1小时内 |"]
        );
    }

    #[test]
    fn flattened_values_are_read_with_their_label_and_keep_their_text() {
        let mut lines = text_lines("Priority 1 Response Time*\n(within Support Hours)\n\n1 day\n\n4 hours\n\nPriority 2 Response Time*\n\n2 days\n");
        rebuild(&mut lines);
        assert_eq!(
            lines[3].text,
            "Priority 1 Response Time* (within Support Hours): 1 day"
        );
        assert_eq!(
            lines[3].shown(),
            "Priority 1 Response Time* (within Support Hours) … 1 day"
        );
        assert_eq!(
            lines[5].text,
            "Priority 1 Response Time* (within Support Hours): 4 hours"
        );
        assert_eq!(lines[9].text, "Priority 2 Response Time*: 2 days");
    }

    #[test]
    fn plan_names_given_once_above_name_the_values_of_each_row() {
        let got = rebuilt("Basic Support\n\nPremium Support\n\nSupport hours\n\nMon-Fri 09:00-17:00\n\n24/7\n\nSeverity 1 response\n\n1 day\n\n2 hours\n");
        assert_eq!(got[6], "Basic Support, Support hours: Mon-Fri 09:00-17:00");
        assert_eq!(got[8], "Premium Support, Support hours: 24/7");
        assert_eq!(got[12], "Basic Support, Severity 1 response: 1 day");
        assert_eq!(got[14], "Premium Support, Severity 1 response: 2 hours");
    }

    #[test]
    fn a_short_standalone_line_about_responding_is_a_heading() {
        let got = rebuilt("响应时间\n\n紧急\n\n2小时内\n\nWe reply fast.\n");
        assert_eq!(got[0], "###### 响应时间");
        assert_eq!(got[2], "紧急");
        assert_eq!(got[4], "响应时间 紧急: 2小时内");
        assert_eq!(got[6], "We reply fast.");
    }
}
