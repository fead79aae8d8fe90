//! The weighted sum: inside a criterion, the weighted mean of its measures' 0-100 scores; the
//! criterion earns that share of its weight in points; a vendor's total is the sum of its
//! points.
//!
//! A measure without evidence does what the rubric says (`missing`): `exclude` leaves it out
//! of its criterion's mean (its weight spread over the criterion's other measures, and when a
//! criterion has no evidence at all, its weight spread over the vendor's other criteria in
//! proportion to theirs); `zero` / `missing_score` scores it; `fail` fails the evaluation.
//! Either way the vendor is flagged, and its coverage (the share of the rubric's weight backed
//! by evidence) says how much of the total stands on evidence.

use crate::error::{Diagnostic, Error, Result};
use crate::rubric::{Missing, Rubric};
use crate::score::matrix::DecisionMatrix;
use crate::score::scorecard::{CriterionScore, MeasureScore, MeasureStatus, VendorScore};

pub fn aggregate(rubric: &Rubric, matrix: DecisionMatrix) -> Result<Vec<VendorScore>> {
    let columns = matrix.columns;
    let mut failures = Vec::new();
    let scores = matrix
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
                    effective_weight: 0.0,
                    score: 0.0,
                    coverage: 0.0,
                    must_have_min_score: c.must_have_min_score,
                    measures: Vec::new(),
                })
                .collect();
            let mut missing = Vec::new();
            for (col, cell) in columns.iter().zip(row) {
                let c = &rubric.criteria[col.criterion];
                let m = &c.measures[col.measure];
                let (score, status) = match (cell.score, m.missing) {
                    (Some(s), _) => (s, MeasureStatus::Measured),
                    (None, Missing::Score(s)) => (s, MeasureStatus::ScoredMissing),
                    (None, Missing::Exclude) => (0.0, MeasureStatus::Excluded),
                    (None, Missing::Fail) => {
                        failures.push(Diagnostic::new(
                            id.as_str(),
                            None,
                            format!(
                                "{} / {}: {} (the rubric says missing = \"fail\")",
                                c.id, m.label, cell.metric.display
                            ),
                        ));
                        (0.0, MeasureStatus::Excluded)
                    }
                };
                if status != MeasureStatus::Measured {
                    let why = match cell.insufficient {
                        Some(i) => format!(
                            "{}: insufficient evidence, {} observations where {} are needed",
                            cell.metric.display, i.n, i.needed
                        ),
                        None => cell.metric.display.clone(),
                    };
                    missing.push(format!(
                        "{} / {}: {} ({})",
                        c.id,
                        m.label,
                        why,
                        match status {
                            MeasureStatus::ScoredMissing => format!("scored {score}"),
                            _ => "excluded, its weight spread over the other measures".to_string(),
                        }
                    ));
                }
                criteria[col.criterion].measures.push(MeasureScore {
                    label: m.label.clone(),
                    metric: cell.metric,
                    score,
                    weight: m.weight,
                    scoring: format!("{}; {}", m.scoring.describe(), m.missing.describe()),
                    status,
                    insufficient: cell.insufficient,
                });
            }
            for c in &mut criteria {
                let counted = |m: &&MeasureScore| m.status != MeasureStatus::Excluded;
                let total_weight: f64 = c.measures.iter().filter(counted).map(|m| m.weight).sum();
                let weighted: f64 = c
                    .measures
                    .iter()
                    .filter(counted)
                    .map(|m| m.score * m.weight)
                    .sum();
                c.score = if total_weight > 0.0 {
                    weighted / total_weight
                } else {
                    0.0
                };
                let all: f64 = c.measures.iter().map(|m| m.weight).sum();
                let measured: f64 = c
                    .measures
                    .iter()
                    .filter(|m| m.status == MeasureStatus::Measured)
                    .map(|m| m.weight)
                    .sum();
                c.coverage = if all > 0.0 { measured / all } else { 0.0 };
            }
            // Criteria with no evidence at all give their weight to the others.
            let rubric_weight: f64 = criteria.iter().map(|c| c.weight).sum();
            let present_weight: f64 = criteria.iter().filter(|c| !c.excluded()).map(|c| c.weight).sum();
            let grow = if present_weight > 0.0 {
                rubric_weight / present_weight
            } else {
                0.0
            };
            for c in &mut criteria {
                c.effective_weight = if c.excluded() { 0.0 } else { c.weight * grow };
                c.points = c.effective_weight * c.score / 100.0;
            }
            let coverage = if rubric_weight > 0.0 {
                criteria.iter().map(|c| c.weight * c.coverage).sum::<f64>() / rubric_weight
            } else {
                0.0
            };
            VendorScore {
                id,
                total: criteria.iter().map(|c| c.points).sum(),
                coverage,
                knocked_out: false,
                knockouts: Vec::new(),
                unverified: Vec::new(),
                missing,
                criteria,
            }
        })
        .collect();
    if failures.is_empty() {
        Ok(scores)
    } else {
        Err(Error::Invalid(failures))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::metric::Metric;
    use crate::score::matrix::{Cell, Column};
    use crate::score::scorecard::MeasureStatus;

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
            insufficient: None,
        }
    }

    fn matrix(cells: Vec<Vec<Cell>>) -> DecisionMatrix {
        DecisionMatrix {
            vendors: (0..cells.len()).map(|i| format!("v{i}")).collect(),
            columns: vec![
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
            ],
            cells,
        }
    }

    #[test]
    fn points_are_the_weighted_mean_of_measure_scores_times_the_criterion_weight() {
        let rubric = crate::rubric::parse::from_toml(RUBRIC, "t.toml").unwrap();
        let scores = aggregate(
            &rubric,
            matrix(vec![vec![
                cell("cases_count", Some(50.0)),
                cell("docs_languages", Some(100.0)),
                cell("cases_industries", Some(100.0)),
            ]]),
        )
        .unwrap();
        // docs (50*3 + 100*1) / 4 = 62.5% of 40 = 25 points; cases 100% of 60 = 60 points.
        let v = &scores[0];
        assert!((v.criteria[0].score - 62.5).abs() < 1e-9);
        assert!((v.criteria[0].points - 25.0).abs() < 1e-9);
        assert!((v.total - 85.0).abs() < 1e-9);
        assert_eq!(v.coverage, 1.0);
        assert!(v.missing.is_empty());
    }

    #[test]
    fn a_missing_measure_is_excluded_or_scored_as_the_rubric_says_and_flagged() {
        let rubric = crate::rubric::parse::from_toml(RUBRIC, "t.toml").unwrap();
        let scores = aggregate(
            &rubric,
            matrix(vec![
                // docs_languages missing: its missing_score (20) counts; coverage loses 1/4 of docs.
                vec![
                    cell("cases_count", Some(50.0)),
                    cell("docs_languages", None),
                    cell("cases_industries", Some(100.0)),
                ],
                // cases_count missing (excluded): docs is judged on docs_languages alone.
                vec![
                    cell("cases_count", None),
                    cell("docs_languages", Some(100.0)),
                    cell("cases_industries", Some(100.0)),
                ],
            ]),
        )
        .unwrap();
        let a = &scores[0];
        assert!((a.criteria[0].score - 42.5).abs() < 1e-9, "(50*3 + 20*1) / 4");
        assert_eq!(a.criteria[0].measures[1].status, MeasureStatus::ScoredMissing);
        assert!((a.coverage - (0.4 * 0.75 + 0.6)).abs() < 1e-9);
        assert_eq!(a.missing.len(), 1);
        assert!(a.missing[0].contains("scored 20"), "{:?}", a.missing);
        let b = &scores[1];
        assert_eq!(b.criteria[0].measures[0].status, MeasureStatus::Excluded);
        assert!(
            (b.criteria[0].score - 100.0).abs() < 1e-9,
            "judged on docs_languages alone"
        );
        assert!((b.total - 100.0).abs() < 1e-9);
        assert!((b.coverage - (0.4 * 0.25 + 0.6)).abs() < 1e-9);
        assert!(b.missing[0].contains("excluded"), "{:?}", b.missing);
    }

    #[test]
    fn a_criterion_without_evidence_gives_its_weight_to_the_others() {
        let rubric = crate::rubric::parse::from_toml(RUBRIC, "t.toml").unwrap();
        let scores = aggregate(
            &rubric,
            matrix(vec![vec![
                cell("cases_count", Some(100.0)),
                cell("docs_languages", Some(50.0)),
                cell("cases_industries", None),
            ]]),
        )
        .unwrap();
        let v = &scores[0];
        assert!(v.criteria[1].excluded());
        assert_eq!(v.criteria[1].points, 0.0);
        assert_eq!(v.criteria[1].effective_weight, 0.0);
        // docs carries the whole 100: (100*3 + 50*1) / 4 = 87.5% of 100.
        assert!((v.criteria[0].effective_weight - 100.0).abs() < 1e-9);
        assert!((v.total - 87.5).abs() < 1e-9);
        assert!((v.coverage - 0.4).abs() < 1e-9, "only docs (40 of 100) is backed");
        let points: f64 = v.criteria.iter().map(|c| c.points).sum();
        assert!((points - v.total).abs() < 1e-9, "points add up to the total");
    }

    #[test]
    fn missing_fail_stops_the_evaluation_naming_vendor_and_measure() {
        let src = RUBRIC.replace(
            "  metric = \"cases_industries\"\n",
            "  metric = \"cases_industries\"\n  missing = \"fail\"\n",
        );
        let rubric = crate::rubric::parse::from_toml(&src, "t.toml").unwrap();
        let err = aggregate(
            &rubric,
            matrix(vec![vec![
                cell("cases_count", Some(100.0)),
                cell("docs_languages", Some(50.0)),
                cell("cases_industries", None),
            ]]),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("v0: cases / cases_industries"), "{text}");
        assert!(text.contains("missing = \"fail\""), "{text}");
    }
}
