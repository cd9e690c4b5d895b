//! Conventions kept by tests: the engine stays pure (no browser bindings, no clock, no I/O), and
//! its modules depend on each other in one direction (ARCHITECTURE.md, "Layers").

use std::fs;
use std::path::Path;

const FORBIDDEN_DEPENDENCIES: &[&str] = &["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo"];
const FORBIDDEN_IN_SOURCE: &[&str] = &[
    "yew",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "gloo",
    "SystemTime::now",
    "Instant::now",
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "thread_rng",
    "getrandom",
];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn engine_manifest_names_no_browser_crate() {
    let manifest = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    for line in manifest.lines() {
        let name = line.split(['=', ' ', '.']).next().unwrap_or("").trim();
        assert!(!FORBIDDEN_DEPENDENCIES.contains(&name), "the engine must stay pure, but its Cargo.toml says: {line}");
    }
}

#[test]
fn engine_sources_read_no_clock_and_touch_no_outside_world() {
    let mut files = Vec::new();
    sources(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    assert!(files.len() > 5, "found only {} source files", files.len());
    for (path, text) in files {
        for word in FORBIDDEN_IN_SOURCE {
            assert!(!text.contains(word), "{path} mentions `{word}`: the engine must stay pure");
        }
    }
}

#[test]
fn engine_has_no_panicking_shortcuts() {
    let mut files = Vec::new();
    sources(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    for (path, text) in files {
        // Unit tests may unwrap; the code they test may not.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for word in [".unwrap()", ".expect(", "panic!(", "unreachable!(", "todo!(", "unimplemented!("] {
            assert!(!code.contains(word), "{path} uses `{word}` outside its tests: the engine never panics");
        }
    }
}

/// Files that read codes without building findings: the interaction table and the checklist.
const CODE_CONSUMERS: &[&str] = &["pipeline/resolve.rs", "checklist.rs", "findings.rs"];

/// Whether the `Code::X` at `at` in `line` is a comparison or a pattern rather than a finding
/// being built.
fn is_comparison(line: &str, at: usize) -> bool {
    let before = line.get(..at).unwrap_or("").trim_end();
    // A list of codes (`[Code::A, Code::B]`) or a reference (`contains(&Code::A)`) reads codes.
    before.ends_with("==")
        || before.ends_with("!=")
        || before.ends_with('|')
        || before.ends_with('[')
        || before.ends_with('&')
        || line.contains("[Code::")
        || line.contains("matches!(")
}

#[test]
fn every_code_is_built_only_in_its_module() {
    use why401_engine::findings::{Code, Lifecycle};
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/");
    let mut files = Vec::new();
    sources(Path::new(root), &mut files);
    let mut problems = Vec::new();
    for &code in Code::ALL {
        let info = code.info();
        let needle = format!("Code::{code:?}");
        let module = info.module;
        let mut built = 0;
        for (path, text) in &files {
            let rel = path.trim_start_matches(root);
            if CODE_CONSUMERS.contains(&rel) {
                continue;
            }
            let code_part = text.split("#[cfg(test)]").next().unwrap_or("");
            for line in code_part.lines() {
                // A module's `DOCS` list names its codes without building them.
                if line.trim_start().starts_with("code: crate::findings::Code::") {
                    continue;
                }
                let mut from = 0;
                while let Some(at) = line.get(from..).and_then(|rest| rest.find(&needle)).map(|i| i + from) {
                    from = at + needle.len();
                    let whole = !line.get(from..).unwrap_or("").starts_with(|c: char| c.is_alphanumeric() || c == '_');
                    if !whole || is_comparison(line, at) {
                        continue;
                    }
                    built += 1;
                    let stem = rel.trim_end_matches(".rs").trim_end_matches("/mod");
                    let inside = stem == module || stem.starts_with(&format!("{module}/"));
                    if !inside {
                        problems.push(format!("{} (`{code:?}`) is built in {rel}, but its module is `{module}`", info.code));
                    }
                }
            }
        }
        match info.lifecycle {
            Lifecycle::Stable if built == 0 && module != "pipeline/resolve" => {
                problems.push(format!("{} (`{code:?}`) is stable but no module builds it", info.code))
            }
            Lifecycle::Retired if built > 0 => problems.push(format!("{} (`{code:?}`) is retired but still built", info.code)),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// The names of message-quoting helpers: outside `quote.rs` a module may bind one to its own
/// length, but its body must be a call into `crate::quote`, so every message quotes alike.
const QUOTING_HELPERS: &[&str] = &["fn shown(", "fn listed(", "fn listed<", "fn lower_first(", "fn quoted(", "fn some_of("];

#[test]
fn messages_quote_through_one_helper() {
    let mut files = Vec::new();
    sources(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    let mut own = Vec::new();
    for (path, text) in files {
        if path.ends_with("/quote.rs") {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            // A parser's method (`fn quoted(&mut self)`) reads, it does not quote.
            if trimmed.contains("self")
                || !QUOTING_HELPERS
                    .iter()
                    .any(|h| trimmed.starts_with(h) || trimmed.starts_with(&format!("pub {h}")) || trimmed.starts_with(&format!("pub(crate) {h}")))
            {
                continue;
            }
            // The body: up to the closing brace at the function's indentation.
            let indent = line.len() - trimmed.len();
            let body: Vec<&str> =
                lines[i + 1..].iter().take_while(|l| !(l.len() > indent && l.as_bytes()[indent] == b'}' && l[..indent].trim().is_empty())).copied().collect();
            if !body.iter().any(|l| l.contains("crate::quote::")) {
                own.push(format!("{path}:{}: {}", i + 1, trimmed));
            }
        }
    }
    assert!(own.is_empty(), "quoting helpers with their own logic (call crate::quote instead):\n{}", own.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The module graph: which engine module uses which (ARCHITECTURE.md, "Layers").
// ---------------------------------------------------------------------------------------------

/// Directory modules whose files are nodes of their own (`jose::key`, `http::message`): their
/// files are separate layers (a primitive beside the rules built on it). Other directory modules
/// (`headers`, `logs`, `pipeline`) are one node each; `schemes::windows` follows the handshakes
/// through `schemes::ntlm` and `schemes::negotiate`, which know nothing of each other's exchanges.
const SPLIT: &[&str] = &["jose", "http", "jwt", "schemes"];

/// The vocabulary and what each of its modules may use of the engine: nothing of the analysis.
/// `context` reads the third-party-cookie setting from `cookie`, which uses nothing of the
/// engine (so that the two can never form a cycle).
const VOCABULARY: &[(&str, &[&str])] = &[
    ("steps", &[]),
    ("secret", &[]),
    ("chars", &[]),
    ("serde_util", &[]),
    ("timefmt", &[]),
    ("json_scan", &[]),
    ("quote", &[]),
    ("context", &["secret", "cookie"]),
    ("findings", &["steps", "serde_util"]),
];

/// The only module that may use what the crate root (`lib.rs`) declares itself (the input
/// limits, `Progress`); the root is the façade over every module, so anything else using it
/// would be a cycle through the root.
const READS_THE_ROOT: &[&str] = &["pipeline"];

/// The node standing for the crate root.
const ROOT: &str = "crate root";

/// One edge of the module graph, with the first place that makes it.
#[derive(Debug)]
struct Edge {
    to: String,
    file: String,
    path: String,
}

/// The engine's module graph: for each node, the nodes it uses.
struct Graph {
    edges: std::collections::BTreeMap<String, Vec<Edge>>,
}

/// `jose/key.rs` → `["jose", "key"]`, `jose/mod.rs` → `["jose"]`, `lib.rs` → `[]`.
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|last| last == "mod" || last == "lib") {
        parts.pop();
    }
    parts
}

/// The code of a file as the graph reads it: without its unit tests and comment lines. Paths in
/// strings count (`serialize_with = "crate::serde_util::table_text"` is a use).
fn graph_code(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Splits `a, b::{c, d}, e` at the commas outside braces.
fn split_top_level(list: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// The paths a `use` tree names: `crate::{a::B, c}` → `crate::a::B`, `crate::c`.
fn use_paths(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let close = tree.rfind('}').unwrap_or(tree.len());
        let mut base = prefix.to_vec();
        base.extend(tree[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string));
        for part in split_top_level(&tree[open + 1..close]) {
            use_paths(part, &base, out);
        }
    } else {
        let mut path = prefix.to_vec();
        let name = tree.split(" as ").next().unwrap_or("");
        path.extend(name.split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string));
        out.push(path);
    }
}

/// Every path of the engine a file's code names: its `use` trees, and each `crate::…` and
/// `super::…` written inline.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    // `use` and `pub use` statements, which may span lines.
    while let Some(at) = rest.find("use ") {
        let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
        let lead = rest[line_start..at].trim();
        let statement_start = lead.is_empty() || lead == "pub" || (lead.starts_with("pub(") && lead.ends_with(')'));
        let after = &rest[at + 4..];
        match (statement_start, after.find(';')) {
            (true, Some(end)) => {
                use_paths(&after[..end], &[], &mut out);
                rest = &after[end..];
            }
            _ => rest = after,
        }
    }
    for root in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(root).map(|i| i + from) {
            from = at + root.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let tail: String = code[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            out.push(tail.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect());
        }
    }
    out
}

impl Graph {
    /// Reads the graph from the engine's sources, given as (path under `src/`, text).
    fn of(files: &[(String, String)]) -> Graph {
        use std::collections::{BTreeMap, BTreeSet};
        let modules: BTreeSet<Vec<String>> = files.iter().map(|(rel, _)| module_path(rel)).collect();
        // What the crate root re-exports (`pub use checklist::{StepId, …}`), by name.
        let mut reexported: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if let Some((_, lib)) = files.iter().find(|(rel, _)| rel == "lib.rs") {
            for path in named_paths(&graph_code(lib)) {
                if let (Some(last), true) = (path.last(), path.len() > 1 && modules.contains(&path[..1])) {
                    reexported.insert(last.clone(), path[..path.len() - 1].to_vec());
                }
            }
        }
        let node = |abs: &[String]| -> String {
            let abs: Vec<String> = match abs.first() {
                Some(first) if !modules.contains(&vec![first.clone()]) => match reexported.get(first) {
                    Some(module) => module.clone(),
                    None => return ROOT.to_string(),
                },
                Some(_) => abs.to_vec(),
                None => return ROOT.to_string(),
            };
            match abs.as_slice() {
                [top, sub, ..] if SPLIT.contains(&top.as_str()) && modules.contains(&vec![top.clone(), sub.clone()]) => format!("{top}::{sub}"),
                [top, ..] => top.clone(),
                [] => ROOT.to_string(),
            }
        };
        let mut edges: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
        for (rel, text) in files {
            let here = module_path(rel);
            let from = node(&here);
            for path in named_paths(&graph_code(text)) {
                let abs = match path.first().map(String::as_str) {
                    Some("crate") => path[1..].to_vec(),
                    Some("super" | "self") => {
                        let mut base = here.clone();
                        let mut segments = path.iter().peekable();
                        while let Some(s) = segments.next_if(|s| *s == "super" || *s == "self") {
                            if s == "super" {
                                base.pop();
                            }
                        }
                        base.extend(segments.cloned());
                        base
                    }
                    // A child module named from its parent (`use jose::verify` in `lib.rs`).
                    Some(first) if modules.contains(&[here.clone(), vec![first.to_string()]].concat()) => [here.clone(), path.clone()].concat(),
                    _ => continue,
                };
                let abs: Vec<String> = abs.into_iter().filter(|s| s != "self" && s != "*").collect();
                let to = node(&abs);
                // A module using itself, or a directory module reaching its own files.
                if to == from || to.starts_with(&format!("{from}::")) {
                    continue;
                }
                let list = edges.entry(from.clone()).or_default();
                if !list.iter().any(|e| e.to == to) {
                    list.push(Edge { to, file: rel.clone(), path: path.join("::") });
                }
            }
        }
        Graph { edges }
    }

    fn uses(&self, from: &str) -> impl Iterator<Item = &Edge> {
        self.edges.get(from).into_iter().flatten()
    }

    /// A cycle, as its edges, if there is one.
    fn cycle(&self) -> Option<Vec<(&str, &Edge)>> {
        // Depth-first search; a node on the current path reached again closes a cycle.
        fn visit<'g>(
            graph: &'g Graph,
            node: &'g str,
            path: &mut Vec<(&'g str, &'g Edge)>,
            on_path: &mut Vec<&'g str>,
            done: &mut std::collections::BTreeSet<&'g str>,
        ) -> Option<Vec<(&'g str, &'g Edge)>> {
            on_path.push(node);
            for edge in graph.uses(node) {
                if let Some(start) = on_path.iter().position(|n| *n == edge.to) {
                    let mut cycle = path[start..].to_vec();
                    cycle.push((node, edge));
                    return Some(cycle);
                }
                if done.contains(edge.to.as_str()) {
                    continue;
                }
                path.push((node, edge));
                if let Some(cycle) = visit(graph, &edge.to, path, on_path, done) {
                    return Some(cycle);
                }
                path.pop();
            }
            on_path.pop();
            done.insert(node);
            None
        }
        let mut done = std::collections::BTreeSet::new();
        for start in self.edges.keys() {
            if !done.contains(start.as_str()) {
                if let Some(cycle) = visit(self, start, &mut Vec::new(), &mut Vec::new(), &mut done) {
                    return Some(cycle);
                }
            }
        }
        None
    }
}

fn describe_cycle(cycle: &[(&str, &Edge)]) -> String {
    let mut text = cycle.first().map(|(from, _)| from.to_string()).unwrap_or_default();
    for (_, edge) in cycle {
        text.push_str(&format!(" → {} ({}: `{}`)", edge.to, edge.file, edge.path));
    }
    text
}

fn engine_files() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/");
    let mut files = Vec::new();
    sources(Path::new(root), &mut files);
    files.into_iter().map(|(path, text)| (path.trim_start_matches(root).to_string(), text)).collect()
}

#[test]
fn engine_modules_form_no_cycle() {
    let graph = Graph::of(&engine_files());
    // The reader sees the engine's imports: a few edges that are there by design.
    for (from, to) in [("checklist", "findings"), ("findings", "steps"), ("jose::verify", "jose::ec"), ("http::cors_flow", "cors"), ("pipeline", ROOT)] {
        assert!(graph.uses(from).any(|e| e.to == to), "the graph lost the edge {from} → {to}: {:?}", graph.edges.get(from));
    }
    if let Some(cycle) = graph.cycle() {
        panic!("the engine's modules form a cycle: {}", describe_cycle(&cycle));
    }
}

#[test]
fn vocabulary_uses_nothing_of_the_analysis() {
    let graph = Graph::of(&engine_files());
    let mut problems = Vec::new();
    for (module, allowed) in VOCABULARY {
        assert!(engine_files().iter().any(|(rel, _)| module_path(rel) == [module.to_string()]), "no module `{module}`");
        for edge in graph.uses(module) {
            if !allowed.contains(&edge.to.as_str()) {
                problems.push(format!("`{module}` is vocabulary but uses `{}` ({}: `{}`)", edge.to, edge.file, edge.path));
            }
        }
    }
    for (from, edges) in &graph.edges {
        for edge in edges.iter().filter(|e| e.to == ROOT && !READS_THE_ROOT.contains(&from.as_str())) {
            problems.push(format!("`{from}` uses what the crate root declares ({}: `{}`)", edge.file, edge.path));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_graph_sees_a_cycle_added_to_the_sources() {
    // What the cycle test would say if `findings.rs` used the checklist again.
    let mut files = engine_files();
    let findings = files.iter_mut().find(|(rel, _)| rel == "findings.rs").map(|(_, text)| text);
    let Some(findings) = findings else { panic!("no findings.rs") };
    findings.insert_str(0, "use crate::checklist::StepStatus;\n");
    let cycle = Graph::of(&files).cycle().map(|c| describe_cycle(&c)).unwrap_or_default();
    assert!(cycle.contains("findings.rs: `crate::checklist::StepStatus`") && cycle.contains("checklist.rs"), "{cycle}");

    // A grouped import through `super::`, and a path in an attribute's string, are read too.
    let mut files = engine_files();
    if let Some((_, text)) = files.iter_mut().find(|(rel, _)| rel == "jose/ec.rs") {
        text.push_str("\nuse super::{alg, key::{Material}};\n");
    }
    if let Some((_, text)) = files.iter_mut().find(|(rel, _)| rel == "steps.rs") {
        text.push_str("\n#[serde(serialize_with = \"crate::report::x\")]\nstruct S;\n");
    }
    let graph = Graph::of(&files);
    assert!(graph.uses("jose::ec").any(|e| e.to == "jose::key"), "{:?}", graph.edges.get("jose::ec"));
    assert!(graph.uses("steps").any(|e| e.to == "report"), "{:?}", graph.edges.get("steps"));
    assert!(graph.cycle().is_some());
}

/// The HTTP field grammar (tokens, `token68`, quoted strings, lists) is written once, in
/// `grammar.rs`; every header reader uses it, so they agree on what a token or an element is.
#[test]
fn header_grammar_is_written_once() {
    const GRAMMAR: &[&str] = &["fn is_tchar", "fn is_token68", "fn is_token(", "fn split_outside_quotes", "fn quoted_string", "fn list_elements"];
    let mut files = Vec::new();
    sources(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    let mut own = Vec::new();
    for (path, text) in files {
        if path.ends_with("/grammar.rs") {
            continue;
        }
        for (i, line) in text.lines().enumerate() {
            if GRAMMAR.iter().any(|g| line.trim_start().trim_start_matches("pub ").trim_start_matches("pub(crate) ").starts_with(g)) {
                own.push(format!("{path}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(own.is_empty(), "header grammar written again (use crate::grammar):\n{}", own.join("\n"));
}

/// A message's challenges are parsed once, by `Message::challenges`, and every rule reads that
/// parse; the challenge parser is otherwise called only on a header pasted alone
/// (`headers::challenge`) and on Digest credentials, which share its grammar.
#[test]
fn challenges_are_parsed_once_per_message() {
    let allowed = ["/http/message.rs", "/schemes/digest.rs"];
    let mut files = Vec::new();
    sources(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    let mut found = Vec::new();
    for (path, text) in files {
        if path.contains("/headers/") || allowed.iter().any(|a| path.ends_with(a)) {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            // `Parsed::of` is the message's parse and, in the inputs stage, that of a header
            // pasted outside any message.
            if line.contains("www_authenticate::parse(") || (line.contains("challenge::Parsed::of(") && !path.ends_with("/pipeline/inputs.rs")) {
                found.push(format!("{path}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "challenges parsed again (read Message::challenges):\n{}", found.join("\n"));
    // Digest reads only credentials with it; its challenges come from the message.
    let digest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/schemes/digest.rs")).unwrap_or_default();
    let code = digest.split("#[cfg(test)]").next().unwrap_or("");
    assert_eq!(code.matches("www_authenticate::parse(").count(), 1, "schemes/digest.rs parses only the credentials");
}

/// The CLI, the page, the worker and the WebCrypto seam use the engine through its façade
/// (`inspect`, `Context`, the report types, `transfer`, `markdown`, `docs`, `verify`,
/// `display`); the modules marked `#[doc(hidden)]` in `lib.rs` are internals for the engine's
/// own tests, fuzz targets and benchmarks.
#[test]
fn outside_crates_use_only_the_facade() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let lib = std::fs::read_to_string(root.join("crates/engine/src/lib.rs")).unwrap_or_default();
    let internal: Vec<String> =
        lib.split("#[doc(hidden)]\npub mod ").skip(1).filter_map(|rest| rest.split(';').next()).map(|m| format!("why401_engine::{m}")).collect();
    assert!(internal.len() > 10, "the internal modules are marked in lib.rs: {internal:?}");
    let mut found = Vec::new();
    for dir in ["crates/cli/src", "src", "crates/worker/src", "crates/webcrypto/src"] {
        let mut files = Vec::new();
        sources(&root.join(dir), &mut files);
        for (path, text) in files {
            for (i, line) in text.lines().enumerate() {
                // `why401_engine::{a, b::c}` names each of its members as `why401_engine::a`.
                let line = match line.split_once("why401_engine::{") {
                    Some((_, group)) => group.split('}').next().unwrap_or("").split(',').map(|n| format!(" why401_engine::{}", n.trim())).collect::<String>(),
                    None => line.to_string(),
                };
                for m in &internal {
                    let at = line.match_indices(m.as_str()).any(|(j, _)| !line[j + m.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
                    if at && !line.trim_start().starts_with("//") {
                        found.push(format!("{path}:{}: {}", i + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "engine internals used outside the engine (add what is needed to the façade in lib.rs):\n{}", found.join("\n"));
}
