//! Where a rubric comes from: a path given, the shipped `rubrics/default.toml`, or the built-in
//! copy of it (so that `evaluate` works from any folder).

use super::parse::from_toml;
use super::Rubric;
use crate::error::{read_text, Result};
use std::path::Path;

/// The default rubric, built in.
pub const BUILTIN_DEFAULT: &str = include_str!("../../rubrics/default.toml");

/// The shipped default rubric, relative to the working folder.
pub const DEFAULT_PATH: &str = "rubrics/default.toml";

/// The rubric at `path`; without one, `rubrics/default.toml` when it is there, else the
/// built-in copy of it.
pub fn load(path: Option<&Path>) -> Result<Rubric> {
    match path {
        Some(p) => {
            let shown = p.display().to_string();
            let src = read_text(p, &shown)?;
            from_toml(&src, &shown)
        }
        None if Path::new(DEFAULT_PATH).exists() => {
            let src = read_text(Path::new(DEFAULT_PATH), DEFAULT_PATH)?;
            from_toml(&src, DEFAULT_PATH)
        }
        None => from_toml(BUILTIN_DEFAULT, "<built-in>/default.toml"),
    }
}

/// The built-in default rubric (it is valid: a test says so).
pub fn builtin() -> Rubric {
    from_toml(BUILTIN_DEFAULT, "default.toml").expect("the built-in rubric is valid")
}
