//! Weight constraints as a rubric states them: `"response >= channels"`, `"docs <= 20"`,
//! `"response >= 2 * channels + 5"`. Each side is a sum of terms (a criterion id, a number, or
//! a number times an id, `2 * docs` or `2 docs`); numbers are weight points (of 100); the
//! comparison is `<=` or `>=` (`≤`, `≥`). A minus between two terms is written with spaces
//! around it (`a - b`), since ids may contain `-`.

use super::error::RobustnessError;

/// `Σ coef · w <= bound`, the weights `w` as fractions (summing to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct LinearConstraint {
    /// As written.
    pub text: String,
    /// (criterion index, coefficient), by index, no zeros.
    pub terms: Vec<(usize, f64)>,
    pub bound: f64,
}

impl LinearConstraint {
    /// Whether weights in points (summing to 100) satisfy it, to `tol` points.
    pub fn holds_for_points(&self, weights: &[f64], tol: f64) -> bool {
        let lhs: f64 = self.terms.iter().map(|(j, c)| c * weights[*j]).sum();
        lhs <= self.bound * 100.0 + tol
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Id(String),
    Plus,
    Minus,
    Star,
    Le,
    Ge,
}

/// Parses constraint number `index` (from 0, for messages) over `criteria`.
pub fn parse(index: usize, text: &str, criteria: &[String]) -> Result<LinearConstraint, RobustnessError> {
    let fail = |column: usize, message: String| RobustnessError::Constraint {
        index,
        text: text.to_string(),
        column,
        message,
    };
    let toks = lex(text).map_err(|(c, m)| fail(c, m))?;
    let end = text.chars().count() + 1;
    // lhs - rhs, as coefficients per criterion and a constant in points.
    let mut coef = vec![0.0; criteria.len()];
    let mut constant = 0.0;
    let mut side = 1.0;
    let mut op: Option<Tok> = None;
    let mut k = 0;
    loop {
        // A side: [+|-] term { (+|-) term }.
        loop {
            let mut sign = 1.0;
            match toks.get(k) {
                Some((_, Tok::Plus)) => k += 1,
                Some((_, Tok::Minus)) => {
                    sign = -1.0;
                    k += 1;
                }
                _ => {}
            }
            let (factor, id) = match (toks.get(k), toks.get(k + 1), toks.get(k + 2)) {
                (Some((_, Tok::Num(x))), Some((_, Tok::Star)), Some((c, Tok::Id(id)))) => {
                    k += 3;
                    (*x, Some((*c, id)))
                }
                (Some((_, Tok::Num(x))), Some((c, Tok::Id(id))), _) => {
                    k += 2;
                    (*x, Some((*c, id)))
                }
                (Some((_, Tok::Num(x))), _, _) => {
                    k += 1;
                    (*x, None)
                }
                (Some((c, Tok::Id(id))), _, _) => {
                    k += 1;
                    (1.0, Some((*c, id)))
                }
                (Some((c, _)), _, _) => return Err(fail(*c, "expected a criterion id or a number".into())),
                (None, _, _) => return Err(fail(end, "expected a criterion id or a number".into())),
            };
            match id {
                Some((c, id)) => match criteria.iter().position(|x| x == id) {
                    Some(j) => coef[j] += side * sign * factor,
                    None => {
                        return Err(fail(
                            c,
                            format!(
                                "unknown criterion `{id}` (the criteria are {})",
                                criteria.join(", ")
                            ),
                        ))
                    }
                },
                None => constant += side * sign * factor,
            }
            match toks.get(k) {
                Some((_, Tok::Plus | Tok::Minus)) => continue,
                _ => break,
            }
        }
        match (toks.get(k), &op) {
            (Some((_, t @ (Tok::Le | Tok::Ge))), None) => {
                op = Some(t.clone());
                side = -1.0;
                k += 1;
            }
            (Some((c, Tok::Le | Tok::Ge)), Some(_)) => {
                return Err(fail(*c, "one comparison per constraint".into()));
            }
            (Some((c, _)), _) => return Err(fail(*c, "expected `+`, `-`, `<=` or `>=`".into())),
            (None, None) => return Err(fail(end, "expected `<=` or `>=`".into())),
            (None, Some(_)) => break,
        }
    }
    // lhs - rhs <= 0 for `<=`; rhs - lhs <= 0 for `>=`.
    let flip = if op == Some(Tok::Ge) { -1.0 } else { 1.0 };
    let terms: Vec<(usize, f64)> = coef
        .iter()
        .enumerate()
        .filter(|(_, c)| **c != 0.0)
        .map(|(j, c)| (j, flip * c))
        .collect();
    if terms.is_empty() {
        return Err(fail(1, "names no criterion weight (or its terms cancel)".into()));
    }
    Ok(LinearConstraint {
        text: text.to_string(),
        terms,
        bound: -flip * constant / 100.0,
    })
}

/// Tokens with their 1-based columns, or (column, message).
fn lex(text: &str) -> Result<Vec<(usize, Tok)>, (usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let is_id = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            let x: f64 = s.parse().map_err(|_| (col, format!("`{s}` is not a number")))?;
            out.push((col, Tok::Num(x)));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && is_id(chars[i]) {
                i += 1;
            }
            out.push((col, Tok::Id(chars[start..i].iter().collect())));
        } else {
            let next = chars.get(i + 1).copied();
            let (tok, len) = match (c, next) {
                ('<', Some('=')) => (Tok::Le, 2),
                ('>', Some('=')) => (Tok::Ge, 2),
                ('≤', _) => (Tok::Le, 1),
                ('≥', _) => (Tok::Ge, 1),
                ('+', _) => (Tok::Plus, 1),
                ('-', _) => (Tok::Minus, 1),
                ('*', _) => (Tok::Star, 1),
                ('<' | '>' | '=', _) => return Err((col, "expected `<=` or `>=`".into())),
                _ => return Err((col, format!("unexpected `{c}`"))),
            };
            out.push((col, tok));
            i += len;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crit() -> Vec<String> {
        ["response", "channels", "docs", "weak-net"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn ok(text: &str) -> (Vec<(usize, f64)>, f64) {
        let c = parse(0, text, &crit()).unwrap_or_else(|e| panic!("{e}"));
        (c.terms, c.bound)
    }

    fn err(text: &str) -> (usize, String) {
        match parse(2, text, &crit()) {
            Err(RobustnessError::Constraint {
                index,
                column,
                message,
                ..
            }) => {
                assert_eq!(index, 2);
                (column, message)
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn the_rubric_forms() {
        // response >= channels  <=>  channels - response <= 0
        assert_eq!(ok("response >= channels"), (vec![(0, -1.0), (1, 1.0)], 0.0));
        assert_eq!(ok("docs <= 20"), (vec![(2, 1.0)], 0.2));
        assert_eq!(ok("20 >= docs"), (vec![(2, 1.0)], 0.2));
        assert_eq!(ok("docs>=5"), (vec![(2, -1.0)], -0.05));
        // response >= 2 channels + 5  <=>  -response + 2 channels <= -5 points
        assert_eq!(
            ok("response >= 2 * channels + 5"),
            (vec![(0, -1.0), (1, 2.0)], -0.05)
        );
        assert_eq!(
            ok("response ≥ 2 channels + 5"),
            ok("response >= 2 * channels + 5")
        );
        assert_eq!(ok("weak-net - docs <= 10"), (vec![(2, -1.0), (3, 1.0)], 0.1));
        assert_eq!(ok("-docs + response + docs <= 40"), (vec![(0, 1.0)], 0.4));
        assert_eq!(
            ok("response + channels >= 0.5 * docs"),
            (vec![(0, -1.0), (1, -1.0), (2, 0.5)], 0.0)
        );
    }

    #[test]
    fn errors_point_at_the_column() {
        let (c, m) = err("response >= chanels");
        assert_eq!(c, 13);
        assert!(
            m.starts_with("unknown criterion `chanels` (the criteria are response, channels"),
            "{m}"
        );
        assert_eq!(err("response > channels").0, 10);
        assert_eq!(err("response = channels").1, "expected `<=` or `>=`");
        assert_eq!(err("response channels").1, "expected `+`, `-`, `<=` or `>=`");
        assert_eq!(err("docs <=").0, 8);
        assert_eq!(err("docs").1, "expected `<=` or `>=`");
        assert_eq!(err("docs <= 20 <= 30").1, "one comparison per constraint");
        assert_eq!(
            err("20 <= 30").1,
            "names no criterion weight (or its terms cancel)"
        );
        assert_eq!(err("docs <= docs + 1").0, 1);
        assert_eq!(err("docs <= 2..0").1, "`2..0` is not a number");
        assert_eq!(err("docs <= 20%").1, "unexpected `%`");
    }

    #[test]
    fn checks_points() {
        let c = parse(0, "response >= channels", &crit()).unwrap();
        assert!(c.holds_for_points(&[30.0, 30.0, 20.0, 20.0], 1e-9));
        assert!(!c.holds_for_points(&[20.0, 30.0, 30.0, 20.0], 1e-9));
    }
}
