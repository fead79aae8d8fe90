//! `supportgrade rubric show|validate|init|weights`, and rubrics that extend others chosen by
//! `evaluate --profile` and vendors.toml's `rubric =`, through the real binary.

mod common;

use common::{evaluate_into, path_str, read_json, sample_copy, supportgrade, vendor};
use std::path::{Path, PathBuf};

/// The line of rubrics/default.toml where `needle` first occurs at or after the line holding
/// `after` (so the tests follow edits of the shipped rubric).
fn default_line(after: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string("rubrics/default.toml").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.iter().position(|l| l.contains(after)).unwrap();
    from + 1 + lines[from..].iter().position(|l| l.contains(needle)).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A rubric extending the default: one weight moved, a criterion dropped, a scoring replaced.
const CHILD: &str = "extends = \"default\"\nname = \"child\"\nremove = [\"cases\"]\n\n[[criterion]]\nid = \"response\"\nweight = 35\n\n  [[criterion.measure]]\n  id = \"first_response_p90_minutes.urgent\"\n  bands = [{ max = 15, score = 100 }, { min = 15, score = 0 }]\n";

/// Several problems, in the child and in what it changes of the parent.
const BAD: &str = "extends = \"default\"\nremove = [\"cases\", \"nosuch\"]\n\n[[criterion]]\nid = \"response\"\nweight = 30\n\n  [[criterion.measure]]\n  metric = \"cases_cuont\"\n  linear = { best = 1, worst = 0 }\n\n  [[criterion.measure]]\n  id = \"first_response_p90_minutes.urgent\"\n  bands = [{ min = 0, max = 20, score = 100 }, { min = 10, score = 0 }]\n";

#[test]
fn validate_prints_every_problem_with_its_place_underlined() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.toml", BAD);
    let run = supportgrade(["rubric", "validate", path_str(&bad)]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    let shown = path_str(&bad);
    let err = &run.stderr;
    for (place, line, underline) in [
        (
            "2:20: remove: no 'nosuch'",
            "2 | remove = [\"cases\", \"nosuch\"]",
            "  |                    ^^^^^^^^\n",
        ),
        (
            "6:10: criterion weights sum to 95, expected 100",
            "6 | weight = 30",
            "  |          ^^\n",
        ),
        (
            "9:12: unknown metric 'cases_cuont'",
            "9 |   metric = \"cases_cuont\"",
            "  |            ^^^^^^^^^^^^^\n",
        ),
        ("14:11: bands overlap", "14 |   bands = [", "   |           ^^^^"),
    ] {
        let head = format!("error: {shown}:{place}");
        let at = err
            .find(&head)
            .unwrap_or_else(|| panic!("no {head:?}\n{}", run.describe()));
        let rest = &err[at..];
        assert!(
            rest.contains(line) && rest.contains(underline),
            "{place}: {}",
            run.describe()
        );
    }
    // the weights are listed with the files and lines that set them
    assert!(
        err.contains(&format!(
            "response=30 at {shown}:6, channels=15 at rubrics/default.toml:{}",
            default_line("id = \"channels\"", "weight =")
        )),
        "{err}"
    );
    assert!(err.contains("hint: did you mean 'cases_count'?"), "{err}");
    assert!(
        err.contains("hint: the ids here are: response, channels"),
        "{err}"
    );
    assert!(err.contains("4 problem(s) found"), "{err}");
    assert_eq!(run.stdout, "");

    let good = write(dir.path(), "child.toml", CHILD);
    let run = supportgrade(["rubric", "validate", path_str(&good)]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        format!("ok: {} (5 criteria, weights sum to 100)\n", path_str(&good))
    );
}

#[test]
fn a_cycle_is_an_error_naming_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.toml", "extends = \"b.toml\"\n");
    write(dir.path(), "b.toml", "extends = \"a.toml\"\n");
    let run = supportgrade(["rubric", "validate", path_str(&a)]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    let b = dir.path().join("b.toml");
    let chain = format!("{} -> {} -> {}", path_str(&a), path_str(&b), path_str(&a));
    assert!(run.stderr.contains(&chain), "{}", run.describe());
}

/// The values of a `rubric show` output, comments left out.
fn values(text: &str) -> toml::Value {
    toml::from_str(text).unwrap_or_else(|e| panic!("rubric show is not TOML: {e}\n{text}"))
}

#[test]
fn show_gives_the_effective_rubric_with_where_each_value_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let child = write(dir.path(), "child.toml", CHILD);
    let run = supportgrade(["rubric", "show", path_str(&child)]);
    run.assert_ok();
    let c = path_str(&child);
    let out = &run.stdout;
    assert!(
        out.contains(&format!("# extends: {c} -> rubrics/default.toml\n")),
        "{out}"
    );
    assert!(
        out.contains(&format!("name = \"child\"  # from {c}:2\n")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "version = \"1.0.0\"  # from rubrics/default.toml:{}\n",
            default_line("version = ", "version = ")
        )),
        "{out}"
    );
    assert!(out.contains(&format!("weight = 35  # from {c}:7\n")), "{out}");
    assert!(
        out.contains(&format!(
            "bands = [{{ max = 15, score = 100 }}, {{ min = 15, score = 0 }}]  # from {c}:11\n"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "weight = 15  # from rubrics/default.toml:{}\n",
            default_line("id = \"channels\"", "weight =")
        )),
        "{out}"
    );
    let v = values(out);
    let criteria = v["criterion"].as_array().unwrap();
    let ids: Vec<&str> = criteria.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["response", "channels", "hours", "resolution", "docs"]);
    let p90 = &criteria[0]["measure"][1];
    assert_eq!(p90["metric"].as_str(), Some("first_response_p90_minutes"));
    assert!(
        p90.get("linear").is_none(),
        "the bands replace the parent's linear"
    );

    // round trip: what show prints shows the same rubric
    let copy = write(dir.path(), "shown.toml", out);
    let again = supportgrade(["rubric", "show", path_str(&copy)]);
    again.assert_ok();
    assert_eq!(values(&again.stdout), v);
    assert!(again
        .stdout
        .contains(&format!("weight = 35  # from {}:", path_str(&copy))));
}

/// An example line of `rubric init` (`# weight = 30`, `#   [[criterion.measure]]`) without
/// its `#`; other lines as they are.
fn uncomment(line: &str) -> String {
    let Some(rest) = line.strip_prefix("# ") else {
        return line.to_string();
    };
    let code = rest.trim_start();
    let key: String = code
        .chars()
        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
        .collect();
    if code.starts_with('[') || !key.is_empty() && code[key.len()..].starts_with(" = ") {
        rest.to_string()
    } else {
        line.to_string()
    }
}

#[test]
fn init_writes_a_starting_rubric_that_validates_and_never_overwrites() {
    let run = supportgrade(["rubric", "init"]);
    run.assert_ok();
    assert!(run.stdout.contains("\nextends = \"default\"\n"), "{}", run.stdout);
    assert!(run.stdout.contains("# remove = [\"cases\"]"), "{}", run.stdout);
    assert!(run.stdout.contains("#   bands = ["), "{}", run.stdout);
    assert!(
        run.stdout.contains("# must_have = { min_score = 40 }"),
        "{}",
        run.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    supportgrade(["rubric", "init", "--profile", "default", path_str(&file)]).assert_ok();
    assert_eq!(common::read(&file), run.stdout);
    supportgrade(["rubric", "validate", path_str(&file)]).assert_ok();
    // every example uncommented is valid too
    let uncommented: String = run.stdout.lines().map(uncomment).collect::<Vec<_>>().join("\n");
    let all = write(
        dir.path(),
        "all.toml",
        &uncommented.replace("remove = [\"cases\"]", ""),
    );
    let v = supportgrade(["rubric", "validate", path_str(&all)]);
    v.assert_ok();
    let again = supportgrade(["rubric", "init", path_str(&file)]);
    assert_eq!(again.code, Some(2), "{}", again.describe());
    assert!(again.stderr.contains("exists"), "{}", again.describe());
    let none = supportgrade(["rubric", "init", "--profile", "nosuch"]);
    assert_eq!(none.code, Some(3), "{}", none.describe());
}

#[test]
fn weights_are_the_effective_ones() {
    let dir = tempfile::tempdir().unwrap();
    let child = write(dir.path(), "child.toml", CHILD);
    let run = supportgrade(["rubric", "weights", path_str(&child)]);
    run.assert_ok();
    let lines: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(
        lines.contains(&vec!["response", "35", "35.0%", "Response", "speed"]),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("\ncases "), "{}", run.stdout);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&["first_response_p90_minutes.urgent", "2", "7.0%", "20.0%"])),
        "{}",
        run.stdout
    );
    assert!(lines.contains(&vec!["total", "100", "100.0%"]), "{}", run.stdout);
}

#[test]
fn evaluate_takes_the_rubric_from_profile_or_vendors_toml() {
    let (tmp, data) = sample_copy();
    let base = evaluate_into(&data, &tmp.path().join("base"), &["--profile", "default"]);
    base.assert_ok();
    let base = read_json(&tmp.path().join("base/results.json"));
    assert_eq!(
        base["rubric"]["files"],
        serde_json::json!(["rubrics/default.toml"])
    );
    // only the response criterion counts: each total is the vendor's response score
    write(
        &data,
        "only-response.toml",
        "extends = \"default\"\nname = \"only response\"\nremove = [\"channels\", \"hours\", \"resolution\", \"docs\", \"cases\"]\n[[criterion]]\nid = \"response\"\nweight = 100\n",
    );
    let vendors = common::read(&data.join("vendors.toml"));
    let with = vendors.replacen(
        "[evaluation]\n",
        "[evaluation]\nrubric = \"only-response.toml\"\n",
        1,
    );
    std::fs::write(data.join("vendors.toml"), with).unwrap();
    evaluate_into(&data, &tmp.path().join("child"), &[]).assert_ok();
    let child = read_json(&tmp.path().join("child/results.json"));
    assert_eq!(child["rubric"]["name"], "only response");
    let files = child["rubric"]["files"].as_array().unwrap();
    assert!(
        files[0].as_str().unwrap().ends_with("sample/only-response.toml"),
        "{files:?}"
    );
    assert_eq!(files[1], "rubrics/default.toml");
    let report = common::read(&tmp.path().join("child/report.md"));
    assert!(report.contains("rubric **only response**"), "{report}");
    let score = |doc: &serde_json::Value, id: &str| {
        vendor(doc, "deepwave")["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    let total = vendor(&child, "deepwave")["total"].as_f64().unwrap();
    assert!(
        (total - score(&base, "response")).abs() < 0.01,
        "{total} vs {}",
        score(&base, "response")
    );
    assert_ne!(total, vendor(&base, "deepwave")["total"].as_f64().unwrap());

    // the command line wins over vendors.toml; two choices at once are an error
    evaluate_into(&data, &tmp.path().join("flag"), &["--profile", "default"]).assert_ok();
    let flag = read_json(&tmp.path().join("flag/results.json"));
    assert_eq!(flag["rubric"]["name"], "default");
    let both = evaluate_into(
        &data,
        &tmp.path().join("x"),
        &["--profile", "default", "--rubric", "r.toml"],
    );
    assert_eq!(both.code, Some(2), "{}", both.describe());

    let wrong = vendors.replacen("[evaluation]\n", "[evaluation]\nrubric = \"nosuch\"\n", 1);
    std::fs::write(data.join("vendors.toml"), wrong).unwrap();
    let run = evaluate_into(&data, &tmp.path().join("y"), &[]);
    assert_eq!(run.code, Some(3), "{}", run.describe());
    assert!(
        run.stderr
            .contains("vendors.toml:2:10: rubric = 'nosuch': no such profile"),
        "{}",
        run.describe()
    );
}

/// A child that weighs the default's criteria by AHP judgements: the inherited direct weights
/// give way, and `rubric weights` shows the matrix, the eigenvector and the consistency ratio.
#[test]
fn weights_of_an_ahp_child_show_the_matrix_and_consistency() {
    let dir = tempfile::tempdir().unwrap();
    let child = write(
        dir.path(),
        "ahp.toml",
        "extends = \"default\"\nname = \"ahp\"\n\n[weights.ahp]\njudgements = [\n  \"response 3 channels\", \"response 3 hours\", \"response 2 resolution\", \"response 5 docs\", \"response 5 cases\",\n  \"channels 1 hours\", \"channels 1/2 resolution\", \"channels 2 docs\", \"channels 2 cases\",\n  \"hours 1/2 resolution\", \"hours 2 docs\", \"hours 2 cases\",\n  \"resolution 3 docs\", \"resolution 3 cases\",\n  \"docs 1 cases\",\n]\n",
    );
    let run = supportgrade(["rubric", "weights", path_str(&child)]);
    run.assert_ok();
    let lines: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    // The eigenvector of this reciprocal matrix (checked by a separate power iteration in
    // Python: 38.09, 12.85, 12.85, 22.33, 6.94, 6.94; lambda_max 6.019, CR 0.0031), instead
    // of the default's direct weights.
    assert!(
        lines.contains(&vec!["response", "38.09", "38.1%", "Response", "speed"]),
        "{}",
        run.stdout
    );
    assert!(
        lines.contains(&vec!["docs", "1/5", "1/2", "1/2", "1/3", "1", "1", "6.94"]),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("consistency ratio 0.003 (acceptable"),
        "{}",
        run.stdout
    );
}
