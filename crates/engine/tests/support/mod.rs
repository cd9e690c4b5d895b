//! Fixture scenarios shared by the native tests and the browser (wasm) tests.
//!
//! A fixture is a text file: `key: value` expectation lines, a `---` line, then the input
//! exactly as a user would paste it. [`check`] runs the engine on the input and compares.
//! Set-up keys: `now`, `skew`, `exchange` (1-based), `key` (a JWK, JWK Set or PEM on one line
//! with `\n` for its line breaks; repeatable), `secret`, `secret-base64`, `audience`
//! (repeatable), `issuer`, `scope` (repeatable), `client-id`, `max-age`, `trust-x5c`, `origin`,
//! `credentials`, `password` (a Digest user's password).
//! `credentials`, `aws-secret` (an AWS secret access key), `browser` (chromium, firefox, safari).
//! Expectation keys: `inputs` (kinds, or `none`), `findings` (codes in order, or `none`),
//! `checks` (`name=status` of the first token), `proof` (`[N] name=status` of DPoP proof N, the first by default),
//! `steps` (`id=status`), `message` (text that
//! some finding message must contain; repeatable), `cookies: N header` (the `Cookie` header a
//! browser would send on exchange N: `(none)` for no cookies, `-` when nothing is known),
//! `cors: N verdict`, `browsers: N chromium=pass …` (or `-`), `page-origin: N origin from`, `source` (where the data came from; not checked).

use why401_engine::{inspect, Context};

macro_rules! fixtures {
    ($list:ident: $($name:literal),* $(,)?) => {
        /// Fixtures, as (name, file text).
        pub const $list: &[(&str, &str)] = &[$(($name, include_str!(concat!("../fixtures/", $name, ".txt")))),*];
    };
}

mod cookie_list;
mod cors_list;
mod digest_list;
mod josejson_list;
mod metadata_list;
mod ntlm_list;
mod oauth_list;
pub mod planted;
mod sigv4_list;
pub use josejson_list::JOSEJSON;
mod dpop_list;
pub use dpop_list::DPOP;
mod cors_browser_list;
mod recall_list;
mod review_list;
pub use cors_browser_list::CORS_BROWSER;
mod cookie_browser_list;
pub use cookie_browser_list::COOKIE_BROWSER;
pub use cookie_list::COOKIES;
pub use cors_list::CORS;
pub use digest_list::DIGEST;
pub use metadata_list::METADATA;
pub use ntlm_list::NTLM;
pub use oauth_list::OAUTH;
pub use sigv4_list::SIGV4;

/// Every fixture, as (name, file text).
pub fn all() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    TOKENS_AND_HEADERS
        .iter()
        .chain(EXCHANGES)
        .chain(KEYED)
        .chain(COOKIES)
        .chain(CORS)
        .chain(OAUTH)
        .chain(MESSAGES)
        .chain(DIGEST)
        .chain(SIGV4)
        .chain(NTLM)
        .chain(METADATA)
        .chain(JOSEJSON)
        .chain(DPOP)
        .chain(recall_list::RECALL)
        .chain(review_list::REVIEW)
        .chain(CORS_BROWSER)
        .chain(COOKIE_BROWSER)
}

fixtures!(EXCHANGES:
    "http/locked-out-after-failures",
    "headers/aws-signature",
    "headers/basic-latin1",
    "headers/basic-no-colon",
    "headers/basic-not-base64",
    "headers/basic-spaces",
    "headers/basic-colon-in-password",
    "headers/challenge-unreadable",
    "headers/double-space",
    "headers/dpop-proof-refused",
    "headers/empty-credentials",
    "headers/uncommon-scheme",
    "headers/token-with-braces",
    "http/bare-bearer-challenge",
    "http/curl-unterminated-quote",
    "http/damaged-header-lines",
    "http/gateway-strips-authorization",
    "http/http-to-https-post-becomes-get",
    "http/proxy-407-without-challenge",
    "http/redirect-to-other-origin",
    "http/secure-cookie-over-http",
    "http/underscore-api-key",
    "http/unreadable-date",
    "har/oauth-pkce-mismatch",
    "har/preflight-refused",
    "har/sanitized-export",
    "har/truncated-file",
    "har/two-apis-two-schemes",
    "har/lowercase-options-preflight",
);

fixtures!(MESSAGES:
    "messages/access-denied",
    "messages/account-blocked",
    "messages/algorithm-mismatch",
    "messages/audience-mismatch",
    "messages/client-invalid",
    "messages/clock-skew",
    "messages/cookie-blocked",
    "messages/cors-blocked",
    "messages/credentials-invalid",
    "messages/credentials-missing",
    "messages/grant-invalid",
    "messages/header-invalid",
    "messages/header-stripped",
    "messages/issuer-mismatch",
    "messages/key-not-found",
    "messages/proxy-auth-required",
    "messages/rate-limited",
    "messages/refresh-expired",
    "messages/request-signature",
    "messages/scheme-mismatch",
    "messages/scope-insufficient",
    "messages/sender-constraint",
    "messages/signature-invalid",
    "messages/token-expired",
    "messages/token-lifetime-invalid",
    "messages/token-malformed",
    "messages/token-not-yet-valid",
    "messages/token-type-wrong",
    "messages/unauthenticated",
    "messages/redacted-bearer-token",
    "messages/decoded-claims",
    "messages/audience-from-the-log",
    "messages/challenge-in-prose",
    "config/nginx-clears-authorization",
    "config/apache-fcgi-without-cgipassauth",
    "config/kubernetes-secret-newline",
    "config/echo-base64-without-n",
    "config/shell-expanded-password",
);

fixtures!(KEYED:
    "keyed/alg-wrong-case",
    "keyed/pasted-key-set-verifies",
    "keyed/pasted-pem-in-env",
    "keyed/certificate-expired",
    "keyed/crit-not-understood",
    "keyed/duplicate-kid",
    "keyed/ec-point-off-curve",
    "keyed/ecdsa-der-signature",
    "keyed/embedded-jwk",
    "keyed/hmac-secret-too-short",
    "keyed/hs256-with-public-key",
    "keyed/jwe-public-key-only",
    "keyed/jwe-rsa1_5",
    "keyed/jwe-unsupported-alg",
    "keyed/jwk-standard-base64",
    "keyed/key-for-encryption",
    "keyed/kid-not-in-set",
    "keyed/kid-not-string",
    "keyed/no-key-for-alg",
    "keyed/no-kid-several-keys",
    "keyed/payload-edited",
    "keyed/private-key-pasted",
    "keyed/roca-key",
    "keyed/rsa-1024",
    "keyed/rsa-exponent-even",
    "keyed/ssh-public-key",
    "keyed/too-many-keys",
    "keyed/trust-x5c",
    "keyed/trust-x5c-expired",
    "keyed/unencoded-payload",
    "keyed/valid-rs256",
    "keyed/x25519-in-key-set",
    "keyed/x5c-base64url",
    "keyed/x5c-chain",
    "keyed/short-secret-does-not-verify",
    "claims/audience-trailing-slash",
    "claims/id-token-sent",
    "claims/id-token-refused",
    "claims/issuer-v2-suffix",
    "claims/long-lived",
    "claims/max-age-without-auth-time",
    "claims/no-audience",
    "claims/no-issuer",
    "claims/no-scopes",
    "claims/other-client",
    "claims/refresh-token",
    "claims/roles-object",
    "claims/scope-letter-case",
    "claims/sign-in-too-old",
);

fixtures!(TOKENS_AND_HEADERS:
    "http/copy-as-fetch",
    "http/curl-without-credentials",
    "http/copy-as-curl-cmd",
    "http/copy-as-curl-bash",
    "http/curl-verbose-401",
    "http/devtools-http2-headers",
    "http/devtools-headers-view",
    "http/forbidden-not-unauthorized",
    "http/no-challenge-no-credentials",
    "http/python-digest-auth-basic-challenge",
    "http/redirect-to-login",
    "http/throttled-after-failures",
    "http/token-in-query",
    "headers/basic-echo-newline",
    "headers/basic-ok",
    "headers/bearer-twice",
    "headers/bearer-undefined",
    "headers/challenge-alone",
    "headers/expired-and-invalid-token",
    "headers/insufficient-scope",
    "headers/lowercase-scheme",
    "headers/proxy-wants-credentials",
    "headers/quoted-token",
    "headers/scheme-mismatch",
    "jwt/alg-none",
    "jwt/alg-not-string",
    "jwt/authorization-header",
    "jwt/bad-base64url",
    "jwt/bearer-value-alone",
    "jwt/duplicate-members",
    "jwt/empty-signature",
    "jwt/empty",
    "jwt/exp-equals-now-no-skew",
    "jwt/exp-milliseconds",
    "jwt/exp-out-of-range",
    "jwt/exp-string",
    "jwt/exp-within-skew",
    "jwt/expired",
    "jwt/expires-soon",
    "jwt/four-parts",
    "jwt/header-not-json",
    "jwt/header-not-utf8",
    "jwt/iat-in-future",
    "jwt/jwe",
    "jwt/large-token",
    "jwt/markup-in-claims",
    "jwt/nbf-in-future",
    "jwt/nbf-within-skew",
    "jwt/never-valid",
    "jwt/no-alg",
    "jwt/no-exp",
    "jwt/opaque-bearer",
    "jwt/padded",
    "jwt/payload-array",
    "jwt/plain-text",
    "jwt/same-token-twice",
    "jwt/standard-alphabet",
    "jwt/token-in-log",
    "jwt/trailing-bits",
    "jwt/two-parts",
    "jwt/valid",
    "jwt/wrapped-over-lines",
);

/// The time fixtures are checked at unless they say otherwise: 2025-11-24 16:00:00 UTC.
pub const DEFAULT_NOW: i64 = 1_764_000_000;

/// Runs one fixture; returns every mismatch (empty when the engine did what the file expects).
#[allow(dead_code)] // not every test binary that includes this module checks fixtures
pub fn check(name: &str, text: &str) -> Vec<String> {
    let (ctx, input, expectations) = match setup(text) {
        Ok(set) => set,
        Err(why) => return vec![format!("{name}: {why}")],
    };
    let report = inspect(input, &ctx);
    let json = serde_json::to_value(&report).expect("a report serialises");
    let mut problems = Vec::new();
    let differ = |what: String, got: String, want: &str| (got != want).then(|| format!("{name}: {what}: got {got:?}, want {want:?}"));
    let words = |items: Vec<String>| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(" ")
        }
    };
    for (key, value) in expectations {
        match key {
            "inputs" => problems.extend(differ("inputs".into(), words(report.inputs.iter().map(|i| i.kind.as_str().to_string()).collect()), value)),
            "findings" => problems.extend(differ("findings".into(), words(report.findings.iter().map(|f| f.code.as_str().to_string()).collect()), value)),
            "checks" => {
                for pair in value.split_whitespace() {
                    let (check, want) = pair.split_once('=').expect("checks are name=status");
                    let got = json["tokens"][0]["checks"][check]["status"].as_str().unwrap_or("(none)");
                    problems.extend(differ(format!("check {check}"), got.to_string(), want));
                }
            }
            "proof" => {
                // `proof: [N] name=status …` for the checks of DPoP proof N (the first by default).
                let (n, pairs) = match value.split_once(' ').map(|(n, rest)| (n.parse::<usize>(), rest)) {
                    Some((Ok(n), rest)) => (n, rest),
                    _ => (1, value),
                };
                for pair in pairs.split_whitespace() {
                    let (check, want) = pair.split_once('=').expect("proof checks are name=status");
                    let got = json["proofs"][n - 1]["checks"][check]["status"].as_str().unwrap_or("(none)");
                    problems.extend(differ(format!("proof {n} check {check}"), got.to_string(), want));
                }
            }
            "steps" => {
                for pair in value.split_whitespace() {
                    let (step, want) = pair.split_once('=').expect("steps are id=status");
                    let got = report.checklist.iter().find(|e| e.id.as_str() == step).map(|e| e.status.as_str());
                    problems.extend(differ(format!("step {step}"), got.unwrap_or("(none)").to_string(), want));
                }
            }
            "cookies" | "cors" => {
                // `cookies: N expected` (the `Cookie` header a browser would send on exchange N,
                // `-` for none) or `cors: N verdict`.
                let (n, want) = value.split_once(' ').unwrap_or((value, ""));
                let n: usize = n.parse().expect("an exchange number");
                let exchange = &json["exchanges"][n - 1];
                let got = if key == "cookies" {
                    report
                        .exchanges
                        .get(n - 1)
                        .and_then(|x| x.cookies.expected.as_ref())
                        .map(|s| if s.is_empty() { "(none)".to_string() } else { s.expose().to_string() })
                        .unwrap_or_else(|| "-".into())
                } else {
                    exchange["cors"]["verdict"].as_str().unwrap_or("(none)").to_string()
                };
                problems.extend(differ(format!("{key} of exchange {n}"), got, want));
            }
            // -- browser engine (CORS differences) --
            "browsers" => {
                // `browsers: N chromium=pass firefox=fail …` (each engine's verdict on exchange
                // N when they disagree), or `browsers: N -` when they agree.
                let (n, want) = value.split_once(' ').unwrap_or((value, ""));
                let n: usize = n.parse().expect("an exchange number");
                let got = match json["exchanges"][n - 1]["cors"]["browsers"].as_object() {
                    Some(map) => map.iter().map(|(b, v)| format!("{b}={}", v.as_str().unwrap_or("?"))).collect::<Vec<_>>().join(" "),
                    None => "-".to_string(),
                };
                problems.extend(differ(format!("browsers of exchange {n}"), got, want));
            }
            "page-origin" => {
                // `page-origin: N origin from` (the page origin exchange N was judged with).
                let (n, want) = value.split_once(' ').unwrap_or((value, ""));
                let n: usize = n.parse().expect("an exchange number");
                let p = &json["exchanges"][n - 1]["cors"]["page_origin"];
                let got = format!("{} {}", p["origin"].as_str().unwrap_or("-"), p["from"].as_str().unwrap_or("-"));
                problems.extend(differ(format!("page origin of exchange {n}"), got, want));
            }
            // -- end browser engine --
            "message" => {
                if !report.findings.iter().any(|f| f.message.contains(value)) {
                    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
                    problems.push(format!("{name}: no finding message contains {value:?}; messages: {messages:?}"));
                }
            }
            "likely" => {
                // `likely: step [CODE]`: the most likely cause's step, and the code it is told by.
                let entry = report.checklist.iter().find(|e| e.most_likely.is_some());
                let (step, code) = value.split_once(' ').unwrap_or((value, ""));
                problems.extend(differ("most likely step".into(), entry.map_or("(none)", |e| e.id.as_str()).to_string(), step));
                if !code.is_empty() {
                    let why = entry.and_then(|e| e.most_likely.clone()).unwrap_or_default();
                    if !why.ends_with(&format!("({code})")) {
                        problems.push(format!("{name}: the most likely cause is not told by {code}: {why:?}"));
                    }
                }
            }
            "severity" => {
                // `severity: CODE error info …`: the severities of that code's findings, in order.
                let (code, want) = value.split_once(' ').unwrap_or((value, ""));
                let got = words(report.findings.iter().filter(|f| f.code.as_str() == code).map(|f| f.severity.as_str().to_string()).collect());
                problems.extend(differ(format!("severities of {code}"), got, want));
            }
            // Where the fixture's data came from (a document's address, the tool that made it).
            "source" => {}
            other => problems.push(format!("{name}: unknown expectation {other:?}")),
        }
    }
    problems
}

/// A fixture read: its context, its input and its expectation lines.
pub type Setup<'a> = (Context, &'a str, Vec<(&'a str, &'a str)>);

/// A fixture's context, its input and its expectation lines.
pub fn setup(text: &str) -> Result<Setup<'_>, String> {
    let (head, input) = match text.split_once("\n---\n") {
        Some((head, body)) => (head, body.strip_suffix('\n').unwrap_or(body)),
        None => return Err("no `---` line".into()),
    };
    let mut ctx = Context::new(DEFAULT_NOW);
    let mut expectations = Vec::new();
    for line in head.lines() {
        let Some((key, value)) = line.split_once(": ") else {
            return Err(format!("bad expectation line {line:?}"));
        };
        if !context_key(&mut ctx, key, value) {
            expectations.push((key, value));
        }
    }
    Ok((ctx, input, expectations))
}

/// Applies a `key: value` line that sets up the context; false when the key is an expectation.
pub fn context_key(ctx: &mut Context, key: &str, value: &str) -> bool {
    match key {
        "now" => ctx.now = value.parse().expect("now is a number"),
        "skew" => ctx.skew = value.parse().expect("skew is a number"),
        "exchange" => ctx.exchange = Some(value.parse::<usize>().expect("exchange is a number") - 1),
        "key" | "secret" | "secret-base64" => {
            use why401_engine::{KeyFormat, KeyInput};
            let format = match key {
                "key" => KeyFormat::Auto,
                "secret" => KeyFormat::SecretText,
                _ => KeyFormat::SecretBase64,
            };
            // PEM is written on one line, its line breaks as `\n`.
            let text = if value.contains("-----BEGIN ") { value.replace("\\n", "\n") } else { value.to_string() };
            let source = match ctx.keys.len() {
                0 => "the key panel".to_string(),
                n => format!("key panel entry {}", n + 1),
            };
            ctx.keys.push(KeyInput::new(source, text, format));
        }
        "aws-secret" => ctx.aws_secret = Some(why401_engine::Secret::new(value)),
        // A PEM client certificate on one line, its line breaks as `\n`.
        "client-cert" => ctx.client_certs.push(value.replace("\\n", "\n")),
        "audience" => ctx.expect.audiences.push(value.to_string()),
        "issuer" => ctx.expect.issuer = Some(value.to_string()),
        "scope" => ctx.expect.scopes.push(value.to_string()),
        "client-id" => ctx.expect.client_id = Some(value.to_string()),
        "max-age" => ctx.expect.max_age = Some(value.parse().expect("max-age is a number of seconds")),
        "origin" => ctx.origin = Some(value.to_string()),
        "password" => ctx.password = Some(why401_engine::secret::Secret::new(value)),
        // -- browser engine (CORS differences) --
        "browser" => ctx.browser = Some(why401_engine::context::Browser::parse(value).expect("browser is chromium, firefox or safari")),
        // -- end browser engine --
        "third-party-cookies" => {
            ctx.third_party_cookies =
                Some(why401_engine::context::ThirdPartyCookies::parse(value).expect("third-party-cookies is allowed, blocked or partitioned"))
        }
        "credentials" => ctx.credentials = Some(why401_engine::context::CredentialsMode::parse(value).expect("credentials is include, same-origin or omit")),
        "trust-x5c" => {
            ctx.trust_x5c = match value {
                "yes" => true,
                "no" => false,
                other => panic!("trust-x5c is yes or no, not {other:?}"),
            }
        }
        _ => return false,
    }
    true
}

/// Runs every fixture and returns how many ran, or every mismatch.
#[allow(dead_code)] // not every test binary that includes this module checks fixtures
pub fn check_all() -> Result<usize, String> {
    let problems: Vec<String> = all().flat_map(|(name, text)| check(name, text)).collect();
    if problems.is_empty() {
        Ok(all().count())
    } else {
        Err(problems.join("\n"))
    }
}
