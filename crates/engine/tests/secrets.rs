//! Secrets stay secret: a paste full of them, and not one appears in the JSON report or the
//! Markdown incident report (both are meant to be shared).

#[allow(dead_code)]
mod support;

use support::planted::*;
use why401_engine::markdown::{render, Environment, StepAnswer};
use why401_engine::{inspect, Context, KeyFormat, KeyInput};

fn paste() -> String {
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("alice:{PASSWORD}"));
    [
        format!("GET https://api.example.com/v1/me?access_token={QUERY_TOKEN} HTTP/1.1"),
        "Host: api.example.com".into(),
        format!("Authorization: Bearer {JWT}"),
        format!("Cookie: session={SESSION}; theme=dark"),
        String::new(),
        "HTTP/1.1 401 Unauthorized".into(),
        "WWW-Authenticate: Bearer error=\"invalid_token\"".into(),
        format!("Set-Cookie: session={SET_SESSION}; Path=/; Secure; HttpOnly; SameSite=Lax"),
        String::new(),
        format!("GET https://app.example.com/callback?code={AUTH_CODE}&state=af0ifjsldkj HTTP/1.1"),
        "Host: app.example.com".into(),
        format!("Authorization: Basic {basic}"),
        String::new(),
        "HTTP/1.1 401 Unauthorized".into(),
        "WWW-Authenticate: Basic realm=\"app\"".into(),
        String::new(),
        format!("Cookie: other={SESSION}x"),
        format!("Set-Cookie: pasted={SET_SESSION}y; Secure"),
    ]
    .join("\n")
}

fn secrets() -> Vec<String> {
    vec![
        JWT.into(),
        SIGNATURE.into(),
        PASSWORD.into(),
        SESSION.into(),
        SET_SESSION.into(),
        QUERY_TOKEN.into(),
        AUTH_CODE.into(),
        HMAC.into(),
    ]
}

#[test]
fn no_secret_reaches_the_json_or_markdown_report() {
    let ctx = Context::new(NOW).with_key(KeyInput::new("the secret field", HMAC, KeyFormat::SecretText));
    let report = inspect(&paste(), &ctx);
    assert!(report.exchanges.len() >= 2 && !report.tokens.is_empty() && !report.cookies.is_empty(), "the paste was read");
    let json = serde_json::to_string(&report).expect("serialises");
    let env = Environment {
        agent: Some("test".into()),
        utc_offset_minutes: Some(60),
        answers: vec![StepAnswer { id: "token-expiry".into(), answer: "done".into(), note: "rotated the key".into(), fixed: true }],
    };
    let markdown = render(&report, &env);
    assert!(markdown.contains("Fixed by: **Token expiry**") && markdown.contains("rotated the key"), "{markdown}");
    for secret in secrets() {
        assert!(!json.contains(&secret), "the JSON report holds {secret:?}");
        assert!(!markdown.contains(&secret), "the Markdown report holds {secret:?}");
    }
    // What is not secret is there, so the report is still useful.
    assert!(markdown.contains("`aud`: `api`"), "{markdown}");
    assert!(markdown.contains("/v1/me?access_token="), "the URL stays, its credential redacted");
    assert!(json.contains("\"sent\":\"session=") && json.contains("theme=sha256:"), "cookie names stay, values are redacted");
    assert!(!markdown.contains("alice@example.com"), "a personal claim is shown only as a fingerprint");
}
