//! Writes a synthetic probe export (the canonical measurements CSV) for benchmarks:
//! `cargo run --release --example gen_export -- ROWS OUT.csv [SEED]`.

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::io::BufWriter;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(rows), Some(out)) = (
        args.first().and_then(|s| s.replace('_', "").parse::<u64>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: gen_export ROWS OUT.csv [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2026);
    let file = match std::fs::File::create(out) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{out}: {e}");
            return ExitCode::from(4);
        }
    };
    let mut w = BufWriter::with_capacity(1 << 20, file);
    if let Err(e) = synthetic::write_measurements(&mut w, rows, seed) {
        eprintln!("{out}: {e}");
        return ExitCode::from(4);
    }
    ExitCode::SUCCESS
}
