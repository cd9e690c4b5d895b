//! AWS Signature Version 4 against AWS's published test suite (`tests/data/aws4_testsuite/`, see
//! its `SOURCES.md`): each signed request is read as pasted, its canonical request and string
//! to sign are rebuilt and compared with the suite's, and the whole engine, given the suite's
//! secret, must find the signature right and report no error.

use why401_engine::http::message;
use why401_engine::schemes::sigv4;
use why401_engine::{inspect, Context, Severity};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/aws4_testsuite");
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// 2015-08-30 12:36:00 UTC, the suite's signing time.
const NOW: i64 = 1_440_938_160;

/// Cases the engine does not take as the suite writes them, with the reason.
const EXCLUDED: &[(&str, &str)] =
    &[("get-space", "the request line has a raw space in its path (`GET /example space/ HTTP/1.1`): no HTTP/1.1 parser reads it as one request line")];

fn read(name: &str, ext: &str) -> Option<String> {
    std::fs::read_to_string(format!("{DIR}/{name}.{ext}")).ok()
}

/// The suite's signed request with its `Authorization` value replaced by the suite's `.authz`.
fn signed(sreq: &str, authz: &str) -> String {
    sreq.split('\n')
        .map(|l| if l.starts_with("Authorization:") { format!("Authorization: {}", authz.trim()) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .expect("the suite is in tests/data")
        .filter_map(|e| e.ok()?.path().file_name()?.to_str()?.strip_suffix(".req").map(str::to_string))
        .collect();
    names.sort();
    names
}

#[test]
fn published_suite_canonical_requests_and_signatures() {
    let ctx = Context::new(NOW).with_aws_secret(SECRET);
    let mut passed = 0;
    let mut failures = Vec::new();
    let all = cases();
    for name in &all {
        if EXCLUDED.iter().any(|(n, _)| n == name) {
            continue;
        }
        // The suite's `Authorization` value (`.authz`) replaces the one in its signed request:
        // `.sreq` files were not always signed again when a case changed
        // (`get-vanilla-with-session-token.sreq` carries the signature of `get-vanilla`).
        let (Some(sreq), Some(authz), Some(creq), Some(sts)) = (read(name, "sreq"), read(name, "authz"), read(name, "creq"), read(name, "sts")) else {
            failures.push(format!("{name}: a file of the case is missing"));
            continue;
        };
        let sreq = signed(&sreq, &authz);
        let (messages, _) = message::parse(&sreq);
        let Some(request) = messages.first() else {
            failures.push(format!("{name}: not read as a request"));
            continue;
        };
        match sigv4::rebuild(request) {
            Some((c, s)) if c == creq && s == sts => {}
            Some((c, s)) => {
                failures.push(format!("{name}: canonical request\n{c}\n--- want\n{creq}\n--- string to sign\n{s}\n--- want\n{sts}"));
                continue;
            }
            None => {
                failures.push(format!("{name}: not read as a signed request"));
                continue;
            }
        }
        let report = inspect(&sreq, &ctx);
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
        let errors = report.findings.iter().any(|f| f.severity == Severity::Error);
        if !codes.contains(&"AWS017") || errors {
            failures.push(format!("{name}: findings {codes:?}"));
            continue;
        }
        passed += 1;
    }
    let excluded: Vec<String> = EXCLUDED.iter().map(|(n, why)| format!("{n}: {why}")).collect();
    println!("{passed} of {} suite cases pass; excluded:\n{}", all.len(), excluded.join("\n"));
    assert!(EXCLUDED.iter().all(|(n, _)| all.iter().any(|a| a == n)), "an excluded case is not in the suite");
    assert!(passed + EXCLUDED.len() == all.len() && passed >= 33, "{passed} of {} pass:\n{}", all.len(), failures.join("\n\n"));
}

#[test]
fn published_suite_signature_changed_is_refused() {
    // One character of the signature changed: the recomputed one no longer matches.
    let ctx = Context::new(NOW).with_aws_secret(SECRET);
    let sreq = signed(&read("get-vanilla", "sreq").expect("get-vanilla is in the suite"), &read("get-vanilla", "authz").expect("get-vanilla is in the suite"));
    let changed = sreq.replace(
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf32",
    );
    assert_ne!(sreq, changed, "the suite's signature is the one expected here");
    let codes: Vec<&str> = inspect(&changed, &ctx).findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["AWS016"]);
}

#[test]
fn the_secret_never_appears_in_any_output() {
    let sreq = read("post-sts-header-before", "sreq").expect("post-sts-header-before is in the suite");
    let token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI";
    let signature = "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead";
    assert!(sreq.contains(token) && sreq.contains(signature), "the case carries both");
    // A correct secret, and one that does not verify (whose message quotes the canonical request).
    for secret in [SECRET, "another-secret-that-does-not-verify/XYZ"] {
        let report = inspect(&sreq, &Context::new(NOW).with_aws_secret(secret));
        let json = serde_json::to_string(&report.to_json(false).expect("a report serialises")).expect("JSON");
        let revealed = serde_json::to_string(&report.to_json(true).expect("a report serialises")).expect("JSON");
        let markdown = why401_engine::markdown::render(&report, &why401_engine::markdown::Environment::default());
        for (what, text) in [("JSON", &json), ("revealed JSON", &revealed), ("Markdown", &markdown)] {
            assert!(!text.contains(secret), "{what} shows the secret");
        }
        for (what, text) in [("JSON", &json), ("Markdown", &markdown)] {
            assert!(!text.contains(token), "{what} shows the session token");
            assert!(!text.contains(signature), "{what} shows the signature");
        }
    }
}
