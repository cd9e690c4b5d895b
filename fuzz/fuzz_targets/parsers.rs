//! The engine's parsers, each on its own: the first byte picks the parser, the rest is its input
//! (bytes that are not UTF-8 become U+FFFD). Every parser is public and must return, whatever
//! it is given, without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use why401_engine::{cookie, detect, headers, http, jose};

const NOW: i64 = 1_764_000_000;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    match which % 12 {
        // A HAR file.
        0 => {
            if let Ok(har) = http::har::parse(&text) {
                assert!(har.entries.iter().all(|e| e.time_ms.is_none_or(|t| t.is_finite() && t >= 0.0)));
            }
        }
        // Raw HTTP messages and `curl -v` transcripts.
        1 => {
            let (messages, _) = http::message::parse(&text);
            let _ = http::exchange::pair(&messages);
        }
        // A "Copy as cURL" command.
        2 => {
            let _ = http::curl::parse(&text);
        }
        // A "Copy as fetch" snippet.
        3 => {
            let _ = http::fetch::parse(&text);
        }
        // A `Set-Cookie` value, and what the engine says about it on its own.
        4 => {
            let set = cookie::parse_set_cookie(&text);
            let _ = http::replay::describe_set_cookie(&set);
            let _ = http::replay::attributes(&set);
            let _ = http::replay::standalone_findings(&set, NOW);
        }
        // A `Cookie` value.
        5 => {
            let (_, problems) = cookie::parse_cookie_header(&text);
            let _ = http::replay::cookie_header_findings(&problems);
        }
        // A cookie date (`Expires`).
        6 => {
            let _ = cookie::parse_cookie_date(&text);
        }
        // A `WWW-Authenticate` or `Proxy-Authenticate` value.
        7 => {
            let _ = headers::www_authenticate::parse(&text);
            let _ = headers::challenge::analyze(&text, which & 0x80 != 0);
        }
        // An `Authorization` value.
        8 => {
            let _ = headers::authorization::analyze(&text);
        }
        // A key: JWK, JWK Set, PEM or certificate.
        9 => {
            let _ = jose::key::parse(&text, "the fuzzed key");
        }
        // Token and header detection in free text.
        10 => {
            let _ = detect::detect(&text);
        }
        // A page origin, as given in the settings.
        _ => {
            let _ = why401_engine::cors::normalize_origin(&text);
            let _ = why401_engine::cors::origin_of(&text);
        }
    }
});
