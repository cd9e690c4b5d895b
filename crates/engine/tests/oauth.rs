//! PKCE (RFC 7636) and the OAuth authorize and token requests, through the whole engine: what is
//! recognised in a paste, what each check says, and hostile input.

use why401_engine::{inspect, Context, Expectations, Finding, Report};

const NOW: i64 = 1_764_000_000;
/// RFC 7636 Appendix B.
const RFC_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const REDIRECT: &str = "https%3A%2F%2Fapp.example.com%2Fcallback";

fn run(text: &str) -> Report {
    inspect(text, &Context::new(NOW))
}

fn run_with_scopes(text: &str, scopes: &[&str]) -> Report {
    let expect = Expectations { scopes: scopes.iter().map(|s| s.to_string()).collect(), ..Expectations::default() };
    inspect(text, &Context::new(NOW).with_expectations(expect))
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

fn kinds(report: &Report) -> Vec<&'static str> {
    report.inputs.iter().map(|i| i.kind.as_str()).collect()
}

fn finding<'a>(report: &'a Report, code: &str) -> &'a Finding {
    report.findings.iter().find(|f| f.code.as_str() == code).unwrap_or_else(|| panic!("no {code} in {:?}", codes(report)))
}

/// An authorize URL with the usual parameters; `extra` is appended to its query.
fn authorize(extra: &str) -> String {
    format!(
        "https://login.example.com/oauth2/authorize?response_type=code&client_id=spa-123&redirect_uri={REDIRECT}&scope=openid%20profile&state=xyz123{extra}"
    )
}

fn with_challenge(challenge: &str, method: Option<&str>) -> String {
    let method = method.map(|m| format!("&code_challenge_method={m}")).unwrap_or_default();
    authorize(&format!("&code_challenge={challenge}{method}"))
}

fn token_body(verifier: &str) -> String {
    format!("grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri={REDIRECT}&client_id=spa-123&code_verifier={verifier}")
}

#[test]
fn rfc_7636_appendix_b_matches() {
    let report = run(&format!("{}\n{}", with_challenge(RFC_CHALLENGE, Some("S256")), token_body(RFC_VERIFIER)));
    assert_eq!(kinds(&report), ["authorize-url", "token-request"]);
    assert_eq!(codes(&report), ["OAUTH002"]);
    assert_eq!(report.findings[0].input, Some(1));
    let step = report.checklist.iter().find(|s| s.id.as_str() == "identity-provider").unwrap();
    assert_eq!(step.status.as_str(), "pass");
    // The same pair pasted on its own, in either order.
    let alone = run(&format!("code_verifier={RFC_VERIFIER}\ncode_challenge={RFC_CHALLENGE}"));
    assert_eq!(kinds(&alone), ["token-request", "authorize-url"]);
    assert_eq!(codes(&alone), ["OAUTH002"]);
    let reversed = run(&format!("code_challenge: {RFC_CHALLENGE}\ncode_challenge_method: S256\ncode_verifier: {RFC_VERIFIER}"));
    assert_eq!(codes(&reversed), ["OAUTH002"]);
}

#[test]
fn one_changed_character_mismatches() {
    let changed = RFC_VERIFIER.replacen('d', "e", 1);
    let report = run(&format!("{}\n{}", with_challenge(RFC_CHALLENGE, Some("S256")), token_body(&changed)));
    assert_eq!(codes(&report), ["OAUTH001"]);
    let f = finding(&report, "OAUTH001");
    assert_eq!(f.severity.as_str(), "error");
    assert!(f.message.contains(RFC_CHALLENGE) && f.message.contains("line 1"), "{}", f.message);
    assert!(!f.message.contains(&changed), "the verifier leaked: {}", f.message);
    // A challenge that is not the hash of this verifier (a digit changed) does not match either.
    let report = run(&format!("code_verifier={RFC_VERIFIER}\ncode_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN"));
    assert_eq!(codes(&report), ["OAUTH001"]);
}

#[test]
fn mismatch_explains_encoding_mistakes() {
    let cases = [
        ("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM=", "padded or standard base64"),
        ("13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3", "in hex"),
        (RFC_VERIFIER, "the verifier itself"),
    ];
    for (challenge, says) in cases {
        let report = run(&format!("{}\n{}", with_challenge(challenge, Some("S256")), token_body(RFC_VERIFIER)));
        let f = finding(&report, "OAUTH001");
        assert!(f.message.contains(says), "{challenge}: {}", f.message);
    }
    // A `+` that became a space in an unencoded form body.
    let verifier = "abc+defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
    let challenge = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()))
    };
    let report = run(&format!("{}\n{}", with_challenge(&challenge, Some("S256")), token_body(verifier)));
    assert!(finding(&report, "OAUTH001").message.contains("arrived as a space"));
    assert!(codes(&report).contains(&"OAUTH007"));
}

#[test]
fn plain_and_missing_methods() {
    let plain = run(&format!("{}\n{}", with_challenge(RFC_VERIFIER, Some("plain")), token_body(RFC_VERIFIER)));
    assert_eq!(codes(&plain), ["OAUTH003", "OAUTH002"]);
    assert_eq!(finding(&plain, "OAUTH003").severity.as_str(), "warning");
    // No method means `plain` (RFC 7636 §4.3).
    let missing = run(&with_challenge(RFC_CHALLENGE, None));
    assert_eq!(codes(&missing), ["OAUTH003"]);
    assert!(finding(&missing, "OAUTH003").message.contains("treats it as `plain`"));
    // No method with an S256 challenge: the server compares as plain and refuses.
    let s256_without_method = run(&format!("{}\n{}", with_challenge(RFC_CHALLENGE, None), token_body(RFC_VERIFIER)));
    assert_eq!(codes(&s256_without_method), ["OAUTH004"]);
    // `plain` declared for an S256 challenge.
    let declared_plain = run(&format!("{}\n{}", with_challenge(RFC_CHALLENGE, Some("plain")), token_body(RFC_VERIFIER)));
    assert_eq!(codes(&declared_plain), ["OAUTH003", "OAUTH001"]);
    assert!(finding(&declared_plain, "OAUTH001").message.contains("send `code_challenge_method=S256`"));
    // The plain challenge is the verifier: it is not shown in full.
    let wrong_plain = run(&format!("{}\n{}", with_challenge(RFC_VERIFIER, Some("plain")), token_body(RFC_CHALLENGE)));
    assert!(!finding(&wrong_plain, "OAUTH001").message.contains(RFC_VERIFIER));
    for method in ["s256", "SHA256", "S512"] {
        let report = run(&with_challenge(RFC_CHALLENGE, Some(method)));
        assert_eq!(codes(&report), ["OAUTH005"], "{method}");
    }
}

#[test]
fn verifier_length_and_characters() {
    let cases: [(String, &[&str]); 7] = [
        ("a".repeat(42), &["OAUTH006"]),
        ("a".repeat(43), &[]),
        ("a".repeat(128), &[]),
        ("a".repeat(129), &["OAUTH006"]),
        (format!("{}%21", "a".repeat(43)), &["OAUTH007"]),
        (format!("{}%2B%2F%3D", "a".repeat(43)), &["OAUTH007"]),
        (format!("{}-._~", "a".repeat(43)), &[]),
    ];
    for (verifier, want) in &cases {
        let report = run(&token_body(verifier));
        assert_eq!(codes(&report), *want, "{verifier}");
        for f in &report.findings {
            assert!(!f.message.contains(verifier.as_str()), "the verifier leaked: {}", f.message);
        }
    }
    let short = run(&token_body("tooShort"));
    assert!(finding(&short, "OAUTH006").message.contains("has 8 characters"));
    let base64 = run(&token_body(&format!("{}%2B%2F%3D", "a".repeat(43))));
    assert!(finding(&base64, "OAUTH007").message.contains("`+`, `/` and `=`"));
}

#[test]
fn challenge_form_for_s256() {
    let padded = run(&with_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM%3D", Some("S256")));
    assert_eq!(codes(&padded), ["OAUTH008"]);
    assert!(finding(&padded, "OAUTH008").message.contains("padding"));
    let short = run(&with_challenge("E9Melhoa2OwvFrEMTJgu", Some("S256")));
    assert!(finding(&short, "OAUTH008").message.contains("has 20 characters"));
}

#[test]
fn state_missing() {
    let base = "https://login.example.com/authorize?response_type=code&client_id=spa-123&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=openid";
    let without_pkce = run(base);
    assert_eq!(codes(&without_pkce), ["OAUTH013", "OAUTH009"]);
    assert_eq!(finding(&without_pkce, "OAUTH009").severity.as_str(), "error");
    let with_pkce = run(&format!("{base}&code_challenge={RFC_CHALLENGE}&code_challenge_method=S256"));
    assert_eq!(codes(&with_pkce), ["OAUTH010"]);
    assert_eq!(finding(&with_pkce, "OAUTH010").severity.as_str(), "warning");
    // An empty `state` counts as none.
    assert!(codes(&run(&format!("{base}&state="))).contains(&"OAUTH009"));
}

#[test]
fn implicit_and_hybrid_flows() {
    let base = "https://login.example.com/authorize?client_id=spa-123&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=s1";
    let token = run(&format!("{base}&response_type=token&scope=orders.read"));
    assert_eq!(codes(&token), ["OAUTH012"]);
    let id_token_token = run(&format!("{base}&response_type=id_token%20token&scope=openid&nonce=n1"));
    assert_eq!(codes(&id_token_token), ["OAUTH012"]);
    let no_openid_no_nonce = run(&format!("{base}&response_type=id_token+token&scope=profile"));
    assert_eq!(codes(&no_openid_no_nonce), ["OAUTH012", "OAUTH018", "OAUTH019"]);
    let commas = run(&format!("{base}&response_type=id_token&scope=profile,email&nonce=n1"));
    assert!(finding(&commas, "OAUTH018").message.contains("not commas"));
    let unknown = run(&format!("{base}&response_type=Code&scope=openid"));
    assert!(finding(&unknown, "OAUTH011").message.contains("lower case"));
    let none = run(&format!("{base}&scope=openid&code_challenge={RFC_CHALLENGE}&code_challenge_method=S256"));
    assert_eq!(codes(&none), ["OAUTH011"]);
}

#[test]
fn redirect_uri_differences_name_the_part() {
    let authorize = "https://login.example.com/authorize?response_type=code&client_id=spa-123&redirect_uri=https://app.example.com/cb&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    let cases = [
        ("http://app.example.com/cb", "the scheme"),
        ("https://www.app.example.com/cb", "the host"),
        ("https://app.example.com:8443/cb", "the port"),
        ("https://app.example.com/callback", "the path"),
        ("https://app.example.com/cb/", "the trailing slash"),
        ("https://app.example.com/cb?from=login", "the query"),
        ("https://app.example.com/CB", "the letter case of the path"),
        ("https://app.example.com:443/cb", "how they are written"),
        ("https://APP.example.com/cb", "letter case"),
    ];
    for (sent, part) in cases {
        let body = format!(
            "grant_type=authorization_code&code=abc&client_id=spa-123&code_verifier={RFC_VERIFIER}&redirect_uri={}",
            url::form_urlencoded::byte_serialize(sent.as_bytes()).collect::<String>()
        );
        let report = run(&format!("{authorize}\n{body}"));
        let f = finding(&report, "OAUTH015");
        assert!(f.message.contains(part), "{sent}: {}", f.message);
        assert_eq!(f.input, Some(1));
    }
    // Missing from the token request.
    let report = run(&format!("{authorize}\ngrant_type=authorization_code&code=abc&client_id=spa-123&code_verifier={RFC_VERIFIER}"));
    assert!(finding(&report, "OAUTH015").message.contains("sends no `redirect_uri`"));
    // Two authorize URLs for one client.
    let report = run(&format!("{authorize}\n{}", authorize.replace("app.example.com/cb", "app.example.com/cb/")));
    assert!(finding(&report, "OAUTH015").message.contains("the one on line 1"));
    // Same string: nothing to say.
    let report = run(&format!(
        "{authorize}\ngrant_type=authorization_code&code=abc&client_id=spa-123&code_verifier={RFC_VERIFIER}&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb"
    ));
    assert_eq!(codes(&report), ["OAUTH002"]);
}

#[test]
fn plain_http_redirect_except_loopback() {
    let at = |redirect: &str| run(&authorize(&format!("&code_challenge={RFC_CHALLENGE}&code_challenge_method=S256")).replace(REDIRECT, redirect));
    assert_eq!(codes(&at("http%3A%2F%2Fapp.example.com%2Fcb")), ["OAUTH016"]);
    for loopback in
        ["http%3A%2F%2Flocalhost%3A3000%2Fcb", "http%3A%2F%2F127.0.0.1%3A5173%2Fcb", "http%3A%2F%2F%5B%3A%3A1%5D%3A8080%2Fcb", "com.example.app%3A%2Fcb"]
    {
        assert_eq!(codes(&at(loopback)), Vec::<&str>::new(), "{loopback}");
    }
}

#[test]
fn scopes_against_the_api() {
    let url = with_challenge(RFC_CHALLENGE, Some("S256"));
    assert!(codes(&run_with_scopes(&url, &["openid", "profile"])).is_empty());
    let report = run_with_scopes(&url, &["orders.read", "profile", "orders.write"]);
    let f = finding(&report, "OAUTH017");
    assert!(f.message.contains("not `orders.read` and `orders.write`"), "{}", f.message);
    let no_scope = run_with_scopes(&url.replace("&scope=openid%20profile", ""), &["orders.read"]);
    assert!(finding(&no_scope, "OAUTH017").message.contains("asks for no `scope`"));
    // A client-credentials token request that names its scopes is checked too.
    let report = run_with_scopes("grant_type=client_credentials&client_id=svc&client_secret=abcdefgh&scope=orders.read", &["orders.write"]);
    assert_eq!(codes(&report), ["OAUTH017"]);
}

#[test]
fn token_request_checks() {
    let report =
        run("grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&code_verifier=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert!(finding(&report, "OAUTH022").message.contains("`client_id`"));
    let report = run("grant_type=client_credentials&scope=orders.read");
    assert!(finding(&report, "OAUTH022").message.contains("no client authentication"));
    let report = run("grant_type=password&client_id=app&username=alice");
    assert!(finding(&report, "OAUTH022").message.contains("`password`"));
    let report = run("grant_type=refresh-token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_id=spa-123");
    assert!(finding(&report, "OAUTH021").message.contains("`refresh_token`"));
    let report = run("grant_type=urn:ietf:params:oauth:grant-type:device_code&device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS&client_id=tv-1");
    assert!(codes(&report).is_empty());
    assert_eq!(kinds(&report), ["token-request"]);
}

#[test]
fn secrets_never_appear_in_full() {
    let secret = "9f8Kq2LmZx7Vb4Nc1Rt6Yw3Ph0Jd5Gs8";
    let code = "SplxlOBeZQQYbYS6WxSbIAveryLongAuthorizationCode";
    let verifier = "kM_nLwgS72P0ZXw0g_4gC8YNEVScAnLr5G6WIU7G2u8";
    let text = format!(
        "{}\ncurl 'https://login.example.com/oauth2/token' -H 'origin: https://app.example.com' --data-raw 'grant_type=authorization_code&code={code}&redirect_uri=https%3A%2F%2Fother.example.com&client_id=spa-9&client_secret={secret}&code_verifier={verifier}'",
        with_challenge(RFC_CHALLENGE, None)
    );
    let report = run(&text);
    for want in ["OAUTH001", "OAUTH015", "OAUTH023", "OAUTH024"] {
        assert!(codes(&report).contains(&want), "{want} missing from {:?}", codes(&report));
    }
    let json = serde_json::to_string(&report).unwrap();
    let reported: Vec<String> = report.findings.iter().map(|f| f.message.clone()).chain(report.inputs.iter().map(|i| i.summary.clone())).collect();
    for value in [secret, code, verifier] {
        for text in &reported {
            assert!(!text.contains(value), "{value} leaked in {text}");
        }
    }
    // The report's findings and inputs are where these checks speak.
    assert!(json.contains("OAUTH024"));
}

#[test]
fn curl_commands_are_read_once_with_their_bodies() {
    // A bash `$'…'` body with an escaped quote: the one curl reader decodes it for every check.
    let bash = format!(
        "curl 'https://login.example.com/oauth2/token' \\\n  -H 'content-type: application/x-www-form-urlencoded' \\\n  --data-raw $'grant_type=authorization_code&code=abc&redirect_uri={REDIRECT}&client_id=spa-123&state=it\\'s&code_verifier=short'"
    );
    let report = run(&bash);
    assert_eq!(kinds(&report), ["curl", "token-request"], "{:?}", codes(&report));
    assert!(codes(&report).contains(&"OAUTH006"), "{:?}", codes(&report));
    // `--data-urlencode` and `-G`, as curl sends them: an authorize request in the query.
    let get = "curl -G https://login.example.com/oauth2/authorize -d response_type=code -d client_id=spa-123 --data-urlencode 'redirect_uri=http://app.example.com/cb' -d state=s";
    let report = run(get);
    assert_eq!(kinds(&report), ["curl", "authorize-url"], "{:?}", codes(&report));
    // No PKCE, and the URL-encoded `redirect_uri` decodes to plain HTTP.
    assert_eq!(codes(&report), ["OAUTH013", "OAUTH016"]);
    // A command after other text is read by the same reader, and listed as the request it makes.
    let later = format!("The token call fails:\n{bash}");
    let report = run(&later);
    assert!(kinds(&report).contains(&"token-request"), "{:?}", kinds(&report));
    assert!(codes(&report).contains(&"OAUTH006"), "{:?}", codes(&report));
    // A PKCE verifier posted alone still counts as the token half.
    let report = run(&format!("{}\ncurl https://login.example.com/oauth2/token -d code_verifier={RFC_VERIFIER}", with_challenge(RFC_CHALLENGE, Some("S256"))));
    assert_eq!(kinds(&report), ["authorize-url", "token-request"]);
    assert_eq!(codes(&report), ["OAUTH002"]);
}

#[test]
fn recognises_what_developers_paste() {
    // DevTools "Copy as cURL (cmd)".
    let cmd = format!(
        "curl ^\"https://login.example.com/oauth2/token^\" ^\n  -H ^\"content-type: application/x-www-form-urlencoded^\" ^\n  --data-raw ^\"grant_type=authorization_code^&code=abc^&redirect_uri={REDIRECT}^&client_id=spa-123^&code_verifier=short^\""
    );
    let report = run(&cmd);
    assert!(kinds(&report).contains(&"token-request"), "{:?}", kinds(&report));
    assert!(codes(&report).contains(&"OAUTH006"));
    // A `Location` header that sends the browser to the provider.
    let report = run(&format!("HTTP/1.1 302 Found\nLocation: {}\n", authorize("")));
    assert_eq!(kinds(&report), ["http-response", "authorize-url"]);
    assert!(codes(&report).contains(&"OAUTH013"));
    // A log line with the path only.
    let report = run("2025-11-24T10:00:00Z GET /oauth2/authorize?response_type=code&client_id=spa-123&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256 200");
    assert_eq!(kinds(&report), ["authorize-url"]);
    assert!(report.inputs[0].summary.contains("`/oauth2/authorize` for client `spa-123`, `code` flow with PKCE (S256)"), "{}", report.inputs[0].summary);
    // Summary of a whole URL, and the line it starts on.
    let report = run(&format!("\n\n{}", with_challenge(RFC_CHALLENGE, Some("S256"))));
    assert_eq!(
        report.inputs[0].summary,
        "Authorize request to `https://login.example.com/oauth2/authorize` for client `spa-123`, `code` flow with PKCE (S256)"
    );
    assert_eq!(report.inputs[0].line, 3);
}

#[test]
fn leaves_other_inputs_alone() {
    for text in [
        "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3NjQwMDAwMDB9.c2ln",
        "Authorization: Bearer abc.def.ghi",
        "https://api.example.com/v1/orders?page=2&size=50",
        "https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz",
        "user=alice&password=hunter2",
        "state: abc",
    ] {
        let report = run(text);
        assert!(!kinds(&report).iter().any(|k| *k == "authorize-url" || *k == "token-request"), "{text}: {:?}", kinds(&report));
    }
    // A token request inside a pasted HTTP message is listed only when something is wrong with it.
    let clean = "POST /oauth/token HTTP/1.1\nHost: login.example.com\nAuthorization: Basic c3ZjOnNlY3JldA==\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&scope=orders.read\n";
    assert!(!kinds(&run(clean)).contains(&"token-request"));
    let broken = clean.replace("client_credentials", "client-credentials");
    assert!(kinds(&run(&broken)).contains(&"token-request"));
    assert!(codes(&run(&broken)).contains(&"OAUTH021"));
}

#[test]
fn malformed_percent_encoding() {
    for text in [
        format!("{}&code_challenge=%zz&code_challenge_method=S256", authorize("")),
        format!("{}%", authorize("")),
        format!("{}&nonce=%E2%82", authorize("")),
        "grant_type=authorization_code&code=%%%&client_id=%C3%28&redirect_uri=%".to_string(),
        "code_verifier=%G1%2".to_string(),
    ] {
        let report = run(&text);
        assert!(!report.findings.is_empty(), "{text}");
        assert!(codes(&report).contains(&"OAUTH025") || codes(&report).contains(&"OAUTH007"), "{text}: {:?}", codes(&report));
    }
    let report = run(&format!("{}&code_challenge=%zzE9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw&code_challenge_method=S256", authorize("")));
    assert!(finding(&report, "OAUTH025").message.contains("`code_challenge` holds `%zz`"));
}

#[test]
fn huge_query_string() {
    let big = "a".repeat(1 << 20);
    for text in [
        format!("{}&code_challenge={big}&code_challenge_method=S256", authorize("")),
        format!("{}&state={big}", authorize("").replace("&state=xyz123", "")),
        format!("{}&x={}", authorize(""), "%zz".repeat(1 << 18)),
        token_body(&big),
        format!("{}&{}", authorize(""), "k=v&".repeat(1 << 18)),
    ] {
        let report = run(&text);
        assert!(!report.findings.is_empty(), "{}", &text[..60]);
        for f in &report.findings {
            assert!(f.message.len() < 2000, "{}: message of {} bytes", f.code, f.message.len());
        }
        for input in &report.inputs {
            assert!(input.summary.len() < 1000);
        }
    }
    // Many requests in one paste: a bounded number is read.
    let many = (0..5000).map(|i| authorize(&format!("&n={i}"))).collect::<Vec<_>>().join("\n");
    let report = run(&many);
    assert!(report.inputs.len() <= 200, "{}", report.inputs.len());
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "\n\n",
        "=",
        "&&&",
        "code_verifier=",
        "code_challenge:",
        "curl",
        "curl -d",
        "curl ^\"",
        "curl 'unterminated",
        "https://",
        "https://x?",
        "https://x?response_type",
        "/?",
        "grant_type",
        "grant_type=&",
        "\u{0}code_verifier=\u{0}",
        "code_verifier=é\ncode_challenge=é",
        "https://[::1?response_type=code",
        "curl -G https://a.example/authorize -d response_type=code -d client_id=x -d redirect_uri=https://x",
    ] {
        let _ = run(text);
    }
}
