//! The whole engine on arbitrary bytes, read the way the command line reads a file (bytes that
//! are not UTF-8 become U+FFFD): the report must come back, serialise to JSON and render as the
//! Markdown incident report, without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use why401_engine::markdown::{render, Environment};
use why401_engine::{inspect, Context};

/// Mon, 24 Nov 2025 16:00:00 GMT: a fixed clock keeps every run reproducible.
const NOW: i64 = 1_764_000_000;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = inspect(&text, &Context::new(NOW));
    let json = serde_json::to_string(&report).expect("the report serialises");
    assert!(json.starts_with(r#"{"schema":"why401.report/1""#), "{json}");
    let markdown = render(&report, &Environment::default());
    assert!(markdown.starts_with("# 401 incident report\n"));
});
