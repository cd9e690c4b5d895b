//! The binary transfer form between the page and its worker is lossless: every report and every
//! job reads back equal, secrets included, while the public JSON report stays redacted. Broken
//! transfers give an error, never a panic.

#[allow(dead_code)]
mod support;

use serde_json::{json, Value};
use support::planted::*;
use why401_engine::context::CredentialsMode;
use why401_engine::report::{redact_cookie_header, TimeClaim};
use why401_engine::secret::Secret;
use why401_engine::transfer::{decode_job, decode_report, encode_job, encode_job_from, encode_report, Job};
use why401_engine::{inspect, Code, Context, Expectations, Finding, KeyFormat, KeyInput, Report};

fn b64url(bytes: impl AsRef<[u8]>) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Encodes and decodes the report, and checks that it reads back equal.
fn round_trip(report: &Report, what: &str) -> Vec<u8> {
    let bytes = encode_report(report);
    match decode_report(&bytes) {
        Ok(back) => assert!(back == *report, "{what}: the report changed in transfer:\nbefore: {report:#?}\nafter: {back:#?}"),
        Err(e) => panic!("{what}: the report does not read back: {e}"),
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The context and input of a fixture file, as `support::check` sets them up.
fn fixture(name: &str, text: &str) -> (Context, String) {
    let (head, body) = text.split_once("\n---\n").unwrap_or_else(|| panic!("{name}: no `---` line"));
    let mut ctx = Context::new(support::DEFAULT_NOW);
    for line in head.lines() {
        let (key, value) = line.split_once(": ").unwrap_or_else(|| panic!("{name}: bad line {line:?}"));
        support::context_key(&mut ctx, key, value);
    }
    (ctx, body.strip_suffix('\n').unwrap_or(body).to_string())
}

#[test]
fn every_fixture_report_and_job_round_trip() {
    let mut count = 0;
    let mut keyed = 0;
    for (name, text) in support::all() {
        let (ctx, input) = fixture(name, text);
        keyed += usize::from(!ctx.keys.is_empty());
        let report = inspect(&input, &ctx);
        round_trip(&report, name);
        let job = Job { text: input, context: ctx };
        assert_eq!(decode_job(&encode_job(&job)).as_ref(), Ok(&job), "{name}: the job changed in transfer");
        count += 1;
    }
    assert!(count > 150 && keyed > 20, "only {count} fixtures ({keyed} with keys) ran");
}

/// A paste with a Basic password, a bearer JWT, cookies sent and expected, and an HMAC secret.
fn secret_paste() -> String {
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("alice:{PASSWORD}"));
    [
        "GET https://api.example.com/v1/me HTTP/1.1".to_string(),
        "Host: api.example.com".into(),
        format!("Authorization: Bearer {JWT}"),
        format!("Cookie: session={SESSION}; theme=dark"),
        String::new(),
        "HTTP/1.1 401 Unauthorized".into(),
        "WWW-Authenticate: Bearer error=\"invalid_token\"".into(),
        format!("Set-Cookie: session={SET_SESSION}; Path=/; Secure; HttpOnly; SameSite=Lax"),
        String::new(),
        "GET https://api.example.com/v1/orders HTTP/1.1".into(),
        "Host: api.example.com".into(),
        format!("Authorization: Basic {basic}"),
        format!("Cookie: session={SESSION}"),
        String::new(),
        "HTTP/1.1 401 Unauthorized".into(),
        "WWW-Authenticate: Basic realm=\"app\"".into(),
        String::new(),
        format!("Cookie: other={SESSION}x"),
        format!("Set-Cookie: pasted={SET_SESSION}y; Secure"),
    ]
    .join("\n")
}

#[test]
fn secrets_cross_the_transfer_but_never_reach_the_json() {
    let mut ctx = Context::new(NOW).with_key(KeyInput::new("the secret field", HMAC, KeyFormat::SecretText));
    ctx.origin = Some("https://app.example.com".into());
    ctx.credentials = Some(CredentialsMode::Include);

    // Snippets with the real secrets in them, as the user may ask: carried like the rest.
    let asked = inspect(&secret_paste(), &Context { secrets_in_snippets: true, ..ctx.clone() });
    assert!(asked.snippets.iter().any(|s| s.text.contains(JWT)), "the snippets hold the token, as asked");
    round_trip(&asked, "snippets with secrets");

    let report = inspect(&secret_paste(), &ctx);

    // The report holds every kind of secret the transfer must carry.
    assert_eq!(report.tokens.first().map(|t| t.token.expose()), Some(JWT));
    assert_eq!(report.tokens[0].parts.iter().map(Secret::expose).collect::<Vec<_>>(), JWT.split('.').collect::<Vec<_>>());
    let password = report.authorization.iter().find_map(|a| a.password.as_ref()).map(Secret::expose);
    assert_eq!(password, Some(PASSWORD));
    let second = &report.exchanges[1].cookies;
    assert_eq!(second.sent.as_ref().map(Secret::expose), Some(format!("session={SESSION}").as_str()));
    assert_eq!(second.expected.as_ref().map(Secret::expose), Some(format!("session={SET_SESSION}").as_str()));
    assert!(report.cookies.iter().any(|c| c.value.expose() == format!("{SESSION}x")));
    assert_eq!(report.credentials, Some("include"));

    let bytes = round_trip(&report, "the paste full of secrets");
    let back = decode_report(&bytes).unwrap();
    assert_eq!(back.authorization.iter().find_map(|a| a.password.as_ref()).map(Secret::expose), Some(PASSWORD));
    assert_eq!(back.tokens[0].parts, report.tokens[0].parts);
    assert_eq!(back.exchanges[1].cookies, report.exchanges[1].cookies);
    for secret in [JWT, PASSWORD, SESSION, SET_SESSION] {
        assert!(contains(&bytes, secret), "the transfer form lacks {secret:?}");
    }

    // The public JSON is as redacted as ever, of the original and of the report read back.
    for r in [&report, &back] {
        let json = serde_json::to_string(r).unwrap();
        for secret in [JWT, SIGNATURE, PASSWORD, SESSION, SET_SESSION, HMAC] {
            assert!(!json.contains(secret), "the JSON report holds {secret:?}");
        }
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["exchanges"][1]["cookies"]["sent"], json!(redact_cookie_header(&format!("session={SESSION}"))));
        assert!(value["tokens"][0].get("parts").is_none(), "parts never go into JSON");
    }
    assert_eq!(serde_json::to_string(&report).unwrap(), serde_json::to_string(&back).unwrap());
}

#[test]
fn table_texts_are_left_out_of_the_transfer() {
    let report = inspect(&secret_paste(), &Context::new(NOW));
    let bytes = round_trip(&report, "the paste");
    // The most likely cause's sentence quotes its finding's title; any other finding's table
    // texts must be absent.
    let named: Vec<&str> = report.checklist.iter().filter_map(|e| e.most_likely.as_deref()).collect();
    let finding = report.findings.iter().find(|f| !named.iter().any(|m| m.contains(f.title))).expect("a finding that is not the most likely cause");
    assert!(!contains(&bytes, finding.help) && !contains(&bytes, finding.title), "the help and title come from the table");
    for entry in &report.checklist {
        assert!(!contains(&bytes, entry.why), "the guidance of {} comes from the table", entry.id.as_str());
    }
    assert!(contains(&bytes, &finding.message), "what was found is carried");
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains(finding.help) && json.contains(report.checklist[0].why), "JSON keeps every text");
    assert!(bytes.len() * 2 < json.len(), "{} bytes against {} of JSON", bytes.len(), json.len());
}

#[test]
fn token_parts_survive_even_when_they_are_not_the_token_split() {
    let report = inspect(&format!("Authorization: Bearer {JWT}"), &Context::new(NOW));
    let usual = round_trip(&report, "a bearer token");
    let times = usual.windows(SIGNATURE.len()).filter(|w| *w == SIGNATURE.as_bytes()).count();
    assert_eq!(times, 1, "parts that are the token split at its dots are not sent again");

    let mut odd = report.clone();
    odd.tokens[0].parts = vec![Secret::new("only"), Secret::new("these")];
    let bytes = round_trip(&odd, "parts unlike the token");
    assert!(contains(&bytes, "these"));
    let mut none = report;
    none.tokens[0].parts.clear();
    round_trip(&none, "no parts at all");
}

#[test]
fn a_job_with_keys_and_every_option_round_trips() {
    let pem = include_str!("data/issuer-cert.pem");
    let context = Context {
        now: -62_135_596_800,
        skew: u64::MAX,
        keys: vec![
            KeyInput::new("keys.json", r#"{"kty":"oct","k":"c2VjcmV0"}"#, KeyFormat::Auto),
            KeyInput::new("the PEM", pem, KeyFormat::Auto),
            KeyInput::new("the secret field", HMAC, KeyFormat::SecretText),
            KeyInput::new("the base64 field", "aG1hYy1zZWNyZXQ=", KeyFormat::SecretBase64),
            KeyInput::new("", "", KeyFormat::SecretText),
        ],
        expect: Expectations {
            audiences: vec!["api".into(), "https://api.example.com/".into()],
            issuer: Some("https://login.example.com/v2.0".into()),
            scopes: vec!["orders.read".into(), "ünïcödé".into()],
            client_id: Some("client-42".into()),
            max_age: Some(u64::MAX),
        },
        trust_x5c: true,
        exchange: Some(usize::MAX),
        origin: Some("https://app.example.com".into()),
        credentials: Some(CredentialsMode::SameOrigin),
        secrets_in_snippets: true,
        password: Some(why401_engine::secret::Secret::new("Circle of Life")),
        aws_secret: Some(Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
        client_certs: vec![include_str!("data/client-cert.pem").to_string()],
        // -- browser engine (CORS differences) --
        browser: Some(why401_engine::context::Browser::Firefox),
        // -- end browser engine --
        third_party_cookies: Some(why401_engine::context::ThirdPartyCookies::Blocked),
    };
    for credentials in [None, Some(CredentialsMode::Omit), Some(CredentialsMode::SameOrigin), Some(CredentialsMode::Include)] {
        let job = Job { text: secret_paste(), context: Context { credentials, ..context.clone() } };
        let bytes = encode_job(&job);
        assert_eq!(decode_job(&bytes), Ok(job.clone()));
        assert!(contains(&bytes, HMAC) && contains(&bytes, pem), "the key texts are carried whole");
        assert!(contains(&bytes, "Circle of Life"), "the password is carried whole");
        let json = serde_json::to_string(&job).unwrap();
        assert!(!json.contains(HMAC), "a job's JSON form redacts the keys");
        assert!(!json.contains("Circle of Life"), "a job's JSON form redacts the password");
        assert!(contains(&bytes, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "the AWS secret is carried whole");
        assert!(!json.contains("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "a job's JSON form redacts the AWS secret");
    }
    let plain = Job { text: String::new(), context: Context::new(0) };
    assert_eq!(decode_job(&encode_job(&plain)), Ok(plain));
}

/// A JWS with this payload (raw JSON text) and an HS256 header.
fn token_with(payload: &str) -> String {
    format!("{}.{}.c2ln", b64url(r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#), b64url(payload))
}

#[test]
fn json_values_in_tokens_survive_exactly() {
    let deep = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    let payload = format!(
        r#"{{"zeta":1,"alpha":2,"big":18446744073709551615,"min":-9223372036854775808,"neg":-1,
            "huge":1.620679373947413e152,"tiny":5e-324,"tenth":0.1,"third":0.3333333333333333,"max":1.7976931348623157e308,
            "negzero":-0.0,"whole":2.0,"beyond":18446744073709551616,"half":1.5,"f32":16777217.0,
            "text":"ünï\u0000cödé 😀","nested":{{"b":{{"c":[1,{{"d":null}},true,false,"x"]}},"a":[]}},"deep":{deep},
            "exp":1764003600,"iat":1764000000.75}}"#
    );
    let report = inspect(&format!("Authorization: Bearer {}", token_with(&payload)), &Context::new(NOW));
    let claims = &report.tokens[0].payload;
    assert_eq!(claims["big"].as_u64(), Some(u64::MAX), "{claims}");
    assert_eq!(claims["min"].as_i64(), Some(i64::MIN));
    assert!(claims["negzero"].as_f64().is_some_and(|z| z == 0.0 && z.is_sign_negative()), "{}", claims["negzero"]);
    assert!(claims["deep"].is_array(), "the deep claim was read");

    let back = decode_report(&round_trip(&report, "a token with odd numbers")).unwrap();
    let got = &back.tokens[0].payload;
    // Equal, including the kind of each number and the order of members, as JSON shows them.
    assert_eq!(serde_json::to_string(got).unwrap(), serde_json::to_string(claims).unwrap());
    assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&report).unwrap());
    for key in ["big", "min", "neg", "whole", "huge", "tiny", "max", "beyond", "f32"] {
        let (a, b) = (&got[key], &claims[key]);
        assert_eq!((a.is_u64(), a.is_i64(), a.is_f64()), (b.is_u64(), b.is_i64(), b.is_f64()), "the kind of {key}");
        assert_eq!(a.as_f64().map(f64::to_bits), b.as_f64().map(f64::to_bits), "{key}");
    }
    assert!(got["negzero"].as_f64().is_some_and(f64::is_sign_negative));
    let keys: Vec<&String> = got.as_object().unwrap().keys().collect();
    assert_eq!(keys.first().map(|k| k.as_str()), Some("zeta"), "members keep their order");
    assert_eq!(back.tokens[0].times, report.tokens[0].times);
}

#[test]
fn broken_transfers_are_refused_with_a_clear_message() {
    let report = inspect(&secret_paste(), &Context::new(NOW).with_key(KeyInput::new("k", HMAC, KeyFormat::SecretText)));
    let bytes = encode_report(&report);
    let job_bytes = encode_job(&Job { text: "x".into(), context: Context::new(NOW) });

    let err = |bytes: &[u8]| decode_report(bytes).expect_err("broken bytes must not decode");
    assert!(err(&[]).contains("empty"), "{}", err(&[]));
    assert!(err(b"garbage, not CBOR").contains("does not start with its tag"));
    assert!(err(&job_bytes).contains("holds a job, not a report"), "{}", err(&job_bytes));
    assert!(decode_job(&bytes).expect_err("a report is not a job").contains("holds a report, not a job"));

    // Every truncation fails, and says so (every 7th length of the big one, each of a small one).
    let tag = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let small = encode_report(&inspect("Authorization: Basic dXNlcjpodW50ZXIy", &Context::new(NOW)));
    for (bytes, step) in [(&bytes, 7), (&small, 1)] {
        for len in (0..bytes.len()).step_by(step) {
            let e = err(&bytes[..len]);
            if len > tag {
                assert!(e.contains("truncated"), "cut at {len}: {e}");
            }
        }
    }
    let mut longer = bytes.clone();
    longer.extend_from_slice(&[0xf6, 0xf6]);
    assert!(err(&longer).contains("2 stray bytes"), "{}", err(&longer));

    // Damaged bodies: every byte flipped in turn, and random noise behind the tag, never panic.
    for i in tag..small.len() {
        for mask in [0xff, 0x01, 0x80] {
            let mut damaged = small.clone();
            damaged[i] ^= mask;
            let _ = decode_report(&damaged);
        }
    }
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for n in 0..2000 {
        let mut noise = bytes[..tag].to_vec();
        for _ in 0..(n % 300) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            noise.push(seed.to_le_bytes()[0]);
        }
        let _ = decode_report(&noise);
        let _ = decode_job(&noise);
    }
    // A huge length announced by a few bytes is refused without allocating it.
    let mut announce = bytes[..tag].to_vec();
    announce.extend_from_slice(&[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    assert!(err(&announce).contains("cannot be read"));
    let mut deep = bytes[..tag].to_vec();
    deep.extend(std::iter::repeat_n(0x81, 100_000));
    assert!(err(&deep).contains("cannot be read"), "{}", err(&deep));
}

#[test]
fn values_this_build_does_not_know_are_refused() {
    let base = inspect(&format!("Authorization: Bearer {JWT}"), &Context::new(NOW));
    let refused = |report: Report, words: &str| {
        let e = decode_report(&encode_report(&report)).expect_err("an unknown value must not decode");
        assert!(e.contains(words), "want {words:?} in {e:?}");
    };

    let mut r = base.clone();
    r.schema = "why401.report/0";
    refused(r, "schema");
    let mut r = base.clone();
    r.credentials = Some("sometimes");
    refused(r, "unknown credentials mode");
    let mut r = base.clone();
    r.tokens[0].times.push(TimeClaim { claim: "soon", value: 0, utc: String::new(), relative: String::new() });
    refused(r, "unknown time claim");
    let mut r = base.clone();
    r.checklist[0].evidence.push("NOPE001");
    refused(r, "unknown finding code");

    // Where the table texts are written (JSON), they must be this build's.
    let mut finding = serde_json::to_value(Finding::new(Code::TokenExpired, "x")).unwrap();
    assert!(serde_json::from_value::<Finding>(finding.clone()).is_ok_and(|f| f == Finding::new(Code::TokenExpired, "x")));
    finding["title"] = json!("A title of my own");
    let e = serde_json::from_value::<Finding>(finding).expect_err("a foreign title is refused");
    assert!(e.to_string().contains("code table"), "{e}");
    let mut entry = serde_json::to_value(&base.checklist[0]).unwrap();
    assert_eq!(serde_json::from_value::<why401_engine::ChecklistEntry>(entry.clone()).ok().as_ref(), base.checklist.first());
    entry["why"] = json!("Because");
    let e = serde_json::from_value::<why401_engine::ChecklistEntry>(entry).expect_err("foreign guidance is refused");
    assert!(e.to_string().contains("step table"), "{e}");

    // What the engine may change is carried: a raised severity, a most-likely note.
    let mut r = base;
    r.findings.push(Finding { severity: why401_engine::Severity::Error, ..Finding::new(Code::RequestIds, "raised") });
    r.checklist[1].most_likely = Some("because".into());
    round_trip(&r, "a raised severity");
}

#[test]
fn only_the_transfer_form_carries_secrets_not_every_binary_serialiser() {
    let report = inspect(&secret_paste(), &Context::new(NOW));
    assert!(contains(&encode_report(&report), PASSWORD), "the transfer form carries the password");
    // The same report written as CBOR directly, outside the transfer module: redacted, like JSON.
    let mut direct = Vec::new();
    ciborium::into_writer(&report, &mut direct).expect("CBOR into a Vec");
    for secret in [PASSWORD, SESSION, SIGNATURE] {
        assert!(!contains(&direct, secret), "{secret} must not be in CBOR written outside the transfer form");
    }
    let mut direct = Vec::new();
    ciborium::into_writer(&Secret::new(PASSWORD), &mut direct).expect("CBOR into a Vec");
    assert!(!contains(&direct, PASSWORD));
    // And writing the transfer form leaves nothing switched on behind it.
    encode_report(&report);
    let mut after = Vec::new();
    ciborium::into_writer(&Secret::new(PASSWORD), &mut after).expect("CBOR into a Vec");
    assert_eq!(after, direct);
}

#[test]
fn a_job_encoded_from_its_parts_is_the_same_job() {
    let context = Context::new(NOW).with_key(KeyInput::new("the secret field", HMAC, KeyFormat::SecretText));
    let job = Job { text: secret_paste(), context: context.clone() };
    let from_parts = encode_job_from(&job.text, &context);
    assert_eq!(from_parts, encode_job(&job));
    assert_eq!(decode_job(&from_parts), Ok(job));
}
