//! Text encodings of exported files: UTF-8 (with or without BOM), UTF-16 with BOM, and
//! GB18030/GBK (Chinese Excel exports), detected and converted to UTF-8.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// The encoding a file was read in, as reported to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Gb18030 => "gb18030",
        }
    }
}

/// Detects the encoding from a BOM, else from whether the bytes are valid UTF-8 (a multi-byte
/// sequence cut at the end of a sample is allowed); what is neither is read as GB18030, a
/// superset of GBK and GB2312.
pub fn detect(sample: &[u8], complete: bool) -> TextEncoding {
    if sample.starts_with(b"\xEF\xBB\xBF") {
        return TextEncoding::Utf8Bom;
    }
    if sample.starts_with(b"\xFF\xFE") {
        return TextEncoding::Utf16Le;
    }
    if sample.starts_with(b"\xFE\xFF") {
        return TextEncoding::Utf16Be;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => TextEncoding::Utf8,
        // A sample cut in the middle of a character is still UTF-8.
        Err(e) if !complete && e.error_len().is_none() => TextEncoding::Utf8,
        Err(_) => TextEncoding::Gb18030,
    }
}

/// Decodes a whole file to UTF-8 text. Bytes that are invalid even in the detected encoding
/// give an error naming the byte offset.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), String> {
    // The common case, checked once (and with SIMD): UTF-8 without a BOM.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        if !text.starts_with('\u{FEFF}') {
            return Ok((Cow::Borrowed(text), TextEncoding::Utf8));
        }
    }
    let enc = detect(bytes, true);
    let (encoding, body): (&'static Encoding, &[u8]) = match enc {
        TextEncoding::Utf8 => {
            return Ok((Cow::Borrowed(std::str::from_utf8(bytes).expect("checked")), enc));
        }
        TextEncoding::Utf8Bom => {
            return std::str::from_utf8(&bytes[3..])
                .map(|s| (Cow::Borrowed(s), enc))
                .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to() + 3));
        }
        TextEncoding::Utf16Le => (UTF_16LE, &bytes[2..]),
        TextEncoding::Utf16Be => (UTF_16BE, &bytes[2..]),
        TextEncoding::Gb18030 => (GB18030, bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(format!(
            "the file is neither UTF-8 nor valid {}: expected UTF-8, UTF-16 with a BOM, or GB18030/GBK",
            enc.name()
        ));
    }
    Ok((text, enc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_decodes() {
        let (t, e) = decode("优先级,渠道".as_bytes()).unwrap();
        assert_eq!((t.as_ref(), e), ("优先级,渠道", TextEncoding::Utf8));
        let (t, e) = decode(b"\xEF\xBB\xBFId,Via").unwrap();
        assert_eq!((t.as_ref(), e), ("Id,Via", TextEncoding::Utf8Bom));
        // "紧急" in GBK.
        let (t, e) = decode(b"\xBD\xF4\xBC\xB1,1").unwrap();
        assert_eq!((t.as_ref(), e), ("紧急,1", TextEncoding::Gb18030));
        // "Id" in UTF-16LE with a BOM.
        let (t, e) = decode(b"\xFF\xFEI\x00d\x00").unwrap();
        assert_eq!((t.as_ref(), e), ("Id", TextEncoding::Utf16Le));
        // A sample cut inside a character is still UTF-8.
        assert_eq!(detect(&"紧急".as_bytes()[..4], false), TextEncoding::Utf8);
    }
}
