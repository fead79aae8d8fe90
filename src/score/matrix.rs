//! The decision matrix: every vendor against every measure of the rubric, each cell the metric
//! measured (with its evidence) and its 0-100 score by the measure's scoring rule, or missing.
//! Every aggregation method takes the whole matrix. Scores relative to the other vendors
//! (`ratio_to_best`) are set here, once every vendor's value of the column is known.

use crate::metrics::catalog;
use crate::metrics::metric::{Metric, Scope, Value, VendorFacts};
use crate::rubric::{Rubric, Scoring};

/// A column: the `measure`-th measure of the `criterion`-th criterion of the rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub criterion: usize,
    pub measure: usize,
}

/// A cell: the metric measured for one vendor, and its score (`None`: no value to score, or
/// a value on too few observations).
#[derive(Debug, Clone)]
pub struct Cell {
    pub metric: Metric,
    pub score: Option<f64>,
    /// Set when the value rests on fewer observations than the measure's minimum.
    pub insufficient: Option<Insufficient>,
}

/// A value measured on `n` observations where the measure asks for at least `needed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Insufficient {
    pub n: usize,
    pub needed: usize,
}

#[derive(Debug, Clone)]
pub struct DecisionMatrix {
    /// Vendor ids, in the order of the rows.
    pub vendors: Vec<String>,
    /// The rubric's measures, criterion by criterion.
    pub columns: Vec<Column>,
    /// `cells[vendor][column]`.
    pub cells: Vec<Vec<Cell>>,
}

impl DecisionMatrix {
    /// Measures every metric the rubric names for every vendor and scores it.
    pub fn build(rubric: &Rubric, facts: &[VendorFacts]) -> Self {
        let columns: Vec<Column> = rubric
            .criteria
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| {
                (0..c.measures.len()).map(move |mi| Column {
                    criterion: ci,
                    measure: mi,
                })
            })
            .collect();
        let cells: Vec<Vec<Cell>> = facts
            .iter()
            .map(|f| {
                columns
                    .iter()
                    .map(|col| {
                        let m = &rubric.criteria[col.criterion].measures[col.measure];
                        let scope = Scope {
                            priority: m.priority,
                            channel: m.channel,
                            probe: m.probe.as_deref(),
                            window: m.window.as_ref(),
                            zones: &m.zones,
                        };
                        let metric = catalog::compute(f, &m.metric, scope)
                            .expect("the rubric names only known metrics");
                        let insufficient = match (metric.value.is_some(), metric.n) {
                            (true, Some(n)) if n < m.min_n => Some(Insufficient { n, needed: m.min_n }),
                            _ => None,
                        };
                        let score = match &metric.value {
                            _ if insufficient.is_some() => None,
                            Some(Value::Number(x)) => m.scoring.score_number(*x),
                            Some(Value::Set(items)) => m.scoring.score_set(items),
                            None => None,
                        };
                        Cell {
                            metric,
                            score,
                            insufficient,
                        }
                    })
                    .collect()
            })
            .collect();
        let mut matrix = DecisionMatrix {
            vendors: facts.iter().map(|f| f.id.to_string()).collect(),
            columns,
            cells,
        };
        matrix.score_relative(rubric);
        matrix
    }

    /// The matrix without the vendor of row `row`, its relative scores (ratio to best) set
    /// again over the vendors that remain.
    pub fn without(&self, rubric: &Rubric, row: usize) -> DecisionMatrix {
        let mut m = self.clone();
        if row < m.vendors.len() {
            m.vendors.remove(row);
            m.cells.remove(row);
        }
        m.score_relative(rubric);
        m
    }

    /// Scores relative to the other vendors (ratio to best): over the whole column, the best
    /// among the values with enough observations.
    fn score_relative(&mut self, rubric: &Rubric) {
        for (c, col) in self.columns.iter().enumerate() {
            let scoring = &rubric.criteria[col.criterion].measures[col.measure].scoring;
            let Scoring::RatioToBest { lower_is_better } = scoring else {
                continue;
            };
            let values =
                self.cells
                    .iter()
                    .filter_map(|row| match (&row[c].metric.value, row[c].insufficient) {
                        (Some(Value::Number(x)), None) if !x.is_nan() => Some(*x),
                        _ => None,
                    });
            let best = if *lower_is_better {
                values.fold(f64::INFINITY, f64::min)
            } else {
                values.fold(f64::NEG_INFINITY, f64::max)
            };
            for row in &mut self.cells {
                let cell = &mut row[c];
                if let (Some(Value::Number(x)), None) = (&cell.metric.value, cell.insufficient) {
                    cell.score = scoring.score_ratio(*x, best);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: f64, insufficient: bool) -> Cell {
        Cell {
            metric: Metric {
                name: "cases_count".into(),
                priority: None,
                channel: None,
                value: Some(Value::Number(value)),
                display: String::new(),
                n: None,
                interval: None,
                evidence: Vec::new(),
            },
            score: None,
            insufficient: insufficient.then_some(Insufficient { n: 1, needed: 5 }),
        }
    }

    #[test]
    fn ratio_to_best_is_scored_over_the_column_and_again_without_a_vendor() {
        let rubric = crate::rubric::parse::from_toml(
            "name = \"t\"\nversion = \"1\"\n[[criterion]]\nid = \"a\"\nname = \"A\"\nweight = 100\n[[criterion.measure]]\nmetric = \"cases_count\"\nratio_to_best = { better = \"higher\" }\n",
            "t.toml",
        )
        .unwrap();
        let mut m = DecisionMatrix {
            vendors: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            columns: vec![Column {
                criterion: 0,
                measure: 0,
            }],
            // d's 80 rests on too few observations: neither scored nor the best.
            cells: vec![
                vec![cell(10.0, false)],
                vec![cell(20.0, false)],
                vec![cell(40.0, false)],
                vec![cell(80.0, true)],
            ],
        };
        m.score_relative(&rubric);
        let scores: Vec<Option<f64>> = m.cells.iter().map(|r| r[0].score).collect();
        assert_eq!(scores, [Some(25.0), Some(50.0), Some(100.0), None]);
        let without_c = m.without(&rubric, 2);
        let scores: Vec<Option<f64>> = without_c.cells.iter().map(|r| r[0].score).collect();
        assert_eq!(scores, [Some(50.0), Some(100.0), None]);
        assert_eq!(without_c.vendors, ["a", "b", "d"]);
    }
}
