//! Percentages (`95%`, `95 percent`, `95%`).

/// Every percentage in the text (`95%`, `95 percent`, `95%`), in order.
pub(in crate::ingest::sla) fn percents_in(norm: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = norm[from..]
        .find(['%', '%'])
        .or_else(|| norm[from..].find(" percent"))
    {
        let idx = from + rel;
        let before = &norm[..idx];
        let start = before
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        if let Ok(v) = before[start..].trim().parse::<f64>() {
            out.push(v);
        }
        from = idx + norm[idx..].chars().next().map_or(1, char::len_utf8);
    }
    out
}
