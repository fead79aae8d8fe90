//! `report.md`: the report a procurement team reads, every score with its evidence.

use super::fmt::{fmt2, fmt_count, fmt_minutes, fmt_num, fmt_opt, fmt_opt_share, fmt_points, fmt_share};
use super::model::Evaluation;
use super::Exporter;
use crate::error::Result;
use crate::score::robustness::verdict::Robustness;
use crate::score::scorecard::MeasureStatus;
use std::fmt::Write;

pub struct Markdown;

/// Escapes text for a Markdown table cell or line: no raw HTML, no broken tables.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Which plan each vendor is held to, and how that was decided.
fn plans_held(w: &mut String, e: &Evaluation) {
    let _ = writeln!(
        w,
        "Each vendor is held to the promises of one support plan (`plan` in vendors.toml) and to those naming no plan; promises of its other plans are context, not scored.\n"
    );
    for v in &e.vendors {
        let p = &v.plan;
        let names = |n: &[String]| n.iter().map(|x| md(x)).collect::<Vec<_>>().join(", ");
        let found = if p.plans_found.is_empty() {
            "its SLA names no plan".to_string()
        } else {
            format!("plans its SLA names: {}", names(&p.plans_found))
        };
        let held = match (&p.name, p.assumed) {
            (None, _) if p.plans_found.is_empty() => format!("all its promises ({found})"),
            (None, _) => format!(
                "all its promises: none of its first-response promises names a plan ({found}; set `plan` in vendors.toml to count only that plan's hours and channels)"
            ),
            (Some(name), true) => {
                let name = md(name);
                let n = v.promises.iter().filter(|x| x.scored && x.plan.is_some()).count();
                let tie = if p.tied_with.is_empty() {
                    String::new()
                } else {
                    format!(", as many as {}", names(&p.tied_with))
                };
                format!(
                    "**{name}**, assumed: the plan with the most first-response promises ({n}{tie}; {found}); set `plan` in vendors.toml to choose"
                )
            }
            (Some(name), false) => format!("**{}**, as vendors.toml says ({found})", md(name)),
        };
        let _ = writeln!(w, "- {}: {held}", md(&v.name));
    }
    let _ = writeln!(w);
}

/// One row of a promises table.
fn promise_row(w: &mut String, vendor: &str, p: &crate::metrics::promises::Promise) {
    let met = match p.met {
        Some(true) => "met",
        Some(false) => "**not met**",
        None => "not measurable",
    };
    let _ = writeln!(
        w,
        "| {} | {} | {} | {} | {} | {} |",
        md(vendor),
        md(&p.what),
        md(&p.promised),
        md(&p.measured),
        met,
        md(&p.evidence.location())
    );
}

impl Exporter<Evaluation> for Markdown {
    fn export(&self, e: &Evaluation) -> Result<Vec<u8>> {
        let mut s = String::new();
        let w = &mut s;
        let _ = writeln!(w, "# {}\n", md(&e.name));
        let _ = writeln!(
            w,
            "Evaluation date {} · data folder `{}` · rubric **{}** version {} ({})\n",
            e.date,
            e.folder.replace('`', "'"),
            md(&e.rubric_name),
            md(&e.rubric_version),
            e.rubric_files
                .iter()
                .map(|f| format!("`{}`", f.replace('`', "'")))
                .collect::<Vec<_>>()
                .join(" -> ")
        );

        let _ = writeln!(
            w,
            "**Method:** {}. **Weights:** {}. **Robustness:** {}.\n",
            md(&e.method.description),
            md(&e.method.weights),
            md(&e.method.robustness)
        );
        let _ = writeln!(w, "## Ranking\n");
        let criteria: Vec<(String, f64)> = e
            .vendors
            .first()
            .map(|v| {
                v.score
                    .criteria
                    .iter()
                    .map(|c| (c.id.clone(), c.weight))
                    .collect()
            })
            .unwrap_or_default();
        let _ = write!(w, "| rank | vendor | total | evidence coverage | P(first) |");
        for (id, weight) in &criteria {
            let _ = write!(w, " {} (/{}) |", md(id), fmt_num(*weight));
        }
        let _ = writeln!(w, " knock-out |");
        let _ = writeln!(
            w,
            "|---:|---|---:|---:|---:|{}---|",
            "---:|".repeat(criteria.len())
        );
        for v in &e.vendors {
            let _ = write!(
                w,
                "| {} | {} | {} | {} | {} |",
                e.rank_shown(v),
                md(&v.name),
                fmt2(v.score.total),
                fmt_share(v.score.coverage),
                e.robust(&v.score.id)
                    .map(|r| format!("{:.0}%", r.p_first * 100.0))
                    .unwrap_or_else(|| "-".into())
            );
            for c in &v.score.criteria {
                let _ = write!(w, " {} |", fmt_points(c.points, c.excluded(), c.weight_grown()));
            }
            let ko = if v.score.knocked_out {
                md(&v.score.knockouts.join("; "))
            } else {
                "-".into()
            };
            let _ = writeln!(w, " {ko} |");
        }
        let _ = writeln!(w, "\n![points per criterion](charts/scores.svg)\n");
        if let Some(r) = &e.robustness {
            let _ = writeln!(w, "**Verdict:** {}\n", md(&r.verdict));
        }
        let _ = writeln!(
            w,
            "Evidence coverage is the share of the rubric's weight backed by evidence for the vendor. A measure without evidence is left out (its weight spread over the vendor's other measures) or scored as the rubric says, and listed under *Missing evidence*; a criterion without any evidence shows `-` and its weight goes to the vendor's other criteria (marked `*`); a must-have without evidence is never a knock-out.\n"
        );
        if let Some(c) = &e.comparison {
            w.push_str(&super::methods::markdown_section(e, c, md));
        }
        if e.vendors
            .iter()
            .any(|v| !v.score.missing.is_empty() || !v.score.unverified.is_empty())
        {
            let _ = writeln!(w, "## Missing evidence\n");
            for v in &e.vendors {
                if v.score.missing.is_empty() && v.score.unverified.is_empty() {
                    continue;
                }
                let _ = writeln!(
                    w,
                    "**{}** (`{}`): total {} on {} of the rubric's weight\n",
                    md(&v.name),
                    v.score.id,
                    fmt2(v.score.total),
                    fmt_share(v.score.coverage)
                );
                for u in &v.score.unverified {
                    let _ = writeln!(w, "- unverified must-have: {}", md(u));
                }
                for m in &v.score.missing {
                    let _ = writeln!(w, "- {}", md(m));
                }
                let _ = writeln!(w);
            }
        }

        if let Some(r) = &e.robustness {
            robustness_section(w, e, r);
        }

        let _ = writeln!(w, "## Promised vs measured\n");
        plans_held(w, e);
        let _ = writeln!(w, "| vendor | promise | promised | measured | status | source |");
        let _ = writeln!(w, "|---|---|---|---|---|---|");
        for v in &e.vendors {
            if !v.promises.iter().any(|p| p.scored) {
                let none = match (&v.plan.name, v.promises.is_empty()) {
                    (Some(plan), false) => format!("no first-response promise of the {plan} plan"),
                    _ => "no first-response promise found".to_string(),
                };
                let _ = writeln!(w, "| {} | {} | - | - | - | - |", md(&v.name), md(&none));
            }
            for p in v.promises.iter().filter(|p| p.scored) {
                promise_row(w, &v.name, p);
            }
        }
        if e.vendors.iter().any(|v| v.promises.iter().any(|p| !p.scored)) {
            let _ = writeln!(w, "\nPromises of other plans, for context (not scored):\n");
            let _ = writeln!(w, "| vendor | promise | promised | measured | status | source |");
            let _ = writeln!(w, "|---|---|---|---|---|---|");
            for v in &e.vendors {
                for p in v.promises.iter().filter(|p| !p.scored) {
                    promise_row(w, &v.name, p);
                }
            }
        }

        let _ = writeln!(w, "\n## Measured response times\n");
        let _ = writeln!(
            w,
            "{} rows used, {} rejected. Minutes, wall clock. Quantiles are of answered probes (linear interpolation between closest ranks) with distribution-free 95% intervals; the Kaplan-Meier median counts unanswered probes as censored, so a vendor that does not answer cannot look fast.\n",
            e.rows_used, e.rows_rejected
        );
        let _ = writeln!(w, "| vendor | group | n | unanswered | p50 (95% CI) | p90 (95% CI) | KM median | within target | resolved ≤48h | first-contact resolution |");
        let _ = writeln!(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        let ci = |x: Option<[f64; 2]>| {
            x.map(|[a, b]| format!(" ({}–{})", fmt_num(a), fmt_num(b)))
                .unwrap_or_default()
        };
        for g in &e.stats {
            let f = &g.first_response_minutes;
            let _ = writeln!(
                w,
                "| {} | {} | {} | {} | {}{} | {}{} | {} | {} | {} | {} |",
                md(g.key.vendor.as_deref().unwrap_or("-")),
                match (g.key.priority, g.key.channel) {
                    (Some(p), _) => format!("priority {p}"),
                    (None, Some(c)) => format!("channel {c}"),
                    (None, None) => "all".to_string(),
                },
                g.n,
                g.unanswered,
                fmt_opt(f.p50),
                ci(f.p50_ci),
                fmt_opt(f.p90),
                ci(f.p90_ci),
                fmt_opt(g.km_median_minutes),
                fmt_opt_share(g.target_attainment),
                fmt_opt_share(g.resolved_within_48h_rate),
                fmt_opt_share(g.first_contact_resolution_rate)
            );
        }
        let close: Vec<String> = e
            .comparisons
            .iter()
            .filter(|c| !c.distinguishable)
            .map(|c| {
                let scope = match (c.priority, c.channel) {
                    (Some(p), _) => format!("{p} priority"),
                    (None, Some(ch)) => format!("{ch} channel"),
                    (None, None) => "all probes".to_string(),
                };
                format!(
                    "- {} and {} ({scope}): not distinguishable (Mann-Whitney p = {:.3})",
                    md(&c.a),
                    md(&c.b),
                    c.p_value
                )
            })
            .collect();
        if !close.is_empty() {
            let _ = writeln!(
                w,
                "\nVendors whose first-response times cannot be told apart statistically:\n"
            );
            for c in close {
                let _ = writeln!(w, "{c}");
            }
        }

        let _ = writeln!(w, "\n## Probe answers per vendor\n");
        let _ = writeln!(
            w,
            "| vendor | conversations | first reply (median) | reply latency (median) | transfers | stalls | probes: concepts covered |"
        );
        let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---|");
        for v in &e.vendors {
            let t = &v.transcripts;
            let probes: Vec<String> = t
                .probes
                .iter()
                .map(|p| {
                    format!(
                        "{} {} {}%",
                        p.id,
                        if p.answered { "✓" } else { "✗" },
                        fmt_num(p.coverage * 100.0)
                    )
                })
                .collect();
            let _ = writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md(&v.name),
                t.conversations,
                t.first_reply_median_seconds
                    .map(|s| fmt_minutes(s / 60.0))
                    .unwrap_or_else(|| "-".into()),
                t.median_reply_seconds
                    .map(|s| fmt_minutes(s / 60.0))
                    .unwrap_or_else(|| "-".into()),
                t.transfers,
                t.stalls,
                md(&probes.join(", "))
            );
        }

        let _ = writeln!(w, "\n## Probe conversations\n");
        let _ = writeln!(w, "| conversation | messages | first reply min | median reply min | transfers | stalls | probes (answered / asked) |");
        let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---|");
        for c in &e.conversations {
            let probes: Vec<String> = c
                .probes
                .iter()
                .map(|p| format!("{} {}", p.id, if p.answered { "✓" } else { "✗" }))
                .collect();
            let _ = writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md(&c.file),
                c.messages,
                fmt_opt(c.first_reply_seconds.map(|s| s / 60.0)),
                fmt_opt(c.median_reply_seconds.map(|s| s / 60.0)),
                c.transfers.len(),
                c.stalls.len(),
                md(&probes.join(", "))
            );
        }

        let _ = writeln!(w, "\n## Scores and their evidence\n");
        for v in &e.vendors {
            let _ = writeln!(
                w,
                "### {}. {} (`{}`): {} (evidence coverage {})\n",
                v.rank,
                md(&v.name),
                v.score.id,
                fmt2(v.score.total),
                fmt_share(v.score.coverage)
            );
            for k in &v.score.knockouts {
                let _ = writeln!(w, "> Knocked out: {}\n", md(k));
            }
            for c in &v.score.criteria {
                let weight = if c.excluded() || c.weight_grown() {
                    format!(
                        "{} (rubric weight {})",
                        fmt_num(c.effective_weight),
                        fmt_num(c.weight)
                    )
                } else {
                    fmt_num(c.weight)
                };
                let _ = writeln!(
                    w,
                    "**{}**: {} of {} points ({}%)\n",
                    md(&c.name),
                    fmt2(c.points),
                    weight,
                    fmt_num(c.score)
                );
                for m in &c.measures {
                    let lacking = match m.insufficient {
                        Some(i) => {
                            format!("insufficient evidence: {} of the {} probes needed", i.n, i.needed)
                        }
                        None => "no evidence".to_string(),
                    };
                    let outcome = match m.status {
                        MeasureStatus::Measured => format!("{}/100", fmt_num(m.score)),
                        MeasureStatus::ScoredMissing => format!("{}/100, {lacking}", fmt_num(m.score)),
                        MeasureStatus::Excluded => format!("{lacking}, left out"),
                    };
                    let _ = writeln!(
                        w,
                        "- {}: {} → {} (weight {}; {})",
                        md(&m.label),
                        md(&m.metric.display),
                        outcome,
                        fmt_num(m.weight),
                        md(&m.scoring)
                    );
                    for ev in &m.metric.evidence {
                        let _ = writeln!(w, "  - `{}`: {}", ev.location().replace('`', "'"), md(&ev.text));
                    }
                }
                let _ = writeln!(w);
            }
        }

        if !e.warnings.is_empty() {
            let _ = writeln!(w, "## Warnings\n");
            for d in &e.warnings {
                let _ = writeln!(w, "- {}", md(&d.to_string()));
            }
            let _ = writeln!(w);
        }
        Ok(s.into_bytes())
    }
}

/// "How sure is this ranking": the method, rank acceptabilities, central weights, confidence
/// factors, pairwise winning indices and the weight changes that move the first place.
fn robustness_section(w: &mut String, e: &Evaluation, r: &Robustness) {
    let name = |id: &str| {
        e.vendors
            .iter()
            .find(|v| v.score.id == id)
            .map(|v| md(&v.name))
            .unwrap_or_else(|| md(id))
    };
    let _ = writeln!(w, "## How sure is this ranking\n");
    let model = match (r.concentration, r.constraints.is_empty()) {
        (Some(c), _) => format!(
            "weights drawn around the rubric's (Dirichlet, concentration {})",
            fmt_num(c)
        ),
        (None, true) => "weights drawn uniformly over every weighting".to_string(),
        (None, false) => format!(
            "weights drawn uniformly inside the rubric's constraints ({}; {})",
            md(&r.constraints.join(", ")),
            r.method
        ),
    };
    let _ = writeln!(
        w,
        "{} perturbed scorings (SMAA-2, seed {}): {model}, and each criterion's score drawn within the range its measures' 95% intervals allow. Vendors whose order is not settled at {:.0}% confidence share a rank band.\n",
        fmt_count(r.iterations),
        r.seed,
        r.confidence * 100.0
    );
    let places = r.vendors.len();
    let _ = write!(
        w,
        "| vendor | rank band | P(first) | expected rank | confidence factor |"
    );
    for k in 1..=places {
        let _ = write!(w, " P(rank {k}) |");
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "|---|---:|---:|---:|---:|{}", "---:|".repeat(places));
    for v in &r.vendors {
        let _ = write!(
            w,
            "| {} | {} | {} | {} | {} |",
            name(&v.id),
            v.rank_band,
            fmt_share(v.p_first),
            fmt_num(v.expected_rank),
            fmt_opt_share(v.confidence_factor)
        );
        for b in &v.rank_acceptability {
            let _ = write!(w, " {} |", fmt_share(*b));
        }
        let _ = writeln!(w);
    }
    if !r.left_out.is_empty() {
        let _ = writeln!(
            w,
            "\nLeft out (knocked out whatever the weights): {}.",
            md(&r.left_out.join(", "))
        );
    }
    let _ = writeln!(
        w,
        "\n**Weights under which each vendor wins** (mean of the scorings it ranks first in):\n"
    );
    for v in &r.vendors {
        match &v.central_weights {
            Some(cw) => {
                let parts: Vec<String> = cw
                    .iter()
                    .map(|(c, x)| format!("{} {}", md(c), fmt_num(*x)))
                    .collect();
                let _ = writeln!(w, "- {}: {}", name(&v.id), parts.join(", "));
            }
            None => {
                let _ = writeln!(w, "- {}: never first", name(&v.id));
            }
        }
    }
    let _ = writeln!(w, "\n**P(row beats column)**:\n");
    let _ = write!(w, "| |");
    for v in &r.vendors {
        let _ = write!(w, " {} |", md(&v.id));
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "|---|{}", "---:|".repeat(places));
    for a in &r.vendors {
        let _ = write!(w, "| {} |", md(&a.id));
        for b in &r.vendors {
            let cell = r
                .pairwise
                .iter()
                .find(|p| p.a == a.id && p.b == b.id)
                .map(|p| fmt_share(p.p_a_beats_b))
                .unwrap_or_else(|| "-".into());
            let _ = write!(w, " {cell} |");
        }
        let _ = writeln!(w);
    }
    let _ = writeln!(
        w,
        "\n**What would change the first place** (one criterion's weight moved, the others rescaled):\n"
    );
    let _ = writeln!(w, "| criterion | weight | smallest change | first place then |");
    let _ = writeln!(w, "|---|---:|---:|---|");
    for s in &r.sensitivity {
        let (change, who) = match (&s.change, &s.new_first) {
            (Some(d), Some(id)) => (
                format!("{}{} points", if *d > 0.0 { "+" } else { "" }, fmt_num(*d)),
                name(id),
            ),
            _ => ("none moves it".to_string(), "-".to_string()),
        };
        let _ = writeln!(
            w,
            "| {} | {} | {change} | {who} |",
            md(&s.criterion),
            fmt_num(s.weight)
        );
    }
    let _ = writeln!(w);
}
