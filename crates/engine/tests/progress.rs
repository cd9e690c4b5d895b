//! Progress of a long analysis: what the page's worker shows while a large HAR file is read.

use why401_engine::jose::verify::RustCrypto;
use why401_engine::{inspect_with, inspect_with_progress, Context, Progress};

fn har(count: usize) -> String {
    let entries: Vec<String> = (0..count)
        .map(|i| {
            let status = if i + 1 == count { 401 } else { 200 };
            format!(
                r#"{{"startedDateTime":"2026-11-25T10:00:00.000Z","time":5,"request":{{"method":"GET","url":"https://api.example.com/items/{i}","headers":[]}},"response":{{"status":{status},"headers":[]}}}}"#
            )
        })
        .collect();
    format!(r#"{{"log":{{"version":"1.2","entries":[{}]}}}}"#, entries.join(","))
}

#[test]
fn a_har_file_reports_each_entry_read_then_checked_in_order() {
    let text = har(40);
    let ctx = Context::new(1_764_064_800);
    let mut seen: Vec<Progress> = Vec::new();
    let report = inspect_with_progress(&text, &ctx, &RustCrypto, &mut |p| seen.push(p));
    assert_eq!(report.exchanges.len(), 40);
    assert_eq!(seen.len(), 80, "one step per entry read and one per entry checked");
    assert!(seen.iter().all(|p| p.total == 80 && p.done < p.total));
    assert!(seen.windows(2).all(|w| w[1].done == w[0].done + 1), "steps come in order: {seen:?}");
    assert_eq!(seen.first().map(|p| p.done), Some(0));
    // Reporting progress changes nothing in the report.
    assert_eq!(report, inspect_with(&text, &ctx, &RustCrypto));
}

#[test]
fn other_inputs_and_broken_files_report_no_progress() {
    let ctx = Context::new(1_764_064_800);
    for text in ["", "Authorization: Bearer abc", "GET / HTTP/1.1\nHost: a\n\nHTTP/1.1 401 Unauthorized\n", r#"{"log": [1, 2]}"#] {
        let mut calls = 0;
        inspect_with_progress(text, &ctx, &RustCrypto, &mut |_| calls += 1);
        assert_eq!(calls, 0, "{text:?}");
    }
}
