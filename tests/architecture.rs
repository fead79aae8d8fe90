//! The layout rules of ARCHITECTURE.md, checked on the source itself: no import cycle between
//! the files of `src/`, no file over 800 lines, subcommand files under 300 lines, and no
//! hidden mutable global state (`thread_local!`, `static mut`, statics behind a lock or an
//! atomic).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every `.rs` file under `src/`, as (path relative to `src/`, text).
fn sources() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src/ is readable") {
            let p = e.expect("a directory entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(ROOT).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).expect("a source file is UTF-8"))
        })
        .collect()
}

/// The module path of a file: `metrics/mod.rs` -> [metrics], `metrics/catalog.rs` ->
/// [metrics, catalog], `lib.rs` -> [].
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(String::from).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file as imports see it: without its test module, comments and
/// `pub(in path)` visibilities.
fn code_of(src: &str) -> String {
    let code = match src.find("#[cfg(test)]") {
        Some(i) => &src[..i],
        None => src,
    };
    code.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .map(|l| match l.find("pub(in ") {
            Some(i) => {
                let end = l[i..].find(')').map_or(l.len(), |e| i + e + 1);
                format!("{}pub{}", &l[..i], &l[end..])
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The identifier segments of a path starting at `at` (`a::b::{c, d}` gives [a, b] and the
/// items in braces).
fn path_at(code: &str, at: usize) -> (Vec<String>, Vec<String>) {
    let rest = &code[at..];
    let mut segs = Vec::new();
    let mut i = 0;
    let bytes = rest.as_bytes();
    loop {
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        if i == start {
            break;
        }
        segs.push(rest[start..i].to_string());
        if rest[i..].starts_with("::") {
            i += 2;
        } else {
            break;
        }
    }
    let mut items = Vec::new();
    if rest[i..].starts_with('{') {
        let end = rest[i..].find('}').map_or(rest.len(), |e| i + e);
        for item in rest[i + 1..end].split(',') {
            let name: String = item
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != "self" {
                items.push(name);
            }
        }
    }
    (segs, items)
}

/// File -> the files it imports from (by `crate::`, `super::` and child-module paths).
fn import_graph(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeMap<Vec<String>, String> = files.keys().map(|r| (module_of(r), r.clone())).collect();
    let resolve = |segs: &[String]| -> Option<String> {
        (1..=segs.len())
            .rev()
            .find_map(|k| modules.get(&segs[..k]).cloned())
    };
    let mut graph = BTreeMap::new();
    for (rel, src) in files {
        let code = code_of(src);
        let me = module_of(rel);
        let children: Vec<String> = code
            .lines()
            .filter_map(|l| {
                let t = l.trim_start();
                let t = t.strip_prefix("pub ").unwrap_or(t);
                let t = t.strip_prefix("mod ")?;
                t.strip_suffix(';').map(|n| n.trim().to_string())
            })
            .collect();
        let mut to = BTreeSet::new();
        let mut add = |segs: Vec<String>| {
            if let Some(f) = resolve(&segs) {
                if &f != rel {
                    to.insert(f);
                }
            }
        };
        let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
        for (i, _) in code.match_indices("::") {
            // The first segment of each path: the word just before the first `::`.
            let before = &code[..i];
            let start = before.rfind(|c: char| !is_ident(c)).map_or(0, |s| s + 1);
            if code[start..i].contains("::") {
                continue;
            }
            let (segs, items) = path_at(&code, start);
            let Some(first) = segs.first() else { continue };
            let base: Vec<String> = match first.as_str() {
                "crate" => segs[1..].to_vec(),
                "super" => {
                    let mut b = me[..me.len().saturating_sub(1)].to_vec();
                    b.extend(segs[1..].iter().cloned());
                    b
                }
                name if children.iter().any(|c| c == name) => {
                    let mut b = me.clone();
                    b.extend(segs.iter().cloned());
                    b
                }
                _ => continue,
            };
            if items.is_empty() {
                add(base);
            } else {
                for item in items {
                    let mut p = base.clone();
                    p.push(item);
                    add(p);
                }
            }
        }
        graph.insert(rel.clone(), to);
    }
    graph
}

/// The groups of files that import each other in a circle (Tarjan's strongly connected
/// components of more than one file).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

#[test]
fn no_two_source_files_import_each_other_in_a_circle() {
    let graph = import_graph(&sources());
    let found = cycles(&graph);
    let shown: Vec<String> = found
        .iter()
        .map(|c| {
            c.iter()
                .map(|f| {
                    let inside: Vec<&String> = graph[f].iter().filter(|t| c.contains(t)).collect();
                    format!("  {f} -> {inside:?}")
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", shown.join("\n\n"));
}

#[test]
fn the_checker_sees_a_cycle_and_the_paths_it_follows() {
    let files: BTreeMap<String, String> = [
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        (
            "a/mod.rs",
            "pub mod inner;\nuse crate::b::thing;\nfn f() { inner::g(); }\n",
        ),
        ("a/inner.rs", "pub fn g() {}\n"),
        ("b.rs", "use crate::c::{x, y};\npub fn thing() {}\n"),
        (
            "c.rs",
            "// use crate::a::nothing;\npub(in crate::a) fn x() {}\npub fn y() { super::a::f(); }\n",
        ),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let graph = import_graph(&files);
    assert!(
        graph["a/mod.rs"].contains("a/inner.rs"),
        "a child-module path is an import"
    );
    assert!(graph["b.rs"].contains("c.rs"), "items in braces");
    assert_eq!(
        cycles(&graph),
        vec![vec!["a/mod.rs".to_string(), "b.rs".into(), "c.rs".into()]]
    );
    let mut without = files.clone();
    without.insert("c.rs".into(), "pub fn y() {}\n".into());
    assert!(
        cycles(&import_graph(&without)).is_empty(),
        "comments and visibilities are not imports"
    );
}

#[test]
fn no_source_file_is_over_800_lines_and_subcommands_stay_short() {
    let mut long = Vec::new();
    for (rel, src) in sources() {
        let n = src.lines().count();
        let limit = if rel.starts_with("cli/") { 300 } else { 800 };
        if n > limit {
            long.push(format!("src/{rel}: {n} lines (at most {limit})"));
        }
    }
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}

#[test]
fn no_hidden_mutable_global_state() {
    let mut found = Vec::new();
    for (rel, src) in sources() {
        for (i, line) in code_of(&src).lines().enumerate() {
            let t = line.trim_start();
            let mutable_static = t.starts_with("static mut ")
                || t.contains("thread_local!")
                || ((t.starts_with("static ") || t.starts_with("pub static "))
                    && ["Mutex", "RwLock", "Atomic", "RefCell", "Cell<"]
                        .iter()
                        .any(|k| t.contains(k)));
            if mutable_static {
                found.push(format!("src/{rel}:{}: {}", i + 1, t));
            }
        }
    }
    assert!(found.is_empty(), "mutable global state:\n{}", found.join("\n"));
}

#[test]
fn a_files_tests_come_at_its_end() {
    let mut misplaced = Vec::new();
    for (rel, src) in sources() {
        let lines: Vec<&str> = src.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            // `mod tests {` at the top level, closed by the first `}` at the top level.
            if !(l.starts_with("mod ") && l.ends_with('{') && l.contains("tests")) {
                continue;
            }
            let end = (i + 1..lines.len()).find(|&k| lines[k] == "}");
            let after = end.map_or(1, |e| {
                lines[e + 1..].iter().filter(|x| !x.trim().is_empty()).count()
            });
            if after > 0 {
                misplaced.push(format!("src/{rel}:{}", i + 1));
            }
        }
    }
    assert!(
        misplaced.is_empty(),
        "code after the test module:\n{}",
        misplaced.join("\n")
    );
}
