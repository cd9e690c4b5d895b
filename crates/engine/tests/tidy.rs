//! Conventions kept by tests: the engine stays pure (no browser bindings, no clock, no I/O).

use std::fs;
use std::path::Path;

const FORBIDDEN_DEPENDENCIES: &[&str] = &["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo"];
const FORBIDDEN_IN_SOURCE: &[&str] = &[
    "yew", "web_sys", "js_sys", "wasm_bindgen", "gloo", "SystemTime::now", "Instant::now", "std::fs", "std::net",
    "std::env", "std::process", "thread_rng", "getrandom",
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
            if trimmed.contains("self") || !QUOTING_HELPERS.iter().any(|h| trimmed.starts_with(h) || trimmed.starts_with(&format!("pub {h}")) || trimmed.starts_with(&format!("pub(crate) {h}"))) {
                continue;
            }
            // The body: up to the closing brace at the function's indentation.
            let indent = line.len() - trimmed.len();
            let body: Vec<&str> = lines[i + 1..].iter().take_while(|l| !(l.len() > indent && l.as_bytes()[indent] == b'}' && l[..indent].trim().is_empty())).copied().collect();
            if !body.iter().any(|l| l.contains("crate::quote::")) {
                own.push(format!("{path}:{}: {}", i + 1, trimmed));
            }
        }
    }
    assert!(own.is_empty(), "quoting helpers with their own logic (call crate::quote instead):\n{}", own.join("\n"));
}
