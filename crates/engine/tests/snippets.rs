//! The snippets of a report: commands that reproduce the diagnosed request (curl, HTTPie,
//! fetch) and server configuration (nginx, Express), built from realistic pastes. Secrets stay
//! placeholders unless the caller asks for them, and shell quoting survives hostile values.

use base64::Engine;
use serde_json::json;
use why401_engine::context::CredentialsMode;
use why401_engine::report::Snippet;
use why401_engine::{inspect, Context, Expectations, Report};

const NOW: i64 = 1_764_000_000; // Mon, 24 Nov 2025 16:00:00 GMT
const COOKIE_SECRET: &str = "s3ss10n-Zx81kq";
const API_KEY: &str = "ak_live_51HxQ9f2";
const PASSWORD: &str = "hunter2-Pw!";

fn b64url(value: &serde_json::Value) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
}

/// An RS256 token with these claims (the signature is not checked here).
fn jwt_with(claims: serde_json::Value) -> String {
    format!("{}.{}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk", b64url(&json!({"alg": "RS256", "kid": "k1", "typ": "JWT"})), b64url(&claims))
}

fn default_token() -> String {
    jwt_with(json!({"iss": "https://login.example.com/", "aud": "api://orders", "sub": "u1", "scope": "orders.read", "exp": NOW - 3600}))
}

fn run(text: &str) -> Report {
    inspect(text, &Context::new(NOW))
}

fn revealing(text: &str) -> Report {
    let mut ctx = Context::new(NOW);
    ctx.secrets_in_snippets = true;
    inspect(text, &ctx)
}

fn ids(report: &Report) -> Vec<&str> {
    report.snippets.iter().map(|s| s.id.as_str()).collect()
}

fn snippet<'a>(report: &'a Report, id: &str) -> &'a Snippet {
    report.snippets.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no `{id}` snippet in {:?}", ids(report)))
}

/// The words of a shell command, as the shell splits them (line continuations joined, comments
/// dropped, no expansion).
fn words(command: &str) -> Vec<String> {
    shlex::split(&without_continuations(command)).expect("balanced quotes")
}

/// The command with each `\<newline>` outside single quotes removed, as the shell does before it
/// splits words (`shlex` would leave an empty word in its place).
fn without_continuations(command: &str) -> String {
    let mut out = String::with_capacity(command.len());
    let mut chars = command.chars();
    let (mut single, mut double) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '\\' if !single => {
                match chars.next() {
                    Some('\n') => {}
                    Some(next) => {
                        out.push(c);
                        out.push(next);
                    }
                    None => out.push(c),
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

fn assert_absent(report: &Report, secrets: &[&str]) {
    for s in &report.snippets {
        for secret in secrets {
            assert!(!s.text.contains(secret), "the `{}` snippet shows the secret `{secret}`:\n{}", s.id, s.text);
        }
    }
}

fn bearer_exchange(token: &str) -> String {
    format!(
        "GET /v1/orders?page=2 HTTP/1.1\r\nHost: api.example.com\r\nAccept: application/json\r\nAccept-Encoding: gzip, br\r\nConnection: keep-alive\r\n\
         User-Agent: Mozilla/5.0\r\nSec-Fetch-Mode: cors\r\nAuthorization: Bearer {token}\r\nCookie: session={COOKIE_SECRET}; theme=dark\r\n\
         X-Api-Key: {API_KEY}\r\n\r\nHTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"\r\n\r\n"
    )
}

#[test]
fn a_bearer_401_gets_every_snippet_with_placeholders() {
    let token = default_token();
    let report = run(&bearer_exchange(&token));
    assert_eq!(ids(&report), ["curl", "httpie", "fetch", "nginx-pass-authorization", "express-auth"]);
    let languages: Vec<&str> = report.snippets.iter().map(|s| s.language.as_str()).collect();
    assert_eq!(languages, ["bash", "bash", "javascript", "nginx", "javascript"]);
    assert!(report.snippets.iter().all(|s| !s.title.is_empty() && !s.text.is_empty()));
    assert_eq!(snippet(&report, "curl").title, "Reproduce with curl");
    assert_absent(&report, &[&token, COOKIE_SECRET, API_KEY]);

    let curl = &snippet(&report, "curl").text;
    assert!(curl.starts_with("# Set "), "{curl}");
    assert!(curl.contains("export TOKEN="), "{curl}");
    assert!(curl.contains(r#"-H "Authorization: Bearer $TOKEN""#), "{curl}");
    assert_eq!(
        words(curl),
        [
            "curl",
            "-i",
            "https://api.example.com/v1/orders?page=2",
            "-H",
            "Accept: application/json",
            "-H",
            "Authorization: Bearer $TOKEN",
            "-H",
            "Cookie: $COOKIE",
            "-H",
            "X-Api-Key: $API_KEY",
        ],
        "hop-by-hop and browser headers are left out:\n{curl}"
    );

    let httpie = &snippet(&report, "httpie").text;
    assert_eq!(
        words(httpie),
        [
            "http",
            "--print=hHbB",
            "GET",
            "https://api.example.com/v1/orders?page=2",
            "Accept:application/json",
            "Authorization:Bearer $TOKEN",
            "Cookie:$COOKIE",
            "X-Api-Key:$API_KEY",
        ]
    );

    let fetch = &snippet(&report, "fetch").text;
    assert!(fetch.contains(r#"const res = await fetch("https://api.example.com/v1/orders?page=2", {"#), "{fetch}");
    assert!(fetch.contains(r#""Authorization": "Bearer $TOKEN""#), "{fetch}");
    assert!(fetch.contains("credentials: 'include'"), "cookies were sent:\n{fetch}");
    assert!(!fetch.contains("\"Cookie\""), "a page cannot set Cookie:\n{fetch}");
    assert!(fetch.contains("res.status") && fetch.contains("res.headers.get('WWW-Authenticate')"), "{fetch}");

    let nginx = &snippet(&report, "nginx-pass-authorization").text;
    assert!(nginx.contains("proxy_set_header Authorization $http_authorization;"), "{nginx}");
    assert!(nginx.contains("proxy_pass_request_headers on;") && nginx.contains("location /v1/ {"), "{nginx}");
    assert!(!nginx.contains("underscores_in_headers"), "no header has an underscore:\n{nginx}");
}

#[test]
fn secrets_appear_only_when_asked_for() {
    let token = default_token();
    let report = revealing(&bearer_exchange(&token));
    let curl = &snippet(&report, "curl").text;
    for secret in [token.as_str(), COOKIE_SECRET, API_KEY] {
        assert!(curl.contains(secret), "`{secret}` is missing:\n{curl}");
        assert!(snippet(&report, "httpie").text.contains(secret));
    }
    assert!(!curl.contains("$TOKEN") && !curl.contains("export "), "{curl}");
    assert!(curl.starts_with("# This command holds the real credentials"), "{curl}");
    let args = words(curl);
    assert!(args.contains(&format!("Authorization: Bearer {token}")), "{args:?}");
    assert!(args.contains(&format!("Cookie: session={COOKIE_SECRET}; theme=dark")), "{args:?}");
    assert!(snippet(&report, "fetch").text.contains(&token));
    // The middleware reads the claims, never the token.
    assert!(!snippet(&report, "express-auth").text.contains(&token));
}

#[test]
fn basic_credentials_get_a_placeholder_and_no_express_middleware() {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("alice:{PASSWORD}"));
    let text = format!(
        "POST /v1/token HTTP/1.1\nHost: auth.example.com\nAuthorization: Basic {basic}\nContent-Type: application/x-www-form-urlencoded\n\n\
         grant_type=client_credentials&client_secret=cs-very-secret&scope=orders.read\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"auth\"\n"
    );
    let report = run(&text);
    assert_eq!(ids(&report), ["curl", "httpie", "fetch", "nginx-pass-authorization"]);
    assert_absent(&report, &[&basic, PASSWORD, "cs-very-secret"]);
    let curl = &snippet(&report, "curl").text;
    assert!(curl.contains("export BASIC=") && curl.contains("alice"), "the user name helps, the password stays out:\n{curl}");
    let args = words(curl);
    assert!(args.contains(&"Authorization: Basic $BASIC".to_string()), "{args:?}");
    assert_eq!(args.last().map(String::as_str), Some("grant_type=client_credentials&client_secret=$CLIENT_SECRET&scope=orders.read"));
    assert!(!args.contains(&"-X".to_string()), "a POST with a body needs no -X: {args:?}");
    assert_eq!(args.get(args.len().wrapping_sub(2)).map(String::as_str), Some("--data-raw"));
    let httpie = words(&snippet(&report, "httpie").text);
    assert_eq!(httpie.get(httpie.len().wrapping_sub(2)).map(String::as_str), Some("--raw"));

    let shown = revealing(&text);
    assert!(words(&snippet(&shown, "curl").text).contains(&format!("Authorization: Basic {basic}")));
    assert!(snippet(&shown, "curl").text.contains("client_secret=cs-very-secret"));
}

#[test]
fn json_bodies_keep_their_shape_with_the_password_replaced() {
    let text = format!(
        "POST https://app.example.com/api/login HTTP/1.1\nContent-Type: application/json\n\n{{\"username\":\"alice\",\"password\":\"{PASSWORD}\",\"remember\":true}}\n\n\
         HTTP/1.1 401 Unauthorized\n"
    );
    let report = run(&text);
    assert_eq!(ids(&report), ["curl", "httpie", "fetch"], "no Authorization, no server snippets");
    assert_absent(&report, &[PASSWORD]);
    let args = words(&snippet(&report, "curl").text);
    let body = args.last().cloned().unwrap_or_default();
    assert_eq!(body, r#"{"username":"alice","password":"$PASSWORD","remember":true}"#);
    let fetch = &snippet(&report, "fetch").text;
    assert!(fetch.contains(r#"body: "{\"username\":\"alice\",\"password\":\"$PASSWORD\",\"remember\":true}","#), "{fetch}");
    assert!(!fetch.contains("credentials:"), "no cookies, no credentials mode:\n{fetch}");
    assert!(snippet(&revealing(&text), "curl").text.contains(PASSWORD));
}

#[test]
fn hostile_header_values_cannot_break_out_of_the_quotes() {
    let hostile = r#"it's "quoted" $(touch /tmp/pwned) `id` ${HOME} \ ; & | ! *"#;
    let text = format!("GET /v1/me HTTP/1.1\nHost: api.example.com\nX-Note: {hostile}\nAuthorization: Bearer abc.def\n\nHTTP/1.1 401 Unauthorized\n");
    let report = run(&text);
    let args = words(&snippet(&report, "curl").text);
    assert_eq!(args, ["curl", "-i", "https://api.example.com/v1/me", "-H", &format!("X-Note: {hostile}"), "-H", "Authorization: Bearer $TOKEN"]);
    let args = words(&snippet(&report, "httpie").text);
    assert_eq!(args, ["http", "--print=hHbB", "GET", "https://api.example.com/v1/me", &format!("X-Note:{hostile}"), "Authorization:Bearer $TOKEN"]);
    let fetch = &snippet(&report, "fetch").text;
    assert!(fetch.contains(&format!("\"X-Note\": {},", serde_json::to_string(hostile).unwrap())), "{fetch}");

    // A HAR file can hold anything, line breaks included, in names, values, the URL and the body.
    let har = json!({"log": {"version": "1.2", "entries": [{
        "request": {
            "method": "PUT",
            "url": "https://api.example.com/v1/it's?q=a'b",
            "httpVersion": "HTTP/2",
            "headers": [
                {"name": ":authority", "value": "api.example.com"},
                {"name": "x-multi", "value": "line one\nline 'two'\r\n$(id)"},
                {"name": "authorization", "value": "Bearer it's'$(secret)"},
                {"name": "x-empty", "value": ""},
            ],
            "postData": {"mimeType": "text/plain", "text": "a'b\n\"c\"\n`d`"}
        },
        "response": {"status": 401, "httpVersion": "HTTP/2", "headers": [], "content": {"text": ""}}
    }]}});
    for ctx_reveal in [false, true] {
        let mut ctx = Context::new(NOW);
        ctx.secrets_in_snippets = ctx_reveal;
        let report = inspect(&har.to_string(), &ctx);
        let auth = if ctx_reveal { "authorization: Bearer it's'$(secret)" } else { "authorization: Bearer $TOKEN" };
        let args = words(&snippet(&report, "curl").text);
        assert_eq!(
            args,
            [
                "curl",
                "-i",
                "-X",
                "PUT",
                "https://api.example.com/v1/it's?q=a'b",
                "-H",
                "x-multi: line one\nline 'two'\r\n$(id)",
                "-H",
                auth,
                "-H",
                "x-empty;",
                "--data-raw",
                "a'b\n\"c\"\n`d`",
            ],
            "{}",
            snippet(&report, "curl").text
        );
        let fetch = &snippet(&report, "fetch").text;
        assert!(fetch.contains(r#""x-multi": "line one\nline 'two'\r\n$(id)","#), "{fetch}");
    }
}

#[test]
fn fetch_includes_credentials_for_cookies_or_when_the_context_says() {
    let cookie = format!("GET https://api.example.com/v1/me HTTP/1.1\nCookie: sid={COOKIE_SECRET}\n\nHTTP/1.1 401 Unauthorized\n");
    let report = run(&cookie);
    assert_eq!(ids(&report), ["curl", "httpie", "fetch"]);
    assert_absent(&report, &[COOKIE_SECRET]);
    assert!(snippet(&report, "fetch").text.contains("credentials: 'include'"));
    assert!(words(&snippet(&report, "curl").text).contains(&"Cookie: $COOKIE".to_string()));
    assert!(snippet(&revealing(&cookie), "curl").text.contains(COOKIE_SECRET));

    let plain = "GET https://api.example.com/v1/me HTTP/1.1\nAccept: */*\n\nHTTP/1.1 401 Unauthorized\n";
    let fetch = snippet(&report_of(plain, None), "fetch").text.clone();
    assert!(!fetch.contains("credentials"), "{fetch}");
    assert!(!snippet(&report_of(plain, None), "curl").text.starts_with('#'), "nothing to set");
    let fetch = snippet(&report_of(plain, Some(CredentialsMode::Include)), "fetch").text.clone();
    assert!(fetch.contains("credentials: 'include'"), "{fetch}");
}

fn report_of(text: &str, credentials: Option<CredentialsMode>) -> Report {
    let mut ctx = Context::new(NOW);
    ctx.credentials = credentials;
    inspect(text, &ctx)
}

#[test]
fn express_middleware_checks_what_the_api_expects() {
    let token = default_token();
    let report = run(&bearer_exchange(&token));
    let express = &snippet(&report, "express-auth").text;
    for needed in [
        "import { createRemoteJWKSet, jwtVerify } from 'jose';",
        r#"const ISSUER = "https://login.example.com/"; // from the token"#,
        r#"const AUDIENCE = ["api://orders"]; // from the token"#,
        "clockTolerance: 60",
        r#"algorithms: ["RS256"]"#,
        "requiredClaims: ['exp']",
        r#"'realm="api"'"#,
        "'invalid_token'",
        "deny(res, 403, 'insufficient_scope'",
        "scheme?.toLowerCase() !== 'bearer'",
    ] {
        assert!(express.contains(needed), "`{needed}` is missing:\n{express}");
    }

    let mut ctx = Context::new(NOW).with_expectations(Expectations {
        audiences: vec!["https://api.example.com".into()],
        issuer: Some("https://id.example.com/tenant".into()),
        scopes: vec!["orders.write".into(), "orders.read".into()],
        ..Expectations::default()
    });
    ctx.secrets_in_snippets = true;
    let report = inspect(&bearer_exchange(&token), &ctx);
    let express = &snippet(&report, "express-auth").text;
    assert!(express.contains(r#"const ISSUER = "https://id.example.com/tenant"; // what the API expects"#), "{express}");
    assert!(express.contains(r#"const AUDIENCE = ["https://api.example.com"];"#), "{express}");
    assert!(express.contains(r#"const REQUIRED_SCOPES = ["orders.write", "orders.read"];"#), "{express}");
    assert!(express.contains(r#"new URL("https://id.example.com/tenant/.well-known/jwks.json")"#), "{express}");

    // An HMAC token is verified with a shared secret, not a JWKS.
    let hs = format!("{}.{}.c2ln", b64url(&json!({"alg": "HS256"})), b64url(&json!({"iss": "me", "exp": NOW})));
    let express = snippet(&report_of(&bearer_exchange(&hs), None), "express-auth").text.clone();
    assert!(express.contains("process.env.JWT_SECRET") && !express.contains("createRemoteJWKSet"), "{express}");

    // Claims are data: a hostile issuer stays inside its string literal.
    let hostile = jwt_with(json!({"iss": "x\";\nrequire('child_process').exec('id');//", "aud": ["a", "b\u{2028}"]}));
    let express = snippet(&report_of(&bearer_exchange(&hostile), None), "express-auth").text.clone();
    let line = express.lines().find(|l| l.starts_with("const ISSUER = ")).unwrap_or_default();
    let literal = line.trim_start_matches("const ISSUER = ").split("; //").next().unwrap_or_default();
    assert_eq!(serde_json::from_str::<String>(literal).unwrap(), "x\";\nrequire('child_process').exec('id');//");
    assert!(express.contains(r#"const AUDIENCE = ["a", "b\u2028"];"#), "{express}");
}

#[test]
fn express_middleware_reads_the_token_the_engine_decoded() {
    // The scheme written twice: the token is still the one the report decoded, header and claims.
    let token = jwt_with(json!({"iss": "https://issuer.example/", "aud": ["api://a", "api://b"], "exp": NOW}));
    let report = run(&bearer_exchange(&format!("Bearer {token}")));
    assert_eq!(report.tokens.len(), 1);
    let express = &snippet(&report, "express-auth").text;
    assert!(express.contains(r#"const ISSUER = "https://issuer.example/"; // from the token"#), "{express}");
    assert!(express.contains(r#"const AUDIENCE = ["api://a", "api://b"]; // from the token"#), "{express}");
    assert!(express.contains(r#"algorithms: ["RS256"]"#), "{express}");
    // An opaque token was not decoded: nothing is taken from it.
    let report = run(&bearer_exchange("opaque-token-value-0123456789"));
    let express = &snippet(&report, "express-auth").text;
    assert!(express.contains(r#"const ISSUER = "https://your-issuer.example/"; // replace"#), "{express}");
    assert!(!express.contains("algorithms:"), "{express}");
}

#[test]
fn server_snippets_follow_the_credentials_sent() {
    // No Authorization: no nginx or Express snippet.
    let report = run(&format!("GET https://api.example.com/v1/me HTTP/1.1\nX-Api-Key: {API_KEY}\n\nHTTP/1.1 401 Unauthorized\n"));
    assert_eq!(ids(&report), ["curl", "httpie", "fetch"]);
    assert_absent(&report, &[API_KEY]);
    // A token in the query string is a credential too.
    let report = report_of("GET https://api.example.com/v1/me?access_token=qs-secret-123&page=1 HTTP/1.1\n\nHTTP/1.1 401 Unauthorized\n", None);
    assert_absent(&report, &["qs-secret-123"]);
    assert!(words(&snippet(&report, "curl").text).contains(&"https://api.example.com/v1/me?access_token=$ACCESS_TOKEN&page=1".to_string()));
    // Another scheme: nginx forwards it, but the Express middleware is for Bearer tokens.
    let report = report_of(
        "GET https://api.example.com/v1/me HTTP/1.1\nAuthorization: Token 9944b09199c62bcf9418ad846dd0e4bb\nX_Api_Key: k\n\nHTTP/1.1 401 Unauthorized\n",
        None,
    );
    assert_eq!(ids(&report), ["curl", "httpie", "fetch", "nginx-pass-authorization"]);
    assert_absent(&report, &["9944b09199c62bcf9418ad846dd0e4bb"]);
    let nginx = &snippet(&report, "nginx-pass-authorization").text;
    assert!(nginx.contains("underscores_in_headers on;") && nginx.contains("`X_Api_Key`"), "{nginx}");
    // A lone word in Authorization is the credential itself.
    let report = report_of("GET https://api.example.com/v1/me HTTP/1.1\nAuthorization: lonewordsecret\n\nHTTP/1.1 401 Unauthorized\n", None);
    assert_absent(&report, &["lonewordsecret"]);
}

#[test]
fn a_curl_verbose_transcript_reproduces_over_https() {
    let token = default_token();
    let text = format!(
        "*   Trying 203.0.113.7:443...\n* Connected to api.example.com (203.0.113.7) port 443\n> DELETE /v1/orders/7 HTTP/2\n> Host: api.example.com\n> User-Agent: curl/8.5.0\n\
         > Accept: */*\n> Authorization: Bearer {token}\n>\n< HTTP/2 401\n< www-authenticate: Bearer error=\"invalid_token\"\n<\n{{\"error\":\"invalid_token\"}}\n"
    );
    let report = run(&text);
    assert_absent(&report, &[&token]);
    let args = words(&snippet(&report, "curl").text);
    assert_eq!(args, ["curl", "-i", "-X", "DELETE", "https://api.example.com/v1/orders/7", "-H", "Accept: */*", "-H", "Authorization: Bearer $TOKEN"]);
    // A raw request without a host gets a placeholder host and a note.
    let report = report_of("GET /v1/me HTTP/1.1\nAuthorization: Bearer x.y.z\n\nHTTP/1.1 401 Unauthorized\n", None);
    let curl = &snippet(&report, "curl").text;
    assert!(curl.contains("https://api.example.invalid/v1/me") && curl.contains("does not show the host"), "{curl}");
}

#[test]
fn no_request_no_snippets() {
    assert!(run(&default_token()).snippets.is_empty());
    assert!(run("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n").snippets.is_empty());
    assert!(run("").snippets.is_empty());
}

#[test]
fn the_diagnosed_exchange_is_the_one_that_failed() {
    let text = "GET https://api.example.com/ok HTTP/1.1\n\nHTTP/1.1 200 OK\n\nGET https://api.example.com/fails HTTP/1.1\nAuthorization: Bearer a.b.c\n\nHTTP/1.1 401 Unauthorized\n";
    let report = run(text);
    assert!(words(&snippet(&report, "curl").text).contains(&"https://api.example.com/fails".to_string()));
    let mut ctx = Context::new(NOW);
    ctx.exchange = Some(0);
    let report = inspect(text, &ctx);
    assert!(words(&snippet(&report, "curl").text).contains(&"https://api.example.com/ok".to_string()));
}

#[test]
fn large_bodies_and_many_headers_do_not_panic() {
    let body = "x".repeat(1_000_000);
    let text =
        format!("POST https://api.example.com/upload HTTP/1.1\nContent-Type: text/plain\nAuthorization: Bearer a.b.c\n\n{body}\n\nHTTP/1.1 401 Unauthorized\n");
    let report = run(&text);
    let args = words(&snippet(&report, "curl").text);
    assert_eq!(args.last().map(String::len), Some(1_000_000));

    let json_body = format!("{{\"password\":\"p\",\"data\":\"{body}\"}}");
    let text = format!("POST https://api.example.com/upload HTTP/1.1\nContent-Type: application/json\n\n{json_body}\n\nHTTP/1.1 401 Unauthorized\n");
    assert_eq!(ids(&report_of(&text, None)), ["curl", "httpie", "fetch"]);

    let mut text = String::from("GET https://api.example.com/v1/me HTTP/1.1\nAuthorization: Bearer a.b.c\n");
    for i in 0..5000 {
        text.push_str(&format!("X-Custom-{i}: value {i}\nX-Token-{i}: t{i}\n"));
    }
    text.push_str("\nHTTP/1.1 401 Unauthorized\n");
    let report = run(&text);
    let curl = &snippet(&report, "curl").text;
    assert_eq!(words(curl).len(), 3 + 2 * 10_001, "every header is resent");
    assert!(!curl.contains("t4999") && curl.contains("\"X-Token-4999: $TOKEN_4999\""), "each token header gets its own placeholder");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any header value, URL path and body, in a HAR entry (which can hold anything), comes back
    /// from the curl and HTTPie commands word for word.
    #[test]
    fn any_value_round_trips_through_the_shell(
        value in "\\PC{0,40}|[ -~\n\r\t]{0,40}",
        path in "[a-zA-Z0-9'\"$`!;&|* ]{0,20}",
        body in "\\PC{0,40}|[ -~\n]{0,40}",
        reveal in proptest::bool::ANY,
    ) {
        let har = json!({"log": {"entries": [{
            "request": {
                "method": "POST",
                "url": format!("https://api.example.com/{path}"),
                "headers": [{"name": "X-Note", "value": value}, {"name": "Authorization", "value": "Bearer a.b.c"}],
                "postData": {"mimeType": "text/plain", "text": body}
            },
            "response": {"status": 401, "headers": []}
        }]}});
        let mut ctx = Context::new(NOW);
        ctx.secrets_in_snippets = reveal;
        let report = inspect(&har.to_string(), &ctx);
        let curl = words(&snippet(&report, "curl").text);
        let note = if value.is_empty() { "X-Note;".to_string() } else { format!("X-Note: {value}") };
        proptest::prop_assert!(curl.contains(&note), "{:?} not in {:?}", note, curl);
        let auth = if reveal { "Authorization: Bearer a.b.c" } else { "Authorization: Bearer $TOKEN" };
        proptest::prop_assert!(curl.contains(&auth.to_string()), "{:?}", curl);
        if !body.is_empty() {
            proptest::prop_assert_eq!(curl.last(), Some(&body));
        }
        let httpie = words(&snippet(&report, "httpie").text);
        proptest::prop_assert_eq!(httpie.get(2).map(String::as_str), Some("POST"));
    }
}
