//! The command line: one file per subcommand.

/// A line on standard error. A closed standard error (`2>&1 | head`) ends nothing and panics
/// nothing: what cannot be written is dropped, as with `eprintln!` minus its panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// As [`say!`], without the line end.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

pub mod common;
pub mod evaluate;
pub mod rubric;
pub mod shell;
pub mod sla;
pub mod stats;
pub mod transcript;

use crate::error::{exit, Error};
use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "supportgrade",
    version,
    about = "Judge an instant-messaging vendor's customer support from evidence"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// At most this many problems listed (rejected rows, or the problems of a failed run; all
    /// are counted); the same problem met in many places is one line naming how many and the
    /// first places (0: every problem, each on a line of its own).
    #[arg(long, global = true, default_value_t = 20)]
    pub max_errors: usize,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Score every vendor of an evaluation folder against a rubric and write the report.
    #[command(
        after_help = "Examples:\n  supportgrade evaluate                                  the shipped sample (data/sample)\n  supportgrade evaluate --data my-eval --profile finance  a folder, the finance lens\n  supportgrade evaluate --compare-methods --format json  both rankings, Kendall's tau"
    )]
    Evaluate(evaluate::Args),
    /// Response-time statistics of a probe CSV or a help-desk ticket export.
    #[command(
        after_help = "Examples:\n  supportgrade stats data/sample/measurements.csv --by vendor,priority\n  supportgrade stats tickets.csv --preset zendesk --business-hours 'Mon-Fri 09:00-18:00 Asia/Shanghai'\n  supportgrade stats export.csv --columns mapping.toml --format csv > groups.csv"
    )]
    Stats(stats::Args),
    /// SLA documents: `sla extract FILE...` lists the support promises they make.
    #[command(
        after_help = "Examples:\n  supportgrade sla extract data/sample/sla/*.md\n  supportgrade sla extract vendor-sla.pdf saved-page.html --format json"
    )]
    Sla(sla::Args),
    /// Probe transcripts: `transcript analyze FILE_OR_DIR...` judges how support answered.
    #[command(
        after_help = "Examples:\n  supportgrade transcript analyze data/sample/transcripts\n  supportgrade transcript analyze chats/ --format json > judged.jsonl"
    )]
    Transcript(transcript::Args),
    /// Rubrics: `show` (after extends, with where each value came from), `validate`, `init`, `weights`.
    #[command(
        after_help = "Examples:\n  supportgrade rubric init --profile finance my-rubric.toml\n  supportgrade rubric validate my-rubric.toml\n  supportgrade rubric show my-rubric.toml\n  supportgrade rubric weights --profile overseas"
    )]
    Rubric(rubric::Args),
    /// Shell completions: `completions bash|zsh|fish|powershell|elvish` prints the script.
    Completions(shell::CompletionsArgs),
    /// The manual page (roff): `supportgrade man | man -l -`.
    Man,
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    // The PDF reader catches the panics of the crate it uses and reports them as warnings.
    crate::ingest::sla::pdf::quiet_reader_panics();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { exit::USAGE } else { exit::OK };
        }
    };
    let max_errors = cli.max_errors;
    let result = match cli.command {
        Command::Evaluate(args) => evaluate::run(&args),
        Command::Stats(args) => stats::run(&args, max_errors),
        Command::Sla(args) => sla::run(&args),
        Command::Transcript(args) => transcript::run(&args),
        Command::Completions(args) => shell::completions(&args, <Cli as clap::CommandFactory>::command()),
        Command::Man => shell::man(<Cli as clap::CommandFactory>::command()),
        Command::Rubric(args) => match rubric::run(&args) {
            Ok(code) => return code,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(()) => exit::OK,
        Err(e) => {
            report_error(&e, max_errors);
            e.exit_code()
        }
    }
}

fn report_error(e: &Error, max_errors: usize) {
    match e {
        Error::Invalid(ds) => {
            let listed = problem_lines(ds, max_errors);
            for line in &listed.lines {
                say!("{line}");
            }
            if listed.left_out > 0 {
                say!(
                    "... and {} more problem(s) not listed (--max-errors N lists more, 0 all)",
                    listed.left_out
                );
            }
            say!("supportgrade: {} problem(s) found; nothing was written", ds.len());
        }
        Error::Io { .. } | Error::Render { .. } => say!("error: {e}"),
    }
}

/// The lines that report a run's problems.
struct Listed {
    lines: Vec<String>,
    /// Problems (groups count as one) beyond the limit.
    left_out: usize,
}

/// The problems as people read them: in order of first appearance, the same problem met in
/// three places or more collapsed into one line (`3000 places: expected ... (first:
/// a.txt:1:1, b.txt:1:1, c.txt:1:1, ...)`; messages that differ only in a quoted value are
/// the same problem, shown with `'…'`), at most `max` of them; a problem of a whole file (no
/// line: a summary such as "40 rows rejected") is always listed. `max` 0: every problem on a
/// line of its own.
fn problem_lines(ds: &[crate::error::Diagnostic], max: usize) -> Listed {
    const SHOWN_PLACES: usize = 3;
    let mut order: Vec<String> = Vec::new();
    let mut groups: std::collections::HashMap<String, Vec<&crate::error::Diagnostic>> =
        std::collections::HashMap::new();
    for d in ds {
        // With every problem asked for (0), each is a group of its own.
        let key = if max == 0 {
            order.len().to_string()
        } else {
            without_quoted(&d.message)
        };
        let g = groups.entry(key.clone()).or_default();
        if g.is_empty() {
            order.push(key);
        }
        g.push(d);
    }
    // Each entry: its lines, and whether it is a whole file's problem.
    let mut entries: Vec<(Vec<String>, bool)> = Vec::new();
    for key in &order {
        let g = &groups[key];
        if g.len() >= SHOWN_PLACES {
            let places: Vec<String> = g.iter().take(SHOWN_PLACES).map(|d| d.location()).collect();
            let same = g.iter().all(|d| d.message == g[0].message);
            let message = if same { g[0].message.as_str() } else { key.as_str() };
            let mut lines = vec![format!(
                "error: {} places: {message} (first: {}, ...)",
                g.len(),
                places.join(", ")
            )];
            if let Some(h) = &g[0].hint {
                lines.push(format!("  hint: {h}"));
            }
            entries.push((lines, false));
        } else {
            for d in g {
                let mut lines = vec![format!("error: {d}")];
                if let Some(h) = &d.hint {
                    lines.push(format!("  hint: {h}"));
                }
                entries.push((lines, d.line.is_none()));
            }
        }
    }
    let mut kept = 0;
    let mut left_out = 0;
    let mut lines = Vec::new();
    for (entry, whole_file) in entries {
        if max == 0 || kept < max || whole_file {
            kept += 1;
            lines.extend(entry);
        } else {
            left_out += 1;
        }
    }
    Listed { lines, left_out }
}

/// A message with its quoted values (`'2026-10-05 13:28:29'`) left out: `'…'`.
fn without_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('\'');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    // Pairs of quotes: the text between them is a value; an unpaired quote is kept as it is.
    let pairs = rest.len() / 2;
    for (i, part) in rest.iter().enumerate() {
        if i < pairs * 2 && i % 2 == 0 {
            out.push_str("'…'");
        } else if i < pairs * 2 {
            out.push_str(part);
        } else {
            out.push('\'');
            out.push_str(part);
        }
    }
    out
}
