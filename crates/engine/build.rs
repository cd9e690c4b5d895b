//! Writes the catalogue of known messages as the engine carries it: each data file
//! (`data/messages/*.json`) without the members only the tests read (`example`, `source`), as
//! compact JSON in `OUT_DIR`. What ships in the page is then what the engine uses; the tests read
//! the files themselves (`tests/messages.rs`).

use std::path::Path;

/// The members of an entry the engine reads.
const KEPT: &[&str] = &["id", "family", "anchor", "pattern", "cause"];

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| "target".into());
    let data = Path::new(&manifest).join("data/messages");
    println!("cargo::rerun-if-changed={}", data.display());
    let dir = Path::new(&out).join("messages");
    if let Err(why) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {why}", dir.display());
    }
    let mut names: Vec<_> = match std::fs::read_dir(&data) {
        Ok(entries) => entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect(),
        Err(why) => panic!("cannot read {}: {why}", data.display()),
    };
    names.sort();
    for path in names {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|why| panic!("cannot read {}: {why}", path.display()));
        // A file that does not parse is written as it is: the engine reports it as broken, and
        // `tests/messages.rs` names the entry.
        let written = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Array(entries)) => {
                let kept: Vec<serde_json::Value> = entries
                    .into_iter()
                    .map(|entry| match entry {
                        serde_json::Value::Object(members) => {
                            serde_json::Value::Object(members.into_iter().filter(|(k, _)| KEPT.contains(&k.as_str())).collect())
                        }
                        other => other,
                    })
                    .collect();
                serde_json::to_string(&kept).unwrap_or(text)
            }
            _ => text,
        };
        let name = path.file_name().unwrap_or_default();
        std::fs::write(dir.join(name), written).unwrap_or_else(|why| panic!("cannot write {}: {why}", dir.display()));
    }
}
