//! A reader that stops early (`supportgrade ... | head`, `2>&1 | head`) ends the program
//! quietly with its usual exit code: never a panic (101) on the closed pipe.

use std::io::Read;
use std::process::{Command, Stdio};

/// Runs the binary with the stream `which` piped, reads a few bytes of it, closes it, and
/// returns the exit code.
fn run_closing(args: &[&str], which: &str) -> Option<i32> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_supportgrade"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(Stdio::null());
    if which == "stderr" {
        cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    } else {
        cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    }
    let mut child = cmd.spawn().expect("the binary runs");
    let mut first = [0u8; 16];
    {
        let mut stream: Box<dyn Read> = if which == "stderr" {
            Box::new(child.stderr.take().expect("piped"))
        } else {
            Box::new(child.stdout.take().expect("piped"))
        };
        let _ = stream.read(&mut first);
        // Dropped here: the pipe is closed with most of the output unread.
    }
    let status = child.wait().expect("the binary ends");
    status.code()
}

#[test]
fn closed_standard_error_is_no_panic() {
    // 3,000 transcripts without timestamps: one error line each on standard error.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        std::fs::write(
            dir.path().join(format!("t{i:04}.txt")),
            "hello\nno timestamps here\n",
        )
        .unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let code = run_closing(&["transcript", "analyze", path], "stderr");
    assert_eq!(
        code,
        Some(3),
        "exit code {code:?} (101 is a panic, None a signal)"
    );
}

#[test]
fn closed_standard_output_is_no_panic() {
    // A long report read only in part.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("sla.md");
    let page = std::fs::read_to_string("tests/fixtures/sla/02-qingque-sla.md").unwrap();
    std::fs::write(&doc, page.repeat(400)).unwrap();
    let code = run_closing(
        &["sla", "extract", doc.to_str().unwrap(), "--format", "json"],
        "stdout",
    );
    assert_eq!(
        code,
        Some(0),
        "exit code {code:?} (101 is a panic, None a signal)"
    );
}

/// The same problem in many files is one line (how many, the first places); `--max-errors 0`
/// lists every one.
#[test]
fn identical_problems_are_collapsed_unless_all_are_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..50 {
        std::fs::write(dir.path().join(format!("t{i:02}.txt")), "no timestamps here\n").unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_supportgrade");
    let out = Command::new(bin)
        .args(["transcript", "analyze", path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("error: 50 places: expected a message starting with '[timestamp]'"),
        "{err}"
    );
    assert!(
        lines[0].contains("(first: ") && lines[0].contains("t00.txt:1:1, "),
        "{err}"
    );
    assert_eq!(lines[1], "supportgrade: 50 problem(s) found; nothing was written");
    let out = Command::new(bin)
        .args(["transcript", "analyze", path, "--max-errors", "0"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 51);
}
