//! The extractor's walk over a document's lines: sections, tables, prose, and the readers
//! of each kind of commitment; then duplicates dropped.

use crate::ingest::sla::channels::read_channels;
use crate::ingest::sla::hours::read_hours;
use crate::ingest::sla::lex::duration::durations_in;
use crate::ingest::sla::lex::percent::percents_in;
use crate::ingest::sla::lex::schedule::schedule_in;
use crate::ingest::sla::lex::zone::zone_in;
use crate::ingest::sla::lines::{
    is_lead_in, language_of, map_pieces, text_lines, with_setext_headings, SourceLine, LINES_PER_PIECE,
};
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
    extract_lines_naming(lines, language, file, vendor, &[])
}

/// As [`extract_lines`], with plan names the lines' reader found (the column names of a table
/// flattened one cell per line: `Extended Support`).
pub fn extract_lines_naming(
    lines: &[SourceLine],
    language: Language,
    file: &str,
    vendor: &str,
    plan_names: &[String],
) -> SlaDocument {
    let doc = SlaDocument::new(vendor, file, language);
    let lines = &with_setext_headings(lines);
    let plans = PlanFinder::discover(lines, plan_names);
    let mut doc = read_lines(lines, &plans, doc, file);
    doc.plan_aliases = bilingual_names(lines, &doc.plan_names());
    doc
}

/// What a line says of its own, whatever its place: found for all lines in parallel.
struct LineFacts {
    norm: String,
    heading_level: usize,
    lead_in: bool,
    is_table_row: bool,
    /// A table row's cells, normalized (empty for other lines).
    cells: Vec<String>,
    /// A table's separator row (`| --- | :-: |`).
    separator: bool,
    /// The zone a line names when it states no schedule: it sets its section's zone.
    zone: Option<(i32, String)>,
    /// It names business hours without a duration or a schedule: its section's clock.
    business: bool,
}

fn facts_of(line: &SourceLine) -> LineFacts {
    let v = vocabulary();
    let t = line.text.trim();
    let norm = normalize(t);
    let heading_level = t.chars().take_while(|c| *c == '#').count();
    let is_table_row = t.starts_with('|');
    let cells: Vec<String> = if is_table_row {
        t.trim_matches('|')
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
    let no_schedule = schedule_in(&norm).is_none();
    LineFacts {
        lead_in: is_lead_in(&norm),
        zone: (heading_level == 0 && no_schedule)
            .then(|| zone_in(&norm))
            .flatten(),
        business: no_schedule && v.business.is_match_normalized(&norm) && durations_in(&norm).is_empty(),
        norm,
        heading_level,
        is_table_row,
        cells,
        separator,
    }
}

/// How a line is read once its place is known.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    /// A table's separator row: nothing to read.
    Separator,
    Heading,
    /// A table's first row: it names the columns.
    TableHeader,
    TableRow,
    Prose,
}

/// A line's place: the section it is in and, in a table, its header row (indexes into the
/// walk's snapshots).
struct Place {
    role: Role,
    section: usize,
    header: Option<usize>,
}

/// Reads the lines: first what each says of its own (in parallel), then, in order, the
/// section each is in and, in a table, its header row; then the commitments of every line
/// (in parallel, in pieces, put together in line order).
fn read_lines(lines: &[SourceLine], plans: &PlanFinder, mut doc: SlaDocument, file: &str) -> SlaDocument {
    // Per piece, so that each piece's facts are dropped by the thread that reads it.
    let facts: Vec<Vec<LineFacts>> = map_pieces(lines.len(), |r| lines[r].iter().map(facts_of).collect());
    let (places, sections, headers) = walk(lines, facts.iter().flatten(), plans);
    let facts: Vec<std::sync::Mutex<Vec<LineFacts>>> = facts.into_iter().map(std::sync::Mutex::new).collect();
    let parts = map_pieces(lines.len(), |r| {
        let mut part = SlaDocument::new(&doc.vendor, &doc.file, doc.language);
        let piece = r.start / LINES_PER_PIECE;
        let own: Vec<LineFacts> = facts
            .get(piece)
            .map(|f| std::mem::take(&mut *f.lock().unwrap_or_else(|e| e.into_inner())))
            .unwrap_or_default();
        for (i, f) in r.zip(&own) {
            let place = &places[i];
            let header = place.header.map(|h| headers[h].as_slice());
            read_line(
                &mut part,
                lines,
                i,
                f,
                place.role,
                &sections[place.section],
                header,
                plans,
                file,
            );
        }
        part
    });
    for part in parts {
        doc.first_response.extend(part.first_response);
        doc.resolution.extend(part.resolution);
        doc.support_hours.extend(part.support_hours);
        doc.channels.extend(part.channels);
        doc.uptime.extend(part.uptime);
    }
    // Business days are known only once the schedules of the whole document are.
    doc.settle_business_days();
    dedup(&mut doc);
    doc.warn_if_empty();
    doc
}

/// The walk in order: each line's section (headings nest: a level-3 heading keeps the plan of
/// the level-2 heading above it; a lead-in lasts until a blank line, a heading or another
/// lead-in) and table header. Returns the places, the section snapshots and the headers.
fn walk<'f>(
    lines: &[SourceLine],
    facts: impl Iterator<Item = &'f LineFacts>,
    plans: &PlanFinder,
) -> (Vec<Place>, Vec<Section>, Vec<Vec<String>>) {
    let v = vocabulary();
    let mut sections: Vec<Section> = vec![Section::default()];
    let mut snapshots: Vec<Section> = Vec::new();
    // Whether the section stack changed since the last snapshot.
    let mut changed = true;
    let mut headers: Vec<Vec<String>> = Vec::new();
    let mut table_header: Option<usize> = None;
    let mut places = Vec::with_capacity(lines.len());
    for (i, f) in facts.enumerate() {
        let norm = &f.norm;
        if lines[i].text.trim().is_empty() || f.heading_level > 0 || f.lead_in {
            while sections.len() > 1 && sections.last().is_some_and(|s| s.level == LEAD_IN) {
                sections.pop();
                changed = true;
            }
        }
        if f.heading_level == 0 && f.lead_in {
            let parent = sections.last().cloned().unwrap_or_default();
            let resolves = v.resolve.is_match_normalized(norm) && !v.respond.is_match_normalized(norm);
            sections.push(Section {
                responds: (v.respond.is_match_normalized(norm) || parent.responds) && !resolves,
                resolves: resolves || parent.resolves,
                ..parent.nested(plans, LEAD_IN, norm)
            });
            changed = true;
        }
        if f.heading_level > 0 {
            while sections.len() > 1 && sections.last().is_some_and(|s| s.level >= f.heading_level) {
                sections.pop();
            }
            let parent = sections.last().cloned().unwrap_or_default();
            sections.push(Section {
                responds: (v.respond.is_match_normalized(norm) && !v.resolve.is_match_normalized(norm))
                    || parent.responds,
                resolves: (v.resolve.is_match_normalized(norm) && !v.respond.is_match_normalized(norm))
                    || parent.resolves,
                ..parent.nested(plans, f.heading_level, norm)
            });
            changed = true;
            table_header = None;
        }
        if changed {
            snapshots.push(sections.last().cloned().unwrap_or_default());
            changed = false;
        }
        let section = snapshots.len() - 1;
        // A line that names a zone and nothing else sets it for its section (from the next line).
        if let (Some(z), Some(s)) = (&f.zone, sections.last_mut()) {
            s.timezone = Some(z.clone());
            changed = true;
        }
        let role = if f.separator {
            Role::Separator
        } else if f.heading_level > 0 {
            Role::Heading
        } else if f.is_table_row && table_header.is_none() {
            Role::TableHeader
        } else if f.is_table_row {
            Role::TableRow
        } else {
            Role::Prose
        };
        places.push(Place {
            role,
            section,
            header: table_header,
        });
        match role {
            Role::TableHeader => {
                // The sentence just above a table is its caption ("The following table defines
                // the initial response time for each priority"): a lead-in that says what the
                // table's values are (its plan, priorities and clock are left to the table and
                // the section).
                if let Some(caption) = caption_of(lines, i) {
                    let parent = sections.last().cloned().unwrap_or_default();
                    let resolves =
                        v.resolve.is_match_normalized(&caption) && !v.respond.is_match_normalized(&caption);
                    sections.push(Section {
                        level: LEAD_IN,
                        responds: (v.respond.is_match_normalized(&caption) || parent.responds) && !resolves,
                        resolves: resolves || parent.resolves,
                        ..parent
                    });
                    changed = true;
                }
                headers.push(f.cells.clone());
                table_header = Some(headers.len() - 1);
            }
            Role::Prose => {
                table_header = None;
                if f.business {
                    if let Some(s) = sections.last_mut() {
                        s.business = true;
                        changed = true;
                    }
                }
            }
            _ => {}
        }
    }
    (places, snapshots, headers)
}

/// The commitments of one line, in its section (and table).
#[allow(clippy::too_many_arguments)]
fn read_line(
    doc: &mut SlaDocument,
    lines: &[SourceLine],
    i: usize,
    f: &LineFacts,
    role: Role,
    section: &Section,
    header: Option<&[String]>,
    plans: &PlanFinder,
    file: &str,
) {
    if role == Role::Separator {
        return;
    }
    let v = vocabulary();
    let norm = &f.norm;
    let ev = || lines[i].evidence(file);
    // The plan of a table row: its column header's, its label's, or its section's.
    let row_plan = if f.is_table_row {
        f.cells
            .first()
            .and_then(|l| plans.plan_in(l))
            .or_else(|| section.plan.clone())
    } else {
        section.plan.clone()
    };
    // Channels, hours and uptime are read from every line (headings included).
    if !v.exclude.is_match_normalized(norm) || v.channels.is_match_normalized(norm) && !is_credit(norm) {
        read_channels(doc, plans, norm, f.is_table_row, header, &f.cells, &row_plan, &ev);
        read_hours(
            doc,
            plans,
            norm,
            lines.get(i + 1),
            &row_plan,
            section,
            header,
            &f.cells,
            &ev,
        );
    }
    read_uptime(doc, norm, &ev);
    match role {
        Role::TableRow => {
            if let Some(header) = header {
                read_table_row(doc, plans, header, &f.cells, section, &ev);
            }
        }
        Role::Prose => read_prose_line(doc, plans, norm, section, &ev),
        _ => {}
    }
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
        (c.plan.clone(), c.priority, c.minutes.to_bits(), c.business_hours)
    });
    first_of(&mut doc.resolution, |c| {
        (
            c.plan.clone(),
            c.priority,
            c.metric,
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
