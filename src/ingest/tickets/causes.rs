//! Why rows were rejected, counted over every rejected row (not only the listed ones): each
//! rejection's cause is its column and reason without the cell's value, so that rows failing
//! for the same reason share one cause and a summary can name the one most rows share. Rows
//! whose channel is none of the customer channels are counted apart, by value.

/// One cause of rejection and the rows rejected for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// The column and the reason, values left out: `'Created at' has no time zone: ...`.
    pub text: String,
    pub rows: usize,
}

/// Rows rejected because their channel is none of the customer channels (when the channel is
/// required, as for `stats --by channel`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnknownChannels {
    /// The channel column's name in the file (Zendesk's `Via`, Freshdesk's `Source`).
    pub column: String,
    /// Each value as written, with its rows: most rows first.
    pub values: Vec<(String, usize)>,
    pub rows: usize,
}

/// Distinct keys kept by a tally; rows of further keys are not tallied (a file has a handful).
const MAX_DISTINCT: usize = 64;

/// Rows counted by key (a cause, a channel value), in order of first appearance, and in all.
#[derive(Debug, Clone, Default)]
pub(super) struct Tally {
    keys: Vec<(String, usize)>,
    rows: usize,
}

impl Tally {
    pub(super) fn add(&mut self, key: &str, rows: usize) {
        self.rows += rows;
        match self.keys.iter().position(|(k, _)| k == key) {
            Some(i) => self.keys[i].1 += rows,
            None if self.keys.len() < MAX_DISTINCT => self.keys.push((key.to_string(), rows)),
            None => {}
        }
    }

    pub(super) fn merge(&mut self, other: Tally) {
        // Rows of keys past the bound are counted too.
        let kept: usize = other.keys.iter().map(|(_, n)| n).sum();
        self.rows += other.rows - kept;
        for (k, n) in other.keys {
            self.add(&k, n);
        }
    }

    /// Every row added, whether or not its key was kept.
    pub(super) fn rows(&self) -> usize {
        self.rows
    }

    /// Most rows first, then by key (the same whatever the threads).
    pub(super) fn sorted(mut self) -> Vec<(String, usize)> {
        self.keys
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        self.keys
    }

    pub(super) fn into_causes(self) -> Vec<Cause> {
        self.sorted()
            .into_iter()
            .map(|(text, rows)| Cause { text, rows })
            .collect()
    }
}

/// The cause of a rejection: `column`'s name and the `reason`, each quoted value replaced by
/// `'…'`; a reason that starts with the value reads as said of the column
/// (`'Created at' has no time zone: ...`).
pub(super) fn cause_of(column: Option<&str>, reason: &str) -> String {
    let reason = without_values(reason);
    match (column, reason.strip_prefix("'…' ")) {
        (Some(c), Some(rest)) => format!("'{c}' {rest}"),
        (Some(c), None) => format!("{c}: {reason}"),
        (None, _) => reason,
    }
}

/// `text` with each single-quoted value (`'...'`, quotes not inside a word) made `'…'`.
fn without_values(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let opens = chars[i] == '\'' && (i == 0 || !word(i - 1));
        let close = opens
            .then(|| (i + 1..chars.len()).find(|&j| chars[j] == '\'' && !word(j + 1)))
            .flatten();
        match close {
            Some(j) => {
                out.push_str("'…'");
                i = j + 1;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_leave_the_values_out() {
        assert_eq!(
            cause_of(
                Some("Created at"),
                "'2023-04-08 20:52:00' has no time zone: give one with --timezone"
            ),
            "'Created at' has no time zone: give one with --timezone"
        );
        assert_eq!(
            cause_of(Some("priority"), "unknown priority 'someday': expected urgent"),
            "priority: unknown priority '…': expected urgent"
        );
        assert_eq!(
            cause_of(
                Some("first_response_at"),
                "the reply ('2026-10-14 08:00') is before its question"
            ),
            "first_response_at: the reply ('…') is before its question"
        );
        // An apostrophe inside a word, or one left open, is text.
        assert_eq!(
            cause_of(Some("vendor"), "unknown vendor id 'O'Brien's': can't"),
            "vendor: unknown vendor id '…': can't"
        );
        assert_eq!(
            cause_of(None, "expected 8 fields, found 4"),
            "expected 8 fields, found 4"
        );
    }

    #[test]
    fn tallies_sort_by_rows_then_key_and_stay_small() {
        let mut a = Tally::default();
        a.add("b", 1);
        a.add("a", 1);
        let mut b = Tally::default();
        b.add("c", 2);
        b.add("a", 1);
        a.merge(b);
        assert_eq!(
            a.sorted(),
            [("a".to_string(), 2), ("c".to_string(), 2), ("b".to_string(), 1)]
        );
        let mut many = Tally::default();
        for i in 0..100 {
            many.add(&i.to_string(), 1);
        }
        let mut more = Tally::default();
        more.add("x", 3);
        many.merge(more);
        assert_eq!(many.rows(), 103);
        assert_eq!(many.sorted().len(), MAX_DISTINCT);
    }
}
