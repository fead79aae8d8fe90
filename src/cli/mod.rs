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
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Score every vendor of an evaluation folder against a rubric and write the report.
    Evaluate(evaluate::Args),
    /// Response-time statistics of a probe CSV or a help-desk ticket export.
    Stats(stats::Args),
    /// SLA documents: `sla extract FILE...` lists the support promises they make.
    Sla(sla::Args),
    /// Probe transcripts: `transcript analyze FILE_OR_DIR...` judges how support answered.
    Transcript(transcript::Args),
    /// Rubrics: `show` (after extends, with where each value came from), `validate`, `init`, `weights`.
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
    let result = match cli.command {
        Command::Evaluate(args) => evaluate::run(&args),
        Command::Stats(args) => stats::run(&args),
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
            report_error(&e);
            e.exit_code()
        }
    }
}

fn report_error(e: &Error) {
    match e {
        Error::Invalid(ds) => {
            for d in ds {
                say!("error: {d}");
                if let Some(h) = &d.hint {
                    say!("  hint: {h}");
                }
            }
            say!("supportgrade: {} problem(s) found; nothing was written", ds.len());
        }
        Error::Io { .. } | Error::Render { .. } => say!("error: {e}"),
    }
}
