//! `vendors.toml`: the evaluation's name and reference date, and the vendors under evaluation.

use crate::error::{line_col, read_text, toml_diagnostic, Diagnostic, Error, Result};
use crate::ingest::folder::EvaluationFolder;
use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

pub const FILE: &str = "vendors.toml";

/// Completes the error for a timestamp of the evaluation (a measurement, a chat message) that
/// has no zone when neither vendors.toml nor `--timezone` gives one.
pub const ZONE_HINT: &str =
    "add an offset such as +08:00 or set timezone in vendors.toml (or give --timezone)";

#[derive(Debug, Clone)]
pub struct EvaluationInfo {
    pub name: String,
    /// The day the evaluation is "as of": ages (of documentation, say) are counted to it,
    /// never to the clock, so that reports are reproducible.
    pub date: NaiveDate,
    pub timezone: Option<String>,
    /// The rubric the evaluation is scored by (`rubric = "finance"`: a profile name, or a path
    /// relative to the folder), when vendors.toml names one.
    pub rubric: Option<RubricRef>,
}

/// `rubric = "..."` of vendors.toml, as written, and where.
#[derive(Debug, Clone)]
pub struct RubricRef {
    pub reference: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct Vendor {
    pub id: String,
    pub name: String,
    pub website: Option<String>,
    pub industries: Vec<String>,
    pub line: usize,
    /// The support plan the buyer would sign (`plan = "Enterprise"`).
    pub plan: Option<PlanChoice>,
}

/// A vendor's `plan`, as written, and where.
#[derive(Debug, Clone)]
pub struct PlanChoice {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    evaluation: RawEvaluation,
    #[serde(default)]
    vendor: Vec<Spanned<RawVendor>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvaluation {
    name: String,
    date: Spanned<toml::value::Datetime>,
    timezone: Option<String>,
    rubric: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVendor {
    id: Spanned<String>,
    name: String,
    website: Option<String>,
    #[serde(default)]
    industries: Vec<String>,
    plan: Option<Spanned<String>>,
}

pub fn read(folder: &EvaluationFolder) -> Result<(EvaluationInfo, Vec<Vendor>)> {
    let path = folder.path(FILE);
    if !path.exists() {
        return Err(Error::invalid(Diagnostic::new(
            folder.root.join(FILE).display().to_string(),
            None,
            "no vendors.toml: an evaluation folder must declare its vendors there",
        )));
    }
    let src = read_text(&path, FILE)?;
    parse(&src, FILE)
}

pub fn parse(src: &str, file: &str) -> Result<(EvaluationInfo, Vec<Vendor>)> {
    let raw: RawFile = toml::from_str(src).map_err(|e| Error::invalid(toml_diagnostic(file, src, &e)))?;
    let mut errors = Vec::new();
    let at = |span: std::ops::Range<usize>, msg: String| {
        let (l, c) = line_col(src, span.start);
        Diagnostic::at(file, l, c, msg)
    };
    let date_text = raw.evaluation.date.get_ref().to_string();
    let date = match NaiveDate::parse_from_str(&date_text, "%Y-%m-%d") {
        Ok(d) => d,
        Err(_) => {
            errors.push(at(
                raw.evaluation.date.span(),
                format!("evaluation.date: expected a date like 2026-10-31, found {date_text}"),
            ));
            NaiveDate::default()
        }
    };
    let mut vendors: Vec<Vendor> = Vec::new();
    for v in &raw.vendor {
        let span = v.span();
        let v = v.get_ref();
        let id = v.id.get_ref();
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            errors.push(at(
                v.id.span(),
                format!("vendor id '{id}': expected lower-case ASCII letters, digits, '-' or '_'"),
            ));
        }
        if vendors.iter().any(|o| &o.id == id) {
            errors.push(at(v.id.span(), format!("vendor id '{id}' is declared twice")));
        }
        if let Some(p) = v.plan.as_ref().filter(|p| p.get_ref().trim().is_empty()) {
            errors.push(at(
                p.span(),
                format!("vendor '{id}': plan is empty: name the plan, or leave plan out"),
            ));
        }
        vendors.push(Vendor {
            id: id.clone(),
            name: v.name.clone(),
            website: v.website.clone(),
            industries: v.industries.clone(),
            line: line_col(src, span.start).0,
            plan: v.plan.as_ref().map(|p| {
                let (line, column) = line_col(src, p.span().start);
                PlanChoice {
                    name: p.get_ref().trim().to_string(),
                    line,
                    column,
                }
            }),
        });
    }
    if vendors.is_empty() {
        errors.push(Diagnostic::new(
            file,
            None,
            "no [[vendor]] entries: nothing to evaluate",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok((
        EvaluationInfo {
            name: raw.evaluation.name,
            date,
            timezone: raw.evaluation.timezone,
            rubric: raw.evaluation.rubric.map(|r| {
                let (line, column) = line_col(src, r.span().start);
                RubricRef {
                    reference: r.into_inner(),
                    line,
                    column,
                }
            }),
        },
        vendors,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_and_bad_ids_are_reported_with_positions() {
        let src = "[evaluation]\nname = \"x\"\ndate = 2026-10-31\n\n[[vendor]]\nid = \"a\"\nname = \"A\"\n\n[[vendor]]\nid = \"a\"\nname = \"B\"\n\n[[vendor]]\nid = \"Bad Id\"\nname = \"C\"\n";
        let Err(Error::Invalid(ds)) = parse(src, "vendors.toml") else {
            panic!("expected errors")
        };
        assert_eq!(ds.len(), 2);
        assert_eq!((ds[0].line, ds[0].column), (Some(10), Some(6)));
        assert!(ds[0].message.contains("declared twice"));
        assert_eq!(ds[1].line, Some(14));
    }

    #[test]
    fn a_vendor_names_its_plan() {
        let src = "[evaluation]\nname = \"x\"\ndate = 2026-10-31\n\n[[vendor]]\nid = \"a\"\nname = \"A\"\nplan = \" Enterprise \"\n";
        let (_, vendors) = parse(src, "vendors.toml").unwrap();
        let plan = vendors[0].plan.as_ref().unwrap();
        assert_eq!((plan.name.as_str(), plan.line, plan.column), ("Enterprise", 8, 8));
        let Err(Error::Invalid(ds)) = parse(&src.replace(" Enterprise ", ""), "vendors.toml") else {
            panic!("an empty plan is an error")
        };
        assert_eq!(ds[0].line, Some(8));
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let src = "[evaluation]\nname = \"x\"\ndate = 2026-10-31\ncolour = 1\n";
        let Err(Error::Invalid(ds)) = parse(src, "vendors.toml") else {
            panic!("expected an error")
        };
        assert_eq!(ds[0].line, Some(4));
        assert!(ds[0].message.contains("unknown field"), "{}", ds[0].message);
    }
}
