//! Number formatting for people and for machine-read output, in one place, so that every
//! report writes the same value the same way (fixed precision, no trailing noise).

/// A number for people: one decimal, without a trailing `.0`; `never` for infinity.
pub fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return "never".to_string();
    }
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// A percentage as promised (`99.95%`, `99.9%`, `100%`): up to three decimals, never rounded
/// up to a promise not made.
pub fn fmt_percent(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}%")
}

/// Minutes for people: `12.5 min`, or `never` for a probe never answered.
pub fn fmt_minutes(x: f64) -> String {
    if x.is_finite() {
        format!("{} min", fmt_num(x))
    } else {
        "never".to_string()
    }
}

/// A share as a percentage with one decimal: `0.125` -> `12.5%`.
pub fn fmt_share(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A number that may be missing: `-` when it is.
pub fn fmt_opt(x: Option<f64>) -> String {
    x.map(fmt_num).unwrap_or_else(|| "-".into())
}

/// A share that may be missing: `-` when it is.
pub fn fmt_opt_share(x: Option<f64>) -> String {
    x.map(fmt_share).unwrap_or_else(|| "-".into())
}

/// An interval `low–high` that may be missing: `-` when it is.
pub fn fmt_opt_interval(x: Option<[f64; 2]>) -> String {
    x.map(|[a, b]| format!("{}–{}", fmt_num(a), fmt_num(b)))
        .unwrap_or_else(|| "-".into())
}

/// A criterion's points in a ranking: `-` when it has no evidence for the vendor (its weight
/// went to the others), a `*` when its weight grew by such criteria.
pub fn fmt_points(points: f64, excluded: bool, grown: bool) -> String {
    if excluded {
        "-".to_string()
    } else if grown {
        format!("{}*", fmt2(points))
    } else {
        fmt2(points)
    }
}

/// A count for people, with thousands separated: `8238` -> `8,238`.
pub fn fmt_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Fixed two-decimal formatting for points and totals.
pub fn fmt2(x: f64) -> String {
    format!("{x:.2}")
}

/// Fixed three-decimal formatting (a rank correlation, a consistency ratio); `undefined` when
/// there is none.
pub fn fmt3(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.3}")).unwrap_or_else(|| "undefined".into())
}

/// `x` rounded to `digits` decimals (for machine-read output and for comparing totals);
/// infinities and NaN are returned as they are.
pub fn round_to(x: f64, digits: i32) -> f64 {
    if x.is_finite() {
        let scale = 10f64.powi(digits);
        (x * scale).round() / scale
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_promised_percentage_is_never_rounded_up() {
        assert_eq!(fmt_percent(99.95), "99.95%");
        assert_eq!(fmt_percent(99.9), "99.9%");
        assert_eq!(fmt_percent(100.0), "100%");
        assert_eq!(fmt_percent(99.999), "99.999%");
    }

    #[test]
    fn numbers_read_the_same_everywhere() {
        assert_eq!(fmt_num(12.0), "12");
        assert_eq!(fmt_num(12.25), "12.2");
        assert_eq!(fmt_num(f64::INFINITY), "never");
        assert_eq!(fmt_minutes(90.0), "90 min");
        assert_eq!(fmt_minutes(f64::INFINITY), "never");
        assert_eq!(fmt_share(0.125), "12.5%");
        assert_eq!(fmt_opt(None), "-");
        assert_eq!(fmt_points(12.5, false, false), "12.50");
        assert_eq!(fmt_points(0.0, true, false), "-");
        assert_eq!(fmt_points(30.0, false, true), "30.00*");
        assert_eq!(fmt_opt(Some(2.0)), "2");
        assert_eq!(fmt_opt_share(Some(0.5)), "50.0%");
        assert_eq!(fmt_opt_interval(Some([1.0, 2.5])), "1–2.5");
        assert_eq!(fmt2(12.345), "12.35");
        assert_eq!(fmt_count(0), "0");
        assert_eq!(fmt_count(999), "999");
        assert_eq!(fmt_count(8238), "8,238");
        assert_eq!(fmt_count(1_234_567), "1,234,567");
        assert_eq!(round_to(2.345678, 2), 2.35);
        assert_eq!(round_to(1.0 / 3.0, 6), 0.333333);
        assert!(round_to(f64::INFINITY, 2).is_infinite());
    }
}
