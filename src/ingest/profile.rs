//! `profiles/<vendor-id>.toml`: the analyst's documentation audit and customer cases.

use crate::error::{line_col, toml_diagnostic, Diagnostic, Error, Result};
use crate::ingest::folder::EvaluationFolder;
use crate::model::evidence::Evidence;
use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

/// The documentation items an audit looks for, in report order.
pub const DOC_ITEMS: [&str; 7] = [
    "api_reference",
    "sdk_docs",
    "faq",
    "troubleshooting",
    "best_practices",
    "changelog",
    "knowledge_base",
];

#[derive(Debug, Clone)]
pub struct Profile {
    pub vendor: String,
    pub file: String,
    /// Documentation items found, each with its URL as evidence.
    pub docs: Vec<(String, Evidence)>,
    pub docs_last_updated: Option<(NaiveDate, Evidence)>,
    pub docs_languages: Option<(Vec<String>, Evidence)>,
    pub cases: Vec<CustomerCase>,
}

#[derive(Debug, Clone)]
pub struct CustomerCase {
    pub name: String,
    pub industry: String,
    pub scale: Option<String>,
    pub reference_url: Option<String>,
    pub evidence: Evidence,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    #[serde(default)]
    docs: Option<RawDocs>,
    #[serde(default)]
    case: Vec<Spanned<RawCase>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocs {
    api_reference: Option<Spanned<String>>,
    sdk_docs: Option<Spanned<String>>,
    faq: Option<Spanned<String>>,
    troubleshooting: Option<Spanned<String>>,
    best_practices: Option<Spanned<String>>,
    changelog: Option<Spanned<String>>,
    knowledge_base: Option<Spanned<String>>,
    last_updated: Option<Spanned<toml::value::Datetime>>,
    languages: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: String,
    industry: String,
    scale: Option<String>,
    reference_url: Option<String>,
}

pub fn read_all(folder: &EvaluationFolder, vendor_ids: &[&str]) -> Result<Vec<Profile>> {
    super::folder::read_vendor_files(folder, "profiles", &["toml"], vendor_ids, parse)
}

pub fn parse(src: &str, file: &str, vendor: &str) -> Result<Profile> {
    let raw: RawProfile = toml::from_str(src).map_err(|e| Error::invalid(toml_diagnostic(file, src, &e)))?;
    let line_of = |span: std::ops::Range<usize>| line_col(src, span.start).0;
    let mut docs = Vec::new();
    let mut docs_last_updated = None;
    let mut docs_languages = None;
    if let Some(d) = &raw.docs {
        let items = [
            &d.api_reference,
            &d.sdk_docs,
            &d.faq,
            &d.troubleshooting,
            &d.best_practices,
            &d.changelog,
            &d.knowledge_base,
        ];
        for (name, item) in DOC_ITEMS.iter().zip(items) {
            if let Some(url) = item {
                docs.push((
                    name.to_string(),
                    Evidence::line(file, line_of(url.span()), format!("{name} = {}", url.get_ref())),
                ));
            }
        }
        if let Some(date) = &d.last_updated {
            let text = date.get_ref().to_string();
            let (l, c) = line_col(src, date.span().start);
            let parsed = NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
                Error::invalid(Diagnostic::at(
                    file,
                    l,
                    c,
                    format!("docs.last_updated: expected a date like 2026-09-30, found {text}"),
                ))
            })?;
            docs_last_updated = Some((parsed, Evidence::line(file, l, format!("last_updated = {text}"))));
        }
        if let Some(langs) = &d.languages {
            docs_languages = Some((
                langs.get_ref().clone(),
                Evidence::line(
                    file,
                    line_of(langs.span()),
                    format!("languages = [{}]", langs.get_ref().join(", ")),
                ),
            ));
        }
    }
    let cases = raw
        .case
        .iter()
        .map(|c| {
            let line = line_of(c.span());
            let c = c.get_ref();
            let text = format!(
                "case: {} ({}{}){}",
                c.name,
                c.industry,
                c.scale.as_deref().map(|s| format!(", {s}")).unwrap_or_default(),
                c.reference_url
                    .as_deref()
                    .map(|u| format!(", {u}"))
                    .unwrap_or_default()
            );
            CustomerCase {
                name: c.name.clone(),
                industry: c.industry.clone(),
                scale: c.scale.clone(),
                reference_url: c.reference_url.clone(),
                evidence: Evidence::line(file, line, text),
            }
        })
        .collect();
    Ok(Profile {
        vendor: vendor.to_string(),
        file: file.to_string(),
        docs,
        docs_last_updated,
        docs_languages,
        cases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_and_cases_keep_their_lines() {
        let src = "[docs]\nfaq = \"https://x.example/faq\"\nlast_updated = 2026-09-30\n\n[[case]]\nname = \"C\"\nindustry = \"finance\"\n";
        let p = parse(src, "profiles/a.toml", "a").unwrap();
        assert_eq!(p.docs.len(), 1);
        assert_eq!(p.docs[0].1.line, Some(2));
        assert_eq!(p.docs_last_updated.as_ref().unwrap().1.line, Some(3));
        assert_eq!(p.cases.len(), 1);
        assert_eq!(p.cases[0].evidence.line, Some(5));
    }
}
