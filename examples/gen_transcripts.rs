//! Writes a synthetic archive of probe conversations for benchmarks:
//! `cargo run --release --example gen_transcripts -- CONVERSATIONS TURNS OUT_DIR [SEED]`
//! (10000 conversations of 60 turns is about 200 MB).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| args.get(i).and_then(|s| s.replace('_', "").parse::<u64>().ok());
    let (Some(conversations), Some(turns), Some(out)) = (num(0), num(1), args.get(2)) else {
        eprintln!("usage: gen_transcripts CONVERSATIONS TURNS OUT_DIR [SEED]");
        return ExitCode::from(2);
    };
    let seed = num(3).unwrap_or(2026);
    match supportgrade::synthetic::write_transcript_archive(
        std::path::Path::new(out),
        conversations,
        turns,
        seed,
    ) {
        Ok(bytes) => {
            println!("{conversations} conversations, {bytes} bytes in {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{out}: {e}");
            ExitCode::from(4)
        }
    }
}
