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
