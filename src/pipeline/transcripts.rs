//! `transcript analyze`: every file read, judged and rendered on the engine's threads, written
//! in file order as it comes, then the vendors' rates.

use crate::engine::{read_ahead, OrderedMap};
use crate::error::{Diagnostic, Error, Result};
use crate::ingest::folder;
use crate::ingest::transcript::read_file;
use crate::ingest::transcript::roles::RoleRules;
use crate::metrics::transcripts::{TranscriptMatcher, VendorTranscripts};
use crate::report::transcript::{render, Format, Rendered, TranscriptWriter};
use crate::rubric::Rubric;
use crate::time::timestamp::{NaiveZone, Zone};
use crate::time::ElapsedClock;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files to analyze, each with its vendor and the speaker rules of its folder.
#[derive(Debug, Default)]
pub struct TranscriptFiles {
    files: Vec<PlannedFile>,
    rules: Vec<RoleRules>,
}

#[derive(Debug)]
struct PlannedFile {
    path: PathBuf,
    vendor: Option<String>,
    /// Its rules: `rules[rules]`.
    rules: usize,
}

impl TranscriptFiles {
    /// The transcript files at `paths` (files, or folders walked for them), in the order
    /// given, each folder's sorted; the vendor of every file `vendor`, or else the one its
    /// folder names. Who is who: the rules of `roles`, or else each folder's `roles.toml`.
    pub fn find(paths: &[PathBuf], vendor: Option<&str>, roles: Option<&Path>) -> Result<Self> {
        let found = paths
            .iter()
            .map(|p| folder::find(p))
            .collect::<Result<Vec<_>>>()?;
        let mut roots: Vec<PathBuf> = Vec::new();
        let mut out = TranscriptFiles::default();
        // Rules are read for the folders that have files, each once.
        for mut f in found.into_iter().filter(|f| !f.files.is_empty()) {
            let k = match roots.iter().position(|r| *r == f.root) {
                Some(k) => k,
                None => {
                    let path = roles.map(Path::to_path_buf).or_else(|| f.roles_file());
                    out.rules.push(match path {
                        Some(p) => RoleRules::read(&p, &p.display().to_string())?,
                        None => RoleRules::default(),
                    });
                    roots.push(f.root.clone());
                    roots.len() - 1
                }
            };
            for file in std::mem::take(&mut f.files) {
                out.files.push(PlannedFile {
                    vendor: vendor
                        .map(str::to_string)
                        .or_else(|| f.vendor_of(&file).map(str::to_string)),
                    path: file.path,
                    rules: k,
                });
            }
        }
        Ok(out)
    }
}

/// What `transcript analyze` does: which files, judged against which rubric, how.
pub struct AnalyzePlan<'a> {
    pub files: TranscriptFiles,
    pub rubric: &'a Rubric,
    /// The time zone of JSON timestamps written without one.
    pub zone: Option<Zone>,
    /// Reply latency counted on this clock (business hours) instead of the wall clock.
    pub clock: Option<&'a dyn ElapsedClock>,
    pub format: Format,
    /// Files analyzed at once.
    pub threads: usize,
}

/// The largest read buffer a thread keeps from one file to the next.
const MAX_KEPT_BUFFER: usize = 4 << 20;

/// Each vendor's tally, by vendor name.
type Tally = BTreeMap<String, VendorTranscripts>;

/// Analyzes the plan's files and writes the output to `out`, each file's warnings to `warn`
/// as it comes. The files are read, judged and rendered on the plan's threads, in small runs
/// and no more than the engine's window ahead of the writer: memory stays bounded whatever
/// the size of the archive. Invalid files are all reported together (the output stops at the
/// first); an output that cannot be written stops everything.
pub fn analyze(plan: &AnalyzePlan, out: impl Write, mut warn: impl FnMut(&Diagnostic)) -> Result<()> {
    let matcher = TranscriptMatcher::new(plan.rubric);
    let stdout_error = |e: std::io::Error| Error::io(Path::new("<stdout>"), e);
    let mut writer = TranscriptWriter::new(out, plan.format);
    let mut errors = Vec::new();
    let hint = |f: &PlannedFile| read_ahead::file(&f.path);
    let work = |f: &PlannedFile, (tally, buf): &mut (Tally, Vec<u8>)| {
        // A huge file's buffer is not kept for the rest of the run.
        if buf.capacity() > MAX_KEPT_BUFFER {
            *buf = Vec::new();
        }
        let shown = f.path.display().to_string();
        let vendor = f.vendor.as_deref();
        let rules = &plan.files.rules[f.rules];
        match read_file(
            &f.path,
            buf,
            &shown,
            vendor.unwrap_or(""),
            rules,
            NaiveZone::flag(plan.zone),
        ) {
            Ok((t, warnings)) => {
                let a = matcher.analyze_with_clock(&t, plan.clock);
                if let Some(v) = vendor {
                    if !tally.contains_key(v) {
                        tally.insert(v.to_string(), VendorTranscripts::default());
                    }
                    tally.get_mut(v).expect("just inserted").add(&a);
                }
                (warnings, Ok(render(&a, vendor, plan.format)))
            }
            Err(e) => (Vec::new(), Err(e)),
        }
    };
    let sink = |(warnings, rendered): (Vec<Diagnostic>, Result<Rendered>)| {
        for w in &warnings {
            warn(w);
        }
        match rendered {
            Ok(r) if errors.is_empty() => writer.conversation(r).map_err(stdout_error)?,
            Ok(_) => {}
            Err(Error::Invalid(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
        Ok(())
    };
    let states = OrderedMap::new(plan.threads).read_ahead(&hint).run(
        &plan.files.files,
        || (Tally::new(), Vec::new()),
        work,
        sink,
    )?;
    if !errors.is_empty() {
        // The output written so far is as good as lost; the problems are what matters.
        let _ = writer.abandon();
        return Err(Error::Invalid(errors));
    }
    let mut vendors = Tally::new();
    for (tally, _) in states {
        for (name, counts) in tally {
            vendors.entry(name).or_default().merge(counts);
        }
    }
    writer.finish(&vendors).map_err(stdout_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The whole run into memory: the document in file order, every vendor's rates, the
    /// warnings handed back; an invalid file fails the run with its place.
    #[test]
    fn analyze_into_memory_at_any_thread_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("transcripts");
        for i in 0..40 {
            let vendor = if i % 2 == 0 { "a" } else { "b" };
            let text = if i % 4 == 1 {
                String::new()
            } else {
                "[2026-10-14 09:00:00 +08:00] evaluator: 压测过吗?\n[2026-10-14 09:01:00 +08:00] agent(A): 请稍等\n".to_string()
            };
            write(&root.join(format!("{vendor}/c{i:02}.txt")), &text);
        }
        let rubric = crate::rubric::load::builtin();
        let run = |threads: usize, format: Format| {
            let plan = AnalyzePlan {
                files: TranscriptFiles::find(std::slice::from_ref(&root), None, None).unwrap(),
                rubric: &rubric,
                zone: None,
                clock: None,
                format,
                threads,
            };
            let (mut out, mut warnings) = (Vec::new(), Vec::new());
            let result = analyze(&plan, &mut out, |w| warnings.push(w.to_string()));
            (result, out, warnings)
        };
        let (result, one, warnings) = run(1, Format::Json);
        result.unwrap();
        assert_eq!(warnings.len(), 10, "{warnings:?}");
        assert!(warnings[0].contains("c01.txt"), "{warnings:?}");
        let doc: serde_json::Value = serde_json::from_slice(&one).unwrap();
        assert_eq!(doc["conversations"].as_array().unwrap().len(), 40);
        assert_eq!(doc["vendors"][0]["stall_rate"], 1.0);
        assert_eq!(
            doc["vendors"][1]["stall_rate"], 0.5,
            "half of b's conversations are empty"
        );
        for threads in [2, 7, 100] {
            assert_eq!(run(threads, Format::Json).1, one, "{threads} threads");
        }
        let (_, table, _) = run(3, Format::Table);
        assert!(String::from_utf8(table).unwrap().contains("stall rate"));

        write(&root.join("b/c99.txt"), "no timestamp here\n");
        let (result, out, _) = run(3, Format::Json);
        let Err(Error::Invalid(ds)) = result else {
            panic!("expected the invalid file to fail the run")
        };
        assert_eq!((ds.len(), ds[0].line), (1, Some(1)));
        assert!(ds[0].to_string().contains("c99.txt"), "{}", ds[0]);
        assert!(out.ends_with(b"}\n"), "the JSON written so far ends its line");
    }
}
