//! The input of the robustness analysis: m vendors x n criteria, each cell a criterion score
//! (0-100) known exactly, known to lie in an interval, known through bootstrap values, or
//! missing; and the rubric's criterion weights (points, summing to 100).
//!
//! A missing cell is excluded for that vendor, its weight spread over the vendor's other
//! criteria in proportion to theirs (a vendor's total is the weighted mean of the criteria it
//! has evidence for), as in every draw of the simulation.

use super::error::RobustnessError;

/// What is known of one vendor's score (0-100) on one criterion.
#[derive(Debug, Clone, PartialEq)]
pub enum Uncertain {
    /// A point value.
    Exact(f64),
    /// A value somewhere in `[lo, hi]` (a confidence interval), drawn uniformly.
    Interval { lo: f64, hi: f64 },
    /// Bootstrap values (e.g. the score recomputed on resampled probes), one drawn at random.
    Samples(Vec<f64>),
    /// No evidence: the criterion is excluded for this vendor.
    Missing,
}

impl Uncertain {
    /// The point value used where one number is needed (the weight sensitivity): the value,
    /// the interval's midpoint, the mean of the samples; `None` when missing.
    pub fn point(&self) -> Option<f64> {
        match self {
            Uncertain::Exact(v) => Some(*v),
            Uncertain::Interval { lo, hi } => Some(0.5 * (lo + hi)),
            Uncertain::Samples(s) => Some(s.iter().sum::<f64>() / s.len() as f64),
            Uncertain::Missing => None,
        }
    }

    /// Whether a draw can differ from another draw.
    pub fn is_uncertain(&self) -> bool {
        match self {
            Uncertain::Exact(_) | Uncertain::Missing => false,
            Uncertain::Interval { lo, hi } => hi > lo,
            Uncertain::Samples(s) => s.iter().any(|v| *v != s[0]),
        }
    }
}

/// A validated vendors x criteria problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    vendors: Vec<String>,
    criteria: Vec<String>,
    weights: Vec<f64>,
    cells: Vec<Uncertain>,
}

impl Problem {
    /// Checks and builds a problem: `values[i][j]` is vendor `i` on criterion `j`; `weights`
    /// are the rubric's criterion weights in points (>= 0, summing to 100). Every value must
    /// lie in 0-100, intervals must have `lo <= hi`, sample sets must not be empty, ids must be
    /// unique, and every vendor needs evidence on at least one criterion of positive weight.
    pub fn new(
        vendors: Vec<String>,
        criteria: Vec<String>,
        weights: Vec<f64>,
        values: Vec<Vec<Uncertain>>,
    ) -> Result<Problem, RobustnessError> {
        let bad = |m: String| Err(RobustnessError::Input(m));
        if vendors.is_empty() || criteria.is_empty() {
            return bad("the robustness analysis needs at least one vendor and one criterion".into());
        }
        for (kind, ids) in [("vendor", &vendors), ("criterion", &criteria)] {
            for (k, id) in ids.iter().enumerate() {
                if ids[..k].contains(id) {
                    return bad(format!("{kind} id `{id}` appears twice"));
                }
            }
        }
        if weights.len() != criteria.len() {
            return bad(format!(
                "{} weights for {} criteria",
                weights.len(),
                criteria.len()
            ));
        }
        if let Some((j, w)) = weights
            .iter()
            .enumerate()
            .find(|(_, w)| !(w.is_finite() && **w >= 0.0))
        {
            return bad(format!(
                "criterion `{}` has weight {w}: expected a number >= 0",
                criteria[j]
            ));
        }
        let sum: f64 = weights.iter().sum();
        if (sum - 100.0).abs() > 1e-6 {
            return bad(format!("criterion weights sum to {sum}, expected 100"));
        }
        if values.len() != vendors.len() {
            return bad(format!(
                "{} rows of values for {} vendors",
                values.len(),
                vendors.len()
            ));
        }
        let mut cells = Vec::with_capacity(vendors.len() * criteria.len());
        for (i, row) in values.into_iter().enumerate() {
            let vendor = &vendors[i];
            if row.len() != criteria.len() {
                return bad(format!(
                    "vendor `{vendor}` has {} values for {} criteria",
                    row.len(),
                    criteria.len()
                ));
            }
            let mut weighted = false;
            for (j, cell) in row.iter().enumerate() {
                if let Err(what) = check_cell(cell) {
                    return bad(format!("vendor `{vendor}`, criterion `{}`: {what}", criteria[j]));
                }
                weighted |= *cell != Uncertain::Missing && weights[j] > 0.0;
            }
            if !weighted {
                return bad(format!(
                    "vendor `{vendor}` has no evidence on any criterion of positive weight: it cannot be scored"
                ));
            }
            cells.extend(row);
        }
        Ok(Problem {
            vendors,
            criteria,
            weights,
            cells,
        })
    }

    pub fn vendors(&self) -> &[String] {
        &self.vendors
    }

    pub fn criteria(&self) -> &[String] {
        &self.criteria
    }

    /// The rubric's weights, in points (summing to 100).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Vendor `i` on criterion `j`.
    pub fn cell(&self, i: usize, j: usize) -> &Uncertain {
        &self.cells[i * self.criteria.len() + j]
    }

    /// The cells, row by row (vendor-major).
    pub fn cells(&self) -> &[Uncertain] {
        &self.cells
    }

    /// Vendor `i`'s total (0-100) at the point values and the given weights (any positive
    /// scale): the weighted mean over the criteria it has evidence for, 0 when none of those
    /// carries weight.
    pub fn point_total(&self, i: usize, weights: &[f64]) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for (j, w) in weights.iter().enumerate() {
            if let Some(v) = self.cell(i, j).point() {
                num += w * v;
                den += w;
            }
        }
        if den > 0.0 {
            num / den
        } else {
            0.0
        }
    }
}

fn check_cell(cell: &Uncertain) -> Result<(), String> {
    let in_range = |v: f64| v.is_finite() && (0.0..=100.0).contains(&v);
    match cell {
        Uncertain::Exact(v) if !in_range(*v) => Err(format!("value {v} is not a score in 0-100")),
        Uncertain::Interval { lo, hi } if !(in_range(*lo) && in_range(*hi) && lo <= hi) => {
            Err(format!("interval [{lo}, {hi}] is not lo <= hi within 0-100"))
        }
        Uncertain::Samples(s) if s.is_empty() => Err("no bootstrap values".into()),
        Uncertain::Samples(s) => match s.iter().find(|v| !in_range(**v)) {
            Some(v) => Err(format!("bootstrap value {v} is not a score in 0-100")),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// A problem of vendors `v0..` and criteria `c0..` for tests.
#[cfg(test)]
pub(crate) fn test_problem(weights: &[f64], rows: Vec<Vec<Uncertain>>) -> Problem {
    let vendors = (0..rows.len()).map(|i| format!("v{i}")).collect();
    let criteria = (0..weights.len()).map(|j| format!("c{j}")).collect();
    Problem::new(vendors, criteria, weights.to_vec(), rows).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn point_values_and_uncertainty() {
        assert_eq!(Uncertain::Interval { lo: 40.0, hi: 60.0 }.point(), Some(50.0));
        assert_eq!(Uncertain::Samples(vec![10.0, 20.0, 60.0]).point(), Some(30.0));
        assert_eq!(Uncertain::Missing.point(), None);
        assert!(!Uncertain::Interval { lo: 5.0, hi: 5.0 }.is_uncertain());
        assert!(!Uncertain::Samples(vec![7.0, 7.0]).is_uncertain());
        assert!(Uncertain::Samples(vec![7.0, 8.0]).is_uncertain());
    }

    #[test]
    fn bad_problems_are_refused_with_the_cell_named() {
        let p = |w: Vec<f64>, v: Vec<Vec<Uncertain>>| Problem::new(ids(&["a", "b"]), ids(&["x", "y"]), w, v);
        let ok = vec![
            vec![Uncertain::Exact(50.0), Uncertain::Missing],
            vec![Uncertain::Exact(10.0), Uncertain::Exact(20.0)],
        ];
        assert!(p(vec![60.0, 40.0], ok.clone()).is_ok());
        let e = p(vec![60.0, 30.0], ok.clone()).unwrap_err();
        assert_eq!(e.to_string(), "criterion weights sum to 90, expected 100");
        let mut v = ok.clone();
        v[1][0] = Uncertain::Interval { lo: 30.0, hi: 20.0 };
        let e = p(vec![60.0, 40.0], v).unwrap_err().to_string();
        assert!(
            e.starts_with("vendor `b`, criterion `x`: interval [30, 20]"),
            "{e}"
        );
        let mut v = ok.clone();
        v[0][0] = Uncertain::Exact(0.5e3);
        assert!(p(vec![60.0, 40.0], v).is_err());
        // Evidence only on a criterion of weight 0.
        let e = p(vec![0.0, 100.0], ok).unwrap_err().to_string();
        assert!(e.contains("vendor `a` has no evidence"), "{e}");
    }

    #[test]
    fn a_missing_cell_spreads_its_weight() {
        let p = Problem::new(
            ids(&["a"]),
            ids(&["x", "y", "z"]),
            vec![50.0, 30.0, 20.0],
            vec![vec![
                Uncertain::Exact(80.0),
                Uncertain::Missing,
                Uncertain::Exact(30.0),
            ]],
        )
        .unwrap();
        // (50*80 + 20*30) / 70
        assert!((p.point_total(0, p.weights()) - 4600.0 / 70.0).abs() < 1e-12);
    }
}
