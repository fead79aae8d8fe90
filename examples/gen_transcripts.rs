//! Writes a synthetic archive of probe conversations for benchmarks:
//! `cargo run --release --example gen_transcripts -- CONVERSATIONS TURNS OUT_DIR [SEED] [MIX]`
//! where MIX is `dense` (every round a probe: the default) or `realistic` (mostly ordinary
//! talk). 10000 conversations of 60 turns is about 225 MB dense, about 218 MB realistic.

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::process::ExitCode;
use synthetic::ArchiveMix;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| args.get(i).and_then(|s| s.replace('_', "").parse::<u64>().ok());
    let (Some(conversations), Some(turns), Some(out)) = (num(0), num(1), args.get(2)) else {
        eprintln!("usage: gen_transcripts CONVERSATIONS TURNS OUT_DIR [SEED] [dense|realistic]");
        return ExitCode::from(2);
    };
    let seed = num(3).unwrap_or(2026);
    let mix = match args.get(4).map(String::as_str) {
        None | Some("dense") => ArchiveMix::Dense,
        Some("realistic") => ArchiveMix::Realistic,
        Some(other) => {
            eprintln!("unknown mix '{other}': expected dense or realistic");
            return ExitCode::from(2);
        }
    };
    match synthetic::write_transcript_archive_mixed(
        std::path::Path::new(out),
        conversations,
        turns,
        seed,
        mix,
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
