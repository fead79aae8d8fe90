//! `.pdf` SLA documents: a PDF typeset from a text fixture (with lopdf's writer, the way a
//! contract appendix is laid out: text runs placed by x and y, table cells at their columns)
//! gives the same promises as the text, with page-and-line evidence; broken PDFs are
//! warnings, never panics.

mod common;

use common::{path_str, sla_extract};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Font size and line pitch of the typeset text, and the grid a table's columns sit on
/// (one character of the text).
const SIZE: f64 = 10.0;
const PITCH: f64 = 14.0;
const GRID: f64 = 6.0;
const LEFT: f64 = 72.0;
const TOP: f64 = 780.0;

/// A run of text placed on a page: its left end on the baseline.
struct Placed {
    x: f64,
    y: f64,
    text: String,
}

/// Glyph widths (per 1000 of the font size) of the test font: proportional, like Helvetica,
/// for ASCII; a full em for CJK and other characters.
fn width(c: char) -> i64 {
    match c {
        ' ' => 278,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'f' | 't' | 'I' => 280,
        'm' | 'w' | 'M' | 'W' => 850,
        'A'..='Z' => 670,
        '0'..='9' => 556,
        c if c.is_ascii() => 520,
        _ => 1000,
    }
}

fn text_width(s: &str) -> f64 {
    s.chars().map(width).sum::<i64>() as f64 * SIZE / 1000.0
}

/// A PDF of `pages`, its text in one Type0 font (Identity-H, each character's code its
/// Unicode value, a ToUnicode map), so that English and Chinese text are read back alike.
fn pdf(pages: &[Vec<Placed>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let used: BTreeSet<char> = pages
        .iter()
        .flatten()
        .flat_map(|r| r.text.chars())
        .filter(|c| (*c as u32) < 0x10000)
        .collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let chars: Vec<char> = used.iter().copied().collect();
    for block in chars.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", block.len()));
        for c in block {
            cmap.push_str(&format!("<{:04X}> <{:04X}>\n", *c as u32, *c as u32));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CIDInit /ProcSet findresource pop\nend\nend\n");
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let mut widths = Vec::new();
    for c in &chars {
        widths.push(Object::Integer(*c as i64));
        widths.push(Object::Array(vec![Object::Integer(width(*c))]));
    }
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "TestSans",
        "Flags" => 32,
        "FontBBox" => vec![0.into(), (-200).into(), 1000.into(), 900.into()],
        "ItalicAngle" => 0,
        "Ascent" => 900,
        "Descent" => -200,
        "CapHeight" => 700,
        "StemV" => 80,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "TestSans",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => widths,
        "CIDToGIDMap" => "Identity",
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "TestSans",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for page in pages {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), SIZE.into()]),
        ];
        for r in page {
            let code: Vec<u8> = r
                .text
                .chars()
                .filter(|c| (*c as u32) < 0x10000)
                .flat_map(|c| (c as u16).to_be_bytes())
                .collect();
            ops.push(Operation::new(
                "Tm",
                vec![1.into(), 0.into(), 0.into(), 1.into(), r.x.into(), r.y.into()],
            ));
            ops.push(Operation::new(
                "Tj",
                vec![Object::String(code, StringFormat::Hexadecimal)],
            ));
        }
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops }.encode().unwrap();
        let contents = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => contents,
        });
        kids.push(Object::from(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 842.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// What [`drawing`] makes every page of a PDF draw first (`q /X1 Do Q`, X1 in the pages'
/// resources): an image (a logo), or forms built to break the reader.
enum Drawn {
    Image,
    /// A form that draws itself (pdf-extract would recurse until the stack overflows).
    SelfDrawingForm,
    /// 20 forms, each drawing the next twice: a million draws.
    DoublingForms,
}

fn drawing(good: &[u8], drawn: Drawn) -> Vec<u8> {
    let mut doc = Document::load_mem(good).unwrap();
    let form = |draws: &[u8], resources: lopdf::Dictionary| {
        let bbox = vec![0.into(), 0.into(), 100.into(), 100.into()];
        Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => bbox, "Resources" => resources },
            draws.to_vec(),
        )
    };
    let x1 = match drawn {
        Drawn::Image => doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => 4, "Height" => 4,
                "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
            },
            (0..48u8).map(|b| b.wrapping_mul(37)).collect(),
        )),
        Drawn::SelfDrawingForm => {
            let id = doc.new_object_id();
            let f = form(
                b"q /X1 Do Q",
                dictionary! { "XObject" => dictionary! { "X1" => id } },
            );
            doc.objects.insert(id, Object::Stream(f));
            id
        }
        Drawn::DoublingForms => {
            let mut next = doc.add_object(form(b"", dictionary! {}));
            for _ in 0..20 {
                let f = form(
                    b"/X1 Do /X1 Do",
                    dictionary! { "XObject" => dictionary! { "X1" => next } },
                );
                next = doc.add_object(f);
            }
            next
        }
    };
    for page in doc.get_pages().into_values() {
        let mut content = b"q /X1 Do Q\n".to_vec();
        content.extend(doc.get_page_content(page).unwrap());
        let contents = doc.add_object(Stream::new(dictionary! {}, content));
        let dict = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
        dict.set("Contents", contents);
    }
    let pages = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let resources = doc
        .get_dictionary(pages)
        .unwrap()
        .get(b"Resources")
        .unwrap()
        .as_reference()
        .unwrap();
    let resources = doc.get_object_mut(resources).unwrap().as_dict_mut().unwrap();
    resources.set("XObject", dictionary! { "X1" => x1 });
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A text typeset as a PDF would have it: each line split into cells at runs of two or more
/// spaces, each cell placed at its column (the text's character grid, or past the cell
/// before); blank lines as vertical space; a new page at a form feed, or at the first blank
/// line after `per_page` lines. Also where each non-blank text line lands: text line ->
/// (page, line within the page, counting lines with text).
type Where = BTreeMap<usize, (usize, usize)>;

fn typeset(text: &str, per_page: usize) -> (Vec<Vec<Placed>>, Where) {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut places = BTreeMap::new();
    let (mut slot, mut on_page) = (0usize, 0usize);
    for (i, line) in text.lines().enumerate() {
        let blank = line.trim().is_empty();
        if line.contains('\u{c}') || (blank && slot >= per_page) {
            pages.push(Vec::new());
            slot = 0;
            on_page = 0;
            continue;
        }
        let y = TOP - PITCH * slot as f64;
        slot += 1;
        if blank {
            continue;
        }
        on_page += 1;
        places.insert(i + 1, (pages.len(), on_page));
        let mut end = f64::MIN;
        for (offset, cell) in cells_at(line) {
            let x = (LEFT + GRID * offset as f64).max(end + 2.0 * GRID);
            end = x + text_width(&cell);
            pages.last_mut().unwrap().push(Placed { x, y, text: cell });
        }
    }
    (pages, places)
}

/// The cells of a line (split at runs of two or more spaces), each with its character offset.
fn cells_at(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !(chars[i] == ' ' && chars.get(i + 1).is_none_or(|c| *c == ' ')) {
            i += 1;
        }
        out.push((start, chars[start..i].iter().collect()));
    }
    out
}

fn cells(line: &str) -> Vec<String> {
    cells_at(line).into_iter().map(|(_, c)| c).collect()
}

const PROMISES: [&str; 5] = [
    "first_response",
    "resolution",
    "support_hours",
    "channels",
    "uptime_percent",
];

/// The promises of an extraction without their evidence.
fn promises(v: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for k in PROMISES {
        let items: Vec<Value> = v[k]
            .as_array()
            .unwrap_or_else(|| panic!("no {k} in {v}"))
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.as_object_mut().unwrap().remove("evidence");
                p
            })
            .collect();
        out.insert(k.to_string(), Value::Array(items));
    }
    Value::Object(out)
}

/// Typesets `text` as a PDF, extracts both, and checks that they promise the same, each
/// PDF promise pointing at the page and line its text line landed on, showing the same
/// words and columns. Returns the PDF's extraction.
fn same_as_text(text_path: &Path, per_page: usize, dir: &Path) -> Value {
    let text = std::fs::read_to_string(text_path).unwrap();
    let (pages, places) = typeset(&text, per_page);
    assert!(pages.len() >= 2, "the test wants a multi-page PDF");
    let pdf_path = dir.join("sla.pdf");
    std::fs::write(&pdf_path, pdf(&pages)).unwrap();
    let from_text = sla_extract(text_path).json();
    let run = sla_extract(&pdf_path);
    assert!(!run.stderr.contains("panicked"), "{}", run.describe());
    let from_pdf = run.json();
    assert_eq!(from_pdf["warnings"], serde_json::json!([]), "{}", run.describe());
    assert_eq!(from_pdf["language"], from_text["language"]);
    assert_eq!(promises(&from_pdf), promises(&from_text));
    let mut checked = 0;
    for k in PROMISES {
        let t = from_text[k].as_array().unwrap();
        let p = from_pdf[k].as_array().unwrap();
        for (t, p) in t.iter().zip(p) {
            let line = t["evidence"]["line"].as_u64().unwrap() as usize;
            let (page, on_page) = places[&line];
            assert_eq!(
                (p["evidence"]["page"].as_u64(), p["evidence"]["line"].as_u64()),
                (Some(page as u64), Some(on_page as u64)),
                "{k}: text line {line} is on page {page}, line {on_page}: {p}"
            );
            assert_eq!(
                cells(p["evidence"]["text"].as_str().unwrap()),
                cells(t["evidence"]["text"].as_str().unwrap())
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} promises compared");
    from_pdf
}

#[test]
fn a_pdf_appendix_promises_what_its_text_does_with_page_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(common::ROOT).join("tests/fixtures/sla-pdf/ferryline-appendix.txt");
    let v = same_as_text(&fixture, 60, dir.path());
    // The response-target table (its columns kept as space runs) is read: its P1 row is the
    // third line with text on page 2. The prose restating it ("Urgent (P1) incidents receive
    // a first response within 15 minutes", line 9) is the same promise, kept once.
    let urgent: Vec<&Value> = v["first_response"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["priority"] == "urgent")
        .collect();
    assert_eq!(urgent.len(), 1, "{urgent:?}");
    assert_eq!(urgent[0]["minutes"], 15.0);
    assert_eq!(urgent[0]["evidence"]["page"], 2);
    assert_eq!(urgent[0]["evidence"]["line"], 3);
    assert!(urgent[0]["evidence"]["text"].as_str().unwrap().starts_with("P1 "));
    // "P1 incidents are resolved or worked around within 4 hours" is the thirteenth line with
    // text on page 2 (after the four prose response lines, 9-12).
    let resolved = v["resolution"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["evidence"]["text"]
                .as_str()
                .unwrap_or("")
                .starts_with("P1 incidents are resolved")
        })
        .expect("the prose resolution promise");
    assert_eq!(resolved["minutes"], 240.0);
    assert_eq!(resolved["evidence"]["page"], 2);
    assert_eq!(resolved["evidence"]["line"], 13);
    // A logo (an image drawn on every page) changes nothing.
    let pdf_path = dir.path().join("sla.pdf");
    let logo = dir.path().join("logo.pdf");
    std::fs::write(&logo, drawing(&std::fs::read(&pdf_path).unwrap(), Drawn::Image)).unwrap();
    let with_logo = sla_extract(&logo).json();
    assert_eq!(with_logo["warnings"], serde_json::json!([]));
    assert_eq!(promises(&with_logo), promises(&v));
    assert_eq!(
        with_logo["first_response"][0]["evidence"],
        v["first_response"][0]["evidence"]
    );
    // The table view shows where: file:p2:l3.
    let table = common::supportgrade(["sla", "extract", path_str(&dir.path().join("sla.pdf"))]);
    table.assert_ok();
    assert!(table.stdout.contains("p2:l3"), "{}", table.stdout);
}

#[test]
fn the_driftline_policy_and_a_chinese_faq_read_the_same_as_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(common::ROOT);
    let v = same_as_text(
        &root.join("tests/fixtures/sla/05-driftline-policy.txt"),
        20,
        dir.path(),
    );
    assert!(v["first_response"].as_array().unwrap().len() >= 8, "{v}");
    let pages: BTreeSet<u64> = v["first_response"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["evidence"]["page"].as_u64())
        .collect();
    assert!(pages.len() >= 2, "promises on one page only: {pages:?}");
    let zh = same_as_text(&root.join("tests/fixtures/sla/15-lingxi-faq.txt"), 14, dir.path());
    assert_eq!(zh["language"], "zh");
}

/// The table rows of the appendix keep their columns: a single space between the words of
/// a cell, two or more between cells, the same cells as the text, on the right page and line.
#[test]
fn table_rows_keep_their_columns() {
    let text = std::fs::read_to_string(
        Path::new(common::ROOT).join("tests/fixtures/sla-pdf/ferryline-appendix.txt"),
    )
    .unwrap();
    let (pages, places) = typeset(&text, 60);
    let read = supportgrade::ingest::sla::pdf::pdf_lines(&pdf(&pages));
    assert_eq!(read.warnings, Vec::<String>::new());
    let mut rows = 0;
    for (i, line) in text.lines().enumerate() {
        if cells(line).len() < 3 {
            continue;
        }
        let (page, on_page) = places[&(i + 1)];
        let got = read
            .lines
            .iter()
            .find(|l| l.page == Some(page) && l.line == on_page && !l.text.is_empty())
            .unwrap_or_else(|| panic!("no line {on_page} on page {page}"));
        assert_eq!(cells(&got.text), cells(line), "{:?}", got.text);
        assert!(!got.text.contains("   ") || got.text.contains("  "));
        rows += 1;
    }
    assert_eq!(rows, 10, "the two tables' rows");
    // A page break is a blank line: the first table does not run into the second page.
    let last_of_page_1 = read.lines.iter().rposition(|l| l.page == Some(1)).unwrap();
    assert_eq!(read.lines[last_of_page_1].text, "");
    assert_eq!(read.lines[last_of_page_1 + 1].page, Some(2));
}

#[test]
fn broken_pdfs_are_warnings_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(common::ROOT).join("tests/fixtures/sla-pdf/ferryline-appendix.txt");
    let (pages, _) = typeset(&std::fs::read_to_string(fixture).unwrap(), 60);
    let good = pdf(&pages);
    // A PDF cut short, one without text (a scan), one whose pages have no MediaBox
    // (pdf-extract panics on it), a file named .pdf that is not one, and PDFs built to
    // overflow the reader's stack or to take it exponential time.
    let truncated = good[..good.len() / 3].to_vec();
    let scan = pdf(&[Vec::new(), Vec::new()]);
    let no_media_box = {
        let mut doc = Document::load_mem(&good).unwrap();
        for (_, obj) in doc.objects.iter_mut() {
            if let Object::Dictionary(d) = obj {
                d.remove(b"MediaBox");
            }
        }
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    };
    // A page whose parent is itself (pdf-extract would climb it until the stack overflows).
    let parent_loop = {
        let mut doc = Document::load_mem(&good).unwrap();
        let page = doc.page_iter().next().unwrap();
        let dict = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
        dict.set("Parent", page);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    };
    let cases: [(&str, Vec<u8>, &str); 7] = [
        ("truncated.pdf", truncated, "nothing read"),
        (
            "scan.pdf",
            scan,
            "a PDF without a text layer (scanned?): nothing read",
        ),
        (
            "no-media-box.pdf",
            no_media_box,
            "page 1 could not be read (the PDF reader failed on it)",
        ),
        (
            "letter.pdf",
            b"Dear customer,\nthis is not a PDF.\n".to_vec(),
            "not a PDF",
        ),
        (
            "self-drawing.pdf",
            drawing(&good, Drawn::SelfDrawingForm),
            "page 2 could not be read (it draws a form that draws itself)",
        ),
        (
            "doubling.pdf",
            drawing(&good, Drawn::DoublingForms),
            "page 1 could not be read (it draws more than 10000 forms)",
        ),
        (
            "parent-loop.pdf",
            parent_loop,
            "page 1 could not be read (its page tree loops)",
        ),
    ];
    for (name, bytes, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let run = sla_extract(&path);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.describe());
        let v = run.json();
        let warnings = v["warnings"].to_string();
        assert!(warnings.contains(says), "{name}: {warnings}");
        assert!(
            run.stderr.contains(&format!("warning: {}: ", path_str(&path))),
            "{name}: the warning names the file\n{}",
            run.describe()
        );
        // Only the page whose parent loops is lost: the other page is read.
        let promised = PROMISES.iter().any(|k| v[k] != serde_json::json!([]));
        assert_eq!(promised, name == "parent-loop.pdf", "{name}: {v}");
    }
}

/// `good` encrypted (RC4, 128 bits) with `user_password` to open it.
fn encrypted(good: &[u8], user_password: &str) -> Vec<u8> {
    let mut doc = Document::load_mem(good).unwrap();
    let id = Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner-secret",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::PRINTABLE,
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn an_encrypted_pdf_is_read_when_it_opens_without_a_password() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(common::ROOT).join("tests/fixtures/sla-pdf/ferryline-appendix.txt");
    let (pages, _) = typeset(&std::fs::read_to_string(fixture).unwrap(), 60);
    let good = pdf(&pages);
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, &good).unwrap();
    let expected = sla_extract(&plain).json();
    // Restricted (printing only) but opening without a password, as contracts often are.
    let restricted = dir.path().join("restricted.pdf");
    std::fs::write(&restricted, encrypted(&good, "")).unwrap();
    let v = sla_extract(&restricted).json();
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert_eq!(promises(&v), promises(&expected));
    // One that needs a password is a warning.
    let locked = dir.path().join("locked.pdf");
    std::fs::write(&locked, encrypted(&good, "hunter2")).unwrap();
    let run = sla_extract(&locked);
    let v = run.json();
    assert_eq!(
        v["warnings"],
        serde_json::json!(["an encrypted PDF that needs a password: nothing read"]),
        "{}",
        run.describe()
    );
    assert_eq!(v["first_response"], serde_json::json!([]));
}

#[test]
fn evaluate_reads_a_vendors_pdf_sla() {
    let (_tmp, data) = common::sample_copy();
    let out = data.parent().unwrap().join("out-md");
    let before = common::evaluate_into(&data, &out, &[]);
    before.assert_ok();
    let md = data.join("sla/deepwave.md");
    let (pages, places) = typeset(&std::fs::read_to_string(&md).unwrap(), 30);
    std::fs::remove_file(&md).unwrap();
    std::fs::write(data.join("sla/deepwave.pdf"), pdf(&pages)).unwrap();
    let out_pdf = data.parent().unwrap().join("out-pdf");
    let after = common::evaluate_into(&data, &out_pdf, &[]);
    after.assert_ok();
    assert!(!after.stderr.contains("sla/deepwave"), "{}", after.describe());
    let before = common::read_json(&out.join("results.json"));
    let after = common::read_json(&out_pdf.join("results.json"));
    let (b, a) = (
        common::vendor(&before, "deepwave"),
        common::vendor(&after, "deepwave"),
    );
    assert_eq!(a["total"], b["total"], "the same promises give the same score");
    assert_eq!(a["rank"], b["rank"]);
    let scores = |v: &Value| -> Vec<(Value, Value)> {
        v["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].clone(), c["score"].clone()))
            .collect()
    };
    assert_eq!(scores(a), scores(b));
    // The report's evidence points into the PDF, by page and line: the urgent first-response
    // promise (line 25 of the Markdown) where that line landed.
    let report = common::read(&out_pdf.join("report.md"));
    let (page, line) = places[&25];
    let location = format!("sla/deepwave.pdf:p{page}:l{line} |");
    assert!(report.contains(&location), "no {location} in report.md");
    assert!(
        report.contains("sla/deepwave.pdf:p2:"),
        "no evidence on page 2 in report.md"
    );
    assert!(!report.contains("sla/deepwave.md"));
}
