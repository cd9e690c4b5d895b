//! The engine's decoding and checking tests again, compiled to WebAssembly and run in headless
//! Chromium (`make test-wasm`), so the page's engine is proven where it runs. Natively this file
//! is empty: the same cases run there through `crates/engine/tests`.
#![cfg(target_arch = "wasm32")]

#[path = "../crates/engine/tests/support/mod.rs"]
mod support;

use wasm_bindgen_test::*;
use why401_engine::jwt::segment::{decode, Deviation, Undecodable};
use why401_engine::{inspect, timefmt, Context, Secret};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_fixture_gives_the_expected_report() {
    match support::check_all() {
        Ok(count) => assert!(count >= 38, "only {count} fixtures ran"),
        Err(problems) => panic!("fixture mismatches under wasm:\n{problems}"),
    }
}

#[wasm_bindgen_test]
fn base64url_decoding_is_strict() {
    assert_eq!(decode("eyJhbGciOiJIUzI1NiJ9"), Ok((br#"{"alg":"HS256"}"#.to_vec(), vec![])));
    assert_eq!(decode("YQ=="), Ok((b"a".to_vec(), vec![Deviation::Padding])));
    assert_eq!(decode("_+8"), Ok((vec![0xff, 0xef], vec![Deviation::StandardAlphabet { ch: '+', at: 1 }])));
    assert_eq!(decode("YR"), Ok((b"a".to_vec(), vec![Deviation::TrailingBits])));
    assert_eq!(decode("ab%c"), Err(Undecodable::InvalidChar { ch: '%', at: 2 }));
    assert_eq!(decode("abcde"), Err(Undecodable::Length(5)));
}

#[wasm_bindgen_test]
fn dates_and_durations_format_the_same_as_natively() {
    assert_eq!(timefmt::utc(1_764_000_000).as_deref(), Some("2025-11-24 16:00:00 UTC"));
    assert_eq!(timefmt::local(0, 60).as_deref(), Some("1970-01-01 01:00:00 UTC+01:00"));
    assert_eq!(timefmt::relative(0, 8040), "2 h 14 min ago");
    assert_eq!(timefmt::utc(i64::MAX), None);
}

#[wasm_bindgen_test]
fn secrets_stay_redacted() {
    let secret = Secret::new("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
    assert!(!serde_json::to_string(&secret).unwrap().contains("eyJzdWIiOiIxIn0"));
    assert!(Secret::new("hunter2").redacted().starts_with("sha256:"));
}

#[wasm_bindgen_test]
fn hostile_input_never_panics() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let token = format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", base64_url(&deep));
    let report = inspect(&token, &Context::new(1_764_000_000));
    assert!(report.findings.iter().any(|f| f.code.as_str() == "JWT015"));
    for input in ["\0", "eyJ.eyJ.eyJ", "Authorization: Bearer", &"a.".repeat(50_000)] {
        serde_json::to_string(&inspect(input, &Context::new(0))).unwrap();
    }
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}
