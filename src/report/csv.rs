//! `scores.csv`: one row per vendor, one column per criterion's points. Safe to open in a
//! spreadsheet.

use super::fmt::fmt2;
use super::{spreadsheet_safe, Exporter};
use crate::pipeline::Evaluation;

pub struct Csv;

impl Exporter for Csv {
    fn file_name(&self) -> &'static str {
        "scores.csv"
    }

    fn export(&self, e: &Evaluation) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec![
            "rank".to_string(),
            "vendor_id".into(),
            "vendor_name".into(),
            "total".into(),
            "knocked_out".into(),
        ];
        if let Some(v) = e.vendors.first() {
            header.extend(v.criteria.iter().map(|c| spreadsheet_safe(&c.id)));
        }
        w.write_record(&header).expect("in-memory write");
        for v in &e.vendors {
            let mut row = vec![
                v.rank.to_string(),
                spreadsheet_safe(&v.id),
                spreadsheet_safe(&v.name),
                fmt2(v.total),
                v.knocked_out.to_string(),
            ];
            row.extend(v.criteria.iter().map(|c| fmt2(c.points)));
            w.write_record(&row).expect("in-memory write");
        }
        w.into_inner().expect("in-memory write")
    }
}
