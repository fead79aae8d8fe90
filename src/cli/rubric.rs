//! `supportgrade rubric show|validate|init|weights`: rubrics and what they extend.

use super::common::write_stdout;
use crate::error::{exit, Error, Result};
use crate::rubric::load::{read, Choice, Loaded};
use crate::rubric::show;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: RubricCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum RubricCommand {
    /// The effective rubric after `extends`, as TOML, each value with the file:line it came from.
    Show {
        /// The rubric [default: the default profile].
        file: Option<PathBuf>,
        /// A shipped profile instead of a file.
        #[arg(long, conflicts_with = "file")]
        profile: Option<String>,
    },
    /// Every problem of a rubric at once, with its line and column; exit 3 when there is one.
    Validate { file: PathBuf },
    /// A commented starting rubric extending a profile (printed, or written to FILE).
    Init {
        /// The profile to extend.
        #[arg(long, default_value = "default")]
        profile: String,
        /// Where to write it (never over an existing file).
        file: Option<PathBuf>,
    },
    /// The effective weights of the criteria and their measures.
    Weights {
        /// The rubric [default: the default profile].
        file: Option<PathBuf>,
        /// A shipped profile instead of a file.
        #[arg(long, conflicts_with = "file")]
        profile: Option<String>,
    },
}

fn choice(file: &Option<PathBuf>, profile: &Option<String>) -> Choice {
    match (file, profile) {
        (Some(f), _) => Choice::Path(f.clone()),
        (None, Some(p)) => Choice::Profile(p.clone()),
        (None, None) => Choice::Default,
    }
}

fn load(c: &Choice) -> Result<Loaded> {
    read(c.origin().map_err(Error::invalid)?)
}

/// Runs a `rubric` subcommand and returns its exit code.
pub fn run(args: &Args) -> Result<i32> {
    match &args.command {
        RubricCommand::Show { file, profile } => {
            let loaded = load(&choice(file, profile))?;
            if loaded.composed.complete {
                write_stdout(show::show(&loaded).as_bytes())?;
            }
            loaded.result.map(|_| exit::OK)
        }
        RubricCommand::Validate { file } => validate(file),
        RubricCommand::Init { profile, file } => init(profile, file.as_deref()),
        RubricCommand::Weights { file, profile } => {
            let rubric = load(&choice(file, profile))?.result?;
            write_stdout(show::weights(&rubric).as_bytes())?;
            Ok(exit::OK)
        }
    }
}

fn validate(file: &Path) -> Result<i32> {
    let loaded = load(&Choice::Path(file.to_path_buf()))?;
    let source = |name: &str| {
        loaded
            .composed
            .sources
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.text.as_str())
    };
    let mut report = String::new();
    for w in show::warnings(&loaded) {
        report.push_str(&w.render("warning", source(&w.file)));
    }
    match &loaded.result {
        Ok(r) => {
            say_raw!("{report}");
            let total: f64 = r.criteria.iter().map(|c| c.weight).sum();
            let line = format!(
                "ok: {} ({} criteria, weights sum to {total})\n",
                file.display(),
                r.criteria.len()
            );
            write_stdout(line.as_bytes())?;
            Ok(exit::OK)
        }
        Err(Error::Invalid(ds)) => {
            for d in ds {
                let mut d = d.clone();
                show::add_hint(&mut d);
                report.push_str(&d.render("error", source(&d.file)));
            }
            report.push_str(&format!("{}: {} problem(s) found\n", file.display(), ds.len()));
            say_raw!("{report}");
            Ok(exit::INVALID_INPUT)
        }
        Err(e) => {
            say!("error: {e}");
            Ok(e.exit_code())
        }
    }
}

fn init(profile: &str, file: Option<&Path>) -> Result<i32> {
    let base = load(&Choice::Profile(profile.to_string()))?.result?;
    let text = show::init(profile, &base);
    let Some(path) = file else {
        write_stdout(text.as_bytes())?;
        return Ok(exit::OK);
    };
    if path.exists() {
        say!(
            "error: {} exists: rubric init never writes over a file (give another name, or remove it)",
            path.display()
        );
        return Ok(exit::USAGE);
    }
    std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
    say!("wrote {} (extends \"{profile}\")", path.display());
    Ok(exit::OK)
}
