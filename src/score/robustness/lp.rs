//! A small dense linear program solver: minimise `c·x` subject to `A x = b`, `x >= 0`, by the
//! two-phase simplex method with Bland's rule (no cycling). Sized for what the weight
//! polytope needs (tens of rows and columns), not for large problems.

const EPS: f64 = 1e-10;

#[derive(Debug, Clone, PartialEq)]
pub enum LpOutcome {
    Optimal { x: Vec<f64>, value: f64 },
    Infeasible,
    Unbounded,
}

/// Minimises `c·x` subject to `a x = b` (`a` row by row, each row as long as `c`), `x >= 0`.
pub fn minimize(c: &[f64], a: &[Vec<f64>], b: &[f64]) -> LpOutcome {
    let (rows, nv) = (a.len(), c.len());
    // Tableau: structural columns, one artificial per row, then the right-hand side.
    let cols = nv + rows;
    let rhs = cols;
    let mut t: Vec<Vec<f64>> = a
        .iter()
        .zip(b)
        .enumerate()
        .map(|(i, (row, bi))| {
            let s = if *bi < 0.0 { -1.0 } else { 1.0 };
            let mut r: Vec<f64> = row.iter().map(|v| s * v).collect();
            r.resize(cols + 1, 0.0);
            r[nv + i] = 1.0;
            r[rhs] = s * bi;
            r
        })
        .collect();
    let mut basis: Vec<usize> = (nv..nv + rows).collect();

    // Phase 1: minimise the sum of the artificials.
    let mut obj = vec![0.0; cols + 1];
    for r in &t {
        for j in 0..nv {
            obj[j] -= r[j];
        }
        obj[rhs] -= r[rhs];
    }
    if !run(&mut t, &mut obj, &mut basis, cols) {
        return LpOutcome::Unbounded; // cannot happen in phase 1 (bounded below by 0)
    }
    if -obj[rhs] > 1e-9 {
        return LpOutcome::Infeasible;
    }
    // Drive the artificials still in the basis (at 0) out where a structural column can
    // replace them; rows where none can are redundant and stay with their artificial at 0.
    for i in 0..rows {
        if basis[i] >= nv {
            if let Some(j) = (0..nv).find(|&j| t[i][j].abs() > 1e-9) {
                pivot(&mut t, &mut obj, &mut basis, i, j);
            }
        }
    }

    // Phase 2: the real objective, artificials never entering.
    let mut obj = vec![0.0; cols + 1];
    obj[..nv].copy_from_slice(c);
    for (i, r) in t.iter().enumerate() {
        let cb = if basis[i] < nv { c[basis[i]] } else { 0.0 };
        if cb != 0.0 {
            for j in 0..=cols {
                obj[j] -= cb * r[j];
            }
        }
    }
    if !run(&mut t, &mut obj, &mut basis, nv) {
        return LpOutcome::Unbounded;
    }
    let mut x = vec![0.0; nv];
    for (i, &j) in basis.iter().enumerate() {
        if j < nv {
            x[j] = t[i][rhs];
        }
    }
    let value = c.iter().zip(&x).map(|(ci, xi)| ci * xi).sum();
    LpOutcome::Optimal { x, value }
}

/// Simplex iterations over entering columns `0..enter_limit`; false when unbounded.
fn run(t: &mut [Vec<f64>], obj: &mut [f64], basis: &mut [usize], enter_limit: usize) -> bool {
    let rhs = obj.len() - 1;
    loop {
        // Bland: the lowest-index column with a negative reduced cost enters ...
        let Some(j) = (0..enter_limit).find(|&j| obj[j] < -EPS) else {
            return true;
        };
        // ... and of the rows tied in the ratio test, the one with the lowest basic index leaves.
        let mut leave: Option<(usize, f64)> = None;
        for (i, r) in t.iter().enumerate() {
            if r[j] > EPS {
                let ratio = r[rhs] / r[j];
                leave = match leave {
                    Some((k, best)) if ratio > best + EPS || (ratio > best - EPS && basis[k] < basis[i]) => {
                        Some((k, best))
                    }
                    _ => Some((i, ratio)),
                };
            }
        }
        let Some((i, _)) = leave else { return false };
        pivot(t, obj, basis, i, j);
    }
}

fn pivot(t: &mut [Vec<f64>], obj: &mut [f64], basis: &mut [usize], i: usize, j: usize) {
    let p = t[i][j];
    for v in t[i].iter_mut() {
        *v /= p;
    }
    let row = t[i].clone();
    for (k, r) in t.iter_mut().enumerate() {
        if k != i && r[j] != 0.0 {
            let f = r[j];
            for (v, pv) in r.iter_mut().zip(&row) {
                *v -= f * pv;
            }
        }
    }
    let f = obj[j];
    if f != 0.0 {
        for (v, pv) in obj.iter_mut().zip(&row) {
            *v -= f * pv;
        }
    }
    basis[i] = j;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn optimal(o: LpOutcome) -> (Vec<f64>, f64) {
        match o {
            LpOutcome::Optimal { x, value } => (x, value),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_textbook_problem() {
        // max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18 (slacks s1..s3): x = 2, y = 6, 36.
        let a = vec![
            vec![1.0, 0.0, 1.0, 0.0, 0.0],
            vec![0.0, 2.0, 0.0, 1.0, 0.0],
            vec![3.0, 2.0, 0.0, 0.0, 1.0],
        ];
        let (x, v) = optimal(minimize(&[-3.0, -5.0, 0.0, 0.0, 0.0], &a, &[4.0, 12.0, 18.0]));
        assert!((v + 36.0).abs() < 1e-9 && (x[0] - 2.0).abs() < 1e-9 && (x[1] - 6.0).abs() < 1e-9);
    }

    #[test]
    fn equalities_negative_right_hand_sides_and_redundant_rows() {
        // min x + 2y s.t. x + y = 1, -x + s = -0.25 (x >= 0.25), and x + y = 1 again.
        let a = vec![vec![1.0, 1.0, 0.0], vec![-1.0, 0.0, 1.0], vec![1.0, 1.0, 0.0]];
        let (x, v) = optimal(minimize(&[1.0, 2.0, 0.0], &a, &[1.0, -0.25, 1.0]));
        assert!((v - 1.0).abs() < 1e-9 && (x[0] - 1.0).abs() < 1e-9, "{x:?}");
    }

    #[test]
    fn infeasible_and_unbounded() {
        // x + y = 1 and x + y = 2.
        let a = vec![vec![1.0, 1.0], vec![1.0, 1.0]];
        assert_eq!(minimize(&[1.0, 1.0], &a, &[1.0, 2.0]), LpOutcome::Infeasible);
        // min -x s.t. x - y = 0.
        assert_eq!(
            minimize(&[-1.0, 0.0], &[vec![1.0, -1.0]], &[0.0]),
            LpOutcome::Unbounded
        );
    }
}
