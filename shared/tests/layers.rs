//! The layers of `accord-shared` and the import graph of the workspace, checked from the source
//! files: a module may import only from its own layer or below, every module has a layer, and
//! no two files import each other, directly or through others.
//!
//! The graph is file-level: `crate::a::b::C` is an edge to the longest module file it names
//! (`a/b.rs`, else `a.rs`); `super::` and `self::` are resolved from the importing file;
//! comments, string literals and `#[cfg(test)]` items are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module → layer. Lower layers never import from higher ones.
///
/// 0. vocabulary: ids, kinds, statuses, roles, fields, the case code, time, risk levels
/// 1. reference data: the directory, time limits, places and working hours, the demo street
/// 2. parsing: raw requests become valid values
/// 3. the case entity, its timeline and its stage clock
/// 4. behaviour: the state machine, policy, sessions, queues, duplicates, retention, the
///    figures (`stats`), the documents, the mediation agreement's life, …
/// 5. the wire views of the API contract, and the test-only fixtures
const LAYERS: &[(&str, u8)] = &[
    ("lib", 5),
    // 0. vocabulary
    ("code", 0),
    ("fields", 0),
    ("geo", 0),
    ("time", 0),
    ("risk", 0),
    ("secret", 0),
    ("vocabulary", 0),
    ("staff", 0),
    // 1. reference data
    ("scheduling::calendar", 1),
    ("time_limits::table", 1),
    ("questions", 1),
    ("directory", 1),
    ("demo", 1),
    // 2. parsing
    ("intake", 2),
    // 3. the case entity and its clock
    ("time_limits::clock", 3),
    ("time_limits", 3),
    ("case", 3),
    // 4. behaviour
    ("lifecycle::command", 4),
    ("lifecycle::examples", 4),
    ("lifecycle", 4),
    ("policy", 4),
    ("scheduling::session", 4),
    ("scheduling::rules", 4),
    ("scheduling::feed", 4),
    ("scheduling", 4),
    ("queue", 4),
    ("duplicates", 4),
    ("notices", 4),
    ("push", 4),
    ("retention", 4),
    ("photos", 4),
    ("volunteer", 4),
    ("accounts", 4),
    ("directory_edit", 4),
    ("audit", 4),
    ("throttle", 4),
    ("open311", 4),
    ("ical", 4),
    ("history", 4),
    ("stats", 4),
    ("confidential", 4),
    ("stats::facts", 4),
    ("stats::cells", 4),
    ("stats::figures", 4),
    ("stats::public", 4),
    ("stats::csv", 4),
    ("stats::check", 4),
    ("stats::members", 4),
    ("documents::kind", 4),
    ("documents::number", 4),
    ("documents::document", 4),
    ("documents::issued", 4),
    ("documents::input", 4),
    ("documents::templates", 4),
    ("documents", 4),
    ("agreement::error", 4),
    ("agreement::name", 4),
    ("agreement::draft", 4),
    ("agreement::stored", 4),
    ("agreement::versions", 4),
    ("agreement::confirm", 4),
    ("agreement::judicial", 4),
    ("agreement::performance", 4),
    ("agreement::actions", 4),
    ("agreement::tests", 4),
    ("agreement", 4),
    // 5. the wire, and fixtures compiled for tests only
    ("wire::agreement", 5),
    ("wire::case_file", 5),
    ("wire::documents", 5),
    ("wire::figures", 5),
    ("wire::figure_cases", 5),
    ("wire::push", 5),
    ("wire::requests", 5),
    ("wire::views", 5),
    ("wire", 5),
    // What a phone keeps while offline: filing requests and session records of the wire.
    ("offline", 5),
    ("testing", 5),
    // The documents' snapshot tests, which render the fixtures of `testing`.
    ("documents::tests", 5),
    ("case_index", 5),
    ("search", 5),
    ("synthetic", 5),
    ("replay", 5),
];

/// The source folders whose import graph must have no cycle: all of them.
const CRATES_WITHOUT_CYCLES: &[&str] = &["shared/src", "api/src", "frontend/src"];

/// Every source folder of the workspace; those not in `CRATES_WITHOUT_CYCLES` have their
/// cycles printed only.
const ALL_CRATES: &[&str] = &["shared/src", "api/src", "frontend/src"];

type Module = Vec<String>;

fn display(m: &Module) -> String {
    if m.is_empty() {
        "lib".to_owned()
    } else {
        m.join("::")
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("shared/ sits in the workspace")
        .to_path_buf()
}

/// Every module file under `src`, by module path (`lib.rs`/`main.rs` is the empty path,
/// `a/b.rs` is `a::b`; `bin/` holds other crates' roots and is skipped).
fn module_files(src: &Path) -> BTreeMap<Module, String> {
    fn walk(dir: &Path, src: &Path, out: &mut BTreeMap<Module, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, src, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let rel = path
                    .strip_prefix(src)
                    .expect("under src")
                    .with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("lib" | "main" | "mod")
                ) {
                    parts.pop();
                }
                if parts.first().is_some_and(|p| p == "bin") {
                    continue;
                }
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
                out.insert(parts, text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, src, &mut out);
    out
}

/// The source without comments and with string and char literals emptied, so that braces and
/// paths inside them count for nothing.
fn strip_comments_and_literals(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !is_ident(b.get(i.wrapping_sub(1)))
        {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            let close = if next == Some('\\') {
                (i + 2..b.len().min(i + 12)).find(|&k| b[k] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(k) => {
                    out.push_str("' '");
                    i = k + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The source without the items marked `#[cfg(test)]` (a test module, a test-only `mod x;`,
/// `use` or function): from the attribute to the end of the item it marks.
fn without_test_items(src: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = String::new();
    let mut rest = src;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len()..];
        let end = match after.find(['{', ';']) {
            Some(k) if after.as_bytes()[k] == b';' => k + 1,
            Some(k) => {
                let mut depth = 0usize;
                let mut end = after.len();
                for (j, ch) in after[k..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = k + j + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            None => after.len(),
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Expands a use tree (`crate::{a::X, b::{c, d}}`) into its paths.
fn expand_use_tree(tree: &str) -> Vec<String> {
    // Drop renames (`X as Y`), then all whitespace.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let mut kept = String::new();
    let mut i = 0;
    while i < words.len() {
        if words[i] == "as" && i + 1 < words.len() {
            let renamed = words[i + 1];
            kept.push_str(renamed.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_'));
            i += 2;
        } else {
            kept.push_str(words[i]);
            i += 1;
        }
    }
    let tree = kept;
    fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
        match tree.find('{') {
            None => {
                out.push(format!("{prefix}{tree}"));
            }
            Some(open) => {
                let head = &tree[..open];
                let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
                let mut depth = 0;
                let mut start = 0;
                let mut parts = Vec::new();
                for (i, ch) in inner.char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            parts.push(&inner[start..i]);
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                parts.push(&inner[start..]);
                for part in parts.into_iter().filter(|p| !p.is_empty()) {
                    expand(&format!("{prefix}{head}"), part, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    expand("", &tree, &mut out);
    out
}

/// The paths a file names: every path of its `use` items, and every `crate::…`, `super::…`
/// path in its code.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let words: Vec<(usize, &str)> = code
        .match_indices(|c: char| !(c.is_alphanumeric() || c == '_'))
        .scan(0, |start, (i, sep)| {
            let word = (*start, &code[*start..i]);
            *start = i + sep.len();
            Some(word)
        })
        .collect();
    for (at, word) in &words {
        if *word == "use" {
            if let Some(end) = code[*at..].find(';') {
                let tree = &code[at + 3..at + end];
                for path in expand_use_tree(tree) {
                    paths.push(path.split("::").map(str::to_owned).collect());
                }
            }
        }
    }
    // Paths in code: a `crate` or `super` word followed by `::segment`s.
    let bytes = code.as_bytes();
    for (at, word) in &words {
        if *word != "crate" && *word != "super" {
            continue;
        }
        if *at > 0 && (bytes[at - 1] == b':' || is_ident(code[..*at].chars().last().as_ref())) {
            continue;
        }
        let mut segs = vec![word.to_string()];
        let mut k = at + word.len();
        while code[k..].starts_with("::") {
            let seg: String = code[k + 2..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if seg.is_empty() {
                break;
            }
            k += 2 + seg.len();
            segs.push(seg);
        }
        if segs.len() > 1 {
            paths.push(segs);
        }
    }
    paths
}

/// The file-level import graph: each module → the modules whose files it names.
fn import_graph(files: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, text) in files {
        let code = without_test_items(&strip_comments_and_literals(text));
        let edges = graph.entry(module.clone()).or_default();
        for path in named_paths(&code) {
            let (mut base, mut rest): (Module, &[String]) = match path[0].as_str() {
                "crate" => (Vec::new(), &path[1..]),
                "self" => (module.clone(), &path[1..]),
                "super" => (
                    module[..module.len().saturating_sub(1)].to_vec(),
                    &path[1..],
                ),
                // `use child::X` names a child module of this one (2018 paths).
                first if files.contains_key(&[module.clone(), vec![first.to_owned()]].concat()) => {
                    (module.clone(), &path[..])
                }
                _ => continue,
            };
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            let full: Module = base.into_iter().chain(rest.iter().cloned()).collect();
            let target = (1..=full.len())
                .rev()
                .map(|k| full[..k].to_vec())
                .find(|prefix| files.contains_key(prefix));
            if let Some(target) = target.filter(|t| t != module) {
                edges.insert(target);
            }
        }
    }
    graph
}

/// The strongly connected components with more than one module (Tarjan), each sorted.
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'g> {
        graph: &'g BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'g Module, usize>,
        low: BTreeMap<&'g Module, usize>,
        stack: Vec<&'g Module>,
        on_stack: BTreeSet<&'g Module>,
        found: Vec<Vec<Module>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g Module) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

/// What breaks the layering: modules without a layer, table rows without a module, and
/// imports from a higher layer.
fn layer_violations(files: &BTreeMap<Module, String>, layers: &[(&str, u8)]) -> Vec<String> {
    let layer_of: BTreeMap<&str, u8> = layers.iter().copied().collect();
    let names: BTreeSet<String> = files.keys().map(display).collect();
    let mut problems = Vec::new();
    for name in &names {
        if !layer_of.contains_key(name.as_str()) {
            problems.push(format!("{name} has no layer in the table"));
        }
    }
    for (name, _) in layers {
        if !names.contains(*name) {
            problems.push(format!("{name} is in the table but has no file"));
        }
    }
    for (module, targets) in import_graph(files) {
        let from = display(&module);
        let Some(&own) = layer_of.get(from.as_str()) else {
            continue;
        };
        for target in targets {
            let to = display(&target);
            if let Some(&theirs) = layer_of.get(to.as_str()) {
                if theirs > own {
                    problems.push(format!(
                        "{from} (layer {own}) imports {to} (layer {theirs}), a higher layer"
                    ));
                }
            }
        }
    }
    problems
}

fn describe(cycles: &[Vec<Module>]) -> String {
    cycles
        .iter()
        .map(|c| c.iter().map(display).collect::<Vec<_>>().join(", "))
        .collect::<Vec<_>>()
        .join("\n  ")
}

#[test]
fn every_module_of_shared_imports_only_from_its_layer_or_below() {
    let files = module_files(&workspace_root().join("shared/src"));
    let problems = layer_violations(&files, LAYERS);
    assert!(
        problems.is_empty(),
        "the layers of shared are broken:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn no_two_files_of_the_workspace_import_each_other() {
    let root = workspace_root();
    let mut failures = Vec::new();
    for src in ALL_CRATES {
        let found = cycles(&import_graph(&module_files(&root.join(src))));
        if found.is_empty() {
            continue;
        }
        if CRATES_WITHOUT_CYCLES.contains(src) {
            failures.push(format!("{src}:\n  {}", describe(&found)));
        } else {
            println!("{src} still has import cycles:\n  {}", describe(&found));
        }
    }
    assert!(
        failures.is_empty(),
        "files that import each other:\n{}",
        failures.join("\n")
    );
}

/// The checks above must be able to fail: a made-up crate with an upward import and a cycle.
#[test]
fn the_checks_catch_an_upward_import_a_missing_layer_and_a_cycle() {
    let file = |path: &str, text: &str| {
        let module: Module = if path.is_empty() {
            Vec::new()
        } else {
            path.split("::").map(str::to_owned).collect()
        };
        (module, text.to_owned())
    };
    let files: BTreeMap<Module, String> = [
        file("", "pub mod low;\npub mod high;\npub mod stray;\n"),
        file(
            "low",
            "//! Low.\nuse crate::high::Thing; // upward\n// use crate::stray::Nothing;\nconst S: &str = \"crate::stray::X\";\n",
        ),
        file(
            "high",
            "use crate::{low::{self, Other as Renamed}, stray};\n#[cfg(test)]\nmod tests { use crate::lib_only::X; }\n",
        ),
        file("stray", "fn f() { super::high::g(); }\n"),
        file("high::part", "use super::super::low::X;\n"),
    ]
    .into_iter()
    .collect();
    let graph = import_graph(&files);
    let edges = |m: &str| -> Vec<String> {
        let module: Module = m.split("::").map(str::to_owned).collect();
        graph[&module].iter().map(display).collect()
    };
    assert_eq!(edges("low"), ["high"], "comments and strings name nothing");
    assert_eq!(edges("high"), ["low", "stray"]);
    assert_eq!(edges("stray"), ["high"]);
    assert_eq!(edges("high::part"), ["low"]);
    assert_eq!(
        describe(&cycles(&graph)),
        "high, low, stray",
        "low → high → stray → high and high → low"
    );
    let problems = layer_violations(&files, &[("lib", 9), ("low", 0), ("high", 1), ("gone", 2)]);
    assert_eq!(
        problems,
        [
            "high::part has no layer in the table",
            "stray has no layer in the table",
            "gone is in the table but has no file",
            "low (layer 0) imports high (layer 1), a higher layer",
        ]
    );
}
