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

/// Codes no fixture file can show, with where they are tested instead.
const NOT_IN_FIXTURES: &[(&str, &str)] = &[
    ("IN001", "needs an input over 64 MiB: robustness.rs builds one in memory"),
    ("IN003", "needs over 1,000 distinct tokens: robustness.rs builds them in memory"),
];

#[test]
fn every_finding_code_has_a_fixture() {
    let mut shown = std::collections::HashSet::new();
    for (_, text) in support::all() {
        let head = text.split("\n---\n").next().unwrap_or("");
        for line in head.lines().filter_map(|l| l.strip_prefix("findings: ")) {
            shown.extend(line.split_whitespace().map(str::to_string));
        }
    }
    let missing: Vec<&str> =
        why401_engine::Code::ALL.iter().map(|c| c.as_str()).filter(|c| !shown.contains(*c) && !NOT_IN_FIXTURES.iter().any(|(n, _)| n == c)).collect();
    println!("{} codes, {} shown by fixtures, {} tested elsewhere", why401_engine::Code::ALL.len(), shown.len(), NOT_IN_FIXTURES.len());
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
    for (code, _) in NOT_IN_FIXTURES {
        assert!(!shown.contains(*code), "{code} now has a fixture: take it off the list");
    }
}

/// Each recognised fragment says where it is on its line: a message inside a log line, a
/// header value after a log prefix, a token inside a `key=value` log; an HTTP message's start
/// line is a whole line.
#[test]
fn inputs_say_where_their_fragment_is() {
    let log = "2025-11-24 15:58:02.114 ERROR [api] com.nimbusds.jwt.proc.BadJWTException: Expired JWT\n\
               2025-11-24 15:58:02.115 DEBUG [api] < www-authenticate: Bearer error=\"invalid_token\"\n\
               log token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiZXhwIjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlc2lnbmF0dXJlc2ln and more\n";
    let report = why401_engine::inspect(log, &why401_engine::Context::new(support::DEFAULT_NOW));
    let lines: Vec<&str> = log.lines().collect();
    let shown: Vec<(usize, &str)> = report
        .inputs
        .iter()
        .map(|i| (i.line, i.columns.and_then(|(s, e)| lines.get(i.line - 1).and_then(|l| l.get(s..e))).unwrap_or("(whole line)")))
        .collect();
    assert_eq!(
        shown,
        [
            (1, "Expired JWT"),
            (2, "Bearer error=\"invalid_token\""),
            (3, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiZXhwIjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlc2lnbmF0dXJlc2ln")
        ]
    );
    let request = why401_engine::inspect("GET /v1/me HTTP/1.1\nHost: api.example.com\n\n", &why401_engine::Context::new(support::DEFAULT_NOW));
    assert_eq!(request.inputs.first().map(|i| i.columns), Some(None), "{:?}", request.inputs);
}
