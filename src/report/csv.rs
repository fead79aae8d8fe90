//! `scores.csv`: one row per vendor, one column per criterion's points. Safe to open in a
//! spreadsheet.

use super::fmt::fmt2;
use super::model::{Evaluation, StatsReport};
use super::{spreadsheet_safe, CsvBytes, Exporter};
use crate::error::Result;
use crate::metrics::response_times::GroupReport;

pub struct Csv;

impl Exporter<Evaluation> for Csv {
    fn export(&self, e: &Evaluation) -> Result<Vec<u8>> {
        let mut w = CsvBytes::new("scores.csv");
        let mut header = vec![
            "rank".to_string(),
            "vendor_id".into(),
            "vendor_name".into(),
            "total".into(),
            "coverage".into(),
            "rank_band".into(),
            "p_first".into(),
            "knocked_out".into(),
        ];
        if let Some(v) = e.vendors.first() {
            header.extend(v.score.criteria.iter().map(|c| spreadsheet_safe(&c.id)));
        }
        // The method, and with --compare-methods each method's rank and total and the
        // rankings' Kendall tau-b (the same on every row).
        header.push("method".into());
        if let Some(c) = &e.comparison {
            for m in &c.methods {
                header.push(format!("{m}_rank"));
                header.push(format!("{m}_total"));
            }
            header.push("kendall_tau_b".into());
        }
        w.record(&header)?;
        for v in &e.vendors {
            let mut row = vec![
                v.rank.to_string(),
                spreadsheet_safe(&v.score.id),
                spreadsheet_safe(&v.name),
                fmt2(v.score.total),
                format!("{:.3}", v.score.coverage),
                e.robust(&v.score.id)
                    .map(|r| r.rank_band.clone())
                    .unwrap_or_default(),
                e.robust(&v.score.id)
                    .map(|r| format!("{:.4}", r.p_first))
                    .unwrap_or_default(),
                v.score.knocked_out.to_string(),
            ];
            row.extend(v.score.criteria.iter().map(|c| {
                if c.excluded() {
                    String::new()
                } else {
                    fmt2(c.points)
                }
            }));
            row.push(e.method.aggregation.clone());
            if let Some(c) = &e.comparison {
                let compared = c.vendors.iter().find(|x| x.id == v.score.id);
                for m in &c.methods {
                    let rank = compared.and_then(|x| x.ranks.get(m));
                    let total = compared.and_then(|x| x.totals.get(m));
                    row.push(rank.map(|r| r.to_string()).unwrap_or_default());
                    row.push(total.map(|t| fmt2(*t)).unwrap_or_default());
                }
                row.push(c.kendall_tau_b.map(|t| format!("{t:.4}")).unwrap_or_default());
            }
            w.record(&row)?;
        }
        w.finish()
    }
}

impl Exporter<StatsReport> for Csv {
    fn export(&self, r: &StatsReport) -> Result<Vec<u8>> {
        stats_csv(&r.groups)
    }
}

/// One row per group, numbers unrounded beyond the statistics' own six decimals.
fn stats_csv(groups: &[GroupReport]) -> Result<Vec<u8>> {
    let mut w = CsvBytes::new("stats csv");
    w.record([
        "vendor",
        "priority",
        "channel",
        "n",
        "answered",
        "unanswered",
        "p50",
        "p90",
        "p95",
        "mean",
        "p50_ci_low",
        "p50_ci_high",
        "p90_ci_low",
        "p90_ci_high",
        "km_median",
        "resolution_p50",
        "resolution_p90",
        "resolved_within_48h_rate",
        "first_contact_resolution_rate",
        "target_attainment",
        "clock",
    ])?;
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    for g in groups {
        let f = &g.first_response_minutes;
        let k = super::table::key_cells(g);
        let ci = |c: Option<[f64; 2]>, i: usize| c.map(|c| c[i].to_string()).unwrap_or_default();
        w.record([
            spreadsheet_safe(&k[0]),
            k[1].clone(),
            k[2].clone(),
            g.n.to_string(),
            g.answered.to_string(),
            g.unanswered.to_string(),
            num(f.p50),
            num(f.p90),
            num(f.p95),
            num(f.mean),
            ci(f.p50_ci, 0),
            ci(f.p50_ci, 1),
            ci(f.p90_ci, 0),
            ci(f.p90_ci, 1),
            num(g.km_median_minutes),
            num(g.resolution_minutes.p50),
            num(g.resolution_minutes.p90),
            num(g.resolved_within_48h_rate),
            num(g.first_contact_resolution_rate),
            num(g.target_attainment),
            g.clock.to_string(),
        ])?;
    }
    w.finish()
}
