//! Where a rubric comes from: a path given, a shipped profile by name (`--profile finance`,
//! `rubric = "finance"` in vendors.toml), or the default profile (`rubrics/default.toml`, else
//! the built-in copy of it, so that `evaluate` works from any folder); with what it extends
//! merged in ([`super::extends`]) before it is parsed and validated.

use super::extends::{compose, profile, profile_names, Composed, Origin};
use super::parse::from_text;
use super::tree::{emit, Merged, Text};
use super::Rubric;
use crate::error::{Diagnostic, Error, Result};
use std::path::{Path, PathBuf};

/// The default rubric, built in.
pub const BUILTIN_DEFAULT: &str = include_str!("../../rubrics/default.toml");

/// The shipped default rubric, relative to the working folder.
pub const DEFAULT_PATH: &str = "rubrics/default.toml";

/// Which rubric to use.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// A rubric file.
    Path(PathBuf),
    /// A shipped profile, by name.
    Profile(String),
    /// The default profile.
    Default,
}

impl Choice {
    /// `rubric = "..."` of vendors.toml (`dir`: its folder): a profile name, or a path
    /// relative to that folder.
    pub fn reference(reference: &str, dir: &Path) -> Choice {
        if super::extends::is_profile_name(reference) {
            Choice::Profile(reference.to_string())
        } else {
            Choice::Path(super::extends::normalize(&dir.join(reference)))
        }
    }

    /// Where it is read from; an unknown profile is an error (named in `file`, or on the
    /// command line).
    pub fn origin(&self) -> std::result::Result<Origin, Diagnostic> {
        match self {
            Choice::Path(p) => Ok(Origin::file(p)),
            Choice::Profile(name) => profile(name).ok_or_else(|| {
                Diagnostic::new("<command line>", None, format!("no rubric profile '{name}'")).with_hint(
                    format!(
                        "the profiles are: {} (or give a file with --rubric)",
                        profile_names().join(", ")
                    ),
                )
            }),
            Choice::Default => Ok(profile("default").unwrap_or(Origin::Builtin {
                name: "default".into(),
                text: BUILTIN_DEFAULT,
            })),
        }
    }
}

/// A rubric read: its chain, the merged text the typed parse read, and the outcome.
#[derive(Debug)]
pub struct Loaded {
    pub composed: Composed,
    pub text: Text,
    /// The rubric, or every problem found (of the chain, then of the merged rubric).
    pub result: Result<Rubric>,
}

/// Reads the rubric at `origin` and what it extends, merged and validated. Only a rubric
/// asked for that cannot be read is an `Err`.
pub fn read(origin: Origin) -> Result<Loaded> {
    let composed = compose(origin)?;
    let text = emit(&composed.tree, None);
    let mut errors = composed.errors.clone();
    let mut result = None;
    if composed.complete {
        let merged = Merged {
            text: &text,
            sources: &composed.sources,
        };
        match from_text(&text.text, &merged) {
            Ok(mut r) => {
                r.files = composed.chain();
                result = Some(r);
            }
            Err(Error::Invalid(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
    }
    let result = match result {
        Some(r) if errors.is_empty() => Ok(r),
        _ => {
            errors.sort();
            errors.dedup();
            Err(Error::Invalid(errors))
        }
    };
    Ok(Loaded {
        composed,
        text,
        result,
    })
}

/// The rubric chosen.
pub fn load_choice(choice: &Choice) -> Result<Rubric> {
    let origin = choice.origin().map_err(Error::invalid)?;
    read(origin)?.result
}

/// The rubric at `path`; without one, the default profile.
pub fn load(path: Option<&Path>) -> Result<Rubric> {
    load_choice(&match path {
        Some(p) => Choice::Path(p.to_path_buf()),
        None => Choice::Default,
    })
}

/// The built-in default rubric (it is valid: a test says so).
pub fn builtin() -> Rubric {
    super::parse::from_toml(BUILTIN_DEFAULT, "default.toml").expect("the built-in rubric is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_checked_after_merging_naming_where_each_was_set() {
        let dir = tempfile::tempdir().unwrap();
        let child = dir.path().join("child.toml");
        std::fs::write(
            &child,
            "extends = \"default\"\n[[criterion]]\nid = \"docs\"\nweight = 20\n",
        )
        .unwrap();
        let Err(Error::Invalid(ds)) = read(Origin::file(&child)).unwrap().result else {
            panic!("the weights sum to 105")
        };
        assert_eq!(ds.len(), 1, "{ds:?}");
        let shown = child.display().to_string();
        // the error is at the first criterion's weight, in the profile
        assert!(ds[0].file.ends_with("default.toml"), "{ds:?}");
        assert!(ds[0]
            .message
            .starts_with("criterion weights sum to 105, expected 100 (response=25 at "));
        assert!(
            ds[0].message.contains(&format!("docs=20 at {shown}:4")),
            "{}",
            ds[0].message
        );
    }

    #[test]
    fn a_profile_by_name_and_an_unknown_one() {
        let r = load_choice(&Choice::Profile("default".into())).unwrap();
        assert_eq!(r.name, "default");
        assert_eq!(r.criteria[0].measures[1].id, "first_response_p90_minutes.urgent");
        let d = Choice::Profile("nosuch".into()).origin().unwrap_err();
        assert!(d.message.contains("no rubric profile 'nosuch'"));
        assert_eq!(
            Choice::reference("../r.toml", Path::new("data/sample")),
            Choice::Path(PathBuf::from("data/r.toml"))
        );
    }
}
