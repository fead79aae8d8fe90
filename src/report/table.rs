//! The ranked comparison table printed to the terminal.

use super::fmt::fmt2;
use super::Exporter;
use crate::pipeline::Evaluation;
use comfy_table::{presets::UTF8_FULL, CellAlignment, Table as ComfyTable};

pub struct Table;

impl Exporter for Table {
    fn file_name(&self) -> &'static str {
        "table.txt"
    }

    fn export(&self, e: &Evaluation) -> Vec<u8> {
        let mut t = ComfyTable::new();
        t.load_preset(UTF8_FULL);
        let mut header = vec!["rank".to_string(), "vendor".to_string(), "total".to_string()];
        if let Some(v) = e.vendors.first() {
            header.extend(v.criteria.iter().map(|c| format!("{} /{}", c.id, c.weight)));
        }
        header.push("knock-out".to_string());
        t.set_header(header);
        for v in &e.vendors {
            let mut row = vec![
                v.rank.to_string(),
                format!("{} ({})", v.name, v.id),
                fmt2(v.total),
            ];
            row.extend(v.criteria.iter().map(|c| fmt2(c.points)));
            row.push(if v.knocked_out {
                v.knockouts
                    .iter()
                    .map(|k| k.split(':').next().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                "-".to_string()
            });
            t.add_row(row);
        }
        for i in 2..t.column_count().saturating_sub(1) {
            if let Some(c) = t.column_mut(i) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let mut out = format!(
            "{}\n{} · rubric {} {}\n",
            e.name, e.date, e.rubric_name, e.rubric_version
        );
        out.push_str(&t.to_string());
        out.push('\n');
        out.into_bytes()
    }
}
