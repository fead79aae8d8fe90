//! Where the input files are. [`EvaluationFolder`] is the layout of an evaluation folder (see
//! `data/sample/`), with the vendor files of its sub-folders; the transcript discovery serves
//! both `transcript analyze` (the files and folders given on the command line) and an
//! evaluation folder's `transcripts/`.
//!
//! A folder is walked to any depth for `.txt` and `.json` files, sorted by path. A file's
//! vendor is named by the first folder below the one given (`transcripts/<vendor>/...`); a
//! file directly in the folder given belongs to no vendor folder. The folder given holds the
//! `roles.toml` that says who is who in its chat exports.

use crate::error::{read_text, Diagnostic, Error, Result};
use std::path::{Path, PathBuf};

/// The transcript files found at one path given.
#[derive(Debug, Default)]
pub struct Found {
    /// The folder given, or the folder of a file given.
    pub root: PathBuf,
    /// The own name of the folder given (`deepwave` for `transcripts/deepwave/` or for `.`
    /// inside it), which names the vendor of the files directly in it; `None` for a file
    /// given by itself.
    pub own_name: Option<String>,
    /// The folders directly in `root`, sorted: the vendor folders, with files or not.
    pub vendor_folders: Vec<PathBuf>,
    /// The files, sorted by path.
    pub files: Vec<TranscriptFile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptFile {
    pub path: PathBuf,
    /// The name of the first folder below the root, which names the file's vendor; `None`
    /// for a file directly in the root, or given by itself.
    pub vendor_folder: Option<String>,
}

/// The transcript files at `path`: the file itself, or every `.txt` and `.json` file in the
/// folder and its sub-folders.
pub fn find(path: &Path) -> Result<Found> {
    if path.is_file() {
        return Ok(Found {
            root: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            own_name: None,
            vendor_folders: Vec::new(),
            files: vec![TranscriptFile {
                path: path.to_path_buf(),
                vendor_folder: None,
            }],
        });
    }
    if !path.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        ));
    }
    let mut paths = Vec::new();
    let mut vendor_folders = Vec::new();
    walk(path, &mut paths, Some(&mut vendor_folders))?;
    paths.sort();
    vendor_folders.sort();
    let files = paths
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(path).unwrap_or(&p);
            let vendor_folder = (rel.components().count() > 1)
                .then(|| rel.components().next())
                .flatten()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            TranscriptFile {
                path: p,
                vendor_folder,
            }
        })
        .collect();
    Ok(Found {
        root: path.to_path_buf(),
        own_name: path
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())),
        vendor_folders,
        files,
    })
}

impl Found {
    /// The vendor a file's place names: its vendor folder, or for a file directly in a
    /// folder given, that folder's own name (`deepwave` for `transcripts/deepwave/`); none
    /// for a file given by itself.
    pub fn vendor_of<'a>(&'a self, file: &'a TranscriptFile) -> Option<&'a str> {
        file.vendor_folder.as_deref().or(self.own_name.as_deref())
    }

    /// The files of one vendor folder (named as in [`TranscriptFile::vendor_folder`]).
    pub fn files_of<'a>(&'a self, vendor_folder: &'a str) -> impl Iterator<Item = &'a TranscriptFile> + 'a {
        self.files
            .iter()
            .filter(move |f| f.vendor_folder.as_deref() == Some(vendor_folder))
    }

    /// The `roles.toml` of the root, if there is one.
    pub fn roles_file(&self) -> Option<PathBuf> {
        Some(self.root.join("roles.toml")).filter(|p| p.is_file())
    }
}

/// The name of a folder (the last part of its path).
pub fn folder_name(dir: &Path) -> String {
    dir.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Adds the `.txt` and `.json` files in `dir` and below to `out`; the folders directly in
/// `dir` to `folders`, when given.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, mut folders: Option<&mut Vec<PathBuf>>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            if let Some(f) = folders.as_deref_mut() {
                f.push(path.clone());
            }
            walk(&path, out, None)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("json"))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Checks that a vendor id named by a file or a row is declared in vendors.toml.
pub fn check_vendor(
    ids: &[&str],
    id: &str,
    file: &str,
    line: Option<usize>,
) -> std::result::Result<(), Diagnostic> {
    if ids.contains(&id) {
        Ok(())
    } else {
        Err(Diagnostic::new(
            file,
            line,
            format!(
                "unknown vendor id '{id}': expected one of the ids in vendors.toml ({})",
                ids.join(", ")
            ),
        ))
    }
}

/// Reads the files `<dir>/<vendor-id>.<ext>` of an evaluation folder, each parsed by
/// `parse(text, shown_path, vendor_id)`. Unknown vendor ids and invalid files are all
/// collected before failing.
pub fn read_vendor_files<T>(
    folder: &EvaluationFolder,
    dir: &str,
    exts: &[&str],
    vendor_ids: &[&str],
    mut parse: impl FnMut(&str, &str, &str) -> Result<T>,
) -> Result<Vec<T>> {
    read_vendor_paths(folder, dir, exts, vendor_ids, |path, shown, vendor| {
        read_text(path, shown).and_then(|src| parse(&src, shown, vendor))
    })
}

/// As [`read_vendor_files`], for files that are not (only) UTF-8 text: `read(path,
/// shown_path, vendor_id)` reads each file itself.
pub fn read_vendor_paths<T>(
    folder: &EvaluationFolder,
    dir: &str,
    exts: &[&str],
    vendor_ids: &[&str],
    mut read: impl FnMut(&Path, &str, &str) -> Result<T>,
) -> Result<Vec<T>> {
    let dir = folder.path(dir);
    let files = folder.files_in(&dir, exts).map_err(|e| Error::io(&dir, e))?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        let shown = folder.shown(&path);
        let vendor = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Err(d) = check_vendor(vendor_ids, &vendor, &shown, None) {
            errors.push(d);
            continue;
        }
        match read(&path, &shown, &vendor) {
            Ok(t) => out.push(t),
            Err(Error::Invalid(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(errors))
    }
}

/// The layout of an evaluation folder.
#[derive(Debug, Clone)]
pub struct EvaluationFolder {
    pub root: PathBuf,
}

impl EvaluationFolder {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        EvaluationFolder { root: root.into() }
    }

    /// The folder's own name (`sample` for `data/sample`).
    pub fn name(&self) -> String {
        self.root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "evaluation".to_string())
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// A path as shown in evidence and errors: relative to the folder, with `/` separators.
    pub fn shown(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Files directly in `dir` with one of `exts`, sorted by name. A missing directory gives
    /// an empty list.
    pub fn files_in(&self, dir: &Path, exts: &[&str]) -> std::io::Result<Vec<PathBuf>> {
        entries(dir, |p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
        })
    }
}

fn entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let listing = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for entry in listing {
        let p = entry?.path();
        if keep(&p) {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_sorted_with_their_vendor_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("transcripts");
        for f in [
            "b/2.txt",
            "b/1.JSON",
            "a/deep/x.txt",
            "a/0.txt",
            "top.txt",
            "a/notes.md",
            "roles.toml",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        std::fs::create_dir_all(root.join("empty")).unwrap();
        let found = find(&root).unwrap();
        let rel: Vec<(String, Option<&str>)> = found
            .files
            .iter()
            .map(|f| {
                let r = f.path.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
                (r, f.vendor_folder.as_deref())
            })
            .collect();
        assert_eq!(
            rel,
            vec![
                ("a/0.txt".into(), Some("a")),
                ("a/deep/x.txt".into(), Some("a")),
                ("b/1.JSON".into(), Some("b")),
                ("b/2.txt".into(), Some("b")),
                ("top.txt".into(), None),
            ]
        );
        let names: Vec<String> = found.vendor_folders.iter().map(|d| folder_name(d)).collect();
        assert_eq!(names, ["a", "b", "empty"]);
        assert_eq!(found.files_of("a").count(), 2);
        assert_eq!(found.vendor_of(&found.files[1]), Some("a"));
        assert_eq!(found.vendor_of(&found.files[4]), Some("transcripts"));
        assert_eq!(found.roles_file(), Some(root.join("roles.toml")));

        let one = find(&root.join("b/2.txt")).unwrap();
        assert_eq!(one.root, root.join("b"));
        assert_eq!(one.vendor_of(&one.files[0]), None);
        assert!(find(&root.join("missing")).is_err());
    }
}
