//! `completions` and `man`: the shell completion scripts and the manual page, generated from
//! the same command-line definition as `--help` (clap_complete, clap_mangen).

use super::common::write_stdout;
use crate::error::{Error, Result};

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Prints the completion script for the shell (e.g. `supportgrade completions bash >
/// ~/.local/share/bash-completion/completions/supportgrade`).
pub fn completions(args: &CompletionsArgs, mut command: clap::Command) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "supportgrade", &mut out);
    write_stdout(&out)
}

/// Prints the manual page in roff (`supportgrade man > supportgrade.1`).
pub fn man(command: clap::Command) -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|e| Error::Render {
            what: "the manual page".to_string(),
            message: e.to_string(),
        })?;
    write_stdout(&out)
}
