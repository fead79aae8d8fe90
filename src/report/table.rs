//! The ranked comparison table printed to the terminal.

use super::fmt::{fmt2, fmt_num, fmt_opt, fmt_opt_interval, fmt_opt_share, fmt_percent, fmt_points};
use super::json::{DocumentView, EvidenceView};
use super::model::{Evaluation, SlaReport, StatsReport};
use super::Exporter;
use crate::error::Result;
use crate::metrics::response_times::GroupReport;
use crate::model::sla::Language;
use comfy_table::{presets::UTF8_FULL, CellAlignment, Table as ComfyTable};

pub struct Table;

impl Exporter<Evaluation> for Table {
    fn export(&self, e: &Evaluation) -> Result<Vec<u8>> {
        let mut t = ComfyTable::new();
        t.load_preset(UTF8_FULL);
        let mut header = vec![
            "rank".to_string(),
            "vendor".to_string(),
            "total".to_string(),
            "coverage".to_string(),
            "P(first)".to_string(),
        ];
        if let Some(v) = e.vendors.first() {
            header.extend(
                v.score
                    .criteria
                    .iter()
                    .map(|c| format!("{} /{}", c.id, fmt_num(c.weight))),
            );
        }
        header.push("knock-out".to_string());
        t.set_header(header);
        for v in &e.vendors {
            let mut row = vec![
                e.rank_shown(v),
                format!("{} ({})", v.name, v.score.id),
                fmt2(v.score.total),
                format!("{:.0}%", v.score.coverage * 100.0),
                e.robust(&v.score.id)
                    .map(|r| format!("{:.0}%", r.p_first * 100.0))
                    .unwrap_or_else(|| "-".into()),
            ];
            row.extend(
                v.score
                    .criteria
                    .iter()
                    .map(|c| fmt_points(c.points, c.excluded(), c.weight_grown())),
            );
            let ids = |list: &[String]| {
                list.iter()
                    .map(|k| k.split(':').next().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            row.push(match (v.score.knocked_out, v.score.unverified.is_empty()) {
                (true, _) => ids(&v.score.knockouts),
                (false, false) => format!("unverified: {}", ids(&v.score.unverified)),
                (false, true) => "-".to_string(),
            });
            t.add_row(row);
        }
        for i in 2..t.column_count().saturating_sub(1) {
            if let Some(c) = t.column_mut(i) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let mut out = format!(
            "{}\n{} · rubric {} {} ({})\n",
            e.name,
            e.date,
            e.rubric_name,
            e.rubric_version,
            e.rubric_files.join(" -> ")
        );
        out.push_str(&t.to_string());
        out.push('\n');
        out.push_str(&format!("method: {}; {}\n", e.method.summary, e.method.weights));
        if let Some(r) = &e.robustness {
            if !e.method.robustness_matches() {
                out.push_str(&format!("robustness: {}\n", e.method.robustness));
            }
            out.push_str(&format!("verdict: {}\n", r.verdict));
        }
        if let Some(c) = &e.comparison {
            out.push_str(&super::methods::table_text(e, c));
        }
        let thin: Vec<String> = e
            .vendors
            .iter()
            .filter(|v| !v.score.missing.is_empty())
            .map(|v| format!("{} ({} without evidence)", v.score.id, v.score.missing.len()))
            .collect();
        if !thin.is_empty() {
            out.push_str(&format!(
                "coverage: share of the rubric's weight backed by evidence; - no evidence (its weight went to the vendor's other criteria, marked *); measures without evidence: {} (see the report)\n",
                thin.join(", ")
            ));
        }
        // Measures on too few probes, with how many there were and how many they need.
        for v in &e.vendors {
            let short: Vec<String> = v
                .score
                .criteria
                .iter()
                .flat_map(|c| &c.measures)
                .filter_map(|m| {
                    let i = m.insufficient?;
                    Some(format!("{} ({} of the {} probes needed)", m.label, i.n, i.needed))
                })
                .collect();
            if !short.is_empty() {
                out.push_str(&format!(
                    "insufficient evidence: {}: {}\n",
                    v.score.id,
                    short.join(", ")
                ));
            }
        }
        Ok(out.into_bytes())
    }
}

pub(super) fn key_cells(g: &GroupReport) -> [String; 3] {
    [
        g.key.vendor.clone().unwrap_or_else(|| "*".into()),
        g.key
            .priority
            .map(|p| p.to_string())
            .unwrap_or_else(|| "*".into()),
        g.key.channel.map(|c| c.to_string()).unwrap_or_else(|| "*".into()),
    ]
}

impl Exporter<StatsReport> for Table {
    fn export(&self, r: &StatsReport) -> Result<Vec<u8>> {
        Ok(stats_table(r).into_bytes())
    }
}

/// The groups, then a note for each pair of adjacent vendors the test cannot tell apart.
fn stats_table(r: &StatsReport) -> String {
    let (groups, comparisons, shown, clock) = (&r.groups, &r.comparisons, &r.file, &r.clock);
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL);
    t.set_header(vec![
        "vendor",
        "priority",
        "channel",
        "n",
        "unanswered",
        "p50 min",
        "p50 95% CI",
        "p90 min",
        "p90 95% CI",
        "p95 min",
        "mean",
        "KM median",
        "resolution p50",
        "≤48h",
        "FCR",
        "within target",
    ]);
    for g in groups {
        let f = &g.first_response_minutes;
        let mut row: Vec<String> = key_cells(g).to_vec();
        row.extend([
            g.n.to_string(),
            g.unanswered.to_string(),
            fmt_opt(f.p50),
            fmt_opt_interval(f.p50_ci),
            fmt_opt(f.p90),
            fmt_opt_interval(f.p90_ci),
            fmt_opt(f.p95),
            fmt_opt(f.mean),
            fmt_opt(g.km_median_minutes),
            fmt_opt(g.resolution_minutes.p50),
            fmt_opt_share(g.resolved_within_48h_rate),
            fmt_opt_share(g.first_contact_resolution_rate),
            fmt_opt_share(g.target_attainment),
        ]);
        t.add_row(row);
    }
    let mut s = format!(
        "{shown}: {} rows used, {} rejected, encoding {}{}; times in minutes ({clock})\n",
        r.rows_used,
        r.rows_rejected,
        r.encoding,
        r.preset.map(|p| format!(", {p} format")).unwrap_or_default()
    );
    s.push_str(&t.to_string());
    s.push('\n');
    for c in comparisons.iter().filter(|c| !c.distinguishable) {
        let scope = match (c.priority, c.channel) {
            (Some(p), Some(ch)) => format!(" ({p}, {ch})"),
            (Some(p), None) => format!(" ({p})"),
            (None, Some(ch)) => format!(" ({ch})"),
            _ => String::new(),
        };
        s.push_str(&format!(
            "note: {} and {}{scope}: first-response times not statistically distinguishable (Mann-Whitney p = {:.3})\n",
            c.a, c.b, c.p_value
        ));
    }
    s
}

/// `sla extract`: per document, a table of its promises with the line each came from.
impl Exporter<SlaReport> for Table {
    fn export(&self, r: &SlaReport) -> Result<Vec<u8>> {
        let mut out = String::new();
        for d in &r.documents {
            out.push_str(&sla_table(&DocumentView::of(d)));
        }
        Ok(out.into_bytes())
    }
}

fn sla_table(v: &DocumentView) -> String {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(["what", "plan", "priority", "promise", "clock", "line", "text"]);
    let plan = |p: &Option<String>| p.clone().unwrap_or_else(|| "*".into());
    // On a page of a PDF: p3:l14.
    let line = |e: &EvidenceView| match (e.page, e.line) {
        (Some(p), Some(l)) => format!("p{p}:l{l}"),
        (_, l) => l.map(|l| l.to_string()).unwrap_or_default(),
    };
    let short = |s: &str| {
        let mut c: String = s.chars().take(60).collect();
        if s.chars().count() > 60 {
            c.push('…');
        }
        c
    };
    for c in &v.first_response {
        t.add_row([
            "first response".to_string(),
            plan(&c.plan),
            c.priority.clone(),
            format!("{} min", fmt_num(c.minutes)),
            c.hours.unwrap_or("").to_string(),
            line(&c.evidence),
            short(&c.evidence.text),
        ]);
    }
    for r in &v.resolution {
        let promise = match (r.minutes, r.percent) {
            (Some(m), _) => format!("{} min", fmt_num(m)),
            (None, Some(p)) => format!("{}%", fmt_num(p)),
            _ => String::new(),
        };
        let metric = serde_json::to_value(r.metric)
            .ok()
            .and_then(|m| m.as_str().map(str::to_string))
            .unwrap_or_default();
        t.add_row([
            metric.replace('_', " "),
            plan(&r.plan),
            r.priority.clone().unwrap_or_else(|| "*".into()),
            promise,
            String::new(),
            line(&r.evidence),
            short(&r.evidence.text),
        ]);
    }
    for h in &v.support_hours {
        t.add_row([
            "support hours".to_string(),
            plan(&h.plan),
            String::new(),
            h.schedule.clone(),
            h.timezone.clone().unwrap_or_default(),
            line(&h.evidence),
            short(&h.evidence.text),
        ]);
    }
    for c in &v.channels {
        t.add_row([
            "channel".to_string(),
            plan(&c.plan),
            String::new(),
            c.channel.to_string(),
            String::new(),
            line(&c.evidence),
            short(&c.evidence.text),
        ]);
    }
    for u in &v.uptime_percent {
        t.add_row([
            "uptime".to_string(),
            String::new(),
            String::new(),
            fmt_percent(u.value),
            String::new(),
            line(&u.evidence),
            short(&u.evidence.text),
        ]);
    }
    let lang = match v.language {
        Language::Zh => "zh",
        Language::En => "en",
        Language::Mixed => "mixed",
    };
    if t.row_count() == 0 {
        // No empty table: the warnings (on standard error) say why.
        return format!("{} ({lang})\n  no support promise found\n", v.file);
    }
    format!("{} ({lang})\n{t}\n", v.file)
}
