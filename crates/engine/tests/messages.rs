//! The catalogue of known messages (`data/messages/*.json`): it loads, every pattern compiles,
//! every entry's own example is recognised as its cause, and it is as large as promised.

use std::collections::BTreeSet;
use why401_engine::logs::{self, catalogue::Catalogue};

/// An entry as written in the data files, with the members the engine is built without.
#[derive(serde::Deserialize)]
struct Written {
    id: String,
    example: String,
    source: String,
}

/// Every entry of the data files, in the order of the engine's catalogue.
fn written() -> Vec<Written> {
    logs::catalogue::FILES
        .iter()
        .flat_map(|(name, _)| {
            let path = format!("{}/data/messages/{name}.json", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|why| panic!("{path}: {why}"));
            serde_json::from_str::<Vec<Written>>(&text).unwrap_or_else(|why| panic!("{path}: {why}"))
        })
        .collect()
}

/// At least this many entries from at least this many families.
const ENTRIES_BAR: usize = 300;
const FAMILIES_BAR: usize = 40;

#[test]
fn the_catalogue_loads_and_meets_its_bar() {
    let catalogue = Catalogue::get();
    assert!(catalogue.broken.is_empty(), "{:?}", catalogue.broken);
    let families: BTreeSet<&str> = catalogue.entries.iter().map(|e| e.family.as_str()).collect();
    println!("{} catalogue entries from {} families", catalogue.entries.len(), families.len());
    assert!(catalogue.entries.len() >= ENTRIES_BAR, "{} entries, the bar is {ENTRIES_BAR}", catalogue.entries.len());
    assert!(families.len() >= FAMILIES_BAR, "{} families, the bar is {FAMILIES_BAR}: {families:?}", families.len());
    let mut ids = BTreeSet::new();
    let written = written();
    assert_eq!(written.len(), catalogue.entries.len(), "the engine carries every entry of the data files");
    for (e, w) in catalogue.entries.iter().zip(&written) {
        assert_eq!(e.id, w.id, "the engine's entries are the data files' entries, in order");
        assert!(ids.insert(e.id.as_str()), "id {} twice", e.id);
        assert!(w.source.starts_with("https://"), "{}: source {}", e.id, w.source);
        assert!(e.anchor.chars().count() >= 6, "{}: anchor {:?} is too short to be distinctive", e.id, e.anchor);
    }
}

#[test]
fn every_pattern_compiles() {
    let catalogue = Catalogue::get();
    let broken: Vec<&str> = (0..catalogue.entries.len()).filter(|i| catalogue.regex(*i).is_none()).map(|i| catalogue.entries[i].id.as_str()).collect();
    assert!(broken.is_empty(), "patterns that do not compile: {broken:?}");
}

#[test]
fn every_example_is_recognised_as_its_cause() {
    let catalogue = Catalogue::get();
    let mut missed = Vec::new();
    for (e, w) in catalogue.entries.iter().zip(written()) {
        let (found, _) = logs::scan(&w.example);
        if !found.iter().any(|r| r.cause() == Some(e.cause)) {
            let got: Vec<String> = found.iter().map(|r| format!("{:?}", r.cause())).collect();
            missed.push(format!("{} ({:?}): got {got:?}", e.id, e.cause));
        }
    }
    println!("{} of {} examples recognised as their cause", catalogue.entries.len() - missed.len(), catalogue.entries.len());
    assert!(missed.is_empty(), "examples not recognised as their cause:\n{}", missed.join("\n"));
}

#[test]
fn every_data_file_is_listed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/messages");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|f| {
            let path = f.ok()?.path();
            (path.extension()? == "json").then(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))?
        })
        .collect();
    on_disk.sort();
    let listed: Vec<String> = logs::catalogue::FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, listed, "list every catalogue file in logs/catalogue.rs");
}

#[test]
fn facts_in_messages_are_read() {
    // The server's own times give the expiry verdict; its expected audience runs the check.
    let line = r#"WWW-Authenticate: Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Jwt expired at 2025-11-24T15:00:00Z""#;
    let (found, _) = logs::scan(line);
    let finding = found.iter().find_map(|r| logs::finding(r, 1_764_000_000)).expect("Spring's message is recognised");
    assert_eq!(finding.code.as_str(), "MSG001");
    assert!(finding.message.contains("`exp` was 2025-11-24 15:00:00 UTC (1 h ago)"), "{}", finding.message);
    let line = r#"FirebaseAuthError: Firebase ID token has incorrect "aud" (audience) claim. Expected "my-project" but got "other-project"."#;
    let (found, _) = logs::scan(line);
    assert_eq!(logs::expected(&found).audiences, ["my-project"], "the expected audience is read");
}

#[test]
fn a_long_log_is_read_in_one_pass_without_noise() {
    // A healthy line repeated 50,000 times and one failure: one finding, its line, its count.
    let mut log = "2025-11-24T16:00:00Z INFO request GET /v1/items 200 12ms\n".repeat(50_000);
    log.push_str("2025-11-24T16:00:01Z ERROR auth com.nimbusds.jwt.proc.BadJWTException: Expired JWT\n");
    log.push_str("2025-11-24T16:00:02Z ERROR auth com.nimbusds.jwt.proc.BadJWTException: Expired JWT\n");
    let (found, dropped) = logs::scan(&log);
    assert_eq!(dropped, 0);
    let expired: Vec<_> = found.iter().filter(|r| r.cause() == Some(logs::catalogue::Cause::TokenExpired)).collect();
    assert_eq!(expired.len(), 1, "{found:?}");
    assert_eq!(expired[0].line, 50_001);
    assert_eq!(expired[0].repeats, 1);
}

#[test]
fn a_message_and_the_challenge_that_repeats_it_are_one_finding() {
    let paste = "2025-11-24 15:58:02 WARN Bearer was not authenticated. Failure message: Jwt expired at 2025-11-24T15:00:00Z\n< HTTP/1.1 401 Unauthorized\n< www-authenticate: Bearer error=\"invalid_token\", error_description=\"An error occurred while attempting to decode the Jwt: Jwt expired at 2025-11-24T15:00:00Z\"\n";
    let report = why401_engine::inspect(paste, &why401_engine::Context::new(1_764_000_000));
    let expired = report.findings.iter().filter(|f| f.code.as_str() == "MSG001").count();
    assert_eq!(expired, 1, "{:?}", report.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
}

#[test]
fn an_anchor_repeated_on_one_huge_line_is_looked_at_a_bounded_number_of_times() {
    // Ten megabytes of one anchor with no message around it: read, nothing found, no hang.
    let line = "Unauthorized ".repeat(800_000);
    let (found, _) = logs::scan(&line);
    assert!(found.iter().all(|r| r.line == 1), "{found:?}");
}

#[test]
fn masked_values_in_a_message_are_not_compared_or_expected() {
    // Audiences the user masked (`axxx`) say nothing about the token, and set no expectation.
    let line = "IDX10214: Audience validation failed. Audiences: 'axxx'. Did not match: validationParameters.ValidAudience: 'axxx' or validationParameters.ValidAudiences: 'null'.";
    let (found, _) = logs::scan(line);
    let finding = found.iter().find_map(|r| logs::finding(r, 0)).expect("IDX10214 is recognised");
    assert_eq!(finding.code.as_str(), "MSG006");
    assert!(finding.message.contains("masked before pasting"), "{}", finding.message);
    assert!(!finding.message.contains("it expects"), "{}", finding.message);
    assert!(logs::expected(&found).audiences.is_empty());
}
