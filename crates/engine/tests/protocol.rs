//! The page's worker protocol is defined once, in `why401_engine::transfer::message`; the boot
//! script (static/boot.js) repeats its names in two frozen objects at its top. This checks that
//! the script's lists are exactly the engine's.

use std::collections::BTreeMap;
use why401_engine::transfer::message;

fn boot_js() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/boot.js")).expect("static/boot.js is readable")
}

/// The `NAME: 'value'` members of `const <name> = Object.freeze({ … });` in the script.
fn frozen(script: &str, name: &str) -> BTreeMap<String, String> {
    let opening = format!("const {name} = Object.freeze({{");
    let start = script.find(&opening).unwrap_or_else(|| panic!("static/boot.js has no `{opening}`")) + opening.len();
    let body = &script[start..];
    let body = &body[..body.find("})").unwrap_or_else(|| panic!("`{name}` in static/boot.js is not closed"))];
    body.split(',')
        .map(str::trim)
        .filter(|member| !member.is_empty())
        .map(|member| {
            let (key, value) = member.split_once(':').unwrap_or_else(|| panic!("`{member}` in `{name}` is not `NAME: 'value'`"));
            let value = value.trim();
            assert!(value.len() >= 2 && value.starts_with('\'') && value.ends_with('\''), "`{member}` in `{name}`: the value is not a quoted string");
            (key.trim().to_string(), value[1..value.len() - 1].to_string())
        })
        .collect()
}

fn expected(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn boot_js_names_the_message_kinds_the_engine_defines() {
    assert_eq!(frozen(&boot_js(), "MESSAGE"), expected(message::KINDS));
}

#[test]
fn boot_js_names_the_request_keys_the_engine_defines() {
    assert_eq!(frozen(&boot_js(), "REQUEST"), expected(message::REQUESTS));
}

#[test]
fn boot_js_writes_no_kind_outside_its_lists() {
    // Past the two objects every kind and key is written through them: a kind compared with or
    // given as a message's `type`, or a request key, written out would be a second definition.
    let script = boot_js();
    let rest = &script[script.find("const REQUEST = Object.freeze({").expect("REQUEST is defined")..];
    let rest = &rest[rest.find("})").expect("REQUEST is closed")..];
    for (_, kind) in message::KINDS {
        for quote in ['\'', '"', '`'] {
            for written in [format!("type: {quote}{kind}{quote}"), format!("type === {quote}{kind}{quote}"), format!("type !== {quote}{kind}{quote}")] {
                assert!(!rest.contains(&written), "static/boot.js writes `{written}` outside `MESSAGE`");
            }
        }
    }
    for (_, key) in message::REQUESTS {
        assert!(!rest.contains(key), "static/boot.js writes `{key}` outside `REQUEST`");
    }
}
