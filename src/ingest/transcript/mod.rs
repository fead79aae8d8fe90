//! Probe transcripts, in the text format ([`text`]) or as JSON chat exports ([`json`]), told
//! apart by their shape; speakers placed by [`roles`]. Read from an evaluation folder's
//! `transcripts/<vendor-id>/`, or file by file for `transcript analyze` (both found by
//! [`crate::ingest::folder`]).

mod assemble;
pub mod json;
pub mod roles;
pub mod text;

use crate::error::{Diagnostic, Error, Result};
use crate::ingest::folder::check_vendor;
use crate::ingest::folder::folder_name;
use crate::ingest::folder::EvaluationFolder;
use crate::model::transcript::Transcript;
use crate::time::timestamp::NaiveZone;
use roles::RoleRules;

/// Every transcript of an evaluation folder (`transcripts/<vendor-id>/*.{txt,json}`, speakers
/// placed by `transcripts/roles.toml` when there is one), with the warnings of reading them;
/// timestamps of chat exports written without a zone are read in `zone`. Unknown vendor
/// folders and unreadable files are all collected before failing.
pub fn read_all(
    folder: &EvaluationFolder,
    vendor_ids: &[&str],
    zone: NaiveZone,
) -> Result<(Vec<Transcript>, Vec<Diagnostic>)> {
    let root = folder.path("transcripts");
    if !root.exists() {
        return Ok((Vec::new(), Vec::new()));
    }
    let found = crate::ingest::folder::find(&root)?;
    // Who is who in chat exports: transcripts/roles.toml, when there is one.
    let rules = match found.roles_file() {
        Some(path) => RoleRules::read(&path, &folder.shown(&path))?,
        None => RoleRules::default(),
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut buf = Vec::new();
    // Files directly in transcripts/ belong to no vendor: only the vendor folders are read.
    for dir in &found.vendor_folders {
        let vendor = folder_name(dir);
        if let Err(d) = check_vendor(vendor_ids, &vendor, &folder.shown(dir), None) {
            errors.push(d);
            continue;
        }
        for f in found.files_of(&vendor) {
            match read_file(&f.path, &mut buf, &folder.shown(&f.path), &vendor, &rules, zone) {
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
    zone: NaiveZone,
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
    zone: NaiveZone,
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
        let (t, _) = read_bytes(text, "t.txt", "v", &rules, NaiveZone::default()).unwrap();
        assert_eq!((t.messages.len(), t.vendor.as_str()), (1, "v"));
        let json = "{\"messages\": [{\"from\": \"A\", \"role\": \"customer\", \"at\": \"2026-10-14T09:00:00+08:00\", \"text\": \"hi\"}]}";
        let (t, _) = read_bytes(json.as_bytes(), "c.json", "v", &rules, NaiveZone::default()).unwrap();
        assert_eq!(t.messages[0].role, crate::model::transcript::Role::Evaluator);
    }

    #[test]
    fn evaluation_folder_reads_vendor_folders_only() {
        let dir = tempfile::tempdir().unwrap();
        let line = "[2026-10-14 09:00:00 +08:00] evaluator: hi\n";
        for f in [
            "transcripts/v1/a.txt",
            "transcripts/v1/2026-10/b.txt",
            "transcripts/loose.txt",
        ] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, line).unwrap();
        }
        let folder = EvaluationFolder::new(dir.path());
        let (ts, _) = read_all(&folder, &["v1"], NaiveZone::default()).unwrap();
        let files: Vec<&str> = ts.iter().map(|t| t.file.as_str()).collect();
        assert_eq!(files, ["transcripts/v1/2026-10/b.txt", "transcripts/v1/a.txt"]);
        // A vendor folder not in vendors.toml is named even when it is empty.
        std::fs::create_dir_all(dir.path().join("transcripts/v9")).unwrap();
        let e = read_all(&folder, &["v1"], NaiveZone::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("transcripts/v9") && e.contains("unknown vendor id 'v9'"),
            "{e}"
        );
        let empty = tempfile::tempdir().unwrap();
        let (ts, _) = read_all(
            &EvaluationFolder::new(empty.path()),
            &["v1"],
            NaiveZone::default(),
        )
        .unwrap();
        assert!(ts.is_empty());
    }
}
