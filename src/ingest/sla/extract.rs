//! The extractor's walk over a document's lines: sections, tables, prose, and the readers
//! of each kind of commitment; then duplicates dropped.

use crate::ingest::sla::channels::read_channels;
use crate::ingest::sla::hours::read_hours;
use crate::ingest::sla::lex::duration::durations_in;
use crate::ingest::sla::lex::percent::percents_in;
use crate::ingest::sla::lex::schedule::schedule_in;
use crate::ingest::sla::lex::zone::zone_in;
use crate::ingest::sla::lines::{is_lead_in, language_of, text_lines, with_setext_headings, SourceLine};
use crate::ingest::sla::plans::{bilingual_names, PlanFinder};
use crate::ingest::sla::prose::read_prose_line;
use crate::ingest::sla::section::{Section, LEAD_IN};
use crate::ingest::sla::table::read_table_row;
use crate::ingest::sla::vocab::{is_credit, vocabulary};
use crate::model::evidence::Evidence;
use crate::model::sla::{Language, SlaDocument, UptimeCommitment};
use crate::text::normalize;

/// Extracts the commitments of one Markdown or text document. Never fails: what cannot be
/// read is left out.
pub fn extract(src: &str, file: &str, vendor: &str) -> SlaDocument {
    extract_lines(&text_lines(src), language_of(src), file, vendor)
}

/// Extracts the commitments of a document given as numbered logical lines (Markdown, text,
/// or HTML turned into lines).
pub fn extract_lines(lines: &[SourceLine], language: Language, file: &str, vendor: &str) -> SlaDocument {
    let doc = SlaDocument::new(vendor, file, language);
    let lines = &with_setext_headings(lines);
    let plans = PlanFinder::discover(lines);
    let mut doc = read_lines(lines, &plans, doc, file);
    doc.plan_aliases = bilingual_names(lines, &doc.plan_names());
    doc
}

/// Reads the lines in order, each with the section it is in and, in a table, its header row.
fn read_lines(lines: &[SourceLine], plans: &PlanFinder, mut doc: SlaDocument, file: &str) -> SlaDocument {
    let v = vocabulary();
    // Headings nest: a level-3 heading keeps the plan of the level-2 heading above it.
    let mut sections: Vec<Section> = vec![Section::default()];
    let mut table_header: Option<Vec<String>> = None;
    for (i, src_line) in lines.iter().enumerate() {
        let line = src_line.text.trim();
        let norm = normalize(line);
        let ev = || src_line.evidence(file);
        let heading_level = line.chars().take_while(|c| *c == '#').count();
        // A lead-in lasts until a blank line, a heading or another lead-in.
        if line.is_empty() || heading_level > 0 || is_lead_in(&norm) {
            while sections.len() > 1 && sections.last().is_some_and(|s| s.level == LEAD_IN) {
                sections.pop();
            }
        }
        if heading_level == 0 && is_lead_in(&norm) {
            let parent = sections.last().cloned().unwrap_or_default();
            let resolves = v.resolve.is_match(&norm) && !v.respond.is_match(&norm);
            sections.push(Section {
                responds: (v.respond.is_match(&norm) || parent.responds) && !resolves,
                resolves: resolves || parent.resolves,
                ..parent.nested(plans, LEAD_IN, &norm)
            });
        }
        if heading_level > 0 {
            while sections.len() > 1 && sections.last().is_some_and(|s| s.level >= heading_level) {
                sections.pop();
            }
            let parent = sections.last().cloned().unwrap_or_default();
            sections.push(Section {
                responds: (v.respond.is_match(&norm) && !v.resolve.is_match(&norm)) || parent.responds,
                resolves: (v.resolve.is_match(&norm) && !v.respond.is_match(&norm)) || parent.resolves,
                ..parent.nested(plans, heading_level, &norm)
            });
            table_header = None;
        }
        let section = sections.last().cloned().unwrap_or_default();
        // A line that names a zone and nothing else sets it for its section.
        if heading_level == 0 && schedule_in(&norm).is_none() {
            if let Some(z) = zone_in(&norm) {
                if let Some(s) = sections.last_mut() {
                    s.timezone = Some(z);
                }
            }
        }
        let is_table_row = line.starts_with('|');
        let cells: Vec<String> = if is_table_row {
            line.trim_matches('|')
                .split('|')
                .map(|c| normalize(c.trim()))
                .collect()
        } else {
            Vec::new()
        };
        let separator = is_table_row
            && cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
        if separator {
            continue;
        }
        // The plan of a table row: its column header's, its label's, or its section's.
        let row_plan = if is_table_row {
            cells
                .first()
                .and_then(|l| plans.plan_in(l))
                .or_else(|| section.plan.clone())
        } else {
            section.plan.clone()
        };
        // Channels, hours and uptime are read from every line (headings included).
        if !v.exclude.is_match(&norm) || v.channels.is_match(&norm) && !is_credit(&norm) {
            read_channels(
                &mut doc,
                plans,
                &norm,
                is_table_row,
                table_header.as_deref(),
                &cells,
                &row_plan,
                &ev,
            );
            read_hours(
                &mut doc,
                plans,
                &norm,
                lines.get(i + 1),
                &row_plan,
                &section,
                table_header.as_deref(),
                &cells,
                &ev,
            );
        }
        read_uptime(&mut doc, &norm, &ev);
        if heading_level > 0 {
            continue;
        }
        if is_table_row {
            match &table_header {
                None => {
                    // The sentence just above a table is its caption ("The following table
                    // defines the initial response time for each priority"): a lead-in that says
                    // what the table's values are (its plan, priorities and clock are left to
                    // the table and the section).
                    if let Some(caption) = caption_of(lines, i) {
                        let parent = sections.last().cloned().unwrap_or_default();
                        let resolves = v.resolve.is_match(&caption) && !v.respond.is_match(&caption);
                        sections.push(Section {
                            level: LEAD_IN,
                            responds: (v.respond.is_match(&caption) || parent.responds) && !resolves,
                            resolves: resolves || parent.resolves,
                            ..parent
                        });
                    }
                    table_header = Some(cells)
                }
                Some(header) => read_table_row(&mut doc, plans, header, &cells, &section, &ev),
            }
            continue;
        }
        table_header = None;
        if v.business.is_match(&norm) && durations_in(&norm).is_empty() && schedule_in(&norm).is_none() {
            if let Some(s) = sections.last_mut() {
                s.business = true;
            }
        }
        read_prose_line(&mut doc, plans, &norm, &section, &ev);
    }
    // Business days are known only once the schedules of the whole document are.
    doc.settle_business_days();
    dedup(&mut doc);
    doc.warn_if_empty();
    doc
}

/// The caption of the table starting at line `i`: the prose line just above it (a blank line
/// between them allowed) when it states no duration itself, normalized.
fn caption_of(lines: &[SourceLine], i: usize) -> Option<String> {
    let above = lines[..i]
        .iter()
        .rev()
        .take(2)
        .find(|l| !l.text.trim().is_empty())?;
    let t = above.text.trim();
    if t.starts_with(['#', '|']) {
        return None;
    }
    let norm = normalize(t);
    (durations_in(&norm).is_empty() && !is_lead_in(&norm)).then_some(norm)
}

/// The uptime a line promises: its distinct percentages from 90 up to (not including) 100,
/// when it names uptime or availability.
fn read_uptime(doc: &mut SlaDocument, norm: &str, ev: &dyn Fn() -> Evidence) {
    let words = [
        "uptime",
        "availability",
        "available",
        "可用性",
        "可用率",
        "服务可用",
        "在线率",
    ];
    if !words.iter().any(|w| norm.contains(w)) {
        return;
    }
    let mut seen = Vec::new();
    for p in percents_in(norm) {
        if (90.0..100.0).contains(&p) && !seen.contains(&p.to_bits()) {
            seen.push(p.to_bits());
            doc.uptime.push(UptimeCommitment {
                value: p,
                evidence: ev(),
            });
        }
    }
}

/// Keeps the first of the commitments that repeat one another (by a key per kind; a set, so
/// that a long document with many promises stays linear).
fn dedup(doc: &mut SlaDocument) {
    fn first_of<T, K: std::hash::Hash + Eq>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
        let mut seen = std::collections::HashSet::new();
        items.retain(|x| seen.insert(key(x)));
    }
    first_of(&mut doc.first_response, |c| {
        (
            c.plan.clone(),
            format!("{:?}", c.priority),
            c.minutes.to_bits(),
            c.business_hours,
        )
    });
    first_of(&mut doc.resolution, |c| {
        (
            c.plan.clone(),
            format!("{:?} {:?}", c.priority, c.metric),
            c.minutes.map(f64::to_bits),
            c.percent.map(f64::to_bits),
            (c.evidence.page, c.evidence.line),
        )
    });
    first_of(&mut doc.channels, |c| (c.channel, c.plan.clone()));
    first_of(&mut doc.support_hours, |h| {
        (
            h.plan.clone(),
            h.schedule.describe(),
            (h.evidence.page, h.evidence.line),
        )
    });
}
