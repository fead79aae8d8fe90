//! What the subcommands share: the flags that mean the same in each (flattened into their
//! arguments) and writing their output.

use crate::error::{read_text, Diagnostic, Error, Result};
use crate::ingest::tickets::columns::Preset;
use crate::rubric::load::{load_choice, Choice};
use crate::rubric::Rubric;
use crate::time::timestamp::Zone;
use crate::time::ElapsedClock;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An error in a command-line value.
pub fn invalid(message: impl Into<String>) -> Error {
    Error::invalid(Diagnostic::new("<command line>", None, message))
}

/// `--rubric` and `--profile`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RubricArg {
    /// The rubric file [default: the default profile: rubrics/default.toml, else the built-in copy of it].
    #[arg(long)]
    pub rubric: Option<PathBuf>,
    /// A shipped rubric profile by name (default, ...) instead of a file.
    #[arg(long, conflicts_with = "rubric")]
    pub profile: Option<String>,
}

impl RubricArg {
    /// The rubric the flags choose, if they choose one.
    pub fn choice(&self) -> Option<Choice> {
        match (&self.rubric, &self.profile) {
            (Some(p), _) => Some(Choice::Path(p.clone())),
            (None, Some(name)) => Some(Choice::Profile(name.clone())),
            (None, None) => None,
        }
    }

    pub fn load(&self) -> Result<Rubric> {
        load_choice(&self.choice().unwrap_or(Choice::Default))
    }
}

/// `--timezone`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ZoneArg {
    /// Time zone of timestamps written without one (IANA name, e.g. Asia/Shanghai, or +08:00).
    #[arg(long)]
    pub timezone: Option<String>,
}

impl ZoneArg {
    pub fn zone(&self) -> Result<Option<Zone>> {
        self.timezone
            .as_deref()
            .map(Zone::parse)
            .transpose()
            .map_err(invalid)
    }
}

/// `--business-hours` and `--holidays`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ClockArgs {
    /// Count elapsed time only inside a schedule, e.g. "Mon-Fri 09:00-18:00 Asia/Shanghai"; "7x24" for wall-clock.
    #[arg(long)]
    pub business_hours: Option<String>,
    /// A TOML file of holidays (and make-up workdays) for --business-hours.
    #[arg(long)]
    pub holidays: Option<PathBuf>,
}

impl ClockArgs {
    /// The business calendar asked for (`None`: the wall clock); `zone` is the schedule's zone
    /// when it names none.
    pub fn clock(&self, zone: Option<Zone>) -> Result<Option<Arc<dyn ElapsedClock>>> {
        let Some(spec) = &self.business_hours else {
            return Ok(None);
        };
        let holidays = match &self.holidays {
            Some(p) => Some((read_text(p, &p.display().to_string())?, p.display().to_string())),
            None => None,
        };
        crate::time::business::from_spec(
            spec,
            holidays.as_ref().map(|(s, n)| (s.as_str(), n.as_str())),
            zone,
        )
    }
}

/// `--preset` and `--columns`: how an export's columns are read.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ExportArgs {
    /// The export format (canonical, zendesk or freshdesk); detected from the header when not given.
    #[arg(long, value_parser = known_preset)]
    pub preset: Option<String>,
    /// A TOML file mapping this export's columns ([columns] sent_at = "...", ...).
    #[arg(long, conflicts_with = "preset")]
    pub columns: Option<PathBuf>,
}

/// `--preset`'s value, checked when the command line is read (a bad one is a usage error).
fn known_preset(p: &str) -> std::result::Result<String, String> {
    Preset::parse(p)
        .map(|_| p.to_string())
        .ok_or_else(|| "expected canonical, zendesk or freshdesk".to_string())
}

impl ExportArgs {
    /// The mapping file's text and name, when one is given.
    pub fn mapping(&self) -> Result<Option<(String, String)>> {
        match &self.columns {
            Some(p) => Ok(Some((
                read_text(p, &p.display().to_string())?,
                p.display().to_string(),
            ))),
            None => Ok(None),
        }
    }

    pub fn preset(&self) -> Result<Option<Preset>> {
        match &self.preset {
            Some(p) => Preset::parse(p).map(Some).ok_or_else(|| {
                invalid(format!(
                    "unknown preset '{p}': expected canonical, zendesk or freshdesk"
                ))
            }),
            None => Ok(None),
        }
    }
}

/// `--threads`.
#[derive(clap::Args, Debug, Clone)]
pub struct ThreadsArg {
    /// Threads to work on [default: one per core].
    #[arg(long, default_value_t = crate::engine::default_threads(), hide_default_value = true)]
    pub threads: usize,
}

/// Writes a command's output to standard output. A closed pipe (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io(Path::new("<stdout>"), e)),
        _ => Ok(()),
    }
}
