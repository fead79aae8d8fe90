//! `charts/scores.svg`: stacked bars of each vendor's points per criterion.

use super::model::Evaluation;
use super::Exporter;
use crate::error::Error;
use plotters::prelude::*;

pub struct Svg;

const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

impl Exporter<Evaluation> for Svg {
    fn export(&self, e: &Evaluation) -> crate::error::Result<Vec<u8>> {
        let mut out = String::new();
        let n = e.vendors.len().max(1);
        let height = 120 + 50 * n as u32;
        {
            let root = SVGBackend::with_string(&mut out, (860, height)).into_drawing_area();
            let failed = |e: &dyn std::fmt::Display| Error::render("charts/scores.svg", e);
            draw(&root, e, n).map_err(|e| failed(&e))?;
            root.present().map_err(|e| failed(&e))?;
        }
        Ok(out.into_bytes())
    }
}

/// The chart's title, naming the method when the bars are not the totals (TOPSIS).
fn caption(e: &Evaluation) -> String {
    match e.method.aggregation.as_str() {
        "weighted_sum" => "Points per criterion (out of 100) · weighted sum".to_string(),
        other => format!("Weighted-sum points per criterion · totals by {other}"),
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    e: &Evaluation,
    n: usize,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (chart_area, legend_area) = root.split_horizontally(660);
    let mut chart = ChartBuilder::on(&chart_area)
        .caption(caption(e), ("sans-serif", 18))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(150)
        .build_cartesian_2d(0f64..100f64, 0f64..n as f64)?;
    let names: Vec<String> = e
        .vendors
        .iter()
        .map(|v| format!("{}. {}", v.rank, v.name))
        .collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .x_labels(11)
        .y_labels(n * 2 + 1)
        .y_label_formatter(&|y| {
            let frac = y - y.floor();
            let i = y.floor() as usize;
            if (frac - 0.5).abs() < 1e-9 && i < names.len() {
                // Vendors top-down in rank order.
                names[names.len() - 1 - i].clone()
            } else {
                String::new()
            }
        })
        .x_desc("points")
        .draw()?;
    for (i, v) in e.vendors.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let mut x = 0.0;
        for (k, c) in v.score.criteria.iter().enumerate() {
            let color = PALETTE[k % PALETTE.len()];
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x, y + 0.2), (x + c.points, y + 0.8)],
                color.filled(),
            )))?;
            x += c.points;
        }
        let label = format!(
            "{:.1}, {:.0}% evidence{}",
            v.score.total,
            v.score.coverage * 100.0,
            if v.score.knocked_out { " (knocked out)" } else { "" }
        );
        chart.draw_series(std::iter::once(Text::new(
            label,
            (x + 1.0, y + 0.6),
            ("sans-serif", 13),
        )))?;
    }
    if let Some(v) = e.vendors.first() {
        for (k, c) in v.score.criteria.iter().enumerate() {
            let y = 50 + 22 * k as i32;
            let color = PALETTE[k % PALETTE.len()];
            legend_area.draw(&Rectangle::new([(10, y), (24, y + 14)], color.filled()))?;
            legend_area.draw(&Text::new(
                format!("{} ({})", c.name, c.weight),
                (30, y + 1),
                ("sans-serif", 13),
            ))?;
        }
    }
    Ok(())
}
