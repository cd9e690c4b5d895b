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
