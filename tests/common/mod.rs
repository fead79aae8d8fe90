//! Helpers shared by the integration tests (`mod common;` in each test file): running the real
//! binary from the repository root, describing a run for assertion messages, and reading what
//! a run wrote. Not every test file uses every helper, hence `allow(dead_code)`.
#![allow(dead_code)]

use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root: every run starts there, and relative paths are read from there.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

pub fn root() -> PathBuf {
    PathBuf::from(ROOT)
}

/// One finished run of `supportgrade`: its exit code (None if killed by a signal) and what it
/// printed (each must be UTF-8).
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr, for an assertion message.
    pub fn describe(&self) -> String {
        format!(
            "exit code {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    pub fn assert_ok(&self) {
        assert_eq!(self.code, Some(0), "expected exit 0\n{}", self.describe());
    }

    /// Standard output as one JSON document, the run having exited 0.
    pub fn json(&self) -> Value {
        self.assert_ok();
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{}", self.describe()))
    }
}

/// Runs `supportgrade` with `args` from the repository root and waits for it.
pub fn supportgrade<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_supportgrade"))
        .current_dir(ROOT)
        .args(args)
        .output()
        .expect("the supportgrade binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn read_json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Copies a folder recursively.
pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// A fresh copy of the sample evaluation folder, at `<tempdir>/sample`.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("sample");
    copy_dir(&root().join("data/sample"), &data);
    (tmp, data)
}

/// Runs `supportgrade evaluate` on `data` (relative to the repository root, or absolute),
/// writing into `out`, with `extra` flags.
pub fn evaluate_into(data: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["evaluate", "--data", path_str(data), "--out", path_str(out)];
    args.extend_from_slice(extra);
    supportgrade(args)
}

/// A vendor's object in results.json.
pub fn vendor<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["vendors"]
        .as_array()
        .expect("results.json has vendors")
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vendor {id} in results.json"))
}

/// `supportgrade sla extract --format json PATH`.
pub fn sla_extract(path: &Path) -> Run {
    supportgrade(["sla", "extract", "--format", "json", path_str(path)])
}

/// How many commitments of any kind one document of `sla extract --format json` holds.
pub fn commitments(v: &Value) -> usize {
    [
        "first_response",
        "resolution",
        "support_hours",
        "channels",
        "uptime_percent",
    ]
    .iter()
    .map(|k| v[k].as_array().map_or(0, Vec::len))
    .sum()
}
