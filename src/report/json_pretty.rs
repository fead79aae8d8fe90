//! JSON pretty-printed exactly as serde_json's `PrettyFormatter` (two-space indent) writes it,
//! for a value nested some levels deep in a document: parts of one document rendered
//! separately (on several threads) and written one after another.

use serde::Serialize;
use std::io::Write;

/// `value` appended to `out` as serde_json's pretty printer writes it, nested `depth` levels
/// deep in a document: every line after the first is indented by that depth, in one pass.
pub fn nested_pretty_json(value: &impl Serialize, depth: usize, out: &mut Vec<u8>) {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        NestedPretty {
            depth,
            has_value: false,
        },
    );
    // Serializing to memory fails only for maps with non-string keys: none in a report view.
    value.serialize(&mut ser).expect("JSON of plain views");
}

/// serde_json's `PrettyFormatter` (two spaces) starting at a given depth.
struct NestedPretty {
    depth: usize,
    has_value: bool,
}

impl NestedPretty {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b)
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        w.write_all(b"\n")?;
        let mut n = self.depth * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn item<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At depth 0, byte for byte what `serde_json::to_string_pretty` writes; deeper, the same
    /// lines indented by the depth, so that it fits inside an enclosing document.
    #[test]
    fn same_bytes_as_serde_json_pretty() {
        let value = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, [2.5, null]],
            "deep": {"x": {"y": {"z": ["s", true]}}},
            "empty": "",
        });
        let mut out = Vec::new();
        nested_pretty_json(&value, 0, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );

        let mut nested = Vec::new();
        nested_pretty_json(&value, 2, &mut nested);
        let doc = format!(
            "{{\n  \"k\": [\n    {}\n  ]\n}}",
            String::from_utf8(nested).unwrap()
        );
        let whole = serde_json::json!({"k": [value]});
        assert_eq!(doc, serde_json::to_string_pretty(&whole).unwrap());
    }
}
