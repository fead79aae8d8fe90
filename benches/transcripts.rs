//! Benchmarks of the transcript stage (divan), one thread, files already in memory:
//! `cargo bench --bench transcripts`. The whole command over a 10,000-conversation archive,
//! against `cat`, is `scripts/bench-transcripts.sh`.

#[path = "../examples/synthetic/mod.rs"]
mod synthetic;

use divan::{black_box, Bencher};
use supportgrade::ingest::transcript::read_bytes;
use supportgrade::ingest::transcript::roles::RoleRules;
use supportgrade::metrics::transcripts::TranscriptMatcher;
use supportgrade::time::timestamp::NaiveZone;
use synthetic::{write_transcript_archive_mixed, ArchiveMix};

fn main() {
    divan::main();
}

const MIXES: [&str; 2] = ["dense", "realistic"];

/// 64 synthetic conversations of 60 rounds (about 1.4 MB), as bytes.
fn archive(mix: &str) -> Vec<Vec<u8>> {
    let mix = if mix == "dense" {
        ArchiveMix::Dense
    } else {
        ArchiveMix::Realistic
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    write_transcript_archive_mixed(dir.path(), 64, 60, 2026, mix).expect("archive written");
    let mut files = Vec::new();
    for vendor in std::fs::read_dir(dir.path()).expect("vendor folders") {
        for f in std::fs::read_dir(vendor.expect("entry").path()).expect("files") {
            files.push(std::fs::read(f.expect("entry").path()).expect("file read"));
        }
    }
    files
}

fn bytes(files: &[Vec<u8>]) -> usize {
    files.iter().map(Vec::len).sum()
}

/// Decoding and parsing the text format into messages.
#[divan::bench(args = MIXES)]
fn parse(bencher: Bencher, mix: &str) {
    let files = archive(mix);
    let rules = RoleRules::default();
    bencher
        .counter(divan::counter::BytesCount::new(bytes(&files)))
        .bench(|| {
            for f in &files {
                black_box(
                    read_bytes(black_box(f), "c.txt", "v", &rules, NaiveZone::default()).expect("valid"),
                );
            }
        });
}

/// Parsing and judging every conversation against the default rubric.
#[divan::bench(args = MIXES)]
fn parse_and_analyze(bencher: Bencher, mix: &str) {
    let files = archive(mix);
    let rules = RoleRules::default();
    let rubric = supportgrade::rubric::load::builtin();
    let matcher = TranscriptMatcher::new(&rubric);
    bencher
        .counter(divan::counter::BytesCount::new(bytes(&files)))
        .bench(|| {
            for f in &files {
                let (t, _) =
                    read_bytes(black_box(f), "c.txt", "v", &rules, NaiveZone::default()).expect("valid");
                black_box(matcher.analyze(&t));
            }
        });
}
