//! Bad and hostile input: every case yields a report with clear findings, never a panic.

use proptest::prelude::*;
use why401_engine::{inspect, Context, Secret, MAX_INPUT_BYTES, MAX_TOKENS};

const NOW: i64 = 1_764_000_000;

fn codes(input: &str) -> Vec<&'static str> {
    inspect(input, &Context::new(NOW)).findings.iter().map(|f| f.code.as_str()).collect()
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn input_over_the_limit_gets_one_clear_finding() {
    let huge = "a".repeat(MAX_INPUT_BYTES + 1);
    let report = inspect(&huge, &Context::new(NOW));
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].code.as_str(), "IN001");
    assert!(report.findings[0].message.contains("the limit is 64 MB"), "{}", report.findings[0].message);
}

#[test]
fn one_megabyte_token_is_decoded() {
    let payload = format!(r#"{{"exp":{},"blob":"{}"}}"#, NOW + 60 * 60, "x".repeat(1 << 20));
    let token = format!("{}.{}.c2ln", b64(br#"{"alg":"HS256"}"#), b64(payload.as_bytes()));
    let report = inspect(&token, &Context::new(NOW));
    assert_eq!(report.tokens.len(), 1);
    assert_eq!(report.tokens[0].checks.exp.status.as_str(), "pass");
    assert_eq!(codes(&token), ["JWT024"]);
}

#[test]
fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let header = format!(r#"{{"alg":"HS256","x":{deep}}}"#);
    let token = format!("{}.{}.c2ln", b64(header.as_bytes()), b64(deep.as_bytes()));
    let found = codes(&token);
    assert_eq!(found, ["JWT024", "JWT015", "JWT015"], "{found:?}");
}

#[test]
fn too_many_tokens_are_capped() {
    let text: String =
        (0..MAX_TOKENS + 5).map(|i| format!("{}.{}.c2ln ", b64(br#"{"alg":"HS256"}"#), b64(format!(r#"{{"n":{i},"exp":{}}}"#, NOW + 60).as_bytes()))).collect();
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.tokens.len(), MAX_TOKENS);
    assert!(report.findings.iter().any(|f| f.code.as_str() == "IN003"));
}

#[test]
fn nul_bytes_and_control_characters_are_harmless() {
    for input in ["\0", "eyJ\0.\0.\0", "Authorization: Bearer \0\0", "\u{1b}[31meyJhbGciOiJub25lIn0.e30.\u{1b}[0m", "\u{feff}eyJ.eyJ.x"] {
        let report = inspect(input, &Context::new(NOW));
        serde_json::to_string(&report).unwrap();
    }
}

fn json_text(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_gives_a_serialisable_report(input in ".{0,400}") {
        let report = inspect(&input, &Context::new(NOW));
        let json = serde_json::to_value(&report).unwrap();
        prop_assert_eq!(json["schema"].as_str(), Some("why401.report/1"));
        prop_assert_eq!(report.checklist.len(), 23);
        // Re-serialising the serialised form gives the same text.
        let again: serde_json::Value = serde_json::from_str(&json_text(&json)).unwrap();
        prop_assert_eq!(again, json);
    }

    #[test]
    fn http_shaped_text_never_panics(pieces in proptest::collection::vec(prop_oneof![
        Just("GET /x HTTP/1.1".to_string()).boxed(), Just("HTTP/1.1 401 Unauthorized".to_string()).boxed(), Just("HTTP/2 302".to_string()).boxed(), Just("> ".to_string()).boxed(), Just("< ".to_string()).boxed(), Just("* ".to_string()).boxed(),
        Just(":method: GET".to_string()).boxed(), Just(":status: 401".to_string()).boxed(), Just("WWW-Authenticate: Bearer realm=\"a, b\", error=".to_string()).boxed(),
        Just("Proxy-Authenticate: ".to_string()).boxed(), Just("Authorization: Basic ".to_string()).boxed(), Just("Authorization: Bearer eyJ.eyJ.".to_string()).boxed(), Just("Date: Mon, 24 Nov 2025 16:00:00 GMT".to_string()).boxed(),
        Just("curl '".to_string()).boxed(), Just("curl ^\"https://a^\" ^".to_string()).boxed(), Just(" -H 'authorization: ".to_string()).boxed(), Just("fetch(\"https://a\", {\"headers\": {".to_string()).boxed(),
        Just("\"".to_string()).boxed(), Just("'".to_string()).boxed(), Just("\\".to_string()).boxed(), Just("{".to_string()).boxed(), Just("}".to_string()).boxed(), Just(",".to_string()).boxed(), Just("=".to_string()).boxed(), Just("\n".to_string()).boxed(), Just("\r\n".to_string()).boxed(), Just(" ".to_string()).boxed(), Just("\t".to_string()).boxed(),
        "[ -~]{0,12}".boxed(),
    ], 0..40)) {
        let text: String = pieces.concat();
        let report = inspect(&text, &Context::new(NOW));
        serde_json::to_string(&report).unwrap();
    }

    #[test]
    fn token_shaped_text_never_panics(parts in proptest::collection::vec("[A-Za-z0-9_+/=%-]{0,40}", 1..7), prefix in "(eyJ)?") {
        let token = format!("{prefix}{}", parts.join("."));
        let report = inspect(&token, &Context::new(NOW));
        serde_json::to_string(&report).unwrap();
    }

    #[test]
    fn any_time_claim_and_clock_never_panic(exp in any::<f64>(), now in any::<i64>(), skew in any::<u64>()) {
        let payload = serde_json::json!({ "exp": exp, "nbf": exp, "iat": exp });
        let token = format!("{}.{}.c2ln", b64(br#"{"alg":"HS256"}"#), b64(payload.to_string().as_bytes()));
        let report = inspect(&token, &Context::new(now).with_skew(skew));
        prop_assert_eq!(report.tokens.len(), 1);
    }

    #[test]
    fn redacted_forms_never_contain_the_secret(secret in "[A-Za-z0-9]{12,200}") {
        let s = Secret::new(secret.clone());
        let middle = &secret[6..secret.len() - 6];
        prop_assume!(middle.len() >= 6);
        prop_assert!(!s.redacted().contains(middle));
        let debug = format!("{:?}", s);
        prop_assert!(!debug.contains(middle));
        prop_assert!(!serde_json::to_string(&s).unwrap().contains(middle));
    }

    #[test]
    fn serialised_report_never_contains_the_whole_token(sig in "[A-Za-z0-9_-]{43}") {
        let token = format!("{}.{}.{sig}", b64(br#"{"alg":"HS256"}"#), b64(br#"{"exp":1}"#));
        let json = serde_json::to_string(&inspect(&format!("Authorization: Bearer {token}"), &Context::new(NOW))).unwrap();
        prop_assert!(!json.contains(&token));
        prop_assert!(!json.contains(&sig[6..37]));
    }
}

/// A HAR file of `count` entries, each with a body of `body` bytes; every 1000th is refused.
fn har(count: usize, body: usize) -> String {
    let text = "x".repeat(body);
    let entries: Vec<String> = (0..count)
        .map(|i| {
            let (status, challenge) = if i % 1000 == 999 { (401, r#",{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""}"#) } else { (200, "") };
            format!(
                r#"{{"startedDateTime":"2025-11-24T16:00:00.000Z","time":3,"request":{{"method":"GET","url":"https://api.example.com/items/{i}","headers":[{{"name":"authorization","value":"Bearer opaque-{}"}}]}},"response":{{"status":{status},"headers":[{{"name":"x-request-id","value":"r{i}"}}{challenge}],"content":{{"text":"{text}"}}}}}}"#,
                i % 7
            )
        })
        .collect();
    format!(r#"{{"log":{{"version":"1.2","entries":[{}]}}}}"#, entries.join(","))
}

#[test]
fn har_with_twenty_thousand_entries_is_listed_without_noise() {
    let report = inspect(&har(20_000, 0), &Context::new(NOW));
    assert_eq!(report.exchanges.len(), 20_000);
    assert_eq!(report.exchanges.iter().filter(|e| e.flag.is_some()).count(), 20);
    // Seven distinct Authorization values, one challenge: inputs are not repeated per entry.
    assert_eq!(report.inputs.len(), 1 + 7 + 1, "{:?}", report.inputs.iter().map(|i| &i.summary).collect::<Vec<_>>());
    // Request ids are reported for the refused entries only.
    assert_eq!(report.findings.iter().filter(|f| f.code.as_str() == "HTTP008").count(), 20);
}

#[test]
fn fifty_megabyte_har_is_read() {
    let text = har(500, 100_000);
    assert!(text.len() > 50_000_000 && text.len() < why401_engine::MAX_INPUT_BYTES);
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.inputs[0].summary, "HAR file with 500 entries, 0 answered 401, 403 or 407");
    assert_eq!(report.exchanges.len(), 500);
}

#[test]
fn megabyte_header_lines_are_read_and_judged() {
    let value = "a".repeat(1 << 20);
    let text = format!("GET /v1/me HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer {value}\nX-Padding: {value}\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"{value}\"\n");
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.exchanges.len(), 1);
    assert_eq!(report.exchanges[0].status, Some(401));
    let found: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(found.contains(&"JWT027"), "{found:?}");
    // A line that is not a header, a megabyte long, is reported in a short message.
    let garbage = format!("HTTP/1.1 401 Unauthorized\n{value}\n");
    let report = inspect(&garbage, &Context::new(NOW));
    let problem = report.findings.iter().find(|f| f.code.as_str() == "HTTP015").expect("HTTP015");
    assert!(problem.message.len() < 200, "{}", problem.message.len());
}

#[test]
fn truncated_and_binary_exchanges_are_harmless() {
    let full = "GET /v1/me HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer abc\r\n\r\nHTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"x\", error=\"invalid_token\"\r\n\r\n{}";
    for end in 0..full.len() {
        if full.is_char_boundary(end) {
            let report = inspect(&full[..end], &Context::new(NOW));
            serde_json::to_string(&report).unwrap();
        }
    }
    let binary: String = (0u8..=255).cycle().take(1 << 16).map(char::from).collect();
    serde_json::to_string(&inspect(&binary, &Context::new(NOW))).unwrap();
    let har_cut = &har(3, 10)[..200];
    assert_eq!(inspect(har_cut, &Context::new(NOW)).findings[0].code.as_str(), "HAR001");
}

/// An exchange pair: a response from `from` setting `set_cookies`, then a request to `to`
/// carrying `cookie` that gets a 401.
fn cookie_exchanges(from: &str, set_cookies: &[String], to: &str, cookie: &str) -> String {
    let host = |u: &str| u.split('/').nth(2).unwrap_or("").to_string();
    let mut text = format!("POST {from} HTTP/1.1\nHost: {}\n\nHTTP/1.1 200 OK\n", host(from));
    for line in set_cookies {
        text.push_str(&format!("Set-Cookie: {line}\n"));
    }
    text.push_str(&format!("\nGET {to} HTTP/1.1\nHost: {}\n", host(to)));
    if !cookie.is_empty() {
        text.push_str(&format!("Cookie: {cookie}\n"));
    }
    text.push_str("\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Cookie realm=\"app\"\n");
    text
}

#[test]
fn hundred_kilobyte_cookie_header_and_five_thousand_set_cookie_lines() {
    let lines: Vec<String> = (0..5000)
        .map(|i| match i % 4 {
            0 => format!("c{i}=v{i}; Path=/; Secure; SameSite=Lax"),
            1 => format!("c{i}=v; Expires=Wed, 31 Febtember 20x1 25:61:61 GMT; Secure"),
            2 => format!("c{i}=v; Max-Age=-{i}; Domain=example.com; Secure"),
            _ => format!("c{i}=v; SameSite=None"),
        })
        .collect();
    let cookie: String = (0..10_000).map(|i| format!("k{i}=v{i:04}")).collect::<Vec<_>>().join("; ");
    assert!(cookie.len() > 100_000);
    let text = cookie_exchanges("https://www.example.com/login", &lines, "https://www.example.com/api", &cookie);
    let report = inspect(&text, &Context::new(1_764_000_000));
    assert_eq!(report.exchanges.len(), 2);
    let expected = report.exchanges[1].cookies.expected.as_ref().expect("a browser would send cookies");
    // A browser keeps the newest cookies of a site (at most 180); the deleted and refused ones
    // never get in.
    assert!(expected.expose().contains("c4996=v4996"));
    assert!(!expected.expose().contains("c0=v0"), "the oldest were evicted");
    assert!(expected.expose().matches("; ").count() < why401_engine::cookie::MAX_PER_SITE);
    assert!(!expected.expose().contains("c3=v"), "SameSite=None without Secure is refused");
    let found: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    for code in ["COOK002", "COOK004", "COOK012", "COOK023"] {
        assert!(found.contains(&code), "{code} in {found:?}");
    }
    // One finding per distinct problem, not one per line.
    assert!(report.findings.len() < 50, "{} findings", report.findings.len());
    assert!(report.exchanges[1].cookies.sent.as_ref().is_some_and(|s| s.len() == cookie.len()));
}

#[test]
fn idn_ip_and_port_hosts_are_judged() {
    let ctx = Context::new(1_764_000_000);
    // A non-ASCII `Domain` is refused; the punycode one is accepted and sent.
    let text = cookie_exchanges(
        "https://b\u{fc}cher.example/login",
        &["a=1; Domain=b\u{fc}cher.example; Path=/; Secure; SameSite=Lax".into(), "b=2; Domain=xn--bcher-kva.example; Path=/; Secure; SameSite=Lax".into()],
        "https://shop.b\u{fc}cher.example/api",
        "",
    );
    let report = inspect(&text, &ctx);
    assert!(report.findings.iter().any(|f| f.code.as_str() == "COOK005" && f.message.contains("not ASCII")), "{:?}", report.findings);
    assert_eq!(report.exchanges[1].cookies.expected.as_ref().map(|s| s.expose().to_string()).as_deref(), Some("b=2"));
    // IP addresses: host-only cookies only, a `Domain` other than the address is refused.
    let text =
        cookie_exchanges("http://127.0.0.1:8080/login", &["sid=1; Path=/".into(), "bad=1; Domain=0.0.1; Path=/".into()], "http://127.0.0.1:9090/api", "");
    let report = inspect(&text, &ctx);
    assert!(report.findings.iter().any(|f| f.code.as_str() == "COOK005"), "{:?}", report.findings);
    assert_eq!(report.exchanges[1].cookies.expected.as_ref().map(|s| s.expose().to_string()).as_deref(), Some("sid=1"), "cookies ignore ports");
    let text = cookie_exchanges("http://[::1]:3000/login", &["sid=1; Path=/; Secure".into()], "http://[::1]:3000/api", "");
    let report = inspect(&text, &ctx);
    assert_eq!(report.exchanges[1].cookies.expected.as_ref().map(|s| s.expose().to_string()).as_deref(), Some("sid=1"), "loopback counts as secure");
}

/// The finding codes of a report, in order.
fn codes_of(report: &why401_engine::Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

/// How many findings of a report have `code`.
fn count(report: &why401_engine::Report, code: &str) -> usize {
    report.findings.iter().filter(|f| f.code.as_str() == code).count()
}

/// A JWT signed with RS256 whose `exp` is an hour before NOW, padded with a claim of `pad` bytes.
fn expired_token(pad: usize) -> String {
    let payload = format!(r#"{{"iss":"https://login.example.com/","aud":"api","exp":{},"pad":"{}"}}"#, NOW - 3600, "x".repeat(pad));
    format!("{}.{}.c2lnbmF0dXJl", b64(br#"{"alg":"RS256","kid":"k1"}"#), b64(payload.as_bytes()))
}

#[test]
fn json_nested_a_hundred_thousand_levels_in_a_har_file_is_refused_with_a_reason() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let wrappers = [
        // Inside one entry, next to a readable request.
        format!(r#"{{"log":{{"version":"1.2","entries":[{{"request":{{"method":"GET","url":"https://api.example.com/v1/me","headers":[]}},"_x":{deep}}}]}}}}"#),
        // As the entries themselves.
        format!(r#"{{"log":{{"version":"1.2","entries":{deep}}}}}"#),
        // Objects all the way down from `log`.
        format!("{}1{}", r#"{"log":"#.repeat(100_000), "}".repeat(100_000)),
    ];
    for text in &wrappers {
        let report = inspect(text, &Context::new(NOW));
        assert_eq!(report.inputs.len(), 1);
        assert_eq!(report.inputs[0].kind.as_str(), "har");
        assert_eq!(codes_of(&report), ["HAR001"], "{:?}", report.findings);
        assert!(report.findings[0].message.starts_with("The HAR file cannot be read: "), "{}", report.findings[0].message);
        assert!(report.findings[0].message.len() < 200, "{}", report.findings[0].message);
        assert!(report.exchanges.is_empty());
    }
    // The same nesting as the whole input, with no `log`: plain text with nothing in it.
    let report = inspect(&deep, &Context::new(NOW));
    assert_eq!(codes_of(&report), ["IN002"]);
    assert!(report.findings[0].message.contains("200000 characters"), "{}", report.findings[0].message);
    // As the bodies of a readable entry: the bodies are text, the exchange is still diagnosed.
    let body = serde_json::to_string(&deep).unwrap();
    let text = format!(
        r#"{{"log":{{"entries":[{{"request":{{"method":"POST","url":"https://api.example.com/v1/orders","headers":[{{"name":"authorization","value":"Bearer {}"}}],"postData":{{"mimeType":"application/json","text":{body}}}}},"response":{{"status":401,"headers":[{{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""}}],"content":{{"text":{body}}}}}}}]}}}}"#,
        expired_token(0)
    );
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.exchanges.len(), 1);
    assert_eq!(report.exchanges[0].status, Some(401));
    assert_eq!(report.tokens.len(), 1);
    let found = codes_of(&report);
    assert!(found.contains(&"JWT001") && found.contains(&"WWW002"), "{found:?}");
    // As the options object of a `fetch` call: named as not JSON, the call itself still read.
    let text = format!(r#"fetch("https://api.example.com/v1/me", {{"headers": {{"authorization": "Bearer x"}}, "body": {deep}}});"#);
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.exchanges.len(), 1);
    let problem = report.findings.iter().find(|f| f.code.as_str() == "HTTP016").expect("HTTP016");
    assert!(problem.message.contains("not JSON"), "{}", problem.message);
}

#[test]
fn har_repeating_one_huge_header_value_thousands_of_times_is_read_once() {
    // Each of 3,000 refused entries resends the same 4 KB token in two headers: about 25 MB.
    let token = expired_token(3000);
    let entry = format!(
        r#"{{"startedDateTime":"2025-11-24T16:00:00.000Z","time":5,"request":{{"method":"GET","url":"https://api.example.com/v1/me","headers":[{{"name":"authorization","value":"Bearer {token}"}},{{"name":"x-trace","value":"{token}"}}]}},"response":{{"status":401,"headers":[{{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""}}]}}}}"#
    );
    let text = format!(r#"{{"log":{{"version":"1.2","entries":[{}]}}}}"#, vec![entry; 3000].join(","));
    assert!(text.len() > 20_000_000 && text.len() < 30_000_000, "{}", text.len());
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.inputs[0].summary, "HAR file with 3000 entries, 3000 answered 401, 403 or 407");
    assert_eq!(report.exchanges.len(), 3000);
    assert!(report.exchanges.iter().all(|e| e.status == Some(401)));
    // One token, one header, one challenge: each is decoded and judged once.
    assert_eq!(report.tokens.len(), 1);
    assert_eq!(report.inputs.len(), 3, "{:?}", report.inputs.iter().map(|i| &i.summary).collect::<Vec<_>>());
    assert_eq!(count(&report, "JWT001"), 1);
    assert_eq!(count(&report, "WWW002"), 1);
    assert!(report.findings.len() < 10, "{:?}", codes_of(&report));
}

#[test]
fn json_with_two_hundred_thousand_keys_and_very_wide_arrays() {
    let keys: String = (0..200_000).map(|i| format!(r#""k{i}":{i}"#)).collect::<Vec<_>>().join(",");
    let wide: String = (0..200_000).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    // Not a HAR file (no `log`): plain text with nothing recognised.
    for text in [format!("{{{keys}}}"), format!("[{wide}]")] {
        let report = inspect(&text, &Context::new(NOW));
        assert_eq!(codes_of(&report), ["IN002"]);
    }
    // A HAR file whose `log` carries 200,000 extra keys and a 200,000-item array, and whose one
    // entry has 100,000 request headers before the one that matters.
    let headers: String = (0..100_000).map(|i| format!(r#"{{"name":"x-h{i}","value":"v{i}"}},"#)).collect();
    let text = format!(
        r#"{{"log":{{"_keys":{{{keys}}},"_wide":[{wide}],"entries":[{{"request":{{"method":"GET","url":"https://api.example.com/v1/me","headers":[{headers}{{"name":"authorization","value":"Bearer {}"}}]}},"response":{{"status":401,"headers":[{{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""}}]}}}}]}}}}"#,
        expired_token(0)
    );
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.exchanges.len(), 1);
    assert_eq!(report.tokens.len(), 1);
    assert_eq!(codes_of(&report).iter().filter(|c| **c == "JWT001").count(), 1, "{:?}", codes_of(&report));
    // A `fetch` call with 100,000 headers: each header's line is found in one pass over the text.
    let fetch_headers: String = (0..100_000).map(|i| format!("\n    \"x-h{i}\": \"v{i}\",")).collect();
    let text = format!(
        "fetch(\"https://api.example.com/v1/me\", {{\n  \"headers\": {{{fetch_headers}\n    \"authorization\": \"Bearer {}\"\n  }},\n  \"method\": \"GET\"\n}});",
        expired_token(0)
    );
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.exchanges.len(), 1);
    assert_eq!(report.tokens.len(), 1);
    assert!(codes_of(&report).contains(&"JWT001"));
    assert_eq!(report.inputs[1].line, 100_003, "the `authorization` line: {:?}", report.inputs[1]);
    // A raw request repeating `Authorization` 50,000 times: each value is judged once.
    let repeated: String = (0..50_000).map(|i| format!("Authorization: Bearer opaque-{i}\n")).collect();
    let text = format!("GET /v1/me HTTP/1.1\nHost: api.example.com\n{repeated}\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n");
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.exchanges.len(), 1);
    assert_eq!(report.authorization.len(), 50_000);
    assert_eq!(count(&report, "JWT027"), 50_000);
}

#[test]
fn ten_megabyte_line_without_a_newline() {
    const TEN_MB: usize = 10_000_000;
    // A token in the middle of a line of noise is found and judged.
    let token = expired_token(0);
    let half = "a".repeat(TEN_MB / 2);
    let line = format!("{half} {token} {half}");
    let report = inspect(&line, &Context::new(NOW));
    assert_eq!(report.tokens.len(), 1);
    assert_eq!(codes_of(&report), ["JWT001"]);
    // Noise alone.
    let report = inspect(&half.repeat(2), &Context::new(NOW));
    assert_eq!(codes_of(&report), ["IN002"]);
    assert!(report.findings[0].message.contains("10000000 characters"), "{}", report.findings[0].message);
    // One huge `Authorization` value.
    let report = inspect(&format!("Authorization: Bearer {}", "A".repeat(TEN_MB)), &Context::new(NOW));
    assert_eq!(codes_of(&report), ["JWT027"]);
    assert!(report.findings[0].message.contains("10000000 characters"), "{}", report.findings[0].message);
    // A "token" of five million parts: the parts are counted, not each judged.
    let report = inspect(&"a.".repeat(TEN_MB / 2), &Context::new(NOW));
    assert_eq!(report.tokens.len(), 1);
    let parts = report.findings.iter().find(|f| f.code.as_str() == "JWT010").expect("JWT010");
    assert!(parts.message.contains("5000001 parts"), "{}", parts.message);
    assert!(report.findings.len() < 20, "{} findings", report.findings.len());
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.len() < 200_000, "{} bytes of JSON", json.len());
}

#[test]
fn invalid_utf8_replaced_by_the_reader_is_judged_like_any_text() {
    // The command line and the page read bytes and replace what is not UTF-8 with U+FFFD.
    let mut bytes = b"GET /v1/me HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer ".to_vec();
    bytes.extend_from_slice(b"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3NjQwMDAwMDB9.c2ln\xffbmF0dXJl");
    bytes.extend_from_slice(b"\r\nCookie: session=ab\xc3\x28cd; theme=\x00dark\r\nX-Note: caf\xe9\r\n\r\n");
    bytes.extend_from_slice(b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n\r\n");
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.matches('\u{fffd}').count(), 3);
    let report = inspect(&text, &Context::new(NOW));
    assert_eq!(report.exchanges.len(), 1);
    assert_eq!(report.exchanges[0].status, Some(401));
    assert_eq!(report.tokens.len(), 1);
    assert_eq!(report.tokens[0].header["alg"], "HS256", "the readable parts are still decoded");
    let found = codes_of(&report);
    for code in ["AUTH007", "JWT011", "COOK016", "HTTP015", "WWW002"] {
        assert!(found.contains(&code), "{code} in {found:?}");
    }
    let replaced = report.findings.iter().find(|f| f.code.as_str() == "AUTH007").unwrap();
    assert!(replaced.message.contains('\u{fffd}'), "{}", replaced.message);
    // A Basic credential with a replaced byte is named as not base64.
    let basic = String::from_utf8_lossy(b"Authorization: Basic YWxp\xfeY2U6c2VjcmV0\x00");
    assert_eq!(codes(&basic), ["BASIC001"]);
}

#[test]
fn a_clock_at_the_edge_of_i64_gives_verdicts_without_overflow() {
    // Unchecked `claim - now` overflowed here: a panic in debug builds, a wrong verdict in release.
    let token = format!("{}.{}.c2ln", b64(br#"{"alg":"HS256"}"#), b64(br#"{"exp":1764003600,"nbf":1763996400,"iat":1763996400}"#));
    let exchange =
        format!("GET / HTTP/1.1\nAuthorization: Bearer {token}\n\nHTTP/1.1 401 Unauthorized\nDate: Mon, 24 Nov 2025 16:00:00 GMT\nWWW-Authenticate: Bearer\n");
    for now in [i64::MIN, i64::MIN + 1, i64::MAX] {
        let report = inspect(&exchange, &Context::new(now));
        let checks = &report.tokens[0].checks;
        let (exp, nbf) = (checks.exp.status.as_str(), checks.nbf.status.as_str());
        if now < 0 {
            assert_eq!((exp, nbf), ("pass", "fail"), "at {now}");
            assert!(!codes_of(&report).contains(&"JWT025"), "a token valid for ages is not expiring soon: {:?}", codes_of(&report));
        } else {
            assert_eq!(exp, "fail", "at {now}");
        }
    }
}

#[test]
fn with_a_key_a_token_whose_header_cannot_be_read_fails_its_signature_check() {
    let token = format!("{}.{}.c2ln", b64(b"not json"), b64(br#"{"exp":1764003600}"#));
    let bare = inspect(&token, &Context::new(NOW));
    assert_eq!(bare.tokens[0].checks.signature.status.as_str(), "skip");
    let keyed = Context::new(NOW).with_key(why401_engine::KeyInput::new(
        "the key panel",
        "a-shared-secret-of-at-least-thirty-two-bytes",
        why401_engine::KeyFormat::SecretText,
    ));
    let report = inspect(&token, &keyed);
    assert_eq!(report.tokens[0].checks.signature.status.as_str(), "fail", "{:?}", report.tokens[0].checks.signature);
}
