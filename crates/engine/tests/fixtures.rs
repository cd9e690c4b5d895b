//! Runs the fixture scenarios under `tests/fixtures/` through the engine.

mod support;

#[test]
fn every_fixture_gives_the_expected_report() {
    match support::check_all() {
        Ok(count) => println!("{count} fixtures passed"),
        Err(problems) => panic!("fixture mismatches:\n{problems}"),
    }
}

#[test]
fn every_fixture_file_is_listed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut on_disk = Vec::new();
    for area in std::fs::read_dir(dir).unwrap() {
        let area = area.unwrap().path();
        for file in std::fs::read_dir(&area).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let rel = path.strip_prefix(dir).unwrap().with_extension("");
                on_disk.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    on_disk.sort();
    let mut listed: Vec<String> = support::all().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "add new fixture files to the list in tests/support/mod.rs");
}
