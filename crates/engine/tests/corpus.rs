//! Real pastes from public threads whose cause was confirmed (`tests/corpus/pastes`), and texts
//! that are not failures (`tests/corpus/precision`). Each paste names the checklist step of its
//! confirmed cause; the suite counts how many light that step and fails below its bar. Each
//! precision text must fail no step.

use std::path::Path;
use why401_engine::{inspect, Context};

/// The time the corpus is read at: 2026-12-01 00:00 UTC (its captures are older).
const NOW: i64 = 1_796_083_200;
/// At least this many pastes, and this share of them lighting their step: a floor under what
/// the engine reaches today (see docs/status.md), raised as the catalogue and readers grow.
const PASTES_BAR: usize = 175;
const LIT_BAR: f64 = 0.68;
const PRECISION_BAR: usize = 85;

/// Precision texts that still fail a step, with the reason.
const PRECISION_EXCLUDED: &[(&str, &str)] = &[(
    "a-auth0-docs-golang-issuer-slash-pr",
    "a fix that quotes the error it fixes (\"invalid issuer claim (iss)\"): the text is evidence of that failure, not prose about it",
)];

struct Case {
    name: String,
    source: String,
    step: String,
    text: String,
}

fn read(dir: &str) -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(dir);
    let mut cases = Vec::new();
    let Ok(listing) = std::fs::read_dir(&dir) else { return cases };
    let mut paths: Vec<_> = listing.filter_map(|f| f.ok().map(|f| f.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    paths.sort();
    for path in paths {
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let raw = raw.replace("\r\n", "\n");
        let (head, text) = raw.split_once("\n---\n").unwrap_or_else(|| panic!("{}: no `---` line", path.display()));
        let field = |name: &str| head.lines().find_map(|l| l.strip_prefix(&format!("{name}: "))).map(str::trim).unwrap_or("").to_string();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(field("source").starts_with("https://"), "{name}: no source address");
        cases.push(Case { name, source: field("source"), step: field("step"), text: text.to_string() });
    }
    cases
}

#[test]
fn real_pastes_light_the_step_of_their_confirmed_cause() {
    let cases = read("pastes");
    let mut lit = 0;
    let mut first = 0;
    let mut missed = Vec::new();
    for case in &cases {
        let report = inspect(&case.text, &Context::new(NOW));
        let status = report.checklist.iter().find(|e| e.id.as_str() == case.step).map(|e| e.status.as_str());
        assert!(status.is_some(), "{}: unknown step {}", case.name, case.step);
        if matches!(status, Some("fail" | "warn")) {
            lit += 1;
            if report.checklist.first().is_some_and(|e| e.id.as_str() == case.step && e.most_likely.is_some()) {
                first += 1;
            }
        } else {
            let shown: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
            missed.push(format!("{} ({}): {} is {status:?}; findings {shown:?} [{}]", case.name, case.step, case.step, case.source));
        }
    }
    let share = if cases.is_empty() { 0.0 } else { lit as f64 / cases.len() as f64 };
    println!("{lit} of {} real pastes light the step of their confirmed cause ({:.0}%); {first} name it the most likely cause", cases.len(), share * 100.0);
    for m in &missed {
        println!("  not lit: {m}");
    }
    assert!(cases.len() >= PASTES_BAR, "{} pastes, the bar is {PASTES_BAR}", cases.len());
    assert!(share >= LIT_BAR, "{:.0}% lit, the bar is {:.0}%", share * 100.0, LIT_BAR * 100.0);
}

#[test]
fn texts_that_are_not_failures_fail_no_step() {
    let cases = read("precision");
    let mut wrong = Vec::new();
    for case in &cases {
        let report = inspect(&case.text, &Context::new(NOW));
        let failed: Vec<&str> = report.checklist.iter().filter(|e| e.status.as_str() == "fail").map(|e| e.id.as_str()).collect();
        let excluded = PRECISION_EXCLUDED.iter().any(|(n, _)| *n == case.name);
        if !failed.is_empty() && !excluded {
            let shown: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
            wrong.push(format!("{}: fails {failed:?} with {shown:?} [{}]", case.name, case.source));
        }
    }
    println!("{} of {} precision texts fail no step ({} excluded with reasons)", cases.len() - wrong.len(), cases.len(), PRECISION_EXCLUDED.len());
    assert!(cases.len() >= PRECISION_BAR, "{} precision texts, the bar is {PRECISION_BAR}", cases.len());
    assert!(wrong.is_empty(), "texts that are not failures fail a step:\n{}", wrong.join("\n"));
}
