//! `extends = "default"`: finding what a rubric extends (a shipped profile by name, or a path
//! relative to the extending file), following the chain (a cycle is an error naming it, and
//! so is a chain deeper than [`MAX_DEPTH`]), and merging it ([`super::merge`]) into one tree.

use super::merge::merge;
use super::tree::{self, diagnostic, Node, Pos, Source, Table};
use crate::error::{Diagnostic, Error, Result};
use std::path::{Component, Path, PathBuf};

/// The profiles built into the binary, so that they work from any folder: one line each.
pub const BUILTIN_PROFILES: &[(&str, &str)] = &[
    ("default", include_str!("../../rubrics/default.toml")),
    ("ecommerce", include_str!("../../rubrics/profiles/ecommerce.toml")),
    ("education", include_str!("../../rubrics/profiles/education.toml")),
    ("finance", include_str!("../../rubrics/profiles/finance.toml")),
    (
        "healthcare",
        include_str!("../../rubrics/profiles/healthcare.toml"),
    ),
    ("overseas", include_str!("../../rubrics/profiles/overseas.toml")),
    ("social", include_str!("../../rubrics/profiles/social.toml")),
];

/// Where a shipped profile's file is looked for first, relative to the working folder (the
/// built-in copy is used when there is none).
const PROFILE_DIRS: &[&str] = &["rubrics/profiles", "rubrics"];

/// The longest chain of rubrics extending one another.
pub const MAX_DEPTH: usize = 8;

/// Where a rubric is read from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A file, as it is named in messages.
    File { path: PathBuf, shown: String },
    /// A profile built into the binary.
    Builtin { name: String, text: &'static str },
}

impl Origin {
    pub fn file(path: &Path) -> Origin {
        Origin::File {
            path: path.to_path_buf(),
            shown: path.display().to_string(),
        }
    }

    /// What the chain calls it, and what makes two references the same file.
    fn identity(&self) -> String {
        match self {
            Origin::File { path, .. } => std::fs::canonicalize(path)
                .unwrap_or_else(|_| normalize(path))
                .display()
                .to_string(),
            Origin::Builtin { name, .. } => format!("<built-in>/{name}"),
        }
    }

    fn shown(&self) -> String {
        match self {
            Origin::File { shown, .. } => shown.clone(),
            Origin::Builtin { name, .. } => format!("<built-in>/{name}.toml"),
        }
    }
}

/// Is `reference` a profile name (`finance`) rather than a path (`./finance.toml`)?
pub fn is_profile_name(reference: &str) -> bool {
    !reference.is_empty()
        && reference
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The profile `name`: `rubrics/profiles/NAME.toml` or `rubrics/NAME.toml` when there, else
/// the built-in copy. `None` when there is no such profile.
pub fn profile(name: &str) -> Option<Origin> {
    if !is_profile_name(name) {
        return None;
    }
    for dir in PROFILE_DIRS {
        let p = Path::new(dir).join(format!("{name}.toml"));
        if p.is_file() {
            return Some(Origin::file(&p));
        }
    }
    BUILTIN_PROFILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| Origin::Builtin {
            name: n.to_string(),
            text,
        })
}

/// The profiles there are (built in, or in the profile folders), sorted.
pub fn profile_names() -> Vec<String> {
    let mut names: Vec<String> = BUILTIN_PROFILES.iter().map(|(n, _)| n.to_string()).collect();
    for dir in PROFILE_DIRS {
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "toml") {
                    if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
                        if is_profile_name(stem) && !names.iter().any(|n| n == stem) {
                            names.push(stem.to_string());
                        }
                    }
                }
            }
        }
    }
    names.sort();
    names
}

/// A rubric and everything it extends, merged.
#[derive(Debug, Clone, Default)]
pub struct Composed {
    /// The files of the chain, the rubric asked for first.
    pub sources: Vec<Source>,
    /// The merged tree (without `extends`); with errors, as much as could be merged.
    pub tree: Table,
    /// Problems of the chain: syntax, a missing or cyclic `extends`, a `remove` of nothing.
    pub errors: Vec<Diagnostic>,
    /// Every file of the chain was read and merged (the tree is worth validating).
    pub complete: bool,
}

impl Composed {
    /// The names of the chain's files, the rubric asked for first.
    pub fn chain(&self) -> Vec<String> {
        self.sources.iter().map(|s| s.name.clone()).collect()
    }
}

/// Reads `start` and what it extends, and merges them. Only a rubric asked for that cannot be
/// read is an `Err`; every other problem is in [`Composed::errors`].
pub fn compose(start: Origin) -> Result<Composed> {
    let mut c = Composed::default();
    let mut seen: Vec<String> = Vec::new();
    let mut trees: Vec<Table> = Vec::new();
    let mut next = Some((start, None::<Pos>));
    c.complete = true;
    while let Some((origin, from)) = next.take() {
        let identity = origin.identity();
        if seen.contains(&identity) {
            let mut names = c.chain();
            names.push(origin.shown());
            let d = diagnostic(
                &c.sources,
                from.unwrap_or_default(),
                format!("extends makes a cycle: {}", names.join(" -> ")),
            );
            c.errors.push(d.with_hint(
                "a rubric cannot extend itself, directly or through others: remove one of these extends",
            ));
            c.complete = false;
            break;
        }
        if seen.len() >= MAX_DEPTH {
            let d = diagnostic(
                &c.sources,
                from.unwrap_or_default(),
                format!(
                    "extends: the chain is deeper than {MAX_DEPTH} rubrics: {}",
                    c.chain().join(" -> ")
                ),
            );
            c.errors
                .push(d.with_hint("extend a rubric nearer the profile, or merge some of these files"));
            c.complete = false;
            break;
        }
        let text = match &origin {
            Origin::Builtin { text, .. } => text.to_string(),
            Origin::File { path, shown } => match crate::error::read_text(path, shown) {
                Ok(t) => t,
                Err(e) if from.is_none() => return Err(e),
                Err(Error::Invalid(ds)) => {
                    c.errors.extend(ds);
                    c.complete = false;
                    break;
                }
                Err(e) => {
                    let d = diagnostic(&c.sources, from.unwrap_or_default(), format!("extends: {e}"));
                    c.errors.push(d.with_hint(
                        "a path is relative to the extending file; a name (lower-case, no .toml) is a shipped profile",
                    ));
                    c.complete = false;
                    break;
                }
            },
        };
        seen.push(identity);
        c.sources.push(Source {
            name: origin.shown(),
            text,
        });
        let file = c.sources.len() - 1;
        let mut t = match tree::parse(&c.sources, file) {
            Ok(t) => t,
            Err(d) => {
                c.errors.push(d);
                c.complete = false;
                break;
            }
        };
        if let Some(e) = t.take("extends") {
            match &e.node {
                Node::Value(l) if l.string.is_some() => {
                    let reference = l.string.clone().unwrap_or_default();
                    match resolve(&reference, &origin) {
                        Some(o) => next = Some((o, Some(l.pos))),
                        None => {
                            c.complete = false;
                            c.errors.push(
                                diagnostic(
                                    &c.sources,
                                    l.pos,
                                    format!("extends = '{reference}': no such profile"),
                                )
                                .with_hint(format!(
                                    "the profiles are: {}; a file is named by a path ending in .toml",
                                    profile_names().join(", ")
                                )),
                            )
                        }
                    }
                }
                _ => {
                    c.complete = false;
                    c.errors.push(
                        diagnostic(
                            &c.sources,
                            e.key_pos,
                            "extends: expected a profile name or a path, as a string",
                        )
                        .with_hint("extends = \"default\""),
                    )
                }
            }
        }
        trees.push(t);
    }
    for t in trees.into_iter().rev() {
        merge(&mut c.tree, t, &c.sources, &mut c.errors);
    }
    Ok(c)
}

/// What `extends = "reference"` in the rubric read from `from` names.
fn resolve(reference: &str, from: &Origin) -> Option<Origin> {
    if is_profile_name(reference) {
        return profile(reference);
    }
    let base = match from {
        Origin::File { path, .. } => path.parent().map(Path::to_path_buf).unwrap_or_default(),
        Origin::Builtin { .. } => PathBuf::new(),
    };
    Some(Origin::file(&normalize(&base.join(reference))))
}

/// `a/b/../c.toml` -> `a/c.toml`, without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some_and(|n| n != "..") => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn a_cycle_is_named_and_a_chain_has_a_limit() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.toml", "extends = \"b.toml\"\n");
        write(dir.path(), "b.toml", "name = \"b\"\nextends = \"./a.toml\"\n");
        let a = dir.path().join("a.toml");
        let c = compose(Origin::file(&a)).unwrap();
        assert_eq!(c.errors.len(), 1, "{:?}", c.errors);
        let d = &c.errors[0];
        let shown = a.display().to_string();
        let b = dir.path().join("b.toml").display().to_string();
        assert_eq!(
            d.message,
            format!("extends makes a cycle: {shown} -> {b} -> {shown}")
        );
        assert_eq!((d.file.clone(), d.line, d.column), (b, Some(2), Some(11)));

        for i in 0..10 {
            write(
                dir.path(),
                &format!("d{i}.toml"),
                &format!("extends = \"d{}.toml\"\n", i + 1),
            );
        }
        let c = compose(Origin::file(&dir.path().join("d0.toml"))).unwrap();
        assert_eq!(c.errors.len(), 1);
        assert!(
            c.errors[0].message.contains("deeper than 8"),
            "{}",
            c.errors[0].message
        );
    }

    #[test]
    fn a_chain_of_three_ends_at_the_builtin_default() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "base.toml", "extends = \"default\"\n[[criterion]]\nid = \"cases\"\nweight = 5\n[[criterion]]\nid = \"docs\"\nweight = 20\n");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let top = write(
            &dir.path().join("sub"),
            "top.toml",
            "extends = \"../base.toml\"\nname = \"top\"\n",
        );
        let c = compose(Origin::file(&top)).unwrap();
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(c.sources.len(), 3);
        assert!(c.sources[1].name.ends_with("base.toml") && !c.sources[1].name.contains(".."));
        assert!(c.sources[2].name.ends_with("default.toml"));
        assert_eq!(c.tree.string("name"), Some("top"));
    }

    #[test]
    fn unknown_profiles_and_missing_files_point_at_extends() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.toml", "extends = \"nosuch\"\n");
        let c = compose(Origin::file(&a)).unwrap();
        assert!(c.errors[0].message.contains("no such profile"));
        assert!(c.errors[0].hint.as_deref().unwrap().contains("default"));
        let a = write(dir.path(), "a.toml", "\nextends = \"gone.toml\"\n");
        let c = compose(Origin::file(&a)).unwrap();
        assert_eq!((c.errors[0].line, c.errors[0].column), (Some(2), Some(11)));
        assert!(compose(Origin::file(&dir.path().join("none.toml"))).is_err());
    }
}
