//! Exit-status gating (`--fail-on`), colour (`--color`, `NO_COLOR`) and the help text.

mod common;

use std::process::Output;

const NOW: i64 = 1_764_000_000;
const ESC: u8 = 0x1b;

/// Runs the binary with `NO_COLOR` removed from its environment, so the tests do not depend on
/// the shell they run in.
fn why401(args: &[&str], stdin: &str) -> Output {
    why401_with_env(args, stdin, None)
}

/// Runs the binary with `NO_COLOR` set to `no_color`, or removed when `None`.
fn why401_with_env(args: &[&str], stdin: &str, no_color: Option<&str>) -> Output {
    common::run(args, stdin.as_bytes(), no_color)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("the report is UTF-8")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)))
}

/// Unpadded base64url, enough to build test tokens.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// An HS256 JWT whose only claim is `exp`, with a made-up signature.
fn token_expiring_at(exp: i64) -> String {
    format!("{}.{}.{}", base64url(br#"{"alg":"HS256"}"#), base64url(format!(r#"{{"exp":{exp}}}"#).as_bytes()), base64url(b"not a real signature, 32 bytes!!"))
}

/// Expired an hour before NOW: the error JWT001.
fn expired() -> String {
    token_expiring_at(NOW - 3600)
}

/// Expired 30 s before NOW, inside the default 60 s skew: a warning and no error.
fn within_skew() -> String {
    token_expiring_at(NOW - 30)
}

/// Valid for another hour: no finding at all.
fn clean() -> String {
    token_expiring_at(NOW + 3600)
}

/// A cross-origin call that CORS refuses once credentials are included.
const CORS_EXCHANGE: &str =
    "GET https://api.example.com/v1/me HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\n";

fn severities(input: &str) -> Vec<String> {
    let report = json(&why401(&["inspect", "--format", "json", "--now", &NOW.to_string()], input));
    report["findings"].as_array().unwrap().iter().map(|f| f["severity"].as_str().unwrap().to_string()).collect()
}

/// The exit status of `inspect --now NOW [--fail-on LEVEL]` on `input`.
fn status(fail_on: Option<&str>, input: &str) -> Option<i32> {
    let now = NOW.to_string();
    let mut args = vec!["inspect", "--now", now.as_str()];
    if let Some(level) = fail_on {
        args.extend(["--fail-on", level]);
    }
    why401(&args, input).status.code()
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC `[` parameters, then one final byte in `@`..=`~`.
            assert_eq!(chars.next(), Some('['), "a bare ESC in {text:?}");
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_test_inputs_have_the_severities_they_claim() {
    let expired = severities(&expired());
    assert!(expired.contains(&"error".to_string()), "{expired:?}");
    let warned = severities(&within_skew());
    assert!(warned.contains(&"warning".to_string()) && !warned.contains(&"error".to_string()), "{warned:?}");
    let clean = severities(&clean());
    assert!(clean.iter().all(|s| s == "info"), "{clean:?}");
}

#[test]
fn fail_on_with_an_error_finding() {
    let input = expired();
    assert_eq!(status(None, &input), Some(1), "default");
    assert_eq!(status(Some("error"), &input), Some(1));
    assert_eq!(status(Some("warning"), &input), Some(1));
    assert_eq!(status(Some("never"), &input), Some(0));
}

#[test]
fn fail_on_with_only_warnings() {
    let input = within_skew();
    assert_eq!(status(None, &input), Some(0), "default");
    assert_eq!(status(Some("error"), &input), Some(0));
    assert_eq!(status(Some("warning"), &input), Some(1));
    assert_eq!(status(Some("never"), &input), Some(0));
}

#[test]
fn fail_on_with_a_clean_token() {
    let input = clean();
    for level in [None, Some("error"), Some("warning"), Some("never")] {
        assert_eq!(status(level, &input), Some(0), "{level:?}");
    }
}

#[test]
fn a_gate_on_warnings_fails_an_input_with_nothing_to_check() {
    let now = NOW.to_string();
    let empty_har = r#"{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[]}}"#;
    for (input, says) in [
        ("", "the input is empty"),
        ("  \n\t\n", "the input is empty"),
        ("deploy finished in 3 s\n", "nothing to check was recognised"),
        (empty_har, "the HAR file holds no request to check"),
    ] {
        let gated = why401(&["inspect", "--now", &now, "--fail-on", "warning"], input);
        assert_eq!(gated.status.code(), Some(1), "{input:?}");
        let stderr = String::from_utf8_lossy(&gated.stderr);
        assert!(stderr.contains(says) && stderr.contains("--fail-on warning"), "{input:?}: {stderr}");
        // The default gate (errors) and no gate keep exit status 0, without the note.
        for level in [None, Some("error"), Some("never")] {
            assert_eq!(status(level, input), Some(0), "{input:?} {level:?}");
        }
    }
    // A header alone is something to check.
    let out = why401(&["inspect", "--now", &now, "--fail-on", "warning"], "Authorization: Basic dXNlcjpodW50ZXIy\n");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("nothing to check"));
}

#[test]
fn fail_on_applies_to_every_format() {
    let now = NOW.to_string();
    for format in ["text", "json", "markdown"] {
        let gated = why401(&["inspect", "--format", format, "--now", &now, "--fail-on", "warning"], &within_skew());
        assert_eq!(gated.status.code(), Some(1), "{format}");
        let ungated = why401(&["inspect", "--format", format, "--now", &now, "--fail-on", "never"], &expired());
        assert_eq!(ungated.status.code(), Some(0), "{format}");
        assert!(!ungated.stdout.is_empty(), "{format}: the report is still printed");
    }
}

#[test]
fn invalid_fail_on_is_a_usage_error_naming_the_accepted_values() {
    for bad in ["sometimes", "Error", "warn", ""] {
        let out = why401(&["inspect", "--fail-on", bad], &expired());
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--fail-on"), "{bad:?}: {stderr}");
        for accepted in ["error", "warning", "never"] {
            assert!(stderr.contains(accepted), "{bad:?}: {accepted} not named in {stderr}");
        }
        assert!(out.stdout.is_empty(), "{bad:?} printed a report");
    }
}

#[test]
fn fail_on_never_still_reports_usage_errors() {
    let out = why401(&["inspect", "--fail-on", "never", "/no/such/file.txt"], "");
    assert_eq!(out.status.code(), Some(2));
    let out = why401(&["inspect", "--fail-on", "never", "--color", "sometimes"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("always"));
}

#[test]
fn piped_text_has_no_colour_by_default() {
    let now = NOW.to_string();
    for args in [vec!["inspect", "--now", now.as_str()], vec!["inspect", "--now", now.as_str(), "--color", "auto"]] {
        let out = why401(&args, &expired());
        assert!(!out.stdout.contains(&ESC), "{args:?}: {}", stdout(&out));
    }
}

#[test]
fn color_always_only_adds_escape_codes() {
    let now = NOW.to_string();
    let cors = ["--origin", "https://app.example.com", "--credentials", "include"];
    let cases: [(&[&str], String); 4] = [(&[], expired()), (&[], within_skew()), (&[], clean()), (&cors, CORS_EXCHANGE.to_string())];
    for (extra, input) in cases {
        let mut args = vec!["inspect", "--now", now.as_str()];
        args.extend_from_slice(extra);
        let plain = stdout(&why401(&[args.as_slice(), &["--color", "never"]].concat(), &input));
        let coloured = stdout(&why401(&[args.as_slice(), &["--color", "always"]].concat(), &input));
        assert!(coloured.contains('\u{1b}'), "no colour for {input}:\n{coloured}");
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert_eq!(strip_ansi(&coloured), plain, "colour changed the words for {input}");
    }
    // The verdict words themselves are painted.
    let coloured = stdout(&why401(&["inspect", "--now", &now, "--color", "always"], &expired()));
    for painted in ["Most likely cause:", "ERROR", "FAIL", "SKIP"] {
        assert!(coloured.contains(&format!("m{painted}\u{1b}[0m")), "{painted} not coloured:\n{coloured}");
    }
    let cors_report = stdout(&why401(&[&["inspect", "--now", &now, "--color", "always"], &cors[..]].concat(), CORS_EXCHANGE));
    assert!(cors_report.contains("CORS \u{1b}["), "{cors_report}");
}

#[test]
fn color_always_wins_over_no_color() {
    let now = NOW.to_string();
    let out = why401_with_env(&["inspect", "--now", &now, "--color", "always"], &expired(), Some("1"));
    assert!(out.stdout.contains(&ESC));
}

#[test]
fn no_color_keeps_auto_plain() {
    let now = NOW.to_string();
    for value in ["1", "true", "0"] {
        for args in [vec!["inspect", "--now", now.as_str()], vec!["inspect", "--now", now.as_str(), "--color", "auto"]] {
            let out = why401_with_env(&args, &expired(), Some(value));
            assert_eq!(out.status.code(), Some(1));
            assert!(!out.stdout.contains(&ESC), "NO_COLOR={value} {args:?}");
        }
    }
}

#[test]
fn json_and_markdown_are_never_coloured() {
    let now = NOW.to_string();
    for format in ["json", "markdown"] {
        let never = why401(&["inspect", "--format", format, "--now", &now, "--color", "never"], &expired());
        let always = why401_with_env(&["inspect", "--format", format, "--now", &now, "--color", "always"], &expired(), None);
        assert!(!always.stdout.contains(&ESC), "{format}");
        assert_eq!(always.stdout, never.stdout, "{format}");
        if format == "json" {
            assert_eq!(json(&always)["findings"][0]["code"], "JWT001");
        }
    }
}

#[test]
fn colour_does_not_reveal_secrets() {
    let now = NOW.to_string();
    let token = expired();
    let signature = token.rsplit('.').next().unwrap().to_string();
    let header = format!("Authorization: Bearer {token}\n");
    let coloured = strip_ansi(&stdout(&why401(&["inspect", "--now", &now, "--color", "always"], &header)));
    assert!(!coloured.contains(&token), "{coloured}");
    assert!(!coloured.contains(&signature[6..signature.len() - 6]), "{coloured}");
    let revealed = stdout(&why401(&["inspect", "--now", &now, "--color", "always", "--reveal-secrets"], &header));
    assert!(revealed.contains(&token), "--reveal-secrets still shows the token in full");
}

#[test]
fn help_documents_gating_colour_and_examples() {
    for args in [&["--help"][..], &["inspect", "--help"], &["inspect", "-h"], &["help", "inspect"]] {
        let out = why401(args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        for expected in ["--fail-on", "NO_COLOR", "Examples:"] {
            assert!(text.contains(expected), "{args:?}: no {expected:?} in\n{text}");
        }
        assert!(text.lines().any(|line| line.trim_start().starts_with("why401 inspect ")), "{args:?}: no example in\n{text}");
        assert!(!text.contains('\u{1b}'), "{args:?}: piped help is plain");
    }
    let text = stdout(&why401(&["inspect", "--help"], ""));
    assert!(text.contains("why401 inspect --fail-on warning --now "), "{text}");
    assert!(text.contains("|| exit 1"), "{text}");
}

#[test]
fn help_examples_use_only_real_options() {
    let text = stdout(&why401(&["inspect", "--help"], ""));
    let (options, examples) = text.split_once("Examples:").expect("an Examples section");
    let examples: Vec<&str> = examples.lines().filter(|l| l.contains("why401 inspect")).collect();
    assert!(examples.len() >= 8, "{examples:?}");
    for line in examples {
        for flag in line.split_whitespace().filter(|w| w.starts_with("--")) {
            assert!(options.contains(&format!("  {flag} ")) || options.contains(&format!("  {flag}\n")), "{flag} in {line:?} is not an option");
        }
    }
    for flag in ["--exchange", "--origin", "--credentials", "--key", "--audience", "--format", "--fail-on", "--now"] {
        assert!(text.contains(&format!("why401 inspect {flag}")) || text.contains(&format!(" {flag} ")), "no example uses {flag}");
    }
}
