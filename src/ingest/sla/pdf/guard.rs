//! What keeps a hostile PDF from exhausting the reader: lopdf inflates compressed streams
//! without a bound, and pdf-extract follows a page's parents and the forms it draws by
//! recursion without a bound (a loop there overflows the stack: an abort, which
//! catch_unwind cannot stop). These checks run before either crate gets the file or page.

use flate2::read::ZlibDecoder;
use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::io::Read;

/// What one compressed stream may inflate to, and all of them together: `lopdf` inflates
/// without a bound, so a small file could otherwise ask for gigabytes.
pub const MAX_STREAM_BYTES: u64 = 64 << 20;
const MAX_INFLATED_BYTES: u64 = 512 << 20;

/// How many forms (XObjects drawn with `Do`) a page may draw, nesting included, and how
/// deep they may nest; how long a chain of parents a page may inherit from.
const MAX_FORM_DRAWS: usize = 10_000;
const MAX_FORM_DEPTH: usize = 32;
const MAX_PARENTS: usize = 64;

/// Why a page cannot be handed to pdf-extract safely. It follows a page's parents (for its
/// resources and media box) and the forms a page draws by recursion without a bound: a
/// cycle there overflows the stack, an abort that catch_unwind cannot stop, and forms that
/// draw each other many times over take exponential time. This walks what it would walk.
pub(super) fn page_trouble(doc: &Document, page: ObjectId) -> Option<String> {
    for key in [&b"Resources"[..], b"MediaBox"] {
        let mut seen = Vec::new();
        let mut at = page;
        loop {
            let dict = doc.get_dictionary(at).ok()?;
            if dict.has(key) {
                break;
            }
            seen.push(at);
            match dict.get(b"Parent").and_then(Object::as_reference) {
                Ok(parent) if seen.contains(&parent) || seen.len() > MAX_PARENTS => {
                    return Some("its page tree loops".to_string())
                }
                Ok(parent) => at = parent,
                Err(_) => break,
            }
        }
    }
    let content = doc.get_page_content(page).ok()?;
    let names = drawn_names(&content);
    if names.is_empty() {
        return None;
    }
    let resources = inherited_resources(doc, page)?;
    let mut walk = FormWalk {
        doc,
        drawn: HashMap::new(),
        draws: 0,
        stack: Vec::new(),
    };
    walk.visit(&names, resources).err()
}

/// The forms a page draws, walked as pdf-extract draws them.
struct FormWalk<'a> {
    doc: &'a Document,
    /// The names each form draws, read once.
    drawn: HashMap<ObjectId, Vec<Vec<u8>>>,
    draws: usize,
    stack: Vec<ObjectId>,
}

impl<'a> FormWalk<'a> {
    fn visit(&mut self, names: &[Vec<u8>], resources: &'a Dictionary) -> Result<(), String> {
        let xobjects = resources.get(b"XObject").ok().and_then(|o| as_dict(self.doc, o));
        for name in names {
            // pdf-extract draws any XObject as a form, images included; only references can
            // lead back to a form being drawn.
            let Some(Ok(id)) = xobjects.and_then(|x| x.get(name).ok()).map(Object::as_reference) else {
                continue;
            };
            let Ok(Object::Stream(form)) = self.doc.get_object(id) else {
                continue;
            };
            self.draws += 1;
            if self.draws > MAX_FORM_DRAWS {
                return Err(format!("it draws more than {MAX_FORM_DRAWS} forms"));
            }
            if self.stack.contains(&id) {
                return Err("it draws a form that draws itself".to_string());
            }
            if self.stack.len() >= MAX_FORM_DEPTH {
                return Err(format!("its forms nest deeper than {MAX_FORM_DEPTH}"));
            }
            let inner = self
                .drawn
                .entry(id)
                .or_insert_with(|| {
                    let bytes = match form.filters() {
                        Ok(_) => form
                            .decompressed_content()
                            .unwrap_or_else(|_| form.content.clone()),
                        Err(_) => form.content.clone(),
                    };
                    drawn_names(&bytes)
                })
                .clone();
            let own = form
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|o| as_dict(self.doc, o));
            self.stack.push(id);
            self.visit(&inner, own.unwrap_or(resources))?;
            self.stack.pop();
        }
        Ok(())
    }
}

/// The names a content stream draws with `Do`.
fn drawn_names(content: &[u8]) -> Vec<Vec<u8>> {
    if memchr::memmem::find(content, b"Do").is_none() {
        return Vec::new();
    }
    let Ok(content) = Content::decode(content) else {
        return Vec::new();
    };
    content
        .operations
        .iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
        .collect()
}

/// A page's resources, its own or its nearest parent's (as pdf-extract finds them).
fn inherited_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..=MAX_PARENTS {
        if let Some(r) = dict.get(b"Resources").ok().and_then(|o| as_dict(doc, o)) {
            return Some(r);
        }
        let parent = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn as_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// Why the file is refused, when one of its compressed streams inflates past
/// [`MAX_STREAM_BYTES`], or all of them past [`MAX_INFLATED_BYTES`] (a decompression bomb).
/// Every `stream` keyword starts a candidate, images included (pdf-extract inflates an image
/// it draws, as it does a form); data that is not zlib (a JPEG, an uncompressed or
/// encrypted stream) stops at once.
pub(super) fn inflates_too_far(bytes: &[u8]) -> Option<String> {
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 << 10];
    for at in memchr::memmem::find_iter(bytes, b"stream") {
        let after = &bytes[at + 6..];
        let body = if after.starts_with(b"\r\n") {
            &after[2..]
        } else if after.starts_with(b"\n") || after.starts_with(b"\r") {
            &after[1..]
        } else {
            continue;
        };
        if bytes[..at].ends_with(b"end") {
            continue;
        }
        let mut inflater = ZlibDecoder::new(body).take(MAX_STREAM_BYTES + 1);
        let mut this = 0u64;
        while let Ok(n) = inflater.read(&mut buf) {
            if n == 0 {
                break;
            }
            this += n as u64;
        }
        total += this;
        if this > MAX_STREAM_BYTES {
            return Some(format!(
                "a compressed stream inflates past {} MiB (a decompression bomb?)",
                MAX_STREAM_BYTES >> 20
            ));
        }
        if total > MAX_INFLATED_BYTES {
            return Some(format!(
                "the compressed streams inflate past {} MiB in all",
                MAX_INFLATED_BYTES >> 20
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decompression_bomb_is_refused_before_it_is_inflated() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..(MAX_STREAM_BYTES >> 20) + 1 {
            z.write_all(&zeros).unwrap();
        }
        let packed = z.finish().unwrap();
        assert!(packed.len() < 200_000, "{} bytes", packed.len());
        let mut pdf = b"%PDF-1.7\n4 0 obj\n<< /Length 1 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(&packed);
        pdf.extend(b"\nendstream\nendobj\n");
        let why = inflates_too_far(&pdf).expect("refused");
        assert!(why.contains("decompression bomb"), "{why}");
        // One stream of a little less passes; many of them do not, in all.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 60 << 20]).unwrap();
        let packed = z.finish().unwrap();
        let stream = |n: usize| {
            let mut s = format!("{n} 0 obj\n<< /Filter /FlateDecode >>\nstream\r\n").into_bytes();
            s.extend(&packed);
            s.extend(b"\nendstream\nendobj\n");
            s
        };
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend(stream(1));
        assert_eq!(inflates_too_far(&pdf), None);
        for n in 2..=9 {
            pdf.extend(stream(n));
        }
        assert!(inflates_too_far(&pdf).unwrap().contains("in all"));
        // A JPEG or an uncompressed stream is not inflated.
        assert_eq!(
            inflates_too_far(b"1 0 obj\n<< >>\nstream\nBT (hi) Tj ET\nendstream"),
            None
        );
    }
}
