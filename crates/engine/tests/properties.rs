//! Properties of the engine over generated pastes.
//!
//! - Any text, random or shaped like what people paste (tokens, headers, HTTP exchanges, curl
//!   commands, HAR files, JSON), gives a report that serialises, renders as Markdown and whose
//!   cross references (`input`, `token`, `exchange`) point at entries that exist.
//! - The JSON form is stable (parsing and printing it again changes nothing) and the same input
//!   with the same context always gives the same report.
//! - The binary transfer form (page ↔ worker) reads back as the very same report.
//! - A secret placed in any carrier the engine reads (a JWT signature, a Basic password, a cookie
//!   value, an `access_token` query parameter, a `code_verifier`, a `client_secret`), in any of
//!   the forms a paste takes, never reaches the JSON report or the Markdown incident report.

use base64::Engine as _;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};
use std::collections::HashSet;
use why401_engine::markdown::{render, Environment};
use why401_engine::{inspect, Context, Report};

const NOW: i64 = 1_764_000_000; // Mon, 24 Nov 2025 16:00:00 GMT

fn b64url(bytes: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn b64std(bytes: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A shell word in single quotes, as browsers write them in "Copy as cURL".
fn sq(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

// ---------------------------------------------------------------------------------------------
// Generators of paste-shaped text.
// ---------------------------------------------------------------------------------------------

const ALGS: &[&str] = &[
    "HS256",
    "HS384",
    "HS512",
    "RS256",
    "RS512",
    "PS256",
    "ES256",
    "ES384",
    "ES512",
    "ES256K",
    "EdDSA",
    "Ed25519",
    "ML-DSA-44",
    "none",
    "NONE",
    "hs256",
    "",
    "RSA-OAEP",
    "RSA-OAEP-256",
    "RSA1_5",
    "dir",
    "A128KW",
    "A256GCMKW",
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "PBES2-HS256+A128KW",
];
const ENCS: &[&str] = &["A128GCM", "A256GCM", "A128CBC-HS256", "A256CBC-HS512", "XC20P"];
const CLAIMS: &[&str] = &[
    "iss",
    "sub",
    "aud",
    "exp",
    "nbf",
    "iat",
    "jti",
    "azp",
    "scope",
    "scp",
    "roles",
    "client_id",
    "auth_time",
    "nonce",
    "tid",
    "ver",
    "typ",
    "cnf",
    "token_use",
    "amr",
    "email",
];
const HEADER_NAMES: &[&str] = &[
    "Authorization",
    "authorization",
    "Proxy-Authorization",
    "Cookie",
    "Set-Cookie",
    "WWW-Authenticate",
    "www-authenticate",
    "Proxy-Authenticate",
    "Host",
    ":authority",
    ":method",
    ":path",
    ":status",
    "Origin",
    "Referer",
    "Content-Type",
    "Location",
    "Date",
    "X-Request-Id",
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Credentials",
    "Access-Control-Allow-Headers",
    "Access-Control-Allow-Methods",
    "Access-Control-Request-Method",
    "Access-Control-Request-Headers",
    "Retry-After",
    "X-Api-Key",
    "Sec-Fetch-Site",
    "Sec-Fetch-Mode",
    "DPoP",
    "Vary",
    "Content-Length",
    "Transfer-Encoding",
    "Via",
    "Forwarded",
];
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "get", "CONNECT", "FOO"];
const STATUSES: &[u16] = &[0, 100, 200, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 407, 429, 500, 502, 503, 999];
const SCHEMES: &[&str] = &["Bearer", "bearer", "Basic", "Digest", "Negotiate", "NTLM", "DPoP", "Cookie", "AWS4-HMAC-SHA256", "Token", "ApiKey"];
const PARAMS: &[&str] = &[
    "realm",
    "error",
    "error_description",
    "error_uri",
    "scope",
    "charset",
    "resource_metadata",
    "algs",
    "nonce",
    "qop",
    "opaque",
    "stale",
    "algorithm",
    "max_age",
    "acr_values",
];
const ERRORS: &[&str] = &["invalid_token", "invalid_request", "insufficient_scope", "invalid_dpop_proof", "use_dpop_nonce", "x"];
const HOSTS: &[&str] = &[
    "api.example.com",
    "app.example.com",
    "login.example.com",
    "example.com",
    "localhost",
    "127.0.0.1",
    "[::1]",
    "b\u{fc}cher.example",
    "xn--bcher-kva.example",
    "co.uk",
    "a.b.c.example.org",
];
const DOMAINS: &[&str] = &["example.com", ".example.com", "api.example.com", "com", "co.uk", "localhost", "127.0.0.1", "b\u{fc}cher.example", ""];
const DATES: &[&str] = &[
    "Mon, 24 Nov 2025 16:00:00 GMT",
    "Wed, 21 Oct 2015 07:28:00 GMT",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994",
    "31 Febtember 20x1",
    "Tue, 24 Nov 2099 16:00:00 GMT",
    "",
];
const JSON_KEYS: &[&str] = &[
    "log",
    "entries",
    "request",
    "response",
    "headers",
    "name",
    "value",
    "url",
    "method",
    "status",
    "statusText",
    "postData",
    "text",
    "mimeType",
    "content",
    "cookies",
    "startedDateTime",
    "time",
    "_error",
    "httpVersion",
    "alg",
    "exp",
    "error",
    "access_token",
    "id_token",
    "token_type",
];

/// Text of a few characters that often trips parsers.
fn odd_text() -> BoxedStrategy<String> {
    prop_oneof![
        "[ -~]{0,16}",
        ".{0,8}",
        select(&["", " ", "\"", "'", "\\", ",", ";", "=", "==", ":", "\t", "\r", "\u{0}", "\u{feff}", "\u{fffd}", "%", "%zz", "é"][..])
            .prop_map(str::to_string),
    ]
    .boxed()
}

fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (NOW - 1_000_000..NOW + 1_000_000).prop_map(Value::from),
        odd_text().prop_map(Value::from),
        select(ALGS).prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((prop_oneof![select(JSON_KEYS).prop_map(str::to_string), "[a-z_]{0,6}"], inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

fn claim_value() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => (NOW - 100_000..NOW + 100_000).prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => "[ -~]{0,24}".prop_map(Value::from),
        1 => vec("[a-z:/.]{0,12}", 0..3).prop_map(|v| json!(v)),
        1 => any::<bool>().prop_map(Value::from),
        1 => Just(Value::Null),
        1 => json_value(),
    ]
    .boxed()
}

fn jose_header() -> BoxedStrategy<Value> {
    (
        select(ALGS),
        option::of("[A-Za-z0-9_-]{0,12}"),
        option::of(select(&["JWT", "at+jwt", "JOSE", "dpop+jwt"][..])),
        option::of(select(ENCS)),
        option::of(vec(select(&["b64", "exp", "x"][..]), 0..3)),
        option::of(any::<bool>()),
    )
        .prop_map(|(alg, kid, typ, enc, crit, b64)| {
            let mut h = json!({ "alg": alg });
            if let Some(kid) = kid {
                h["kid"] = kid.into();
            }
            if let Some(typ) = typ {
                h["typ"] = typ.into();
            }
            if let Some(enc) = enc {
                h["enc"] = enc.into();
            }
            if let Some(crit) = crit {
                h["crit"] = json!(crit);
            }
            if let Some(b64) = b64 {
                h["b64"] = b64.into();
            }
            h
        })
        .boxed()
}

fn claims() -> BoxedStrategy<Value> {
    vec((select(CLAIMS), claim_value()), 0..8).prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())).boxed()
}

fn b64url_part() -> BoxedStrategy<String> {
    "[A-Za-z0-9_-]{0,60}".boxed()
}

/// JWT-like text: real headers and claims, or random segments that only look the part.
fn jwt() -> BoxedStrategy<String> {
    prop_oneof![
        3 => (jose_header(), claims(), b64url_part())
            .prop_map(|(h, c, sig)| format!("{}.{}.{sig}", b64url(h.to_string()), b64url(c.to_string()))),
        1 => vec(b64url_part(), 1..6).prop_map(|parts| format!("eyJ{}", parts.join("."))),
        1 => (jose_header(), vec("[A-Za-z0-9_+/=-]{0,30}", 4)).prop_map(|(h, rest)| format!("{}.{}", b64url(h.to_string()), rest.join("."))),
        1 => (json_value(), json_value(), b64url_part())
            .prop_map(|(h, c, sig)| format!("{}.{}.{sig}", b64url(h.to_string()), b64url(c.to_string()))),
    ]
    .boxed()
}

fn token_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => jwt(),
        1 => "[A-Za-z0-9._~+/=-]{0,40}",
        1 => select(&["undefined", "null", "", "<token>", "Bearer"][..]).prop_map(str::to_string),
    ]
    .boxed()
}

fn authorization_value() -> BoxedStrategy<String> {
    prop_oneof![
        3 => token_text().prop_map(|t| format!("Bearer {t}")),
        1 => ("[ -~]{0,12}", "[ -~]{0,16}").prop_map(|(u, p)| format!("Basic {}", b64std(format!("{u}:{p}")))),
        1 => "[A-Za-z0-9+/=]{0,24}".prop_map(|t| format!("Basic {t}")),
        1 => (select(SCHEMES), odd_text(), token_text()).prop_map(|(s, sep, t)| format!("{s}{sep}{t}")),
        1 => odd_text(),
    ]
    .boxed()
}

fn cookie_pair() -> BoxedStrategy<String> {
    prop_oneof![
        4 => ("[A-Za-z0-9_-]{1,10}", "[!#-+\\--:<-\\[\\]-~]{0,20}").prop_map(|(n, v)| format!("{n}={v}")),
        1 => ("(__Host-|__Secure-)?[a-z]{1,6}", token_text()).prop_map(|(n, v)| format!("{n}={v}")),
        1 => odd_text(),
    ]
    .boxed()
}

fn cookie_attribute() -> BoxedStrategy<String> {
    prop_oneof![
        select(&["Secure", "HttpOnly", "Partitioned", "secure", "Secure=1"][..]).prop_map(str::to_string),
        select(&["Lax", "Strict", "None", "none", "", "Sometimes"][..]).prop_map(|s| format!("SameSite={s}")),
        "/[a-z/]{0,10}".prop_map(|p| format!("Path={p}")),
        select(DOMAINS).prop_map(|d| format!("Domain={d}")),
        prop_oneof!["-?[0-9]{0,14}".boxed(), any::<i64>().prop_map(|n| n.to_string()).boxed()].prop_map(|n| format!("Max-Age={n}")),
        select(DATES).prop_map(|d| format!("Expires={d}")),
        odd_text(),
    ]
    .boxed()
}

fn set_cookie_value() -> BoxedStrategy<String> {
    (cookie_pair(), vec(cookie_attribute(), 0..6), select(&["; ", ";", " ; "][..]))
        .prop_map(|(pair, attrs, sep)| std::iter::once(pair).chain(attrs).collect::<Vec<_>>().join(sep))
        .boxed()
}

fn cookie_value() -> BoxedStrategy<String> {
    (vec(cookie_pair(), 0..6), select(&["; ", ";", ", ", " "][..])).prop_map(|(pairs, sep)| pairs.join(sep)).boxed()
}

fn auth_param() -> BoxedStrategy<String> {
    prop_oneof![
        (select(PARAMS), "[ -!#-\\[\\]-~]{0,20}").prop_map(|(n, v)| format!("{n}=\"{v}\"")),
        (select(PARAMS), select(ERRORS)).prop_map(|(n, v)| format!("{n}={v}")),
        (select(PARAMS), odd_text()).prop_map(|(n, v)| format!("{n}={v}")),
        "[A-Za-z0-9+/._~-]{1,20}=*",
        odd_text(),
    ]
    .boxed()
}

fn challenge_value() -> BoxedStrategy<String> {
    vec((prop_oneof![select(SCHEMES).prop_map(str::to_string), odd_text()], vec(auth_param(), 0..5)), 1..3)
        .prop_map(|challenges| challenges.into_iter().map(|(scheme, params)| format!("{scheme} {}", params.join(", "))).collect::<Vec<_>>().join(", "))
        .boxed()
}

fn url() -> BoxedStrategy<String> {
    (
        select(&["https", "http", "HTTPS", "ftp", ""][..]),
        select(HOSTS),
        option::of(0u32..70_000),
        "(/[a-zA-Z0-9._%-]{0,8}){0,3}",
        vec((select(&["access_token", "code", "state", "token", "key", "client_id", "q", "redirect_uri"][..]), "[A-Za-z0-9._~%+-]{0,16}"), 0..3),
    )
        .prop_map(|(scheme, host, port, path, query)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let query: Vec<String> = query.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
            let query = if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) };
            format!("{scheme}://{host}{port}{path}{query}")
        })
        .boxed()
}

/// One header, biased toward the ones the engine reads.
fn header() -> BoxedStrategy<(String, String)> {
    prop_oneof![
        3 => authorization_value().prop_map(|v| ("Authorization".to_string(), v)),
        2 => cookie_value().prop_map(|v| ("Cookie".to_string(), v)),
        2 => set_cookie_value().prop_map(|v| ("Set-Cookie".to_string(), v)),
        2 => challenge_value().prop_map(|v| ("WWW-Authenticate".to_string(), v)),
        1 => challenge_value().prop_map(|v| ("Proxy-Authenticate".to_string(), v)),
        1 => select(HOSTS).prop_map(|h| ("Host".to_string(), h.to_string())),
        1 => url().prop_map(|u| ("Origin".to_string(), u)),
        1 => url().prop_map(|u| ("Location".to_string(), u)),
        1 => select(DATES).prop_map(|d| ("Date".to_string(), d.to_string())),
        1 => (select(HEADER_NAMES), odd_text()).prop_map(|(n, v)| (n.to_string(), v)),
        1 => ("[A-Za-z0-9_-]{0,12}", odd_text()),
    ]
    .boxed()
}

fn form_body() -> BoxedStrategy<String> {
    vec(
        (
            select(&["grant_type", "code", "code_verifier", "redirect_uri", "client_id", "client_secret", "refresh_token", "scope", "x"][..]),
            prop_oneof![
                select(&["authorization_code", "refresh_token", "client_credentials", "password", "authorisation_code"][..]).prop_map(str::to_string),
                "[A-Za-z0-9._~%+-]{0,50}",
                url(),
            ],
        ),
        0..6,
    )
    .prop_map(|kv| kv.into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"))
    .boxed()
}

fn body() -> BoxedStrategy<String> {
    prop_oneof![form_body(), json_value().prop_map(|v| v.to_string()), odd_text()].boxed()
}

/// A start line, header lines and, when there is one, a body after a blank line.
fn message(start: String, headers: Vec<(String, String)>, body: Option<String>) -> String {
    let mut text = format!("{start}\n");
    for (n, v) in headers {
        text.push_str(&format!("{n}: {v}\n"));
    }
    if let Some(body) = body {
        text.push('\n');
        text.push_str(&body);
        text.push('\n');
    }
    text
}

fn request_text() -> BoxedStrategy<String> {
    (
        select(METHODS),
        prop_oneof![url(), "/[ -~]{0,20}".boxed(), Just("*".to_string()).boxed()],
        select(&["HTTP/1.1", "HTTP/2", "HTTP/1.0", "HTTP/3", "HTTP/9", ""][..]),
        vec(header(), 0..8),
        option::of(body()),
    )
        .prop_map(|(method, target, version, headers, body)| message(format!("{method} {target} {version}"), headers, body))
        .boxed()
}

fn response_text() -> BoxedStrategy<String> {
    (
        select(&["HTTP/1.1", "HTTP/2", "HTTP/1.0"][..]),
        prop_oneof![select(STATUSES).prop_map(|s| s.to_string()).boxed(), "[0-9]{0,5}".boxed()],
        select(&["", "Unauthorized", "OK", "Forbidden", "Found"][..]),
        vec(header(), 0..6),
        option::of(body()),
    )
        .prop_map(|(version, status, reason, headers, body)| message(format!("{version} {status} {reason}"), headers, body))
        .boxed()
}

/// Raw HTTP messages, optionally in `curl -v`'s `>` / `<` dress, with either line ending.
fn transcript() -> BoxedStrategy<String> {
    (vec(prop_oneof![request_text(), response_text()], 1..4), any::<bool>(), any::<bool>())
        .prop_map(|(messages, verbose, crlf)| {
            let mut text = messages.join("\n");
            if verbose {
                // Lines from a status line on are the response's (`<`), the others the request's (`>`).
                let mut incoming = false;
                text = text
                    .lines()
                    .map(|l| {
                        if l.starts_with("HTTP/") {
                            incoming = true;
                        } else if METHODS.iter().any(|m| l.starts_with(&format!("{m} "))) {
                            incoming = false;
                        }
                        format!("{} {l}", if incoming { '<' } else { '>' })
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        })
        .boxed()
}

fn curl_command() -> BoxedStrategy<String> {
    (
        url(),
        option::of(select(METHODS)),
        vec(header(), 0..6),
        option::of(body()),
        option::of(("[a-z]{0,8}", "[ -~]{0,12}")),
        option::of(cookie_value()),
        select(&[" ", " \\\n  ", " ^\n  "][..]),
        any::<bool>(),
    )
        .prop_map(|(url, method, headers, data, user, cookie, sep, compressed)| {
            let mut words = vec!["curl".to_string(), sq(&url)];
            if let Some(m) = method {
                words.push(format!("-X {m}"));
            }
            for (n, v) in headers {
                words.push(format!("-H {}", sq(&format!("{n}: {v}"))));
            }
            if let Some((u, p)) = user {
                words.push(format!("-u {}", sq(&format!("{u}:{p}"))));
            }
            if let Some(c) = cookie {
                words.push(format!("-b {}", sq(&c)));
            }
            if let Some(d) = data {
                words.push(format!("--data-raw {}", sq(&d)));
            }
            if compressed {
                words.push("--compressed".into());
            }
            words.join(sep)
        })
        .boxed()
}

fn fetch_call() -> BoxedStrategy<String> {
    (url(), vec(header(), 0..5), option::of(body()), option::of(select(&["include", "same-origin", "omit", "sometimes"][..])), select(METHODS))
        .prop_map(|(url, headers, body, credentials, method)| {
            let headers: serde_json::Map<String, Value> = headers.into_iter().map(|(n, v)| (n.to_ascii_lowercase(), Value::from(v))).collect();
            let mut init = json!({ "headers": headers, "method": method, "body": body });
            if let Some(c) = credentials {
                init["credentials"] = c.into();
            }
            format!("fetch({}, {});", Value::from(url), serde_json::to_string_pretty(&init).unwrap())
        })
        .boxed()
}

fn har_headers() -> BoxedStrategy<Value> {
    vec(header(), 0..6).prop_map(|hs| Value::Array(hs.into_iter().map(|(n, v)| json!({ "name": n, "value": v })).collect())).boxed()
}

fn har_entry() -> BoxedStrategy<Value> {
    (
        (select(METHODS), url(), har_headers(), option::of(body())),
        (prop_oneof![select(STATUSES).prop_map(Value::from), any::<i64>().prop_map(Value::from), json_value()], har_headers(), option::of(body())),
        (option::of(select(&["2025-11-24T16:00:00.000Z", "2025-11-24T15:59:59.999+01:00", "yesterday", ""][..])), option::of(any::<f64>())),
        option::of(select(&["net::ERR_FAILED", "net::ERR_BLOCKED_BY_CLIENT", ""][..])),
        // Now and then a field holds something of the wrong type or shape.
        option::of((select(&["request", "response", "headers", "url", "method", "status", "postData", "time"][..]), json_value())),
    )
        .prop_map(|((method, url, req_headers, req_body), (status, resp_headers, resp_body), (started, time), error, broken)| {
            let mut entry = json!({
                "request": { "method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": req_headers },
                "response": { "status": status, "statusText": "", "headers": resp_headers, "content": { "text": resp_body } },
            });
            if let Some(b) = req_body {
                entry["request"]["postData"] = json!({ "mimeType": "application/x-www-form-urlencoded", "text": b });
            }
            if let Some(s) = started {
                entry["startedDateTime"] = s.into();
            }
            if let Some(t) = time {
                entry["time"] = t.into();
            }
            if let Some(e) = error {
                entry["response"]["_error"] = e.into();
            }
            if let Some((field, value)) = broken {
                match field {
                    "request" | "response" => entry[field] = value,
                    "status" => entry["response"]["status"] = value,
                    "headers" | "url" | "method" | "postData" => entry["request"][field] = value,
                    _ => entry[field] = value,
                }
            }
            entry
        })
        .boxed()
}

fn har_file() -> BoxedStrategy<String> {
    (vec(har_entry(), 0..4), any::<bool>(), any::<bool>())
        .prop_map(|(entries, pretty, bom)| {
            let har = json!({ "log": { "version": "1.2", "creator": { "name": "test", "version": "1" }, "entries": entries } });
            let text = if pretty { serde_json::to_string_pretty(&har).unwrap() } else { har.to_string() };
            if bom {
                format!("\u{feff}{text}")
            } else {
                text
            }
        })
        .boxed()
}

fn oauth_text() -> BoxedStrategy<String> {
    prop_oneof![
        form_body(),
        (
            url(),
            vec(
                (
                    select(&["response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method"][..]),
                    "[A-Za-z0-9._~%+-]{0,44}"
                ),
                0..7
            )
        )
            .prop_map(|(u, kv)| format!(
                "{u}{}{}",
                if u.contains('?') { "&" } else { "?" },
                kv.into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
            )),
        vec(
            (
                select(&["grant_type", "code", "code_verifier", "code_challenge", "client_secret", "redirect_uri"][..]),
                "[A-Za-z0-9._~-]{0,50}",
                select(&[": ", "=", "\t"][..])
            ),
            1..5
        )
        .prop_map(|lines| lines.into_iter().map(|(k, v, sep)| format!("{k}{sep}{v}")).collect::<Vec<_>>().join("\n")),
    ]
    .boxed()
}

/// One fragment of a paste.
fn fragment() -> BoxedStrategy<String> {
    prop_oneof![jwt(), header().prop_map(|(n, v)| format!("{n}: {v}")), request_text(), response_text(), oauth_text(), odd_text(), "[ -~]{0,40}",].boxed()
}

/// Any input at all, with most of the weight on text shaped like what people paste.
fn paste() -> BoxedStrategy<String> {
    prop_oneof![
        2 => ".{0,300}",
        1 => "[ -~\t\r\n]{0,300}",
        2 => jwt(),
        2 => header().prop_map(|(n, v)| format!("{n}: {v}")),
        3 => transcript(),
        2 => curl_command(),
        1 => fetch_call(),
        3 => har_file(),
        1 => json_value().prop_map(|v| v.to_string()),
        1 => oauth_text(),
        3 => (vec(fragment(), 1..6), select(&["\n", "\r\n", "\n\n", " "][..])).prop_map(|(parts, sep)| parts.join(sep)),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// (a) Any input gives a report; (b) the report is stable and deterministic.
// ---------------------------------------------------------------------------------------------

/// Every index a report holds points at an entry that exists.
fn check_references(report: &Report) -> Result<(), TestCaseError> {
    for f in &report.findings {
        if let Some(i) = f.input {
            prop_assert!(i < report.inputs.len(), "{} points at input {i} of {}", f.code.as_str(), report.inputs.len());
        }
        if let Some(t) = f.token {
            prop_assert!(t < report.tokens.len(), "{} points at token {t} of {}", f.code.as_str(), report.tokens.len());
        }
        if let Some(e) = f.exchange {
            prop_assert!(e < report.exchanges.len(), "{} points at exchange {e} of {}", f.code.as_str(), report.exchanges.len());
        }
    }
    for a in &report.authorization {
        prop_assert!(a.input < report.inputs.len());
    }
    for c in &report.cookies {
        prop_assert!(c.input < report.inputs.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_paste_gives_a_report_that_serialises_and_renders(input in paste()) {
        let report = inspect(&input, &Context::new(NOW));
        let json = serde_json::to_string(&report).expect("the report serialises");
        let value: Value = serde_json::from_str(&json).expect("the JSON parses");
        prop_assert_eq!(value["schema"].as_str(), Some("why401.report/1"));
        prop_assert_eq!(report.checklist.len(), 23);
        prop_assert!(input.trim().is_empty() || !report.inputs.is_empty(), "non-blank input is always described");
        check_references(&report)?;
        let markdown = render(&report, &Environment::default());
        prop_assert!(markdown.starts_with("# 401 incident report\n"), "{}", markdown);
        // A fragment's columns lie on its line, at character boundaries.
        let lines: Vec<&str> = input.split('\n').collect();
        for i in &report.inputs {
            if let Some((start, end)) = i.columns {
                let line = lines.get(i.line.wrapping_sub(1)).map(|l| l.trim_end_matches('\r'));
                prop_assert!(line.is_some_and(|l| start < end && l.get(start..end).is_some()), "{:?} on {:?}", i, line);
            }
        }
    }

    #[test]
    fn report_json_round_trips_byte_for_byte(input in paste()) {
        let report = inspect(&input, &Context::new(NOW));
        let first = serde_json::to_string(&report).unwrap();
        let value: Value = serde_json::from_str(&first).unwrap();
        let second = serde_json::to_string(&value).unwrap();
        prop_assert_eq!(&first, &second, "printing the parsed JSON changed it");
        let pretty: Value = serde_json::from_str(&serde_json::to_string_pretty(&report).unwrap()).unwrap();
        prop_assert_eq!(&pretty, &value);
    }

    #[test]
    fn same_input_and_context_give_the_same_report(
        input in paste(),
        now in prop_oneof![Just(NOW), NOW - 400_000_000..NOW + 400_000_000, any::<i64>()],
        skew in prop_oneof![Just(60u64), 0u64..3600, any::<u64>()],
    ) {
        let report = inspect(&input, &Context::new(now).with_skew(skew));
        let again = inspect(&input, &Context::new(now).with_skew(skew));
        prop_assert!(
            again == report,
            "two runs over the same input differ:\n{}\n{}",
            serde_json::to_string(&report).unwrap(),
            serde_json::to_string(&again).unwrap()
        );
        prop_assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(&report).unwrap());
        prop_assert_eq!(render(&again, &Environment::default()), render(&report, &Environment::default()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The binary form the page's worker sends back is lossless for any paste and context, and
    /// reading it back changes nothing in the public JSON.
    #[test]
    fn any_report_round_trips_through_the_transfer_form(
        input in paste(),
        now in prop_oneof![Just(NOW), any::<i64>()],
        secrets_in_snippets in any::<bool>(),
    ) {
        use why401_engine::transfer::{decode_report, encode_report};
        let ctx = Context { secrets_in_snippets, ..Context::new(now) };
        let report = inspect(&input, &ctx);
        let bytes = encode_report(&report);
        let back = decode_report(&bytes);
        prop_assert!(back.as_ref() == Ok(&report), "the report changed in transfer: {:?}", back.err());
        prop_assert_eq!(serde_json::to_string(&back.unwrap()).unwrap(), serde_json::to_string(&report).unwrap());
        let mut cut = bytes.clone();
        cut.pop();
        prop_assert!(decode_report(&cut).is_err(), "a truncated transfer is refused");
    }
}

/// The smallest case `report_json_round_trips_byte_for_byte` found: a claim written as a float
/// with a large exponent. serde_json's default float parsing can be off by one unit in the last
/// place, so the claim is read as a neighbouring number, and the number printed in the report
/// does not read back as itself.
#[test]
fn report_json_round_trips_a_large_float_claim() {
    // {"alg":"HS256"} . {"iss":1.620679373947413e+152} . (no signature)
    let input = "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOjEuNjIwNjc5MzczOTQ3NDEzZSsxNTJ9.";
    let report = inspect(input, &Context::new(NOW));
    let written: f64 = "1.620679373947413e152".parse().unwrap();
    assert_eq!(report.tokens[0].payload["iss"].as_f64(), Some(written), "the claim as the token wrote it");
    let first = serde_json::to_string(&report).unwrap();
    let second = serde_json::to_string(&serde_json::from_str::<Value>(&first).unwrap()).unwrap();
    assert_eq!(first, second);
}

// ---------------------------------------------------------------------------------------------
// (c) Secrets never reach the shared reports.
// ---------------------------------------------------------------------------------------------

/// The ways a paste shows an exchange.
#[derive(Debug, Clone, Copy)]
enum Form {
    /// The header lines (and body) alone, without start lines.
    Lines,
    /// A raw HTTP request and response.
    Http,
    /// `curl -v` output.
    CurlVerbose,
    /// A "Copy as cURL" command (request only).
    CurlCommand,
    /// A "Copy as fetch" snippet (request only).
    Fetch,
    /// A HAR file, one entry per exchange.
    Har,
}

const ALL_FORMS: &[Form] = &[Form::Lines, Form::Http, Form::CurlVerbose, Form::CurlCommand, Form::Fetch, Form::Har];
const RESPONSE_FORMS: &[Form] = &[Form::Lines, Form::Http, Form::CurlVerbose, Form::Har];

/// A request and its response, before it is written in one of the [`Form`]s.
struct Exchange {
    method: &'static str,
    url: String,
    request: Vec<(String, String)>,
    body: Option<String>,
    status: u16,
    response: Vec<(String, String)>,
}

impl Exchange {
    fn get(url: &str, request: Vec<(String, String)>) -> Self {
        Exchange {
            method: "GET",
            url: url.to_string(),
            request,
            body: None,
            status: 401,
            response: vec![("WWW-Authenticate".into(), "Bearer realm=\"api\", error=\"invalid_token\"".into())],
        }
    }

    fn host(&self) -> &str {
        self.url.split('/').nth(2).unwrap_or("")
    }

    fn write(&self, form: Form) -> String {
        let path = self.url.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap_or_else(|| "/".into());
        let lines = |prefix: &str, headers: &[(String, String)]| -> String { headers.iter().map(|(n, v)| format!("{prefix}{n}: {v}\n")).collect() };
        match form {
            Form::Lines => {
                let mut text = lines("", &self.request);
                if let Some(body) = &self.body {
                    text.push_str(&format!("\n{body}\n\n"));
                }
                text + &lines("", &self.response)
            }
            Form::Http => {
                let body = self.body.as_ref().map(|b| format!("\n{b}\n")).unwrap_or_default();
                format!(
                    "{} {} HTTP/1.1\nHost: {}\n{}{body}\nHTTP/1.1 {} Unauthorized\n{}",
                    self.method,
                    self.url,
                    self.host(),
                    lines("", &self.request),
                    self.status,
                    lines("", &self.response)
                )
            }
            Form::CurlVerbose => {
                let body = self.body.as_ref().map(|b| format!("{b}\n")).unwrap_or_default();
                format!(
                    "* Connected to {host} port 443\n> {} {path} HTTP/1.1\n> Host: {host}\n{}>\n{body}< HTTP/1.1 {}\n{}<\n",
                    self.method,
                    lines("> ", &self.request),
                    self.status,
                    lines("< ", &self.response),
                    host = self.host(),
                )
            }
            Form::CurlCommand => {
                let mut words = vec![format!("curl {}", sq(&self.url))];
                if self.method != "GET" && self.body.is_none() {
                    words.push(format!("-X {}", self.method));
                }
                words.extend(self.request.iter().map(|(n, v)| format!("-H {}", sq(&format!("{n}: {v}")))));
                if let Some(body) = &self.body {
                    words.push(format!("--data-raw {}", sq(body)));
                }
                words.join(" \\\n  ")
            }
            Form::Fetch => {
                let headers: serde_json::Map<String, Value> = self.request.iter().map(|(n, v)| (n.to_ascii_lowercase(), Value::from(v.as_str()))).collect();
                let init = json!({ "headers": headers, "body": self.body, "method": self.method, "mode": "cors", "credentials": "include" });
                format!("fetch({}, {});", Value::from(self.url.as_str()), serde_json::to_string_pretty(&init).unwrap())
            }
            Form::Har => write_all(std::slice::from_ref(self), Form::Har),
        }
    }

    fn har_entry(&self) -> Value {
        let pairs = |headers: &[(String, String)]| -> Vec<Value> { headers.iter().map(|(n, v)| json!({ "name": n, "value": v })).collect() };
        let mut request = json!({ "method": self.method, "url": self.url, "httpVersion": "HTTP/1.1", "headers": pairs(&self.request) });
        if let Some(body) = &self.body {
            request["postData"] = json!({ "mimeType": "application/x-www-form-urlencoded", "text": body });
        }
        json!({
            "startedDateTime": "2025-11-24T16:00:00.000Z",
            "time": 12.5,
            "request": request,
            "response": { "status": self.status, "statusText": "", "httpVersion": "HTTP/1.1", "headers": pairs(&self.response), "content": { "text": "" } },
        })
    }
}

/// Several exchanges in one paste: one after the other, or the entries of one HAR file.
fn write_all(exchanges: &[Exchange], form: Form) -> String {
    match form {
        Form::Har => {
            let entries: Vec<Value> = exchanges.iter().map(Exchange::har_entry).collect();
            serde_json::to_string_pretty(&json!({ "log": { "version": "1.2", "entries": entries } })).unwrap()
        }
        _ => exchanges.iter().map(|x| x.write(form)).collect::<Vec<_>>().join("\n\n"),
    }
}

/// Secrets in the base64url alphabet (JWT signatures).
const BASE64URL_SECRET: &str = "[A-Za-z0-9_-]{12,40}";
/// Secrets in printable ASCII (passwords).
const PRINTABLE_SECRET: &str = "[!-~]{12,40}";
/// Secrets made of RFC 6265 cookie octets.
const COOKIE_SECRET: &str = "[!#-+\\--:<-\\[\\]-~]{12,40}";
/// Secrets made of URL-unreserved characters (query parameters, form fields).
const UNRESERVED_SECRET: &str = "[A-Za-z0-9._~-]{12,40}";

/// A secret long and varied enough that it cannot turn up in the report's own text by chance.
fn varied(secret: &str) -> bool {
    secret.len() >= 12 && secret.chars().collect::<HashSet<_>>().len() >= 5
}

/// The spellings of `needle` a leak could take in each report: as is, escaped in a JSON string,
/// and flattened the way the Markdown report flattens text in code spans and table cells.
fn spellings(needle: &str) -> (Vec<String>, Vec<String>) {
    let escaped = serde_json::to_string(needle).unwrap();
    let escaped = escaped[1..escaped.len() - 1].to_string();
    let code = needle.replace('`', "'");
    let plain = needle.replace('|', "/");
    let both = code.replace('|', "/");
    (vec![needle.to_string(), escaped], vec![needle.to_string(), code, plain, both])
}

/// Inspects `text` with the default context (secrets not revealed) and checks that none of
/// `needles` appears in the JSON report or the Markdown report.
fn assert_hidden(text: &str, needles: &[&str]) -> Result<Report, TestCaseError> {
    let report = inspect(text, &Context::new(NOW));
    let json = serde_json::to_string(&report).unwrap();
    let markdown = render(&report, &Environment::default());
    for needle in needles {
        let (in_json, in_markdown) = spellings(needle);
        for s in &in_json {
            prop_assert!(!json.contains(s.as_str()), "the JSON report holds {:?}\ninput:\n{}\nreport:\n{}", s, text, json);
        }
        for s in &in_markdown {
            prop_assert!(!markdown.contains(s.as_str()), "the Markdown report holds {:?}\ninput:\n{}\nreport:\n{}", s, text, markdown);
        }
    }
    Ok(report)
}

fn has_code(report: &Report, code: &str) -> bool {
    report.findings.iter().any(|f| f.code.as_str() == code)
}

/// A JWT with sane header and claims and the given signature segment.
fn jwt_signed(signature: &str) -> String {
    let header = json!({ "alg": "HS256", "typ": "JWT" });
    let claims = json!({ "iss": "https://login.example.com/", "sub": "user-4821", "aud": "api", "exp": NOW - 600, "iat": NOW - 4200 });
    format!("{}.{}.{signature}", b64url(header.to_string()), b64url(claims.to_string()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn jwt_signature_never_leaks(
        signature in prop_oneof![BASE64URL_SECRET, "[A-Za-z0-9_-]{43}", "[A-Za-z0-9_-]{86}"],
        carrier in 0..3usize,
        form in select(ALL_FORMS),
    ) {
        prop_assume!(varied(&signature));
        let token = jwt_signed(&signature);
        let header = match carrier {
            0 => ("Authorization".to_string(), format!("Bearer {token}")),
            1 => ("Cookie".to_string(), format!("theme=dark; access_token={token}")),
            _ => ("X-Forwarded-Access-Token".to_string(), token.clone()),
        };
        let text = Exchange::get("https://api.example.com/v1/orders", vec![header]).write(form);
        let report = assert_hidden(&text, &[&signature, &token])?;
        if carrier == 0 {
            prop_assert_eq!(report.tokens.len(), 1, "the token was read from {:?}", form);
            prop_assert!(has_code(&report, "JWT001"), "the token is expired");
        }
        // A bare token, pasted alone.
        let report = assert_hidden(&token, &[&signature, &token])?;
        prop_assert_eq!(report.tokens.len(), 1);
    }

    #[test]
    fn basic_password_never_leaks(
        user in "[a-z][a-z0-9.]{2,10}",
        password in PRINTABLE_SECRET,
        form in select(ALL_FORMS),
        proxy in any::<bool>(),
    ) {
        prop_assume!(varied(&password));
        let credential = b64std(format!("{user}:{password}"));
        let name = if proxy { "Proxy-Authorization" } else { "Authorization" };
        let text = Exchange::get("https://api.example.com/v1/orders", vec![(name.to_string(), format!("Basic {credential}"))]).write(form);
        let report = assert_hidden(&text, &[&password, &credential])?;
        if !proxy {
            let summary = report.authorization.first();
            prop_assert!(summary.is_some(), "the header was read from {:?}", form);
            prop_assert_eq!(summary.and_then(|a| a.user.as_deref()), Some(user.as_str()));
            prop_assert_eq!(summary.and_then(|a| a.password.as_ref()).map(|p| p.expose()), Some(password.as_str()));
        }
    }

    #[test]
    fn cookie_values_never_leak(
        request_value in COOKIE_SECRET,
        set_value in COOKIE_SECRET,
        form in select(RESPONSE_FORMS),
        attrs in select(&["; Path=/; Secure; HttpOnly; SameSite=Lax", "", "; Domain=example.com; Max-Age=3600; SameSite=None; Secure", "; Expires=Mon, 24 Nov 2025 15:00:00 GMT"][..]),
    ) {
        prop_assume!(varied(&request_value) && varied(&set_value));
        prop_assume!(!request_value.contains(&set_value) && !set_value.contains(&request_value));
        let mut x = Exchange::get("https://api.example.com/v1/orders", vec![("Cookie".into(), format!("theme=dark; session={request_value}"))]);
        x.response.push(("Set-Cookie".into(), format!("session={set_value}{attrs}")));
        let text = x.write(form);
        let report = assert_hidden(&text, &[&request_value, &set_value])?;
        let read = !report.cookies.is_empty() || report.exchanges.iter().any(|e| e.cookies.sent.is_some());
        prop_assert!(read, "the cookies were read from {:?}", form);
        // The same cookies on lines of their own, and in a request command.
        assert_hidden(&format!("Cookie: session={request_value}\nSet-Cookie: session={set_value}{attrs}\n"), &[&request_value, &set_value])?;
        assert_hidden(&x.write(Form::CurlCommand), &[&request_value])?;
        assert_hidden(&x.write(Form::Fetch), &[&request_value])?;
    }

    #[test]
    fn access_token_in_the_url_never_leaks(
        secret in UNRESERVED_SECRET,
        form in select(ALL_FORMS),
        name in select(&["access_token", "token", "api_key", "code"][..]),
        fragment in any::<bool>(),
    ) {
        prop_assume!(varied(&secret));
        let url = if fragment {
            format!("https://app.example.com/callback#{name}={secret}&token_type=Bearer")
        } else {
            format!("https://api.example.com/v1/orders?{name}={secret}&page=2")
        };
        let text = Exchange::get(&url, Vec::new()).write(form);
        let report = assert_hidden(&text, &[&secret])?;
        if !matches!(form, Form::Lines) && !fragment {
            prop_assert!(!report.exchanges.is_empty(), "the request was read from {:?}", form);
            let shown = &report.exchanges[0].request.url;
            prop_assert!(shown.contains(&format!("{name}=")), "the URL keeps the parameter's name: {}", shown);
        }
        // The URL alone, as copied from an address bar or a log line.
        assert_hidden(&url, &[&secret])?;
    }

    #[test]
    fn code_verifier_never_leaks(
        verifier in "[A-Za-z0-9._~-]{12,64}",
        code in UNRESERVED_SECRET,
        form in select(ALL_FORMS),
    ) {
        prop_assume!(varied(&verifier) && varied(&code));
        prop_assume!(!verifier.contains(&code) && !code.contains(&verifier));
        let body = format!(
            "grant_type=authorization_code&code={code}&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&client_id=spa-123&code_verifier={verifier}"
        );
        let mut x = Exchange::get("https://login.example.com/oauth2/token", vec![("Content-Type".into(), "application/x-www-form-urlencoded".into())]);
        x.method = "POST";
        x.body = Some(body.clone());
        x.status = 400;
        x.response = vec![("Content-Type".into(), "application/json".into())];
        let text = x.write(form);
        let report = assert_hidden(&text, &[&verifier, &code])?;
        let short = verifier.len() < 43;
        // The OAuth checks read pasted requests, not the entries of a HAR file.
        if short && !matches!(form, Form::Lines | Form::Har) {
            prop_assert!(has_code(&report, "OAUTH006"), "a short verifier is reported from {:?}: {:?}", form, report.findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>());
        }
        // The form body alone, and one field per line as DevTools shows a payload.
        assert_hidden(&body, &[&verifier, &code])?;
        assert_hidden(&format!("grant_type: authorization_code\ncode: {code}\ncode_verifier: {verifier}\n"), &[&verifier, &code])?;
        assert_hidden(&format!("code_verifier={verifier}"), &[&verifier])?;
    }

    #[test]
    fn client_secret_never_leaks(
        secret in UNRESERVED_SECRET,
        form in select(ALL_FORMS),
        grant in select(&["authorization_code", "client_credentials", "refresh_token"][..]),
    ) {
        prop_assume!(varied(&secret));
        let body = format!("grant_type={grant}&code=SplxlOBeZQQYbYS6WxSbIA&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_id=spa-123&client_secret={secret}");
        let mut x = Exchange::get(
            "https://login.example.com/oauth2/token",
            vec![("Content-Type".into(), "application/x-www-form-urlencoded".into()), ("Origin".into(), "https://app.example.com".into())],
        );
        x.method = "POST";
        x.body = Some(body.clone());
        x.status = 401;
        x.response = vec![("Content-Type".into(), "application/json".into())];
        let text = x.write(form);
        let report = assert_hidden(&text, &[&secret])?;
        if !matches!(form, Form::Lines | Form::Har) {
            prop_assert!(has_code(&report, "OAUTH024"), "a browser sending `client_secret` is reported from {:?}", form);
        }
        assert_hidden(&body, &[&secret])?;
    }

    #[test]
    fn a_paste_with_every_secret_leaks_none(
        signature in BASE64URL_SECRET,
        password in PRINTABLE_SECRET,
        cookie in COOKIE_SECRET,
        query in UNRESERVED_SECRET,
        form in select(RESPONSE_FORMS),
    ) {
        let all = [&signature, &password, &cookie, &query];
        prop_assume!(all.iter().all(|s| varied(s)));
        prop_assume!(all.iter().all(|a| all.iter().all(|b| std::ptr::eq(*a, *b) || !a.contains(b.as_str()))));
        let token = jwt_signed(&signature);
        let credential = b64std(format!("alice:{password}"));
        let mut first = Exchange::get(&format!("https://api.example.com/v1/me?access_token={query}"), vec![
            ("Authorization".into(), format!("Bearer {token}")),
            ("Cookie".into(), format!("session={cookie}; theme=dark")),
        ]);
        first.response.push(("Set-Cookie".into(), format!("session={cookie}; Path=/; Secure; HttpOnly; SameSite=Lax")));
        let second = Exchange::get("https://api.example.com/v1/orders", vec![("Authorization".into(), format!("Basic {credential}"))]);
        let text = write_all(&[first, second], form);
        let report = assert_hidden(&text, &[&signature, &password, &cookie, &query, &credential, &token])?;
        prop_assert!(!report.tokens.is_empty() && !report.authorization.is_empty());
    }
}
