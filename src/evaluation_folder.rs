//! The layout of an evaluation folder (see `data/sample/`).

use std::path::{Path, PathBuf};

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
