//! Probe transcripts, in the text format ([`text`]) or as JSON chat exports ([`json`]), told
//! apart by their shape; speakers placed by [`roles`]. Read from an evaluation folder's
//! `transcripts/<vendor-id>/`, or file by file for `transcript analyze`.

mod assemble;
pub mod json;
pub mod roles;
pub mod text;

use crate::error::{Diagnostic, Error, Result};
use crate::evaluation_folder::EvaluationFolder;
use crate::ingest::check_vendor;
use crate::model::transcript::Transcript;
use crate::time::timestamp::Zone;
use roles::RoleRules;

/// Every transcript of an evaluation folder (`transcripts/<vendor-id>/*.{txt,json}`, speakers
/// placed by `transcripts/roles.toml` when there is one), with the warnings of reading them.
/// Unknown vendor folders and unreadable files are all collected before failing.
pub fn read_all(
    folder: &EvaluationFolder,
    vendor_ids: &[&str],
) -> Result<(Vec<Transcript>, Vec<Diagnostic>)> {
    let root = folder.path("transcripts");
    let dirs = folder.dirs_in(&root).map_err(|e| Error::io(&root, e))?;
    // Who is who in chat exports: transcripts/roles.toml, when there is one.
    let roles_path = root.join("roles.toml");
    let rules = if roles_path.is_file() {
        RoleRules::read(&roles_path, &folder.shown(&roles_path))?
    } else {
        RoleRules::default()
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for dir in dirs {
        let vendor = dir
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Err(d) = check_vendor(vendor_ids, &vendor, &folder.shown(&dir), None) {
            errors.push(d);
            continue;
        }
        let files = folder
            .files_in(&dir, &["txt", "json"])
            .map_err(|e| Error::io(&dir, e))?;
        for path in files {
            let shown = folder.shown(&path);
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            match read_bytes(&bytes, &shown, &vendor, &rules, None) {
                Ok((t, w)) => {
                    out.push(t);
                    warnings.extend(w);
                }
                Err(Error::Invalid(ds)) => errors.extend(ds),
                Err(e) => return Err(e),
            }
        }
    }
    if errors.is_empty() {
        Ok((out, warnings))
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Reads the transcript file at `path` into `buf` (emptied first, its allocation kept from
/// file to file) and then as [`read_bytes`]. `file` is the path as shown in evidence.
pub fn read_file(
    path: &std::path::Path,
    buf: &mut Vec<u8>,
    file: &str,
    vendor: &str,
    rules: &RoleRules,
    zone: Option<Zone>,
) -> Result<(Transcript, Vec<Diagnostic>)> {
    use std::io::Read;
    buf.clear();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(buf))
        .map_err(|e| Error::io(path, e))?;
    read_bytes(buf, file, vendor, rules, zone)
}

/// Reads a transcript file of either form (the text format, or a JSON chat export detected by
/// its shape) from its bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK.
pub fn read_bytes(
    bytes: &[u8],
    file: &str,
    vendor: &str,
    rules: &RoleRules,
    zone: Option<Zone>,
) -> Result<(Transcript, Vec<Diagnostic>)> {
    let (text, _) =
        crate::ingest::encoding::decode(bytes).map_err(|m| Error::invalid(Diagnostic::new(file, None, m)))?;
    if looks_like_json(&text) {
        let (t, w, _) = json::parse(&text, file, vendor, rules, zone)?;
        return Ok((t, w));
    }
    text::parse_with_rules(&text, file, vendor, rules)
}

/// Whether a text is JSON rather than the text format (whose lines start with `[timestamp]`):
/// an object, or an array of objects.
pub fn looks_like_json(src: &str) -> bool {
    let t = src.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('{')
        || t.strip_prefix('[')
            .is_some_and(|r| r.trim_start().starts_with(['{', ']']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_told_from_the_text_format() {
        assert!(looks_like_json("\u{feff}  {\"messages\": []}"));
        assert!(looks_like_json("[\n {\"a\": 1}]"));
        assert!(!looks_like_json("[2026-10-14 09:00:00 +08:00] evaluator: hi"));
    }

    #[test]
    fn both_forms_from_bytes() {
        let rules = RoleRules::default();
        let text = "[2026-10-14 09:00:00 +08:00] evaluator: hi\n".as_bytes();
        let (t, _) = read_bytes(text, "t.txt", "v", &rules, None).unwrap();
        assert_eq!((t.messages.len(), t.vendor.as_str()), (1, "v"));
        let json = "{\"messages\": [{\"from\": \"A\", \"role\": \"customer\", \"at\": \"2026-10-14T09:00:00+08:00\", \"text\": \"hi\"}]}";
        let (t, _) = read_bytes(json.as_bytes(), "c.json", "v", &rules, None).unwrap();
        assert_eq!(t.messages[0].role, crate::model::transcript::Role::Evaluator);
    }
}
