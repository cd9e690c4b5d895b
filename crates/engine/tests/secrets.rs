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
    vec![JWT.into(), SIGNATURE.into(), PASSWORD.into(), SESSION.into(), SET_SESSION.into(), QUERY_TOKEN.into(), AUTH_CODE.into(), HMAC.into()]
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

#[test]
fn one_credential_name_policy_for_the_report_the_incident_the_snippets_and_the_url_check() {
    // Every name the policy calls a credential is hidden in every shared output, and the URL
    // check flags it; the names that belong in URLs by design are hidden but not flagged.
    let secret = "s3cr3t-VALUE-0123456789abcdef";
    for name in ["client_secret", "refresh_token", "access_token", "password", "api_key", "sid", "session", "X-Api-Key"] {
        let paste = format!(
            "GET https://api.example.com/v1/me?{name}={secret}&page=2 HTTP/1.1\nHost: api.example.com\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n"
        );
        let report = inspect(&paste, &Context::new(1_764_000_000));
        let json = serde_json::to_string(&report).unwrap();
        let incident = render(&report, &Environment::default());
        assert!(!json.contains(secret), "{name}: the JSON report shows it");
        assert!(!incident.contains(secret), "{name}: the incident report shows it");
        assert!(report.findings.iter().any(|f| f.code.as_str() == "HTTP012"), "{name}: the URL check does not flag it");
    }
    let presigned =
        format!("GET https://bucket.s3.amazonaws.com/k?X-Amz-Signature={secret} HTTP/1.1\nHost: bucket.s3.amazonaws.com\n\nHTTP/1.1 403 Forbidden\n");
    let report = inspect(&presigned, &Context::new(1_764_000_000));
    assert!(!serde_json::to_string(&report).unwrap().contains(secret), "a presigned URL's signature is hidden");
    assert!(!report.findings.iter().any(|f| f.code.as_str() == "HTTP012"), "a presigned URL is not a leak");
}
