//! Whether an input is a document at all. A ticket export, a JSON dump or the README of a
//! data folder holds durations, levels and channel names enough to look like promises; read
//! as an SLA it would give promises nobody made. Such an input gives a document with no
//! promise and the warning `not an SLA document (<reason>): nothing read`.
//!
//! What is not a document:
//! - by the file name's extension: data files (`.csv`, `.tsv`, `.psv`, `.json`, `.jsonl`,
//!   `.ndjson`, `.geojson`), spreadsheets (`.xlsx`, `.xlsm`, `.xls`, `.ods`, `.numbers`),
//!   columnar and database files (`.parquet`, `.feather`, `.arrow`, `.avro`, `.orc`,
//!   `.sqlite`, `.db`), and `.xml`, `.yaml`, `.yml` (exports and configuration). The
//!   structured SLA form is `.toml`: it is read;
//! - by the content (of `.md`, `.txt` and any other plain text): a JSON value or JSON lines;
//!   delimited rows (nearly every line with the same number of commas, tabs or semicolons,
//!   as a CSV body has, and a column of data values: numbers, dates, identifiers; ten rows or
//!   more, or fewer whose cells are mostly such values); the README of a data folder (it names data files and
//!   speaks of columns, fields, headers, licences, downloads rather than of support).
//!
//! A support page that mentions a CSV export, or holds a Markdown or tab-separated table
//! among its prose, is a document.

/// The start of the warning of an input that is not a document.
pub const NOT_A_DOCUMENT: &str = "not an SLA document";

/// The warning of an input that is not a document, for `reason`.
pub fn warning(reason: &str) -> String {
    format!("{NOT_A_DOCUMENT} ({reason}): nothing read")
}

/// Whether a document's warnings say it was not a document.
pub fn is_not_a_document(warnings: &[String]) -> bool {
    warnings.iter().any(|w| w.starts_with(NOT_A_DOCUMENT))
}

/// Why a file with this extension (lower case, no dot) is not a document, if it is not.
pub fn by_extension(ext: &str) -> Option<String> {
    let what = match ext {
        "csv" => "a CSV data file",
        "tsv" | "tab" => "a TSV data file",
        "psv" => "a pipe-separated data file",
        "json" | "geojson" => "a JSON data file",
        "jsonl" | "ndjson" => "a JSON Lines data file",
        "xml" => "an XML data file",
        "yaml" | "yml" => "a YAML file",
        "xlsx" | "xlsm" | "xls" | "ods" | "numbers" => return Some(format!("a spreadsheet, .{ext}")),
        "parquet" | "feather" | "arrow" | "avro" | "orc" => {
            return Some(format!("a columnar data file, .{ext}"))
        }
        "sqlite" | "db" => return Some(format!("a database file, .{ext}")),
        _ => return None,
    };
    Some(what.to_string())
}

/// Why this text (of a plain-text input: not HTML, not the `.toml` form) is not a document,
/// if it is not.
pub fn by_content(text: &str, file: &str) -> Option<String> {
    json(text)
        .or_else(|| delimited(text))
        .or_else(|| data_readme(text, file))
}

/// A JSON value (an object or an array), or JSON lines (most lines an object or array).
fn json(text: &str) -> Option<String> {
    let t = text.trim_start_matches('\u{feff}').trim();
    if !(t.starts_with('{') || t.starts_with('[')) {
        return None;
    }
    match serde_json::from_str::<serde_json::Value>(t) {
        Ok(serde_json::Value::Array(a)) => return Some(format!("JSON data: an array of {} items", a.len())),
        Ok(serde_json::Value::Object(o)) => {
            return Some(format!("JSON data: an object with {} keys", o.len()))
        }
        _ => {}
    }
    let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let records = lines
        .iter()
        .filter(|l| {
            (l.starts_with('{') || l.starts_with('[')) && serde_json::from_str::<serde_json::Value>(l).is_ok()
        })
        .count();
    (lines.len() >= 2 && records * 10 >= lines.len() * 9).then(|| format!("JSON lines: {records} records"))
}

/// Where `sep` separates fields of a line (byte offsets), `sep` inside double quotes being
/// part of a field.
fn separator_offsets(line: &str, sep: char) -> impl Iterator<Item = usize> + '_ {
    let mut quoted = false;
    line.char_indices().filter_map(move |(i, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == sep && !quoted).then_some(i)
    })
}

/// How many times `sep` separates fields of a line (every line of a long document is counted:
/// no allocation).
fn separators(line: &str, sep: char) -> usize {
    if line.contains(sep) {
        separator_offsets(line, sep).count()
    } else {
        0
    }
}

/// The fields of a line, as [`separator_offsets`] divides it.
fn fields(line: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in separator_offsets(line, sep) {
        out.push(&line[start..i]);
        start = i + sep.len_utf8();
    }
    out.push(&line[start..]);
    out
}

/// Rows of delimited fields: nearly every non-empty line with the same number (one or more)
/// of commas, tabs or semicolons, and a column of data values (ids, numbers, timestamps).
/// Ten rows or more are data; fewer only when most cells are data values (a small table of
/// targets, `P1,15 minutes`, is left to the extractor).
fn delimited(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim_end())
        .filter(|l| !l.trim().is_empty())
        .collect();
    if lines.len() < 3 {
        return None;
    }
    for (sep, name) in [(',', "comma"), ('\t', "tab"), (';', "semicolon")] {
        let counts: Vec<usize> = lines.iter().map(|l| separators(l, sep)).collect();
        let mut tally = std::collections::BTreeMap::new();
        for &c in &counts {
            *tally.entry(c).or_insert(0usize) += 1;
        }
        let Some((&k, &rows)) = tally.iter().max_by_key(|(k, n)| (**n, **k)) else {
            continue;
        };
        // Two fields a line is common in prose ("P1, 15 minutes"): more rows are asked of it.
        let enough = if k == 1 { 5 } else { 3 };
        if k == 0 || rows < enough || rows * 10 < lines.len() * 9 {
            continue;
        }
        // The rows after the first (a header, if any), split into their cells.
        let body: Vec<Vec<&str>> = lines
            .iter()
            .zip(&counts)
            .skip(1)
            .filter(|(_, c)| **c == k)
            .map(|(l, _)| fields(l, sep))
            .collect();
        let values = |col: usize| {
            body.iter()
                .filter(|r| r.get(col).is_some_and(|c| is_data_value(c)))
                .count()
        };
        // A column of data values (ids, numbers, timestamps), as every export has; prose
        // whose lines happen to hold the same number of commas has none.
        let data_column = (0..=k).any(|col| values(col) * 10 >= body.len() * 8);
        let cells = body.len() * (k + 1);
        let all_values: usize = (0..=k).map(values).sum();
        let data_like = data_column && (rows >= 10 || all_values * 2 >= cells);
        if data_like {
            return Some(format!(
                "tabular data: {rows} rows of {} {name}-separated fields",
                k + 1
            ));
        }
    }
    None
}

/// A cell of data rather than of words: empty, a number, a date or time, or an identifier
/// (letters with digits, `_`, `@` or `-`, no spaces: `T-1001`, `tk_88`, `a@b.example`).
fn is_data_value(cell: &str) -> bool {
    let c = cell.trim().trim_matches('"').trim();
    if c.is_empty() {
        return true;
    }
    if c.parse::<f64>().is_ok() {
        return true;
    }
    let starts_with_digit = c.starts_with(|ch: char| ch.is_ascii_digit());
    if starts_with_digit && c.chars().all(|ch| ch.is_ascii_digit() || "-:/.TZ+ ".contains(ch)) {
        return true;
    }
    !c.contains(char::is_whitespace)
        && c.chars().count() >= 3
        && c.chars().any(|ch| ch.is_ascii_digit() || "_@".contains(ch))
        && c.chars().any(|ch| ch.is_alphabetic())
}

/// Extensions that name data files in a README.
const DATA_EXTENSIONS: [&str; 12] = [
    "csv", "tsv", "json", "jsonl", "ndjson", "parquet", "xlsx", "xls", "zip", "gz", "feather", "sqlite",
];

/// Words of a data folder's README (lower case; Chinese as written).
const DATA_WORDS: [&str; 22] = [
    "column",
    "field",
    "header",
    "license",
    "licence",
    "download",
    "dataset",
    "data set",
    "schema",
    "row",
    "record",
    "data dictionary",
    "codebook",
    "citation",
    "字段",
    "列名",
    "数据集",
    "许可",
    "下载",
    "表头",
    "数据字典",
    "引用",
];

/// The README of a data folder: it names data files (`tickets.csv`) and speaks of columns,
/// fields, headers, licences and downloads. Two data files and two such words are enough;
/// a README (by its name or its title) needs one data file or three words.
fn data_readme(text: &str, file: &str) -> Option<String> {
    // A README is short: its first 64 KB say what it is (a long document costs no more).
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let lower = text.to_lowercase();
    let mut files = std::collections::BTreeSet::new();
    for token in lower.split(|c: char| !(c.is_alphanumeric() || "._-/".contains(c))) {
        let token = token.trim_end_matches('.');
        if let Some((stem, ext)) = token.rsplit_once('.') {
            if !stem.is_empty() && DATA_EXTENSIONS.contains(&ext) {
                files.insert(token.to_string());
            }
        }
    }
    let words = DATA_WORDS
        .iter()
        .filter(|w| {
            lower.match_indices(**w).any(|(i, _)| {
                // English words whole at their start ("row" not in "arrow", "borrow").
                !w.is_ascii() || !lower[..i].chars().next_back().is_some_and(char::is_alphanumeric)
            })
        })
        .count();
    let name = std::path::Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let title = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim().to_lowercase())
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let readme = name.starts_with("readme") || title.contains("readme") || title.contains("数据说明");
    let is = (files.len() >= 2 && words >= 2) || (readme && (!files.is_empty() || words >= 3));
    is.then(|| "a README describing data files".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_extensions_are_not_documents_and_toml_is() {
        assert_eq!(by_extension("csv").unwrap(), "a CSV data file");
        assert!(by_extension("xlsx").unwrap().contains("spreadsheet"));
        assert!(by_extension("jsonl").is_some());
        for ext in ["toml", "md", "txt", "html", "htm", "pdf", ""] {
            assert_eq!(by_extension(ext), None, "{ext}");
        }
    }

    #[test]
    fn a_csv_body_is_tabular_data() {
        let mut csv = String::from("ticket_id,vendor,priority,channel,sent_at,first_response_minutes\n");
        for i in 0..12 {
            csv.push_str(&format!(
                "T-{i},acme,P{},chat,2026-03-0{}T09:00:00+08:00,{}\n",
                i % 4 + 1,
                i % 9 + 1,
                15 * i
            ));
        }
        assert_eq!(
            by_content(&csv, "x.md").unwrap(),
            "tabular data: 13 rows of 6 comma-separated fields"
        );
        let tsv = csv.replace(',', "\t");
        assert!(by_content(&tsv, "x.txt").unwrap().contains("tab-separated"));
        let semi = csv.replace(',', ";");
        assert!(by_content(&semi, "x.txt").unwrap().contains("semicolon"));
        // Quoted commas are inside a field.
        let quoted = "id,subject,minutes\n1,\"Login fails, Android\",15\n2,\"Push, iOS\",30\n3,Export,45\n";
        assert!(by_content(quoted, "x.md").unwrap().contains("3 comma-separated"));
    }

    #[test]
    fn json_values_and_lines_are_data() {
        assert_eq!(
            by_content("[{\"p\": \"P1\", \"minutes\": 15}, {\"p\": \"P2\"}]", "x.md").unwrap(),
            "JSON data: an array of 2 items"
        );
        assert!(by_content("{\"sla\": {\"p1\": 15}}\n", "x.txt")
            .unwrap()
            .contains("object"));
        assert_eq!(
            by_content("{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n", "x.txt").unwrap(),
            "JSON lines: 3 records"
        );
        // A Markdown link or a bracketed note is not JSON.
        assert_eq!(
            by_content("[Home](/) > Support\n\nP1: 15 minutes.\n", "x.md"),
            None
        );
    }

    #[test]
    fn a_data_folders_readme_is_not_a_document() {
        let readme = "# Probe results\n\nFiles:\n\n- `tickets.csv`: one row per probe.\n- `agents.json`: the agents.\n\nColumns: `priority`, `first_response_minutes`.\nLicense: CC BY 4.0.\n";
        assert_eq!(
            by_content(readme, "notes.md").unwrap(),
            "a README describing data files"
        );
        let zh = "# 数据说明\n\n数据集包含 tickets.csv，字段如下：优先级、首次响应分钟数。\n";
        assert!(by_content(zh, "说明.md").is_some());
    }

    #[test]
    fn support_pages_stay_documents() {
        let page = "# Support\n\nYou can export your tickets as CSV from the console (Download, then choose the columns).\n\n| Priority | First response |\n|---|---|\n| P1 | 15 minutes |\n| P2 | 1 hour |\n| P3 | 4 hours |\n";
        assert_eq!(by_content(page, "sla.md"), None);
        // A few rows of targets with words in their cells, and prose lines with commas.
        let targets = "Priority,First response\nP1,15 minutes\nP2,1 hour\nP3,4 hours\nP4,1 business day\n";
        assert_eq!(by_content(targets, "sla.txt"), None);
        let prose = "Urgent, we answer in 15 minutes.\nHigh, within an hour.\nNormal, within 4 hours.\nLow, next day.\nAll, by email.\n";
        assert_eq!(by_content(prose, "sla.txt"), None);
        // Many lines of prose with the same number of commas: no column of data values.
        let same_commas = "P1 requests, as a rule, get a first response within 15 minutes.\n".repeat(40);
        assert_eq!(by_content(&same_commas, "sla.txt"), None);
        let tabbed = "Support targets\n\nThe table below lists our targets for each plan and level of every request.\nPriority\tStandard\tPremium\nP1\t1 hour\t15 minutes\nP2\t4 hours\t1 hour\n";
        assert_eq!(by_content(tabbed, "sla.txt"), None);
    }
}
