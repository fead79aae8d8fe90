//! `supportgrade completions SHELL` and `supportgrade man`, through the real binary.

mod common;

use common::supportgrade;

#[test]
fn completions_name_every_subcommand_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = supportgrade(["completions", shell]);
        assert_eq!(run.code, Some(0), "{shell}: {}", run.describe());
        for sub in ["evaluate", "stats", "sla", "transcript", "rubric"] {
            assert!(run.stdout.contains(sub), "{shell} completions lack {sub}");
        }
    }
    // bash's script registers its function for the command.
    let bash = supportgrade(["completions", "bash"]).stdout;
    assert!(bash.contains("complete -F _supportgrade"), "{bash}");
    // An unknown shell is a usage error listing the shells.
    let run = supportgrade(["completions", "tcsh"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr.contains("bash, elvish, fish, powershell, zsh"),
        "{}",
        run.describe()
    );
}

#[test]
fn the_manual_page_is_roff_with_the_subcommands() {
    let run = supportgrade(["man"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(run.stdout.contains(".TH supportgrade 1"), "{}", run.stdout);
    assert!(run.stdout.contains(".SH NAME"), "{}", run.stdout);
    for sub in ["evaluate", "stats", "sla", "transcript", "rubric", "completions"] {
        assert!(run.stdout.contains(sub), "the man page lacks {sub}");
    }
}

/// Each subcommand's `--help` ends with examples of its use.
#[test]
fn every_subcommand_help_shows_examples() {
    for sub in ["evaluate", "stats", "sla", "transcript", "rubric"] {
        let run = supportgrade([sub, "--help"]);
        assert_eq!(run.code, Some(0), "{sub}: {}", run.describe());
        let at = run
            .stdout
            .find("Examples:\n  supportgrade ")
            .unwrap_or_else(|| panic!("{sub} --help has no examples\n{}", run.stdout));
        assert!(
            run.stdout[at..].contains(&format!("supportgrade {sub}")),
            "{sub}: {}",
            run.stdout
        );
    }
}
