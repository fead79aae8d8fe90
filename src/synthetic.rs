//! Synthetic probe exports for benchmarks: the canonical measurements CSV with `n` rows of
//! fictional vendors, written deterministically from a seed (the same `n` and seed give the
//! same bytes). Response times are log-normal-ish with a vendor-specific scale; a few probes
//! are never answered and some are never resolved.

use std::io::{self, Write};

/// SplitMix64: small, fast and good enough to spread synthetic values.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const VENDORS: [&str; 8] = [
    "swiftchat",
    "deepwave",
    "qingluan",
    "leqiao",
    "northwind-im",
    "bluepeak",
    "tidelink",
    "mosschat",
];
const PRIORITIES: [&str; 4] = ["urgent", "high", "normal", "low"];
const CHANNELS: [&str; 4] = ["chat", "email", "phone", "ticket"];

/// Writes the header and `rows` rows of the canonical measurements CSV.
pub fn write_measurements(out: &mut impl Write, rows: u64, seed: u64) -> io::Result<()> {
    let mut rng = Rng(seed);
    out.write_all(
        b"vendor,probe_id,channel,priority,sent_at,first_response_at,resolved_at,resolved_on_first_contact\n",
    )?;
    // 2025-01-01T00:00:00Z
    let start = 1_735_689_600i64;
    let span = 700 * 86_400u64;
    let mut line = Vec::with_capacity(160);
    for i in 0..rows {
        line.clear();
        let v = rng.below(VENDORS.len() as u64) as usize;
        let p = rng.below(PRIORITIES.len() as u64) as usize;
        let c = rng.below(CHANNELS.len() as u64) as usize;
        let sent = start + rng.below(span) as i64;
        // Scale in seconds: faster vendors and more urgent priorities answer sooner.
        let scale = 60.0 * (1.0 + v as f64 * 0.7) * (1.0 + p as f64 * 2.0);
        // exp of a sum of uniforms: a heavy right tail like real first-response times.
        let z = rng.unit() + rng.unit() + rng.unit() - 1.5;
        let first = (scale * (2.2 * z).exp()).round() as i64 + 1;
        let answered = rng.below(100) >= 3;
        let resolved = answered && rng.below(100) < 80;
        let resolution = first + (scale * 8.0 * (1.5 * (rng.unit() + rng.unit() - 1.0)).exp()) as i64;
        line.extend_from_slice(VENDORS[v].as_bytes());
        write!(line, ",p{i:010},{},{},", CHANNELS[c], PRIORITIES[p])?;
        push_time(&mut line, sent);
        line.push(b',');
        if answered {
            push_time(&mut line, sent + first);
        }
        line.push(b',');
        if resolved {
            push_time(&mut line, sent + resolution);
        }
        line.push(b',');
        if resolved {
            line.extend_from_slice(if rng.below(2) == 0 { b"true" } else { b"false" });
        }
        line.push(b'\n');
        out.write_all(&line)?;
    }
    out.flush()
}

/// RFC 3339 in China Standard Time (+08:00), e.g. `2026-03-02T09:00:00+08:00`.
fn push_time(out: &mut Vec<u8>, utc: i64) {
    let local = utc + 8 * 3600;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let two = |out: &mut Vec<u8>, v: i64| {
        out.push(b'0' + (v / 10) as u8);
        out.push(b'0' + (v % 10) as u8);
    };
    two(out, y / 100);
    two(out, y % 100);
    out.push(b'-');
    two(out, m);
    out.push(b'-');
    two(out, d);
    out.push(b'T');
    two(out, secs / 3600);
    out.push(b':');
    two(out, secs % 3600 / 60);
    out.push(b':');
    two(out, secs % 60);
    out.extend_from_slice(b"+08:00");
}

/// Howard Hinnant's days-from-civil inverse: days since 1970-01-01 to (year, month, day).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::encoding::TextEncoding;
    use crate::ingest::tickets::{read_bytes, Columns, ReadOptions, RowSink, TicketRow};

    #[test]
    fn dates_match_chrono() {
        for days in [-1i64, 0, 59, 60, 365, 10_956, 20_454, 20_513, 47_482] {
            let d = chrono::DateTime::from_timestamp(days * 86_400, 0)
                .unwrap()
                .date_naive();
            let (y, m, dd) = civil_from_days(days);
            assert_eq!(format!("{y:04}-{m:02}-{dd:02}"), d.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn same_seed_same_bytes_and_the_reader_takes_every_row() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_measurements(&mut a, 500, 7).unwrap();
        write_measurements(&mut b, 500, 7).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), 501);
        let unanswered = text
            .lines()
            .skip(1)
            .filter(|l| l.split(',').nth(5) == Some(""))
            .count();
        assert!((5..40).contains(&unanswered), "{unanswered} of 500 unanswered");

        struct Count(usize, usize);
        impl RowSink for Count {
            fn row(&mut self, r: &TicketRow) {
                self.0 += 1;
                self.1 += usize::from(r.first_response_at.is_none());
            }
            fn merge(&mut self, other: Self) {
                self.0 += other.0;
                self.1 += other.1;
            }
        }
        let (count, report) = read_bytes(
            text.as_bytes(),
            "synthetic.csv",
            Columns::Detect,
            &ReadOptions::default(),
            TextEncoding::Utf8,
            || Count(0, 0),
        )
        .unwrap();
        assert_eq!(
            (report.rows_used, report.rows_rejected, report.duplicates),
            (500, 0, 0)
        );
        assert_eq!((count.0, count.1), (500, unanswered));
    }
}
