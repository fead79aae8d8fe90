//! The analytic hierarchy process (Saaty): criterion weights from pairwise comparisons.
//!
//! A reciprocal matrix `a[i][j]` ("criterion i is a[i][j] times as important as j", Saaty's
//! 1-9 scale, `a[j][i] = 1 / a[i][j]`) gives the weights as its principal eigenvector (found
//! by power iteration to 1e-12), scaled to sum to 100. How far the judgements are from
//! agreeing with each other is the consistency ratio: `CI = (lambda_max - n) / (n - 1)`,
//! `CR = CI / RI(n)` with Saaty's random index `RI`; above 0.10 the judgements should be
//! revised, and [`most_inconsistent`] says which: the pairs whose given ratio differs most
//! (as a factor: |ln(given) - ln(implied)|) from the ratio the weights imply.

/// The largest consistency ratio accepted (Saaty).
pub const MAX_CONSISTENCY_RATIO: f64 = 0.10;

/// The weights a pairwise comparison matrix gives, and how consistent it is.
#[derive(Debug, Clone, PartialEq)]
pub struct AhpResult {
    /// The comparison matrix, reciprocals filled in: `matrix[i][j]` is how many times more
    /// important criterion i is than criterion j.
    pub matrix: Vec<Vec<f64>>,
    /// In the matrix's order, summing to 100.
    pub weights: Vec<f64>,
    /// The principal eigenvalue (n for perfectly consistent judgements).
    pub lambda_max: f64,
    /// `(lambda_max - n) / (n - 1)` (0 for n < 3).
    pub consistency_index: f64,
    /// Saaty's random index for n.
    pub random_index: f64,
    /// `CI / RI` (0 for n < 3).
    pub consistency_ratio: f64,
}

/// Saaty's random index: the mean consistency index of random reciprocal matrices of order
/// `n` (1 and 2: 0; 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10 and
/// more: 1.49, the table's last value).
pub fn random_index(n: usize) -> f64 {
    match n {
        0..=2 => 0.0,
        3 => 0.58,
        4 => 0.90,
        5 => 1.12,
        6 => 1.24,
        7 => 1.32,
        8 => 1.41,
        9 => 1.45,
        _ => 1.49,
    }
}

/// The weights of a positive reciprocal matrix (rows of equal length `n >= 1`, entries > 0).
pub fn weigh(a: &[Vec<f64>]) -> AhpResult {
    let n = a.len();
    let mut w = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..100_000 {
        for (i, row) in a.iter().enumerate() {
            next[i] = row.iter().zip(&w).map(|(x, y)| x * y).sum();
        }
        let s: f64 = next.iter().sum();
        next.iter_mut().for_each(|x| *x /= s);
        let change = next
            .iter()
            .zip(&w)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        std::mem::swap(&mut w, &mut next);
        if change < 1e-12 {
            break;
        }
    }
    // With w summing to 1, A w = lambda w sums to lambda.
    let lambda_max: f64 = a
        .iter()
        .map(|row| row.iter().zip(&w).map(|(x, y)| x * y).sum::<f64>())
        .sum();
    let (consistency_index, random_index) = if n < 3 {
        (0.0, 0.0)
    } else {
        ((lambda_max - n as f64) / (n as f64 - 1.0), random_index(n))
    };
    let consistency_ratio = if random_index > 0.0 {
        (consistency_index / random_index).max(0.0)
    } else {
        0.0
    };
    AhpResult {
        matrix: a.to_vec(),
        weights: w.iter().map(|x| x * 100.0).collect(),
        lambda_max,
        consistency_index,
        random_index,
        consistency_ratio,
    }
}

/// A judgement set against the weights: `a[i][j]` given, `w_i / w_j` implied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Discrepancy {
    pub i: usize,
    pub j: usize,
    pub given: f64,
    pub implied: f64,
}

/// The `k` judgements of the upper triangle (i < j) whose given ratio differs most, as a
/// factor, from the one the weights imply; the largest first (ties: in matrix order).
pub fn most_inconsistent(a: &[Vec<f64>], weights: &[f64], k: usize) -> Vec<Discrepancy> {
    let mut all = Vec::new();
    for i in 0..a.len() {
        for j in i + 1..a.len() {
            all.push(Discrepancy {
                i,
                j,
                given: a[i][j],
                implied: weights[i] / weights[j],
            });
        }
    }
    let gap = |d: &Discrepancy| (d.given.ln() - d.implied.ln()).abs();
    all.sort_by(|x, y| gap(y).total_cmp(&gap(x)).then((x.i, x.j).cmp(&(y.i, y.j))));
    all.truncate(k);
    all
}

/// A judgement's number on Saaty's scale: `1` to `9`, or `1/2` to `1/9`.
pub fn parse_intensity(s: &str) -> Option<f64> {
    let digit = |t: &str| t.parse::<u8>().ok().filter(|d| (1..=9).contains(d));
    match s.split_once('/') {
        None => digit(s).map(f64::from),
        Some(("1", d)) => digit(d).map(|d| 1.0 / f64::from(d)),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The upper triangle (row by row) as a reciprocal matrix.
    fn reciprocal(n: usize, upper: &[f64]) -> Vec<Vec<f64>> {
        let mut a = vec![vec![1.0; n]; n];
        let pairs = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j)));
        for ((i, j), v) in pairs.zip(upper) {
            a[i][j] = *v;
            a[j][i] = 1.0 / v;
        }
        a
    }

    /// Wikipedia, "Analytic hierarchy process – leader example" (the criteria of choosing a
    /// company's leader: experience, education, charisma, age): experience is 4 times as
    /// important as education, 3 times charisma, 7 times age; education 1/3 charisma, 3 age;
    /// charisma 5 age. Published weights .547, .127, .270, .056; CR 0.044.
    #[test]
    fn the_wikipedia_leader_example() {
        let a = reciprocal(4, &[4.0, 3.0, 7.0, 1.0 / 3.0, 3.0, 5.0]);
        let r = weigh(&a);
        // Within one unit of the published third decimal (the eigenvector gives .5476).
        let published = [54.7, 12.7, 27.0, 5.6];
        for (w, p) in r.weights.iter().zip(published) {
            assert!((w - p).abs() < 0.1, "{:?}", r.weights);
        }
        assert!((r.weights.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        assert!((r.consistency_ratio - 0.044).abs() < 0.0005, "{r:?}");
        assert!((r.lambda_max - 4.118).abs() < 0.0005, "{r:?}");
    }

    /// Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services
    /// Sciences 1(1), Table 3 (from Saaty 1980): a family buying a house, eight criteria (size,
    /// transportation, neighbourhood, age, yard space, modern facilities, general condition,
    /// financing). Published priorities .173 .054 .188 .018 .031 .036 .167 .333,
    /// lambda_max 9.669, CI 0.238, CR 0.169: too inconsistent by the 0.10 rule.
    #[test]
    fn saatys_house_example() {
        let upper = [
            5.0,
            3.0,
            7.0,
            6.0,
            6.0,
            1.0 / 3.0,
            1.0 / 4.0, // size
            1.0 / 3.0,
            5.0,
            3.0,
            3.0,
            1.0 / 5.0,
            1.0 / 7.0, // transportation
            6.0,
            3.0,
            4.0,
            6.0,
            1.0 / 5.0, // neighbourhood
            1.0 / 3.0,
            1.0 / 4.0,
            1.0 / 7.0,
            1.0 / 8.0, // age
            1.0 / 2.0,
            1.0 / 5.0,
            1.0 / 6.0, // yard
            1.0 / 5.0,
            1.0 / 6.0, // facilities
            1.0 / 2.0, // condition
        ];
        let r = weigh(&reciprocal(8, &upper));
        let published = [17.3, 5.4, 18.8, 1.8, 3.1, 3.6, 16.7, 33.3];
        for (w, p) in r.weights.iter().zip(published) {
            assert!((w - p).abs() < 0.06, "{:?}", r.weights);
        }
        assert!((r.lambda_max - 9.669).abs() < 0.0005, "{r:?}");
        assert!((r.consistency_index - 0.238).abs() < 0.0005, "{r:?}");
        assert!((r.consistency_ratio - 0.169).abs() < 0.0005, "{r:?}");
        assert_eq!(r.random_index, 1.41);
    }

    #[test]
    fn a_consistent_matrix_has_lambda_n_and_cr_0_and_the_worst_judgement_is_found() {
        // w = 4 : 2 : 1 exactly.
        let r = weigh(&reciprocal(3, &[2.0, 4.0, 2.0]));
        assert!((r.weights[0] - 400.0 / 7.0).abs() < 1e-9);
        assert!((r.lambda_max - 3.0).abs() < 1e-9);
        assert!(r.consistency_ratio < 1e-9);
        // One judgement spoiled: a[0][2] = 1/4 instead of 4 stands out.
        let a = reciprocal(4, &[2.0, 0.25, 8.0, 2.0, 4.0, 2.0]);
        let r = weigh(&a);
        let worst = most_inconsistent(&a, &r.weights, 3);
        assert_eq!((worst[0].i, worst[0].j), (0, 2), "{worst:?}");
        assert_eq!(worst.len(), 3);
    }

    #[test]
    fn saatys_scale() {
        assert_eq!(parse_intensity("3"), Some(3.0));
        assert_eq!(parse_intensity("1/3"), Some(1.0 / 3.0));
        assert_eq!(parse_intensity("10"), None);
        assert_eq!(parse_intensity("0"), None);
        assert_eq!(parse_intensity("2/3"), None);
        assert_eq!(parse_intensity("1.5"), None);
        assert_eq!(random_index(2), 0.0);
        assert_eq!(random_index(10), 1.49);
    }
}
