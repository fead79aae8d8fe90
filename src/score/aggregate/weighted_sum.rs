//! The weighted sum: inside a criterion, the weighted mean of its measures' 0-100 scores (a
//! measure with no value scores its `missing_score`); the criterion earns that share of its
//! weight in points; a vendor's total is the sum of its points.

use crate::rubric::Rubric;
use crate::score::matrix::DecisionMatrix;
use crate::score::scorecard::{CriterionScore, MeasureScore, VendorScore};

pub fn aggregate(rubric: &Rubric, matrix: DecisionMatrix) -> Vec<VendorScore> {
    let columns = matrix.columns;
    matrix
        .vendors
        .into_iter()
        .zip(matrix.cells)
        .map(|(id, row)| {
            let mut criteria: Vec<CriterionScore> = rubric
                .criteria
                .iter()
                .map(|c| CriterionScore {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    points: 0.0,
                    weight: c.weight,
                    score: 0.0,
                    must_have_min_score: c.must_have_min_score,
                    measures: Vec::new(),
                })
                .collect();
            for (col, cell) in columns.iter().zip(row) {
                let m = &rubric.criteria[col.criterion].measures[col.measure];
                criteria[col.criterion].measures.push(MeasureScore {
                    label: m.label.clone(),
                    metric: cell.metric,
                    score: cell.score.unwrap_or(m.missing_score),
                    weight: m.weight,
                    scoring: m.scoring.describe(),
                });
            }
            for c in &mut criteria {
                let total_weight: f64 = c.measures.iter().map(|m| m.weight).sum();
                let weighted: f64 = c.measures.iter().map(|m| m.score * m.weight).sum();
                c.score = if total_weight > 0.0 {
                    weighted / total_weight
                } else {
                    0.0
                };
                c.points = c.weight * c.score / 100.0;
            }
            VendorScore {
                id,
                total: criteria.iter().map(|c| c.points).sum(),
                knocked_out: false,
                knockouts: Vec::new(),
                criteria,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::metric::Metric;
    use crate::score::matrix::{Cell, Column};

    const RUBRIC: &str = r#"
name = "t"
version = "1"
[targets]
first_response_minutes = { urgent = 15 }
[[criterion]]
id = "docs"
name = "Docs"
weight = 40
  [[criterion.measure]]
  metric = "cases_count"
  weight = 3
  linear = { best = 10, worst = 0 }
  [[criterion.measure]]
  metric = "docs_languages"
  weight = 1
  missing_score = 20
  linear = { best = 2, worst = 0 }
[[criterion]]
id = "cases"
name = "Cases"
weight = 60
  [[criterion.measure]]
  metric = "cases_industries"
  weight = 1
  linear = { best = 4, worst = 0 }
"#;

    fn cell(name: &str, score: Option<f64>) -> Cell {
        Cell {
            metric: Metric {
                name: name.into(),
                priority: None,
                channel: None,
                value: None,
                display: String::new(),
                n: None,
                interval: None,
                evidence: Vec::new(),
            },
            score,
        }
    }

    #[test]
    fn points_are_the_weighted_mean_of_measure_scores_times_the_criterion_weight() {
        let rubric = crate::rubric::parse::from_toml(RUBRIC, "t.toml").unwrap();
        let columns = vec![
            Column {
                criterion: 0,
                measure: 0,
            },
            Column {
                criterion: 0,
                measure: 1,
            },
            Column {
                criterion: 1,
                measure: 0,
            },
        ];
        let matrix = DecisionMatrix {
            vendors: vec!["a".into(), "b".into()],
            columns,
            cells: vec![
                vec![
                    cell("cases_count", Some(50.0)),
                    cell("docs_languages", None),
                    cell("cases_industries", Some(100.0)),
                ],
                vec![
                    cell("cases_count", Some(100.0)),
                    cell("docs_languages", Some(100.0)),
                    cell("cases_industries", None),
                ],
            ],
        };
        let scores = aggregate(&rubric, matrix);
        // a: docs (50*3 + 20*1) / 4 = 42.5% of 40 = 17 points; cases 100% of 60 = 60 points.
        assert_eq!(scores[0].id, "a");
        assert!((scores[0].criteria[0].score - 42.5).abs() < 1e-9);
        assert!((scores[0].criteria[0].points - 17.0).abs() < 1e-9);
        assert!((scores[0].total - 77.0).abs() < 1e-9);
        // b: docs 100% = 40 points; cases missing scores its missing_score (0 by default).
        assert!((scores[1].total - 40.0).abs() < 1e-9);
        assert_eq!(scores[1].criteria[1].measures[0].score, 0.0);
    }
}
