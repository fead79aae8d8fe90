//! What the rejected rows of an export come to, in a line or two for people (`stats`): the
//! count line, naming the cause most rejected rows share; the line about rows whose channel is
//! none of the customer channels, with the mapping that would count them; and the one line
//! when every row was rejected. For a read whose rows rejected for their channel are counted,
//! not listed (`ReadOptions::list_unknown_channels` off).

use super::fmt::fmt_count;
use crate::ingest::tickets::causes::{Cause, UnknownChannels};
use crate::ingest::tickets::options::ReadReport;
use crate::model::domain::Channel;

/// Values of the channel column named in the line, the rest counted.
const SHOWN_VALUES: usize = 5;

/// `N row(s) rejected, D duplicated probe id(s), U row(s) used`, how many were listed, and the
/// cause of most of the rejected rows when one cause has most of them. `None` when no row was
/// rejected and no probe id repeated.
pub fn counts_line(r: &ReadReport) -> Option<String> {
    if r.rows_rejected == 0 && r.duplicates == 0 {
        return None;
    }
    // Rows rejected for their channel have their own line.
    let others = r.rows_rejected - r.unknown_channels.rows;
    let cause = match r.causes.first() {
        Some(c) if c.rows * 2 > others => format!("; {} of them: {}", fmt_count(c.rows), c.text),
        _ => String::new(),
    };
    Some(format!(
        "{} row(s) rejected, {} duplicated probe id(s), {} row(s) used{}{cause}",
        fmt_count(r.rows_rejected),
        fmt_count(r.duplicates),
        fmt_count(r.rows_used),
        listed(r, "")
    ))
}

/// When every row was rejected (and there were rows): `all N rows rejected: <cause>`, the cause
/// being the one most rows share, with its count when others share the rest.
pub fn all_rejected(r: &ReadReport) -> Option<String> {
    if r.rows_used > 0 || r.rows_rejected == 0 {
        return None;
    }
    let channel = &r.unknown_channels;
    let top = match r.causes.first() {
        Some(c) if c.rows > channel.rows => c.clone(),
        _ => Cause {
            text: format!("'{}' is not a customer channel (above)", channel.column),
            rows: channel.rows,
        },
    };
    let n = r.rows_rejected;
    let head = if top.rows == n {
        format!("all {} rows rejected: {}", fmt_count(n), top.text)
    } else if top.rows * 2 > n {
        format!(
            "all {} rows rejected, {} of them: {}",
            fmt_count(n),
            fmt_count(top.rows),
            top.text
        )
    } else {
        format!(
            "all {} rows rejected, for several causes; the most common ({} rows): {}",
            fmt_count(n),
            fmt_count(top.rows),
            top.text
        )
    };
    Some(format!("{head}{}", listed(r, " above")))
}

/// The rows rejected because their channel is none of the customer channels: how many, the
/// values, and the `[values.channel]` mapping that would count them. `None` when there are none.
pub fn unknown_channels_line(u: &UnknownChannels) -> Option<String> {
    let (first, _) = u.values.first()?;
    let mut values: Vec<String> = u
        .values
        .iter()
        .take(SHOWN_VALUES)
        .map(|(v, n)| format!("'{v}' ({})", fmt_count(*n)))
        .collect();
    if u.values.len() > SHOWN_VALUES {
        values.push(format!("and {} more", u.values.len() - SHOWN_VALUES));
    }
    let names: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
    let (last, rest) = names.split_last().expect("channels");
    // Keys of [values.channel] are matched lower-cased.
    let key = toml::Value::String(first.to_lowercase()).to_string();
    Some(format!(
        "{} row(s) rejected because their {} is not a customer channel: {}; to count them, map each value to {} or {last} in a --columns file, e.g. [values.channel] {key} = \"ticket\"",
        fmt_count(u.rows),
        u.column,
        values.join(", "),
        rest.join(", ")
    ))
}

/// ` (N listed; --max-errors to see more)` when fewer rows were listed than could be.
fn listed(r: &ReadReport, where_: &str) -> String {
    let listable = r.rows_rejected - r.unknown_channels.rows + r.duplicates;
    let n = r.rejected.len();
    if n < listable {
        format!(" ({} listed{where_}; --max-errors to see more)", fmt_count(n))
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Diagnostic;
    use crate::ingest::encoding::TextEncoding;

    fn report(
        used: usize,
        causes: &[(&str, usize)],
        channels: &[(&str, usize)],
        listed: usize,
    ) -> ReadReport {
        let causes: Vec<Cause> = causes
            .iter()
            .map(|(t, n)| Cause {
                text: t.to_string(),
                rows: *n,
            })
            .collect();
        let values: Vec<(String, usize)> = channels.iter().map(|(v, n)| (v.to_string(), *n)).collect();
        let channel_rows: usize = values.iter().map(|(_, n)| n).sum();
        ReadReport {
            rows_used: used,
            rows_rejected: causes.iter().map(|c| c.rows).sum::<usize>() + channel_rows,
            duplicates: 0,
            rejected: vec![Diagnostic::new("f.csv", Some(2), "x"); listed],
            causes,
            unknown_channels: UnknownChannels {
                column: "Via".into(),
                values,
                rows: channel_rows,
            },
            encoding: TextEncoding::Utf8,
            preset: None,
            latest: None,
        }
    }

    const NO_ZONE: &str = "'Created at' has no time zone: give one with --timezone";

    #[test]
    fn every_row_rejected_names_the_shared_cause() {
        let r = report(0, &[(NO_ZONE, 8238)], &[], 20);
        assert_eq!(
            all_rejected(&r).unwrap(),
            format!("all 8,238 rows rejected: {NO_ZONE} (20 listed above; --max-errors to see more)")
        );
        assert!(counts_line(&r).unwrap().contains("; 8,238 of them: 'Created at'"));
        let r = report(0, &[(NO_ZONE, 6), ("priority: unknown", 1)], &[], 7);
        assert_eq!(
            all_rejected(&r).unwrap(),
            format!("all 7 rows rejected, 6 of them: {NO_ZONE}")
        );
        let r = report(0, &[("a", 2), ("b", 2), ("c", 1)], &[], 5);
        assert_eq!(
            all_rejected(&r).unwrap(),
            "all 5 rows rejected, for several causes; the most common (2 rows): a"
        );
        let r = report(0, &[("a", 1)], &[("Internal Communication", 3)], 1);
        assert_eq!(
            all_rejected(&r).unwrap(),
            "all 4 rows rejected, 3 of them: 'Via' is not a customer channel (above)"
        );
        assert_eq!(all_rejected(&report(1, &[(NO_ZONE, 5)], &[], 5)), None);
        assert_eq!(all_rejected(&report(0, &[], &[], 0)), None, "an empty file");
    }

    #[test]
    fn the_count_line_names_a_cause_only_when_most_rows_share_it() {
        let r = report(4, &[("a", 1), ("b", 1), ("c", 1)], &[], 3);
        assert_eq!(
            counts_line(&r).unwrap(),
            "3 row(s) rejected, 0 duplicated probe id(s), 4 row(s) used"
        );
        let r = report(7227, &[(NO_ZONE, 2)], &[("Internal Communication", 1011)], 2);
        assert_eq!(
            counts_line(&r).unwrap(),
            format!(
                "1,013 row(s) rejected, 0 duplicated probe id(s), 7,227 row(s) used; 2 of them: {NO_ZONE}"
            )
        );
        assert_eq!(counts_line(&report(3, &[], &[], 0)), None);
    }

    #[test]
    fn channels_line_gives_the_values_and_a_mapping() {
        let r = report(
            5,
            &[],
            &[("Internal Communication", 1011), ("Fax \"line\"", 2)],
            0,
        );
        assert_eq!(
            unknown_channels_line(&r.unknown_channels).unwrap(),
            "1,013 row(s) rejected because their Via is not a customer channel: 'Internal Communication' (1,011), \
             'Fax \"line\"' (2); to count them, map each value to chat, phone, email, ticket, dedicated_manager, \
             community or im_group in a --columns file, e.g. [values.channel] \"internal communication\" = \"ticket\""
        );
        let many: Vec<(String, usize)> = (0..7).map(|i| (format!("v{i}"), 1)).collect();
        let refs: Vec<(&str, usize)> = many.iter().map(|(v, n)| (v.as_str(), *n)).collect();
        let line = unknown_channels_line(&report(0, &[], &refs, 0).unknown_channels).unwrap();
        assert!(line.contains("'v4' (1), and 2 more;"), "{line}");
        assert_eq!(unknown_channels_line(&UnknownChannels::default()), None);
    }
}
