//! The command line contract: options, input sources, output formats and exit codes.

mod common;

use std::process::Output;

const NOW: &str = "1764000000";
/// `{"alg":"HS256","typ":"JWT"}` . `{"sub":"user-4821","exp":1763991960}` (2 h 14 min before NOW) . signature
const EXPIRED: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJleHAiOjE3NjM5OTE5NjB9.bm90IGEgcmVhbCBzaWduYXR1cmUsIDMyIGJ5dGVzISE";
/// The same claims with `exp` an hour after NOW.
const VALID: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJleHAiOjE3NjQwMDM2MDB9.bm90IGEgcmVhbCBzaWduYXR1cmUsIDMyIGJ5dGVzISE";

fn why401(args: &[&str], stdin: &str) -> Output {
    common::run(args, stdin.as_bytes(), None)
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)))
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("why401-cli-test-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn json_report_has_the_contract_shape() {
    let out = why401(&["inspect", "--format", "json", "--now", NOW, "--skew", "30"], EXPIRED);
    assert_eq!(out.status.code(), Some(1), "an expired token is an error");
    let report = json(&out);
    assert_eq!(report["schema"], "why401.report/1");
    assert_eq!(report["now"], 1_764_000_000);
    assert_eq!(report["skew"], 30);
    assert_eq!(report["inputs"][0]["kind"], "jwt");
    assert_eq!(report["tokens"][0]["header"]["alg"], "HS256");
    assert_eq!(report["tokens"][0]["payload"]["sub"], "user-4821");
    let checks = &report["tokens"][0]["checks"];
    for name in ["signature", "exp", "nbf", "iat", "aud", "iss", "scope"] {
        assert!(checks[name]["status"].is_string(), "check {name} missing: {checks}");
        assert!(checks[name]["message"].is_string(), "check {name} has no message");
    }
    assert_eq!(checks["exp"]["status"], "fail");
    assert_eq!(checks["signature"]["status"], "skip");
    assert_eq!(report["exchanges"], serde_json::json!([]));
    let finding = &report["findings"][0];
    assert_eq!(finding["code"], "JWT001");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["step"], "token-expiry");
    assert!(finding["title"].is_string() && finding["help"].is_string());
    assert_eq!(finding["message"], "`exp` was 2 h 14 min ago (2025-11-24 13:46:00 UTC)");
    let checklist = report["checklist"].as_array().unwrap();
    assert_eq!(checklist.len(), 23);
    let expiry = checklist.iter().find(|s| s["id"] == "token-expiry").unwrap();
    assert_eq!(expiry["status"], "fail");
    assert_eq!(expiry["evidence"], serde_json::json!(["JWT001"]));
}

#[test]
fn json_report_redacts_the_token() {
    let out = why401(&["inspect", "--format", "json", "--now", NOW], &format!("Authorization: Bearer {VALID}"));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains(VALID), "the whole token was printed");
    assert!(!text.contains(&VALID[VALID.len() - 30..VALID.len() - 6]), "the signature was printed");
}

#[test]
fn valid_token_exits_zero() {
    let out = why401(&["inspect", "--now", NOW], VALID);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("PASS  exp        Expires in 1 h (2025-11-24 17:00:00 UTC)"), "{text}");
}

#[test]
fn skew_changes_the_verdict() {
    // 30 s after expiry: a warning with the default 60 s skew, an error with none.
    let thirty_after = "1763991990";
    assert_eq!(why401(&["inspect", "--now", thirty_after], EXPIRED).status.code(), Some(0));
    assert_eq!(why401(&["inspect", "--now", thirty_after, "--skew", "0"], EXPIRED).status.code(), Some(1));
}

#[test]
fn text_report_names_finding_fix_and_step() {
    let out = why401(&["inspect", "--now", NOW], EXPIRED);
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in ["JWT001 Token has expired", "Fix: Request a new token", "FAIL  token-expiry", "RFC 7519 §4.1.4"] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn file_dash_and_stdin_read_the_same() {
    let path = temp_file("token.txt", EXPIRED);
    let from_file = why401(&["inspect", "--format", "json", "--now", NOW, path.to_str().unwrap()], "");
    let from_dash = why401(&["inspect", "--format", "json", "--now", NOW, "-"], EXPIRED);
    let from_stdin = why401(&["inspect", "--format", "json", "--now", NOW], EXPIRED);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(json(&from_file), json(&from_dash));
    assert_eq!(json(&from_dash), json(&from_stdin));
    assert_eq!(json(&from_file)["findings"][0]["code"], "JWT001");
}

#[test]
fn invalid_utf8_input_is_still_analysed() {
    let path = std::env::temp_dir().join(format!("why401-cli-test-{}-binary", std::process::id()));
    let mut bytes = vec![0xff, 0xfe, 0x00];
    bytes.extend_from_slice(EXPIRED.as_bytes());
    std::fs::write(&path, &bytes).unwrap();
    let out = why401(&["inspect", "--format", "json", "--now", NOW, path.to_str().unwrap()], "");
    std::fs::remove_file(&path).unwrap();
    assert_eq!(json(&out)["findings"][0]["code"], "JWT001");
}

#[test]
fn empty_input_exits_zero_with_an_empty_report() {
    let out = why401(&["inspect", "--format", "json", "--now", NOW], "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["inputs"], serde_json::json!([]));
}

#[test]
fn usage_errors_exit_two_with_a_message() {
    let cases: [(&[&str], &str); 6] = [
        (&["inspect", "--bogus"], "--bogus"),
        (&["inspect", "--format", "yaml"], "yaml"),
        (&["inspect", "--now", "yesterday"], "yesterday"),
        (&["inspect", "--skew", "-5"], "-5"),
        (&["frobnicate"], "frobnicate"),
        (&["inspect", "/no/such/file.txt"], "cannot read `/no/such/file.txt`"),
    ];
    for (args, mentions) in cases {
        let out = why401(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(mentions), "{args:?}: stderr does not mention {mentions:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    }
}

#[test]
fn help_exits_zero_and_shows_examples() {
    let out = why401(&["inspect", "--help"], "");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("--format") && text.contains("Examples:") && text.contains("Exit status"), "{text}");
}

fn data(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn report_with(args: &[&str], input_file: &str) -> (Option<i32>, serde_json::Value) {
    let mut all = vec!["inspect", "--format", "json", "--now", NOW];
    all.extend_from_slice(args);
    let path = data(input_file);
    all.push(&path);
    let out = why401(&all, "");
    (out.status.code(), json(&out))
}

#[test]
fn key_files_verify_the_signature() {
    for key in ["issuer-key.pem", "issuer-jwks.json"] {
        let (code, report) = report_with(&["--key", &data(key)], "rs256-access-token.txt");
        assert_eq!(code, Some(0), "{key}");
        let signature = &report["tokens"][0]["checks"]["signature"];
        assert_eq!(signature["status"], "pass", "{key}: {signature}");
        assert!(signature["message"].as_str().unwrap().contains("RS256"));
    }
}

#[test]
fn hmac_secrets_from_text_file_and_base64_agree() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJleHAiOjE3NjQwMDM2MDB9.QMgmpNpGkl-zJ9oanIycUkUhrLs_tCgSL37fybvGBbU";
    let secret_file = data("hmac-secret.txt");
    let as_base64 = "YS0zMi1ieXRlLWxvbmctc2hhcmVkLXNlY3JldC14eXo";
    for args in [vec!["--secret", "a-32-byte-long-shared-secret-xyz"], vec!["--secret-file", secret_file.as_str()], vec!["--secret-base64", as_base64]] {
        let mut all = vec!["inspect", "--format", "json", "--now", NOW];
        all.extend(args.iter());
        let out = why401(&all, token);
        assert_eq!(json(&out)["tokens"][0]["checks"]["signature"]["status"], "pass", "{args:?}");
    }
    let out = why401(&["inspect", "--format", "json", "--now", NOW, "--secret", "wrong"], token);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["findings"][0]["code"], "SIG001");
}

#[test]
fn expectations_are_checked() {
    let (code, report) = report_with(
        &[
            "--key",
            &data("issuer-jwks.json"),
            "--audience",
            "https://api.example.com",
            "--issuer",
            "https://login.example.com",
            "--scope",
            "orders.write",
            "--client-id",
            "web-app",
        ],
        "rs256-access-token.txt",
    );
    assert_eq!(code, Some(1));
    let checks = &report["tokens"][0]["checks"];
    assert_eq!(checks["aud"]["status"], "pass");
    assert_eq!(checks["iss"]["status"], "fail");
    assert_eq!(checks["scope"]["status"], "fail");
    let codes: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["CLM003", "CLM005"]);
    assert!(report["findings"][0]["message"].as_str().unwrap().contains("trailing `/`"));
}

#[test]
fn reveal_secrets_prints_the_token_in_full() {
    let token = std::fs::read_to_string(data("rs256-access-token.txt")).unwrap();
    let (_, redacted) = report_with(&[], "rs256-access-token.txt");
    assert_ne!(redacted["tokens"][0]["token"], token.as_str());
    let (_, revealed) = report_with(&["--reveal-secrets"], "rs256-access-token.txt");
    assert_eq!(revealed["tokens"][0]["token"], token.as_str());
}

#[test]
fn unreadable_key_file_is_a_usage_error() {
    let out = why401(&["inspect", "--key", "/no/such/key.pem"], EXPIRED);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the key `/no/such/key.pem`"));
}

#[test]
fn exchanges_are_listed_in_text_and_json() {
    let transcript = format!(
        "> GET /v1/orders HTTP/2\n> Host: api.example.com\n> Authorization: Bearer {EXPIRED}\n>\n< HTTP/2 401\n< www-authenticate: Bearer error=\"invalid_token\"\n< x-request-id: 8f2c\n<\n"
    );
    let out = why401(&["inspect", "--now", NOW], &transcript);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("GET https://api.example.com/v1/orders -> 401"), "{text}");
    assert!(text.contains("x-request-id: 8f2c"), "{text}");
    let out = why401(&["inspect", "--format", "json", "--now", NOW], &transcript);
    let report = json(&out);
    assert_eq!(report["exchanges"][0]["status"], 401);
    assert_eq!(report["exchanges"][0]["request"]["method"], "GET");
    assert_eq!(report["inputs"][0]["kind"], "curl");
    assert_eq!(report["exchanges"][0]["cookies"]["sent"], serde_json::Value::Null);
    assert_eq!(report["exchanges"][0]["cors"]["verdict"], "not_applicable");
}

#[test]
fn cookies_are_redacted_unless_revealed() {
    let exchange =
        "GET /v1/me HTTP/1.1\nHost: app.example.com\nCookie: session=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n";
    let redacted = json(&why401(&["inspect", "--format", "json", "--now", NOW], exchange));
    let sent = redacted["exchanges"][0]["cookies"]["sent"].as_str().unwrap();
    assert!(!sent.contains("5b4a39281706"), "{sent}");
    let revealed = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--reveal-secrets"], exchange));
    assert_eq!(revealed["exchanges"][0]["cookies"]["sent"], "session=9f8e7d6c5b4a39281706f5e4d3c2b1a0");
}

#[test]
fn basic_passwords_are_redacted_unless_revealed() {
    // `authorization[].password` stayed redacted under `--reveal-secrets` while the CLI patched
    // revealed values into the JSON by position; the engine now writes every secret itself.
    let header = "Authorization: Basic YWxpY2U6Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5LXN0YXBsZQ==\n";
    let redacted = json(&why401(&["inspect", "--format", "json", "--now", NOW], header));
    let hidden = redacted["authorization"][0]["password"].as_str().unwrap();
    assert!(!hidden.contains("horse-battery"), "{hidden}");
    let revealed = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--reveal-secrets"], header));
    assert_eq!(revealed["authorization"][0]["password"], "correct-horse-battery-staple");
    assert_eq!(revealed["authorization"][0]["user"], "alice");
}

/// A HAR file of `n` successful entries with one refused call in the middle.
fn long_har(n: usize, refused_at: usize) -> String {
    let entries: Vec<String> = (0..n)
        .map(|i| {
            let status = if i == refused_at { 401 } else { 200 };
            format!(
                r#"{{"startedDateTime":"2025-11-24T16:00:00.000Z","time":{i},"request":{{"method":"GET","url":"https://api.example.com/item/{i}","headers":[{{"name":"authorization","value":"Bearer opaque{i}"}}]}},"response":{{"status":{status},"headers":[{{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""}},{{"name":"x-request-id","value":"r{i}"}}]}}}}"#
            )
        })
        .collect();
    format!(r#"{{"log":{{"version":"1.2","entries":[{}]}}}}"#, entries.join(","))
}

#[test]
fn a_long_har_lists_the_entries_that_need_a_look_and_one_can_be_chosen() {
    let har = long_har(40, 17);
    let out = why401(&["inspect", "--now", NOW], &har);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Exchanges: 40 in all; the 1 that need a look"), "{text}");
    assert!(text.contains("18. GET https://api.example.com/item/17 -> 401  [unauthorized, 17 ms]"), "{text}");
    assert!(!text.contains("item/3 "), "{text}");
    let report = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--exchange", "18"], &har));
    assert_eq!(report["exchanges"].as_array().unwrap().len(), 40);
    let whose: Vec<&serde_json::Value> = report["findings"].as_array().unwrap().iter().filter_map(|f| f.get("exchange")).collect();
    assert!(!whose.is_empty() && whose.iter().all(|e| *e == 17), "{whose:?}");
    assert!(report["findings"].as_array().unwrap().iter().any(|f| f["code"] == "HTTP008" && f["message"].as_str().unwrap().contains("r17")));
    let out = why401(&["inspect", "--exchange", "41"], &har);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no exchange 41: the input has 40"));
    assert_eq!(why401(&["inspect", "--exchange", "0"], &har).status.code(), Some(2));
}

#[test]
fn markdown_incident_report_names_the_cause_without_secrets() {
    let out = why401(&["inspect", "--format", "markdown", "--now", NOW], &format!("Authorization: Bearer {EXPIRED}\n"));
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# 401 incident report"), "{text}");
    assert!(text.contains("Most likely cause: **Token expiry**"), "{text}");
    assert!(text.contains("| Token expiry `token-expiry` | fail (JWT001) |"), "{text}");
    assert!(!text.contains(EXPIRED) && !text.contains("bm90IGEgcmVhbCBzaWduYXR1cmUsIDMyIGJ5dGVzISE"), "{text}");
}

#[test]
fn browser_picks_the_verdict_where_engines_disagree() {
    // `Access-Control-Allow-Headers: *` covers `Authorization` in Chromium only.
    let preflight = "OPTIONS /v1/reports HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Methods: GET\nAccess-Control-Allow-Headers: *\n";
    let verdict = |browser: &str| {
        let report = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--origin", "https://app.example.com", "--browser", browser], preflight));
        report["exchanges"][0]["cors"]["verdict"].as_str().unwrap_or("").to_string()
    };
    assert_eq!(verdict("chromium"), "pass");
    assert_eq!(verdict("firefox"), "fail");
    assert_eq!(verdict("safari"), "fail");
    let bad = why401(&["inspect", "--browser", "netscape"], preflight);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("netscape"), "{}", String::from_utf8_lossy(&bad.stderr));
}

#[test]
fn proxy_authorization_is_an_input_of_its_own() {
    let report = json(&why401(&["inspect", "--format", "json", "--now", NOW], "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\n"));
    assert_eq!(report["inputs"][0]["summary"], "`Proxy-Authorization` header with `Basic` credentials", "{report}");
    assert_eq!(report["authorization"][0]["proxy"], true);
    assert_eq!(report["authorization"][0]["user"], "alice");
    let plain = json(&why401(&["inspect", "--format", "json", "--now", NOW], "Authorization: Basic YWxpY2U6czNjcmV0\n"));
    assert_eq!(plain["authorization"][0].get("proxy"), None, "only a proxy's credentials say so");
}

#[test]
fn third_party_cookie_setting_decides_what_is_stored() {
    // A widget's sign-in call from the shop's page sets its session as a third-party cookie.
    let capture = "POST https://api.widget.example/session HTTP/1.1\nHost: api.widget.example\nOrigin: https://shop.example.com\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://shop.example.com\nAccess-Control-Allow-Credentials: true\nSet-Cookie: ws=1; Path=/; Secure; SameSite=None\n\nGET https://api.widget.example/cards HTTP/1.1\nHost: api.widget.example\nOrigin: https://shop.example.com\n\nHTTP/1.1 401 Unauthorized\nAccess-Control-Allow-Origin: https://shop.example.com\nAccess-Control-Allow-Credentials: true\n";
    let run = |extra: &[&str]| {
        let mut args = vec!["inspect", "--format", "json", "--now", NOW, "--origin", "https://shop.example.com"];
        args.extend_from_slice(extra);
        json(&why401(&args, capture))
    };
    let codes = |report: &serde_json::Value| -> Vec<String> {
        report["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap_or("").to_string()).collect()
    };
    let allowed = run(&[]);
    assert_eq!(allowed["exchanges"][1]["cookies"]["expected"].as_str().map(|c| c.starts_with("ws=")), Some(true), "{allowed}");
    assert!(!codes(&allowed).contains(&"COOK025".to_string()));
    let blocked = run(&["--third-party-cookies", "blocked"]);
    assert_eq!(blocked["exchanges"][1]["cookies"]["expected"], "", "{blocked}");
    assert!(codes(&blocked).contains(&"COOK025".to_string()), "{:?}", codes(&blocked));
    // Safari blocks them unless told otherwise.
    assert!(codes(&run(&["--browser", "safari"])).contains(&"COOK025".to_string()));
    assert!(!codes(&run(&["--browser", "safari", "--third-party-cookies", "allowed"])).contains(&"COOK025".to_string()));
    assert_eq!(why401(&["inspect", "--third-party-cookies", "sometimes"], capture).status.code(), Some(2));
}

#[test]
fn origin_and_credentials_drive_cors_and_are_validated() {
    let exchange = "GET https://api.example.com/v1/me HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\n";
    let omit = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--origin", "https://app.example.com/", "--credentials", "omit"], exchange));
    assert_eq!(omit["exchanges"][0]["cors"]["verdict"], "pass");
    let include = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--origin", "https://app.example.com", "--credentials", "include"], exchange));
    assert_eq!(include["exchanges"][0]["cors"]["verdict"], "fail");
    assert!(include["exchanges"][0]["cors"]["fix"]["nginx"].as_str().unwrap().contains("https://app.example.com"));
    assert!(include["findings"].as_array().unwrap().iter().any(|f| f["code"] == "CORS004"));
    let bad = why401(&["inspect", "--origin", "app.example.com"], exchange);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("has no scheme"), "{}", String::from_utf8_lossy(&bad.stderr));
    assert_eq!(why401(&["inspect", "--credentials", "sometimes"], exchange).status.code(), Some(2));
}

#[test]
fn report_says_what_the_browser_verdicts_assumed() {
    // A sign-in call and a call after it, as a raw capture: nothing says the credentials mode.
    let capture = "POST https://api.example.com/session HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\nSet-Cookie: sid=1; Path=/; Secure; SameSite=None\n\nGET https://api.example.com/me HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 401 Unauthorized\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\n";
    let report = json(&why401(&["inspect", "--format", "json", "--now", NOW], capture));
    let judged = &report["judged_for"];
    assert_eq!(judged["browser"], serde_json::Value::Null, "{report}");
    assert_eq!(judged["third_party_cookies"], "allowed");
    assert_eq!(judged["third_party_cookies_chosen"], false);
    assert_eq!(judged["credentials_assumed"], 2, "{judged}");
    for e in 0..2 {
        assert_eq!(report["exchanges"][e]["cookies"]["credentials"], "include", "{report}");
        assert_eq!(report["exchanges"][e]["cookies"]["assumed"], true);
    }
    // Said by the caller, nothing is assumed; the browser chosen is named.
    let said = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--credentials", "include", "--browser", "safari"], capture));
    assert_eq!(said["judged_for"]["credentials_assumed"], 0, "{said}");
    assert!(said["judged_for"]["summary"].as_str().is_some_and(|s| s.ends_with("`credentials: 'include'` as given")), "{said}");
    assert_eq!(said["judged_for"]["browser"], "safari");
    assert_eq!(said["judged_for"]["third_party_cookies"], "blocked");
    assert!(said["exchanges"][1]["cookies"].get("assumed").is_none(), "{said}");
    let text = String::from_utf8_lossy(&why401(&["inspect", "--now", NOW], capture).stdout).to_string();
    assert!(text.contains("Judged for: Chromium's cookie rules"), "{text}");
    assert!(text.contains("`credentials: 'include'` assumed for the 2 cross-origin calls"), "{text}");
    // A token alone depends on no browser.
    assert!(json(&why401(&["inspect", "--format", "json", "--now", NOW], EXPIRED)).get("judged_for").is_none());
}

#[test]
fn origin_with_a_path_says_what_was_left_out() {
    let exchange = "GET https://api.example.com/v1/me HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://app.example.com\n";
    let out = why401(&["inspect", "--now", NOW, "--origin", "https://app.example.com/dashboard?tab=2"], exchange);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("was read as the origin `https://app.example.com`: an origin is a scheme, a host and a port, so the path `/dashboard` and the query are not part of it"),
        "{text}"
    );
    let report = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--origin", "https://app.example.com/dashboard"], exchange));
    assert_eq!(report["origin"], "https://app.example.com");
    assert!(report["origin_note"].as_str().is_some_and(|n| n.contains("the path `/dashboard` is not part of it")), "{report}");
    // The same origin written differently is not worth a note.
    let same = json(&why401(&["inspect", "--format", "json", "--now", NOW, "--origin", "HTTPS://App.Example.com:443/"], exchange));
    assert_eq!(same["origin"], "https://app.example.com");
    assert!(same.get("origin_note").is_none(), "{same}");
}

#[test]
fn text_report_opens_with_the_most_likely_cause() {
    let out = why401(&["inspect", "--now", NOW], EXPIRED);
    let text = String::from_utf8(out.stdout).unwrap();
    let second = text.lines().nth(2).unwrap_or("");
    assert!(second.starts_with("Most likely cause: Token expiry (token-expiry): "), "{text}");
    assert!(second.contains("JWT001"), "{second}");
}

#[test]
fn input_over_the_limit_is_refused_by_name_not_called_empty() {
    let huge = "a".repeat(why401_engine::MAX_INPUT_BYTES + 1);
    let out = why401(&["inspect", "--now", NOW], &huge);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("IN001"), "{text}");
    assert!(text.contains("the limit is 64 MB"), "{text}");
    assert!(!text.contains("The input is empty"), "{text}");
}

#[test]
fn an_endless_input_is_read_only_up_to_the_limit() {
    let out = why401(&["inspect", "--now", NOW, "/dev/zero"], "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("At least 64.0 MB of input was given; the limit is 64 MB"), "{text}");
}

#[test]
fn characters_that_do_not_show_are_escaped_in_json_and_named_in_text() {
    // A token whose issuer is turned around by a right-to-left override (U+202E) and whose
    // subject ends in a zero-width space: {"alg":"HS256"} . {"iss":"https://login.example<U+202E>moc.live","sub":"a<U+200B>","exp":1764003600}
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGXigK5tb2MubGl2ZSIsInN1YiI6ImHigIsiLCJleHAiOjE3NjQwMDM2MDB9.c2ln";
    let out = why401(&["inspect", "--format", "json", "--now", NOW], token);
    let printed = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(!printed.contains('\u{202e}') && !printed.contains('\u{200b}'), "{printed}");
    assert!(printed.contains("\\u202e") && printed.contains("\\u200b"), "{printed}");
    // Still the same JSON.
    assert_eq!(json(&out)["tokens"][0]["payload"]["iss"], "https://login.example\u{202e}moc.live");
    let text = why401(&["inspect", "--now", NOW], token);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(!text.contains('\u{202e}'), "{text}");
}

/// RFC 7616 §3.9.1 (MD5): the challenge, then the credentials answering it.
const DIGEST_EXCHANGE: &str = r#"GET /dir/index.html HTTP/1.1
Host: api.example.com

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"

GET /dir/index.html HTTP/1.1
Host: api.example.com
Authorization: Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Digest realm="http-auth@example.org", qop="auth", algorithm=MD5, nonce="Kx4ayGqHMw5mGzq0yAXbQo0NVuPsbx9cGiOZr6UYCZTk"
"#;

#[test]
fn a_digest_password_from_text_or_file_recomputes_the_response_and_never_prints() {
    let codes = |out: &Output| -> Vec<String> { json(out)["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect() };
    let file = temp_file("digest-password.txt", "Circle of Life\n");
    let file = file.to_string_lossy().into_owned();
    for args in [vec!["--password", "Circle of Life"], vec!["--password-file", file.as_str()]] {
        let mut all = vec!["inspect", "--format", "json", "--now", NOW];
        all.extend(args.iter());
        let out = why401(&all, DIGEST_EXCHANGE);
        assert!(codes(&out).contains(&"DIG014".to_string()), "{args:?}: the trailing newline of the file is not part of the password: {:?}", codes(&out));
        for format in ["text", "json", "markdown"] {
            let mut shown = vec!["inspect", "--reveal-secrets", "--format", format, "--now", NOW];
            shown.extend(args.iter());
            let out = why401(&shown, DIGEST_EXCHANGE);
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(!text.contains("Circle of Life"), "{format}: the password is printed: {text}");
        }
    }
    let out = why401(&["inspect", "--format", "json", "--now", NOW, "--password", "Circle of life"], DIGEST_EXCHANGE);
    assert!(codes(&out).contains(&"DIG016".to_string()), "a wrong password is named: {:?}", codes(&out));
    assert_eq!(out.status.code(), Some(1));
    let both = why401(&["inspect", "--password", "a", "--password-file", &file], DIGEST_EXCHANGE);
    assert_eq!(both.status.code(), Some(2), "one password source at a time");
}

/// An API Gateway request signed by botocore 1.43.11 (`SigV4Auth`, access key `AKIDEXAMPLE`,
/// signed 2 min before NOW); the engine's fixture `sigv4/execute-api-get-verified` is the same.
const SIGNED_REQUEST: &str = "GET /prod/items/blue%20shoes?size=42&color=dark%20blue&a=1 HTTP/1.1
Host: abc123defg.execute-api.eu-west-1.amazonaws.com
X-Amz-Date: 20251124T155800Z
Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251124/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=f5c4c1bf99209d8292ce59632f0f71d63579cdad12932d0933fd75b217006d8c
";
const AWS_SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

#[test]
fn aws_secret_from_text_and_file_recompute_the_signature_and_never_print() {
    let secret_file = temp_file("aws-secret.txt", &format!("{AWS_SECRET}\n"));
    let file = secret_file.to_string_lossy().to_string();
    for args in [vec!["--aws-secret", AWS_SECRET], vec!["--aws-secret-file", file.as_str()]] {
        for format in ["json", "text", "markdown"] {
            let mut all = vec!["inspect", "--format", format, "--now", NOW, "--reveal-secrets"];
            all.extend(args.iter());
            let out = why401(&all, SIGNED_REQUEST);
            let shown = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{args:?} {format}: {shown}");
            assert!(shown.contains("AWS017"), "{args:?} {format}: the signature is found right");
            assert!(!shown.contains(AWS_SECRET), "{args:?} {format}: the secret is printed");
        }
    }
    let out = why401(&["inspect", "--format", "json", "--now", NOW, "--aws-secret", "not-the-secret"], SIGNED_REQUEST);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["findings"][0]["code"], "AWS016");
    let missing = why401(&["inspect", "--aws-secret-file", "/nonexistent/aws-secret"], SIGNED_REQUEST);
    assert_eq!(missing.status.code(), Some(2), "an unreadable secret file is a usage error");
    let _ = std::fs::remove_file(secret_file);
}

#[test]
fn client_cert_is_compared_with_the_token_binding() {
    // An access token whose `cnf.x5t#S256` is the SHA-256 thumbprint of the engine's test
    // certificate `client-cert.pem` (made with OpenSSL 3.0.19).
    let bound = "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJpc3MiOiJodHRwczovL2FzLmV4YW1wbGUuY29tIiwic3ViIjoib3JkZXJzLWJhdGNoIiwiYXVkIjoiaHR0cHM6Ly9hcGkuZXhhbXBsZS5jb20iLCJpYXQiOjE3NjM5OTkwMDAsImV4cCI6MTc2NDAwMzAwMCwic2NvcGUiOiJvcmRlcnMucmVhZCIsImNsaWVudF9pZCI6Im9yZGVycy1iYXRjaCIsImNuZiI6eyJ4NXQjUzI1NiI6Inp3S1lOWVk4TzN2ck1PVXpVa1g4ZDIyX2pGZ2x3b0RMY3lzT3VIUGpkUEkifX0.3MaUIp_qOfRuMpsygoNuJq5Yi6R71VM0eIRn0Hz_YPc";
    let cert = |name: &str| format!("{}/../engine/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let codes = |report: &serde_json::Value| -> Vec<String> {
        report["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
    };
    let same = why401(&["inspect", "--format", "json", "--now", NOW, "--client-cert", &cert("client-cert.pem")], bound);
    assert_eq!(same.status.code(), Some(0));
    let report = json(&same);
    assert!(codes(&report).is_empty(), "{:?}", codes(&report));
    let step = report["checklist"].as_array().unwrap().iter().find(|s| s["id"] == "sender-constraint").unwrap().clone();
    assert_eq!(step["status"], "pass");
    let other = why401(&["inspect", "--format", "json", "--now", NOW, "--client-cert", &cert("other-client-cert.pem")], bound);
    assert_eq!(other.status.code(), Some(1));
    assert_eq!(codes(&json(&other)), ["MTLS001"]);
    let none = why401(&["inspect", "--format", "json", "--now", NOW], bound);
    assert_eq!(codes(&json(&none)), ["MTLS002"]);
    let missing = why401(&["inspect", "--client-cert", "/no/such/client.pem"], bound);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read the client certificate"));
}

#[test]
fn client_cert_without_a_certificate_is_a_usage_error() {
    let key = format!("{}/tests/data/issuer-key.pem", env!("CARGO_MANIFEST_DIR"));
    let text = temp_file("not-a-cert.txt", "hello, this is not a certificate\n");
    for path in [key.as_str(), text.to_str().unwrap()] {
        let out = why401(&["inspect", "--now", NOW, "--client-cert", path], VALID);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(path) && err.contains("holds no PEM certificate") && err.contains("BEGIN CERTIFICATE"), "{err}");
        assert!(out.stdout.is_empty(), "no report on a usage error");
    }
    let _ = std::fs::remove_file(text);
}

#[test]
fn secret_options_nothing_used_are_noted() {
    let cert = format!("{}/../engine/tests/data/client-cert.pem", env!("CARGO_MANIFEST_DIR"));
    let out = why401(&["inspect", "--now", NOW, "--password", "pw", "--aws-secret", "s3cr3t", "--client-cert", &cert], VALID);
    assert_eq!(out.status.code(), Some(0), "a note, not an error");
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in ["--password was given", "--aws-secret was given", "--client-cert was given"] {
        assert!(text.contains(&format!("Note: {flag}")), "{flag}: {text}");
    }
    assert!(!text.contains("s3cr3t") && !text.contains(" pw "), "{text}");
    // Used: a Digest request with a password says nothing about it.
    let digest = "Authorization: Digest username=\"bob\", realm=\"x\", nonce=\"n\", uri=\"/\", response=\"00112233445566778899aabbccddeeff\"";
    let out = why401(&["inspect", "--now", NOW, "--password", "pw"], digest);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("--password was given"));
}
