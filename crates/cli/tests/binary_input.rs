//! Input that is not clean text: bytes that are not UTF-8 and NUL bytes, on standard input and in
//! a file, in every output format. The reader replaces what is not UTF-8 with U+FFFD and the
//! report describes what remains; the program never panics and exits with 0 or 1.

mod common;

use std::process::Output;

const NOW: &str = "1764000000";

fn why401(args: &[&str], stdin: &[u8]) -> Output {
    common::run(args, stdin, None)
}

fn codes(report: &serde_json::Value) -> Vec<&str> {
    report["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect()
}

/// A refused exchange whose token, cookie and headers carry bytes that are not UTF-8, and NULs.
fn damaged_exchange() -> Vec<u8> {
    let mut bytes = b"GET /v1/me HTTP/1.1\r\nHost: api.example.com\r\n".to_vec();
    // {"alg":"HS256"} . {"exp":1764000000} . a signature with 0xff in it
    bytes.extend_from_slice(b"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3NjQwMDAwMDB9.c2ln\xffbmF0dXJl\r\n");
    // A truncated two-byte sequence, a NUL, and a Latin-1 byte.
    bytes.extend_from_slice(b"Cookie: session=ab\xc3\x28cd; theme=\x00dark\r\nX-Note: caf\xe9\r\n\r\n");
    bytes.extend_from_slice(b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\nX-Request-Id: r-\x00-7\r\n\r\n");
    bytes
}

#[test]
fn invalid_utf8_and_nul_bytes_on_stdin_give_a_report_in_every_format() {
    for format in ["text", "json", "markdown"] {
        let out = why401(&["inspect", "--format", format, "--now", NOW], &damaged_exchange());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{format}: {stderr}");
        assert_eq!(out.status.code(), Some(1), "{format}: a token with a byte that is not base64url is an error");
        let text = String::from_utf8(out.stdout).expect("the report is UTF-8");
        match format {
            "json" => {
                let report: serde_json::Value = serde_json::from_str(&text).expect("the report is JSON");
                assert_eq!(report["exchanges"][0]["status"], 401);
                assert_eq!(report["tokens"][0]["header"]["alg"], "HS256", "the readable parts are still decoded");
                let found = codes(&report);
                for code in ["AUTH007", "JWT011", "COOK016", "HTTP015", "WWW002"] {
                    assert!(found.contains(&code), "{code} in {found:?}");
                }
            }
            "text" => {
                assert!(text.contains("AUTH007 Bearer token has characters it cannot have"), "{text}");
                assert!(text.contains("JWT011"), "{text}");
                assert!(text.contains("The token contains `\u{fffd}`"), "the replaced byte is named: {text}");
            }
            _ => {
                assert!(text.starts_with("# 401 incident report"), "{text}");
                assert!(text.contains("- Most likely cause: **`Authorization` header**"), "{text}");
                assert!(text.contains("- **error AUTH007** Bearer token has characters it cannot have"), "{text}");
            }
        }
    }
}

#[test]
fn binary_noise_from_a_file_or_stdin_is_reported_as_unrecognised() {
    // A UTF-16 byte-order mark, NULs, and bytes that never occur in UTF-8; each becomes one
    // character of the text read.
    let noise: Vec<u8> = (0..4096).map(|i| [0xff, 0xfe, 0x00, 0xc0, 0xf5, 0x80][i % 6]).collect();
    let path = std::env::temp_dir().join(format!("why401-cli-test-{}-noise", std::process::id()));
    std::fs::write(&path, &noise).unwrap();
    let from_file = why401(&["inspect", "--format", "json", "--now", NOW, path.to_str().unwrap()], b"");
    std::fs::remove_file(&path).unwrap();
    let from_stdin = why401(&["inspect", "--format", "json", "--now", NOW], &noise);
    for out in [&from_file, &from_stdin] {
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
        assert_eq!(codes(&report), ["IN002"]);
        assert_eq!(report["inputs"][0]["kind"], "unknown");
        assert_eq!(report["findings"][0]["message"], "Nothing this page reads was found in 4096 characters of text: it reads JWTs, `Authorization`, `WWW-Authenticate` and cookie headers, HTTP requests and responses, `curl` and `fetch` commands, HAR files, decoded claims, known log and error messages, and server configuration");
    }
    assert_eq!(from_file.stdout, from_stdin.stdout);
    // Only NUL bytes, in the text format.
    let out = why401(&["inspect", "--now", NOW], &[0u8; 64]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("IN002 Nothing recognised in the input"), "{text}");
}

#[test]
fn text_report_does_not_pass_control_characters_to_the_terminal() {
    // A header value holding an OSC sequence (sets the terminal's title), a colour change and a NUL.
    let exchange = b"GET /v1/me HTTP/1.1\nHost: api.example.com\nX-Note: \x1b[31mred\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\nX-Request-Id: r\x00\x1b]0;title\x07-7\n";
    let out = why401(&["inspect", "--now", NOW], exchange);
    let text = String::from_utf8(out.stdout).unwrap();
    let control: Vec<char> = text.chars().filter(|c| c.is_control() && *c != '\n').collect();
    assert!(control.is_empty(), "control characters {control:?} in:\n{text}");
}
