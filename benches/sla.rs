//! Benchmarks of SLA documents read into lines (divan): `cargo bench --bench sla`.

use divan::{black_box, Bencher};
use supportgrade::ingest::sla::html::html_lines;

fn main() {
    divan::main();
}

const FIXTURE: &str = include_str!("../tests/fixtures/sla-html/quiverleaf-support.html");

/// A saved support page of about `mb` megabytes: the fixture's `<main>` content repeated
/// inside its page (navigation, cookie banner, footer once).
fn page(mb: usize) -> String {
    let start = FIXTURE.find("<main").expect("the fixture has a <main>");
    let end = FIXTURE.find("</main>").expect("the fixture has a </main>");
    let body = FIXTURE[start..end].split_once('>').map_or("", |(_, rest)| rest);
    let mut out = String::with_capacity((mb << 20) + 8192);
    out.push_str(&FIXTURE[..start]);
    out.push_str("<main>");
    while out.len() < mb << 20 {
        out.push_str(body);
    }
    out.push_str(&FIXTURE[end..]);
    out
}

/// An HTML page into lines (parse, drop, tables as grids), per page size in MB: the time
/// should grow linearly.
#[divan::bench(args = [1, 10], sample_count = 10)]
fn html_page_to_lines(bencher: Bencher, mb: usize) {
    let src = page(mb);
    bencher
        .counter(divan::counter::BytesCount::new(src.len()))
        .bench(|| html_lines(black_box(&src)).len());
}

/// A dense support document of about `mb` megabytes: the project's own SLA fixtures (text and
/// Markdown, both corpora) one after another, repeated. Every line states promises, hours or
/// channels: a worst case for the extractor (a real 10 MB contract is mostly other prose).
fn dense_text(mb: usize) -> String {
    let mut docs: Vec<std::path::PathBuf> = ["tests/fixtures/sla", "tests/fixtures/sla-heldout"]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(d)
                .expect("the fixture folders")
                .map(|e| e.expect("an entry").path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt") && !p.ends_with("README.md"))
        .collect();
    docs.sort();
    let corpus: String = docs
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a fixture"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::with_capacity((mb << 20) + corpus.len());
    while out.len() < mb << 20 {
        out.push_str(&corpus);
        out.push('\n');
    }
    out
}

/// `sla extract`'s work on a text document, per size in MB: read, tables rebuilt, every
/// commitment extracted (on every core). The target: 10 MB well under a second.
#[divan::bench(args = [1, 10], sample_count = 5)]
fn text_document_extracted(bencher: Bencher, mb: usize) {
    let src = dense_text(mb);
    bencher
        .counter(divan::counter::BytesCount::new(src.len()))
        .bench(|| {
            supportgrade::ingest::sla::read_document(black_box(src.as_bytes()), "dense.txt", "bench")
                .map(|d| d.first_response.len())
                .unwrap_or(0)
        });
}

/// The same for a saved HTML page: parsed, then extracted.
#[divan::bench(args = [10], sample_count = 5)]
fn html_document_extracted(bencher: Bencher, mb: usize) {
    let src = page(mb);
    bencher
        .counter(divan::counter::BytesCount::new(src.len()))
        .bench(|| {
            supportgrade::ingest::sla::read_document(black_box(src.as_bytes()), "page.html", "bench")
                .map(|d| d.first_response.len())
                .unwrap_or(0)
        });
}
